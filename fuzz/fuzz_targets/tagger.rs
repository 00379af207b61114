//! Tags arbitrary text with a fixed gazetteer that has every case rule and alias kind, and checks
//! the spans and that each mention's text is an alias of its entity.
//!
//! The checks live in `tests/support/fuzz_checks.rs`, shared with `tests/fuzz_regressions.rs`.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/support/fuzz_checks.rs"]
mod checks;

fuzz_target!(|data: &[u8]| checks::tagger(data));
