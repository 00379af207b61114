//! Near-duplicate documents: the same story published several times (wire copy on many sites, or a
//! story re-sent with a new headline), found with MinHash and locality-sensitive hashing.
//!
//! # Method
//!
//! 1. *Words.* The text is [normalised](crate::text::normalize) (curly quotes, dashes, Unicode
//!    spaces and compatibility forms folded), lowercased, and cut into words: runs of
//!    [word characters](crate::text::is_word_char). Punctuation, quotes and white space only separate
//!    words, so they never make two copies differ.
//! 2. *Shingles.* Every run of [`shingle_words`](DedupeConfig::shingle_words) consecutive words (5 by
//!    default) is a shingle, hashed with xxh3 (stable across runs and platforms). Two documents are
//!    compared by the Jaccard similarity of their shingle sets: shared shingles over all distinct
//!    shingles. Five words are specific enough that two different stories on the same topic share
//!    few shingles (stock phrases such as "said in a statement on" are rare as whole five-word runs),
//!    while one changed word only changes the five shingles that contain it; three-word shingles
//!    make unrelated news stories look alike, eight or more make small edits cost too much.
//! 3. *Signature.* A [`Signature`] keeps, for each of `bands × rows` hash functions
//!    `h ↦ a·h + b (mod 2⁶⁴)` (fixed odd multipliers `a` and offsets `b`), the smallest value over
//!    the document's shingles. Two signatures agree at one position with probability equal to the
//!    Jaccard similarity of the documents, so the share of agreeing positions estimates it
//!    ([`Signature::similarity`]). Signatures are computed by the pure function [`signature`], which
//!    may run on many threads at once.
//! 4. *Banding.* The signature is cut into `bands` bands of `rows` values. Two documents become
//!    candidates when all values of at least one band agree, which happens with probability
//!    `1 − (1 − J^rows)^bands` for Jaccard similarity `J` (an S-shaped curve, see
//!    [`DedupeConfig::candidate_probability`]). The defaults, 20 bands of 5 rows (100 hash
//!    functions), put the steep part of the curve around 0.55:
//!
//!    | Jaccard similarity     | 0.3   | 0.5   | 0.6   | 0.7   | 0.75  | 0.8    | 0.9   |
//!    |------------------------|-------|-------|-------|-------|-------|--------|-------|
//!    | candidate probability  | 0.047 | 0.47  | 0.80  | 0.975 | 0.996 | 0.9996 | ≈ 1   |
//!
//!    so a copy above the threshold is almost never missed, and the candidates below it are removed
//!    by the next step. (16 bands of 8 rows, the other common choice for 128 functions, would
//!    centre the curve at 0.71 and miss 39% of the pairs at similarity 0.7.)
//! 5. *Confirmation.* A candidate counts as a duplicate when the similarity estimated from the two
//!    signatures is at least the [`threshold`](DedupeConfig::threshold) (0.75 by default). Copies of
//!    one story with a different headline, a site's footer and other quoting or casing typically
//!    score 0.85 to 0.95; different stories on the same event that share a few sentences score far
//!    below 0.5.
//!
//! [`Deduplicator::insert`] takes documents one at a time, in the caller's order: a document either
//! duplicates an earlier *original* (the answer names that original) or becomes an original itself.
//! Among several confirmed originals the most similar one wins, ties going to the earliest. A
//! document is compared with originals only, never with other duplicates, so every group is a star
//! around its original, the earliest document of the group. The answers depend only on the order
//! of the inserts: there is no randomness, and no iteration over a hash map.
//!
//! Documents with fewer than [`min_words`](DedupeConfig::min_words) words (20 by default), or fewer
//! words than one shingle, get an empty signature and are never duplicates nor originals: a
//! caption or a one-line brief carries too few shingles for the estimate to mean anything.
//!
//! # Memory
//!
//! Signatures are not kept. For each original the deduplicator keeps:
//!
//! - one 8-bit fingerprint of each signature value (`bands × rows` bytes, 100 by default), used
//!   for confirmation: the estimate corrects for the 1-in-256 chance that two different values
//!   share a fingerprint (b-bit MinHash, Li and König 2010);
//! - its document index (8 bytes);
//! - one entry per band in that band's hash table, a 32-bit key (a hash of the band's values) and a
//!   32-bit original number: 9 bytes with the table's control byte, 10 to 21 bytes per entry at the
//!   table's load factors (7/16 to 7/8), so 206 to 411 bytes for the default 20 bands.
//!
//! That is 0.3 to 0.6 KB per original, with the spare capacity of growing tables and vectors
//! (measured with [`Deduplicator::heap_bytes`]: 503 bytes per original after 300,000 distinct
//! documents, between 329 and 576 on the way), and 16 bytes per duplicate (its index and its
//! original). A million articles take at most about 0.6 GB.
//!
//! A band key that an earlier original already holds (the same band values, or a collision of
//! 32-bit keys) stays with the earlier original; the later one is then found through its other
//! bands. At most 2³² originals are supported. A [`Signature`] itself is `bands × rows` 64-bit
//! values (800 bytes by default): compute them a chunk of documents at a time rather than all at
//! once.
//!
//! ```
//! use nergraph::dedupe::{signature, DedupeConfig, Deduplicator};
//!
//! let story = "The port authority said on Tuesday that container traffic rose for a third \
//!              month as shipping lines returned to routes they had abandoned during the storms, \
//!              and officials expect the recovery to continue into the spring season.";
//! let copy = format!("PORT TRAFFIC RISES AGAIN\n\n{}\n\nSubscribe to our newsletter.", story.to_uppercase());
//! let other = "A new ferry line between the two islands opened on Monday after years of delays, \
//!              and the operator said tickets for the summer season were already selling well.";
//!
//! let config = DedupeConfig::default();
//! let mut dedupe = Deduplicator::new(config.clone());
//! assert_eq!(dedupe.insert(0, &signature(story, &config)), None);
//! assert_eq!(dedupe.insert(1, &signature(other, &config)), None);
//! assert_eq!(dedupe.insert(2, &signature(&copy, &config)), Some(0));
//! assert_eq!(dedupe.groups()[0].duplicates, [2]);
//! ```

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use serde::Serialize;
use xxhash_rust::xxh3::{xxh3_64, xxh3_64_with_seed};

