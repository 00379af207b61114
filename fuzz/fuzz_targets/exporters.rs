//! Exports a graph with arbitrary ids, names and evidence to JSON, GraphML, GEXF, DOT and CSV, and
//! reads every output back. With `NERGRAPH_FUZZ_SVG=1` (and Graphviz installed) it also draws each
//! graph as SVG and parses the picture, at a few dozen inputs a second.
//!
//! The checks live in `tests/support/fuzz_checks.rs`, shared with `tests/fuzz_regressions.rs`.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/support/fuzz_checks.rs"]
mod checks;

fuzz_target!(|data: &[u8]| {
    checks::exporters(data);
    if std::env::var_os("NERGRAPH_FUZZ_SVG").is_some() {
        checks::exporters_svg(data);
    }
});
