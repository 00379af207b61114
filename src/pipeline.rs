//! Stages 1 to 4 over a whole corpus: normalise, tag and count documents in parallel.
//!
//! A [`Pipeline`] takes documents in batches. Within a batch, documents are normalised, tagged and
//! counted on all the threads of rayon's pool, each in a [`CooccurrenceCounter`] of its own; the
//! counters are then merged in document order. Merging is exact (see
//! [`CooccurrenceCounter::merge`]), so the result is the same, byte for byte once exported, whatever
//! the number of threads. Memory holds one batch of documents at a time plus the counts, so it grows
//! with the size of the graph and the batch, not with the corpus.
//!
//! Two options keep repeated text out of the counts. With [`Pipeline::dedupe`], a document that is a
//! near-duplicate of an earlier one (a syndicated story) is tagged but not counted, so edges count
//! distinct stories; the detector keeps about 0.5 KB per distinct document, the one part of memory
//! that grows with the corpus. With [`Pipeline::boilerplate`], mentions inside the lines that a source
//! repeats in many documents (found in a first pass by a
//! [`BoilerplateCounter`](crate::text::BoilerplateCounter)) are dropped.
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
//! let mut pipeline = Pipeline::new(&tagger, Window::Sentence);
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
use crate::dedupe::{signature, DedupeConfig, Deduplicator};
use crate::graph::{CooccurrenceCounter, DocumentInfo, Window, DEFAULT_EVIDENCE};
use crate::tagger::{Mention, Tagger};
use crate::text::{normalize, BoilerplateFilter};

/// Tags and counts batches of documents in parallel. See the [module docs](self).
#[derive(Debug)]
pub struct Pipeline<'t> {
    tagger: &'t Tagger,
    window: Window,
    evidence_limit: usize,
    boilerplate: Option<&'t BoilerplateFilter>,
    deduplicator: Option<Deduplicator>,
    documents: usize,
}

/// The result of one batch.
#[derive(Debug)]
pub struct Counted {
    /// The batch's counts, to [merge](CooccurrenceCounter::merge) into the corpus's in order.
    pub counter: CooccurrenceCounter,
    /// The mentions of each document of the batch, in document order (without those in boilerplate
    /// lines).
    pub mentions: Vec<Vec<Mention>>,
    /// For each document of the batch, the number (counting from 0 over the whole run) of the
    /// earlier document it duplicates, when near-duplicate detection is on and it is a duplicate.
    /// Duplicates are left out of the counts.
    pub duplicate_of: Vec<Option<usize>>,
    /// Mentions dropped because they were inside boilerplate lines.
    pub boilerplate_mentions: usize,
}

impl<'t> Pipeline<'t> {
    /// A pipeline that tags with `tagger` and links entities within `window`.
    pub fn new(tagger: &'t Tagger, window: Window) -> Self {
        Pipeline {
            tagger,
            window,
            evidence_limit: DEFAULT_EVIDENCE,
            boilerplate: None,
            deduplicator: None,
            documents: 0,
        }
    }

    /// Sets how many windows of evidence each edge keeps.
    pub fn evidence_limit(mut self, limit: usize) -> Self {
        self.evidence_limit = limit;
        self
    }

    /// Drops the mentions inside the lines that `filter` finds to be boilerplate of the document's
    /// source (see [`crate::text::boilerplate`]).
    pub fn boilerplate(mut self, filter: &'t BoilerplateFilter) -> Self {
        self.boilerplate = Some(filter);
        self
    }

    /// Counts each story once: a document that is a near-duplicate of an earlier one (see
    /// [`crate::dedupe`]) is left out of the counts.
    pub fn dedupe(mut self, config: DedupeConfig) -> Self {
        self.deduplicator = Some(Deduplicator::new(config));
        self
    }

    /// The tagger in use.
    pub fn tagger(&self) -> &'t Tagger {
        self.tagger
    }

    /// The near-duplicate detector, when detection is on.
    pub fn deduplicator(&self) -> Option<&Deduplicator> {
        self.deduplicator.as_ref()
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

    /// Tags and counts `documents`, the next batch of the corpus, on rayon's thread pool; the result
    /// does not depend on the number of threads.
    pub fn run(&mut self, documents: &[Document]) -> Counted {
        let dedupe_config = self.deduplicator.as_ref().map(|d| d.config().clone());
        let this = &*self;
        let per_document: Vec<_> = documents
            .par_iter()
            .map(|doc| {
                let normalized = normalize(&doc.text);
                let mut mentions = this.tagger.tag_normalized(&normalized);
                let before = mentions.len();
                if let Some(filter) = this.boilerplate {
                    let lines = filter.lines(doc.source.as_deref(), &doc.text);
                    if !lines.is_empty() {
                        mentions.retain(|m| {
                            !lines
                                .iter()
                                .any(|l| l.start < m.span.end && m.span.start < l.end)
                        });
                    }
                }
                let dropped = before - mentions.len();
                let mut counter = this.counter();
                let info = DocumentInfo {
                    name: &doc.name,
                    date: doc.date.as_deref(),
                    source: doc.source.as_deref(),
                };
                counter.add(info, &normalized, &mentions);
                let signature = dedupe_config.as_ref().map(|c| signature(&doc.text, c));
                (counter, mentions, dropped, signature)
            })
            .collect();
        let mut counter = self.counter();
        let mut counted = Counted {
            counter: self.counter(),
            mentions: Vec::with_capacity(per_document.len()),
            duplicate_of: Vec::with_capacity(per_document.len()),
            boilerplate_mentions: 0,
        };
        for (c, m, dropped, signature) in per_document {
            let number = self.documents;
            self.documents += 1;
            let original = match (&mut self.deduplicator, signature) {
                (Some(deduplicator), Some(signature)) => deduplicator.insert(number, &signature),
                _ => None,
            };
            if original.is_none() {
                counter.merge(c);
            }
            counted.mentions.push(m);
            counted.duplicate_of.push(original);
            counted.boilerplate_mentions += dropped;
        }
        counted.counter = counter;
        counted
    }
}
