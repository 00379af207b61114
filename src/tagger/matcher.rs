//! The compiled aliases and the scan of a document: steps 2 and 3 of the [tagger](super), whose
//! docs explain the strategy.
//!
//! - [`Matcher`] holds the trie of folded aliases (an Aho-Corasick contiguous NFA, walked with
//!   anchored transitions), and for each of its patterns the aliases it stands for, with the case
//!   rule each checks on the surface text.
//! - [`StartFilter`] decides from the first eight bytes at a word start whether a walk may find
//!   anything there.
//! - [`Matcher::for_each_match`] reports, for each position where some alias matches, the
//!   longest match there that ends at a word boundary and that an alias accepts.

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::{Anchored, MatchKind};
use foldhash::HashMap;

use super::{ends_word_at, matching_form, starts_word_at};
use crate::error::Result;
use crate::gazetteer::{Alias, CaseRule};
use crate::text::fold_char_case;
use crate::text::lanes::{ascii_alphanumeric, ascii_letters, equal, lanes_at, HIGH_BITS};

/// How an alias accepts the surface text of a match of its folded pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rule {
    /// Only the text as written (rule `exact`, or `caps` when the capitals form is not distinct).
    Exact,
    /// The text as written or its ALL-CAPS form (rule `caps`).
    ExactOrUpper,
    /// Any text that folds to the pattern (rule `any`).
    Any,
}

/// One alias of a pattern and the rule it matches by.
#[derive(Debug, Clone, Copy)]
struct Reading {
    alias: u32,
    rule: Rule,
}

/// The compiled aliases of a tagger; see the [module docs](self).
#[derive(Debug, Clone)]
pub(super) struct Matcher {
    trie: NFA,
    start: StateID,
    /// The readings of pattern `p` are `readings[offsets[p]..offsets[p + 1]]`: first those with a
    /// case rule other than `any`, then the `any` ones, each group in the gazetteer's order.
    offsets: Vec<u32>,
    readings: Vec<Reading>,
    starts: StartFilter,
}

impl Matcher {
    /// Compiles the aliases for which `include` holds; `None` when there are none.
    pub(super) fn new(aliases: &[Alias], include: impl Fn(&Alias) -> bool) -> Result<Option<Self>> {
        let mut ids: HashMap<String, usize> = HashMap::default();
        let mut patterns: Vec<String> = Vec::new();
        // Per pattern: readings with a case rule, then `any` readings.
        let mut groups: Vec<(Vec<Reading>, Vec<Reading>)> = Vec::new();
        let mut starts = StartFilterBuilder::new();
        for (index, alias) in aliases.iter().enumerate() {
            if !include(alias) {
                continue;
            }
            let text = alias.text();
            let rule = match alias.case() {
                CaseRule::Exact => Rule::Exact,
                CaseRule::Any => Rule::Any,
                CaseRule::Caps => {
                    let upper = text.to_uppercase();
                    if upper != text && alias.accepts(&upper) {
                        starts.add_form(upper.as_bytes());
                        Rule::ExactOrUpper
                    } else {
                        Rule::Exact
                    }
                }
            };
            let pattern = matching_form(text).into_owned();
            if rule == Rule::Any {
                starts.add_folded(pattern.as_bytes());
            } else {
                starts.add_form(text.as_bytes());
            }
            let id = *ids.entry(pattern).or_insert_with_key(|key| {
                patterns.push(key.clone());
                groups.push(Default::default());
                patterns.len() - 1
            });
            let reading = Reading {
                alias: index as u32,
                rule,
            };
            let (cased, any) = &mut groups[id];
            if rule == Rule::Any { any } else { cased }.push(reading);
        }
        if patterns.is_empty() {
            return Ok(None);
        }
        let mut offsets = Vec::with_capacity(groups.len() + 1);
        let mut readings = Vec::new();
        offsets.push(0);
        for (cased, any) in groups {
            readings.extend(cased);
            readings.extend(any);
            offsets.push(readings.len() as u32);
        }
        let trie = NFA::builder()
            .match_kind(MatchKind::Standard)
            .prefilter(false)
            .build(&patterns)?;
        let start = trie
            .start_state(Anchored::Yes)
            .expect("an NFA supports anchored searches");
        Ok(Some(Matcher {
            trie,
            start,
            offsets,
            readings,
            starts: starts.build(),
        }))
    }

