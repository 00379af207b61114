//! The checks behind the fuzz targets in `fuzz/fuzz_targets/`, shared with
//! `tests/fuzz_regressions.rs`, which replays the saved inputs under `tests/fuzz_regressions/` on
//! stable Rust without a fuzzer.
//!
//! Each check takes the raw bytes of one input and panics when an invariant breaks. Both crates
//! include this file with `#[path]`, so it only uses crates that both depend on: `nergraph`, `csv`,
//! `graphviz-rust` and `roxmltree`.

#![allow(dead_code)]

use std::collections::HashSet;
use std::ops::Range;
use std::sync::OnceLock;

use nergraph::export::{csv as csv_export, dot, gexf, graphml, json, Metadata};
use nergraph::gazetteer::{AliasKind, CaseRule, EntityType, Gazetteer, GazetteerBuilder, Target};
use nergraph::graph::{
    Associations, CooccurrenceEdge, CooccurrenceGraph, EntityNode, Evidence, GraphFilter,
    SurfaceForm, WeightMeasure, Window,
};
use nergraph::tagger::{Mention, ResolvedBy, Tagger, TaggerBuilder};
use nergraph::text::{is_word_char, normalize, paragraphs, sentences, NormalizedText};
use nergraph::Error;

// ---------------------------------------------------------------------------------------------
// tagger
// ---------------------------------------------------------------------------------------------

/// A gazetteer with every case rule (`exact`, `caps`, `any`), every alias kind (name, acronym,
/// demonym, capital, short, and derived short forms), both resolutions (`prefer`, `shared`),
/// negative phrases, and names whose capitals are not simple (`İ`, `ß`, Greek).
pub const TAGGER_GAZETTEER: &str = "\
country:RU\tCOUNTRY\tRussia\tRussian [demonym] | Moscow [capital] | RF [acronym] | rossiya [any]
country:TR\tCOUNTRY\tTurkey [exact]\tTürkiye | Turkish [demonym]
country:GB\tCOUNTRY\tUnited Kingdom\tUK | U.K. | Britain | British [demonym] | London [capital]
country:US\tCOUNTRY\tUnited States\tUS [exact] | U.S. | America | American [demonym]
country:CG\tCOUNTRY\tRepublic of the Congo\tCongo [shared] | Brazzaville [capital]
country:CD\tCOUNTRY\tDemocratic Republic of the Congo\tCongo [shared] | DRC [acronym]
country:GE\tCOUNTRY\tGeorgia [exact, prefer]\tTbilisi [capital] | Georgian [demonym]
country:TD\tCOUNTRY\tChad [exact]
org:georgia-state\tORG\tState of Georgia\tGeorgia [exact]
org:acme\tORG\tAcme Analytics\tAcme | AA [acronym]
org:reddit\tORG\tReddit\treddit [any]
org:ncsc\tORG\tNational Cyber Security Centre\tNCSC [acronym] | National Cyber Security Center
org:cisa\tORG\tCybersecurity and Infrastructure Security Agency
org:isbank\tORG\tİstanbul Bankası [any]\tİş Bank
org:strasse\tORG\tStraße Holdings\tSTRASSE [exact]
org:omega\tORG\tΩμέγα Όμιλος\tΩΜΕΓΑ [acronym]
org:abc\tORG\tA.B.C. News\tABC [acronym, caps]
person:xi-jinping\tPERSON\tXi Jinping\tXi [short] | President Xi
person:dominic-raab\tPERSON\tDominic Raab
person:mesut-ozil\tPERSON\tMesut Özil
person:jane-smith\tPERSON\tJane Smith
person:john-smith\tPERSON\tJohn Smith Jr.
person:conan-obrien\tPERSON\tConan O'Brien
neg:food\tNOT\tturkey sandwich\tguinea pig | Acme Analytics Lab [caps] | Smith & Wesson [exact]
";

