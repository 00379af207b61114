//! Boilerplate: lines that one source repeats across many of its documents (site banners,
//! "Subscribe to our newsletter", "© 2024 Example News", "Follow us on Twitter"), so that the
//! mentions inside them can be left out of the counts.
//!
//! # Method
//!
//! Two passes over the corpus:
//!
//! 1. [`BoilerplateCounter::add_document`] sees every document with its source (the outlet or site;
//!    documents without one share one anonymous source) and counts, per source, in how many
//!    documents each normalised line occurs. A line counts once per document however often it
//!    repeats there. Counters built on several threads are combined with
//!    [`BoilerplateCounter::merge`]; [`BoilerplateCounter::finish`] gives the filter.
//! 2. [`BoilerplateFilter::lines`] gives, for one document, the byte ranges of its boilerplate lines
//!    in the original text, so that mentions inside them can be dropped.
//!
//! A *line* is the text between line breaks (`\n`, `\r\n`, `\r`, U+2028, U+2029). It is compared in
//! a normalised form: [Unicode normalisation](crate::text::normalize) (curly quotes, dashes and
//! compatibility forms folded), white space trimmed and collapsed to one space, lowercased, and
//! every run of digits replaced by `0`, so that "© 2023 Example News" and "© 2024 Example News", or
//! "Updated 09:15 GMT" and "Updated 17:40 GMT", are the same line.
//!
//! A line is boilerplate when it occurs in at least as many documents of its source as the larger
//! of [`min_documents`](BoilerplateConfig::min_documents) (5 by default) and
//! [`min_fraction`](BoilerplateConfig::min_fraction) of the source's documents (1% by default),
//! that larger number being capped at 255 (the counters' limit). Lines never count, in either pass:
//!
//! - blank lines;
//! - lines of fewer than [`min_words`](BoilerplateConfig::min_words) words (2 by default; a run of
//!   digits is a word): single words repeat by chance. Two words are enough for a site's name
//!   ("Example News"), where a banner's entity mention would be;
//! - lines of a hard-wrapped paragraph: a line and the line right below it when the first does
//!   not end a sentence (`.`, `!`, `?`, `:`, `;`, possibly followed by closing quotes or brackets)
//!   and the second begins with a lowercase letter, or when the first ends with a comma or with
//!   a word such as "the", "of" or "and" that never ends a line of its own. In newswires wrapped
//!   at a fixed width such pieces of sentences ("The U.S. Agriculture Department" / "said on
//!   Tuesday...") repeat across many stories without being boilerplate.
//!
//! The first lines of a document get no special treatment: a byline or a section label repeated
//! across a source is boilerplate too.
//!
//! The share matters for large sources, where stock sentences and pieces of hard-wrapped text that
//! the wrapping rule cannot see (a name cut at the end of a line, "U.S. Trade Representative Clayton"
//! / "Yeutter said...") easily reach 5 documents. In the 19,043 Reuters newswires of 1987 taken
//! as one source, 5 documents would make 11,451 distinct lines in 3,847 stories boilerplate, among
//! them "Federal Reserve Board Chairman Paul" and "Terms were not disclosed."; with 1% (191
//! documents) only the rows of earnings tables are ("Nine mths", "Pay April 30",
//! "Qtly div 10 cts vs 10 cts prior", which are one line each once digits are folded).
//!
//! # Memory and error
//!
//! Counts live in a count-min sketch of fixed size, [`sketch_bytes`](BoilerplateConfig::sketch_bytes)
//! (16 MiB by default), whatever the size of the corpus: [`DEPTH`] rows of one-byte counters,
//! each line (a 128-bit xxh3 hash of the source and the normalised line) adding 1 to one counter
//! per row, and its count read as the smallest of its counters. Counters saturate at 255, which is
//! why `min_documents` is at most 255.
//!
//! The sketch never under-counts: a count is the true number of documents plus whatever other
//! lines share all its counters. So the filter may take a line for boilerplate that is not, never
//! the other way round. How often that happens depends on the *load*, the number of counted line
//! occurrences (distinct lines per document, summed over documents; see
//! [`BoilerplateCounter::occurrences`]) per counter of a row ([`BoilerplateFilter::load`]). For the
//! default of 5 documents, the chance that a line is wrongly flagged is about (Poisson tails):
//!
//! | load | line seen in 1 document | in 3 documents | in 4 documents |
//! |------|-------------------------|----------------|----------------|
//! | 0.25 | 2 × 10⁻¹²               | 0.002%         | 1.1%           |
//! | 0.5  | 5 × 10⁻⁹                | 0.07%          | 6%             |
//! | 1    | 7 × 10⁻⁶                | 1.9%           | 25%            |
//! | 2    | 0.3%                    | 21%            | 65%            |
//! | 3    | 4%                      | 51%            | 86%            |
//!
//! (`P(X ≥ 5 − n)³` for `X` Poisson-distributed with mean the load: the three counters of a line
//! seen in `n` documents must all carry the missing counts. The error is smaller for a source whose
//! threshold is above 5, and a little smaller in practice, since lines seen in thousands of
//! documents load only a few counters.) Lines seen in 4 documents of the 5 needed suffer first,
//! and they are nearly boilerplate anyway; the body text of articles, seen once, is safe while the
//! load stays below about 2. The default 16 MiB has 5.6 million counters per row: a load of 1 is
//! 5.6 million line occurrences, some 280,000 articles of 20 counted lines. For larger corpora
//! give the sketch about 3 bytes per line occurrence.
//!
//! Counting is a sum: [`merge`](BoilerplateCounter::merge) adds counters, so splitting the corpus
//! among threads in any way gives exactly the sketch that counting it in one go gives, and the
//! result does not depend on the order of the documents.
//!
//! ```
//! use nergraph::text::{BoilerplateConfig, BoilerplateCounter};
//!
//! let mut counter = BoilerplateCounter::new(BoilerplateConfig::default());
//! for n in 1..=6 {
//!     let text = format!("Story number {n} is here.\n\nFollow Example News on Twitter\n");
//!     counter.add_document(Some("example.com"), &text);
//! }
//! let filter = counter.finish();
//! let text = "A new story about Acme.\r\nFollow Example News on Twitter\r\n";
//! let ranges = filter.lines(Some("example.com"), text);
//! assert_eq!(ranges.len(), 1);
//! assert_eq!(&text[ranges[0].clone()], "Follow Example News on Twitter");
//! // Another source has no such boilerplate.
//! assert!(filter.lines(Some("other.org"), text).is_empty());
//! ```

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;

