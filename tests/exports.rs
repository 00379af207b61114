//! GraphML, GEXF and CSV exports of a graph with hostile names: the XML must parse (roxmltree) and
//! the CSV must parse (the csv crate), and every name, id and number must read back exactly, except
//! that characters XML 1.0 cannot hold come back as U+FFFD.

use nergraph::export::{csv as csv_export, gexf, graphml, Metadata};
use nergraph::gazetteer::GazetteerBuilder;
use nergraph::graph::{CooccurrenceCounter, CooccurrenceGraph, GraphFilter, Window};
use nergraph::tagger::Tagger;
use nergraph::text::normalize;
use proptest::prelude::*;

const GAZETTEER: &str = "\
org:quoted\tORG\tAcme \"Quoted\" 'Single' Co
person:markup\tPERSON\tAlice <b>Bold</b> & Sons ]]> End
org:comma,id\tORG\tSmith, Jones & Co
country:rtl\tCOUNTRY\tRight\u{200F}Land
org:cdata\tORG\t<![CDATA[ Widget ]]>
";

const TEXT: &str = "\
Acme \"Quoted\" 'Single' Co met Alice <b>Bold</b> & Sons ]]> End in Right\u{200F}Land\u{1} today.
Smith, Jones & Co and <![CDATA[ Widget ]]> hired Alice <b>Bold</b> & Sons ]]> End.
Acme \"Quoted\" 'Single' Co sued Smith, Jones & Co and Alice <b>Bold</b> & Sons ]]> End.
";

/// Renamed after counting, because gazetteers refuse control characters in names.
const CONTROL_NAME: &str = "Ctrl\u{0}\u{7}\u{1b} tab\there\r\nnew line \u{FFFE}\u{FFFF} end";

/// The hostile graph: built through the library, then `org:cdata` renamed to [`CONTROL_NAME`].
fn hostile() -> (CooccurrenceGraph, Metadata) {
    let mut builder = GazetteerBuilder::new();
    builder.add_source("hostile.tsv", GAZETTEER).unwrap();
    let tagger = Tagger::new(builder.build().unwrap()).unwrap();
    let mut counter = CooccurrenceCounter::new(Window::Sentence);
    let normalized = normalize(TEXT);
    counter.add_document(
        "a, \"b\" <c>.txt",
        &normalized,
        &tagger.tag_normalized(&normalized),
    );
    let counted = counter.finish(tagger.gazetteer());
    let mut nodes: Vec<_> = counted.nodes().cloned().collect();
    for node in &mut nodes {
        if node.id == "org:cdata" {
            node.name = CONTROL_NAME.to_owned();
        }
    }
    let edges = counted
        .edges()
        .map(|e| (e.source.id.clone(), e.target.id.clone(), e.edge.clone()))
        .collect();
    let graph = CooccurrenceGraph::from_parts(Window::Sentence, 1, nodes, edges);
    let metadata = Metadata {
        nergraph_version: "test <&> \"v\"".into(),
        window: "sentence".into(),
        documents: 1,
        gazetteers: tagger.gazetteer().sources().to_vec(),
        filter: GraphFilter::default(),
    };
    (graph, metadata)
}

/// What an XML reader gets back for `text`: characters XML 1.0 forbids become U+FFFD.
fn xml_readback(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' => c,
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => '\u{FFFD}',
            c => c,
        })
        .collect()
}

/// `(id, name, type, mentions, documents)` of every node, in graph order.
fn expected_nodes(graph: &CooccurrenceGraph) -> Vec<(String, String, String, u64, u64)> {
    graph
        .nodes()
        .map(|n| {
            (
                n.id.clone(),
                n.name.clone(),
                n.entity_type.to_string(),
                n.mentions,
                n.documents,
            )
        })
        .collect()
}

/// `(source, target, weight, documents, first evidence)` of every edge, in graph order.
fn expected_edges(graph: &CooccurrenceGraph) -> Vec<(String, String, u64, u64, String)> {
    graph
        .edges()
        .map(|e| {
            (
                e.source.id.clone(),
                e.target.id.clone(),
                e.weight,
                e.edge.documents,
                e.edge.evidence[0].text.clone(),
            )
        })
        .collect()
}