/// The four taggers over [`TAGGER_GAZETTEER`]: capitals on or off, context rules on or off.
fn taggers() -> &'static [(Tagger, bool); 4] {
    static TAGGERS: OnceLock<[(Tagger, bool); 4]> = OnceLock::new();
    TAGGERS.get_or_init(|| {
        let build = |capitals: bool, context: bool| {
            let mut builder = GazetteerBuilder::new();
            builder
                .add_source("fuzz-tagger.tsv", TAGGER_GAZETTEER)
                .expect("the fixed gazetteer parses");
            let gazetteer = builder.build().expect("the fixed gazetteer builds");
            let tagger = TaggerBuilder::new()
                .capitals(capitals)
                .context_rules(context)
                .build(gazetteer)
                .expect("the fixed gazetteer compiles");
            (tagger, capitals)
        };
        [
            build(true, true),
            build(false, true),
            build(true, false),
            build(false, false),
        ]
    })
}

/// Tags arbitrary text with [`TAGGER_GAZETTEER`] and checks every mention (see
/// [`check_mentions`]). The first byte picks the tagger options; the rest is the text.
pub fn tagger(data: &[u8]) {
    let Some((&options, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let (tagger, capitals) = &taggers()[usize::from(options % 4)];
    check_mentions(tagger, &text);
    if !capitals {
        let mentions = tagger.tag(&text);
        assert!(
            mentions.iter().all(|m| m.kind != AliasKind::Capital),
            "a capital was tagged with capitals off: {mentions:?}"
        );
    }
}

/// Tags `text` and checks what can be checked without knowing the answer:
///
/// - spans (original and normalised) are non-empty, inside the text, on char boundaries, sorted and
///   non-overlapping, and the normalised span maps to the original one;
/// - a mention starts and ends at word boundaries;
/// - the text at the span is accepted, under its case rule, by an alias of the entity of the same
///   kind (a company name may be followed by its legal form), or is an acronym that the text defined
///   in brackets before;
/// - a mention resolved through the context names an entity mentioned earlier in the document;
/// - tagging the text, or its normalisation, gives the same mentions.
pub fn check_mentions(tagger: &Tagger, text: &str) -> Vec<Mention> {
    let normalized = normalize(text);
    let mentions = tagger.tag_normalized(&normalized);
    assert_eq!(mentions, tagger.tag(text), "tag and tag_normalized differ");
    check_mention_spans(text, &normalized, &mentions);
    let gazetteer = tagger.gazetteer();
    let norm = normalized.as_str();
    for (i, m) in mentions.iter().enumerate() {
        let surface = single_spaced(&norm[m.normalized_span.clone()]);
        let context = || format!("mention {m:?} {surface:?} in {text:?}");
        match m.resolved_by {
            ResolvedBy::TextAcronym => {
                assert_eq!(m.kind, AliasKind::Acronym, "{}", context());
                let definition = format!("({surface})");
                let defined = norm
                    .match_indices(&definition)
                    .any(|(at, _)| at < m.normalized_span.start);
                assert!(defined, "acronym never defined: {}", context());
            }
            ResolvedBy::Alias | ResolvedBy::Context => {
                assert!(
                    alias_accepts_mention(gazetteer, m, &surface),
                    "no alias of {} accepts {}",
                    gazetteer.entity(m.entity).id(),
                    context()
                );
            }
        }
        if m.resolved_by == ResolvedBy::Context {
            let named_before = mentions[..i]
                .iter()
                .any(|earlier| earlier.entity == m.entity);
            assert!(
                named_before,
                "resolved by context, but never named before: {}",
                context()
            );
        }
    }
    mentions
}

/// Checks the spans of `mentions` found in `original` (normalised as `normalized`).
fn check_mention_spans(original: &str, normalized: &NormalizedText<'_>, mentions: &[Mention]) {
    let norm = normalized.as_str();
    let (mut end, mut norm_end) = (0, 0);
    for m in mentions {
        check_range(original, &m.span, "span");
        check_range(norm, &m.normalized_span, "normalised span");
        assert!(
            m.span.start >= end,
            "spans overlap or are unsorted: {mentions:?}"
        );
        assert!(
            m.normalized_span.start >= norm_end,
            "normalised spans overlap or are unsorted: {mentions:?}"
        );
        (end, norm_end) = (m.span.end, m.normalized_span.end);
        assert_eq!(
            normalized.original_span(m.normalized_span.clone()),
            m.span,
            "the normalised span does not map to the span"
        );
        let (start, stop) = (m.normalized_span.start, m.normalized_span.end);
        let inner = &norm[start..stop];
        let first = inner.chars().next().unwrap();
        let last = inner.chars().next_back().unwrap();
        if is_word_char(first) {
            let before = norm[..start].chars().next_back();
            assert!(
                !before.is_some_and(is_word_char),
                "mention starts inside a word: {m:?} in {norm:?}"
            );
        }
        if is_word_char(last) {
            let after = norm[stop..].chars().next();
            assert!(
                !after.is_some_and(is_word_char),
                "mention ends inside a word: {m:?} in {norm:?}"
            );
        }
    }
}

/// Asserts that `range` is a non-empty range of `text` on char boundaries.
fn check_range(text: &str, range: &Range<usize>, what: &str) {
    assert!(
        range.start < range.end && range.end <= text.len(),
        "{what} {range:?} is empty or outside a text of {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(range.start) && text.is_char_boundary(range.end),
        "{what} {range:?} is not on char boundaries of {text:?}"
    );
}

/// Line breaks and tabs as spaces, as the tagger matches them.
pub fn single_spaced(text: &str) -> String {
    text.replace(['\n', '\r', '\t'], " ")
}

/// Whether `surface` is what an alias written `alias` accepts under `case`, by the rules of
/// `gazetteers/README.md`: `exact` only as written, `caps` as written or in capitals, `any` in any
/// capitalisation.
pub fn case_rule_accepts(case: CaseRule, alias: &str, surface: &str) -> bool {
    match case {
        CaseRule::Exact => surface == alias,
        CaseRule::Caps => surface == alias || surface == alias.to_uppercase(),
        CaseRule::Any => surface.to_lowercase() == alias.to_lowercase(),
    }
}

/// Whether an alias of the mention's entity, of the mention's kind, accepts `surface`; for an
/// organisation, a prefix of `surface` followed by a legal form (`Acme Inc`) will do.
fn alias_accepts_mention(gazetteer: &Gazetteer, m: &Mention, surface: &str) -> bool {
    let is_org = gazetteer.entity(m.entity).entity_type() == EntityType::Org;
    let mut candidates = vec![surface];
    if is_org {
        candidates.extend(surface.match_indices(' ').map(|(at, _)| &surface[..at]));
    }
    gazetteer.aliases().iter().any(|a| {
        a.target() == Target::Entity(m.entity)
            && a.kind() == m.kind
            && candidates
                .iter()
                .any(|s| case_rule_accepts(a.case(), a.text(), s))
    })
}

// ---------------------------------------------------------------------------------------------
// gazetteer_parser
// ---------------------------------------------------------------------------------------------

/// A valid source read before the fuzzed one, so that fuzzed rows can extend or clash with it.
pub const BASE_GAZETTEER: &str = "\
country:RU\tCOUNTRY\tRussia\tRussian [demonym] | Moscow [capital]
org:acme\tORG\tAcme Analytics\tAcme | AA [acronym, prefer]
person:jane-smith\tPERSON\tJane Smith
neg:food\tNOT\tturkey sandwich
";

/// Text to tag with every gazetteer that builds.
const SAMPLE_TEXT: &str = "Jane Smith of Acme Analytics (AA) said Russia\u{2019}s envoy met \
Smith in Moscow.\r\n\r\nAcme Inc denied it; a turkey sandwich was served. RUSSIA WARNS.";

/// Reads arbitrary text as a gazetteer source after [`BASE_GAZETTEER`], builds it and compiles a
/// tagger (with context rules for a quarter of the inputs): every step returns `Ok` or an error that
/// names the fuzzed source and a line in it. A tagger that compiles tags the input and a sample text
/// with the mention checks.
pub fn gazetteer_parser(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut builder = GazetteerBuilder::new();
    builder
        .add_source("base.tsv", BASE_GAZETTEER)
        .expect("the base gazetteer parses");
    if let Err(error) = builder.add_source("fuzz.tsv", text) {
        return check_gazetteer_error(&error, text);
    }
    let gazetteer = match builder.build() {
        Ok(gazetteer) => gazetteer,
        Err(error) => return check_gazetteer_error(&error, text),
    };
    assert_eq!(gazetteer.sources(), ["base.tsv", "fuzz.tsv"]);
    // The context rules load a list of first names, which costs more than the rest of this check:
    // a quarter of the inputs (by length) have them, so that the others run faster.
    let context_rules = data.len().is_multiple_of(4);
    let tagger = match TaggerBuilder::new()
        .context_rules(context_rules)
        .build(gazetteer)
    {
        Ok(tagger) => tagger,
        Err(error) => {
            assert!(
                matches!(error, Error::Automaton(_)),
                "compiling the tagger failed with {error}"
            );
            return;
        }
    };
    check_mentions(&tagger, text);
    check_mentions(&tagger, SAMPLE_TEXT);
}

/// An error from reading `text` as `fuzz.tsv` must name that source and a line in it.
fn check_gazetteer_error(error: &Error, text: &str) {
    let Error::Gazetteer {
        source_name,
        line,
        message,
    } = error
    else {
        panic!("a gazetteer error of another kind: {error:?}");
    };
    assert_eq!(source_name, "fuzz.tsv", "{error}");
    let lines = text
        .strip_prefix('\u{FEFF}')
        .unwrap_or(text)
        .lines()
        .count();
    assert!(
        (1..=lines).contains(line),
        "line {line} of a source with {lines} lines: {error}"
    );
    assert!(!message.trim().is_empty(), "an empty message: {error:?}");
    assert!(
        error.to_string().starts_with(&format!("fuzz.tsv:{line}: ")),
        "{error}"
    );
}

// ---------------------------------------------------------------------------------------------
// segmentation
// ---------------------------------------------------------------------------------------------

/// Normalises arbitrary text and splits it (and the original) into paragraphs and sentences.
pub fn segmentation(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let normalized = normalize(&text);
    check_offset_map(&text, &normalized);
    check_segments(&text);
    check_segments(normalized.as_str());
}

/// The offset map of `normalized` round-trips:
///
/// - every offset of the normalised text maps to a char boundary of the original, monotonically;
/// - grouping the normalised characters by the original stretch they come from gives stretches in
///   order, and each stretch normalises on its own to exactly its group;
/// - the original text between stretches normalises to nothing (zero-width characters).
pub fn check_offset_map(original: &str, normalized: &NormalizedText<'_>) {
    let norm = normalized.as_str();
    if normalized.is_unchanged() {
        assert_eq!(norm, original, "unchanged, yet different");
    }
    let boundaries = norm
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(norm.len()));
    let (mut last_start, mut last_end) = (0, 0);
    for at in boundaries {
        let (start, end) = (normalized.original_start(at), normalized.original_end(at));
        for o in [start, end] {
            assert!(
                o <= original.len() && original.is_char_boundary(o),
                "offset {at} maps to {o}, not a char boundary of {original:?}"
            );
        }
        assert!(
            start >= last_start && end >= last_end,
            "the offset map goes backwards at {at} in {original:?}"
        );
        (last_start, last_end) = (start, end);
    }
    // (normalised range, original range) of each group of characters.
    let mut groups: Vec<(Range<usize>, Range<usize>)> = Vec::new();
    for (i, c) in norm.char_indices() {
        let char_range = i..i + c.len_utf8();
        let from = normalized.original_span(char_range.clone());
        assert!(
            from.start <= from.end,
            "character {c:?} at {i} maps to {from:?}"
        );
        match groups.last_mut() {
            Some((n, o)) if from.start < o.end => {
                assert!(
                    from.end <= o.end,
                    "overlapping stretches {o:?} and {from:?} in {original:?}"
                );
                n.end = char_range.end;
            }
            _ => groups.push((char_range, from)),
        }
    }
    let mut done = 0;
    for (n, o) in &groups {
        assert!(o.start >= done, "stretches out of order in {original:?}");
        let gap = &original[done..o.start];
        assert_eq!(
            normalize(gap).as_str(),
            "",
            "dropped text {gap:?} is not invisible"
        );
        let piece = &original[o.clone()];
        assert_eq!(
            normalize(piece).as_str(),
            &norm[n.clone()],
            "{piece:?} at {o:?} in {original:?}"
        );
        done = o.end;
    }
    let tail = &original[done..];
    assert_eq!(
        normalize(tail).as_str(),
        "",
        "dropped tail {tail:?} is not invisible"
    );
}

/// Paragraphs and sentences are non-empty, trimmed, in bounds, on char boundaries, in order and
/// disjoint, and every sentence lies in its paragraph.
pub fn check_segments(text: &str) {
    let mut paragraph_end = 0;
    for paragraph in paragraphs(text) {
        check_segment(text, &paragraph, paragraph_end, "paragraph");
        paragraph_end = paragraph.end;
        let mut sentence_end = paragraph.start;
        for sentence in sentences(text, paragraph.clone()) {
            check_segment(text, &sentence, sentence_end, "sentence");
            assert!(
                sentence.end <= paragraph.end,
                "sentence {sentence:?} outside paragraph {paragraph:?} in {text:?}"
            );
            sentence_end = sentence.end;
        }
    }
}

fn check_segment(text: &str, segment: &Range<usize>, previous_end: usize, what: &str) {
    check_range(text, segment, what);
    assert!(
        segment.start >= previous_end,
        "{what} {segment:?} starts before the previous one ends ({previous_end}) in {text:?}"
    );
    let piece = &text[segment.clone()];
    assert_eq!(
        piece,
        piece.trim(),
        "{what} {segment:?} is not trimmed in {text:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// exporters
// ---------------------------------------------------------------------------------------------

/// Reads values from fuzz input: bytes and numbers from the front, strings up to a 0xFF byte (which
/// never occurs in UTF-8), so that inserted bytes shift only one string.
pub struct Reader<'a> {
    data: &'a [u8],
}

impl<'a> Reader<'a> {
    /// A reader over `data`.
    pub fn new(data: &'a [u8]) -> Self {
        Reader { data }
    }

    /// The next byte, or 0 past the end.
    pub fn byte(&mut self) -> u8 {
        match self.data.split_first() {
            Some((&b, rest)) => {
                self.data = rest;
                b
            }
            None => 0,
        }
    }

    /// Whether the next byte is odd.
    pub fn flag(&mut self) -> bool {
        self.byte() & 1 == 1
    }

    /// A number of 1, 2, 4 or 8 bytes, the size chosen by the first byte.
    pub fn number(&mut self) -> u64 {
        let size = 1 << (self.byte() % 4);
        (0..size).fold(0u64, |n, i| n | u64::from(self.byte()) << (8 * i))
    }

    /// A finite float: 8 bytes taken as its bits, or a small number when they are NaN or infinite
    /// (the library never computes those from counts).
    pub fn float(&mut self) -> f64 {
        let bits = (0..8).fold(0u64, |n, i| n | u64::from(self.byte()) << (8 * i));
        let x = f64::from_bits(bits);
        if x.is_finite() {
            x
        } else {
            (bits & 0xffff) as f64 / 7.0
        }
    }

    /// Text up to the next 0xFF byte (or the end), invalid UTF-8 replaced.
    pub fn string(&mut self) -> String {
        let end = self
            .data
            .iter()
            .position(|&b| b == 0xFF)
            .unwrap_or(self.data.len());
        let text = String::from_utf8_lossy(&self.data[..end]).into_owned();
        self.data = self.data.get(end + 1..).unwrap_or(&[]);
        text
    }

    /// `Some(value)` when the next byte is odd.
    pub fn option<T>(&mut self, value: impl FnOnce(&mut Self) -> T) -> Option<T> {
        self.flag().then(|| value(self))
    }
}

/// A graph with arbitrary ids, names, counts, measures and evidence, made directly from parts (no
/// gazetteer involved), and metadata for it, as [`exporters`] reads them from fuzz input.
pub fn graph_from_bytes(data: &[u8]) -> (CooccurrenceGraph, Metadata, Option<String>) {
    let mut r = Reader::new(data);
    let window = match r.byte() % 4 {
        0 => Window::Sentence,
        1 => Window::Paragraph,
        2 => Window::Document,
        _ => Window::Tokens(1 + r.number() as usize % 1000),
    };
    let documents = r.number() as usize;
    let windows = r.number();
    let filter = GraphFilter {
        measure: [
            WeightMeasure::Count,
            WeightMeasure::Pmi,
            WeightMeasure::Npmi,
            WeightMeasure::Jaccard,
            WeightMeasure::Dice,
            WeightMeasure::Association,
        ][usize::from(r.byte() % 6)],
        min_weight: r.option(Reader::float),
        min_mentions: r.number(),
        top_edges: r.option(|r| r.number() as usize),
        drop_isolated: r.flag(),
    };
    let metadata = Metadata {
        nergraph_version: r.string(),
        window: window.to_string(),
        documents,
        gazetteers: (0..r.byte() % 3).map(|_| r.string()).collect(),
        filter,
    };
    let note = r.option(Reader::string);
    let types = [EntityType::Person, EntityType::Org, EntityType::Country];
    let mut ids = HashSet::new();
    let mut nodes = Vec::new();
    for _ in 0..r.byte() % 12 {
        let id = r.string();
        let node = EntityNode {
            id: id.clone(),
            name: r.string(),
            entity_type: types[usize::from(r.byte() % 3)],
            mentions: r.number(),
            documents: r.number(),
            windows: r.number(),
            aliases_seen: (0..r.byte() % 3)
                .map(|_| SurfaceForm {
                    text: r.string(),
                    count: r.number(),
                })
                .collect(),
            first_seen: r.option(Reader::string),
            last_seen: r.option(Reader::string),
            sources: r.option(Reader::number),
        };
        // Node ids are entity ids, unique in a graph.
        if ids.insert(id) {
            nodes.push(node);
        }
    }
    let mut pairs = HashSet::new();
    let mut edges = Vec::new();
    for _ in 0..if nodes.len() > 1 { r.byte() % 24 } else { 0 } {
        let a = usize::from(r.byte()) % nodes.len();
        let b = usize::from(r.byte()) % nodes.len();
        let edge = CooccurrenceEdge {
            weight: r.number(),
            documents: r.number(),
            associations: Associations {
                pmi: r.float(),
                npmi: r.float(),
                jaccard: r.float(),
                dice: r.float(),
                assoc: r.float(),
            },
            evidence: (0..r.byte() % 3)
                .map(|_| Evidence {
                    doc: r.string().into(),
                    window: r.number() as usize,
                    start: r.number() as usize,
                    end: r.number() as usize,
                    text: r.string(),
                })
                .collect(),
            first_seen: r.option(Reader::string),
            last_seen: r.option(Reader::string),
            sources: r.option(Reader::number),
        };
        // Pairs of distinct entities, each once, as the counter makes them.
        if a != b && pairs.insert((a.min(b), a.max(b))) {
            edges.push((nodes[a].id.clone(), nodes[b].id.clone(), edge));
        }
    }
    let graph =
        CooccurrenceGraph::from_parts(window, documents, nodes, edges).with_windows(windows);
    (graph, metadata, note)
}

/// Exports a graph with hostile names and ids (see [`graph_from_bytes`]) to every format and reads
/// each back: the JSON to an equal graph, GraphML and GEXF as well-formed XML with the same ids and
/// names (characters XML cannot hold come back as U+FFFD), DOT with graphviz-rust's parser, and the
/// CSV tables with the csv crate, field for field.
pub fn exporters(data: &[u8]) {
    let (graph, metadata, note) = graph_from_bytes(data);
    check_json(&graph, &metadata);
    check_graphml(&graph, &metadata);
    check_gexf(&graph, &metadata);
    let options = dot::DotOptions { note };
    let dot_text = dot::to_dot_with(&graph, &metadata, &options);
    check_dot(&graph, &dot_text);
    check_csv(&graph);
}

/// Draws the graph of [`graph_from_bytes`] with Graphviz (neato, SVG) and checks that the picture is
/// well-formed XML. It starts a process per input, so the fuzz target runs it only when asked
/// (`NERGRAPH_FUZZ_SVG=1`); the regression replay runs it on every saved input. Without Graphviz it
/// checks nothing.
///
/// Ids keep to the gazetteer's rule here: no `&`. Graphviz copies node names into SVG titles and
/// leaves anything shaped like an entity (`&mp;`) as it is, and DOT ids are written unescaped so
/// that they read back exactly (see `gazetteers/README.md`).
pub fn exporters_svg(data: &[u8]) {
    use nergraph::export::render::{render_dot, ImageFormat, Layout};
    let (graph, metadata, note) = graph_from_bytes(data);
    let (nodes, edges) = summary(&graph);
    let id = |id: &str| id.replace('&', "+");
    let nodes = nodes
        .into_iter()
        .map(|n| EntityNode { id: id(&n.id), ..n })
        .collect();
    let edges = edges
        .into_iter()
        .map(|(a, b, e)| (id(&a), id(&b), e))
        .collect();
    let graph = CooccurrenceGraph::from_parts(graph.window(), graph.documents(), nodes, edges);
    let dot_text = dot::to_dot_with(&graph, &metadata, &dot::DotOptions { note });
    match render_dot(&dot_text, Layout::Neato, ImageFormat::Svg) {
        Ok(svg) => {
            let svg = String::from_utf8(svg).expect("Graphviz writes SVG in UTF-8");
            // Graphviz's SVG names the SVG 1.1 DTD, which roxmltree refuses unless allowed.
            let options = roxmltree::ParsingOptions {
                allow_dtd: true,
                ..roxmltree::ParsingOptions::default()
            };
            if let Err(error) = roxmltree::Document::parse_with_options(&svg, options) {
                panic!("the SVG is not well-formed XML: {error}\n{svg}");
            }
        }
        Err(Error::GraphvizMissing) => {}
        Err(error) => panic!("Graphviz cannot draw the DOT: {error}\n{dot_text}"),
    }
}

/// Node ids, names and edges of a graph, for comparisons.
fn summary(
    graph: &CooccurrenceGraph,
) -> (Vec<EntityNode>, Vec<(String, String, CooccurrenceEdge)>) {
    let nodes = graph.nodes().cloned().collect();
    let edges = graph
        .edges()
        .map(|e| (e.source.id.clone(), e.target.id.clone(), e.edge.clone()))
        .collect();
    (nodes, edges)
}

fn check_json(graph: &CooccurrenceGraph, metadata: &Metadata) {
    let text = json::to_json(graph, metadata);
    let (again, read) = match json::from_json(&text) {
        Ok(back) => back,
        Err(error) => panic!("the JSON does not read back: {error}\n{text}"),
    };
    assert_eq!(&read, metadata, "metadata");
    assert_eq!(again.window(), graph.window());
    assert_eq!(again.documents(), graph.documents());
    assert_eq!(again.windows(), graph.windows());
    assert_eq!(summary(&again), summary(graph), "nodes and edges");
    assert_eq!(again.communities(), graph.communities(), "communities");
    assert_eq!(json::to_json(&again, &read), text, "JSON written again");
}

/// What an XML reader gets back for `text`: characters XML 1.0 forbids become U+FFFD.
pub fn xml_readback(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' => c,
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => '\u{FFFD}',
            c => c,
        })
        .collect()
}

