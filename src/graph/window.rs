//! Co-occurrence windows.

use std::fmt;
use std::ops::Range;
use std::str::FromStr;

use crate::error::Error;
use crate::gazetteer::EntityId;
use crate::tagger::Mention;
use crate::text::{count_words, paragraphs, sentences, NormalizedText};

/// The stretch of text within which two entities count as co-occurring.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Window {
    /// The same sentence (the default).
    #[default]
    Sentence,
    /// The same paragraph.
    Paragraph,
    /// The same document.
    Document,
    /// Within N words: a window starts at each mention and reaches N words further; it links that
    /// mention's entity with every other entity mentioned in it.
    Tokens(usize),
}

impl fmt::Display for Window {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Window::Sentence => f.write_str("sentence"),
            Window::Paragraph => f.write_str("paragraph"),
            Window::Document => f.write_str("document"),
            Window::Tokens(n) => write!(f, "tokens:{n}"),
        }
    }
}

impl FromStr for Window {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        match s {
            "sentence" => Ok(Window::Sentence),
            "paragraph" => Ok(Window::Paragraph),
            "document" => Ok(Window::Document),
            _ => {
                let n = s
                    .strip_prefix("tokens:")
                    .and_then(|n| n.parse::<usize>().ok())
                    .filter(|&n| n > 0);
                n.map(Window::Tokens).ok_or_else(|| {
                    Error::Config(format!(
                        "invalid window {s:?}: expected sentence, paragraph, document or tokens:N with N > 0"
                    ))
                })
            }
        }
    }
}

/// One window of a document with the entities mentioned in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WindowGroup {
    /// The window's index in its document (sentence number, paragraph number, or mention number
    /// for token windows), counting from 0.
    pub index: usize,
    /// The window's byte span in the original text.
    pub span: Range<usize>,
    /// The window's byte span in the normalised text.
    pub normalized_span: Range<usize>,
    /// For token windows, the entity whose mention opened the window; `None` otherwise.
    pub anchor: Option<EntityId>,
    /// The distinct entities mentioned in the window, sorted.
    pub entities: Vec<EntityId>,
}

impl Window {
    /// Groups a document's mentions (sorted by position) into windows that mention at least one
    /// entity.
    pub fn group(self, text: &NormalizedText<'_>, mentions: &[Mention]) -> Vec<WindowGroup> {
        let norm = text.as_str();
        let spans: Vec<Range<usize>> = match self {
            #[allow(clippy::single_range_in_vec_init)]
            Window::Document => vec![0..norm.len()],
            Window::Paragraph => paragraphs(norm),
            Window::Sentence => paragraphs(norm)
                .into_iter()
                .flat_map(|p| sentences(norm, p))
                .collect(),
            Window::Tokens(n) => return token_windows(text, mentions, n),
        };
        let mut groups: Vec<WindowGroup> = Vec::new();
        for m in mentions {
            // The window that holds the mention's start; a mention between windows (in white space
            // that segmentation trimmed) belongs to the window before it.
            let at = spans
                .partition_point(|s| s.start <= m.normalized_span.start)
                .saturating_sub(1);
            match groups.last_mut() {
                Some(g) if g.index == at => g.entities.push(m.entity),
                _ => {
                    let span = spans.get(at).cloned().unwrap_or(0..norm.len());
                    groups.push(WindowGroup {
                        index: at,
                        span: text.original_span(span.clone()),
                        normalized_span: span,
                        anchor: None,
                        entities: vec![m.entity],
                    });
                }
            }
        }
        for g in &mut groups {
            g.entities.sort_unstable();
            g.entities.dedup();
        }
        groups
    }
}

fn token_windows(text: &NormalizedText<'_>, mentions: &[Mention], n: usize) -> Vec<WindowGroup> {
    let norm = text.as_str();
    // The word index at which each mention starts.
    let mut word_at = Vec::with_capacity(mentions.len());
    let (mut words, mut last) = (0, 0);
    for m in mentions {
        words += count_words(&norm[last..m.normalized_span.start]);
        last = m.normalized_span.start;
        word_at.push(words);
    }
    let mut groups = Vec::with_capacity(mentions.len());
    for (i, m) in mentions.iter().enumerate() {
        let reach = mentions[i..]
            .iter()
            .zip(&word_at[i..])
            .take_while(|(_, &w)| w - word_at[i] <= n)
            .count();
        let inside = &mentions[i..i + reach];
        let mut entities: Vec<EntityId> = inside.iter().map(|x| x.entity).collect();
        entities.sort_unstable();
        entities.dedup();
        let end = inside
            .iter()
            .map(|x| x.normalized_span.end)
            .max()
            .unwrap_or(m.normalized_span.end);
        groups.push(WindowGroup {
            index: i,
            span: text.original_span(m.normalized_span.start..end),
            normalized_span: m.normalized_span.start..end,
            anchor: Some(m.entity),
            entities,
        });
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints() {
        for (text, window) in [
            ("sentence", Window::Sentence),
            ("paragraph", Window::Paragraph),
            ("document", Window::Document),
            ("tokens:5", Window::Tokens(5)),
        ] {
            assert_eq!(text.parse::<Window>().unwrap(), window);
            assert_eq!(window.to_string(), text);
        }
        for bad in ["", "tokens:", "tokens:0", "tokens:x", "line"] {
            let err = bad.parse::<Window>().unwrap_err().to_string();
            assert!(err.starts_with("invalid window"), "{bad}: {err}");
        }
    }
}
