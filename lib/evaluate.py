"""Score the extractors against hand-made gold annotations: precision, recall and F1 per table.

Gold files (``gold/seed.json``, ``gold/corpus/NNN.json``; the format is described in
``gold/README.md``) say what a careful analyst wants from one document. The evaluator runs the
real pipeline on each document and matches its rows to the gold, one to one (a maximum bipartite
matching, so the order of rows never changes a score):

- **places**: the document's unique place names among rows with role ``place``. A system name
  matches a gold place when the names agree after normalisation (case, diacritics, apostrophes,
  "the", known transliterations such as Kiev/Kyiv, the gazetteer's canonical name when
  ``lib.gazetteer`` offers a lookup, the gold's aliases) AND the system's coordinates lie within
  the gold's tolerance (``tolerance_km``, else 30 km for cities and facilities, 100 km for areas,
  150 km for regions, 1,000 km for countries). **places (actors)** scores the names used for a
  government ("Moscow was wary") in the same way among rows with role ``actor``, by name only.
- **claims**: a system claim matches a gold claim when its sentence contains the gold anchor and
  its canonical source is the gold source or one of its aliases (both sides canonicalised by
  ``normalize_actor`` when the actor lexicon is there, then folded: case, "the", "U.N." -> "UN",
  punctuation). Stance, hedging and the "via" channel are reported as accuracy on matched pairs.
- **casualties**: a system figure matches a gold figure with the same ``count_low`` and
  ``outcome`` in the document (for a gold figure whose qualifier is ``vague``, such as
  "thousands", the count is not compared but the anchor must be in the sentence). Pairs whose
  sentence also contains the anchor are preferred. Population, qualifier and source are
  reported as accuracy on matched pairs.
- **event dates**: only system events that carry a date count. A system event matches a gold
  event when its sentence contains the anchor and its ``date_start``/``date_end`` equal the
  gold's or an ``also_accept`` reading (a missing end is the start). Date precision and event
  type are reported as accuracy.

A gold item marked ``optional`` is one the text supports but does not demand (a restated
figure, an ambiguous date, a report release): a system row matching it is neither credited nor
counted as spurious, and missing it costs nothing. An optional event with no dates matches on
its anchor alone. A claim's ``span`` (a quotation over several sentences) likewise absorbs the
system's claims with its source inside the quotation.

Precision is matched / system rows (less those absorbed by optional items), recall is matched /
required gold items, F1 their harmonic mean; totals are micro-averaged (counts summed over
documents). The command reports and exits 0 whatever the scores; a malformed gold file exits 2
with a message naming it; a pipeline that cannot be imported exits 1.
"""

from __future__ import annotations

import datetime as dt
import importlib
import json
import math
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pandas as pd

from lib.ingest import load_document, normalize_text
from lib.schema import DATE_PRECISIONS, EVENT_TYPES, OUTCOMES, PLACE_KINDS, POPULATIONS, QUALIFIERS, STANCES

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS_DIR = ROOT.parent / "shared" / "corpus" / "articles"
GOLD_FORMAT = 1
COLLECTIONS = ("repo", "corpus")
ROLES = ("place", "actor")
TABLE_NAMES = ("places", "places (actors)", "claims", "casualties", "event dates")
# The tables the project's quality bar applies to (the actor-role places are reported alongside).
SCORED_TABLES = ("places", "claims", "casualties", "event dates")
TOLERANCE_KM = {"city": 30.0, "facility": 30.0, "area": 100.0, "region": 150.0, "country": 1000.0}
MAX_ANCHOR_WORDS = 8
EARTH_RADIUS_KM = 6371.0088

# Spellings of one place that analysts meet side by side; each group folds to its first name.
TRANSLITERATIONS: tuple[tuple[str, ...], ...] = (
    ("kyiv", "kiev", "kiyv"),
    ("kharkiv", "kharkov"),
    ("odesa", "odessa"),
    ("lviv", "lvov", "lwow"),
    ("mykolaiv", "mykolayiv", "nikolaev", "nikolayev"),
    ("zaporizhzhia", "zaporizhzhya", "zaporizhia", "zaporozhye", "zaporozhzhia"),
    ("dnipro", "dnepr", "dnipropetrovsk", "dnepropetrovsk"),
    ("chernihiv", "chernigov"),
    ("luhansk", "lugansk"),
    ("bakhmut", "artemivsk", "artyomovsk"),
    ("vinnytsia", "vinnitsa", "vinnytsya"),
    ("rivne", "rovno"),
    ("zhytomyr", "zhitomir"),
    ("chernobyl", "chornobyl"),
    ("homel", "gomel", "homiel"),
    ("mahilyow", "mogilev", "mahiliou", "mogilyov"),
    ("hrodna", "grodno"),
    ("vitsyebsk", "vitebsk", "viciebsk"),
    ("brest", "brest litovsk"),
    ("mazyr", "mozyr"),
    ("belarus", "byelorussia", "belorussia"),
    ("moldova", "moldavia"),
    ("united states", "us", "usa", "united states of america", "america"),
    ("united kingdom", "uk", "britain", "great britain"),
    ("oblast", "region", "province"),
)

_SPACE = re.compile(r"\s+")
_NON_WORD = re.compile(r"[^\w\s]")
_APOSTROPHES = re.compile(r"['`ʼ’‘]")
_LEADING_THE = re.compile(r"^the\s+")
_ABBREVIATIONS = ((re.compile(r"\bu\.\s?n\.?(?=\s|$)"), "un"), (re.compile(r"\bu\.\s?s\.?(?=\s|$)"), "us"))


