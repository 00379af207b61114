//! End-to-end tests of the input formats: JSON Lines, CSV and TSV, gzip, standard input,
//! `--input-format`, the field options, and how malformed records are reported.
//!
//! Every test runs the binary in a fresh temporary folder with a cleaned environment, as in
//! `tests/cli.rs`. The small articles in `tests/fixtures/input/` are our own; `broken.*` and
//! `no-text-column.csv` hold one malformed record of each kind.

use std::io::Write;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use flate2::write::GzEncoder;
use flate2::Compression;
use serde_json::Value;
use tempfile::TempDir;

#[path = "support/command.rs"]
mod command;
use command::{stderr_of, stdout_of};

fn repository(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
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

    fn join(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    /// Writes `contents` to `relative`, creating parent folders.
    fn write(&self, relative: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, contents).unwrap();
        path
    }

    /// Writes `contents` gzip-compressed to `relative`.
    fn write_gzip(&self, relative: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
        encoder.write_all(contents.as_ref()).unwrap();
        self.write(relative, encoder.finish().unwrap())
    }

    /// Copies `tests/fixtures/input/NAME` to `NAME`.
    fn fixture(&self, name: &str) -> String {
        let contents = std::fs::read(repository("tests/fixtures/input").join(name)).unwrap();
        self.write(name, contents);
        name.to_owned()
    }

    /// The binary as an assert_cmd `Command`, running in this folder with a cleaned environment.
    fn nergraph(&self) -> Command {
        command::nergraph_in(self.dir.path())
    }

    fn json(&self, relative: &str) -> Value {
        let bytes = std::fs::read(self.join(relative)).unwrap();
        serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{relative} is not JSON: {e}"))
    }
}

fn parse_lines(stdout: &str) -> Vec<Value> {
    stdout
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{line:?}: {e}")))
        .collect()
}

/// Runs `tag --format jsonl ARGS`, which must succeed without warnings; returns the mentions.
fn tag_jsonl(sandbox: &Sandbox, args: &[&str]) -> Vec<Value> {
    let assert = sandbox
        .nergraph()
        .args(["tag", "--format", "jsonl"])
        .args(args)
        .assert()
        .code(0)
        .stderr("");
    parse_lines(&stdout_of(assert.get_output()))
}

