//! Candidate entities that a corpus mentions and the gazetteer misses, written as gazetteer rows.
//!
//! A [`Suggester`] reads tagged documents sentence by sentence and collects:
//!
//! - capitalised names of two words or more (`Cyber Security Agency of Singapore`, `Jane Doe`),
//!   allowing lowercase joining words inside (`of`, `and`, `for`, `the`, `de`...);
//! - acronyms in capitals (`CSA`), paired with their definition where the text gives one:
//!   `Cyber Security Agency of Singapore (CSA)`.
//!
//! Text the gazetteer already tags is skipped. Each candidate gets a count, the number of documents, a
//! guessed type (ORG for names ending in an organisation word such as Agency, Ministry, Party or Bank,
//! and for acronyms; PERSON for names seen after a title such as Mr or President, or of two plain
//! words), and an example sentence.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;

use super::{EntityType, FIRST_NAMES};
use crate::tagger::Mention;
use crate::text::{paragraphs, sentences, NormalizedText, CALENDAR_WORDS, SENTENCE_OPENERS};

/// Last words that mark a name as an organisation.
const ORG_WORDS: &[&str] = &[
    "Agency",
    "Alliance",
    "Army",
    "Assembly",
    "Association",
    "Authority",
    "Bank",
    "Board",
    "Bureau",
    "Center",
    "Centre",
    "Coalition",
    "College",
    "Command",
    "Commission",
    "Committee",
    "Company",
    "Congress",
    "Corp",
    "Corporation",
    "Council",
    "Court",
    "Department",
    "Directorate",
    "Federation",
    "Force",
    "Forces",
    "Foundation",
    "Front",
    "Fund",
    "Group",
    "Guard",
    "Inc",
    "Institute",
    "League",
    "Limited",
    "Ltd",
    "Ministry",
    "Movement",
    "Network",
    "Office",
    "Organisation",
    "Organization",
    "Parliament",
    "Party",
    "Police",
    "Service",
    "Services",
    "Society",
    "Tribunal",
    "Union",
    "University",
];

/// Titles that mark the name after them as a person.
const PERSON_TITLES: &[&str] = &[
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Prof",
    "Sir",
    "Dame",
    "Lord",
    "Lady",
    "President",
    "Senator",
    "Sen",
    "Governor",
    "Gov",
    "Minister",
    "Chancellor",
    "General",
    "Gen",
    "Colonel",
    "Col",
    "Judge",
    "Justice",
    "King",
    "Queen",
    "Prince",
    "Princess",
    "Rep",
    "Representative",
    "Secretary",
    "Speaker",
];

/// Lowercase words allowed inside a name.
const JOINING_WORDS: &[&str] = &[
    "of", "and", "for", "the", "de", "du", "des", "da", "di", "la", "le", "van", "von", "&",
];

/// Capitalised words that start sentences or headlines without being part of a name, besides the
/// usual sentence openers and month and weekday names.
const NOT_NAME_STARTS: &[&str] = &[
    "Acting", "Chief", "Current", "Former", "Senior", "Then", "Top", "By", "From", "How", "Last",
    "Many", "More", "Most", "New", "No", "Now", "One", "Some", "Two", "What", "Why", "With", "You",
];

/// The longest example sentence, in characters.
const EXAMPLE_CHARS: usize = 200;

/// A candidate entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    /// The name as written.
    pub name: String,
    /// An acronym the text defines for it, if any.
    pub acronym: Option<String>,
    /// The guessed type.
    pub entity_type: EntityType,
    /// Why that type was guessed.
    pub reason: &'static str,
    /// How often the name (or its acronym) occurs.
    pub count: usize,
    /// In how many documents.
    pub documents: usize,
    /// The first sentence it was seen in.
    pub example: String,
}

impl Suggestion {
    /// A suggested id: the type's prefix and a slug of the name (`org:cyber-security-agency`).
    pub fn id(&self) -> String {
        let prefix = match self.entity_type {
            EntityType::Person => "person",
            EntityType::Org => "org",
            EntityType::Country => "country",
        };
        let mut slug = String::new();
        for c in self.name.chars() {
            if c.is_ascii_alphanumeric() {
                slug.push(c.to_ascii_lowercase());
            } else if !slug.ends_with('-') && !slug.is_empty() {
                slug.push('-');
            }
        }
        format!("{prefix}:{}", slug.trim_end_matches('-'))
    }

