use std::collections::HashSet;

use super::*;

/// A wire story as its agency sent it.
const WIRE: &str = "Harbour strike halts grain exports at Port Meridian

PORT MERIDIAN, March 4 - Dock workers at Port Meridian walked off the job on Tuesday, halting grain \
exports from the country's busiest harbour for the first time in eleven years, union leaders said.

The Meridian Dockers' Union said about 2,300 members joined the strike after talks with the port \
operator broke down late on Monday over pay and night-shift rules. \"We have waited two years for \
an offer that keeps up with prices,\" union secretary Tomas Varga told reporters outside the main gate.

The operator, Meridian Terminals, said it regretted the walkout and remained ready to return to the \
table. A spokeswoman said about 40 vessels were waiting at anchor, most of them bulk carriers booked \
to load wheat and barley for buyers in North Africa and the Middle East.

Traders said the stoppage had already pushed up freight rates on the route, and that exporters were \
looking at rail links to smaller ports further along the coast. \"Every day of this costs the farmers \
money,\" said grain merchant Elena Brandt, whose company ships about a fifth of the region's harvest.

The agriculture ministry said it was watching the situation closely and would meet both sides on \
Wednesday. The last strike at the port, in 2013, lasted nine days and ended with a three-year pay deal.";

/// The same story republished by a website: new headline, curly quotes, other line breaks and
/// spacing, a paragraph in capitals, and the site's footer.
const REPUBLISHED: &str = "Dockers walk out, leaving 40 ships stranded off Port Meridian\r\n\r\n\
PORT MERIDIAN, March 4 \u{2014} Dock workers at Port Meridian walked off the job on Tuesday,\r\n\
halting grain exports from the country\u{2019}s busiest harbour for the first time in eleven years,\r\n\
union leaders said.\r\n\r\n\
The Meridian Dockers\u{2019} Union said about 2,300 members joined the strike after talks with the port \
operator broke down late on Monday over pay and night-shift rules.   \u{201C}We have waited two years for \
an offer that keeps up with prices,\u{201D} union secretary Tomas Varga told reporters outside the main gate.\r\n\r\n\
THE OPERATOR, MERIDIAN TERMINALS, SAID IT REGRETTED THE WALKOUT AND REMAINED READY TO RETURN TO THE \
TABLE. A SPOKESWOMAN SAID ABOUT 40 VESSELS WERE WAITING AT ANCHOR, MOST OF THEM BULK CARRIERS BOOKED \
TO LOAD WHEAT AND BARLEY FOR BUYERS IN NORTH AFRICA AND THE MIDDLE EAST.\r\n\r\n\
Traders said the stoppage had already pushed up freight rates on the route, and that exporters were \
looking at rail links to smaller ports further along the coast. \u{201C}Every day of this costs the farmers \
money,\u{201D} said grain merchant Elena Brandt, whose company ships about a fifth of the region\u{2019}s harvest.\r\n\r\n\
The agriculture ministry said it was watching the situation closely and would meet both sides on \
Wednesday. The last strike at the port, in 2013, lasted nine days and ended with a three-year pay deal.\r\n\r\n\
Subscribe to The Coastal Courier newsletter for the day\u{2019}s top stories.\r\n\
\u{00A9} 2024 Coastal Courier Media. All rights reserved.\r\n";

/// A different story on the same strike, a day later, that reuses two sentences of the first.
const FOLLOW_UP: &str = "Port Meridian strike enters second day as talks stall

PORT MERIDIAN, March 5 - Striking dock workers at Port Meridian rejected a revised pay offer on \
Wednesday, and the queue of ships waiting outside the harbour grew to more than 50, the port \
operator said.

The Meridian Dockers' Union said about 2,300 members joined the strike after talks with the port \
operator broke down late on Monday over pay and night-shift rules.

Meridian Terminals said its new offer raised basic pay by six percent over two years and added a \
night-shift allowance, which it called its final proposal. Union secretary Tomas Varga said members \
had voted by a large majority to stay out until the company dropped plans to lengthen weekend shifts.

Farm groups urged the government to intervene, warning that storage on farms was running short \
weeks before the spring harvest. The agriculture minister, who chaired a meeting with both sides, \
said she would propose an independent mediator if no deal was reached by Friday.

The last strike at the port, in 2013, lasted nine days and ended with a three-year pay deal.";

/// An unrelated story.
const UNRELATED: &str = "City council approves new tram line

The city council voted on Thursday to build a tram line linking the northern suburbs with the \
university district, ending a decade of debate over the route. The project is expected to cost \
about 410 million and to open in 2029, officials said, with construction starting next spring.

Residents along the planned route have complained about noise and the loss of parking, and a \
group of shop owners said they would challenge the decision in court.";

