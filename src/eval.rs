//! Evaluation of the tagger against gold annotations (CoNLL-2003 or JSONL).
//!
//! Gold documents are read with [`read_conll`] or [`read_jsonl`] (or [`read_gold_file`]), tagged, and
//! scored with [`evaluate`], which returns a [`Report`].
//!
//! # How mentions are scored
//!
//! Only exact span matches count. CoNLL labels are mapped to nergraph's types as a user would
//! expect:
//!
//! | predicted | correct when a gold span with exactly the same bytes is |
//! |---|---|
//! | `PERSON` | `PER` |
//! | `ORG` | `ORG` |
//! | `COUNTRY` (name, acronym, capital) | `LOC` (any location: the gold calls it a place) or `COUNTRY` |
//! | `COUNTRY` (demonym) | `MISC` or `COUNTRY` |
//!
//! Precision of a type is correct / predicted. Recall counts the gold spans each type is responsible
//! for: `PER` for `PERSON`, `ORG` for `ORG`, and for `COUNTRY` the `LOC` spans that are *country
//! names* plus the `MISC` spans that are *demonyms* (and JSONL `COUNTRY` spans). A `LOC` span is a
//! country name when its text is, ignoring case, a name, acronym or short form of a `COUNTRY` entity
//! in the gazetteer (capitals do not count: they are cities); a `MISC` span is a demonym when its text
//! is a demonym of one. The recall of country names alone is reported as
//! [`Report::country_names`]. Other `LOC` spans (cities, regions) and `MISC` spans are out of scope:
//! they are never misses, and predicting them as `COUNTRY` is no error.
//!
//! ```
//! use nergraph::eval::{evaluate, read_conll};
//! use nergraph::gazetteer::{EntityType, GazetteerBuilder};
//! use nergraph::tagger::Tagger;
//!
//! let mut builder = GazetteerBuilder::new();
//! builder.add_source("g.tsv", "country:RU\tCOUNTRY\tRussia\tRussian [demonym]\n")?;
//! let tagger = Tagger::new(builder.build()?)?;
//! let gold = read_conll("dev.txt", "Russia B-LOC\nand O\nRussian B-MISC\ntroops O\n")?;
//! assert_eq!(gold[0].text, "Russia and Russian troops");
//! let report = evaluate(&tagger, &gold);
//! let country = report.scores(EntityType::Country);
//! assert_eq!((country.predicted, country.correct, country.gold, country.found), (2, 2, 2, 2));
//! assert_eq!(report.country_names.recall, Some(1.0));
//! # Ok::<(), nergraph::Error>(())
//! ```

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::ops::Range;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::gazetteer::{AliasKind, EntityType, Gazetteer, Target};
use crate::tagger::{Mention, Tagger};
use crate::text::{fold_case, normalize, paragraphs, sentences};

/// A gold annotation label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum GoldLabel {
    /// A person (CoNLL `PER`, JSONL `PERSON`).
    #[serde(rename = "PER")]
    Per,
    /// An organisation (`ORG`).
    #[serde(rename = "ORG")]
    Org,
    /// A location (CoNLL `LOC`): a country, city, region...
    #[serde(rename = "LOC")]
    Loc,
    /// Miscellaneous names (CoNLL `MISC`): demonyms, events, nationalities...
    #[serde(rename = "MISC")]
    Misc,
    /// A country, as JSONL gold files label it (`COUNTRY`).
    #[serde(rename = "COUNTRY")]
    Country,
}

impl GoldLabel {
    /// The label as written in outputs: `PER`, `ORG`, `LOC`, `MISC` or `COUNTRY`.
    pub fn as_str(self) -> &'static str {
        match self {
            GoldLabel::Per => "PER",
            GoldLabel::Org => "ORG",
            GoldLabel::Loc => "LOC",
            GoldLabel::Misc => "MISC",
            GoldLabel::Country => "COUNTRY",
        }
    }

    /// Parses a CoNLL entity type (`PER`, `ORG`, `LOC`, `MISC`).
    pub fn from_conll(label: &str) -> Option<Self> {
        match label {
            "PER" => Some(GoldLabel::Per),
            "ORG" => Some(GoldLabel::Org),
            "LOC" => Some(GoldLabel::Loc),
            "MISC" => Some(GoldLabel::Misc),
            _ => None,
        }
    }

    /// Parses a JSONL entity type: `PERSON`, `ORG` or `COUNTRY` (and the CoNLL labels `PER`, `LOC`,
    /// `MISC`).
    pub fn from_jsonl(label: &str) -> Option<Self> {
        match label {
            "PERSON" => Some(GoldLabel::Per),
            "COUNTRY" => Some(GoldLabel::Country),
            other => Self::from_conll(other),
        }
    }

    /// Whether a predicted mention of `entity_type`, found through an alias of `kind`, is correct
    /// on a gold span with this label and exactly the same bytes.
    pub fn accepts(self, entity_type: EntityType, kind: AliasKind) -> bool {
        match (entity_type, self) {
            (EntityType::Person, GoldLabel::Per) | (EntityType::Org, GoldLabel::Org) => true,
            (EntityType::Country, GoldLabel::Country) => true,
            (EntityType::Country, GoldLabel::Loc) => kind != AliasKind::Demonym,
            (EntityType::Country, GoldLabel::Misc) => kind == AliasKind::Demonym,
            _ => false,
        }
    }
}

