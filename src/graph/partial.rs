//! Partial results: the counts of one part of a corpus, which merge into the graph of the whole.
//!
//! `nergraph build --partial` writes a [`PartialGraph`] as JSON (`partial.json`) instead of the graph
//! files, and `nergraph merge` reads several, [merges](PartialGraph::merge) them in the order given and
//! [finishes](PartialGraph::finish) the result. A partial graph holds counts, never normalised
//! weights: the association measures need the totals of the whole corpus and are computed by
//! `finish`. Merging the parts of a corpus in corpus order gives exactly the graph of a single run
//! over the whole corpus, evidence included.
//!
//! The JSON is an object with `format` (`"nergraph-partial"`), `version` (1), `window`,
//! `evidence_limit`, `documents`, `windows` (windows with at least one entity), `gazetteers` (the
//! sources loaded), `nodes` (id, name, type, mentions, documents, windows, aliases_seen, and
//! first_seen, last_seen and sources when documents had dates and sources) and `edges` (source,
//! target, weight, documents, evidence, first_seen, last_seen, sources).

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::weights::PairCounts;
use super::{CooccurrenceEdge, CooccurrenceGraph, EntityNode, Evidence, SurfaceForm, Window};
use crate::error::{Error, Result};
use crate::gazetteer::EntityType;

/// The value of `format` in a partial result file.
pub const PARTIAL_FORMAT: &str = "nergraph-partial";

/// The version of the partial result format this build reads and writes.
pub const PARTIAL_VERSION: u32 = 1;

/// The counts of one part of a corpus. See the [module docs](self).
#[derive(Debug, Clone, PartialEq)]
pub struct PartialGraph {
    /// The co-occurrence window.
    pub window: Window,
    /// Windows of evidence kept per edge.
    pub evidence_limit: usize,
    /// Documents counted.
    pub documents: usize,
    /// Windows with at least one entity.
    pub windows: u64,
    /// The gazetteer sources the part was tagged with.
    pub gazetteers: Vec<String>,
    /// Entities, sorted by id.
    pub nodes: Vec<PartialNode>,
    /// Pairs, sorted by (source, target), with source < target.
    pub edges: Vec<PartialEdge>,
}

/// An entity's counts in a [`PartialGraph`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartialNode {
    /// The entity's id.
    pub id: String,
    /// Its canonical name.
    pub name: String,
    /// Its type.
    #[serde(rename = "type")]
    pub entity_type: EntityType,
    /// Mentions.
    pub mentions: u64,
    /// Documents that mention it.
    pub documents: u64,
    /// Windows that mention it.
    pub windows: u64,
    /// The texts it was found as, sorted by text.
    pub aliases_seen: Vec<SurfaceForm>,
    /// The earliest date of a document that mentions it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_seen: Option<String>,
    /// The latest date of a document that mentions it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_seen: Option<String>,
    /// The sources of the documents that mention it, sorted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
}

/// A pair's counts in a [`PartialGraph`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartialEdge {
    /// The endpoint whose id sorts first.
    pub source: String,
    /// The other endpoint.
    pub target: String,
    /// Windows that mention both.
    pub weight: u64,
    /// Documents in which they co-occur.
    pub documents: u64,
    /// The first windows in which they co-occur, in corpus order.
    pub evidence: Vec<Evidence>,
    /// The earliest date of a document in which they co-occur.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_seen: Option<String>,
    /// The latest date of a document in which they co-occur.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_seen: Option<String>,
    /// The sources of the documents in which they co-occur, sorted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
}

/// The file layout of a [`PartialGraph`].
#[derive(Serialize, Deserialize)]
struct PartialFile {
    format: String,
    version: u32,
    window: String,
    evidence_limit: usize,
    documents: usize,
    windows: u64,
    gazetteers: Vec<String>,
    nodes: Vec<PartialNode>,
    edges: Vec<PartialEdge>,
}

