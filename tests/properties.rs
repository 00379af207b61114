//! Properties of the tagger and the co-occurrence graph that hold for any text: text made of a small
//! gazetteer's names in random capitalisations, mixed with punctuation, line breaks (CRLF too),
//! typographic characters, Unicode words and arbitrary characters.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::OnceLock;

use nergraph::export::{json, Metadata};
use nergraph::gazetteer::{AliasKind, CaseRule, EntityType, GazetteerBuilder, Target};
use nergraph::graph::{CooccurrenceCounter, GraphFilter, PartialGraph, Window};
use nergraph::tagger::{Mention, ResolvedBy, Tagger};
use nergraph::text::{normalize, paragraphs, sentences, NormalizedText};
use proptest::prelude::*;

const GAZETTEER: &str = "\
country:GB\tCOUNTRY\tUnited Kingdom\tUK | Britain | British [demonym] | London [capital]
country:RU\tCOUNTRY\tRussia\tRussian [demonym] | Moscow [capital]
country:TR\tCOUNTRY\tTurkey [exact]\tTürkiye
country:US\tCOUNTRY\tUnited States\tUS | U.S. | America
org:reddit\tORG\tReddit\treddit [any]
org:acme\tORG\tAcme Analytics\tAcme | ACX [acronym]
org:omega\tORG\tΩμέγα Group\tΩΜΕΓΑ [acronym]
org:cisa\tORG\tCybersecurity and Infrastructure Security Agency\tCISA [acronym]
person:jane-smith\tPERSON\tJane Smith
person:xi-jinping\tPERSON\tXi Jinping\tXi [short]
person:mesut-ozil\tPERSON\tMesut Özil
neg:food\tNOT\tturkey sandwich
";

/// Every alias of [`GAZETTEER`] with its case rule and kind, derived surnames included: the default
/// rule is `exact` for aliases without lowercase letters and `caps` for the others.
const ALIASES: &[(&str, &str, CaseRule, AliasKind)] = &[
    (
        "country:GB",
        "United Kingdom",
        CaseRule::Caps,
        AliasKind::Name,
    ),
    ("country:GB", "UK", CaseRule::Exact, AliasKind::Name),
    ("country:GB", "Britain", CaseRule::Caps, AliasKind::Name),
    ("country:GB", "British", CaseRule::Caps, AliasKind::Demonym),
    ("country:GB", "London", CaseRule::Caps, AliasKind::Capital),
    ("country:RU", "Russia", CaseRule::Caps, AliasKind::Name),
    ("country:RU", "Russian", CaseRule::Caps, AliasKind::Demonym),
    ("country:RU", "Moscow", CaseRule::Caps, AliasKind::Capital),
    ("country:TR", "Turkey", CaseRule::Exact, AliasKind::Name),
    ("country:TR", "Türkiye", CaseRule::Caps, AliasKind::Name),
    (
        "country:US",
        "United States",
        CaseRule::Caps,
        AliasKind::Name,
    ),
    ("country:US", "US", CaseRule::Exact, AliasKind::Name),
    ("country:US", "U.S.", CaseRule::Exact, AliasKind::Name),
    ("country:US", "America", CaseRule::Caps, AliasKind::Name),
    ("org:reddit", "Reddit", CaseRule::Caps, AliasKind::Name),
    ("org:reddit", "reddit", CaseRule::Any, AliasKind::Name),
    (
        "org:acme",
        "Acme Analytics",
        CaseRule::Caps,
        AliasKind::Name,
    ),
    ("org:acme", "Acme", CaseRule::Caps, AliasKind::Name),
    ("org:acme", "ACX", CaseRule::Exact, AliasKind::Acronym),
    ("org:omega", "Ωμέγα Group", CaseRule::Caps, AliasKind::Name),
    ("org:omega", "ΩΜΕΓΑ", CaseRule::Exact, AliasKind::Acronym),
    (
        "org:cisa",
        "Cybersecurity and Infrastructure Security Agency",
        CaseRule::Caps,
        AliasKind::Name,
    ),
    ("org:cisa", "CISA", CaseRule::Exact, AliasKind::Acronym),
    (
        "person:jane-smith",
        "Jane Smith",
        CaseRule::Caps,
        AliasKind::Name,
    ),
    (
        "person:jane-smith",
        "Smith",
        CaseRule::Caps,
        AliasKind::Short,
    ),
    (
        "person:xi-jinping",
        "Xi Jinping",
        CaseRule::Caps,
        AliasKind::Name,
    ),
    ("person:xi-jinping", "Xi", CaseRule::Caps, AliasKind::Short),
    (
        "person:mesut-ozil",
        "Mesut Özil",
        CaseRule::Caps,
        AliasKind::Name,
    ),
    (
        "person:mesut-ozil",
        "Özil",
        CaseRule::Caps,
        AliasKind::Short,
    ),
];

