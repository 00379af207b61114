//! Writes one graph in every export format, for the Python format tests (`tests/python/test_formats.py`).
//!
//! ```text
//! cargo run --example export_all -- OUTDIR            # samples/ with the default gazetteers
//! cargo run --example export_all -- --hostile OUTDIR  # awkward names from a small in-memory gazetteer
//! ```
//!
//! OUTDIR (created if missing) receives graph.json, graph.graphml, graph.gexf, nodes.csv and
//! edges.csv, all for the same graph, counted by sentence with the default filter.

use std::path::{Path, PathBuf};

use nergraph::corpus;
use nergraph::export::{csv, gexf, graphml, json, write_atomic, Metadata};
use nergraph::gazetteer::GazetteerBuilder;
use nergraph::graph::{CooccurrenceCounter, CooccurrenceGraph, GraphFilter, Window};
use nergraph::tagger::Tagger;
use nergraph::text::normalize;

/// Names that need escaping in XML or quoting in CSV, and a right-to-left mark.
const HOSTILE_GAZETTEER: &str = "\
org:quoted\tORG\tAcme \"Quoted\" \\ Co
person:markup\tPERSON\tAlice <b>Bold</b> -- & {Braces} ]]> End
org:comma,id\tORG\tSmith, Jones & Co
country:rtl\tCOUNTRY\tRight\u{200F}\u{202E}Land
org:apostrophe\tORG\tO'Brien's 'Apostrophe' Ltd
org:na\tORG\tNA
";

/// Text that mentions every hostile entity; the bell character ends up in an evidence snippet.
const HOSTILE_TEXT: &str = "\
Acme \"Quoted\" \\ Co met Alice <b>Bold</b> -- & {Braces} ]]> End and Smith, Jones & Co in Right\u{200F}\u{202E}Land\u{7} today.
O'Brien's 'Apostrophe' Ltd and NA said \"no\" to Acme \"Quoted\" \\ Co.

Alice <b>Bold</b> -- & {Braces} ]]> End, again with Acme \"Quoted\" \\ Co;\ta tab\r\nand Smith, Jones & Co.
";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (hostile, out) = match args.as_slice() {
        [flag, out] if flag == "--hostile" => (true, PathBuf::from(out)),
        [out] if !out.starts_with('-') => (false, PathBuf::from(out)),
        _ => return Err("usage: export_all [--hostile] OUTDIR".into()),
    };
    let (graph, metadata) = if hostile {
        hostile_graph()?
    } else {
        samples_graph()?
    };
    std::fs::create_dir_all(&out)?;
    let files = [
        ("graph.json", json::to_json(&graph, &metadata)),
        ("graph.graphml", graphml::to_graphml(&graph, &metadata)),
        ("graph.gexf", gexf::to_gexf(&graph, &metadata)),
        ("nodes.csv", csv::nodes_csv(&graph)),
        ("edges.csv", csv::edges_csv(&graph)),
    ];
    for (name, contents) in files {
        write_atomic(&out.join(name), contents.as_bytes())?;
    }
    eprintln!(
        "export_all: {} nodes, {} edges written to {}",
        graph.node_count(),
        graph.edge_count(),
        out.display()
    );
    Ok(())
}

/// Counts `documents` (name, text) with `tagger` by sentence.
fn count(tagger: &Tagger, documents: &[(String, String)]) -> (CooccurrenceGraph, Metadata) {
    let mut counter = CooccurrenceCounter::new(Window::Sentence);
    for (name, text) in documents {
        let normalized = normalize(text);
        counter.add_document(name, &normalized, &tagger.tag_normalized(&normalized));
    }
    let filter = GraphFilter::default();
    let graph = counter.finish(tagger.gazetteer()).filtered(&filter);
    let metadata = Metadata {
        nergraph_version: env!("CARGO_PKG_VERSION").to_owned(),
        window: Window::Sentence.to_string(),
        documents: documents.len(),
        gazetteers: tagger.gazetteer().sources().to_vec(),
        filter,
    };
    (graph, metadata)
}

/// The sample corpus with the default gazetteers, as `nergraph build samples` reads it.
fn samples_graph() -> Result<(CooccurrenceGraph, Metadata), Box<dyn std::error::Error>> {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let mut documents = Vec::new();
    for source in corpus::discover(&[samples], |w| eprintln!("export_all: {w}"))? {
        let doc = corpus::read(&source)?;
        documents.push((doc.name, doc.text));
    }
    let mut builder = GazetteerBuilder::new();
    builder.add_defaults()?;
    let tagger = Tagger::new(builder.build()?)?;
    Ok(count(&tagger, &documents))
}

/// A graph of names that need escaping.
fn hostile_graph() -> Result<(CooccurrenceGraph, Metadata), Box<dyn std::error::Error>> {
    let mut builder = GazetteerBuilder::new();
    builder.add_source("hostile.tsv", HOSTILE_GAZETTEER)?;
    let tagger = Tagger::new(builder.build()?)?;
    Ok(count(
        &tagger,
        &[(
            "hostile, \"doc\" <1>.txt".to_owned(),
            HOSTILE_TEXT.to_owned(),
        )],
    ))
}
