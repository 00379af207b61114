//! CSV node and edge tables (`nodes.csv`, `edges.csv`), for spreadsheets, pandas, R and Gephi's
//! import of spreadsheets.
//!
//! ```text
//! nodes.csv: id,name,type,mentions,documents
//! edges.csv: source,target,weight,documents,first_evidence
//! ```
//!
//! One header line, then one line per node (sorted by `id`) or per edge (sorted by `source` then
//! `target`, with `source < target`), as in the graph. `weight` is the number of windows in which both
//! entities are mentioned, `documents` the number of documents, and `first_evidence` the text of the
//! first such window (empty when the graph keeps no evidence; the full evidence is in the JSON).
//!
//! Fields are written as RFC 4180 says: UTF-8 without a byte-order mark, separated by commas; a field
//! that contains a comma, a double quote, a carriage return or a line feed is put in double quotes,
//! with its double quotes doubled (see [`escape`]). Every other character, control characters
//! included, is written unchanged, so names read back exactly. Lines end with a line feed.
//!
//! pandas turns some strings (`NA`, `null`, `None`, …) into missing values and digit-only names into
//! numbers by default: to keep every name as written, read the tables with
//! `pandas.read_csv(path, keep_default_na=False, na_values=[], dtype={"id": str, "name": str})`
//! (`{"source": str, "target": str, "first_evidence": str}` for `edges.csv`).
//!
//! When the corpus gives documents dates or sources (JSON Lines and CSV inputs), both tables end with
//! three more columns, [`SEEN_COLUMNS`]: the first and last dates (`YYYY-MM-DD`) of the documents
//! that mention the entity or the pair, and the number of distinct sources among them.

use std::borrow::Cow;

use super::has_seen;
use crate::graph::CooccurrenceGraph;

/// The header of `nodes.csv`.
pub const NODES_HEADER: &str = "id,name,type,mentions,documents,windows,community";

/// The header of `edges.csv`.
pub const EDGES_HEADER: &str =
    "source,target,weight,documents,pmi,npmi,jaccard,dice,assoc,first_evidence";

/// Quotes `field` for CSV if it contains a comma, a double quote, a carriage return or a line feed,
/// doubling its double quotes; returns other fields unchanged.
///
/// ```
/// use nergraph::export::csv::escape;
/// assert_eq!(escape("plain text"), "plain text");
/// assert_eq!(escape("Smith, \"Jo\""), "\"Smith, \"\"Jo\"\"\"");
/// assert_eq!(escape("two\nlines"), "\"two\nlines\"");
/// ```
pub fn escape(field: &str) -> Cow<'_, str> {
    if !field.contains([',', '"', '\r', '\n']) {
        return Cow::Borrowed(field);
    }
    let mut out = String::with_capacity(field.len() + 2);
    out.push('"');
    for c in field.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    out.push('"');
    Cow::Owned(out)
}

/// The columns added when documents had dates or sources.
pub const SEEN_COLUMNS: &str = "first_seen,last_seen,sources";

/// The values of [`SEEN_COLUMNS`].
fn seen(first: &Option<String>, last: &Option<String>, sources: Option<u64>) -> [String; 3] {
    [
        first.clone().unwrap_or_default(),
        last.clone().unwrap_or_default(),
        sources.map(|n| n.to_string()).unwrap_or_default(),
    ]
}

/// Appends one record and its line feed.
fn record<'a>(out: &mut String, fields: impl IntoIterator<Item = &'a str>) {
    for (i, field) in fields.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&escape(field));
    }
    out.push('\n');
}

/// The node table: a header ([`NODES_HEADER`]) and one line per node, ending with a newline.
pub fn nodes_csv(graph: &CooccurrenceGraph) -> String {
    let mut out = String::with_capacity(64 * (graph.node_count() + 1));
    let with_seen = has_seen(graph);
    out.push_str(NODES_HEADER);
    if with_seen {
        out.push(',');
        out.push_str(SEEN_COLUMNS);
    }
    out.push('\n');
    let communities = graph.communities();
    for (node, community) in graph.nodes().zip(&communities.labels) {
        let (mentions, documents) = (node.mentions.to_string(), node.documents.to_string());
        let (windows, community) = (node.windows.to_string(), community.to_string());
        let seen = seen(&node.first_seen, &node.last_seen, node.sources);
        let fields = [
            node.id.as_str(),
            node.name.as_str(),
            node.entity_type.as_str(),
            &mentions,
            &documents,
            &windows,
            &community,
        ];
        let extra = seen
            .iter()
            .map(String::as_str)
            .take(if with_seen { 3 } else { 0 });
        record(&mut out, fields.into_iter().chain(extra));
    }
    out
}

