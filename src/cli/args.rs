//! The command line, as clap types. Nothing here leaks into the library.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

const AFTER_HELP: &str = "\
Exit status: 0 on success, 1 when the run fails (unreadable input, invalid gazetteer, unwritable
output), 2 when the command line is wrong, 3 when the data files were written but the picture was
not (Graphviz is not installed), 130 when stopped by Ctrl-C (no file is left half-written).";

/// Tag people, organisations and countries in news text and build their co-occurrence graph.
#[derive(Debug, Parser)]
#[command(name = "nergraph", version, about, after_help = AFTER_HELP, propagate_version = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the entity mentions found in the inputs.
    #[command(after_help = AFTER_HELP)]
    Tag(TagArgs),
    /// Build the co-occurrence graph and write graph.json and graph.dot.
    #[command(after_help = AFTER_HELP)]
    Build(BuildArgs),
    /// Check, count and grow gazetteers.
    #[command(after_help = AFTER_HELP)]
    Gazetteer(super::gazetteer::GazetteerArgs),
    /// Combine partial results of `build --partial` into the graph of the whole corpus.
    #[command(after_help = AFTER_HELP)]
    Merge(MergeArgs),
    /// Draw a picture (SVG, PNG, PDF) of a graph.json or graph.dot with Graphviz.
    #[command(after_help = AFTER_HELP)]
    Render(super::render::RenderArgs),
    /// Score the tagger against a gold file (CoNLL-2003 or JSONL).
    #[command(after_help = AFTER_HELP)]
    Eval(super::eval::EvalArgs),
}

/// Options shared by every command that reads a corpus.
#[derive(Debug, Args)]
pub struct CorpusArgs {
    /// Files or folders to read; `-` reads standard input. Folders are searched for .txt, .md,
    /// .jsonl, .ndjson and .csv files, plain or gzipped (.gz).
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,

    /// How inputs are laid out; a format other than auto applies to every input, and folders are
    /// searched for its files only.
    #[arg(long, value_enum, default_value = "auto", value_name = "FORMAT")]
    pub input_format: InputFormat,

    /// The JSON field or CSV column holding a record's text (a dotted path reaches into nested
    /// JSON objects: body.text).
    #[arg(long, default_value = "text", value_name = "FIELD")]
    pub text_field: String,

    /// The field holding a record's id, used as the document name (else FILE:LINE).
    #[arg(long, default_value = "id", value_name = "FIELD")]
    pub id_field: String,

    /// The field holding a record's publication date (kept when it starts with YYYY-MM-DD).
    #[arg(long, default_value = "date", value_name = "FIELD")]
    pub date_field: String,

    /// The field holding a record's outlet or site.
    #[arg(long, default_value = "source", value_name = "FIELD")]
    pub source_field: String,

    /// A gazetteer file, or a folder of .tsv files, read after the defaults. Repeatable.
    #[arg(short, long = "gazetteer", value_name = "PATH")]
    pub gazetteers: Vec<PathBuf>,

    /// Do not load the built-in gazetteers.
    #[arg(long)]
    pub no_default_gazetteers: bool,

    /// Fail on inputs that are not UTF-8 text, malformed records or fields and corrupt gzip data
    /// instead of skipping them with a warning.
    #[arg(long)]
    pub strict: bool,

    /// Whether capitals stand for their countries ("Beijing said...").
    #[arg(long, value_enum, default_value = "on", value_name = "on|off")]
    pub capitals: Switch,
}

/// Input formats (`--input-format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    /// By file name: .jsonl and .ndjson are JSON Lines, .csv and .tsv have a header row, anything
    /// else is text; standard input is text.
    Auto,
    /// Each input is one document.
    Text,
    /// One JSON object per line.
    Jsonl,
    /// Comma-separated, with a header row.
    Csv,
    /// Tab-separated, with a header row.
    Tsv,
}

/// An option that is on or off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Switch {
    /// Enabled.
    On,
    /// Disabled.
    Off,
}

/// Output formats of `tag`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum TagFormat {
    /// One tab-separated line per mention: place, type, id, text.
    Text,
    /// One JSON object per line: doc, start, end, text, type, id, name, kind, resolved_by.
    Jsonl,
}

/// Arguments of `nergraph tag`.
#[derive(Debug, Args)]
pub struct TagArgs {
    /// The corpus and gazetteers.
    #[command(flatten)]
    pub corpus: CorpusArgs,

