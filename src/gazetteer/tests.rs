use super::*;

fn build(sources: &[(&str, &str)]) -> Result<Gazetteer> {
    let mut builder = GazetteerBuilder::new();
    for (name, contents) in sources {
        builder.add_source(name, contents)?;
    }
    builder.build()
}

fn aliases_of<'a>(g: &'a Gazetteer, id: &str) -> Vec<(&'a str, CaseRule, AliasKind)> {
    let e = g.entity_by_id(id).unwrap();
    g.aliases()
        .iter()
        .filter(|a| a.target() == Target::Entity(e))
        .map(|a| (a.text(), a.case(), a.kind()))
        .collect()
}

#[test]
fn default_case_rules() {
    let g = build(&[(
        "a.tsv",
        "country:US\tCOUNTRY\tUnited States\tUS | U.S. | america [any] | Amazonia [exact]\nneg:x\tNOT\tturkey sandwich\n",
    )])
    .unwrap();
    assert_eq!(
        aliases_of(&g, "country:US"),
        [
            ("United States", CaseRule::Caps, AliasKind::Name),
            ("US", CaseRule::Exact, AliasKind::Name),
            ("U.S.", CaseRule::Exact, AliasKind::Name),
            ("america", CaseRule::Any, AliasKind::Name),
            ("Amazonia", CaseRule::Exact, AliasKind::Name),
        ]
    );
    let negative = g
        .aliases()
        .iter()
        .find(|a| a.target() == Target::Negative)
        .unwrap();
    assert_eq!(
        (negative.text(), negative.case()),
        ("turkey sandwich", CaseRule::Any)
    );
}

#[test]
fn case_rules_accept_the_right_forms() {
    let alias = |text: &str, case| Alias {
        text: text.into(),
        target: Target::Negative,
        case,
        kind: AliasKind::Name,
        resolution: Resolution::Unique,
        origin: None,
    };
    let table = [
        ("US", CaseRule::Exact, "US", true),
        ("US", CaseRule::Exact, "us", false),
        ("US", CaseRule::Exact, "Us", false),
        ("Russia", CaseRule::Caps, "Russia", true),
        ("Russia", CaseRule::Caps, "RUSSIA", true),
        ("Russia", CaseRule::Caps, "russia", false),
        ("Russia", CaseRule::Caps, "RUSSia", false),
        ("Amazon", CaseRule::Exact, "AMAZON", false),
        ("Reddit", CaseRule::Any, "reddit", true),
        ("Reddit", CaseRule::Any, "rEDDIT", true),
        ("Türkiye", CaseRule::Caps, "TÜRKIYE", true),
    ];
    for (text, case, surface, expected) in table {
        assert_eq!(
            alias(text, case).accepts(surface),
            expected,
            "{text} {case:?} {surface}"
        );
    }
}

#[test]
fn aliases_are_normalised() {
    let g = build(&[(
        "a.tsv",
        "country:CI\tCOUNTRY\tIvory Coast\tC\u{00F4}te d\u{2019}Ivoire |  Cote   d'Ivoire \n",
    )])
    .unwrap();
    let texts: Vec<&str> = aliases_of(&g, "country:CI")
        .into_iter()
        .map(|a| a.0)
        .collect();
    assert_eq!(
        texts,
        ["Ivory Coast", "C\u{00F4}te d'Ivoire", "Cote d'Ivoire"]
    );
}

#[test]
fn surnames_are_derived_for_people() {
    let g = build(&[(
        "p.tsv",
        "person:a\tPERSON\tAntony Blinken\n\
         person:b\tPERSON\tMartin Luther King Jr.\n\
         person:c\tPERSON\tXi Jinping\tXi [short]\n\
         person:d\tPERSON\tTheresa May\n\
         person:e\tPERSON\tMadonna\n\
         org:f\tORG\tAcme Holdings\n",
    )])
    .unwrap();
    let shorts = |id: &str| -> Vec<&str> {
        aliases_of(&g, id)
            .into_iter()
            .filter(|a| a.2 == AliasKind::Short)
            .map(|a| a.0)
            .collect()
    };
    assert_eq!(shorts("person:a"), ["Blinken"]);
    assert_eq!(shorts("person:b"), ["King"]);
    assert_eq!(
        shorts("person:c"),
        ["Xi"],
        "an explicit short form replaces the derived one"
    );
    assert!(
        shorts("person:d").is_empty(),
        "a month is not a safe short form"
    );
    assert!(shorts("person:e").is_empty());
    assert!(shorts("org:f").is_empty());
}