    /// The suggestion as a commented gazetteer row, ready to review and paste.
    pub fn to_row(&self) -> String {
        let aliases = self
            .acronym
            .as_ref()
            .map(|a| format!("\t{a} [acronym]"))
            .unwrap_or_default();
        format!(
            "# {} mentions in {} documents; {}; e.g. {:?}\n{}\t{}\t{}{}\n",
            self.count,
            self.documents,
            self.reason,
            self.example,
            self.id(),
            self.entity_type,
            self.name,
            aliases
        )
    }
}

#[derive(Debug, Default)]
struct Tally {
    count: usize,
    documents: usize,
    last_document: Option<usize>,
    after_title: usize,
    example: String,
}

impl Tally {
    fn add(&mut self, document: usize, sentence: &str, after_title: bool) {
        self.count += 1;
        if self.last_document != Some(document) {
            self.last_document = Some(document);
            self.documents += 1;
        }
        self.after_title += usize::from(after_title);
        if self.example.is_empty() {
            self.example = example(sentence);
        }
    }
}

/// Collects candidates over a corpus; see the module documentation.
#[derive(Debug)]
pub struct Suggester {
    first_names: HashSet<&'static str>,
    documents: usize,
    names: HashMap<String, Tally>,
    acronyms: HashMap<String, Tally>,
    /// Acronym -> the names defining it, with counts.
    definitions: HashMap<String, BTreeMap<String, usize>>,
}

/// A word of a sentence: its span in the normalised text and whether punctuation ends it.
#[derive(Debug, Clone)]
struct Word<'a> {
    text: &'a str,
    span: Range<usize>,
    breaks_after: bool,
    breaks_before: bool,
}

impl Default for Suggester {
    fn default() -> Self {
        Self::new()
    }
}

impl Suggester {
    /// An empty suggester.
    pub fn new() -> Self {
        Suggester {
            first_names: FIRST_NAMES
                .lines()
                .filter(|l| !l.starts_with('#'))
                .collect(),
            documents: 0,
            names: HashMap::new(),
            acronyms: HashMap::new(),
            definitions: HashMap::new(),
        }
    }

    /// Adds a tagged document; `mentions` must come from tagging `text`.
    pub fn add_document(&mut self, text: &NormalizedText<'_>, mentions: &[Mention]) {
        let document = self.documents;
        self.documents += 1;
        let norm = text.as_str();
        let tagged: Vec<Range<usize>> =
            mentions.iter().map(|m| m.normalized_span.clone()).collect();
        // Whether a mention already covers all of `span` (a longer name that contains a known entity,
        // such as "Cyber Security Agency of Singapore", is still a candidate).
        let covered = |span: &Range<usize>| {
            let i = tagged.partition_point(|c| c.end < span.end);
            tagged.get(i).is_some_and(|c| c.start <= span.start)
        };
        for paragraph in paragraphs(norm) {
            for sentence_span in sentences(norm, paragraph) {
                let sentence = &norm[sentence_span.clone()];
                let words = words(sentence, sentence_span.start);
                let shouting =
                    words.iter().filter(|w| is_all_caps(w.text)).count() * 2 > words.len();
                self.collect_names(document, sentence, &words, &covered);
                if !shouting {
                    self.collect_acronyms(document, norm, sentence, &words, &covered);
                }
            }
        }
    }

