//! The progress line on standard error: documents, bytes, throughput, entities and edges so far.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};

/// A progress line, drawn only when standard error is a terminal and `--quiet` is not given.
pub struct Progress {
    bar: Option<ProgressBar>,
    documents: u64,
    bytes: u64,
    start: Instant,
}

impl Progress {
    /// Starts the progress line, unless `quiet` or standard error is not a terminal.
    pub fn new(quiet: bool) -> Self {
        let bar = (!quiet && std::io::stderr().is_terminal()).then(|| {
            let bar = ProgressBar::new_spinner();
            bar.set_style(
                ProgressStyle::with_template("{spinner} {elapsed_precise} {msg}")
                    .expect("the template is valid"),
            );
            bar.enable_steady_tick(Duration::from_millis(200));
            bar.set_message("reading...");
            bar
        });
        Progress {
            bar,
            documents: 0,
            bytes: 0,
            start: Instant::now(),
        }
    }

    /// Records a batch of `documents` documents and `bytes` bytes; `graph` is the number of
    /// entities and edges found so far, when the command counts them.
    pub fn batch(&mut self, documents: usize, bytes: usize, graph: Option<(usize, usize)>) {
        self.documents += documents as u64;
        self.bytes += bytes as u64;
        let Some(bar) = &self.bar else {
            return;
        };
        let seconds = self.start.elapsed().as_secs_f64().max(1e-3);
        let mb = self.bytes as f64 / 1e6;
        let mut message = format!(
            "{} documents, {mb:.1} MB ({:.1} MB/s)",
            self.documents,
            mb / seconds
        );
        if let Some((entities, edges)) = graph {
            message.push_str(&format!(", {entities} entities, {edges} edges"));
        }
        bar.set_message(message);
    }

    /// Removes the progress line.
    pub fn finish(self) {
        if let Some(bar) = self.bar {
            bar.finish_and_clear();
        }
    }
}
