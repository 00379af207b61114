//! Stage 1: text. Normalisation for matching, and segmentation into paragraphs, sentences and words.
//!
//! Nothing in this stage changes what a user sees: [`normalize`] folds typographic variants so that
//! aliases match, and keeps a record of every change so that spans found in the
//! normalised text are reported in the original bytes. Segmentation works on the normalised text.
//! [`boilerplate`] finds the lines that a source repeats in many of its documents (banners, footers),
//! whose mentions should not count.

pub mod boilerplate;
pub(crate) mod lanes;
mod normalize;
mod segment;

pub use boilerplate::{
    BoilerplateConfig, BoilerplateConfigBuilder, BoilerplateCounter, BoilerplateFilter,
};
pub use normalize::{fold_case, fold_char_case, normalize, NormalizedText};
pub use segment::{
    count_words, is_word_char, paragraphs, sentences, Segment, CALENDAR_WORDS, SENTENCE_OPENERS,
};
