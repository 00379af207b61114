//! `nergraph eval`: score the tagger against a gold file (CoNLL-2003 or JSONL).

use std::collections::HashMap;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

use anyhow::Result;
use clap::ValueEnum;
use nergraph::eval::{evaluate, read_gold_file, ErrorCase, ErrorKind, GoldFormat, Report, Scores};
use nergraph::gazetteer::{EntityType, GazetteerBuilder};
use nergraph::tagger::{Tagger, TaggerBuilder};

use super::args::Switch;
use super::common::UsageError;

/// Formats of gold files.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum EvalFormat {
    /// CoNLL-2003: `TOKEN [POS CHUNK] TAG` per line, blank lines between sentences.
    Conll,
    /// One JSON object per line: {"doc", "text", "entities": [{"start", "end", "type"}]}.
    Jsonl,
}

/// Arguments of `nergraph eval`.
#[derive(Debug, clap::Args)]
pub struct EvalArgs {
    /// The gold file.
    #[arg(long, value_name = "FILE")]
    pub gold: PathBuf,

    /// Format of the gold file [default: jsonl for .jsonl and .json files, conll otherwise].
    #[arg(short, long, value_enum)]
    pub format: Option<EvalFormat>,

    /// A gazetteer file, or a folder of .tsv files, read after the defaults. Repeatable.
    #[arg(short, long = "gazetteer", value_name = "PATH")]
    pub gazetteers: Vec<PathBuf>,

    /// Do not load the built-in gazetteers.
    #[arg(long)]
    pub no_default_gazetteers: bool,

    /// Whether capitals stand for their countries ("Beijing said...").
    #[arg(long, value_enum, default_value = "on", value_name = "on|off")]
    pub capitals: Switch,

    /// Errors to list per type and list (first ones, and most frequent ones); 0 for none.
    #[arg(long, default_value_t = 20, value_name = "N")]
    pub show_errors: usize,

    /// Print the whole report (scores and every error) as JSON instead.
    #[arg(long)]
    pub json: bool,
}

const TYPES: [EntityType; 3] = [EntityType::Person, EntityType::Org, EntityType::Country];

pub fn run(args: EvalArgs) -> Result<()> {
    let format = match args.format {
        Some(EvalFormat::Conll) => GoldFormat::Conll,
        Some(EvalFormat::Jsonl) => GoldFormat::Jsonl,
        None => GoldFormat::from_path(&args.gold),
    };
    let tagger = load_tagger(&args)?;
    let documents = read_gold_file(&args.gold, format)?;
    let report = evaluate(&tagger, &documents);
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if args.json {
        serde_json::to_writer_pretty(&mut out, &report).map_err(std::io::Error::from)?;
        out.write_all(b"\n")?;
    } else {
        write_table(&mut out, &report)?;
        if args.show_errors > 0 {
            write_errors(&mut out, &report, args.show_errors)?;
            write_out_of_scope(&mut out, &report, args.show_errors)?;
        }
    }
    out.flush()?;
    Ok(())
}

/// Loads the gazetteers as `tag` and `build` do, and compiles the tagger.
fn load_tagger(args: &EvalArgs) -> Result<Tagger> {
    if args.no_default_gazetteers && args.gazetteers.is_empty() {
        return Err(
            UsageError("--no-default-gazetteers needs at least one --gazetteer".into()).into(),
        );
    }
    let mut builder = GazetteerBuilder::new();
    if !args.no_default_gazetteers {
        builder.add_defaults()?;
    }
    for path in &args.gazetteers {
        builder.add_path(path)?;
    }
    let gazetteer = builder.build()?;
    Ok(TaggerBuilder::new()
        .capitals(args.capitals == Switch::On)
        .build(gazetteer)?)
}

fn ratio(value: Option<f64>) -> String {
    value.map_or_else(|| "-".to_owned(), |v| format!("{v:.3}"))
}

fn write_row(out: &mut impl Write, name: &str, s: &Scores) -> std::io::Result<()> {
    writeln!(
        out,
        "{name:<8} {:>9} {:>7} {:>7} {:>9} {:>7} {:>6} {:>6}",
        ratio(s.precision),
        ratio(s.recall),
        ratio(s.f1),
        s.predicted,
        s.correct,
        s.gold,
        s.found
    )
}

