//! Benchmarks of near-duplicate detection and boilerplate counting on real news text.
//!
//! Run with `cargo bench --bench dedupe`. The texts are the corpora in `../shared/corpus` (present
//! on the project's development and CI machines): the BBC articles for MinHash signatures and
//! insertion, the hard-wrapped Reuters newswires for boilerplate lines. Without them the benchmarks
//! are skipped with a message. Before measuring, the benchmark prints what the two methods find on
//! these corpora with the default settings.

#![allow(missing_docs)] // criterion_group! defines an undocumented function

use std::collections::BTreeMap;
use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use nergraph::dedupe::{signature, DedupeConfig, Deduplicator, Signature};
use nergraph::text::{BoilerplateConfig, BoilerplateCounter};
use rayon::prelude::*;

const CORPUS: &str = "../shared/corpus";

/// The texts of the BBC articles (train, validation and test files), or `None` without the corpus.
fn bbc() -> Option<Vec<String>> {
    let mut texts = Vec::new();
    for file in ["train.csv", "val.csv", "test.csv"] {
        let path = Path::new(CORPUS).join("bbc-news").join(file);
        let mut reader = csv::Reader::from_path(&path).ok()?;
        for record in reader.records() {
            texts.push(record.ok()?.get(0)?.to_owned());
        }
    }
    Some(texts)
}

/// The texts of the Reuters newswires, or `None` without the corpus.
fn reuters() -> Option<Vec<String>> {
    let path = Path::new(CORPUS).join("reuters21578/reuters21578_text.jsonl");
    let data = std::fs::read_to_string(path).ok()?;
    data.lines()
        .map(|line| {
            let value: serde_json::Value = serde_json::from_str(line).ok()?;
            Some(value.get("text")?.as_str()?.to_owned())
        })
        .collect()
}

fn total_bytes(texts: &[String]) -> u64 {
    texts.iter().map(|t| t.len() as u64).sum()
}

fn report_duplicates(texts: &[String], signatures: &[Signature]) {
    let mut dedupe = Deduplicator::new(DedupeConfig::default());
    for (doc, sig) in signatures.iter().enumerate() {
        dedupe.insert(doc, sig);
    }
    let groups = dedupe.groups();
    eprintln!(
        "BBC: {} articles, {} MB; {} originals, {} duplicates in {} groups",
        texts.len(),
        total_bytes(texts) / 1_000_000,
        dedupe.originals(),
        dedupe.duplicates(),
        groups.len()
    );
    let identical = groups
        .iter()
        .flat_map(|g| g.duplicates.iter().map(move |&d| (g.original, d)))
        .filter(|&(o, d)| texts[o] == texts[d])
        .count();
    eprintln!("BBC: {identical} of the duplicates are identical to their original");
}

/// Memory per original, measured on distinct synthetic documents of 30 words.
fn report_memory() {
    let config = DedupeConfig::default();
    let mut dedupe = Deduplicator::new(config.clone());
    let originals = 300_000;
    let signatures: Vec<Signature> = (0..originals)
        .into_par_iter()
        .map(|doc| {
            let words: Vec<String> = (0..30).map(|w| format!("d{doc}w{w}")).collect();
            signature(&words.join(" "), &config)
        })
        .collect();
    let mut low = usize::MAX;
    let mut high = 0usize;
    for (doc, sig) in signatures.iter().enumerate() {
        dedupe.insert(doc, sig);
        if doc >= 1000 {
            let per = dedupe.heap_bytes() / (doc + 1);
            low = low.min(per);
            high = high.max(per);
        }
    }
    eprintln!(
        "memory: {} originals in {:.1} MB, {} bytes each; between {low} and {high} bytes each \
         while growing",
        dedupe.originals(),
        dedupe.heap_bytes() as f64 / 1e6,
        dedupe.heap_bytes() / dedupe.originals()
    );
}

fn report_boilerplate(texts: &[String], setting: &str, config: BoilerplateConfig) {
    let mut counter = BoilerplateCounter::new(config);
    for text in texts {
        counter.add_document(None, text);
    }
    let occurrences = counter.occurrences();
    let filter = counter.finish();
    let mut lines: BTreeMap<&str, usize> = BTreeMap::new();
    let mut flagged_docs = 0;
    for text in texts {
        let ranges = filter.lines(None, text);
        flagged_docs += usize::from(!ranges.is_empty());
        for range in ranges {
            *lines.entry(&text[range]).or_default() += 1;
        }
    }
    let mut frequent: Vec<(&str, usize)> = lines.iter().map(|(&l, &n)| (l, n)).collect();
    frequent.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    frequent.truncate(4);
    eprintln!(
        "Reuters as one source, {setting}: {} stories, {occurrences} line occurrences counted, \
         load {:.3}, threshold {} documents; {} boilerplate lines ({} distinct) in {flagged_docs} \
         stories; most frequent: {frequent:?}",
        texts.len(),
        filter.load(),
        filter.threshold(None),
        lines.values().sum::<usize>(),
        lines.len(),
    );
}

fn benches(c: &mut Criterion) {
    let (Some(bbc), Some(reuters)) = (bbc(), reuters()) else {
        eprintln!(
            "skipping the dedupe benchmarks: no corpus at {CORPUS} (run from the project root)"
        );
        return;
    };
    let config = DedupeConfig::default();
    let signatures: Vec<Signature> = bbc.par_iter().map(|t| signature(t, &config)).collect();
    report_duplicates(&bbc, &signatures);
    report_boilerplate(&reuters, "defaults", BoilerplateConfig::default());
    let no_share = BoilerplateConfig::builder()
        .min_fraction(0.0)
        .build()
        .unwrap();
    report_boilerplate(&reuters, "no minimum share", no_share);
    report_memory();

    let mut group = c.benchmark_group("dedupe");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(total_bytes(&bbc)));
    group.bench_function("signature", |b| {
        b.iter(|| {
            bbc.iter()
                .map(|t| signature(t, &config).len())
                .sum::<usize>()
        })
    });
    group.bench_function("signature_parallel", |b| {
        b.iter(|| {
            bbc.par_iter()
                .map(|t| signature(t, &config).len())
                .sum::<usize>()
        })
    });
    group.throughput(Throughput::Elements(signatures.len() as u64));
    group.bench_function("insert", |b| {
        b.iter(|| {
            let mut dedupe = Deduplicator::new(config.clone());
            for (doc, sig) in signatures.iter().enumerate() {
                dedupe.insert(doc, sig);
            }
            dedupe.duplicates()
        })
    });
    group.finish();

    let mut group = c.benchmark_group("boilerplate");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(total_bytes(&reuters)));
    group.bench_function("count", |b| {
        b.iter(|| {
            let mut counter = BoilerplateCounter::new(BoilerplateConfig::default());
            for text in &reuters {
                counter.add_document(None, text);
            }
            counter.occurrences()
        })
    });
    let mut counter = BoilerplateCounter::new(BoilerplateConfig::default());
    for text in &reuters {
        counter.add_document(None, text);
    }
    let filter = counter.finish();
    group.bench_function("lines", |b| {
        b.iter(|| {
            reuters
                .iter()
                .map(|t| filter.lines(None, t).len())
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(dedupe, benches);
criterion_main!(dedupe);
