use super::*;
use crate::gazetteer::{CaseRule, GazetteerBuilder};

const GAZETTEER: &str = "\
country:US\tCOUNTRY\tUnited States\tUS | U.S. | America | American [demonym]
country:CN\tCOUNTRY\tChina\tChinese [demonym] | Beijing [capital]
country:RU\tCOUNTRY\tRussia\tRussian [demonym] | Moscow [capital]
country:GB\tCOUNTRY\tUnited Kingdom\tUK | Britain | British [demonym]
country:IR\tCOUNTRY\tIran\tIranian [demonym]
country:OM\tCOUNTRY\tOman
country:IN\tCOUNTRY\tIndia\tIndian [demonym]
country:PK\tCOUNTRY\tPakistan\tPakistani [demonym]
country:TR\tCOUNTRY\tTurkey [exact]
country:CG\tCOUNTRY\tRepublic of the Congo\tCongo [shared]
country:CD\tCOUNTRY\tDemocratic Republic of the Congo\tCongo [shared] | DRC
org:nato\tORG\tNorth Atlantic Treaty Organization\tNATO [acronym]
org:nyfed\tORG\tFederal Reserve Bank of New York\tNew York Fed
org:reddit\tORG\tReddit\treddit [any]
org:amazon\tORG\tAmazon [exact]
org:cisa\tORG\tCybersecurity and Infrastructure Security Agency
org:ncsc\tORG\tNational Cyber Security Centre\tNCSC [acronym]
org:republicans\tORG\tRepublican Party\tRepublican
org:pl-court\tORG\tPolish Constitutional Tribunal\tConstitutional Tribunal [short]
person:antony-blinken\tPERSON\tAntony Blinken
person:boris-johnson\tPERSON\tBoris Johnson
person:lyndon-johnson\tPERSON\tLyndon B. Johnson
person:xi-jinping\tPERSON\tXi Jinping\tXi [short]
person:liz-truss\tPERSON\tLiz Truss
person:jane-smith\tPERSON\tJane Smith
place:ny\tCOUNTRY\tNew York
neg:food\tNOT\tturkey sandwich\tguinea pig
";

fn tagger() -> Tagger {
    let mut builder = GazetteerBuilder::new();
    builder.add_source("test.tsv", GAZETTEER).unwrap();
    Tagger::new(builder.build().unwrap()).unwrap()
}

/// Tags `text` and returns (surface, entity id) pairs, checking that every span slices the original.
fn tag<'a>(tagger: &'a Tagger, text: &'a str) -> Vec<(&'a str, &'a str)> {
    tagger
        .tag(text)
        .into_iter()
        .map(|m| {
            let surface = text.get(m.span.clone()).expect("span on char boundaries");
            (surface, tagger.gazetteer().entity(m.entity).id())
        })
        .collect()
}

fn check(cases: &[(&str, &[(&str, &str)])]) {
    let t = tagger();
    for (text, expected) in cases {
        assert_eq!(tag(&t, text), *expected, "text: {text:?}");
    }
}

#[test]
fn word_boundaries() {
    check(&[
        ("US troops", &[("US", "country:US")]),
        ("a USB stick and a BUS", &[]),
        ("Iranian oil", &[("Iranian", "country:IR")]),
        ("Iran", &[("Iran", "country:IR")]),
        ("Romania and Omani", &[]),
        ("Oman.", &[("Oman", "country:OM")]),
        ("(Russia)", &[("Russia", "country:RU")]),
        ("Russia2", &[]),
        ("Россия Russia", &[("Russia", "country:RU")]),
        ("ZRussia", &[]),
    ]);
}

#[test]
fn case_rules() {
    check(&[
        ("he told us", &[]),
        ("Us and them", &[]),
        (
            "RUSSIA WARNS UK",
            &[("RUSSIA", "country:RU"), ("UK", "country:GB")],
        ),
        ("russia", &[]),
        ("Turkey and TURKEY", &[("Turkey", "country:TR")]),
        (
            "on reddit and REDDIT",
            &[("reddit", "org:reddit"), ("REDDIT", "org:reddit")],
        ),
        ("Amazon, not AMAZON", &[("Amazon", "org:amazon")]),
    ]);
}