#[test]
fn the_hostile_graph_has_every_name_and_edges() {
    let (graph, _) = hostile();
    let names: Vec<String> = graph.nodes().map(|n| n.name.clone()).collect();
    assert_eq!(
        names,
        [
            "Right\u{200F}Land",
            CONTROL_NAME,
            "Smith, Jones & Co",
            "Acme \"Quoted\" 'Single' Co",
            "Alice <b>Bold</b> & Sons ]]> End",
        ]
    );
    assert_eq!(graph.edge_count(), 7);
    let heavy: Vec<(&str, &str)> = graph
        .edges()
        .filter(|e| e.weight == 2)
        .map(|e| (e.source.id.as_str(), e.target.id.as_str()))
        .collect();
    assert_eq!(
        heavy,
        [
            ("org:comma,id", "person:markup"),
            ("org:quoted", "person:markup")
        ]
    );
    assert!(graph
        .edges()
        .any(|e| e.edge.evidence[0].text.contains('\u{1}')));
}

/// The `<data key="…">` children of `element`, as (key, text).
fn data_of<'a>(element: roxmltree::Node<'a, 'a>) -> Vec<(&'a str, String)> {
    element
        .children()
        .filter(|c| c.has_tag_name((graphml::NAMESPACE, "data")))
        .map(|c| {
            (
                c.attribute("key").unwrap(),
                c.text().unwrap_or("").to_owned(),
            )
        })
        .collect()
}

fn data_value(data: &[(&str, String)], key: &str) -> String {
    data.iter()
        .find(|(k, _)| *k == key)
        .unwrap_or_else(|| panic!("no {key} in {data:?}"))
        .1
        .clone()
}

#[test]
fn graphml_parses_back_exactly() {
    let (graph, metadata) = hostile();
    let xml = graphml::to_graphml(&graph, &metadata);
    let doc = roxmltree::Document::parse(&xml).expect("well-formed GraphML");
    let root = doc.root_element();
    assert!(root.has_tag_name((graphml::NAMESPACE, "graphml")));

    let keys: Vec<(&str, &str, &str)> = root
        .children()
        .filter(|c| c.has_tag_name((graphml::NAMESPACE, "key")))
        .map(|k| {
            (
                k.attribute("for").unwrap(),
                k.attribute("attr.name").unwrap(),
                k.attribute("attr.type").unwrap(),
            )
        })
        .collect();
    assert_eq!(
        keys,
        [
            ("graph", "nergraph_version", "string"),
            ("graph", "window", "string"),
            ("graph", "documents", "long"),
            ("node", "name", "string"),
            ("node", "type", "string"),
            ("node", "mentions", "long"),
            ("node", "documents", "long"),
            ("node", "windows", "long"),
            ("node", "community", "long"),
            ("edge", "weight", "long"),
            ("edge", "documents", "long"),
            ("edge", "pmi", "double"),
            ("edge", "npmi", "double"),
            ("edge", "jaccard", "double"),
            ("edge", "dice", "double"),
            ("edge", "assoc", "double"),
            ("edge", "first_evidence", "string"),
        ]
    );

    let g = root
        .children()
        .find(|c| c.has_tag_name((graphml::NAMESPACE, "graph")))
        .unwrap();
    assert_eq!(g.attribute("edgedefault"), Some("undirected"));
    let graph_data = data_of(g);
    assert_eq!(
        data_value(&graph_data, "g_nergraph_version"),
        metadata.nergraph_version
    );
    assert_eq!(data_value(&graph_data, "g_window"), "sentence");
    assert_eq!(data_value(&graph_data, "g_documents"), "1");

    let nodes: Vec<_> = g
        .children()
        .filter(|c| c.has_tag_name((graphml::NAMESPACE, "node")))
        .map(|n| {
            let data = data_of(n);
            (
                n.attribute("id").unwrap().to_owned(),
                data_value(&data, "n_name"),
                data_value(&data, "n_type"),
                data_value(&data, "n_mentions").parse::<u64>().unwrap(),
                data_value(&data, "n_documents").parse::<u64>().unwrap(),
            )
        })
        .collect();
    let expected: Vec<_> = expected_nodes(&graph)
        .into_iter()
        .map(|(id, name, t, m, d)| (id, xml_readback(&name), t, m, d))
        .collect();
    assert_eq!(nodes, expected);
    assert!(nodes
        .iter()
        .any(|n| n.1 == "Ctrl\u{FFFD}\u{FFFD}\u{FFFD} tab\there\r\nnew line \u{FFFD}\u{FFFD} end"));

    let edges: Vec<_> = g
        .children()
        .filter(|c| c.has_tag_name((graphml::NAMESPACE, "edge")))
        .map(|e| {
            assert_eq!(e.attribute("id"), None, "no edge ids in GraphML");
            let data = data_of(e);
            (
                e.attribute("source").unwrap().to_owned(),
                e.attribute("target").unwrap().to_owned(),
                data_value(&data, "e_weight").parse::<u64>().unwrap(),
                data_value(&data, "e_documents").parse::<u64>().unwrap(),
                data_value(&data, "e_first_evidence"),
            )
        })
        .collect();
    let expected: Vec<_> = expected_edges(&graph)
        .into_iter()
        .map(|(s, t, w, d, ev)| (s, t, w, d, xml_readback(&ev)))
        .collect();
    assert_eq!(edges, expected);
}

