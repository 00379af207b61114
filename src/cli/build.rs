//! `nergraph build`: count co-occurrences and write the graph files.

use anyhow::{Context, Result};
use nergraph::export::{self, dot, json, Metadata};
use nergraph::graph::{CooccurrenceCounter, GraphFilter, WeightMeasure, Window};
use nergraph::text::normalize;

use super::args::BuildArgs;
use super::common::{for_each_document, load_tagger, UsageError};

pub fn run(args: BuildArgs) -> Result<()> {
    let window: Window = args
        .window
        .parse()
        .map_err(|e: nergraph::Error| UsageError(e.to_string()))?;
    let measure: WeightMeasure = args
        .weight
        .parse()
        .map_err(|e: nergraph::Error| UsageError(e.to_string()))?;
    if args.min_weight.is_some_and(|w| !w.is_finite()) {
        return Err(UsageError("--min-weight must be a number".into()).into());
    }
    let filter = GraphFilter {
        measure,
        min_weight: args.min_weight,
        min_mentions: args.min_mentions,
        top_edges: args.top_edges,
        drop_isolated: args.drop_isolated,
    };
    let tagger = load_tagger(&args.corpus)?;
    let mut counter = CooccurrenceCounter::new(window).evidence_limit(args.evidence);
    let documents = for_each_document(&args.corpus, |doc| {
        let normalized = normalize(&doc.text);
        let mentions = tagger.tag_normalized(&normalized);
        counter.add_document(&doc.name, &normalized, &mentions);
        Ok(())
    })?;
    let graph = counter.finish(tagger.gazetteer()).filtered(&filter);
    let metadata = Metadata {
        nergraph_version: env!("CARGO_PKG_VERSION").to_owned(),
        window: window.to_string(),
        documents,
        gazetteers: tagger.gazetteer().sources().to_vec(),
        filter,
    };
    std::fs::create_dir_all(&args.output)
        .with_context(|| format!("cannot create the output folder {}", args.output.display()))?;
    let json_path = args.output.join("graph.json");
    let dot_path = args.output.join("graph.dot");
    export::write_atomic(&json_path, json::to_json(&graph, &metadata).as_bytes())?;
    export::write_atomic(&dot_path, dot::to_dot(&graph, &metadata).as_bytes())?;
    eprintln!(
        "nergraph: {} documents, {} entities, {} edges; wrote {} and {}",
        documents,
        graph.node_count(),
        graph.edge_count(),
        json_path.display(),
        dot_path.display()
    );
    Ok(())
}