#[test]
fn leftmost_longest() {
    check(&[
        (
            "the Federal Reserve Bank of New York said",
            &[("Federal Reserve Bank of New York", "org:nyfed")],
        ),
        ("in New York today", &[("New York", "place:ny")]),
        (
            "the United States and the UK",
            &[("United States", "country:US"), ("UK", "country:GB")],
        ),
        ("Federal Reserve Bank of New Yorkers", &[]),
    ]);
}

#[test]
fn a_rejected_long_match_does_not_hide_a_shorter_one() {
    // "New York Fed" fails its boundary in "New York Fedora"; "New York" still counts.
    check(&[("a New York Fedora", &[("New York", "place:ny")])]);
}

#[test]
fn possessives_and_hyphens() {
    check(&[
        ("China's economy", &[("China", "country:CN")]),
        ("China\u{2019}s economy", &[("China", "country:CN")]),
        ("CHINA'S ECONOMY", &[("CHINA", "country:CN")]),
        ("the Johnsons' house", &[]),
        (
            "US-China talks",
            &[("US", "country:US"), ("China", "country:CN")],
        ),
        (
            "US\u{2013}China talks",
            &[("US", "country:US"), ("China", "country:CN")],
        ),
        ("a Beijing-based firm", &[("Beijing", "country:CN")]),
        ("a NATO-led mission", &[("NATO", "org:nato")]),
        (
            "the then-Republican senator",
            &[("Republican", "org:republicans")],
        ),
        (
            "the Indian-Pakistani border",
            &[("Indian", "country:IN"), ("Pakistani", "country:PK")],
        ),
        ("O'Russia", &[]),
        ("Russia'd", &[]),
    ]);
}

#[test]
fn negative_entries() {
    check(&[
        ("a turkey sandwich", &[]),
        ("a Turkey sandwich", &[]),
        ("a guinea pig", &[]),
        ("Turkey sandwiched between", &[("Turkey", "country:TR")]),
    ]);
}

#[test]
fn short_names_need_an_earlier_full_name() {
    check(&[
        ("Blinken spoke.", &[]),
        (
            "Antony Blinken arrived. Blinken spoke. Mr Blinken left. Mr. Blinken's aide stayed.",
            &[
                ("Antony Blinken", "person:antony-blinken"),
                ("Blinken", "person:antony-blinken"),
                ("Blinken", "person:antony-blinken"),
                ("Blinken", "person:antony-blinken"),
            ],
        ),
        (
            "Liz Truss met Xi Jinping. Ms Truss and Xi talked.",
            &[
                ("Liz Truss", "person:liz-truss"),
                ("Xi Jinping", "person:xi-jinping"),
                ("Truss", "person:liz-truss"),
                ("Xi", "person:xi-jinping"),
            ],
        ),
        (
            "Jane Smith arrived. Dr. Smith spoke.",
            &[
                ("Jane Smith", "person:jane-smith"),
                ("Smith", "person:jane-smith"),
            ],
        ),
        ("Jinping spoke.", &[]),
    ]);
}

#[test]
fn ambiguous_short_names_stay_unresolved() {
    check(&[(
        "Boris Johnson and Lyndon B. Johnson. Johnson said.",
        &[
            ("Boris Johnson", "person:boris-johnson"),
            ("Lyndon B. Johnson", "person:lyndon-johnson"),
        ],
    )]);
    check(&[(
        "Boris Johnson spoke. Johnson said.",
        &[
            ("Boris Johnson", "person:boris-johnson"),
            ("Johnson", "person:boris-johnson"),
        ],
    )]);
}

#[test]
fn shared_aliases_need_context() {
    check(&[
        ("Congo", &[]),
        (
            "The DRC said. Congo agreed.",
            &[("DRC", "country:CD"), ("Congo", "country:CD")],
        ),
        (
            "Democratic Republic of the Congo and Republic of the Congo. Congo?",
            &[
                ("Democratic Republic of the Congo", "country:CD"),
                ("Republic of the Congo", "country:CG"),
            ],
        ),
    ]);
}