use serde::Serialize;
use xxhash_rust::xxh3::{xxh3_128_with_seed, xxh3_64_with_seed};

use crate::error::{Error, Result};
use crate::text::{is_word_char, normalize};

/// The number of rows of the count-min sketch: one counter per row for each line.
///
/// Three rows rather than the usual four: for a fixed size, fewer and wider rows over-count less
/// once the sketch is well loaded, and about as little while it is not.
pub const DEPTH: usize = 3;

/// The smallest sketch accepted, in bytes.
pub const MIN_SKETCH_BYTES: usize = 1024;

/// How boilerplate lines are found; see the [module documentation](self).
///
/// Built with [`BoilerplateConfigBuilder`], which checks the values; [`Default`] gives the
/// documented defaults.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BoilerplateConfig {
    sketch_bytes: usize,
    min_documents: u32,
    min_fraction: f64,
    min_words: usize,
}

impl Default for BoilerplateConfig {
    fn default() -> Self {
        BoilerplateConfig {
            sketch_bytes: 16 << 20,
            min_documents: 5,
            min_fraction: 0.01,
            min_words: 2,
        }
    }
}

impl BoilerplateConfig {
    /// A builder that starts from the defaults.
    pub fn builder() -> BoilerplateConfigBuilder {
        BoilerplateConfigBuilder::new()
    }

    /// The size of the count-min sketch in bytes (default 16 MiB).
    pub fn sketch_bytes(&self) -> usize {
        self.sketch_bytes
    }

    /// A line is boilerplate when it occurs in at least this many documents of a source (default 5)
    /// and in [`min_fraction`](Self::min_fraction) of them.
    pub fn min_documents(&self) -> u32 {
        self.min_documents
    }

    /// A line is boilerplate when it occurs in at least this share of the documents of a source
    /// (default 0.01), or in 255 of them, and in [`min_documents`](Self::min_documents).
    pub fn min_fraction(&self) -> f64 {
        self.min_fraction
    }

    /// The number of documents a line must occur in, for a source of `documents` documents.
    fn threshold(&self, documents: u64) -> u8 {
        let share = (self.min_fraction * documents as f64).ceil();
        share.max(f64::from(self.min_documents)).min(255.0) as u8
    }

    /// Lines with fewer words than this (default 2) are never boilerplate.
    pub fn min_words(&self) -> usize {
        self.min_words
    }

    /// Counters per row of the sketch.
    fn width(&self) -> usize {
        self.sketch_bytes / DEPTH
    }
}