class GoldError(ValueError):
    """A gold file that cannot be used; the message names the file and what is wrong."""


@dataclass(frozen=True, slots=True)
class GoldPlace:
    name: str
    country_code: str | None
    kind: str
    lat: float | None
    lon: float | None
    roles: tuple[str, ...] = ("place",)
    aliases: tuple[str, ...] = ()
    tolerance_km: float | None = None
    optional: bool = False

    @property
    def tolerance(self) -> float:
        return self.tolerance_km if self.tolerance_km is not None else TOLERANCE_KM.get(self.kind, 30.0)


@dataclass(frozen=True, slots=True)
class GoldClaim:
    anchor: str
    source: str
    stance: str
    hedged: bool
    aliases: tuple[str, ...] = ()
    via: str | None = None
    optional: bool = False
    span: tuple[str, str] | None = None  # first and last sentence of a quotation the claim covers


@dataclass(frozen=True, slots=True)
class GoldCasualty:
    count_low: int
    count_high: int | None
    qualifier: str
    population: str
    outcome: str
    anchor: str | None = None
    source: str | None = None
    optional: bool = False


@dataclass(frozen=True, slots=True)
class GoldEvent:
    anchor: str
    event_type: str | None
    date_start: dt.date | None
    date_end: dt.date | None
    date_precision: str | None
    optional: bool = False
    also_accept: tuple[tuple[dt.date, dt.date], ...] = ()  # other readings the text allows

    @property
    def readings(self) -> tuple[tuple[dt.date, dt.date], ...]:
        """Every (start, end) a system may give: the gold's own first."""
        if self.date_start is None or self.date_end is None:
            return self.also_accept
        return ((self.date_start, self.date_end), *self.also_accept)


@dataclass(frozen=True, slots=True)
class GoldDocument:
    """One gold file: which document it annotates and what the document should yield."""

    file: str
    collection: str
    path: str
    published: dt.date | None
    places: tuple[GoldPlace, ...] = ()
    claims: tuple[GoldClaim, ...] = ()
    casualties: tuple[GoldCasualty, ...] = ()
    events: tuple[GoldEvent, ...] = ()


@dataclass(slots=True)
class TableScore:
    """Matching counts for one table (of one document, or summed), with what was missed,
    what was spurious, and attribute accuracies on matched pairs."""

    table: str
    n_gold: int = 0  # required gold items
    n_system: int = 0  # system rows, less those matched to optional gold items
    matched: int = 0
    missed: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)
    checks: dict[str, list[int]] = field(default_factory=dict)  # attribute -> [correct, total]
    disagreements: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float | None:
        if self.n_system:
            return self.matched / self.n_system
        return 1.0 if self.n_gold == 0 else None

    @property
    def recall(self) -> float | None:
        if self.n_gold:
            return self.matched / self.n_gold
        return 1.0 if self.n_system == 0 else None

    @property
    def f1(self) -> float:
        if self.n_gold == 0 and self.n_system == 0:
            return 1.0
        denominator = self.n_gold + self.n_system
        return 2 * self.matched / denominator if denominator else 0.0

    def check(self, attribute: str, ok: bool, detail: str = "") -> None:
        tally = self.checks.setdefault(attribute, [0, 0])
        tally[0] += int(ok)
        tally[1] += 1
        if not ok and detail:
            self.disagreements.append(f"{attribute}: {detail}")

    def accuracy(self, attribute: str) -> float | None:
        correct, total = self.checks.get(attribute, (0, 0))
        return correct / total if total else None

    def __add__(self, other: TableScore) -> TableScore:
        checks = {k: list(v) for k, v in self.checks.items()}
        for key, (correct, total) in other.checks.items():
            tally = checks.setdefault(key, [0, 0])
            tally[0] += correct
            tally[1] += total
        return TableScore(
            self.table,
            self.n_gold + other.n_gold,
            self.n_system + other.n_system,
            self.matched + other.matched,
            self.missed + other.missed,
            self.spurious + other.spurious,
            checks,
            self.disagreements + other.disagreements,
        )


@dataclass(slots=True)
class DocumentResult:
    """The scores for one gold document, or why it could not be scored."""

    gold: GoldDocument
    scores: dict[str, TableScore] = field(default_factory=dict)
    error: str | None = None
    warnings: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- loading the gold


def _require(raw: Mapping, key: str, kinds: type | tuple[type, ...], where: str, *, nullable: bool = False) -> object:
    if key not in raw:
        raise GoldError(f"{where}: missing '{key}'")
    value = raw[key]
    if value is None and nullable:
        return None
    if isinstance(value, bool) and bool not in (kinds if isinstance(kinds, tuple) else (kinds,)):
        raise GoldError(f"{where}: '{key}' must not be true/false")
    if not isinstance(value, kinds):
        raise GoldError(f"{where}: '{key}' has the wrong type ({type(value).__name__})")
    return value


def _choice(raw: Mapping, key: str, allowed: Sequence[str], where: str, *, nullable: bool = False) -> str | None:
    value = _require(raw, key, str, where, nullable=nullable)
    if value is not None and value not in allowed:
        raise GoldError(f"{where}: '{key}' is {value!r}, not one of {', '.join(allowed)}")
    return value


def _date(raw: Mapping, key: str, where: str, *, nullable: bool = False) -> dt.date | None:
    value = _require(raw, key, str, where, nullable=nullable)
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise GoldError(f"{where}: '{key}' is {value!r}, not an ISO date like 2022-12-07") from None


