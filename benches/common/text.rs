//! Benchmark text shared by the benchmarks that include this file with `#[path]`.

use std::path::Path;

/// Documents of benchmark text: the BBC corpus split into articles of about 2 KB, or the samples.
pub fn documents() -> Vec<String> {
    let bbc = Path::new("../shared/corpus/bbc-news/train.csv");
    let text = match std::fs::read_to_string(bbc) {
        Ok(text) => text,
        Err(_) => {
            let mut all = String::new();
            for entry in std::fs::read_dir("samples").unwrap() {
                all.push_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap_or_default());
            }
            all
        }
    };
    let mut docs = Vec::new();
    let mut current = String::new();
    for line in text.lines() {
        current.push_str(line);
        current.push('\n');
        if current.len() > 2048 {
            docs.push(std::mem::take(&mut current));
        }
    }
    docs.push(current);
    docs
}
