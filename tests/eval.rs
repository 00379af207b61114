//! End-to-end tests of `nergraph eval` on the small gold files in `tests/fixtures/eval/`.
//!
//! The gazetteer knows Russia (capital Moscow, demonym Russian), the United States (U.S.), Georgia,
//! the EU, Boris Yeltsin and John Smith; the gold files are written so that every kind of error
//! occurs once or twice, and the expected numbers are worked out by hand in the comments.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::str::contains;
use serde_json::{json, Value};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/eval")
        .join(name)
}

/// `nergraph eval --gold FIXTURE` with the fixture gazetteer only, and a clean environment.
fn eval(gold: &str) -> Command {
    let mut cmd = Command::cargo_bin("nergraph").unwrap();
    for var in [
        "RUST_BACKTRACE",
        "RUST_LIB_BACKTRACE",
        "COLUMNS",
        "NO_COLOR",
    ] {
        cmd.env_remove(var);
    }
    cmd.arg("eval")
        .arg("--gold")
        .arg(fixture(gold))
        .arg("--no-default-gazetteers")
        .arg("-g")
        .arg(fixture("gazetteer.tsv"));
    cmd
}

fn json_report(gold: &str, extra: &[&str]) -> Value {
    let output = eval(gold).args(extra).arg("--json").assert().success();
    serde_json::from_slice(&output.get_output().stdout).expect("the report is JSON")
}

/// predicted, correct, gold, found of one type (or `micro`).
fn counts(report: &Value, entity_type: &str) -> [u64; 4] {
    let scores = if entity_type == "micro" {
        &report["micro"]
    } else {
        report["types"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["type"] == entity_type)
            .unwrap()
    };
    ["predicted", "correct", "gold", "found"].map(|k| scores[k].as_u64().unwrap())
}

fn close(value: &Value, expected: f64) -> bool {
    (value.as_f64().unwrap() - expected).abs() < 1e-12
}

