//! Stage 4: graph. Counts which entities co-occur and builds an undirected, weighted graph.
//!
//! A [`CooccurrenceCounter`] takes one tagged document at a time, groups its mentions into
//! [windows](Window), and counts for every pair of distinct entities the number of windows that
//! mention both (each window counts a pair once) and the number of documents. The first few windows of
//! every pair are kept as evidence. [`CooccurrenceCounter::finish`] turns the counts into a
//! [`CooccurrenceGraph`] (a petgraph [`UnGraph`]) whose nodes are sorted by entity id and whose edges
//! are sorted by their endpoints' ids, so that the same input always gives the same graph.
//!
//! ```
//! use nergraph::{gazetteer::GazetteerBuilder, graph::{CooccurrenceCounter, Window}, tagger::Tagger, text::normalize};
//!
//! let mut builder = GazetteerBuilder::new();
//! builder.add_source("demo.tsv", "country:RU\tCOUNTRY\tRussia\ncountry:GB\tCOUNTRY\tUnited Kingdom\tUK\n")?;
//! let tagger = Tagger::new(builder.build()?)?;
//! let mut counter = CooccurrenceCounter::new(Window::Sentence);
//! let text = "Russia and the UK met. Russia left. The UK stayed.";
//! let normalized = normalize(text);
//! counter.add_document("doc.txt", &normalized, &tagger.tag_normalized(&normalized));
//! let graph = counter.finish(tagger.gazetteer());
//! assert_eq!(graph.node_count(), 2);
//! let edge = graph.edges().next().unwrap();
//! assert_eq!((edge.source.id.as_str(), edge.target.id.as_str(), edge.weight), ("country:GB", "country:RU", 1));
//! # Ok::<(), nergraph::Error>(())
//! ```

pub mod community;
mod counter;
pub mod partial;
mod weights;
mod window;

use std::collections::HashMap;
use std::sync::Arc;

use petgraph::graph::{NodeIndex, UnGraph};
use petgraph::visit::EdgeRef;
use serde::{Deserialize, Serialize};

use crate::gazetteer::EntityType;
pub use counter::{CooccurrenceCounter, DocumentInfo};
pub use partial::PartialGraph;
pub use weights::{Associations, WeightMeasure};
pub use window::{Window, WindowGroup};

/// How many windows of evidence an edge keeps by default.
pub const DEFAULT_EVIDENCE: usize = 3;

/// The longest evidence snippet, in characters.
const SNIPPET_CHARS: usize = 300;

/// A node of the graph: an entity and how often it was mentioned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityNode {
    /// The entity's stable id.
    pub id: String,
    /// Its canonical name.
    pub name: String,
    /// Its type.
    #[serde(rename = "type")]
    pub entity_type: EntityType,
    /// The number of mentions.
    pub mentions: u64,
    /// The number of documents that mention it.
    pub documents: u64,
    /// The number of windows that mention it (`n(a)` in [`weights`](WeightMeasure)).
    pub windows: u64,
    /// The texts it was found as, most frequent first (ties by text), with their counts.
    pub aliases_seen: Vec<SurfaceForm>,
    /// The earliest date of a document that mentions it, when documents have dates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_seen: Option<String>,
    /// The latest date of a document that mentions it, when documents have dates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_seen: Option<String>,
    /// The number of distinct sources that mention it, when documents have sources.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sources: Option<u64>,
}

/// A text that an entity was found as, and how often.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurfaceForm {
    /// The text, as normalised for matching (curly quotes folded, line breaks as spaces).
    pub text: String,
    /// The number of mentions with this text.
    pub count: u64,
}

/// Where two entities co-occurred.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// The document's name.
    pub doc: Arc<str>,
    /// The window's index in the document.
    pub window: usize,
    /// The window's byte offset in the document.
    pub start: usize,
    /// The window's end (exclusive).
    pub end: usize,
    /// The window's text, with white space collapsed and cut to a few hundred characters.
    pub text: String,
}

