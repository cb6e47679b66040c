"""Mentions the extractors share: sentences, places, actors and dates found in a document.

Sentences and mentions are named tuples: immutable like frozen dataclasses, and several times cheaper to create
(a document holds dozens of them).

The place, actor and date finders produce these; the casualty, claim and event extractors
consume them. Offsets are character offsets into ``Document.text``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import NamedTuple

from spacy.tokens import Doc

from lib.document import Document


class Sentence(NamedTuple):
    """One sentence of a document, with its stable id."""

    index: int
    sentence_id: str
    start: int
    end: int
    text: str


class PlaceMention(NamedTuple):
    """A toponym resolved against the gazetteer. ``role`` is ``actor`` when the place stands
    for its government ("Moscow was wary"). Coordinates are ``None`` for places with no fixed
    point ("the West")."""

    sentence: int
    start: int
    end: int
    mention: str
    name: str
    kind: str  # country, region, city, facility, area
    country_code: str
    admin1: str
    latitude: float | None
    longitude: float | None
    role: str  # place | actor
    border_distance_km: float | None
    geonameid: int | None = None


class ActorMention(NamedTuple):
    """A person, organisation or state named in the text, canonicalised through the actor
    lexicon when it is known there (``known``), otherwise kept as written."""

    sentence: int
    start: int
    end: int
    mention: str
    name: str  # canonical name
    actor_type: str  # state, military, intergovernmental, think_tank, media, expert, public, person, organisation
    side: str  # Russia, Ukraine, Belarus, Western, international, other
    known: bool = True


class DateMention(NamedTuple):
    """A date expression resolved to a calendar range against the publication date."""

    sentence: int
    start: int
    end: int
    text: str
    date_start: dt.date | None
    date_end: dt.date | None
    precision: str  # day, week, month, year, range, unknown


@dataclass(slots=True)
class Parsed:
    """A document after parsing: the spaCy ``Doc``, its sentences, and the mention layers
    filled in by the finders in order (places, actors, dates)."""

    document: Document
    doc: Doc
    sentences: list[Sentence]
    places: list[PlaceMention] = field(default_factory=list)
    actors: list[ActorMention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    _index: dict[str, dict[int, list]] = field(default_factory=dict, repr=False)

    def sentence_of(self, char_offset: int) -> Sentence:
        """The sentence that contains a character offset (binary search)."""
        lo, hi = 0, len(self.sentences) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.sentences[mid].start <= char_offset:
                lo = mid
            else:
                hi = mid - 1
        return self.sentences[lo]

    def in_sentence(self, layer: str, index: int) -> list:
        """The mentions of one layer (``places``, ``actors``, ``dates``) inside sentence ``index``,
        in text order. The index is built once per layer, after the layer is filled."""
        by_sentence = self._index.get(layer)
        if by_sentence is None:
            by_sentence = {}
            for mention in sorted(getattr(self, layer), key=lambda m: m.start):
                by_sentence.setdefault(mention.sentence, []).append(mention)
            self._index[layer] = by_sentence
        return by_sentence.get(index, [])
