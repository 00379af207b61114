//! Association measures: how strongly two entities go together, beyond how often.
//!
//! Counts come from the windows (see [`Window`](super::Window)) that mention at least one entity:
//!
//! - `N`: the number of such windows in the corpus;
//! - `n(a)`: the number of windows that mention entity `a` (a node's `windows`);
//! - `n(a,b)`: the number of windows that mention both (the edge's `weight`);
//! - `s(a)`: the sum of the weights of `a`'s edges, and `m` the sum of all edge weights.
//!
//! | measure | formula | range |
//! |---|---|---|
//! | `count` | `n(a,b)` | 1 and up |
//! | `pmi` | `log2(n(a,b) N / (n(a) n(b)))` | below 0 (less often together than by chance) to `log2 N` |
//! | `npmi` | `pmi / -log2(n(a,b) / N)`, and 1 when `n(a,b) = N` | -1 to 1 |
//! | `jaccard` | `n(a,b) / (n(a) + n(b) - n(a,b))` | 0 to 1 |
//! | `dice` | `2 n(a,b) / (n(a) + n(b))` | 0 to 1 |
//! | `assoc` | `2 m n(a,b) / (s(a) s(b))`, the association strength of VOSviewer (van Eck and Waltman), computed on the whole graph before filters | above 0 |
//!
//! `pmi` and `npmi` favour rare pairs that always appear together; `jaccard` and `dice` favour
//! pairs whose windows overlap most; `assoc` corrects the count for how connected each entity is.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::Error;

/// Which measure drives filters and pictures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum WeightMeasure {
    /// The number of co-occurring windows.
    #[default]
    Count,
    /// Pointwise mutual information.
    Pmi,
    /// Normalised pointwise mutual information.
    Npmi,
    /// Jaccard index of the two entities' windows.
    Jaccard,
    /// Dice coefficient of the two entities' windows.
    Dice,
    /// Association strength (VOSviewer).
    #[serde(rename = "assoc")]
    Association,
}

impl WeightMeasure {
    /// The name used on the command line and in outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            WeightMeasure::Count => "count",
            WeightMeasure::Pmi => "pmi",
            WeightMeasure::Npmi => "npmi",
            WeightMeasure::Jaccard => "jaccard",
            WeightMeasure::Dice => "dice",
            WeightMeasure::Association => "assoc",
        }
    }
}

impl fmt::Display for WeightMeasure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for WeightMeasure {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        Ok(match s {
            "count" => WeightMeasure::Count,
            "pmi" => WeightMeasure::Pmi,
            "npmi" => WeightMeasure::Npmi,
            "jaccard" => WeightMeasure::Jaccard,
            "dice" => WeightMeasure::Dice,
            "assoc" => WeightMeasure::Association,
            _ => {
                return Err(Error::Config(format!(
                    "invalid weight {s:?}: expected count, pmi, npmi, jaccard, dice or assoc"
                )))
            }
        })
    }
}

/// The association measures of one edge.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Associations {
    /// Pointwise mutual information (log base 2).
    pub pmi: f64,
    /// Normalised pointwise mutual information.
    pub npmi: f64,
    /// Jaccard index.
    pub jaccard: f64,
    /// Dice coefficient.
    pub dice: f64,
    /// Association strength (VOSviewer).
    pub assoc: f64,
}

/// The counts behind one edge's measures; see the module documentation.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PairCounts {
    pub both: u64,
    pub windows_a: u64,
    pub windows_b: u64,
    pub windows: u64,
    pub strength_a: u64,
    pub strength_b: u64,
    pub total_weight: u64,
}

impl PairCounts {
    /// Computes the measures. Counts come from a real corpus, so `both <= windows_a, windows_b <=
    /// windows` and all are at least 1.
    pub(crate) fn associations(self) -> Associations {
        let f = |x: u64| x as f64;
        let (both, a, b, n) = (
            f(self.both),
            f(self.windows_a),
            f(self.windows_b),
            f(self.windows),
        );
        let pmi = (both * n / (a * b)).log2();
        let joint = both / n;
        let npmi = if joint >= 1.0 {
            1.0
        } else {
            pmi / -joint.log2()
        };
        Associations {
            pmi,
            npmi,
            jaccard: both / (a + b - both),
            dice: 2.0 * both / (a + b),
            assoc: 2.0 * f(self.total_weight) * both / (f(self.strength_a) * f(self.strength_b)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_by_hand() {
        // 8 windows; a in 4, b in 2, both in 2. Edge weights: a-b 2, a-c 1, b-c 1, so s(a) = 3,
        // s(b) = 3, m = 4.
        let m = PairCounts {
            both: 2,
            windows_a: 4,
            windows_b: 2,
            windows: 8,
            strength_a: 3,
            strength_b: 3,
            total_weight: 4,
        }
        .associations();
        // pmi = log2(2 * 8 / (4 * 2)) = log2(2) = 1
        assert!((m.pmi - 1.0).abs() < 1e-12);
        // npmi = 1 / -log2(2/8) = 1 / 2
        assert!((m.npmi - 0.5).abs() < 1e-12);
        // jaccard = 2 / (4 + 2 - 2) = 0.5; dice = 4 / 6
        assert!((m.jaccard - 0.5).abs() < 1e-12);
        assert!((m.dice - 2.0 / 3.0).abs() < 1e-12);
        // assoc = 2 * 4 * 2 / (3 * 3) = 16 / 9
        assert!((m.assoc - 16.0 / 9.0).abs() < 1e-12);
    }

    #[test]
    fn always_together_is_npmi_one() {
        let m = PairCounts {
            both: 3,
            windows_a: 3,
            windows_b: 3,
            windows: 3,
            strength_a: 3,
            strength_b: 3,
            total_weight: 3,
        }
        .associations();
        assert_eq!((m.npmi, m.jaccard, m.dice), (1.0, 1.0, 1.0));
        assert_eq!(m.pmi, 0.0);
    }

    #[test]
    fn names_round_trip() {
        for name in ["count", "pmi", "npmi", "jaccard", "dice", "assoc"] {
            assert_eq!(name.parse::<WeightMeasure>().unwrap().to_string(), name);
        }
        assert!("weight".parse::<WeightMeasure>().is_err());
    }
}