/// An edge of the graph: two entities that co-occur.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CooccurrenceEdge {
    /// The number of windows in which both entities are mentioned.
    pub weight: u64,
    /// The number of documents in which they co-occur.
    pub documents: u64,
    /// Association measures beside the count (see [`WeightMeasure`]).
    pub associations: Associations,
    /// The first windows in which they co-occur.
    pub evidence: Vec<Evidence>,
    /// The earliest date of a document in which they co-occur, when documents have dates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_seen: Option<String>,
    /// The latest date of a document in which they co-occur, when documents have dates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_seen: Option<String>,
    /// The number of distinct sources in which they co-occur, when documents have sources.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sources: Option<u64>,
}

impl CooccurrenceEdge {
    /// The value of `measure` for this edge.
    pub fn value(&self, measure: WeightMeasure) -> f64 {
        let a = &self.associations;
        match measure {
            WeightMeasure::Count => self.weight as f64,
            WeightMeasure::Pmi => a.pmi,
            WeightMeasure::Npmi => a.npmi,
            WeightMeasure::Jaccard => a.jaccard,
            WeightMeasure::Dice => a.dice,
            WeightMeasure::Association => a.assoc,
        }
    }
}

/// An edge with its endpoints, as returned by [`CooccurrenceGraph::edges`].
#[derive(Debug, Clone, Copy)]
pub struct EdgeView<'a> {
    /// The endpoint whose id sorts first.
    pub source: &'a EntityNode,
    /// The other endpoint.
    pub target: &'a EntityNode,
    /// The edge's counts and evidence.
    pub weight: u64,
    /// The edge itself.
    pub edge: &'a CooccurrenceEdge,
}

/// Communities as [`CooccurrenceGraph::communities`] returns them.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeCommunities {
    /// The community of each node, in node order; 0 is the largest community.
    pub labels: Vec<usize>,
    /// The number of communities in the whole graph.
    pub count: usize,
    /// The modularity of the partition of the whole graph.
    pub modularity: f64,
}

/// Communities found in the unfiltered graph, by node id.
#[derive(Debug)]
struct FoundCommunities {
    by_id: HashMap<String, usize>,
    count: usize,
    modularity: f64,
}

/// A window's text, white space collapsed, cut at a character boundary.
fn snippet(window_text: &str) -> String {
    let mut out = String::new();
    let mut chars = 0;
    for word in window_text.split_whitespace() {
        if chars > 0 {
            out.push(' ');
            chars += 1;
        }
        for c in word.chars() {
            if chars == SNIPPET_CHARS {
                let cut = out.trim_end().len();
                out.truncate(cut);
                out.push('…');
                return out;
            }
            out.push(c);
            chars += 1;
        }
    }
    out
}

/// Limits that make a graph readable.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GraphFilter {
    /// The measure that `min_weight` and `top_edges` use, and pictures show.
    pub measure: WeightMeasure,
    /// Keep edges whose measure is at least this.
    pub min_weight: Option<f64>,
    /// Keep nodes with at least this many mentions.
    pub min_mentions: u64,
    /// Keep only the N edges with the highest measure (ties: count, documents, then ids).
    pub top_edges: Option<usize>,
    /// Drop nodes left without edges.
    pub drop_isolated: bool,
}

/// An undirected co-occurrence graph of entities.
#[derive(Debug, Clone)]
pub struct CooccurrenceGraph {
    graph: UnGraph<EntityNode, CooccurrenceEdge>,
    window: Window,
    documents: usize,
    windows: u64,
    communities: Option<Arc<FoundCommunities>>,
}

