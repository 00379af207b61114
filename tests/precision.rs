//! The default gazetteers' precision decisions: names that are also common words, first names or
//! other places must not fire on those uses, and must still fire on the entity.
//!
//! One table, grouped by decision. Each row is a sentence and the mentions it must give, as
//! (text, entity id); every span is checked against the original text.

use std::sync::OnceLock;

use nergraph::gazetteer::Gazetteer;
use nergraph::tagger::Tagger;

fn tagger() -> &'static Tagger {
    static TAGGER: OnceLock<Tagger> = OnceLock::new();
    TAGGER.get_or_init(|| Tagger::new(Gazetteer::defaults().unwrap()).unwrap())
}

fn mentions(text: &str) -> Vec<(&str, &str)> {
    let tagger = tagger();
    tagger
        .tag(text)
        .into_iter()
        .map(|m| {
            (
                &text[m.span.clone()],
                tagger.gazetteer().entity(m.entity).id(),
            )
        })
        .collect()
}

/// (decision, sentence, expected mentions as (text, id)).
type Row = (
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
);

#[test]
fn precision_decisions() {
    let table: &[Row] = &[
        // Countries that are first names: exact case, and a first name before a surname is a person.
        ("Chad", "Chad Smith scored twice.", &[]),
        (
            "Chad",
            "Chad and Sudan signed a border deal.",
            &[("Chad", "country:TD"), ("Sudan", "country:SD")],
        ),
        ("Chad", "CHAD SMITH SCORES", &[]),
        ("Jordan", "Jordan Henderson captained the side.", &[]),
        (
            "Jordan",
            "Jordan hosted the talks.",
            &[("Jordan", "country:JO")],
        ),
        (
            "Jordan",
            "The Jordan Valley is fertile.",
            &[("Jordan", "country:JO")],
        ),
        ("Jordan", "Michael Jordan retired. Jordan was 35.", &[]),
        // Georgia the US state.
        (
            "Georgia",
            "Voters in the state of Georgia went to the polls.",
            &[],
        ),
        ("Georgia", "He studied at Georgia Tech in Atlanta.", &[]),
        (
            "Georgia",
            "Georgia and Russia fought a war in 2008.",
            &[("Georgia", "country:GE"), ("Russia", "country:RU")],
        ),
        // Common words, matched only as written.
        ("Turkey", "We ate turkey and a turkey sandwich.", &[]),
        (
            "Turkey",
            "Turkey and Greece disagree.",
            &[("Turkey", "country:TR"), ("Greece", "country:GR")],
        ),
        ("Apple", "An apple a day; apple pie.", &[]),
        (
            "Apple",
            "Apple sold more phones.",
            &[("Apple", "org:apple")],
        ),
        ("Amazon", "Fires in the Amazon rainforest spread.", &[]),
        (
            "Amazon",
            "Amazon hired staff. AMAZON SHARES FALL",
            &[("Amazon", "org:amazon")],
        ),
        ("Guinea", "a guinea pig and guinea fowl", &[]),
        (
            "Guinea",
            "Guinea-Bissau and Guinea held talks.",
            &[("Guinea-Bissau", "country:GW"), ("Guinea", "country:GN")],
        ),
        (
            "Mali",
            "Mali and Niger closed borders.",
            &[("Mali", "country:ML"), ("Niger", "country:NE")],
        ),
        // Party words alone are ordinary adjectives.
        ("Labour", "Labour costs rose; conservative estimates.", &[]),
        (
            "Conservative",
            "A Conservative Party MP spoke.",
            &[("Conservative Party", "org:uk-conservative-party")],
        ),
        ("Independent", "An independent inquiry began.", &[]),
        // Short forms that are words: months and modal verbs.
        (
            "May",
            "Theresa May spoke. In May the talks resumed.",
            &[("Theresa May", "person:theresa-may")],
        ),
        (
            "Will",
            "Will Russia act? It will.",
            &[("Russia", "country:RU")],
        ),
        (
            "Bush",
            "George W. Bush spoke. Bush fires burned in the bush.",
            &[
                ("George W. Bush", "person:george-w-bush"),
                ("Bush", "person:george-w-bush"),
            ],
        ),
        ("Bush", "Bush fires burned.", &[]),
        // Words inside longer words, and pronouns.
        (
            "Iran",
            "Iranian officials and Iranians in Iran.",
            &[
                ("Iranian", "country:IR"),
                ("Iranians", "country:IR"),
                ("Iran", "country:IR"),
            ],
        ),
        ("US", "Tell us about the USB bus.", &[]),
        (
            "Oman",
            "Romania and Omani traders",
            &[("Romania", "country:RO"), ("Omani", "country:OM")],
        ),
        // Competitions named after their governing bodies are events, not the bodies.
        (
            "events",
            "Ajax reached the UEFA Cup final, UEFA said.",
            &[("UEFA", "org:uefa")],
        ),
        // Clubs named after capitals are the clubs, not the governments.
        (
            "clubs",
            "Real Madrid beat Paris St Germain in Madrid.",
            &[
                ("Real Madrid", "org:real-madrid"),
                ("Paris St Germain", "org:paris-saint-germain"),
                ("Madrid", "country:ES"),
            ],
        ),
        // "IRA" alone is a retirement account or the Inflation Reduction Act as often as the army.
        (
            "IRA",
            "Put it in an IRA before the IRA tax credits end.",
            &[],
        ),
        (
            "IRA",
            "The Provisional IRA declared a ceasefire.",
            &[("Provisional IRA", "org:ira")],
        ),
        // Companies under the names the press uses, [exact] where the name is a word.
        (
            "Shell",
            "Shell and BP raised dividends; SHELL SHOCK for investors.",
            &[("Shell", "org:shell-plc"), ("BP", "org:bp")],
        ),
        // Bare names other countries' or states' bodies share are short forms: they name the body
        // only after a full name, and not when a word before them names another body.
        (
            "short forms",
            "The Agriculture Department said exports rose.",
            &[],
        ),
        (
            "short forms",
            "The U.S. Agriculture Department said exports rose. The Agriculture Department added \
             that the Irish Agriculture Department agreed.",
            &[
                (
                    "U.S. Agriculture Department",
                    "org:us-agriculture-department",
                ),
                ("Agriculture Department", "org:us-agriculture-department"),
                ("Irish", "country:IE"),
            ],
        ),
        (
            "short forms",
            "The European Commission fined Google. The Commission said the U.S. International \
             Trade Commission and Peru's Commission disagreed.",
            &[
                ("European Commission", "org:european-commission"),
                ("Google", "org:google"),
                ("Commission", "org:european-commission"),
                ("U.S. International Trade Commission", "org:us-itc"),
                ("Peru", "country:PE"),
            ],
        ),
        (
            "short forms",
            "The Spanish Constitutional Court ruled. The Constitutional Court also said. Peru's \
             Constitutional Court disagreed.",
            &[
                (
                    "Spanish Constitutional Court",
                    "org:es-constitutional-court",
                ),
                ("Constitutional Court", "org:es-constitutional-court"),
                ("Peru", "country:PE"),
            ],
        ),
        (
            "short forms",
            "ICE melted. ICE agents came after U.S. Immigration and Customs Enforcement said ICE \
             would act.",
            &[
                ("U.S. Immigration and Customs Enforcement", "org:us-ice"),
                ("ICE", "org:us-ice"),
            ],
        ),
        // Outlets and companies named by words, flags, scores, sponsors' events and people.
        (
            "outlets",
            "They raised the Stars and Stripes; the Stars and Stripes newspaper reported it.",
            &[("Stars and Stripes newspaper", "org:stars-and-stripes")],
        ),
        (
            "outlets",
            "France 24-18 Wales. It was Time to go, Time magazine said.",
            &[
                ("France", "country:FR"),
                ("Time magazine", "org:time-magazine"),
            ],
        ),
        (
            "companies",
            "Leinster won the Heineken Cup; Heineken shares rose. Ratan Tata met Tata Steel.",
            &[
                ("Heineken", "org:heineken-international"),
                ("Tata Steel", "org:tata-steel"),
            ],
        ),
        // Headlines.
        (
            "headline",
            "CHINA WARNS US OVER TAIWAN ARMS SALE",
            &[
                ("CHINA", "country:CN"),
                ("US", "country:US"),
                ("TAIWAN", "country:TW"),
            ],
        ),
        (
            "headline",
            "China Warns Us Over Taiwan Arms Sale",
            &[("China", "country:CN"), ("Taiwan", "country:TW")],
        ),
    ];
    let mut failures = Vec::new();
    for (decision, text, expected) in table {
        let found = mentions(text);
        if found != *expected {
            failures.push(format!(
                "{decision}: {text:?}\n  expected {expected:?}\n  found    {found:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
