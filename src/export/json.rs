//! Node-link JSON, as read by `networkx.node_link_graph`.
//!
//! The file is one JSON object:
//!
//! ```text
//! {
//!   "directed": false,
//!   "multigraph": false,
//!   "graph": { "nergraph_version", "window", "documents", "gazetteers", "filter": {...}, "windows",
//!              "communities", "modularity" },
//!   "nodes": [ { "id", "name", "type", "mentions", "documents", "windows", "aliases_seen",
//!                ["first_seen", "last_seen", "sources",] "community" }, ... ],
//!   "edges": [ { "source", "target", "weight", "documents", "pmi", "npmi", "jaccard", "dice", "assoc",
//!                ["first_seen", "last_seen", "sources",]
//!                "evidence": [ { "doc", "window", "start", "end", "text" }, ... ] }, ... ]
//! }
//! ```
//!
//! `first_seen` and `last_seen` (`YYYY-MM-DD`) and `sources` (the number of distinct sources) appear
//! only when the input gives documents dates and sources (JSON Lines or CSV corpora).
//!
//! Nodes are sorted by `id`; edges by `source` then `target`, with `source < target`. The edge list is
//! under `edges`, the default of networkx 3.6 (`nx.node_link_graph(data)`); networkx 3.4 and 3.5 need
//! `nx.node_link_graph(data, edges="edges")`.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::Metadata;
use crate::error::{Error, Result};
use crate::graph::{
    Associations, CooccurrenceEdge, CooccurrenceGraph, EntityNode, Evidence, Window,
};

#[derive(Serialize)]
struct NodeLink<'a> {
    directed: bool,
    multigraph: bool,
    graph: GraphInfo<'a>,
    nodes: Vec<JsonNode<'a>>,
    edges: Vec<JsonEdge<'a>>,
}

#[derive(Serialize)]
struct GraphInfo<'a> {
    #[serde(flatten)]
    metadata: &'a Metadata,
    windows: u64,
    communities: usize,
    modularity: f64,
}

#[derive(Serialize)]
struct JsonNode<'a> {
    #[serde(flatten)]
    node: &'a EntityNode,
    community: usize,
}

#[derive(Serialize)]
struct JsonEdge<'a> {
    source: &'a str,
    target: &'a str,
    weight: u64,
    documents: u64,
    #[serde(flatten)]
    associations: &'a Associations,
    #[serde(skip_serializing_if = "Option::is_none")]
    first_seen: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_seen: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sources: Option<u64>,
    evidence: &'a [Evidence],
}

/// Serialises `graph` as pretty-printed node-link JSON, ending with a newline.
pub fn to_json(graph: &CooccurrenceGraph, metadata: &Metadata) -> String {
    let communities = graph.communities();
    let doc = NodeLink {
        directed: false,
        multigraph: false,
        graph: GraphInfo {
            metadata,
            windows: graph.windows(),
            communities: communities.count,
            modularity: communities.modularity,
        },
        nodes: graph
            .nodes()
            .zip(&communities.labels)
            .map(|(node, &community)| JsonNode { node, community })
            .collect(),
        edges: graph
            .edges()
            .map(|e| JsonEdge {
                source: &e.source.id,
                target: &e.target.id,
                weight: e.weight,
                documents: e.edge.documents,
                associations: &e.edge.associations,
                first_seen: e.edge.first_seen.as_deref(),
                last_seen: e.edge.last_seen.as_deref(),
                sources: e.edge.sources,
                evidence: &e.edge.evidence,
            })
            .collect(),
    };
    let mut out = serde_json::to_string_pretty(&doc).expect("graph data always serialises");
    out.push('\n');
    out
}

#[derive(Deserialize)]
struct NodeLinkIn {
    graph: GraphInfoIn,
    nodes: Vec<JsonNodeIn>,
    edges: Vec<JsonEdgeIn>,
}

#[derive(Deserialize)]
struct GraphInfoIn {
    #[serde(flatten)]
    metadata: Metadata,
    windows: u64,
    communities: usize,
    modularity: f64,
}

#[derive(Deserialize)]
struct JsonNodeIn {
    #[serde(flatten)]
    node: EntityNode,
    community: usize,
}

#[derive(Deserialize)]
struct JsonEdgeIn {
    source: String,
    target: String,
    weight: u64,
    documents: u64,
    #[serde(flatten)]
    associations: Associations,
    #[serde(default)]
    first_seen: Option<String>,
    #[serde(default)]
    last_seen: Option<String>,
    #[serde(default)]
    sources: Option<u64>,
    evidence: Vec<Evidence>,
}

