#!/usr/bin/env python3
"""Generate the broad default gazetteers of organisations and people for nergraph.

Writes three files into ``gazetteers/``:

* ``organizations-generated.tsv``: intelligence and security agencies (misp-galaxy
  ``intelligence-agencies.json``), threat-actor groups with all their aliases merged into
  one entity per group (misp-galaxy ``threat-actor.json`` synonyms and MITRE ATT&CK
  ``groups.tsv`` aliases, merged across the two sources where they share a name or the
  MISP entry names the ATT&CK id), terrorist groups (misp-galaxy ``terrorist-groups.json``),
  NATO bodies (misp-galaxy ``nato.json``), international organisations with abbreviations
  and former names (supraverden ``intl_orgs.tsv``), the largest listed companies (sp500
  ``constituents.csv``, pytickersymbols ``indices.json``) and news outlets (fundus
  ``fundus_publishers.json``);
* ``people-generated.tsv``: heads of state and government (world-leaders-wikidata),
  foreign ministers and leaders of international organisations (everypolitician),
  current members of the US Congress and all US presidents and vice-presidents
  (congress-legislators); one entity per person across sources (Wikidata ids, where the
  data has them, are used for de-duplication only);

The generated files are read after ``countries.tsv``, ``organizations.tsv`` and
``people.tsv``, which are curated and win every conflict: an alias that another entity
already claims (ignoring case, as the loader folds it) is dropped, and an entity whose
canonical name (or, for organisations and people, any full-name alias) is already a
curated entity's is left out as a duplicate. The precision rules (see ``alias_problem``
and the tables below) drop aliases that are common English words or first names, short
or two-letter forms, generic names, and aliases claimed by several generated entities.

Before writing, a self-check loads the four curated default files together with the
generated ones and fails loudly (exit status 1) on any alias conflict the loader would
reject, a duplicate id, an unknown option, a tab, ``|`` or bracket inside an alias, or a
malformed row. The output embeds no date or path: running the script again on the same
data gives byte-identical files.

Usage, from the repository root::

    python3 scripts/generate_gazetteers.py                  # data in ../shared/data
    python3 scripts/generate_gazetteers.py --data DIR       # data elsewhere
    python3 scripts/generate_gazetteers.py --check          # exit 1 if a file is stale

Dependencies: Python 3.11 and the PyPI package ``wordfreq==3.1.1`` (``pip install
wordfreq==3.1.1``), used for the common-word filter. Its word lists are CC BY-SA 4.0
(see gazetteers/SOURCES.md). ``common-words.txt``, the list that ``nergraph gazetteer
check`` uses, is made by ``scripts/generate_word_lists.py``.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate_countries import (  # noqa: E402  (shared alias model and folding)
    CASE_OPTIONS,
    KIND_OPTIONS,
    RESOLUTION_OPTIONS,
    Alias,
    fold,
    has_lowercase,
    strip_accents,
)

try:
    import wordfreq
except ImportError:  # pragma: no cover - reported at run time
    wordfreq = None

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO_ROOT / ".." / "shared" / "data"
GAZ_DIR = REPO_ROOT / "gazetteers"
CURATED_FILES = ["countries.tsv", "negatives.tsv", "organizations.tsv", "people.tsv"]
ORG_FILE = "organizations-generated.tsv"
PEOPLE_FILE = "people-generated.tsv"

WORDFREQ_VERSION = "3.1.1"
COMMON_WORDS_N = 20000

ORG_SOURCES = [
    "misp-galaxy clusters, commit 9434ace (CC0 / BSD-2-Clause): intelligence-agencies,",
    "  threat-actor, terrorist-groups, nato;",
    "MITRE ATT&CK enterprise intrusion sets, mitre/cti commit 421deac (ATT&CK terms of use:",
    "  (c) The MITRE Corporation; reproduced and distributed with the permission of MITRE);",
    "supraverden intl_orgs.tsv, confirmordeny/supraverden commit 59ab4fa (CC BY-SA 4.0);",
    "S&P 500 constituents, datasets/s-and-p-500-companies commit 56509dd (ODC-PDDL);",
    "pytickersymbols 1.17.10 indices.json (MIT; company names from Wikipedia);",
    "fundus 0.5.7 publishers (MIT); cleanco 2.3 legal-form terms (MIT);",
    "wordfreq 3.1.1 (data CC BY-SA 4.0) and @stdlib first names 0.2.3 (PDDL/CC0) as filters.",
]
PEOPLE_SOURCES = [
    "every-politician-scrapers/world-leaders-2021 commit be7039c, from Wikidata (CC0);",
    "every-politician-scrapers/world commit 4a3b394, from Wikidata (CC0);",
    "unitedstates/congress-legislators commit dfa9622 (CC0).",
]

# --------------------------------------------------------------------------------------
# Curated decisions. Each is a precision or press-usage decision.
# --------------------------------------------------------------------------------------

# Words that carry no name: a name made only of these and common words is generic.
STOPWORDS = {"of", "the", "and", "for", "on", "in", "de", "du", "la", "le", "des", "et",
             "to", "a", "an", "at", "&"}

# Legal-form words stripped from company names besides cleanco's list (press usage drops
# them: "Booking Holdings" -> "Booking"?? no: see COMPANY_KEEP_WORDS). Only stripped when
# written with a capital, at the end of the name.
EXTRA_LEGAL_SUFFIXES = {"group", "holdings", "holding", "company", "corporation",
                        "incorporated", "se", "plc", "n.v.", "s.a.", "ag", "asa", "co.",
                        "& co.", "& co", "inc.", "corp.", "ltd.", "limited", "sa", "spa",
                        "s.p.a.", "oyj", "ab", "a/s", "nv", "kgaa", "bv", "b.v.", "llc",
                        "l.p.", "lp", "plc.", "k.k.", "publ", "(publ)", "tbk"}
# cleanco terms that are never stripped: they are also ordinary words or codes in names.
LEGAL_SUFFIX_KEEP = {"company.", "private", "unlimited", "uk", "ok", "et", "as", "da",
                     "og", "pt", "ab."}

# Single-word company short names that are common English words (top 20,000) but whose
# capitalised form in news means the company: kept as [exact] (no ALL-CAPS headline
# match). Every other single-word short name in the top 20,000 is dropped (Target, Visa,
# Block, Ball, Match, Evolution ...). Brand names that wordfreq counts among the top
# words because they are frequent (Boeing, Dell, Nvidia) are listed here too.
COMPANY_EXACT_OK = {
    "Adobe", "Airbnb", "Allianz", "Amgen", "Barclays", "BASF", "Bayer", "Boeing",
    "Broadcom", "Chevron", "Cisco", "Citigroup", "Comcast", "Danone", "Dell", "Disney",
    "eBay", "Exxon", "FedEx", "Ferrari", "Ford", "Hermes", "Honda", "Honeywell", "HSBC",
    "Hyundai", "IBM", "Intel", "Kraft", "Lufthansa", "Mastercard", "McDonald's",
    "Microsoft", "Moderna", "Netflix", "Nike", "Nintendo", "Nissan", "Nokia", "Nvidia",
    "Oracle", "Panasonic", "PayPal", "Pepsico", "PepsiCo", "Pfizer", "Porsche", "Qualcomm",
    "Renault", "Samsung", "Siemens", "Sony", "Starbucks", "Tesla", "Toshiba", "Toyota",
    "Uber", "Unilever", "Vodafone", "Volkswagen", "Walmart", "Xerox", "Yahoo",
    "Accenture", "Airbus", "Heineken", "Philips", "Peugeot", "Prada", "Gucci", "Lego",
    "Mazda", "Subaru", "Suzuki", "Yamaha", "Canon", "Nikon", "Ericsson", "Spotify",
    "Zoom", "Expedia", "Hilton", "Marriott", "Mattel", "Hasbro", "Kellogg", "Nestle",
    "Nestlé", "Adidas", "Costco", "Etsy", "Tesco", "Verizon", "Volvo", "Roche", "Nasdaq",
    "Caterpillar", "Aviva", "DaVita", "DeNA",
}

# Aliases dropped by hand: generic, misleading or too often something else in news.
ALIAS_DROP = {
    # threat-actor synonyms that are ordinary phrases, products, places or people
    "Dark Halo", "Brown Fox", "Group 72", "UPS", "Mirage", "Newscaster", "Thrip",
    "Boyusec", "Play", "Frankenstein", "Chimera", "Sharpshooter", "Windigo",
    "Confucius", "Medusa Group", "The White Company", "Equation", "Axiom", "Cleaver",
    "Moafee", "Mantis", "Patchwork", "Monsoon", "Darkhotel", "Hangover Group",
    "Operation Hangover", "Stolen Pencil", "Blue Mockingbird",
    # intelligence-agency and organisation forms that name other things too
    "Military Intelligence", "Intelligence Service", "Security Service",
    "Federal Intelligence Service", "State Security Service", "Tracfin",
    # found in the BBC News corpus (2004-2005) as something else
    "Longhorn",  # threat-actor alias; Microsoft's Windows codename
    "Prince of Persia",  # threat-actor alias; the video game
    "Vinci",  # the French builder; Leonardo da Vinci, The Da Vinci Code
    "MCI",  # US Marine Corps Intelligence; the US telecoms company
    "IOC",  # International Olive Council; the International Olympic Committee
    "LTA",  # Lake Tanganyika Authority; the Lawn Tennis Association
    "AMF",  # Arab Monetary Fund; France's markets regulator
    "Nikkei", "The Nikkei",  # the newspaper; the Tokyo stock index
    "Stern",  # the German magazine; a surname (Howard Stern, Lord Stern)
    "Nature",  # the journal; the word at a sentence start
    "MDR",  # Mitteldeutscher Rundfunk; In-Stat/MDR, the market researcher
    "PTC",  # the software company; the Parents Television Council
    "The Mask",  # threat-actor alias (Careto); the film
    "Shimizu", "Toto", "Knowles",  # companies; surnames (Yuji Shimizu, Beyonce Knowles)
    "International Airlines",  # IAG without "Group"; inside "Pakistan International Airlines"
    "ADF",  # Allied Democratic Forces (IS-DRC); the Australian Defence Force
    "Popeye", "Buckeye", "Krypton",  # Turla/APT3 aliases; the cartoon, Ohio State, Superman
    "ECA",  # UN Economic Commission for Africa; European Court of Auditors, export credit agencies
}
# Threat-actor single-word aliases with a wordfreq Zipf frequency of at least this are
# dropped as English words even outside the top 20,000 (Patchwork, Mantis, Popeye, Krypton).
THREAT_WORD_ZIPF = 2.5

# Acronyms (no lowercase letters) that stay although their lowercase form is a top-20,000
# word: wordfreq counts them because the acronym itself is frequent, not a word. Others
# are dropped: NOW, DID, SIGN, SHARE, ERA, MAD, PET ... ("NOW" would match an ALL-CAPS
# headline), and AAA (credit ratings), MPS ("MPs"), IMO, SRI, ELI, ERIC.
ACRONYM_OK = {"ASEAN", "BMW", "SAP", "NEC", "AMD", "CGI", "ING", "ETA"}

# Words of country names that do not make a name specific to a country.
NOT_COUNTRY_WORDS = {"of", "the", "and", "republic", "kingdom", "united", "islands", "island",
                     "democratic", "people's", "federal", "states", "state", "union", "saint",
                     "st.", "south", "north", "east", "west", "new", "central", "great",
                     "federated", "commonwealth", "territory", "independent", "socialist",
                     "arab", "islamic", "grand", "sovereign", "american"}

# Words that make a name made of common words generic: "National Intelligence Service",
# "Islamic Jihad", "National Liberation Army", "Daily News" name many bodies. A name of
# common words without any of these ("Shining Path", "Fancy Bear") is specific.
GENERIC_WORDS = {
    "army", "party", "movement", "front", "organization", "organisation", "council",
    "group", "force", "forces", "corps", "jihad", "islamic", "resistance", "liberation",
    "revolutionary", "wing", "legion", "national", "brigade", "brigades", "people's",
    "intelligence", "service", "services", "security", "agency", "directorate",
    "department", "office", "bureau", "police", "military", "defence", "defense",
    "counter", "information", "investigation", "investigations", "unit", "division",
    "command", "centre", "center", "ministry", "general", "state", "federal", "central",
    "news", "daily", "times", "post", "radio", "television", "committee", "commission",
    "authority", "board", "institute", "team", "network", "union", "league", "alliance",
    "federation", "association", "fund", "bank", "court", "assembly", "congress",
}

# Press names for heads of state whose Wikidata label is a reference-work form.
PERSON_PRESS_NAMES = {
    "Abdullah II of Jordan": ("King Abdullah II", ["Abdullah II of Jordan"]),
    "Abdullah of Pahang": ("Sultan Abdullah of Pahang", ["Abdullah of Pahang"]),
    "Albert II, Prince of Monaco": ("Prince Albert II", ["Albert II, Prince of Monaco"]),
    "Carl XVI Gustaf of Sweden": ("King Carl XVI Gustaf", ["Carl XVI Gustaf"]),
    "Felipe VI of Spain": ("King Felipe VI", ["Felipe VI of Spain"]),
    "Hans-Adam II, Prince of Liechtenstein": ("Prince Hans-Adam II",
                                              ["Hans-Adam II, Prince of Liechtenstein"]),
    "Harald V of Norway": ("King Harald V", ["Harald V of Norway"]),
    "Letsie III of Lesotho": ("King Letsie III", ["Letsie III of Lesotho"]),
    "Margrethe II of Denmark": ("Queen Margrethe II", ["Margrethe II of Denmark"]),
    "Naruhito": ("Emperor Naruhito", []),
    "Philippe I of Belgium": ("King Philippe of Belgium", []),
    "Salman of Saudi Arabia": ("King Salman", ["King Salman bin Abdulaziz",
                                               "Salman bin Abdulaziz"]),
    "Tupou VI of Tonga": ("King Tupou VI", ["Tupou VI of Tonga"]),
    "Vajiralongkorn": ("King Vajiralongkorn", ["Maha Vajiralongkorn"]),
    "Willem-Alexander of the Netherlands": ("King Willem-Alexander",
                                            ["Willem-Alexander of the Netherlands"]),
    # US presidents known by their full names; the short form names many living people
    "William Harrison": ("William Henry Harrison", ["William H. Harrison"]),
    "John Q. Adams": ("John Quincy Adams", []),
}

# Sources whose entities are left out as duplicates when a full-name alias (several words;
# any for terrorist groups and people) is a curated entity's: their alias lists name the
# same body ("Bundesamt für Verfassungsschutz" = "Federal Office for the Protection of the
# Constitution"). Companies, outlets and international organisations are compared by
# their canonical name only: their alias lists hold former names and parents.
DUP_BY_ALIAS = {"intel", "threat", "terror", "person"}

# --------------------------------------------------------------------------------------
# Model
# --------------------------------------------------------------------------------------


@dataclass
class Entity:
    """One generated row before filtering."""

    slug: str
    etype: str  # ORG or PERSON
    name: str
    names: list[tuple[str, str]] = field(default_factory=list)  # (text, kind) besides name
    source: str = ""
    country: str = ""  # ISO2 code where known (agencies)
    keys: set[str] = field(default_factory=set)  # de-duplication keys (Wikidata ids ...)
    exact: set[str] = field(default_factory=set)  # texts that get [exact]
    # filled by finish()
    id: str = ""
    canonical: Alias | None = None
    aliases: list[Alias] = field(default_factory=list)

    def add(self, text: str, kind: str = "name") -> None:
        text = " ".join(str(text).split()).strip(" ,;")
        if text:
            self.names.append((text, kind))

    def all_aliases(self) -> list[Alias]:
        return [self.canonical, *self.aliases]

    def render(self) -> str:
        cells = [self.id, self.etype, self.canonical.render()]
        if self.aliases:
            cells.append(" | ".join(a.render() for a in self.aliases))
        return "\t".join(cells)


@dataclass
class Curated:
    """Aliases of the curated default files, folded."""

    ids: set[str] = field(default_factory=set)
    owner: dict[str, set[str]] = field(default_factory=dict)  # fold(alias) -> entity ids
    types: dict[str, str] = field(default_factory=dict)  # id -> type
    negatives: set[str] = field(default_factory=set)  # fold(phrase)
    words: set[str] = field(default_factory=set)  # lowercase words of country aliases
    # ISO2 code -> (canonical name, first demonym or "") of each curated country
    countries: dict[str, tuple[str, str]] = field(default_factory=dict)


OPTION_RE = re.compile(r"^(.*?)\s*\[([^\]]*)\]\s*$")


# Words that end many company names; alone they name no company in particular.
GENERIC_COMPANY_WORDS = {
    "bancorp", "bancshares", "bankshares", "capital", "energy", "financial", "holdings", "group",
    "industries", "international", "partners", "resources", "systems", "technologies",
}


def parse_alias(cell: str) -> tuple[str, list[str]]:
    m = OPTION_RE.match(cell)
    if not m:
        return cell.strip(), []
    return m.group(1).strip(), [o.strip() for o in m.group(2).split(",") if o.strip()]


def read_rows(path: Path) -> list[tuple[int, list[str]]]:
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        rows.append((n, line.split("\t")))
    return rows


def load_curated() -> Curated:
    cur = Curated()
    for name in CURATED_FILES:
        for _, cells in read_rows(GAZ_DIR / name):
            eid, etype = cells[0], cells[1]
            texts = [cells[2]] + (cells[3].split("|") if len(cells) > 3 else [])
            parsed = [parse_alias(t) for t in texts]
            if etype == "COUNTRY" and eid.startswith("country:"):
                demonyms = [text for text, options in parsed if "demonym" in options]
                cur.countries[eid.removeprefix("country:")] = (
                    parsed[0][0], demonyms[0] if demonyms else "")
            for text, _ in parsed:
                if etype == "NOT":
                    cur.negatives.add(fold(text))
                    continue
                cur.owner.setdefault(fold(text), set()).add(eid)
                if etype == "COUNTRY":
                    cur.words.update(w.casefold() for w in re.split(r"[ \-]", text))
            if etype != "NOT":
                cur.ids.add(eid)
                cur.types[eid] = etype
    return cur


# --------------------------------------------------------------------------------------
# Filters
# --------------------------------------------------------------------------------------


class Filters:
    def __init__(self, data: Path, curated: Curated):
        if wordfreq is None:
            raise SystemExit("wordfreq is missing: pip install wordfreq==3.1.1")
        if wordfreq.__version__ != WORDFREQ_VERSION if hasattr(wordfreq, "__version__") else False:
            raise SystemExit(f"wordfreq {WORDFREQ_VERSION} is required")
        self.top = wordfreq.top_n_list("en", COMMON_WORDS_N)
        self.common = set(self.top)
        self.first_names = set()
        for f in ("female_first_names_en.txt", "male_first_names_en.txt"):
            for line in (data / "first-names" / f).read_text(encoding="utf-8").splitlines():
                if line.strip():
                    self.first_names.add(line.strip().casefold())
        self.curated = curated
        self.dropped: dict[str, list[str]] = defaultdict(list)  # reason -> texts

    def note(self, reason: str, text: str) -> None:
        self.dropped[reason].append(text)

    def zipf(self, word: str) -> float:
        return wordfreq.zipf_frequency(word, "en")

    def all_common(self, text: str) -> bool:
        """A name made only of common words and stopwords, none of them a country word."""
        words = [w for w in re.split(r"[ \-/]", text) if w]
        if not words or is_acronym(text):
            return False
        for w in words:
            lw = w.casefold().strip(".,'()")
            if lw in self.curated.words and lw not in NOT_COUNTRY_WORDS:
                return False
            if lw not in self.common and lw not in STOPWORDS and lw not in GENERIC_WORDS:
                return False
        return True

    def generic(self, text: str) -> bool:
        """A name of common words with a word that many bodies' names share."""
        return self.all_common(text) and any(
            w.casefold().strip(".,'()") in GENERIC_WORDS for w in re.split(r"[ \-/]", text))

    def problem(self, text: str, kind: str, etype: str, source: str) -> str | None:
        """Why an alias may not be emitted, or None."""
        if any(ch in text for ch in "\t|[]\n\r") or any(
            unicodedata.category(ch) == "Cc" for ch in text
        ):
            return "bad character"
        letters = [ch for ch in text if ch.isalpha()]
        if not letters:
            return "no letters"
        if not latin(text):
            return "not Latin script"
        if text in ALIAS_DROP:
            return "dropped by hand"
        if len(text) < 3:
            return "shorter than 3 characters"
        if not has_lowercase(text) and len(letters) < 3 and not re.search(r"[0-9&+]", text):
            return "two-letter acronym"
        if re.fullmatch(r"G\d{4}|S\d{4}|T\d{4}", text):
            return "ATT&CK id"
        low = text.casefold()
        words = text.split()
        if etype == "PERSON":
            if len(words) < 2:
                return "single word (person)"
            return None
        if re.fullmatch(r"(?i)(group|team|unit|operation|cluster)[ -]?\d{1,2}", text):
            return "generic number"
        if source == "company" and text in COMPANY_EXACT_OK:
            return None
        if len(words) == 1 and low in GENERIC_COMPANY_WORDS:
            return "generic company word"  # "Bancorp" would match inside "Mercantile Bancorp"
        stem = re.sub(r"['’]s$", "", text)
        if len(words) == 1 and stem != text and (
                stem.casefold() in self.common or stem.casefold() in self.first_names):
            return "possessive of a common word or first name"  # "Campbell's", "Carter's"
        m = re.fullmatch(r"The (\S+)", text)
        if m and source in ("threat", "terror") and m.group(1).casefold() in self.common:
            return "'The' and a common word"
        if low in self.common and text not in ACRONYM_OK:
            return "common word"
        if len(words) == 1 and has_lowercase(text) and low in self.first_names:
            return "first name"
        if (source in ("threat", "terror") and re.fullmatch(r"[A-Za-z]+", text)
                and has_lowercase(text) and self.zipf(low) >= THREAT_WORD_ZIPF):
            return f"English word (Zipf >= {THREAT_WORD_ZIPF})"
        return None


