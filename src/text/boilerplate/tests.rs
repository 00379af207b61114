use proptest::prelude::*;

use super::*;

const A: Option<&str> = Some("coastal-courier.example");
const B: Option<&str> = Some("harbour-times.example");

const HEADLINES: [&str; 8] = [
    "Dock workers reject pay offer",
    "Ferry operator adds winter sailings",
    "Council delays vote on harbour wall",
    "Fishing fleet returns early as storm nears",
    "New crane doubles container capacity",
    "Port pilots warn of staff shortage",
    "Grain exports recover after strike",
    "Cruise season opens with record bookings",
];

const BODIES: [&str; 8] = [
    "The union said members voted against the deal.",
    "Extra crossings will run on Fridays until March.",
    "Councillors asked for another study of the costs.",
    "Skippers said the forecast left them no choice.",
    "The operator said the crane cost about 12 million.",
    "Pilots said the shortage could delay large ships.",
    "Traders said loadings were back to normal levels.",
    "The tourism office expects more visitors than last year.",
];

/// A news story in the style of one site: a headline and body that differ per document, then the
/// site's footer (with the year changing from document to document).
fn story(n: usize, footer: bool) -> String {
    let mut text = format!("{}\n\n{}\n", HEADLINES[n % 8], BODIES[(n / 8 + n) % 8]);
    if footer {
        text.push_str(&format!(
            "\nSubscribe to the Coastal Courier newsletter\n\
             \u{00A9} {} Coastal Courier Media. All rights reserved.\n",
            2019 + n
        ));
    }
    text
}

fn small() -> BoilerplateConfig {
    BoilerplateConfig::builder()
        .sketch_bytes(64 << 10)
        .build()
        .unwrap()
}

fn slices<'a>(text: &'a str, ranges: &[Range<usize>]) -> Vec<&'a str> {
    ranges.iter().map(|r| &text[r.clone()]).collect()
}

#[test]
fn a_footer_repeated_by_one_source_is_boilerplate_there_only() {
    let mut counter = BoilerplateCounter::new(BoilerplateConfig::default());
    for n in 0..6 {
        counter.add_document(A, &story(n, true));
    }
    counter.add_document(B, &story(100, true));
    counter.add_document(B, &story(101, false));
    let filter = counter.finish();
    assert_eq!(filter.documents(), 8);

    let text = story(7, true);
    assert_eq!(
        slices(&text, &filter.lines(A, &text)),
        [
            "Subscribe to the Coastal Courier newsletter",
            "\u{00A9} 2026 Coastal Courier Media. All rights reserved.",
        ]
    );
    assert!(filter.lines(B, &text).is_empty());
    assert!(filter.lines(None, &text).is_empty());
    assert_eq!(
        filter.documents_with(A, "Subscribe to the Coastal Courier newsletter"),
        6
    );
    assert_eq!(
        filter.documents_with(B, "Subscribe to the Coastal Courier newsletter"),
        1
    );
}