    /// Calls `found(start, end, pattern)` for each position of `text` where some alias matches,
    /// with the longest valid match there.
    pub(super) fn for_each_match(
        &self,
        text: &str,
        aliases: &[Alias],
        mut found: impl FnMut(usize, usize, u32),
    ) {
        let bytes = text.as_bytes();
        // A block of the text at a time: first the positions where a word starts (and those where a
        // form that starts otherwise may start), eight bytes at a time; then those that pass the
        // test on words, without branching; then the rest of the tests, and the walks.
        let mut positions = [0usize; BLOCK + 4];
        let mut previous_word = 0;
        let blocks = bytes.chunks_exact(BLOCK);
        let mut last = [0; BLOCK];
        last[..blocks.remainder().len()].copy_from_slice(blocks.remainder());
        let last_len = blocks.remainder().len();
        let blocks = blocks.map(|b| (<&[u8; BLOCK]>::try_from(b).expect("a block"), BLOCK));
        for (block_index, (block, len)) in blocks.chain([(&last, last_len)]).enumerate() {
            let block_start = block_index * BLOCK;
            let count =
                self.word_starts(block, len, block_start, &mut previous_word, &mut positions);
            // A bit for each position that passes (a block has at most 64 positions).
            let mut passed = 0u64;
            for (i, &start) in positions[..count].iter().enumerate() {
                passed |= u64::from(self.starts.word_may_start(lanes_at(bytes, start))) << i;
            }
            while passed != 0 {
                let start = positions[passed.trailing_zeros() as usize];
                passed &= passed - 1;
                if self.starts.key_may_start(lanes_at(bytes, start)) && starts_word_at(text, start)
                {
                    if let Some((end, pattern)) = self.longest_at(text, start, aliases) {
                        found(start, end, pattern);
                    }
                }
            }
        }
    }

    /// Writes to `positions` the positions (from `block_start`) in the first `len` bytes of `block`
    /// where a word starts, and those where a form that starts with another character may start;
    /// returns how many. `previous_word` carries the letters and digits of the last eight bytes
    /// from block to block.
    #[inline]
    fn word_starts(
        &self,
        block: &[u8; BLOCK],
        len: usize,
        block_start: usize,
        previous_word: &mut u64,
        positions: &mut [usize; BLOCK + 4],
    ) -> usize {
        let mut count = 0;
        for (chunk_index, chunk) in block.chunks_exact(8).enumerate() {
            let lanes = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
            let word = ascii_alphanumeric(lanes);
            let mut candidates = word & !(word << 8 | *previous_word >> 56);
            *previous_word = word;
            if self.starts.other_firsts || self.starts.non_ascii_firsts {
                // Bytes that start a character: ASCII ones and the leading bytes of others.
                let char_starts = !(lanes & !(lanes << 1)) & HIGH_BITS;
                let firsts = if self.starts.other_firsts {
                    !word
                } else {
                    lanes
                };
                candidates |= firsts & char_starts;
            }
            if len < BLOCK {
                // The zeros after the end of the text.
                let valid = len.saturating_sub(chunk_index * 8).min(8);
                candidates &= u64::MAX.checked_shr(64 - 8 * valid as u32).unwrap_or(0);
            }
            // Without a loop that ends after an unforeseeable number of rounds: four positions
            // are always written (those past the count are overwritten later), and a chunk with
            // more than four word starts is rare.
            let chunk_start = block_start + chunk_index * 8;
            for _ in 0..4 {
                positions[count] = chunk_start + candidates.trailing_zeros() as usize / 8;
                count += usize::from(candidates != 0);
                candidates &= candidates.wrapping_sub(1);
            }
            while candidates != 0 {
                positions[count] = chunk_start + candidates.trailing_zeros() as usize / 8;
                count += 1;
                candidates &= candidates - 1;
            }
        }
        count
    }