fn config() -> DedupeConfig {
    DedupeConfig::default()
}

/// The exact Jaccard similarity of the two texts' shingle sets.
fn exact_jaccard(a: &str, b: &str, k: usize) -> f64 {
    let shingles = |text: &str| -> HashSet<Vec<u64>> {
        let mut words = Vec::new();
        for_each_word(text, |h| words.push(h));
        words.windows(k).map(<[u64]>::to_vec).collect()
    };
    let (a, b) = (shingles(a), shingles(b));
    a.intersection(&b).count() as f64 / a.union(&b).count() as f64
}

#[test]
fn republished_copy_is_a_duplicate() {
    let config = config();
    let exact = exact_jaccard(WIRE, REPUBLISHED, 5);
    assert!(exact > 0.8, "exact similarity {exact}");
    let (a, b) = (signature(WIRE, &config), signature(REPUBLISHED, &config));
    assert!(
        a.similarity(&b) >= config.threshold(),
        "{}",
        a.similarity(&b)
    );

    let mut dedupe = Deduplicator::new(config);
    assert_eq!(dedupe.insert(10, &a), None);
    assert_eq!(
        dedupe.insert(11, &signature(UNRELATED, dedupe.config())),
        None
    );
    assert_eq!(dedupe.insert(12, &b), Some(10));
    assert_eq!((dedupe.originals(), dedupe.duplicates()), (2, 1));
}

#[test]
fn stories_sharing_sentences_are_not_duplicates() {
    let config = config();
    let exact = exact_jaccard(WIRE, FOLLOW_UP, 5);
    assert!(exact > 0.05 && exact < 0.3, "exact similarity {exact}");
    let mut dedupe = Deduplicator::new(config.clone());
    assert_eq!(dedupe.insert(0, &signature(WIRE, &config)), None);
    assert_eq!(dedupe.insert(1, &signature(FOLLOW_UP, &config)), None);
    assert_eq!(dedupe.insert(2, &signature(UNRELATED, &config)), None);
    assert_eq!(dedupe.originals(), 3);
    assert!(dedupe.groups().is_empty());
}

#[test]
fn the_first_inserted_is_the_original() {
    let config = config();
    let (wire, copy) = (signature(WIRE, &config), signature(REPUBLISHED, &config));
    let mut forward = Deduplicator::new(config.clone());
    assert_eq!(forward.insert(0, &wire), None);
    assert_eq!(forward.insert(1, &copy), Some(0));
    let mut backward = Deduplicator::new(config);
    assert_eq!(backward.insert(1, &copy), None);
    assert_eq!(backward.insert(0, &wire), Some(1));
    assert_eq!(
        backward.groups(),
        [DuplicateGroup {
            original: 1,
            duplicates: vec![0]
        }]
    );
}

#[test]
fn groups_list_originals_with_their_duplicates_sorted() {
    let config = config();
    let edited = |text: &str, n: usize| format!("Update {n}: {text}\n\nReporting by the desk.");
    let mut dedupe = Deduplicator::new(config.clone());
    let inserts = [
        (7, edited(UNRELATED, 1)),
        (3, WIRE.to_owned()),
        (9, edited(WIRE, 2)),
        (4, FOLLOW_UP.to_owned()),
        (8, edited(UNRELATED, 3)),
        (5, edited(WIRE, 4)),
        (6, REPUBLISHED.to_owned()),
    ];
    let answers: Vec<Option<usize>> = inserts
        .iter()
        .map(|(doc, text)| dedupe.insert(*doc, &signature(text, &config)))
        .collect();
    assert_eq!(
        answers,
        [None, None, Some(3), None, Some(7), Some(3), Some(3)]
    );
    assert_eq!(
        dedupe.groups(),
        [
            DuplicateGroup {
                original: 3,
                duplicates: vec![5, 6, 9]
            },
            DuplicateGroup {
                original: 7,
                duplicates: vec![8]
            },
        ]
    );
}

#[test]
fn short_documents_are_never_duplicates() {
    let config = config();
    let short =
        "Dock workers at Port Meridian walked off the job on Tuesday, halting grain exports.";
    let sig = signature(short, &config);
    assert!(sig.is_empty());
    assert_eq!(sig.similarity(&sig), 0.0);
    let mut dedupe = Deduplicator::new(config.clone());
    assert_eq!(dedupe.insert(0, &sig), None);
    assert_eq!(dedupe.insert(1, &sig), None);
    assert_eq!(dedupe.originals(), 0);

    // Fewer words than one shingle, even when the minimum is lower.
    let tiny = DedupeConfig::builder().min_words(0).build().unwrap();
    assert!(signature("Four words only here", &tiny).is_empty());
    assert!(!signature("Five words are here now", &tiny).is_empty());
    assert!(signature("", &tiny).is_empty());
}

