use super::*;
use crate::gazetteer::GazetteerBuilder;
use crate::tagger::Tagger;
use crate::text::normalize;

fn tagger() -> Tagger {
    let mut builder = GazetteerBuilder::new();
    builder
        .add_source(
            "t.tsv",
            "country:A\tCOUNTRY\tAlpha\ncountry:B\tCOUNTRY\tBravo\ncountry:C\tCOUNTRY\tCharlie\ncountry:D\tCOUNTRY\tDelta\n",
        )
        .unwrap();
    Tagger::new(builder.build().unwrap()).unwrap()
}

fn count(window: Window, docs: &[&str]) -> CooccurrenceGraph {
    let tagger = tagger();
    let mut counter = CooccurrenceCounter::new(window);
    for (i, doc) in docs.iter().enumerate() {
        let n = normalize(doc);
        counter.add_document(&format!("d{i}"), &n, &tagger.tag_normalized(&n));
    }
    counter.finish(tagger.gazetteer())
}

/// (source, target, weight, documents) for every edge, ids without the `country:` prefix.
fn edges(g: &CooccurrenceGraph) -> Vec<(String, String, u64, u64)> {
    g.edges()
        .map(|e| {
            let short = |id: &str| id.trim_start_matches("country:").to_owned();
            (
                short(&e.source.id),
                short(&e.target.id),
                e.weight,
                e.edge.documents,
            )
        })
        .collect()
}

fn e(a: &str, b: &str, w: u64, d: u64) -> (String, String, u64, u64) {
    (a.into(), b.into(), w, d)
}

#[test]
fn sentence_windows_count_each_pair_once_per_window() {
    let g = count(
        Window::Sentence,
        &[
            "Alpha, Bravo and Alpha again. Bravo and Charlie. Delta.",
            "Charlie met Bravo.",
        ],
    );
    assert_eq!(edges(&g), [e("A", "B", 1, 1), e("B", "C", 2, 2)]);
    let mentions: Vec<(&str, u64, u64)> = g
        .nodes()
        .map(|n| (n.id.as_str(), n.mentions, n.documents))
        .collect();
    assert_eq!(
        mentions,
        [
            ("country:A", 2, 1),
            ("country:B", 3, 2),
            ("country:C", 2, 2),
            ("country:D", 1, 1)
        ]
    );
    assert_eq!(g.documents(), 2);
}

#[test]
fn paragraph_and_document_windows() {
    let doc = "Alpha. Bravo.\n\nCharlie. Alpha.";
    assert_eq!(edges(&count(Window::Sentence, &[doc])), []);
    assert_eq!(
        edges(&count(Window::Paragraph, &[doc])),
        [e("A", "B", 1, 1), e("A", "C", 1, 1)]
    );
    assert_eq!(
        edges(&count(Window::Document, &[doc])),
        [e("A", "B", 1, 1), e("A", "C", 1, 1), e("B", "C", 1, 1)]
    );
}

#[test]
fn token_windows_link_the_opening_mention_to_the_next_n_words() {
    // Word positions: Alpha 0, Bravo 2, Charlie 6, Alpha 7.
    let doc = "Alpha x Bravo y y y Charlie Alpha";
    assert_eq!(
        edges(&count(Window::Tokens(2), &[doc])),
        [e("A", "B", 1, 1), e("A", "C", 1, 1)]
    );
    assert_eq!(
        edges(&count(Window::Tokens(4), &[doc])),
        [e("A", "B", 1, 1), e("A", "C", 1, 1), e("B", "C", 1, 1)]
    );
    assert_eq!(
        edges(&count(Window::Tokens(6), &[doc])),
        [e("A", "B", 2, 1), e("A", "C", 2, 1), e("B", "C", 1, 1)]
    );
}

