//! GraphML, as read by `networkx.read_graphml`, igraph, Gephi, Cytoscape and yEd.
//!
//! The file declares a typed `<key>` for every attribute and holds one undirected graph:
//!
//! ```text
//! <graphml xmlns="http://graphml.graphdrawing.org/xmlns" ...>
//!   <key id="g_nergraph_version" for="graph" attr.name="nergraph_version" attr.type="string"/>
//!   <key id="g_window"           for="graph" attr.name="window"           attr.type="string"/>
//!   <key id="g_documents"        for="graph" attr.name="documents"        attr.type="long"/>
//!   <key id="n_name"             for="node"  attr.name="name"             attr.type="string"/>
//!   <key id="n_type"             for="node"  attr.name="type"             attr.type="string"/>
//!   <key id="n_mentions"         for="node"  attr.name="mentions"         attr.type="long"/>
//!   <key id="n_documents"        for="node"  attr.name="documents"        attr.type="long"/>
//!   <key id="e_weight"           for="edge"  attr.name="weight"           attr.type="long"/>
//!   <key id="e_documents"        for="edge"  attr.name="documents"        attr.type="long"/>
//!   <key id="e_first_evidence"   for="edge"  attr.name="first_evidence"   attr.type="string"/>
//!   (and, when documents have dates or sources, n_/e_first_seen, n_/e_last_seen, n_/e_sources)
//!   <graph id="nergraph" edgedefault="undirected">
//!     <data key="g_nergraph_version">…</data> <data key="g_window">…</data> <data key="g_documents">…</data>
//!     <node id="ENTITY ID"> <data key="n_name">…</data> … </node>
//!     <edge source="ENTITY ID" target="ENTITY ID"> <data key="e_weight">…</data> … </edge>
//!   </graph>
//! </graphml>
//! ```
//!
//! Node ids are entity ids; nodes come sorted by id and edges by `source` then `target`, with
//! `source < target`, as in the graph. `weight` is the number of windows in which both entities are
//! mentioned and `documents` the number of documents; `first_evidence` is the text of the first such
//! window, and is left out when the graph keeps no evidence (the full evidence is in the JSON).
//!
//! Edges carry no `id` attribute: igraph's reader would put it into its own `id` attribute and
//! corrupt it. Note that igraph reads `long` values as floats; networkx reads them as `int`.
//!
//! Every name and snippet is escaped with [`escape`], so the file is always well-formed XML.

use std::fmt::Write;

use super::Metadata;
use crate::graph::CooccurrenceGraph;

/// The GraphML namespace.
pub const NAMESPACE: &str = "http://graphml.graphdrawing.org/xmlns";

/// `(key id, for, attr.name, attr.type)` of every declared key, in file order.
const KEYS: &[(&str, &str, &str, &str)] = &[
    ("g_nergraph_version", "graph", "nergraph_version", "string"),
    ("g_window", "graph", "window", "string"),
    ("g_documents", "graph", "documents", "long"),
    ("n_name", "node", "name", "string"),
    ("n_type", "node", "type", "string"),
    ("n_mentions", "node", "mentions", "long"),
    ("n_documents", "node", "documents", "long"),
    ("n_windows", "node", "windows", "long"),
    ("n_community", "node", "community", "long"),
    ("e_weight", "edge", "weight", "long"),
    ("e_documents", "edge", "documents", "long"),
    ("e_pmi", "edge", "pmi", "double"),
    ("e_npmi", "edge", "npmi", "double"),
    ("e_jaccard", "edge", "jaccard", "double"),
    ("e_dice", "edge", "dice", "double"),
    ("e_assoc", "edge", "assoc", "double"),
    ("e_first_evidence", "edge", "first_evidence", "string"),
];

/// Keys declared when documents had dates or sources: first and last dates, distinct sources.
const SEEN_KEYS: &[(&str, &str, &str, &str)] = &[
    ("n_first_seen", "node", "first_seen", "string"),
    ("n_last_seen", "node", "last_seen", "string"),
    ("n_sources", "node", "sources", "long"),
    ("e_first_seen", "edge", "first_seen", "string"),
    ("e_last_seen", "edge", "last_seen", "string"),
    ("e_sources", "edge", "sources", "long"),
];

/// Writes the `<data>` of dates and sources that are known.
fn seen_data(
    out: &mut String,
    prefix: &str,
    first: &Option<String>,
    last: &Option<String>,
    sources: Option<u64>,
) {
    if let Some(first) = first {
        data(out, "      ", &format!("{prefix}_first_seen"), first);
    }
    if let Some(last) = last {
        data(out, "      ", &format!("{prefix}_last_seen"), last);
    }
    if let Some(sources) = sources {
        data(
            out,
            "      ",
            &format!("{prefix}_sources"),
            &sources.to_string(),
        );
    }
}