#[test]
fn lines_below_the_thresholds_are_not_boilerplate() {
    let lines_of = |min_documents: u32| {
        let config = BoilerplateConfig::builder()
            .min_documents(min_documents)
            .sketch_bytes(64 << 10)
            .build()
            .unwrap();
        let mut counter = BoilerplateCounter::new(config);
        for n in 0..10 {
            let mut text = format!("Story {n} begins with news.\nAdvertisement\n\n   \n");
            if n < 4 {
                text.push_str("Read more from our business desk\n");
            }
            // Repeated within one document: still one document.
            if n == 0 {
                text.push_str("Read more from our business desk\n".repeat(5).as_str());
            }
            counter.add_document(A, &text);
        }
        let filter = counter.finish();
        let text = "Advertisement\nRead more from our business desk\nStory 3 begins with news.";
        slices(text, &filter.lines(A, text))
            .into_iter()
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    // "Story N begins with news." is one line in all ten documents once digits are folded; the
    // single word "Advertisement" is too short; the desk line is in 4 documents.
    assert_eq!(lines_of(5), ["Story 3 begins with news."]);
    assert_eq!(
        lines_of(4),
        [
            "Read more from our business desk",
            "Story 3 begins with news."
        ]
    );
    assert_eq!(
        lines_of(2),
        [
            "Read more from our business desk",
            "Story 3 begins with news."
        ]
    );
}

#[test]
fn lines_are_compared_normalised() {
    let same = [
        ("Follow us on Twitter", "  follow   US on\tTWITTER  "),
        ("\u{00A9} 2023 Example News", "\u{00A9} 2024 Example News"),
        ("Updated 09:15 GMT", "Updated 17:40 GMT"),
        ("\u{201C}Example\u{201D} News", "\"Example\" News"),
        ("Example \u{2014} News", "Example - News"),
        ("Caf\u{00C9} Society", "cafe\u{0301} society"),
    ];
    let different = [
        ("Follow us on Twitter", "Follow us on Facebook"),
        ("Follow us on Twitter", "Follow us, on Twitter"),
        ("Example News 24", "Example News"),
    ];
    for (a, b) in same.iter().chain(&different) {
        let mut counter = BoilerplateCounter::new(small());
        for _ in 0..5 {
            counter.add_document(A, a);
        }
        let filter = counter.finish();
        let expected = same.contains(&(a, b));
        assert_eq!(filter.is_boilerplate(A, b), expected, "{a:?} vs {b:?}");
        assert!(filter.is_boilerplate(A, a));
    }
}

#[test]
fn ranges_slice_the_original_text() {
    let line = "\u{201C}Caf\u{00E9}\u{201D} \u{2014} Follow\u{00A0}us";
    let mut counter = BoilerplateCounter::new(small());
    for _ in 0..5 {
        counter.add_document(A, &format!("{line}\n"));
    }
    let filter = counter.finish();
    let text = format!("First line here\n \t{line}\u{00A0} \r\nLast line here");
    let ranges = filter.lines(A, &text);
    assert_eq!(slices(&text, &ranges), [line]);
    let start = text.find('\u{201C}').unwrap();
    assert_eq!(ranges, vec![start..start + line.len()]);
}

#[test]
fn crlf_and_other_line_breaks() {
    let mut counter = BoilerplateCounter::new(small());
    for n in 0..5 {
        counter.add_document(
            A,
            &format!("Body {n} text\nSign up for alerts\nAll rights reserved\n"),
        );
    }
    let filter = counter.finish();
    for text in [
        "Sign up for alerts\r\nAll rights reserved\r\n",
        "Sign up for alerts\rAll rights reserved",
        "Sign up for alerts\u{2028}All rights reserved\u{2029}",
        "\r\n\r\nSign up for alerts\r\n\r\nAll rights reserved",
    ] {
        assert_eq!(
            slices(text, &filter.lines(A, text)),
            ["Sign up for alerts", "All rights reserved"],
            "{text:?}"
        );
    }
}

#[test]
fn lines_of_hard_wrapped_paragraphs_are_not_boilerplate() {
    let mut counter = BoilerplateCounter::new(small());
    for n in 0..8 {
        let text = format!(
            "Wheat exports rose {n} pct in the week\n\
             U.S. Agriculture Department said.\n\
             The U.S. Agriculture Department\n\
             said on Tuesday that stocks were ample.\n\n\
             In a filing with the Securities and Exchange Commission,\n\
             Acme Grain said it would buy the\n\
             Port Meridian terminal.\n\n\
             Follow us on Twitter\n\
             Subscribe to our newsletter\n"
        );
        counter.add_document(A, &text);
    }
    let filter = counter.finish();
    let text = "Corn sales fell in the week\nU.S. Agriculture Department said.\n\
                The U.S. Agriculture Department\nsaid prices were firm.\n\
                In a filing with the Securities and Exchange Commission,\n\
                Acme Grain said it would buy the\nPort Meridian terminal.\n\
                Follow us on Twitter\nSubscribe to our newsletter";
    // "U.S. Agriculture Department said." follows a line that does not end a sentence, but begins
    // with a capital, so it stands as a line of its own; lines joined by a lowercase start, a
    // comma or a final "the" do not.
    assert_eq!(
        slices(text, &filter.lines(A, text)),
        [
            "U.S. Agriculture Department said.",
            "Follow us on Twitter",
            "Subscribe to our newsletter"
        ]
    );
    assert!(!filter.is_boilerplate(A, "The U.S. Agriculture Department"));
}

#[test]
fn large_sources_need_a_share_of_their_documents() {
    let mut counter = BoilerplateCounter::new(small());
    for n in 0..1000 {
        let mut text = format!("Story {} of the day.\n", letters(n));
        if n < 8 {
            text.push_str("Terms were not disclosed.\n");
        }
        if n < 12 {
            text.push_str("Reporting by the business desk\n");
        }
        counter.add_document(A, &text);
    }
    for _ in 0..6 {
        counter.add_document(B, "Terms were not disclosed.");
    }
    let filter = counter.finish();
    assert_eq!(filter.threshold(A), 10);
    assert_eq!(filter.threshold(B), 5);
    assert_eq!(filter.threshold(None), 5);
    assert!(!filter.is_boilerplate(A, "Terms were not disclosed."));
    assert!(filter.is_boilerplate(A, "Reporting by the business desk"));
    assert!(filter.is_boilerplate(B, "Terms were not disclosed."));

    let config = BoilerplateConfig::builder()
        .sketch_bytes(64 << 10)
        .min_fraction(0.0)
        .build()
        .unwrap();
    let mut counter = BoilerplateCounter::new(config);
    for n in 0..1000 {
        counter.add_document(A, &format!("Story {} of the day.\n", letters(n)));
    }
    assert_eq!(counter.finish().threshold(A), 5);
}

#[test]
fn the_threshold_is_capped_at_the_counters_limit() {
    let config = BoilerplateConfig::builder()
        .min_fraction(0.5)
        .build()
        .unwrap();
    assert_eq!(config.threshold(0), 5);
    assert_eq!(config.threshold(11), 6);
    assert_eq!(config.threshold(510), 255);
    assert_eq!(config.threshold(1_000_000), 255);
}

#[test]
fn documents_without_a_source_share_one() {
    let mut counter = BoilerplateCounter::new(small());
    for _ in 0..5 {
        counter.add_document(None, "Sent from the news wire");
    }
    counter.add_document(Some(""), "Sent from the news wire");
    let filter = counter.finish();
    assert_eq!(filter.documents_with(None, "Sent from the news wire"), 5);
    assert_eq!(
        filter.documents_with(Some(""), "Sent from the news wire"),
        1
    );
}

#[test]
fn merging_equals_counting_in_one_go() {
    let docs: Vec<(Option<&str>, String)> = (0..40)
        .map(|n| (if n % 3 == 0 { B } else { A }, story(n, n % 2 == 0)))
        .collect();
    let mut sequential = BoilerplateCounter::new(small());
    for (source, text) in &docs {
        sequential.add_document(*source, text);
    }
    for split in [1, 7, 20, 39] {
        let (first, second) = docs.split_at(split);
        let mut one = BoilerplateCounter::new(small());
        let mut two = BoilerplateCounter::new(small());
        // The second part in reverse: order does not matter either.
        first.iter().for_each(|(s, t)| one.add_document(*s, t));
        second
            .iter()
            .rev()
            .for_each(|(s, t)| two.add_document(*s, t));
        two.merge(one);
        assert_eq!(two.sketch, sequential.sketch, "split at {split}");
        assert_eq!(two.sources, sequential.sources);
        assert_eq!(
            (two.documents(), two.occurrences()),
            (sequential.documents(), sequential.occurrences())
        );
    }
}

#[test]
#[should_panic(expected = "different configurations")]
fn counters_of_different_configurations_do_not_merge() {
    let mut one = BoilerplateCounter::new(small());
    one.merge(BoilerplateCounter::new(BoilerplateConfig::default()));
}

#[test]
fn counts_saturate() {
    let mut counter = BoilerplateCounter::new(small());
    for _ in 0..300 {
        counter.add_document(A, "Breaking news alert");
    }
    assert_eq!(
        counter.finish().documents_with(A, "Breaking news alert"),
        255
    );
}

#[test]
fn the_sketch_over_counts_only() {
    // A sketch far too small for the corpus (load about 20): counts are too high, never too low.
    let config = BoilerplateConfig::builder()
        .sketch_bytes(MIN_SKETCH_BYTES)
        .build()
        .unwrap();
    let mut counter = BoilerplateCounter::new(config);
    let mut truth = std::collections::BTreeMap::new();
    for doc in 0..500u64 {
        let lines: Vec<String> = (0..15)
            .map(|i| {
                let line = (doc * 7919 + i * 104_729) % 900;
                format!("Line {} words {} here", letters(line), letters(line / 3))
            })
            .collect();
        let mut distinct = lines.clone();
        distinct.sort();
        distinct.dedup();
        for line in distinct {
            *truth.entry(line).or_insert(0u32) += 1;
        }
        counter.add_document(A, &lines.join("\n"));
    }
    let filter = counter.finish();
    assert!(filter.load() > 10.0, "load {}", filter.load());
    let mut over = 0;
    for (line, &count) in &truth {
        let estimate = filter.documents_with(A, line);
        assert!(estimate >= count.min(255), "{line:?}: {estimate} < {count}");
        over += usize::from(estimate > count);
    }
    assert!(over > 0, "a sketch this full over-counts");
}

/// A number written with letters, so that digit folding keeps the lines apart.
fn letters(mut n: u64) -> String {
    let mut s = String::new();
    loop {
        s.push(char::from(b'a' + (n % 26) as u8));
        n /= 26;
        if n == 0 {
            return s;
        }
    }
}

#[test]
fn config_is_checked() {
    let bad = [
        BoilerplateConfig::builder().sketch_bytes(MIN_SKETCH_BYTES - 1),
        BoilerplateConfig::builder().min_documents(1),
        BoilerplateConfig::builder().min_documents(256),
        BoilerplateConfig::builder().min_words(0),
        BoilerplateConfig::builder().min_fraction(-0.1),
        BoilerplateConfig::builder().min_fraction(1.5),
        BoilerplateConfig::builder().min_fraction(f64::NAN),
    ];
    for builder in bad {
        assert!(builder.clone().build().is_err(), "{builder:?}");
    }
    assert_eq!(
        BoilerplateConfig::builder().build().unwrap(),
        BoilerplateConfig::default()
    );
    assert_eq!(BoilerplateConfig::default().sketch_bytes(), 16 << 20);
}

#[test]
fn the_filter_is_shared_between_threads() {
    fn shared<T: Send + Sync>() {}
    shared::<BoilerplateFilter>();
    shared::<BoilerplateCounter>();
}

/// Pieces that texts are built from: words with multi-byte characters, spaces of several kinds,
/// and every line break.
fn piece() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "news",
        "Caf\u{00E9}",
        "\u{201C}quote\u{201D}",
        "\u{00A9}",
        "2024",
        "e\u{0301}",
        "\u{1F600}",
        "\u{FB01}",
        " ",
        "  ",
        "\t",
        "\u{00A0}",
        "\u{2014}",
        "\n",
        "\r\n",
        "\r",
        "\u{2028}",
        "\n\n",
    ])
}