#[test]
fn evidence_records_where_and_stops_at_the_limit() {
    let docs = [
        "Intro. Alpha and Bravo met. Bravo, Alpha.",
        "Alpha with Bravo.",
    ];
    let g = count(Window::Sentence, &docs);
    let edge = g.edges().next().unwrap().edge;
    assert_eq!(edge.weight, 3);
    let where_: Vec<(&str, usize, &str)> = edge
        .evidence
        .iter()
        .map(|ev| (&*ev.doc, ev.window, ev.text.as_str()))
        .collect();
    assert_eq!(
        where_,
        [
            ("d0", 1, "Alpha and Bravo met."),
            ("d0", 2, "Bravo, Alpha."),
            ("d1", 0, "Alpha with Bravo.")
        ]
    );
    let first = &edge.evidence[0];
    assert_eq!(&docs[0][first.start..first.end], "Alpha and Bravo met.");

    let tagger = tagger();
    let mut counter = CooccurrenceCounter::new(Window::Sentence).evidence_limit(1);
    let n = normalize(docs[0]);
    counter.add_document("d0", &n, &tagger.tag_normalized(&n));
    let g = counter.finish(tagger.gazetteer());
    assert_eq!(g.edges().next().unwrap().edge.evidence.len(), 1);
}

#[test]
fn filters() {
    let g = count(
        Window::Sentence,
        &["Alpha Bravo. Alpha Bravo. Alpha Bravo. Alpha Charlie. Alpha Charlie. Bravo Charlie. Delta."],
    );
    assert_eq!(
        edges(&g),
        [e("A", "B", 3, 1), e("A", "C", 2, 1), e("B", "C", 1, 1)]
    );
    let f = |filter: GraphFilter| {
        let f = g.filtered(&filter);
        let nodes: Vec<String> = f
            .nodes()
            .map(|n| n.id.trim_start_matches("country:").to_owned())
            .collect();
        (nodes, edges(&f))
    };
    let (nodes, es) = f(GraphFilter {
        min_weight: Some(2.0),
        ..Default::default()
    });
    assert_eq!(nodes, ["A", "B", "C", "D"]);
    assert_eq!(es, [e("A", "B", 3, 1), e("A", "C", 2, 1)]);
    let (nodes, es) = f(GraphFilter {
        min_weight: Some(2.0),
        drop_isolated: true,
        ..Default::default()
    });
    assert_eq!(nodes, ["A", "B", "C"]);
    assert_eq!(es.len(), 2);
    let (nodes, es) = f(GraphFilter {
        min_mentions: 4,
        ..Default::default()
    });
    assert_eq!(nodes, ["A", "B"]);
    assert_eq!(es, [e("A", "B", 3, 1)]);
    let (_, es) = f(GraphFilter {
        top_edges: Some(1),
        ..Default::default()
    });
    assert_eq!(es, [e("A", "B", 3, 1)]);
}

#[test]
fn order_does_not_depend_on_hashing() {
    let docs = ["Delta Charlie Bravo Alpha.", "Bravo Delta. Alpha Charlie."];
    let a = count(Window::Sentence, &docs);
    let b = count(Window::Sentence, &docs);
    assert_eq!(edges(&a), edges(&b));
    let ids: Vec<&str> = a.nodes().map(|n| n.id.as_str()).collect();
    assert_eq!(ids, ["country:A", "country:B", "country:C", "country:D"]);
}