    /// The longest match starting at `start` that ends at a word boundary and that one of its
    /// aliases accepts: its end and pattern.
    fn longest_at(&self, text: &str, start: usize, aliases: &[Alias]) -> Option<(usize, u32)> {
        let bytes = text.as_bytes();
        let trie = &self.trie;
        let mut sid = self.start;
        let mut at = start;
        let mut best = None;
        while at < bytes.len() {
            let byte = bytes[at];
            if byte.is_ascii() {
                sid = trie.next_state(Anchored::Yes, sid, FOLD_ASCII[usize::from(byte)]);
                at += 1;
            } else {
                let c = text[at..]
                    .chars()
                    .next()
                    .expect("walks stop on char boundaries");
                let mut buffer = [0; 4];
                for &b in fold_char_case(c).encode_utf8(&mut buffer).as_bytes() {
                    sid = trie.next_state(Anchored::Yes, sid, b);
                    if trie.is_dead(sid) {
                        return best;
                    }
                }
                at += c.len_utf8();
            }
            if !trie.is_special(sid) {
                continue;
            }
            if trie.is_dead(sid) {
                break;
            }
            if trie.is_match(sid) {
                // A state also lists the patterns that end here but start later: keep the one that
                // spans the walk.
                let pattern = (0..trie.match_len(sid))
                    .map(|i| trie.match_pattern(sid, i))
                    .find(|&p| trie.pattern_len(p) == at - start);
                if let Some(pattern) = pattern {
                    let pattern = pattern.as_u32();
                    if ends_word_at(text, at)
                        && self
                            .accepting(pattern, &text[start..at], aliases)
                            .next()
                            .is_some()
                    {
                        best = Some((at, pattern));
                    }
                }
            }
        }
        best
    }

    /// The aliases of `pattern` that accept `surface` (a text that matched the pattern), in
    /// order: those with a case rule first, then the `any` ones.
    pub(super) fn accepting<'a>(
        &'a self,
        pattern: u32,
        surface: &'a str,
        aliases: &'a [Alias],
    ) -> impl Iterator<Item = u32> + 'a {
        let p = pattern as usize;
        let range = self.offsets[p] as usize..self.offsets[p + 1] as usize;
        self.readings[range]
            .iter()
            .filter(move |r| match r.rule {
                Rule::Any => true,
                Rule::Exact => same_spaced(surface, aliases[r.alias as usize].text()),
                Rule::ExactOrUpper => {
                    let text = aliases[r.alias as usize].text();
                    same_spaced(surface, text) || is_upper_of(surface, text)
                }
            })
            .map(|r| r.alias)
    }

    /// Heap bytes held by the trie and its tables.
    pub(super) fn memory_usage(&self) -> usize {
        self.trie.memory_usage()
            + self.offsets.capacity() * std::mem::size_of::<u32>()
            + self.readings.capacity() * std::mem::size_of::<Reading>()
            + self.starts.memory_usage()
    }
}

/// Whether `surface`, with line breaks and tabs read as spaces, is `text`.
fn same_spaced(surface: &str, text: &str) -> bool {
    surface.len() == text.len()
        && surface
            .bytes()
            .zip(text.bytes())
            .all(|(s, t)| spaced(s) == t)
}

/// Whether `surface`, with line breaks and tabs read as spaces, is `text` in capitals.
fn is_upper_of(surface: &str, text: &str) -> bool {
    surface.len() == text.len()
        && surface
            .chars()
            .map(|c| {
                if c.is_ascii() {
                    spaced(c as u8) as char
                } else {
                    c
                }
            })
            .eq(text.chars().flat_map(char::to_uppercase))
}

/// A line break or tab read as a space.
const fn spaced(byte: u8) -> u8 {
    match byte {
        b'\n' | b'\r' | b'\t' => b' ',
        b => b,
    }
}

/// The bytes of text that [`Matcher::for_each_match`] takes at a time (there are at most this many
/// positions to test in them, one bit each in a `u64`).
const BLOCK: usize = 64;
const _: () = assert!(BLOCK <= 64 && BLOCK.is_multiple_of(8));

/// ASCII bytes in matching form: lowercased, line breaks and tabs as spaces.
const FOLD_ASCII: [u8; 128] = {
    let mut table = [0; 128];
    let mut b = 0;
    while b < 128 {
        table[b] = spaced((b as u8).to_ascii_lowercase());
        b += 1;
    }
    table
};

