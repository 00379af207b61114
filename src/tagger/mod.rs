//! Stage 3: tagger. Finds entity mentions in a document.
//!
//! How a document is tagged:
//!
//! 1. The text is [normalised](crate::text::normalize); line breaks count as spaces.
//! 2. Every alias is stored once, case-folded, in one trie (an Aho-Corasick automaton used for
//!    anchored searches). At each position where a word starts and whose first bytes could start
//!    some alias, the trie is walked over the case-folded text; each alias met on the way is a
//!    candidate, accepted when its case rule accepts the text as written: `exact` the form as
//!    written, `caps` that or the form in capitals (`Russia`, `RUSSIA`), `any` whatever
//!    capitalisation. The [matching strategy](#the-matching-strategy) below says why.
//! 3. A match is kept when it starts and ends at word boundaries (see [`at_word_boundaries`]).
//!    Of the matches that start at one position, the longest kept one counts. Acronyms defined in
//!    the document (`Security Agency (CISA)`) are found as well.
//! 4. Of overlapping matches the leftmost wins, and of those the longest (leftmost-longest). Filtering
//!    before choosing means a rejected long match never hides a valid shorter one. A negative phrase
//!    takes part like any alias and, when chosen, yields nothing.
//! 5. [Context rules](TaggerBuilder::context_rules) drop a country or capital that is part of a
//!    longer institution or event name ("Tokyo Stock Exchange"), that follows a first name
//!    ("Anthony Washington"), or that is a first name before a surname ("Chad Smith"), and any
//!    match that is a ticker symbol in angle brackets ("<BT>").
//! 6. The chosen matches are resolved in document order: an acronym defined earlier in the document
//!    first, then short forms and shared aliases through the entities already named in the document,
//!    then the gazetteer's own claim. What stays ambiguous is dropped rather than guessed.
//!
//! ```
//! use nergraph::{gazetteer::GazetteerBuilder, tagger::Tagger};
//!
//! let mut builder = GazetteerBuilder::new();
//! builder.add_source("demo.tsv", "country:RU\tCOUNTRY\tRussia\tRussian [demonym]\n\
//!                                 person:dominic-raab\tPERSON\tDominic Raab\n")?;
//! let tagger = Tagger::new(builder.build()?)?;
//! let text = "Dominic Raab said Russia\u{2019}s envoy met Mr Raab and Russian officials.";
//! let found: Vec<(&str, &str)> = tagger
//!     .tag(text)
//!     .iter()
//!     .map(|m| (&text[m.span.clone()], tagger.gazetteer().entity(m.entity).id()))
//!     .collect();
//! assert_eq!(found, [
//!     ("Dominic Raab", "person:dominic-raab"),
//!     ("Russia", "country:RU"),
//!     ("Raab", "person:dominic-raab"),
//!     ("Russian", "country:RU"),
//! ]);
//! # Ok::<(), nergraph::Error>(())
//! ```
//!
//! # The matching strategy
//!
//! A general multi-pattern search (such as an unanchored Aho-Corasick scan) follows every byte of
//! the text through its automaton and reports matches that start anywhere, inside words too. Most
//! of that work is wasted here: a mention starts where a word starts, and most words start no
//! alias at all. So the tagger looks at word starts only, and tests cheaply whether one may start
//! an alias before it walks the trie from there:
//!
//! - Eight bytes of text at a time, without branches, give the positions where a word starts
//!   (and, when some alias starts with another character, where such a character starts).
//! - A *word key*, the first letters and digits there (up to eight bytes), must be one of those
//!   of the aliases (a small Bloom filter: one memory read, about one false positive in fifty).
//!   Most words fail here.
//! - The same with spaces allowed (`the Guardian` is in, `the government` is not): the alias's key
//!   must be a prefix of the text's that ends at its end, before a space, or after eight bytes.
//! - Then the trie is walked from that position, over the text folded to lowercase on the fly.
//!
//! Storing folded aliases and checking the case rule on the surface keeps the trie to one
//! pattern per distinct alias: ALL-CAPS forms cost nothing (before, they doubled the patterns), and
//! `any` aliases need no lowercased copy of the text. Walking from each word start on its own also
//! gives, for each start, its longest match that passes the word boundary test, which is exactly
//! what the leftmost-longest choice needs: a match rejected at its end leaves the shorter ones at
//! the same start and the ones that start inside it in play.

