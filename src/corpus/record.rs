//! Turning the fields of one record (a JSON line, a CSV row) into a [`Document`].
//!
//! Shared by the JSON Lines and CSV readers, so that both apply the same rules to names, dates and
//! sources.

use std::collections::VecDeque;

use super::{Document, Fields};
use crate::error::{Error, Result};

/// The value a record holds for one configured field.
#[derive(Debug)]
pub(super) enum Value<'a> {
    /// The record has no such field, or it is null.
    Missing,
    /// A string (a CSV cell is always one).
    Str(&'a str),
    /// A JSON number, written as JSON writes it.
    Number(String),
    /// Anything else: a boolean, an array, an object; the words name it in messages.
    Other(&'static str),
}

/// Where a record starts: the input's name and the 1-based line.
#[derive(Debug, Clone, Copy)]
pub(super) struct Place<'a> {
    pub name: &'a str,
    pub line: u64,
}

impl Place<'_> {
    /// An [`Error::Record`] at this place.
    pub fn record_error(self, message: impl Into<String>) -> Error {
        Error::Record {
            path: self.name.into(),
            line: self.line,
            message: message.into(),
        }
    }

    fn field_error(self, field: &str, message: impl Into<String>) -> Error {
        Error::Field {
            path: self.name.into(),
            line: self.line,
            field: field.to_owned(),
            message: message.into(),
        }
    }
}

/// The values of the configured fields in one record.
#[derive(Debug)]
pub(super) struct Values<'a> {
    pub text: Value<'a>,
    pub id: Value<'a>,
    pub date: Value<'a>,
    pub source: Value<'a>,
}

/// Builds the document of one record and queues it on `out`, after a warning for each malformed
/// optional field; or queues the error that makes the record unreadable.
///
/// The rules:
/// - the text must be a string; an empty or blank text gives no document and no error;
/// - the name is the id (a string or a number, trimmed), else `NAME:LINE`;
/// - the date must start with an ISO date (`YYYY-MM-DD`), which is kept;
/// - the source is a string or a number, trimmed;
/// - a missing, null or empty optional field is simply absent; one of the wrong type (or a date that
///   is not a date) gives an [`Error::Field`] and is left out.
pub(super) fn push_document(
    place: Place<'_>,
    fields: &Fields,
    values: Values<'_>,
    out: &mut VecDeque<Result<Document>>,
) {
    let text = match values.text {
        Value::Str(text) => text,
        Value::Missing => {
            out.push_back(Err(
                place.record_error(format!("no text field {:?}", fields.text))
            ));
            return;
        }
        Value::Number(_) => {
            out.push_back(Err(place.record_error(format!(
                "text field {:?} is a number, not a string",
                fields.text
            ))));
            return;
        }
        Value::Other(kind) => {
            out.push_back(Err(place.record_error(format!(
                "text field {:?} is {kind}, not a string",
                fields.text
            ))));
            return;
        }
    };
    if text.trim().is_empty() {
        return;
    }
    let name = match optional(place, &fields.id, values.id, out) {
        Some(id) => id,
        None => format!("{}:{}", place.name, place.line),
    };
    let date = match values.date {
        Value::Str(value) if value.trim().is_empty() => None,
        Value::Str(value) => match calendar_date(value) {
            Some(date) => Some(date),
            None => {
                out.push_back(Err(place.field_error(
                    &fields.date,
                    format!("{value:?} is not a date (such as 2024-03-05 or 5 Mar 2024)"),
                )));
                None
            }
        },
        Value::Missing => None,
        Value::Number(number) => {
            out.push_back(Err(place.field_error(
                &fields.date,
                format!("{number} is a number, not a date (YYYY-MM-DD)"),
            )));
            None
        }
        Value::Other(kind) => {
            out.push_back(Err(place.field_error(
                &fields.date,
                format!("{kind}, not a date (YYYY-MM-DD)"),
            )));
            None
        }
    };
    let source = optional(place, &fields.source, values.source, out);
    out.push_back(Ok(Document {
        name,
        text: text.to_owned(),
        date,
        source,
    }));
}

/// A string-like optional field (id, source): trimmed strings and numbers are kept.
fn optional(
    place: Place<'_>,
    field: &str,
    value: Value<'_>,
    out: &mut VecDeque<Result<Document>>,
) -> Option<String> {
    match value {
        Value::Str(value) => Some(value.trim())
            .filter(|v| !v.is_empty())
            .map(str::to_owned),
        Value::Number(number) => Some(number),
        Value::Missing => None,
        Value::Other(kind) => {
            out.push_back(Err(
                place.field_error(field, format!("{kind}, not a string or a number"))
            ));
            None
        }
    }
}