fn parse_xml<'x>(what: &str, text: &'x str) -> roxmltree::Document<'x> {
    match roxmltree::Document::parse(text) {
        Ok(doc) => doc,
        Err(error) => panic!("the {what} is not well-formed XML: {error}\n{text}"),
    }
}

fn check_graphml(graph: &CooccurrenceGraph, metadata: &Metadata) {
    let text = graphml::to_graphml(graph, metadata);
    let doc = parse_xml("GraphML", &text);
    let nodes: Vec<(String, String)> = doc
        .descendants()
        .filter(|n| n.has_tag_name((graphml::NAMESPACE, "node")))
        .map(|n| {
            let name = n
                .children()
                .find(|d| d.attribute("key") == Some("n_name"))
                .and_then(|d| d.text())
                .unwrap_or("");
            (n.attribute("id").unwrap_or("").to_owned(), name.to_owned())
        })
        .collect();
    let expected: Vec<(String, String)> = graph
        .nodes()
        .map(|n| (xml_readback(&n.id), xml_readback(&n.name)))
        .collect();
    assert_eq!(nodes, expected, "GraphML nodes");
    let edges: Vec<(&str, &str)> = doc
        .descendants()
        .filter(|n| n.has_tag_name((graphml::NAMESPACE, "edge")))
        .map(|n| {
            (
                n.attribute("source").unwrap_or(""),
                n.attribute("target").unwrap_or(""),
            )
        })
        .collect();
    let expected: Vec<(String, String)> = graph
        .edges()
        .map(|e| (xml_readback(&e.source.id), xml_readback(&e.target.id)))
        .collect();
    let expected: Vec<(&str, &str)> = expected
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    assert_eq!(edges, expected, "GraphML edges");
}

