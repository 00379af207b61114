//! `nergraph render`: draw an existing graph.dot.

use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::Args;
use nergraph::export::render::Layout;
use nergraph::export::{dot, json};

use super::common::{info, parse_formats, render_images, UsageError};

/// Arguments of `nergraph render`.
#[derive(Debug, Args)]
pub struct RenderArgs {
    /// The graph to draw: a graph.json or graph.dot written by `nergraph build`.
    #[arg(value_name = "GRAPH")]
    pub input: PathBuf,

    /// Image formats: svg, png, pdf (comma-separated).
    #[arg(short, long, default_value = "svg", value_name = "FORMATS")]
    pub format: String,

    /// Graphviz layout: sfdp (default), neato, fdp, dot, circo.
    #[arg(long, default_value = "sfdp", value_name = "LAYOUT")]
    pub layout: String,

    /// For a graph.json: show at most this many entities, the most connected ones (0 for all).
    #[arg(long, default_value_t = 200, value_name = "N")]
    pub picture_nodes: usize,

    /// Folder for the images (default: the input's folder).
    #[arg(short, long, value_name = "DIR")]
    pub output: Option<PathBuf>,
}

pub fn run(args: RenderArgs) -> Result<()> {
    let layout: Layout = args
        .layout
        .parse()
        .map_err(|e: nergraph::Error| UsageError(e.to_string()))?;
    let formats = parse_formats(&args.format)?;
    let text = std::fs::read_to_string(&args.input)
        .with_context(|| format!("cannot read {}", args.input.display()))?;
    let is_json = args.input.extension().is_some_and(|e| e == "json");
    let dot = if is_json {
        let (graph, metadata) =
            json::from_json(&text).with_context(|| format!("{}", args.input.display()))?;
        let limit = args.picture_nodes;
        let (picture, note) = if limit > 0 && graph.node_count() > limit {
            let note = format!(
                "showing the {limit} most connected of {} entities (--picture-nodes)",
                graph.node_count()
            );
            info(format!("the picture is {note}"));
            (graph.strongest(limit), Some(note))
        } else {
            (graph, None)
        };
        dot::to_dot_with(&picture, &metadata, &dot::DotOptions { note })
    } else {
        // Check the file before handing it to Graphviz, so that the error names it.
        graphviz_rust::parse(&text)
            .map_err(|e| anyhow::anyhow!("{}: not a valid DOT file: {e}", args.input.display()))?;
        text
    };
    let stem = args
        .input
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("graph")
        .to_owned();
    let out_dir = match &args.output {
        Some(dir) => dir.clone(),
        None => args.input.parent().map(PathBuf::from).unwrap_or_default(),
    };
    let out_dir = if out_dir.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        out_dir
    };
    std::fs::create_dir_all(&out_dir)
        .with_context(|| format!("cannot create {}", out_dir.display()))?;
    for image in render_images(&dot, &out_dir, &stem, &formats, layout)? {
        info(format!("drew {} ({layout} layout)", image.display()));
    }
    Ok(())
}