def _anchor(raw: Mapping, where: str, *, nullable: bool = False) -> str | None:
    value = _require(raw, "anchor", str, where, nullable=nullable)
    if value is None:
        return None
    if not value.strip():
        raise GoldError(f"{where}: 'anchor' is empty")
    if len(value.split()) > MAX_ANCHOR_WORDS:
        raise GoldError(f"{where}: 'anchor' has more than {MAX_ANCHOR_WORDS} words; quote less")
    return value


def _strings(raw: Mapping, key: str, where: str) -> tuple[str, ...]:
    values = raw.get(key, [])
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise GoldError(f"{where}: '{key}' must be a list of strings")
    return tuple(values)


def _optional_flag(raw: Mapping, where: str) -> bool:
    value = raw.get("optional", False)
    if not isinstance(value, bool):
        raise GoldError(f"{where}: 'optional' must be true or false")
    return value


def parse_gold_place(raw: Mapping, where: str) -> GoldPlace:
    """One entry of a gold file's ``places`` list."""
    name = _require(raw, "name", str, where)
    kind = _choice(raw, "kind", PLACE_KINDS, where)
    lat = _require(raw, "lat", (int, float), where, nullable=True)
    lon = _require(raw, "lon", (int, float), where, nullable=True)
    if (lat is None) != (lon is None):
        raise GoldError(f"{where}: give both 'lat' and 'lon', or neither")
    if lat is not None and not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise GoldError(f"{where}: coordinates {lat}, {lon} are out of range")
    roles = _strings(raw, "roles", where) or ("place",)
    if not set(roles) <= set(ROLES):
        raise GoldError(f"{where}: 'roles' must hold only {' and '.join(ROLES)}")
    if "place" in roles and lat is None and not _optional_flag(raw, where):
        raise GoldError(f"{where}: a place (role place) needs coordinates")
    country = _require(raw, "country_code", str, where, nullable=True)
    if country is not None and not re.fullmatch(r"[A-Z]{2}", country):
        raise GoldError(f"{where}: 'country_code' {country!r} is not ISO 3166-1 alpha-2")
    tolerance = raw.get("tolerance_km")
    if tolerance is not None and (isinstance(tolerance, bool) or not isinstance(tolerance, int | float)):
        raise GoldError(f"{where}: 'tolerance_km' must be a number")
    return GoldPlace(
        name=name,
        country_code=country,
        kind=kind,
        lat=None if lat is None else float(lat),
        lon=None if lon is None else float(lon),
        roles=roles,
        aliases=_strings(raw, "aliases", where),
        tolerance_km=None if tolerance is None else float(tolerance),
        optional=_optional_flag(raw, where),
    )


def _span(raw: Mapping, where: str) -> tuple[str, str] | None:
    span = raw.get("span")
    if span is None:
        return None
    if not (isinstance(span, list) and len(span) == 2 and all(isinstance(a, str) and a.strip() for a in span)):
        raise GoldError(f"{where}: 'span' is a list of two anchors: the quotation's first and last sentence")
    if any(len(a.split()) > MAX_ANCHOR_WORDS for a in span):
        raise GoldError(f"{where}: a 'span' anchor has more than {MAX_ANCHOR_WORDS} words; quote less")
    return span[0], span[1]


def parse_gold_claim(raw: Mapping, where: str) -> GoldClaim:
    """One entry of a gold file's ``claims`` list."""
    hedged = _require(raw, "hedged", bool, where)
    return GoldClaim(
        anchor=_anchor(raw, where),
        source=_require(raw, "source", str, where),
        stance=_choice(raw, "stance", STANCES, where),
        hedged=hedged,
        aliases=_strings(raw, "aliases", where),
        via=raw.get("via") if isinstance(raw.get("via"), str) else None,
        optional=_optional_flag(raw, where),
        span=_span(raw, where),
    )


def parse_gold_casualty(raw: Mapping, where: str) -> GoldCasualty:
    """One entry of a gold file's ``casualties`` list."""
    low = _require(raw, "count_low", int, where)
    high = _require(raw, "count_high", int, where, nullable=True)
    if low < 0 or (high is not None and high < low):
        raise GoldError(f"{where}: counts must satisfy 0 <= count_low <= count_high")
    source = raw.get("source")
    if source is not None and not isinstance(source, str):
        raise GoldError(f"{where}: 'source' must be text")
    return GoldCasualty(
        count_low=low,
        count_high=high,
        qualifier=_choice(raw, "qualifier", QUALIFIERS, where),
        population=_choice(raw, "population", POPULATIONS, where),
        outcome=_choice(raw, "outcome", OUTCOMES, where),
        anchor=_anchor(raw, where, nullable=True) if "anchor" in raw else None,
        source=source,
        optional=_optional_flag(raw, where),
    )


def parse_gold_event(raw: Mapping, where: str) -> GoldEvent:
    """One entry of a gold file's ``events`` list."""
    optional = _optional_flag(raw, where)
    start = _date(raw, "date_start", where, nullable=optional)
    end = _date(raw, "date_end", where, nullable=optional)
    if (start is None) != (end is None):
        raise GoldError(f"{where}: give both 'date_start' and 'date_end', or (for an optional event) neither")
    if start is not None and end is not None and end < start:
        raise GoldError(f"{where}: 'date_end' is before 'date_start'")
    also_accept = []
    for reading in raw.get("also_accept", []):
        if not (isinstance(reading, list) and len(reading) == 2):
            raise GoldError(f"{where}: 'also_accept' is a list of [date_start, date_end] pairs")
        first, last = (_date({"date": value}, "date", where) for value in reading)
        if first is None or last is None or last < first:
            raise GoldError(f"{where}: 'also_accept' reading {reading!r} is not a date range")
        also_accept.append((first, last))
    event_type = raw.get("event_type")
    if event_type is not None and event_type not in EVENT_TYPES:
        raise GoldError(f"{where}: 'event_type' {event_type!r} is not an ACLED event type")
    return GoldEvent(
        anchor=_anchor(raw, where),
        event_type=event_type,
        date_start=start,
        date_end=end,
        date_precision=_choice(raw, "date_precision", DATE_PRECISIONS, where, nullable=True),
        optional=optional,
        also_accept=tuple(also_accept),
    )