use std::borrow::Cow;
use std::ops::Range;

use foldhash::{HashMap, HashSet};
use serde::Serialize;

use crate::error::Result;
use crate::gazetteer::{Alias, AliasKind, EntityId, Gazetteer, Resolution, Target};
use crate::text::{fold_case, is_word_char, normalize, NormalizedText};

mod context;
mod matcher;
use context::{inside_longer_name, is_ticker_symbol, qualified_by_word_before, NameCues};
use matcher::Matcher;

/// How a mention found its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ResolvedBy {
    /// The gazetteer gives the alias to this entity.
    Alias,
    /// A short form or shared alias, resolved through an entity named earlier in the document.
    Context,
    /// An acronym the document defined after the entity's name.
    TextAcronym,
}

impl ResolvedBy {
    /// The name used in outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            ResolvedBy::Alias => "alias",
            ResolvedBy::Context => "context",
            ResolvedBy::TextAcronym => "text_acronym",
        }
    }
}

/// One mention of an entity in a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Byte span in the original text (end exclusive).
    pub span: Range<usize>,
    /// Byte span in the normalised text.
    pub normalized_span: Range<usize>,
    /// The entity mentioned.
    pub entity: EntityId,
    /// The kind of alias that matched.
    pub kind: AliasKind,
    /// How the entity was chosen.
    pub resolved_by: ResolvedBy,
}

/// Finds mentions of a gazetteer's entities in text.
#[derive(Debug, Clone)]
pub struct Tagger {
    gazetteer: Gazetteer,
    /// Every alias the tagger looks for; `None` when there are none.
    matcher: Option<Matcher>,
    /// First names for the context rules; `None` when the rules are off.
    name_cues: Option<NameCues>,
}

/// A match that passed the boundary check.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    start: usize,
    end: usize,
    /// The matcher's pattern, for a gazetteer alias.
    pattern: Option<u32>,
    text_acronym: bool,
}

/// Options for compiling a [`Tagger`].
///
/// ```
/// use nergraph::{gazetteer::GazetteerBuilder, tagger::TaggerBuilder};
///
/// let mut builder = GazetteerBuilder::new();
/// builder.add_source("demo.tsv", "country:RU\tCOUNTRY\tRussia\tMoscow [capital]\n")?;
/// let tagger = TaggerBuilder::new().capitals(false).build(builder.build()?)?;
/// assert_eq!(tagger.tag("Moscow said Russia would reply.").len(), 1);
/// # Ok::<(), nergraph::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct TaggerBuilder {
    capitals: bool,
    context_rules: bool,
}

impl Default for TaggerBuilder {
    fn default() -> Self {
        TaggerBuilder {
            capitals: true,
            context_rules: true,
        }
    }
}

impl TaggerBuilder {
    /// The default options: every alias kind is matched.
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether capitals stand for their countries (`Beijing said...`); on by default.
    pub fn capitals(mut self, on: bool) -> Self {
        self.capitals = on;
        self
    }

    /// Whether the context rules apply (on by default): a country or capital inside a longer
    /// institution or event name ("Tokyo Stock Exchange") is not a mention, and neither is a name
    /// right after a first name ("Anthony Washington"), nor that name again in the same document,
    /// nor a ticker symbol in angle brackets ("<BT>").
    pub fn context_rules(mut self, on: bool) -> Self {
        self.context_rules = on;
        self
    }

    /// Compiles the tagger.
    pub fn build(self, gazetteer: Gazetteer) -> Result<Tagger> {
        let matcher = Matcher::new(gazetteer.aliases(), |alias| {
            self.capitals || alias.kind() != AliasKind::Capital
        })?;
        Ok(Tagger {
            gazetteer,
            matcher,
            name_cues: self.context_rules.then(NameCues::builtin),
        })
    }
}

impl Tagger {
    /// Compiles a tagger for `gazetteer` with the default options (see [`TaggerBuilder`]).
    pub fn new(gazetteer: Gazetteer) -> Result<Self> {
        TaggerBuilder::new().build(gazetteer)
    }

