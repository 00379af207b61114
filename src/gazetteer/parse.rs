//! Parsing gazetteer files into rows, with file and line in every error.

use crate::error::{Error, Result};

use super::{AliasKind, CaseRule, Resolution};

/// What a row defines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum RowType {
    Entity(super::EntityType),
    Negative,
}

/// One parsed row: an entity (or negative entry) with its names.
#[derive(Debug)]
pub(super) struct Row<'a> {
    pub line: usize,
    pub id: &'a str,
    pub row_type: RowType,
    /// The canonical name first, then the aliases.
    pub names: Vec<ParsedName<'a>>,
}

/// A name or alias cell with its options.
#[derive(Debug, Clone)]
pub(super) struct ParsedName<'a> {
    pub text: &'a str,
    pub case: Option<CaseRule>,
    pub kind: AliasKind,
    pub resolution: Resolution,
}

/// Parses the rows of a gazetteer file; comments and blank lines are skipped.
pub(super) fn parse_rows<'a>(source_name: &str, contents: &'a str) -> Result<Vec<Row<'a>>> {
    let contents = contents.strip_prefix('\u{FEFF}').unwrap_or(contents);
    let mut rows = Vec::new();
    for (index, raw) in contents.lines().enumerate() {
        let line = index + 1;
        let text = raw.trim_end_matches('\r');
        if text.trim().is_empty() || text.trim_start().starts_with('#') {
            continue;
        }
        rows.push(parse_row(text, line).map_err(|message| Error::Gazetteer {
            source_name: source_name.to_owned(),
            line,
            message,
        })?);
    }
    Ok(rows)
}

fn parse_row(text: &str, line: usize) -> Result<Row<'_>, String> {
    let columns: Vec<&str> = text.split('\t').collect();
    if !(3..=4).contains(&columns.len()) {
        return Err(format!(
            "expected 3 or 4 tab-separated columns (id, type, name, aliases), found {}",
            columns.len()
        ));
    }
    let id = columns[0].trim();
    if id.is_empty() {
        return Err("empty id".into());
    }
    if let Some(c) = id.chars().find(|&c| !is_id_char(c)) {
        return Err(format!(
            "id {id:?} contains {c:?}; ids may not contain spaces, control characters, quotes, backslashes, <, >, &, {{ or }}"
        ));
    }
    let type_text = columns[1].trim();
    let row_type = match type_text {
        "NOT" => RowType::Negative,
        other => RowType::Entity(other.parse().map_err(|_| {
            format!("unknown type {other:?}; expected PERSON, ORG, COUNTRY or NOT")
        })?),
    };
    let mut names = vec![parse_name(columns[2]).map_err(|e| format!("name: {e}"))?];
    if let Some(aliases) = columns.get(3) {
        for cell in aliases.split('|') {
            if cell.trim().is_empty() {
                continue;
            }
            names.push(parse_name(cell).map_err(|e| format!("alias {:?}: {e}", cell.trim()))?);
        }
    }
    Ok(Row {
        line,
        id,
        row_type,
        names,
    })
}

/// Whether `c` may appear in an id. Ids travel into every output format unchanged, so characters that
/// need escaping somewhere are left out.
fn is_id_char(c: char) -> bool {
    !(c.is_whitespace()
        || c.is_control()
        || matches!(c, '"' | '\'' | '\\' | '<' | '>' | '&' | '{' | '}'))
}

