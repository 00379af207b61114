//! Glue shared by the subcommands: gazetteer loading, corpus reading, warnings.

use std::fmt;

use anyhow::{Context, Result};
use nergraph::corpus::{self, Document, Fields, Format, ReadOptions};
use nergraph::gazetteer::GazetteerBuilder;
use nergraph::tagger::{Tagger, TaggerBuilder};
use nergraph::Error;

use super::args::{CorpusArgs, InputFormat, Switch};

/// A command-line value that clap could not check; exits with the usage status.
#[derive(Debug)]
pub struct UsageError(pub String);

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

/// The data files were written but a picture could not be drawn (Graphviz is missing); exits with
/// [`EXIT_NO_IMAGE`](super::EXIT_NO_IMAGE) after a warning instead of an error.
#[derive(Debug)]
pub struct ImageMissing(pub String);

impl fmt::Display for ImageMissing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ImageMissing {}

/// Draws `dot_path`'s graph in each format next to it (same stem), atomically.
///
/// Returns the paths written. Graphviz missing becomes [`ImageMissing`], with how to install it.
pub fn render_images(
    dot_text: &str,
    out_dir: &std::path::Path,
    stem: &str,
    formats: &[nergraph::export::render::ImageFormat],
    layout: nergraph::export::render::Layout,
) -> Result<Vec<std::path::PathBuf>> {
    use nergraph::export::render::{render_dot, INSTALL_HINT};
    let mut written = Vec::new();
    for format in formats {
        let path = out_dir.join(format!("{stem}.{}", format.extension()));
        match render_dot(dot_text, layout, *format) {
            Ok(bytes) => {
                nergraph::export::write_atomic(&path, &bytes)?;
                written.push(path);
            }
            Err(Error::GraphvizMissing) => {
                return Err(ImageMissing(format!(
                    "no picture drawn: Graphviz's `dot` program was not found; {INSTALL_HINT}, then run \
                     `nergraph render {}`",
                    out_dir.join(format!("{stem}.dot")).display()
                ))
                .into())
            }
            Err(e) => return Err(e).with_context(|| format!("cannot draw {}", path.display())),
        }
    }
    Ok(written)
}

/// Parses a comma-separated list of image formats (`svg,png`).
pub fn parse_formats(list: &str) -> Result<Vec<nergraph::export::render::ImageFormat>> {
    let mut formats = Vec::new();
    for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        let format = name.parse().map_err(|e: Error| UsageError(e.to_string()))?;
        if !formats.contains(&format) {
            formats.push(format);
        }
    }
    Ok(formats)
}

/// One mention as a JSON line (`tag --format jsonl`, `mentions.jsonl`).
#[derive(serde::Serialize)]
pub struct MentionRecord<'a> {
    pub doc: &'a str,
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    #[serde(rename = "type")]
    pub entity_type: &'a str,
    pub id: &'a str,
    pub name: &'a str,
    pub kind: &'a str,
    pub resolved_by: &'a str,
}

impl<'a> MentionRecord<'a> {
    /// The record of mention `m` of document `doc` (named `name`).
    pub fn new(
        gazetteer: &'a nergraph::gazetteer::Gazetteer,
        name: &'a str,
        doc: &'a str,
        m: &nergraph::tagger::Mention,
    ) -> Self {
        let entity = gazetteer.entity(m.entity);
        MentionRecord {
            doc: name,
            start: m.span.start,
            end: m.span.end,
            text: &doc[m.span.clone()],
            entity_type: entity.entity_type().as_str(),
            id: entity.id(),
            name: entity.name(),
            kind: m.kind.as_str(),
            resolved_by: m.resolved_by.as_str(),
        }
    }
}

/// Whether [`info`] prints: standard error is a terminal and `--quiet` was not given.
static INFO: std::sync::OnceLock<bool> = std::sync::OnceLock::new();

/// Decides once whether informational lines are printed (see [`info`]).
pub fn init_info(quiet: bool) {
    use std::io::IsTerminal;
    let _ = INFO.set(!quiet && std::io::stderr().is_terminal());
}

/// Prints an informational line (what was written, drawn or left out of a picture) on standard
/// error when it is a terminal and `--quiet` was not given. Scripts and logs see only warnings.
pub fn info(message: impl fmt::Display) {
    if INFO.get().copied().unwrap_or(false) {
        eprintln!("nergraph: {message}");
    }
}

/// Set by the first Ctrl-C (SIGINT): the run stops at the next document or file and removes its
/// temporary files. A second Ctrl-C ends the process at once.
static INTERRUPTED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// The run was stopped by Ctrl-C; exits with [`super::EXIT_INTERRUPTED`].
#[derive(Debug)]
pub struct Interrupted;

impl fmt::Display for Interrupted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("interrupted; files written by earlier runs are unchanged")
    }
}

impl std::error::Error for Interrupted {}

/// Installs the Ctrl-C handler (see [`INTERRUPTED`]).
pub fn catch_interrupts() {
    let _ = ctrlc::set_handler(|| {
        if INTERRUPTED.swap(true, std::sync::atomic::Ordering::SeqCst) {
            std::process::exit(i32::from(super::EXIT_INTERRUPTED));
        }
    });
}

/// Fails with [`Interrupted`] once Ctrl-C was pressed.
pub fn check_interrupted() -> Result<()> {
    if INTERRUPTED.load(std::sync::atomic::Ordering::SeqCst) {
        return Err(Interrupted.into());
    }
    Ok(())
}