use crate::error::{Error, Result};
use crate::text::{is_word_char, normalize};

/// The largest number of hash functions (`bands × rows`) a configuration may use.
pub const MAX_HASHES: usize = 512;

/// The longest shingle, in words.
pub const MAX_SHINGLE_WORDS: usize = 16;

/// How near-duplicates are found; see the [module documentation](self) for the method.
///
/// Built with [`DedupeConfigBuilder`], which checks the values; [`Default`] gives the documented
/// defaults.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DedupeConfig {
    threshold: f64,
    shingle_words: usize,
    bands: usize,
    rows: usize,
    min_words: usize,
}

impl Default for DedupeConfig {
    fn default() -> Self {
        DedupeConfig {
            threshold: 0.75,
            shingle_words: 5,
            bands: 20,
            rows: 5,
            min_words: 20,
        }
    }
}

impl DedupeConfig {
    /// A builder that starts from the defaults.
    pub fn builder() -> DedupeConfigBuilder {
        DedupeConfigBuilder::new()
    }

    /// The estimated Jaccard similarity at or above which a candidate is a duplicate (default 0.75).
    pub fn threshold(&self) -> f64 {
        self.threshold
    }

    /// Words per shingle (default 5).
    pub fn shingle_words(&self) -> usize {
        self.shingle_words
    }

    /// Number of LSH bands (default 20).
    pub fn bands(&self) -> usize {
        self.bands
    }

    /// Signature values per band (default 5).
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Number of hash functions, the length of a signature: `bands × rows`.
    pub fn hashes(&self) -> usize {
        self.bands * self.rows
    }

    /// Documents with fewer words than this (default 20) are never duplicates.
    pub fn min_words(&self) -> usize {
        self.min_words
    }

    /// The probability that two documents of Jaccard similarity `similarity` share at least one
    /// band, and so are compared: `1 − (1 − similarity^rows)^bands`.
    ///
    /// ```
    /// let config = nergraph::dedupe::DedupeConfig::default();
    /// assert!(config.candidate_probability(0.75) > 0.99);
    /// assert!(config.candidate_probability(0.3) < 0.05);
    /// ```
    pub fn candidate_probability(&self, similarity: f64) -> f64 {
        let band = similarity.clamp(0.0, 1.0).powi(self.rows as i32);
        1.0 - (1.0 - band).powi(self.bands as i32)
    }

    /// The fewest agreeing fingerprints (out of [`hashes`](Self::hashes)) that confirm a duplicate.
    fn min_agreeing_fingerprints(&self) -> usize {
        // Two different values share an 8-bit fingerprint with probability 1/256, so the share of
        // agreeing fingerprints is c + (1 − c)·J with c = 1/256.
        let chance = 1.0 / 256.0;
        let share = chance + (1.0 - chance) * self.threshold;
        ((share * self.hashes() as f64).ceil() as usize).max(1)
    }
}