    /// The gazetteer the tagger was built from.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// Heap bytes held by the compiled aliases (the trie and its tables), not counting the
    /// gazetteer itself.
    pub fn memory_usage(&self) -> usize {
        self.matcher.as_ref().map_or(0, Matcher::memory_usage)
    }

    /// Tags one document.
    pub fn tag(&self, text: &str) -> Vec<Mention> {
        self.tag_normalized(&normalize(text))
    }

    /// Tags one document that is already normalised (so that the caller can reuse the normalisation).
    pub fn tag_normalized(&self, text: &NormalizedText<'_>) -> Vec<Mention> {
        let norm = text.as_str();
        let candidates = self.candidates(norm);
        let chosen = choose_leftmost_longest(candidates);
        self.resolve(text, &chosen)
    }

    /// Appends the aliases a candidate stands for: those of its pattern that accept its surface
    /// text.
    fn push_readings<'a>(&'a self, norm: &str, c: &Candidate, out: &mut Vec<&'a Alias>) {
        let aliases = self.gazetteer.aliases();
        if let (Some(pattern), Some(matcher)) = (c.pattern, &self.matcher) {
            out.extend(
                matcher
                    .accepting(pattern, &norm[c.start..c.end], aliases)
                    .map(|a| &aliases[a as usize]),
            );
        }
    }

    fn candidates(&self, norm: &str) -> Vec<Candidate> {
        // News text has a match every hundred or two hundred bytes.
        let mut out = Vec::with_capacity(norm.len() / 128);
        if let Some(matcher) = &self.matcher {
            matcher.for_each_match(norm, self.gazetteer.aliases(), |start, end, pattern| {
                out.push(Candidate {
                    start,
                    end,
                    pattern: Some(pattern),
                    text_acronym: false,
                })
            });
        }
        // Acronyms defined in the document: a document defines few, so each is searched on its own.
        for acronym in defined_acronyms(norm) {
            let finder = memchr::memmem::Finder::new(acronym);
            let mut from = 0;
            while let Some(at) = finder.find(&norm.as_bytes()[from..]) {
                let (start, end) = (from + at, from + at + acronym.len());
                if at_word_boundaries(norm, start, end) {
                    out.push(Candidate {
                        start,
                        end,
                        pattern: None,
                        text_acronym: true,
                    });
                }
                from = start + 1;
            }
        }
        out
    }

    fn resolve(&self, text: &NormalizedText<'_>, chosen: &[Candidate]) -> Vec<Mention> {
        let norm = text.as_str();
        // The readings of every chosen match, in one buffer: those of `chosen[i]` are
        // `all_readings[bounds[i]..bounds[i + 1]]`.
        let mut all_readings = Vec::with_capacity(chosen.len());
        let mut bounds = Vec::with_capacity(chosen.len() + 1);
        bounds.push(0);
        for c in chosen {
            self.push_readings(norm, c, &mut all_readings);
            bounds.push(all_readings.len());
        }
        let readings_of = |i: usize| &all_readings[bounds[i]..bounds[i + 1]];
        let mut mentions = Vec::with_capacity(chosen.len());
        let mut named: HashSet<EntityId> =
            HashSet::with_capacity_and_hasher(chosen.len(), Default::default());
        // Acronym -> (where its definition ends, the entity, or None once two entities claimed it).
        let mut acronyms: HashMap<&str, (usize, Option<EntityId>)> = HashMap::default();
        // Words that this document uses as people's surnames ("Washington" after "Anthony Washington").
        let mut surnames: HashSet<&str> = HashSet::default();
        let mut previous_end = None;
        for (i, c) in chosen.iter().enumerate() {
            // A first name that is itself a match ("Georgia Russia talks") marks no surname.
            let after_match = previous_end
                .replace(c.end)
                .is_some_and(|end| end + 1 == c.start);
            let surface = &norm[c.start..c.end];
            let readings = readings_of(i);
            if readings.iter().any(|a| a.target() == Target::Negative) {
                continue;
            }
            if self.name_cues.is_some() && is_ticker_symbol(norm, c.start, c.end) {
                continue;
            }
            if let Some(cues) = &self.name_cues {
                if !self.names_a_person(readings) {
                    if !surnames.is_empty() && surnames.contains(surface) {
                        continue;
                    }
                    if !after_match && cues.follows_first_name(norm, c.start) {
                        surnames.insert(surface);
                        continue;
                    }
                    // A following full name ("Georgia Russia talks") is not a surname; a short form
                    // such as "Smith" may be.
                    let next_is_match = chosen.get(i + 1).is_some_and(|n| {
                        n.start == c.end + 1
                            && readings_of(i + 1)
                                .iter()
                                .any(|a| a.kind() != AliasKind::Short)
                    });
                    if !next_is_match && cues.starts_personal_name(norm, c.start, c.end) {
                        continue;
                    }
                    if self.names_only_countries(readings)
                        && inside_longer_name(norm, c.start, c.end)
                    {
                        continue;
                    }
                }
            }
            let qualified = readings.iter().any(|a| self.is_organisation_short_form(a))
                && qualified_by_word_before(norm, c.start);
            let Some((entity, kind, resolved_by)) =
                self.resolve_one(c, surface, readings, &named, &acronyms, qualified)
            else {
                continue;
            };
            named.insert(entity);
            // "Dow Chemical Co": a company's legal form belongs to its name.
            let next_start = chosen.get(i + 1).map_or(norm.len(), |n| n.start);
            let end = match self.gazetteer.entity(entity).entity_type() {
                crate::gazetteer::EntityType::Org => {
                    c.end + legal_suffix_after(norm, c.end, next_start)
                }
                _ => c.end,
            };
            mentions.push(Mention {
                span: text.original_span(c.start..end),
                normalized_span: c.start..end,
                entity,
                kind,
                resolved_by,
            });
            if let Some(acronym) = acronym_defined_after(norm, c.start..c.end) {
                acronyms
                    .entry(acronym)
                    .and_modify(|(_, e)| {
                        if *e != Some(entity) {
                            *e = None;
                        }
                    })
                    .or_insert((c.end, Some(entity)));
            }
        }
        mentions
    }

    /// Whether every reading is a country (an organisation followed by "Inc" is that organisation).
    fn names_only_countries(&self, readings: &[&Alias]) -> bool {
        readings.iter().all(|a| match a.target() {
            Target::Entity(e) => {
                self.gazetteer.entity(e).entity_type() == crate::gazetteer::EntityType::Country
            }
            Target::Negative => false,
        })
    }

    /// Whether any reading is a person's full name (context rules leave people's names alone; a
    /// short form such as "Washington" for George Washington does not count).
    fn names_a_person(&self, readings: &[&Alias]) -> bool {
        readings
            .iter()
            .filter(|a| a.kind() != AliasKind::Short)
            .any(|a| match a.target() {
                Target::Entity(e) => {
                    self.gazetteer.entity(e).entity_type() == crate::gazetteer::EntityType::Person
                }
                Target::Negative => false,
            })
    }

    /// Whether `alias` is a short form of an entity other than a person ("Commission").
    fn is_organisation_short_form(&self, alias: &Alias) -> bool {
        alias.kind() == AliasKind::Short
            && match alias.target() {
                Target::Entity(e) => {
                    self.gazetteer.entity(e).entity_type() != crate::gazetteer::EntityType::Person
                }
                Target::Negative => false,
            }
    }

    fn resolve_one(
        &self,
        c: &Candidate,
        surface: &str,
        readings: &[&Alias],
        named: &HashSet<EntityId>,
        acronyms: &HashMap<&str, (usize, Option<EntityId>)>,
        qualified: bool,
    ) -> Option<(EntityId, AliasKind, ResolvedBy)> {
        if c.text_acronym {
            if let Some(&(defined_at, entity)) = acronyms.get(surface) {
                if defined_at <= c.start {
                    return entity.map(|e| (e, AliasKind::Acronym, ResolvedBy::TextAcronym));
                }
            }
        }
        let entity_of = |a: &Alias| match a.target() {
            Target::Entity(e) => e,
            Target::Negative => unreachable!("negative readings are skipped before resolution"),
        };
        // Short forms and shared aliases: the entities already named in this document decide,
        // when they name one entity. An organisation's short form qualified by the word before it
        // ("Peru's Constitutional Court") names another body.
        let mut in_context = readings.iter().filter(|a| {
            a.is_contextual()
                && named.contains(&entity_of(a))
                && !(qualified && self.is_organisation_short_form(a))
        });
        if let Some(first) = in_context.next() {
            let entity = entity_of(first);
            if in_context.all(|a| entity_of(a) == entity) {
                return Some((entity, first.kind(), ResolvedBy::Context));
            }
            return None;
        }
        let mut global = readings.iter().filter(|a| a.kind() != AliasKind::Short);
        let first = global.next()?;
        let winner: &Alias = if global.all(|a| entity_of(a) == entity_of(first)) {
            first
        } else {
            // Several entities: exactly one alias preferred wins.
            let mut preferred = readings
                .iter()
                .filter(|a| a.kind() != AliasKind::Short && a.resolution() == Resolution::Prefer);
            match (preferred.next(), preferred.next()) {
                (Some(one), None) => one,
                _ => return None,
            }
        };
        Some((entity_of(winner), winner.kind(), ResolvedBy::Alias))
    }
}