/// The day a date value names, as `YYYY-MM-DD`: an ISO date (see [`iso_date`]), or a day, month
/// name and year as news archives write them: `26-FEB-1987 15:01:01.79`, `26 Feb 1987`,
/// `February 26, 1987`, `Thu, 26 Feb 1987 15:01:01 GMT` (RFC 2822). Month names are English, full or
/// in three letters, in any case; what follows the year (a time, a zone) is ignored.
pub(super) fn calendar_date(value: &str) -> Option<String> {
    if let Some(date) = iso_date(value) {
        return Some(date.to_owned());
    }
    let value = value.trim();
    // An optional weekday: "Thu, ".
    let value = match value.split_once(", ") {
        Some((weekday, rest))
            if weekday.len() >= 3
                && weekday.chars().all(|c| c.is_ascii_alphabetic())
                && month_number(weekday).is_none() =>
        {
            rest
        }
        _ => value,
    };
    let mut words = value.split(['-', ' ', ',']).filter(|w| !w.is_empty());
    let (first, second, third) = (words.next()?, words.next()?, words.next()?);
    let number = |w: &str| -> Option<u32> {
        (!w.is_empty() && w.len() <= 4 && w.bytes().all(|b| b.is_ascii_digit()))
            .then(|| w.parse().ok())
            .flatten()
    };
    let (day, month, year) = match (number(first), month_number(first)) {
        (Some(day), _) => (day, month_number(second)?, third),
        (None, Some(month)) => (number(second)?, month, third),
        _ => return None,
    };
    if third.len() != 4 {
        return None;
    }
    let year = number(year)?;
    let date = format!("{year:04}-{month:02}-{day:02}");
    iso_date(&date).map(str::to_owned)
}

/// The number of an English month name, full or in three letters, in any case.
fn month_number(word: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let word = word.to_ascii_lowercase();
    let word = word.strip_suffix('.').unwrap_or(&word);
    MONTHS
        .iter()
        .position(|m| word.len() >= 3 && (*m == word || (word.len() == 3 && m.starts_with(word))))
        .map(|i| i as u32 + 1)
}

