//! Stage 0: corpus. Finds the documents to read and reads them as text.
//!
//! Inputs are files, folders (searched recursively for `.txt` and `.md` files, in name order, so the
//! result does not depend on how the operating system lists a folder) and `-` for standard input.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// File extensions read when searching a folder.
pub const TEXT_EXTENSIONS: &[&str] = &["txt", "md"];

/// Where a document comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Standard input, named `-`.
    Stdin,
    /// A file.
    File(PathBuf),
}

impl Source {
    /// The document's name in outputs: the path as given (or found in a folder), or `-`.
    pub fn name(&self) -> String {
        match self {
            Source::Stdin => "-".to_owned(),
            Source::File(path) => path.display().to_string(),
        }
    }
}

/// A document read as text.
#[derive(Debug, Clone)]
pub struct Document {
    /// The document's name (see [`Source::name`]).
    pub name: String,
    /// Its text, exactly as read.
    pub text: String,
    /// The day it was published, as `YYYY-MM-DD`, when the input records one.
    pub date: Option<String>,
    /// The outlet or site it comes from, when the input records one.
    pub source: Option<String>,
}

/// Expands the inputs a user gave into the documents to read, in a deterministic order.
///
/// A missing path is an error. A folder without `.txt` or `.md` files gives a warning through `warn`.
pub fn discover(inputs: &[PathBuf], mut warn: impl FnMut(String)) -> Result<Vec<Source>> {
    let mut sources = Vec::new();
    for input in inputs {
        if input.as_os_str() == "-" {
            sources.push(Source::Stdin);
            continue;
        }
        let meta = std::fs::metadata(input).map_err(|e| Error::io(input, e))?;
        if !meta.is_dir() {
            sources.push(Source::File(input.clone()));
            continue;
        }
        let before = sources.len();
        let walker = walkdir::WalkDir::new(input)
            .follow_links(true)
            .sort_by_file_name();
        for entry in walker {
            let entry = entry.map_err(|e| walk_error(input, e))?;
            if entry.file_type().is_file() && has_text_extension(entry.path()) {
                sources.push(Source::File(entry.into_path()));
            }
        }
        if sources.len() == before {
            warn(format!(
                "{}: no .txt or .md files in this folder",
                input.display()
            ));
        }
    }
    Ok(sources)
}

fn has_text_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| TEXT_EXTENSIONS.iter().any(|t| t.eq_ignore_ascii_case(e)))
}

fn walk_error(input: &Path, error: walkdir::Error) -> Error {
    let path = error.path().unwrap_or(input).to_owned();
    if let Some(ancestor) = error.loop_ancestor() {
        return Error::Input {
            path,
            message: format!("symbolic link loop back to {}", ancestor.display()),
        };
    }
    match error.into_io_error() {
        Some(io) => Error::io(path, io),
        None => Error::Input {
            path,
            message: "cannot be read".into(),
        },
    }
}

/// Reads a source as UTF-8 text.
///
/// Text that is not valid UTF-8, or that holds NUL bytes (a sign of a binary file), gives
/// [`Error::NotText`], which callers may turn into a warning.
pub fn read(source: &Source) -> Result<Document> {
    let (name, bytes) = match source {
        Source::Stdin => {
            let mut bytes = Vec::new();
            std::io::stdin()
                .lock()
                .read_to_end(&mut bytes)
                .map_err(|e| Error::io("-", e))?;
            ("-".to_owned(), bytes)
        }
        Source::File(path) => (
            source.name(),
            std::fs::read(path).map_err(|e| Error::io(path, e))?,
        ),
    };
    let text = decode(&name, bytes)?;
    Ok(Document {
        name,
        text,
        date: None,
        source: None,
    })
}

/// Checks that `bytes` are text and turns them into a `String`.
pub fn decode(name: &str, bytes: Vec<u8>) -> Result<String> {
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Err(Error::NotText {
            path: name.into(),
            reason: format!("looks binary (NUL byte at offset {at})"),
        });
    }
    String::from_utf8(bytes).map_err(|e| Error::NotText {
        path: name.into(),
        reason: format!(
            "not valid UTF-8 (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_rejects_binary_and_invalid_utf8() {
        assert_eq!(decode("a", b"plain".to_vec()).unwrap(), "plain");
        let err = decode("a.txt", b"ab\0cd".to_vec()).unwrap_err().to_string();
        assert_eq!(err, "a.txt: looks binary (NUL byte at offset 2)");
        let err = decode("b.txt", vec![b'o', b'k', 0xff])
            .unwrap_err()
            .to_string();
        assert_eq!(err, "b.txt: not valid UTF-8 (invalid byte at offset 2)");
    }

    #[test]
    fn discover_sorts_and_filters_folders() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["b.txt", "a.md", "c.csv", "sub/z.TXT", "sub/y.bin"] {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "x").unwrap();
        }
        let sources = discover(&[dir.path().to_owned()], |_| {}).unwrap();
        let names: Vec<String> = sources
            .iter()
            .map(|s| match s {
                Source::File(p) => p.strip_prefix(dir.path()).unwrap().display().to_string(),
                Source::Stdin => "-".into(),
            })
            .collect();
        assert_eq!(names, ["a.md", "b.txt", "sub/z.TXT"]);
    }

    #[test]
    fn discover_warns_on_empty_folders_and_fails_on_missing_paths() {
        let dir = tempfile::tempdir().unwrap();
        let mut warnings = Vec::new();
        let sources = discover(&[dir.path().to_owned()], |w| warnings.push(w)).unwrap();
        assert!(sources.is_empty());
        assert!(warnings[0].ends_with("no .txt or .md files in this folder"));
        let missing = dir.path().join("missing");
        let err = discover(std::slice::from_ref(&missing), |_| {})
            .unwrap_err()
            .to_string();
        assert!(err.starts_with(&missing.display().to_string()), "{err}");
    }
}