# --------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------


def slugify(text: str) -> str:
    text = strip_accents(unicodedata.normalize("NFKC", text)).replace("&", " and ")
    text = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()
    return re.sub(r"-{2,}", "-", text) or "x"


# Country forms the press puts before a body's name where the demonym and the possessive of the
# canonical name are not them ("American ...", "United Kingdom's ...").
PRESS_COUNTRY_PREFIXES = {"US": ["US", "U.S."], "GB": ["British", "UK", "Britain's"]}


def country_qualified(base: str, code: str, curated: Curated) -> list[str]:
    """The forms in which the press names a country's body whose bare name other countries'
    bodies share: 'Pakistani Air Intelligence', "Pakistan's Air Intelligence"."""
    if code not in curated.countries:
        return []
    name, demonym = curated.countries[code]
    possessive = name + ("'" if name.endswith("s") else "'s")
    prefixes = PRESS_COUNTRY_PREFIXES.get(code) or ([demonym] if demonym else []) + [possessive]
    return [f"{prefix} {base}" for prefix in prefixes]


def split_parens(text: str) -> tuple[str, list[str]]:
    """'Kurdistan Workers Party (PKK)' -> ('Kurdistan Workers Party', ['PKK'])."""
    inner = re.findall(r"\(([^()]*)\)", text)
    base = re.sub(r"\s*\([^()]*\)", "", text).strip()
    return " ".join(base.split()), [i.strip() for i in inner]