impl fmt::Display for GoldLabel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One tag of a BIO (IOB1 or IOB2) sequence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BioTag {
    /// `O`: outside any entity.
    Outside,
    /// `B-X`: begins an entity of type X.
    Begin(GoldLabel),
    /// `I-X`: continues an entity of type X, or begins one after `O` or another type (IOB1).
    Inside(GoldLabel),
}

impl BioTag {
    /// Parses a CoNLL tag (`O`, `B-PER`, `I-LOC`...); `None` when it is not one.
    pub fn parse(tag: &str) -> Option<Self> {
        if tag == "O" {
            return Some(BioTag::Outside);
        }
        let (prefix, label) = tag.split_once('-')?;
        let label = GoldLabel::from_conll(label)?;
        match prefix {
            "B" => Some(BioTag::Begin(label)),
            "I" => Some(BioTag::Inside(label)),
            _ => None,
        }
    }
}

/// Decodes a sentence's BIO tags into entities: ranges of token indices and their labels.
///
/// `B-X` starts an entity; `I-X` continues the current entity when it has type X and starts a new one
/// otherwise (after `O`, at the start, or after another type), as IOB1 files expect.
///
/// ```
/// use nergraph::eval::{decode_bio, BioTag, GoldLabel};
///
/// let tags: Vec<BioTag> = ["I-PER", "I-PER", "O", "B-LOC", "I-ORG"]
///     .iter()
///     .map(|t| BioTag::parse(t).unwrap())
///     .collect();
/// assert_eq!(decode_bio(&tags), [(0..2, GoldLabel::Per), (3..4, GoldLabel::Loc), (4..5, GoldLabel::Org)]);
/// ```
pub fn decode_bio(tags: &[BioTag]) -> Vec<(Range<usize>, GoldLabel)> {
    let mut out: Vec<(Range<usize>, GoldLabel)> = Vec::new();
    let mut current: Option<(usize, GoldLabel)> = None;
    for (i, tag) in tags.iter().enumerate() {
        match *tag {
            BioTag::Outside => {
                if let Some((start, label)) = current.take() {
                    out.push((start..i, label));
                }
            }
            BioTag::Inside(label) if current.is_some_and(|(_, l)| l == label) => {}
            BioTag::Begin(label) | BioTag::Inside(label) => {
                if let Some((start, previous)) = current.replace((i, label)) {
                    out.push((start..i, previous));
                }
            }
        }
    }
    if let Some((start, label)) = current {
        out.push((start..tags.len(), label));
    }
    out
}

/// A gold entity: a byte span of its document's text and a label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GoldEntity {
    /// Byte span in [`GoldDocument::text`] (end exclusive).
    pub span: Range<usize>,
    /// The gold label.
    pub label: GoldLabel,
}

/// A document of a gold file: its text, sentences and gold entities.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldDocument {
    /// A name for messages: the JSONL `doc` field, or `FILE:LINE` where the document starts.
    pub name: String,
    /// The text. For CoNLL, the tokens joined by single spaces, one sentence per line.
    pub text: String,
    /// Byte spans of the sentences in `text`, in order.
    pub sentences: Vec<Range<usize>>,
    /// The gold entities, in order.
    pub entities: Vec<GoldEntity>,
}

impl GoldDocument {
    /// The span of the sentence holding byte `at` (the whole text if no sentence does).
    pub fn sentence_at(&self, at: usize) -> Range<usize> {
        let i = self.sentences.partition_point(|s| s.end < at);
        match self.sentences.get(i) {
            Some(s) if s.start <= at => s.clone(),
            _ => 0..self.text.len(),
        }
    }
}

/// The formats of gold files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GoldFormat {
    /// CoNLL-2003: `TOKEN ... TAG` per line, blank lines between sentences, `-DOCSTART-` lines.
    Conll,
    /// One JSON object per line: `{"doc", "text", "entities": [{"start", "end", "type"}]}`.
    Jsonl,
}

impl GoldFormat {
    /// The format a file name suggests: JSONL for `.jsonl` and `.json`, CoNLL otherwise.
    pub fn from_path(path: &Path) -> Self {
        match path.extension().and_then(|e| e.to_str()) {
            Some(e) if e.eq_ignore_ascii_case("jsonl") || e.eq_ignore_ascii_case("json") => {
                GoldFormat::Jsonl
            }
            _ => GoldFormat::Conll,
        }
    }
}

/// Reads a gold file in the given format.
pub fn read_gold_file(path: &Path, format: GoldFormat) -> Result<Vec<GoldDocument>> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let contents = String::from_utf8(bytes).map_err(|e| Error::Input {
        path: path.to_owned(),
        message: format!("not valid UTF-8 (at byte {})", e.utf8_error().valid_up_to()),
    })?;
    let name = path.display().to_string();
    match format {
        GoldFormat::Conll => read_conll(&name, &contents),
        GoldFormat::Jsonl => read_jsonl(&name, &contents),
    }
}

/// An error about one line of a gold file.
fn line_error(source: &str, line: usize, message: impl fmt::Display) -> Error {
    Error::Input {
        path: source.into(),
        message: format!("line {line}: {message}"),
    }
}

/// Builds one CoNLL document sentence by sentence.
struct ConllDocument {
    doc: GoldDocument,
    /// Tokens and tags of the sentence being read.
    tokens: Vec<String>,
    tags: Vec<BioTag>,
}

impl ConllDocument {
    fn new(name: String) -> Self {
        ConllDocument {
            doc: GoldDocument {
                name,
                text: String::new(),
                sentences: Vec::new(),
                entities: Vec::new(),
            },
            tokens: Vec::new(),
            tags: Vec::new(),
        }
    }

