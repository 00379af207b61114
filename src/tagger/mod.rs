//! Stage 3: tagger. Finds entity mentions in a document.
//!
//! How a document is tagged:
//!
//! 1. The text is [normalised](crate::text::normalize); line breaks count as spaces.
//! 2. One Aho-Corasick automaton holds every form that an `exact` or `caps` alias accepts (`Russia`
//!    and `RUSSIA`) and runs over the text as it is, so case rules cost nothing; a second, usually
//!    tiny, automaton holds the lowercased `any` aliases and runs over the lowercased text. Both
//!    report all matches, overlapping ones included.
//! 3. A match is kept when it starts and ends at word boundaries (see [`at_word_boundaries`]).
//!    Acronyms defined in the document (`Security Agency (CISA)`) are found as well.
//! 4. Of overlapping matches the leftmost wins, and of those the longest (leftmost-longest). Filtering
//!    before choosing means a rejected long match never hides a valid shorter one. A negative phrase
//!    takes part like any alias and, when chosen, yields nothing.
//! 5. [Context rules](TaggerBuilder::context_rules) drop a country or capital that is part of a
//!    longer institution or event name ("Tokyo Stock Exchange"), that follows a first name
//!    ("Anthony Washington"), or that is a first name before a surname ("Chad Smith").
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

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Input, MatchKind};
use serde::Serialize;

use crate::error::Result;
use crate::gazetteer::{Alias, AliasKind, CaseRule, EntityId, Gazetteer, Resolution, Target};
use crate::text::{fold_case, is_word_char, normalize, NormalizedText};

mod context;
use context::{inside_longer_name, NameCues};

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
    /// Exact and `caps` aliases in every form they accept, matched against the text as it is;
    /// `None` when there are none.
    cased: Option<Matcher>,
    /// `any` aliases, lowercased, matched against the lowercased text; `None` when there are none.
    folded: Option<Matcher>,
    /// First names for the context rules; `None` when the rules are off.
    name_cues: Option<NameCues>,
}

/// Two automata over the same patterns and, for each pattern, the aliases it stands for.
///
/// Every match is wanted, overlapping ones included, but an overlapping search cannot use
/// aho-corasick's prefilters and runs several times slower. So a leftmost-longest search (fast,
/// prefiltered) finds the regions with matches, and the overlapping automaton reports every match
/// that starts inside each region. Every match starts inside some leftmost-longest match (otherwise
/// the leftmost-longest search would have found it), so none is lost.
///
/// Large pattern sets (more than [`DFA_MAX_PATTERNS`]) build only the overlapping automaton and scan
/// with it directly: there the prefilter gains little, and building a second automaton costs as much
/// as the first.
#[derive(Debug, Clone)]
struct Matcher {
    leftmost: Option<AhoCorasick>,
    overlapping: AhoCorasick,
    longest_pattern: usize,
    pattern_ranges: Vec<Range<u32>>,
    pattern_aliases: Vec<u32>,
}

/// Pattern sets up to this size scan with a DFA: about twice as fast, and a few MiB at this size.
const DFA_MAX_PATTERNS: usize = 20_000;

impl Matcher {
    /// Builds a matcher from `(pattern, alias index)` pairs.
    fn new(pairs: Vec<(String, u32)>) -> Result<Option<Self>> {
        if pairs.is_empty() {
            return Ok(None);
        }
        let mut by_pattern: HashMap<String, Vec<u32>> = HashMap::new();
        let mut order: Vec<String> = Vec::new();
        for (pattern, alias) in pairs {
            let entry = by_pattern.entry(pattern).or_insert_with_key(|k| {
                order.push(k.clone());
                Vec::new()
            });
            if !entry.contains(&alias) {
                entry.push(alias);
            }
        }
        let mut pattern_ranges = Vec::with_capacity(order.len());
        let mut pattern_aliases = Vec::new();
        for key in &order {
            let start = pattern_aliases.len() as u32;
            pattern_aliases.extend(&by_pattern[key]);
            pattern_ranges.push(start..pattern_aliases.len() as u32);
        }
        let build = |match_kind, kind| {
            AhoCorasickBuilder::new()
                .match_kind(match_kind)
                .kind(Some(kind))
                .build(&order)
        };
        let leftmost = if order.len() <= DFA_MAX_PATTERNS {
            Some(build(MatchKind::LeftmostLongest, AhoCorasickKind::DFA)?)
        } else {
            None
        };
        Ok(Some(Matcher {
            leftmost,
            // Runs over the short regions the leftmost search found (or, for large pattern sets,
            // over everything): a compact NFA builds fast and scans well.
            overlapping: build(MatchKind::Standard, AhoCorasickKind::ContiguousNFA)?,
            longest_pattern: order.iter().map(String::len).max().unwrap_or(0),
            pattern_ranges,
            pattern_aliases,
        }))
    }

