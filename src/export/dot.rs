//! Graphviz DOT, built with graphviz-rust.
//!
//! Nodes are labelled with canonical names; their shape and colour show the type (PERSON: ellipse,
//! ORG: box, COUNTRY: hexagon) and their font size grows with the mention count. Edge pen width grows
//! with the filter's measure (the count by default, on a log scale; other measures linearly), relative
//! to the strongest edge. The file sets no layout engine: render it with
//! `sfdp` or `neato` for a co-occurrence picture (`sfdp -Tsvg graph.dot -o graph.svg`); `dot` works too
//! but draws a hierarchy.
//!
//! Every id, label and tooltip is quoted and escaped (see [`escape`]), so names with quotes,
//! backslashes, newlines or markup cannot break or inject into the file.

use graphviz_rust::dot_structures::{
    Attribute, Edge, EdgeTy, Graph, GraphAttributes, Id, Node, NodeId, Stmt, Vertex,
};
use graphviz_rust::printer::{DotPrinter, PrinterContext};

use super::Metadata;
use crate::gazetteer::EntityType;
use crate::graph::{CooccurrenceGraph, EdgeView, EntityNode, WeightMeasure};

/// Escapes `text` for a double-quoted DOT string and returns it with its quotes.
///
/// `\` and `"` are backslash-escaped, line breaks become `\n`, other control characters become
/// spaces, and `&` becomes `&amp;` because Graphviz decodes character entities in labels. The
/// noncharacters U+FFFE and U+FFFF become U+FFFD, the replacement character: Graphviz copies text
/// into its SVG as it is, and XML cannot hold them.
///
/// ```
/// assert_eq!(nergraph::export::dot::escape("a \"b\"\\\n&"), r#""a \"b\"\\\n&amp;""#);
/// assert_eq!(nergraph::export::dot::escape("x\u{FFFE}"), "\"x\u{FFFD}\"");
/// ```
pub fn escape(text: &str) -> String {
    escape_with(text, true)
}

/// Escapes an id: like [`escape`], but `&` stays as it is, because Graphviz decodes entities only in
/// labels. Gazetteer ids cannot contain quotes or backslashes, so ids read back exactly.
fn escape_id(id: &str) -> String {
    escape_with(id, false)
}

fn escape_with(text: &str, entities: bool) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '&' if entities => out.push_str("&amp;"),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => out.push_str("\\n"),
            c if c.is_control() => out.push(' '),
            '\u{FFFE}' | '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn quoted(text: &str) -> Id {
    Id::Escaped(escape(text))
}

fn quoted_id(id: &str) -> Id {
    Id::Escaped(escape_id(id))
}

fn attr(key: &str, value: &str) -> Attribute {
    Attribute(Id::Plain(key.to_owned()), quoted(value))
}

/// Border colours of communities, the largest first (a qualitative palette, repeated past its end).
const COMMUNITY_COLOURS: &[&str] = &[
    "#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#666666",
    "#1f78b4", "#b2182b", "#4d9221", "#542788",
];

/// The shape and fill colour for a type.
fn style(entity_type: EntityType) -> (&'static str, &'static str) {
    match entity_type {
        EntityType::Person => ("ellipse", "#a6cee3"),
        EntityType::Org => ("box", "#b2df8a"),
        EntityType::Country => ("hexagon", "#fdbf6f"),
    }
}

/// A value from 0 to 1 that grows with the logarithm of `value` relative to `max`.
fn log_scale(value: u64, max: u64) -> f64 {
    if max <= 1 {
        return 0.0;
    }
    // In floating point, so that counts near `u64::MAX` (from a hand-edited graph.json) cannot overflow.
    (value as f64 + 1.0).ln() / (max as f64 + 1.0).ln()
}

/// Options for the picture.
#[derive(Debug, Clone, Default)]
pub struct DotOptions {
    /// A line for the legend, such as "showing the 200 most connected of 1,500 entities".
    pub note: Option<String>,
}

/// Escapes text for a Graphviz HTML-like label (`&`, `<`, `>`, `"`, and `-`, which Graphviz would
/// otherwise turn into dashes). Graphviz reads such labels as XML, so control characters become
/// spaces and the noncharacters U+FFFE and U+FFFF become U+FFFD, as in [`escape`].
fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '-' => out.push_str("&#45;"),
            c if c.is_control() => out.push(' '),
            '\u{FFFE}' | '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// The legend: the colour of each type, what line widths show, and the note.