#[test]
fn gexf_parses_back_exactly() {
    let (graph, metadata) = hostile();
    let xml = gexf::to_gexf(&graph, &metadata);
    let doc = roxmltree::Document::parse(&xml).expect("well-formed GEXF");
    let ns = gexf::NAMESPACE;
    let root = doc.root_element();
    assert!(root.has_tag_name((ns, "gexf")));
    assert_eq!(root.attribute("version"), Some("1.3"));
    let creator = doc
        .descendants()
        .find(|n| n.has_tag_name((ns, "creator")))
        .unwrap();
    assert_eq!(
        creator.text(),
        Some(format!("nergraph {}", metadata.nergraph_version).as_str())
    );
    let g = root
        .children()
        .find(|c| c.has_tag_name((ns, "graph")))
        .unwrap();
    assert_eq!(g.attribute("defaultedgetype"), Some("undirected"));
    assert_eq!(g.attribute("mode"), Some("static"));

    let declared = |class: &str| -> Vec<(String, String)> {
        g.children()
            .filter(|c| c.has_tag_name((ns, "attributes")) && c.attribute("class") == Some(class))
            .flat_map(|a| a.children().filter(|c| c.has_tag_name((ns, "attribute"))))
            .map(|a| {
                (
                    a.attribute("title").unwrap().to_owned(),
                    a.attribute("type").unwrap().to_owned(),
                )
            })
            .collect()
    };
    let pairs = |v: &[(&str, &str)]| -> Vec<(String, String)> {
        v.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    };
    assert_eq!(
        declared("node"),
        pairs(&[
            ("type", "string"),
            ("mentions", "long"),
            ("documents", "long"),
            ("windows", "long"),
            ("community", "long")
        ])
    );
    assert_eq!(
        declared("edge"),
        pairs(&[
            ("documents", "long"),
            ("pmi", "double"),
            ("npmi", "double"),
            ("jaccard", "double"),
            ("dice", "double"),
            ("assoc", "double"),
            ("first_evidence", "string")
        ])
    );

    let attvalue = |element: roxmltree::Node<'_, '_>, key: &str| -> String {
        element
            .descendants()
            .find(|c| c.has_tag_name((ns, "attvalue")) && c.attribute("for") == Some(key))
            .and_then(|c| c.attribute("value"))
            .unwrap_or_else(|| panic!("no {key}"))
            .to_owned()
    };
    let nodes: Vec<_> = g
        .descendants()
        .filter(|c| c.has_tag_name((ns, "node")))
        .map(|n| {
            (
                n.attribute("id").unwrap().to_owned(),
                n.attribute("label").unwrap().to_owned(),
                attvalue(n, "type"),
                attvalue(n, "mentions").parse::<u64>().unwrap(),
                attvalue(n, "documents").parse::<u64>().unwrap(),
            )
        })
        .collect();
    let expected: Vec<_> = expected_nodes(&graph)
        .into_iter()
        .map(|(id, name, t, m, d)| (id, xml_readback(&name), t, m, d))
        .collect();
    assert_eq!(nodes, expected, "labels survive attribute normalisation");

    let edges: Vec<_> = g
        .descendants()
        .filter(|c| c.has_tag_name((ns, "edge")))
        .enumerate()
        .map(|(i, e)| {
            assert_eq!(e.attribute("id"), Some(format!("e{i}").as_str()));
            (
                e.attribute("source").unwrap().to_owned(),
                e.attribute("target").unwrap().to_owned(),
                e.attribute("weight").unwrap().parse::<u64>().unwrap(),
                attvalue(e, "documents").parse::<u64>().unwrap(),
                attvalue(e, "first_evidence"),
            )
        })
        .collect();
    let expected: Vec<_> = expected_edges(&graph)
        .into_iter()
        .map(|(s, t, w, d, ev)| (s, t, w, d, xml_readback(&ev)))
        .collect();
    assert_eq!(edges, expected);
}

