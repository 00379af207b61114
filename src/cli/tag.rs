//! `nergraph tag`: print mentions.

use std::io::{BufWriter, Write};

use anyhow::Result;
use nergraph::text::normalize;
use serde::Serialize;

use super::args::{TagArgs, TagFormat};
use super::common::{for_each_document, load_tagger};

/// One line of `--format jsonl`.
#[derive(Serialize)]
struct MentionRecord<'a> {
    doc: &'a str,
    start: usize,
    end: usize,
    text: &'a str,
    #[serde(rename = "type")]
    entity_type: &'a str,
    id: &'a str,
    name: &'a str,
    kind: &'a str,
    resolved_by: &'a str,
}

pub fn run(args: TagArgs) -> Result<()> {
    let tagger = load_tagger(&args.corpus)?;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    for_each_document(&args.corpus, |doc| {
        let normalized = normalize(&doc.text);
        for m in tagger.tag_normalized(&normalized) {
            let entity = tagger.gazetteer().entity(m.entity);
            let record = MentionRecord {
                doc: &doc.name,
                start: m.span.start,
                end: m.span.end,
                text: &doc.text[m.span.clone()],
                entity_type: entity.entity_type().as_str(),
                id: entity.id(),
                name: entity.name(),
                kind: m.kind.as_str(),
                resolved_by: m.resolved_by.as_str(),
            };
            match args.format {
                TagFormat::Jsonl => {
                    // An I/O error inside serde_json's error becomes an io::Error again, so that a
                    // closed pipe is recognised as one.
                    serde_json::to_writer(&mut out, &record).map_err(std::io::Error::from)?;
                    out.write_all(b"\n")?;
                }
                TagFormat::Text => writeln!(
                    out,
                    "{}:{}-{}\t{}\t{}\t{}",
                    record.doc,
                    record.start,
                    record.end,
                    record.entity_type,
                    record.id,
                    record.text.escape_debug()
                )?,
            }
        }
        Ok(())
    })?;
    out.flush()?;
    Ok(())
}