/// The positions of a text where a match can start, judged from the first eight bytes there.
///
/// Every position where some surface form of an alias matches passes these tests:
///
/// 1. `words`: the form's *word key*, its first bytes that are ASCII letters or digits (at most
///    eight), is the text's. When the form goes on after its first word, the text goes on with the
///    same byte; when it does not, a text whose word goes on fails the word boundary anyway.
/// 2. `keys`: the same with spaces allowed in the key (line breaks and tabs in the text count as
///    spaces). The form's key is then a prefix of the text's key that ends where the text's key
///    ends, before a space, or after eight bytes: the test tries those prefixes.
///
/// Keys of `any` aliases are listed in each case of each letter when that makes at most
/// [`MAX_CASE_VARIANTS`] keys; else they go into `any_words` and `any_keys` in matching form, and
/// the text's keys are lowercased before they are looked up there. A form that starts with neither
/// a letter nor a digit has an empty word key; a position where such a character starts must also
/// find its first two bytes in `pairs`.
///
/// So `the Guardian` sends the scan into the trie at `the Guardian`, but not at `the government`
/// or at `then`, and `US` at `US troops` but not at `USB`.
#[derive(Debug, Clone)]
struct StartFilter {
    words: Bloom,
    keys: Bloom,
    /// The word keys of `any` forms when they are not listed in `words` in every case.
    any_words: Option<Bloom>,
    /// The keys of `any` forms when they are not listed in `keys` in every case.
    any_keys: Option<Bloom>,
    /// A bitmap over the first two bytes of forms that start with neither a letter nor a digit
    /// (the second byte is 0 at the end of the text).
    pairs: Box<[u64; 1024]>,
    /// Whether some form starts with a non-ASCII byte.
    non_ascii_firsts: bool,
    /// Whether some form starts with an ASCII byte that is neither a letter nor a digit.
    other_firsts: bool,
}

/// Collects the surface forms of a [`StartFilter`].
#[derive(Debug)]
struct StartFilterBuilder {
    words: Vec<u64>,
    keys: Vec<u64>,
    any_words: Vec<u64>,
    any_keys: Vec<u64>,
    pairs: Box<[u64; 1024]>,
    non_ascii_firsts: bool,
    other_firsts: bool,
}

impl StartFilterBuilder {
    fn new() -> Self {
        StartFilterBuilder {
            words: Vec::new(),
            keys: Vec::new(),
            any_words: Vec::new(),
            any_keys: Vec::new(),
            pairs: Box::new([0; 1024]),
            non_ascii_firsts: false,
            other_firsts: false,
        }
    }

    /// Adds a form that matches as written (a space in it may be any line break or tab).
    fn add_form(&mut self, form: &[u8]) {
        self.add(form, false);
    }

    /// Adds every text that folds to `pattern`.
    fn add_folded(&mut self, pattern: &[u8]) {
        self.add(pattern, true);
    }

    fn add(&mut self, form: &[u8], any_case: bool) {
        let Some(&first) = form.first() else { return };
        if !first.is_ascii_alphanumeric() {
            if first.is_ascii() {
                self.other_firsts = true;
            } else {
                self.non_ascii_firsts = true;
            }
            let seconds = match form.get(1) {
                Some(&b) => byte_variants(b, any_case),
                None => (0..=u8::MAX).collect(),
            };
            for &a in &byte_variants(first, any_case) {
                for &b in &seconds {
                    let pair = usize::from(a) << 8 | usize::from(b);
                    self.pairs[pair >> 6] |= 1 << (pair & 63);
                }
            }
        }
        let lanes = lanes_at(form, 0);
        let (words, keys) = if any_case {
            (&mut self.any_words, &mut self.any_keys)
        } else {
            (&mut self.words, &mut self.keys)
        };
        words.push(Key::word(lanes).bytes);
        keys.push(Key::of(lanes).bytes);
    }

    fn build(mut self) -> StartFilter {
        let any_words = with_case_variants(self.any_words, &mut self.words);
        let any_keys = with_case_variants(self.any_keys, &mut self.keys);
        StartFilter {
            words: Bloom::new(self.words),
            keys: Bloom::new(self.keys),
            any_words,
            any_keys,
            pairs: self.pairs,
            non_ascii_firsts: self.non_ascii_firsts,
            other_firsts: self.other_firsts,
        }
    }
}