    fn end_sentence(&mut self) {
        if self.tokens.is_empty() {
            return;
        }
        let text = &mut self.doc.text;
        if !text.is_empty() {
            text.push('\n');
        }
        let start = text.len();
        let mut offsets = Vec::with_capacity(self.tokens.len());
        for (i, token) in self.tokens.iter().enumerate() {
            if i > 0 {
                text.push(' ');
            }
            offsets.push(text.len()..text.len() + token.len());
            text.push_str(token);
        }
        self.doc.sentences.push(start..text.len());
        for (tokens, label) in decode_bio(&self.tags) {
            self.doc.entities.push(GoldEntity {
                span: offsets[tokens.start].start..offsets[tokens.end - 1].end,
                label,
            });
        }
        self.tokens.clear();
        self.tags.clear();
    }

    fn finish(mut self, out: &mut Vec<GoldDocument>) {
        self.end_sentence();
        if !self.doc.sentences.is_empty() {
            out.push(self.doc);
        }
    }
}

/// Reads a CoNLL-2003 file; `source` names it in messages and document names.
///
/// Each line holds a token and its tag, the tag in the last column (so the four-column files with
/// part-of-speech and chunk tags read as well). Blank lines end sentences, `-DOCSTART-` lines end
/// documents. A document's text is its tokens joined by single spaces, one sentence per line. A line
/// without a tag, or with a tag that is not `O`, `B-X` or `I-X` for X in `PER`, `ORG`, `LOC`, `MISC`,
/// is an error naming the line.
pub fn read_conll(source: &str, contents: &str) -> Result<Vec<GoldDocument>> {
    let mut out = Vec::new();
    let mut current = ConllDocument::new(format!("{source}:1"));
    for (index, line) in contents.lines().enumerate() {
        let number = index + 1;
        let mut fields = line.split_whitespace();
        let Some(token) = fields.next() else {
            current.end_sentence();
            continue;
        };
        if token == "-DOCSTART-" {
            let next = ConllDocument::new(format!("{source}:{number}"));
            std::mem::replace(&mut current, next).finish(&mut out);
            continue;
        }
        let Some(tag) = fields.next_back() else {
            return Err(line_error(
                source,
                number,
                format!("expected a token and a tag, found {line:?}"),
            ));
        };
        let Some(tag) = BioTag::parse(tag) else {
            return Err(line_error(
                source,
                number,
                format!("unknown tag {tag:?} (expected O, B-X or I-X with X one of PER, ORG, LOC, MISC)"),
            ));
        };
        current.tokens.push(token.to_owned());
        current.tags.push(tag);
    }
    current.finish(&mut out);
    Ok(out)
}

/// One line of a JSONL gold file.
#[derive(Deserialize)]
struct JsonDocument {
    doc: Option<String>,
    text: String,
    #[serde(default)]
    entities: Vec<JsonEntity>,
}

/// One entity of a JSONL gold file.
#[derive(Deserialize)]
struct JsonEntity {
    start: usize,
    end: usize,
    #[serde(rename = "type")]
    entity_type: String,
}

/// Reads a JSONL gold file; `source` names it in messages and unnamed documents.
///
/// Each non-blank line is an object `{"doc": "...", "text": "...", "entities": [{"start": s,
/// "end": e, "type": "PERSON"}]}` with byte offsets into `text`; `doc` is optional and types are
/// `PERSON`, `ORG` or `COUNTRY` (or the CoNLL labels). Sentences are found with nergraph's own
/// [segmenter](crate::text::sentences). A line that is not such an object, or whose spans are empty,
/// out of range, or not on character boundaries, is an error naming the line.
pub fn read_jsonl(source: &str, contents: &str) -> Result<Vec<GoldDocument>> {
    let mut out = Vec::new();
    for (index, line) in contents.lines().enumerate() {
        let number = index + 1;
        if line.trim().is_empty() {
            continue;
        }
        let parsed: JsonDocument = serde_json::from_str(line).map_err(|e| {
            // serde_json ends its message with the position ("at line 1 column 9"); within one line
            // only the column means something.
            let message = e.to_string();
            let message = message
                .rfind(" at line ")
                .map_or(message.as_str(), |at| &message[..at]);
            line_error(source, number, format!("{message} (column {})", e.column()))
        })?;
        let mut entities = Vec::with_capacity(parsed.entities.len());
        for (i, e) in parsed.entities.iter().enumerate() {
            let Some(label) = GoldLabel::from_jsonl(&e.entity_type) else {
                return Err(line_error(
                    source,
                    number,
                    format!(
                        "entity {}: unknown type {:?} (expected PERSON, ORG or COUNTRY)",
                        i + 1,
                        e.entity_type
                    ),
                ));
            };
            let valid = e.start < e.end
                && e.end <= parsed.text.len()
                && parsed.text.is_char_boundary(e.start)
                && parsed.text.is_char_boundary(e.end);
            if !valid {
                return Err(line_error(
                    source,
                    number,
                    format!(
                        "entity {}: span {}..{} is empty, beyond the text ({} bytes) or not on character boundaries",
                        i + 1,
                        e.start,
                        e.end,
                        parsed.text.len()
                    ),
                ));
            }
            entities.push(GoldEntity {
                span: e.start..e.end,
                label,
            });
        }
        entities.sort_by_key(|e| (e.span.start, e.span.end));
        let normalized = normalize(&parsed.text);
        let mut spans = Vec::new();
        for paragraph in paragraphs(normalized.as_str()) {
            for sentence in sentences(normalized.as_str(), paragraph) {
                spans.push(normalized.original_span(sentence));
            }
        }
        out.push(GoldDocument {
            name: parsed.doc.unwrap_or_else(|| format!("{source}:{number}")),
            text: parsed.text,
            sentences: spans,
            entities,
        });
    }
    Ok(out)
}

