//! Golden-file tests: the JSON and DOT written for a small fixed corpus must not change unnoticed.
//!
//! After a deliberate change to the output, regenerate the files with
//! `UPDATE_GOLDEN=1 cargo test --test golden` and review the diff.

use std::path::Path;

use nergraph::export::{dot, json, Metadata};
use nergraph::gazetteer::GazetteerBuilder;
use nergraph::graph::{CooccurrenceCounter, GraphFilter, Window};
use nergraph::tagger::Tagger;
use nergraph::text::normalize;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(Path::new("tests/fixtures/golden").join(name)).unwrap()
}

fn outputs() -> (String, String) {
    let mut builder = GazetteerBuilder::new();
    builder
        .add_source("gazetteer.tsv", &fixture("gazetteer.tsv"))
        .unwrap();
    let tagger = Tagger::new(builder.build().unwrap()).unwrap();
    let mut counter = CooccurrenceCounter::new(Window::Sentence);
    for name in ["one.txt", "two.txt"] {
        let text = fixture(name);
        let normalized = normalize(&text);
        counter.add_document(name, &normalized, &tagger.tag_normalized(&normalized));
    }
    let graph = counter.finish(tagger.gazetteer());
    let metadata = Metadata {
        nergraph_version: "golden".into(),
        window: graph.window().to_string(),
        documents: graph.documents(),
        gazetteers: tagger.gazetteer().sources().to_vec(),
        filter: GraphFilter::default(),
    };
    (
        json::to_json(&graph, &metadata),
        dot::to_dot(&graph, &metadata),
    )
}

fn check_golden(name: &str, actual: &str) {
    let path = Path::new("tests/golden").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; run UPDATE_GOLDEN=1 cargo test --test golden",
            path.display()
        )
    });
    assert!(
        expected == actual,
        "{} differs from the output; if the change is intended, run UPDATE_GOLDEN=1 cargo test --test golden\n--- actual ---\n{actual}",
        path.display()
    );
}

#[test]
fn json_matches_golden_file() {
    check_golden("graph.json", &outputs().0);
}

#[test]
fn dot_matches_golden_file() {
    check_golden("graph.dot", &outputs().1);
}

#[test]
fn json_round_trips_hostile_names() {
    let (json, _) = outputs();
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let names: Vec<&str> = value["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "Aland \"North\"",
            "Bravo\\Land",
            "<Acme & {Sons}>",
            "Jo ]]> Doe"
        ]
    );
}

#[test]
fn dot_parses_back_with_graphviz_rust() {
    let (_, dot) = outputs();
    let parsed = graphviz_rust::parse(&dot).expect("graphviz-rust parses our DOT");
    let printed = graphviz_rust::printer::DotPrinter::print(&parsed, &mut Default::default());
    assert!(printed.contains(r#""org:acme-sons""#), "{printed}");
}

#[test]
fn json_reads_back_into_the_same_outputs() {
    let (json_text, dot_text) = outputs();
    let (graph, metadata) = nergraph::export::json::from_json(&json_text).unwrap();
    assert_eq!(json::to_json(&graph, &metadata), json_text);
    assert_eq!(dot::to_dot(&graph, &metadata), dot_text);
    let err = nergraph::export::json::from_json("{\"nodes\": 3}")
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("not a graph.json written by nergraph"),
        "{err}"
    );
}
