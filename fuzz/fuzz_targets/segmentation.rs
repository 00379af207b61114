//! Normalises arbitrary text and splits it into paragraphs and sentences: segments in bounds, on
//! char boundaries and in order, and the normalised text's offset map round-trips.
//!
//! The checks live in `tests/support/fuzz_checks.rs`, shared with `tests/fuzz_regressions.rs`.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/support/fuzz_checks.rs"]
mod checks;

fuzz_target!(|data: &[u8]| checks::segmentation(data));