_SECTIONS: dict[str, Callable[[Mapping, str], object]] = {
    "places": parse_gold_place,
    "claims": parse_gold_claim,
    "casualties": parse_gold_casualty,
    "events": parse_gold_event,
}


def parse_gold(raw: object, *, file: str) -> GoldDocument:
    """A :class:`GoldDocument` from a decoded gold file; raises :class:`GoldError` naming ``file``."""
    if not isinstance(raw, dict):
        raise GoldError(f"{file}: a gold file holds a JSON object, not a {type(raw).__name__}")
    if raw.get("format", GOLD_FORMAT) != GOLD_FORMAT:
        raise GoldError(f"{file}: unknown gold format {raw.get('format')!r} (this evaluator reads {GOLD_FORMAT})")
    document = raw.get("document")
    if not isinstance(document, dict):
        raise GoldError(f"{file}: missing the 'document' object (collection, path, published)")
    collection = _choice(document, "collection", COLLECTIONS, f"{file}: document")
    path = _require(document, "path", str, f"{file}: document")
    published = _date(document, "published", f"{file}: document", nullable=True)
    sections: dict[str, tuple] = {}
    for section, parse_item in _SECTIONS.items():
        items = raw.get(section, [])
        if not isinstance(items, list):
            raise GoldError(f"{file}: '{section}' must be a list")
        parsed = []
        for index, item in enumerate(items):
            where = f"{file}: {section}[{index}]"
            if not isinstance(item, dict):
                raise GoldError(f"{where}: each entry is a JSON object")
            parsed.append(parse_item(item, where))
        sections[section] = tuple(parsed)
    return GoldDocument(file=file, collection=collection, path=path, published=published, **sections)


def load_gold(path: Path) -> GoldDocument:
    """Read one gold file; raises :class:`GoldError` naming the file when it is unusable."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise GoldError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GoldError(f"{path}: not valid JSON ({str(exc).splitlines()[0]})") from None
    return parse_gold(raw, file=str(path))


def load_gold_dir(gold_dir: Path) -> list[GoldDocument]:
    """Every ``*.json`` gold file under ``gold_dir``, sorted by path (the seed first)."""
    if not gold_dir.is_dir():
        raise GoldError(f"{gold_dir}: no such gold folder")
    files = sorted(gold_dir.rglob("*.json"), key=lambda p: (p.parent != gold_dir, str(p)))
    return [load_gold(path) for path in files]


# --------------------------------------------------------------------------- normalisation


def fold_text(text: str) -> str:
    """Text for containment tests: ingest's normalisation, case-folded, spaces collapsed."""
    return _SPACE.sub(" ", normalize_text(text)).casefold().strip()


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@cache
def _transliteration_map() -> dict[str, str]:
    return {variant: group[0] for group in TRANSLITERATIONS for variant in group}


def fold_name(name: str) -> str:
    """A name folded for comparison: no accents or case, no leading "the", "U.N." -> "un",
    apostrophes dropped, other punctuation and hyphens as spaces."""
    text = _strip_accents(normalize_text(name)).casefold().strip()
    for pattern, repl in _ABBREVIATIONS:
        text = pattern.sub(repl, text)
    text = _APOSTROPHES.sub("", text)
    text = _NON_WORD.sub(" ", text).replace("_", " ")
    text = _SPACE.sub(" ", text).strip()
    return _LEADING_THE.sub("", text)


def normalize_place_name(name: str) -> str:
    """A place name folded for comparison, each word mapped through the known transliterations
    ("Kiev" -> "kyiv", "Zaporozhye Region" -> "zaporizhzhia oblast")."""
    table = _transliteration_map()
    folded = fold_name(name)
    if folded in table:
        return table[folded]
    return " ".join(table.get(word, word) for word in folded.split())


@cache
def _gazetteer() -> object | None:
    """The project gazetteer when ``lib.gazetteer`` is importable and loads, else ``None``."""
    try:
        module = importlib.import_module("lib.gazetteer")
        return module.get_gazetteer()
    except Exception:  # the gazetteer is optional here: any failure means "no gazetteer"
        return None


@cache
def gazetteer_names(name: str) -> frozenset[str]:
    """The canonical name the gazetteer gives a name's best candidate (its most populous place,
    or its first record), when ``lib.gazetteer`` offers a lookup; empty otherwise."""
    gazetteer = _gazetteer()
    if gazetteer is None:
        return frozenset()
    for method in ("places_named", "lookup", "candidates", "find", "get"):
        function = getattr(gazetteer, method, None)
        if not callable(function):
            continue
        for query in dict.fromkeys((name, name.title())):
            try:
                found = function(query)
            except Exception:  # an unexpected signature: try the next way of asking
                continue
            records = list(found) if isinstance(found, list | tuple) else [found] if found is not None else []
            for record in records:
                record = getattr(record, "place", record)  # a candidate wraps its place
                canonical = getattr(record, "name", None)
                if isinstance(canonical, str) and canonical:
                    return frozenset({canonical})
    return frozenset()