/// Counts and ratios for one type (or all types together).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Scores {
    /// Mentions predicted.
    pub predicted: usize,
    /// Predicted mentions that match a gold span of an acceptable label.
    pub correct: usize,
    /// Gold spans this type is responsible for (the recall denominator).
    pub gold: usize,
    /// Of those, the ones a predicted mention matched.
    pub found: usize,
    /// `correct / predicted`, if anything was predicted.
    pub precision: Option<f64>,
    /// `found / gold`, if there is any gold.
    pub recall: Option<f64>,
    /// The harmonic mean of precision and recall, if both are defined.
    pub f1: Option<f64>,
}

impl Scores {
    fn finish(&mut self) {
        self.precision = ratio(self.correct, self.predicted);
        self.recall = ratio(self.found, self.gold);
        self.f1 = match (self.precision, self.recall) {
            (Some(p), Some(r)) if p + r > 0.0 => Some(2.0 * p * r / (p + r)),
            (Some(_), Some(_)) => Some(0.0),
            _ => None,
        };
    }
}

/// `part / whole`, or `None` when `whole` is zero.
fn ratio(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

/// The scores of one entity type.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TypeScores {
    /// The type.
    #[serde(rename = "type")]
    pub entity_type: EntityType,
    /// Its scores.
    #[serde(flatten)]
    pub scores: Scores,
}

/// Recall of the gold spans that name a country (not demonyms).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CountryNameRecall {
    /// Gold `LOC` spans that are country names, and JSONL `COUNTRY` spans that are not demonyms.
    pub gold: usize,
    /// Of those, the ones predicted as `COUNTRY` with exactly the same span.
    pub found: usize,
    /// `found / gold`, if there is any gold.
    pub recall: Option<f64>,
}

/// Gold spans no type is responsible for.
///
/// Whether a `LOC` span is a country name is decided by the gazetteer, so a country the gazetteer
/// lacks lands here rather than among the misses: [`OutOfScope::texts`] is where to look for it.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct OutOfScope {
    /// `LOC` spans that are not country names (cities, regions...).
    pub loc: usize,
    /// `MISC` spans that are not demonyms of a country.
    pub misc: usize,
    /// Their texts with their counts, most frequent first (then by label and text).
    pub texts: Vec<SpanCount>,
}

/// A gold text and how often it occurs with a label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SpanCount {
    /// The gold label.
    pub label: GoldLabel,
    /// The span's text.
    pub text: String,
    /// How many gold spans have this label and text.
    pub count: usize,
}

/// What went wrong with a mention or a gold span.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// A predicted mention that overlaps no gold span.
    Spurious,
    /// A gold span that no predicted mention overlaps.
    Missed,
    /// A prediction and a gold span of compatible types that overlap without matching exactly.
    Boundary,
    /// A prediction and a gold span that overlap but whose types do not match.
    WrongType,
}

impl ErrorKind {
    /// The name used in outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Spurious => "spurious",
            ErrorKind::Missed => "missed",
            ErrorKind::Boundary => "boundary",
            ErrorKind::WrongType => "wrong_type",
        }
    }
}

/// The span on the other side of an error: the gold span a false alarm overlaps, or the prediction
/// that overlaps a missed gold span.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Overlap {
    /// Byte span in the document's text.
    pub start: usize,
    /// End of the span (exclusive).
    pub end: usize,
    /// The span's text.
    pub text: String,
    /// The gold label, or the predicted type (`PERSON`, `ORG`, `COUNTRY`).
    pub label: String,
}

/// A false alarm or a miss.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErrorCase {
    /// Index of the document in the gold file (0-based).
    pub doc: usize,
    /// The document's name.
    pub doc_name: String,
    /// The type whose precision (false alarm) or recall (miss) the error lowers.
    #[serde(rename = "type")]
    pub entity_type: EntityType,
    /// What went wrong.
    pub kind: ErrorKind,
    /// Byte span in the document's text.
    pub start: usize,
    /// End of the span (exclusive).
    pub end: usize,
    /// The span's text.
    pub text: String,
    /// For a false alarm, the predicted entity's id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entity: Option<String>,
    /// For a false alarm, the kind of alias that matched.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alias_kind: Option<AliasKind>,
    /// For a miss, the gold label.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gold_label: Option<GoldLabel>,
    /// The first span on the other side that overlaps this one, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub overlap: Option<Overlap>,
    /// The sentence holding the span.
    pub sentence: String,
}

/// The outcome of an evaluation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// Documents evaluated.
    pub documents: usize,
    /// Sentences in them.
    pub sentences: usize,
    /// Scores per type, in the order `PERSON`, `ORG`, `COUNTRY`.
    pub types: Vec<TypeScores>,
    /// Totals over all types (micro-averaged).
    pub micro: Scores,
    /// Recall of country names: gold `LOC` spans whose text names a country.
    pub country_names: CountryNameRecall,
    /// Gold spans no type is responsible for.
    pub out_of_scope: OutOfScope,
    /// Predicted mentions that are not correct, in document order.
    pub false_alarms: Vec<ErrorCase>,
    /// Gold spans that were not found, in document order.
    pub misses: Vec<ErrorCase>,
}