/// The `YYYY-MM-DD` date a value starts with, if it is a real calendar day followed by nothing, a
/// time (`T10:00:00Z`) or a space (`2024-03-05 10:00`). White space around the value is ignored.
pub(super) fn iso_date(value: &str) -> Option<&str> {
    let value = value.trim();
    let bytes = value.as_bytes();
    if bytes.len() < 10 {
        return None;
    }
    let digits = |range: std::ops::Range<usize>| -> Option<u32> {
        bytes[range].iter().try_fold(0u32, |n, &b| {
            b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
        })
    };
    let year = digits(0..4)?;
    let month = digits(5..7)?;
    let day = digits(8..10)?;
    if bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    if !matches!(bytes.get(10), None | Some(b'T' | b't' | b' ')) {
        return None;
    }
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    // The first ten bytes are ASCII, so slicing there is on a character boundary.
    (1..=days).contains(&day).then(|| &value[..10])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn archive_dates_are_recognised() {
        let cases = [
            ("2024-03-05T10:00:00Z", Some("2024-03-05")),
            ("26-FEB-1987 15:01:01.79", Some("1987-02-26")),
            ("3-MAR-1987 11:05:14.96", Some("1987-03-03")),
            ("26 Feb 1987", Some("1987-02-26")),
            ("February 26, 1987", Some("1987-02-26")),
            ("Feb. 26, 1987", Some("1987-02-26")),
            ("Thu, 26 Feb 1987 15:01:01 GMT", Some("1987-02-26")),
            ("Thursday, 26 February 1987", Some("1987-02-26")),
            ("31-APR-1987", None),
            ("26-FEBR-1987", None),
            ("26 Feb 87", None),
            ("May 2024", None),
            ("last week", None),
            ("Mar, 26 Feb 1987", None),
        ];
        for (value, expected) in cases {
            assert_eq!(calendar_date(value).as_deref(), expected, "{value:?}");
        }
    }

    #[test]
    fn iso_dates_are_recognised_at_the_start_of_a_value() {
        let cases = [
            ("2024-03-05", Some("2024-03-05")),
            ("2024-03-05T10:00:00Z", Some("2024-03-05")),
            ("2024-03-05t10:00", Some("2024-03-05")),
            ("2024-03-05 10:00", Some("2024-03-05")),
            ("  2024-03-05\n", Some("2024-03-05")),
            ("2024-02-29", Some("2024-02-29")),
            ("2000-02-29", Some("2000-02-29")),
            ("1900-02-29", None),
            ("2023-02-29", None),
            ("2024-04-31", None),
            ("2024-13-01", None),
            ("2024-00-10", None),
            ("2024-01-00", None),
            ("2024-3-5", None),
            ("20240305", None),
            ("2024/03/05", None),
            ("05-03-2024", None),
            ("2024-03-05x", None),
            ("2024-03-051", None),
            ("yesterday", None),
            ("", None),
            ("2024-03-0é", None),
            ("é024-03-05", None),
        ];
        for (value, expected) in cases {
            assert_eq!(iso_date(value), expected, "{value:?}");
        }
    }

    fn run(values: Values<'_>) -> Vec<Result<Document>> {
        let mut out = VecDeque::new();
        let place = Place {
            name: "in.jsonl",
            line: 7,
        };
        push_document(place, &Fields::default(), values, &mut out);
        out.into()
    }

    fn values<'a>(
        text: Value<'a>,
        id: Value<'a>,
        date: Value<'a>,
        source: Value<'a>,
    ) -> Values<'a> {
        Values {
            text,
            id,
            date,
            source,
        }
    }

    #[test]
    fn names_fall_back_to_the_place_and_optional_fields_may_be_absent() {
        use Value::*;
        let docs = run(values(Str("Hi."), Missing, Missing, Missing));
        let doc = docs[0].as_ref().unwrap();
        assert_eq!(
            (
                doc.name.as_str(),
                doc.date.as_deref(),
                doc.source.as_deref()
            ),
            ("in.jsonl:7", None, None)
        );
        let docs = run(values(Str("Hi."), Str("  "), Str(""), Str("")));
        assert_eq!(docs[0].as_ref().unwrap().name, "in.jsonl:7");
        let docs = run(values(
            Str("Hi."),
            Number("42".into()),
            Str("2024-03-05T10:00Z"),
            Str(" Wire "),
        ));
        let doc = docs[0].as_ref().unwrap();
        assert_eq!(
            (
                doc.name.as_str(),
                doc.date.as_deref(),
                doc.source.as_deref()
            ),
            ("42", Some("2024-03-05"), Some("Wire"))
        );
    }

    #[test]
    fn blank_texts_are_skipped_without_an_error() {
        use Value::*;
        assert!(run(values(Str(""), Missing, Missing, Missing)).is_empty());
        assert!(run(values(Str(" \n\t"), Missing, Missing, Missing)).is_empty());
    }

    #[test]
    fn unusable_texts_are_record_errors() {
        use Value::*;
        for (text, message) in [
            (Missing, "in.jsonl:7: no text field \"text\""),
            (
                Number("3".into()),
                "in.jsonl:7: text field \"text\" is a number, not a string",
            ),
            (
                Other("an array"),
                "in.jsonl:7: text field \"text\" is an array, not a string",
            ),
        ] {
            let out = run(values(text, Missing, Missing, Missing));
            assert_eq!(out.len(), 1);
            let err = out[0].as_ref().unwrap_err();
            assert!(matches!(err, Error::Record { line: 7, .. }), "{err:?}");
            assert_eq!(err.to_string(), message);
        }
    }

    #[test]
    fn malformed_optional_fields_warn_and_the_document_is_still_read() {
        use Value::*;
        let out = run(values(
            Str("Hi."),
            Other("an object"),
            Str("last week"),
            Other("a boolean"),
        ));
        let messages: Vec<String> = out[..3]
            .iter()
            .map(|r| r.as_ref().unwrap_err().to_string())
            .collect();
        assert_eq!(
            messages,
            [
                "in.jsonl:7: field \"id\": an object, not a string or a number",
                "in.jsonl:7: field \"date\": \"last week\" is not a date (such as 2024-03-05 or 5 Mar 2024)",
                "in.jsonl:7: field \"source\": a boolean, not a string or a number",
            ]
        );
        let doc = out[3].as_ref().unwrap();
        assert_eq!(
            (
                doc.name.as_str(),
                doc.date.as_deref(),
                doc.source.as_deref()
            ),
            ("in.jsonl:7", None, None)
        );
        let out = run(values(
            Str("Hi."),
            Missing,
            Number("20240305".into()),
            Missing,
        ));
        assert_eq!(
            out[0].as_ref().unwrap_err().to_string(),
            "in.jsonl:7: field \"date\": 20240305 is a number, not a date (YYYY-MM-DD)"
        );
        assert!(out[1].is_ok());
    }
}