@cache
def _actor_normaliser() -> Callable[[str], str] | None:
    for module_name in ("lib.lexicon", "lib.extract.actors"):
        try:
            module = importlib.import_module(module_name)
        except Exception:  # the lexicon is being built; without it the plain fold is used
            continue
        function = getattr(module, "normalize_actor", None)
        if callable(function):
            return function
    return None


@cache
def actor_keys(name: str) -> frozenset[str]:
    """The folded forms an actor name is known by: as written, and its lexicon canonical."""
    keys = {fold_name(name)}
    normaliser = _actor_normaliser()
    if normaliser is not None:
        try:
            canonical = normaliser(name)
        except Exception:  # a lexicon bug must not stop the evaluation
            canonical = None
        if isinstance(canonical, str) and canonical:
            keys.add(fold_name(canonical))
    keys.discard("")
    return frozenset(keys)


def same_actor(system_names: Iterable[str | None], gold_names: Iterable[str]) -> bool:
    """Whether any system name (canonical source or mention) is one of the gold names, or a
    gold name of two words or more behind a title ("Donetsk Oblast Gov. Pavlo Kyrylenko")."""
    gold_keys = set().union(*(actor_keys(name) for name in gold_names))
    full_names = tuple(" " + key for key in gold_keys if " " in key)
    for name in system_names:
        if isinstance(name, str) and name:
            keys = actor_keys(name)
            if keys & gold_keys or any(key.endswith(full_names) for key in keys):
                return True
    return False


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine) between two points in kilometres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlmb = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


# --------------------------------------------------------------------------- matching


def max_matching(n_gold: int, n_system: int, fits: Callable[[int, int], bool]) -> dict[int, int]:
    """A maximum one-to-one matching gold index -> system index (Kuhn's augmenting paths)."""
    edges = [[s for s in range(n_system) if fits(g, s)] for g in range(n_gold)]
    owner: dict[int, int] = {}

    def augment(g: int, seen: set[int]) -> bool:
        for s in edges[g]:
            if s in seen:
                continue
            seen.add(s)
            if s not in owner or augment(owner[s], seen):
                owner[s] = g
                return True
        return False

    for g in range(n_gold):
        augment(g, set())
    return {g: s for s, g in owner.items()}


def _match_subset(gold: list[int], system: list[int], fits: Callable[[int, int], bool]) -> dict[int, int]:
    found = max_matching(len(gold), len(system), lambda g, s: fits(gold[g], system[s]))
    return {gold[g]: system[s] for g, s in found.items()}


def match_tiers(gold: Sequence[object], n_system: int, tiers: Sequence[Callable[[int, int], bool]]) -> dict[int, int]:
    """Match required gold items before optional ones, and within that, stricter rules
    (``tiers[0]``) before looser ones; returns gold index -> system index."""
    result: dict[int, int] = {}
    for want_optional in (False, True):
        for fits in tiers:
            gold_left = [g for g in range(len(gold)) if g not in result and gold[g].optional == want_optional]
            taken = set(result.values())
            system_left = [s for s in range(n_system) if s not in taken]
            result.update(_match_subset(gold_left, system_left, fits))
    return result


def _finish(score: TableScore, gold: Sequence, matches: dict[int, int], n_system: int) -> None:
    optional_matched = sum(1 for g in matches if gold[g].optional)
    score.n_gold = sum(1 for item in gold if not item.optional)
    score.matched = len(matches) - optional_matched
    score.n_system = n_system - optional_matched


def _sentence_texts(system: pd.DataFrame, sentences: pd.DataFrame | None) -> list[str]:
    """The folded sentence text of each system row (empty when the sentence is unknown)."""
    if sentences is None or sentences.empty or "sentence_id" not in system:
        return [""] * len(system)
    by_id = dict(zip(sentences["sentence_id"], sentences["text"], strict=False))
    return [fold_text(str(by_id.get(sid, ""))) for sid in system["sentence_id"]]


def _sentence_positions(system: pd.DataFrame, sentences: pd.DataFrame | None) -> list[int | None]:
    """The position (in text order) of each system row's sentence."""
    if sentences is None or sentences.empty or "sentence_id" not in system:
        return [None] * len(system)
    order = {sid: i for i, sid in enumerate(sentences.sort_values("start")["sentence_id"])}
    return [order.get(sid) for sid in system["sentence_id"]]


def _sentence_range(sentences: pd.DataFrame | None, span: tuple[str, str]) -> tuple[int, int] | None:
    """The positions of the first sentence holding ``span[0]`` and the next holding ``span[1]``."""
    if sentences is None or sentences.empty:
        return None
    texts = [fold_text(str(t)) for t in sentences.sort_values("start")["text"]]
    first, last = fold_text(span[0]), fold_text(span[1])
    start = next((i for i, t in enumerate(texts) if first in t), None)
    if start is None:
        return None
    end = next((i for i in range(start, len(texts)) if last in texts[i]), None)
    return None if end is None else (start, end)


def _value(row: Mapping, key: str) -> object | None:
    value = row.get(key)
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _as_date(value: object) -> dt.date | None:
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp | dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _records(frame: pd.DataFrame | None) -> list[dict]:
    if frame is None or frame.empty:
        return []
    return [{k: _value(row, k) for k in row} for row in frame.to_dict("records")]


