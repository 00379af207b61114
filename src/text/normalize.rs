//! Unicode normalisation for matching, with a map back to the original bytes.

use std::borrow::Cow;
use std::ops::Range;

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};

use super::lanes;

/// Text normalised for matching, together with the way back to the original bytes.
///
/// Normalisation folds curly quotes and apostrophes to `'` and `"`, the various dashes and the minus
/// sign to `-`, non-breaking and other Unicode spaces to a plain space, removes zero-width characters,
/// soft hyphens and byte-order marks, and applies Unicode compatibility normalisation (NFKC) to
/// everything else; a CRLF line ending becomes `\n`. ASCII text without carriage returns is borrowed
/// unchanged.
///
/// ```
/// let original = "China\u{2019}s \u{201C}talks\u{201D}";
/// let normalized = nergraph::text::normalize(original);
/// assert_eq!(normalized.as_str(), "China's \"talks\"");
/// let span = normalized.original_span(8..15); // "\"talks\"" in the normalised text
/// assert_eq!(&original[span], "\u{201C}talks\u{201D}");
/// ```
#[derive(Debug, Clone)]
pub struct NormalizedText<'a> {
    text: Cow<'a, str>,
    /// Replaced stretches, sorted by position; everything between them is copied unchanged.
    edits: Vec<Edit>,
}

/// One replaced stretch: `original[orig]` became `normalised[norm]`.
#[derive(Debug, Clone, Copy)]
struct Edit {
    norm_start: usize,
    norm_end: usize,
    orig_start: usize,
    orig_end: usize,
}

impl<'a> NormalizedText<'a> {
    /// The normalised text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether normalisation changed nothing.
    pub fn is_unchanged(&self) -> bool {
        self.edits.is_empty()
    }

    /// Maps a span of the normalised text to the span of the original text it came from.
    ///
    /// A span that starts or ends inside a replaced stretch grows to cover the whole stretch.
    pub fn original_span(&self, span: Range<usize>) -> Range<usize> {
        self.original_start(span.start)..self.original_end(span.end)
    }

    /// Maps the start of a normalised span to an original byte offset.
    pub fn original_start(&self, norm: usize) -> usize {
        let idx = self.edits.partition_point(|e| e.norm_start <= norm);
        match idx.checked_sub(1).map(|i| self.edits[i]) {
            None => norm,
            Some(e) if norm < e.norm_end => e.orig_start,
            Some(e) => e.orig_end + (norm - e.norm_end),
        }
    }

    /// Maps the (exclusive) end of a normalised span to an original byte offset.
    pub fn original_end(&self, norm: usize) -> usize {
        let idx = self.edits.partition_point(|e| e.norm_start < norm);
        match idx.checked_sub(1).map(|i| self.edits[i]) {
            None => norm,
            Some(e) if norm <= e.norm_end => e.orig_end,
            Some(e) => e.orig_end + (norm - e.norm_end),
        }
    }
}

/// Normalises `text` for matching; see [`NormalizedText`].
pub fn normalize(text: &str) -> NormalizedText<'_> {
    let bytes = text.as_bytes();
    let Some(first) = next_to_examine(bytes, 0) else {
        return NormalizedText {
            text: Cow::Borrowed(text),
            edits: Vec::new(),
        };
    };
    // `out` is only written once something changes: `copied` is where the text not yet copied to
    // it begins, and `examined` where the text not yet examined begins.
    let mut out = String::new();
    let mut edits = Vec::new();
    let mut scratch = String::new();
    let (mut copied, mut examined, mut at) = (0, 0, Some(first));
    let mut replace = |out: &mut String, orig: Range<usize>, with: &str| {
        if out.capacity() == 0 {
            out.reserve(text.len());
        }
        out.push_str(&text[copied..orig.start]);
        edits.push(Edit {
            norm_start: out.len(),
            norm_end: out.len() + with.len(),
            orig_start: orig.start,
            orig_end: orig.end,
        });
        out.push_str(with);
        copied = orig.end;
    };
    while let Some(p) = at {
        if bytes[p] == b'\r' {
            if bytes.get(p + 1) == Some(&b'\n') {
                replace(&mut out, p..p + 2, "\n");
                examined = p + 2;
            } else {
                examined = p + 1;
            }
            at = next_to_examine(bytes, examined);
            continue;
        }
        let c = text[p..].chars().next().expect("p is on a char boundary");
        // A character and the combining marks after it are normalised as one unit; a mark after an
        // ASCII letter takes that letter along.
        let unit_start = if is_mark(c) && p > examined && bytes[p - 1].is_ascii_alphanumeric() {
            p - 1
        } else {
            p
        };
        let mut end = p + c.len_utf8();
        while let Some(m) = text[end..].chars().next().filter(|&m| is_mark(m)) {
            end += m.len_utf8();
        }
        scratch.clear();
        if fold_unit(&text[unit_start..end], &mut scratch) {
            replace(&mut out, unit_start..end, &scratch);
        }
        examined = end;
        at = next_to_examine(bytes, examined);
    }
    if edits.is_empty() {
        return NormalizedText {
            text: Cow::Borrowed(text),
            edits,
        };
    }
    out.push_str(&text[copied..]);
    NormalizedText {
        text: Cow::Owned(out),
        edits,
    }
}

