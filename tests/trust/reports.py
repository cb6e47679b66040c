"""Generated news reports for the fault tests: a JSON Lines feed of as many distinct, invented
articles as a test needs, and a check that a store is consistent (every document whole, no
orphan rows)."""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

import pandas as pd

from lib.schema import ID_COLUMN, TABLES
from lib.store import Store

PLACES = ("Kharkiv", "Kherson", "Brest", "Gomel", "Bakhmut", "Odesa", "Zaporizhzhia", "Mozyr", "Sumy", "Chernihiv")
SOURCES = ("the regional governor", "Ukraine's General Staff", "the Belarusian defence ministry", "the U.N.", "Viasna")
SENTENCES = (
    "Russian forces shelled {place} on {day}, killing at least {n} civilians, {source} said.",
    "Belarus began military drills near {place} on {day}, {source} said.",
    "Ukraine's air force said it shot down {n} drones over the {place} region.",
    "The Kremlin denied that its troops had targeted homes in {place}.",
    "More than {n} soldiers were wounded near {place} last week, according to {source}.",
    "Police in {place} detained {n} protesters on {day}, a rights group said.",
    "Officials in {place} said the power had been restored.",
)
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# Sentences that attribute nothing: most of a news text is like this (about one claim in 650
# characters of news; the claim extractor's cost grows with the square of a document's claims).
PLAIN = (
    "Trains between {place} and the border ran late on {day}.",
    "The bridge near {place} was repaired within {n} days.",
    "Fighting near {place} continued through the night.",
    "Residents of {place} queued for water and bread.",
    "Snow fell across the {place} region, closing {n} roads.",
    "Two convoys of grain left {place} for the coast.",
    "Air raid sirens sounded in {place} for {n} minutes.",
)


def report(index: int, *, seed: int = 0) -> dict[str, str]:
    """One invented article as a feed line: 3 to 6 sentences, a title, a date and a URL."""
    rng = random.Random(seed * 100_003 + index)
    sentences = [
        rng.choice(SENTENCES).format(
            place=rng.choice(PLACES), day=rng.choice(DAYS), n=rng.randint(2, 400), source=rng.choice(SOURCES)
        )
        for _ in range(rng.randint(3, 6))
    ]
    published = dt.date(2023, 1, 1) + dt.timedelta(days=index % 365)
    return {
        "title": f"Report {index}",
        "published": published.isoformat(),
        "outlet": "Trust Wire",
        "url": f"https://example.invalid/reports/{seed}/{index}",
        "text": f"Report {index}. " + " ".join(sentences),
    }


def digest(chars: int, *, seed: int = 0) -> str:
    """About ``chars`` characters of news on one line: mostly plain sentences, one in eight a
    claim or a casualty figure, as in wire copy."""
    rng = random.Random(seed)
    parts: list[str] = []
    size = 0
    while size < chars:
        template = rng.choice(SENTENCES) if rng.random() < 0.125 else rng.choice(PLAIN)
        sentence = template.format(
            place=rng.choice(PLACES), day=rng.choice(DAYS), n=rng.randint(2, 400), source=rng.choice(SOURCES)
        )
        parts.append(sentence)
        size += len(sentence) + 1
    return " ".join(parts)[:chars].rstrip()


def write_feed(path: Path, count: int, *, seed: int = 0) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for index in range(count):
            handle.write(json.dumps(report(index, seed=seed)) + "\n")
    return path


def all_rows(store: Store) -> dict[str, pd.DataFrame]:
    """Every table sorted by its id, with the texts and sources: what two stores must agree on."""
    tables = {t: frame.sort_values(ID_COLUMN[t]).reset_index(drop=True) for t, frame in store.load_tables().items()}
    tables["texts"] = store.con.execute("SELECT doc_id, text FROM texts ORDER BY doc_id").df()
    tables["sources"] = store.con.execute(
        "SELECT source_key, doc_id, content_hash, extractor_version FROM sources ORDER BY source_key"
    ).df()
    return tables


def inconsistencies(store: Store) -> list[str]:
    """What is wrong with a store: duplicate ids, rows whose document or sentence is missing,
    documents without their text, sentences or source. Empty when it is consistent."""
    con = store.con
    problems = []
    for table in TABLES:
        key = ID_COLUMN[table]
        dupes = con.execute(f'SELECT count(*) - count(DISTINCT "{key}") FROM "{table}"').fetchone()[0]
        if dupes:
            problems.append(f"{table}: {dupes} duplicate {key}")
        if table != "documents":
            orphans = con.execute(
                f'SELECT count(*) FROM "{table}" WHERE doc_id NOT IN (SELECT doc_id FROM documents)'
            ).fetchone()[0]
            if orphans:
                problems.append(f"{table}: {orphans} rows of no stored document")
        if table not in ("documents", "sentences"):
            lost = con.execute(
                f'SELECT count(*) FROM "{table}" WHERE sentence_id NOT IN (SELECT sentence_id FROM sentences)'
            ).fetchone()[0]
            if lost:
                problems.append(f"{table}: {lost} rows whose sentence is missing")
    checks = {
        "documents without a text": "SELECT count(*) FROM documents WHERE doc_id NOT IN (SELECT doc_id FROM texts)",
        "texts without a document": "SELECT count(*) FROM texts WHERE doc_id NOT IN (SELECT doc_id FROM documents)",
        "documents without a source": "SELECT count(*) FROM documents WHERE doc_id NOT IN (SELECT doc_id FROM sources)",
        "sources of no document": "SELECT count(*) FROM sources WHERE doc_id NOT IN (SELECT doc_id FROM documents)",
        "documents missing sentences": "SELECT count(*) FROM documents d WHERE n_sentences <> "
        "(SELECT count(*) FROM sentences s WHERE s.doc_id = d.doc_id)",
    }
    for name, sql in checks.items():
        count = con.execute(sql).fetchone()[0]
        if count:
            problems.append(f"{count} {name}")
    return problems
