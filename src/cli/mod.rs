//! Command-line definition and dispatch.

mod args;
mod build;
mod common;
mod eval;
mod gazetteer;
mod merge;
mod progress;
mod render;
mod tag;

use std::process::ExitCode;

use clap::Parser;

pub use args::{Cli, Command};

/// Exit status: success.
pub const EXIT_OK: u8 = 0;
/// Exit status: the run failed (bad input, gazetteer error, unwritable output).
pub const EXIT_ERROR: u8 = 1;
/// Exit status: the command line is wrong (clap uses 2 as well).
pub const EXIT_USAGE: u8 = 2;
/// Exit status: the data files were written, but the picture could not be drawn (no Graphviz).
pub const EXIT_NO_IMAGE: u8 = 3;
/// Exit status: stopped by Ctrl-C (128 + SIGINT, as shells report it).
pub const EXIT_INTERRUPTED: u8 = 130;

/// Parses the command line, runs the command and turns its outcome into an exit status.
pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { EXIT_USAGE } else { EXIT_OK });
        }
    };
    let quiet = match &cli.command {
        Command::Tag(args) => args.run.quiet,
        Command::Build(args) => args.run.quiet,
        _ => false,
    };
    common::init_info(quiet);
    common::catch_interrupts();
    let result = match cli.command {
        Command::Tag(args) => tag::run(args),
        Command::Build(args) => build::run(args),
        Command::Gazetteer(args) => gazetteer::run(args),
        Command::Merge(args) => merge::run(args),
        Command::Render(args) => render::run(args),
        Command::Eval(args) => eval::run(args),
    };
    match result {
        Ok(()) => ExitCode::from(EXIT_OK),
        Err(e) if is_broken_pipe(&e) => ExitCode::from(EXIT_OK),
        Err(e) if e.downcast_ref::<common::Interrupted>().is_some() => {
            eprintln!("nergraph: {e}");
            ExitCode::from(EXIT_INTERRUPTED)
        }
        Err(e) if e.downcast_ref::<common::ImageMissing>().is_some() => {
            eprintln!("nergraph: warning: {e}");
            ExitCode::from(EXIT_NO_IMAGE)
        }
        Err(e) => {
            let usage = e.downcast_ref::<common::UsageError>().is_some();
            eprintln!("nergraph: error: {e:#}");
            ExitCode::from(if usage { EXIT_USAGE } else { EXIT_ERROR })
        }
    }
}

/// Whether the error is a closed output pipe (`nergraph tag ... | head`), which is not a failure.
fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        let io = cause.downcast_ref::<std::io::Error>().or_else(|| {
            cause
                .downcast_ref::<nergraph::Error>()
                .and_then(nergraph::Error::io_error)
        });
        io.is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
