//! `nergraph tag`: print mentions.

use std::io::{BufWriter, Write};

use anyhow::Result;
use nergraph::graph::Window;
use nergraph::pipeline::Pipeline;

use super::args::{TagArgs, TagFormat};
use super::common::{for_each_batch, load_tagger, set_threads, MentionRecord};
use super::progress::Progress;

pub fn run(args: TagArgs) -> Result<()> {
    set_threads(args.run.threads)?;
    let tagger = load_tagger(&args.corpus)?;
    let pipeline = Pipeline::new(&tagger, Window::Document);
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut progress = Progress::new(args.run.quiet);
    let result = for_each_batch(&args.corpus, |batch| {
        let tagged = pipeline.tag(&batch);
        for (doc, mentions) in batch.iter().zip(&tagged) {
            for m in mentions {
                let record = MentionRecord::new(tagger.gazetteer(), &doc.name, &doc.text, m);
                match args.format {
                    TagFormat::Jsonl => {
                        // An I/O error inside serde_json's error becomes an io::Error again, so
                        // that a closed pipe is recognised as one.
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
        }
        let bytes = batch.iter().map(|d| d.text.len()).sum();
        progress.batch(batch.len(), bytes, None);
        Ok(())
    });
    progress.finish();
    result?;
    out.flush()?;
    Ok(())
}