#[test]
fn association_measures_from_the_counts() {
    // Sentences: [A B] [A C] [A] [B] [D]: N = 5 windows with entities; n(A) = 3, n(B) = 2,
    // n(C) = 1; n(A,B) = 1, n(A,C) = 1. Weighted degrees: s(A) = 2, s(B) = 1, s(C) = 1; m = 2.
    let g = count(
        Window::Sentence,
        &["Alpha Bravo. Alpha Charlie. Alpha. Bravo. Delta."],
    );
    assert_eq!(g.windows(), 5);
    let windows: Vec<u64> = g.nodes().map(|n| n.windows).collect();
    assert_eq!(windows, [3, 2, 1, 1]);
    let ab = g.edges().find(|e| e.target.id == "country:B").unwrap().edge;
    let ac = g.edges().find(|e| e.target.id == "country:C").unwrap().edge;
    let close = |a: f64, b: f64| (a - b).abs() < 1e-12;
    // A-B: pmi = log2(1 * 5 / (3 * 2)), npmi = pmi / -log2(1/5), jaccard = 1 / (3 + 2 - 1),
    // dice = 2 / 5, assoc = 2 * 2 * 1 / (2 * 1).
    let pmi = (5.0f64 / 6.0).log2();
    assert!(close(ab.associations.pmi, pmi));
    assert!(close(ab.associations.npmi, pmi / 5.0f64.log2()));
    assert!(close(ab.associations.jaccard, 0.25));
    assert!(close(ab.associations.dice, 0.4));
    assert!(close(ab.associations.assoc, 2.0));
    // A-C: pmi = log2(5 / 3), jaccard = 1 / 3, dice = 2 / 4.
    assert!(close(ac.associations.pmi, (5.0f64 / 3.0).log2()));
    assert!(close(ac.associations.jaccard, 1.0 / 3.0));
    assert!(close(ac.associations.dice, 0.5));
    // Filters and ranking follow the chosen measure: by Jaccard, A-C beats A-B.
    let top = g.filtered(&GraphFilter {
        measure: WeightMeasure::Jaccard,
        top_edges: Some(1),
        ..Default::default()
    });
    assert_eq!(edges(&top), [e("A", "C", 1, 1)]);
    let strong = g.filtered(&GraphFilter {
        measure: WeightMeasure::Dice,
        min_weight: Some(0.45),
        ..Default::default()
    });
    assert_eq!(edges(&strong), [e("A", "C", 1, 1)]);
}

#[test]
fn strongest_keeps_the_most_connected_nodes() {
    // A: 3 links of weight 1+1+1 = 3; B: 2; C: 2; D: 1.
    let g = count(
        Window::Sentence,
        &["Alpha Bravo. Alpha Charlie. Alpha Delta. Bravo Charlie."],
    );
    let top = g.strongest(2);
    let ids: Vec<&str> = top.nodes().map(|n| n.id.as_str()).collect();
    assert_eq!(ids, ["country:A", "country:B"], "ties by mentions, then id");
    assert_eq!(edges(&top), [e("A", "B", 1, 1)]);
    assert_eq!(g.strongest(10).node_count(), 4);
    assert_eq!(top.windows(), g.windows());
}

#[test]
fn nodes_keep_the_texts_they_were_found_as() {
    let tagger = {
        let mut builder = GazetteerBuilder::new();
        builder
            .add_source(
                "t.tsv",
                "country:A\tCOUNTRY\tAlpha\tAlphan [demonym] | AL\n",
            )
            .unwrap();
        Tagger::new(builder.build().unwrap()).unwrap()
    };
    let mut counter = CooccurrenceCounter::new(Window::Sentence);
    let n = normalize("Alpha and AL. Alphan food. ALPHA. Alpha.");
    counter.add_document("d", &n, &tagger.tag_normalized(&n));
    let g = counter.finish(tagger.gazetteer());
    let seen: Vec<(&str, u64)> = g
        .nodes()
        .next()
        .unwrap()
        .aliases_seen
        .iter()
        .map(|f| (f.text.as_str(), f.count))
        .collect();
    assert_eq!(seen, [("Alpha", 2), ("AL", 1), ("ALPHA", 1), ("Alphan", 1)]);
}

/// The graph as JSON, to compare graphs field by field.
fn as_json(graph: &CooccurrenceGraph) -> String {
    let metadata = crate::export::Metadata {
        nergraph_version: "test".into(),
        window: graph.window().to_string(),
        documents: graph.documents(),
        gazetteers: Vec::new(),
        filter: GraphFilter::default(),
    };
    crate::export::json::to_json(graph, &metadata)
}