/// Adds the keys of `any` forms (`folded`) to `keys` in every case when that makes few keys, so
/// that a test needs one lookup; else returns them as a filter to look lowercased keys up in.
fn with_case_variants(folded: Vec<u64>, keys: &mut Vec<u64>) -> Option<Bloom> {
    let variants: usize = folded
        .iter()
        .map(|&k| 1 << ascii_letters(k).count_ones())
        .sum();
    if variants > MAX_CASE_VARIANTS {
        return Some(Bloom::new(folded));
    }
    for key in folded {
        keys.extend(case_variants(key));
    }
    None
}

/// `key` with each of its ASCII letters in either case.
fn case_variants(key: u64) -> Vec<u64> {
    let mut variants = vec![key];
    let mut letters = ascii_letters(key);
    while letters != 0 {
        // The bit for lowercase in the letter's byte.
        let case = (letters & letters.wrapping_neg()) >> 2;
        letters &= letters - 1;
        variants.extend(variants.clone().into_iter().map(|w| w ^ case));
    }
    variants
}

/// At most this many case variants of the keys of `any` forms are listed with the others.
const MAX_CASE_VARIANTS: usize = 1 << 16;

impl StartFilter {
    /// Whether a match may start at the text whose first eight bytes are `lanes` (see
    /// [`lanes_at`]) by the first test, on words. It runs at every word of a text and most fail
    /// it, so it branches only on what is the same for every word.
    #[inline]
    fn word_may_start(&self, lanes: u64) -> bool {
        let word = Key::word(lanes);
        let mut passes = self.words.contains(word.bytes);
        if let Some(any_words) = &self.any_words {
            passes |= any_words.contains(word.lowercased().bytes);
        }
        if (self.other_firsts || self.non_ascii_firsts) && word.len == 0 {
            // Not a letter or digit: the first two bytes must start some form too.
            let pair = usize::from(lanes as u8) << 8 | usize::from((lanes >> 8) as u8);
            passes &= self.pairs[pair >> 6] & (1 << (pair & 63)) != 0;
        }
        passes
    }

    /// Whether a match may start at the text whose first eight bytes are `lanes`, by the second
    /// test, on keys.
    fn key_may_start(&self, lanes: u64) -> bool {
        let key = Key::of(lanes);
        // The key, and its prefixes that end before a space.
        let passes = |filter: &Bloom, key: Key| {
            let mut found = filter.contains(key.bytes);
            let mut spaces = key.spaces;
            while spaces != 0 {
                found |= filter.contains(key.prefix(spaces.trailing_zeros() as usize / 8));
                spaces &= spaces - 1;
            }
            found
        };
        passes(&self.keys, key)
            || self
                .any_keys
                .as_ref()
                .is_some_and(|any| passes(any, key.lowercased()))
    }

    /// Whether a match may start at `bytes[start..]`.
    #[cfg(test)]
    fn may_start(&self, bytes: &[u8], start: usize) -> bool {
        let lanes = lanes_at(bytes, start);
        self.word_may_start(lanes) && self.key_may_start(lanes)
    }

    fn memory_usage(&self) -> usize {
        std::mem::size_of::<[u64; 1024]>()
            + self.words.memory_usage()
            + self.keys.memory_usage()
            + self.any_words.as_ref().map_or(0, Bloom::memory_usage)
            + self.any_keys.as_ref().map_or(0, Bloom::memory_usage)
    }
}

/// A set of `u64` that may answer yes for a value not in it (rarely), never no for one in it: a
/// Bloom filter that sets two bits of one 64-bit word per value (so that a test reads one word),
/// with about 16 bits per value: about one false positive in 50 tests, and small enough to stay
/// in cache.
#[derive(Debug, Clone)]
struct Bloom {
    words: Vec<u64>,
    /// `64 - log2(number of words)`: a hash's top bits choose the word.
    shift: u32,
}

impl Bloom {
    fn new(mut values: Vec<u64>) -> Self {
        values.sort_unstable();
        values.dedup();
        let words = (values.len() / 4).next_power_of_two().clamp(64, 1 << 18);
        let mut bloom = Bloom {
            words: vec![0; words],
            shift: 64 - words.trailing_zeros(),
        };
        for value in values {
            let (word, bits) = bloom.place(value);
            bloom.words[word] |= bits;
        }
        bloom
    }

