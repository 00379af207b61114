//! nergraph turns news articles into a graph of who appears with whom.
#![deny(missing_docs)]
pub mod corpus;
pub mod error;
pub mod gazetteer;
pub mod graph;
pub mod tagger;
pub mod text;
pub use error::{Error, Result};
pub mod export;
