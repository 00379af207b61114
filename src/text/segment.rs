//! Segmentation of normalised news text into paragraphs and sentences.

use std::ops::Range;

/// A paragraph or sentence: its byte span in the text it was found in.
pub type Segment = Range<usize>;

/// Titles and abbreviations that never end a sentence when followed by a full stop.
const NON_FINAL_ABBREVIATIONS: &[&str] = &[
    "Adm", "Amb", "Apr", "Aug", "Brig", "Capt", "Cdr", "Cmdr", "Col", "Cpl", "Dec", "Dr", "Drs",
    "Feb", "Fr", "Gen", "Gov", "Hon", "Insp", "Jan", "Jul", "Jun", "Lt", "Maj", "Messrs", "Mme",
    "Mr", "Mrs", "Ms", "Mt", "No", "Nos", "Nov", "Oct", "Pres", "Prof", "Pte", "Rep", "Reps",
    "Rev", "Sen", "Sens", "Sep", "Sept", "Sgt", "Sr", "St", "Supt", "approx", "cf", "e.g", "etc",
    "i.e", "vs",
];

/// Abbreviations that may end a sentence; they do only before a typical sentence opener.
const MAYBE_FINAL_ABBREVIATIONS: &[&str] = &["Co", "Corp", "Inc", "Jr", "Ltd", "Bros", "Plc"];

/// Words that typically open a sentence; after an ambiguous abbreviation they mark a new sentence.
pub const SENTENCE_OPENERS: &[&str] = &[
    "A",
    "After",
    "All",
    "An",
    "And",
    "As",
    "At",
    "But",
    "During",
    "For",
    "He",
    "Her",
    "His",
    "However",
    "I",
    "If",
    "In",
    "It",
    "Its",
    "Meanwhile",
    "On",
    "Our",
    "She",
    "So",
    "That",
    "The",
    "Their",
    "There",
    "These",
    "They",
    "This",
    "Those",
    "To",
    "We",
    "When",
    "While",
    "Yet",
];

/// Month and weekday names: capitalised, yet no entity's name on their own.
pub const CALENDAR_WORDS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Whether `c` belongs to a word: letters, digits and combining marks, in the Unicode sense.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
        || (!c.is_ascii() && unicode_normalization::char::canonical_combining_class(c) != 0)
}

/// Counts the words (runs of [word characters](is_word_char)) in `text`.
pub fn count_words(text: &str) -> usize {
    let mut count = 0;
    let mut in_word = false;
    for c in text.chars() {
        let w = is_word_char(c);
        if w && !in_word {
            count += 1;
        }
        in_word = w;
    }
    count
}

/// Splits `text` into paragraphs.
///
/// Paragraphs are separated by blank lines. A line that does not end a sentence (no final `.`,
/// `!`, `?`, `:` or `;`) and is followed by a line that starts like a sentence is a headline, and
/// forms a paragraph of its own. Spans exclude surrounding white space; empty paragraphs are dropped.
///
/// ```
/// let text = "Talks resume in Geneva\nDiplomats met on Monday.\nThey agreed.\n\nA second paragraph.";
/// let paragraphs: Vec<&str> = nergraph::text::paragraphs(text).into_iter().map(|p| &text[p]).collect();
/// assert_eq!(paragraphs, ["Talks resume in Geneva", "Diplomats met on Monday.\nThey agreed.", "A second paragraph."]);
/// ```
pub fn paragraphs(text: &str) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut current: Option<Range<usize>> = None;
    let mut previous_ended = true;
    let mut lines = lines_with_offsets(text).peekable();
    while let Some((start, line)) = lines.next() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            out.extend(current.take());
            previous_ended = true;
            continue;
        }
        let start = start + (line.len() - line.trim_start().len());
        let end = start + trimmed.len();
        let ends_sentence = ends_like_sentence(trimmed);
        let next_starts_sentence = lines
            .peek()
            .map(|(_, next)| next.trim_start())
            .is_some_and(|next| !next.is_empty() && starts_like_sentence(next));
        let is_headline =
            previous_ended && !ends_sentence && next_starts_sentence && count_words(trimmed) <= 20;
        if is_headline {
            out.extend(current.take());
            out.push(start..end);
        } else {
            match &mut current {
                Some(range) => range.end = end,
                None => current = Some(start..end),
            }
        }
        previous_ended = ends_sentence || is_headline;
    }
    out.extend(current);
    out
}