/// Builds a checked [`BoilerplateConfig`].
///
/// ```
/// use nergraph::text::BoilerplateConfig;
///
/// let config = BoilerplateConfig::builder().sketch_megabytes(64).min_documents(10).build()?;
/// assert_eq!(config.sketch_bytes(), 64 << 20);
/// # Ok::<(), nergraph::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct BoilerplateConfigBuilder {
    config: BoilerplateConfig,
}

impl BoilerplateConfigBuilder {
    /// A builder with the default settings.
    pub fn new() -> Self {
        Self::default()
    }

    /// The size of the sketch in bytes, at least [`MIN_SKETCH_BYTES`].
    pub fn sketch_bytes(mut self, bytes: usize) -> Self {
        self.config.sketch_bytes = bytes;
        self
    }

    /// The size of the sketch in mebibytes.
    pub fn sketch_megabytes(self, megabytes: usize) -> Self {
        self.sketch_bytes(megabytes.saturating_mul(1 << 20))
    }

    /// The fewest documents of a source a boilerplate line occurs in, 2 to 255.
    pub fn min_documents(mut self, documents: u32) -> Self {
        self.config.min_documents = documents;
        self
    }

    /// The smallest share of a source's documents a boilerplate line occurs in, 0 to 1.
    pub fn min_fraction(mut self, fraction: f64) -> Self {
        self.config.min_fraction = fraction;
        self
    }

    /// The fewest words of a boilerplate line, at least 1.
    pub fn min_words(mut self, words: usize) -> Self {
        self.config.min_words = words;
        self
    }

    /// Checks the settings and returns the configuration.
    pub fn build(self) -> Result<BoilerplateConfig> {
        let c = self.config;
        if c.sketch_bytes < MIN_SKETCH_BYTES {
            return Err(Error::Config(format!(
                "invalid boilerplate sketch size of {} bytes: expected at least {MIN_SKETCH_BYTES}",
                c.sketch_bytes
            )));
        }
        if !(2..=255).contains(&c.min_documents) {
            return Err(Error::Config(format!(
                "invalid boilerplate minimum of {} documents: expected 2 to 255",
                c.min_documents
            )));
        }
        if !(0.0..=1.0).contains(&c.min_fraction) {
            return Err(Error::Config(format!(
                "invalid boilerplate minimum share of {}: expected 0 to 1",
                c.min_fraction
            )));
        }
        if c.min_words == 0 {
            return Err(Error::Config(
                "invalid boilerplate minimum of 0 words: expected at least 1".into(),
            ));
        }
        Ok(c)
    }
}

/// The count-min sketch of (source, line) keys: `DEPTH` rows of `width` saturating counters.
#[derive(Clone, PartialEq, Eq)]
struct Sketch {
    width: usize,
    counters: Vec<u8>,
}

impl fmt::Debug for Sketch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Sketch")
            .field("depth", &DEPTH)
            .field("width", &self.width)
            .finish_non_exhaustive()
    }
}

impl Sketch {
    fn new(width: usize) -> Self {
        Sketch {
            width,
            counters: vec![0; width * DEPTH],
        }
    }

    /// The counter of `key` in each row (double hashing on the two halves of the key).
    fn cells(&self, key: u128) -> [usize; DEPTH] {
        let (h1, h2) = (key as u64, (key >> 64) as u64);
        std::array::from_fn(|row| {
            let h = h1.wrapping_add((row as u64).wrapping_mul(h2));
            let column = ((u128::from(h) * self.width as u128) >> 64) as usize;
            row * self.width + column
        })
    }

    fn add(&mut self, key: u128) {
        for cell in self.cells(key) {
            self.counters[cell] = self.counters[cell].saturating_add(1);
        }
    }

    fn count(&self, key: u128) -> u8 {
        self.cells(key)
            .into_iter()
            .map(|cell| self.counters[cell])
            .min()
            .unwrap_or(0)
    }
}

/// Pass 1: counts, per source, the documents each line occurs in.
///
/// Allocates the whole sketch at once ([`sketch_bytes`](BoilerplateConfig::sketch_bytes)). To count
/// on several threads, give each thread its own counter (for example one per chunk of documents)
/// and [`merge`](Self::merge) them.
#[derive(Debug, Clone)]
pub struct BoilerplateCounter {
    config: BoilerplateConfig,
    sketch: Sketch,
    /// Documents per source, by source seed.
    sources: BTreeMap<u64, u64>,
    documents: u64,
    occurrences: u64,
    keys: Vec<u128>,
    scratch: String,
}

