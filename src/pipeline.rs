//! Stages 1 to 4 over a whole corpus: normalise, tag and count documents in parallel.
//!
//! A [`Pipeline`] takes documents in batches. Within a batch, documents are normalised, tagged and
//! counted on all the threads of rayon's pool, each in a [`CooccurrenceCounter`] of its own; the
//! counters are then merged in document order. Merging is exact (see
//! [`CooccurrenceCounter::merge`]), so the result is the same, byte for byte once exported, whatever
//! the number of threads. Memory holds one batch of documents at a time plus the counts, so it grows
//! with the size of the graph and the batch, not with the corpus.
//!
//! ```
//! use nergraph::corpus::Document;
//! use nergraph::gazetteer::GazetteerBuilder;
//! use nergraph::graph::{CooccurrenceCounter, Window};
//! use nergraph::pipeline::Pipeline;
//! use nergraph::tagger::Tagger;
//!
//! let mut builder = GazetteerBuilder::new();
//! builder.add_source("demo.tsv", "country:RU\tCOUNTRY\tRussia\ncountry:GB\tCOUNTRY\tUnited Kingdom\tUK\n")?;
//! let tagger = Tagger::new(builder.build()?)?;
//! let pipeline = Pipeline::new(&tagger, Window::Sentence);
//! let mut total = pipeline.counter();
//! let batch = vec![Document {
//!     name: "a.txt".into(),
//!     text: "Russia and the UK met.".into(),
//!     date: None,
//!     source: None,
//! }];
//! let counted = pipeline.run(&batch);
//! total.merge(counted.counter);
//! assert_eq!(counted.mentions[0].len(), 2);
//! assert_eq!(total.finish(tagger.gazetteer()).edge_count(), 1);
//! # Ok::<(), nergraph::Error>(())
//! ```

use rayon::prelude::*;

use crate::corpus::Document;
use crate::graph::{CooccurrenceCounter, DocumentInfo, Window, DEFAULT_EVIDENCE};
use crate::tagger::{Mention, Tagger};
use crate::text::normalize;

/// Tags and counts batches of documents in parallel. See the [module docs](self).
#[derive(Debug, Clone, Copy)]
pub struct Pipeline<'t> {
    tagger: &'t Tagger,
    window: Window,
    evidence_limit: usize,
}

/// The result of one batch.
#[derive(Debug)]
pub struct Counted {
    /// The batch's counts, to [merge](CooccurrenceCounter::merge) into the corpus's in order.
    pub counter: CooccurrenceCounter,
    /// The mentions of each document of the batch, in document order.
    pub mentions: Vec<Vec<Mention>>,
}

impl<'t> Pipeline<'t> {
    /// A pipeline that tags with `tagger` and links entities within `window`.
    pub fn new(tagger: &'t Tagger, window: Window) -> Self {
        Pipeline {
            tagger,
            window,
            evidence_limit: DEFAULT_EVIDENCE,
        }
    }

    /// Sets how many windows of evidence each edge keeps.
    pub fn evidence_limit(mut self, limit: usize) -> Self {
        self.evidence_limit = limit;
        self
    }

    /// The tagger in use.
    pub fn tagger(&self) -> &'t Tagger {
        self.tagger
    }

    /// An empty counter with this pipeline's settings, to merge batches into.
    pub fn counter(&self) -> CooccurrenceCounter {
        CooccurrenceCounter::new(self.window).evidence_limit(self.evidence_limit)
    }

    /// Tags `documents` on rayon's thread pool, without counting: the mentions of each, in order.
    pub fn tag(&self, documents: &[Document]) -> Vec<Vec<Mention>> {
        documents
            .par_iter()
            .map(|doc| self.tagger.tag(&doc.text))
            .collect()
    }

    /// Tags and counts `documents` on rayon's thread pool; the result does not depend on the
    /// number of threads.
    pub fn run(&self, documents: &[Document]) -> Counted {
        let per_document: Vec<(CooccurrenceCounter, Vec<Mention>)> = documents
            .par_iter()
            .map(|doc| {
                let normalized = normalize(&doc.text);
                let mentions = self.tagger.tag_normalized(&normalized);
                let mut counter = self.counter();
                let info = DocumentInfo {
                    name: &doc.name,
                    date: doc.date.as_deref(),
                    source: doc.source.as_deref(),
                };
                counter.add(info, &normalized, &mentions);
                (counter, mentions)
            })
            .collect();
        let mut counter = self.counter();
        let mut mentions = Vec::with_capacity(per_document.len());
        for (c, m) in per_document {
            counter.merge(c);
            mentions.push(m);
        }
        Counted { counter, mentions }
    }
}