/// Builds a checked [`DedupeConfig`].
///
/// ```
/// let config = nergraph::dedupe::DedupeConfig::builder().threshold(0.8).bands(16, 8).build()?;
/// assert_eq!(config.hashes(), 128);
/// # Ok::<(), nergraph::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct DedupeConfigBuilder {
    config: DedupeConfig,
}

impl DedupeConfigBuilder {
    /// A builder with the default settings.
    pub fn new() -> Self {
        Self::default()
    }

    /// The similarity threshold, in `(0, 1]`.
    pub fn threshold(mut self, threshold: f64) -> Self {
        self.config.threshold = threshold;
        self
    }

    /// Words per shingle, 1 to [`MAX_SHINGLE_WORDS`].
    pub fn shingle_words(mut self, words: usize) -> Self {
        self.config.shingle_words = words;
        self
    }

    /// The banding: `bands` bands of `rows` values each; `bands × rows` is at most [`MAX_HASHES`].
    pub fn bands(mut self, bands: usize, rows: usize) -> Self {
        self.config.bands = bands;
        self.config.rows = rows;
        self
    }

    /// The fewest words a document needs to be compared at all.
    pub fn min_words(mut self, words: usize) -> Self {
        self.config.min_words = words;
        self
    }

    /// Checks the settings and returns the configuration.
    pub fn build(self) -> Result<DedupeConfig> {
        let c = self.config;
        if !(c.threshold > 0.0 && c.threshold <= 1.0) {
            return Err(Error::Config(format!(
                "invalid duplicate threshold {}: expected a number above 0 and at most 1",
                c.threshold
            )));
        }
        if !(1..=MAX_SHINGLE_WORDS).contains(&c.shingle_words) {
            return Err(Error::Config(format!(
                "invalid shingle size {}: expected 1 to {MAX_SHINGLE_WORDS} words",
                c.shingle_words
            )));
        }
        if c.bands == 0 || c.rows == 0 || c.bands.saturating_mul(c.rows) > MAX_HASHES {
            return Err(Error::Config(format!(
                "invalid banding {} x {}: expected at least one band of at least one row, and at \
                 most {MAX_HASHES} hash functions in all",
                c.bands, c.rows
            )));
        }
        Ok(c)
    }
}

/// The MinHash signature of one document: the smallest hash of its shingles under each hash
/// function. Computed by [`signature`].
///
/// A document too short to compare has an empty signature.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Signature {
    values: Box<[u64]>,
}

impl Signature {
    /// Whether the document was too short to get a signature.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// The number of values: the configuration's [`hashes`](DedupeConfig::hashes), or 0.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// The values, one per hash function.
    pub fn values(&self) -> &[u64] {
        &self.values
    }

    /// The estimated Jaccard similarity of the two documents' shingle sets: the share of positions
    /// where the signatures agree. 0 when either is empty or their lengths differ.
    pub fn similarity(&self, other: &Signature) -> f64 {
        if self.is_empty() || self.len() != other.len() {
            return 0.0;
        }
        let agreeing = self
            .values
            .iter()
            .zip(other.values.iter())
            .filter(|(a, b)| a == b)
            .count();
        agreeing as f64 / self.len() as f64
    }
}

/// Hash functions `h ↦ a·h + b`: odd multipliers `a` and offsets `b` from a fixed SplitMix64
/// sequence, so signatures never change between runs, versions or platforms.
struct Permutations {
    multipliers: [u64; MAX_HASHES],
    offsets: [u64; MAX_HASHES],
}

const PERMUTATIONS: Permutations = {
    let mut multipliers = [0; MAX_HASHES];
    let mut offsets = [0; MAX_HASHES];
    let mut state = 0x6E65_7267_7261_7068; // "nergraph"
    let mut i = 0;
    while i < MAX_HASHES {
        let (next, a) = splitmix64(state);
        let (next, b) = splitmix64(next);
        state = next;
        multipliers[i] = a | 1;
        offsets[i] = b;
        i += 1;
    }
    Permutations {
        multipliers,
        offsets,
    }
};

/// One step of SplitMix64: the next state and its output.
const fn splitmix64(state: u64) -> (u64, u64) {
    let state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    (state, z ^ (z >> 31))
}