#[test]
fn acronyms_defined_in_the_text() {
    check(&[
        (
            "The Cybersecurity and Infrastructure Security Agency (CISA) warned. CISA said more.",
            &[
                (
                    "Cybersecurity and Infrastructure Security Agency",
                    "org:cisa",
                ),
                ("CISA", "org:cisa"),
                ("CISA", "org:cisa"),
            ],
        ),
        (
            "CISA first. Cybersecurity and Infrastructure Security Agency (CISA) later.",
            &[
                (
                    "Cybersecurity and Infrastructure Security Agency",
                    "org:cisa",
                ),
                ("CISA", "org:cisa"),
            ],
        ),
        // A definition in the text wins over the gazetteer from then on.
        (
            "NCSC here. North Atlantic Treaty Organization (NCSC) there. NCSC again.",
            &[
                ("NCSC", "org:ncsc"),
                ("North Atlantic Treaty Organization", "org:nato"),
                ("NCSC", "org:nato"),
                ("NCSC", "org:nato"),
            ],
        ),
        // An organisation's acronym takes a legal form like its name does.
        (
            "Reddit (RC) RC Co\r\n",
            &[
                ("Reddit", "org:reddit"),
                ("RC", "org:reddit"),
                ("RC Co", "org:reddit"),
            ],
        ),
        // An acronym that does not start like the mention is not its definition.
        (
            "The agency in Russia (CAR) said. CAR agreed.",
            &[("Russia", "country:RU")],
        ),
        // Two definitions for one acronym: unresolved after the second.
        (
            "Reddit (RC) and Republican Party (RC). RC said.",
            &[
                ("Reddit", "org:reddit"),
                ("RC", "org:reddit"),
                ("Republican Party", "org:republicans"),
            ],
        ),
        (
            "Russia (pictured) and Iran (2)",
            &[("Russia", "country:RU"), ("Iran", "country:IR")],
        ),
    ]);
}

#[test]
fn spans_point_into_the_original_after_normalisation() {
    check(&[
        (
            "the United\u{00A0}States said",
            &[("United\u{00A0}States", "country:US")],
        ),
        ("\u{201C}Russia\u{201D}", &[("Russia", "country:RU")]),
        ("\u{FEFF}UK", &[("UK", "country:GB")]),
        ("Rus\u{00AD}sia", &[("Rus\u{00AD}sia", "country:RU")]),
        ("caf\u{00E9} Russia", &[("Russia", "country:RU")]),
        ("United\nStates", &[("United\nStates", "country:US")]),
        (
            "\u{FF35}\u{FF2B} troops",
            &[("\u{FF35}\u{FF2B}", "country:GB")],
        ),
    ]);
}

#[test]
fn mention_metadata() {
    let t = tagger();
    let mentions = t.tag("Antony Blinken and Blinken in Moscow");
    let kinds: Vec<(AliasKind, ResolvedBy)> =
        mentions.iter().map(|m| (m.kind, m.resolved_by)).collect();
    assert_eq!(
        kinds,
        [
            (AliasKind::Name, ResolvedBy::Alias),
            (AliasKind::Short, ResolvedBy::Context),
            (AliasKind::Capital, ResolvedBy::Alias),
        ]
    );
}

#[test]
fn boundary_helper() {
    let table = [
        ("US", 0, 2, true),
        ("USB", 0, 2, false),
        ("BUS", 1, 3, false),
        ("O'Brien", 2, 7, false),
        ("'Brien'", 1, 6, true),
        ("China's", 0, 5, true),
        ("China'sx", 0, 5, false),
        ("Davis' car", 0, 5, true),
        ("U.S.A", 0, 4, true),
        ("", 0, 0, false),
    ];
    for (text, s, e, expected) in table {
        assert_eq!(
            at_word_boundaries(text, s, e),
            expected,
            "{text:?} {s}..{e}"
        );
    }
}

#[test]
fn names_broken_across_lines_are_found() {
    check(&[
        ("the United\nStates", &[("United\nStates", "country:US")]),
        (
            "the United\r\nStates said",
            &[("United\r\nStates", "country:US")],
        ),
        (
            "Antony\r\nBlinken",
            &[("Antony\r\nBlinken", "person:antony-blinken")],
        ),
    ]);
}