    /// Calls `found(start, end, pattern)` for every match in `haystack`, overlapping ones included.
    fn for_each_match(&self, haystack: &str, mut found: impl FnMut(usize, usize, u32)) {
        let Some(leftmost) = &self.leftmost else {
            for m in self.overlapping.find_overlapping_iter(haystack) {
                found(m.start(), m.end(), m.pattern().as_u32());
            }
            return;
        };
        for region in leftmost.find_iter(haystack) {
            let scan_end = haystack.len().min(region.end() + self.longest_pattern);
            let input = Input::new(haystack).span(region.start()..scan_end);
            for m in self.overlapping.find_overlapping_iter(input) {
                if m.start() < region.end() {
                    found(m.start(), m.end(), m.pattern().as_u32());
                }
            }
        }
    }

    fn aliases(&self, pattern: u32) -> &[u32] {
        let range = self.pattern_ranges[pattern as usize].clone();
        &self.pattern_aliases[range.start as usize..range.end as usize]
    }
}

/// A match that passed the boundary check.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    start: usize,
    end: usize,
    cased: Option<u32>,
    folded: Option<u32>,
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
    /// right after a first name ("Anthony Washington"), nor that name again in the same document.
    pub fn context_rules(mut self, on: bool) -> Self {
        self.context_rules = on;
        self
    }

    /// Compiles the tagger.
    pub fn build(self, gazetteer: Gazetteer) -> Result<Tagger> {
        let mut cased = Vec::new();
        let mut folded = Vec::new();
        for (index, alias) in gazetteer.aliases().iter().enumerate() {
            let index = index as u32;
            if !self.capitals && alias.kind() == AliasKind::Capital {
                continue;
            }
            match alias.case() {
                CaseRule::Any => folded.push((matching_form(alias.text()).into_owned(), index)),
                CaseRule::Exact => cased.push((alias.text().to_owned(), index)),
                CaseRule::Caps => {
                    cased.push((alias.text().to_owned(), index));
                    let upper = alias.text().to_uppercase();
                    if upper != alias.text() && alias.accepts(&upper) {
                        cased.push((upper, index));
                    }
                }
            }
        }
        Ok(Tagger {
            gazetteer,
            cased: Matcher::new(cased)?,
            folded: Matcher::new(folded)?,
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

    /// The aliases a candidate's patterns stand for.
    fn readings(&self, c: &Candidate) -> Vec<&Alias> {
        let aliases = self.gazetteer.aliases();
        let (cased, folded) = (
            aliases_of(c.cased, &self.cased),
            aliases_of(c.folded, &self.folded),
        );
        cased
            .iter()
            .chain(folded)
            .map(|&a| &aliases[a as usize])
            .collect()
    }

    fn candidates(&self, norm: &str) -> Vec<Candidate> {
        let mut out = Vec::new();
        let mut push = |start, end, cased, folded| {
            if at_word_boundaries(norm, start, end) {
                out.push(Candidate {
                    start,
                    end,
                    cased,
                    folded,
                    text_acronym: false,
                });
            }
        };
        if let Some(cased) = &self.cased {
            cased.for_each_match(&single_spaced(norm), |s, e, p| push(s, e, Some(p), None));
        }
        if let Some(folded) = &self.folded {
            folded.for_each_match(&matching_form(norm), |s, e, p| push(s, e, None, Some(p)));
        }
        // Acronyms defined in the document, found in one pass however many there are.
        let acronyms = defined_acronyms(norm);
        if !acronyms.is_empty() {
            let automaton =
                AhoCorasick::new(&acronyms).expect("a few short acronyms always compile");
            for m in automaton.find_overlapping_iter(norm) {
                if at_word_boundaries(norm, m.start(), m.end()) {
                    out.push(Candidate {
                        start: m.start(),
                        end: m.end(),
                        cased: None,
                        folded: None,
                        text_acronym: true,
                    });
                }
            }
        }
        out
    }

    fn resolve(&self, text: &NormalizedText<'_>, chosen: &[Candidate]) -> Vec<Mention> {
        let norm = text.as_str();
        let mut mentions = Vec::new();
        let mut named: HashSet<EntityId> = HashSet::new();
        // Acronym -> (where its definition ends, the entity, or None once two entities claimed it).
        let mut acronyms: HashMap<&str, (usize, Option<EntityId>)> = HashMap::new();
        // Words that this document uses as people's surnames ("Washington" after "Anthony Washington").
        let mut surnames: HashSet<&str> = HashSet::new();
        let mut previous_end = None;
        for (i, c) in chosen.iter().enumerate() {
            // A first name that is itself a match ("Georgia Russia talks") marks no surname.
            let after_match = previous_end
                .replace(c.end)
                .is_some_and(|end| end + 1 == c.start);
            let surface = &norm[c.start..c.end];
            let readings = self.readings(c);
            if readings.iter().any(|a| a.target() == Target::Negative) {
                continue;
            }
            if let Some(cues) = &self.name_cues {
                if !self.names_a_person(&readings) {
                    if surnames.contains(surface) {
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
                            && self
                                .readings(n)
                                .iter()
                                .any(|a| a.kind() != AliasKind::Short)
                    });
                    if !next_is_match && cues.starts_personal_name(norm, c.start, c.end) {
                        continue;
                    }
                    if self.names_only_countries(&readings)
                        && inside_longer_name(norm, c.start, c.end)
                    {
                        continue;
                    }
                }
            }
            let Some((entity, kind, resolved_by)) =
                self.resolve_one(c, surface, &readings, &named, &acronyms)
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

    fn resolve_one(
        &self,
        c: &Candidate,
        surface: &str,
        readings: &[&Alias],
        named: &HashSet<EntityId>,
        acronyms: &HashMap<&str, (usize, Option<EntityId>)>,
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
        // Short forms and shared aliases: the entities already named in this document decide.
        let mut in_context: Vec<&Alias> = readings
            .iter()
            .copied()
            .filter(|a| a.is_contextual() && named.contains(&entity_of(a)))
            .collect();
        in_context.dedup_by_key(|a| entity_of(a));
        match in_context.as_slice() {
            [one] => return Some((entity_of(one), one.kind(), ResolvedBy::Context)),
            [] => {}
            _ => return None,
        }
        let global: Vec<&Alias> = readings
            .iter()
            .copied()
            .filter(|a| a.kind() != AliasKind::Short)
            .collect();
        let mut entities: Vec<EntityId> = global.iter().map(|a| entity_of(a)).collect();
        entities.sort_unstable();
        entities.dedup();
        let winner: &Alias = match entities.as_slice() {
            [one] => global.iter().copied().find(|a| entity_of(a) == *one)?,
            [] => return None,
            _ => {
                let mut preferred = global
                    .iter()
                    .copied()
                    .filter(|a| a.resolution() == Resolution::Prefer);
                match (preferred.next(), preferred.next()) {
                    (Some(one), None) => one,
                    _ => return None,
                }
            }
        };
        Some((entity_of(winner), winner.kind(), ResolvedBy::Alias))
    }
}

/// The aliases of a matcher's pattern, if there is one.
fn aliases_of(pattern: Option<u32>, matcher: &Option<Matcher>) -> &[u32] {
    match (pattern, matcher) {
        (Some(p), Some(m)) => m.aliases(p),
        _ => &[],
    }
}

/// Sorts candidates and keeps the leftmost-longest ones that do not overlap.
fn choose_leftmost_longest(mut candidates: Vec<Candidate>) -> Vec<Candidate> {
    candidates.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut chosen: Vec<Candidate> = Vec::new();
    let mut last_end = 0;
    for c in candidates {
        if let Some(prev) = chosen.last_mut() {
            if (prev.start, prev.end) == (c.start, c.end) {
                prev.cased = prev.cased.or(c.cased);
                prev.folded = prev.folded.or(c.folded);
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
    let inner = &text[start..end];
    let (Some(first), Some(last)) = (inner.chars().next(), inner.chars().next_back()) else {
        return false;
    };
    let mut before = text[..start].chars().rev();
    let mut after = text[end..].chars();
    if is_word_char(first) {
        match before.next() {
            Some(c) if is_word_char(c) => return false,
            Some('\'') if before.next().is_some_and(char::is_alphabetic) => return false,
            _ => {}
        }
    }
    if is_word_char(last) {
        match after.next() {
            Some(c) if is_word_char(c) => return false,
            Some('\'') => {
                let rest = after.as_str();
                let mut rest_chars = rest.chars();
                let joined = match rest_chars.next() {
                    Some('s' | 'S') => rest_chars.next().is_some_and(is_word_char),
                    Some(c) => is_word_char(c),
                    None => false,
                };
                if joined {
                    return false;
                }
            }
            _ => {}
        }
    }
    true
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
    let mut found: Vec<&str> = norm
        .match_indices('(')
        .filter_map(|(i, _)| bracketed_acronym(&norm[i..]))
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