/// `(doc, text, id)` of each mention.
fn docs_texts_ids(mentions: &[Value]) -> Vec<(String, String, String)> {
    mentions
        .iter()
        .map(|m| {
            (
                m["doc"].as_str().unwrap().to_owned(),
                m["text"].as_str().unwrap().to_owned(),
                m["id"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn triple(doc: &str, text: &str, id: &str) -> (String, String, String) {
    (doc.to_owned(), text.to_owned(), id.to_owned())
}

/// The mentions of `tests/fixtures/input/articles.*`, with the name of the record without an id.
fn article_mentions(third: &str) -> Vec<(String, String, String)> {
    vec![
        triple("wire-0001", "Russia", "country:RU"),
        triple("wire-0001", "Ukraine", "country:UA"),
        triple("wire-0001", "UK", "country:GB"),
        triple("2", "NATO", "org:nato"),
        triple("2", "Brussels", "country:BE"),
        triple("2", "Germany", "country:DE"),
        triple("2", "France", "country:FR"),
        triple("2", "Ukraine", "country:UA"),
        triple(third, "China", "country:CN"),
        triple(third, "United States", "country:US"),
        triple(third, "Beijing", "country:CN"),
    ]
}

/// The texts of the fixture articles, by document name (the third has no id).
fn article_texts(third: &str) -> Vec<(String, &'static str)> {
    vec![
        (
            "wire-0001".to_owned(),
            "Russia and Ukraine resumed talks in Geneva on Tuesday.\n\nThe UK said it welcomed the meeting.",
        ),
        (
            "2".to_owned(),
            "NATO ministers met in Brussels. Germany and France called for more air defence for Ukraine.",
        ),
        (
            third.to_owned(),
            "China and the United States agreed to hold new trade talks, officials in Beijing said.",
        ),
    ]
}

/// Checks that every mention's span slices its record's text at the mention's text.
fn assert_spans_slice_texts(mentions: &[Value], texts: &[(String, &str)]) {
    for m in mentions {
        let doc = m["doc"].as_str().unwrap();
        let text = texts
            .iter()
            .find(|(name, _)| name == doc)
            .unwrap_or_else(|| panic!("unknown doc {doc}"))
            .1;
        let (start, end) = (
            m["start"].as_u64().unwrap() as usize,
            m["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[start..end], m["text"].as_str().unwrap(), "{m}");
    }
}

// ---------------------------------------------------------------------------------------------
// the formats

#[test]
fn tag_reads_jsonl_records_named_by_id_or_line() {
    let sandbox = Sandbox::new();
    let file = sandbox.fixture("articles.jsonl");
    let mentions = tag_jsonl(&sandbox, &[&file]);
    assert_eq!(
        docs_texts_ids(&mentions),
        article_mentions("articles.jsonl:3")
    );
    assert_spans_slice_texts(&mentions, &article_texts("articles.jsonl:3"));
}

#[test]
fn tag_reads_csv_rows_with_multi_line_fields() {
    let sandbox = Sandbox::new();
    let file = sandbox.fixture("articles.csv");
    let mentions = tag_jsonl(&sandbox, &[&file]);
    // The first row spans lines 2 to 4, so the row without an id starts on line 6.
    assert_eq!(
        docs_texts_ids(&mentions),
        article_mentions("articles.csv:6")
    );
    assert_spans_slice_texts(&mentions, &article_texts("articles.csv:6"));
}

#[test]
fn tsv_files_are_tab_separated() {
    let sandbox = Sandbox::new();
    sandbox.write(
        "news.tsv",
        "id\ttext\nt1\tRussia, Ukraine and the UK met.\n",
    );
    let mentions = tag_jsonl(&sandbox, &["news.tsv"]);
    assert_eq!(
        docs_texts_ids(&mentions),
        [
            triple("t1", "Russia", "country:RU"),
            triple("t1", "Ukraine", "country:UA"),
            triple("t1", "UK", "country:GB"),
        ]
    );
}

#[test]
fn gzipped_inputs_read_like_plain_ones() {
    let sandbox = Sandbox::new();
    for name in ["articles.jsonl", "articles.csv"] {
        let plain = std::fs::read(repository("tests/fixtures/input").join(name)).unwrap();
        sandbox.write(name, &plain);
        let gzipped = format!("{name}.gz");
        sandbox.write_gzip(&gzipped, &plain);
        let from_plain = tag_jsonl(&sandbox, &[name]);
        let from_gzip = tag_jsonl(&sandbox, &[&gzipped]);
        // Only the name of the record without an id tells them apart.
        let third = if name.ends_with("jsonl") { 3 } else { 6 };
        let rename = |mentions: Vec<Value>, file: &str| -> Vec<Value> {
            let anonymous = format!("{file}:{third}");
            mentions
                .into_iter()
                .map(|mut m| {
                    if m["doc"] == anonymous.as_str() {
                        m["doc"] = Value::from("third");
                    }
                    m
                })
                .collect()
        };
        assert_eq!(from_plain.len(), 11, "{name}");
        assert_eq!(
            rename(from_gzip, &gzipped),
            rename(from_plain, name),
            "{name}"
        );
    }
    sandbox.write_gzip("note.txt.gz", "Russia and the UK met.\n");
    assert_eq!(
        docs_texts_ids(&tag_jsonl(&sandbox, &["note.txt.gz"])),
        [
            triple("note.txt.gz", "Russia", "country:RU"),
            triple("note.txt.gz", "UK", "country:GB"),
        ]
    );
}

#[test]
fn stdin_is_read_in_the_format_given() {
    let sandbox = Sandbox::new();
    let jsonl = std::fs::read(repository("tests/fixtures/input/articles.jsonl")).unwrap();
    let assert = sandbox
        .nergraph()
        .args(["tag", "--format", "jsonl", "--input-format", "jsonl", "-"])
        .write_stdin(jsonl.clone())
        .assert()
        .code(0)
        .stderr("");
    let mentions = parse_lines(&stdout_of(assert.get_output()));
    assert_eq!(docs_texts_ids(&mentions), article_mentions("-:3"));

    let csv = std::fs::read(repository("tests/fixtures/input/articles.csv")).unwrap();
    let assert = sandbox
        .nergraph()
        .args(["tag", "--format", "jsonl", "--input-format", "csv", "-"])
        .write_stdin(csv)
        .assert()
        .code(0)
        .stderr("");
    let mentions = parse_lines(&stdout_of(assert.get_output()));
    assert_eq!(docs_texts_ids(&mentions), article_mentions("-:6"));

    // Without --input-format, standard input is one text document.
    let assert = sandbox
        .nergraph()
        .args(["tag", "--format", "jsonl", "-"])
        .write_stdin(jsonl)
        .assert()
        .code(0);
    let mentions = parse_lines(&stdout_of(assert.get_output()));
    assert!(mentions.iter().all(|m| m["doc"] == "-"));
    assert_eq!(mentions.len(), 11);
}

#[test]
fn input_format_overrides_extensions_and_narrows_folder_search() {
    let sandbox = Sandbox::new();
    sandbox.write("corpus/a.txt", "Russia and the UK met.\n");
    sandbox.write(
        "corpus/b.data",
        "{\"id\": \"b1\", \"text\": \"France met Germany.\"}\n",
    );
    sandbox.write(
        "corpus/c.jsonl",
        "{\"id\": \"c1\", \"text\": \"China met India.\"}\n",
    );
    let mentions = tag_jsonl(&sandbox, &["--input-format", "jsonl", "corpus"]);
    let docs: Vec<&str> = mentions
        .iter()
        .map(|m| m["doc"].as_str().unwrap())
        .collect();
    assert_eq!(docs, ["c1", "c1"]);
    let mentions = tag_jsonl(&sandbox, &["--input-format", "jsonl", "corpus/b.data"]);
    let docs: Vec<&str> = mentions
        .iter()
        .map(|m| m["doc"].as_str().unwrap())
        .collect();
    assert_eq!(docs, ["b1", "b1"]);
    // By default an unknown extension named explicitly is text.
    let mentions = tag_jsonl(&sandbox, &["corpus/b.data"]);
    assert!(mentions.iter().all(|m| m["doc"] == "corpus/b.data"));
}

#[test]
fn folders_yield_every_format_in_name_order() {
    let sandbox = Sandbox::new();
    sandbox.write("corpus/b.txt", "Russia met the UK.\n");
    sandbox.write_gzip(
        "corpus/a/news.jsonl.gz",
        "{\"id\": \"j1\", \"text\": \"France met Germany.\"}\n",
    );
    sandbox.write("corpus/c.csv", "id,text\nc1,China met India.\n");
    sandbox.write_gzip("corpus/d.md.gz", "Japan met Brazil.\n");
    sandbox.write(
        "corpus/e.ndjson",
        "{\"id\": \"n1\", \"text\": \"Spain met Italy.\"}\n",
    );
    // Not read: TSV files (gazetteers, usually) and unknown extensions.
    sandbox.write("corpus/f.tsv", "id\ttext\nt1\tPoland met Greece.\n");
    sandbox.write("corpus/g.json", "{\"text\": \"Chile met Peru.\"}\n");
    let mentions = tag_jsonl(&sandbox, &["corpus"]);
    let mut docs: Vec<&str> = mentions
        .iter()
        .map(|m| m["doc"].as_str().unwrap())
        .collect();
    docs.dedup();
    assert_eq!(docs, ["j1", "corpus/b.txt", "c1", "corpus/d.md.gz", "n1"]);
}

#[test]
fn record_fields_can_be_renamed() {
    let sandbox = Sandbox::new();
    sandbox.write(
        "feed.jsonl",
        "{\"guid\": \"g-7\", \"content\": {\"body\": \"Russia and the UK met.\"}}\n",
    );
    let mentions = tag_jsonl(
        &sandbox,
        &[
            "--text-field",
            "content.body",
            "--id-field",
            "guid",
            "feed.jsonl",
        ],
    );
    assert_eq!(
        docs_texts_ids(&mentions),
        [
            triple("g-7", "Russia", "country:RU"),
            triple("g-7", "UK", "country:GB"),
        ]
    );
    sandbox
        .nergraph()
        .args(["tag", "--text-field", "", "feed.jsonl"])
        .assert()
        .code(2)
        .stderr("nergraph: error: --text-field needs a field name\n");
}

// ---------------------------------------------------------------------------------------------
// malformed records

const BROKEN_JSONL_WARNINGS: &str = "\
nergraph: warning: skipped broken.jsonl:2: not valid JSON (EOF while parsing a string at column 33)
nergraph: warning: skipped broken.jsonl:3: not a JSON object but an array
nergraph: warning: skipped broken.jsonl:4: no text field \"text\"
nergraph: warning: skipped broken.jsonl:5: text field \"text\" is a number, not a string
nergraph: warning: broken.jsonl:6: field \"date\": \"last Tuesday\" is not a date (such as 2024-03-05 or 5 Mar 2024); the field is ignored
";

#[test]
fn malformed_jsonl_lines_are_warned_with_their_line_and_skipped() {
    let sandbox = Sandbox::new();
    let file = sandbox.fixture("broken.jsonl");
    let assert = sandbox
        .nergraph()
        .args(["tag", &file])
        .assert()
        .code(0)
        .stderr(BROKEN_JSONL_WARNINGS);
    assert_eq!(
        stdout_of(assert.get_output()),
        "ok-1:0-6\tCOUNTRY\tcountry:RU\tRussia\n\
         ok-1:15-17\tCOUNTRY\tcountry:GB\tUK\n\
         bad-date:0-6\tCOUNTRY\tcountry:FR\tFrance\n\
         bad-date:11-18\tCOUNTRY\tcountry:DE\tGermany\n\
         ok-2:0-5\tCOUNTRY\tcountry:CN\tChina\n\
         ok-2:10-15\tCOUNTRY\tcountry:IN\tIndia\n"
    );
    sandbox
        .nergraph()
        .args(["build", &file])
        .assert()
        .code(0)
        .stderr(BROKEN_JSONL_WARNINGS);
    assert_eq!(sandbox.json("out/graph.json")["graph"]["documents"], 3);
}

#[test]
fn strict_fails_on_the_first_malformed_record() {
    let sandbox = Sandbox::new();
    let jsonl = sandbox.fixture("broken.jsonl");
    let csv = sandbox.fixture("broken.csv");
    let no_text = sandbox.fixture("no-text-column.csv");
    let cases = [
        (
            &jsonl,
            "broken.jsonl:2: not valid JSON (EOF while parsing a string at column 33)",
        ),
        (
            &csv,
            "broken.csv:3: expected 2 fields as in the header, found 1",
        ),
        (
            &no_text,
            "no-text-column.csv:1: no text column \"text\" in the header (columns: \"id\", \"body\"); nothing read from this file",
        ),
    ];
    for (file, message) in cases {
        for command in ["tag", "build"] {
            sandbox
                .nergraph()
                .args([command, "--strict", file])
                .assert()
                .code(1)
                .stderr(format!("nergraph: error: cannot read input: {message}\n"));
        }
    }
    assert!(!sandbox.join("out").exists());
    // A malformed optional field is an error too.
    sandbox.write(
        "dated.jsonl",
        "{\"text\": \"Russia and the UK met.\", \"date\": \"05/03/2024\"}\n",
    );
    sandbox
        .nergraph()
        .args(["tag", "--strict", "dated.jsonl"])
        .assert()
        .code(1)
        .stdout("")
        .stderr("nergraph: error: cannot read input: dated.jsonl:1: field \"date\": \"05/03/2024\" is not a date (such as 2024-03-05 or 5 Mar 2024)\n");
}

#[test]
fn malformed_csv_rows_and_headers_are_warned_and_skipped() {
    let sandbox = Sandbox::new();
    let csv = sandbox.fixture("broken.csv");
    let no_text = sandbox.fixture("no-text-column.csv");
    let assert = sandbox
        .nergraph()
        .args(["tag", &csv, &no_text])
        .assert()
        .code(0)
        .stderr(
            "nergraph: warning: skipped broken.csv:3: expected 2 fields as in the header, found 1\n\
             nergraph: warning: skipped broken.csv:4: expected 2 fields as in the header, found 3\n\
             nergraph: warning: skipped no-text-column.csv:1: no text column \"text\" in the header (columns: \"id\", \"body\"); nothing read from this file\n",
        );
    let docs: Vec<String> = stdout_of(assert.get_output())
        .lines()
        .map(|l| l.split(':').next().unwrap().to_owned())
        .collect();
    assert_eq!(docs, ["ok-1", "ok-1", "ok-2", "ok-2"]);
    // The right column name reads the file.
    let mentions = tag_jsonl(&sandbox, &["--text-field", "body", &no_text]);
    assert_eq!(mentions.len(), 2);
}

#[test]
fn invalid_utf8_in_a_record_is_skipped() {
    let sandbox = Sandbox::new();
    sandbox.write(
        "mixed.jsonl",
        b"{\"text\": \"caf\xe9 in Russia\"}\n{\"id\": \"ok\", \"text\": \"Russia and the UK met.\"}\n",
    );
    let assert = sandbox
        .nergraph()
        .args(["tag", "mixed.jsonl"])
        .assert()
        .code(0)
        .stderr("nergraph: warning: skipped mixed.jsonl:1: not valid UTF-8 (invalid byte at column 14)\n");
    assert_eq!(
        stdout_of(assert.get_output()),
        "ok:0-6\tCOUNTRY\tcountry:RU\tRussia\nok:15-17\tCOUNTRY\tcountry:GB\tUK\n"
    );
}

#[test]
fn records_with_empty_text_are_skipped_silently() {
    let sandbox = Sandbox::new();
    sandbox.write(
        "feed.jsonl",
        "{\"id\": \"empty\", \"text\": \"\"}\n{\"id\": \"blank\", \"text\": \"  \\n \"}\n{\"id\": \"full\", \"text\": \"Russia and the UK met.\"}\n",
    );
    sandbox
        .nergraph()
        .args(["build", "feed.jsonl"])
        .assert()
        .code(0)
        .stderr("");
    assert_eq!(sandbox.json("out/graph.json")["graph"]["documents"], 1);
}

#[test]
fn corrupt_gzip_is_skipped_with_a_warning_or_fails_under_strict() {
    let sandbox = Sandbox::new();
    sandbox.write("good.txt", "Russia and the UK met.\n");
    sandbox.write("bad.jsonl.gz", "this was never compressed\n");
    sandbox
        .nergraph()
        .args(["tag", "good.txt", "bad.jsonl.gz"])
        .assert()
        .code(0)
        .stderr(
            "nergraph: warning: skipped bad.jsonl.gz: not valid gzip data (invalid gzip header)\n",
        );
    sandbox
        .nergraph()
        .args(["build", "--strict", "good.txt", "bad.jsonl.gz"])
        .assert()
        .code(1)
        .stderr("nergraph: error: cannot read input: bad.jsonl.gz: not valid gzip data (invalid gzip header)\n");
    assert!(!sandbox.join("out").exists());

    // A stream cut short keeps the documents before the cut.
    let lines: String = (0..3000)
        .map(|i| format!("{{\"id\": {i}, \"text\": \"Russia and the UK met again.\"}}\n"))
        .collect();
    let full = sandbox.write_gzip("full.jsonl.gz", &lines);
    let bytes = std::fs::read(full).unwrap();
    sandbox.write("cut.jsonl.gz", &bytes[..bytes.len() / 2]);
    let assert = sandbox
        .nergraph()
        .args(["tag", "cut.jsonl.gz"])
        .assert()
        .code(0)
        .stderr("nergraph: warning: skipped the rest of cut.jsonl.gz: not valid gzip data (incomplete deflate stream)\n");
    let read = stdout_of(assert.get_output()).lines().count() / 2;
    assert!(read > 0 && read < 3000, "{read}");
}

// ---------------------------------------------------------------------------------------------
// the same graph from every format

/// The sample articles as `(file name, text)`, in name order.
fn sample_articles() -> Vec<(String, String)> {
    let mut articles: Vec<(String, String)> = std::fs::read_dir(repository("samples"))
        .unwrap()
        .map(|e| {
            let path = e.unwrap().path();
            (
                path.file_name().unwrap().to_str().unwrap().to_owned(),
                std::fs::read_to_string(&path).unwrap(),
            )
        })
        .collect();
    articles.sort();
    articles
}

/// A graph.json without what depends on document names (evidence names its documents).
/// The graph without what depends on where documents come from: their names in the evidence, and
/// the dates and source counts of nodes and edges (checked, then removed).
fn without_document_names(mut graph: Value) -> Value {
    let dated = graph["nodes"][0].get("first_seen").is_some();
    let sourced = graph["nodes"][0].get("sources").is_some();
    for item in graph["nodes"].as_array_mut().unwrap().iter_mut() {
        let item = item.as_object_mut().unwrap();
        if dated {
            assert_eq!(item.remove("first_seen").unwrap(), "2024-01-02");
            assert_eq!(item.remove("last_seen").unwrap(), "2024-01-02");
        }
        if sourced {
            assert_eq!(item.remove("sources").unwrap(), 1);
        }
    }
    for edge in graph["edges"].as_array_mut().unwrap() {
        let edge = edge.as_object_mut().unwrap();
        if dated {
            assert_eq!(edge.remove("first_seen").unwrap(), "2024-01-02");
            assert_eq!(edge.remove("last_seen").unwrap(), "2024-01-02");
        }
        if sourced {
            assert_eq!(edge.remove("sources").unwrap(), 1);
        }
        for item in edge["evidence"].as_array_mut().unwrap() {
            item.as_object_mut().unwrap().remove("doc");
        }
    }
    graph
}

#[test]
fn build_gives_the_same_graph_from_text_files_jsonl_and_csv() {
    let sandbox = Sandbox::new();
    let articles = sample_articles();
    let mut jsonl = String::new();
    let mut csv = csv::Writer::from_writer(Vec::new());
    csv.write_record(["id", "source", "text"]).unwrap();
    for (i, (name, text)) in articles.iter().enumerate() {
        sandbox.write(&format!("txt/{name}"), text);
        let record =
            serde_json::json!({"id": format!("article-{i}"), "date": "2024-01-02", "text": text});
        jsonl.push_str(&format!("{record}\n"));
        csv.write_record([&format!("article-{i}"), "Sample Wire", text])
            .unwrap();
    }
    sandbox.write("news.jsonl", &jsonl);
    sandbox.write_gzip("news.csv.gz", csv.into_inner().unwrap());
    let build = |input: &str, output: &str| {
        sandbox
            .nergraph()
            .args(["build", input, "-o", output, "--formats", "json"])
            .assert()
            .code(0)
            .stderr("");
        let graph = sandbox.json(&format!("{output}/graph.json"));
        assert_eq!(graph["graph"]["documents"], articles.len());
        graph
    };
    let from_text = build("txt", "from-text");
    assert!(from_text["edges"].as_array().unwrap().len() > 20);
    let expected = without_document_names(from_text);
    for (input, output) in [("news.jsonl", "from-jsonl"), ("news.csv.gz", "from-csv")] {
        let graph = without_document_names(build(input, output));
        assert_eq!(graph["graph"], expected["graph"], "{input}");
        assert_eq!(graph["nodes"], expected["nodes"], "{input}");
        assert_eq!(graph["edges"], expected["edges"], "{input}");
    }
}

#[test]
fn archive_dates_are_read_and_repeated_warnings_are_counted() {
    let sandbox = Sandbox::new();
    let mut lines = String::new();
    for i in 0..15 {
        lines.push_str(&format!(
            "{{\"id\": \"r{i}\", \"date\": \"soon {i}\", \"text\": \"Russia and the UK met.\"}}\n"
        ));
    }
    lines.push_str("{\"id\": \"r15\", \"date\": \"26-FEB-1987 15:01:01.79\", \"source\": \"Wire\", \"text\": \"Russia and the UK met.\"}\n");
    sandbox.write("news.jsonl", lines);
    let output = sandbox
        .nergraph()
        .args(["build", "news.jsonl"])
        .assert()
        .code(0);
    let stderr = stderr_of(output.get_output());
    let warnings: Vec<&str> = stderr.lines().collect();
    assert_eq!(warnings.len(), 11, "{stderr}");
    assert!(
        warnings[0].starts_with(
            "nergraph: warning: news.jsonl:1: field \"date\": \"soon 0\" is not a date"
        ),
        "{stderr}"
    );
    assert_eq!(
        warnings[10],
        "nergraph: warning: news.jsonl: 5 more warnings like these"
    );
    let graph = sandbox.json("out/graph.json");
    assert_eq!(graph["graph"]["documents"], 16);
    let edge = &graph["edges"][0];
    assert_eq!(
        (edge["first_seen"].as_str(), edge["last_seen"].as_str()),
        (Some("1987-02-26"), Some("1987-02-26"))
    );
    assert_eq!(edge["sources"], 1);
}
