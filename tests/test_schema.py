"""The table contract: frames with exactly the contract's columns and types, and checks that refuse
values outside the vocabularies."""

from __future__ import annotations

import pandas as pd
import pandera.errors
import pytest

from lib.schema import (
    COLUMNS,
    EVENT_TYPES,
    ID_COLUMN,
    QUALIFIERS,
    TABLES,
    conform,
    empty_frame,
    to_frame,
    validate,
)
from tests.fixtures import fixture_tables


def test_every_table_has_an_id_and_the_join_columns() -> None:
    assert TABLES == ("documents", "sentences", "events", "casualties", "locations", "claims")
    for table in TABLES:
        assert ID_COLUMN[table] in COLUMNS[table]
        assert "doc_id" in COLUMNS[table]
        if table not in {"documents", "sentences"}:
            assert "sentence_id" in COLUMNS[table]


@pytest.mark.parametrize("table", TABLES)
def test_empty_frame_has_the_contract_columns_and_types(table: str) -> None:
    frame = empty_frame(table)
    assert list(frame.columns) == list(COLUMNS[table])
    assert len(frame) == 0
    assert {name: str(dtype) for name, dtype in frame.dtypes.items()} == {
        name: str(pd.Series([], dtype=dtype).dtype) for name, dtype in COLUMNS[table].items()
    }
    validate(table, frame)


def test_to_frame_orders_fills_and_casts() -> None:
    frame = to_frame(
        "casualties",
        [{"qualifier": "exact", "count_low": "5", "casualty_id": "c1", "unknown_column": "dropped"}],
    )
    assert list(frame.columns) == list(COLUMNS["casualties"])
    row = frame.iloc[0]
    assert row["count_low"] == 5
    assert str(frame["count_low"].dtype) == "Int64"
    assert pd.isna(row["count_high"])
    assert pd.isna(row["source"])


def test_conform_casts_dates_and_keeps_missing_text_missing() -> None:
    frame = conform(
        "documents",
        pd.DataFrame({"doc_id": ["a", "b"], "published": ["2022-12-07", "not a date"], "title": ["T", None]}),
    )
    assert frame["published"].iloc[0] == pd.Timestamp("2022-12-07")
    assert pd.isna(frame["published"].iloc[1])
    assert pd.isna(frame["title"].iloc[1])
    assert frame["title"].iloc[0] == "T"


@pytest.mark.parametrize("table", TABLES)
def test_hand_made_tables_pass_validation(table: str) -> None:
    tables = fixture_tables()
    assert len(tables[table]) > 0
    validate(table, tables[table])


def _breach(table: str, column: str, value: object) -> pd.DataFrame:
    frame = fixture_tables()[table].copy()
    frame[column] = frame[column].astype(object)
    frame.loc[frame.index[0], column] = value
    return conform(table, frame)


@pytest.mark.parametrize(
    ("table", "column", "value"),
    [
        ("casualties", "qualifier", "roughly"),
        ("casualties", "population", "soldiers"),
        ("casualties", "outcome", "wounded"),
        ("casualties", "scope", "total"),
        ("casualties", "count_low", -1),
        ("casualties", "count_low", None),  # a figure must have a count
        ("claims", "stance", "asserted"),
        ("claims", "source", None),
        ("events", "date_precision", "days"),
        ("events", "event_type", "Battle"),
        ("events", "sub_event_type", "Armed clashes"),
        ("events", "latitude", 91.0),
        ("events", "longitude", -181.0),
        ("locations", "role", "person"),
        ("locations", "kind", "village"),
        ("sentences", "start", -3),
        ("sentences", "text", None),
        ("documents", "doc_id", None),
    ],
)
def test_vocabulary_and_range_breaches_raise(table: str, column: str, value: object) -> None:
    with pytest.raises(pandera.errors.SchemaError):
        validate(table, _breach(table, column, value))


@pytest.mark.parametrize(
    ("table", "column", "value"),
    [
        ("casualties", "qualifier", QUALIFIERS[-1]),
        ("casualties", "source", None),
        ("events", "event_type", "Battles"),
        ("events", "latitude", None),
        ("locations", "geonameid", 703448),
        ("claims", "via", None),
    ],
)
def test_allowed_values_pass(table: str, column: str, value: object) -> None:
    validate(table, _breach(table, column, value))


def test_table_level_checks() -> None:
    casualties = fixture_tables()["casualties"].copy()
    casualties.loc[casualties.index[0], ["count_low", "count_high"]] = [10, 5]
    with pytest.raises(pandera.errors.SchemaError):
        validate("casualties", casualties)
    events = fixture_tables()["events"].copy()
    events.loc[events.index[0], "date_end"] = events["date_start"].iloc[0] - pd.Timedelta(days=1)
    with pytest.raises(pandera.errors.SchemaError):
        validate("events", events)


@pytest.mark.parametrize("table", TABLES)
def test_duplicate_ids_raise(table: str) -> None:
    frame = fixture_tables()[table]
    doubled = pd.concat([frame, frame.iloc[[0]]], ignore_index=True)
    with pytest.raises(pandera.errors.SchemaError):
        validate(table, doubled)


def test_every_sub_event_type_belongs_to_one_event_type() -> None:
    subs = [sub for subs in EVENT_TYPES.values() for sub in subs]
    assert len(subs) == len(set(subs))
    assert len(EVENT_TYPES) == 6
