//! Running the `nergraph` binary from end-to-end tests, in a given folder and with the environment
//! variables that could change its output cleared. Included with `#[path]` by the test files that
//! need it.

#![allow(dead_code)] // each test file uses a part

use std::path::Path;

/// Environment variables that could change the binary's output or exit status.
pub const ENV_TO_CLEAR: &[&str] = &[
    "RUST_BACKTRACE",
    "RUST_LIB_BACKTRACE",
    "RUST_LOG",
    "COLUMNS",
    "LINES",
    "TERM",
    "CLICOLOR",
    "CLICOLOR_FORCE",
    "NO_COLOR",
    "LANG",
    "LANGUAGE",
    "LC_ALL",
    "LC_MESSAGES",
];

/// The binary as a std `Command`, running in `dir` with a cleaned environment.
pub fn process_in(dir: &Path) -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_nergraph"));
    cmd.current_dir(dir);
    for var in ENV_TO_CLEAR {
        cmd.env_remove(var);
    }
    cmd
}

/// The binary as an assert_cmd `Command`, running in `dir` with a cleaned environment.
pub fn nergraph_in(dir: &Path) -> assert_cmd::Command {
    assert_cmd::Command::from_std(process_in(dir))
}

/// The standard output of a finished run, which must be UTF-8.
pub fn stdout_of(output: &std::process::Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

/// The standard error of a finished run, which must be UTF-8.
pub fn stderr_of(output: &std::process::Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8")
}
