//! `nergraph tag`: print mentions.

use std::io::{BufWriter, Write};

use anyhow::Result;
use nergraph::text::normalize;

use super::args::{TagArgs, TagFormat};
use super::common::{for_each_document, load_tagger, MentionRecord};

pub fn run(args: TagArgs) -> Result<()> {
    let tagger = load_tagger(&args.corpus)?;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    for_each_document(&args.corpus, |doc| {
        let normalized = normalize(&doc.text);
        for m in tagger.tag_normalized(&normalized) {
            let record = MentionRecord::new(tagger.gazetteer(), &doc.name, &doc.text, &m);
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