fn check_gexf(graph: &CooccurrenceGraph, metadata: &Metadata) {
    let text = gexf::to_gexf(graph, metadata);
    let doc = parse_xml("GEXF", &text);
    let nodes: Vec<(&str, &str)> = doc
        .descendants()
        .filter(|n| n.has_tag_name((gexf::NAMESPACE, "node")))
        .map(|n| {
            (
                n.attribute("id").unwrap_or(""),
                n.attribute("label").unwrap_or(""),
            )
        })
        .collect();
    let expected: Vec<(String, String)> = graph
        .nodes()
        .map(|n| (xml_readback(&n.id), xml_readback(&n.name)))
        .collect();
    let expected: Vec<(&str, &str)> = expected
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    assert_eq!(nodes, expected, "GEXF nodes");
    let edges = doc
        .descendants()
        .filter(|n| n.has_tag_name((gexf::NAMESPACE, "edge")))
        .count();
    assert_eq!(edges, graph.edge_count(), "GEXF edges");
}

fn check_dot(graph: &CooccurrenceGraph, text: &str) {
    use graphviz_rust::dot_structures::{Graph, Stmt};
    let parsed = match graphviz_rust::parse(text) {
        Ok(parsed) => parsed,
        Err(error) => panic!("the DOT does not parse: {error}\n{text}"),
    };
    let stmts = match parsed {
        Graph::Graph { stmts, .. } | Graph::DiGraph { stmts, .. } => stmts,
    };
    let nodes = stmts.iter().filter(|s| matches!(s, Stmt::Node(_))).count();
    let edges = stmts.iter().filter(|s| matches!(s, Stmt::Edge(_))).count();
    assert_eq!(
        (nodes, edges),
        (graph.node_count(), graph.edge_count()),
        "DOT statements\n{text}"
    );
}