#[test]
fn context_rules() {
    check(&[
        // Inside a longer institution or event name.
        ("prices on the Moscow Stock Exchange fell", &[]),
        ("the Russia Open Championships", &[]),
        ("the National Bank of China said", &[]),
        (
            "the Chinese Foreign Ministry said",
            &[("Chinese", "country:CN")],
        ),
        // After a first name: a surname, here and later in the document.
        (
            "Anthony Iran won. Iran was pleased. Oman lost.",
            &[("Oman", "country:OM")],
        ),
        // A first name that is a common word, or a match itself, marks no surname.
        ("Will Russia act?", &[("Russia", "country:RU")]),
        (
            "Oman Russia talks",
            &[("Oman", "country:OM"), ("Russia", "country:RU")],
        ),
    ]);
    let mut builder = GazetteerBuilder::new();
    builder.add_source("test.tsv", GAZETTEER).unwrap();
    let plain = TaggerBuilder::new()
        .context_rules(false)
        .build(builder.build().unwrap())
        .unwrap();
    assert_eq!(
        tag(&plain, "the Moscow Stock Exchange").len(),
        1,
        "rules can be switched off"
    );
}

#[test]
fn organisation_short_forms_stand_alone() {
    check(&[
        (
            "The Polish Constitutional Tribunal ruled. The Constitutional Tribunal also said. \
             Constitutional Tribunal judges met.",
            &[
                ("Polish Constitutional Tribunal", "org:pl-court"),
                ("Constitutional Tribunal", "org:pl-court"),
                ("Constitutional Tribunal", "org:pl-court"),
            ],
        ),
        // Without the full name earlier, a short form names nothing.
        ("The Constitutional Tribunal ruled.", &[]),
        // Qualified by a possessive or a capitalised word, it names another country's body.
        (
            "Polish Constitutional Tribunal. Then Peru's Constitutional Tribunal and the Peruvian \
             Constitutional Tribunal and U.S. Constitutional Tribunal ruled.",
            &[
                ("Polish Constitutional Tribunal", "org:pl-court"),
                ("U.S.", "country:US"),
            ],
        ),
        // A word that ends the sentence before does not qualify it.
        (
            "Polish Constitutional Tribunal. He met Smith. Constitutional Tribunal judges agreed.",
            &[
                ("Polish Constitutional Tribunal", "org:pl-court"),
                ("Constitutional Tribunal", "org:pl-court"),
            ],
        ),
    ]);
}

#[test]
fn company_mentions_take_their_legal_form() {
    check(&[
        (
            "shares of Amazon Inc. rose",
            &[("Amazon Inc", "org:amazon")],
        ),
        ("Reddit Co said", &[("Reddit Co", "org:reddit")]),
        ("Reddit & Co Inc said", &[("Reddit & Co Inc", "org:reddit")]),
        ("Reddit Co Ltd said", &[("Reddit Co Ltd", "org:reddit")]),
        ("Reddit & Sons", &[("Reddit", "org:reddit")]),
        ("Reddit & Co-founder", &[("Reddit", "org:reddit")]),
        ("Reddit Company said", &[("Reddit", "org:reddit")]),
        ("Russia SA", &[("Russia", "country:RU")]),
    ]);
}

/// Aliases that exercise the case rules on the surface text: non-ASCII capitals, a lowercase
/// first letter, `any` with accents, and forms that start with punctuation.
const CASE_GAZETTEER: &str = "\
country:TR\tCOUNTRY\tT\u{fc}rkiye\tTurkish [demonym]
country:AT\tCOUNTRY\t\u{d6}sterreich
country:US\tCOUNTRY\tUnited States\tUS
org:elysee\tORG\t\u{c9}lys\u{e9}e Palace
org:ebay\tORG\teBay [exact]
org:sg\tORG\tSoci\u{e9}t\u{e9} G\u{e9}n\u{e9}rale [any]
org:ndrangheta\tORG\t'Ndrangheta
org:dotnet\tORG\t.NET Foundation
person:xi-jinping\tPERSON\tXi Jinping\tXi [short]
neg:food\tNOT\tturkey sandwich
";