fn legend(measure: WeightMeasure, communities: usize, note: Option<&str>) -> Id {
    let cell = |t: EntityType| {
        let (shape, fill) = style(t);
        format!("<TD BGCOLOR=\"{fill}\">{} ({shape})</TD>", t.as_str())
    };
    let mut rows = format!(
        "<TR>{}{}{}</TR><TR><TD COLSPAN=\"3\">line width and darkness: {}; border colour: community ({} found)</TD></TR>",
        cell(EntityType::Person),
        cell(EntityType::Org),
        cell(EntityType::Country),
        measure,
        communities
    );
    if let Some(note) = note {
        rows.push_str(&format!(
            "<TR><TD COLSPAN=\"3\">{}</TD></TR>",
            escape_html(note)
        ));
    }
    Id::Html(format!(
        "<<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"4\">{rows}</TABLE>>"
    ))
}

/// How many surface forms and evidence snippets a tooltip shows.
const TOOLTIP_ITEMS: usize = 5;
const TOOLTIP_EVIDENCE: usize = 2;

/// A node's tooltip: name, type, counts, community, and the texts it was found as.
fn node_tooltip(node: &EntityNode, community: usize) -> String {
    let mut tip = format!(
        "{} ({}): mentions {}, documents {}, community {}",
        node.name, node.entity_type, node.mentions, node.documents, community
    );
    if !node.aliases_seen.is_empty() {
        let seen: Vec<String> = node
            .aliases_seen
            .iter()
            .take(TOOLTIP_ITEMS)
            .map(|f| format!("{} ({})", f.text, f.count))
            .collect();
        tip.push_str(&format!("\nseen as: {}", seen.join(", ")));
    }
    tip
}

/// An edge's tooltip: the pair, its counts, and the first evidence snippets.
fn edge_tooltip(e: &EdgeView<'_>) -> String {
    let mut tip = format!(
        "{} -- {}: weight {}, documents {}",
        e.source.name, e.target.name, e.weight, e.edge.documents
    );
    for ev in e.edge.evidence.iter().take(TOOLTIP_EVIDENCE) {
        tip.push_str(&format!("\n{}: {}", ev.doc, ev.text));
    }
    tip
}

/// Builds the graphviz-rust graph for `graph`.
pub fn to_graphviz(graph: &CooccurrenceGraph, metadata: &Metadata) -> Graph {
    to_graphviz_with(graph, metadata, &DotOptions::default())
}

/// Builds the graphviz-rust graph for `graph`, with options.
pub fn to_graphviz_with(
    graph: &CooccurrenceGraph,
    metadata: &Metadata,
    options: &DotOptions,
) -> Graph {
    let max_mentions = graph.nodes().map(|n| n.mentions).max().unwrap_or(0);
    let communities = graph.communities();
    let measure = metadata.filter.measure;
    let values: Vec<f64> = graph.edges().map(|e| e.edge.value(measure)).collect();
    let (low, high) = values
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), &v| {
            (l.min(v), h.max(v))
        });
    let mut stmts = vec![
        Stmt::GAttribute(GraphAttributes::Graph(vec![
            attr("overlap", "prism"),
            attr("outputorder", "edgesfirst"),
            attr("fontname", "Helvetica"),
            attr("fontsize", "11"),
            attr("labelloc", "b"),
            Attribute(
                Id::Plain("label".to_owned()),
                legend(measure, communities.count, options.note.as_deref()),
            ),
            attr(
                "comment",
                &format!(
                    "nergraph {}; window {}; {} documents",
                    metadata.nergraph_version, metadata.window, metadata.documents
                ),
            ),
        ])),
        Stmt::GAttribute(GraphAttributes::Node(vec![
            attr("style", "filled"),
            attr("fontname", "Helvetica"),
            attr("color", "#4d4d4d"),
        ])),
        Stmt::GAttribute(GraphAttributes::Edge(vec![attr("color", "#4a4a4a99")])),
    ];
    for (node, &community) in graph.nodes().zip(&communities.labels) {
        let (shape, fill) = style(node.entity_type);
        let font_size = 10.0 + 14.0 * log_scale(node.mentions, max_mentions);
        stmts.push(Stmt::Node(Node::new(
            NodeId(quoted_id(&node.id), None),
            vec![
                attr("label", &node.name),
                attr("shape", shape),
                attr("fillcolor", fill),
                attr(
                    "color",
                    COMMUNITY_COLOURS[community % COMMUNITY_COLOURS.len()],
                ),
                attr("penwidth", "2"),
                attr("fontsize", &format!("{font_size:.1}")),
                attr("tooltip", &node_tooltip(node, community)),
            ],
        )));
    }
    for e in graph.edges() {
        let strength = match measure {
            WeightMeasure::Count => log_scale(e.weight, high as u64),
            _ if high > low => (e.edge.value(measure) - low) / (high - low),
            _ => 0.5,
        };
        let pen = 0.5 + 5.5 * strength;
        // Stronger links are also darker: alpha from 0x40 to 0xe0.
        let alpha = 0x40 + (f64::from(0xe0 - 0x40) * strength).round() as u32;
        stmts.push(Stmt::Edge(Edge {
            ty: EdgeTy::Pair(
                Vertex::N(NodeId(quoted_id(&e.source.id), None)),
                Vertex::N(NodeId(quoted_id(&e.target.id), None)),
            ),
            attributes: vec![
                attr("penwidth", &format!("{pen:.2}")),
                attr("color", &format!("#4a4a4a{alpha:02x}")),
                attr("tooltip", &edge_tooltip(&e)),
            ],
        }));
    }
    Graph::Graph {
        id: Id::Plain("nergraph".to_owned()),
        strict: false,
        stmts,
    }
}

