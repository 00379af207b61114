//! End-to-end tests of the `nergraph` binary.
//!
//! Every test runs the binary in a fresh temporary folder through [`Sandbox::nergraph`], which also
//! clears the environment variables that could change what the binary prints (colours, terminal
//! width, backtraces). Inputs are copied or written into that folder, so document names in the
//! outputs are short relative paths such as `samples/01-raab-blinken-talks.txt`.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::Stdio;

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

#[path = "support/command.rs"]
mod command;
use command::{stderr_of, stdout_of};

/// The sample corpus of the repository.
fn samples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples")
}

/// A temporary working folder for one test.
struct Sandbox {
    dir: TempDir,
}

impl Sandbox {
    fn new() -> Self {
        Sandbox {
            dir: tempfile::tempdir().expect("create a temporary folder"),
        }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn join(&self, relative: &str) -> PathBuf {
        self.path().join(relative)
    }

    /// Writes `contents` to `relative`, creating parent folders.
    fn write(&self, relative: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, contents).unwrap();
        path
    }

    fn read(&self, relative: &str) -> Vec<u8> {
        std::fs::read(self.join(relative)).unwrap_or_else(|e| panic!("cannot read {relative}: {e}"))
    }

    fn mkdir(&self, relative: &str) -> PathBuf {
        let path = self.join(relative);
        std::fs::create_dir_all(&path).unwrap();
        path
    }

    /// Copies the sample corpus to `samples/`, creating the files in the given order (by default
    /// name order; `reverse` creates them last to first). Returns the names of the files that
    /// nergraph reads from the folder (`.txt` and `.md`), as `samples/NAME`, sorted.
    fn copy_samples(&self, reverse: bool) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(samples_dir())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        if reverse {
            names.reverse();
        }
        self.mkdir("samples");
        for name in &names {
            std::fs::copy(samples_dir().join(name), self.join("samples").join(name)).unwrap();
        }
        let mut documents: Vec<String> = names
            .into_iter()
            .filter(|n| {
                let lower = n.to_ascii_lowercase();
                lower.ends_with(".txt") || lower.ends_with(".md")
            })
            .map(|n| format!("samples/{n}"))
            .collect();
        documents.sort();
        documents
    }

    /// The binary as a std `Command`, running in this folder with a cleaned environment.
    fn process(&self) -> std::process::Command {
        command::process_in(self.path())
    }

    /// The binary as an assert_cmd `Command`, running in this folder with a cleaned environment.
    fn nergraph(&self) -> Command {
        Command::from_std(self.process())
    }

    /// Parses `relative` (a graph.json) as JSON.
    fn json(&self, relative: &str) -> Value {
        serde_json::from_slice(&self.read(relative))
            .unwrap_or_else(|e| panic!("{relative} is not JSON: {e}"))
    }
}

/// Runs `tag --format jsonl ARGS` and returns the parsed lines; the run must succeed.
fn tag_jsonl(sandbox: &Sandbox, args: &[&str]) -> Vec<Value> {
    let assert = sandbox
        .nergraph()
        .args(["tag", "--format", "jsonl"])
        .args(args)
        .assert()
        .code(0);
    stdout_of(assert.get_output())
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{line:?}: {e}")))
        .collect()
}