/// Reads back a graph written by [`to_json`], with its metadata and communities.
///
/// ```
/// # use nergraph::{export::{json, Metadata}, graph::{CooccurrenceGraph, GraphFilter, Window}};
/// let graph = CooccurrenceGraph::from_parts(Window::Sentence, 0, Vec::new(), Vec::new());
/// let metadata = Metadata {
///     nergraph_version: "doc".into(),
///     window: "sentence".into(),
///     documents: 0,
///     gazetteers: Vec::new(),
///     filter: GraphFilter::default(),
/// };
/// let text = json::to_json(&graph, &metadata);
/// let (again, read) = json::from_json(&text)?;
/// assert_eq!((again.node_count(), read), (0, metadata));
/// # Ok::<(), nergraph::Error>(())
/// ```
pub fn from_json(text: &str) -> Result<(CooccurrenceGraph, Metadata)> {
    let doc: NodeLinkIn = serde_json::from_str(text)
        .map_err(|e| Error::Config(format!("not a graph.json written by nergraph: {e}")))?;
    let window: Window = doc.graph.metadata.window.parse()?;
    let communities: HashMap<String, usize> = doc
        .nodes
        .iter()
        .map(|n| (n.node.id.clone(), n.community))
        .collect();
    let nodes = doc.nodes.into_iter().map(|n| n.node).collect();
    let edges = doc
        .edges
        .into_iter()
        .map(|e| {
            let edge = CooccurrenceEdge {
                weight: e.weight,
                documents: e.documents,
                associations: e.associations,
                evidence: e.evidence,
                first_seen: e.first_seen,
                last_seen: e.last_seen,
                sources: e.sources,
            };
            (e.source, e.target, edge)
        })
        .collect();
    let graph = CooccurrenceGraph::from_parts(window, doc.graph.metadata.documents, nodes, edges)
        .with_windows(doc.graph.windows)
        .with_known_communities(communities, doc.graph.communities, doc.graph.modularity);
    Ok((graph, doc.graph.metadata))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::EntityType;
    use crate::graph::GraphFilter;

    fn node(id: &str) -> EntityNode {
        EntityNode {
            id: id.into(),
            name: id.to_uppercase(),
            entity_type: EntityType::Org,
            mentions: 1,
            documents: 1,
            windows: 1,
            aliases_seen: Vec::new(),
            first_seen: None,
            last_seen: None,
            sources: None,
        }
    }

    /// Floats whose shortest form has 17 significant digits read back to the same bits; serde_json's
    /// default, faster parsing is off by one unit in the last place for some of them.
    #[test]
    fn floats_read_back_exactly() {
        let values = [
            7.103_482_779_634_988_5e-304,
            0.1 + 0.2,
            1.584_962_500_721_156_3,
            f64::MIN_POSITIVE,
            5e-324,
            f64::MAX,
            -0.0,
        ];
        let edges = values
            .iter()
            .enumerate()
            .map(|(i, &v)| {
                let edge = CooccurrenceEdge {
                    weight: 1,
                    documents: 1,
                    associations: Associations {
                        pmi: v,
                        npmi: -v,
                        jaccard: v / 3.0,
                        dice: v * 0.7,
                        assoc: v,
                    },
                    evidence: Vec::new(),
                    first_seen: None,
                    last_seen: None,
                    sources: None,
                };
                (format!("a{i}"), format!("b{i}"), edge)
            })
            .collect();
        let nodes = (0..values.len())
            .flat_map(|i| [node(&format!("a{i}")), node(&format!("b{i}"))])
            .collect();
        let graph = CooccurrenceGraph::from_parts(Window::Sentence, 1, nodes, edges);
        let metadata = Metadata {
            nergraph_version: "test".into(),
            window: "sentence".into(),
            documents: 1,
            gazetteers: Vec::new(),
            filter: GraphFilter {
                min_weight: Some(7.103_482_779_634_988_5e-304),
                ..GraphFilter::default()
            },
        };
        let (again, read) = from_json(&to_json(&graph, &metadata)).unwrap();
        assert_eq!(read, metadata);
        let bits = |g: &CooccurrenceGraph| -> Vec<[u64; 5]> {
            g.edges()
                .map(|e| {
                    let a = &e.edge.associations;
                    [a.pmi, a.npmi, a.jaccard, a.dice, a.assoc].map(f64::to_bits)
                })
                .collect()
        };
        assert_eq!(bits(&again), bits(&graph));
    }
}
