//! Reads arbitrary text as a gazetteer source, builds it and compiles a tagger: never a panic, and
//! every error names the source and a line in it.
//!
//! The checks live in `tests/support/fuzz_checks.rs`, shared with `tests/fuzz_regressions.rs`.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/support/fuzz_checks.rs"]
mod checks;

fuzz_target!(|data: &[u8]| checks::gazetteer_parser(data));