/// Reads a CSV table with the csv crate: its header and records.
fn read_csv(what: &str, text: &str) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    reader
        .records()
        .map(|record| match record {
            Ok(record) => record.iter().map(str::to_owned).collect(),
            Err(error) => panic!("{what} does not read back: {error}\n{text}"),
        })
        .collect()
}

fn check_csv(graph: &CooccurrenceGraph) {
    let nodes = read_csv("nodes.csv", &csv_export::nodes_csv(graph));
    assert_eq!(nodes.len(), graph.node_count() + 1, "nodes.csv records");
    for (record, node) in nodes[1..].iter().zip(graph.nodes()) {
        assert_eq!(record[0], node.id, "nodes.csv id");
        assert_eq!(record[1], node.name, "nodes.csv name");
        assert_eq!(record[2], node.entity_type.as_str(), "nodes.csv type");
        assert_eq!(record[3], node.mentions.to_string(), "nodes.csv mentions");
    }
    let edges = read_csv("edges.csv", &csv_export::edges_csv(graph));
    assert_eq!(edges.len(), graph.edge_count() + 1, "edges.csv records");
    for (record, e) in edges[1..].iter().zip(graph.edges()) {
        assert_eq!(record[0], e.source.id, "edges.csv source");
        assert_eq!(record[1], e.target.id, "edges.csv target");
        assert_eq!(record[2], e.weight.to_string(), "edges.csv weight");
        let pmi: f64 = record[4].parse().expect("pmi is a number");
        assert_eq!(pmi, e.edge.associations.pmi, "edges.csv pmi");
        let first = e.edge.evidence.first().map_or("", |ev| ev.text.as_str());
        assert_eq!(record[9], first, "edges.csv first_evidence");
    }
}
