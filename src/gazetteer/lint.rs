//! Warnings about gazetteer entries that load but may not do what their author wants, and counts.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;

use super::{AliasKind, CaseRule, EntityType, Gazetteer, Origin, Resolution, Target};
use crate::text::fold_case;

/// A warning about an entry, with the place it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// Where the entry was written.
    pub origin: Origin,
    /// What may be wrong, and what to do about it.
    pub message: String,
}

impl Gazetteer {
    /// Checks the entries written in the sources that `checked` selects (by index into
    /// [`Gazetteer::sources`]) and returns warnings sorted by place.
    ///
    /// Warned about: aliases claimed by several entities, single-word aliases that are also common
    /// English words (`common_words`, lowercase), entities without any alias, and suspicious case rules.
    pub fn lint(
        &self,
        checked: impl Fn(usize) -> bool,
        common_words: &HashSet<&str>,
    ) -> Vec<Warning> {
        let mut warnings = Vec::new();
        let mut warn = |origin: Origin, message: String| warnings.push(Warning { origin, message });

        // Aliases claimed by several entities.
        let mut claims: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, alias) in self.aliases.iter().enumerate() {
            if matches!(alias.target, Target::Entity(_)) && !alias.is_derived() {
                claims
                    .entry(fold_case(&alias.text).into_owned())
                    .or_default()
                    .push(i);
            }
        }
        for members in claims.values() {
            let mut entities: Vec<&str> = members
                .iter()
                .filter_map(|&i| self.entity_id_of(i))
                .collect();
            entities.sort_unstable();
            entities.dedup();
            if entities.len() < 2 {
                continue;
            }
            for &i in members {
                let alias = &self.aliases[i];
                let Some(origin) = alias.origin.filter(|o| checked(o.source)) else {
                    continue;
                };
                let how = match alias.resolution {
                    Resolution::Prefer => "this entity is preferred",
                    Resolution::Shared => "shared: the document's context decides",
                    Resolution::Unique => "the case rules keep the claims apart",
                };
                warn(
                    origin,
                    format!(
                        "alias {:?} is also claimed by {} ({how})",
                        alias.text,
                        others(&entities, self.entity_id_of(i))
                    ),
                );
            }
        }

        for alias in &self.aliases {
            let Some(origin) = alias.origin.filter(|o| checked(o.source)) else {
                continue;
            };
            let lower = alias.text.to_lowercase();
            let single_word = !alias.text.contains(' ');
            let is_common = single_word && common_words.contains(lower.as_str());
            match alias.case {
                CaseRule::Any if alias.target != Target::Negative && alias.text.chars().count() <= 3 => warn(
                    origin,
                    format!("alias {:?} is short and matches in any case (\"{lower}\" in ordinary text); use [exact]", alias.text),
                ),
                CaseRule::Any if is_common && alias.target != Target::Negative => warn(
                    origin,
                    format!("alias {:?} matches the common word \"{lower}\" in any case; use [exact] or [caps]", alias.text),
                ),
                CaseRule::Caps if is_common && alias.kind != AliasKind::Short => warn(
                    origin,
                    format!(
                        "alias {:?} is the common word \"{lower}\": it matches when capitalised (sentence starts, headlines); \
                         consider [exact], a negative entry, or removing it",
                        alias.text
                    ),
                ),
                CaseRule::Exact if !alias.text.chars().any(char::is_uppercase) && alias.text.chars().any(char::is_lowercase) => {
                    warn(origin, format!("alias {:?} is [exact] but has no capitals: it only matches lowercase text", alias.text))
                }
                _ => {}
            }
        }

        // Entities with nothing but their canonical name.
        let mut alias_count = vec![0usize; self.entities.len()];
        let mut first_origin: Vec<Option<Origin>> = vec![None; self.entities.len()];
        for alias in &self.aliases {
            if let Target::Entity(e) = alias.target {
                alias_count[e.index()] += 1;
                first_origin[e.index()] = first_origin[e.index()].or(alias.origin);
            }
        }
        for (index, entity) in self.entities.iter().enumerate() {
            if alias_count[index] > 1 {
                continue;
            }
            if let Some(origin) = first_origin[index].filter(|o| checked(o.source)) {
                warn(
                    origin,
                    format!(
                        "{} {:?} has no aliases besides its name",
                        entity.entity_type, entity.id
                    ),
                );
            }
        }
        warnings.sort_by(|a, b| {
            a.origin
                .cmp(&b.origin)
                .then_with(|| a.message.cmp(&b.message))
        });
        warnings.dedup();
        warnings
    }

    /// Counts entities and aliases per source and per type.
    pub fn stats(&self) -> GazetteerStats {
        let mut per_source: Vec<SourceStats> = self
            .sources
            .iter()
            .map(|s| SourceStats {
                source: s.clone(),
                ..SourceStats::default()
            })
            .collect();
        let mut per_type: BTreeMap<EntityType, TypeStats> = BTreeMap::new();
        let mut counted_entity = vec![false; self.entities.len()];
        let mut derived_short_forms = 0;
        for alias in &self.aliases {
            let Some(origin) = alias.origin else {
                derived_short_forms += 1;
                continue;
            };
            let source = &mut per_source[origin.source];
            match alias.target {
                Target::Negative => source.negative_phrases += 1,
                Target::Entity(e) => {
                    source.aliases += 1;
                    let entity_type = self.entities[e.index()].entity_type;
                    let stats = per_type.entry(entity_type).or_default();
                    stats.aliases += 1;
                    if !std::mem::replace(&mut counted_entity[e.index()], true) {
                        source.entities += 1;
                        stats.entities += 1;
                    }
                }
            }
        }
        GazetteerStats {
            per_source,
            per_type,
            derived_short_forms,
        }
    }

    fn entity_id_of(&self, alias: usize) -> Option<&str> {
        match self.aliases[alias].target {
            Target::Entity(e) => Some(self.entities[e.index()].id.as_str()),
            Target::Negative => None,
        }
    }
}

