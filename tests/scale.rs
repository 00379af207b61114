//! End-to-end tests of the features for large corpora: threads, batches, partial results and merge.

use std::path::{Path, PathBuf};

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

#[path = "support/command.rs"]
mod command;
use command::{nergraph_in as nergraph, stderr_of};

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
    // Every line repeats hundreds of times here, so it would all be boilerplate: keep it, and check
    // the first pass and near-duplicate detection in the second set of runs.
    for (threads, out) in [("1", "one"), ("2", "two"), ("3", "three")] {
        nergraph(dir.path())
            .args([
                "build",
                "corpus",
                "--formats",
                ALL_FORMATS,
                "--keep-boilerplate",
            ])
            .args(["--threads", threads, "-o", out])
            .assert()
            .success();
        nergraph(dir.path())
            .args(["build", "corpus", "--formats", ALL_FORMATS, "--dedupe"])
            .args(["--threads", threads, "-o"])
            .arg(format!("{out}-dedupe"))
            .assert()
            .success();
    }
    assert_same_files(dir.path(), "one", "two", GRAPH_FILES);
    assert_same_files(dir.path(), "one", "three", GRAPH_FILES);
    let mut files = GRAPH_FILES.to_vec();
    files.push("duplicates.csv");
    assert_same_files(dir.path(), "one-dedupe", "two-dedupe", &files);
    assert_same_files(dir.path(), "one-dedupe", "three-dedupe", &files);
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
        .code(1);
    let stderr = stderr_of(out.get_output());
    assert!(
        stderr.contains("document/partial.json: cannot merge partial results counted with different windows: sentence and document"),
        "{stderr}"
    );
    assert!(!dir.path().join("merged").exists());

    write(dir.path().join("bogus.json"), "{\"nodes\": []}");
    let out = nergraph(dir.path())
        .args(["merge", "bogus.json"])
        .assert()
        .code(1);
    let stderr = stderr_of(out.get_output());
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

/// A story of about 150 words mentioning Russia, Ukraine and NATO.
const STORY: &str =
    "Russia and Ukraine exchanged prisoners on Tuesday in a deal brokered by Turkey, \
officials in Kyiv said. NATO welcomed the exchange and urged both sides to keep talking. The swap \
involved about two hundred soldiers on each side and took place at the border after weeks of quiet \
negotiation. Relatives waited for hours at the crossing point, some holding photographs of missing \
men. Officials said further exchanges could follow if the ceasefire along the southern front holds \
through the winter months ahead.\n\nThe last exchange, in the autumn, freed fewer than a hundred \
people. Diplomats said the larger numbers this time reflected months of contacts through Turkish and \
Gulf intermediaries, and that lists of further names had already been handed over. Human rights \
groups welcomed the news but said thousands of civilians remained in detention on both sides, many \
without any charge, and called for international monitors to be given access to the camps.";

#[test]
fn dedupe_counts_a_syndicated_story_once_and_lists_the_copy() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path().join("corpus/a-wire.txt"),
        &format!("Prisoners swapped\n\n{STORY}\n"),
    );
    // The same story on another site: another headline, curly quotes, a footer.
    let copy = STORY.replace(
        "officials in Kyiv said",
        "officials in Kyiv said \u{201c}today\u{201d}",
    );
    write(
        dir.path().join("corpus/b-site.txt"),
        &format!("KYIV PRISONER SWAP GOES AHEAD\n\n{copy}\n\nRead more from our site.\n"),
    );
    write(
        dir.path().join("corpus/c-other.txt"),
        "Russia and China held naval drills in the Pacific, the defence ministry in Moscow said.\n",
    );
    for (out, dedupe) in [("plain", false), ("deduped", true)] {
        let mut cmd = nergraph(dir.path());
        cmd.args(["build", "corpus", "-o", out]);
        if dedupe {
            cmd.arg("--dedupe");
        }
        cmd.assert().success().stderr("");
    }
    let weight = |out: &str, a: &str, b: &str| -> u64 {
        let graph: serde_json::Value = serde_json::from_slice(
            &std::fs::read(dir.path().join(out).join("graph.json")).unwrap(),
        )
        .unwrap();
        graph["edges"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["source"] == a && e["target"] == b)
            .map(|e| e["documents"].as_u64().unwrap())
            .unwrap_or(0)
    };
    assert_eq!(weight("plain", "country:RU", "country:UA"), 2);
    assert_eq!(weight("deduped", "country:RU", "country:UA"), 1);
    assert_eq!(weight("deduped", "country:CN", "country:RU"), 1);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("deduped/duplicates.csv")).unwrap(),
        "document,duplicate_of\ncorpus/b-site.txt,corpus/a-wire.txt\n"
    );
    assert!(!dir.path().join("plain/duplicates.csv").exists());
}