/// Set while a first pass over the corpus reads it, so that its warnings are not printed twice.
static WARNINGS_MUTED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Prints a warning on standard error.
pub fn warn(message: impl fmt::Display) {
    if !WARNINGS_MUTED.load(std::sync::atomic::Ordering::Relaxed) {
        eprintln!("nergraph: warning: {message}");
    }
}

/// Runs `pass` (a first pass over a corpus that will be read again) without printing warnings.
pub fn without_warnings<T>(pass: impl FnOnce() -> T) -> T {
    WARNINGS_MUTED.store(true, std::sync::atomic::Ordering::Relaxed);
    let result = pass();
    WARNINGS_MUTED.store(false, std::sync::atomic::Ordering::Relaxed);
    result
}

/// Loads the gazetteers the user asked for and compiles the tagger.
pub fn load_tagger(args: &CorpusArgs) -> Result<Tagger> {
    let mut builder = GazetteerBuilder::new();
    if !args.no_default_gazetteers {
        builder.add_defaults()?;
    }
    for path in &args.gazetteers {
        builder.add_path(path)?;
    }
    if args.no_default_gazetteers && args.gazetteers.is_empty() {
        return Err(
            UsageError("--no-default-gazetteers needs at least one --gazetteer".into()).into(),
        );
    }
    let gazetteer = builder.build()?;
    Ok(TaggerBuilder::new()
        .capitals(args.capitals == Switch::On)
        .build(gazetteer)?)
}

/// The library's reading options from the command line.
fn read_options(args: &CorpusArgs) -> Result<ReadOptions> {
    let format = match args.input_format {
        InputFormat::Auto => None,
        InputFormat::Text => Some(Format::Text),
        InputFormat::Jsonl => Some(Format::Jsonl),
        InputFormat::Csv => Some(Format::Csv),
        InputFormat::Tsv => Some(Format::Tsv),
    };
    let fields = [
        ("--text-field", &args.text_field),
        ("--id-field", &args.id_field),
        ("--date-field", &args.date_field),
        ("--source-field", &args.source_field),
    ];
    if let Some((option, _)) = fields.iter().find(|(_, name)| name.is_empty()) {
        return Err(UsageError(format!("{option} needs a field name")).into());
    }
    Ok(ReadOptions {
        format,
        fields: Fields {
            text: args.text_field.clone(),
            id: args.id_field.clone(),
            date: args.date_field.clone(),
            source: args.source_field.clone(),
        },
    })
}

/// Warnings shown per input file; the rest are counted.
const WARNINGS_PER_FILE: usize = 10;

/// Reads every document of the corpus in order and hands it to `each`.
///
/// Inputs are read one document (and, for JSON Lines and CSV, one record) at a time. What the
/// library reports as skippable (inputs that are not text, malformed records and fields, corrupt
/// gzip data) becomes a warning, or fails the run under `--strict`. Returns the number of documents
/// read.
pub fn for_each_document(
    args: &CorpusArgs,
    mut each: impl FnMut(Document) -> Result<()>,
) -> Result<usize> {
    let options = read_options(args)?;
    let sources = corpus::discover_with(&args.inputs, &options, warn)?;
    let mut read = 0;
    for source in &sources {
        let documents = corpus::open(source, &options).context("cannot read input")?;
        let mut from_source = 0;
        // A file with the same problem on every record would bury the other warnings.
        let mut warnings = 0usize;
        let mut warn = |message: String| {
            warnings += 1;
            if warnings <= WARNINGS_PER_FILE {
                warn(message);
            }
        };
        for document in documents {
            check_interrupted()?;
            match document {
                Ok(document) => {
                    read += 1;
                    from_source += 1;
                    each(document)?;
                }
                Err(e) if args.strict || !e.is_skippable() => {
                    return Err(e).context("cannot read input")
                }
                Err(e @ Error::Field { .. }) => warn(format!("{e}; the field is ignored")),
                Err(e @ Error::Gzip { .. }) if from_source > 0 => {
                    warn(format!("skipped the rest of {e}"))
                }
                Err(e) => warn(format!("skipped {e}")),
            }
        }
        if warnings > WARNINGS_PER_FILE {
            self::warn(format!(
                "{}: {} more warnings like these",
                source.name(),
                warnings - WARNINGS_PER_FILE
            ));
        }
    }
    if read == 0 {
        anyhow::bail!("no documents to read in the inputs given");
    }
    Ok(read)
}

/// Documents are handed to the pipeline in batches of about this many bytes...
const BATCH_BYTES: usize = 8 << 20;
/// ...or this many documents, whichever comes first.
const BATCH_DOCUMENTS: usize = 2048;

/// Reads the corpus like [`for_each_document`] and hands the documents to `each` in batches, in
/// order. Returns the number of documents read.
pub fn for_each_batch(
    args: &CorpusArgs,
    mut each: impl FnMut(Vec<Document>) -> Result<()>,
) -> Result<usize> {
    let mut batch = Vec::new();
    let mut bytes = 0;
    let read = for_each_document(args, |doc| {
        bytes += doc.text.len();
        batch.push(doc);
        if bytes >= BATCH_BYTES || batch.len() >= BATCH_DOCUMENTS {
            bytes = 0;
            each(std::mem::take(&mut batch))?;
        }
        Ok(())
    })?;
    if !batch.is_empty() {
        each(batch)?;
    }
    Ok(read)
}

/// Sets the number of threads for tagging and counting (`--threads`).
pub fn set_threads(threads: Option<usize>) -> Result<()> {
    let Some(threads) = threads else {
        return Ok(());
    };
    if threads == 0 {
        return Err(UsageError("--threads must be at least 1".into()).into());
    }
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build_global()
        .context("cannot start the thread pool")?;
    Ok(())
}