impl CooccurrenceGraph {
    /// Builds a graph from nodes and `(source id, target id, edge)` triples, putting both in the
    /// canonical order. Edges whose endpoints are not among the nodes are dropped.
    pub fn from_parts(
        window: Window,
        documents: usize,
        mut nodes: Vec<EntityNode>,
        mut edges: Vec<(String, String, CooccurrenceEdge)>,
    ) -> Self {
        nodes.sort_by(|a, b| a.id.cmp(&b.id));
        for e in &mut edges {
            if e.0 > e.1 {
                std::mem::swap(&mut e.0, &mut e.1);
            }
        }
        edges.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
        let mut graph = UnGraph::with_capacity(nodes.len(), edges.len());
        let mut index: HashMap<String, NodeIndex> = HashMap::with_capacity(nodes.len());
        for node in nodes {
            let id = node.id.clone();
            index.insert(id, graph.add_node(node));
        }
        for (a, b, edge) in edges {
            if let (Some(&x), Some(&y)) = (index.get(&a), index.get(&b)) {
                graph.add_edge(x, y, edge);
            }
        }
        CooccurrenceGraph {
            graph,
            window,
            documents,
            windows: 0,
            communities: None,
        }
    }

    /// Sets the number of windows with entities (`N` in [`WeightMeasure`]).
    pub fn with_windows(mut self, windows: u64) -> Self {
        self.windows = windows;
        self
    }

    /// The number of windows that mention at least one entity.
    pub fn windows(&self) -> u64 {
        self.windows
    }

