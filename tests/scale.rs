//! End-to-end tests of the features for large corpora: threads, batches, partial results and merge.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

/// Every file `build --formats all-but-mentions` writes.
const GRAPH_FILES: &[&str] = &[
    "graph.json",
    "graph.dot",
    "graph.graphml",
    "graph.gexf",
    "nodes.csv",
    "edges.csv",
    "mentions.jsonl",
];
const ALL_FORMATS: &str = "json,dot,graphml,gexf,csv,mentions";

fn samples() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let mut files: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let name = e.file_name().into_string().unwrap();
            (name, std::fs::read_to_string(e.path()).unwrap())
        })
        .collect();
    files.sort();
    files
}

fn nergraph(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("nergraph").unwrap();
    cmd.current_dir(dir).env_remove("RUST_BACKTRACE");
    cmd
}

fn write(path: PathBuf, contents: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, contents).unwrap();
}

fn assert_same_files(dir: &Path, a: &str, b: &str, files: &[&str]) {
    for name in files {
        let x = std::fs::read(dir.join(a).join(name)).unwrap();
        let y = std::fs::read(dir.join(b).join(name)).unwrap();
        assert!(x == y, "{a}/{name} and {b}/{name} differ");
    }
}

#[test]
fn threads_and_batches_do_not_change_the_output() {
    let dir = TempDir::new().unwrap();
    // More documents than one batch holds, so that counts and evidence cross batch boundaries.
    let samples = samples();
    for i in 0..2300 {
        let (name, text) = &samples[i % samples.len()];
        write(dir.path().join(format!("corpus/{i:05}-{name}")), text);
    }
    for (threads, out) in [("1", "one"), ("2", "two"), ("3", "three")] {
        nergraph(dir.path())
            .args([
                "build",
                "corpus",
                "--formats",
                ALL_FORMATS,
                "--threads",
                threads,
                "-o",
                out,
            ])
            .assert()
            .success();
    }
    assert_same_files(dir.path(), "one", "two", GRAPH_FILES);
    assert_same_files(dir.path(), "one", "three", GRAPH_FILES);
    let graph: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("one/graph.json")).unwrap()).unwrap();
    assert_eq!(graph["graph"]["documents"], 2300);
    // Evidence comes from the first documents, whichever thread counted them.
    let evidence = &graph["edges"][0]["evidence"][0]["doc"];
    assert!(
        evidence.as_str().unwrap().starts_with("corpus/0000"),
        "{evidence}"
    );
}

#[test]
fn shards_merge_into_the_graph_of_one_run() {
    let dir = TempDir::new().unwrap();
    for (i, (name, text)) in samples().iter().enumerate() {
        let shard = if i < 4 { "a" } else { "b" };
        write(dir.path().join(shard).join(name), text);
    }
    let formats = "json,dot,graphml,gexf,csv";
    nergraph(dir.path())
        .args([
            "build",
            "a",
            "b",
            "--formats",
            formats,
            "-o",
            "whole",
            "--window",
            "paragraph",
        ])
        .assert()
        .success();
    for shard in ["a", "b"] {
        nergraph(dir.path())
            .args(["build", shard, "--partial", "--window", "paragraph", "-o"])
            .arg(format!("part-{shard}"))
            .assert()
            .success();
        assert!(!dir.path().join(format!("part-{shard}/graph.json")).exists());
    }
    nergraph(dir.path())
        .args([
            "merge",
            "part-a",
            "part-b/partial.json",
            "--formats",
            formats,
            "-o",
            "merged",
        ])
        .assert()
        .success();
    assert_same_files(
        dir.path(),
        "whole",
        "merged",
        &[
            "graph.json",
            "graph.dot",
            "graph.graphml",
            "graph.gexf",
            "nodes.csv",
            "edges.csv",
        ],
    );
}

#[test]
fn merge_rejects_parts_that_do_not_fit() {
    let dir = TempDir::new().unwrap();
    let (name, text) = &samples()[0];
    write(dir.path().join("a").join(name), text);
    nergraph(dir.path())
        .args(["build", "a", "--partial", "-o", "sentence"])
        .assert()
        .success();
    nergraph(dir.path())
        .args([
            "build",
            "a",
            "--partial",
            "--window",
            "document",
            "-o",
            "document",
        ])
        .assert()
        .success();
    let out = nergraph(dir.path())
        .args(["merge", "sentence", "document", "-o", "merged"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("document/partial.json: cannot merge partial results counted with different windows: sentence and document"),
        "{stderr}"
    );
    assert!(!dir.path().join("merged").exists());

    write(dir.path().join("bogus.json"), "{\"nodes\": []}");
    let out = nergraph(dir.path())
        .args(["merge", "bogus.json"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("bogus.json: not a nergraph partial result"),
        "{stderr}"
    );

    nergraph(dir.path())
        .args(["merge", "sentence", "--formats", "json,mentions"])
        .assert()
        .code(2);
    nergraph(dir.path())
        .args(["build", "a", "--threads", "0"])
        .assert()
        .code(2);
}