/// Serialises `graph` as DOT text, ending with a newline.
pub fn to_dot(graph: &CooccurrenceGraph, metadata: &Metadata) -> String {
    to_dot_with(graph, metadata, &DotOptions::default())
}

/// Serialises `graph` as DOT text with options, ending with a newline.
pub fn to_dot_with(graph: &CooccurrenceGraph, metadata: &Metadata, options: &DotOptions) -> String {
    let mut out = to_graphviz_with(graph, metadata, options).print(&mut PrinterContext::default());
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{Associations, CooccurrenceEdge, GraphFilter, Window};

    #[test]
    fn escaping_table() {
        let cases = [
            ("", "\"\""),
            ("plain", "\"plain\""),
            ("say \"hi\"", "\"say \\\"hi\\\"\""),
            ("back\\slash", "\"back\\\\slash\""),
            ("A & B", "\"A &amp; B\""),
            (
                "two\nlines\r\nthree\rfour",
                "\"two\\nlines\\nthree\\nfour\"",
            ),
            ("bell\u{7}\u{0}\u{85}tab\t", "\"bell   tab \""),
            ("non\u{FFFE}char\u{FFFF}", "\"non\u{FFFD}char\u{FFFD}\""),
            ("<b> ]]> \u{1F600}", "\"<b> ]]> \u{1F600}\""),
        ];
        for (input, expected) in cases {
            assert_eq!(escape(input), expected, "{input:?}");
        }
        assert_eq!(escape_id("a&b\u{FFFF}"), "\"a&b\u{FFFD}\"");
    }

    #[test]
    fn html_escaping_table() {
        let cases = [
            ("showing 200 of 1,500", "showing 200 of 1,500"),
            ("<b> & \"q\"", "&lt;b&gt; &amp; &quot;q&quot;"),
            ("a-b", "a&#45;b"),
            ("nul\u{0}bell\u{7}\nline\tend", "nul bell  line end"),
            ("non\u{FFFE}char\u{FFFF}", "non\u{FFFD}char\u{FFFD}"),
        ];
        for (input, expected) in cases {
            assert_eq!(escape_html(input), expected, "{input:?}");
        }
    }

    #[test]
    fn log_scale_runs_from_zero_to_one() {
        assert_eq!(log_scale(0, 0), 0.0);
        assert_eq!(log_scale(5, 1), 0.0);
        assert_eq!(log_scale(0, 10), 0.0);
        assert_eq!(log_scale(10, 10), 1.0);
        assert_eq!(log_scale(u64::MAX, u64::MAX), 1.0);
        let half = log_scale(u64::MAX / 2, u64::MAX);
        assert!(half > 0.9 && half < 1.0, "{half}");
    }

    #[test]
    fn the_largest_counts_draw() {
        let node = |id: &str| EntityNode {
            id: id.into(),
            name: id.into(),
            entity_type: EntityType::Org,
            mentions: u64::MAX,
            documents: u64::MAX,
            windows: u64::MAX,
            aliases_seen: Vec::new(),
            first_seen: None,
            last_seen: None,
            sources: None,
        };
        let edge = CooccurrenceEdge {
            weight: u64::MAX,
            documents: u64::MAX,
            associations: Associations {
                pmi: 0.0,
                npmi: 0.0,
                jaccard: 1.0,
                dice: 1.0,
                assoc: 1.0,
            },
            evidence: Vec::new(),
            first_seen: None,
            last_seen: None,
            sources: None,
        };
        let graph = CooccurrenceGraph::from_parts(
            Window::Sentence,
            1,
            vec![node("a"), node("b")],
            vec![("a".into(), "b".into(), edge)],
        );
        let metadata = Metadata {
            nergraph_version: "test".into(),
            window: "sentence".into(),
            documents: 1,
            gazetteers: Vec::new(),
            filter: GraphFilter::default(),
        };
        let dot = to_dot(&graph, &metadata);
        assert!(dot.contains("fontsize=\"24.0\""), "{dot}");
        assert!(dot.contains("penwidth=\"6.00\""), "{dot}");
    }
}
