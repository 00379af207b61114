//! Stage 2: gazetteer. Reads entity lists, validates them, and holds them ready for the tagger.
//!
//! The file format is documented in `gazetteers/README.md`. A [`GazetteerBuilder`] reads any number
//! of sources in order (the built-in defaults first, usually) and [`GazetteerBuilder::build`] checks
//! them as a whole: ids, types, and aliases that two entities claim.
//!
//! ```
//! use nergraph::gazetteer::{EntityType, GazetteerBuilder};
//!
//! let mut builder = GazetteerBuilder::new();
//! builder.add_source("mine.tsv", "org:ncsc\tORG\tNational Cyber Security Centre\tNCSC [acronym]\n")?;
//! let gazetteer = builder.build()?;
//! let ncsc = gazetteer.entity_by_id("org:ncsc").unwrap();
//! assert_eq!(gazetteer.entity(ncsc).entity_type(), EntityType::Org);
//! # Ok::<(), nergraph::Error>(())
//! ```

mod defaults;
mod lint;
mod parse;
mod suggest;

use std::collections::HashMap;
use std::fmt;
use std::path::Path;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::text::{fold_case, normalize, CALENDAR_WORDS};
pub use defaults::{COMMON_WORDS, DEFAULT_SOURCES, FIRST_NAMES};
pub use lint::{GazetteerStats, SourceStats, TypeStats, Warning};
use parse::{parse_rows, RowType};
pub use suggest::{Suggester, Suggestion};

/// The kinds of entity nergraph tags.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum EntityType {
    /// A person.
    Person,
    /// An organisation: a company, agency, party, international body, outlet...
    Org,
    /// A country or territory.
    Country,
}

impl EntityType {
    /// The name used in files and outputs: `PERSON`, `ORG` or `COUNTRY`.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Person => "PERSON",
            EntityType::Org => "ORG",
            EntityType::Country => "COUNTRY",
        }
    }
}

impl fmt::Display for EntityType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for EntityType {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        match s {
            "PERSON" => Ok(EntityType::Person),
            "ORG" => Ok(EntityType::Org),
            "COUNTRY" => Ok(EntityType::Country),
            _ => Err(()),
        }
    }
}

/// Which capitalisations of the text an alias matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CaseRule {
    /// Only the form as written.
    Exact,
    /// The form as written, or the same in capitals (for ALL-CAPS headlines).
    Caps,
    /// Any capitalisation.
    Any,
}

impl CaseRule {
    /// The name used in files: `exact`, `caps` or `any`.
    pub fn as_str(self) -> &'static str {
        match self {
            CaseRule::Exact => "exact",
            CaseRule::Caps => "caps",
            CaseRule::Any => "any",
        }
    }
}

impl FromStr for CaseRule {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        match s {
            "exact" => Ok(CaseRule::Exact),
            "caps" => Ok(CaseRule::Caps),
            "any" => Ok(CaseRule::Any),
            _ => Err(()),
        }
    }
}

/// What an alias is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AliasKind {
    /// A full name.
    Name,
    /// An abbreviation.
    Acronym,
    /// A demonym or adjective of a country.
    Demonym,
    /// A capital standing for its country's government.
    Capital,
    /// A short form that only names an entity already named in the same document.
    Short,
}

impl AliasKind {
    /// The name used in files and outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            AliasKind::Name => "name",
            AliasKind::Acronym => "acronym",
            AliasKind::Demonym => "demonym",
            AliasKind::Capital => "capital",
            AliasKind::Short => "short",
        }
    }
}

impl FromStr for AliasKind {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        match s {
            "name" => Ok(AliasKind::Name),
            "acronym" => Ok(AliasKind::Acronym),
            "demonym" => Ok(AliasKind::Demonym),
            "capital" => Ok(AliasKind::Capital),
            "short" => Ok(AliasKind::Short),
            _ => Err(()),
        }
    }
}

/// How an alias claimed by several entities is resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Resolution {
    /// The alias belongs to one entity (the default).
    Unique,
    /// This entity wins the alias over other claimants.
    Prefer,
    /// The alias is shared; the document's context decides.
    Shared,
}

impl FromStr for Resolution {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        match s {
            "prefer" => Ok(Resolution::Prefer),
            "shared" => Ok(Resolution::Shared),
            _ => Err(()),
        }
    }
}

/// The index of an entity in its [`Gazetteer`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EntityId(u32);

impl EntityId {
    /// The index as a `usize`.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// An entity: a person, organisation or country.
#[derive(Debug, Clone)]
pub struct Entity {
    id: String,
    entity_type: EntityType,
    name: String,
}

impl Entity {
    /// The stable id from the gazetteer (`country:GB`).
    pub fn id(&self) -> &str {
        &self.id
    }
    /// The entity's type.
    pub fn entity_type(&self) -> EntityType {
        self.entity_type
    }
    /// The canonical name.
    pub fn name(&self) -> &str {
        &self.name
    }
}

/// What an alias points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    /// An entity.
    Entity(EntityId),
    /// A negative entry: the phrase must not produce a mention.
    Negative,
}