fn tagger() -> &'static Tagger {
    static TAGGER: OnceLock<Tagger> = OnceLock::new();
    TAGGER.get_or_init(|| {
        let mut builder = GazetteerBuilder::new();
        builder.add_source("properties.tsv", GAZETTEER).unwrap();
        Tagger::new(builder.build().unwrap()).unwrap()
    })
}

#[test]
fn the_alias_table_is_the_gazetteer() {
    let gazetteer = tagger().gazetteer();
    let mut found: Vec<(&str, &str, CaseRule, AliasKind)> = gazetteer
        .aliases()
        .iter()
        .filter_map(|a| match a.target() {
            Target::Entity(e) => Some((gazetteer.entity(e).id(), a.text(), a.case(), a.kind())),
            Target::Negative => None,
        })
        .collect();
    let mut expected = ALIASES.to_vec();
    fn key<'a>(
        x: &(&'a str, &'a str, CaseRule, AliasKind),
    ) -> (&'a str, &'a str, &'static str, &'static str) {
        (x.0, x.1, x.2.as_str(), x.3.as_str())
    }
    found.sort_by_key(key);
    expected.sort_by_key(key);
    assert_eq!(found, expected);
}

// ---------------------------------------------------------------------------------------------
// Text strategies
// ---------------------------------------------------------------------------------------------

/// A name written as it is, in capitals, in lowercase, or with each letter's case at random.
fn cased(name: &'static str) -> impl Strategy<Value = String> {
    prop_oneof![
        3 => Just(name.to_owned()),
        1 => Just(name.to_uppercase()),
        1 => Just(name.to_lowercase()),
        1 => prop::collection::vec(any::<bool>(), name.chars().count()).prop_map(move |upper| {
            name.chars()
                .zip(upper)
                .map(|(c, up)| if up { c.to_uppercase().to_string() } else { c.to_lowercase().to_string() })
                .collect()
        }),
    ]
}

fn name() -> impl Strategy<Value = String> {
    let names: Vec<&'static str> = ALIASES
        .iter()
        .map(|a| a.1)
        .chain([
            "turkey sandwich",
            "Mr Smith",
            "Jane Smith (JS)",
            "Acme (ACX)",
            "Russia (RF)",
        ])
        .collect();
    prop::sample::select(names).prop_flat_map(cased)
}

fn filler() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(vec![
            " ", " ", " ", ", ", ". ", "! ", "? ", "; ", ": ", " and ", " said ", " met ", "'s ",
            "\u{2019}s ", " (", ") ", "\"", "\u{201C}", "\u{201D}", "-", "\u{2013}", "\n", "\r\n",
            "\r\n\r\n", "\n\n", "\t", "\u{00A0}", "\u{00AD}", "\u{200B}", " Inc", " Co", " & Co ",
            " The ", " He ", "Mr. ", " U.S. ", "...", "3.5", " Zürich ", " İstanbul ", " Straße ",
            " 日本 ", "e\u{0301}", "\u{FF35}\u{FF2B}", "\u{FB01}",
        ]).prop_map(str::to_owned),
        2 => "[a-zA-Z]{1,8}",
        1 => any::<char>().prop_map(String::from),
    ]
}

/// A document: names and fillers in any order, mostly separated by spaces.
fn document() -> impl Strategy<Value = String> {
    let separator = prop::sample::select(vec![" ", " ", " ", " ", "", ", ", ". ", "\n", "\r\n"]);
    prop::collection::vec((prop_oneof![name(), filler()], separator), 0..40).prop_map(|parts| {
        parts
            .into_iter()
            .flat_map(|(part, separator)| [part, separator.to_owned()])
            .collect()
    })
}

fn corpus() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(document(), 0..8)
}

fn window() -> impl Strategy<Value = Window> {
    prop::sample::select(vec![Window::Sentence, Window::Paragraph, Window::Document])
}

// ---------------------------------------------------------------------------------------------
// Mentions
// ---------------------------------------------------------------------------------------------

/// The normalised text of a mention as the tagger matches it: line breaks and tabs as spaces.
fn surface(norm: &str, m: &Mention) -> String {
    norm[m.normalized_span.clone()].replace(['\n', '\r', '\t'], " ")
}

/// Whether `surface` is `alias` under `case`: `exact` as written, `caps` as written or in
/// capitals, `any` in any capitalisation.
fn accepts(case: CaseRule, alias: &str, surface: &str) -> bool {
    match case {
        CaseRule::Exact => surface == alias,
        CaseRule::Caps => surface == alias || surface == alias.to_uppercase(),
        CaseRule::Any => surface.to_lowercase() == alias.to_lowercase(),
    }
}

