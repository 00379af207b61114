//! Benchmarks of the graph pass alone, on mentions tagged beforehand: counting co-occurrences,
//! merging per-document counters as the parallel pipeline does, and finishing the graph (association
//! measures and communities).
//!
//! Run with `cargo bench --bench graph`. The text is the BBC news corpus from `../shared/corpus` when
//! it is present, else the sample corpus, cut into documents of about 2 KB. Throughput is in bytes of
//! the documents' text.

#![allow(missing_docs)] // criterion_group! defines an undocumented function

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use nergraph::gazetteer::Gazetteer;
use nergraph::graph::{CooccurrenceCounter, Window};
use nergraph::tagger::{Mention, Tagger};
use nergraph::text::normalize;

#[path = "common/text.rs"]
mod text;
use text::documents;

fn benches(c: &mut Criterion) {
    let docs = documents();
    let bytes: usize = docs.iter().map(String::len).sum();
    let tagger = Tagger::new(Gazetteer::defaults().unwrap()).unwrap();
    let tagged: Vec<(nergraph::text::NormalizedText<'_>, Vec<Mention>)> = docs
        .iter()
        .map(|d| {
            let n = normalize(d);
            let m = tagger.tag_normalized(&n);
            (n, m)
        })
        .collect();
    let count = |window: Window| {
        let mut counter = CooccurrenceCounter::new(window);
        for (i, (n, m)) in tagged.iter().enumerate() {
            counter.add_document(&i.to_string(), n, m);
        }
        counter
    };

    let mut group = c.benchmark_group("graph");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.bench_function("count_sentences", |b| {
        b.iter(|| count(Window::Sentence).size())
    });
    group.bench_function("count_per_document_and_merge", |b| {
        b.iter(|| {
            let mut total = CooccurrenceCounter::new(Window::Sentence);
            for (i, (n, m)) in tagged.iter().enumerate() {
                let mut one = CooccurrenceCounter::new(Window::Sentence);
                one.add_document(&i.to_string(), n, m);
                total.merge(one);
            }
            total.size()
        })
    });
    group.finish();

    let mut group = c.benchmark_group("graph");
    group.sample_size(10);
    group.bench_function("finish", |b| {
        b.iter_batched(
            || count(Window::Sentence),
            |counter| counter.finish(tagger.gazetteer()).edge_count(),
            criterion::BatchSize::LargeInput,
        )
    });
    group.finish();
}

criterion_group!(graph, benches);
criterion_main!(graph);