/// Sorts candidates and keeps the leftmost-longest ones that do not overlap.
fn choose_leftmost_longest(mut candidates: Vec<Candidate>) -> Vec<Candidate> {
    candidates.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut chosen: Vec<Candidate> = Vec::with_capacity(candidates.len());
    let mut last_end = 0;
    for c in candidates {
        if let Some(prev) = chosen.last_mut() {
            if (prev.start, prev.end) == (c.start, c.end) {
                prev.pattern = prev.pattern.or(c.pattern);
                prev.text_acronym |= c.text_acronym;
                continue;
            }
        }
        if c.start >= last_end {
            last_end = c.end;
            chosen.push(c);
        }
    }
    chosen
}

/// The form in which aliases and text are matched: lowercased (lengths kept) with line breaks and
/// tabs as spaces, so that a name broken across lines still matches.
fn matching_form(text: &str) -> Cow<'_, str> {
    match fold_case(text) {
        Cow::Borrowed(t) => single_spaced(t),
        Cow::Owned(t) => Cow::Owned(single_spaced(&t).into_owned()),
    }
}

/// `text` with line breaks and tabs as spaces, as aliases are written; lengths are kept.
fn single_spaced(text: &str) -> Cow<'_, str> {
    let mut breaks = memchr::memchr3_iter(b'\n', b'\r', b'\t', text.as_bytes()).peekable();
    if breaks.peek().is_none() {
        return Cow::Borrowed(text);
    }
    let mut bytes = text.as_bytes().to_vec();
    for at in breaks {
        bytes[at] = b' ';
    }
    Cow::Owned(
        String::from_utf8(bytes).expect("replacing ASCII bytes with ASCII keeps UTF-8 valid"),
    )
}