/// Documents as (text, date, source).
type Doc = (String, Option<String>, Option<String>);
type Docs = Vec<Doc>;

/// Counts `docs` in a counter of its own; `offset` numbers their names.
fn counter_of(tagger: &Tagger, docs: &[Doc], offset: usize) -> CooccurrenceCounter {
    let mut counter = CooccurrenceCounter::new(Window::Sentence).evidence_limit(2);
    for (i, (text, date, source)) in docs.iter().enumerate() {
        let n = normalize(text);
        let name = format!("d{}", offset + i);
        let info = DocumentInfo {
            name: &name,
            date: date.as_deref(),
            source: source.as_deref(),
        };
        counter.add(info, &n, &tagger.tag_normalized(&n));
    }
    counter
}

fn corpus_strategy() -> impl proptest::strategy::Strategy<Value = (Docs, Vec<usize>)> {
    use proptest::prelude::*;
    let sentence = prop::sample::select(vec![
        "Alpha and Bravo met.",
        "Charlie spoke to Delta and Alpha.",
        "Nobody came.",
        "Bravo, Bravo and Charlie.",
        "Delta left.\n\nAlpha stayed with Charlie.",
    ]);
    let doc = (
        prop::collection::vec(sentence, 0..5).prop_map(|s| s.join(" ")),
        prop::option::of(prop::sample::select(vec![
            "2024-01-02",
            "2023-12-31",
            "2024-03-01",
        ])),
        prop::option::of(prop::sample::select(vec!["wire", "daily", "weekly"])),
    )
        .prop_map(|(t, d, s)| (t, d.map(str::to_owned), s.map(str::to_owned)));
    (
        prop::collection::vec(doc, 0..12),
        prop::collection::vec(0usize..12, 0..4),
    )
}

proptest::proptest! {
    /// Counting parts of a corpus and merging them in corpus order, in memory or through partial
    /// results saved as JSON, gives exactly the graph of one pass.
    #[test]
    fn merged_parts_equal_one_pass((docs, cuts) in corpus_strategy()) {
        let tagger = tagger();
        let whole = counter_of(&tagger, &docs, 0).finish(tagger.gazetteer());
        let mut cuts: Vec<usize> = cuts.into_iter().map(|c| c.min(docs.len())).collect();
        cuts.push(0);
        cuts.push(docs.len());
        cuts.sort_unstable();
        let parts: Vec<CooccurrenceCounter> = cuts
            .windows(2)
            .map(|w| counter_of(&tagger, &docs[w[0]..w[1]], w[0]))
            .collect();
        let partials: Vec<PartialGraph> = cuts
            .windows(2)
            .map(|w| {
                let json = counter_of(&tagger, &docs[w[0]..w[1]], w[0])
                    .into_partial(tagger.gazetteer())
                    .to_json();
                PartialGraph::from_json("part", &json).unwrap()
            })
            .collect();
        let mut merged = CooccurrenceCounter::new(Window::Sentence).evidence_limit(2);
        for part in parts {
            merged.merge(part);
        }
        proptest::prop_assert_eq!(as_json(&merged.finish(tagger.gazetteer())), as_json(&whole));
        let mut partials = partials.into_iter();
        let mut merged = partials.next().unwrap();
        for part in partials {
            merged.merge(part).unwrap();
        }
        proptest::prop_assert_eq!(as_json(&merged.finish()), as_json(&whole));
    }
}