def _short(text: str, limit: int = 90) -> str:
    text = _SPACE.sub(" ", text).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def score_places(locations: pd.DataFrame | None, gold: Sequence[GoldPlace], *, role: str = "place") -> TableScore:
    """Unique place names with ``role`` against the gold places having that role: names agree
    after normalisation and (for role ``place``) coordinates lie within the gold tolerance."""
    score = TableScore("places" if role == "place" else "places (actors)")
    wanted = [p for p in gold if role in p.roles]
    system: dict[str, dict] = {}  # first row of each unique name, in text order
    rows = _records(locations)
    rows.sort(key=lambda r: (r.get("start") is None, r.get("start") or 0))
    for row in rows:
        if row.get("role") == role and isinstance(row.get("name"), str) and row["name"].strip():
            system.setdefault(normalize_place_name(row["name"]), row)
    names = list(system)

    accepted = [
        {normalize_place_name(n) for n in (p.name, *p.aliases)}
        | {normalize_place_name(c) for n in (p.name, *p.aliases) for c in gazetteer_names(n)}
        for p in wanted
    ]

    def near(place: GoldPlace, row: dict) -> bool:
        if role != "place" or place.lat is None or place.lon is None:
            return True
        lat, lon = row.get("latitude"), row.get("longitude")
        if lat is None or lon is None:
            return False
        return distance_km(place.lat, place.lon, float(lat), float(lon)) <= place.tolerance

    def fits(g: int, s: int) -> bool:
        key = names[s]
        name_ok = key in accepted[g] or bool({normalize_place_name(c) for c in gazetteer_names(key)} & accepted[g])
        return name_ok and near(wanted[g], system[key])

    matches = match_tiers(wanted, len(names), [fits])
    _finish(score, wanted, matches, len(names))
    matched_system = set(matches.values())
    for g, place in enumerate(wanted):
        if g in matches:
            row = system[names[matches[g]]]
            if place.country_code:
                score.check(
                    "country", row.get("country_code") == place.country_code, f"{place.name}: {row.get('country_code')}"
                )
        elif not place.optional:
            where = "" if place.lat is None else f" ({place.lat:.2f}, {place.lon:.2f})"
            near_name = system.get(next(iter(accepted[g] & set(names)), ""))
            seen = ""
            if near_name is not None:
                seen = f"; system put it at ({near_name.get('latitude')}, {near_name.get('longitude')})"
            score.missed.append(f"{place.name}{where}{seen}")
    for s, key in enumerate(names):
        if s not in matched_system:
            row = system[key]
            lat, lon = row.get("latitude"), row.get("longitude")
            where = f" ({float(lat):.2f}, {float(lon):.2f})" if lat is not None and lon is not None else ""
            score.spurious.append(f"{row['name']}{where} from {row.get('mention')!r}")
    return score


def score_claims(claims: pd.DataFrame | None, sentences: pd.DataFrame | None, gold: Sequence[GoldClaim]) -> TableScore:
    """Claims whose sentence holds the gold anchor and whose source is the gold source."""
    score = TableScore("claims")
    rows = _records(claims)
    texts = _sentence_texts(claims, sentences) if rows else []
    anchors = [fold_text(c.anchor) for c in gold]

    def fits(g: int, s: int) -> bool:
        claim = gold[g]
        return anchors[g] in texts[s] and same_actor(
            (rows[s].get("source"), rows[s].get("source_mention")), (claim.source, *claim.aliases)
        )

    matches = match_tiers(gold, len(rows), [fits])
    _finish(score, gold, matches, len(rows))
    matched_system = set(matches.values())
    # Rows inside a quotation a gold claim covers, with that claim's source, are its sentences:
    # neither credited nor spurious.
    spans = [_sentence_range(sentences, claim.span) if claim.span else None for claim in gold]
    positions = _sentence_positions(claims, sentences) if rows else []
    for s, row in enumerate(rows):
        if s in matched_system or positions[s] is None:
            continue
        for claim, covered in zip(gold, spans, strict=True):
            if covered and covered[0] <= positions[s] <= covered[1]:
                names = (row.get("source"), row.get("source_mention"))
                if same_actor(names, (claim.source, *claim.aliases)):
                    matched_system.add(s)
                    score.n_system -= 1
                    break
    for g, claim in enumerate(gold):
        if g in matches:
            row = rows[matches[g]]
            score.check(
                "stance", row.get("stance") == claim.stance, f"{claim.source} {claim.anchor!r}: {row.get('stance')}"
            )
            hedged = row.get("hedged")
            score.check(
                "hedged",
                hedged is not None and bool(hedged) == claim.hedged,
                f"{claim.source} {claim.anchor!r}: {hedged}",
            )
            if claim.via:
                via = row.get("via")
                score.check(
                    "via",
                    isinstance(via, str) and same_actor([via], [claim.via]),
                    f"{claim.source} {claim.anchor!r}: {via} (gold {claim.via})",
                )
        elif not claim.optional:
            score.missed.append(f"{claim.source}: {claim.anchor!r}")
    for s, row in enumerate(rows):
        if s not in matched_system:
            score.spurious.append(f"{row.get('source')} ({row.get('stance')}): {_short(texts[s] or '', 80)!r}")
    return score