fn lines_with_offsets(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut offset = 0;
    text.split_inclusive('\n').map(move |line| {
        let start = offset;
        offset += line.len();
        (start, line.trim_end_matches(['\n', '\r']))
    })
}

fn ends_like_sentence(line: &str) -> bool {
    let core = line.trim_end_matches(['"', '\'', ')', ']']);
    core.ends_with(['.', '!', '?', ':', ';'])
}

fn starts_like_sentence(line: &str) -> bool {
    let core = line.trim_start_matches(['"', '\'', '(', '[', '-', '*']);
    core.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_numeric())
}

/// Splits the paragraph `text[paragraph]` into sentences; spans are offsets into `text`.
///
/// A sentence ends at `.`, `!` or `?` (with any closing quotes and brackets after it) when white space
/// and a word that starts like a sentence follow. A full stop after a title or abbreviation (`Mr.`,
/// `Gen.`, `St.`), an initial (`J. R. R.`) or a dotted acronym (`U.S.`) does not end the sentence,
/// except that an acronym or `Inc.` before a typical sentence opener (`The`, `He`, ...) does.
/// Numbers (`3.5`, `12.03.2024`) never split because no space follows their dots.
///
/// ```
/// let text = "\"We are ready,\" she told reporters. Mr. Blinken met Gen. Milley in the U.S. capital.";
/// let sentences: Vec<&str> = nergraph::text::sentences(text, 0..text.len()).into_iter().map(|s| &text[s]).collect();
/// assert_eq!(sentences, ["\"We are ready,\" she told reporters.", "Mr. Blinken met Gen. Milley in the U.S. capital."]);
/// ```
pub fn sentences(text: &str, paragraph: Segment) -> Vec<Segment> {
    let para = &text[paragraph.clone()];
    let base = paragraph.start;
    let bytes = para.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while let Some(offset) = memchr::memchr3(b'.', b'!', b'?', &bytes[i..]) {
        let punct_start = i + offset;
        i = punct_start;
        while i < bytes.len() && matches!(bytes[i], b'.' | b'!' | b'?') {
            i += 1;
        }
        let punct = &para[punct_start..i];
        while i < bytes.len() && matches!(bytes[i], b'"' | b'\'' | b')' | b']') {
            i += 1;
        }
        let end = i;
        let rest = &para[end..];
        let after_space = rest.trim_start();
        if after_space.len() == rest.len() && !after_space.is_empty() {
            continue; // no white space after the punctuation: 3.5, U.S.-led, example.com
        }
        if after_space.is_empty() {
            break;
        }
        if !starts_like_sentence(after_space) {
            continue;
        }
        if punct == "." && !full_stop_ends_sentence(&para[start..punct_start], after_space) {
            continue;
        }
        push_trimmed(&mut out, para, base, start..end);
        start = end;
    }
    push_trimmed(&mut out, para, base, start..para.len());
    out
}

fn push_trimmed(out: &mut Vec<Segment>, para: &str, base: usize, range: Range<usize>) {
    let piece = &para[range.clone()];
    let trimmed_start = piece.len() - piece.trim_start().len();
    let trimmed = piece.trim();
    if !trimmed.is_empty() {
        let s = base + range.start + trimmed_start;
        out.push(s..s + trimmed.len());
    }
}