    #[inline]
    fn contains(&self, value: u64) -> bool {
        let (word, bits) = self.place(value);
        self.words[word] & bits == bits
    }

    /// The word and the two bits of `value`, from a multiplicative hash.
    #[inline]
    fn place(&self, value: u64) -> (usize, u64) {
        let h = (value ^ value >> 29).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        // The word from the top bits (at most 18 of them), the bits from two fixed ranges below.
        let word = (h >> self.shift) as usize;
        let bits = 1 << (h >> 28 & 63) | 1 << (h >> 34 & 63);
        (word, bits)
    }

    fn memory_usage(&self) -> usize {
        self.words.capacity() * 8
    }
}

/// The key of a text at a position (see [`StartFilter`]).
#[derive(Debug, Clone, Copy)]
struct Key {
    /// The key's bytes, little-endian, zero after its end.
    bytes: u64,
    /// Its length in bytes.
    len: usize,
    /// The high bits of the bytes of the key that are spaces.
    spaces: u64,
}

impl Key {
    /// The key of eight bytes of text (see [`lanes_at`]): their first bytes that are ASCII
    /// letters, digits or white space (as spaces).
    #[inline]
    fn of(lanes: u64) -> Key {
        let breaks = equal(lanes, b'\t') | equal(lanes, b'\n') | equal(lanes, b'\r');
        // Line breaks and tabs become spaces.
        let lanes = lanes & !((breaks >> 7) * 0xFF) | (breaks >> 2);
        let spaces = equal(lanes, b' ');
        Key::up_to(
            lanes,
            spaces,
            !(ascii_alphanumeric(lanes) | spaces) & HIGH_BITS,
        )
    }

    /// The word key of eight bytes of text: their first bytes that are ASCII letters or digits.
    #[inline]
    fn word(lanes: u64) -> Key {
        Key::up_to(lanes, 0, !ascii_alphanumeric(lanes) & HIGH_BITS)
    }

    /// The bytes of `lanes` before the first byte in `stops` (a mask), without branching.
    #[inline]
    fn up_to(lanes: u64, spaces: u64, stops: u64) -> Key {
        // The lowest bit of `stops`, moved down to the bottom of its byte, less one: every byte
        // below it (all of them when there is no stop).
        let below = ((stops & stops.wrapping_neg()) >> 7).wrapping_sub(1);
        Key {
            bytes: lanes & below,
            len: stops.trailing_zeros() as usize / 8,
            spaces: spaces & below,
        }
    }

    /// The key cut to its first `len` bytes.
    #[inline]
    fn truncated(self, len: usize) -> Key {
        if len >= self.len {
            return self;
        }
        let mask = (1u64 << (8 * len)) - 1;
        Key {
            bytes: self.bytes & mask,
            len,
            spaces: self.spaces & mask,
        }
    }

    /// The bytes of the key's first `len` bytes.
    #[inline]
    fn prefix(self, len: usize) -> u64 {
        self.truncated(len).bytes
    }

    /// The key with its ASCII letters lowercased.
    #[inline]
    fn lowercased(self) -> Key {
        Key {
            bytes: self.bytes | ascii_letters(self.bytes) >> 2,
            ..self
        }
    }
}

