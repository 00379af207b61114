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