/// The next byte at or after `from` that normalisation may change: a carriage return or the start
/// of a non-ASCII character.
fn next_to_examine(bytes: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    while at < bytes.len() {
        let eight = lanes::lanes_at(bytes, at);
        let found = (eight & lanes::HIGH_BITS) | lanes::equal(eight, b'\r');
        if found != 0 {
            let position = at + found.trailing_zeros() as usize / 8;
            // Past the end, `lanes_at` reads zeros, which are never found.
            return Some(position);
        }
        at += 8;
    }
    None
}

fn is_mark(c: char) -> bool {
    !c.is_ascii() && canonical_combining_class(c) != 0
}

/// Writes the normalised form of `unit` (a character and its combining marks) into `out`;
/// returns whether it differs from `unit`.
fn fold_unit(unit: &str, out: &mut String) -> bool {
    let mut chars = unit.chars();
    let first = chars.next().expect("a unit is never empty");
    if chars.as_str().is_empty() {
        if let Some(folded) = fold_char(first) {
            out.push_str(folded);
            return true;
        }
    }
    // A character that folds still folds when combining marks follow it (a soft hyphen is removed
    // from "\u{AD}\u{33F}" too), so the quick check only vouches for units without such characters.
    if is_nfkc_quick(unit.chars()) == IsNormalized::Yes
        && !unit.chars().any(|c| fold_char(c).is_some())
    {
        out.push_str(unit);
        return false;
    }
    for c in unit.nfkc() {
        match fold_char(c) {
            Some(folded) => out.push_str(folded),
            None => out.push(c),
        }
    }
    out != unit
}

/// The typographic folds applied before compatibility normalisation.
fn fold_char(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}'
        | '\u{FF07}' => "'",
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' | '\u{FF02}' => "\"",
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => "-",
        '\u{00A0}'
        | '\u{1680}'
        | '\u{2000}'..='\u{200A}'
        | '\u{202F}'
        | '\u{205F}'
        | '\u{3000}' => " ",
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => "",
        '\u{2028}' | '\u{2029}' | '\u{0085}' => "\n",
        '\u{2026}' => "...",
        _ => return None,
    })
}

/// Lowercases `text` without changing its length in bytes, so that offsets stay valid.
///
/// ASCII letters are lowercased; another character is lowercased only when its lowercase form is a
/// single character of the same encoded length, and kept otherwise.
pub fn fold_case(text: &str) -> Cow<'_, str> {
    if text.is_ascii() {
        if !text.bytes().any(|b| b.is_ascii_uppercase()) {
            return Cow::Borrowed(text);
        }
        return Cow::Owned(text.to_ascii_lowercase());
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        out.push(fold_char_case(c));
    }
    Cow::Owned(out)
}

