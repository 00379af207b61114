//! End-to-end tests of `build --formats/--render` and `nergraph render`.

use std::path::Path;

use assert_cmd::Command;
use tempfile::TempDir;

fn nergraph(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_nergraph"));
    cmd.current_dir(dir).env_remove("RUST_BACKTRACE");
    cmd
}

fn samples() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("samples")
        .display()
        .to_string()
}

/// Whether Graphviz is installed; under CI it must be.
fn graphviz_available() -> bool {
    let found = std::process::Command::new("dot").arg("-V").output().is_ok();
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install Graphviz (apt-get install graphviz)"
        );
        eprintln!("note: Graphviz is not installed; skipping the drawing checks");
    }
    found
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

#[test]
fn without_graphviz_the_data_is_written_and_the_exit_status_says_the_picture_is_missing() {
    let dir = TempDir::new().unwrap();
    let empty_path = TempDir::new().unwrap();
    let out = nergraph(dir.path())
        .env("PATH", empty_path.path())
        .args([
            "build",
            &samples(),
            "--formats",
            "json",
            "--render",
            "svg,png",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{out:?}");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        stderr.matches("warning:").count(),
        1,
        "one warning: {stderr}"
    );
    assert!(
        stderr.contains("Graphviz's `dot` program was not found"),
        "{stderr}"
    );
    assert!(stderr.contains("apt-get install graphviz"), "{stderr}");
    assert!(stderr.contains("nergraph render out/graph.dot"), "{stderr}");
    // The DOT is kept (so the picture can be drawn later) even though only json was asked for.
    assert_eq!(names(&dir.path().join("out")), ["graph.dot", "graph.json"]);
}

#[test]
fn build_draws_svg_and_png_and_render_redraws() {
    if !graphviz_available() {
        return;
    }
    let dir = TempDir::new().unwrap();
    nergraph(dir.path())
        .args(["build", &samples(), "--render", "svg,png"])
        .assert()
        .success();
    let out = dir.path().join("out");
    assert_eq!(
        names(&out),
        ["graph.dot", "graph.json", "graph.png", "graph.svg"]
    );
    let svg = std::fs::read_to_string(out.join("graph.svg")).unwrap();
    assert!(
        svg.contains("<svg") && svg.contains("Dominic Raab"),
        "{}",
        &svg[..200.min(svg.len())]
    );
    assert!(std::fs::read(out.join("graph.png"))
        .unwrap()
        .starts_with(b"\x89PNG\r\n\x1a\n"));

    nergraph(dir.path())
        .args([
            "render",
            "out/graph.dot",
            "--format",
            "pdf",
            "--layout",
            "neato",
            "-o",
            "pictures",
        ])
        .assert()
        .success()
        .stderr("");
    assert!(std::fs::read(dir.path().join("pictures/graph.pdf"))
        .unwrap()
        .starts_with(b"%PDF"));

    // From the JSON: the same picture as the DOT that build wrote, or a smaller one.
    nergraph(dir.path())
        .args(["render", "out/graph.json", "-o", "from-json"])
        .assert()
        .success();
    assert_eq!(
        std::fs::read(dir.path().join("from-json/graph.svg")).unwrap(),
        std::fs::read(out.join("graph.svg")).unwrap(),
        "the JSON redraws the picture exactly"
    );
    nergraph(dir.path())
        .args([
            "render",
            "out/graph.json",
            "--picture-nodes",
            "5",
            "-o",
            "small",
        ])
        .assert()
        .success();
    // The picture's legend says what was left out.
    let small = std::fs::read_to_string(dir.path().join("small/graph.svg")).unwrap();
    assert!(small.contains("showing the 5 most connected of"), "{small}");
}

#[test]
fn render_rejects_bad_input_naming_the_file() {
    let dir = TempDir::new().unwrap();
    std::fs::write(dir.path().join("broken.dot"), "graph { a -- \"b }").unwrap();
    nergraph(dir.path())
        .args(["render", "broken.dot"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "broken.dot: not a valid DOT file",
        ));
    nergraph(dir.path())
        .args(["render", "missing.dot"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("missing.dot"));
    std::fs::write(dir.path().join("broken.json"), "{\"nodes\": []}").unwrap();
    nergraph(dir.path())
        .args(["render", "broken.json"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "broken.json: not a graph.json written by nergraph",
        ));
    nergraph(dir.path())
        .args(["render", "broken.dot", "--layout", "spiral"])
        .assert()
        .code(2);
    nergraph(dir.path())
        .args(["render", "broken.dot", "--format", "gif"])
        .assert()
        .code(2);
}

#[test]
fn formats_write_every_file_and_nothing_else() {
    let dir = TempDir::new().unwrap();
    nergraph(dir.path())
        .args([
            "build",
            &samples(),
            "--formats",
            "json,dot,graphml,gexf,csv,mentions",
        ])
        .assert()
        .success();
    let out = dir.path().join("out");
    assert_eq!(
        names(&out),
        [
            "edges.csv",
            "graph.dot",
            "graph.gexf",
            "graph.graphml",
            "graph.json",
            "mentions.jsonl",
            "nodes.csv"
        ]
    );
    // mentions.jsonl holds exactly what `tag --format jsonl` prints.
    let tagged = nergraph(dir.path())
        .args(["tag", "--format", "jsonl", &samples()])
        .output()
        .unwrap();
    assert_eq!(
        std::fs::read(out.join("mentions.jsonl")).unwrap(),
        tagged.stdout
    );
    // Only what was asked for.
    let other = TempDir::new().unwrap();
    nergraph(other.path())
        .args(["build", &samples(), "--formats", "csv"])
        .assert()
        .success();
    assert_eq!(names(&other.path().join("out")), ["edges.csv", "nodes.csv"]);
    nergraph(other.path())
        .args(["build", &samples(), "--formats", "xml"])
        .assert()
        .code(2);
    nergraph(other.path())
        .args(["build", &samples(), "--formats", ","])
        .assert()
        .code(2);
}

#[test]
fn hostile_names_cannot_inject_markup_into_the_svg() {
    if !graphviz_available() {
        return;
    }
    let dir = TempDir::new().unwrap();
    let script = "<script>alert(1)</script> -- Doe";
    let gazetteer = format!(
        "person:script\tPERSON\t{script}\n\
         org:braces\tORG\tOpen {{brace}} & \"quote\" \\ back\n\
         country:rtl\tCOUNTRY\tRight\u{200F}\u{202E}Land\n"
    );
    std::fs::write(dir.path().join("hostile.tsv"), gazetteer).unwrap();
    std::fs::write(
        dir.path().join("in.txt"),
        format!("{script} met Open {{brace}} & \"quote\" \\ back in Right\u{200F}\u{202E}Land.\n"),
    )
    .unwrap();
    nergraph(dir.path())
        .args([
            "build",
            "in.txt",
            "--no-default-gazetteers",
            "-g",
            "hostile.tsv",
        ])
        .args(["--render", "svg", "--formats", "json,dot,graphml,gexf,csv"])
        .assert()
        .success()
        .stderr("");
    let svg = std::fs::read_to_string(dir.path().join("out/graph.svg")).unwrap();
    // Graphviz's SVG starts with a DOCTYPE, which the parser must be allowed to read.
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..roxmltree::ParsingOptions::default()
    };
    let document =
        roxmltree::Document::parse_with_options(&svg, options).expect("the SVG is well-formed XML");
    assert!(
        document
            .descendants()
            .all(|n| !n.tag_name().name().eq_ignore_ascii_case("script")),
        "no element named script"
    );
    assert!(
        document.descendants().all(|n| n
            .attributes()
            .all(|a| !a.name().to_ascii_lowercase().starts_with("on"))),
        "no event-handler attribute"
    );
    // The names are there as text, in labels and tooltips.
    let texts: Vec<String> = document
        .descendants()
        .filter_map(|n| n.text().map(str::to_owned))
        .collect();
    assert!(texts.iter().any(|t| t.contains(script)), "{texts:?}");
    assert!(texts
        .iter()
        .any(|t| t.contains("Open {brace} & \"quote\" \\ back")));
    assert!(texts
        .iter()
        .any(|t| t.contains("Right\u{200F}\u{202E}Land")));
    for file in ["graph.graphml", "graph.gexf"] {
        let xml = std::fs::read_to_string(dir.path().join("out").join(file)).unwrap();
        roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{file}: {e}"));
    }
}