/// The texts a mention may name its entity by: the whole surface, and for an organisation each
/// part before a space too, since its name or acronym may be followed by a legal form ("ACX Co").
fn names_in(surface: &str, is_org: bool) -> Vec<&str> {
    let mut texts = vec![surface];
    if is_org {
        texts.extend(surface.match_indices(' ').map(|(at, _)| &surface[..at]));
    }
    texts
}

/// Whether a mention's text is one of its entity's aliases of its kind under the alias's case rule
/// (an organisation's name may be followed by a legal form such as "Inc").
fn is_alias_match(id: &str, is_org: bool, kind: AliasKind, surface: &str) -> bool {
    let texts = names_in(surface, is_org);
    ALIASES.iter().any(|&(entity, alias, case, alias_kind)| {
        entity == id && alias_kind == kind && texts.iter().any(|s| accepts(case, alias, s))
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Spans, original and normalised, lie inside the text on char boundaries, sorted and
    /// non-overlapping, and the normalised span maps to the original one.
    #[test]
    fn spans_are_sorted_disjoint_slices(text in document()) {
        let normalized = normalize(&text);
        let mentions = tagger().tag_normalized(&normalized);
        let norm = normalized.as_str();
        let (mut end, mut norm_end) = (0, 0);
        for m in &mentions {
            prop_assert!(m.span.start < m.span.end && m.span.end <= text.len(), "{m:?}");
            prop_assert!(text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end));
            prop_assert!(m.normalized_span.start < m.normalized_span.end);
            prop_assert!(m.normalized_span.end <= norm.len());
            prop_assert!(norm.is_char_boundary(m.normalized_span.start));
            prop_assert!(norm.is_char_boundary(m.normalized_span.end));
            prop_assert!(m.span.start >= end, "overlap or disorder: {mentions:?}");
            prop_assert!(m.normalized_span.start >= norm_end, "{mentions:?}");
            prop_assert_eq!(normalized.original_span(m.normalized_span.clone()), m.span.clone());
            (end, norm_end) = (m.span.end, m.normalized_span.end);
        }
    }

    /// The text at each span is an alias of the mentioned entity, of the mention's kind, under that
    /// alias's case rule; or an acronym that the text defined in brackets right after an earlier
    /// mention of the entity. Short forms and shared aliases only follow a mention of the entity.
    #[test]
    fn mentions_are_alias_matches(text in document()) {
        let tagger = tagger();
        let gazetteer = tagger.gazetteer();
        let normalized = normalize(&text);
        let norm = normalized.as_str();
        let mentions = tagger.tag_normalized(&normalized);
        for (i, m) in mentions.iter().enumerate() {
            let entity = gazetteer.entity(m.entity);
            let surface = surface(norm, m);
            let earlier = &mentions[..i];
            match m.resolved_by {
                ResolvedBy::TextAcronym => {
                    prop_assert_eq!(m.kind, AliasKind::Acronym);
                    let acronyms = names_in(&surface, entity.entity_type() == EntityType::Org);
                    let defined = earlier.iter().any(|e| {
                        e.entity == m.entity && {
                            let after = &norm[e.normalized_span.end..];
                            let after = after.strip_prefix(' ').unwrap_or(after);
                            acronyms.iter().any(|a| after.starts_with(&format!("({a})")))
                        }
                    });
                    prop_assert!(defined, "{surface:?} never defined in {norm:?}");
                }
                ResolvedBy::Alias | ResolvedBy::Context => {
                    let is_org = entity.entity_type() == EntityType::Org;
                    prop_assert!(
                        is_alias_match(entity.id(), is_org, m.kind, &surface),
                        "{:?} is no {} alias of {} in {:?}", surface, m.kind.as_str(), entity.id(), norm
                    );
                }
            }
            if m.resolved_by == ResolvedBy::Context || m.kind == AliasKind::Short {
                prop_assert!(
                    earlier.iter().any(|e| e.entity == m.entity),
                    "{surface:?} resolved without an earlier mention in {norm:?}"
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Graphs
// ---------------------------------------------------------------------------------------------

/// The window index of each mention, computed from the library's segmentation: the last window
/// that starts at or before the mention (the first window for a mention before every window).
fn window_of_mentions(
    window: Window,
    text: &NormalizedText<'_>,
    mentions: &[Mention],
) -> Vec<usize> {
    let norm = text.as_str();
    let starts: Vec<usize> = match window {
        Window::Document => vec![0],
        Window::Paragraph => paragraphs(norm).into_iter().map(|p| p.start).collect(),
        Window::Sentence => paragraphs(norm)
            .into_iter()
            .flat_map(|p| sentences(norm, p))
            .map(|s| s.start)
            .collect(),
        Window::Tokens(_) => unreachable!("not generated"),
    };
    mentions
        .iter()
        .map(|m| {
            starts
                .iter()
                .rposition(|&s| s <= m.normalized_span.start)
                .unwrap_or(0)
        })
        .collect()
}

/// Tags the corpus and counts by brute force: for every ordered pair of distinct entity ids, the
/// number of windows that mention both; and the number of mentions.
fn brute_force(window: Window, docs: &[String]) -> (BTreeMap<(String, String), u64>, u64) {
    let tagger = tagger();
    let id = |m: &Mention| tagger.gazetteer().entity(m.entity).id().to_owned();
    let mut weights: BTreeMap<(String, String), u64> = BTreeMap::new();
    let mut total = 0;
    for doc in docs {
        let normalized = normalize(doc);
        let mentions = tagger.tag_normalized(&normalized);
        total += mentions.len() as u64;
        let at = window_of_mentions(window, &normalized, &mentions);
        let mut by_window: BTreeMap<usize, BTreeSet<String>> = BTreeMap::new();
        for (m, w) in mentions.iter().zip(at) {
            by_window.entry(w).or_default().insert(id(m));
        }
        for entities in by_window.values() {
            for a in entities {
                for b in entities {
                    if a != b {
                        *weights.entry((a.clone(), b.clone())).or_default() += 1;
                    }
                }
            }
        }
    }
    (weights, total)
}

fn counter_of(window: Window, docs: &[String], first: usize) -> CooccurrenceCounter {
    let tagger = tagger();
    let mut counter = CooccurrenceCounter::new(window).evidence_limit(2);
    for (i, doc) in docs.iter().enumerate() {
        let normalized = normalize(doc);
        let name = format!("doc{}", first + i);
        counter.add_document(&name, &normalized, &tagger.tag_normalized(&normalized));
    }
    counter
}

fn metadata(window: Window, documents: usize) -> Metadata {
    Metadata {
        nergraph_version: "properties".into(),
        window: window.to_string(),
        documents,
        gazetteers: vec!["properties.tsv".into()],
        filter: GraphFilter::default(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Edge weights are symmetric and equal the number of windows that mention both entities,
    /// counted by brute force over the library's sentences and paragraphs.
    #[test]
    fn edge_weights_are_brute_force_window_counts(docs in corpus(), window in window()) {
        let graph = counter_of(window, &docs, 0).finish(tagger().gazetteer());
        let mut weights: HashMap<(String, String), u64> = HashMap::new();
        let g = graph.graph();
        for a in g.node_indices() {
            for b in g.node_indices() {
                if let Some(e) = g.find_edge(a, b) {
                    let back = g.find_edge(b, a).expect("an edge both ways");
                    prop_assert_eq!(g[e].weight, g[back].weight);
                    weights.insert((g[a].id.clone(), g[b].id.clone()), g[e].weight);
                }
            }
        }
        let (expected, _) = brute_force(window, &docs);
        let expected: HashMap<(String, String), u64> = expected.into_iter().collect();
        prop_assert_eq!(weights, expected);
    }

    /// Every mention is counted once: the nodes' mention counts add up to the mentions tagged.
    #[test]
    fn node_mentions_add_up(docs in corpus(), window in window()) {
        let graph = counter_of(window, &docs, 0).finish(tagger().gazetteer());
        let (_, total) = brute_force(window, &docs);
        prop_assert_eq!(graph.nodes().map(|n| n.mentions).sum::<u64>(), total);
    }

    /// Counting shards of a corpus and merging them in corpus order, in memory or through partial
    /// results saved as JSON, gives the graph of a single run, JSON for JSON.
    #[test]
    fn merged_shards_equal_one_run(
        docs in corpus(),
        cuts in prop::collection::vec(0usize..8, 0..4),
        window in window(),
    ) {
        let whole = counter_of(window, &docs, 0).finish(tagger().gazetteer());
        let meta = metadata(window, docs.len());
        let expected = json::to_json(&whole, &meta);
        let mut cuts: Vec<usize> = cuts.into_iter().map(|c| c.min(docs.len())).collect();
        cuts.extend([0, docs.len()]);
        cuts.sort_unstable();
        let shards: Vec<(usize, &[String])> =
            cuts.windows(2).map(|w| (w[0], &docs[w[0]..w[1]])).collect();

        let mut merged = CooccurrenceCounter::new(window).evidence_limit(2);
        for &(first, shard) in &shards {
            merged.merge(counter_of(window, shard, first));
        }
        prop_assert_eq!(json::to_json(&merged.finish(tagger().gazetteer()), &meta), expected.clone());

        let mut partials = shards.iter().map(|&(first, shard)| {
            let json = counter_of(window, shard, first).into_partial(tagger().gazetteer()).to_json();
            PartialGraph::from_json("shard.json", &json).unwrap()
        });
        let mut merged = partials.next().unwrap();
        for partial in partials {
            merged.merge(partial).unwrap();
        }
        prop_assert_eq!(json::to_json(&merged.finish(), &meta), expected);
    }
}
