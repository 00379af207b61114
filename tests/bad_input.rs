//! The bad-input catalogue: what nergraph does with each kind of input that could go wrong, with the
//! message and exit status a user sees. (Missing paths, empty folders, binary and invalid UTF-8 files,
//! byte-order marks, CRLF, malformed gazetteer lines, unwritable output folders and malformed records
//! are in `cli.rs` and `input_formats.rs`; Ctrl-C is in `scale.rs`.)

use std::path::Path;

use tempfile::TempDir;

#[path = "support/command.rs"]
mod command;
use command::{nergraph_in as nergraph, stderr_of};

fn graph(dir: &Path, out: &str) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(dir.join(out).join("graph.json")).unwrap()).unwrap()
}

#[test]
fn an_empty_file_is_a_document_without_mentions() {
    let dir = TempDir::new().unwrap();
    std::fs::write(dir.path().join("empty.txt"), "").unwrap();
    nergraph(dir.path())
        .args(["tag", "empty.txt"])
        .assert()
        .code(0)
        .stdout("")
        .stderr("");
    nergraph(dir.path())
        .args(["build", "empty.txt"])
        .assert()
        .code(0)
        .stderr("");
    let g = graph(dir.path(), "out");
    assert_eq!(g["graph"]["documents"], 1);
    assert_eq!(g["nodes"], serde_json::json!([]));
}

#[test]
fn a_single_50_mb_line_is_read_in_full() {
    let dir = TempDir::new().unwrap();
    let sentence = "Russia and Ukraine met in Geneva; no other news. ";
    let repeats = 50_000_000 / sentence.len() + 1;
    std::fs::write(dir.path().join("line.txt"), sentence.repeat(repeats)).unwrap();
    nergraph(dir.path())
        .args([
            "build",
            "line.txt",
            "--evidence",
            "1",
            "--window",
            "document",
        ])
        .assert()
        .code(0)
        .stderr("");
    let g = graph(dir.path(), "out");
    let edge = &g["edges"][0];
    assert_eq!(
        (edge["source"].as_str(), edge["target"].as_str()),
        (Some("country:RU"), Some("country:UA"))
    );
    let ukraine = g["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == "country:UA")
        .unwrap();
    assert_eq!(ukraine["mentions"], repeats as u64);
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_loop_is_skipped_with_a_warning() {
    let dir = TempDir::new().unwrap();
    std::fs::create_dir_all(dir.path().join("corpus/sub")).unwrap();
    std::fs::write(dir.path().join("corpus/a.txt"), "Russia and the UK met.").unwrap();
    std::os::unix::fs::symlink("..", dir.path().join("corpus/sub/back")).unwrap();
    let out = nergraph(dir.path())
        .args(["build", "corpus"])
        .assert()
        .code(0);
    let stderr = stderr_of(out.get_output());
    assert_eq!(
        stderr,
        "nergraph: warning: skipped corpus/sub/back: symbolic link loop back to corpus\n"
    );
    assert_eq!(graph(dir.path(), "out")["graph"]["documents"], 1);
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_fails_the_run_and_names_it() {
    let dir = TempDir::new().unwrap();
    // A file that cannot be opened for reading: without permission for ordinary users; for root,
    // who may read anything, a socket (opening it fails with "No such device or address").
    let path = dir.path().join("locked.txt");
    let is_root = std::process::Command::new("id")
        .arg("-u")
        .output()
        .map(|o| o.stdout == b"0\n")
        .unwrap_or(false);
    let _socket;
    if is_root {
        _socket = std::os::unix::net::UnixListener::bind(&path).unwrap();
    } else {
        use std::os::unix::fs::PermissionsExt;
        std::fs::write(&path, "Russia").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    }
    let out = nergraph(dir.path())
        .args(["build", "locked.txt"])
        .assert()
        .code(1);
    let stderr = stderr_of(out.get_output());
    assert!(
        stderr.starts_with("nergraph: error: cannot read input: locked.txt: "),
        "{stderr}"
    );
    assert!(!dir.path().join("out").exists());
}
