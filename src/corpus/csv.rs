//! CSV and TSV with a header row, read one record at a time with the `csv` crate.

use std::collections::VecDeque;
use std::io::Read;

use ::csv::{ByteRecord, ErrorKind, ReaderBuilder};

use super::record::{push_document, Place, Value, Values};
use super::{Document, Fields};
use crate::error::Result;

/// How many column names an error message lists.
const COLUMNS_SHOWN: usize = 12;

/// The positions of the configured fields in the header.
#[derive(Debug, Clone, Copy)]
struct Columns {
    text: usize,
    id: Option<usize>,
    date: Option<usize>,
    source: Option<usize>,
}

/// Reads the records of a CSV (or TSV) input.
pub(super) struct Records<R> {
    reader: ::csv::Reader<R>,
    name: String,
    fields: Fields,
    /// `None` until the header is read.
    columns: Option<Columns>,
    record: ByteRecord,
}

impl<R: Read> Records<R> {
    pub fn new(reader: R, delimiter: u8, name: String, fields: Fields) -> Self {
        let reader = ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(true)
            .flexible(false)
            .from_reader(reader);
        Records {
            reader,
            name,
            fields,
            columns: None,
            record: ByteRecord::new(),
        }
    }

    /// Reads the next record (the header first) and queues what it gives on `out`. Returns `false`
    /// at the end, and after a header that lacks the text column.
    pub fn read_next(&mut self, out: &mut VecDeque<Result<Document>>) -> std::io::Result<bool> {
        let columns = match self.columns {
            Some(columns) => columns,
            None => match self.read_header()? {
                Ok(Some(columns)) => {
                    self.columns = Some(columns);
                    columns
                }
                Ok(None) => return Ok(false),
                Err(message) => {
                    let place = Place {
                        name: &self.name,
                        line: 1,
                    };
                    out.push_back(Err(place.record_error(message)));
                    return Ok(false);
                }
            },
        };
        let more = match self.reader.read_byte_record(&mut self.record) {
            Ok(more) => more,
            Err(e) => {
                let line = e
                    .position()
                    .map_or(self.reader.position().line(), |p| p.line());
                let message = match e.kind() {
                    ErrorKind::Io(_) => return Err(into_io(e)),
                    ErrorKind::UnequalLengths {
                        expected_len, len, ..
                    } => format!("expected {expected_len} fields as in the header, found {len}"),
                    _ => format!("cannot be read ({e})"),
                };
                let place = Place {
                    name: &self.name,
                    line,
                };
                out.push_back(Err(place.record_error(message)));
                return Ok(true);
            }
        };
        if !more {
            return Ok(false);
        }
        let place = Place {
            name: &self.name,
            line: self.record.position().map_or(0, |p| p.line()),
        };
        let cell = |index: Option<usize>, field: &str| -> std::result::Result<Value<'_>, String> {
            match index.and_then(|i| self.record.get(i)) {
                None => Ok(Value::Missing),
                Some(bytes) => match std::str::from_utf8(bytes) {
                    Ok("") => Ok(Value::Missing),
                    Ok(s) => Ok(Value::Str(s)),
                    Err(e) => Err(format!(
                        "column {field:?} is not valid UTF-8 (invalid byte at offset {})",
                        e.valid_up_to()
                    )),
                },
            }
        };
        let fields = &self.fields;
        let values = (|| {
            Ok::<_, String>(Values {
                // An empty text cell is an empty text (skipped), not a missing column.
                text: match cell(Some(columns.text), &fields.text)? {
                    Value::Missing => Value::Str(""),
                    value => value,
                },
                id: cell(columns.id, &fields.id)?,
                date: cell(columns.date, &fields.date)?,
                source: cell(columns.source, &fields.source)?,
            })
        })();
        match values {
            Ok(values) => push_document(place, fields, values, out),
            Err(message) => out.push_back(Err(place.record_error(message))),
        }
        Ok(true)
    }

    /// Reads the header and finds the configured columns in it.
    ///
    /// Gives `Ok(None)` for an empty input, and a message when the text column is missing.
    fn read_header(&mut self) -> std::io::Result<std::result::Result<Option<Columns>, String>> {
        let header = match self.reader.byte_headers() {
            Ok(header) => header,
            Err(e) if matches!(e.kind(), ErrorKind::Io(_)) => return Err(into_io(e)),
            Err(e) => return Ok(Err(format!("the header cannot be read ({e})"))),
        };
        if header.is_empty() {
            return Ok(Ok(None));
        }
        let names: Vec<String> = header
            .iter()
            .enumerate()
            .map(|(i, name)| {
                let name = if i == 0 {
                    name.strip_prefix("\u{feff}".as_bytes()).unwrap_or(name)
                } else {
                    name
                };
                String::from_utf8_lossy(name).into_owned()
            })
            .collect();
        let find = |field: &str| names.iter().position(|n| n == field);
        let Some(text) = find(&self.fields.text) else {
            let mut shown: Vec<String> = names
                .iter()
                .take(COLUMNS_SHOWN)
                .map(|n| format!("{n:?}"))
                .collect();
            if names.len() > COLUMNS_SHOWN {
                shown.push("...".into());
            }
            return Ok(Err(format!(
                "no text column {:?} in the header (columns: {}); nothing read from this file",
                self.fields.text,
                shown.join(", ")
            )));
        };
        Ok(Ok(Some(Columns {
            text,
            id: find(&self.fields.id),
            date: find(&self.fields.date),
            source: find(&self.fields.source),
        })))
    }
}