proptest! {
    #[test]
    fn ranges_are_sorted_disjoint_lines_on_char_boundaries(
        pieces in prop::collection::vec(piece(), 0..60),
        trained in prop::collection::vec(prop::bool::ANY, 0..60),
    ) {
        let text: String = pieces.concat();
        // Train on the text's own lines (some of them), each in enough documents.
        let mut counter = BoilerplateCounter::new(small());
        let lines: Vec<&str> = candidate_lines(&text).into_iter().map(|r| &text[r]).collect();
        let chosen: Vec<&str> = lines
            .iter()
            .zip(trained.iter().chain(std::iter::repeat(&true)))
            .filter(|(_, &t)| t)
            .map(|(l, _)| *l)
            .collect();
        for _ in 0..5 {
            counter.add_document(A, &chosen.join("\n\n"));
        }
        let filter = counter.finish();
        let ranges = filter.lines(A, &text);
        let mut previous_end = 0;
        for range in &ranges {
            prop_assert!(range.start < range.end && range.end <= text.len());
            prop_assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
            prop_assert!(range.start >= previous_end, "sorted and disjoint: {ranges:?}");
            previous_end = range.end;
            let line = &text[range.clone()];
            prop_assert_eq!(line.trim(), line);
            let has_break = line.contains(['\n', '\r', '\u{2028}', '\u{2029}']);
            prop_assert!(!has_break, "a line break in {:?}", line);
            prop_assert!(filter.is_boilerplate(A, line));
        }
        // Every chosen line long enough to count is found.
        let mut scratch = String::new();
        for line in &chosen {
            if line_key(0, line, 2, &mut scratch).is_some() {
                prop_assert!(slices(&text, &ranges).contains(line), "{line:?} missed");
            }
        }
    }
}

#[test]
fn debug_output_leaves_the_counters_out() {
    let counter = BoilerplateCounter::new(BoilerplateConfig::default());
    let debug = format!("{counter:?}");
    assert!(debug.len() < 1000, "{} bytes", debug.len());
    assert!(debug.contains("width: 5592405"), "{debug}");
}
