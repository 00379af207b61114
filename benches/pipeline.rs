//! Benchmarks of the pipeline stages: gazetteer compilation, tagging, and tagging plus counting.
//!
//! Run with `cargo bench --bench pipeline`. The text is the BBC news corpus from `../shared/corpus`
//! when it is present (as in the project's development and CI machines), else the sample corpus.
//! Throughput is reported in bytes of input text per second.

#![allow(missing_docs)] // criterion_group! defines an undocumented function

use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use nergraph::gazetteer::Gazetteer;
use nergraph::graph::{CooccurrenceCounter, Window};
use nergraph::tagger::Tagger;
use nergraph::text::normalize;

/// Documents of benchmark text: the BBC corpus split into articles of about 2 KB, or the samples.
fn documents() -> Vec<String> {
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

fn benches(c: &mut Criterion) {
    let docs = documents();
    let bytes: usize = docs.iter().map(String::len).sum();

    c.bench_function("gazetteer/compile_defaults", |b| {
        b.iter(|| Tagger::new(Gazetteer::defaults().unwrap()).unwrap())
    });

    let tagger = Tagger::new(Gazetteer::defaults().unwrap()).unwrap();
    let mut group = c.benchmark_group("corpus");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.bench_function("tag", |b| {
        b.iter(|| docs.iter().map(|d| tagger.tag(d).len()).sum::<usize>())
    });
    group.bench_function("tag_and_count_sentences", |b| {
        b.iter(|| {
            let mut counter = CooccurrenceCounter::new(Window::Sentence);
            for (i, d) in docs.iter().enumerate() {
                let n = normalize(d);
                counter.add_document(&i.to_string(), &n, &tagger.tag_normalized(&n));
            }
            counter.finish(tagger.gazetteer()).edge_count()
        })
    });
    group.finish();
}

criterion_group!(pipeline, benches);
criterion_main!(pipeline);
