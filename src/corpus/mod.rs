//! Stage 0: corpus. Finds the documents to read and reads them, one at a time.
//!
//! # Inputs
//!
//! An input is a file, a folder or `-` for standard input. [`discover`] expands folders recursively
//! into the files of the formats below, in name order, so the result does not depend on how the
//! operating system lists a folder. [`open`] then reads one input lazily: [`Documents`] yields one
//! document at a time, and JSON Lines and CSV inputs are read one record at a time from a buffer,
//! so memory does not grow with the size of a file.
//!
//! # Formats
//!
//! The format comes from the file name, or from [`ReadOptions::format`] for every input (standard
//! input is text unless a format is given):
//!
//! | format | extensions | documents |
//! |---|---|---|
//! | [`Format::Text`] | `.txt`, `.md` (and any file named explicitly whose extension is not below) | the whole input is one document, named by its path |
//! | [`Format::Jsonl`] | `.jsonl`, `.ndjson` | one per line, a JSON object |
//! | [`Format::Csv`] | `.csv` | one per row after a header row, comma-separated |
//! | [`Format::Tsv`] | `.tsv` | the same, tab-separated |
//!
//! Each of these may be gzip-compressed, with `.gz` appended (`news.jsonl.gz`); so may a text file
//! named explicitly (`notes.gz`). Folders are searched for all of them except `.tsv` files, which
//! are read only when named (or when [`ReadOptions::format`] is [`Format::Tsv`]) because a folder of
//! `.tsv` files is more often a folder of gazetteers.
//!
//! # Records
//!
//! A JSON Lines or CSV record gives its document through the [`Fields`] named in the options (by
//! default `text`, `id`, `date` and `source`):
//!
//! - the **text** must be a string, kept exactly as decoded; span offsets point into it. A record with
//!   an empty or blank text is skipped without a warning (feeds often hold articles without a body).
//! - the **name** is the id, a string or a number, trimmed; without one it is `INPUT:LINE`.
//! - the **date** keeps the `YYYY-MM-DD` that the value starts with (`2024-03-05`,
//!   `2024-03-05T10:00:00Z`, `2024-03-05 10:00`).
//! - the **source** (the outlet) is a string or a number, trimmed.
//!
//! In JSON, a field name is first looked up as a key, then as a dotted path through nested objects
//! (`meta.source`). In CSV it names a header column. Text documents have no date and no source.
//!
//! # Errors
//!
//! Keep calling [`Documents::next`] until it gives `None`: each error concerns one thing, and
//! reading goes on after it when it can.
//!
//! - [`Error::Record`] (`path:line: ...`): a record cannot be read (not valid JSON, not an object, no
//!   usable text, a CSV row with the wrong number of fields, invalid UTF-8); it is skipped. A CSV
//!   header without the text column is reported the same way (line 1), and nothing follows it.
//! - [`Error::Field`]: an optional field is malformed (a date that is not one, an id that is an
//!   object); the document comes next, without that field.
//! - [`Error::NotText`]: a text input is binary or not UTF-8; nothing is read from it.
//! - [`Error::Gzip`]: compressed data is corrupt or cut short; the documents before the damage were
//!   given, nothing follows.
//! - [`Error::Io`]: the input cannot be read; nothing follows.
//!
//! [`Error::is_skippable`] tells the first four, which callers usually report as warnings, from
//! the last.
//!
//! ```
//! use nergraph::corpus::{Documents, Fields, Format};
//!
//! let input = concat!(
//!     r#"{"id": "a1", "text": "Russia and the UK met.", "date": "2024-03-05T10:00:00Z"}"#, "\n",
//!     r#"{"text": "No id here.", "source": "Wire"}"#, "\n",
//!     r#"{"text": 12}"#, "\n",
//! );
//! let mut docs = Documents::from_reader("news.jsonl", input.as_bytes(), Format::Jsonl, &Fields::default());
//! let first = docs.next().unwrap()?;
//! assert_eq!((first.name.as_str(), first.date.as_deref()), ("a1", Some("2024-03-05")));
//! let second = docs.next().unwrap()?;
//! assert_eq!((second.name.as_str(), second.source.as_deref()), ("news.jsonl:2", Some("Wire")));
//! let error = docs.next().unwrap().unwrap_err();
//! assert_eq!(error.to_string(), "news.jsonl:3: text field \"text\" is a number, not a string");
//! assert!(docs.next().is_none());
//! # Ok::<(), nergraph::Error>(())
//! ```

