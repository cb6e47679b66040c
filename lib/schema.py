"""The table contract: the columns, types and vocabularies of sitrep's six tables, declared
once and checked where tables cross a boundary (extractor output, CSV export, the store)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd
import pandera.pandas as pa

QUALIFIERS = ("exact", "at_least", "more_than", "about", "at_most", "up_to", "vague")
POPULATIONS = ("civilian", "military", "unspecified")
OUTCOMES = ("killed", "injured", "missing", "captured")
SCOPES = ("incident", "cumulative")
STANCES = ("asserts", "denies", "declines_comment")
DATE_PRECISIONS = ("day", "week", "month", "year", "range", "unknown")
ROLES = ("place", "actor")
PLACE_KINDS = ("country", "region", "city", "facility", "area")
SIDES = ("Russia", "Ukraine", "Belarus", "Western", "international", "other")
ACTOR_TYPES = (
    "state",
    "military",
    "intergovernmental",
    "think_tank",
    "media",
    "expert",
    "public",
    "person",
    "organisation",
    "armed_group",
    "ngo",
)
# ACLED's six event types and their sub-event types.
EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}
SUB_EVENT_TYPES = tuple(sub for subs in EVENT_TYPES.values() for sub in subs)

STR, FLOAT, INT, DATE, BOOL = "str", "float64", "Int64", "datetime64[ns]", "boolean"

# table -> column -> dtype; the order is the column order of every frame and CSV.
COLUMNS: dict[str, dict[str, str]] = {
    "documents": {
        "doc_id": STR,
        "path": STR,
        "title": STR,
        "outlet": STR,
        "url": STR,
        "published": DATE,
        "n_sentences": INT,
        "n_words": INT,
    },
    "sentences": {"doc_id": STR, "sentence_id": STR, "start": INT, "end": INT, "text": STR},
    "events": {
        "event_id": STR,
        "doc_id": STR,
        "sentence_id": STR,
        "event_type": STR,
        "sub_event_type": STR,
        "actor1": STR,
        "actor2": STR,
        "location": STR,
        "country_code": STR,
        "latitude": FLOAT,
        "longitude": FLOAT,
        "date_start": DATE,
        "date_end": DATE,
        "date_precision": STR,
        "date_text": STR,
        "trigger": STR,
        "summary": STR,
    },
    "casualties": {
        "casualty_id": STR,
        "doc_id": STR,
        "sentence_id": STR,
        "count_low": INT,
        "count_high": INT,
        "qualifier": STR,
        "population": STR,
        "outcome": STR,
        "perpetrator": STR,
        "location": STR,
        "source": STR,
        "scope": STR,
        "mention": STR,
        "start": INT,
        "end": INT,
    },
    "locations": {
        "mention_id": STR,
        "doc_id": STR,
        "sentence_id": STR,
        "start": INT,
        "end": INT,
        "mention": STR,
        "name": STR,
        "kind": STR,
        "country_code": STR,
        "admin1": STR,
        "latitude": FLOAT,
        "longitude": FLOAT,
        "role": STR,
        "border_distance_km": FLOAT,
        "geonameid": INT,
    },
    "claims": {
        "claim_id": STR,
        "doc_id": STR,
        "sentence_id": STR,
        "source": STR,
        "source_mention": STR,
        "source_type": STR,
        "source_side": STR,
        "cue": STR,
        "stance": STR,
        "hedged": BOOL,
        "via": STR,
        "claim": STR,
    },
}
TABLES = tuple(COLUMNS)
ID_COLUMN = {
    "documents": "doc_id",
    "sentences": "sentence_id",
    "events": "event_id",
    "casualties": "casualty_id",
    "locations": "mention_id",
    "claims": "claim_id",
}

_VOCABULARIES: dict[tuple[str, str], tuple[str, ...]] = {
    ("casualties", "qualifier"): QUALIFIERS,
    ("casualties", "population"): POPULATIONS,
    ("casualties", "outcome"): OUTCOMES,
    ("casualties", "scope"): SCOPES,
    ("claims", "stance"): STANCES,
    ("events", "date_precision"): DATE_PRECISIONS,
    ("events", "event_type"): tuple(EVENT_TYPES),
    ("events", "sub_event_type"): SUB_EVENT_TYPES,
    ("locations", "role"): ROLES,
    ("locations", "kind"): PLACE_KINDS,
}
# Columns that may be empty; every other column must always hold a value.
_OPTIONAL = {
    "documents": {"path", "title", "outlet", "url", "published"},
    "sentences": set(),
    "events": {
        "actor1",
        "actor2",
        "location",
        "country_code",
        "latitude",
        "longitude",
        "date_start",
        "date_end",
        "date_text",
        "trigger",
    },
    "casualties": {"count_high", "perpetrator", "location", "source"},
    "locations": {"admin1", "country_code", "latitude", "longitude", "border_distance_km", "geonameid"},
    "claims": {"source_type", "source_side", "via"},
}


def _column(table: str, name: str, dtype: str) -> pa.Column:
    checks = []
    vocabulary = _VOCABULARIES.get((table, name))
    if vocabulary:
        checks.append(pa.Check.isin(vocabulary))
    if name == "latitude":
        checks.append(pa.Check.in_range(-90, 90))
    if name == "longitude":
        checks.append(pa.Check.in_range(-180, 180))
    if name in {"count_low", "count_high", "start", "end", "border_distance_km"}:
        checks.append(pa.Check.ge(0))
    return pa.Column(dtype, checks=checks, nullable=name in _OPTIONAL[table])


def _table_checks(table: str) -> list[pa.Check]:
    checks = []
    if table == "casualties":
        checks.append(
            pa.Check(
                lambda df: df["count_high"].isna() | (df["count_low"] <= df["count_high"]),
                error="count_low <= count_high",
            )
        )
    if table in {"events"}:
        checks.append(
            pa.Check(
                lambda df: df["date_end"].isna() | df["date_start"].isna() | (df["date_start"] <= df["date_end"]),
                error="date_start <= date_end",
            )
        )
    return checks


SCHEMAS: dict[str, pa.DataFrameSchema] = {
    table: pa.DataFrameSchema(
        {name: _column(table, name, dtype) for name, dtype in columns.items()},
        checks=_table_checks(table),
        unique=[ID_COLUMN[table]],
        strict=False,
        ordered=False,
    )
    for table, columns in COLUMNS.items()
}


def empty_frame(table: str) -> pd.DataFrame:
    """A table with its columns and types and no rows."""
    return to_frame(table, [])


def to_frame(table: str, records: Iterable[Mapping[str, object]]) -> pd.DataFrame:
    """Records (dicts) -> a frame with exactly the contract's columns, in order, typed."""
    return conform(table, pd.DataFrame.from_records(list(records), columns=list(COLUMNS[table])))


def conform(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """A frame with exactly the contract's columns, in order, cast to the contract's types
    (missing columns are added empty; extra columns are dropped)."""
    columns = COLUMNS[table]
    frame = frame.reindex(columns=list(columns))
    for name, dtype in columns.items():
        if dtype == DATE:
            frame[name] = pd.to_datetime(frame[name], errors="coerce").astype(DATE)
        elif dtype == STR:
            frame[name] = frame[name].astype("object").where(frame[name].notna(), None).astype(STR)
        else:
            frame[name] = frame[name].astype(dtype)
    return frame


def validate(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Check a table against its contract; raises ``pandera.errors.SchemaError`` on a breach."""
    return SCHEMAS[table].validate(frame)