/// Parses `text [option, option]`.
fn parse_name(cell: &str) -> Result<ParsedName<'_>, String> {
    let cell = cell.trim();
    let (text, options) = match cell.strip_suffix(']').and_then(|c| c.rsplit_once('[')) {
        Some((text, options)) => (text.trim_end(), Some(options)),
        None => (cell, None),
    };
    if text.is_empty() {
        return Err("empty name".into());
    }
    if !text.chars().any(char::is_alphanumeric) {
        return Err(format!("{text:?} has no letters or digits"));
    }
    if let Some(c) = text.chars().find(|c| c.is_control()) {
        return Err(format!("{text:?} contains the control character {c:?}"));
    }
    let mut name = ParsedName {
        text,
        case: None,
        kind: AliasKind::Name,
        resolution: Resolution::Unique,
    };
    let mut kind_set = false;
    for option in options
        .into_iter()
        .flat_map(|o| o.split(','))
        .map(str::trim)
    {
        if let Ok(case) = option.parse::<CaseRule>() {
            if name.case.replace(case).is_some() {
                return Err("more than one case rule".into());
            }
        } else if let Ok(kind) = option.parse::<AliasKind>() {
            if kind_set {
                return Err("more than one kind".into());
            }
            name.kind = kind;
            kind_set = true;
        } else if let Ok(resolution) = option.parse::<Resolution>() {
            if name.resolution != Resolution::Unique {
                return Err("both prefer and shared".into());
            }
            name.resolution = resolution;
        } else {
            return Err(format!(
                "unknown option {option:?}; expected exact, caps, any, name, acronym, demonym, capital, short, prefer or shared"
            ));
        }
    }
    Ok(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::EntityType;

    #[test]
    fn parses_a_row_with_options() {
        let rows = parse_rows(
            "t.tsv",
            "# comment\n\ncountry:GB\tCOUNTRY\tUnited Kingdom\tUK | British [demonym] | Britain [exact, prefer]\n",
        )
        .unwrap();
        assert_eq!(rows.len(), 1);
        let row = &rows[0];
        assert_eq!((row.line, row.id), (3, "country:GB"));
        assert_eq!(row.row_type, RowType::Entity(EntityType::Country));
        let texts: Vec<&str> = row.names.iter().map(|n| n.text).collect();
        assert_eq!(texts, ["United Kingdom", "UK", "British", "Britain"]);
        assert_eq!(row.names[2].kind, AliasKind::Demonym);
        assert_eq!(row.names[3].case, Some(CaseRule::Exact));
        assert_eq!(row.names[3].resolution, Resolution::Prefer);
    }

    #[test]
    fn tolerates_crlf_bom_and_empty_alias_cells() {
        let rows = parse_rows("t.tsv", "\u{FEFF}org:x\tORG\tX Corp\t| X Co ||\r\n").unwrap();
        let texts: Vec<&str> = rows[0].names.iter().map(|n| n.text).collect();
        assert_eq!(texts, ["X Corp", "X Co"]);
    }

    #[test]
    fn errors_name_file_and_line() {
        let cases = [
            ("a\tORG\n", "f.tsv:1: expected 3 or 4 tab-separated columns"),
            ("\n\na\tORG\tX\tY\tZ\n", "f.tsv:3: expected 3 or 4"),
            ("a\tCITY\tParis\n", "f.tsv:1: unknown type \"CITY\""),
            ("\tORG\tX\n", "f.tsv:1: empty id"),
            ("a b\tORG\tX\n", "f.tsv:1: id \"a b\" contains ' '"),
            ("a\\b\tORG\tX\n", "f.tsv:1: id \"a\\\\b\" contains '\\\\'"),
            ("a&b\tORG\tX\n", "f.tsv:1: id \"a&b\" contains '&'"),
            ("a\tORG\t \n", "f.tsv:1: name: empty name"),
            (
                "a\tORG\tX\tY [loud]\n",
                "f.tsv:1: alias \"Y [loud]\": unknown option \"loud\"",
            ),
            ("a\tORG\tX\tY [exact, any]\n", "more than one case rule"),
            ("a\tORG\tX\tY [prefer, shared]\n", "both prefer and shared"),
            ("a\tORG\tX\tY [short, acronym]\n", "more than one kind"),
            ("a\tORG\tX\t--\n", "has no letters or digits"),
        ];
        for (contents, expected) in cases {
            let err = parse_rows("f.tsv", contents).unwrap_err().to_string();
            assert!(err.contains(expected), "{contents:?}: {err}");
        }
    }
}