/// Whether `text[start..end]` starts and ends at word boundaries.
///
/// A boundary lies between a [word character](is_word_char) and anything else, so `US` is not found in
/// `USB` and `Oman` not in `Romania`, while hyphens separate words (`US-China`, `NATO-led`). An
/// apostrophe between letters joins them (`O'Brien`), except for a possessive `'s` after the match
/// (`China's`).
pub fn at_word_boundaries(text: &str, start: usize, end: usize) -> bool {
    start < end && starts_word_at(text, start) && ends_word_at(text, end)
}

/// Whether a match starting at `text[start..]` (not empty) starts at a word boundary; see
/// [`at_word_boundaries`].
fn starts_word_at(text: &str, start: usize) -> bool {
    let bytes = text.as_bytes();
    // ASCII first: most text is, and this runs at every possible start of a match.
    match bytes.get(start) {
        None => return false,
        Some(b) if b.is_ascii() && !b.is_ascii_alphanumeric() => return true,
        Some(b) if !b.is_ascii() && !text[start..].chars().next().is_some_and(is_word_char) => {
            return true
        }
        _ => {}
    }
    match bytes[..start].last() {
        None => true,
        Some(b) if b.is_ascii_alphanumeric() => false,
        Some(b'\'') => !text[..start - 1]
            .chars()
            .next_back()
            .is_some_and(char::is_alphabetic),
        Some(b) if b.is_ascii() => true,
        Some(_) => !text[..start].chars().next_back().is_some_and(is_word_char),
    }
}