fn check_cases(cases: &[(&str, &[(&str, &str)])]) {
    let mut builder = GazetteerBuilder::new();
    builder.add_source("case.tsv", CASE_GAZETTEER).unwrap();
    let t = Tagger::new(builder.build().unwrap()).unwrap();
    for (text, expected) in cases {
        assert_eq!(tag(&t, text), *expected, "text: {text:?}");
    }
}

#[test]
fn all_caps_headlines() {
    check_cases(&[
        (
            "T\u{dc}RKIYE AND \u{d6}STERREICH SIGN DEAL",
            &[
                ("T\u{dc}RKIYE", "country:TR"),
                ("\u{d6}STERREICH", "country:AT"),
            ],
        ),
        (
            "THE UNITED STATES'S ENVOY",
            &[("UNITED STATES", "country:US")],
        ),
        (
            "XI JINPING MET XI",
            &[
                ("XI JINPING", "person:xi-jinping"),
                ("XI", "person:xi-jinping"),
            ],
        ),
        ("UNITED\nSTATES", &[("UNITED\nSTATES", "country:US")]),
        (
            "\u{c9}LYS\u{c9}E PALACE",
            &[("\u{c9}LYS\u{c9}E PALACE", "org:elysee")],
        ),
        ("TURKEY SANDWICH", &[]),
    ]);
}

#[test]
fn mixed_case_is_neither_form() {
    check_cases(&[
        (
            "T\u{fc}RKIYE t\u{fc}rkiye T\u{fc}rkiye",
            &[("T\u{fc}rkiye", "country:TR")],
        ),
        ("\u{e9}lys\u{e9}e palace", &[]),
        ("aUS Us", &[]),
        ("eBay", &[("eBay", "org:ebay")]),
        ("EBAY Ebay", &[]),
    ]);
}

#[test]
fn any_case_with_accents() {
    check_cases(&[
        (
            "SOCI\u{c9}T\u{c9} G\u{c9}N\u{c9}RALE",
            &[("SOCI\u{c9}T\u{c9} G\u{c9}N\u{c9}RALE", "org:sg")],
        ),
        (
            "soci\u{e9}t\u{e9} g\u{e9}n\u{e9}rale",
            &[("soci\u{e9}t\u{e9} g\u{e9}n\u{e9}rale", "org:sg")],
        ),
        ("SOCI\u{c9}T\u{c9} G\u{c9}N\u{c9}RALEs", &[]),
    ]);
}

#[test]
fn word_boundaries_at_the_edges_of_capitals() {
    check_cases(&[
        ("UNITED STATESMAN", &[]),
        ("USB US.", &[("US", "country:US")]),
        ("US-BACKED", &[("US", "country:US")]),
        ("T\u{dc}RKIYE-BACKED", &[("T\u{dc}RKIYE", "country:TR")]),
        ("\u{d6}STERREICH'S", &[("\u{d6}STERREICH", "country:AT")]),
        ("T\u{fc}rkiye\u{2019}s", &[("T\u{fc}rkiye", "country:TR")]),
        // A letter before or after, ASCII or not, joins the words.
        ("\u{dc}T\u{dc}RKIYE T\u{dc}RKIYE\u{dc}", &[]),
        (
            "\u{d6}\u{d6}sterreich \u{d6}sterreichs S\u{d6}STERREICH",
            &[],
        ),
        ("\u{c9}LYS\u{c9}E PALACEs", &[]),
    ]);
}

#[test]
fn aliases_that_start_with_punctuation() {
    check_cases(&[
        ("the 'Ndrangheta clan", &[("'Ndrangheta", "org:ndrangheta")]),
        // No word boundary is needed before a form that does not start with a letter or digit.
        ("O'Ndrangheta", &[("'Ndrangheta", "org:ndrangheta")]),
        ("the .NET Foundation", &[(".NET Foundation", "org:dotnet")]),
        (".NET Foundation", &[(".NET Foundation", "org:dotnet")]),
    ]);
}