def score_casualties(
    casualties: pd.DataFrame | None, sentences: pd.DataFrame | None, gold: Sequence[GoldCasualty]
) -> TableScore:
    """Casualty figures matched on (count_low, outcome), preferring the anchored sentence."""
    score = TableScore("casualties")
    rows = _records(casualties)
    texts = _sentence_texts(casualties, sentences) if rows else []
    anchors = [fold_text(c.anchor) if c.anchor else None for c in gold]

    def anchored(g: int, s: int) -> bool:
        return anchors[g] is not None and anchors[g] in texts[s]

    def same_figure(g: int, s: int) -> bool:
        item, row = gold[g], rows[s]
        if row.get("outcome") != item.outcome:
            return False
        if item.qualifier == "vague":
            return anchored(g, s)
        count = row.get("count_low")
        return count is not None and int(count) == item.count_low

    matches = match_tiers(gold, len(rows), [lambda g, s: same_figure(g, s) and anchored(g, s), same_figure])
    _finish(score, gold, matches, len(rows))
    for g, item in enumerate(gold):
        label = f"{item.count_low} {item.outcome}"
        if g in matches:
            row = rows[matches[g]]
            score.check("population", row.get("population") == item.population, f"{label}: {row.get('population')}")
            score.check("qualifier", row.get("qualifier") == item.qualifier, f"{label}: {row.get('qualifier')}")
            if item.source:
                source = row.get("source")
                score.check(
                    "source", isinstance(source, str) and same_actor([source], [item.source]), f"{label}: {source}"
                )
        elif not item.optional:
            score.missed.append(f"{label} ({item.qualifier}, {item.population}): {item.anchor!r}")
    matched_system = set(matches.values())
    for s, row in enumerate(rows):
        if s not in matched_system:
            mention = row.get("mention") or _short(texts[s], 60)
            score.spurious.append(
                f"{row.get('count_low')} {row.get('outcome')} ({row.get('qualifier')}, {row.get('population')}): {mention!r}"
            )
    return score


def score_events(events: pd.DataFrame | None, sentences: pd.DataFrame | None, gold: Sequence[GoldEvent]) -> TableScore:
    """Dated system events against gold events: the anchored sentence and the same dates."""
    score = TableScore("event dates")
    rows = [r for r in _records(events) if _as_date(r.get("date_start")) is not None]
    frame = pd.DataFrame(rows) if rows else None
    texts = _sentence_texts(frame, sentences) if rows else []
    anchors = [fold_text(e.anchor) for e in gold]
    spans = []
    for row in rows:
        start = _as_date(row.get("date_start"))
        spans.append((start, _as_date(row.get("date_end")) or start))

    def fits(g: int, s: int) -> bool:
        item = gold[g]
        if anchors[g] not in texts[s]:
            return False
        if not item.readings:
            return True
        return spans[s] in item.readings

    matches = match_tiers(gold, len(rows), [fits])
    _finish(score, gold, matches, len(rows))
    for g, item in enumerate(gold):
        if g in matches:
            row = rows[matches[g]]
            if item.date_precision and item.readings and spans[matches[g]] == item.readings[0]:
                score.check(
                    "precision",
                    row.get("date_precision") == item.date_precision,
                    f"{item.anchor!r}: {row.get('date_precision')}",
                )
            if item.event_type and item.date_start is not None:
                score.check(
                    "event type", row.get("event_type") == item.event_type, f"{item.anchor!r}: {row.get('event_type')}"
                )
        elif not item.optional:
            dates = f"{item.date_start}" if item.date_start == item.date_end else f"{item.date_start}..{item.date_end}"
            seen = [f"{a}..{b}" for (a, b), t in zip(spans, texts, strict=True) if anchors[g] in t]
            note = f"; system dated that sentence {', '.join(seen)}" if seen else ""
            score.missed.append(f"{dates} {item.anchor!r}{note}")
    matched_system = set(matches.values())
    for s, row in enumerate(rows):
        if s not in matched_system:
            start, end = spans[s]
            dates = f"{start}" if start == end else f"{start}..{end}"
            said = row.get("date_text") or ""
            score.spurious.append(f"{dates} {row.get('event_type')} ({said!r}): {_short(texts[s], 70)!r}")
    return score


def score_document(gold: GoldDocument, tables: Mapping[str, pd.DataFrame]) -> dict[str, TableScore]:
    """Every table's score for one document, from the pipeline's tables for that document."""
    sentences = tables.get("sentences")
    return {
        "places": score_places(tables.get("locations"), gold.places, role="place"),
        "places (actors)": score_places(tables.get("locations"), gold.places, role="actor"),
        "claims": score_claims(tables.get("claims"), sentences, gold.claims),
        "casualties": score_casualties(tables.get("casualties"), sentences, gold.casualties),
        "event dates": score_events(tables.get("events"), sentences, gold.events),
    }


# --------------------------------------------------------------------------- running


def resolve_corpus_dir(corpus_dir: Path | None) -> Path | None:
    """The folder of corpus articles: ``corpus_dir`` (or its ``articles`` subfolder), else
    ``../shared/corpus/articles`` beside the repository when it exists."""
    if corpus_dir is None:
        return DEFAULT_CORPUS_DIR if DEFAULT_CORPUS_DIR.is_dir() else None
    if (corpus_dir / "articles").is_dir():
        return corpus_dir / "articles"
    return corpus_dir


def gold_text_path(gold: GoldDocument, *, corpus_dir: Path | None) -> Path | None:
    """Where the annotated text is: in the repository, or in the corpus folder (``None`` when
    the corpus is absent)."""
    if gold.collection == "repo":
        return ROOT / gold.path
    return None if corpus_dir is None else corpus_dir / gold.path


def check_anchors(gold: GoldDocument, text: str) -> list[str]:
    """Anchors that do not occur in the document text (a gold file out of step with its text)."""
    folded = fold_text(text)
    anchors = [item.anchor for item in (*gold.claims, *gold.casualties, *gold.events) if item.anchor]
    anchors += [anchor for claim in gold.claims if claim.span for anchor in claim.span]
    return [anchor for anchor in anchors if fold_text(anchor) not in folded]