mod csv;
mod jsonl;
mod record;

use std::collections::VecDeque;
use std::fmt;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

use flate2::read::MultiGzDecoder;

use crate::error::{Error, Result};

/// How an input's bytes are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Plain text: the whole input is one document.
    Text,
    /// JSON Lines: one JSON object, one document, per line.
    Jsonl,
    /// Comma-separated values with a header row: one document per row.
    Csv,
    /// Tab-separated values with a header row: one document per row.
    Tsv,
}

impl Format {
    /// Every format, in the order of the table in the [module docs](self).
    pub const ALL: [Format; 4] = [Format::Text, Format::Jsonl, Format::Csv, Format::Tsv];

    /// The file extensions of the format, without the dot and before any `.gz`.
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            Format::Text => &["txt", "md"],
            Format::Jsonl => &["jsonl", "ndjson"],
            Format::Csv => &["csv"],
            Format::Tsv => &["tsv"],
        }
    }

    /// The format an extension (without the dot, any case) stands for.
    pub fn from_extension(extension: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| {
            f.extensions()
                .iter()
                .any(|e| e.eq_ignore_ascii_case(extension))
        })
    }

    /// The format a file name stands for, by its extension after removing a `.gz` one
    /// (`a.jsonl.gz` is JSON Lines); `None` for other names.
    ///
    /// ```
    /// use nergraph::corpus::Format;
    /// use std::path::Path;
    ///
    /// assert_eq!(Format::from_path(Path::new("news/a.NDJSON.gz")), Some(Format::Jsonl));
    /// assert_eq!(Format::from_path(Path::new("b.md")), Some(Format::Text));
    /// assert_eq!(Format::from_path(Path::new("c.gz")), None);
    /// ```
    pub fn from_path(path: &Path) -> Option<Format> {
        let inner = if is_gzip(path) {
            Path::new(path.file_stem()?)
        } else {
            path
        };
        Format::from_extension(inner.extension()?.to_str()?)
    }

    /// The name used in messages and on the command line (`text`, `jsonl`, `csv`, `tsv`).
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Jsonl => "jsonl",
            Format::Csv => "csv",
            Format::Tsv => "tsv",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Whether a file name ends in `.gz` (any case), so that its contents are gzip-compressed.
pub fn is_gzip(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("gz"))
}

/// The fields (JSON Lines) or header columns (CSV) that records are read from.
///
/// See the [module docs](self) for what each must hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fields {
    /// The article's text (default `text`); a record without it is skipped.
    pub text: String,
    /// Its identifier, used as the document's name (default `id`).
    pub id: String,
    /// Its publication date (default `date`).
    pub date: String,
    /// The outlet or site it comes from (default `source`).
    pub source: String,
}

impl Default for Fields {
    fn default() -> Self {
        Fields {
            text: "text".into(),
            id: "id".into(),
            date: "date".into(),
            source: "source".into(),
        }
    }
}

/// How to find and read inputs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// The format of every input, or `None` (the default) to choose by file name; standard input is
    /// then text. With a format, folders are searched for that format's files only.
    pub format: Option<Format>,
    /// Where records keep their text, id, date and source.
    pub fields: Fields,
}

/// Where documents come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Standard input, named `-`.
    Stdin,
    /// A file.
    File(PathBuf),
}

impl Source {
    /// The input's name in outputs and messages: the path as given (or found in a folder), or `-`.
    pub fn name(&self) -> String {
        match self {
            Source::Stdin => "-".to_owned(),
            Source::File(path) => path.display().to_string(),
        }
    }

    /// The format the input is read in: the one in `options`, else the file name's, else text.
    pub fn format(&self, options: &ReadOptions) -> Format {
        match (options.format, self) {
            (Some(format), _) => format,
            (None, Source::File(path)) => Format::from_path(path).unwrap_or(Format::Text),
            (None, Source::Stdin) => Format::Text,
        }
    }

