//! JSON Lines: one object per line, read one line at a time.

use std::collections::VecDeque;
use std::io::BufRead;

use serde_json::Value as Json;

use super::record::{push_document, Place, Value, Values};
use super::{Document, Fields};
use crate::error::Result;

/// Reads the records of a JSON Lines input.
pub(super) struct Records<R> {
    reader: R,
    name: String,
    fields: Fields,
    line: u64,
    buffer: Vec<u8>,
}

impl<R: BufRead> Records<R> {
    pub fn new(reader: R, name: String, fields: Fields) -> Self {
        Records {
            reader,
            name,
            fields,
            line: 0,
            buffer: Vec::new(),
        }
    }

    /// Reads the next line and queues what it gives on `out`. Returns `false` at the end.
    ///
    /// Blank lines give nothing.
    pub fn read_next(&mut self, out: &mut VecDeque<Result<Document>>) -> std::io::Result<bool> {
        self.buffer.clear();
        if self.reader.read_until(b'\n', &mut self.buffer)? == 0 {
            return Ok(false);
        }
        self.line += 1;
        let mut bytes = self.buffer.as_slice();
        bytes = bytes.strip_suffix(b"\n").unwrap_or(bytes);
        bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
        if self.line == 1 {
            bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
        }
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Ok(true);
        }
        let place = Place {
            name: &self.name,
            line: self.line,
        };
        match parse_object(bytes) {
            Ok(object) => {
                let values = Values {
                    text: lookup(&object, &self.fields.text),
                    id: lookup(&object, &self.fields.id),
                    date: lookup(&object, &self.fields.date),
                    source: lookup(&object, &self.fields.source),
                };
                push_document(place, &self.fields, values, out);
            }
            Err(message) => out.push_back(Err(place.record_error(message))),
        }
        Ok(true)
    }
}

/// Parses one line as a JSON object, or says what is wrong with it.
fn parse_object(bytes: &[u8]) -> std::result::Result<serde_json::Map<String, Json>, String> {
    let line = std::str::from_utf8(bytes).map_err(|e| {
        format!(
            "not valid UTF-8 (invalid byte at column {})",
            e.valid_up_to() + 1
        )
    })?;
    match serde_json::from_str(line) {
        Ok(Json::Object(object)) => Ok(object),
        Ok(other) => Err(format!("not a JSON object but {}", kind(&other))),
        Err(e) => {
            // serde_json ends its messages with "at line 1 column N"; the line is always 1 here.
            let text = e.to_string();
            let what = text
                .rsplit_once(" at line ")
                .map_or(text.as_str(), |(w, _)| w);
            Err(format!("not valid JSON ({what} at column {})", e.column()))
        }
    }
}

/// The value at `path`: the key itself if the object has it, else the dotted path through nested
/// objects (`meta.source`).
fn lookup<'a>(object: &'a serde_json::Map<String, Json>, path: &str) -> Value<'a> {
    let found = object.get(path).or_else(|| {
        let (first, rest) = path.split_once('.')?;
        rest.split('.')
            .try_fold(object.get(first)?, |value, key| value.get(key))
    });
    match found {
        None | Some(Json::Null) => Value::Missing,
        Some(Json::String(s)) => Value::Str(s),
        Some(Json::Number(n)) => Value::Number(n.to_string()),
        Some(other) => Value::Other(kind(other)),
    }
}