    /// Threads and progress.
    #[command(flatten)]
    pub run: RunArgs,

    /// Output format.
    #[arg(short, long, value_enum, default_value = "text")]
    pub format: TagFormat,
}

/// How a command that reads a corpus runs.
#[derive(Debug, Args)]
pub struct RunArgs {
    /// Threads for tagging and counting (default: one per core). The output does not depend on it.
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,

    /// No progress bar. (It is only drawn when standard error is a terminal.)
    #[arg(short, long)]
    pub quiet: bool,
}

/// Arguments of `nergraph build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The corpus and gazetteers.
    #[command(flatten)]
    pub corpus: CorpusArgs,

    /// Threads and progress.
    #[command(flatten)]
    pub run: RunArgs,

    /// Co-occurrence window: sentence, paragraph, document, or tokens:N (within N words).
    #[arg(short, long, default_value = "sentence", value_name = "WINDOW")]
    pub window: String,

    /// Windows of evidence kept per edge (0 for none).
    #[arg(long, default_value_t = nergraph::graph::DEFAULT_EVIDENCE, value_name = "N")]
    pub evidence: usize,

    /// Write the counts as partial.json, to combine with other parts by `nergraph merge`,
    /// instead of the graph files.
    #[arg(long)]
    pub partial: bool,

    /// Count each story once: a document that is a near-duplicate of an earlier one (a syndicated
    /// copy with another headline or footer) is left out of the counts and listed in
    /// duplicates.csv.
    #[arg(long)]
    pub dedupe: bool,

    /// Count mentions in boilerplate too: lines that a source repeats in many of its documents
    /// (banners, newsletter prompts, copyright lines), which are otherwise found in a first pass
    /// over the corpus and left out.
    #[arg(long)]
    pub keep_boilerplate: bool,

    /// The files to write.
    #[command(flatten)]
    pub graph: GraphArgs,
}

/// Arguments of `nergraph merge`.
#[derive(Debug, Args)]
pub struct MergeArgs {
    /// partial.json files written by `build --partial`, in corpus order (or folders holding one).
    #[arg(required = true, value_name = "PART")]
    pub parts: Vec<PathBuf>,

    /// The files to write.
    #[command(flatten)]
    pub graph: GraphArgs,
}

/// What `build` and `merge` write, and how the graph is filtered and drawn.
#[derive(Debug, Args)]
pub struct GraphArgs {
    /// Folder for graph.json and graph.dot (created if missing).
    #[arg(short, long, value_name = "DIR", default_value = "out")]
    pub output: PathBuf,

    /// Which edge measure drives --min-weight, --top-edges and the picture: count, pmi, npmi,
    /// jaccard, dice or assoc.
    #[arg(long, default_value = "count", value_name = "MEASURE")]
    pub weight: String,

    /// Keep only edges whose measure (--weight) is at least this.
    #[arg(long, value_name = "X")]
    pub min_weight: Option<f64>,

    /// Keep only entities with at least this many mentions.
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub min_mentions: u64,

    /// Keep only the N edges with the highest measure (--weight).
    #[arg(long, value_name = "N")]
    pub top_edges: Option<usize>,

    /// Drop entities that are left without edges.
    #[arg(long)]
    pub drop_isolated: bool,

    /// Files to write (comma-separated): json (graph.json), dot (graph.dot), graphml
    /// (graph.graphml), gexf (graph.gexf), csv (nodes.csv, edges.csv), mentions (mentions.jsonl;
    /// build only).
    #[arg(long, default_value = "json,dot", value_name = "FORMATS")]
    pub formats: String,

    /// Also draw the graph with Graphviz, in these formats: svg, png, pdf (comma-separated).
    #[arg(long, value_name = "FORMATS")]
    pub render: Option<String>,

    /// The picture (graph.dot and --render) shows at most this many entities, the most connected
    /// ones; 0 for all. The data files always hold the whole graph.
    #[arg(long, default_value_t = 200, value_name = "N")]
    pub picture_nodes: usize,

    /// Graphviz layout for --render: sfdp (default; suits co-occurrence graphs), neato, fdp, dot,
    /// circo.
    #[arg(long, default_value = "sfdp", value_name = "LAYOUT")]
    pub layout: String,
}