    /// Whether the input is gzip-compressed (a file whose name ends in `.gz`).
    pub fn is_gzip(&self) -> bool {
        match self {
            Source::Stdin => false,
            Source::File(path) => is_gzip(path),
        }
    }
}

/// A document to tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The document's name: the input's name (see [`Source::name`]) for text, the record's id or
    /// `INPUT:LINE` for JSON Lines and CSV.
    pub name: String,
    /// Its text, exactly as read (for a record, as decoded from its text field).
    pub text: String,
    /// The day it was published, as `YYYY-MM-DD`, when the input records one.
    pub date: Option<String>,
    /// The outlet or site it comes from, when the input records one.
    pub source: Option<String>,
}

/// Expands the inputs a user gave into the sources to read, in a deterministic order, with the
/// default options: [`discover_with`] and [`ReadOptions::default`].
pub fn discover(inputs: &[PathBuf], warn: impl FnMut(String)) -> Result<Vec<Source>> {
    discover_with(inputs, &ReadOptions::default(), warn)
}

/// Expands the inputs a user gave into the sources to read, in a deterministic order.
///
/// Files and `-` are kept as given. Folders are searched recursively for the files of
/// `options.format`, or of every format but TSV (see the [module docs](self)), sorted by name at
/// each level. A missing path is an error. A folder without such files gives a warning through
/// `warn`.
pub fn discover_with(
    inputs: &[PathBuf],
    options: &ReadOptions,
    mut warn: impl FnMut(String),
) -> Result<Vec<Source>> {
    let wanted = |path: &Path| match (Format::from_path(path), options.format) {
        (Some(found), Some(format)) => found == format,
        (Some(found), None) => found != Format::Tsv,
        (None, _) => false,
    };
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
            let entry = match entry {
                Ok(entry) => entry,
                // A link back to a folder above it would be read forever: skip it, and say so.
                Err(e) if e.loop_ancestor().is_some() => {
                    warn(format!("skipped {}", walk_error(input, e)));
                    continue;
                }
                Err(e) => return Err(walk_error(input, e)),
            };
            if entry.file_type().is_file() && wanted(entry.path()) {
                sources.push(Source::File(entry.into_path()));
            }
        }
        if sources.len() == before {
            warn(format!(
                "{}: no {} files in this folder",
                input.display(),
                searched_extensions(options.format)
            ));
        }
    }
    Ok(sources)
}

/// The extensions a folder search looks for, for messages: `.txt, .md, ... or .csv (or .gz)`.
fn searched_extensions(format: Option<Format>) -> String {
    let formats: Vec<Format> = match format {
        Some(format) => vec![format],
        None => Format::ALL
            .into_iter()
            .filter(|&f| f != Format::Tsv)
            .collect(),
    };
    let extensions: Vec<String> = formats
        .iter()
        .flat_map(|f| f.extensions())
        .map(|e| format!(".{e}"))
        .collect();
    let list = match extensions.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => extensions.concat(),
    };
    format!("{list} (or .gz)")
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

/// Opens a source for reading, in the format that `options` or its name gives (see
/// [`Source::format`]), decompressing it if its name ends in `.gz`.
///
/// Only opening can fail here; what reading finds comes through the [`Documents`] iterator.
pub fn open(source: &Source, options: &ReadOptions) -> Result<Documents> {
    let name = source.name();
    let reader: Box<dyn Read + Send> = match source {
        Source::Stdin => Box::new(std::io::stdin()),
        Source::File(path) => Box::new(std::fs::File::open(path).map_err(|e| Error::io(path, e))?),
    };
    let gzip = source.is_gzip();
    let reader: Box<dyn Read + Send> = if gzip {
        Box::new(MultiGzDecoder::new(BufReader::new(reader)))
    } else {
        reader
    };
    let mut documents =
        Documents::from_reader(name, reader, source.format(options), &options.fields);
    documents.gzip = gzip;
    Ok(documents)
}