/// Decides whether a single full stop after `before` ends the sentence, given the text after it.
fn full_stop_ends_sentence(before: &str, after: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("")
        .trim_start_matches(['"', '\'', '(', '[']);
    if NON_FINAL_ABBREVIATIONS.contains(&word) {
        return false;
    }
    let mut chars = word.chars();
    let is_initial = matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase());
    if is_initial {
        return false;
    }
    let is_dotted = word.contains('.') && word.chars().any(char::is_alphabetic);
    if is_dotted || MAYBE_FINAL_ABBREVIATIONS.contains(&word) {
        let next_word = after
            .trim_start_matches(['"', '\'', '(', '['])
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        return SENTENCE_OPENERS.contains(&next_word);
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split_sentences(text: &str) -> Vec<&str> {
        sentences(text, 0..text.len())
            .into_iter()
            .map(|s| &text[s])
            .collect()
    }

    fn split_paragraphs(text: &str) -> Vec<&str> {
        paragraphs(text).into_iter().map(|s| &text[s]).collect()
    }

    #[test]
    fn sentence_rules() {
        let cases: &[(&str, &[&str])] = &[
            ("One. Two.", &["One.", "Two."]),
            ("Is it? Yes! Fine.", &["Is it?", "Yes!", "Fine."]),
            (
                "\"We will go,\" she told reporters. He left.",
                &["\"We will go,\" she told reporters.", "He left."],
            ),
            (
                "\"Will they?\" she asked. No.",
                &["\"Will they?\" she asked.", "No."],
            ),
            (
                "He said: \"It is over.\" Then he left.",
                &["He said: \"It is over.\"", "Then he left."],
            ),
            (
                "Mr. Smith and Dr. Jones met Sen. Warner.",
                &["Mr. Smith and Dr. Jones met Sen. Warner."],
            ),
            ("Gen. Mark Milley spoke.", &["Gen. Mark Milley spoke."]),
            (
                "They flew to St. Petersburg. It rained.",
                &["They flew to St. Petersburg.", "It rained."],
            ),
            (
                "J. R. R. Tolkien wrote it.",
                &["J. R. R. Tolkien wrote it."],
            ),
            ("George W. Bush spoke.", &["George W. Bush spoke."]),
            (
                "Growth was 3.5 per cent. Prices rose.",
                &["Growth was 3.5 per cent.", "Prices rose."],
            ),
            (
                "It was signed on 12.03.2024 in Rome. Talks ended.",
                &["It was signed on 12.03.2024 in Rome.", "Talks ended."],
            ),
            (
                "U.S. officials met. They agreed.",
                &["U.S. officials met.", "They agreed."],
            ),
            (
                "He lives in the U.S. The talks ended.",
                &["He lives in the U.S.", "The talks ended."],
            ),
            (
                "Shares in Acme Inc. Europe rose.",
                &["Shares in Acme Inc. Europe rose."],
            ),
            (
                "It was sold to Acme Inc. The deal closed.",
                &["It was sold to Acme Inc.", "The deal closed."],
            ),
            ("Wait... what happened?", &["Wait... what happened?"]),
            (
                "The U.S.-led coalition. Next.",
                &["The U.S.-led coalition.", "Next."],
            ),
            ("no ending", &["no ending"]),
            ("  padded.  ", &["padded."]),
            ("", &[]),
        ];
        for (text, expected) in cases {
            assert_eq!(split_sentences(text), *expected, "text {text:?}");
        }
    }

    #[test]
    fn sentence_spans_are_offsets_into_the_whole_text() {
        let text = "Head\n\nFirst one. Second one.";
        let para = paragraphs(text)[1].clone();
        let spans = sentences(text, para);
        assert_eq!(spans, vec![6..16, 17..28]);
        assert_eq!(&text[spans[1].clone()], "Second one.");
    }

    #[test]
    fn paragraph_rules() {
        let cases: &[(&str, &[&str])] = &[
            ("A.\n\nB.", &["A.", "B."]),
            ("A.\n  \t\nB.", &["A.", "B."]),
            (
                "Headline here\nBody starts. Ends.",
                &["Headline here", "Body starts. Ends."],
            ),
            ("Headline\n\nBody.", &["Headline", "Body."]),
            (
                "Line one of a\nwrapped paragraph.",
                &["Line one of a\nwrapped paragraph."],
            ),
            (
                "First sentence.\nSecond line.",
                &["First sentence.\nSecond line."],
            ),
            ("A.\r\n\r\nB.\r\n", &["A.", "B."]),
            ("\n\n\n", &[]),
            ("Only a headline", &["Only a headline"]),
        ];
        for (text, expected) in cases {
            assert_eq!(split_paragraphs(text), *expected, "text {text:?}");
        }
    }

    #[test]
    fn word_counts() {
        assert_eq!(count_words("US-China talks, 3.5 per cent"), 7);
        assert_eq!(count_words(""), 0);
        assert_eq!(count_words("  ...  "), 0);
        assert_eq!(count_words("Zürich"), 1);
    }
}