fn min_date(a: Option<String>, b: Option<String>) -> Option<String> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

fn max_date(a: Option<String>, b: Option<String>) -> Option<String> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

fn union(a: Vec<String>, b: Vec<String>) -> Vec<String> {
    a.into_iter()
        .chain(b)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect()
}

impl PartialGraph {
    /// Adds the counts of `later`, the partial graph of the documents that follow this one's.
    ///
    /// Fails when the two were counted with different windows, evidence limits or gazetteers, or
    /// give one entity id different names or types.
    pub fn merge(&mut self, later: PartialGraph) -> Result<()> {
        let mismatch = |what: &str, mine: String, theirs: String| {
            Err(Error::Config(format!(
                "cannot merge partial results counted with different {what}: {mine} and {theirs}"
            )))
        };
        if self.window != later.window {
            return mismatch("windows", self.window.to_string(), later.window.to_string());
        }
        if self.evidence_limit != later.evidence_limit {
            return mismatch(
                "evidence limits",
                self.evidence_limit.to_string(),
                later.evidence_limit.to_string(),
            );
        }
        if self.gazetteers != later.gazetteers {
            return mismatch(
                "gazetteers",
                self.gazetteers.join(", "),
                later.gazetteers.join(", "),
            );
        }
        self.documents += later.documents;
        self.windows += later.windows;

        let mut nodes: BTreeMap<String, PartialNode> = std::mem::take(&mut self.nodes)
            .into_iter()
            .map(|n| (n.id.clone(), n))
            .collect();
        for node in later.nodes {
            let Some(mine) = nodes.get_mut(&node.id) else {
                nodes.insert(node.id.clone(), node);
                continue;
            };
            if mine.name != node.name || mine.entity_type != node.entity_type {
                return Err(Error::Config(format!(
                    "cannot merge partial results: entity {} is {:?} ({}) in one and {:?} ({}) in another",
                    node.id, mine.name, mine.entity_type, node.name, node.entity_type
                )));
            }
            mine.mentions += node.mentions;
            mine.documents += node.documents;
            mine.windows += node.windows;
            let mut forms: BTreeMap<String, u64> = std::mem::take(&mut mine.aliases_seen)
                .into_iter()
                .map(|f| (f.text, f.count))
                .collect();
            for f in node.aliases_seen {
                *forms.entry(f.text).or_default() += f.count;
            }
            mine.aliases_seen = forms
                .into_iter()
                .map(|(text, count)| SurfaceForm { text, count })
                .collect();
            mine.first_seen = min_date(mine.first_seen.take(), node.first_seen);
            mine.last_seen = max_date(mine.last_seen.take(), node.last_seen);
            mine.sources = union(std::mem::take(&mut mine.sources), node.sources);
        }
        self.nodes = nodes.into_values().collect();

        let mut edges: BTreeMap<(String, String), PartialEdge> = std::mem::take(&mut self.edges)
            .into_iter()
            .map(|e| ((e.source.clone(), e.target.clone()), e))
            .collect();
        for edge in later.edges {
            let key = (edge.source.clone(), edge.target.clone());
            let Some(mine) = edges.get_mut(&key) else {
                edges.insert(key, edge);
                continue;
            };
            mine.weight += edge.weight;
            mine.documents += edge.documents;
            let room = self.evidence_limit.saturating_sub(mine.evidence.len());
            mine.evidence.extend(edge.evidence.into_iter().take(room));
            mine.first_seen = min_date(mine.first_seen.take(), edge.first_seen);
            mine.last_seen = max_date(mine.last_seen.take(), edge.last_seen);
            mine.sources = union(std::mem::take(&mut mine.sources), edge.sources);
        }
        self.edges = edges.into_values().collect();
        Ok(())
    }