/// A JSON value's type, with an article, for messages.
fn kind(value: &Json) -> &'static str {
    match value {
        Json::Null => "null",
        Json::Bool(_) => "a boolean",
        Json::Number(_) => "a number",
        Json::String(_) => "a string",
        Json::Array(_) => "an array",
        Json::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Documents, Format};
    use super::*;
    use crate::error::Error;

    /// A document as `(name, text, date, source)`, or an error's message.
    type Row = std::result::Result<(String, String, Option<String>, Option<String>), String>;

    /// Reads `input` as JSON Lines named `in.jsonl`: documents as `(name, text, date, source)`,
    /// errors as their messages.
    fn read_with(input: &'static str, fields: &Fields) -> Vec<Row> {
        Documents::from_reader("in.jsonl", input.as_bytes(), Format::Jsonl, fields)
            .map(|r| {
                r.map(|d| (d.name, d.text, d.date, d.source))
                    .map_err(|e| e.to_string())
            })
            .collect()
    }

    fn read(input: &'static str) -> Vec<Row> {
        read_with(input, &Fields::default())
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
    fn names_come_from_ids_or_the_line() {
        let input = concat!(
            r#"{"id": "a-1", "text": "One."}"#,
            "\n",
            r#"{"text": "Two."}"#,
            "\n",
            r#"{"id": 42, "text": "Three."}"#,
            "\n",
            r#"{"id": 4.5, "text": "Four."}"#,
            "\n",
            r#"{"id": null, "text": "Five."}"#,
            "\n",
            r#"{"id": "", "text": "Six."}"#,
            "\n",
            r#"{"id": " padded ", "text": "Seven."}"#,
        );
        assert_eq!(
            read(input),
            [
                doc("a-1", "One.", None, None),
                doc("in.jsonl:2", "Two.", None, None),
                doc("42", "Three.", None, None),
                doc("4.5", "Four.", None, None),
                doc("in.jsonl:5", "Five.", None, None),
                doc("in.jsonl:6", "Six.", None, None),
                doc("padded", "Seven.", None, None),
            ]
        );
    }

    #[test]
    fn dates_and_sources_are_read_and_bad_dates_warn() {
        let input = concat!(
            r#"{"text": "A.", "date": "2024-03-05", "source": "Daily Wire"}"#,
            "\n",
            r#"{"text": "B.", "date": "2024-03-05T10:00:00Z"}"#,
            "\n",
            r#"{"text": "C.", "date": "2024-03-05 10:00", "source": 7}"#,
            "\n",
            r#"{"text": "D.", "date": "March 5th"}"#,
            "\n",
            r#"{"text": "E.", "date": 1709632800, "source": ["x"]}"#,
        );
        assert_eq!(
            read(input),
            [
                doc("in.jsonl:1", "A.", Some("2024-03-05"), Some("Daily Wire")),
                doc("in.jsonl:2", "B.", Some("2024-03-05"), None),
                doc("in.jsonl:3", "C.", Some("2024-03-05"), Some("7")),
                Err(
                    "in.jsonl:4: field \"date\": \"March 5th\" is not a date (such as 2024-03-05 or 5 Mar 2024)"
                        .into()
                ),
                doc("in.jsonl:4", "D.", None, None),
                Err(
                    "in.jsonl:5: field \"date\": 1709632800 is a number, not a date (YYYY-MM-DD)"
                        .into()
                ),
                Err("in.jsonl:5: field \"source\": an array, not a string or a number".into()),
                doc("in.jsonl:5", "E.", None, None),
            ]
        );
    }

    #[test]
    fn bad_lines_are_reported_with_their_line_and_skipped() {
        let input = concat!(
            r#"{"text": "Good one."}"#,
            "\n",
            r#"{"text": "cut short"#,
            "\n",
            "[1, 2]\n",
            "\"just a string\"\n",
            r#"{"body": "no text field"}"#,
            "\n",
            r#"{"text": 12}"#,
            "\n",
            r#"{"text": {"en": "nested"}}"#,
            "\n",
            r#"{"text": null}"#,
            "\n",
            r#"{"text": "Good two."} trailing"#,
            "\n",
            r#"{"text": "Last good."}"#,
        );
        let out = read(input);
        assert_eq!(
            out,
            [
                doc("in.jsonl:1", "Good one.", None, None),
                Err("in.jsonl:2: not valid JSON (EOF while parsing a string at column 19)".into()),
                Err("in.jsonl:3: not a JSON object but an array".into()),
                Err("in.jsonl:4: not a JSON object but a string".into()),
                Err("in.jsonl:5: no text field \"text\"".into()),
                Err("in.jsonl:6: text field \"text\" is a number, not a string".into()),
                Err("in.jsonl:7: text field \"text\" is an object, not a string".into()),
                Err("in.jsonl:8: no text field \"text\"".into()),
                Err("in.jsonl:9: not valid JSON (trailing characters at column 23)".into()),
                doc("in.jsonl:10", "Last good.", None, None),
            ]
        );
    }

    #[test]
    fn invalid_utf8_is_a_bad_record() {
        let mut input = br#"{"text": "ok"}"#.to_vec();
        input.extend_from_slice(b"\n{\"text\": \"caf\xe9\"}\n{\"text\": \"fine\"}\n");
        let out: Vec<_> = Documents::from_reader(
            "in.jsonl",
            std::io::Cursor::new(input),
            Format::Jsonl,
            &Fields::default(),
        )
        .collect();
        assert_eq!(out.len(), 3);
        let err = out[1].as_ref().unwrap_err();
        assert!(matches!(err, Error::Record { line: 2, .. }), "{err:?}");
        assert_eq!(
            err.to_string(),
            "in.jsonl:2: not valid UTF-8 (invalid byte at column 14)"
        );
        assert_eq!(out[2].as_ref().unwrap().text, "fine");
    }

    #[test]
    fn blank_lines_bom_and_crlf_are_accepted() {
        let input = "\u{feff}{\"text\": \"One.\"}\r\n\r\n   \n{\"text\": \"Two.\"}\r\n{\"text\": \"  \"}\n\n";
        assert_eq!(
            read(input),
            [
                doc("in.jsonl:1", "One.", None, None),
                doc("in.jsonl:4", "Two.", None, None),
            ]
        );
        assert!(read("").is_empty());
    }

    #[test]
    fn text_is_kept_exactly_as_decoded() {
        let input = r#"{"text": "  Line one.\n\nLine two \u2014 \"quoted\".  "}"#;
        assert_eq!(
            read(input),
            [doc(
                "in.jsonl:1",
                "  Line one.\n\nLine two \u{2014} \"quoted\".  ",
                None,
                None
            )]
        );
    }

    #[test]
    fn fields_can_be_renamed_and_nested() {
        let fields = Fields {
            text: "body".into(),
            id: "meta.guid".into(),
            date: "meta.published.at".into(),
            source: "site.name".into(),
        };
        let input = concat!(
            r#"{"body": "A.", "meta": {"guid": "g1", "published": {"at": "2021-01-02"}}, "site.name": "Flat key"}"#,
            "\n",
            r#"{"body": "B.", "meta": "not an object", "site": {"name": "Nested"}}"#,
            "\n",
            r#"{"text": "C."}"#,
        );
        assert_eq!(
            read_with(input, &fields),
            [
                doc("g1", "A.", Some("2021-01-02"), Some("Flat key")),
                doc("in.jsonl:2", "B.", None, Some("Nested")),
                Err("in.jsonl:3: no text field \"body\"".into()),
            ]
        );
    }
}