/// The I/O error inside a `csv` error, with its kind intact (a corrupt gzip stream is told apart by
/// it).
fn into_io(error: ::csv::Error) -> std::io::Error {
    match error.into_kind() {
        ErrorKind::Io(io) => io,
        other => std::io::Error::other(format!("{other:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Documents, Format};
    use super::*;
    use crate::error::Error;

    type Row = std::result::Result<(String, String, Option<String>, Option<String>), String>;

    fn read_as(input: impl AsRef<[u8]>, format: Format, fields: &Fields) -> Vec<Row> {
        let reader = std::io::Cursor::new(input.as_ref().to_vec());
        Documents::from_reader("in.csv", reader, format, fields)
            .map(|r| {
                r.map(|d| (d.name, d.text, d.date, d.source))
                    .map_err(|e| e.to_string())
            })
            .collect()
    }

    fn read(input: impl AsRef<[u8]>) -> Vec<Row> {
        read_as(input, Format::Csv, &Fields::default())
    }

    fn doc(name: &str, text: &str, date: Option<&str>, source: Option<&str>) -> Row {
        Ok((
            name.into(),
            text.into(),
            date.map(Into::into),
            source.map(Into::into),
        ))
    }

    #[test]
    fn header_names_the_columns_in_any_order() {
        let input = "\
source,title,text,date,id
Wire,Hello,First text.,2024-01-02,a1
,Other,Second text.,,
Paper,x,Third text.,2024-01-03T08:00:00Z,7
";
        assert_eq!(
            read(input),
            [
                doc("a1", "First text.", Some("2024-01-02"), Some("Wire")),
                doc("in.csv:3", "Second text.", None, None),
                doc("7", "Third text.", Some("2024-01-03"), Some("Paper")),
            ]
        );
    }

    #[test]
    fn quoted_fields_may_span_lines_and_lines_are_counted() {
        let input = "\
id,text
one,\"First paragraph.

Second paragraph, with \"\"quotes\"\".\"
,\"Line
break\"
,plain
";
        assert_eq!(
            read(input),
            [
                doc(
                    "one",
                    "First paragraph.\n\nSecond paragraph, with \"quotes\".",
                    None,
                    None
                ),
                doc("in.csv:5", "Line\nbreak", None, None),
                doc("in.csv:7", "plain", None, None),
            ]
        );
    }

    #[test]
    fn rows_with_the_wrong_number_of_fields_are_skipped() {
        let input = "\
id,text,date
a,\"Good,
one.\",2024-05-06
b,Too few
c,Too,many,fields
d,Good two.,bad date
";
        let out = read(input);
        assert_eq!(
            out,
            [
                doc("a", "Good,\none.", Some("2024-05-06"), None),
                Err("in.csv:4: expected 3 fields as in the header, found 2".into()),
                Err("in.csv:5: expected 3 fields as in the header, found 4".into()),
                Err(
                    "in.csv:6: field \"date\": \"bad date\" is not a date (such as 2024-03-05 or 5 Mar 2024)"
                        .into()
                ),
                doc("d", "Good two.", None, None),
            ]
        );
    }

    #[test]
    fn a_header_without_the_text_column_stops_the_file() {
        let input = "id,body\n1,Some text.\n2,More text.\n";
        let out: Vec<_> =
            Documents::from_reader("in.csv", input.as_bytes(), Format::Csv, &Fields::default())
                .collect();
        assert_eq!(out.len(), 1);
        let err = out[0].as_ref().unwrap_err();
        assert!(matches!(err, Error::Record { line: 1, .. }), "{err:?}");
        assert_eq!(
            err.to_string(),
            "in.csv:1: no text column \"text\" in the header (columns: \"id\", \"body\"); nothing read from this file"
        );
        let fields = Fields {
            text: "body".into(),
            ..Fields::default()
        };
        assert_eq!(
            read_as(input, Format::Csv, &fields),
            [
                doc("1", "Some text.", None, None),
                doc("2", "More text.", None, None)
            ]
        );
    }

    #[test]
    fn empty_inputs_and_empty_texts_give_nothing() {
        assert!(read("").is_empty());
        assert!(read("id,text\n").is_empty());
        assert_eq!(
            read("id,text\na,\nb,\" \"\nc,Words.\n"),
            [doc("c", "Words.", None, None)]
        );
    }

    #[test]
    fn invalid_utf8_in_a_used_column_skips_the_row() {
        let input = b"id,text,other\na,caf\xe9,x\nb,Fine.,\xff\nc,Also fine.,y\n".to_vec();
        assert_eq!(
            read(input),
            [
                Err(
                    "in.csv:2: column \"text\" is not valid UTF-8 (invalid byte at offset 3)"
                        .into()
                ),
                doc("b", "Fine.", None, None),
                doc("c", "Also fine.", None, None),
            ]
        );
    }

    #[test]
    fn tsv_uses_tabs_and_a_bom_is_not_part_of_the_first_name() {
        let input = "\u{feff}id\ttext\nt1\tA text, with a comma.\n";
        assert_eq!(
            read_as(input, Format::Tsv, &Fields::default()),
            [doc("t1", "A text, with a comma.", None, None)]
        );
        let input = "\u{feff}text,id\r\nWindows lines.,w1\r\n";
        assert_eq!(read(input), [doc("w1", "Windows lines.", None, None)]);
    }
}
