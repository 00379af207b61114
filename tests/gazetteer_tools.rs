//! End-to-end tests of `nergraph gazetteer check|stats|suggest` and the `--capitals` switch.

use assert_cmd::Command;
use tempfile::TempDir;

fn nergraph(dir: &TempDir) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_nergraph"));
    cmd.current_dir(dir.path()).env_remove("RUST_BACKTRACE");
    cmd
}

fn write(dir: &TempDir, name: &str, contents: &str) {
    std::fs::write(dir.path().join(name), contents).unwrap();
}

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

#[test]
fn check_warns_with_file_and_line_and_succeeds() {
    let dir = TempDir::new().unwrap();
    write(
        &dir,
        "mine.tsv",
        "# my corpus\norg:harvest\tORG\tHarvest Widgets Corporation\tHarvest\norg:lonely\tORG\tLonely Widgets Ltd\norg:x\tORG\tX Holdings\tux [any]\n",
    );
    let out = nergraph(&dir)
        .args(["gazetteer", "check", "mine.tsv"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let text = stdout(&out);
    assert!(
        text.contains("mine.tsv:2: warning: alias \"Harvest\" is the common word \"harvest\""),
        "{text}"
    );
    assert!(
        text.contains("mine.tsv:3: warning: ORG \"org:lonely\" has no aliases besides its name"),
        "{text}"
    );
    assert!(
        text.contains("mine.tsv:4: warning: alias \"ux\" is short and matches in any case"),
        "{text}"
    );
    assert!(
        !text.contains("builtin:"),
        "only the given file is checked: {text}"
    );
    let summary = text.lines().last().unwrap();
    assert!(
        summary.starts_with("checked mine.tsv: ")
            && summary.ends_with(" entities in all, no errors, 3 warnings"),
        "{text}"
    );
}

#[test]
fn check_fails_on_errors_naming_file_and_line() {
    let dir = TempDir::new().unwrap();
    write(
        &dir,
        "bad.tsv",
        "org:a\tORG\tAcme\norg:b\tORGANISATION\tBolt\n",
    );
    nergraph(&dir)
        .args(["gazetteer", "check", "bad.tsv"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "bad.tsv:2: unknown type \"ORGANISATION\"",
        ));
    write(
        &dir,
        "clash.tsv",
        "org:russia-fan-club\tORG\tRussia Fan Club\tRussia\n",
    );
    nergraph(&dir)
        .args(["gazetteer", "check", "clash.tsv"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("clash.tsv:1: alias \"Russia\" of \"org:russia-fan-club\" is already claimed by \"country:RU\" (builtin:countries.tsv:"));
}

#[test]
fn stats_counts_per_file_and_type() {
    let dir = TempDir::new().unwrap();
    write(&dir, "mine.tsv", "org:a\tORG\tAcme Widgets\tAcme | AW\nperson:b\tPERSON\tBo Lindqvist\nneg:c\tNOT\tacme anvil\n");
    let out = nergraph(&dir)
        .args(["gazetteer", "stats", "--no-default-gazetteers", "mine.tsv"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let text = stdout(&out);
    let row = |label: &str| -> Vec<String> {
        let line = text
            .lines()
            .find(|l| l.starts_with(label))
            .unwrap_or_else(|| panic!("{label} in {text}"));
        line[label.len()..]
            .split_whitespace()
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(row("mine.tsv"), ["2", "4", "1"]);
    assert_eq!(row("PERSON"), ["1", "1"]);
    assert_eq!(row("ORG"), ["1", "3"]);
    assert_eq!(row("derived short forms (surnames)"), ["1"]);
}

#[test]
fn suggest_writes_rows_that_load_as_a_gazetteer() {
    let dir = TempDir::new().unwrap();
    write(
        &dir,
        "news.txt",
        "The Cyber Security Agency of Singapore (CSA) issued a warning on Monday.\n\n\
         Officials said CSA had seen attacks. Margaret Okafor of the Lagos Port Authority agreed.\n\n\
         The Lagos Port Authority and the CSA will meet again, Margaret Okafor said.\n",
    );
    let out = nergraph(&dir)
        .args(["gazetteer", "suggest", "--min-count", "2", "news.txt"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let rows = stdout(&out);
    assert!(rows.contains("org:cyber-security-agency-of-singapore\tORG\tCyber Security Agency of Singapore\tCSA [acronym]\n"), "{rows}");
    assert!(
        rows.contains("person:margaret-okafor\tPERSON\tMargaret Okafor\n"),
        "{rows}"
    );
    assert!(
        rows.contains("org:lagos-port-authority\tORG\tLagos Port Authority\n"),
        "{rows}"
    );
    // The output is a gazetteer file as it is: feed it back and the names are found.
    write(&dir, "suggested.tsv", &rows);
    let tagged = nergraph(&dir)
        .args(["tag", "-g", "suggested.tsv", "news.txt"])
        .output()
        .unwrap();
    assert!(tagged.status.success(), "{tagged:?}");
    let tagged = stdout(&tagged);
    assert!(
        tagged.contains("org:lagos-port-authority\tLagos Port Authority"),
        "{tagged}"
    );
    assert!(
        tagged.contains("person:margaret-okafor\tMargaret Okafor"),
        "{tagged}"
    );
}

#[test]
fn capitals_can_be_switched_off() {
    let dir = TempDir::new().unwrap();
    write(&dir, "news.txt", "Beijing said Moscow and China agreed.\n");
    let on = stdout(&nergraph(&dir).args(["tag", "news.txt"]).output().unwrap());
    let ids: Vec<&str> = on.lines().map(|l| l.split('\t').nth(2).unwrap()).collect();
    assert_eq!(ids, ["country:CN", "country:RU", "country:CN"]);
    let off = stdout(
        &nergraph(&dir)
            .args(["tag", "--capitals", "off", "news.txt"])
            .output()
            .unwrap(),
    );
    let ids: Vec<&str> = off.lines().map(|l| l.split('\t').nth(2).unwrap()).collect();
    assert_eq!(ids, ["country:CN"]);
    nergraph(&dir)
        .args(["tag", "--capitals", "maybe", "news.txt"])
        .assert()
        .code(2);
}

#[test]
fn headlines_in_capitals_and_title_case_find_their_entities() {
    let dir = TempDir::new().unwrap();
    write(
        &dir,
        "a.txt",
        "CHINA WARNS US OVER TAIWAN ARMS SALE\n\nChina Warns Us Over Taiwan Arms Sale\n",
    );
    let out = stdout(&nergraph(&dir).args(["tag", "a.txt"]).output().unwrap());
    let found: Vec<(&str, &str)> = out
        .lines()
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            (cols[3], cols[2])
        })
        .collect();
    assert_eq!(
        found,
        [
            ("CHINA", "country:CN"),
            ("US", "country:US"),
            ("TAIWAN", "country:TW"),
            ("China", "country:CN"),
            ("Taiwan", "country:TW"),
        ]
    );
}

#[test]
fn build_ranks_and_filters_by_the_chosen_measure() {
    let dir = TempDir::new().unwrap();
    write(
        &dir,
        "news.txt",
        "Russia and China met. Russia and China spoke. Russia and Iran met. Iran and Oman met. Oman.\n",
    );
    let build = |args: &[&str]| -> serde_json::Value {
        let mut all = vec!["build", "news.txt", "-o", "out"];
        all.extend_from_slice(args);
        nergraph(&dir).args(&all).assert().success();
        serde_json::from_slice(&std::fs::read(dir.path().join("out/graph.json")).unwrap()).unwrap()
    };
    let pairs = |g: &serde_json::Value| -> Vec<(String, String)> {
        g["edges"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    e["source"].as_str().unwrap().to_owned(),
                    e["target"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    };
    // By count, Russia-China (2 sentences) is the strongest pair.
    let g = build(&["--top-edges", "1"]);
    assert_eq!(
        pairs(&g),
        [("country:CN".to_owned(), "country:RU".to_owned())]
    );
    assert_eq!(g["graph"]["filter"]["measure"], "count");
    // Windows: RU 3, CN 2, IR 2, OM 2. Jaccard: CN-RU 2/3, IR-OM 1/3, IR-RU 1/4.
    let g = build(&["--weight", "jaccard", "--min-weight", "0.5"]);
    assert_eq!(
        pairs(&g),
        [("country:CN".to_owned(), "country:RU".to_owned())]
    );
    for edge in g["edges"].as_array().unwrap() {
        for key in ["pmi", "npmi", "jaccard", "dice", "assoc"] {
            assert!(edge[key].is_f64(), "{key} in {edge}");
        }
    }
    nergraph(&dir)
        .args(["build", "news.txt", "--weight", "loud"])
        .assert()
        .code(2);
    nergraph(&dir)
        .args(["build", "news.txt", "--min-weight", "NaN"])
        .assert()
        .code(2);
}