def evaluate_documents(golds: Sequence[GoldDocument], *, corpus_dir: Path | None) -> list[DocumentResult]:
    """Run the pipeline on each gold document that can be found and score it. Raises
    :class:`GoldError` when a gold file names a missing repository file or anchors absent
    from its text."""
    from lib.pipeline import DocumentRows, iter_document_rows
    from lib.schema import TABLES, to_frame

    results = [DocumentResult(gold) for gold in golds]
    documents = []
    for result in results:
        gold = result.gold
        path = gold_text_path(gold, corpus_dir=corpus_dir)
        if path is None:
            result.error = "corpus not present"
            continue
        loaded = load_document(path)
        if loaded.document is None:
            if gold.collection == "repo":
                raise GoldError(f"{gold.file}: its document cannot be loaded: {loaded.error}")
            result.error = loaded.error
            continue
        document = loaded.document
        missing = check_anchors(gold, document.text)
        if missing:
            raise GoldError(f"{gold.file}: anchor(s) not found in {gold.path}: {'; '.join(map(repr, missing))}")
        if gold.published and document.published != gold.published:
            result.warnings.append(
                f"{gold.file}: gold says published {gold.published}, the document's sidecar {document.published}"
            )
        documents.append((result, document))
    outputs = iter_document_rows([document for _, document in documents])
    for (result, _), output in zip(documents, outputs, strict=True):
        if isinstance(output, DocumentRows):
            tables = {table: to_frame(table, output.rows[table]) for table in TABLES}
        else:
            result.warnings.append(f"{result.gold.path}: {output.reason}; scored as if nothing was extracted")
            tables = {}
        result.scores = score_document(result.gold, tables)
    return results


def _cell(value: float | None) -> str:
    return "    -" if value is None else f"{value:5.2f}"


def format_scores(scores: Mapping[str, TableScore], *, indent: str = "  ") -> list[str]:
    """The score table: one line per table with counts, P/R/F1 and attribute accuracies."""
    lines = [f"{indent}{'table':<16} {'gold':>5} {'system':>6} {'match':>5}   {'P':>5} {'R':>5} {'F1':>5}   accuracy"]
    for name in TABLE_NAMES:
        score = scores.get(name)
        if score is None:
            continue
        accuracies = ", ".join(
            f"{attribute} {correct}/{total}" for attribute, (correct, total) in score.checks.items() if total
        )
        lines.append(
            f"{indent}{name:<16} {score.n_gold:>5} {score.n_system:>6} {score.matched:>5}   "
            f"{_cell(score.precision)} {_cell(score.recall)} {_cell(score.f1)}   {accuracies}".rstrip()
        )
    return lines


def _details(scores: Mapping[str, TableScore], *, indent: str = "    ") -> list[str]:
    lines = []
    for name in TABLE_NAMES:
        score = scores.get(name)
        if score is None:
            continue
        for label, items in (("missed", score.missed), ("spurious", score.spurious), ("differs", score.disagreements)):
            for item in items:
                lines.append(f"{indent}{name} {label}: {item}")
    return lines


def total_scores(results: Iterable[DocumentResult]) -> dict[str, TableScore]:
    """Micro-averaged totals: each table's counts summed over the scored documents."""
    totals = {name: TableScore(name) for name in TABLE_NAMES}
    for result in results:
        for name, score in result.scores.items():
            totals[name] = totals[name] + score
    return totals


def format_report(results: Sequence[DocumentResult], *, verbose: bool = False) -> str:
    """The evaluation report: per document with ``verbose`` (misses and spurious rows listed),
    then the micro-averaged totals."""
    scored = [r for r in results if r.scores]
    lines = [f"sitrep evaluation: {len(scored)} of {len(results)} gold document(s) scored"]
    if verbose:
        for result in scored:
            lines.append("")
            lines.append(f"{result.gold.path} ({result.gold.file})")
            lines.extend(format_scores(result.scores))
            lines.extend(_details(result.scores))
    lines.append("")
    lines.append("totals (micro-averaged over the documents)")
    lines.extend(format_scores(total_scores(scored)))
    return "\n".join(lines)


def run_evaluation(gold_dir: Path, corpus_dir: Path | None, verbose: bool) -> int:
    """The ``evaluate`` command: print the scores; 0 whatever they are, 2 for unusable gold."""
    try:
        golds = load_gold_dir(gold_dir)
        articles = resolve_corpus_dir(corpus_dir)
        if articles is not None and not articles.is_dir():
            print(f"error: corpus folder {articles} does not exist", file=sys.stderr)
            return 2
        results = evaluate_documents(golds, corpus_dir=articles)
    except GoldError as exc:
        print(f"error: malformed gold: {exc}", file=sys.stderr)
        return 2
    except ImportError as exc:  # an extractor module half-written: nothing can be scored
        print(f"error: the pipeline cannot be imported ({exc}); nothing was scored", file=sys.stderr)
        return 1
    if not golds:
        print(f"no gold files in {gold_dir}")
        return 0
    skipped = [r for r in results if r.error == "corpus not present"]
    if skipped:
        print(
            f"note: {len(skipped)} corpus gold file(s) skipped: ../shared/corpus/articles is not present "
            "(pass --corpus DIR to score them)"
        )
    for result in results:
        if result.error and result.error != "corpus not present":
            print(f"warning: {result.gold.file}: not scored: {result.error}", file=sys.stderr)
        for warning in result.warnings:
            print(f"warning: {warning}", file=sys.stderr)
    print(format_report(results, verbose=verbose))
    return 0
