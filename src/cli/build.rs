//! `nergraph build`: count co-occurrences and write the graph files.

use std::io::{BufWriter, Write};

use anyhow::{Context, Result};
use nergraph::export::render::Layout;
use nergraph::export::{self, csv, dot, gexf, graphml, json, Metadata};
use nergraph::graph::{CooccurrenceCounter, GraphFilter, WeightMeasure, Window};
use nergraph::text::normalize;

use super::args::BuildArgs;
use super::common::{
    for_each_document, load_tagger, parse_formats, render_images, MentionRecord, UsageError,
};

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
    let layout: Layout = args
        .layout
        .parse()
        .map_err(|e: nergraph::Error| UsageError(e.to_string()))?;
    let formats = args
        .render
        .as_deref()
        .map(parse_formats)
        .transpose()?
        .unwrap_or_default();
    let mut outputs = parse_outputs(&args.formats)?;
    // A picture is drawn from the DOT, which is kept so that it can be drawn again.
    if !formats.is_empty() && !outputs.contains(&Output::Dot) {
        outputs.push(Output::Dot);
    }
    let tagger = load_tagger(&args.corpus)?;
    // mentions.jsonl streams into a temporary file inside the output folder; a folder created for
    // it is removed again when the run fails, as if it had never started.
    let created_folder = outputs.contains(&Output::Mentions) && !args.output.exists();
    let plan = Plan {
        outputs,
        formats,
        layout,
        filter,
        window,
    };
    let result = write_outputs(&args, &plan, &tagger);
    if result.is_err() && created_folder {
        let _ = std::fs::remove_dir(&args.output);
    }
    result
}

/// What `build` writes, from the validated options.
struct Plan {
    outputs: Vec<Output>,
    formats: Vec<nergraph::export::render::ImageFormat>,
    layout: Layout,
    filter: GraphFilter,
    window: Window,
}

/// Reads the corpus, counts, and writes the planned files.
fn write_outputs(args: &BuildArgs, plan: &Plan, tagger: &nergraph::tagger::Tagger) -> Result<()> {
    let window = plan.window;
    let mut mentions_file = if plan.outputs.contains(&Output::Mentions) {
        create_output_folder(&args.output)?;
        Some(BufWriter::new(export::temporary_file_for(
            &args.output.join("mentions.jsonl"),
        )?))
    } else {
        None
    };
    let mut counter = CooccurrenceCounter::new(window).evidence_limit(args.evidence);
    let documents = for_each_document(&args.corpus, |doc| {
        let normalized = normalize(&doc.text);
        let mentions = tagger.tag_normalized(&normalized);
        if let Some(out) = &mut mentions_file {
            for m in &mentions {
                serde_json::to_writer(
                    &mut *out,
                    &MentionRecord::new(tagger.gazetteer(), &doc.name, &doc.text, m),
                )?;
                out.write_all(b"\n")?;
            }
        }
        counter.add_document(&doc.name, &normalized, &mentions);
        Ok(())
    })?;
    let filter = plan.filter.clone();
    let graph = counter.finish(tagger.gazetteer()).filtered(&filter);
    let metadata = Metadata {
        nergraph_version: env!("CARGO_PKG_VERSION").to_owned(),
        window: window.to_string(),
        documents,
        gazetteers: tagger.gazetteer().sources().to_vec(),
        filter,
    };
    let limit = args.picture_nodes;
    let (picture, note) = if limit > 0 && graph.node_count() > limit {
        let note = format!(
            "showing the {limit} most connected of {} entities (--picture-nodes)",
            graph.node_count()
        );
        eprintln!("nergraph: the picture is {note}; the data files hold them all");
        (graph.strongest(limit), Some(note))
    } else {
        (graph.clone(), None)
    };
    let dot_text = dot::to_dot_with(&picture, &metadata, &dot::DotOptions { note });
    create_output_folder(&args.output)?;
    let mut written = Vec::new();
    for output in &plan.outputs {
        let files: Vec<(&str, String)> = match output {
            Output::Json => vec![("graph.json", json::to_json(&graph, &metadata))],
            Output::Dot => vec![("graph.dot", dot_text.clone())],
            Output::Graphml => vec![("graph.graphml", graphml::to_graphml(&graph, &metadata))],
            Output::Gexf => vec![("graph.gexf", gexf::to_gexf(&graph, &metadata))],
            Output::Csv => vec![
                ("nodes.csv", csv::nodes_csv(&graph)),
                ("edges.csv", csv::edges_csv(&graph)),
            ],
            Output::Mentions => Vec::new(),
        };
        for (name, contents) in files {
            let path = args.output.join(name);
            export::write_atomic(&path, contents.as_bytes())?;
            written.push(path.display().to_string());
        }
    }
    if let Some(out) = mentions_file {
        let path = args.output.join("mentions.jsonl");
        let file = out.into_inner().map_err(|e| e.into_error())?;
        file.persist(&path)
            .map_err(|e| nergraph::Error::io(&path, e.error))?;
        written.push(path.display().to_string());
    }
    let (last, rest) = written
        .split_last()
        .expect("--formats names at least one file");
    let files = if rest.is_empty() {
        last.clone()
    } else {
        format!("{} and {last}", rest.join(", "))
    };
    eprintln!(
        "nergraph: {} documents, {} entities, {} edges; wrote {files}",
        documents,
        graph.node_count(),
        graph.edge_count(),
    );
    for image in render_images(&dot_text, &args.output, "graph", &plan.formats, plan.layout)? {
        eprintln!(
            "nergraph: drew {} ({} layout)",
            image.display(),
            plan.layout
        );
    }
    Ok(())
}

fn create_output_folder(path: &std::path::Path) -> Result<()> {
    std::fs::create_dir_all(path)
        .with_context(|| format!("cannot create the output folder {}", path.display()))
}

/// A file (or pair of files) that `build` can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Output {
    Json,
    Dot,
    Graphml,
    Gexf,
    Csv,
    Mentions,
}

/// Parses `--formats`: a comma-separated list, in the order given, without repeats.
fn parse_outputs(list: &str) -> Result<Vec<Output>> {
    let mut outputs = Vec::new();
    for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        let output = match name {
            "json" => Output::Json,
            "dot" => Output::Dot,
            "graphml" => Output::Graphml,
            "gexf" => Output::Gexf,
            "csv" => Output::Csv,
            "mentions" => Output::Mentions,
            _ => {
                return Err(UsageError(format!(
                    "invalid format {name:?} in --formats: expected json, dot, graphml, gexf, csv or mentions"
                ))
                .into())
            }
        };
        if !outputs.contains(&output) {
            outputs.push(output);
        }
    }
    if outputs.is_empty() {
        return Err(UsageError("--formats names no format".into()).into());
    }
    Ok(outputs)
}
