//! GEXF 1.3, Gephi's own format, also read by `networkx.read_gexf`.
//!
//! ```text
//! <gexf xmlns="http://gexf.net/1.3" ... version="1.3">
//!   <meta> <creator>nergraph VERSION</creator> <description>…window, documents…</description> </meta>
//!   <graph defaultedgetype="undirected" mode="static">
//!     <attributes class="node" mode="static">
//!       <attribute id="type" title="type" type="string"/>
//!       <attribute id="mentions" title="mentions" type="long"/>
//!       <attribute id="documents" title="documents" type="long"/>
//!     </attributes>
//!     <attributes class="edge" mode="static">
//!       <attribute id="documents" title="documents" type="long"/>
//!       <attribute id="first_evidence" title="first_evidence" type="string"/>
//!     </attributes>
//!     <nodes>
//!       <node id="ENTITY ID" label="CANONICAL NAME"> <attvalues> <attvalue for="type" value="ORG"/> … </attvalues> </node>
//!     </nodes>
//!     <edges>
//!       <edge id="e0" source="ENTITY ID" target="ENTITY ID" weight="WEIGHT"> <attvalues> … </attvalues> </edge>
//!     </edges>
//!   </graph>
//! </gexf>
//! ```
//!
//! Node ids are entity ids and labels canonical names; nodes come sorted by id and edges by `source`
//! then `target`, with `source < target`, as in the graph. GEXF requires edge ids: they are `e0`,
//! `e1`, … in edge order. The edge `weight` is the number of windows in which both entities are
//! mentioned (networkx reads it as a float, as GEXF defines it); `documents` is the number of
//! documents, and `first_evidence` the text of the first window, left out when the graph keeps no
//! evidence (the full evidence is in the JSON). GEXF has no graph attributes, so the version, window
//! and document count are in `<meta>`.
//!
//! The namespace is `http://gexf.net/1.3` (without `www.`). Every label and value is escaped with
//! [`graphml::escape`](super::graphml::escape), so the file is always well-formed XML.

use std::fmt::Write;

use super::graphml::escape;
use super::Metadata;
use crate::graph::CooccurrenceGraph;

/// The GEXF 1.3 namespace.
pub const NAMESPACE: &str = "http://gexf.net/1.3";

/// Appends `<attvalue for="FOR" value="VALUE"/>` on its own line.
fn attvalue(out: &mut String, key: &str, value: &str) {
    let _ = writeln!(
        out,
        "          <attvalue for=\"{key}\" value=\"{}\"/>",
        escape(value)
    );
}

/// Attributes declared (for nodes and for edges) when documents had dates or sources.
const SEEN_ATTRIBUTES: &str = concat!(
    "      <attribute id=\"first_seen\" title=\"first_seen\" type=\"string\"/>\n",
    "      <attribute id=\"last_seen\" title=\"last_seen\" type=\"string\"/>\n",
    "      <attribute id=\"sources\" title=\"sources\" type=\"long\"/>\n",
);

/// Writes the `<attvalue>`s of dates and sources that are known.
fn seen_values(
    out: &mut String,
    first: &Option<String>,
    last: &Option<String>,
    sources: Option<u64>,
) {
    if let Some(first) = first {
        attvalue(out, "first_seen", first);
    }
    if let Some(last) = last {
        attvalue(out, "last_seen", last);
    }
    if let Some(sources) = sources {
        attvalue(out, "sources", &sources.to_string());
    }
}