/// The bytes of the text that can stand for `byte` of a form. With `any_case`, `byte` is in
/// matching form and stands for both cases of a letter, and a non-ASCII byte for any non-ASCII
/// byte (a folded character has the length of the original).
fn byte_variants(byte: u8, any_case: bool) -> Vec<u8> {
    match byte {
        b' ' => vec![b' ', b'\t', b'\n', b'\r'],
        b if any_case && !b.is_ascii() => (0x80..=u8::MAX).collect(),
        b if any_case && b.is_ascii_alphabetic() => {
            vec![b.to_ascii_lowercase(), b.to_ascii_uppercase()]
        }
        b => vec![b],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn start_filter_passes_every_accepted_form() {
        let mut builder = StartFilterBuilder::new();
        builder.add_form(b"Russia");
        builder.add_form(b"RUSSIA");
        builder.add_form(b"United States");
        builder.add_form(b"A B");
        builder.add_form(b"X");
        builder.add_folded(b"guinea pig");
        builder.add_folded("\u{e9}tat".as_bytes());
        let filter = builder.build();
        let table = [
            ("Russia", true),
            ("RUSSIA", true),
            ("russia", false),
            ("Rusty", false),
            ("Rus", false),
            ("United\nStates", true),
            ("United\tStates", true),
            ("Unity", false),
            ("A B", true),
            ("A\rB", true),
            ("A\tB", true),
            ("AB", false),
            ("X", true),
            ("X-ray", true),
            ("GUINEA PIG", true),
            ("Guinea\npig", true),
            ("guitar", false),
            ("\u{c9}TAT", true),
            ("Etat", false),
        ];
        for (text, expected) in table {
            assert_eq!(filter.may_start(text.as_bytes(), 0), expected, "{text:?}");
        }
    }

    #[test]
    fn many_any_case_keys_are_looked_up_lowercased() {
        // 300 folded forms of eight letters have more case variants than are listed.
        let forms: Vec<String> = (0..300u32)
            .map(|i| {
                let letter = |d: u32| char::from(b'a' + (d % 26) as u8);
                format!("{}{}{}qwertz", letter(i), letter(i / 26), letter(i / 676))
            })
            .collect();
        let mut builder = StartFilterBuilder::new();
        for form in &forms {
            builder.add_folded(form.as_bytes());
        }
        builder.add_form(b"Russia");
        let filter = builder.build();
        assert!(filter.any_words.is_some() && filter.any_keys.is_some());
        for form in &forms {
            for text in [
                form.clone(),
                form.to_uppercase(),
                form[..1].to_uppercase() + &form[1..],
            ] {
                assert!(filter.may_start(text.as_bytes(), 0), "{text:?}");
            }
        }
        assert!(filter.may_start(b"Russia", 0));
        assert!(!filter.may_start(b"RUSSIA", 0));
    }

    #[test]
    fn bloom_filters_never_miss() {
        let values: Vec<u64> = (0..50_000u64)
            .map(|i| i.wrapping_mul(0x2545_F491_4F6C_DD1D))
            .collect();
        let bloom = Bloom::new(values.clone());
        assert!(values.iter().all(|&v| bloom.contains(v)));
        let false_positives = (0..50_000u64)
            .map(|i| i.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1 << 63)
            .filter(|&v| bloom.contains(v))
            .count();
        assert!(false_positives < 2_500, "{false_positives} false positives");
        assert!(!Bloom::new(Vec::new()).contains(0));
    }

    #[test]
    fn keys_stop_at_other_characters() {
        let key = |text: &str| {
            let k = Key::of(lanes_at(text.as_bytes(), 0));
            (k.bytes.to_le_bytes()[..k.len].to_vec(), k.len)
        };
        assert_eq!(key("the Guardian"), (b"the Guar".to_vec(), 8));
        assert_eq!(key("US\ntroops"), (b"US troop".to_vec(), 8));
        assert_eq!(key("U.S."), (b"U".to_vec(), 1));
        assert_eq!(key("T\u{fc}rkiye"), (b"T".to_vec(), 1));
        assert_eq!(key("Iran"), (b"Iran".to_vec(), 4));
        assert_eq!(key("(CISA)"), (Vec::new(), 0));
        let word = Key::word(lanes_at(b"Xi Jinping", 0));
        assert_eq!(
            (word.bytes, word.len),
            (u64::from(u16::from_le_bytes(*b"Xi")), 2)
        );
        let lower = Key::of(lanes_at(b"TuRkEy 1", 0)).lowercased();
        assert_eq!(lower.bytes.to_le_bytes(), *b"turkey 1");
    }

    #[test]
    fn surfaces_compare_with_line_breaks_as_spaces() {
        assert!(same_spaced("United\nStates", "United States"));
        assert!(!same_spaced("United  States", "United States"));
        assert!(is_upper_of("UNITED\tSTATES", "United States"));
        assert!(is_upper_of("\u{c9}TAT", "\u{c9}tat"));
        assert!(!is_upper_of("\u{c9}tat", "\u{c9}tat"));
        assert!(!is_upper_of("UNITED STATEs", "United States"));
    }
}