fn write_table(out: &mut impl Write, report: &Report) -> std::io::Result<()> {
    writeln!(
        out,
        "{} documents, {} sentences",
        report.documents, report.sentences
    )?;
    writeln!(out)?;
    writeln!(
        out,
        "{:<8} {:>9} {:>7} {:>7} {:>9} {:>7} {:>6} {:>6}",
        "type", "precision", "recall", "F1", "predicted", "correct", "gold", "found"
    )?;
    for t in &report.types {
        write_row(out, t.entity_type.as_str(), &t.scores)?;
    }
    write_row(out, "micro", &report.micro)?;
    writeln!(out)?;
    let names = &report.country_names;
    writeln!(
        out,
        "country-name recall: {} ({} of {} gold spans that name a country)",
        ratio(names.recall),
        names.found,
        names.gold
    )?;
    writeln!(
        out,
        "out of scope (never scored): {} LOC spans that are not country names, {} MISC spans that are not demonyms",
        report.out_of_scope.loc, report.out_of_scope.misc
    )?;
    Ok(())
}

fn write_out_of_scope(out: &mut impl Write, report: &Report, limit: usize) -> std::io::Result<()> {
    let texts = &report.out_of_scope.texts;
    if texts.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    writeln!(
        out,
        "out of scope, most frequent (a country missing from the gazetteer shows up here):"
    )?;
    for t in texts.iter().take(limit) {
        writeln!(
            out,
            "  {:>5}  {:<4} {:?}",
            t.count,
            t.label.as_str(),
            t.text
        )?;
    }
    Ok(())
}

fn describe(case: &ErrorCase) -> String {
    let mut line = format!("{:?}", case.text);
    if let (Some(entity), Some(kind)) = (&case.entity, case.alias_kind) {
        line.push_str(&format!(" -> {entity} [{}]", kind.as_str()));
    }
    if let Some(label) = case.gold_label {
        line.push_str(&format!(" gold {label}"));
    }
    match (&case.overlap, case.kind) {
        (Some(o), _) => line.push_str(&format!(
            " ({}; overlaps {} {:?})",
            case.kind.as_str(),
            o.label,
            o.text
        )),
        (None, kind) => line.push_str(&format!(" ({})", kind.as_str())),
    }
    line
}

fn write_cases<'a>(
    out: &mut impl Write,
    title: &str,
    cases: impl Iterator<Item = &'a ErrorCase> + Clone,
    limit: usize,
) -> std::io::Result<()> {
    let total = cases.clone().count();
    if total == 0 {
        return Ok(());
    }
    writeln!(out)?;
    writeln!(out, "{title}: first {} of {total}", limit.min(total))?;
    for case in cases.clone().take(limit) {
        writeln!(
            out,
            "  {}  [doc {} {}]",
            describe(case),
            case.doc,
            case.doc_name
        )?;
        writeln!(out, "      {}", case.sentence.replace('\n', " "))?;
    }
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for case in cases {
        *counts.entry(case.text.as_str()).or_default() += 1;
    }
    let mut frequent: Vec<(&str, usize)> = counts.into_iter().collect();
    frequent.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    writeln!(out, "{title}: most frequent")?;
    for (text, count) in frequent.into_iter().take(limit) {
        writeln!(out, "  {count:>5}  {text:?}")?;
    }
    Ok(())
}

fn write_errors(out: &mut impl Write, report: &Report, limit: usize) -> std::io::Result<()> {
    for t in TYPES {
        let false_alarms = report
            .false_alarms
            .iter()
            .filter(move |c| c.entity_type == t && c.kind != ErrorKind::Boundary);
        let misses = report
            .misses
            .iter()
            .filter(move |c| c.entity_type == t && c.kind != ErrorKind::Boundary);
        let boundary = report
            .false_alarms
            .iter()
            .filter(move |c| c.entity_type == t && c.kind == ErrorKind::Boundary);
        write_cases(out, &format!("{t} false alarms"), false_alarms, limit)?;
        write_cases(out, &format!("{t} misses"), misses, limit)?;
        write_cases(out, &format!("{t} boundary errors"), boundary, limit)?;
    }
    Ok(())
}
