//! Counting co-occurrences, one document at a time, in counters that can be merged.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use super::partial::{PartialEdge, PartialGraph, PartialNode};
use super::{snippet, CooccurrenceGraph, Evidence, SurfaceForm, Window, DEFAULT_EVIDENCE};
use crate::gazetteer::{EntityId, Gazetteer};
use crate::tagger::Mention;
use crate::text::NormalizedText;

/// What the counter records about a document besides its text: its name, and its date and source
/// when the input has them.
#[derive(Debug, Clone, Copy, Default)]
pub struct DocumentInfo<'a> {
    /// The document's name, as evidence shows it.
    pub name: &'a str,
    /// The day it was published, `YYYY-MM-DD`.
    pub date: Option<&'a str>,
    /// The outlet or site it comes from.
    pub source: Option<&'a str>,
}

/// First and last dates and the sources of the documents an entity or a pair was seen in.
#[derive(Debug, Default, Clone)]
pub(super) struct Seen {
    pub(super) first: Option<Arc<str>>,
    pub(super) last: Option<Arc<str>>,
    pub(super) sources: BTreeSet<Arc<str>>,
}

impl Seen {
    fn add(&mut self, date: Option<&Arc<str>>, source: Option<&Arc<str>>) {
        if let Some(date) = date {
            if self.first.as_ref().is_none_or(|f| date < f) {
                self.first = Some(date.clone());
            }
            if self.last.as_ref().is_none_or(|l| date > l) {
                self.last = Some(date.clone());
            }
        }
        if let Some(source) = source {
            if !self.sources.contains(source) {
                self.sources.insert(source.clone());
            }
        }
    }

    fn merge(&mut self, other: Seen) {
        self.add(other.first.as_ref(), None);
        self.add(other.last.as_ref(), None);
        self.sources.extend(other.sources);
    }
}

#[derive(Debug, Default)]
struct NodeCounts {
    mentions: u64,
    documents: u64,
    windows: u64,
    last_document: Option<usize>,
    surface_forms: HashMap<String, u64>,
    seen: Seen,
}

#[derive(Debug, Default)]
struct EdgeCounts {
    weight: u64,
    documents: u64,
    last_document: Option<usize>,
    evidence: Vec<Evidence>,
    seen: Seen,
}

/// Counts co-occurrences document by document.
///
/// Counters of consecutive parts of a corpus can be [merged](CooccurrenceCounter::merge): counting
/// documents in parallel batches and merging the counters in corpus order gives exactly the counts
/// of a single pass.
#[derive(Debug)]
pub struct CooccurrenceCounter {
    window: Window,
    evidence_limit: usize,
    documents: usize,
    windows: u64,
    nodes: HashMap<EntityId, NodeCounts>,
    edges: HashMap<(EntityId, EntityId), EdgeCounts>,
}

impl CooccurrenceCounter {
    /// A counter for the given window, keeping [`DEFAULT_EVIDENCE`] windows of evidence per edge.
    pub fn new(window: Window) -> Self {
        CooccurrenceCounter {
            window,
            evidence_limit: DEFAULT_EVIDENCE,
            documents: 0,
            windows: 0,
            nodes: HashMap::new(),
            edges: HashMap::new(),
        }
    }

    /// Sets how many windows of evidence each edge keeps (0 for none).
    pub fn evidence_limit(mut self, limit: usize) -> Self {
        self.evidence_limit = limit;
        self
    }

    /// The window in use.
    pub fn window(&self) -> Window {
        self.window
    }

    /// The number of documents added so far.
    pub fn documents(&self) -> usize {
        self.documents
    }

    /// The number of distinct entities and of linked pairs counted so far.
    pub fn size(&self) -> (usize, usize) {
        (self.nodes.len(), self.edges.len())
    }

    /// Adds a tagged document without date or source. `mentions` must come from tagging `text`,
    /// in order.
    pub fn add_document(&mut self, name: &str, text: &NormalizedText<'_>, mentions: &[Mention]) {
        self.add(
            DocumentInfo {
                name,
                ..DocumentInfo::default()
            },
            text,
            mentions,
        );
    }

