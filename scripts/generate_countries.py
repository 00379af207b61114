#!/usr/bin/env python3
"""Generate the country gazetteer ``gazetteers/countries.tsv`` for nergraph.

The script reads two public data sets (they are not part of the repository):

* ``world-countries/countries.json`` (npm world-countries 5.1.0, ODbL 1.0): common and
  official names, alternative spellings, ISO 3166-1 alpha-2 codes, capitals and English
  demonyms of 250 countries and territories;
* ``i18n-iso-countries/en.json`` (npm i18n-iso-countries 7.14.0, MIT): English name
  variants per ISO code.

It combines them with the hand-curated tables below (press names, codes used in prose,
capitals left out, demonym resolution, case rules) and writes one ``COUNTRY`` row per
country or territory, sorted by id, in the format described in ``gazetteers/README.md``.
The curated tables live in this script rather than in a separate gazetteer file on
purpose: the loader reads every ``*.tsv`` of a folder in file-name order, and a second
country file there would be loaded twice or would make its own names canonical.

Before writing, a self-check fails loudly (exit status 1) when an id or type is
malformed, an alias holds a tab, ``|``, a bracket or a control character, an entity
repeats an alias, an alias without lowercase letters is not one of the codes allowed in
prose, or two entities claim aliases that are equal ignoring case and typographic
variants, unless exactly one of them says ``prefer`` or all of them say ``shared``.

The output embeds no date or path, so running the script again on the same data gives a
byte-identical file.

Usage, from the repository root::

    python3 scripts/generate_countries.py                  # data in ../shared/data
    python3 scripts/generate_countries.py --data DIR       # data elsewhere
    python3 scripts/generate_countries.py --check          # exit 1 if the file is stale

Only the Python 3.11 standard library is used.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO_ROOT / ".." / "shared" / "data"
DEFAULT_OUTPUT = REPO_ROOT / "gazetteers" / "countries.tsv"

WORLD_COUNTRIES = "world-countries/countries.json"
WORLD_COUNTRIES_SOURCE = "npm world-countries 5.1.0 (ODbL 1.0)"
I18N_EN = "i18n-iso-countries/en.json"
I18N_SOURCE = "npm i18n-iso-countries 7.14.0 (MIT)"

# --------------------------------------------------------------------------------------
# Curated tables. Every entry is a decision about precision or press usage; the header of
# the generated file lists the ones that change what is matched.
# --------------------------------------------------------------------------------------

# Canonical names where the data's common name is not what the English-language press
# writes. The data's common name then becomes an alias.
NAME_OVERRIDES = {
    "CD": "Democratic Republic of the Congo",  # data: "DR Congo"
    "CZ": "Czech Republic",  # data: "Czechia" (kept as an alias)
    "TL": "East Timor",  # data: "Timor-Leste" (kept as an alias)
    "TR": "Turkey",  # data: "Türkiye" (kept as an alias)
}

# Further English names used in prose, added to what the data gives.
EXTRA_NAMES = {
    "AE": ["U.A.E."],
    "AG": ["Antigua"],
    "AX": ["Åland", "Aland", "Aland Islands"],
    "BA": ["Bosnia", "Bosnia-Herzegovina"],
    "BL": ["Saint Barthelemy", "St Barthélemy", "St. Barthélemy", "St Barts", "St. Barts",
           "St Barths", "St. Barths"],
    "BQ": ["Bonaire", "Sint Eustatius"],
    "CC": ["Cocos Islands", "Keeling Islands"],
    "CD": ["DR Congo", "DRC", "Democratic Republic of Congo", "Congo-Kinshasa", "Congo"],
    "CG": ["Republic of Congo", "Congo-Brazzaville", "Congo"],
    "CI": ["Côte d'Ivoire", "Cote d'Ivoire"],
    "CN": ["PRC"],
    "CV": ["Cabo Verde"],
    "CW": ["Curacao"],
    "FK": ["Falklands", "Malvinas", "Islas Malvinas"],
    "FO": ["Faroes", "Faeroe Islands"],
    "GB": ["Britain", "U.K."],
    "IO": ["Chagos Islands", "Chagos Archipelago"],
    "KN": ["St Kitts and Nevis", "St. Kitts and Nevis", "Saint Kitts", "St Kitts", "St. Kitts"],
    "KP": ["DPRK", "Korea"],
    "KR": ["ROK", "Korea"],
    "LA": ["Lao PDR"],
    "LC": ["St Lucia", "St. Lucia"],
    "MK": ["Macedonia"],
    "MM": ["Burma"],
    "MP": ["Northern Marianas"],
    "NL": ["Holland", "The Netherlands"],
    "BS": ["The Bahamas"],
    "GM": ["The Gambia"],
    "NZ": ["Aotearoa"],
    "PM": ["St Pierre and Miquelon", "St. Pierre and Miquelon"],
    "PN": ["Pitcairn Island"],
    "PS": ["Palestinian territories"],
    "RE": ["Reunion Island", "La Réunion"],
    "SH": ["Saint Helena", "St Helena", "St. Helena", "Ascension Island", "Tristan da Cunha"],
    "SJ": ["Svalbard", "Jan Mayen"],
    "ST": ["Sao Tome and Principe"],
    "SZ": ["Swaziland"],
    "TC": ["Turks and Caicos"],
    "TL": ["Timor-Leste"],
    "TR": ["Türkiye", "Turkiye"],
    "TT": ["Trinidad"],
    "TW": ["Chinese Taipei"],
    "US": ["America", "U.S.A."],
    "VA": ["Vatican", "Holy See"],
    "VC": ["St Vincent and the Grenadines", "St. Vincent and the Grenadines"],
    "VG": ["BVI", "Virgin Islands"],
    "VI": ["US Virgin Islands", "U.S. Virgin Islands", "USVI", "Virgin Islands"],
    "VN": ["Viet Nam"],
    "XK": ["Republic of Kosovo"],
}

# Aliases without lowercase letters match in exact case only. These are the only codes
# that may appear: those used as names in English prose. Two-letter ISO codes in general
# are English words (IN, IT, AT, BE, NO ...) and are never emitted.
PROSE_CODES = {
    "UK", "U.K.", "US", "U.S.", "USA", "U.S.A.", "UAE", "U.A.E.", "DRC", "PRC", "DPRK",
    "ROK", "BVI", "USVI",
}

# Names from the data that are left out: not names in English prose, ambiguous, or
# demonyms (those are added as demonyms instead).
NAME_DROP = {
    "Emirates": "also the airline",
    "Guiana": "the region, not French Guiana only",
    "Island": "Icelandic name; an English word",
    "Mann": "Manx name; a surname",
    "Timor": "the island, shared with Indonesia",
    "Pitcairn": "a surname",
    "Reunion": "an English word",
    "Pleasant Island": "historic name of Nauru",
    "Somers Isles": "historic name of Bermuda",
    "The Bermudas": "historic name of Bermuda",
    "The Islands of Bermuda": "historic name of Bermuda",
    "BES islands": "Dutch administrative term",
    "Saudi": "added as a demonym",
    "Thai": "added as a demonym",
    "Lao": "added as a demonym",
    "Togolese": "added as a demonym",
    "Rumania": "archaic",
    "Roumania": "archaic",
    "Prathet": "Thai word for 'country'",
    "Nation of Brunei": "a fragment of the official name",
    "Svalbard og Jan Mayen": "Norwegian",
}

# English state-form words. An alternative spelling from the data is kept when each of
# its words is one of these or a word of the country's own English names; other English
# alternatives are listed in EXTRA_NAMES. This filters out native-language names.
STATE_WORDS = {
    "of", "the", "and", "Republic", "Kingdom", "State", "States", "Federal", "Federated",
    "Federation", "Democratic", "Islamic", "People's", "Socialist", "Union", "United",
    "Commonwealth", "Territory", "Principality", "Grand", "Duchy", "Sultanate", "Islands",
    "Island", "Independent", "Nation", "Bailiwick", "Collectivity", "Department",
    "Plurinational", "Bolivarian", "Hellenic", "Co-operative", "Oriental", "Hashemite",
    "Confederation", "Arab", "Group", "Most", "Serene", "Sovereign", "Swiss", "Slovak",
    "Kyrgyz", "Yemeni", "Korea",
}

# Capitals used as metonyms for governments. Left out: those that are first names or
# common words, shared with other well-known places, contested, or equal to/containing
# the country name (then the country name already matches).
CAPITAL_DROP = {
    "Basse-Terre": "also the island; easily confused with Basseterre (St Kitts)",
    "Bloemfontein": "judicial capital only",
    "Cape Town": "legislative capital only; a city first",
    "Cayenne": "the pepper",
    "City of Victoria": "Victoria is a first name and many places",
    "Diego Garcia": "a personal name; a military base, not a capital",
    "Douglas": "a first name and surname",
    "El Aaiún": "contested (Western Sahara)",
    "George Town": "also Penang and others",
    "Georgetown": "also Washington DC, Penang and others",
    "Hamilton": "a surname; also Ontario, Scotland, New Zealand",
    "Jamestown": "also Virginia and others",
    "Jerusalem": "contested",
    "King Edward Point": "a research station",
    "Kingston": "also Norfolk Island, Ontario, London",
    "Marigot": "also Dominica; a common word in French",
    "Moroni": "a surname",
    "Nassau": "also Nassau County, New York, and the House of Nassau",
    "Oranjestad": "shared by Aruba and Sint Eustatius",
    "Plymouth": "also England and Massachusetts",
    "Port-aux-Français": "a research station",
    "Saint John's": "also St. John's, Newfoundland, and Saint John, New Brunswick",
    "Saint-Denis": "also the Paris suburb",
    "Saint-Pierre": "common place name",
    "San José": "also San Jose, California",
    "San Juan": "also many other places",
    "Santiago": "a first name; also Santiago de Compostela and others",
    "Sofia": "a first name",
    "St. George's": "common place and church name",
    "Stanley": "a first name",
    "Sucre": "a surname; the seat of government is La Paz",
    "The Bottom": "common words",
    "The Valley": "common words",
    "Victoria": "a first name; also Australia, Canada, Hong Kong",
    "Wellington": "a surname (the Duke); also places in England",
    "West Island": "common words",
}

# Capital spellings to add beside (or instead of) the data's form.
CAPITAL_VARIANTS = {
    "Asunción": ["Asuncion"],
    "Bern": ["Berne"],
    "Bogotá": ["Bogota"],
    "Brasília": ["Brasilia"],
    "Chișinău": ["Chisinau"],
    "Hagåtña": ["Hagatna"],
    "Kyiv": ["Kiev"],
    "Lomé": ["Lome"],
    "N'Djamena": ["Ndjamena"],
    "Naypyidaw": ["Naypyitaw", "Nay Pyi Taw"],
    "Nouméa": ["Noumea"],
    "Papeetē": ["Papeete"],
    "Port of Spain": ["Port-of-Spain"],
    "Pristina": ["Prishtina"],
    "Reykjavik": ["Reykjavík"],
    "Saint Helier": ["St Helier", "St. Helier"],
    "Sana'a": ["Sanaa"],
    "São Tomé": ["Sao Tome"],
    "St. Peter Port": ["St Peter Port"],
    "Tórshavn": ["Torshavn"],
    "Ulan Bator": ["Ulaanbaatar"],
    "Washington D.C.": ["Washington", "Washington, D.C.", "Washington DC"],
    "Yaoundé": ["Yaounde"],
}
# Data forms replaced by their variants (the data's spelling is not used in prose).
CAPITAL_REPLACED = {"Papeetē"}
# Capitals missing from the data that the press uses for the government.
EXTRA_CAPITALS = {
    "KZ": ["Nur-Sultan"],  # Astana's name in 2019-2022
    "SZ": ["Mbabane"],  # administrative capital beside royal Lobamba
}

# Demonyms from the data that are left out, per code.
DEMONYM_DROP = {
    "AQ": {"Antarctican"},
    "BQ": {"Dutch"},  # the Netherlands' demonym
    "CF": {"Central African"},  # also the region's adjective
    "DJ": {"Djibouti"},  # equals the name; Djiboutian is added
    "GG": {"Channel Islander"},  # shared by Jersey and Guernsey; a region
    "GI": {"Gibraltar"},  # equals the name; Gibraltarian is added
    "GS": {"South Georgian South Sandwich Islander"},  # no permanent population
    "HM": {"Heard and McDonald Islander"},  # no population
    "IO": {"Indian"},  # India's demonym
    "JE": {"Channel Islander"},
    "KG": {"Kirghiz"},  # archaic; Kyrgyz is added
    "MP": {"American"},  # the United States' demonym
    "PM": {"Saint-Pierrais", "Miquelonnais"},  # French forms
    "SJ": {"Norwegian"},  # Norway's demonym
    "TF": {"French"},  # France's demonym
    "TJ": {"Tadzhik"},  # archaic; Tajik is added
    "UM": {"American Islander"},  # no permanent population
    "VA": {"Vatican"},  # already a name alias
}

# Demonyms and adjectives missing from the data.
EXTRA_DEMONYMS = {
    "AR": ["Argentinian"],
    "AZ": ["Azeri"],
    "BF": ["Burkinabè"],
    "CV": ["Cape Verdean"],
    "DJ": ["Djiboutian"],
    "DK": ["Danes"],  # not "Dane": a first name, and the Great Dane
    "EC": ["Ecuadorian"],
    "ES": ["Spaniard"],
    "GB": ["Briton"],
    "GI": ["Gibraltarian"],
    "GW": ["Bissau-Guinean"],
    "HK": ["Hongkonger"],
    "HR": ["Croat"],
    "IS": ["Icelandic"],
    "KG": ["Kyrgyz", "Kyrgyzstani"],
    "KP": ["Korean"],
    "KR": ["Korean"],
    "KZ": ["Kazakh"],
    "LA": ["Lao"],
    "LU": ["Luxembourgish"],
    "MV": ["Maldivian"],
    "NP": ["Nepali"],
    "PH": ["Filipina"],
    "RS": ["Serb"],
    "SA": ["Saudi"],
    "SE": ["Swede"],
    "SI": ["Slovenian"],
    "TJ": ["Tajik", "Tajikistani"],
    "TL": ["Timorese"],
    "UZ": ["Uzbek"],
    "XK": ["Kosovan"],
}

# Plurals: a demonym noun gets "s" ("Russians", "Israelis") unless it is an adjective or
# an invariant or irregular noun. Irregular plurals are listed explicitly.
NO_PLURAL_ENDINGS = ("ese", "ish", "ch", "sh", "s", "ic", "x", "z", "y", "ois")
NO_PLURAL = {
    "Burkinabe", "Burkinabè", "I-Kiribati", "Lao", "Motswana", "Mosotho", "Ni-Vanuatu",
    "Turkmen", "Kyrgyz",
}
EXTRA_PLURALS = {"Czech": "Czechs"}

# Case rules. Country names that are common English words or first names match only as
# written, so an ALL-CAPS headline word ("TURKEY PRICES") is not taken for the country.
EXACT = {
    "Chad": "first name; a chad",
    "Georgia": "first name; also the US state",
    "Guernsey": "a sweater, a cattle breed",
    "Guinea": "guinea pig, guinea fowl, the coin",
    "Jersey": "a garment; also New Jersey",
    "Jordan": "first name; also the river",
    "Mali": "first name",
    "Niger": "also the river",
    "Turkey": "the bird",
}

# Aliases claimed by more than one entity. "shared" resolves to whichever claimant the
# document already named; "prefer" gives the alias to one entity outright.
SHARED = {
    "Congo": {"CD", "CG"},
    "Congolese": {"CD", "CG"},
    "Dominican": {"DM", "DO"},
    "Dominicans": {"DM", "DO"},
    "Korea": {"KP", "KR"},
    "Korean": {"KP", "KR"},
    "Koreans": {"KP", "KR"},
    "Virgin Islands": {"VG", "VI"},
    "Virgin Islander": {"VG", "VI"},
    "Virgin Islanders": {"VG", "VI"},
}
PREFER: dict[str, str] = {}

CASE_OPTIONS = {"exact", "caps", "any"}
KIND_OPTIONS = {"name", "acronym", "demonym", "capital", "short"}
RESOLUTION_OPTIONS = {"prefer", "shared"}

# --------------------------------------------------------------------------------------
# Model
# --------------------------------------------------------------------------------------


@dataclass
class Alias:
    """One name or alias with its options."""

    text: str
    kind: str = "name"
    case: str | None = None
    resolution: str | None = None

    def options(self) -> list[str]:
        """Options in the order kind, case, resolution; the defaults are left out."""
        opts = []
        if self.kind != "name":
            opts.append(self.kind)
        if self.case:
            opts.append(self.case)
        if self.resolution:
            opts.append(self.resolution)
        return opts

    def render(self) -> str:
        opts = self.options()
        return f"{self.text} [{', '.join(opts)}]" if opts else self.text


@dataclass
class Entity:
    """One country row."""

    code: str
    name: Alias
    aliases: list[Alias] = field(default_factory=list)

    @property
    def id(self) -> str:
        return f"country:{self.code}"

    def all_aliases(self) -> list[Alias]:
        return [self.name, *self.aliases]

    def add(self, text: str, kind: str = "name") -> None:
        """Add an alias unless the entity already has it (ignoring case and variants)."""
        text = " ".join(text.split())
        if not text:
            return
        key = fold(text)
        if any(fold(a.text) == key for a in self.all_aliases()):
            return
        self.aliases.append(make_alias(self.code, text, kind))

    def render(self) -> str:
        cells = [self.id, "COUNTRY", self.name.render()]
        if self.aliases:
            cells.append(" | ".join(a.render() for a in self.aliases))
        return "\t".join(cells)


def make_alias(code: str, text: str, kind: str = "name") -> Alias:
    """Build an alias and apply the case and resolution tables."""
    alias = Alias(text, kind)
    if text in EXACT:
        alias.case = "exact"
    if code in SHARED.get(text, ()):
        alias.resolution = "shared"
    elif PREFER.get(text) == code:
        alias.resolution = "prefer"
    return alias


_FOLD_TABLE = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201b": "'", "\u02bc": "'", "`": "'",
    "\u201c": '"', "\u201d": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
    "\u2015": "-", "\u2212": "-",
})


def fold(text: str) -> str:
    """Key for comparing aliases, after the matcher's normalisation as gazetteers/README.md
    describes it: compatibility forms, curly quotes, dashes, spaces and case are folded;
    diacritics are kept ("Côte" and "Cote" are different aliases)."""
    text = unicodedata.normalize("NFKC", text).translate(_FOLD_TABLE)
    return " ".join(text.split()).casefold()


# --------------------------------------------------------------------------------------
# Building
# --------------------------------------------------------------------------------------


def has_lowercase(text: str) -> bool:
    return any(ch.islower() for ch in text)


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def i18n_names(i18n: dict, code: str) -> list[str]:
    value = i18n.get(code, [])
    return [value] if isinstance(value, str) else list(value)


def usable_name(text: str, canonical: str) -> bool:
    """Whether a name from the data may be emitted as an alias."""
    if text in NAME_DROP:
        return False
    if not has_lowercase(text):
        return text in PROSE_CODES
    if text != canonical and ("(" in text or "," in text):
        # ISO list forms ("Korea, Republic of", "Sint Maarten (Dutch part)").
        return text == "Bonaire, Sint Eustatius and Saba"
    if text.startswith("The ") or text[0].islower():
        return False  # "The Gambia", "the Abode of Peace": not a name without the article
    return True


def english_alt(text: str, vocabulary: set[str]) -> bool:
    """Whether an alternative spelling is an English form built from known words."""
    if not text.isascii() and strip_accents(text) == text:
        return False  # another script
    words = re.split(r"[ \-]", text)
    return all(w in STATE_WORDS or w in vocabulary for w in words)


def split_demonym(raw: str) -> list[str]:
    """'Antiguan, Barbudan' and 'Kittitian or Nevisian' name two demonyms each."""
    parts = re.split(r",\s*|\s+or\s+", raw.strip())
    return [p for p in parts if p]


def plural(demonym: str) -> str | None:
    if demonym in EXTRA_PLURALS:
        return EXTRA_PLURALS[demonym]
    if demonym in NO_PLURAL or demonym.endswith(NO_PLURAL_ENDINGS):
        return None
    return demonym + "s"


def build_entity(country: dict, i18n: dict, named_capitals: set[str]) -> Entity:
    """Build one row; capitals left out because they hold the country's name are added
    to named_capitals for the header. A capital that only contains the country's name
    ("Mexico City", "Kuwait City") is kept: it names the place, and the government."""
    code = country["cca2"]
    common = country["name"]["common"]
    canonical = NAME_OVERRIDES.get(code, common)
    entity = Entity(code, make_alias(code, canonical))

    # Names: official name, the data's common name if overridden, i18n English names,
    # English alternative spellings, then curated additions.
    official = country["name"]["official"]
    candidates = [official, common, *i18n_names(i18n, code)]
    vocabulary = set()
    for n in [canonical, *candidates]:
        for w in re.split(r"[ \-]", n):
            vocabulary.update({w, strip_accents(w)})
    candidates += [a for a in country["altSpellings"] if english_alt(a, vocabulary)]
    for text in candidates:
        if usable_name(text, canonical):
            entity.add(text)
    for text in EXTRA_NAMES.get(code, []):
        entity.add(text)

    # Capitals.
    names = [a.text for a in entity.all_aliases() if a.kind == "name"]
    capitals = []
    for cap in country["capital"]:
        if cap not in CAPITAL_REPLACED:
            capitals.append(cap)
        capitals.extend(CAPITAL_VARIANTS.get(cap, []))
    capitals.extend(EXTRA_CAPITALS.get(code, []))
    for cap in capitals:
        if cap in CAPITAL_DROP:
            continue
        if any(fold(cap) == fold(n) for n in names):
            named_capitals.add(cap)
            continue
        entity.add(cap, "capital")

    # Demonyms, then their plurals.
    demonyms = []
    eng = country.get("demonyms", {}).get("eng", {})
    for raw in (eng.get("m", ""), eng.get("f", "")):
        demonyms.extend(d for d in split_demonym(raw) if d not in DEMONYM_DROP.get(code, ()))
    demonyms.extend(EXTRA_DEMONYMS.get(code, []))
    ordered = list(dict.fromkeys(demonyms))  # drop repeats, keep order
    for dem in ordered:
        entity.add(dem, "demonym")
    for dem in ordered:
        p = plural(dem)
        if p:
            entity.add(p, "demonym")
    return entity


# --------------------------------------------------------------------------------------
# Self-check
# --------------------------------------------------------------------------------------

ID_RE = re.compile(r"^country:[A-Z]{2}$")


def self_check(entities: list[Entity]) -> list[str]:
    """Return a list of problems; empty when the gazetteer is sound."""
    problems = []
    ids = set()
    claims: dict[str, list[tuple[Entity, Alias]]] = {}
    for e in entities:
        if not ID_RE.match(e.id):
            problems.append(f"{e.id}: malformed id")
        if e.id in ids:
            problems.append(f"{e.id}: id used twice")
        ids.add(e.id)
        cells = e.render().split("\t")
        if cells[1] != "COUNTRY" or len(cells) not in (3, 4):
            problems.append(f"{e.id}: malformed row")
        seen = {}
        for a in e.all_aliases():
            where = f"{e.id} alias {a.text!r}"
            if not a.text or a.text != a.text.strip():
                problems.append(f"{where}: empty or padded")
            if any(ch in a.text for ch in "\t|[]\n\r") or any(
                unicodedata.category(ch) == "Cc" for ch in a.text
            ):
                problems.append(f"{where}: holds a tab, '|', bracket or control character")
            if a.kind not in KIND_OPTIONS:
                problems.append(f"{where}: unknown kind {a.kind}")
            if a.case is not None and a.case not in CASE_OPTIONS:
                problems.append(f"{where}: unknown case {a.case}")
            if a.resolution is not None and a.resolution not in RESOLUTION_OPTIONS:
                problems.append(f"{where}: unknown resolution {a.resolution}")
            if not has_lowercase(a.text) and a.text not in PROSE_CODES:
                problems.append(f"{where}: a code that is not used in prose")
            key = fold(a.text)
            if key in seen:
                problems.append(f"{where}: repeats {seen[key]!r} in the same entity")
            seen[key] = a.text
            claims.setdefault(key, []).append((e, a))
    for key, claimants in sorted(claims.items()):
        if len({e.id for e, _ in claimants}) < 2:
            continue
        prefer = sum(a.resolution == "prefer" for _, a in claimants)
        shared = all(a.resolution == "shared" for _, a in claimants)
        if prefer != 1 and not shared:
            who = ", ".join(f"{e.id} {a.render()!r}" for e, a in claimants)
            problems.append(f"alias {key!r} claimed by several entities: {who}")
    for text, codes in SHARED.items():
        for code in codes:
            entity = next(e for e in entities if e.code == code)
            if not any(a.text == text for a in entity.all_aliases()):
                problems.append(f"SHARED lists {text!r} for {code}, which lacks it")
    return problems


# --------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------


def wrap(prefix: str, items: list[str], width: int = 100) -> list[str]:
    """Comment lines listing items after a prefix, wrapped at width."""
    lines, line = [], f"# {prefix}"
    for i, item in enumerate(items):
        piece = item + (", " if i < len(items) - 1 else ".")
        if len(line) + len(piece) > width:
            lines.append(line.rstrip())
            line = "#   "
        line += piece
    lines.append(line.rstrip())
    return lines


def header(named_capitals: set[str]) -> list[str]:
    lines = [
        "# Countries and territories of ISO 3166-1 (and Kosovo, XK), one row each.",
        "# Generated by scripts/generate_countries.py; do not edit by hand: change the script's",
        "# tables and run `python3 scripts/generate_countries.py`.",
        f"# Sources: {WORLD_COUNTRIES_SOURCE},",
        f"#   {I18N_SOURCE}; see gazetteers/SOURCES.md.",
        "# Contains information from world-countries by Mohammed Le Doze",
        "# (https://github.com/mledoze/countries), which is made available under the Open",
        "# Database License 1.0. This file is a derivative database and is likewise made available",
        "# under the ODbL 1.0 (https://opendatacommons.org/licenses/odbl/1-0/).",
        "#",
        "# Precision decisions:",
    ]
    lines += wrap("Exact case only (common words or first names): ", sorted(EXACT))
    lines += wrap(
        "Shared by several entities: ",
        [f"{t} ({'/'.join(sorted(c))})" for t, c in sorted(SHARED.items())],
    )
    if PREFER:
        lines += wrap("Preferred: ", [f"{t} ({c})" for t, c in sorted(PREFER.items())])
    lines += wrap("Capitals left out (ambiguous, first names or words, contested): ",
                  sorted(CAPITAL_DROP))
    lines += wrap("Capitals left out (equal to the country name): ",
                  sorted(named_capitals))
    dropped = sorted(f"{d} ({code})" for code, ds in DEMONYM_DROP.items() for d in ds)
    lines += wrap("Demonyms left out (another entity's, a region's, archaic, or no "
                  "population): ", dropped)
    lines += wrap("Names left out: ", sorted(NAME_DROP))
    lines += [
        "# Codes: only those used in prose (exact case); two-letter ISO codes are English words.",
        "#",
        "# id\ttype\tname\taliases",
    ]
    return lines


def load(data_dir: Path) -> tuple[list[dict], dict]:
    for rel in (WORLD_COUNTRIES, I18N_EN):
        if not (data_dir / rel).is_file():
            raise SystemExit(f"missing {data_dir / rel}; pass the data folder with --data")
    with open(data_dir / WORLD_COUNTRIES, encoding="utf-8") as f:
        countries = json.load(f)
    with open(data_dir / I18N_EN, encoding="utf-8") as f:
        i18n = json.load(f)["countries"]
    if len(countries) < 240 or len({c["cca2"] for c in countries}) != len(countries):
        raise SystemExit(f"{data_dir / WORLD_COUNTRIES}: unexpected content")
    return countries, i18n


def generate(data_dir: Path) -> tuple[str, list[Entity]]:
    countries, i18n = load(data_dir)
    named_capitals: set[str] = set()
    entities = sorted(
        (build_entity(c, i18n, named_capitals) for c in countries), key=lambda e: e.id
    )
    problems = self_check(entities)
    if problems:
        for p in problems:
            print(f"self-check: {p}", file=sys.stderr)
        raise SystemExit(f"self-check failed with {len(problems)} problem(s)")
    text = "\n".join(header(named_capitals) + [e.render() for e in entities]) + "\n"
    return text, entities


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA,
                        help="folder with world-countries/ and i18n-iso-countries/ "
                             "(default: ../shared/data relative to the repository root)")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT,
                        help="file to write (default: gazetteers/countries.tsv)")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if the output file is not up to date")
    args = parser.parse_args(argv)

    text, entities = generate(args.data)
    aliases = sum(len(e.aliases) for e in entities)
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else None
        if current != text:
            print(f"{args.output} is out of date; run scripts/generate_countries.py",
                  file=sys.stderr)
            return 1
        print(f"{args.output} is up to date ({len(entities)} rows, {aliases} aliases)")
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    with open(args.output, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    print(f"wrote {args.output} ({len(entities)} rows, {aliases} aliases)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