/// `(text, id)` of each mention.
fn texts_and_ids(mentions: &[Value]) -> Vec<(String, String)> {
    mentions
        .iter()
        .map(|m| {
            (
                m["text"].as_str().unwrap().to_owned(),
                m["id"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn pair(a: &str, b: &str) -> (String, String) {
    (a.to_owned(), b.to_owned())
}

/// The edges of a graph.json by `(source, target)`.
fn edges_by_pair(graph: &Value) -> BTreeMap<(String, String), Value> {
    graph["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                pair(e["source"].as_str().unwrap(), e["target"].as_str().unwrap()),
                e.clone(),
            )
        })
        .collect()
}

fn node_ids(graph: &Value) -> Vec<String> {
    graph["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap().to_owned())
        .collect()
}

/// The 1-based line of the row for `id` in a built-in gazetteer file (error messages cite it).
fn default_gazetteer_line(file: &str, id: &str) -> usize {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("gazetteers")
        .join(file);
    let text = std::fs::read_to_string(path).unwrap();
    let prefix = format!("{id}\t");
    text.lines().position(|l| l.starts_with(&prefix)).unwrap() + 1
}

/// Node ids and edge endpoints of a DOT file, as graphviz-rust parses them (quotes removed and `\"`
/// unescaped, as Graphviz reads them).
fn dot_ids(dot: &str) -> (Vec<String>, Vec<(String, String)>) {
    use graphviz_rust::dot_structures::{EdgeTy, Graph, Id, NodeId, Stmt, Vertex};
    let unquote = |id: &Id| -> String {
        match id {
            Id::Escaped(s) => s[1..s.len() - 1].replace("\\\"", "\""),
            Id::Plain(s) | Id::Html(s) | Id::Anonymous(s) => s.clone(),
        }
    };
    let vertex = |v: &Vertex| match v {
        Vertex::N(NodeId(id, _)) => unquote(id),
        Vertex::S(_) => panic!("unexpected subgraph"),
    };
    let Graph::Graph { stmts, strict, .. } = graphviz_rust::parse(dot).expect("DOT parses") else {
        panic!("expected an undirected graph");
    };
    assert!(!strict);
    let mut nodes = Vec::new();
    let mut edges = Vec::new();
    for stmt in &stmts {
        match stmt {
            Stmt::Node(node) => nodes.push(unquote(&node.id.0)),
            Stmt::Edge(edge) => match &edge.ty {
                EdgeTy::Pair(a, b) => edges.push((vertex(a), vertex(b))),
                EdgeTy::Chain(_) => panic!("unexpected edge chain"),
            },
            _ => {}
        }
    }
    (nodes, edges)
}

// ---------------------------------------------------------------------------------------------
// build on the sample corpus

#[test]
fn build_samples_writes_a_consistent_graph() {
    let sandbox = Sandbox::new();
    let documents = sandbox.copy_samples(false);
    let output = sandbox
        .nergraph()
        .args(["build", "samples"])
        .assert()
        .code(0)
        .stdout("")
        .get_output()
        .clone();
    assert!(sandbox.join("out/graph.json").is_file());
    assert!(sandbox.join("out/graph.dot").is_file());
    let graph = sandbox.json("out/graph.json");

    // Header and metadata.
    assert_eq!(graph["directed"], Value::Bool(false));
    assert_eq!(graph["multigraph"], Value::Bool(false));
    let meta = &graph["graph"];
    assert_eq!(meta["window"], "sentence");
    assert_eq!(meta["documents"], documents.len());
    assert_eq!(meta["nergraph_version"], env!("CARGO_PKG_VERSION"));
    let defaults: Vec<String> = nergraph::gazetteer::DEFAULT_SOURCES
        .iter()
        .map(|(name, _)| format!("builtin:{name}"))
        .collect();
    assert_eq!(meta["gazetteers"], serde_json::json!(defaults));
    assert_eq!(
        meta["filter"],
        serde_json::json!({"measure": "count", "min_weight": null, "min_mentions": 1, "top_edges": null, "drop_isolated": false})
    );

    // Standard error is not a terminal here: it holds nothing but warnings, and there are none.
    assert_eq!(stderr_of(&output), "");
    let nodes = graph["nodes"].as_array().unwrap();
    let edges = graph["edges"].as_array().unwrap();
    assert_eq!(graph["graph"]["documents"], documents.len());

    // Nodes sorted by id, unique, with their attributes.
    let ids = node_ids(&graph);
    let mut sorted = ids.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(ids, sorted, "nodes must be sorted by id and unique");
    for node in nodes {
        let keys: BTreeSet<&str> = node
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys,
            BTreeSet::from([
                "id",
                "name",
                "type",
                "mentions",
                "documents",
                "windows",
                "community",
                "aliases_seen"
            ])
        );
        assert!(["PERSON", "ORG", "COUNTRY"].contains(&node["type"].as_str().unwrap()));
        let (mentions, docs) = (
            node["mentions"].as_u64().unwrap(),
            node["documents"].as_u64().unwrap(),
        );
        assert!(
            mentions >= docs && docs >= 1 && docs <= documents.len() as u64,
            "{node}"
        );
    }
    for id in [
        "country:GB",
        "country:RU",
        "person:dominic-raab",
        "org:ncsc",
        "org:cisa",
        "org:reddit",
        "org:fsb",
    ] {
        assert!(ids.iter().any(|i| i == id), "missing node {id}");
    }

    // Edges sorted, source < target, endpoints are nodes, counts consistent.
    let id_set: BTreeSet<&str> = ids.iter().map(String::as_str).collect();
    let pairs: Vec<(String, String)> = edges
        .iter()
        .map(|e| pair(e["source"].as_str().unwrap(), e["target"].as_str().unwrap()))
        .collect();
    let mut sorted_pairs = pairs.clone();
    sorted_pairs.sort();
    sorted_pairs.dedup();
    assert_eq!(pairs, sorted_pairs, "edges must be sorted and unique");
    for (source, target) in &pairs {
        assert!(source < target, "{source} -- {target}");
        assert!(id_set.contains(source.as_str()) && id_set.contains(target.as_str()));
    }

    // Every mention `tag` reports is counted on its node.
    let mentions = tag_jsonl(&sandbox, &["samples"]);
    let mut per_node: BTreeMap<String, (u64, BTreeSet<String>)> = BTreeMap::new();
    for m in &mentions {
        let entry = per_node
            .entry(m["id"].as_str().unwrap().to_owned())
            .or_default();
        entry.0 += 1;
        entry.1.insert(m["doc"].as_str().unwrap().to_owned());
    }
    assert_eq!(per_node.keys().cloned().collect::<Vec<_>>(), ids);
    for node in nodes {
        let (count, docs) = &per_node[node["id"].as_str().unwrap()];
        assert_eq!(node["mentions"], *count, "{node}");
        assert_eq!(node["documents"], docs.len(), "{node}");
    }

    // Evidence: windows of the original files that mention both endpoints.
    let files: BTreeMap<&str, Vec<u8>> = documents
        .iter()
        .map(|d| (d.as_str(), sandbox.read(d)))
        .collect();
    let evidence_limit = nergraph::graph::DEFAULT_EVIDENCE as u64;
    for edge in edges {
        let (source, target) = (
            edge["source"].as_str().unwrap(),
            edge["target"].as_str().unwrap(),
        );
        let weight = edge["weight"].as_u64().unwrap();
        let docs = edge["documents"].as_u64().unwrap();
        let evidence = edge["evidence"].as_array().unwrap();
        assert!(weight >= docs && docs >= 1, "{edge}");
        assert!(
            !evidence.is_empty() && evidence.len() as u64 <= weight.min(evidence_limit),
            "{edge}"
        );
        for item in evidence {
            let doc = item["doc"].as_str().unwrap();
            let bytes = files
                .get(doc)
                .unwrap_or_else(|| panic!("unknown doc {doc}"));
            let (start, end) = (
                item["start"].as_u64().unwrap() as usize,
                item["end"].as_u64().unwrap() as usize,
            );
            assert!(start < end && end <= bytes.len(), "{item}");
            let slice = std::str::from_utf8(&bytes[start..end]).unwrap_or_else(|e| {
                panic!("evidence {item} does not slice at char boundaries: {e}")
            });
            assert!(!item["text"].as_str().unwrap().is_empty());
            assert!(item["window"].is_u64(), "{item}");
            let inside = |id: &str| {
                mentions.iter().any(|m| {
                    m["doc"] == doc
                        && m["id"] == id
                        && m["start"].as_u64().unwrap() as usize >= start
                        && m["end"].as_u64().unwrap() as usize <= end
                })
            };
            assert!(
                inside(source) && inside(target),
                "evidence {item} of {source} -- {target}"
            );
            // ASCII windows are quoted verbatim, white space collapsed (unless cut short).
            let text = item["text"].as_str().unwrap();
            if slice.is_ascii() && !text.ends_with('…') {
                assert_eq!(text, slice.split_whitespace().collect::<Vec<_>>().join(" "));
            }
        }
    }

    // Edges checked by reading the sample texts: (endpoints, article, words of the window).
    let by_pair = edges_by_pair(&graph);
    let expected = [
        (
            "person:antony-blinken",
            "person:dominic-raab",
            "01-raab-blinken-talks.txt",
            "Dominic Raab and Antony Blinken spent",
        ),
        (
            "org:cisa",
            "org:ncsc",
            "02-ncsc-cisa-advisory.txt",
            "National Cyber Security Centre and the US Cybersecurity",
        ),
        (
            "country:RU",
            "org:fsb",
            "02-ncsc-cisa-advisory.txt",
            "working for Russia’s FSB",
        ),
        (
            "org:reddit",
            "person:steve-huffman",
            "04-reddit-data-policy.txt",
            "Steve Huffman, the company’s chief executive",
        ),
        (
            "country:CN",
            "country:US",
            "05-us-china-chip-talks.txt",
            "US-China talks on chip export rules",
        ),
        (
            "country:CN",
            "person:wang-wentao",
            "05-us-china-chip-talks.txt",
            "commerce minister, Wang Wentao",
        ),
        (
            "country:CN",
            "country:TW",
            "06-taiwan-missile-sale.txt",
            "BEIJING TELLS US TO SCRAP TAIWAN",
        ),
        (
            "org:un-security-council",
            "org:who",
            "08-who-ransomware-hospitals.txt",
            "World Health Organization told the UN Security Council",
        ),
        (
            "country:IN",
            "country:PK",
            "09-south-asia-briefing.md",
            "India and Pakistan",
        ),
    ];
    for (source, target, article, words) in expected {
        let edge = by_pair
            .get(&pair(source, target))
            .unwrap_or_else(|| panic!("missing edge {source} -- {target}"));
        let doc = format!("samples/{article}");
        let found = edge["evidence"].as_array().unwrap().iter().any(|item| {
            let (start, end) = (
                item["start"].as_u64().unwrap() as usize,
                item["end"].as_u64().unwrap() as usize,
            );
            item["doc"] == doc.as_str()
                && std::str::from_utf8(&files[doc.as_str()][start..end])
                    .unwrap()
                    .contains(words)
        });
        assert!(
            found,
            "{source} -- {target}: no evidence from {doc} containing {words:?}: {edge}"
        );
    }

    // The DOT file holds the same nodes and edges.
    let dot = String::from_utf8(sandbox.read("out/graph.dot")).unwrap();
    assert!(dot.starts_with("graph nergraph {"), "{dot}");
    assert!(dot.ends_with("}\n"));
    let (dot_nodes, dot_edges) = dot_ids(&dot);
    assert_eq!(dot_nodes, ids);
    assert_eq!(dot_edges, pairs);
}

#[test]
fn build_is_deterministic_across_runs_and_file_creation_order() {
    let first = Sandbox::new();
    first.copy_samples(false);
    for out in ["out1", "out2"] {
        first
            .nergraph()
            .args(["build", "samples", "-o", out])
            .assert()
            .code(0);
    }
    for file in ["graph.json", "graph.dot"] {
        assert!(
            first.read(&format!("out1/{file}")) == first.read(&format!("out2/{file}")),
            "{file} differs between two runs"
        );
    }
    // Same relative paths, files created in the opposite order, in another folder.
    let second = Sandbox::new();
    second.copy_samples(true);
    second
        .nergraph()
        .args(["build", "samples", "-o", "out1"])
        .assert()
        .code(0);
    for file in ["graph.json", "graph.dot"] {
        assert!(
            first.read(&format!("out1/{file}")) == second.read(&format!("out1/{file}")),
            "{file} depends on the order in which the input files were created"
        );
    }
    // tag output is deterministic too.
    let tag = |sandbox: &Sandbox| {
        stdout_of(
            sandbox
                .nergraph()
                .args(["tag", "samples"])
                .assert()
                .code(0)
                .get_output(),
        )
    };
    assert_eq!(tag(&first), tag(&second));
}

// ---------------------------------------------------------------------------------------------
// tag

/// Runs `tag --format jsonl` once on every sample file and groups the mentions by document.
fn tag_samples_by_doc(sandbox: &Sandbox, documents: &[String]) -> BTreeMap<String, Vec<Value>> {
    let args: Vec<&str> = documents.iter().map(String::as_str).collect();
    let mut by_doc: BTreeMap<String, Vec<Value>> =
        documents.iter().map(|d| (d.clone(), Vec::new())).collect();
    for m in tag_jsonl(sandbox, &args) {
        let doc = m["doc"].as_str().unwrap().to_owned();
        by_doc
            .get_mut(&doc)
            .unwrap_or_else(|| panic!("unexpected doc {doc}"))
            .push(m);
    }
    by_doc
}

#[test]
fn tag_jsonl_offsets_slice_the_original_bytes() {
    let sandbox = Sandbox::new();
    let documents = sandbox.copy_samples(false);
    let by_doc = tag_samples_by_doc(&sandbox, &documents);
    let mut not_ascii = Vec::new();
    for (doc, mentions) in &by_doc {
        let bytes = sandbox.read(doc);
        assert!(!mentions.is_empty(), "no mentions in {doc}");
        let mut last_end = 0;
        for m in mentions {
            let keys: BTreeSet<&str> = m.as_object().unwrap().keys().map(String::as_str).collect();
            for key in [
                "doc",
                "start",
                "end",
                "text",
                "type",
                "id",
                "name",
                "kind",
                "resolved_by",
            ] {
                assert!(keys.contains(key), "{key} missing in {m}");
            }
            assert!(
                ["PERSON", "ORG", "COUNTRY"].contains(&m["type"].as_str().unwrap()),
                "{m}"
            );
            assert!(
                !m["id"].as_str().unwrap().is_empty() && !m["name"].as_str().unwrap().is_empty()
            );
            let (start, end) = (
                m["start"].as_u64().unwrap() as usize,
                m["end"].as_u64().unwrap() as usize,
            );
            assert!(start < end && end <= bytes.len(), "{m}");
            assert!(
                start >= last_end,
                "mentions overlap or are out of order: {m}"
            );
            last_end = end;
            assert_eq!(
                std::str::from_utf8(&bytes[start..end]).ok(),
                m["text"].as_str(),
                "{doc}: [{start}, {end}) does not slice to the mention's text"
            );
            if !m["text"].as_str().unwrap().is_ascii() {
                not_ascii.push(m["text"].as_str().unwrap().to_owned());
            }
        }
    }
    // The sample with a non-breaking space keeps it, and a curly apostrophe stays in the mention.
    assert_eq!(
        not_ascii,
        ["United\u{a0}States", "Taiwan\u{2019}s defence ministry"]
    );
    // Offsets after curly quotes and dashes (multi-byte) still point at the name: "Kremlin’s".
    let raab = "samples/01-raab-blinken-talks.txt";
    let kremlin = by_doc[raab]
        .iter()
        .find(|m| m["id"] == "org:kremlin")
        .expect("Kremlin’s");
    let end = kremlin["end"].as_u64().unwrap() as usize;
    assert_eq!(&sandbox.read(raab)[end..end + 4], "’s".as_bytes());
}

#[test]
fn tag_text_format_escapes_and_names_the_place() {
    let sandbox = Sandbox::new();
    sandbox.copy_samples(false);
    let assert = sandbox
        .nergraph()
        .args(["tag", "samples/05-us-china-chip-talks.txt"])
        .assert()
        .code(0)
        .stderr("");
    let out = stdout_of(assert.get_output());
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        "samples/05-us-china-chip-talks.txt:0-2\tCOUNTRY\tcountry:US\tUS"
    );
    assert_eq!(
        lines[1],
        "samples/05-us-china-chip-talks.txt:3-8\tCOUNTRY\tcountry:CN\tChina"
    );
    assert!(
        lines.contains(&"samples/05-us-china-chip-talks.txt:1709-1723\tCOUNTRY\tcountry:US\tUnited\\u{a0}States"),
        "{out}"
    );
}

#[test]
fn tag_samples_get_the_documented_hard_cases_right() {
    let sandbox = Sandbox::new();
    let documents = sandbox.copy_samples(false);
    let by_doc = tag_samples_by_doc(&sandbox, &documents);
    let mentions = |doc: &str| texts_and_ids(&by_doc[&format!("samples/{doc}")]);
    let ids_in =
        |doc: &str| -> BTreeSet<String> { mentions(doc).into_iter().map(|(_, id)| id).collect() };
    // "guinea pig" is not Guinea; "told us" and "Tell us" are not the US.
    let reddit = ids_in("04-reddit-data-policy.txt");
    assert!(
        !reddit.contains("country:GN") && !reddit.contains("country:US"),
        "{reddit:?}"
    );
    // "Romania" does not give Oman; "Who checks" is not the WHO; "USB" is not the US.
    let advisory = mentions("02-ncsc-cisa-advisory.txt");
    assert!(advisory.contains(&pair("Romania", "country:RO")));
    assert!(
        !advisory
            .iter()
            .any(|(_, id)| id == "country:OM" || id == "org:who"),
        "{advisory:?}"
    );
    assert!(
        !advisory
            .iter()
            .any(|(text, _)| text.starts_with("US") && text != "US"),
        "{advisory:?}"
    );
    // "a turkey sandwich" is not Turkey.
    assert!(!ids_in("08-who-ransomware-hospitals.txt").contains("country:TR"));
    // Two Johnsons: the later bare "Johnson" stays unresolved.
    let nato = mentions("07-nato-ukraine-aid.txt");
    assert!(nato.contains(&pair("Mike Johnson", "person:mike-johnson")));
    assert!(nato.contains(&pair("Boris Johnson", "person:boris-johnson")));
    assert!(!nato.iter().any(|(text, _)| text == "Johnson"), "{nato:?}");
    // Surnames after full names, and "Mr." is not part of the mention.
    let raab = mentions("01-raab-blinken-talks.txt");
    assert_eq!(
        raab.iter()
            .filter(|(_, id)| id == "person:antony-blinken")
            .count(),
        3,
        "{raab:?}"
    );
    assert!(raab.contains(&pair("Blinken", "person:antony-blinken")));
    // An acronym defined in the text names the entity afterwards.
    let cisa = by_doc["samples/02-ncsc-cisa-advisory.txt"]
        .iter()
        .filter(|m| m["id"] == "org:cisa")
        .count();
    assert!(cisa >= 3, "CISA mentions: {cisa}");
}

#[test]
fn tag_reads_standard_input_as_document_dash() {
    let sandbox = Sandbox::new();
    sandbox
        .nergraph()
        .args(["tag", "-"])
        .write_stdin("Dominic Raab met Antony Blinken in London.\n")
        .assert()
        .code(0)
        .stderr("")
        .stdout(
            "-:0-12\tPERSON\tperson:dominic-raab\tDominic Raab\n\
             -:17-31\tPERSON\tperson:antony-blinken\tAntony Blinken\n\
             -:35-41\tCOUNTRY\tcountry:GB\tLondon\n",
        );
    let assert = sandbox
        .nergraph()
        .args(["tag", "--format", "jsonl", "-"])
        .write_stdin("Russia\u{2019}s envoy.")
        .assert()
        .code(0);
    let line: Value = serde_json::from_str(stdout_of(assert.get_output()).trim_end()).unwrap();
    assert_eq!(
        line,
        serde_json::json!({
            "doc": "-", "start": 0, "end": 6, "text": "Russia", "type": "COUNTRY", "id": "country:RU",
            "name": "Russia", "kind": "name", "resolved_by": "alias"
        })
    );
}

// ---------------------------------------------------------------------------------------------
// hard cases with a small custom gazetteer

const HARD_CASES_GAZETTEER: &str = "\
# A small gazetteer for the hard cases.
country:US\tCOUNTRY\tUnited States\tUS | U.S.
country:CN\tCOUNTRY\tChina\tChinese [demonym]
country:TR\tCOUNTRY\tTurkey [exact]\tTurkish [demonym]
neg:food\tNOT\tturkey sandwich
person:dominic-raab\tPERSON\tDominic Raab
org:cisa\tORG\tCybersecurity and Infrastructure Security Agency
";

/// Tags `text` with only the hard-case gazetteer; returns the jsonl records.
fn tag_hard(text: &str) -> Vec<Value> {
    let sandbox = Sandbox::new();
    sandbox.write("g.tsv", HARD_CASES_GAZETTEER);
    sandbox.write("in.txt", text);
    tag_jsonl(
        &sandbox,
        &["--no-default-gazetteers", "-g", "g.tsv", "in.txt"],
    )
}

/// `(start, end, text, id)` of each mention.
fn spans(mentions: &[Value]) -> Vec<(u64, u64, String, String)> {
    mentions
        .iter()
        .map(|m| {
            (
                m["start"].as_u64().unwrap(),
                m["end"].as_u64().unwrap(),
                m["text"].as_str().unwrap().to_owned(),
                m["id"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn span(start: u64, end: u64, text: &str, id: &str) -> (u64, u64, String, String) {
    (start, end, text.to_owned(), id.to_owned())
}

#[test]
fn hard_case_pronoun_us_is_not_the_country() {
    let text = "They told us that the US would act. Us too, said us.";
    assert_eq!(spans(&tag_hard(text)), [span(22, 24, "US", "country:US")]);
}

#[test]
fn hard_case_usb_is_not_the_us() {
    let text = "A USB stick and USBs came from the US.";
    assert_eq!(spans(&tag_hard(text)), [span(35, 37, "US", "country:US")]);
}

#[test]
fn hard_case_possessives_give_the_name_alone() {
    let text = "China\u{2019}s plan and China's reply.";
    // The curly apostrophe is three bytes: the second China starts at 5 + 3 + 1 + 9 = 19.
    assert_eq!(
        spans(&tag_hard(text)),
        [
            span(0, 5, "China", "country:CN"),
            span(19, 24, "China", "country:CN")
        ]
    );
}

#[test]
fn hard_case_hyphen_separates_countries() {
    let text = "US-China talks and US\u{2013}China trade.";
    assert_eq!(
        spans(&tag_hard(text)),
        [
            span(0, 2, "US", "country:US"),
            span(3, 8, "China", "country:CN"),
            span(19, 21, "US", "country:US"),
            span(24, 29, "China", "country:CN"),
        ]
    );
}

#[test]
fn hard_case_negative_entry_hides_turkey_sandwich() {
    let text =
        "Lunch was a turkey sandwich. A Turkey Sandwich again. Turkey sandwiched between talks.";
    assert_eq!(
        spans(&tag_hard(text)),
        [span(54, 60, "Turkey", "country:TR")]
    );
}

#[test]
fn hard_case_surname_resolves_only_after_the_full_name() {
    let text = "Raab arrived. Dominic Raab spoke, then Mr Raab left with Raab's aides.";
    let mentions = tag_hard(text);
    assert_eq!(
        spans(&mentions),
        [
            span(14, 26, "Dominic Raab", "person:dominic-raab"),
            span(42, 46, "Raab", "person:dominic-raab"),
            span(57, 61, "Raab", "person:dominic-raab"),
        ]
    );
    assert_eq!(mentions[0]["kind"], "name");
    assert_eq!(mentions[0]["resolved_by"], "alias");
    for m in &mentions[1..] {
        assert_eq!(
            (m["kind"].as_str(), m["resolved_by"].as_str()),
            (Some("short"), Some("context"))
        );
    }
}

#[test]
fn hard_case_acronym_defined_in_the_text() {
    let text = "CISA was quiet. The Cybersecurity and Infrastructure Security Agency (CISA) then said CISA-led teams helped.";
    let mentions = tag_hard(text);
    assert_eq!(
        spans(&mentions),
        [
            span(
                20,
                68,
                "Cybersecurity and Infrastructure Security Agency",
                "org:cisa"
            ),
            span(70, 74, "CISA", "org:cisa"),
            span(86, 90, "CISA", "org:cisa"),
        ]
    );
    assert_eq!(mentions[2]["resolved_by"], "text_acronym");
    assert_eq!(mentions[2]["kind"], "acronym");
}

// ---------------------------------------------------------------------------------------------
// input errors

#[test]
fn missing_input_fails_and_names_the_path() {
    let sandbox = Sandbox::new();
    let assert = sandbox
        .nergraph()
        .args(["tag", "missing.txt"])
        .assert()
        .code(1)
        .stdout("");
    let stderr = stderr_of(assert.get_output());
    assert!(
        stderr.starts_with("nergraph: error: missing.txt: "),
        "{stderr}"
    );
    assert!(stderr.contains("No such file or directory"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    sandbox
        .nergraph()
        .args(["build", "missing.txt"])
        .assert()
        .code(1);
    assert!(
        !sandbox.join("out").exists(),
        "a failed build must not create the output folder"
    );
}

#[test]

fn io_error_message_names_the_cause_once() {
    let sandbox = Sandbox::new();
    sandbox
        .nergraph()
        .args(["tag", "missing.txt"])
        .assert()
        .code(1)
        .stderr("nergraph: error: missing.txt: No such file or directory (os error 2)\n");
}

/// A folder with one good file, one binary file and one file that is not UTF-8.
fn mixed_corpus(sandbox: &Sandbox) {
    sandbox.write("corpus/good.txt", "Russia and the UK met.\n");
    sandbox.write("corpus/bin.txt", b"ab\0cd");
    sandbox.write("corpus/bad.md", b"ok \xff\n");
}

const MIXED_WARNINGS: &str = "\
nergraph: warning: skipped corpus/bad.md: not valid UTF-8 (invalid byte at offset 3)
nergraph: warning: skipped corpus/bin.txt: looks binary (NUL byte at offset 2)
";

#[test]
fn files_that_are_not_text_are_skipped_with_a_warning() {
    let sandbox = Sandbox::new();
    mixed_corpus(&sandbox);
    sandbox
        .nergraph()
        .args(["tag", "corpus"])
        .assert()
        .code(0)
        .stdout("corpus/good.txt:0-6\tCOUNTRY\tcountry:RU\tRussia\ncorpus/good.txt:15-17\tCOUNTRY\tcountry:GB\tUK\n")
        .stderr(MIXED_WARNINGS);
    sandbox
        .nergraph()
        .args(["build", "corpus"])
        .assert()
        .code(0)
        .stderr(MIXED_WARNINGS);
    let graph = sandbox.json("out/graph.json");
    assert_eq!(graph["graph"]["documents"], 1);
    assert_eq!(node_ids(&graph), ["country:GB", "country:RU"]);
}

#[test]
fn strict_fails_on_files_that_are_not_text() {
    let sandbox = Sandbox::new();
    mixed_corpus(&sandbox);
    sandbox
        .nergraph()
        .args(["tag", "--strict", "corpus"])
        .assert()
        .code(1)
        .stdout("")
        .stderr("nergraph: error: cannot read input: corpus/bad.md: not valid UTF-8 (invalid byte at offset 3)\n");
    sandbox
        .nergraph()
        .args(["build", "--strict", "corpus/good.txt", "corpus/bin.txt"])
        .assert()
        .code(1)
        .stderr("nergraph: error: cannot read input: corpus/bin.txt: looks binary (NUL byte at offset 2)\n");
    assert!(!sandbox.join("out").exists());
}

#[test]
fn empty_folder_warns_and_fails_with_no_documents() {
    let sandbox = Sandbox::new();
    sandbox.mkdir("empty");
    sandbox.write("other/notes.json", "[\"Russia\", \"UK\"]\n");
    for (command, folder) in [("tag", "empty"), ("build", "empty"), ("tag", "other")] {
        sandbox
            .nergraph()
            .args([command, folder])
            .assert()
            .code(1)
            .stdout("")
            .stderr(format!(
                "nergraph: warning: {folder}: no .txt, .md, .jsonl, .ndjson or .csv (or .gz) files in this folder\n\
                 nergraph: error: no documents to read in the inputs given\n"
            ));
    }
    assert!(!sandbox.join("out").exists());
}

#[test]
fn bom_and_crlf_files_are_tagged_with_correct_offsets() {
    let sandbox = Sandbox::new();
    let bom = "\u{feff}Russia and the UK met.\n";
    let crlf = "Russia met\r\nthe UK.\r\n\r\nThen Russia\u{2019}s envoy left.\r\n";
    sandbox.write("bom.txt", bom);
    sandbox.write("crlf.txt", crlf);
    let mentions = tag_jsonl(&sandbox, &["bom.txt", "crlf.txt"]);
    let found: Vec<(String, u64, u64, String)> = mentions
        .iter()
        .map(|m| {
            (
                m["doc"].as_str().unwrap().to_owned(),
                m["start"].as_u64().unwrap(),
                m["end"].as_u64().unwrap(),
                m["text"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let expected = [
        ("bom.txt", 3, 9, "Russia"),
        ("bom.txt", 18, 20, "UK"),
        ("crlf.txt", 0, 6, "Russia"),
        ("crlf.txt", 16, 18, "UK"),
        ("crlf.txt", 28, 34, "Russia"),
    ];
    let expected: Vec<(String, u64, u64, String)> = expected
        .iter()
        .map(|&(d, s, e, t)| (d.to_owned(), s, e, t.to_owned()))
        .collect();
    assert_eq!(found, expected);
    for (doc, text) in [("bom.txt", bom), ("crlf.txt", crlf)] {
        for (d, s, e, t) in &found {
            if d == doc {
                assert_eq!(&text[*s as usize..*e as usize], t);
            }
        }
    }
    // Evidence windows point into the original bytes too (the BOM is skipped, CRLF kept).
    sandbox
        .nergraph()
        .args(["build", "bom.txt", "crlf.txt", "--window", "paragraph"])
        .assert()
        .code(0);
    let graph = sandbox.json("out/graph.json");
    let evidence = &graph["edges"][0]["evidence"];
    assert_eq!(evidence[0]["doc"], "bom.txt");
    assert_eq!(
        (evidence[0]["start"].as_u64(), evidence[0]["end"].as_u64()),
        (Some(3), Some(25))
    );
    assert_eq!(evidence[1]["doc"], "crlf.txt");
    assert_eq!(
        (evidence[1]["start"].as_u64(), evidence[1]["end"].as_u64()),
        (Some(0), Some(19))
    );
    assert_eq!(&crlf[0..19], "Russia met\r\nthe UK.");
}

#[test]

fn name_broken_across_a_crlf_line_break_is_found() {
    let sandbox = Sandbox::new();
    for (file, text) in [
        ("lf.txt", "We met Dominic\nRaab today.\n"),
        ("crlf.txt", "We met Dominic\r\nRaab today.\r\n"),
    ] {
        sandbox.write(file, text);
        let name = &text[7..text.find(" today").unwrap()];
        assert_eq!(
            texts_and_ids(&tag_jsonl(&sandbox, &[file])),
            [pair(name, "person:dominic-raab")],
            "{file}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// gazetteer errors

fn gazetteer_error(contents: &str, expected: &str) {
    let sandbox = Sandbox::new();
    sandbox.write("in.txt", "Russia and the UK met.\n");
    sandbox.write("mine.tsv", contents);
    for command in ["tag", "build"] {
        sandbox
            .nergraph()
            .args([command, "-g", "mine.tsv", "in.txt"])
            .assert()
            .code(1)
            .stdout("")
            .stderr(format!("nergraph: error: {expected}\n"));
    }
    assert!(!sandbox.join("out").exists());
}

#[test]
fn gazetteer_malformed_line_names_file_and_line() {
    gazetteer_error(
        "# comment\n\norg:x\tORG\n",
        "mine.tsv:3: expected 3 or 4 tab-separated columns (id, type, name, aliases), found 2",
    );
}

#[test]
fn gazetteer_unknown_type_names_file_and_line() {
    gazetteer_error(
        "org:x\tORG\tX Corp\nplace:paris\tCITY\tParis\n",
        "mine.tsv:2: unknown type \"CITY\"; expected PERSON, ORG, COUNTRY or NOT",
    );
}

#[test]
fn gazetteer_duplicate_id_names_both_lines() {
    gazetteer_error(
        "org:a\tORG\tAaa Corp\norg:b\tORG\tBbb Corp\norg:a\tORG\tCcc Corp\n",
        "mine.tsv:3: duplicate id \"org:a\" (first used on line 1)",
    );
}

#[test]
fn gazetteer_alias_conflicting_with_a_default_names_both_places() {
    let line = default_gazetteer_line("countries.tsv", "country:RU");
    gazetteer_error(
        "org:fake\tORG\tFake Org\tRussia\n",
        &format!(
            "mine.tsv:1: alias \"Russia\" of \"org:fake\" is already claimed by \"country:RU\" \
             (builtin:countries.tsv:{line}); mark one claimant [prefer] or all [shared]"
        ),
    );
}

#[test]
fn gazetteer_missing_file_or_empty_folder_fails() {
    let sandbox = Sandbox::new();
    sandbox.write("in.txt", "Russia.\n");
    sandbox.mkdir("gaz");
    let assert = sandbox
        .nergraph()
        .args(["tag", "-g", "nope.tsv", "in.txt"])
        .assert()
        .code(1);
    assert!(stderr_of(assert.get_output()).starts_with("nergraph: error: nope.tsv: "));
    sandbox
        .nergraph()
        .args(["tag", "-g", "gaz", "in.txt"])
        .assert()
        .code(1)
        .stderr("nergraph: error: gaz: the folder holds no .tsv gazetteer files\n");
}

#[test]
fn no_default_gazetteers_without_a_gazetteer_is_a_usage_error() {
    let sandbox = Sandbox::new();
    sandbox.write("in.txt", "Russia.\n");
    for command in ["tag", "build"] {
        sandbox
            .nergraph()
            .args([command, "--no-default-gazetteers", "in.txt"])
            .assert()
            .code(2)
            .stdout("")
            .stderr("nergraph: error: --no-default-gazetteers needs at least one --gazetteer\n");
    }
}

// ---------------------------------------------------------------------------------------------
// usage errors

#[test]
fn bad_window_is_a_usage_error() {
    let sandbox = Sandbox::new();
    sandbox.write("in.txt", "Russia.\n");
    for window in ["bogus", "tokens:0", "tokens:x"] {
        sandbox
            .nergraph()
            .args(["build", "in.txt", "--window", window])
            .assert()
            .code(2)
            .stdout("")
            .stderr(format!(
                "nergraph: error: invalid window \"{window}\": expected sentence, paragraph, document or tokens:N with N > 0\n"
            ));
    }
    assert!(!sandbox.join("out").exists());
}

#[test]
fn missing_inputs_are_a_usage_error() {
    let sandbox = Sandbox::new();
    for command in ["tag", "build"] {
        let assert = sandbox.nergraph().arg(command).assert().code(2).stdout("");
        let stderr = stderr_of(assert.get_output());
        assert!(
            stderr.contains("the following required arguments were not provided"),
            "{stderr}"
        );
        assert!(stderr.contains("<INPUT>..."), "{stderr}");
    }
    sandbox.nergraph().assert().code(2).stdout("");
    sandbox
        .nergraph()
        .args(["tag", "--bogus", "x"])
        .assert()
        .code(2);
    sandbox
        .nergraph()
        .args(["build", "--min-weight", "-1", "x"])
        .assert()
        .code(2);
}

#[test]
fn help_exits_zero_and_explains_the_exit_status() {
    let sandbox = Sandbox::new();
    for args in [&["--help"][..], &["tag", "--help"], &["build", "--help"]] {
        let assert = sandbox.nergraph().args(args).assert().code(0).stderr("");
        let stdout = stdout_of(assert.get_output());
        assert!(
            stdout.contains("Exit status: 0 on success, 1 when the run fails"),
            "{args:?}: {stdout}"
        );
        assert!(
            stdout.contains("2 when the command line is wrong"),
            "{args:?}: {stdout}"
        );
    }
    sandbox
        .nergraph()
        .arg("--version")
        .assert()
        .code(0)
        .stdout(format!("nergraph {}\n", env!("CARGO_PKG_VERSION")));
}

// ---------------------------------------------------------------------------------------------
// filters

/// Builds the samples with extra arguments into `out`, returning graph.json.
fn build_samples(sandbox: &Sandbox, args: &[&str]) -> Value {
    sandbox
        .nergraph()
        .args(["build", "samples"])
        .args(args)
        .assert()
        .code(0);
    sandbox.json("out/graph.json")
}

#[test]
fn top_edges_keeps_the_heaviest_edge() {
    let sandbox = Sandbox::new();
    sandbox.copy_samples(false);
    let full = build_samples(&sandbox, &[]);
    let heaviest = full["edges"]
        .as_array()
        .unwrap()
        .iter()
        .max_by(|a, b| {
            let key = |e: &Value| (e["weight"].as_u64(), e["documents"].as_u64());
            key(a).cmp(&key(b)).then_with(|| {
                let ids = |e: &Value| {
                    (
                        e["source"].as_str().map(str::to_owned),
                        e["target"].as_str().map(str::to_owned),
                    )
                };
                ids(b).cmp(&ids(a))
            })
        })
        .unwrap()
        .clone();
    let top = build_samples(&sandbox, &["--top-edges", "1"]);
    assert_eq!(top["edges"].as_array().unwrap(), &[heaviest]);
    assert_eq!(top["graph"]["filter"]["top_edges"], 1);
    assert_eq!(
        top["nodes"], full["nodes"],
        "without --drop-isolated every node stays"
    );
    let none = build_samples(&sandbox, &["--top-edges", "0"]);
    assert_eq!(none["edges"].as_array().unwrap().len(), 0);
}

#[test]
fn min_weight_and_drop_isolated() {
    let sandbox = Sandbox::new();
    sandbox.copy_samples(false);
    let full = build_samples(&sandbox, &[]);
    let heavy = build_samples(&sandbox, &["--min-weight", "1000"]);
    assert_eq!(heavy["edges"].as_array().unwrap().len(), 0);
    assert_eq!(heavy["nodes"], full["nodes"]);
    assert_eq!(heavy["graph"]["filter"]["min_weight"], 1000.0);
    let assert = sandbox
        .nergraph()
        .args([
            "build",
            "samples",
            "--min-weight",
            "1000",
            "--drop-isolated",
        ])
        .assert()
        .code(0);
    assert_eq!(stderr_of(assert.get_output()), "");
    let empty = sandbox.json("out/graph.json");
    assert_eq!(empty["nodes"], serde_json::json!([]));
    assert_eq!(empty["edges"], serde_json::json!([]));
    assert_eq!(empty["graph"]["filter"]["drop_isolated"], true);
    let (nodes, edges) = dot_ids(&String::from_utf8(sandbox.read("out/graph.dot")).unwrap());
    assert!(nodes.is_empty() && edges.is_empty());
}

#[test]
fn min_mentions_and_evidence_limits() {
    let sandbox = Sandbox::new();
    sandbox.copy_samples(false);
    let graph = build_samples(&sandbox, &["--min-mentions", "5", "--evidence", "0"]);
    let ids: BTreeSet<String> = node_ids(&graph).into_iter().collect();
    assert!(!ids.is_empty());
    for node in graph["nodes"].as_array().unwrap() {
        assert!(node["mentions"].as_u64().unwrap() >= 5, "{node}");
    }
    for edge in graph["edges"].as_array().unwrap() {
        assert!(
            ids.contains(edge["source"].as_str().unwrap())
                && ids.contains(edge["target"].as_str().unwrap())
        );
        assert_eq!(edge["evidence"], serde_json::json!([]));
    }
    let graph = build_samples(&sandbox, &["--evidence", "1"]);
    for edge in graph["edges"].as_array().unwrap() {
        assert_eq!(edge["evidence"].as_array().unwrap().len(), 1, "{edge}");
    }
}

// ---------------------------------------------------------------------------------------------
// output safety

#[test]
fn output_folder_that_cannot_be_created_fails() {
    let sandbox = Sandbox::new();
    sandbox.write("in.txt", "Russia and the UK met.\n");
    sandbox.write("afile", "keep me\n");
    for output in ["afile/sub", "afile"] {
        let assert = sandbox
            .nergraph()
            .args(["build", "in.txt", "-o", output])
            .assert()
            .code(1)
            .stdout("");
        let stderr = stderr_of(assert.get_output());
        assert!(
            stderr.starts_with(&format!(
                "nergraph: error: cannot create the output folder {output}: "
            )),
            "{stderr}"
        );
    }
    assert_eq!(sandbox.read("afile"), b"keep me\n");
}

#[test]
fn failed_build_leaves_previous_output_intact() {
    let sandbox = Sandbox::new();
    sandbox.write("in.txt", "Russia and the UK met.\n");
    sandbox.write("bin.txt", b"\0\0");
    sandbox.write("bad.tsv", "org:x\tORG\n");
    sandbox
        .nergraph()
        .args(["build", "in.txt", "-o", "good"])
        .assert()
        .code(0);
    let (json, dot) = (
        sandbox.read("good/graph.json"),
        sandbox.read("good/graph.dot"),
    );
    let failures: [&[&str]; 3] = [
        &["build", "-g", "bad.tsv", "in.txt", "-o", "good"],
        &["build", "--strict", "in.txt", "bin.txt", "-o", "good"],
        &["build", "in.txt", "--window", "bogus", "-o", "good"],
    ];
    for args in failures {
        let assert = sandbox.nergraph().args(args).assert().failure();
        assert!(stderr_of(assert.get_output()).starts_with("nergraph: error: "));
        assert!(
            sandbox.read("good/graph.json") == json,
            "{args:?} changed graph.json"
        );
        assert!(
            sandbox.read("good/graph.dot") == dot,
            "{args:?} changed graph.dot"
        );
        let mut names: Vec<String> = std::fs::read_dir(sandbox.join("good"))
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert_eq!(
            names,
            ["graph.dot", "graph.json"],
            "{args:?} left files behind"
        );
    }
}

#[cfg(unix)]
#[test]

fn output_files_get_the_usual_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let sandbox = Sandbox::new();
    sandbox.write("in.txt", "Russia and the UK met.\n");
    sandbox
        .nergraph()
        .args(["build", "in.txt"])
        .assert()
        .code(0);
    // A file created the ordinary way in the same folder, under the same umask.
    let reference = sandbox.write("out/reference", "x");
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    for file in ["out/graph.json", "out/graph.dot"] {
        assert_eq!(
            format!("{:o}", mode(&sandbox.join(file))),
            format!("{:o}", mode(&reference)),
            "{file}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// hostile names

/// Whether Graphviz's `dot` is on PATH. Without it, CI fails and a developer gets a note.
fn graphviz_available() -> bool {
    let found = std::process::Command::new("dot")
        .arg("-V")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !found {
        if std::env::var_os("CI").is_some() {
            panic!("Graphviz `dot` is not on PATH: install graphviz (apt-get install -y graphviz)");
        }
        eprintln!(
            "note: Graphviz `dot` is not on PATH; skipping the rendering checks (install graphviz)"
        );
    }
    found
}

/// Runs a Graphviz layout engine on `dot_file` with `-T FORMAT` and returns its stdout.
fn graphviz(engine: &str, format: &str, dot_file: &Path) -> String {
    let output = std::process::Command::new(engine)
        .arg(format!("-T{format}"))
        .arg(dot_file)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {engine}: {e}"));
    assert!(
        output.status.success(),
        "{engine} -T{format} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout)
        .unwrap_or_else(|e| panic!("{engine} -T{format} output is not UTF-8: {e}"))
}

/// Node names as Graphviz reads them from `dot_file` (through `-Tjson`).
fn graphviz_node_names(dot_file: &Path) -> Vec<String> {
    let json: Value = serde_json::from_str(&graphviz("dot", "json", dot_file)).unwrap();
    let mut names: Vec<String> = json["objects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["name"].as_str().unwrap().to_owned())
        .collect();
    names.sort();
    names
}

const RLM: &str = "\u{200F}";

#[test]
fn hostile_names_round_trip_in_json_and_render_with_graphviz() {
    let sandbox = Sandbox::new();
    let gazetteer = format!(
        "org:quoted\tORG\tAcme \"Quoted\" \\ Co\n\
         person:markup\tPERSON\tAlice <b>Bold</b> & {{Braces}} ]]> End\n\
         org:brace+angle\tORG\tBrace & Angle Ltd\n\
         country:rtl\tCOUNTRY\tRight{RLM}Land\n"
    );
    sandbox.write("hostile.tsv", &gazetteer);
    sandbox.write(
        "in.txt",
        format!(
            "Acme \"Quoted\" \\ Co met Alice <b>Bold</b> & {{Braces}} ]]> End and Brace & Angle Ltd in Right{RLM}Land today.\n"
        ),
    );
    sandbox
        .nergraph()
        .args([
            "build",
            "--no-default-gazetteers",
            "-g",
            "hostile.tsv",
            "in.txt",
        ])
        .assert()
        .code(0)
        .stderr("");
    let graph = sandbox.json("out/graph.json");
    let names: Vec<(String, String)> = graph["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| pair(n["id"].as_str().unwrap(), n["name"].as_str().unwrap()))
        .collect();
    let expected_names = [
        pair("country:rtl", &format!("Right{RLM}Land")),
        pair("org:brace+angle", "Brace & Angle Ltd"),
        pair("org:quoted", "Acme \"Quoted\" \\ Co"),
        pair("person:markup", "Alice <b>Bold</b> & {Braces} ]]> End"),
    ];
    assert_eq!(names, expected_names);
    assert_eq!(graph["edges"].as_array().unwrap().len(), 6);

    let dot_text = String::from_utf8(sandbox.read("out/graph.dot")).unwrap();
    let ids: Vec<String> = expected_names.iter().map(|(id, _)| id.clone()).collect();
    assert_eq!(dot_ids(&dot_text).0, ids);

    if !graphviz_available() {
        return;
    }
    let dot_file = sandbox.join("out/graph.dot");
    for engine in ["dot", "neato", "sfdp"] {
        let svg = graphviz(engine, "svg", &dot_file);
        assert!(
            svg.contains("<svg") && svg.trim_end().ends_with("</svg>"),
            "{engine}: {svg}"
        );
        // Labels come out as the names, escaped once for XML.
        for label in [
            "Alice &lt;b&gt;Bold&lt;/b&gt; &amp; {Braces} ]]&gt; End",
            "Acme &quot;Quoted&quot; \\ Co",
            "Brace &amp; Angle Ltd",
        ] {
            assert!(
                svg.contains(&format!(">{label}</text>")),
                "{engine}: label {label:?} missing in\n{svg}"
            );
        }
    }
    // Graphviz reads the node ids as the JSON has them.
    assert_eq!(graphviz_node_names(&dot_file), ids);
}

#[test]
fn gazetteer_ids_with_quotes_backslashes_or_markup_are_rejected() {
    let sandbox = Sandbox::new();
    for (line, id) in [
        "org:back\\slash",
        "org:a&b",
        "org:\"q\"",
        "org:<x>",
        "org:{y}",
    ]
    .iter()
    .enumerate()
    {
        let contents = format!("org:fine\tORG\tFine Corp\n{id}\tORG\tOther Corp\n");
        sandbox.write("g.tsv", &contents);
        let assert = sandbox
            .nergraph()
            .args(["build", "--no-default-gazetteers", "-g", "g.tsv", "g.tsv"])
            .assert()
            .code(1);
        let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
        assert!(
            stderr.contains("g.tsv:2: id"),
            "case {line} ({id}): {stderr}"
        );
        assert!(
            stderr.contains("ids may not contain"),
            "case {line} ({id}): {stderr}"
        );
    }
}

#[test]
fn dot_escape_handles_line_breaks_and_control_characters() {
    use nergraph::export::dot::escape;
    assert_eq!(escape("plain"), "\"plain\"");
    assert_eq!(escape("two\nlines"), "\"two\\nlines\"");
    assert_eq!(escape("windows\r\nline"), "\"windows\\nline\"");
    assert_eq!(escape("old\rmac"), "\"old\\nmac\"");
    assert_eq!(escape("tab\there"), "\"tab here\"");
    assert_eq!(escape("bell\u{7}"), "\"bell \"");
    assert_eq!(escape("say \"hi\" \\ &"), "\"say \\\"hi\\\" \\\\ &amp;\"");
    assert_eq!(escape(&format!("rtl{RLM}")), format!("\"rtl{RLM}\""));
    assert_eq!(escape(""), "\"\"");
}

#[test]
fn names_with_line_breaks_render_as_separate_label_lines() {
    use nergraph::export::{dot, Metadata};
    use nergraph::gazetteer::EntityType;
    use nergraph::graph::{
        Associations, CooccurrenceEdge, CooccurrenceGraph, EntityNode, GraphFilter, Window,
    };
    let node = |id: &str, name: &str| EntityNode {
        id: id.to_owned(),
        name: name.to_owned(),
        entity_type: EntityType::Org,
        mentions: 1,
        documents: 1,
        windows: 1,
        aliases_seen: Vec::new(),
        first_seen: None,
        last_seen: None,
        sources: None,
    };
    let edge = CooccurrenceEdge {
        weight: 1,
        documents: 1,
        associations: Associations {
            pmi: 0.0,
            npmi: 1.0,
            jaccard: 1.0,
            dice: 1.0,
            assoc: 2.0,
        },
        evidence: Vec::new(),
        first_seen: None,
        last_seen: None,
        sources: None,
    };
    let graph = CooccurrenceGraph::from_parts(
        Window::Sentence,
        1,
        vec![
            node("org:a", "First line\nSecond line"),
            node("org:b", "Carriage\r\nReturn \"x\""),
        ],
        vec![("org:a".to_owned(), "org:b".to_owned(), edge)],
    );
    let metadata = Metadata {
        nergraph_version: "test".into(),
        window: "sentence".into(),
        documents: 1,
        gazetteers: Vec::new(),
        filter: GraphFilter::default(),
    };
    let text = dot::to_dot(&graph, &metadata);
    assert!(!text.contains('\r'), "{text}");
    // Only the statement separators are real line breaks.
    assert_eq!(text.lines().count(), 4 + 2 + 1 + 1, "{text}");
    assert_eq!(dot_ids(&text).0, ["org:a", "org:b"]);
    if !graphviz_available() {
        return;
    }
    let sandbox = Sandbox::new();
    let file = sandbox.write("graph.dot", &text);
    let svg = graphviz("dot", "svg", &file);
    for line in [
        "First line",
        "Second line",
        "Carriage",
        "Return &quot;x&quot;",
    ] {
        assert!(
            svg.contains(&format!(">{line}</text>")),
            "{line:?} missing in\n{svg}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// broken pipe

/// A corpus whose tag output is far larger than a pipe buffer.
fn big_corpus(sandbox: &Sandbox) {
    sandbox.write(
        "big.txt",
        "Russia and the UK met in London.\n".repeat(50_000),
    );
}

/// Runs `tag ARGS big.txt`, reads one line, closes the pipe, and returns the status and stderr.
fn tag_and_close_after_one_line(sandbox: &Sandbox, args: &[&str]) -> (Option<i32>, String, String) {
    let mut child = sandbox
        .process()
        .arg("tag")
        .args(args)
        .arg("big.txt")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    {
        let mut reader = BufReader::new(child.stdout.take().unwrap());
        reader.read_line(&mut first).unwrap();
    } // the read end of the pipe is closed here
    let output = child.wait_with_output().unwrap();
    (output.status.code(), first, stderr_of(&output))
}

#[test]
fn closed_stdout_is_not_an_error_for_text_output() {
    let sandbox = Sandbox::new();
    big_corpus(&sandbox);
    let (code, first, stderr) = tag_and_close_after_one_line(&sandbox, &[]);
    assert_eq!(first, "big.txt:0-6\tCOUNTRY\tcountry:RU\tRussia\n");
    assert_eq!((code, stderr.as_str()), (Some(0), ""));
}

#[test]

fn closed_stdout_is_not_an_error_for_jsonl_output() {
    let sandbox = Sandbox::new();
    big_corpus(&sandbox);
    let (code, first, stderr) = tag_and_close_after_one_line(&sandbox, &["--format", "jsonl"]);
    assert!(first.starts_with("{\"doc\":\"big.txt\""), "{first}");
    assert_eq!((code, stderr.as_str()), (Some(0), ""));
}
