//! The `nergraph` command: argument parsing and glue over the library.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::run()
}