#[test]
fn dates_and_sources_flow_into_nodes_and_edges() {
    let tagger = tagger();
    let docs = [
        ("Alpha and Bravo met.", Some("2024-02-01"), Some("wire")),
        (
            "Alpha and Bravo met again.",
            Some("2023-11-30"),
            Some("daily"),
        ),
        (
            "Alpha and Bravo, once more.",
            Some("2024-05-06"),
            Some("wire"),
        ),
        ("Alpha alone.", None, None),
    ];
    let docs: Docs = docs
        .iter()
        .map(|(t, d, s)| (t.to_string(), d.map(str::to_owned), s.map(str::to_owned)))
        .collect();
    let g = counter_of(&tagger, &docs, 0).finish(tagger.gazetteer());
    let alpha = g.nodes().find(|n| n.id == "country:A").unwrap();
    assert_eq!(alpha.first_seen.as_deref(), Some("2023-11-30"));
    assert_eq!(alpha.last_seen.as_deref(), Some("2024-05-06"));
    assert_eq!(alpha.sources, Some(2));
    let edge = g.edges().next().unwrap().edge;
    assert_eq!(
        (
            edge.first_seen.as_deref(),
            edge.last_seen.as_deref(),
            edge.sources
        ),
        (Some("2023-11-30"), Some("2024-05-06"), Some(2))
    );
    // Without dates and sources, the fields stay empty and out of the JSON.
    let plain = count(Window::Sentence, &["Alpha and Bravo met."]);
    assert_eq!(plain.nodes().next().unwrap().first_seen, None);
    assert!(!as_json(&plain).contains("first_seen"));
    assert!(as_json(&g).contains("\"first_seen\": \"2023-11-30\""));
    // The CSV tables get three more columns, only then.
    let nodes = crate::export::csv::nodes_csv(&g);
    assert!(nodes.starts_with(
        "id,name,type,mentions,documents,windows,community,first_seen,last_seen,sources\n"
    ));
    assert!(
        nodes.contains("\ncountry:A,Alpha,COUNTRY,4,4,4,0,2023-11-30,2024-05-06,2\n"),
        "{nodes}"
    );
    let edges = crate::export::csv::edges_csv(&g);
    assert!(
        edges
            .lines()
            .nth(1)
            .unwrap()
            .ends_with(",2023-11-30,2024-05-06,2"),
        "{edges}"
    );
    // GraphML and GEXF declare the attributes and fill them, as well-formed XML.
    let metadata = crate::export::Metadata {
        nergraph_version: "test".into(),
        window: "sentence".into(),
        documents: 4,
        gazetteers: Vec::new(),
        filter: GraphFilter::default(),
    };
    let graphml = crate::export::graphml::to_graphml(&g, &metadata);
    roxmltree::Document::parse(&graphml).unwrap();
    assert!(graphml
        .contains("<key id=\"e_sources\" for=\"edge\" attr.name=\"sources\" attr.type=\"long\"/>"));
    assert!(graphml.contains("<data key=\"n_first_seen\">2023-11-30</data>"));
    let gexf = crate::export::gexf::to_gexf(&g, &metadata);
    roxmltree::Document::parse(&gexf).unwrap();
    assert!(
        gexf.contains("<attvalue for=\"last_seen\" value=\"2024-05-06\"/>"),
        "{gexf}"
    );
    let plain_graphml = crate::export::graphml::to_graphml(&plain, &metadata);
    assert!(!plain_graphml.contains("first_seen"));
    let plain_nodes = crate::export::csv::nodes_csv(&plain);
    assert!(plain_nodes.starts_with("id,name,type,mentions,documents,windows,community\n"));
}

#[test]
fn partial_results_counted_differently_do_not_merge() {
    let tagger = tagger();
    let n = normalize("Alpha and Bravo met.");
    let mentions = tagger.tag_normalized(&n);
    let mut sentence = CooccurrenceCounter::new(Window::Sentence);
    sentence.add_document("a", &n, &mentions);
    let mut paragraph = CooccurrenceCounter::new(Window::Paragraph);
    paragraph.add_document("b", &n, &mentions);
    let mut part = sentence.into_partial(tagger.gazetteer());
    let err = part
        .merge(paragraph.into_partial(tagger.gazetteer()))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("different windows: sentence and paragraph"),
        "{err}"
    );
    let err = PartialGraph::from_json("p.json", "{\"format\": \"other\"}")
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("p.json: not a nergraph partial result"),
        "{err}"
    );
}