/// Reads a source whole as one text document (decompressed if its name ends in `.gz`), whatever
/// its extension; [`open`] reads it in its format.
///
/// Text that is not valid UTF-8, or that holds NUL bytes (a sign of a binary file), gives
/// [`Error::NotText`], which callers may turn into a warning.
pub fn read(source: &Source) -> Result<Document> {
    let options = ReadOptions {
        format: Some(Format::Text),
        ..ReadOptions::default()
    };
    let mut documents = open(source, &options)?;
    documents.next().unwrap_or_else(|| {
        Err(Error::Input {
            path: source.name().into(),
            message: "gave no document".into(),
        })
    })
}

/// The documents of one input, read lazily; see the [module docs](self) for the errors it gives.
///
/// Text inputs are read whole, when the first document is asked for. JSON Lines and CSV inputs are
/// read one record at a time.
pub struct Documents {
    name: String,
    gzip: bool,
    reader: Reader,
    pending: VecDeque<Result<Document>>,
}

/// The reader of one format, or nothing once an input is exhausted or broken.
enum Reader {
    Text(Box<dyn Read + Send>),
    Jsonl(jsonl::Records<BufReader<Box<dyn Read + Send>>>),
    Delimited(csv::Records<Box<dyn Read + Send>>),
    Done,
}

impl Documents {
    /// Reads the documents of `reader`, an input named `name` in `format`.
    ///
    /// The bytes are read as they are: wrap a compressed reader in a decoder first.
    pub fn from_reader(
        name: impl Into<String>,
        reader: impl Read + Send + 'static,
        format: Format,
        fields: &Fields,
    ) -> Documents {
        let name = name.into();
        let reader: Box<dyn Read + Send> = Box::new(reader);
        let reader = match format {
            Format::Text => Reader::Text(reader),
            Format::Jsonl => Reader::Jsonl(jsonl::Records::new(
                BufReader::new(reader),
                name.clone(),
                fields.clone(),
            )),
            Format::Csv => Reader::Delimited(csv::Records::new(
                reader,
                b',',
                name.clone(),
                fields.clone(),
            )),
            Format::Tsv => Reader::Delimited(csv::Records::new(
                reader,
                b'\t',
                name.clone(),
                fields.clone(),
            )),
        };
        Documents {
            name,
            gzip: false,
            reader,
            pending: VecDeque::new(),
        }
    }

    /// The input's name, as documents and errors give it.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The error for a failed read: a corrupt gzip stream, or an I/O error.
    fn read_error(&self, error: std::io::Error) -> Error {
        use std::io::ErrorKind;
        // The decoder reports bad data as invalid input or data, and a cut stream as an early end;
        // failures of the file underneath have other kinds.
        let corrupt = matches!(
            error.kind(),
            ErrorKind::InvalidInput | ErrorKind::InvalidData | ErrorKind::UnexpectedEof
        );
        if self.gzip && corrupt {
            Error::Gzip {
                path: self.name.clone().into(),
                reason: error.to_string(),
            }
        } else {
            Error::io(&self.name, error)
        }
    }
}

impl fmt::Debug for Documents {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Documents")
            .field("name", &self.name)
            .field("gzip", &self.gzip)
            .finish_non_exhaustive()
    }
}

impl Iterator for Documents {
    type Item = Result<Document>;

    fn next(&mut self) -> Option<Result<Document>> {
        loop {
            if let Some(item) = self.pending.pop_front() {
                return Some(item);
            }
            let more = match &mut self.reader {
                Reader::Done => return None,
                Reader::Text(reader) => {
                    let mut bytes = Vec::new();
                    reader.read_to_end(&mut bytes).map(|_| {
                        let document = decode(&self.name, bytes).map(|text| Document {
                            name: self.name.clone(),
                            text,
                            date: None,
                            source: None,
                        });
                        self.pending.push_back(document);
                        false
                    })
                }
                Reader::Jsonl(records) => records.read_next(&mut self.pending),
                Reader::Delimited(records) => records.read_next(&mut self.pending),
            };
            match more {
                Ok(true) => {}
                Ok(false) => self.reader = Reader::Done,
                Err(e) => {
                    self.reader = Reader::Done;
                    self.pending.push_back(Err(self.read_error(e)));
                }
            }
        }
    }
}

