//! `nergraph merge`: combine the partial results of `build --partial` into one graph.

use std::path::PathBuf;

use anyhow::Result;
use nergraph::export::Metadata;
use nergraph::graph::PartialGraph;

use super::args::MergeArgs;
use super::build::{write_graph, GraphPlan};

pub fn run(args: MergeArgs) -> Result<()> {
    let plan = GraphPlan::from_args(&args.graph, false)?;
    let mut merged: Option<PartialGraph> = None;
    for part in &args.parts {
        let path: PathBuf = if part.is_dir() {
            part.join("partial.json")
        } else {
            part.clone()
        };
        let text = std::fs::read_to_string(&path).map_err(|e| nergraph::Error::io(&path, e))?;
        let partial = PartialGraph::from_json(&path.display().to_string(), &text)?;
        match &mut merged {
            None => merged = Some(partial),
            Some(all) => all
                .merge(partial)
                .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?,
        }
    }
    let merged = merged.expect("clap requires at least one part");
    let metadata = Metadata {
        nergraph_version: env!("CARGO_PKG_VERSION").to_owned(),
        window: merged.window.to_string(),
        documents: merged.documents,
        gazetteers: merged.gazetteers.clone(),
        filter: plan.filter().clone(),
    };
    write_graph(merged.finish(), metadata, &args.graph, &plan, |_| Ok(()))
}
