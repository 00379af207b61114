//! `nergraph gazetteer`: check, count and grow gazetteers.

use std::collections::HashSet;
use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use clap::{Args, Subcommand};
use nergraph::gazetteer::{Gazetteer, GazetteerBuilder, Suggester, COMMON_WORDS};
use nergraph::text::normalize;

use super::args::CorpusArgs;
use super::common::{for_each_document, load_tagger, UsageError};

/// Arguments of `nergraph gazetteer`.
#[derive(Debug, Args)]
pub struct GazetteerArgs {
    /// What to do.
    #[command(subcommand)]
    pub command: GazetteerCommand,
}

/// The gazetteer tools.
#[derive(Debug, Subcommand)]
pub enum GazetteerCommand {
    /// Validate gazetteer files (with the defaults) and warn about risky entries.
    Check(FilesArgs),
    /// Count entities and aliases per type and per file.
    Stats(FilesArgs),
    /// List entities a corpus mentions that the gazetteers miss, as gazetteer rows to review.
    Suggest(SuggestArgs),
}

/// Gazetteer files to check or count.
#[derive(Debug, Args)]
pub struct FilesArgs {
    /// Gazetteer files or folders, read after the defaults; without any, the defaults themselves.
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// Do not load the built-in gazetteers.
    #[arg(long)]
    pub no_default_gazetteers: bool,
}

/// Arguments of `nergraph gazetteer suggest`.
#[derive(Debug, Args)]
pub struct SuggestArgs {
    /// The corpus and gazetteers.
    #[command(flatten)]
    pub corpus: CorpusArgs,

    /// Only names seen at least this many times.
    #[arg(long, default_value_t = 3, value_name = "N")]
    pub min_count: usize,

    /// At most this many suggestions.
    #[arg(long, default_value_t = 200, value_name = "N")]
    pub top: usize,
}

pub fn run(args: GazetteerArgs) -> Result<()> {
    match args.command {
        GazetteerCommand::Check(files) => check(files),
        GazetteerCommand::Stats(files) => stats(files),
        GazetteerCommand::Suggest(args) => suggest(args),
    }
}

/// Loads the defaults (unless dropped) and `files`; returns the gazetteer and the index of the
/// first source that came from `files`.
fn load(args: &FilesArgs) -> Result<(Gazetteer, usize)> {
    if args.no_default_gazetteers && args.files.is_empty() {
        return Err(UsageError("--no-default-gazetteers needs at least one FILE".into()).into());
    }
    let mut builder = GazetteerBuilder::new();
    if !args.no_default_gazetteers {
        builder.add_defaults()?;
    }
    let first_own = if args.files.is_empty() {
        0
    } else {
        builder.source_count()
    };
    for file in &args.files {
        builder.add_path(file)?;
    }
    Ok((builder.build()?, first_own))
}

fn check(args: FilesArgs) -> Result<()> {
    let (gazetteer, first_own) = load(&args)?;
    let common: HashSet<&str> = COMMON_WORDS
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(str::trim)
        .collect();
    let warnings = gazetteer.lint(|source| source >= first_own, &common);
    let mut out = std::io::stdout().lock();
    for w in &warnings {
        writeln!(
            out,
            "{}:{}: warning: {}",
            gazetteer.sources()[w.origin.source],
            w.origin.line,
            w.message
        )?;
    }
    let checked: Vec<&str> = gazetteer.sources()[first_own..]
        .iter()
        .map(String::as_str)
        .collect();
    writeln!(
        out,
        "checked {}: {} entities in all, no errors, {} warning{}",
        checked.join(", "),
        gazetteer.entities().len(),
        warnings.len(),
        if warnings.len() == 1 { "" } else { "s" }
    )?;
    Ok(())
}

fn stats(args: FilesArgs) -> Result<()> {
    let (gazetteer, _) = load(&args)?;
    let stats = gazetteer.stats();
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{:<40} {:>9} {:>9} {:>9}",
        "source", "entities", "aliases", "negative"
    )?;
    for s in &stats.per_source {
        writeln!(
            out,
            "{:<40} {:>9} {:>9} {:>9}",
            s.source, s.entities, s.aliases, s.negative_phrases
        )?;
    }
    writeln!(out)?;
    writeln!(out, "{:<40} {:>9} {:>9}", "type", "entities", "aliases")?;
    for (entity_type, t) in &stats.per_type {
        writeln!(
            out,
            "{:<40} {:>9} {:>9}",
            entity_type.as_str(),
            t.entities,
            t.aliases
        )?;
    }
    writeln!(
        out,
        "{:<40} {:>9}",
        "derived short forms (surnames)", stats.derived_short_forms
    )?;
    Ok(())
}

fn suggest(args: SuggestArgs) -> Result<()> {
    let tagger = load_tagger(&args.corpus)?;
    let mut suggester = Suggester::new();
    for_each_document(&args.corpus, |doc| {
        let normalized = normalize(&doc.text);
        suggester.add_document(&normalized, &tagger.tag_normalized(&normalized));
        Ok(())
    })?;
    let suggestions = suggester.suggestions(args.min_count);
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "# nergraph gazetteer suggest: {} candidates seen at least {} times in {} documents{}.\n\
         # Review every row (ids, types, names) before adding it to a gazetteer file.\n",
        suggestions.len(),
        args.min_count,
        suggester.documents(),
        if suggestions.len() > args.top {
            format!("; the first {} follow", args.top)
        } else {
            String::new()
        },
    )?;
    for s in suggestions.iter().take(args.top) {
        writeln!(out, "{}", s.to_row())?;
    }
    Ok(())
}
