//! Pictures: Graphviz lays the DOT graph out and draws it, run through graphviz-rust's `exec`
//! (the `dot` program on `PATH`, with `-K<layout>` and `-T<format>`; never a shell).
//!
//! ```no_run
//! use nergraph::export::render::{render_dot, ImageFormat, Layout};
//!
//! let svg = render_dot("graph { a -- b }", Layout::Sfdp, ImageFormat::Svg)?;
//! assert!(String::from_utf8_lossy(&svg).contains("<svg"));
//! # Ok::<(), nergraph::Error>(())
//! ```

use std::fmt;
use std::str::FromStr;

use graphviz_rust::cmd::{CommandArg, Format, Layout as GraphvizLayout};

use crate::error::{Error, Result};

/// How to install Graphviz, for messages.
pub const INSTALL_HINT: &str = "install Graphviz (Debian or Ubuntu: `apt-get install graphviz`; \
macOS: `brew install graphviz`; Windows: `winget install graphviz`)";

/// An image format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    /// Scalable vector graphics, with tooltips.
    Svg,
    /// A bitmap.
    Png,
    /// A vector document.
    Pdf,
}

impl ImageFormat {
    /// The file extension, which is also the name on the command line.
    pub fn extension(self) -> &'static str {
        match self {
            ImageFormat::Svg => "svg",
            ImageFormat::Png => "png",
            ImageFormat::Pdf => "pdf",
        }
    }
}

impl FromStr for ImageFormat {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "svg" => Ok(ImageFormat::Svg),
            "png" => Ok(ImageFormat::Png),
            "pdf" => Ok(ImageFormat::Pdf),
            _ => Err(Error::Config(format!(
                "invalid image format {s:?}: expected svg, png or pdf"
            ))),
        }
    }
}

/// A Graphviz layout engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Layout {
    /// Force-directed, scales to thousands of nodes (the default).
    #[default]
    Sfdp,
    /// Force-directed (spring model), good for small graphs.
    Neato,
    /// Force-directed; slow beyond a few hundred edges.
    Fdp,
    /// Hierarchical; draws a co-occurrence graph as layers, rarely what you want.
    Dot,
    /// Circular.
    Circo,
}

impl fmt::Display for Layout {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Layout::Sfdp => "sfdp",
            Layout::Neato => "neato",
            Layout::Fdp => "fdp",
            Layout::Dot => "dot",
            Layout::Circo => "circo",
        })
    }
}

impl FromStr for Layout {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "sfdp" => Ok(Layout::Sfdp),
            "neato" => Ok(Layout::Neato),
            "fdp" => Ok(Layout::Fdp),
            "dot" => Ok(Layout::Dot),
            "circo" => Ok(Layout::Circo),
            _ => Err(Error::Config(format!(
                "invalid layout {s:?}: expected sfdp, neato, fdp, dot or circo"
            ))),
        }
    }
}

/// Lays out and draws DOT text; returns the image's bytes.
///
/// Fails with [`Error::GraphvizMissing`] when the `dot` program is not on `PATH`, and with
/// [`Error::Graphviz`] (Graphviz's own message) when it rejects the input.
pub fn render_dot(dot: &str, layout: Layout, format: ImageFormat) -> Result<Vec<u8>> {
    let layout = match layout {
        Layout::Sfdp => GraphvizLayout::Sfdp,
        Layout::Neato => GraphvizLayout::Neato,
        Layout::Fdp => GraphvizLayout::Fdp,
        Layout::Dot => GraphvizLayout::Dot,
        Layout::Circo => GraphvizLayout::Circo,
    };
    let format = match format {
        ImageFormat::Svg => Format::Svg,
        ImageFormat::Png => Format::Png,
        ImageFormat::Pdf => Format::Pdf,
    };
    let args = vec![CommandArg::Layout(layout), CommandArg::Format(format)];
    graphviz_rust::exec_dot(dot.to_owned(), args).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Error::GraphvizMissing,
        _ => Error::Graphviz(e.to_string().trim().to_owned()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for name in ["sfdp", "neato", "fdp", "dot", "circo"] {
            assert_eq!(name.parse::<Layout>().unwrap().to_string(), name);
        }
        for name in ["svg", "png", "pdf"] {
            assert_eq!(name.parse::<ImageFormat>().unwrap().extension(), name);
        }
        assert!("twopi".parse::<Layout>().is_err());
        assert!("gif".parse::<ImageFormat>().is_err());
    }
}