/// Computes the signature of `text`; see the [module documentation](self) for the steps.
///
/// A pure function: the same text and configuration always give the same signature, and it may be
/// called from many threads at once (for example with rayon, before inserting the signatures in
/// document order).
///
/// ```
/// use nergraph::dedupe::{signature, DedupeConfig};
///
/// let config = DedupeConfig::default();
/// let a = signature("\u{201C}Rates will stay high,\u{201D} the governor told reporters in the capital on Thursday, \
///                    adding that inflation had not yet come down far enough for the bank to act.", &config);
/// let b = signature("\"RATES WILL STAY HIGH,\" the governor told reporters in the capital on Thursday, \
///                    adding that inflation had not yet come down far enough for the bank to act.", &config);
/// assert_eq!(a, b);
/// assert!(signature("Too short to compare.", &config).is_empty());
/// ```
pub fn signature(text: &str, config: &DedupeConfig) -> Signature {
    let k = config.shingle_words;
    let hashes = config.hashes();
    let multipliers = &PERMUTATIONS.multipliers[..hashes];
    let offsets = &PERMUTATIONS.offsets[..hashes];
    let mut mins = vec![u64::MAX; hashes];
    // The last `k` word hashes, as the bytes of one shingle, in a ring of `k` slots.
    let mut ring = [0u64; MAX_SHINGLE_WORDS];
    let mut shingle = [0u8; 8 * MAX_SHINGLE_WORDS];
    let mut words = 0usize;
    for_each_word(text, |word_hash| {
        ring[words % k] = word_hash;
        words += 1;
        if words < k {
            return;
        }
        // Oldest word first: slot `words % k` holds the oldest of the last `k`.
        for i in 0..k {
            let h = ring[(words + i) % k];
            shingle[8 * i..8 * i + 8].copy_from_slice(&h.to_le_bytes());
        }
        let h = xxh3_64(&shingle[..8 * k]);
        for ((min, &a), &b) in mins.iter_mut().zip(multipliers).zip(offsets) {
            let v = a.wrapping_mul(h).wrapping_add(b);
            if v < *min {
                *min = v;
            }
        }
    });
    if words < k.max(config.min_words) {
        return Signature {
            values: Box::new([]),
        };
    }
    Signature {
        values: mins.into_boxed_slice(),
    }
}

/// Calls `f` with the hash of each lowercased word of the normalised `text`.
fn for_each_word(text: &str, mut f: impl FnMut(u64)) {
    let normalized = normalize(text);
    let mut word = String::new();
    for c in normalized.as_str().chars() {
        if is_word_char(c) {
            if c.is_ascii() {
                word.push(c.to_ascii_lowercase());
            } else {
                word.extend(c.to_lowercase());
            }
        } else if !word.is_empty() {
            f(xxh3_64(word.as_bytes()));
            word.clear();
        }
    }
    if !word.is_empty() {
        f(xxh3_64(word.as_bytes()));
    }
}

/// The 8-bit fingerprint kept for one signature value: the top byte of a multiplicative mix, which
/// depends on every bit of the value.
fn fingerprint(value: u64) -> u8 {
    (value.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 56) as u8
}

/// The 32-bit key of band `band` of a signature.
fn band_key(values: &[u64], band: usize, rows: usize, buf: &mut Vec<u8>) -> u32 {
    buf.clear();
    for v in &values[band * rows..(band + 1) * rows] {
        buf.extend_from_slice(&v.to_le_bytes());
    }
    (xxh3_64_with_seed(buf, band as u64) >> 32) as u32
}