    fn collect_names(
        &mut self,
        document: usize,
        sentence: &str,
        words: &[Word<'_>],
        covered: &impl Fn(&Range<usize>) -> bool,
    ) {
        let mut i = 0;
        while i < words.len() {
            if !is_capitalised(words[i].text) || is_all_caps(words[i].text) {
                i += 1;
                continue;
            }
            // Extend over capitalised words and joining words, up to a punctuation break.
            let mut end = i + 1;
            let mut last_cap = i;
            while end < words.len() && !words[end - 1].breaks_after && !words[end].breaks_before {
                let w = words[end].text;
                if is_capitalised(w) && !is_all_caps(w) {
                    last_cap = end;
                } else if !JOINING_WORDS.contains(&w) {
                    break;
                }
                end += 1;
            }
            let run = &words[i..=last_cap];
            i = last_cap + 1;
            let mut start = 0;
            let mut after_title = false;
            while start < run.len()
                && (not_name_start(run[start].text)
                    || PERSON_TITLES.contains(&run[start].text.trim_end_matches('.')))
            {
                after_title |= PERSON_TITLES.contains(&run[start].text.trim_end_matches('.'));
                start += 1;
            }
            while start < run.len() && JOINING_WORDS.contains(&run[start].text) {
                start += 1;
            }
            let name_words = &run[start..];
            // "Margaret Okafor of the Lagos Port Authority": a person, then an organisation.
            let split = name_words
                .iter()
                .position(|w| w.text == "of")
                .filter(|&at| {
                    at >= 2
                        && self.first_names.contains(name_words[0].text)
                        && name_words[..at].iter().all(|w| is_capitalised(w.text))
                });
            match split {
                Some(at) => {
                    let rest = &name_words[at..];
                    let skip = rest
                        .iter()
                        .take_while(|w| JOINING_WORDS.contains(&w.text))
                        .count();
                    self.add_name(document, sentence, &name_words[..at], after_title, covered);
                    self.add_name(document, sentence, &rest[skip..], false, covered);
                }
                None => self.add_name(document, sentence, name_words, after_title, covered),
            }
        }
    }

    fn add_name(
        &mut self,
        document: usize,
        sentence: &str,
        name_words: &[Word<'_>],
        after_title: bool,
        covered: &impl Fn(&Range<usize>) -> bool,
    ) {
        if name_words.len() < 2 {
            return;
        }
        let span = name_words[0].span.start..name_words[name_words.len() - 1].span.end;
        if covered(&span) || joins_known_names(name_words, covered) {
            return;
        }
        let name = name_words
            .iter()
            .map(|w| w.text)
            .collect::<Vec<_>>()
            .join(" ");
        self.names
            .entry(name)
            .or_default()
            .add(document, sentence, after_title);
    }

    fn collect_acronyms(
        &mut self,
        document: usize,
        norm: &str,
        sentence: &str,
        words: &[Word<'_>],
        covered: &impl Fn(&Range<usize>) -> bool,
    ) {
        for (i, word) in words.iter().enumerate() {
            if !is_acronym(word.text) || covered(&word.span) {
                continue;
            }
            self.acronyms
                .entry(word.text.to_owned())
                .or_default()
                .add(document, sentence, false);
            // A definition: the name just before "(ACRONYM)".
            let bracketed =
                norm[..word.span.start].ends_with('(') && norm[word.span.end..].starts_with(')');
            if !bracketed || i == 0 {
                continue;
            }
            let mut start = i;
            while let Some(prev) = start.checked_sub(1).map(|p| &words[p]) {
                if prev.breaks_after
                    || !(is_capitalised(prev.text) || JOINING_WORDS.contains(&prev.text))
                {
                    break;
                }
                start -= 1;
            }
            while start < i
                && (JOINING_WORDS.contains(&words[start].text) || not_name_start(words[start].text))
            {
                start += 1;
            }
            if i - start >= 2 {
                let name = words[start..i]
                    .iter()
                    .map(|w| w.text)
                    .collect::<Vec<_>>()
                    .join(" ");
                *self
                    .definitions
                    .entry(word.text.to_owned())
                    .or_default()
                    .entry(name)
                    .or_default() += 1;
            }
        }
    }

    /// The candidates seen at least `min_count` times, most frequent first (ties by name).
    pub fn suggestions(&self, min_count: usize) -> Vec<Suggestion> {
        let mut out = Vec::new();
        let mut defined_names: HashMap<&str, &str> = HashMap::new();
        for (acronym, names) in &self.definitions {
            // The most frequent definition wins; ties go to the first in name order.
            if let Some((name, _)) = names.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))) {
                defined_names.insert(name.as_str(), acronym.as_str());
            }
        }
        for (name, tally) in &self.names {
            let acronym = defined_names.get(name.as_str()).map(|a| a.to_string());
            let acronym_tally = acronym.as_ref().and_then(|a| self.acronyms.get(a));
            let count = tally.count + acronym_tally.map_or(0, |t| t.count);
            if count < min_count {
                continue;
            }
            let last = name.rsplit(' ').next().unwrap_or("");
            let (entity_type, reason) = if ORG_WORDS.contains(&last) {
                (EntityType::Org, "guessed ORG: ends in an organisation word")
            } else if acronym.is_some() {
                (EntityType::Org, "guessed ORG: defines an acronym")
            } else if tally.after_title > 0 {
                (EntityType::Person, "guessed PERSON: follows a title")
            } else if name
                .split(' ')
                .next()
                .is_some_and(|first| self.first_names.contains(first))
            {
                (
                    EntityType::Person,
                    "guessed PERSON: starts with a first name",
                )
            } else {
                (EntityType::Org, "guessed ORG (check)")
            };
            out.push(Suggestion {
                name: name.clone(),
                acronym,
                entity_type,
                reason,
                count,
                documents: tally
                    .documents
                    .max(acronym_tally.map_or(0, |t| t.documents)),
                example: tally.example.clone(),
            });
        }
        for (acronym, tally) in &self.acronyms {
            if tally.count < min_count
                || self
                    .definitions
                    .get(acronym)
                    .is_some_and(|n| n.keys().any(|k| self.names.contains_key(k)))
            {
                continue;
            }
            out.push(Suggestion {
                name: acronym.clone(),
                acronym: None,
                entity_type: EntityType::Org,
                reason: "guessed ORG: an acronym",
                count: tally.count,
                documents: tally.documents,
                example: tally.example.clone(),
            });
        }
        out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
        out
    }