def is_acronym(text: str) -> bool:
    t = text.replace(".", "").replace("-", "").replace("&", "")
    return bool(t) and not has_lowercase(t) and any(ch.isalpha() for ch in t) \
        and len(t) <= 10 and " " not in text


def titlecase_caps(text: str, filters: Filters) -> str:
    """'FANCY BEAR' -> 'Fancy Bear'; 'STRONTIUM' -> 'Strontium'; codes stay as they are."""
    if has_lowercase(text):
        return text
    words = text.split()
    if len(words) > 1 and all(re.fullmatch(r"[A-Z][A-Z']+", w) for w in words):
        return " ".join(w.capitalize() for w in words)
    if len(words) == 1 and re.fullmatch(r"[A-Z]{6,}", text) and filters.zipf(text.lower()) >= 1.5:
        return text.capitalize()
    return text


def latin(text: str) -> bool:
    """Whether every letter is a Latin letter (modifier letters such as the okina pass)."""
    return all(unicodedata.name(ch, "").startswith(("LATIN", "MODIFIER"))
               for ch in text if ch.isalpha())


# Letters that have no decomposition but an ASCII spelling in English-language text.
ASCII_LETTERS = str.maketrans({"ø": "o", "Ø": "O", "ð": "d", "Đ": "D", "đ": "d", "ı": "i",
                               "ł": "l", "Ł": "L", "æ": "ae", "Æ": "Ae", "þ": "th",
                               "Þ": "Th", "ß": "ss", "œ": "oe", "ʻ": "'", "ʼ": "'"})