    /// The petgraph graph, for analyses of your own.
    pub fn graph(&self) -> &UnGraph<EntityNode, CooccurrenceEdge> {
        &self.graph
    }
    /// The window the graph was counted with.
    pub fn window(&self) -> Window {
        self.window
    }
    /// The number of documents counted.
    pub fn documents(&self) -> usize {
        self.documents
    }
    /// The number of nodes.
    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }
    /// The number of edges.
    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }
    /// The nodes, sorted by id.
    pub fn nodes(&self) -> impl Iterator<Item = &EntityNode> + '_ {
        self.graph.node_weights()
    }
    /// The edges, sorted by their endpoints' ids, the smaller id as the source.
    pub fn edges(&self) -> impl Iterator<Item = EdgeView<'_>> + '_ {
        self.graph.edge_references().map(|e| {
            let (a, b) = (&self.graph[e.source()], &self.graph[e.target()]);
            let (source, target) = if a.id <= b.id { (a, b) } else { (b, a) };
            EdgeView {
                source,
                target,
                weight: e.weight().weight,
                edge: e.weight(),
            }
        })
    }

    /// The `n` most connected nodes (by weighted degree, then mentions, then id) and the edges
    /// among them; the whole graph when it has `n` nodes or fewer. For pictures of large graphs.
    pub fn strongest(&self, n: usize) -> CooccurrenceGraph {
        if self.node_count() <= n {
            return self.clone();
        }
        let mut degree: HashMap<&str, u64> = HashMap::new();
        for e in self.edges() {
            *degree.entry(&e.source.id).or_default() += e.weight;
            *degree.entry(&e.target.id).or_default() += e.weight;
        }
        let mut ranked: Vec<&EntityNode> = self.nodes().collect();
        ranked.sort_by(|a, b| {
            let key =
                |x: &EntityNode| (degree.get(x.id.as_str()).copied().unwrap_or(0), x.mentions);
            key(b).cmp(&key(a)).then_with(|| a.id.cmp(&b.id))
        });
        ranked.truncate(n);
        let kept: std::collections::HashSet<&str> = ranked.iter().map(|x| x.id.as_str()).collect();
        let nodes = ranked.into_iter().cloned().collect();
        let edges = self
            .edges()
            .filter(|e| kept.contains(e.source.id.as_str()) && kept.contains(e.target.id.as_str()))
            .map(|e| (e.source.id.clone(), e.target.id.clone(), e.edge.clone()))
            .collect();
        CooccurrenceGraph::from_parts(self.window, self.documents, nodes, edges)
            .with_windows(self.windows)
            .keeping_communities_of(self)
    }

    /// The community of each node (in [`nodes`](Self::nodes) order), the number of communities and
    /// their modularity.
    ///
    /// Communities are found once, with Louvain on the co-occurrence counts, in the graph that
    /// [`CooccurrenceCounter::finish`] returns, and kept by filters, so a filtered graph shows the
    /// communities of the whole corpus. A graph made directly with [`from_parts`](Self::from_parts)
    /// finds its own.
    pub fn communities(&self) -> NodeCommunities {
        match &self.communities {
            Some(found) => NodeCommunities {
                labels: self.nodes().map(|n| found.by_id[n.id.as_str()]).collect(),
                count: found.count,
                modularity: found.modularity,
            },
            None => {
                let c = community::louvain(self, |e| e.weight as f64);
                NodeCommunities {
                    labels: c.labels().to_vec(),
                    count: c.len(),
                    modularity: c.modularity(),
                }
            }
        }
    }

    /// Keeps `whole`'s communities (for a graph made from it by a filter).
    fn keeping_communities_of(mut self, whole: &CooccurrenceGraph) -> Self {
        self.communities = whole.communities.clone();
        self
    }

    /// Sets communities found before (as read back from a graph.json): a label per node id.
    pub(crate) fn with_known_communities(
        mut self,
        by_id: HashMap<String, usize>,
        count: usize,
        modularity: f64,
    ) -> Self {
        self.communities = Some(Arc::new(FoundCommunities {
            by_id,
            count,
            modularity,
        }));
        self
    }

    /// Finds the communities and keeps them for the graphs that filters make from this one.
    fn with_communities(mut self) -> Self {
        let c = community::louvain(&self, |e| e.weight as f64);
        let by_id = self
            .nodes()
            .map(|n| n.id.clone())
            .zip(c.labels().iter().copied())
            .collect();
        self.communities = Some(Arc::new(FoundCommunities {
            by_id,
            count: c.len(),
            modularity: c.modularity(),
        }));
        self
    }

    /// Applies `filter` and returns the smaller graph.
    pub fn filtered(&self, filter: &GraphFilter) -> CooccurrenceGraph {
        let keep_node = |n: &EntityNode| n.mentions >= filter.min_mentions;
        let mut edges: Vec<EdgeView<'_>> = self
            .edges()
            .filter(|e| {
                filter
                    .min_weight
                    .is_none_or(|min| e.edge.value(filter.measure) >= min)
            })
            .filter(|e| keep_node(e.source) && keep_node(e.target))
            .collect();
        if let Some(top) = filter.top_edges {
            let measure = filter.measure;
            edges.sort_by(|a, b| {
                b.edge
                    .value(measure)
                    .total_cmp(&a.edge.value(measure))
                    .then_with(|| (b.weight, b.edge.documents).cmp(&(a.weight, a.edge.documents)))
                    .then_with(|| (&a.source.id, &a.target.id).cmp(&(&b.source.id, &b.target.id)))
            });
            edges.truncate(top);
        }
        let connected: std::collections::HashSet<&str> = edges
            .iter()
            .flat_map(|e| [e.source.id.as_str(), e.target.id.as_str()])
            .collect();
        let nodes = self
            .nodes()
            .filter(|n| {
                keep_node(n) && (!filter.drop_isolated || connected.contains(n.id.as_str()))
            })
            .cloned()
            .collect();
        let edges = edges
            .into_iter()
            .map(|e| (e.source.id.clone(), e.target.id.clone(), e.edge.clone()))
            .collect();
        CooccurrenceGraph::from_parts(self.window, self.documents, nodes, edges)
            .with_windows(self.windows)
            .keeping_communities_of(self)
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod snippet_tests {
    use super::*;

    #[test]
    fn snippets_collapse_space_and_cut_long_windows() {
        assert_eq!(snippet("  a\n b\t\tc "), "a b c");
        let long = "word ".repeat(100);
        let cut = snippet(&long);
        assert_eq!(cut.chars().count(), SNIPPET_CHARS);
        assert!(cut.ends_with("word…"), "{cut}");
        assert_eq!(snippet(&"é".repeat(400)).chars().count(), SNIPPET_CHARS + 1);
    }
}
