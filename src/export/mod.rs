//! Stage 5: export. Writes a [`CooccurrenceGraph`](crate::graph::CooccurrenceGraph) in formats that
//! other tools read.
//!
//! | format | module | read with |
//! |---|---|---|
//! | node-link JSON | [`json`] | `networkx.node_link_graph`, pandas, any JSON reader |
//! | Graphviz DOT | [`dot`] | `dot`, `neato`, `sfdp` (Graphviz), Gephi |
//! | GraphML | [`graphml`] | `networkx.read_graphml`, igraph, Gephi, Cytoscape, yEd |
//! | GEXF 1.3 | [`gexf`] | Gephi, `networkx.read_gexf` |
//! | CSV node and edge tables | [`csv`] | pandas, R, spreadsheets, Gephi's spreadsheet import |
//!
//! Pictures (SVG, PNG, PDF) are drawn from the DOT by Graphviz ([`render`]).
//!
//! Every file is written to a temporary file in the target folder and renamed into place
//! ([`write_atomic`]), so a failed or interrupted run never leaves a half-written file behind.

pub mod csv;
pub mod dot;
pub mod gexf;
pub mod graphml;
pub mod json;
pub mod render;

use std::io::Write;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::graph::GraphFilter;

/// Facts about a run, written into the outputs.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Metadata {
    /// The nergraph version that wrote the file.
    pub nergraph_version: String,
    /// The co-occurrence window (`sentence`, `paragraph`, `document`, `tokens:N`).
    pub window: String,
    /// The number of documents read.
    pub documents: usize,
    /// The gazetteer sources, in the order they were read.
    pub gazetteers: Vec<String>,
    /// The filters applied to the graph.
    pub filter: GraphFilter,
}

/// Writes `contents` to `path` through a temporary file in the same folder and a rename.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<()> {
    let mut temp = temporary_file_for(path)?;
    temp.write_all(contents)
        .map_err(|e| Error::io(temp.path(), e))?;
    temp.as_file()
        .sync_all()
        .map_err(|e| Error::io(temp.path(), e))?;
    temp.persist(path).map_err(|e| Error::io(path, e.error))?;
    Ok(())
}

/// A temporary file in `path`'s folder, to be written and then renamed to `path` with
/// [`tempfile::NamedTempFile::persist`]; for outputs written bit by bit.
///
/// Its permissions are those of an ordinary new file (0666 less the umask), not the private 0600 of
/// temporary files, so that the renamed output is readable as users expect.
pub fn temporary_file_for(path: &Path) -> Result<tempfile::NamedTempFile> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let file_name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("output");
    let prefix = format!(".{file_name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    builder.tempfile_in(dir).map_err(|e| Error::io(dir, e))
}

/// Whether any node of `graph` has a date or a source: then the tables and XML formats declare and
/// fill `first_seen`, `last_seen` and `sources` (JSON always carries them when present).
pub(crate) fn has_seen(graph: &crate::graph::CooccurrenceGraph) -> bool {
    graph
        .nodes()
        .any(|n| n.first_seen.is_some() || n.sources.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_atomic_replaces_and_leaves_no_temporary_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("graph.json");
        write_atomic(&path, b"first").unwrap();
        write_atomic(&path, b"second").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"second");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["graph.json"]);
    }

    #[test]
    fn write_atomic_into_a_missing_folder_fails_cleanly() {
        let dir = tempfile::tempdir().unwrap();
        let err = write_atomic(&dir.path().join("missing/graph.json"), b"x").unwrap_err();
        assert!(err.to_string().contains("missing"), "{err}");
    }
}
