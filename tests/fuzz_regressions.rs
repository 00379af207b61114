//! Replays the saved fuzz inputs under `tests/fuzz_regressions/<target>/` through the same checks as
//! the fuzz targets in `fuzz/`, so that every crash found once stays fixed on stable Rust, without a
//! fuzzer. How to run the fuzzers and add an input: `fuzz/README.md`.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

#[path = "support/fuzz_checks.rs"]
mod checks;

/// The saved inputs of one target, sorted by name.
fn inputs(target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz_regressions")
        .join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_file())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no inputs in {}", dir.display());
    files
}

/// Runs `check` over every saved input of `target` and reports all the inputs that fail.
fn replay(target: &str, check: fn(&[u8])) {
    let mut failed = Vec::new();
    for path in inputs(target) {
        let data = std::fs::read(&path).unwrap();
        if catch_unwind(AssertUnwindSafe(|| check(&data))).is_err() {
            failed.push(path.display().to_string());
        }
    }
    assert!(failed.is_empty(), "failing inputs: {failed:#?}");
}

#[test]
fn tagger() {
    replay("tagger", checks::tagger);
}

#[test]
fn gazetteer_parser() {
    replay("gazetteer_parser", checks::gazetteer_parser);
}

#[test]
fn segmentation() {
    replay("segmentation", checks::segmentation);
}

#[test]
fn exporters() {
    replay("exporters", checks::exporters);
}

/// The exporters' inputs drawn by Graphviz as SVG: the pictures are well-formed XML.
#[test]
fn exporters_svg() {
    let graphviz = std::process::Command::new("dot").arg("-V").output().is_ok();
    if !graphviz {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install Graphviz (apt-get install graphviz)"
        );
        eprintln!("note: Graphviz is not installed; skipping the SVG checks");
        return;
    }
    replay("exporters", checks::exporters_svg);
}