/// A hasher for keys that are already hashes: one multiplication spreads them over all 64 bits
/// (the table uses the top bits too). Deterministic, unlike the standard library's default.
#[derive(Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }

    fn write_u32(&mut self, n: u32) {
        self.0 = u64::from(n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

type BandTable = HashMap<u32, u32, BuildHasherDefault<KeyHasher>>;

/// An original document and the documents that duplicate it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DuplicateGroup {
    /// The original: the first document of the group that was inserted.
    pub original: usize,
    /// The duplicates, in increasing order of document index.
    pub duplicates: Vec<usize>,
}

/// Finds near-duplicates among documents inserted one at a time; see the
/// [module documentation](self) for the method, its guarantees and its memory use.
#[derive(Debug, Clone)]
pub struct Deduplicator {
    config: DedupeConfig,
    min_agreeing: usize,
    /// One table per band: band key → original number.
    bands: Vec<BandTable>,
    /// `hashes` fingerprints per original, originals in order.
    fingerprints: Vec<u8>,
    /// The document index of each original.
    originals: Vec<usize>,
    /// Each duplicate's document index and its original's number.
    duplicates: Vec<(usize, u32)>,
}

impl Deduplicator {
    /// An empty deduplicator.
    pub fn new(config: DedupeConfig) -> Self {
        Deduplicator {
            min_agreeing: config.min_agreeing_fingerprints(),
            bands: vec![BandTable::default(); config.bands],
            fingerprints: Vec::new(),
            originals: Vec::new(),
            duplicates: Vec::new(),
            config,
        }
    }

    /// The configuration.
    pub fn config(&self) -> &DedupeConfig {
        &self.config
    }

    /// Takes document `doc` (any index the caller uses; each document once) with its signature.
    ///
    /// Returns the index of the original that the document duplicates, or `None` when it
    /// duplicates none: it then becomes an original itself, unless its signature is empty (too
    /// short a document), in which case it is not recorded at all.
    ///
    /// # Panics
    ///
    /// If the signature is not empty and was computed with a different number of hash functions.
    pub fn insert(&mut self, doc: usize, signature: &Signature) -> Option<usize> {
        if signature.is_empty() {
            return None;
        }
        let hashes = self.config.hashes();
        assert_eq!(
            signature.len(),
            hashes,
            "signature computed with another configuration"
        );
        let rows = self.config.rows;
        let mut buf = Vec::with_capacity(8 * rows);
        let keys: Vec<u32> = (0..self.config.bands)
            .map(|band| band_key(&signature.values, band, rows, &mut buf))
            .collect();
        let mut candidates: Vec<u32> = keys
            .iter()
            .zip(&self.bands)
            .filter_map(|(key, table)| table.get(key).copied())
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let prints: Vec<u8> = signature.values.iter().map(|&v| fingerprint(v)).collect();
        let mut best: Option<(u32, usize)> = None;
        for &candidate in &candidates {
            let start = candidate as usize * hashes;
            let agreeing = self.fingerprints[start..start + hashes]
                .iter()
                .zip(&prints)
                .filter(|(a, b)| a == b)
                .count();
            // Candidates come in increasing order, so a tie keeps the earlier original.
            if agreeing >= self.min_agreeing && best.is_none_or(|(_, most)| agreeing > most) {
                best = Some((candidate, agreeing));
            }
        }
        if let Some((original, _)) = best {
            self.duplicates.push((doc, original));
            return Some(self.originals[original as usize]);
        }
        let number = u32::try_from(self.originals.len()).expect("at most 2^32 originals");
        self.originals.push(doc);
        self.fingerprints.extend_from_slice(&prints);
        for (key, table) in keys.into_iter().zip(&mut self.bands) {
            table.entry(key).or_insert(number);
        }
        None
    }

    /// The number of originals recorded (documents that duplicate no earlier one and are long
    /// enough to compare).
    pub fn originals(&self) -> usize {
        self.originals.len()
    }

    /// The number of duplicates found.
    pub fn duplicates(&self) -> usize {
        self.duplicates.len()
    }

    /// The heap memory held, in bytes, estimated from the capacities of the tables and vectors
    /// (hash tables have `capacity × 8/7` buckets of 8 bytes and one control byte each).
    pub fn heap_bytes(&self) -> usize {
        let tables: usize = self
            .bands
            .iter()
            .map(|table| match table.capacity() {
                0 => 0,
                capacity => {
                    let buckets = (capacity * 8 / 7).next_power_of_two();
                    buckets * (std::mem::size_of::<(u32, u32)>() + 1) + 16
                }
            })
            .sum();
        tables
            + self.fingerprints.capacity()
            + self.originals.capacity() * std::mem::size_of::<usize>()
            + self.duplicates.capacity() * std::mem::size_of::<(usize, u32)>()
            + self.bands.capacity() * std::mem::size_of::<BandTable>()
    }

    /// The groups that have at least one duplicate, in increasing order of original index.
    pub fn groups(&self) -> Vec<DuplicateGroup> {
        let mut by_original: Vec<Vec<usize>> = vec![Vec::new(); self.originals.len()];
        for &(doc, original) in &self.duplicates {
            by_original[original as usize].push(doc);
        }
        let mut groups: Vec<DuplicateGroup> = by_original
            .into_iter()
            .enumerate()
            .filter(|(_, duplicates)| !duplicates.is_empty())
            .map(|(number, mut duplicates)| {
                duplicates.sort_unstable();
                DuplicateGroup {
                    original: self.originals[number],
                    duplicates,
                }
            })
            .collect();
        groups.sort_by_key(|g| g.original);
        groups
    }
}

#[cfg(test)]
mod tests;