impl BoilerplateCounter {
    /// An empty counter.
    pub fn new(config: BoilerplateConfig) -> Self {
        BoilerplateCounter {
            sketch: Sketch::new(config.width()),
            config,
            sources: BTreeMap::new(),
            documents: 0,
            occurrences: 0,
            keys: Vec::new(),
            scratch: String::new(),
        }
    }

    /// The configuration.
    pub fn config(&self) -> &BoilerplateConfig {
        &self.config
    }

    /// Counts the lines of one document of `source` (`None`: the anonymous source).
    pub fn add_document(&mut self, source: Option<&str>, text: &str) {
        let seed = source_seed(source);
        self.keys.clear();
        for range in candidate_lines(text) {
            let line = &text[range];
            if let Some(key) = line_key(seed, line, self.config.min_words, &mut self.scratch) {
                self.keys.push(key);
            }
        }
        self.keys.sort_unstable();
        self.keys.dedup();
        for &key in &self.keys {
            self.sketch.add(key);
        }
        *self.sources.entry(seed).or_insert(0) += 1;
        self.documents += 1;
        self.occurrences += self.keys.len() as u64;
    }

    /// Adds the counts of `other`, as if its documents had been given to this counter.
    ///
    /// # Panics
    ///
    /// If the two counters have different configurations.
    pub fn merge(&mut self, other: BoilerplateCounter) {
        assert_eq!(
            self.config, other.config,
            "cannot merge boilerplate counters with different configurations"
        );
        for (mine, theirs) in self.sketch.counters.iter_mut().zip(&other.sketch.counters) {
            *mine = mine.saturating_add(*theirs);
        }
        for (seed, documents) in other.sources {
            *self.sources.entry(seed).or_insert(0) += documents;
        }
        self.documents += other.documents;
        self.occurrences += other.occurrences;
    }

    /// The number of documents counted.
    pub fn documents(&self) -> u64 {
        self.documents
    }

    /// The number of line occurrences counted: distinct counted lines per document, summed.
    pub fn occurrences(&self) -> u64 {
        self.occurrences
    }

    /// Ends pass 1.
    pub fn finish(self) -> BoilerplateFilter {
        BoilerplateFilter {
            config: self.config,
            sketch: self.sketch,
            sources: self.sources,
            documents: self.documents,
            occurrences: self.occurrences,
        }
    }
}

/// Pass 2: tells which lines of a document are boilerplate. Shared between threads freely.
#[derive(Debug, Clone)]
pub struct BoilerplateFilter {
    config: BoilerplateConfig,
    sketch: Sketch,
    sources: BTreeMap<u64, u64>,
    documents: u64,
    occurrences: u64,
}

impl BoilerplateFilter {
    /// The configuration.
    pub fn config(&self) -> &BoilerplateConfig {
        &self.config
    }

    /// The number of documents counted in pass 1.
    pub fn documents(&self) -> u64 {
        self.documents
    }

    /// Line occurrences counted in pass 1 per counter of a row of the sketch; see the
    /// [module documentation](self) for what it means for the error. Keep it below about 1.
    pub fn load(&self) -> f64 {
        self.occurrences as f64 / self.sketch.width as f64
    }

    /// The number of documents of `source` a line must occur in to be boilerplate.
    pub fn threshold(&self, source: Option<&str>) -> u32 {
        let documents = self.sources.get(&source_seed(source)).copied();
        u32::from(self.config.threshold(documents.unwrap_or(0)))
    }

    /// In how many documents of `source` a line normalising like `line` occurred, as far as the
    /// sketch tells: at least the true number, at most 255. 0 for a line too short to count.
    pub fn documents_with(&self, source: Option<&str>, line: &str) -> u32 {
        let mut scratch = String::new();
        line_key(
            source_seed(source),
            line,
            self.config.min_words,
            &mut scratch,
        )
        .map_or(0, |key| u32::from(self.sketch.count(key)))
    }

    /// Whether `line`, taken as a line of its own, is a boilerplate line of `source`.
    pub fn is_boilerplate(&self, source: Option<&str>, line: &str) -> bool {
        self.documents_with(source, line) >= self.threshold(source)
    }

    /// The byte ranges of the boilerplate lines of `text`, a document of `source`, in order.
    ///
    /// Each range covers one line of `text` without its line break and surrounding white space, so
    /// `&text[range]` is the line as written; the ranges lie on character boundaries and do not
    /// overlap.
    pub fn lines(&self, source: Option<&str>, text: &str) -> Vec<Range<usize>> {
        let seed = source_seed(source);
        let threshold = self.threshold(source) as u8;
        let mut scratch = String::new();
        candidate_lines(text)
            .into_iter()
            .filter(|range| {
                let line = &text[range.clone()];
                line_key(seed, line, self.config.min_words, &mut scratch)
                    .is_some_and(|key| self.sketch.count(key) >= threshold)
            })
            .collect()
    }
}