/// The matches chosen for `norm` as the plain definition has them: every alias that accepts the
/// text at some span under its case rule, kept when the span is at word boundaries, the longest
/// per start, then leftmost-longest. Each as (start, end, indices of the accepting aliases).
fn reference_matches(tagger: &Tagger, norm: &str) -> Vec<(usize, usize, Vec<u32>)> {
    let spaced = single_spaced(norm);
    let accepts = |alias: &Alias, surface: &str| match alias.case() {
        CaseRule::Exact => surface == alias.text(),
        CaseRule::Caps => {
            let upper = alias.text().to_uppercase();
            surface == alias.text()
                || upper != alias.text() && alias.accepts(&upper) && surface == upper
        }
        CaseRule::Any => matching_form(surface) == matching_form(alias.text()),
    };
    let mut best: Vec<(usize, usize, Vec<u32>)> = Vec::new();
    for start in (0..norm.len()).filter(|&s| norm.is_char_boundary(s)) {
        let mut longest: Option<(usize, Vec<u32>)> = None;
        for (index, alias) in tagger.gazetteer().aliases().iter().enumerate() {
            let end = start + alias.text().len();
            let Some(surface) = spaced.get(start..end) else {
                continue;
            };
            if !accepts(alias, surface) || !at_word_boundaries(norm, start, end) {
                continue;
            }
            match &mut longest {
                Some((e, list)) if *e == end => list.push(index as u32),
                Some((e, _)) if *e > end => {}
                _ => longest = Some((end, vec![index as u32])),
            }
        }
        if let Some((end, list)) = longest {
            best.push((start, end, list));
        }
    }
    let mut chosen: Vec<(usize, usize, Vec<u32>)> = Vec::new();
    for m in best {
        if chosen.last().is_none_or(|last| last.1 <= m.0) {
            chosen.push(m);
        }
    }
    chosen
}

/// Pieces of text that make matches, near misses, case variants and boundaries in any order.
const PIECES: &[&str] = &[
    "Russia",
    "RUSSIA",
    "russia",
    "Russian",
    "RUSSIANS",
    "United States",
    "UNITED STATES",
    "United",
    "STATES",
    "US",
    "USB",
    "us",
    "Turkey",
    "TURKEY",
    "turkey sandwich",
    "Reddit",
    "rEdDiT",
    "New York",
    "NEW YORK",
    "Fed",
    "Federal Reserve Bank of New York",
    "Xi",
    "XI",
    "Jinping",
    "T\u{fc}rkiye",
    "T\u{dc}RKIYE",
    "t\u{fc}rkiye",
    "\u{c9}lys\u{e9}e Palace",
    "\u{c9}LYS\u{c9}E",
    "Soci\u{e9}t\u{e9} G\u{e9}n\u{e9}rale",
    "SOCI\u{c9}T\u{c9}",
    "eBay",
    "EBAY",
    "'Ndrangheta",
    ".NET Foundation",
    " ",
    " ",
    " ",
    "\n",
    "\t",
    "-",
    "'",
    "'s",
    ".",
    ",",
    "\u{e9}",
    "\u{c9}",
    "x",
    "X",
    "0",
    "\u{2019}",
];

proptest::proptest! {
    #[test]
    fn matches_follow_the_definition(pieces in proptest::collection::vec(0..PIECES.len(), 0..24)) {
        let text: String = pieces.iter().map(|&i| PIECES[i]).collect();
        let mut builder = GazetteerBuilder::new();
        builder.add_source("test.tsv", GAZETTEER).unwrap();
        builder.add_source("case.tsv", CASE_GAZETTEER).unwrap();
        let tagger = Tagger::new(builder.build().unwrap()).unwrap();
        let normalized = normalize(&text);
        let norm = normalized.as_str();
        let found: Vec<(usize, usize, Vec<u32>)> = choose_leftmost_longest(tagger.candidates(norm))
            .iter()
            .map(|c| {
                let mut readings = Vec::new();
                tagger.push_readings(norm, c, &mut readings);
                let aliases = tagger.gazetteer().aliases();
                let indices = readings
                    .iter()
                    .map(|r| aliases.iter().position(|a| std::ptr::eq(a, *r)).unwrap() as u32)
                    .collect();
                (c.start, c.end, indices)
            })
            .collect();
        proptest::prop_assert_eq!(found, reference_matches(&tagger, norm), "text: {:?}", text);
    }
}