impl Report {
    /// The scores of one type.
    pub fn scores(&self, entity_type: EntityType) -> &Scores {
        &self
            .types
            .iter()
            .find(|t| t.entity_type == entity_type)
            .expect("a report holds every type")
            .scores
    }
}

/// The types in report order.
const TYPES: [EntityType; 3] = [EntityType::Person, EntityType::Org, EntityType::Country];

/// Index of a type in [`TYPES`].
fn type_index(t: EntityType) -> usize {
    match t {
        EntityType::Person => 0,
        EntityType::Org => 1,
        EntityType::Country => 2,
    }
}

/// The folded alias texts of the gazetteer's countries: names (name, acronym and short forms) and
/// demonyms.
struct CountryAliases {
    names: HashSet<String>,
    demonyms: HashSet<String>,
}

impl CountryAliases {
    fn new(gazetteer: &Gazetteer) -> Self {
        let mut names = HashSet::new();
        let mut demonyms = HashSet::new();
        for alias in gazetteer.aliases() {
            let Target::Entity(e) = alias.target() else {
                continue;
            };
            if gazetteer.entity(e).entity_type() != EntityType::Country {
                continue;
            }
            let folded = fold_case(alias.text()).into_owned();
            match alias.kind() {
                AliasKind::Demonym => demonyms.insert(folded),
                AliasKind::Capital => false,
                AliasKind::Name | AliasKind::Acronym | AliasKind::Short => names.insert(folded),
            };
        }
        CountryAliases { names, demonyms }
    }

    /// The form of gold text compared with alias texts.
    fn key(text: &str) -> String {
        let normalized = normalize(text);
        let collapsed = normalized
            .as_str()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        fold_case(&collapsed).into_owned()
    }
}

/// Which recall a gold span counts for, if any, and whether it is a country name.
fn gold_role(
    label: GoldLabel,
    text: &str,
    countries: &CountryAliases,
) -> Option<(EntityType, bool)> {
    match label {
        GoldLabel::Per => Some((EntityType::Person, false)),
        GoldLabel::Org => Some((EntityType::Org, false)),
        GoldLabel::Country => {
            let demonym = countries.demonyms.contains(&CountryAliases::key(text));
            Some((EntityType::Country, !demonym))
        }
        GoldLabel::Loc => countries
            .names
            .contains(&CountryAliases::key(text))
            .then_some((EntityType::Country, true)),
        GoldLabel::Misc => countries
            .demonyms
            .contains(&CountryAliases::key(text))
            .then_some((EntityType::Country, false)),
    }
}