/// Where an alias was written: a source of the gazetteer and a line in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Origin {
    /// The index of the source in [`Gazetteer::sources`].
    pub source: usize,
    /// The 1-based line number.
    pub line: usize,
}

/// One name under which an entity (or a negative phrase) is matched.
#[derive(Debug, Clone)]
pub struct Alias {
    text: String,
    target: Target,
    case: CaseRule,
    kind: AliasKind,
    resolution: Resolution,
    /// Where the alias was written; `None` for derived short forms.
    origin: Option<Origin>,
}

impl Alias {
    /// The alias text, normalised as the tagger sees it.
    pub fn text(&self) -> &str {
        &self.text
    }
    /// What the alias names.
    pub fn target(&self) -> Target {
        self.target
    }
    /// Which capitalisations match.
    pub fn case(&self) -> CaseRule {
        self.case
    }
    /// What kind of name it is.
    pub fn kind(&self) -> AliasKind {
        self.kind
    }
    /// How a claim by several entities is resolved.
    pub fn resolution(&self) -> Resolution {
        self.resolution
    }
    /// Whether nergraph derived the alias (a person's surname) rather than reading it from a file.
    pub fn is_derived(&self) -> bool {
        self.origin.is_none()
    }
    /// Where the alias was written; `None` for derived short forms.
    pub fn origin(&self) -> Option<Origin> {
        self.origin
    }
    /// Whether the alias only resolves with the help of the document's context.
    pub fn is_contextual(&self) -> bool {
        self.kind == AliasKind::Short || self.resolution == Resolution::Shared
    }

    /// Whether `surface` (normalised text of the same folded form) matches under the case rule.
    pub fn accepts(&self, surface: &str) -> bool {
        match self.case {
            CaseRule::Exact => surface == self.text,
            CaseRule::Caps => surface == self.text || is_upper_form(surface, &self.text),
            CaseRule::Any => fold_case(surface) == fold_case(&self.text),
        }
    }
}

/// Whether `surface` is `text` written in capitals.
fn is_upper_form(surface: &str, text: &str) -> bool {
    surface.len() == text.len()
        && !surface.chars().any(char::is_lowercase)
        && fold_case(surface) == fold_case(text)
}

/// A compiled set of entities and aliases, ready for [`crate::tagger::Tagger`].
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    entities: Vec<Entity>,
    aliases: Vec<Alias>,
    sources: Vec<String>,
    by_id: HashMap<String, EntityId>,
}

impl Gazetteer {
    /// Builds the default gazetteer compiled into nergraph.
    pub fn defaults() -> Result<Self> {
        let mut builder = GazetteerBuilder::new();
        builder.add_defaults()?;
        builder.build()
    }
    /// The entities, indexed by [`EntityId`].
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }
    /// The entity with the given index.
    pub fn entity(&self, id: EntityId) -> &Entity {
        &self.entities[id.index()]
    }
    /// Looks an entity up by its stable id.
    pub fn entity_by_id(&self, id: &str) -> Option<EntityId> {
        self.by_id.get(id).copied()
    }
    /// Every alias, including negative phrases and derived short forms.
    pub fn aliases(&self) -> &[Alias] {
        &self.aliases
    }
    /// The names of the sources read, in order (`builtin:countries.tsv`, or a path).
    pub fn sources(&self) -> &[String] {
        &self.sources
    }
}

/// Reads gazetteer sources in order and builds a [`Gazetteer`].
#[derive(Debug, Default)]
pub struct GazetteerBuilder {
    entities: Vec<Entity>,
    aliases: Vec<Alias>,
    sources: Vec<String>,
    by_id: HashMap<String, EntityId>,
    negative_ids: HashMap<String, usize>,
    /// Entities with an explicit `[short]` alias, which get no derived one.
    has_short: Vec<bool>,
}

/// Derived short forms that are too often ordinary words to stand for a person (besides month and
/// weekday names).
const UNSAFE_SHORT_FORMS: &[&str] = &["Will", "Said"];

/// Name suffixes that are not family names.
const NAME_SUFFIXES: &[&str] = &["Jr", "Jr.", "Sr", "Sr.", "II", "III", "IV", "KC", "MP"];

