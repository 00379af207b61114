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
//!   "nodes": [ { "id", "name", "type", "mentions", "documents", "windows", "community" }, ... ],
//!   "edges": [ { "source", "target", "weight", "documents", "pmi", "npmi", "jaccard", "dice", "assoc",
//!                "evidence": [ { "doc", "window", "start", "end", "text" }, ... ] }, ... ]
//! }
//! ```
//!
//! Nodes are sorted by `id`; edges by `source` then `target`, with `source < target`. The edge list is
//! under `edges`, the default of networkx 3.6 (`nx.node_link_graph(data)`); networkx 3.4 and 3.5 need
//! `nx.node_link_graph(data, edges="edges")`.

use serde::Serialize;

use super::Metadata;
use crate::graph::{Associations, CooccurrenceGraph, EntityNode, Evidence};

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
                evidence: &e.edge.evidence,
            })
            .collect(),
    };
    let mut out = serde_json::to_string_pretty(&doc).expect("graph data always serialises");
    out.push('\n');
    out
}