#[test]
fn conll_numbers() {
    let report = json_report("gold.conll", &[]);
    assert_eq!(report["documents"], 2);
    assert_eq!(report["sentences"], 6);
    // PERSON: Boris Yeltsin and Yeltsin are right, John Smith has no gold; Georgia Smith is missed.
    assert_eq!(counts(&report, "PERSON"), [3, 2, 3, 2]);
    // ORG: both EUs; the gold ORG "Russia" (a team) is tagged as a country.
    assert_eq!(counts(&report, "ORG"), [2, 2, 3, 2]);
    // COUNTRY: RUSSIA, MOSCOW (capital on a LOC span), Russian (MISC), United States and Georgia
    // (LOC) are right; Russia (ORG) is not. The tagger reads "Georgia Smith" as a person and "U.S.
    // Open" as an event, so neither gives a country. Gold: RUSSIA, Russian, United States, Georgia.
    assert_eq!(counts(&report, "COUNTRY"), [6, 5, 4, 4]);
    assert_eq!(counts(&report, "micro"), [11, 9, 10, 8]);
    let country = &report["types"][2];
    assert!(close(&country["precision"], 5.0 / 6.0));
    assert!(close(&country["recall"], 1.0));
    assert!(close(&country["f1"], 2.0 * (5.0 / 6.0) / (1.0 + 5.0 / 6.0)));
    assert_eq!(
        report["country_names"],
        json!({"gold": 3, "found": 3, "recall": 1.0})
    );
    assert_eq!(report["out_of_scope"]["loc"], 2);
    assert_eq!(report["out_of_scope"]["misc"], 1);

    let alarms: Vec<(&str, &str, &str)> = report["false_alarms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["type"].as_str().unwrap(),
                e["text"].as_str().unwrap(),
                e["kind"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        alarms,
        [
            ("PERSON", "John Smith", "spurious"),
            ("COUNTRY", "Russia", "wrong_type"),
        ]
    );
    let misses: Vec<(&str, &str, &str)> = report["misses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["type"].as_str().unwrap(),
                e["text"].as_str().unwrap(),
                e["gold_label"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        misses,
        [("PERSON", "Georgia Smith", "PER"), ("ORG", "Russia", "ORG")]
    );
    let first = &report["false_alarms"][0];
    assert_eq!(first["doc"], 0);
    assert_eq!(first["entity"], "person:john-smith");
    assert_eq!(
        first["sentence"],
        "Yeltsin met Georgia Smith and John Smith ."
    );
    assert_eq!(first["overlap"], serde_json::Value::Null);
    let second = &report["false_alarms"][1];
    assert_eq!(second["doc"], 1);
    assert_eq!(second["sentence"], "Georgia beat Russia in the U.S. Open .");
    assert_eq!(second["overlap"]["text"], "Russia");
    assert_eq!(second["overlap"]["label"], "ORG");
}

#[test]
fn conll_table_and_errors() {
    let output = eval("gold.conll")
        .args(["--show-errors", "1"])
        .assert()
        .success();
    let stdout = String::from_utf8(output.get_output().stdout.clone()).unwrap();
    for line in [
        "2 documents, 6 sentences",
        "type     precision  recall      F1 predicted correct   gold  found",
        "PERSON       0.667   0.667   0.667         3       2      3      2",
        "ORG          1.000   0.667   0.800         2       2      3      2",
        "COUNTRY      0.833   1.000   0.909         6       5      4      4",
        "micro        0.818   0.800   0.809        11       9     10      8",
        "country-name recall: 1.000 (3 of 3 gold spans that name a country)",
        "COUNTRY false alarms: first 1 of 1",
        "  \"Russia\" -> country:RU [name] (wrong_type; overlaps ORG \"Russia\")",
        "      Georgia beat Russia in the U.S. Open .",
        "PERSON misses: first 1 of 1",
        "ORG misses: first 1 of 1",
    ] {
        assert!(stdout.contains(line), "missing {line:?} in:\n{stdout}");
    }

    let quiet = eval("gold.conll")
        .args(["--show-errors", "0"])
        .assert()
        .success();
    let stdout = String::from_utf8(quiet.get_output().stdout.clone()).unwrap();
    assert!(!stdout.contains("false alarms"), "{stdout}");
}

#[test]
fn capitals_off() {
    // Without capitals, MOSCOW is not tagged: one correct COUNTRY prediction fewer.
    let report = json_report("gold.conll", &["--capitals", "off"]);
    assert_eq!(counts(&report, "COUNTRY"), [5, 4, 4, 4]);
}

#[test]
fn jsonl_numbers() {
    // Format from the extension. Doc a: everything right. Doc b: John Smith has no gold, Jane Doe
    // is missed, Georgia is right.
    let report = json_report("gold.jsonl", &[]);
    assert_eq!(report["documents"], 2);
    assert_eq!(counts(&report, "PERSON"), [2, 1, 2, 1]);
    assert_eq!(counts(&report, "ORG"), [1, 1, 1, 1]);
    assert_eq!(counts(&report, "COUNTRY"), [3, 3, 3, 3]);
    // "Russian" is a demonym, not a country name.
    assert_eq!(
        report["country_names"],
        json!({"gold": 2, "found": 2, "recall": 1.0})
    );
    assert_eq!(report["misses"][0]["text"], "Jane Doe");
    assert_eq!(report["misses"][0]["doc_name"], "b");
    assert_eq!(report["misses"][0]["kind"], "missed");
    assert_eq!(
        report["misses"][0]["sentence"],
        "John Smith met Jane Doe in Georgia."
    );
    // The same with the format given.
    assert_eq!(json_report("gold.jsonl", &["--format", "jsonl"]), report);
}

#[test]
fn malformed_conll_names_file_and_line() {
    eval("bad.conll")
        .assert()
        .code(1)
        .stdout("")
        .stderr(contains("bad.conll: line 4: expected a token and a tag"));
}

#[test]
fn malformed_jsonl_names_file_and_line() {
    eval("bad.jsonl")
        .assert()
        .code(1)
        .stderr(contains("bad.jsonl: line 2: missing field `end`"));
    // A JSONL file read as CoNLL fails on its first line.
    eval("gold.jsonl")
        .args(["--format", "conll"])
        .assert()
        .code(1)
        .stderr(contains("gold.jsonl: line 1: unknown tag"));
}

#[test]
fn missing_file_and_bad_options() {
    eval("missing.conll")
        .assert()
        .code(1)
        .stderr(contains("missing.conll"));
    Command::cargo_bin("nergraph")
        .unwrap()
        .args(["eval", "--no-default-gazetteers", "--gold"])
        .arg(fixture("gold.conll"))
        .assert()
        .code(2)
        .stderr(contains(
            "--no-default-gazetteers needs at least one --gazetteer",
        ));
    Command::cargo_bin("nergraph")
        .unwrap()
        .args(["eval"])
        .assert()
        .code(2)
        .stderr(contains("--gold"));
}