    /// Computes the association measures and builds the graph, with its communities.
    pub fn finish(self) -> CooccurrenceGraph {
        // Weighted degrees and the total weight, for the association strength.
        let mut strength: BTreeMap<&str, u64> = BTreeMap::new();
        let mut total_weight = 0;
        for e in &self.edges {
            *strength.entry(&e.source).or_default() += e.weight;
            *strength.entry(&e.target).or_default() += e.weight;
            total_weight += e.weight;
        }
        let windows_of: BTreeMap<&str, u64> = self
            .nodes
            .iter()
            .map(|n| (n.id.as_str(), n.windows))
            .collect();
        let edges: Vec<(String, String, CooccurrenceEdge)> = self
            .edges
            .iter()
            .map(|e| {
                let associations = PairCounts {
                    both: e.weight,
                    windows_a: windows_of.get(e.source.as_str()).copied().unwrap_or(0),
                    windows_b: windows_of.get(e.target.as_str()).copied().unwrap_or(0),
                    windows: self.windows,
                    strength_a: strength[e.source.as_str()],
                    strength_b: strength[e.target.as_str()],
                    total_weight,
                }
                .associations();
                let edge = CooccurrenceEdge {
                    weight: e.weight,
                    documents: e.documents,
                    associations,
                    evidence: e.evidence.clone(),
                    first_seen: e.first_seen.clone(),
                    last_seen: e.last_seen.clone(),
                    sources: (!e.sources.is_empty()).then_some(e.sources.len() as u64),
                };
                (e.source.clone(), e.target.clone(), edge)
            })
            .collect();
        let nodes = self
            .nodes
            .into_iter()
            .map(|n| {
                let mut aliases_seen = n.aliases_seen;
                aliases_seen
                    .sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.text.cmp(&b.text)));
                EntityNode {
                    id: n.id,
                    name: n.name,
                    entity_type: n.entity_type,
                    mentions: n.mentions,
                    documents: n.documents,
                    windows: n.windows,
                    aliases_seen,
                    first_seen: n.first_seen,
                    last_seen: n.last_seen,
                    sources: (!n.sources.is_empty()).then_some(n.sources.len() as u64),
                }
            })
            .collect();
        CooccurrenceGraph::from_parts(self.window, self.documents, nodes, edges)
            .with_windows(self.windows)
            .with_communities()
    }

    /// The partial graph as JSON (see the [module docs](self)).
    pub fn to_json(&self) -> String {
        let file = PartialFile {
            format: PARTIAL_FORMAT.to_owned(),
            version: PARTIAL_VERSION,
            window: self.window.to_string(),
            evidence_limit: self.evidence_limit,
            documents: self.documents,
            windows: self.windows,
            gazetteers: self.gazetteers.clone(),
            nodes: self.nodes.clone(),
            edges: self.edges.clone(),
        };
        let mut json = serde_json::to_string(&file).expect("partial graphs serialize");
        json.push('\n');
        json
    }

    /// Reads a partial graph written by [`to_json`](Self::to_json); `name` names the file in errors.
    pub fn from_json(name: &str, json: &str) -> Result<PartialGraph> {
        let invalid = |message: String| Error::Input {
            path: name.into(),
            message,
        };
        let file: PartialFile = serde_json::from_str(json)
            .map_err(|e| invalid(format!("not a nergraph partial result: {e}")))?;
        if file.format != PARTIAL_FORMAT {
            return Err(invalid(format!(
                "not a nergraph partial result (format {:?})",
                file.format
            )));
        }
        if file.version != PARTIAL_VERSION {
            return Err(invalid(format!(
                "partial result version {} (this nergraph reads version {PARTIAL_VERSION})",
                file.version
            )));
        }
        let window: Window = file
            .window
            .parse()
            .map_err(|e: Error| invalid(e.to_string()))?;
        Ok(PartialGraph {
            window,
            evidence_limit: file.evidence_limit,
            documents: file.documents,
            windows: file.windows,
            gazetteers: file.gazetteers,
            nodes: file.nodes,
            edges: file.edges,
        })
    }
}