/// The edge table: a header ([`EDGES_HEADER`]) and one line per edge, ending with a newline.
pub fn edges_csv(graph: &CooccurrenceGraph) -> String {
    let mut out = String::with_capacity(160 * (graph.edge_count() + 1));
    let with_seen = has_seen(graph);
    out.push_str(EDGES_HEADER);
    if with_seen {
        out.push(',');
        out.push_str(SEEN_COLUMNS);
    }
    out.push('\n');
    for e in graph.edges() {
        let (weight, documents) = (e.weight.to_string(), e.edge.documents.to_string());
        let first = e.edge.evidence.first().map_or("", |ev| ev.text.as_str());
        let a = &e.edge.associations;
        let measures = [a.pmi, a.npmi, a.jaccard, a.dice, a.assoc].map(|v| v.to_string());
        let seen = seen(&e.edge.first_seen, &e.edge.last_seen, e.edge.sources);
        let fields = [
            e.source.id.as_str(),
            e.target.id.as_str(),
            &weight,
            &documents,
            &measures[0],
            &measures[1],
            &measures[2],
            &measures[3],
            &measures[4],
            first,
        ];
        let extra = seen
            .iter()
            .map(String::as_str)
            .take(if with_seen { 3 } else { 0 });
        record(&mut out, fields.into_iter().chain(extra));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::graphml::tests::sample_with;
    use crate::graph::Window;

    fn sample() -> CooccurrenceGraph {
        sample_with(1, "Smith, \"Jo\"\r\nline 2").0
    }

    #[test]
    fn escaping_table() {
        let cases = [
            ("", ""),
            ("plain", "plain"),
            ("with space", "with space"),
            ("a,b", "\"a,b\""),
            ("say \"hi\"", "\"say \"\"hi\"\"\""),
            ("\"", "\"\"\"\""),
            ("line\nfeed", "\"line\nfeed\""),
            ("carriage\rreturn", "\"carriage\rreturn\""),
            ("crlf\r\n", "\"crlf\r\n\""),
            ("tab\tbell\u{7}", "tab\tbell\u{7}"),
            ("'single' ;semi", "'single' ;semi"),
            ("<b> & ]]>", "<b> & ]]>"),
            ("Right\u{200F}Land", "Right\u{200F}Land"),
        ];
        for (input, expected) in cases {
            assert_eq!(escape(input), expected, "{input:?}");
        }
    }

    #[test]
    fn node_table() {
        assert_eq!(
            nodes_csv(&sample()),
            "id,name,type,mentions,documents,windows,community\n\
             org:a,A & Co,ORG,2,1,1,0\n\
             org:b,<B>,ORG,1,1,1,0\n\
             org:c,\"Smith, \"\"Jo\"\"\r\nline 2\",ORG,1,1,1,1\n"
        );
    }

    #[test]
    fn edge_table() {
        assert_eq!(
            edges_csv(&sample()),
            "source,target,weight,documents,pmi,npmi,jaccard,dice,assoc,first_evidence\n\
             org:a,org:b,1,1,1,1,1,1,2,\"A & Co met <B> in a\u{7}room, said \"\"A & Co\"\".\"\n"
        );
        let (graph, _) = sample_with(0, "C");
        assert_eq!(
            edges_csv(&graph),
            "source,target,weight,documents,pmi,npmi,jaccard,dice,assoc,first_evidence\norg:a,org:b,1,1,1,1,1,1,2,\n"
        );
    }

    #[test]
    fn empty_graph_has_only_headers() {
        let graph = CooccurrenceGraph::from_parts(Window::Sentence, 0, vec![], vec![]);
        assert_eq!(nodes_csv(&graph), format!("{NODES_HEADER}\n"));
        assert_eq!(edges_csv(&graph), format!("{EDGES_HEADER}\n"));
    }
}