/// Escapes `text` for XML 1.0 attribute values and character data (used by GraphML and GEXF).
///
/// `&`, `<`, `>`, `"` and `'` become entity references. Tab, line feed and carriage return become
/// character references (`&#9;`, `&#10;`, `&#13;`), so that XML parsers keep them instead of
/// normalising them to spaces or line feeds. Characters that XML 1.0 does not allow at all (the other
/// C0 control characters, U+FFFE and U+FFFF) become U+FFFD, the replacement character, so the output is
/// always well-formed. `]]>` needs nothing more: its `>` is escaped.
///
/// ```
/// use nergraph::export::graphml::escape;
/// assert_eq!(escape(r#"<a href="x">&'"#), "&lt;a href=&quot;x&quot;&gt;&amp;&apos;");
/// assert_eq!(escape("a\u{1}b\nc"), "a\u{FFFD}b&#10;c");
/// ```
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if is_xml_char(c) => out.push(c),
            _ => out.push('\u{FFFD}'),
        }
    }
    out
}

/// Whether XML 1.0 allows `c` in a document (its `Char` production; surrogates cannot occur in Rust).
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}

/// Appends `<data key="KEY">VALUE</data>` on its own line.
fn data(out: &mut String, indent: &str, key: &str, value: &str) {
    let _ = writeln!(out, "{indent}<data key=\"{key}\">{}</data>", escape(value));
}