    /// The number of documents read.
    pub fn documents(&self) -> usize {
        self.documents
    }
}

/// Whether the name is two names joined by "and" or "&", one of which is already tagged
/// ("India and Pakistan").
fn joins_known_names(words: &[Word<'_>], covered: &impl Fn(&Range<usize>) -> bool) -> bool {
    let span_of = |part: &[Word<'_>]| part[0].span.start..part[part.len() - 1].span.end;
    words.iter().enumerate().any(|(i, w)| {
        matches!(w.text, "and" | "&")
            && i > 0
            && i + 1 < words.len()
            && (covered(&span_of(&words[..i])) || covered(&span_of(&words[i + 1..])))
    })
}

/// Whether a capitalised word at the start of a run is not part of a name.
fn not_name_start(word: &str) -> bool {
    NOT_NAME_STARTS.contains(&word)
        || SENTENCE_OPENERS.contains(&word)
        || CALENDAR_WORDS.contains(&word)
}

/// The words of a sentence with their spans (offset by `base`), outer punctuation removed.
fn words(sentence: &str, base: usize) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut offset = 0;
    for raw in sentence.split_inclusive(char::is_whitespace) {
        let token = raw.trim_end();
        let lead = token.len()
            - token
                .trim_start_matches(['"', '\'', '(', '[', '*', '_'])
                .len();
        let core = token[lead..]
            .trim_end_matches(['"', '\'', ')', ']', ',', '.', ';', ':', '!', '?', '*', '_']);
        let core = core.strip_suffix("'s").unwrap_or(core);
        if !core.is_empty() {
            let start = base + offset + lead;
            out.push(Word {
                text: core,
                span: start..start + core.len(),
                breaks_before: lead > 0,
                breaks_after: lead + core.len() < token.len(),
            });
        }
        offset += raw.len();
    }
    out
}

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

fn is_all_caps(word: &str) -> bool {
    word.chars().any(char::is_alphabetic) && !word.chars().any(char::is_lowercase)
}

/// Two to six capitals (digits allowed after the first), such as `CSA` or `G20`.
fn is_acronym(word: &str) -> bool {
    let n = word.chars().count();
    (2..=6).contains(&n)
        && word.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && word
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        && word.chars().filter(char::is_ascii_uppercase).count() >= 2
}

fn example(sentence: &str) -> String {
    let collapsed = sentence.split_whitespace().collect::<Vec<_>>().join(" ");
    if collapsed.chars().count() <= EXAMPLE_CHARS {
        return collapsed;
    }
    let cut: String = collapsed.chars().take(EXAMPLE_CHARS).collect();
    format!("{}…", cut.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::GazetteerBuilder;
    use crate::tagger::Tagger;
    use crate::text::normalize;

    fn suggest(docs: &[&str], min_count: usize) -> Vec<Suggestion> {
        let mut builder = GazetteerBuilder::new();
        builder
            .add_source(
                "t.tsv",
                "country:SG\tCOUNTRY\tSingapore\nperson:known\tPERSON\tKnown Person\n",
            )
            .unwrap();
        let tagger = Tagger::new(builder.build().unwrap()).unwrap();
        let mut s = Suggester::new();
        for d in docs {
            let n = normalize(d);
            s.add_document(&n, &tagger.tag_normalized(&n));
        }
        s.suggestions(min_count)
    }

    fn summary(s: &[Suggestion]) -> Vec<(String, Option<String>, EntityType, usize)> {
        s.iter()
            .map(|x| (x.name.clone(), x.acronym.clone(), x.entity_type, x.count))
            .collect()
    }

    #[test]
    fn finds_names_acronyms_and_definitions() {
        let docs = [
            "The Cyber Security Agency of Singapore (CSA) warned on Monday. CSA said more.",
            "Officials at the Cyber Security Agency of Singapore met Mr Rahul Menon. Known Person also came.",
            "Rahul Menon spoke. The Ministry of Silly Walks agreed. Singapore and Known Person met Grand Slam winners.",
            "Margaret Okafor won a Grand Slam title. Singapore and Malaysia.",
        ];
        let found = summary(&suggest(&docs, 1));
        assert!(
            found.contains(&(
                "Cyber Security Agency of Singapore".into(),
                Some("CSA".into()),
                EntityType::Org,
                4
            )),
            "{found:#?}"
        );
        assert!(
            found.contains(&("Rahul Menon".into(), None, EntityType::Person, 2)),
            "{found:#?}"
        );
        assert!(
            found.contains(&("Ministry of Silly Walks".into(), None, EntityType::Org, 1)),
            "{found:#?}"
        );
        assert!(
            found.contains(&("Margaret Okafor".into(), None, EntityType::Person, 1)),
            "a first name: {found:#?}"
        );
        assert!(
            found.contains(&("Grand Slam".into(), None, EntityType::Org, 2)),
            "no first name, no title: {found:#?}"
        );
        assert!(
            !found.iter().any(|f| f.0.contains(" and ")),
            "names joined to known ones are split: {found:#?}"
        );
        assert!(
            !found.iter().any(|f| f.0.contains("Known Person")),
            "tagged text is skipped: {found:#?}"
        );
        assert!(
            !found.iter().any(|f| f.0 == "CSA"),
            "a defined acronym is folded into its name: {found:#?}"
        );
        assert!(
            !found
                .iter()
                .any(|f| f.0.starts_with("The ") || f.0 == "Monday"),
            "{found:#?}"
        );
    }

    #[test]
    fn min_count_and_order() {
        let docs = ["Acme Widget Group met Bolt Systems Group. Acme Widget Group left."];
        let found = summary(&suggest(&docs, 2));
        assert_eq!(
            found,
            [("Acme Widget Group".into(), None, EntityType::Org, 2)]
        );
    }

    #[test]
    fn shouting_headlines_give_no_acronyms() {
        let found = summary(&suggest(
            &["CHINA WARNS OVER ARMS SALE", "The WHO and the WHO."],
            1,
        ));
        assert_eq!(found, [("WHO".into(), None, EntityType::Org, 2)]);
    }

    #[test]
    fn rows_are_valid_gazetteer_lines() {
        let s = &suggest(&["The Cyber Security Agency of Singapore (CSA) warned."], 1)[0];
        assert_eq!(s.id(), "org:cyber-security-agency-of-singapore");
        let row = s.to_row();
        let mut b = GazetteerBuilder::new();
        b.add_source("suggested.tsv", &row).unwrap();
        let g = b.build().unwrap();
        assert!(
            g.entity_by_id("org:cyber-security-agency-of-singapore")
                .is_some(),
            "{row}"
        );
    }
}