/// Whether two spans share at least one byte.
fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// Tags every document with `tagger` and scores the mentions against the gold spans.
pub fn evaluate(tagger: &Tagger, documents: &[GoldDocument]) -> Report {
    let gazetteer = tagger.gazetteer();
    let countries = CountryAliases::new(gazetteer);
    let mut scores: [Scores; 3] = Default::default();
    let mut country_names = CountryNameRecall::default();
    let mut out_of_scope = OutOfScope::default();
    let mut false_alarms = Vec::new();
    let mut misses = Vec::new();
    let mut sentence_count = 0;
    let mut unscored: HashMap<(GoldLabel, &str), usize> = HashMap::new();

    for (doc_index, doc) in documents.iter().enumerate() {
        sentence_count += doc.sentences.len();
        let mentions = tagger.tag(&doc.text);
        let type_of = |m: &Mention| gazetteer.entity(m.entity).entity_type();
        let sentence_of = |at: usize| doc.text[doc.sentence_at(at)].to_owned();
        let mut found = vec![false; doc.entities.len()];

        for m in &mentions {
            let entity_type = type_of(m);
            let accepted = |g: &GoldEntity| g.label.accepts(entity_type, m.kind);
            let s = &mut scores[type_index(entity_type)];
            s.predicted += 1;
            let exact = doc
                .entities
                .iter()
                .position(|g| g.span == m.span && accepted(g));
            if let Some(j) = exact {
                s.correct += 1;
                found[j] = true;
                continue;
            }
            let overlapping = || doc.entities.iter().filter(|g| overlaps(&g.span, &m.span));
            let (kind, other) = match overlapping().find(|g| accepted(g)) {
                Some(g) => (ErrorKind::Boundary, Some(g)),
                None => match overlapping().next() {
                    Some(g) => (ErrorKind::WrongType, Some(g)),
                    None => (ErrorKind::Spurious, None),
                },
            };
            false_alarms.push(ErrorCase {
                doc: doc_index,
                doc_name: doc.name.clone(),
                entity_type,
                kind,
                start: m.span.start,
                end: m.span.end,
                text: doc.text[m.span.clone()].to_owned(),
                entity: Some(gazetteer.entity(m.entity).id().to_owned()),
                alias_kind: Some(m.kind),
                gold_label: None,
                overlap: other.map(|g| Overlap {
                    start: g.span.start,
                    end: g.span.end,
                    text: doc.text[g.span.clone()].to_owned(),
                    label: g.label.as_str().to_owned(),
                }),
                sentence: sentence_of(m.span.start),
            });
        }

        for (g, &was_found) in doc.entities.iter().zip(&found) {
            let text = &doc.text[g.span.clone()];
            let Some((entity_type, is_country_name)) = gold_role(g.label, text, &countries) else {
                match g.label {
                    GoldLabel::Loc => out_of_scope.loc += 1,
                    _ => out_of_scope.misc += 1,
                }
                *unscored.entry((g.label, text)).or_default() += 1;
                continue;
            };
            let s = &mut scores[type_index(entity_type)];
            s.gold += 1;
            if is_country_name {
                country_names.gold += 1;
            }
            if was_found {
                s.found += 1;
                if is_country_name {
                    country_names.found += 1;
                }
                continue;
            }
            let overlapping = || mentions.iter().filter(|m| overlaps(&g.span, &m.span));
            let compatible =
                |m: &&Mention| type_of(m) == entity_type && g.label.accepts(type_of(m), m.kind);
            let (kind, other) = match overlapping().find(compatible) {
                Some(m) => (ErrorKind::Boundary, Some(m)),
                None => match overlapping().next() {
                    Some(m) => (ErrorKind::WrongType, Some(m)),
                    None => (ErrorKind::Missed, None),
                },
            };
            misses.push(ErrorCase {
                doc: doc_index,
                doc_name: doc.name.clone(),
                entity_type,
                kind,
                start: g.span.start,
                end: g.span.end,
                text: text.to_owned(),
                entity: None,
                alias_kind: None,
                gold_label: Some(g.label),
                overlap: other.map(|m| Overlap {
                    start: m.span.start,
                    end: m.span.end,
                    text: doc.text[m.span.clone()].to_owned(),
                    label: type_of(m).as_str().to_owned(),
                }),
                sentence: sentence_of(g.span.start),
            });
        }
    }

    let mut micro = Scores::default();
    for s in &mut scores {
        s.finish();
        micro.predicted += s.predicted;
        micro.correct += s.correct;
        micro.gold += s.gold;
        micro.found += s.found;
    }
    micro.finish();
    country_names.recall = ratio(country_names.found, country_names.gold);
    out_of_scope.texts = unscored
        .into_iter()
        .map(|((label, text), count)| SpanCount {
            label,
            text: text.to_owned(),
            count,
        })
        .collect();
    out_of_scope.texts.sort_by(|a, b| {
        (b.count, a.label.as_str(), &a.text).cmp(&(a.count, b.label.as_str(), &b.text))
    });
    Report {
        documents: documents.len(),
        sentences: sentence_count,
        types: TYPES
            .iter()
            .zip(scores)
            .map(|(&entity_type, scores)| TypeScores {
                entity_type,
                scores,
            })
            .collect(),
        micro,
        country_names,
        out_of_scope,
        false_alarms,
        misses,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::GazetteerBuilder;
    use crate::tagger::TaggerBuilder;

    fn tags(tags: &[&str]) -> Vec<BioTag> {
        tags.iter().map(|t| BioTag::parse(t).unwrap()).collect()
    }

    #[test]
    fn bio_begin_inside_outside() {
        assert_eq!(
            decode_bio(&tags(&["B-PER", "I-PER", "O", "B-ORG", "O", "B-LOC"])),
            [
                (0..2, GoldLabel::Per),
                (3..4, GoldLabel::Org),
                (5..6, GoldLabel::Loc)
            ]
        );
        assert_eq!(decode_bio(&tags(&["O", "O"])), []);
        assert_eq!(decode_bio(&[]), []);
    }

    #[test]
    fn bio_inside_after_outside_starts_an_entity() {
        assert_eq!(
            decode_bio(&tags(&["I-LOC", "O", "I-PER", "I-PER", "O"])),
            [(0..1, GoldLabel::Loc), (2..4, GoldLabel::Per)]
        );
    }

    #[test]
    fn bio_type_switches_and_adjacent_begins() {
        // I-X after another type starts a new entity; B-X after I-X of the same type as well.
        assert_eq!(
            decode_bio(&tags(&[
                "I-ORG", "I-LOC", "I-LOC", "B-LOC", "B-MISC", "I-PER"
            ])),
            [
                (0..1, GoldLabel::Org),
                (1..3, GoldLabel::Loc),
                (3..4, GoldLabel::Loc),
                (4..5, GoldLabel::Misc),
                (5..6, GoldLabel::Per),
            ]
        );
    }

    #[test]
    fn bio_tags_parse() {
        assert_eq!(BioTag::parse("O"), Some(BioTag::Outside));
        assert_eq!(
            BioTag::parse("B-MISC"),
            Some(BioTag::Begin(GoldLabel::Misc))
        );
        assert_eq!(BioTag::parse("I-PER"), Some(BioTag::Inside(GoldLabel::Per)));
        for bad in ["B-FOO", "X-PER", "B", "o", "B-", "E-PER"] {
            assert_eq!(BioTag::parse(bad), None, "{bad}");
        }
    }

    const CONLL: &str = "\
-DOCSTART- O

EU B-ORG
rejects O
German B-MISC
call O
. O

Peter B-PER
Blackburn I-PER

-DOCSTART- -X- -X- O

BRUSSELS NNP B-NP B-LOC
1996-08-22 CD I-NP O

The DT B-NP O
United NNP I-NP I-LOC
States NNP I-NP I-LOC
's POS B-NP O
";

    #[test]
    fn conll_documents_text_and_spans() {
        let docs = read_conll("dev.txt", CONLL).unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].name, "dev.txt:1");
        assert_eq!(docs[1].name, "dev.txt:12");
        assert_eq!(docs[0].text, "EU rejects German call .\nPeter Blackburn");
        assert_eq!(docs[1].text, "BRUSSELS 1996-08-22\nThe United States 's");
        let sentences: Vec<&str> = docs[1]
            .sentences
            .iter()
            .map(|s| &docs[1].text[s.clone()])
            .collect();
        assert_eq!(sentences, ["BRUSSELS 1996-08-22", "The United States 's"]);
        let spans = |d: &GoldDocument| -> Vec<(String, GoldLabel)> {
            d.entities
                .iter()
                .map(|e| (d.text[e.span.clone()].to_owned(), e.label))
                .collect()
        };
        assert_eq!(
            spans(&docs[0]),
            [
                ("EU".to_owned(), GoldLabel::Org),
                ("German".to_owned(), GoldLabel::Misc),
                ("Peter Blackburn".to_owned(), GoldLabel::Per)
            ]
        );
        assert_eq!(
            spans(&docs[1]),
            [
                ("BRUSSELS".to_owned(), GoldLabel::Loc),
                ("United States".to_owned(), GoldLabel::Loc)
            ]
        );
    }

    /// Slicing the rebuilt text at every gold span gives the entity's tokens joined by spaces.
    #[test]
    fn conll_spans_slice_to_their_tokens() {
        let mut expected: Vec<String> = Vec::new();
        let mut current: Vec<&str> = Vec::new();
        let mut previous: Option<&str> = None;
        for line in CONLL.lines() {
            let fields: Vec<&str> = line.split_whitespace().collect();
            let tag = fields.last().copied().filter(|_| fields[0] != "-DOCSTART-");
            let (token, tag) = match tag {
                Some(t) => (fields[0], t),
                None => ("", "O"),
            };
            let continues = tag.starts_with("I-") && previous == Some(&tag[2..]);
            if !continues && !current.is_empty() {
                expected.push(current.join(" "));
                current.clear();
            }
            if tag == "O" {
                previous = None;
            } else {
                current.push(token);
                previous = Some(&tag[2..]);
            }
        }
        let docs = read_conll("dev.txt", CONLL).unwrap();
        let found: Vec<&str> = docs
            .iter()
            .flat_map(|d| d.entities.iter().map(|e| &d.text[e.span.clone()]))
            .collect();
        assert_eq!(found, expected);
    }

    #[test]
    fn conll_errors_name_the_line() {
        let err = read_conll("bad.txt", "EU B-ORG\nrejects\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "bad.txt: line 2: expected a token and a tag, found \"rejects\""
        );
        let err = read_conll("bad.txt", "EU B-ORG\n\nx B-FOO\n").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("bad.txt: line 3: unknown tag \"B-FOO\""),
            "{err}"
        );
    }

    #[test]
    fn jsonl_reads_and_checks_spans() {
        let docs = read_jsonl(
            "g.jsonl",
            "{\"doc\": \"a\", \"text\": \"Russia warned. Putin spoke.\", \"entities\": [{\"start\": 15, \"end\": 20, \"type\": \"PERSON\"}, {\"start\": 0, \"end\": 6, \"type\": \"COUNTRY\"}]}\n\n{\"text\": \"Nothing.\"}\n",
        )
        .unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].name, "a");
        assert_eq!(docs[1].name, "g.jsonl:3");
        assert_eq!(
            docs[0].entities,
            [
                GoldEntity {
                    span: 0..6,
                    label: GoldLabel::Country
                },
                GoldEntity {
                    span: 15..20,
                    label: GoldLabel::Per
                }
            ]
        );
        assert_eq!(docs[0].sentences, [0..14, 15..27]);
        for (line, message) in [
            ("{\"text\": 3}", "line 1: invalid type"),
            ("{\"text\": \"ab\", \"entities\": [{\"start\": 1, \"end\": 3, \"type\": \"ORG\"}]}", "line 1: entity 1: span 1..3"),
            ("{\"text\": \"ab\", \"entities\": [{\"start\": 0, \"end\": 1, \"type\": \"CITY\"}]}", "line 1: entity 1: unknown type \"CITY\""),
            ("not json", "line 1: expected ident (column 2)"),
            ("{\"text\": \"x\", \"entities\": [{\"start\": 0}]}", "line 1: missing field `end` (column 39)"),
        ] {
            let err = read_jsonl("g.jsonl", line).unwrap_err().to_string();
            assert!(err.starts_with(&format!("g.jsonl: {message}")), "{err}");
        }
    }

    fn tagger() -> Tagger {
        let mut builder = GazetteerBuilder::new();
        builder
            .add_source(
                "t.tsv",
                "country:RU\tCOUNTRY\tRussia\tMoscow [capital] | Russian [demonym]\n\
                 country:US\tCOUNTRY\tUnited States\tU.S.\n\
                 country:GE\tCOUNTRY\tGeorgia\n\
                 org:eu\tORG\tEuropean Union\tEU [acronym]\n\
                 person:peter-blackburn\tPERSON\tPeter Blackburn\n\
                 person:john-smith\tPERSON\tJohn Smith\n",
            )
            .unwrap();
        // Scoring is under test here, not the tagger's context rules.
        TaggerBuilder::new()
            .context_rules(false)
            .build(builder.build().unwrap())
            .unwrap()
    }

    fn doc(tokens_and_tags: &str) -> Vec<GoldDocument> {
        read_conll("t.txt", tokens_and_tags).unwrap()
    }

    #[test]
    fn scoring_by_hand() {
        // Predictions: EU (ORG, gold ORG: correct), Russian (COUNTRY demonym, gold MISC: correct),
        // Moscow (COUNTRY capital, gold LOC: correct though not a country name), Peter Blackburn
        // (PERSON, gold is "Peter Blackburn Jr": boundary error), Georgia (COUNTRY, gold PER: wrong
        // type), John Smith (PERSON, no gold: spurious), U.S. (COUNTRY, gold ORG: wrong type).
        // Gold not found: Russia (LOC, a country name: missed), Peter Blackburn Jr (boundary),
        // Georgia (PER: wrong type), United States (LOC inside an ORG prediction? no: missed),
        // U.S. (ORG: wrong type). Paris (LOC) and Olympics (MISC) are out of scope.
        let docs = doc("\
EU B-ORG\nand O\nRussian B-MISC\nofficials O\nin O\nMoscow B-LOC\n\n\
Peter B-PER\nBlackburn I-PER\nJr I-PER\nand O\nGeorgia B-PER\nmet O\nJohn O\nSmith O\n\n\
-DOCSTART- O\n\n\
Russia B-LOC\nand O\nthe O\nUnited B-LOC\nStates I-LOC\nat O\nthe O\nOlympics B-MISC\nin O\nParis B-LOC\n\n\
U.S. B-ORG\nOpen I-ORG\n");
        let report = evaluate(&tagger(), &docs);
        let p = report.scores(EntityType::Person);
        assert_eq!((p.predicted, p.correct, p.gold, p.found), (2, 0, 2, 0));
        assert_eq!(
            (p.precision, p.recall, p.f1),
            (Some(0.0), Some(0.0), Some(0.0))
        );
        let o = report.scores(EntityType::Org);
        assert_eq!((o.predicted, o.correct, o.gold, o.found), (1, 1, 2, 1));
        assert_eq!((o.precision, o.recall), (Some(1.0), Some(0.5)));
        let c = report.scores(EntityType::Country);
        // Predicted: Russian, Moscow, Georgia, Russia, United States, U.S.
        assert_eq!((c.predicted, c.correct, c.gold, c.found), (6, 4, 3, 3));
        assert_eq!(c.precision, Some(4.0 / 6.0));
        assert_eq!(c.recall, Some(1.0));
        assert_eq!(report.micro.predicted, 9);
        assert_eq!(report.micro.correct, 5);
        assert_eq!(report.micro.gold, 7);
        assert_eq!(report.micro.found, 4);
        let (p, r) = (5.0 / 9.0, 4.0 / 7.0);
        assert_eq!(report.micro.f1, Some(2.0 * p * r / (p + r)));
        // Country names: Russia and United States (LOC); Moscow is a capital, not a name.
        assert_eq!(
            report.country_names,
            CountryNameRecall {
                gold: 2,
                found: 2,
                recall: Some(1.0)
            }
        );
        assert_eq!((report.out_of_scope.loc, report.out_of_scope.misc), (2, 1));
        let unscored: Vec<(GoldLabel, &str, usize)> = report
            .out_of_scope
            .texts
            .iter()
            .map(|t| (t.label, t.text.as_str(), t.count))
            .collect();
        assert_eq!(
            unscored,
            [
                (GoldLabel::Loc, "Moscow", 1),
                (GoldLabel::Loc, "Paris", 1),
                (GoldLabel::Misc, "Olympics", 1)
            ]
        );
        let alarms: Vec<(&str, ErrorKind)> = report
            .false_alarms
            .iter()
            .map(|e| (e.text.as_str(), e.kind))
            .collect();
        assert_eq!(
            alarms,
            [
                ("Peter Blackburn", ErrorKind::Boundary),
                ("Georgia", ErrorKind::WrongType),
                ("John Smith", ErrorKind::Spurious),
                ("U.S.", ErrorKind::WrongType),
            ]
        );
        let misses: Vec<(&str, ErrorKind, EntityType)> = report
            .misses
            .iter()
            .map(|e| (e.text.as_str(), e.kind, e.entity_type))
            .collect();
        assert_eq!(
            misses,
            [
                (
                    "Peter Blackburn Jr",
                    ErrorKind::Boundary,
                    EntityType::Person
                ),
                ("Georgia", ErrorKind::WrongType, EntityType::Person),
                ("U.S. Open", ErrorKind::WrongType, EntityType::Org),
            ]
        );
        let first = &report.false_alarms[0];
        assert_eq!(
            first.sentence,
            "Peter Blackburn Jr and Georgia met John Smith"
        );
        assert_eq!(first.doc, 0);
        assert_eq!(first.overlap.as_ref().unwrap().text, "Peter Blackburn Jr");
        assert_eq!(report.misses[2].doc, 1);
        assert_eq!(report.misses[2].sentence, "U.S. Open");
        assert_eq!(report.documents, 2);
        assert_eq!(report.sentences, 4);
    }

    #[test]
    fn demonym_needs_misc_and_names_need_loc() {
        // A demonym on a LOC span, or a name on a MISC span, is not correct.
        let docs = doc("Russian B-LOC\nRussia B-MISC\n");
        let report = evaluate(&tagger(), &docs);
        let c = report.scores(EntityType::Country);
        assert_eq!((c.predicted, c.correct), (2, 0));
        // "Russian" as LOC is not a country name; "Russia" as MISC is not a demonym.
        assert_eq!((c.gold, c.found), (0, 0));
        assert_eq!((c.precision, c.recall, c.f1), (Some(0.0), None, None));
        assert_eq!(report.country_names.recall, None);
    }

    #[test]
    fn country_names_match_ignoring_case() {
        let docs = doc("RUSSIA B-LOC\nWIN O\nin O\nunited B-LOC\nstates I-LOC\n");
        let report = evaluate(&tagger(), &docs);
        assert_eq!(
            report.country_names,
            CountryNameRecall {
                gold: 2,
                found: 1,
                recall: Some(0.5)
            }
        );
        assert_eq!(report.misses[0].text, "united states");
        assert_eq!(report.misses[0].kind, ErrorKind::Missed);
    }
}