/// The seed that keys the lines of `source`.
fn source_seed(source: Option<&str>) -> u64 {
    match source {
        None => 0x616E_6F6E_796D_6F75, // "anonymou"
        Some(name) => xxh3_64_with_seed(name.as_bytes(), 0x736F_7572_6365),
    }
}

/// The lines of `text` that may be boilerplate: not blank, and not part of a hard-wrapped
/// paragraph. Ranges are trimmed of white space.
fn candidate_lines(text: &str) -> Vec<Range<usize>> {
    // Each line, trimmed, or `None` when blank.
    let lines: Vec<Option<Range<usize>>> = lines(text)
        .map(|line| {
            let trimmed = text[line.clone()].trim_start();
            let start = line.end - trimmed.len();
            let trimmed = trimmed.trim_end();
            (!trimmed.is_empty()).then(|| start..start + trimmed.len())
        })
        .collect();
    let mut wrapped = vec![false; lines.len()];
    for (i, pair) in lines.windows(2).enumerate() {
        if let [Some(line), Some(next)] = pair {
            let (line, next) = (&text[line.clone()], &text[next.clone()]);
            if runs_on(line) || (!ends_sentence(line) && starts_lowercase(next)) {
                wrapped[i] = true;
                wrapped[i + 1] = true;
            }
        }
    }
    lines
        .into_iter()
        .zip(wrapped)
        .filter_map(|(line, wrapped)| line.filter(|_| !wrapped))
        .collect()
}

/// The lines of `text` (without their line breaks), blank ones included.
fn lines(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut start = Some(0);
    std::iter::from_fn(move || {
        let from = start?;
        let rest = &text[from..];
        match rest.find(['\n', '\r', '\u{2028}', '\u{2029}']) {
            None => {
                start = None;
                Some(from..text.len())
            }
            Some(at) => {
                let break_len = match &rest[at..] {
                    r if r.starts_with("\r\n") => 2,
                    r => r.chars().next().map_or(1, char::len_utf8),
                };
                start = Some(from + at + break_len);
                Some(from..from + at)
            }
        }
    })
}

/// Whether a (trimmed) line ends like a sentence: `.`, `!`, `?`, `:` or `;`, possibly followed by
/// closing quotes and brackets.
fn ends_sentence(line: &str) -> bool {
    line.trim_end_matches(['"', '\'', ')', ']', '\u{201D}', '\u{2019}', '\u{00BB}'])
        .ends_with(['.', '!', '?', ':', ';'])
}

/// Words that do not end a line of their own: a line ending in one of them goes on in the next.
const RUN_ON_WORDS: &[&str] = &[
    "a", "an", "and", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with",
];

/// Whether a (trimmed) line certainly goes on in the next line: it ends with a comma or with a
/// word of [`RUN_ON_WORDS`].
fn runs_on(line: &str) -> bool {
    if line.ends_with(',') {
        return true;
    }
    let last = line
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    RUN_ON_WORDS.iter().any(|w| w.eq_ignore_ascii_case(last))
}

/// Whether a (trimmed) line begins with a lowercase letter.
fn starts_lowercase(line: &str) -> bool {
    line.chars().next().is_some_and(char::is_lowercase)
}

/// The sketch key of `line` of the source with `seed`, or `None` for a line with fewer than
/// `min_words` words. `scratch` receives the normalised line.
fn line_key(seed: u64, line: &str, min_words: usize, scratch: &mut String) -> Option<u128> {
    let normalized = normalize(line);
    scratch.clear();
    let (mut words, mut in_word, mut in_digits, mut space) = (0, false, false, false);
    for c in normalized.as_str().chars() {
        if c.is_whitespace() {
            space = !scratch.is_empty();
            in_word = false;
            in_digits = false;
            continue;
        }
        if space {
            scratch.push(' ');
            space = false;
        }
        let word_char = is_word_char(c);
        if word_char && !in_word {
            words += 1;
        }
        in_word = word_char;
        if c.is_numeric() {
            if !in_digits {
                scratch.push('0');
            }
            in_digits = true;
            continue;
        }
        in_digits = false;
        if c.is_ascii() {
            scratch.push(c.to_ascii_lowercase());
        } else {
            scratch.extend(c.to_lowercase());
        }
    }
    (words >= min_words).then(|| xxh3_128_with_seed(scratch.as_bytes(), seed))
}

#[cfg(test)]
mod tests;