    /// Adds a tagged document. `mentions` must come from tagging `text`, in order.
    pub fn add(&mut self, info: DocumentInfo<'_>, text: &NormalizedText<'_>, mentions: &[Mention]) {
        let doc = self.documents;
        self.documents += 1;
        let date: Option<Arc<str>> = info.date.map(Arc::from);
        let source: Option<Arc<str>> = info.source.map(Arc::from);
        for m in mentions {
            let counts = self.nodes.entry(m.entity).or_default();
            counts.mentions += 1;
            let surface = text.as_str()[m.normalized_span.clone()]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            *counts.surface_forms.entry(surface).or_default() += 1;
            if counts.last_document != Some(doc) {
                counts.last_document = Some(doc);
                counts.documents += 1;
                counts.seen.add(date.as_ref(), source.as_ref());
            }
        }
        if mentions.is_empty() {
            return;
        }
        let name: Arc<str> = Arc::from(info.name);
        for group in self.window.group(text, mentions) {
            self.windows += 1;
            for entity in &group.entities {
                if let Some(counts) = self.nodes.get_mut(entity) {
                    counts.windows += 1;
                }
            }
            let pairs: Vec<(EntityId, EntityId)> = match group.anchor {
                Some(anchor) => group
                    .entities
                    .iter()
                    .filter(|&&e| e != anchor)
                    .map(|&e| (anchor.min(e), anchor.max(e)))
                    .collect(),
                None => group
                    .entities
                    .iter()
                    .enumerate()
                    .flat_map(|(i, &a)| group.entities[i + 1..].iter().map(move |&b| (a, b)))
                    .collect(),
            };
            for pair in pairs {
                let counts = self.edges.entry(pair).or_default();
                counts.weight += 1;
                if counts.last_document != Some(doc) {
                    counts.last_document = Some(doc);
                    counts.documents += 1;
                    counts.seen.add(date.as_ref(), source.as_ref());
                }
                if counts.evidence.len() < self.evidence_limit {
                    counts.evidence.push(Evidence {
                        doc: name.clone(),
                        window: group.index,
                        start: group.span.start,
                        end: group.span.end,
                        text: snippet(&text.as_str()[group.normalized_span.clone()]),
                    });
                }
            }
        }
    }

    /// Adds the counts of `later`, a counter of the documents that follow this counter's in the
    /// corpus. Both must use the same window and gazetteer; the evidence limit is this counter's.
    pub fn merge(&mut self, later: CooccurrenceCounter) {
        debug_assert_eq!(self.window, later.window);
        // Document numbers only tell documents apart within one counter; `later`'s are shifted
        // past this counter's so that a document is never taken for one counted here.
        let offset = self.documents;
        self.documents += later.documents;
        self.windows += later.windows;
        for (id, counts) in later.nodes {
            let mine = self.nodes.entry(id).or_default();
            mine.mentions += counts.mentions;
            mine.documents += counts.documents;
            mine.windows += counts.windows;
            mine.last_document = counts.last_document.map(|d| d + offset);
            for (text, n) in counts.surface_forms {
                *mine.surface_forms.entry(text).or_default() += n;
            }
            mine.seen.merge(counts.seen);
        }
        for (pair, counts) in later.edges {
            let mine = self.edges.entry(pair).or_default();
            mine.weight += counts.weight;
            mine.documents += counts.documents;
            mine.last_document = counts.last_document.map(|d| d + offset);
            let room = self.evidence_limit.saturating_sub(mine.evidence.len());
            mine.evidence.extend(counts.evidence.into_iter().take(room));
            mine.seen.merge(counts.seen);
        }
    }

    /// The counts as a [`PartialGraph`], which can be saved, merged with the partial graphs of
    /// other parts of the corpus, and finished into the same graph.
    pub fn into_partial(self, gazetteer: &Gazetteer) -> PartialGraph {
        let id = |e: EntityId| gazetteer.entity(e).id().to_owned();
        let mut nodes: Vec<PartialNode> = self
            .nodes
            .into_iter()
            .map(|(entity_id, counts)| {
                let entity = gazetteer.entity(entity_id);
                let mut aliases_seen: Vec<SurfaceForm> = counts
                    .surface_forms
                    .into_iter()
                    .map(|(text, count)| SurfaceForm { text, count })
                    .collect();
                aliases_seen.sort_by(|a, b| a.text.cmp(&b.text));
                PartialNode {
                    id: entity.id().to_owned(),
                    name: entity.name().to_owned(),
                    entity_type: entity.entity_type(),
                    mentions: counts.mentions,
                    documents: counts.documents,
                    windows: counts.windows,
                    aliases_seen,
                    first_seen: counts.seen.first.map(|s| s.to_string()),
                    last_seen: counts.seen.last.map(|s| s.to_string()),
                    sources: counts.seen.sources.iter().map(|s| s.to_string()).collect(),
                }
            })
            .collect();
        nodes.sort_by(|a, b| a.id.cmp(&b.id));
        let mut edges: Vec<PartialEdge> = self
            .edges
            .into_iter()
            .map(|((a, b), counts)| {
                let (a, b) = (id(a), id(b));
                let (source, target) = if a <= b { (a, b) } else { (b, a) };
                PartialEdge {
                    source,
                    target,
                    weight: counts.weight,
                    documents: counts.documents,
                    evidence: counts.evidence,
                    first_seen: counts.seen.first.map(|s| s.to_string()),
                    last_seen: counts.seen.last.map(|s| s.to_string()),
                    sources: counts.seen.sources.iter().map(|s| s.to_string()).collect(),
                }
            })
            .collect();
        edges.sort_by(|x, y| (&x.source, &x.target).cmp(&(&y.source, &y.target)));
        PartialGraph {
            window: self.window,
            evidence_limit: self.evidence_limit,
            documents: self.documents,
            windows: self.windows,
            gazetteers: gazetteer.sources().to_vec(),
            nodes,
            edges,
        }
    }

    /// Builds the graph, with nodes sorted by id and edges by their endpoints' ids.
    pub fn finish(self, gazetteer: &Gazetteer) -> CooccurrenceGraph {
        self.into_partial(gazetteer).finish()
    }
}