fn read_csv(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    (header, rows)
}

#[test]
fn csv_parses_back_exactly() {
    let (graph, _) = hostile();
    let (header, rows) = read_csv(&csv_export::nodes_csv(&graph));
    assert_eq!(
        header,
        [
            "id",
            "name",
            "type",
            "mentions",
            "documents",
            "windows",
            "community"
        ]
    );
    let communities = graph.communities().labels;
    let expected: Vec<Vec<String>> = expected_nodes(&graph)
        .into_iter()
        .zip(graph.nodes().zip(communities))
        .map(|((id, name, t, m, d), (node, c))| {
            vec![
                id,
                name,
                t,
                m.to_string(),
                d.to_string(),
                node.windows.to_string(),
                c.to_string(),
            ]
        })
        .collect();
    assert_eq!(
        rows, expected,
        "names read back exactly, control characters included"
    );

    let (header, rows) = read_csv(&csv_export::edges_csv(&graph));
    assert_eq!(
        header,
        [
            "source",
            "target",
            "weight",
            "documents",
            "pmi",
            "npmi",
            "jaccard",
            "dice",
            "assoc",
            "first_evidence"
        ]
    );
    let expected: Vec<Vec<String>> = expected_edges(&graph)
        .into_iter()
        .zip(graph.edges())
        .map(|((s, t, w, d, ev), e)| {
            let a = &e.edge.associations;
            let mut row = vec![s, t, w.to_string(), d.to_string()];
            row.extend([a.pmi, a.npmi, a.jaccard, a.dice, a.assoc].map(|v| v.to_string()));
            row.push(ev);
            row
        })
        .collect();
    assert_eq!(rows, expected);
}

#[test]
fn the_same_graph_gives_the_same_bytes() {
    let (a, meta) = hostile();
    let (b, _) = hostile();
    assert_eq!(
        graphml::to_graphml(&a, &meta),
        graphml::to_graphml(&b, &meta)
    );
    assert_eq!(gexf::to_gexf(&a, &meta), gexf::to_gexf(&b, &meta));
    assert_eq!(csv_export::nodes_csv(&a), csv_export::nodes_csv(&b));
    assert_eq!(csv_export::edges_csv(&a), csv_export::edges_csv(&b));
}

proptest! {
    #[test]
    fn any_text_survives_xml_escaping(text in any::<String>()) {
        let escaped = graphml::escape(&text);
        let xml = format!("<r a=\"{escaped}\" b='{escaped}'>{escaped}</r>");
        let doc = roxmltree::Document::parse(&xml).expect("well-formed");
        let r = doc.root_element();
        let expected = xml_readback(&text);
        prop_assert_eq!(r.attribute("a"), Some(expected.as_str()));
        prop_assert_eq!(r.attribute("b"), Some(expected.as_str()));
        prop_assert_eq!(r.text().unwrap_or(""), expected.as_str());
    }

    #[test]
    fn any_fields_survive_csv_quoting(fields in prop::collection::vec(any::<String>(), 2..6)) {
        let line: Vec<String> = fields.iter().map(|f| csv_export::escape(f).into_owned()).collect();
        let text = format!("{}\n", line.join(","));
        let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(text.as_bytes());
        let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        prop_assert_eq!(records.len(), 1);
        let read: Vec<&str> = records[0].iter().collect();
        prop_assert_eq!(read, fields.iter().map(String::as_str).collect::<Vec<_>>());
    }
}