impl std::iter::FusedIterator for Documents {}

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
    use std::io::Write;

    use flate2::write::GzEncoder;
    use flate2::Compression;

    use super::*;

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
        encoder.write_all(bytes).unwrap();
        encoder.finish().unwrap()
    }

    /// Opens `path` with the default options and reads it to the end: documents as
    /// `(name, text)`, errors as messages.
    fn read_all(path: &Path) -> Vec<std::result::Result<(String, String), String>> {
        open(&Source::File(path.to_owned()), &ReadOptions::default())
            .unwrap()
            .map(|r| r.map(|d| (d.name, d.text)).map_err(|e| e.to_string()))
            .collect()
    }

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
    fn formats_come_from_file_names() {
        let cases = [
            ("a.txt", Some(Format::Text), false),
            ("a.MD", Some(Format::Text), false),
            ("a.txt.gz", Some(Format::Text), true),
            ("a.md.GZ", Some(Format::Text), true),
            ("dir.d/a.jsonl", Some(Format::Jsonl), false),
            ("a.ndjson.gz", Some(Format::Jsonl), true),
            ("a.csv", Some(Format::Csv), false),
            ("a.csv.gz", Some(Format::Csv), true),
            ("a.tsv.gz", Some(Format::Tsv), true),
            ("a.json", None, false),
            ("a.gz", None, true),
            (".gz", None, false),
            ("jsonl", None, false),
            ("a.tar.gz", None, true),
        ];
        for (name, format, gzip) in cases {
            let path = Path::new(name);
            assert_eq!(Format::from_path(path), format, "{name}");
            assert_eq!(is_gzip(path), gzip, "{name}");
        }
        for format in Format::ALL {
            for extension in format.extensions() {
                assert_eq!(Format::from_extension(extension), Some(format));
            }
        }
    }

    #[test]
    fn sources_take_the_forced_format_or_their_own() {
        let auto = ReadOptions::default();
        let jsonl = ReadOptions {
            format: Some(Format::Jsonl),
            ..ReadOptions::default()
        };
        let file = |name: &str| Source::File(name.into());
        assert_eq!(file("a.csv.gz").format(&auto), Format::Csv);
        assert_eq!(file("a.html").format(&auto), Format::Text);
        assert_eq!(file("notes.gz").format(&auto), Format::Text);
        assert_eq!(Source::Stdin.format(&auto), Format::Text);
        assert_eq!(Source::Stdin.format(&jsonl), Format::Jsonl);
        assert_eq!(file("a.csv").format(&jsonl), Format::Jsonl);
        assert!(file("a.csv.gz").is_gzip() && !Source::Stdin.is_gzip());
    }

    /// Creates each of `names` (with parents) under `dir`, holding `x`.
    fn touch_all(dir: &Path, names: &[&str]) {
        for name in names {
            let path = dir.join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "x").unwrap();
        }
    }

    fn discovered(dir: &Path, options: &ReadOptions) -> Vec<String> {
        discover_with(&[dir.to_owned()], options, |_| {})
            .unwrap()
            .iter()
            .map(|s| match s {
                Source::File(p) => p.strip_prefix(dir).unwrap().display().to_string(),
                Source::Stdin => "-".into(),
            })
            .collect()
    }

    #[test]
    fn discover_sorts_and_filters_folders() {
        let dir = tempfile::tempdir().unwrap();
        touch_all(
            dir.path(),
            &[
                "b.txt",
                "a.md",
                "c.csv",
                "c.csv.gz",
                "d.jsonl.gz",
                "d.ndjson",
                "e.tsv",
                "e.json",
                "f.gz",
                "f.txt.gz",
                "sub/z.TXT",
                "sub/y.bin",
                "sub/x.JSONL",
                "0/a.md.gz",
            ],
        );
        assert_eq!(
            discovered(dir.path(), &ReadOptions::default()),
            [
                "0/a.md.gz",
                "a.md",
                "b.txt",
                "c.csv",
                "c.csv.gz",
                "d.jsonl.gz",
                "d.ndjson",
                "f.txt.gz",
                "sub/x.JSONL",
                "sub/z.TXT"
            ]
        );
        let only = |format| ReadOptions {
            format: Some(format),
            ..ReadOptions::default()
        };
        assert_eq!(
            discovered(dir.path(), &only(Format::Text)),
            ["0/a.md.gz", "a.md", "b.txt", "f.txt.gz", "sub/z.TXT"]
        );
        assert_eq!(
            discovered(dir.path(), &only(Format::Jsonl)),
            ["d.jsonl.gz", "d.ndjson", "sub/x.JSONL"]
        );
        assert_eq!(discovered(dir.path(), &only(Format::Tsv)), ["e.tsv"]);
    }

    #[test]
    fn discover_is_independent_of_creation_order() {
        let names = [
            "b.jsonl",
            "a.csv.gz",
            "a.csv",
            "c/a.txt",
            "b.jsonl.gz",
            "a.txt",
        ];
        let forward = tempfile::tempdir().unwrap();
        touch_all(forward.path(), &names);
        let backward = tempfile::tempdir().unwrap();
        let mut reversed = names;
        reversed.reverse();
        touch_all(backward.path(), &reversed);
        let expected = [
            "a.csv",
            "a.csv.gz",
            "a.txt",
            "b.jsonl",
            "b.jsonl.gz",
            "c/a.txt",
        ];
        assert_eq!(
            discovered(forward.path(), &ReadOptions::default()),
            expected
        );
        assert_eq!(
            discovered(backward.path(), &ReadOptions::default()),
            expected
        );
    }

    #[test]
    fn discover_warns_on_empty_folders_and_fails_on_missing_paths() {
        let dir = tempfile::tempdir().unwrap();
        touch_all(dir.path(), &["notes.tsv", "data.json"]);
        let mut warnings = Vec::new();
        let sources = discover(&[dir.path().to_owned()], |w| warnings.push(w)).unwrap();
        assert!(sources.is_empty());
        assert!(
            warnings[0]
                .ends_with("no .txt, .md, .jsonl, .ndjson or .csv (or .gz) files in this folder"),
            "{warnings:?}"
        );
        let options = ReadOptions {
            format: Some(Format::Csv),
            ..ReadOptions::default()
        };
        warnings.clear();
        discover_with(&[dir.path().to_owned()], &options, |w| warnings.push(w)).unwrap();
        assert!(
            warnings[0].ends_with("no .csv (or .gz) files in this folder"),
            "{warnings:?}"
        );
        let missing = dir.path().join("missing");
        let err = discover(std::slice::from_ref(&missing), |_| {})
            .unwrap_err()
            .to_string();
        assert!(err.starts_with(&missing.display().to_string()), "{err}");
    }

    #[test]
    fn gzip_round_trips_in_every_format() {
        let dir = tempfile::tempdir().unwrap();
        let files: [(&str, &str); 5] = [
            ("a.txt.gz", "Russia and the UK met.\n"),
            ("b.md.gz", "# Title\n\nText.\n"),
            (
                "c.jsonl.gz",
                "{\"id\": \"j1\", \"text\": \"One.\"}\n{\"text\": \"Two.\"}\n",
            ),
            ("d.ndjson.gz", "{\"id\": 5, \"text\": \"Five.\"}\n"),
            ("e.csv.gz", "id,text\nc1,\"Multi\nline.\"\n,Plain.\n"),
        ];
        for (name, contents) in files {
            std::fs::write(dir.path().join(name), gzip(contents.as_bytes())).unwrap();
        }
        let path = |name: &str| dir.path().join(name);
        let named = |name: &str| path(name).display().to_string();
        let ok = |name: String, text: &str| Ok((name, text.to_owned()));
        assert_eq!(
            read_all(&path("a.txt.gz")),
            [ok(named("a.txt.gz"), files[0].1)]
        );
        assert_eq!(
            read_all(&path("b.md.gz")),
            [ok(named("b.md.gz"), files[1].1)]
        );
        assert_eq!(
            read_all(&path("c.jsonl.gz")),
            [
                ok("j1".into(), "One."),
                ok(format!("{}:2", named("c.jsonl.gz")), "Two.")
            ]
        );
        assert_eq!(read_all(&path("d.ndjson.gz")), [ok("5".into(), "Five.")]);
        assert_eq!(
            read_all(&path("e.csv.gz")),
            [
                ok("c1".into(), "Multi\nline."),
                ok(format!("{}:4", named("e.csv.gz")), "Plain.")
            ]
        );
    }

    #[test]
    fn concatenated_gzip_members_are_read_as_one_stream() {
        let dir = tempfile::tempdir().unwrap();
        let mut bytes = gzip(b"{\"text\": \"One.\"}\n");
        bytes.extend(gzip(b"{\"text\": \"Two.\"}\n"));
        let path = dir.path().join("joined.jsonl.gz");
        std::fs::write(&path, bytes).unwrap();
        let texts: Vec<String> = read_all(&path).into_iter().map(|r| r.unwrap().1).collect();
        assert_eq!(texts, ["One.", "Two."]);
    }

    #[test]
    fn corrupt_gzip_is_an_error_naming_the_file_after_the_good_documents() {
        let dir = tempfile::tempdir().unwrap();
        let lines: String = (0..2000)
            .map(|i| format!("{{\"id\": {i}, \"text\": \"Article number {i} about Russia.\"}}\n"))
            .collect();
        let good = gzip(lines.as_bytes());
        let mut cut = good.clone();
        cut.truncate(good.len() / 2);
        let mut flipped = good.clone();
        let middle = good.len() / 2;
        for byte in &mut flipped[middle..middle + 16] {
            *byte ^= 0x5a;
        }
        let cases: [(&str, Vec<u8>); 5] = [
            ("plain.txt.gz", b"this was never compressed\n".to_vec()),
            ("cut.jsonl.gz", cut),
            ("flipped.jsonl.gz", flipped),
            (
                "garbage.csv.gz",
                vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xff, 0xff, 0xff],
            ),
            ("empty.txt.gz", Vec::new()),
        ];
        for (name, bytes) in cases {
            let path = dir.path().join(name);
            std::fs::write(&path, bytes).unwrap();
            let mut documents = open(&Source::File(path.clone()), &ReadOptions::default()).unwrap();
            let mut read = 0;
            let error = loop {
                match documents.next() {
                    Some(Ok(_)) => read += 1,
                    // Damaged data may decode into damaged records before the checksum fails.
                    Some(Err(Error::Record { .. })) => {}
                    Some(Err(e)) => break e,
                    None => panic!("{name}: no error"),
                }
            };
            assert!(matches!(error, Error::Gzip { .. }), "{name}: {error:?}");
            let message = error.to_string();
            assert!(
                message.starts_with(&format!("{}: not valid gzip data (", path.display())),
                "{message}"
            );
            assert!(read < 2000, "{name}");
            assert!(error.is_skippable());
            assert!(documents.next().is_none(), "{name}: more after the error");
        }
    }

    #[test]
    fn read_gives_one_text_document_whatever_the_extension() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.jsonl");
        std::fs::write(&path, "{\"text\": \"x\"}\n").unwrap();
        let doc = read(&Source::File(path.clone())).unwrap();
        assert_eq!(doc.text, "{\"text\": \"x\"}\n");
        assert_eq!(doc.name, path.display().to_string());
        assert_eq!((doc.date, doc.source), (None, None));
    }

    #[test]
    fn documents_are_read_lazily() {
        /// A reader that fails the test if more than `limit` bytes are asked of it.
        struct Limited {
            data: std::io::Cursor<Vec<u8>>,
            limit: u64,
        }
        impl Read for Limited {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                assert!(self.data.position() <= self.limit, "read too far ahead");
                self.data.read(buf)
            }
        }
        let line = "{\"text\": \"Some words about Russia and the UK.\"}\n";
        let record = "\"Some words about Russia and the UK.\"\n";
        for (format, header, row) in [(Format::Jsonl, "", line), (Format::Csv, "text\n", record)] {
            let mut data = header.to_owned();
            data.push_str(&row.repeat(1_000_000));
            let reader = Limited {
                data: std::io::Cursor::new(data.into_bytes()),
                limit: 1 << 20,
            };
            let mut documents = Documents::from_reader("big", reader, format, &Fields::default());
            for _ in 0..1000 {
                assert!(documents.next().unwrap().is_ok());
            }
        }
    }
}
