//! `nergraph build`: count co-occurrences and write the graph files; and the writing of graph
//! files that `merge` shares.

use std::io::{BufWriter, Write};
use std::path::Path;

use anyhow::{Context, Result};
use nergraph::dedupe::DedupeConfig;
use nergraph::export::render::{ImageFormat, Layout};
use nergraph::export::{self, csv, dot, gexf, graphml, json, Metadata};
use nergraph::graph::{CooccurrenceGraph, GraphFilter, WeightMeasure, Window};
use nergraph::pipeline::Pipeline;
use nergraph::text::{BoilerplateConfig, BoilerplateCounter, BoilerplateFilter};
use rayon::prelude::*;

use super::args::{BuildArgs, GraphArgs};
use super::common::{
    check_interrupted, for_each_batch, info, load_tagger, parse_formats, render_images,
    set_threads, warn, without_warnings, MentionRecord, UsageError,
};
use super::progress::Progress;

pub fn run(args: BuildArgs) -> Result<()> {
    let window: Window = args
        .window
        .parse()
        .map_err(|e: nergraph::Error| UsageError(e.to_string()))?;
    let plan = GraphPlan::from_args(&args.graph, true)?;
    set_threads(args.run.threads)?;
    let tagger = load_tagger(&args.corpus)?;
    // mentions.jsonl streams into a temporary file inside the output folder; a folder created for
    // it is removed again when the run fails, as if it had never started.
    let output = &args.graph.output;
    let created_folder = plan.outputs.contains(&Output::Mentions) && !output.exists();
    let result = count_and_write(&args, &plan, window, &tagger);
    if result.is_err() && created_folder {
        let _ = std::fs::remove_dir(output);
    }
    result
}

/// What `build` and `merge` write, from the validated options.
pub struct GraphPlan {
    outputs: Vec<Output>,
    formats: Vec<ImageFormat>,
    layout: Layout,
    filter: GraphFilter,
}

impl GraphPlan {
    /// Validates the options; `mentions` tells whether `mentions` is a format this command has.
    pub fn from_args(args: &GraphArgs, mentions: bool) -> Result<GraphPlan> {
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
        if !mentions && outputs.contains(&Output::Mentions) {
            return Err(UsageError(
                "--formats mentions needs the corpus: use it with build".into(),
            )
            .into());
        }
        // A picture is drawn from the DOT, which is kept so that it can be drawn again.
        if !formats.is_empty() && !outputs.contains(&Output::Dot) {
            outputs.push(Output::Dot);
        }
        Ok(GraphPlan {
            outputs,
            formats,
            layout,
            filter,
        })
    }

    /// The filter the options ask for.
    pub fn filter(&self) -> &GraphFilter {
        &self.filter
    }
}

/// Reads the corpus, counts, and writes the planned files (or the partial result).
fn count_and_write(
    args: &BuildArgs,
    plan: &GraphPlan,
    window: Window,
    tagger: &nergraph::tagger::Tagger,
) -> Result<()> {
    let output = &args.graph.output;
    let mut mentions_file = if plan.outputs.contains(&Output::Mentions) {
        create_output_folder(output)?;
        Some(BufWriter::new(export::temporary_file_for(
            &output.join("mentions.jsonl"),
        )?))
    } else {
        None
    };
    let boilerplate = if args.keep_boilerplate {
        None
    } else if args.corpus.inputs.iter().any(|i| i.as_os_str() == "-") {
        warn("boilerplate lines are found in a first pass over the corpus, which standard input cannot give; they are counted (--keep-boilerplate)");
        None
    } else {
        // A first pass that fails (an unreadable input, no documents) is left to the second pass
        // to report, with the warnings that go with it.
        find_boilerplate(args).ok()
    };
    let mut pipeline = Pipeline::new(tagger, window).evidence_limit(args.evidence);
    if let Some(filter) = &boilerplate {
        pipeline = pipeline.boilerplate(filter);
    }
    if args.dedupe {
        pipeline = pipeline.dedupe(DedupeConfig::default());
    }
    let mut counter = pipeline.counter();
    let mut progress = Progress::new(args.run.quiet);
    // With --dedupe, the names of the documents, to list duplicates with their originals.
    let mut names: Vec<Box<str>> = Vec::new();
    let mut duplicates = String::from("document,duplicate_of\n");
    let mut duplicate_count = 0usize;
    let mut boilerplate_mentions = 0usize;
    let documents = for_each_batch(&args.corpus, |batch| {
        let counted = pipeline.run(&batch);
        boilerplate_mentions += counted.boilerplate_mentions;
        if args.dedupe {
            for (doc, original) in batch.iter().zip(&counted.duplicate_of) {
                names.push(doc.name.as_str().into());
                if let Some(original) = original {
                    duplicate_count += 1;
                    duplicates.push_str(&format!(
                        "{},{}\n",
                        csv::escape(&doc.name),
                        csv::escape(&names[*original])
                    ));
                }
            }
        }
        if let Some(out) = &mut mentions_file {
            for (doc, mentions) in batch.iter().zip(&counted.mentions) {
                for m in mentions {
                    serde_json::to_writer(
                        &mut *out,
                        &MentionRecord::new(tagger.gazetteer(), &doc.name, &doc.text, m),
                    )?;
                    out.write_all(b"\n")?;
                }
            }
        }
        counter.merge(counted.counter);
        let bytes = batch.iter().map(|d| d.text.len()).sum();
        progress.batch(batch.len(), bytes, Some(counter.size()));
        Ok(())
    });
    progress.finish();
    let documents = documents?;
    check_interrupted()?;
    let mut written = Vec::new();
    if args.dedupe {
        create_output_folder(output)?;
        let path = output.join("duplicates.csv");
        export::write_atomic(&path, duplicates.as_bytes())?;
        written.push(path.display().to_string());
        info(format!(
            "{duplicate_count} of {documents} documents are near-duplicates of earlier ones and were not counted"
        ));
    }
    if boilerplate_mentions > 0 {
        info(format!(
            "{boilerplate_mentions} mentions in boilerplate lines were not counted (--keep-boilerplate counts them)"
        ));
    }
    if args.partial {
        let partial = counter.into_partial(tagger.gazetteer());
        create_output_folder(output)?;
        let path = output.join("partial.json");
        export::write_atomic(&path, partial.to_json().as_bytes())?;
        written.push(path.display().to_string());
        persist_mentions(mentions_file, output, &mut written)?;
        info(format!(
            "{documents} documents, {} entities, {} linked pairs; wrote {}",
            partial.nodes.len(),
            partial.edges.len(),
            list(&written)
        ));
        return Ok(());
    }
    let graph = counter.finish(tagger.gazetteer());
    let metadata = Metadata {
        nergraph_version: env!("CARGO_PKG_VERSION").to_owned(),
        window: window.to_string(),
        documents,
        gazetteers: tagger.gazetteer().sources().to_vec(),
        filter: plan.filter.clone(),
    };
    write_graph(graph, metadata, &args.graph, plan, |more| {
        more.append(&mut written);
        persist_mentions(mentions_file, output, more)
    })
}