/// Lowercases one character the way [`fold_case`] does: to its lowercase form when that is a single
/// character of the same encoded length, else unchanged.
///
/// ```
/// use nergraph::text::fold_char_case;
/// assert_eq!(fold_char_case('R'), 'r');
/// assert_eq!(fold_char_case('\u{C9}'), '\u{E9}'); // É -> é
/// assert_eq!(fold_char_case('\u{130}'), '\u{130}'); // İ lowercases to two characters: kept
/// ```
pub fn fold_char_case(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) if l.len_utf8() == c.len_utf8() => l,
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Normalises `original`, finds `needle` in the normalised text, and returns the original slice.
    fn original_of<'a>(original: &'a str, needle: &str) -> &'a str {
        let n = normalize(original);
        let start = n.as_str().find(needle).expect("needle in normalised text");
        &original[n.original_span(start..start + needle.len())]
    }

    #[test]
    fn ascii_is_borrowed_unchanged() {
        let n = normalize("Plain ASCII text.");
        assert!(matches!(n.text, Cow::Borrowed(_)));
        assert!(n.is_unchanged());
        assert_eq!(n.original_span(6..11), 6..11);
    }

    #[test]
    fn folds_typography() {
        let cases = [
            ("China\u{2019}s", "China's"),
            ("\u{201C}Yes\u{201D}", "\"Yes\""),
            ("US\u{2013}China", "US-China"),
            ("a \u{2014} b", "a - b"),
            ("United\u{00A0}States", "United States"),
            ("Rus\u{00AD}sia", "Russia"),
            ("\u{FEFF}UK", "UK"),
            ("\u{FF35}\u{FF2B}", "UK"),
            ("wait\u{2026}", "wait..."),
            ("Cura\u{0063}\u{0327}ao", "Cura\u{00E7}ao"),
            ("\u{FB01}nance", "finance"),
            ("Z\u{00FC}rich", "Z\u{00FC}rich"),
            ("A\r\nB\rC\n", "A\nB\rC\n"),
            ("e\u{0301}e\u{0301}", "\u{00E9}\u{00E9}"),
            ("\u{00E9}e\u{0301}", "\u{00E9}\u{00E9}"),
            ("\u{0301}x", "\u{0301}x"),
            ("\u{00AD}\u{033F}", "\u{033F}"),
            ("\u{200B}\u{0301}x", "\u{0301}x"),
            ("China\u{2019}\u{0301}s", "China'\u{0301}s"),
            ("a\u{00A0}\u{0301}b", "a \u{0301}b"),
        ];
        for (input, expected) in cases {
            assert_eq!(normalize(input).as_str(), expected, "input {input:?}");
        }
    }

    #[test]
    fn spans_map_back_to_original_bytes() {
        assert_eq!(
            original_of("the United\u{00A0}States said", "United States"),
            "United\u{00A0}States"
        );
        assert_eq!(
            original_of("\u{201C}Russia\u{201D} and", "Russia"),
            "Russia"
        );
        assert_eq!(
            original_of("\u{201C}Russia\u{201D} and", "\"Russia\""),
            "\u{201C}Russia\u{201D}"
        );
        assert_eq!(original_of("\u{FEFF}UK", "UK"), "UK");
        assert_eq!(
            original_of("x Rus\u{00AD}sia y", "Russia"),
            "Rus\u{00AD}sia"
        );
        assert_eq!(original_of("\u{FF35}\u{FF2B} is", "UK"), "\u{FF35}\u{FF2B}");
        assert_eq!(
            original_of("Cura\u{0063}\u{0327}ao!", "Cura\u{00E7}ao"),
            "Cura\u{0063}\u{0327}ao"
        );
        assert_eq!(
            original_of("caf\u{00E9} \u{2014} Reddit", "Reddit"),
            "Reddit"
        );
    }

    #[test]
    fn fold_case_keeps_length() {
        for s in [
            "Hello WORLD",
            "\u{00C9}TAT",
            "\u{0130}stanbul",
            "STRASSE \u{1E9E}",
            "Ω",
        ] {
            let folded = fold_case(s);
            assert_eq!(folded.len(), s.len(), "{s:?}");
        }
        assert_eq!(fold_case("RUSSIA"), "russia");
        assert_eq!(fold_case("\u{00C9}tat"), "\u{00E9}tat");
    }
}
