//! The library's error type.

use std::path::PathBuf;

/// Everything that can go wrong in the library.
///
/// Messages say where the problem is: a path, and a line number for gazetteer files and for records
/// of JSON Lines and CSV inputs.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A gazetteer line is malformed or contradicts another one.
    #[error("{source_name}:{line}: {message}")]
    Gazetteer {
        /// The file (or built-in source) the line comes from.
        source_name: String,
        /// The 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// A file or folder could not be read or written.
    #[error("{}: {error}", path.display())]
    Io {
        /// The path involved.
        path: PathBuf,
        /// The underlying error (part of the message, so not repeated as a source).
        error: std::io::Error,
    },
    /// An input cannot be used (not UTF-8, binary, missing, a loop...).
    #[error("{}: {message}", path.display())]
    Input {
        /// The input path as given.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// An input is not text (binary, or not valid UTF-8); callers usually skip it with a warning.
    #[error("{}: {reason}", path.display())]
    NotText {
        /// The input's name.
        path: PathBuf,
        /// Why it is not text.
        reason: String,
    },
    /// A record (a JSON line, a CSV row) cannot be read as a document; callers usually skip it with a
    /// warning.
    #[error("{}:{line}: {message}", path.display())]
    Record {
        /// The input's name.
        path: PathBuf,
        /// The 1-based line where the record starts.
        line: u64,
        /// What is wrong.
        message: String,
    },
    /// One field of a record is malformed (a date that is not a date, say); the document is still
    /// read, without that field, and callers usually warn about it.
    #[error("{}:{line}: field {field:?}: {message}", path.display())]
    Field {
        /// The input's name.
        path: PathBuf,
        /// The 1-based line where the record starts.
        line: u64,
        /// The field as configured (`date`, `meta.source`, a CSV column name).
        field: String,
        /// What is wrong.
        message: String,
    },
    /// A gzip-compressed input is corrupt or truncated; documents read before the damage are kept.
    #[error("{}: not valid gzip data ({reason})", path.display())]
    Gzip {
        /// The input's name.
        path: PathBuf,
        /// What the decompressor reported.
        reason: String,
    },
    /// A setting is out of range or malformed.
    #[error("{0}")]
    Config(String),
    /// Graphviz's `dot` program is not installed (not on `PATH`).
    #[error("Graphviz is not installed: {}", crate::export::render::INSTALL_HINT)]
    GraphvizMissing,
    /// Graphviz failed to draw a graph.
    #[error("Graphviz failed: {0}")]
    Graphviz(String),
    /// Building the tagger's automaton failed.
    #[error("cannot build the matcher: {0}")]
    Automaton(aho_corasick::BuildError),
}

impl Error {
    /// Builds an [`Error::Io`] for `path`.
    pub fn io(path: impl Into<PathBuf>, error: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            error,
        }
    }

    /// Whether the error is about the contents of one input or record (not text, a malformed record or
    /// field, corrupt gzip data), so that a caller may warn and go on instead of stopping.
    pub fn is_skippable(&self) -> bool {
        matches!(
            self,
            Error::NotText { .. } | Error::Record { .. } | Error::Field { .. } | Error::Gzip { .. }
        )
    }

    /// The underlying I/O error, if there is one (to tell a closed pipe from other failures).
    pub fn io_error(&self) -> Option<&std::io::Error> {
        match self {
            Error::Io { error, .. } => Some(error),
            _ => None,
        }
    }
}

impl From<aho_corasick::BuildError> for Error {
    fn from(error: aho_corasick::BuildError) -> Self {
        Error::Automaton(error)
    }
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
