//! nergraph turns a pile of news articles into a graph of who appears with whom.
//!
//! It finds mentions of people, organisations and countries with gazetteers (lists of names), links
//! the entities that are mentioned in the same sentence (or paragraph, document, or span of words),
//! and writes the weighted graph for Graphviz and for notebooks.
//!
//! # The pipeline
//!
//! Each stage is one module, used in this order:
//!
//! 0. [`corpus`]: find the inputs (files, folders, standard input) and read their documents one at
//!    a time: plain text, JSON Lines or CSV, gzipped or not.
//! 1. [`text`]: normalise the text for matching, keeping a map back to the original bytes, and split
//!    it into paragraphs and sentences.
//! 2. [`gazetteer`]: read and check the entity lists (built-in defaults plus your own files).
//! 3. [`tagger`]: find mentions with one Aho-Corasick automaton, word boundaries, case rules,
//!    negative phrases and in-document resolution of short names and acronyms.
//! 4. [`graph`]: count co-occurrences per window into a petgraph graph, and filter it.
//! 5. [`export`]: write node-link JSON and Graphviz DOT, atomically.
//!
//! [`pipeline`] runs stages 1 to 4 over batches of documents on all cores, with the same result as
//! one document after another.
//!
//! Two optional steps keep repeated text out of the counts: [`dedupe`] finds near-duplicate
//! documents (the same story republished with another headline or footer), and
//! [`text::boilerplate`] finds the lines that a source repeats in many of its documents (banners,
//! newsletter prompts, copyright notices).
//!
//! ```
//! use nergraph::export::{dot, json, Metadata};
//! use nergraph::gazetteer::GazetteerBuilder;
//! use nergraph::graph::{CooccurrenceCounter, GraphFilter, Window};
//! use nergraph::tagger::Tagger;
//! use nergraph::text::normalize;
//!
//! // 2. Gazetteer: the defaults plus a file of your own (here, from memory).
//! let mut builder = GazetteerBuilder::new();
//! builder.add_defaults()?;
//! builder.add_source("mine.tsv", "org:acme\tORG\tAcme Analytics\tAcme\n")?;
//! // 3. Tagger.
//! let tagger = Tagger::new(builder.build()?)?;
//!
//! // 1. Text, 3. mentions, 4. counts, one document at a time.
//! let text = "Britain\u{2019}s NCSC and Acme warned of Russian attacks. Acme declined to comment.";
//! let normalized = normalize(text);
//! let mentions = tagger.tag_normalized(&normalized);
//! let names: Vec<&str> = mentions.iter().map(|m| &text[m.span.clone()]).collect();
//! assert_eq!(names, ["Britain", "NCSC", "Acme", "Russian", "Acme"]);
//!
//! let mut counter = CooccurrenceCounter::new(Window::Sentence);
//! counter.add_document("example.txt", &normalized, &mentions);
//! let graph = counter.finish(tagger.gazetteer()).filtered(&GraphFilter::default());
//! assert_eq!((graph.node_count(), graph.edge_count()), (4, 6));
//!
//! // 5. Export.
//! let metadata = Metadata {
//!     nergraph_version: "example".into(),
//!     window: Window::Sentence.to_string(),
//!     documents: 1,
//!     gazetteers: tagger.gazetteer().sources().to_vec(),
//!     filter: GraphFilter::default(),
//! };
//! assert!(json::to_json(&graph, &metadata).contains("\"id\": \"org:ncsc\""));
//! assert!(dot::to_dot(&graph, &metadata).starts_with("graph nergraph {"));
//! # Ok::<(), nergraph::Error>(())
//! ```

#![deny(missing_docs)]

pub mod corpus;
pub mod dedupe;
pub mod error;
pub mod eval;
pub mod export;
pub mod gazetteer;
pub mod graph;
pub mod pipeline;
pub mod tagger;
pub mod text;

pub use error::{Error, Result};
