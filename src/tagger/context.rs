//! Context rules: matches that the words around them show to be part of something else.
//!
//! - **A name inside a longer one.** A country or capital inside a longer capitalised
//!   name that ends in an institution or event word is part of that name, not a mention of its own:
//!   "Tokyo Stock Exchange", "Damascus Radio", "Berlin Grand Prix", "National Bank of Poland",
//!   "Tour of Britain". Government bodies ("Russian Foreign Ministry") are not in the list: there the
//!   country is what a reader follows.
//! - **A surname.** A match right after a first name is a person's surname ("Anthony Washington",
//!   "Michael Jordan"), and the same word stays a person's name for the rest of the document. First
//!   names that are also common words ("Will", "May", "Mark", "Grant") do not count.
//! - **A first name.** A match that is a first name and is followed by a capitalised word starts a
//!   person's name ("Chad Smith", "Jordan Henderson"), unless that word belongs to a place
//!   ("Jordan Valley", "Georgia Tech").

use foldhash::HashSet;

use crate::gazetteer::FIRST_NAMES;
use crate::text::is_word_char;

/// Last words of institution and event names that a country or city name can start (sorted, for
/// binary search).
const NAME_ENDINGS: &[&str] = &[
    "Academy",
    "Airlines",
    "Airport",
    "Airways",
    "Association",
    "Bureau",
    "Championship",
    "Championships",
    "Classic",
    "Club",
    "College",
    "Corp",
    "Corporation",
    "Cup",
    "Daily",
    "Exchange",
    "Federation",
    "Foundation",
    "Games",
    "Group",
    "Herald",
    "Holdings",
    "Hotel",
    "Inc",
    "Institute",
    "Journal",
    "League",
    "Limited",
    "Ltd",
    "Marathon",
    "Masters",
    "Meeting",
    "Open",
    "Plc",
    "Post",
    "Prix",
    "Radio",
    "Rally",
    "Stadium",
    "Television",
    "Times",
    "Tribune",
    "Trophy",
    "University",
];

/// Institution and event words that a name of the form "<words> of <country>" ends in.
const OF_NAME_ENDINGS: &[&str] = &[
    "Agency",
    "Association",
    "Bank",
    "Championship",
    "Championships",
    "Corporation",
    "Exchange",
    "Federation",
    "Fields",
    "Foundation",
    "Institute",
    "Tour",
    "University",
];

/// First names that are also ordinary words at the start of a sentence or in a title-case headline
/// ("Will China act?", "Hope For Peace"); they never mark the next word as a surname.
const WORDS_NOT_NAMES: &[&str] = &[
    "Amber", "Angel", "April", "Art", "August", "Bill", "Bob", "Carol", "Chance", "Chase", "Cliff",
    "Crystal", "Dale", "Dawn", "Dean", "Destiny", "Don", "Earl", "Eve", "Faith", "Frank", "Gay",
    "Ginger", "Glen", "Grace", "Grant", "Guy", "Harmony", "Hazel", "Heath", "Holly", "Honey",
    "Hope", "Iris", "Ivy", "Jack", "Jade", "Jan", "Jewel", "Joy", "June", "Justice", "Lance",
    "Lane", "Liberty", "Lily", "Major", "March", "Mark", "Marshal", "Matt", "Max", "May", "Merry",
    "Miles", "Misty", "Nick", "Noble", "Olive", "Pat", "Patience", "Pearl", "Penny", "Pierce",
    "Rich", "Rob", "Robin", "Rose", "Ruby", "Rusty", "Sandy", "Sage", "Sky", "Skip", "Star",
    "Sterling", "Stone", "Sue", "Summer", "Sunny", "Trinity", "Violet", "Ward", "Will", "Win",
    "Winter", "Young",
];

/// Lowercase words that may join the words of a name.
const JOINING: &[&str] = &["and", "of", "for", "&", "de"];

/// First names that mark the next word as a surname.
#[derive(Debug, Clone)]
pub(super) struct NameCues {
    first_names: HashSet<&'static str>,
}

impl NameCues {
    /// The built-in first names, less those that are also words that start sentences.
    pub(super) fn builtin() -> Self {
        let first_names = FIRST_NAMES
            .lines()
            .filter(|l| !l.starts_with('#') && !WORDS_NOT_NAMES.contains(l))
            .collect();
        NameCues { first_names }
    }

    /// Whether the match starting at `start` follows a first name, directly or through one more
    /// capitalised name ("Anthony Washington", "Jose Soler Puig").
    pub(super) fn follows_first_name(&self, norm: &str, start: usize) -> bool {
        let mut end = start;
        for _ in 0..2 {
            let Some(word) = word_before(norm, end) else {
                return false;
            };
            if !word.chars().next().is_some_and(char::is_uppercase)
                || word.chars().all(char::is_uppercase)
            {
                return false;
            }
            if self.first_names.contains(word) {
                return true;
            }
            end -= word.len() + 1;
        }
        false
    }
}