fn others(entities: &[&str], this: Option<&str>) -> String {
    entities
        .iter()
        .filter(|&&e| Some(e) != this)
        .copied()
        .collect::<Vec<_>>()
        .join(", ")
}

/// Counts for one source.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SourceStats {
    /// The source's name.
    pub source: String,
    /// Entities first defined in it.
    pub entities: usize,
    /// Names and aliases of entities written in it (canonical names included).
    pub aliases: usize,
    /// Negative phrases written in it.
    pub negative_phrases: usize,
}

/// Counts for one entity type.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct TypeStats {
    /// Entities of the type.
    pub entities: usize,
    /// Their names and aliases as written (canonical names included, derived short forms not).
    pub aliases: usize,
}

/// Counts of a gazetteer's contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GazetteerStats {
    /// Per source, in reading order.
    pub per_source: Vec<SourceStats>,
    /// Per entity type.
    pub per_type: BTreeMap<EntityType, TypeStats>,
    /// Surnames derived for people.
    pub derived_short_forms: usize,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::GazetteerBuilder;

    fn gazetteer(sources: &[(&str, &str)]) -> Gazetteer {
        let mut b = GazetteerBuilder::new();
        for (name, text) in sources {
            b.add_source(name, text).unwrap();
        }
        b.build().unwrap()
    }

    fn messages(g: &Gazetteer, checked: usize) -> Vec<(usize, String)> {
        let common: HashSet<&str> = ["turkey", "target", "apple"].into_iter().collect();
        g.lint(|s| s == checked, &common)
            .into_iter()
            .map(|w| (w.origin.line, w.message))
            .collect()
    }

    #[test]
    fn warns_about_risky_entries_in_the_checked_source_only() {
        let g = gazetteer(&[
            ("base.tsv", "country:TR\tCOUNTRY\tTurkey\tTürkiye\n"),
            (
                "mine.tsv",
                "org:target\tORG\tTarget Corporation\tTarget\n\
                 org:lonely\tORG\tLonely Org\n\
                 org:us\tORG\tUnited Stuff\tus [any]\n\
                 org:low\tORG\tLow Co\tlowco [exact]\n\
                 country:CG\tCOUNTRY\tCongo Republic\tCongo [shared]\n\
                 country:CD\tCOUNTRY\tCongo Democratic\tCongo [shared]\n",
            ),
        ]);
        let found = messages(&g, 1);
        let expect = |line: usize, needle: &str| {
            assert!(
                found.iter().any(|(l, m)| *l == line && m.contains(needle)),
                "line {line}: {needle:?} in {found:#?}"
            );
        };
        expect(1, "alias \"Target\" is the common word \"target\"");
        expect(2, "ORG \"org:lonely\" has no aliases besides its name");
        expect(3, "alias \"us\" is short and matches in any case");
        expect(4, "alias \"lowco\" is [exact] but has no capitals");
        expect(5, "alias \"Congo\" is also claimed by country:CD (shared: the document's context decides)");
        expect(6, "alias \"Congo\" is also claimed by country:CG");
        assert!(
            found.iter().all(|(_, m)| !m.contains("Turkey")),
            "base.tsv is not checked: {found:#?}"
        );
        assert_eq!(
            messages(&g, 0).len(),
            1,
            "base.tsv: Turkey is a common word"
        );
    }

    #[test]
    fn counts_per_source_and_type() {
        let g = gazetteer(&[
            (
                "a.tsv",
                "country:TR\tCOUNTRY\tTurkey\tTürkiye\nneg:x\tNOT\tturkey sandwich\tturkey club\n",
            ),
            (
                "b.tsv",
                "person:x\tPERSON\tJo Bloggs\ncountry:TR\tCOUNTRY\tTurkiye\n",
            ),
        ]);
        let stats = g.stats();
        let rows: Vec<(&str, usize, usize, usize)> = stats
            .per_source
            .iter()
            .map(|s| (s.source.as_str(), s.entities, s.aliases, s.negative_phrases))
            .collect();
        assert_eq!(rows, [("a.tsv", 1, 2, 2), ("b.tsv", 1, 2, 0)]);
        assert_eq!(
            stats.per_type[&EntityType::Country],
            TypeStats {
                entities: 1,
                aliases: 3
            }
        );
        assert_eq!(
            stats.per_type[&EntityType::Person],
            TypeStats {
                entities: 1,
                aliases: 1
            }
        );
        assert_eq!(stats.derived_short_forms, 1);
    }
}