impl GazetteerBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        Self::default()
    }

    /// The number of sources added so far.
    pub fn source_count(&self) -> usize {
        self.sources.len()
    }

    /// Adds the default sources compiled into nergraph.
    pub fn add_defaults(&mut self) -> Result<&mut Self> {
        for (name, contents) in DEFAULT_SOURCES {
            self.add_source(&format!("builtin:{name}"), contents)?;
        }
        Ok(self)
    }

    /// Adds a file, or every `*.tsv` file in a folder (in name order).
    pub fn add_path(&mut self, path: &Path) -> Result<&mut Self> {
        let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
        if meta.is_dir() {
            let mut files = Vec::new();
            for entry in std::fs::read_dir(path).map_err(|e| Error::io(path, e))? {
                let entry = entry.map_err(|e| Error::io(path, e))?;
                let p = entry.path();
                if p.extension().is_some_and(|e| e == "tsv") && p.is_file() {
                    files.push(p);
                }
            }
            files.sort();
            if files.is_empty() {
                return Err(Error::Input {
                    path: path.to_owned(),
                    message: "the folder holds no .tsv gazetteer files".into(),
                });
            }
            for file in files {
                self.add_file(&file)?;
            }
        } else {
            self.add_file(path)?;
        }
        Ok(self)
    }

    fn add_file(&mut self, path: &Path) -> Result<()> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        let contents = String::from_utf8(bytes).map_err(|e| Error::Input {
            path: path.to_owned(),
            message: format!("not valid UTF-8 (at byte {})", e.utf8_error().valid_up_to()),
        })?;
        self.add_source(&path.display().to_string(), &contents)?;
        Ok(())
    }

    /// Adds one source from memory; `name` is used in error messages and metadata.
    pub fn add_source(&mut self, name: &str, contents: &str) -> Result<&mut Self> {
        let source = self.sources.len();
        self.sources.push(name.to_owned());
        let rows = parse_rows(name, contents)?;
        let mut ids_in_source: HashMap<&str, usize> = HashMap::new();
        for row in rows {
            let error = |message: String| Error::Gazetteer {
                source_name: name.to_owned(),
                line: row.line,
                message,
            };
            if let Some(first) = ids_in_source.insert(row.id, row.line) {
                return Err(error(format!(
                    "duplicate id {:?} (first used on line {first})",
                    row.id
                )));
            }
            let target = match row.row_type {
                RowType::Negative => {
                    if self.by_id.contains_key(row.id) {
                        return Err(error(format!("id {:?} is already an entity", row.id)));
                    }
                    self.negative_ids.insert(row.id.to_owned(), source);
                    Target::Negative
                }
                RowType::Entity(entity_type) => {
                    if self.negative_ids.contains_key(row.id) {
                        return Err(error(format!(
                            "id {:?} is already a negative entry",
                            row.id
                        )));
                    }
                    match self.by_id.get(row.id) {
                        Some(&existing) => {
                            let found = self.entities[existing.index()].entity_type;
                            if found != entity_type {
                                return Err(error(format!(
                                    "id {:?} was defined earlier as {found}, not {entity_type}",
                                    row.id
                                )));
                            }
                            Target::Entity(existing)
                        }
                        None => {
                            let id = EntityId(self.entities.len() as u32);
                            self.entities.push(Entity {
                                id: row.id.to_owned(),
                                entity_type,
                                name: collapse_spaces(normalize(row.names[0].text).as_str().trim()),
                            });
                            self.has_short.push(false);
                            self.by_id.insert(row.id.to_owned(), id);
                            Target::Entity(id)
                        }
                    }
                }
            };
            for name in &row.names {
                let text = collapse_spaces(normalize(name.text).as_str());
                let default_case = if target == Target::Negative {
                    CaseRule::Any
                } else if text.chars().any(char::is_lowercase) {
                    CaseRule::Caps
                } else {
                    CaseRule::Exact
                };
                if let (Target::Entity(e), AliasKind::Short) = (target, name.kind) {
                    self.has_short[e.index()] = true;
                }
                self.aliases.push(Alias {
                    text,
                    target,
                    case: name.case.unwrap_or(default_case),
                    kind: name.kind,
                    resolution: name.resolution,
                    origin: Some(Origin {
                        source,
                        line: row.line,
                    }),
                });
            }
        }
        Ok(self)
    }

    /// Checks the sources as a whole and builds the gazetteer.
    ///
    /// Fails when two entities claim an alias that accepts the same text, unless exactly one of them
    /// says `prefer` or all of them say `shared`.
    pub fn build(mut self) -> Result<Gazetteer> {
        self.derive_short_forms();
        self.dedupe_aliases();
        self.check_conflicts()?;
        Ok(Gazetteer {
            entities: self.entities,
            aliases: self.aliases,
            sources: self.sources,
            by_id: self.by_id,
        })
    }

    /// Gives each person without an explicit short form the last word of their name.
    fn derive_short_forms(&mut self) {
        for (index, entity) in self.entities.iter().enumerate() {
            if entity.entity_type != EntityType::Person || self.has_short[index] {
                continue;
            }
            let words: Vec<&str> = entity.name.split(' ').collect();
            let Some(last) = words
                .iter()
                .rev()
                .find(|w| !NAME_SUFFIXES.contains(&w.trim_end_matches(',')))
                .map(|w| w.trim_end_matches(','))
            else {
                continue;
            };
            let is_surname = words.len() > 1
                && last.chars().count() > 1
                && last.chars().next().is_some_and(char::is_uppercase)
                && last.chars().any(char::is_lowercase)
                && !UNSAFE_SHORT_FORMS.contains(&last)
                && !CALENDAR_WORDS.contains(&last);
            if !is_surname {
                continue;
            }
            self.aliases.push(Alias {
                text: last.to_owned(),
                target: Target::Entity(EntityId(index as u32)),
                case: CaseRule::Caps,
                kind: AliasKind::Short,
                resolution: Resolution::Unique,
                origin: None,
            });
        }
    }

    /// Drops repeated aliases of one target (same text, case rule and kind), keeping the first.
    fn dedupe_aliases(&mut self) {
        let mut seen = std::collections::HashSet::new();
        let mut keep = Vec::with_capacity(self.aliases.len());
        for alias in &self.aliases {
            keep.push(seen.insert((alias.text.clone(), alias.target, alias.case, alias.kind)));
        }
        let mut k = keep.iter();
        self.aliases.retain(|_| *k.next().unwrap());
    }

    fn check_conflicts(&self) -> Result<()> {
        let mut groups: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, alias) in self.aliases.iter().enumerate() {
            if matches!(alias.target, Target::Entity(_)) && alias.kind != AliasKind::Short {
                groups
                    .entry(fold_case(&alias.text).into_owned())
                    .or_default()
                    .push(i);
            }
        }
        let mut conflicts: Vec<(usize, usize)> = Vec::new();
        for members in groups.values().filter(|m| m.len() > 1) {
            let mut claimants: Vec<usize> = Vec::new();
            let mut first_pair = None;
            for (x, &a) in members.iter().enumerate() {
                for &b in &members[x + 1..] {
                    let (alias_a, alias_b) = (&self.aliases[a], &self.aliases[b]);
                    if alias_a.target != alias_b.target && overlaps(alias_a, alias_b) {
                        first_pair.get_or_insert((a, b));
                        claimants.extend([a, b]);
                    }
                }
            }
            let Some(pair) = first_pair else { continue };
            claimants.sort_unstable();
            claimants.dedup();
            let prefer = claimants
                .iter()
                .filter(|&&i| self.aliases[i].resolution == Resolution::Prefer)
                .map(|&i| self.aliases[i].target)
                .collect::<std::collections::HashSet<_>>()
                .len();
            let all_shared = claimants
                .iter()
                .all(|&i| self.aliases[i].resolution == Resolution::Shared);
            if prefer != 1 && !all_shared {
                conflicts.push(pair);
            }
        }
        // Report the conflict that comes first in the files, so the message is stable.
        let Some(&(a, b)) = conflicts
            .iter()
            .min_by_key(|&&(a, b)| (self.origin_key(a).max(self.origin_key(b)), a.min(b)))
        else {
            return Ok(());
        };
        let (first, second) = if self.origin_key(a) <= self.origin_key(b) {
            (a, b)
        } else {
            (b, a)
        };
        let entity_of = |i: usize| match self.aliases[i].target {
            Target::Entity(e) => self.entities[e.index()].id.as_str(),
            Target::Negative => "",
        };
        // Derived short forms take no part in conflicts, so both sides were written in a file.
        let (origin, first_origin) = (self.origin_key(second), self.origin_key(first));
        Err(Error::Gazetteer {
            source_name: self.sources[origin.source].clone(),
            line: origin.line,
            message: format!(
                "alias {:?} of {:?} is already claimed by {:?} ({}:{}); mark one claimant [prefer] or all [shared]",
                self.aliases[second].text,
                entity_of(second),
                entity_of(first),
                self.sources[first_origin.source],
                first_origin.line,
            ),
        })
    }

    fn origin_key(&self, alias: usize) -> Origin {
        self.aliases[alias].origin.unwrap_or(Origin {
            source: usize::MAX,
            line: 0,
        })
    }
}

/// Whether two aliases of the same folded text accept a common surface form.
fn overlaps(a: &Alias, b: &Alias) -> bool {
    let forms = |x: &Alias| -> Vec<String> {
        match x.case {
            CaseRule::Exact => vec![x.text.clone()],
            CaseRule::Caps => vec![x.text.clone(), x.text.to_uppercase()],
            CaseRule::Any => Vec::new(),
        }
    };
    match (a.case, b.case) {
        (CaseRule::Any, _) | (_, CaseRule::Any) => true,
        _ => forms(a).iter().any(|f| b.accepts(f)),
    }
}

/// Collapses runs of white space into single spaces and trims the ends.
fn collapse_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests;