def ascii_form(text: str) -> str:
    return strip_accents(text).translate(ASCII_LETTERS)


# --------------------------------------------------------------------------------------
# Organisation sources
# --------------------------------------------------------------------------------------


def load_json_values(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return json.load(f)["values"]


def intl_orgs(data: Path) -> list[Entity]:
    out = []
    with open(data / "supraverden" / "intl_orgs.tsv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            name = row["name_en"].strip()
            if not name:
                continue
            e = Entity(slugify(name), "ORG", name, source="intl")
            if row.get("wikidata"):
                e.keys.add(row["wikidata"])
            for a in row["abbreviations_en"].split("|"):
                e.add(a, "acronym" if is_acronym(a.strip()) else "name")
            for a in row["other_or_former_names_en"].split("|"):
                e.add(a, "acronym" if is_acronym(a.strip()) else "name")
            out.append(e)
    return out


ACR_IN_PARENS = re.compile(r"\(([A-Z][A-Za-z]?[A-Z0-9][A-Z0-9\-&]{0,8})\)")


def intelligence(data: Path, filters: Filters) -> list[Entity]:
    values = load_json_values(data / "misp-galaxy" / "intelligence-agencies.json")
    raw = []
    for v in values:
        meta = v.get("meta", {})
        value = re.sub(r"\[[^\]]*\]", "", v["value"])  # footnote marks "[15]"
        value = " ".join(re.split(r"\s+[–-]\s+", value)[0].split())  # "English – native"
        base, quals = split_parens(value)
        country = meta.get("country", "")
        cname = meta.get("country_name", "")
        acrs = [q for q in quals if is_acronym(q)]
        desc = (v.get("description") or "").split("\n")[0]
        acrs += ACR_IN_PARENS.findall(desc[:160])
        syns = [s for s in meta.get("synonyms", []) if latin(s)]
        raw.append((value, base, quals, country, cname, acrs, syns))
    base_count = defaultdict(int)
    for _, base, *_ in raw:
        base_count[fold(base)] += 1
    out = []
    for value, base, quals, country, cname, acrs, syns in raw:
        if not base:
            continue
        ambiguous = (base_count[fold(base)] > 1 or filters.generic(base)) and \
            fold(base) not in filters.curated.owner  # curated: left out as a duplicate
        if ambiguous:
            qual = cname or country
            name = f"{base} ({qual})" if qual else value
        else:
            name = base
        e = Entity(slugify(base), "ORG", name, source="intel", country=country.lower())
        if ambiguous:
            filters.note("generic agency name, qualified with its country", base)
            for form in country_qualified(base, country.upper(), filters.curated):
                e.add(form)
        for a in acrs:
            e.add(a, "acronym")
        for s in syns:
            sb, sq = split_parens(s)
            for part in re.split(r"\s+/\s+", sb):
                if part and not (filters.generic(part) or base_count[fold(part)] > 1):
                    e.add(part)
            for q in sq:
                if is_acronym(q):
                    e.add(q, "acronym")
        out.append(e)
    return out


def terrorist(data: Path, filters: Filters) -> list[Entity]:
    out = []
    for v in load_json_values(data / "misp-galaxy" / "terrorist-groups.json"):
        value = " ".join(v["value"].split())
        base, quals = split_parens(value)
        parts = [p.strip() for p in base.split(", ") if p.strip()]
        if not parts:
            continue
        e = Entity(slugify(parts[0]), "ORG", parts[0], source="terror")
        for p in parts[1:]:
            e.add(p)
        for q in quals:
            if is_acronym(q):
                e.add(q, "acronym")
        m = re.search(r"Summary:\s*(.*?)\s*(?:\n|$)", v.get("description") or "")
        summary = m.group(1) if m else ""
        if summary and summary.upper() != "N/A":
            for q in re.findall(r"\(([^()]*)\)", summary):
                for piece in re.split(r"[,/]", q):
                    if is_acronym(piece.strip()):
                        e.add(piece.strip(), "acronym")
            text = re.sub(r"\s*\([^()]*\)", "", summary).rstrip(". ")
            pieces = []
            for group in text.split(";"):
                items = [i.strip() for i in group.split(",")]
                last = items[-1]
                m2 = re.match(r"(.+)\s+and\s+((?:the\s+)?[A-Z].*)$", last)  # the last "and"
                if m2:
                    items[-1:] = [m2.group(1), m2.group(2)]
                pieces += items
            for p in pieces:
                p = re.sub(r"^(?:and|or)\s+", "", p).strip()
                if p.startswith("the ") and len(p) > 4 and p[4].isupper():
                    p = "The " + p[4:]
                if not p or not p[0].isupper():
                    continue
                if filters.generic(p):
                    filters.note("generic terrorist-group alias", p)
                    continue
                e.add(p, "acronym" if is_acronym(p) else "name")
        out.append(e)
    return out


def nato(data: Path, filters: Filters) -> list[Entity]:
    """nato.json lists NATO Parliamentary Assembly delegation groups. Only those whose
    name says NATO are specific enough to be names ("Member Delegations" is not)."""
    out = []
    for v in load_json_values(data / "misp-galaxy" / "nato.json"):
        value = " ".join(v["value"].split())
        if "NATO" not in value:
            filters.note("generic NATO body name", value)
            continue
        out.append(Entity(slugify(value), "ORG", value, source="nato"))
    return out


def threat_actors(data: Path, filters: Filters) -> list[Entity]:
    misp = load_json_values(data / "misp-galaxy" / "threat-actor.json")
    # MISP holds some groups twice ("APT35" lists "Charming Kitten", which has an entry of
    # its own listing "APT35"). Two entries are one group when one's name is a synonym of
    # the other and the other's name, or another synonym, is shared back.
    names_of = []
    for v in misp:
        value = " ".join(v["value"].split())
        syns = [" ".join(x.split()) for x in v.get("meta", {}).get("synonyms", [])]
        names_of.append((value, syns))
    parent = list(range(len(misp)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    value_index = defaultdict(list)
    for i, (value, _) in enumerate(names_of):
        value_index[fold(value)].append(i)
    for i, (value_i, syns_i) in enumerate(names_of):
        folded_i = {fold(x) for x in syns_i}
        for syn in syns_i:
            for j in value_index.get(fold(syn), ()):
                if j == i:
                    continue
                value_j, syns_j = names_of[j]
                folded_j = {fold(x) for x in syns_j}
                if fold(value_i) in folded_j or (folded_i - {fold(value_j)}) & folded_j:
                    a, b = sorted((root(i), root(j)))
                    parent[b] = a
    entities: list[Entity] = []
    index_of: dict[int, int] = {}
    by_name: dict[str, set[int]] = defaultdict(set)
    by_attack: dict[str, int] = {}
    for i, (value, syns) in enumerate(names_of):
        r = root(i)
        if r not in index_of:
            index_of[r] = len(entities)
            rv = names_of[r][0]
            entities.append(Entity(slugify(rv), "ORG", rv, source="threat",
                                   country=(misp[r].get("meta", {}).get("country") or "").lower()))
        k = index_of[r]
        e = entities[k]
        if i != r:
            e.add(value)
        for syn in syns:
            if re.fullmatch(r"G\d{4}", syn):
                by_attack[syn] = k
                continue
            e.add(syn)
        for n in [value, *syns]:
            by_name[fold(n)].add(k)
    with open(data / "mitre-attack" / "groups.tsv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    for r in rows:
        if r["revoked"] == "True" or r["deprecated"] == "True":
            continue
        names = [r["name"].strip()] + [a.strip() for a in r["aliases"].split("|") if a.strip()]
        target = by_attack.get(r["attack_id"])
        if target is None:
            hits = defaultdict(int)
            for n in names:
                for i in by_name.get(fold(n), ()):
                    hits[i] += 1
            if hits:
                primary = by_name.get(fold(names[0]), set())
                target = max(hits, key=lambda i: (hits[i], i in primary, -i))
        if target is None:
            e = Entity(slugify(names[0]), "ORG", names[0], source="threat")
            entities.append(e)
            target = len(entities) - 1
        e = entities[target]
        e.keys.add(r["attack_id"])
        for n in names:
            e.add(n)
    for e in entities:
        e.name = titlecase_caps(e.name, filters)
        e.names = [(titlecase_caps(t, filters), k) for t, k in e.names]
    return entities


def legal_suffixes(data: Path) -> set[str]:
    text = (data / "org-suffixes" / "termdata.txt").read_text(encoding="utf-8")
    terms = {t.casefold() for t in re.findall(r"'([^'\\]*)'", text)}
    terms = {t.strip() for t in terms if t.strip() and not t.strip().istitle()}
    terms -= {t for t in terms if " " not in t and t in {"terms_by_type", "terms_by_country"}}
    terms |= EXTRA_LEGAL_SUFFIXES
    return terms - LEGAL_SUFFIX_KEEP


def strip_legal(name: str, suffixes: set[str]) -> str:
    """'Apple Inc.' -> 'Apple'; 'Block, Inc.' -> 'Block'; 'BT Group plc' -> 'BT'."""
    base, _ = split_parens(name)
    words = base.split()
    changed = True
    while changed and len(words) > 1:
        changed = False
        for n in (3, 2, 1):
            if len(words) <= n:
                continue
            tail = " ".join(words[-n:]).casefold()
            first = words[-n]
            if tail in suffixes and (first[0].isupper() or first[0] in "&("):
                words = words[:-n]
                words[-1] = words[-1].rstrip(",")
                changed = True
                break
    return " ".join(words).rstrip(",")


# Small and mid-cap indices: their companies often bear a founder's surname (Knowles,
# Hawkins, Barnes), so their suffix-stripped single-word names are not used as aliases.
SMALL_CAP_INDICES = {"S&P 600", "CAC Mid 60", "MDAX", "SDAX", "TecDAX"}
SMALL_CAP = {"small"}


def companies(data: Path, filters: Filters) -> list[Entity]:
    suffixes = legal_suffixes(data)
    found: list[tuple[str, str, str]] = []  # (name, key, source detail)
    with open(data / "sp500" / "constituents.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            found.append((row["Security"], row["Symbol"], "sp500"))
    with open(data / "tickers" / "indices.json", encoding="utf-8") as f:
        indices = json.load(f)
    for idx in sorted(indices):
        for c in indices[idx]["companies"]:
            url = (c.get("metadata") or {}).get("wikipedia_url") or ""
            found.append((c["name"], c.get("symbol") or "",
                          "small" if idx in SMALL_CAP_INDICES else url))
    groups: dict[str, Entity] = {}
    order: list[str] = []
    for name, symbol, detail in found:
        name = " ".join(name.split())
        base, _ = split_parens(name)  # "Alphabet Inc. (Class A)"
        short = strip_legal(base, suffixes)
        key = fold(re.sub(r"^The\s+", "", short))  # "The Cooper Companies" = "Cooper Companies"
        if key not in groups:
            usable = (filters.problem(short, "name", "ORG", "company") is None
                      and not filters.generic(short)
                      and (" " in short or detail not in SMALL_CAP))
            groups[key] = Entity(slugify(short if usable else base), "ORG", base,
                                 source="company")
            order.append(key)
        e = groups[key]
        # the canonical name is the fullest form seen (the one with a legal suffix)
        if len(base) > len(e.name) and fold(strip_legal(e.name, suffixes)) == key:
            e.add(e.name)
            e.name = base
        else:
            e.add(base)
        if filters.generic(short) and fold(short) != fold(base):
            filters.note("generic company short name", short)  # "National Bank"
        elif " " not in short and detail in SMALL_CAP and fold(short) != fold(base):
            filters.note("single-word short name of a small or mid cap", short)
        else:
            e.add(short)
            if short.startswith("The "):
                e.add(short[4:])
    out = []
    for key in order:
        e = groups[key]
        for text, _ in e.names:
            if " " not in text and text in COMPANY_EXACT_OK:
                e.exact.add(text)
        if " " not in e.name and e.name in COMPANY_EXACT_OK:
            e.exact.add(e.name)
        out.append(e)
    return out


def outlets(data: Path, filters: Filters) -> list[Entity]:
    with open(data / "news-outlets" / "fundus_publishers.json", encoding="utf-8") as f:
        pubs = json.load(f)
    groups: dict[str, Entity] = {}
    for p in pubs:
        name = " ".join(p["name"].split())
        base, quals = split_parens(name)
        acrs = [q for q in quals if is_acronym(q) and len(q) > 2]
        region = [q for q in quals if q not in acrs]
        if region and filters.all_common(base):
            canonical = name  # "Daily News (Tanzania)": the bare name is generic
        else:
            canonical = base
        key = fold(canonical)
        if key in groups:
            continue  # "Euronews (DE)" and "Euronews (FR)" are one outlet
        e = Entity(slugify(canonical), "ORG", canonical, source="outlet",
                   country=p.get("country", "").lower())
        for a in acrs:
            e.add(a, "acronym")
        if canonical.startswith("The ") and not filters.all_common(canonical[4:]):
            e.add(canonical[4:])
        if filters.all_common(canonical):
            e.exact.add(canonical)  # "The Independent", "Global News": no ALL-CAPS match
        groups[key] = e
    return [groups[k] for k in sorted(groups)]


# --------------------------------------------------------------------------------------
# People sources
# --------------------------------------------------------------------------------------


def read_yaml_records(path: Path) -> list[dict]:
    """The subset of YAML that congress-legislators uses for names: a list of records
    ("- id:" at column 0) whose "id" and "name" blocks hold "key: scalar" lines and whose
    "terms" list holds "- type: ..." items. Other blocks are skipped."""
    records: list[dict] = []
    section = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("- "):
            records.append({"id": {}, "name": {}, "terms": [], "last_start": ""})
            line = "  " + line[2:]
        if not records:
            continue
        rec = records[-1]
        m = re.match(r"^  (\w+):\s*(.*)$", line)
        if m:
            section = m.group(1)
            continue
        if section in ("id", "name"):
            m = re.match(r"^    (\w+):\s*(.*)$", line)
            if m and m.group(2):
                rec[section][m.group(1)] = unquote(m.group(2))
        elif section == "terms":
            m = re.match(r"^  - type:\s*(\S+)", line)
            if m:
                rec["terms"].append(m.group(1))
            m = re.match(r"^    start:\s*'?(\d{4}-\d\d-\d\d)", line)
            if m:
                rec["last_start"] = max(rec["last_start"], m.group(1))
    return records


def unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        value = value[1:-1]
        if value and value[0] == "'":
            value = value.replace("''", "'")
    return value


def person_names(first: str, middle: str, last: str, nickname: str, suffix: str,
                 official: str) -> tuple[str, list[str]]:
    """Press name and other full forms of a US politician."""
    initial = re.fullmatch(r"[A-Z]\.", first or "") is not None
    given = nickname or (middle if initial and middle else first)
    canonical = f"{given} {last}"
    forms = []
    if official:
        forms.append(official)
    if not nickname:
        # with a nickname the press name is "Maggie Hassan"; "Margaret Hassan" alone more
        # often names someone else (the aid worker kidnapped in Iraq in 2004)
        forms.append(f"{first} {last}")
    if middle:
        forms.append(f"{first} {middle} {last}")
        if not initial:
            initials = " ".join(f"{w[0]}." for w in middle.split())
            forms.append(f"{first} {initials} {last}")
    if suffix:
        forms += [f"{f} {suffix}" for f in list(forms) if not f.endswith(suffix)]
        forms += [f"{f}, {suffix}" for f in list(forms) if not f.endswith(suffix)]
    return canonical, forms


def people(data: Path) -> list[Entity]:
    """People in source order: leaders, foreign ministers, international officials,
    US presidents and vice-presidents, members of Congress."""
    out: list[Entity] = []

    def person(name: str, qid: str, source: str, forms=()) -> None:
        name = " ".join(name.split())
        if not name or re.fullmatch(r"Q\d+", name):
            return
        if name in PERSON_PRESS_NAMES:
            press, extra = PERSON_PRESS_NAMES[name]
            forms = [*forms, name, *extra]
            name = press
        e = Entity(slugify(name), "PERSON", name, source=source)
        if qid:
            e.keys.add(qid)
        for f in forms:
            e.add(f)
        out.append(e)

    with open(data / "world-leaders-wikidata" / "world_leaders_2021_wikidata.csv",
              encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            person(r["officeholderLabel"], r["officeholder"], "leader")
    with open(data / "everypolitician" / "foreign_ministers_wikidata.csv",
              encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            person(r["name"], r["person"], "foreign-minister")
    with open(data / "everypolitician" / "intl_office_holders_21c.csv",
              encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            person(r["person"], r["personID"], "intl-official")
    us = []
    for fname, source in (("executive.yaml", "us-executive"),
                          ("legislators-current.yaml", "us-congress")):
        for rec in read_yaml_records(data / "us-congress" / fname):
            n, ids = rec["name"], rec["id"]
            if not n.get("first") or not n.get("last"):
                continue
            if source == "us-executive" and "prez" not in rec["terms"] and \
                    rec["last_start"] < "1901":
                # 19th-century vice-presidents who never became president share their names
                # with many living people (George Clinton, Richard Johnson, Henry Wilson)
                continue
            canonical, forms = person_names(n.get("first", ""), n.get("middle", ""),
                                            n["last"], n.get("nickname", ""),
                                            n.get("suffix", ""), n.get("official_full", ""))
            qid = ids.get("wikidata", "")
            bio = ids.get("bioguide", "")
            keys = {k for k in (qid, f"bioguide:{bio}" if bio else "") if k}
            e = Entity(slugify(canonical), "PERSON", canonical, source=source, keys=keys)
            for fm in forms:
                e.add(fm)
            us.append((e, n))
    # Two US politicians with the same press name ("George Bush", "John Kennedy"): a
    # former president or vice-president is named with his middle initials ("George H. W.
    # Bush", "John F. Kennedy"); a current member of Congress keeps the plain form.
    counts = defaultdict(set)
    for e, _ in us:
        counts[fold(e.name)].add(frozenset(e.keys))
    for e, n in us:
        if len(counts[fold(e.name)]) > 1 and e.source == "us-executive" and n.get("middle"):
            initials = " ".join(f"{w[0]}." for w in n["middle"].split())
            old = e.name
            e.name = f"{n.get('nickname') or n['first']} {initials} {n['last']}"
            e.slug = slugify(e.name)
            e.names = [(t, k) for t, k in e.names if fold(t) != fold(old)]
        if e.name in PERSON_PRESS_NAMES:
            old = e.name
            e.name, extra = PERSON_PRESS_NAMES[old]
            e.slug = slugify(e.name)
            e.names = [(t, k) for t, k in e.names if fold(t) != fold(old)]
            for x in extra:
                e.add(x)
        out.append(e)
    return out


def merge_people(entities: list[Entity]) -> list[Entity]:
    """One entity per person: same Wikidata id or bioguide id, or the same name when at
    most one of the two has a Wikidata id (different ids mean different people)."""
    merged: list[Entity] = []
    by_key: dict[str, Entity] = {}
    by_name: dict[str, Entity] = {}
    for e in entities:
        target = next((by_key[k] for k in sorted(e.keys) if k in by_key), None)
        if target is None:
            cand = by_name.get(fold(e.name))
            if cand is not None:
                # different Wikidata or bioguide ids mean different people
                differ = any(
                    {k for k in cand.keys if k.startswith(p)}
                    and {k for k in e.keys if k.startswith(p)}
                    and not ({k for k in cand.keys if k.startswith(p)}
                             & {k for k in e.keys if k.startswith(p)})
                    for p in ("Q", "bioguide:"))
                if not differ:
                    target = cand
        if target is None:
            merged.append(e)
            target = e
        else:
            target.add(e.name)
            target.names += e.names
            target.keys |= e.keys
        for k in e.keys:
            by_key.setdefault(k, target)
        by_name.setdefault(fold(e.name), target)
    return merged


# --------------------------------------------------------------------------------------
# Finishing: filters, de-duplication against the curated files and between entities
# --------------------------------------------------------------------------------------


def finish(entities: list[Entity], filters: Filters, curated: Curated, prefix: str,
           log: dict[str, list[str]]) -> list[Entity]:
    cur = curated.owner
    # 1. Clean each entity's names; choose a usable canonical name.
    cleaned: list[Entity] = []
    for e in entities:
        bare = re.sub(r"^The\s+", "", e.name)
        if fold(bare) in cur and fold(bare) != fold(e.name):
            log["entity left out: already in the curated files"].append(
                f"{e.name} (= {sorted(cur[fold(bare)])[0]})")
            continue
        if fold(e.name) in cur:
            log["entity left out: already in the curated files"].append(
                f"{e.name} (= {sorted(cur[fold(e.name)])[0]})")
            continue
        texts: list[tuple[str, str]] = []
        seen = set()
        for text, kind in [(e.name, "name"), *e.names]:
            variants = [text]
            if e.etype == "PERSON" and ascii_form(text) != text:
                variants.append(ascii_form(text))
            for t in variants:
                key = fold(t)
                if key in seen:
                    continue
                seen.add(key)
                why = filters.problem(t, kind, e.etype, e.source)
                if why:
                    filters.note(why, t)
                    continue
                if kind == "name" and is_acronym(t):
                    kind = "acronym"
                texts.append((t, kind))
        if not texts or texts[0][0] != e.name:
            names_only = [t for t in texts if t[1] == "name"]
            if not names_only or e.source != "threat":
                log["entity left out: its name fails the alias rules"].append(e.name)
                continue
            # a threat group whose name is a word ("Equation") takes its next full name
            log["name replaced (fails the alias rules)"].append(
                f"{e.name} -> {names_only[0][0]}")
            texts = [names_only[0]] + [t for t in texts if t != names_only[0]]
        e.name = texts[0][0]
        e.names = texts[1:]
        cleaned.append(e)

    # 2. Curated duplicates: the canonical name, or a full-name alias, is a curated
    #    entity's -> the entity is already curated and is left out.
    kept: list[Entity] = []
    for e in cleaned:
        dup = [t for t, k in [(e.name, "name"), *e.names] if fold(t) in cur and (
            t == e.name or (
                k == "name" and (e.source in DUP_BY_ALIAS or e.etype == "PERSON")
                and (len(t.split()) > 1 or e.source == "terror" or e.etype == "PERSON")
                and any(curated.types[i] == e.etype for i in cur[fold(t)])))]
        if dup:
            log["entity left out: already in the curated files"].append(
                f"{e.name} (via {dup[0]!r} = {sorted(cur[fold(dup[0])])[0]})")
            continue
        for t, _ in e.names:
            if fold(t) in cur:
                filters.note("claimed by a curated entity", t)
        e.names = [(t, k) for t, k in e.names if fold(t) not in cur]
        kept.append(e)

    # 3. Canonical names claimed twice among generated entities: the first (source
    #    priority order) wins, later ones are left out as duplicates.
    by_canon: dict[str, Entity] = {}
    uniq: list[Entity] = []
    for e in kept:
        key = fold(e.name)
        if key in by_canon:
            log["entity left out: same name as an earlier generated entity"].append(
                f"{e.name} ({e.source}; kept {by_canon[key].source})")
            continue
        by_canon[key] = e
        uniq.append(e)

    # 4. Aliases: drop those equal to a negative phrase, another generated entity's
    #    canonical name, or claimed by several generated entities.
    claims: dict[str, set[int]] = defaultdict(set)
    for i, e in enumerate(uniq):
        for t, _ in e.names:
            claims[fold(t)].add(i)
    for i, e in enumerate(uniq):
        names = []
        for t, k in e.names:
            key = fold(t)
            if key in curated.negatives:
                filters.note("a negative phrase", t)
            elif key in by_canon and by_canon[key] is not e:
                filters.note("another generated entity's name", t)
            elif len(claims[key]) > 1:
                filters.note("claimed by several generated entities", t)
            else:
                names.append((t, k))
        e.names = names

    # 5. Ids and options.
    used = set(curated.ids)
    for e in uniq:
        base = f"{prefix}:{e.slug}"
        eid = base
        if eid in used and e.country:
            eid = f"{base}-{e.country}"
        n = 2
        while eid in used:
            eid = f"{base}-{n}"
            n += 1
        used.add(eid)
        e.id = eid

        def make(text: str, kind: str) -> Alias:
            a = Alias(text, kind if kind in KIND_OPTIONS else "name")
            if text in e.exact and has_lowercase(text):
                a.case = "exact"
            return a

        e.canonical = make(e.name, "name")
        if e.canonical.kind == "name" and is_acronym(e.name):
            e.canonical.kind = "acronym"
        e.aliases = [make(t, k) for t, k in e.names]
    return sorted(uniq, key=lambda e: e.id)


# --------------------------------------------------------------------------------------
# Self-check: the curated files plus the generated ones, as the loader reads them
# --------------------------------------------------------------------------------------

ID_RE = re.compile(r"^(org|person):[a-z0-9]+(?:-[a-z0-9]+)*$")


def accepted_forms(text: str, case: str | None) -> tuple[str, list[str] | None]:
    """The folded key and the surface forms an alias accepts (None: any case)."""
    if case is None:
        case = "caps" if has_lowercase(text) else "exact"
    if case == "any":
        return fold(text), None
    if case == "exact":
        return fold(text), [text]
    return fold(text), [text, text.upper()]


def self_check(generated: dict[str, str]) -> list[str]:
    """Load the curated defaults and the generated files and report problems."""
    problems = []
    files = [(n, (GAZ_DIR / n).read_text(encoding="utf-8")) for n in CURATED_FILES]
    files += sorted(generated.items())
    ids: dict[str, tuple[str, str]] = {}
    claims: dict[str, list[tuple[str, str, str, str | None, str | None]]] = defaultdict(list)
    for fname, text in files:
        mine = fname in generated
        seen_in_file = set()
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            where = f"{fname}:{n}"
            cells = line.split("\t")
            if len(cells) not in (3, 4) or not cells[2].strip():
                problems.append(f"{where}: malformed row")
                continue
            eid, etype = cells[0], cells[1]
            if etype not in ("PERSON", "ORG", "COUNTRY", "NOT"):
                problems.append(f"{where}: unknown type {etype!r}")
            if eid in seen_in_file:
                problems.append(f"{where}: id {eid} used twice in the file")
            seen_in_file.add(eid)
            if mine:
                if not ID_RE.match(eid):
                    problems.append(f"{where}: malformed id {eid!r}")
                if eid in ids:
                    problems.append(f"{where}: id {eid} already used in {ids[eid][0]}")
            ids.setdefault(eid, (where, etype))
            texts = [cells[2]] + (cells[3].split("|") if len(cells) == 4 else [])
            own = set()
            for raw in texts:
                text, opts = parse_alias(raw.strip())
                if not text or any(ch in text for ch in "\t|[]") or any(
                        unicodedata.category(ch) == "Cc" for ch in text):
                    problems.append(f"{where}: bad alias {raw!r}")
                    continue
                bad = [o for o in opts
                       if o not in CASE_OPTIONS | KIND_OPTIONS | RESOLUTION_OPTIONS]
                if bad:
                    problems.append(f"{where}: unknown option(s) {bad} on {text!r}")
                if etype == "NOT":
                    continue
                case = next((o for o in opts if o in CASE_OPTIONS), None)
                kind = next((o for o in opts if o in KIND_OPTIONS), "name")
                res = next((o for o in opts if o in RESOLUTION_OPTIONS), None)
                if kind == "short":
                    continue  # short forms take no part in conflicts
                if mine:
                    if fold(text) in own:
                        problems.append(f"{where}: {text!r} repeated in the row")
                    if etype == "PERSON" and len(text.split()) < 2:
                        problems.append(f"{where}: single-word person alias {text!r}")
                own.add(fold(text))
                claims[fold(text)].append((eid, where, text, case, res))
    for key, cl in claims.items():
        owners = {c[0] for c in cl}
        if len(owners) < 2:
            continue
        # compare the accepted surface forms, as the loader does
        forms = []
        for eid, where, text, case, res in cl:
            forms.append(accepted_forms(text, case)[1])
        clash = False
        for x in range(len(cl)):
            for y in range(x + 1, len(cl)):
                if cl[x][0] == cl[y][0]:
                    continue
                fx, fy = forms[x], forms[y]
                if fx is None or fy is None or set(fx) & set(fy) or \
                        any(f.upper() == g for f in fx for g in fy) or \
                        any(g.upper() == f for f in fx for g in fy):
                    clash = True
        generated_involved = any(w.split(":")[0] in generated for _, w, *_ in cl)
        if not clash and not generated_involved:
            continue
        prefer = len({c[0] for c in cl if c[4] == "prefer"})
        shared = all(c[4] == "shared" for c in cl)
        # precision rule: a generated alias may not collide even case-insensitively
        if generated_involved or (clash and prefer != 1 and not shared):
            if prefer == 1 and not generated_involved or (shared and not generated_involved):
                continue
            if shared and all(w.split(":")[0] in generated for _, w, *_ in cl):
                continue
            who = "; ".join(f"{e} {t!r} ({w})" for e, w, t, _, _ in cl)
            problems.append(f"alias {key!r} claimed by several entities: {who}")
    return problems


# --------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------


def header_lines(title: str, sources: list[str], notes: list[str]) -> list[str]:
    lines = [f"# {title}",
             "# Generated by scripts/generate_gazetteers.py; do not edit by hand: change the",
             "# script's tables and run `python3 scripts/generate_gazetteers.py`.",
             "# Sources (see gazetteers/SOURCES.md for versions, licences and notices):"]
    lines += [f"#   {s}" for s in sources]
    lines += ["#"] + [f"# {n}" if n else "#" for n in notes] + ["#", "# id\ttype\tname\taliases"]
    return lines


ORG_NOTES = [
    "This file contains data from supraverden (CC BY-SA 4.0, https://github.com/confirmordeny/",
    "supraverden) and is therefore distributed under CC BY-SA 4.0 (share-alike); see SOURCES.md.",
    "It also contains MITRE ATT&CK(R) group names: (c) 2015-2025 The MITRE Corporation. This work",
    "is reproduced and distributed with the permission of The MITRE Corporation.",
    "",
    "Precision rules: curated files win (an alias they claim is dropped; an entity whose name or",
    "a full-name alias is curated is left out); aliases claimed by several generated entities are",
    "dropped; aliases that are top-20,000 English words (wordfreq) or first names, shorter than 3",
    "characters, two-letter acronyms, ATT&CK ids and generic names are dropped; single-word",
    "threat-actor and terrorist aliases with a wordfreq Zipf frequency >= 2.5 are dropped; company",
    "short names (legal suffix stripped) that are top-20,000 words are dropped unless listed as",
    "brands, which get [exact]; national agency names that are generic carry their country in",
    "brackets and are matched with the country before them (\"Pakistani Air Intelligence\",",
    "\"Pakistan's Air Intelligence\"). ALL-CAPS threat-actor names of several words are written in",
    "title case.",
]
PEOPLE_NOTES = [
    "One row per person across sources (Wikidata and bioguide ids used for de-duplication only).",
    "Canonical names are the press form (nickname or first name, and family name); aliases are",
    "official full forms, forms with middle names or initials and spellings without diacritics.",
    "No single-word aliases: nergraph derives the family name itself. People already in",
    "people.tsv are left out; an alias claimed by a curated entity or another person is dropped.",
]


def generate(data: Path) -> tuple[dict[str, str], dict]:
    for rel in ("misp-galaxy/threat-actor.json", "supraverden/intl_orgs.tsv",
                "us-congress/legislators-current.yaml", "first-names/male_first_names_en.txt"):
        if not (data / rel).is_file():
            raise SystemExit(f"missing {data / rel}; pass the data folder with --data")
    curated = load_curated()
    filters = Filters(data, curated)
    log: dict[str, list[str]] = defaultdict(list)

    orgs = (intl_orgs(data) + intelligence(data, filters) + terrorist(data, filters)
            + nato(data, filters) + threat_actors(data, filters)
            + companies(data, filters) + outlets(data, filters))
    org_rows = finish(orgs, filters, curated, "org", log)
    person_rows = finish(merge_people(people(data)), filters, curated, "person", log)

    out = {
        ORG_FILE: "\n".join(
            header_lines("Organisations in international news (generated).", ORG_SOURCES,
                         ORG_NOTES) + [e.render() for e in org_rows]) + "\n",
        PEOPLE_FILE: "\n".join(
            header_lines("People in international news (generated).", PEOPLE_SOURCES,
                         PEOPLE_NOTES) + [e.render() for e in person_rows]) + "\n",
    }
    problems = self_check(out)
    if len(org_rows) < 2800 or len(person_rows) < 1100:
        problems.append(f"too few rows: {len(org_rows)} organisations, {len(person_rows)} people")
    if problems:
        for p in problems[:200]:
            print(f"self-check: {p}", file=sys.stderr)
        raise SystemExit(f"self-check failed with {len(problems)} problem(s)")
    stats = {
        "orgs": org_rows, "people": person_rows, "dropped": filters.dropped, "log": log,
    }
    return out, stats


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA,
                        help="folder with the source data sets (default: ../shared/data "
                             "relative to the repository root)")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if a generated file is not up to date")
    parser.add_argument("--report", type=Path,
                        help="also write what was dropped and why to this file")
    args = parser.parse_args(argv)

    files, stats = generate(args.data)
    if args.report:
        lines = []
        for reason, texts in sorted(stats["dropped"].items()):
            uniq = sorted(set(texts))
            lines.append(f"## alias dropped: {reason} ({len(uniq)})")
            lines += [f"  {t}" for t in uniq]
        for reason, texts in sorted(stats["log"].items()):
            lines.append(f"## {reason} ({len(texts)})")
            lines += [f"  {t}" for t in sorted(texts)]
        args.report.write_text("\n".join(lines) + "\n", encoding="utf-8")
    summary = []
    for key, fname in (("orgs", ORG_FILE), ("people", PEOPLE_FILE)):
        rows = stats[key]
        summary.append(f"{fname} ({len(rows)} rows, {sum(len(e.aliases) for e in rows)} aliases)")
    stale = []
    for fname, text in files.items():
        path = GAZ_DIR / fname
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current != text:
            stale.append(path)
            if not args.check:
                with open(path, "w", encoding="utf-8", newline="\n") as f:
                    f.write(text)
    if args.check:
        if stale:
            for p in stale:
                print(f"{p} is out of date; run scripts/generate_gazetteers.py", file=sys.stderr)
            return 1
        print("up to date: " + "; ".join(summary))
        return 0
    print("wrote " + "; ".join(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
