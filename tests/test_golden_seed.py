"""Golden tests: what the seed article must yield, read like the annotated article, and the bar
for unseen articles (every table's F1 >= 0.8 against the corpus gold)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from lib.evaluate import (
    ROOT,
    SCORED_TABLES,
    distance_km,
    evaluate_documents,
    fold_text,
    load_gold,
    normalize_place_name,
    same_actor,
    score_claims,
    score_events,
)
from lib.mentions import Parsed
from lib.pipeline import document_rows
from lib.schema import TABLES, to_frame

GOLD_DIR = ROOT / "gold"
SEED_GOLD = GOLD_DIR / "seed.json"
CORPUS_GOLD = sorted((GOLD_DIR / "corpus").glob("*.json"))
BAR = 0.8
OHCHR = ("OHCHR", "UN Human Rights Office", "Office of the High Commissioner for Human Rights")


@pytest.fixture(scope="module")
def seed_tables(parsed_seed: Parsed) -> dict[str, pd.DataFrame]:
    rows = document_rows(parsed_seed).rows
    return {table: to_frame(table, rows[table]) for table in TABLES}


def rows_named(locations: pd.DataFrame, name: str) -> pd.DataFrame:
    names = locations["name"].fillna("").map(normalize_place_name)
    return locations[names == normalize_place_name(name)]


# --------------------------------------------------------------------------- places

# The seven places of the seed. Cities must sit within 30 km of the town; a country's point must
# lie inside the country's bounding box (south, north, west, east).
SEED_CITIES = [
    ("Minsk", 53.90, 27.57),  # Minsk (city): "flight to Minsk on Saturday", "Minsk residents"
    ("Kyiv", 50.45, 30.52),  # Kyiv (city): "in northern Kyiv and Sumy"
    ("Sumy", 50.92, 34.80),  # Sumy (city) 50.92, 34.80
]
SEED_COUNTRIES = [
    ("Belarus", "BY", (51.2, 56.2, 23.1, 32.8)),  # "moving troops in Belarus"
    ("Russia", "RU", (41.1, 82.0, 19.6, 180.0)),  # "Russia has denied ..." (only ever the state)
    ("Ukraine", "UA", (44.3, 52.4, 22.1, 40.3)),  # "Officials in Ukraine"
    ("Poland", "PL", (49.0, 54.9, 14.1, 24.2)),  # "Rochan Consulting, based in Poland"
]


@pytest.mark.parametrize("name, lat, lon", SEED_CITIES)
def test_seed_cities_are_found_within_30_km(seed_tables, name, lat, lon):
    found = rows_named(seed_tables["locations"], name).dropna(subset=["latitude", "longitude"])
    assert not found.empty, f"{name} not among the seed's places"
    for row in found.itertuples():
        assert distance_km(lat, lon, row.latitude, row.longitude) <= 30, (
            f"{name} put at {row.latitude}, {row.longitude}"
        )


@pytest.mark.parametrize("name, country_code, box", SEED_COUNTRIES)
def test_seed_countries_are_found_inside_their_borders(seed_tables, name, country_code, box):
    found = rows_named(seed_tables["locations"], name).dropna(subset=["latitude", "longitude"])
    assert not found.empty, f"{name} not among the seed's places"
    south, north, west, east = box
    for row in found.itertuples():
        assert row.country_code == country_code
        assert south <= row.latitude <= north and west <= row.longitude <= east, f"{name} put outside {country_code}"


def test_moscow_in_the_seed_is_the_russian_government_not_a_place(seed_tables):
    moscow = rows_named(seed_tables["locations"], "Moscow")  # "Moscow was wary to provoke ..."
    assert not moscow.empty
    assert set(moscow["role"]) == {"actor"}


# --------------------------------------------------------------------------- casualties


def test_seed_has_both_un_figures_and_no_false_ones(seed_tables):
    casualties = seed_tables["casualties"]
    # "at least 6700 civilians being killed by the United Nations"
    un = casualties[(casualties["count_low"] == 6700) & (casualties["outcome"] == "killed")]
    assert len(un) == 1
    assert un.iloc[0]["qualifier"] == "at_least"
    assert pd.isna(un.iloc[0]["count_high"])
    assert un.iloc[0]["population"] == "civilian"
    assert same_actor([un.iloc[0]["source"]], ["United Nations", "UN"])
    # "the deaths of 441 civilians in Russian executions and attacks"
    ohchr = casualties[(casualties["count_low"] == 441) & (casualties["outcome"] == "killed")]
    assert len(ohchr) == 1
    assert ohchr.iloc[0]["qualifier"] == "exact"
    assert ohchr.iloc[0]["population"] == "civilian"
    assert same_actor([ohchr.iloc[0]["source"]], OHCHR)
    # No other figure: not the "thousands of Russian soldiers", not "two days", not "two Russian
    # airbases", not "hundreds of kilometers". Only "thousands of deaths" may stand as a vague total.
    sentence_of = dict(zip(seed_tables["sentences"]["sentence_id"], seed_tables["sentences"]["text"], strict=True))
    others = casualties[~casualties.index.isin(un.index.union(ohchr.index))]
    for row in others.itertuples():
        assert row.qualifier == "vague" and row.outcome == "killed", f"false figure: {row.mention!r}"
        assert "thousands of deaths" in fold_text(sentence_of[row.sentence_id]), f"false figure: {row.mention!r}"


# --------------------------------------------------------------------------- claims


def test_seed_claims_reach_09_precision_and_recall(seed_tables):
    gold = load_gold(SEED_GOLD)
    score = score_claims(seed_tables["claims"], seed_tables["sentences"], gold.claims)
    report = "\n".join([*(f"missed {m}" for m in score.missed), *(f"spurious {s}" for s in score.spurious)])
    assert score.precision is not None and score.precision >= 0.9, report
    assert score.recall is not None and score.recall >= 0.9, report


# --------------------------------------------------------------------------- event dates

# Each dated event of the seed, on its calendar date (the story is from Wednesday 2022-12-07).
SEED_DATES = [
    ("Belarus announced Wednesday", dt.date(2022, 12, 7), dt.date(2022, 12, 7)),  # the same Wednesday
    ("a revolt in Belarus two years back", dt.date(2020, 1, 1), dt.date(2020, 12, 31)),  # a year
    ("flight to Minsk on Saturday", dt.date(2022, 12, 3), dt.date(2022, 12, 3)),  # the Saturday before
    ("stationed in Belarus since October", dt.date(2022, 10, 1), dt.date(2022, 10, 31)),  # a month, no day
    ("missile strike that was launched Monday", dt.date(2022, 12, 5), dt.date(2022, 12, 5)),
    ('operation", launched in February', dt.date(2022, 2, 1), dt.date(2022, 2, 28)),
    ("beginning on February 24th", dt.date(2022, 2, 24), dt.date(2022, 2, 24)),
]


@pytest.mark.parametrize("anchor, start, end", SEED_DATES)
def test_seed_events_fall_on_their_calendar_dates(seed_tables, anchor, start, end):
    events, sentences = seed_tables["events"], seed_tables["sentences"]
    in_sentence = sentences[sentences["text"].map(fold_text).str.contains(fold_text(anchor), regex=False)]
    dated = events[events["sentence_id"].isin(in_sentence["sentence_id"]) & events["date_start"].notna()]
    spans = {
        (row.date_start.date(), (row.date_end if pd.notna(row.date_end) else row.date_start).date())
        for row in dated.itertuples()
    }
    assert (start, end) in spans, f"{anchor!r}: dated {sorted(spans)}"


def test_no_seed_event_is_on_a_wrong_date(seed_tables):
    gold = load_gold(SEED_GOLD)
    score = score_events(seed_tables["events"], seed_tables["sentences"], gold.events)
    assert score.missed == []
    assert score.spurious == []


# --------------------------------------------------------------------------- unseen articles


@pytest.mark.corpus
@pytest.mark.parametrize("gold_path", CORPUS_GOLD, ids=[p.stem for p in CORPUS_GOLD])
def test_corpus_articles_reach_the_bar(corpus_dir: Path, gold_path: Path):
    gold = load_gold(gold_path)
    (result,) = evaluate_documents([gold], corpus_dir=corpus_dir / "articles")
    assert result.error is None, result.error
    failing = [name for name in SCORED_TABLES if result.scores[name].f1 < BAR]
    if failing:
        lines = []
        for name in failing:
            score = result.scores[name]
            lines.append(
                f"{name}: F1 {score.f1:.2f} (gold {score.n_gold}, system {score.n_system}, match {score.matched})"
            )
            lines += [f"  missed {item}" for item in score.missed] + [f"  spurious {item}" for item in score.spurious]
        pytest.fail(f"{gold_path.name} is under the {BAR} bar:\n" + "\n".join(lines), pytrace=False)
