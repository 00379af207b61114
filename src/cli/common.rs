//! Glue shared by the subcommands: gazetteer loading, corpus reading, warnings.

use std::fmt;

use anyhow::{Context, Result};
use nergraph::corpus::{self, Document};
use nergraph::gazetteer::GazetteerBuilder;
use nergraph::tagger::{Tagger, TaggerBuilder};
use nergraph::Error;

use super::args::{CorpusArgs, Switch};

/// A command-line value that clap could not check; exits with the usage status.
#[derive(Debug)]
pub struct UsageError(pub String);

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

/// Prints a warning on standard error.
pub fn warn(message: impl fmt::Display) {
    eprintln!("nergraph: warning: {message}");
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

/// Reads every document of the corpus in order and hands it to `each`.
///
/// Inputs that are not text are skipped with a warning, or fail the run under `--strict`.
/// Returns the number of documents read.
pub fn for_each_document(
    args: &CorpusArgs,
    mut each: impl FnMut(Document) -> Result<()>,
) -> Result<usize> {
    let sources = corpus::discover(&args.inputs, warn)?;
    let mut read = 0;
    for source in &sources {
        match corpus::read(source) {
            Ok(document) => {
                read += 1;
                each(document)?;
            }
            Err(e @ Error::NotText { .. }) if !args.strict => warn(format!("skipped {e}")),
            Err(e) => return Err(e).context("cannot read input"),
        }
    }
    if read == 0 {
        anyhow::bail!("no documents to read in the inputs given");
    }
    Ok(read)
}
