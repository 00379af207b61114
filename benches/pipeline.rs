//! Benchmarks of the pipeline stages: gazetteer compilation, tagging, and tagging plus counting.
//!
//! Run with `cargo bench --bench pipeline`. The text is the BBC news corpus from `../shared/corpus`
//! when it is present (as in the project's development and CI machines), else the sample corpus.
//! Throughput is reported in bytes of input text per second, on one thread.
//!
//! Two gazetteers are measured: the built-in defaults, and the defaults plus synthetic people and
//! organisations up to [`LARGE_ALIASES`] aliases, generated from a fixed seed (so every run and
//! every machine measures the same gazetteer). The synthetic names are built from the built-in
//! first names and invented surnames and company names, so they share prefixes with real names in
//! the text the way a large real gazetteer would.

#![allow(missing_docs)] // criterion_group! defines an undocumented function

use std::collections::HashSet;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use nergraph::gazetteer::{Gazetteer, GazetteerBuilder, FIRST_NAMES};
use nergraph::graph::{CooccurrenceCounter, Window};
use nergraph::tagger::Tagger;
use nergraph::text::normalize;

/// The number of aliases in the large gazetteer (defaults included).
const LARGE_ALIASES: usize = 100_000;

#[path = "common/text.rs"]
mod text;
use text::documents;

/// A small deterministic random number generator (SplitMix64).
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }

    /// An invented capitalised word of two or three syllables ("Karolin", "Threamund").
    fn word(&mut self) -> String {
        const ONSETS: &[&str] = &[
            "b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w",
            "z", "br", "ch", "cr", "dr", "gr", "kr", "pr", "sh", "st", "tr", "th",
        ];
        const VOWELS: &[&str] = &["a", "e", "i", "o", "u", "ai", "ea", "ou", "y"];
        const CODAS: &[&str] = &[
            "", "", "", "n", "r", "l", "s", "t", "m", "nd", "rk", "ll", "ng", "x",
        ];
        let mut word = String::new();
        for _ in 0..2 + self.next() % 2 {
            word.push_str(self.pick(ONSETS));
            word.push_str(self.pick(VOWELS));
        }
        word.push_str(self.pick(CODAS));
        word[..1].to_uppercase() + &word[1..]
    }
}

/// The defaults plus synthetic people ("<first name> <invented surname>", which also get a derived
/// surname) and organisations ("<invented word> <sector>" with an acronym) up to `aliases` aliases.
fn large_gazetteer(aliases: usize) -> GazetteerBuilder {
    const SECTORS: &[&str] = &[
        "Group",
        "Holdings",
        "Capital",
        "Partners",
        "Bank",
        "Mining",
        "Energy",
        "Airlines",
        "Foods",
        "Motors",
        "Systems",
        "Institute",
        "Foundation",
        "Trust",
        "Media",
        "Pharma",
        "Logistics",
        "Insurance",
        "Telecom",
        "Party",
    ];
    let first_names: Vec<&str> = FIRST_NAMES
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    let defaults = Gazetteer::defaults().unwrap();
    // Folded forms already claimed, so that no synthetic alias clashes with another one.
    let mut taken: HashSet<String> = defaults
        .aliases()
        .iter()
        .map(|a| a.text().to_lowercase())
        .collect();
    let mut rng = SplitMix(42);
    let mut rows = String::new();
    let mut count = defaults.aliases().len();
    let mut n = 0;
    while count < aliases {
        n += 1;
        if n % 3 != 0 {
            let name = format!("{} {}", rng.pick(&first_names), rng.word());
            if taken.insert(name.to_lowercase()) {
                rows.push_str(&format!("person:synthetic-{n}\tPERSON\t{name}\n"));
                count += 2; // the name and its derived surname
            }
            continue;
        }
        let stem = rng.word();
        let name = format!("{stem} {}", rng.pick(SECTORS));
        if !taken.insert(name.to_lowercase()) {
            continue;
        }
        let acronym: String = name
            .split(' ')
            .filter_map(|w| w.chars().next())
            .chain(stem[1..3].to_uppercase().chars())
            .collect();
        if taken.insert(acronym.to_lowercase()) {
            rows.push_str(&format!(
                "org:synthetic-{n}\tORG\t{name}\t{acronym} [acronym]\n"
            ));
            count += 2;
        } else {
            rows.push_str(&format!("org:synthetic-{n}\tORG\t{name}\n"));
            count += 1;
        }
    }
    let mut builder = GazetteerBuilder::new();
    builder.add_defaults().unwrap();
    builder.add_source("synthetic.tsv", &rows).unwrap();
    builder
}

fn benches(c: &mut Criterion) {
    let docs = documents();
    let bytes: usize = docs.iter().map(String::len).sum();
    let large = large_gazetteer(LARGE_ALIASES).build().unwrap();
    let tagger = Tagger::new(Gazetteer::defaults().unwrap()).unwrap();
    let large_tagger = Tagger::new(large.clone()).unwrap();
    for (name, t) in [("defaults", &tagger), ("large", &large_tagger)] {
        eprintln!(
            "{name}: {} aliases, compiled into {:.1} MiB",
            t.gazetteer().aliases().len(),
            t.memory_usage() as f64 / (1 << 20) as f64
        );
    }

    let mut group = c.benchmark_group("gazetteer");
    group.sample_size(10);
    group.bench_function("compile_defaults", |b| {
        b.iter(|| Tagger::new(Gazetteer::defaults().unwrap()).unwrap())
    });
    group.bench_function("build_large", |b| {
        b.iter_batched(
            || large_gazetteer(LARGE_ALIASES),
            |builder| builder.build().unwrap(),
            BatchSize::LargeInput,
        )
    });
    group.bench_function("compile_large", |b| {
        b.iter_batched(
            || large.clone(),
            |g| Tagger::new(g).unwrap(),
            BatchSize::LargeInput,
        )
    });
    group.finish();

    let mut group = c.benchmark_group("corpus");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.bench_function("tag", |b| {
        b.iter(|| docs.iter().map(|d| tagger.tag(d).len()).sum::<usize>())
    });
    group.bench_function("tag_large", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| large_tagger.tag(d).len())
                .sum::<usize>()
        })
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