#[test]
fn conflicting_aliases_are_errors_naming_both_places() {
    let err = build(&[
        (
            "a.tsv",
            "country:CG\tCOUNTRY\tRepublic of the Congo\tCongo\n",
        ),
        ("b.tsv", "# comment\ncountry:CD\tCOUNTRY\tDR Congo\tCongo\n"),
    ])
    .unwrap_err()
    .to_string();
    assert_eq!(
        err,
        "b.tsv:2: alias \"Congo\" of \"country:CD\" is already claimed by \"country:CG\" (a.tsv:1); mark one claimant [prefer] or all [shared]"
    );
}

#[test]
fn conflicts_depend_on_case_rules() {
    let ok =
        |a: &str, b: &str| build(&[("a.tsv", &format!("x:1\tORG\t{a}\nx:2\tORG\t{b}\n"))]).is_ok();
    assert!(
        ok("US", "Us [exact]"),
        "two exact forms that differ do not clash"
    );
    assert!(!ok("US", "Us"), "caps accepts the capitals form of Us");
    assert!(!ok("US", "us [any]"), "any-case claims every form");
    assert!(!ok("Georgia", "GEORGIA"), "caps accepts the capitals form");
    assert!(ok("Georgia [exact]", "GEORGIA"));
    assert!(ok("Congo [prefer]", "Congo"));
    assert!(ok("Congo [shared]", "Congo [shared]"));
    assert!(
        !ok("Congo [shared]", "Congo"),
        "all claimants must say shared"
    );
    assert!(
        !ok("Congo [prefer]", "Congo [prefer]"),
        "only one claimant may prefer"
    );
}

#[test]
fn same_alias_twice_for_one_entity_is_fine() {
    let g = build(&[("a.tsv", "org:r\tORG\tReddit\tReddit | reddit [any]\n")]).unwrap();
    assert_eq!(aliases_of(&g, "org:r").len(), 2);
}

#[test]
fn ids_and_layers() {
    let err = build(&[("a.tsv", "x:1\tORG\tA\nx:1\tORG\tB\n")])
        .unwrap_err()
        .to_string();
    assert_eq!(err, "a.tsv:2: duplicate id \"x:1\" (first used on line 1)");

    let g = build(&[
        ("a.tsv", "x:1\tORG\tAcme\n"),
        ("b.tsv", "x:1\tORG\tAcme Corp\tACME\n"),
    ])
    .unwrap();
    assert_eq!(g.entities().len(), 1);
    assert_eq!(g.entity(g.entity_by_id("x:1").unwrap()).name(), "Acme");
    assert_eq!(aliases_of(&g, "x:1").len(), 3, "a later layer adds aliases");

    let err = build(&[
        ("a.tsv", "x:1\tORG\tAcme\n"),
        ("b.tsv", "x:1\tPERSON\tAcme\n"),
    ])
    .unwrap_err()
    .to_string();
    assert_eq!(
        err,
        "b.tsv:1: id \"x:1\" was defined earlier as ORG, not PERSON"
    );

    let err = build(&[("a.tsv", "x:1\tNOT\tfoo\nx:1\tORG\tFoo\n")])
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("a.tsv:2: duplicate id"), "{err}");
}

#[test]
fn defaults_load() {
    let g = Gazetteer::defaults().expect("the default gazetteers are valid");
    for id in [
        "country:GB",
        "country:RU",
        "country:US",
        "org:ncsc",
        "org:fsb",
        "org:reddit",
    ] {
        assert!(g.entity_by_id(id).is_some(), "{id} is in the defaults");
    }
    assert!(
        g.entities()
            .iter()
            .filter(|e| e.entity_type() == EntityType::Country)
            .count()
            >= 240
    );
    assert_eq!(g.sources()[0], "builtin:countries.tsv");
}

#[test]
fn default_ids_are_well_formed_and_sorted_within_countries() {
    let g = Gazetteer::defaults().unwrap();
    for e in g.entities() {
        let prefix = match e.entity_type() {
            EntityType::Person => "person:",
            EntityType::Org => "org:",
            EntityType::Country => "country:",
        };
        assert!(
            e.id().starts_with(prefix),
            "{} should start with {prefix}",
            e.id()
        );
    }
}