impl NameCues {
    /// Whether the match at `norm[start..end]` is a first name followed by a surname ("Chad Smith",
    /// "Jordan Henderson", "Georgia Smith"), rather than a country or organisation.
    pub(super) fn starts_personal_name(&self, norm: &str, start: usize, end: usize) -> bool {
        if !self.first_names.contains(&norm[start..end]) {
            return false;
        }
        let Some(next) = norm[end..].strip_prefix(' ') else {
            return false;
        };
        let word = next
            .split(|c: char| !is_word_char(c) && c != '-')
            .next()
            .unwrap_or("");
        word.chars().next().is_some_and(char::is_uppercase)
            && word.chars().any(char::is_lowercase)
            && !NOT_SURNAMES.contains(&word)
            && !NAME_ENDINGS.contains(&word)
    }
}

/// Capitalised words after a place name that are not surnames ("Jordan Valley", "Georgia Tech").
const NOT_SURNAMES: &[&str] = &[
    "Basin",
    "Bay",
    "City",
    "Coast",
    "Delta",
    "Gate",
    "Inc",
    "Island",
    "Islands",
    "Lake",
    "Mountains",
    "River",
    "Sea",
    "State",
    "Street",
    "Tech",
    "Today",
    "Valley",
];

/// The word that ends one space before `end`, if any.
fn word_before(norm: &str, end: usize) -> Option<&str> {
    let before = norm[..end].strip_suffix(' ')?;
    let start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| !is_word_char(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = &before[start..];
    (!word.is_empty()).then_some(word)
}

/// Whether the match at `norm[start..end]` is part of a longer institution or event name.
pub(super) fn inside_longer_name(norm: &str, start: usize, end: usize) -> bool {
    // "<match> Stock Exchange": the capitalised words after the match include an institution word.
    let mut capitalised = Vec::new();
    // In text written in capitals every word looks like part of a name, so only the next two words
    // can make one ("BERLIN GRAND PRIX RESULTS", but not "SLOVAKIA BEAT FAROES IN WORLD CUP").
    let next_word = norm[end..]
        .strip_prefix(' ')
        .unwrap_or("")
        .split(' ')
        .next()
        .unwrap_or("");
    let shouting =
        next_word.chars().any(char::is_alphabetic) && !next_word.chars().any(char::is_lowercase);
    let reach = if shouting { 2 } else { 6 };
    for word in norm[end..]
        .strip_prefix(' ')
        .unwrap_or("")
        .split(' ')
        .take(reach)
    {
        let word = word.trim_end_matches([',', '.', ';', ':', ')', '"', '\'']);
        if word.chars().next().is_some_and(char::is_uppercase) {
            capitalised.push(word);
        } else if !JOINING.contains(&word) {
            break;
        }
    }
    // In an ALL-CAPS headline the ending is in capitals too ("BERLIN GRAND PRIX RESULTS").
    // (The endings are ASCII, so their capitals are the word in any case without lowercase.)
    let is_ending = |w: &str| {
        NAME_ENDINGS.binary_search(&w).is_ok()
            || !w.chars().any(char::is_lowercase)
                && NAME_ENDINGS.iter().any(|e| e.eq_ignore_ascii_case(w))
    };
    if capitalised.into_iter().any(is_ending) {
        return true;
    }
    // "National Bank of <match>", "Tour of the <match>".
    let before = norm[..start]
        .strip_suffix("of the ")
        .or_else(|| norm[..start].strip_suffix("of "));
    let Some(before) = before else { return false };
    let previous = before.trim_end().rsplit(' ').next().unwrap_or("");
    OF_NAME_ENDINGS.contains(&previous)
}

/// Whether the match at `norm[start..end]` is a ticker symbol in angle brackets, as wire copy
/// writes them after a company's name ("Bankers Trust New York Corp <BT>", "<BT.N>").
pub(super) fn is_ticker_symbol(norm: &str, start: usize, end: usize) -> bool {
    if !norm[..start].ends_with('<') || norm[start..end].contains(' ') {
        return false;
    }
    // The closing bracket, at most a four-byte exchange suffix (".N", ".L") away.
    let after = &norm.as_bytes()[end..];
    after
        .iter()
        .take(5)
        .position(|&b| b == b'>')
        .is_some_and(|close| {
            after[..close]
                .iter()
                .all(|&b| b == b'.' || b.is_ascii_alphanumeric())
        })
}

/// Words that may stand before a short form without naming another body ("The Commission").
const DETERMINERS: &[&str] = &[
    "A", "An", "Her", "His", "Its", "Our", "That", "The", "Their", "This",
];

/// Whether the word before `start` qualifies an organisation's short form so that it names another
/// body: a possessive ("Peru's Constitutional Court"), or a capitalised word that makes a longer
/// name ("U.S. International Trade Commission"). A determiner, a lowercase word, punctuation or
/// the end of the previous sentence leaves the short form on its own.
pub(super) fn qualified_by_word_before(norm: &str, start: usize) -> bool {
    let Some(before) = norm[..start].strip_suffix(' ') else {
        return false;
    };
    // The word before, looked for in the last bytes only: a word longer than that is no name.
    let mut from = before.len().saturating_sub(64);
    while !before.is_char_boundary(from) {
        from += 1;
    }
    let window = &before[from..];
    let token = match window.rfind(' ') {
        Some(space) => &window[space + 1..],
        None if from == 0 => window,
        None => return false,
    };
    if token.ends_with("'s") || token.ends_with("s'") {
        return true;
    }
    let Some(last) = token.chars().next_back() else {
        return false;
    };
    // "said. Commission ...": a full stop ends a sentence unless the token is an abbreviation with
    // stops inside ("U.S.").
    let ends_sentence = last == '.' && !token[..token.len() - 1].contains('.');
    if !(is_word_char(last) || last == '.') || ends_sentence {
        return false;
    }
    token.chars().next().is_some_and(char::is_uppercase) && !DETERMINERS.contains(&token)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticker_symbols() {
        let table = [
            ("Bankers Trust New York Corp <BT> said", "BT", true),
            ("Reuters <RTRS.L> and <BT.N> rose", "BT", true),
            ("the <BT> <NPR>", "NPR", true),
            ("BT said", "BT", false),
            ("<b>BT</b> said", "BT", false),
            ("a < BT > b", "BT", false),
            ("<British Telecom> said", "British Telecom", false),
            ("<BT is here> said", "BT", false),
            ("<BT without a closing bracket", "BT", false),
            ("<BT.LONGSUFFIX>", "BT", false),
        ];
        for (text, needle, ticker) in table {
            let start = text.find(needle).unwrap();
            let end = start + needle.len();
            assert_eq!(is_ticker_symbol(text, start, end), ticker, "{text:?}");
        }
    }

    #[test]
    fn words_that_qualify_a_short_form() {
        let table = [
            ("Peru's Commission said", true),
            ("the countries' Commission said", true),
            ("the U.S. International Trade Commission said", true),
            ("the U.S. Commission said", true),
            ("The Commission said", false),
            ("the Commission said", false),
            ("Commission officials said", false),
            ("He met Smith. Commission officials said", false),
            ("he said: Commission officials agreed", false),
            ("(Commission) said", false),
            ("Commission", false),
        ];
        for (text, qualified) in table {
            let start = text.find("Commission").unwrap();
            assert_eq!(qualified_by_word_before(text, start), qualified, "{text:?}");
        }
    }

    fn inside(text: &str, needle: &str) -> bool {
        let start = text.find(needle).unwrap();
        inside_longer_name(text, start, start + needle.len())
    }

    #[test]
    fn names_inside_institution_and_event_names() {
        let table = [
            ("prices on the Tokyo Stock Exchange fell", "Tokyo", true),
            ("state-run Damascus Radio said", "Damascus", true),
            ("BERLIN GRAND PRIX RESULTS", "BERLIN", true),
            (
                "SOCCER - SLOVAKIA BEAT FAROES IN WORLD CUP QUALIFIER",
                "SLOVAKIA",
                false,
            ),
            ("the Berlin Grand Prix results", "Berlin", true),
            (
                "the London International Financial Futures and Options Exchange said",
                "London",
                true,
            ),
            ("The National Bank of Poland said", "Poland", true),
            (
                "a stage of the Tour of the Netherlands",
                "Netherlands",
                true,
            ),
            ("the Government of India said", "India", false),
            ("the Russian Foreign Ministry said", "Russian", false),
            ("US Treasury Secretary Janet Yellen", "US", false),
            ("Russia and China said", "Russia", false),
            ("in Russia. The Times reported", "Russia", false),
        ];
        for (text, needle, expected) in table {
            assert_eq!(inside(text, needle), expected, "{text:?} / {needle}");
        }
    }

    #[test]
    fn name_endings_are_ascii_and_sorted() {
        // `inside_longer_name` compares capitals as ASCII, and searches the list by halves.
        assert!(NAME_ENDINGS.iter().all(|e| e.is_ascii()));
        assert!(NAME_ENDINGS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn surnames_after_first_names() {
        let cues = NameCues::builtin();
        let table = [
            ("said Anthony Washington today", "Washington", true),
            ("Michael Jordan scored", "Jordan", true),
            ("Will China act?", "China", false),
            ("in Washington today", "Washington", false),
            ("the Washington talks", "Washington", false),
            ("Anthony  Washington", "Washington", false),
            ("Jose Soler Puig said", "Puig", true),
            ("the Soler Puig case", "Puig", false),
            ("Jose SOLER Puig", "Puig", false),
        ];
        for (text, needle, expected) in table {
            let start = text.find(needle).unwrap();
            assert_eq!(cues.follows_first_name(text, start), expected, "{text:?}");
        }
    }
}
