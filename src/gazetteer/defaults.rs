//! The default gazetteer files, compiled into the binary.

/// The built-in sources as `(file name, contents)`, in the order they are read.
pub const DEFAULT_SOURCES: &[(&str, &str)] = &[
    (
        "countries.tsv",
        include_str!("../../gazetteers/countries.tsv"),
    ),
    (
        "organizations.tsv",
        include_str!("../../gazetteers/organizations.tsv"),
    ),
    ("people.tsv", include_str!("../../gazetteers/people.tsv")),
    (
        "organizations-generated.tsv",
        include_str!("../../gazetteers/organizations-generated.tsv"),
    ),
    (
        "people-generated.tsv",
        include_str!("../../gazetteers/people-generated.tsv"),
    ),
    (
        "negatives.tsv",
        include_str!("../../gazetteers/negatives.tsv"),
    ),
];

/// The most frequent English words, lowercase, one per line (`#` lines are comments), used to warn
/// about aliases that are also ordinary words. See `gazetteers/SOURCES.md`.
pub const COMMON_WORDS: &str = include_str!("../../gazetteers/common-words.txt");

/// English first names, one per line (`#` lines are comments), used to guess which suggested
/// candidates are people. See `gazetteers/SOURCES.md`.
pub const FIRST_NAMES: &str = include_str!("../../gazetteers/first-names.txt");
