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
        "negatives.tsv",
        include_str!("../../gazetteers/negatives.tsv"),
    ),
];