/// Serialises `graph` as GEXF 1.3, ending with a newline.
pub fn to_gexf(graph: &CooccurrenceGraph, metadata: &Metadata) -> String {
    let mut out = String::with_capacity(320 * (graph.node_count() + graph.edge_count()) + 2048);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<gexf xmlns=\"{NAMESPACE}\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xsi:schemaLocation=\"{NAMESPACE} {NAMESPACE}/gexf.xsd\" version=\"1.3\">"
    );
    out.push_str("  <meta>\n");
    let _ = writeln!(
        out,
        "    <creator>nergraph {}</creator>",
        escape(&metadata.nergraph_version)
    );
    let _ = writeln!(
        out,
        "    <description>Entity co-occurrence graph; window {}; {} documents</description>",
        escape(&metadata.window),
        metadata.documents
    );
    out.push_str("  </meta>\n");
    out.push_str("  <graph defaultedgetype=\"undirected\" mode=\"static\">\n");
    out.push_str(concat!(
        "    <attributes class=\"node\" mode=\"static\">\n",
        "      <attribute id=\"type\" title=\"type\" type=\"string\"/>\n",
        "      <attribute id=\"mentions\" title=\"mentions\" type=\"long\"/>\n",
        "      <attribute id=\"documents\" title=\"documents\" type=\"long\"/>\n",
        "      <attribute id=\"windows\" title=\"windows\" type=\"long\"/>\n",
        "      <attribute id=\"community\" title=\"community\" type=\"long\"/>\n",
    ));
    let seen = super::has_seen(graph);
    if seen {
        out.push_str(SEEN_ATTRIBUTES);
    }
    out.push_str(concat!(
        "    </attributes>\n",
        "    <attributes class=\"edge\" mode=\"static\">\n",
        "      <attribute id=\"documents\" title=\"documents\" type=\"long\"/>\n",
        "      <attribute id=\"pmi\" title=\"pmi\" type=\"double\"/>\n",
        "      <attribute id=\"npmi\" title=\"npmi\" type=\"double\"/>\n",
        "      <attribute id=\"jaccard\" title=\"jaccard\" type=\"double\"/>\n",
        "      <attribute id=\"dice\" title=\"dice\" type=\"double\"/>\n",
        "      <attribute id=\"assoc\" title=\"assoc\" type=\"double\"/>\n",
        "      <attribute id=\"first_evidence\" title=\"first_evidence\" type=\"string\"/>\n",
    ));
    if seen {
        out.push_str(SEEN_ATTRIBUTES);
    }
    out.push_str("    </attributes>\n");
    out.push_str("    <nodes>\n");
    let communities = graph.communities();
    for (node, community) in graph.nodes().zip(&communities.labels) {
        let _ = writeln!(
            out,
            "      <node id=\"{}\" label=\"{}\">",
            escape(&node.id),
            escape(&node.name)
        );
        out.push_str("        <attvalues>\n");
        attvalue(&mut out, "type", node.entity_type.as_str());
        attvalue(&mut out, "mentions", &node.mentions.to_string());
        attvalue(&mut out, "documents", &node.documents.to_string());
        attvalue(&mut out, "windows", &node.windows.to_string());
        attvalue(&mut out, "community", &community.to_string());
        seen_values(&mut out, &node.first_seen, &node.last_seen, node.sources);
        out.push_str("        </attvalues>\n      </node>\n");
    }
    out.push_str("    </nodes>\n    <edges>\n");
    for (i, e) in graph.edges().enumerate() {
        let _ = writeln!(
            out,
            "      <edge id=\"e{i}\" source=\"{}\" target=\"{}\" weight=\"{}\">",
            escape(&e.source.id),
            escape(&e.target.id),
            e.weight
        );
        out.push_str("        <attvalues>\n");
        attvalue(&mut out, "documents", &e.edge.documents.to_string());
        let a = &e.edge.associations;
        for (key, value) in [
            ("pmi", a.pmi),
            ("npmi", a.npmi),
            ("jaccard", a.jaccard),
            ("dice", a.dice),
            ("assoc", a.assoc),
        ] {
            attvalue(&mut out, key, &value.to_string());
        }
        if let Some(first) = e.edge.evidence.first() {
            attvalue(&mut out, "first_evidence", &first.text);
        }
        seen_values(
            &mut out,
            &e.edge.first_seen,
            &e.edge.last_seen,
            e.edge.sources,
        );
        out.push_str("        </attvalues>\n      </edge>\n");
    }
    out.push_str("    </edges>\n  </graph>\n</gexf>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::graphml::tests::sample_with;
    use crate::graph::Window;

    #[test]
    fn schema_lines_are_present() {
        let (graph, metadata) = sample_with(1, "C\u{1}'s");
        let xml = to_gexf(&graph, &metadata);
        for line in [
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gexf xmlns=\"http://gexf.net/1.3\" ",
            " version=\"1.3\">\n",
            "  <meta>\n\
             \x20   <creator>nergraph test</creator>\n\
             \x20   <description>Entity co-occurrence graph; window sentence; 1 documents</description>\n\
             \x20 </meta>\n\
             \x20 <graph defaultedgetype=\"undirected\" mode=\"static\">\n\
             \x20   <attributes class=\"node\" mode=\"static\">\n\
             \x20     <attribute id=\"type\" title=\"type\" type=\"string\"/>\n\
             \x20     <attribute id=\"mentions\" title=\"mentions\" type=\"long\"/>\n\
             \x20     <attribute id=\"documents\" title=\"documents\" type=\"long\"/>\n\
             \x20     <attribute id=\"windows\" title=\"windows\" type=\"long\"/>\n\
             \x20     <attribute id=\"community\" title=\"community\" type=\"long\"/>\n\
             \x20   </attributes>\n\
             \x20   <attributes class=\"edge\" mode=\"static\">\n\
             \x20     <attribute id=\"documents\" title=\"documents\" type=\"long\"/>\n\
             \x20     <attribute id=\"pmi\" title=\"pmi\" type=\"double\"/>\n\
             \x20     <attribute id=\"npmi\" title=\"npmi\" type=\"double\"/>\n\
             \x20     <attribute id=\"jaccard\" title=\"jaccard\" type=\"double\"/>\n\
             \x20     <attribute id=\"dice\" title=\"dice\" type=\"double\"/>\n\
             \x20     <attribute id=\"assoc\" title=\"assoc\" type=\"double\"/>\n\
             \x20     <attribute id=\"first_evidence\" title=\"first_evidence\" type=\"string\"/>\n\
             \x20   </attributes>\n\
             \x20   <nodes>\n",
            "      <node id=\"org:a\" label=\"A &amp; Co\">\n\
             \x20       <attvalues>\n\
             \x20         <attvalue for=\"type\" value=\"ORG\"/>\n\
             \x20         <attvalue for=\"mentions\" value=\"2\"/>\n\
             \x20         <attvalue for=\"documents\" value=\"1\"/>\n\
             \x20         <attvalue for=\"windows\" value=\"1\"/>\n\
             \x20         <attvalue for=\"community\" value=\"0\"/>\n\
             \x20       </attvalues>\n\
             \x20     </node>\n",
            "<node id=\"org:b\" label=\"&lt;B&gt;\">",
            "<node id=\"org:c\" label=\"C\u{FFFD}&apos;s\">",
            "      <edge id=\"e0\" source=\"org:a\" target=\"org:b\" weight=\"1\">\n\
             \x20       <attvalues>\n\
             \x20         <attvalue for=\"documents\" value=\"1\"/>\n\
             \x20         <attvalue for=\"pmi\" value=\"1\"/>\n\
             \x20         <attvalue for=\"npmi\" value=\"1\"/>\n\
             \x20         <attvalue for=\"jaccard\" value=\"1\"/>\n\
             \x20         <attvalue for=\"dice\" value=\"1\"/>\n\
             \x20         <attvalue for=\"assoc\" value=\"2\"/>\n\
             \x20         <attvalue for=\"first_evidence\" value=\"A &amp; Co met &lt;B&gt; in a\u{FFFD}room, said &quot;A &amp; Co&quot;.\"/>\n\
             \x20       </attvalues>\n\
             \x20     </edge>\n",
        ] {
            assert!(xml.contains(line), "missing {line}\n{xml}");
        }
        assert!(!xml.contains("www.gexf.net"));
        assert!(xml.ends_with("    </edges>\n  </graph>\n</gexf>\n"));
        assert_eq!(xml, to_gexf(&graph, &metadata));
    }

    #[test]
    fn edge_ids_count_up_and_first_evidence_is_left_out_without_evidence() {
        let (graph, metadata) = sample_with(0, "C");
        let nodes: Vec<_> = graph.nodes().cloned().collect();
        let mut edges: Vec<_> = graph
            .edges()
            .map(|e| (e.source.id.clone(), e.target.id.clone(), e.edge.clone()))
            .collect();
        let mut second = edges[0].clone();
        second.1 = "org:c".into();
        edges.push(second);
        let graph = CooccurrenceGraph::from_parts(Window::Sentence, 1, nodes, edges);
        let xml = to_gexf(&graph, &metadata);
        assert!(xml.contains("<edge id=\"e0\" source=\"org:a\" target=\"org:b\""));
        assert!(xml.contains("<edge id=\"e1\" source=\"org:a\" target=\"org:c\""));
        assert!(!xml.contains("for=\"first_evidence\" value"), "{xml}");
    }

    #[test]
    fn an_empty_graph_is_still_a_complete_document() {
        let (_, metadata) = sample_with(1, "C");
        let graph = CooccurrenceGraph::from_parts(Window::Sentence, 0, vec![], vec![]);
        let xml = to_gexf(&graph, &metadata);
        assert!(xml.contains("<nodes>\n    </nodes>\n    <edges>\n    </edges>"));
    }
}