/// The first pass: counts, per source, the documents each line occurs in, and returns the filter
/// of the lines repeated often enough to be boilerplate.
fn find_boilerplate(args: &BuildArgs) -> Result<BoilerplateFilter> {
    // One counter per thread for the whole pass, merged at the end. Merging adds counts, so the
    // result is the same whichever thread counted which document.
    let threads = rayon::current_num_threads().max(1);
    let mut counters: Vec<BoilerplateCounter> = (0..threads)
        .map(|_| BoilerplateCounter::new(BoilerplateConfig::default()))
        .collect();
    let mut progress = Progress::new(args.run.quiet);
    let result = without_warnings(|| {
        for_each_batch(&args.corpus, |batch| {
            let chunk = batch.len().div_ceil(threads).max(1);
            counters
                .par_iter_mut()
                .zip(batch.par_chunks(chunk))
                .for_each(|(counter, docs)| {
                    for doc in docs {
                        counter.add_document(doc.source.as_deref(), &doc.text);
                    }
                });
            let bytes = batch.iter().map(|d| d.text.len()).sum();
            progress.batch(batch.len(), bytes, None);
            Ok(())
        })
    });
    progress.finish();
    result?;
    let mut counters = counters.into_iter();
    let mut counter = counters.next().expect("at least one thread");
    for other in counters {
        counter.merge(other);
    }
    Ok(counter.finish())
}

/// Moves the streamed mentions.jsonl into place.
fn persist_mentions(
    file: Option<BufWriter<tempfile::NamedTempFile>>,
    output: &Path,
    written: &mut Vec<String>,
) -> Result<()> {
    if let Some(out) = file {
        let path = output.join("mentions.jsonl");
        let file = out.into_inner().map_err(|e| e.into_error())?;
        file.persist(&path)
            .map_err(|e| nergraph::Error::io(&path, e.error))?;
        written.push(path.display().to_string());
    }
    Ok(())
}

/// "a, b and c".
fn list(items: &[String]) -> String {
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

/// Filters the finished graph and writes the planned files and pictures. `more` writes files of
/// the caller's after the graph files, adding their names to the list.
pub fn write_graph(
    graph: CooccurrenceGraph,
    metadata: Metadata,
    args: &GraphArgs,
    plan: &GraphPlan,
    more: impl FnOnce(&mut Vec<String>) -> Result<()>,
) -> Result<()> {
    let graph = graph.filtered(&plan.filter);
    let limit = args.picture_nodes;
    let (picture, note) = if limit > 0 && graph.node_count() > limit {
        let note = format!(
            "showing the {limit} most connected of {} entities (--picture-nodes)",
            graph.node_count()
        );
        info(format!(
            "the picture is {note}; the data files hold them all"
        ));
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
            check_interrupted()?;
            let path = args.output.join(name);
            export::write_atomic(&path, contents.as_bytes())?;
            written.push(path.display().to_string());
        }
    }
    more(&mut written)?;
    info(format!(
        "{} documents, {} entities, {} edges; wrote {}",
        metadata.documents,
        graph.node_count(),
        graph.edge_count(),
        list(&written)
    ));
    for image in render_images(&dot_text, &args.output, "graph", &plan.formats, plan.layout)? {
        info(format!("drew {} ({} layout)", image.display(), plan.layout));
    }
    Ok(())
}

fn create_output_folder(path: &Path) -> Result<()> {
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