#[test]
fn signatures_are_deterministic() {
    let config = config();
    assert_eq!(signature(WIRE, &config), signature(WIRE, &config));
    // Fixed values: a change of tokenisation, hashing or hash functions changes them.
    let sig = signature(
        "one two three four five six seven eight nine ten eleven twelve thirteen fourteen \
         fifteen sixteen seventeen eighteen nineteen twenty",
        &config,
    );
    assert_eq!(sig.len(), 100);
    let again = signature(
        "ONE two, three \u{2014} four five six seven eight nine ten eleven twelve thirteen \
         fourteen fifteen sixteen seventeen eighteen nineteen twenty!",
        &config,
    );
    assert_eq!(sig, again);
    assert_eq!(&sig.values()[..2], [FIRST_VALUE, SECOND_VALUE]);
}

const FIRST_VALUE: u64 = 1_187_355_589_003_898_033;
const SECOND_VALUE: u64 = 470_831_556_678_409_554;

#[test]
fn similarity_estimates_jaccard() {
    // Two texts of 400 distinct words, the first `shared` of them the same, have shingle sets of
    // known similarity. One estimate from 100 values has a standard deviation of at most 0.05, so
    // it must be within 0.2 of the truth (4 standard deviations), and the mean of 20 estimates
    // (over different words) within 0.035 of the exact mean: estimates from hash functions that
    // are too much alike scatter more or lean to one side.
    let config = config();
    for shared in [0, 100, 200, 300, 400] {
        let (mut exact, mut estimate) = (0.0, 0.0);
        for variant in 0..20 {
            let a: Vec<String> = (0..400).map(|i| format!("v{variant}w{i}")).collect();
            let b: Vec<String> = (0..400)
                .map(|i| match i < shared {
                    true => format!("v{variant}w{i}"),
                    false => format!("v{variant}x{i}"),
                })
                .collect();
            let (a, b) = (a.join(" "), b.join(" "));
            let one_exact = exact_jaccard(&a, &b, 5);
            let one_estimate = signature(&a, &config).similarity(&signature(&b, &config));
            assert!(
                (one_estimate - one_exact).abs() <= 0.2,
                "shared {shared}, variant {variant}: exact {one_exact}, estimate {one_estimate}"
            );
            exact += one_exact / 20.0;
            estimate += one_estimate / 20.0;
        }
        assert!(
            (estimate - exact).abs() <= 0.035,
            "shared {shared}: exact {exact}, estimate {estimate}"
        );
    }
}

#[test]
fn candidate_probability_follows_the_s_curve() {
    let config = config();
    let p = |j| config.candidate_probability(j);
    assert!((p(0.5) - 0.4701).abs() < 1e-3);
    assert!(p(0.7) > 0.97 && p(0.3) < 0.05);
    assert_eq!(p(0.0), 0.0);
    assert_eq!(p(1.0), 1.0);
}

#[test]
fn config_is_checked() {
    let bad = [
        DedupeConfig::builder().threshold(0.0),
        DedupeConfig::builder().threshold(1.5),
        DedupeConfig::builder().threshold(f64::NAN),
        DedupeConfig::builder().shingle_words(0),
        DedupeConfig::builder().shingle_words(MAX_SHINGLE_WORDS + 1),
        DedupeConfig::builder().bands(0, 5),
        DedupeConfig::builder().bands(5, 0),
        DedupeConfig::builder().bands(64, 9),
    ];
    for builder in bad {
        assert!(builder.clone().build().is_err(), "{builder:?}");
    }
    let ok = DedupeConfig::builder()
        .threshold(1.0)
        .shingle_words(MAX_SHINGLE_WORDS)
        .bands(64, 8)
        .min_words(0)
        .build()
        .unwrap();
    assert_eq!(ok.hashes(), MAX_HASHES);
    assert_eq!(
        DedupeConfig::builder().build().unwrap(),
        DedupeConfig::default()
    );
}

#[test]
#[should_panic(expected = "another configuration")]
fn signatures_of_another_configuration_are_refused() {
    let other = DedupeConfig::builder().bands(16, 8).build().unwrap();
    let mut dedupe = Deduplicator::new(DedupeConfig::default());
    dedupe.insert(0, &signature(WIRE, &other));
}

#[test]
fn signatures_can_be_computed_in_parallel() {
    use rayon::prelude::*;
    let config = config();
    let texts = [WIRE, REPUBLISHED, FOLLOW_UP, UNRELATED];
    let parallel: Vec<Signature> = texts.par_iter().map(|t| signature(t, &config)).collect();
    let sequential: Vec<Signature> = texts.iter().map(|t| signature(t, &config)).collect();
    assert_eq!(parallel, sequential);
}