/// Whether a match ending at `text[..end]` (not empty) ends at a word boundary; see
/// [`at_word_boundaries`].
fn ends_word_at(text: &str, end: usize) -> bool {
    let Some(last) = text[..end].chars().next_back() else {
        return false;
    };
    if !is_word_char(last) {
        return true;
    }
    let mut after = text[end..].chars();
    match after.next() {
        Some(c) if is_word_char(c) => false,
        Some('\'') => {
            let mut rest = after;
            let joined = match rest.next() {
                Some('s' | 'S') => rest.next().is_some_and(is_word_char),
                Some(c) => is_word_char(c),
                None => false,
            };
            !joined
        }
        _ => true,
    }
}

/// Legal forms of companies that may follow their names.
const LEGAL_SUFFIXES: &[&str] = &[
    "AB", "AG", "ASA", "Co", "Corp", "GmbH", "Inc", "LLC", "Ltd", "NV", "PLC", "Plc", "SA", "SE",
    "SpA", "plc",
];

/// The length of the legal form that follows a company name at `end` and ends before `limit`, or 0.
///
/// Legal forms may be chained and introduced by "& Co": "Dow Chemical Co", "Bear Stearns & Co Inc".
fn legal_suffix_after(norm: &str, end: usize, limit: usize) -> usize {
    let mut length = 0;
    loop {
        let at = end + length;
        let step = legal_form_at(norm, at, limit)
            .or_else(|| {
                let rest = norm[at..].strip_prefix(" &")?;
                let form = legal_form_at(norm, at + 2, limit)?;
                (rest[..form].trim_start() == "Co").then_some(2 + form)
            })
            .unwrap_or(0);
        if step == 0 {
            return length;
        }
        length += step;
    }
}

/// The length of " <legal form>" at `at`, if one follows as a whole word ending before `limit`.
fn legal_form_at(norm: &str, at: usize, limit: usize) -> Option<usize> {
    let rest = norm[at..].strip_prefix(' ')?;
    let word_len = rest
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(rest.len());
    let length = 1 + word_len;
    // "Co-founder" is a word of its own, not the legal form "Co".
    let hyphenated = rest[word_len..].starts_with('-');
    let fits = at + length <= limit && !hyphenated && at_word_boundaries(norm, at + 1, at + length);
    (LEGAL_SUFFIXES.contains(&&rest[..word_len]) && fits).then_some(length)
}

/// The acronyms a document defines in brackets, such as `(CISA)`.
fn defined_acronyms(norm: &str) -> Vec<&str> {
    let mut found: Vec<&str> = memchr::memchr_iter(b'(', norm.as_bytes())
        .filter_map(|i| bracketed_acronym(&norm[i..]))
        .collect();
    found.sort_unstable();
    found.dedup();
    found
}

/// The acronym in brackets right after a mention, if any.
///
/// The acronym must start with the mention's first letter, so that in "Cyber Security Agency of
/// Singapore (CSA)" the acronym is not taken for Singapore's.
fn acronym_defined_after(norm: &str, mention: Range<usize>) -> Option<&str> {
    let rest = &norm[mention.end..];
    let acronym = bracketed_acronym(rest.strip_prefix(' ').unwrap_or(rest))?;
    let first = |s: &str| {
        s.chars()
            .next()
            .map(|c| c.to_lowercase().collect::<String>())
    };
    (first(acronym) == first(&norm[mention])).then_some(acronym)
}

/// Parses `(ACRONYM)` at the start of `text`: 2 to 12 characters, starting with a capital, with at
/// least two capitals and otherwise letters, digits, `&`, `.` or `-`.
fn bracketed_acronym(text: &str) -> Option<&str> {
    let inner = text.strip_prefix('(')?;
    let (close, _) = inner.char_indices().take(13).find(|&(_, c)| c == ')')?;
    let acronym = &inner[..close];
    let count = acronym.chars().count();
    let first_is_capital = acronym.chars().next().is_some_and(char::is_uppercase);
    let capitals = acronym.chars().filter(|c| c.is_uppercase()).count();
    let allowed = acronym
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '&' | '.' | '-'));
    ((2..=12).contains(&count) && first_is_capital && capitals >= 2 && allowed).then_some(acronym)
}

#[cfg(test)]
mod tests;