/// Serialises `graph` as GraphML, ending with a newline.
pub fn to_graphml(graph: &CooccurrenceGraph, metadata: &Metadata) -> String {
    let mut out = String::with_capacity(256 * (graph.node_count() + graph.edge_count()) + 2048);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<graphml xmlns=\"{NAMESPACE}\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xsi:schemaLocation=\"{NAMESPACE} {NAMESPACE}/1.0/graphml.xsd\">"
    );
    let seen_keys = if super::has_seen(graph) {
        SEEN_KEYS
    } else {
        &[]
    };
    for (id, domain, name, ty) in KEYS.iter().chain(seen_keys) {
        let _ = writeln!(
            out,
            "  <key id=\"{id}\" for=\"{domain}\" attr.name=\"{name}\" attr.type=\"{ty}\"/>"
        );
    }
    out.push_str("  <graph id=\"nergraph\" edgedefault=\"undirected\">\n");
    data(
        &mut out,
        "    ",
        "g_nergraph_version",
        &metadata.nergraph_version,
    );
    data(&mut out, "    ", "g_window", &metadata.window);
    data(
        &mut out,
        "    ",
        "g_documents",
        &metadata.documents.to_string(),
    );
    let communities = graph.communities();
    for (node, community) in graph.nodes().zip(&communities.labels) {
        let _ = writeln!(out, "    <node id=\"{}\">", escape(&node.id));
        data(&mut out, "      ", "n_name", &node.name);
        data(&mut out, "      ", "n_type", node.entity_type.as_str());
        data(&mut out, "      ", "n_mentions", &node.mentions.to_string());
        data(
            &mut out,
            "      ",
            "n_documents",
            &node.documents.to_string(),
        );
        data(&mut out, "      ", "n_windows", &node.windows.to_string());
        data(&mut out, "      ", "n_community", &community.to_string());
        seen_data(
            &mut out,
            "n",
            &node.first_seen,
            &node.last_seen,
            node.sources,
        );
        out.push_str("    </node>\n");
    }
    for e in graph.edges() {
        let _ = writeln!(
            out,
            "    <edge source=\"{}\" target=\"{}\">",
            escape(&e.source.id),
            escape(&e.target.id)
        );
        data(&mut out, "      ", "e_weight", &e.weight.to_string());
        data(
            &mut out,
            "      ",
            "e_documents",
            &e.edge.documents.to_string(),
        );
        let a = &e.edge.associations;
        for (key, value) in [
            ("e_pmi", a.pmi),
            ("e_npmi", a.npmi),
            ("e_jaccard", a.jaccard),
            ("e_dice", a.dice),
            ("e_assoc", a.assoc),
        ] {
            data(&mut out, "      ", key, &value.to_string());
        }
        if let Some(first) = e.edge.evidence.first() {
            data(&mut out, "      ", "e_first_evidence", &first.text);
        }
        seen_data(
            &mut out,
            "e",
            &e.edge.first_seen,
            &e.edge.last_seen,
            e.edge.sources,
        );
        out.push_str("    </edge>\n");
    }
    out.push_str("  </graph>\n</graphml>\n");
    out
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::gazetteer::GazetteerBuilder;
    use crate::graph::{CooccurrenceCounter, GraphFilter, Window};
    use crate::tagger::Tagger;
    use crate::text::normalize;

    /// A small graph built through the pipeline: `org:a` "A & Co" and `org:b` "<B>" co-occur (with
    /// a bell character in the evidence), and `org:c` is isolated and renamed afterwards to `c_name`
    /// (the gazetteer refuses control characters in names).
    pub(in crate::export) fn sample_with(
        evidence: usize,
        c_name: &str,
    ) -> (CooccurrenceGraph, Metadata) {
        let mut builder = GazetteerBuilder::new();
        builder
            .add_source(
                "t.tsv",
                "org:a\tORG\tA & Co\norg:b\tORG\t<B>\norg:c\tORG\tCee\n",
            )
            .unwrap();
        let tagger = Tagger::new(builder.build().unwrap()).unwrap();
        let mut counter = CooccurrenceCounter::new(Window::Sentence).evidence_limit(evidence);
        let text = "A & Co met <B> in a\u{7}room, said \"A & Co\". Cee stayed.";
        let normalized = normalize(text);
        counter.add_document("d.txt", &normalized, &tagger.tag_normalized(&normalized));
        let graph = counter.finish(tagger.gazetteer());
        let mut nodes: Vec<_> = graph.nodes().cloned().collect();
        for node in &mut nodes {
            if node.id == "org:c" {
                node.name = c_name.into();
            }
        }
        let edges = graph
            .edges()
            .map(|e| (e.source.id.clone(), e.target.id.clone(), e.edge.clone()))
            .collect();
        let graph = CooccurrenceGraph::from_parts(graph.window(), 1, nodes, edges);
        let metadata = Metadata {
            nergraph_version: "test".into(),
            window: graph.window().to_string(),
            documents: 1,
            gazetteers: tagger.gazetteer().sources().to_vec(),
            filter: GraphFilter::default(),
        };
        (graph, metadata)
    }

    /// [`sample_with`], `org:c` named "C" followed by characters that XML cannot hold.
    fn sample(evidence: usize) -> (CooccurrenceGraph, Metadata) {
        sample_with(evidence, "C\u{1}\u{FFFF}")
    }

    #[test]
    fn the_sample_is_what_the_tests_expect() {
        let (graph, _) = sample(1);
        let nodes: Vec<(&str, &str, u64)> = graph
            .nodes()
            .map(|n| (n.id.as_str(), n.name.as_str(), n.mentions))
            .collect();
        assert_eq!(
            nodes,
            [
                ("org:a", "A & Co", 2),
                ("org:b", "<B>", 1),
                ("org:c", "C\u{1}\u{FFFF}", 1)
            ]
        );
        let edges: Vec<(&str, &str, u64, &str)> = graph
            .edges()
            .map(|e| {
                (
                    e.source.id.as_str(),
                    e.target.id.as_str(),
                    e.weight,
                    e.edge.evidence[0].text.as_str(),
                )
            })
            .collect();
        assert_eq!(
            edges,
            [(
                "org:a",
                "org:b",
                1,
                "A & Co met <B> in a\u{7}room, said \"A & Co\"."
            )]
        );
    }

    #[test]
    fn escaping_table() {
        let cases = [
            ("plain", "plain"),
            ("&", "&amp;"),
            ("<b>", "&lt;b&gt;"),
            ("\"q\"", "&quot;q&quot;"),
            ("it's", "it&apos;s"),
            ("a ]]> b", "a ]]&gt; b"),
            ("tab\there", "tab&#9;here"),
            ("line\nfeed", "line&#10;feed"),
            ("cr\r\nlf", "cr&#13;&#10;lf"),
            (
                "nul\0bell\u{7}esc\u{1b}",
                "nul\u{FFFD}bell\u{FFFD}esc\u{FFFD}",
            ),
            ("\u{FFFE}\u{FFFF}", "\u{FFFD}\u{FFFD}"),
            ("\u{FFFD}", "\u{FFFD}"),
            ("Right\u{200F}Land", "Right\u{200F}Land"),
            ("del\u{7F}c1\u{85}", "del\u{7F}c1\u{85}"),
            ("\u{D7FF}\u{E000}\u{10FFFF}", "\u{D7FF}\u{E000}\u{10FFFF}"),
            ("Zürich 東京 🙂", "Zürich 東京 🙂"),
        ];
        for (input, expected) in cases {
            assert_eq!(escape(input), expected, "{input:?}");
        }
    }

    #[test]
    fn schema_lines_are_present() {
        let (graph, metadata) = sample(1);
        let xml = to_graphml(&graph, &metadata);
        for line in [
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" ",
            "  <key id=\"g_nergraph_version\" for=\"graph\" attr.name=\"nergraph_version\" attr.type=\"string\"/>\n",
            "  <key id=\"g_window\" for=\"graph\" attr.name=\"window\" attr.type=\"string\"/>\n",
            "  <key id=\"g_documents\" for=\"graph\" attr.name=\"documents\" attr.type=\"long\"/>\n",
            "  <key id=\"n_name\" for=\"node\" attr.name=\"name\" attr.type=\"string\"/>\n",
            "  <key id=\"n_type\" for=\"node\" attr.name=\"type\" attr.type=\"string\"/>\n",
            "  <key id=\"n_mentions\" for=\"node\" attr.name=\"mentions\" attr.type=\"long\"/>\n",
            "  <key id=\"n_documents\" for=\"node\" attr.name=\"documents\" attr.type=\"long\"/>\n",
            "  <key id=\"n_windows\" for=\"node\" attr.name=\"windows\" attr.type=\"long\"/>\n",
            "  <key id=\"n_community\" for=\"node\" attr.name=\"community\" attr.type=\"long\"/>\n",
            "  <key id=\"e_weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"long\"/>\n",
            "  <key id=\"e_documents\" for=\"edge\" attr.name=\"documents\" attr.type=\"long\"/>\n",
            "  <key id=\"e_pmi\" for=\"edge\" attr.name=\"pmi\" attr.type=\"double\"/>\n",
            "  <key id=\"e_assoc\" for=\"edge\" attr.name=\"assoc\" attr.type=\"double\"/>\n",
            "  <key id=\"e_first_evidence\" for=\"edge\" attr.name=\"first_evidence\" attr.type=\"string\"/>\n",
            "  <graph id=\"nergraph\" edgedefault=\"undirected\">\n\
             \x20   <data key=\"g_nergraph_version\">test</data>\n\
             \x20   <data key=\"g_window\">sentence</data>\n\
             \x20   <data key=\"g_documents\">1</data>\n",
            "    <node id=\"org:a\">\n\
             \x20     <data key=\"n_name\">A &amp; Co</data>\n\
             \x20     <data key=\"n_type\">ORG</data>\n\
             \x20     <data key=\"n_mentions\">2</data>\n\
             \x20     <data key=\"n_documents\">1</data>\n\
             \x20     <data key=\"n_windows\">1</data>\n\
             \x20     <data key=\"n_community\">0</data>\n\
             \x20   </node>\n",
            "<data key=\"n_name\">&lt;B&gt;</data>",
            "<data key=\"n_name\">C\u{FFFD}\u{FFFD}</data>",
            "    <edge source=\"org:a\" target=\"org:b\">\n\
             \x20     <data key=\"e_weight\">1</data>\n\
             \x20     <data key=\"e_documents\">1</data>\n\
             \x20     <data key=\"e_pmi\">1</data>\n\
             \x20     <data key=\"e_npmi\">1</data>\n\
             \x20     <data key=\"e_jaccard\">1</data>\n\
             \x20     <data key=\"e_dice\">1</data>\n\
             \x20     <data key=\"e_assoc\">2</data>\n\
             \x20     <data key=\"e_first_evidence\">A &amp; Co met &lt;B&gt; in a\u{FFFD}room, said &quot;A &amp; Co&quot;.</data>\n\
             \x20   </edge>\n",
        ] {
            assert!(xml.contains(line), "missing {line}\n{xml}");
        }
        assert!(xml.ends_with("  </graph>\n</graphml>\n"));
    }

    #[test]
    fn nodes_keep_the_graph_order_and_edges_have_no_id() {
        let (graph, metadata) = sample(1);
        let xml = to_graphml(&graph, &metadata);
        let a = xml.find("<node id=\"org:a\"").unwrap();
        let b = xml.find("<node id=\"org:b\"").unwrap();
        let c = xml.find("<node id=\"org:c\"").unwrap();
        assert!(a < b && b < c);
        assert!(!xml.contains("<edge id"), "{xml}");
        assert_eq!(xml, to_graphml(&graph, &metadata));
    }

    #[test]
    fn without_evidence_first_evidence_is_left_out() {
        let (graph, metadata) = sample(0);
        let xml = to_graphml(&graph, &metadata);
        assert_eq!(xml.matches("<edge ").count(), 1);
        // Left out rather than empty: networkx reads an empty string element as "None".
        assert!(!xml.contains("<data key=\"e_first_evidence\">"), "{xml}");
    }
}