#[test]
fn boilerplate_lines_of_a_source_are_not_counted() {
    let dir = TempDir::new().unwrap();
    let stories = [
        "Germany and France agreed a new budget rule in Brussels.",
        "Japan raised interest rates for the first time in years.",
        "Brazil and Argentina signed a trade accord on beef exports.",
        "India launched a weather satellite from its southern coast.",
        "Kenya opened a new railway line to the Ugandan border.",
        "Canada announced funds for wildfire crews in the west.",
    ];
    let mut lines = String::new();
    for (i, story) in stories.iter().enumerate() {
        let text =
            format!("{story}\nFollow Example News on Facebook and Twitter for more stories.\n");
        lines.push_str(
            &serde_json::json!({"id": format!("n{i}"), "source": "Example News", "text": text})
                .to_string(),
        );
        lines.push('\n');
    }
    write(dir.path().join("news.jsonl"), &lines);
    nergraph(dir.path())
        .args(["build", "news.jsonl", "-o", "clean"])
        .assert()
        .success()
        .stderr("");
    nergraph(dir.path())
        .args(["build", "news.jsonl", "--keep-boilerplate", "-o", "kept"])
        .assert()
        .success();
    let ids = |out: &str| -> Vec<String> {
        let graph: serde_json::Value = serde_json::from_slice(
            &std::fs::read(dir.path().join(out).join("graph.json")).unwrap(),
        )
        .unwrap();
        graph["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["id"].as_str().unwrap().to_owned())
            .collect()
    };
    let clean = ids("clean");
    assert!(!clean.contains(&"org:facebook".to_owned()), "{clean:?}");
    assert!(clean.contains(&"country:DE".to_owned()) && clean.contains(&"country:KE".to_owned()));
    let kept = ids("kept");
    assert!(kept.contains(&"org:facebook".to_owned()), "{kept:?}");
}

#[test]
fn ctrl_c_leaves_no_partial_file_and_earlier_results_intact() {
    let dir = TempDir::new().unwrap();
    let samples = samples();
    write(dir.path().join("small/a.txt"), &samples[0].1);
    for i in 0..4000 {
        let (name, text) = &samples[i % samples.len()];
        write(dir.path().join(format!("corpus/{i:05}-{name}")), text);
    }
    nergraph(dir.path())
        .args(["build", "small", "-o", "out"])
        .assert()
        .success();
    let before = std::fs::read(dir.path().join("out/graph.json")).unwrap();
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_nergraph"))
        .current_dir(dir.path())
        .args([
            "build",
            "corpus",
            "--formats",
            "json,dot,mentions",
            "-o",
            "out",
        ])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Wait until the run is writing (its temporary mentions file exists), then press Ctrl-C.
    let temporary = || {
        std::fs::read_dir(dir.path().join("out"))
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|n| n.starts_with('.') && n.ends_with(".tmp"))
            .count()
    };
    let start = std::time::Instant::now();
    while temporary() == 0 {
        assert!(
            start.elapsed().as_secs() < 60,
            "the run never started writing"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    // The shell's own kill, so that no procps package is needed.
    let status = std::process::Command::new("sh")
        .args(["-c", &format!("kill -INT {}", child.id())])
        .status()
        .unwrap();
    assert!(status.success());
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(130), "{output:?}");
    let stderr = stderr_of(&output);
    assert_eq!(
        stderr,
        "nergraph: interrupted; files written by earlier runs are unchanged\n"
    );
    assert_eq!(temporary(), 0, "temporary files left behind");
    assert!(!dir.path().join("out/mentions.jsonl").exists());
    assert_eq!(
        std::fs::read(dir.path().join("out/graph.json")).unwrap(),
        before
    );
}
