"""Small hand-made tables for the dashboard tests: three invented news reports, written for
these tests, with the events, figures, places and claims an extractor should find in them.
Offsets and ids are computed from the texts, so the tables obey the table contract."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from lib.export import write_tables
from lib.ids import doc_id_for, row_id, sentence_id_for
from lib.schema import TABLES, to_frame

Tables = dict[str, pd.DataFrame]

# (title, outlet, published, sentences)
DOCUMENTS = [
    (
        "Shelling hits Kharkiv as Belarus holds drills",
        "Wire A",
        dt.date(2023, 3, 10),
        [
            "Russian forces shelled Kharkiv on Thursday, killing at least 3 civilians, the regional governor said.",
            "Belarus began snap military drills near Brest on March 9, the Belarusian defence ministry said.",
            "The Kremlin denied that its troops had targeted homes in the city.",
        ],
    ),
    (
        "UN says the civilian toll keeps rising",
        "Wire B",
        dt.date(2023, 4, 2),
        [
            "The U.N. human rights office said at least 8,000 civilians had probably been killed since February 2022.",
            "Ukraine's General Staff said its forces repelled attacks near Bakhmut in March.",
            "Russia's defence ministry declined to comment.",
        ],
    ),
    (
        "Protest in Minsk dispersed",
        "Wire C",
        dt.date(2023, 5, 20),
        [
            "Police in Minsk detained 12 protesters on Friday, a rights group said.",
            "Witnesses said about 200 people had gathered near the railway station.",
        ],
    ),
]

PLACES = {
    # name: (kind, country, admin1, lat, lon, km from the BY–UA border)
    "Kharkiv": ("city", "UA", "Kharkiv Oblast", 49.99, 36.23, 300.0),
    "Brest": ("city", "BY", "Brest Region", 52.10, 23.70, 40.0),
    "Belarus": ("country", "BY", "", 53.70, 27.95, 0.0),
    "Bakhmut": ("city", "UA", "Donetsk Oblast", 48.60, 38.00, 560.0),
    "Ukraine": ("country", "UA", "", 49.00, 31.40, 0.0),
    "Minsk": ("city", "BY", "Minsk City", 53.90, 27.57, 230.0),
    "Russia": ("country", "RU", "", 61.52, 105.32, 0.0),
}


def _documents() -> list[tuple[str, str, dt.date, list[str], str, list[tuple[int, int]]]]:
    out = []
    for title, outlet, published, sentences in DOCUMENTS:
        text = " ".join(sentences)
        spans, cursor = [], 0
        for sentence in sentences:
            start = text.index(sentence, cursor)
            spans.append((start, start + len(sentence)))
            cursor = start + len(sentence)
        out.append((title, outlet, published, sentences, text, spans))
    return out


def document_texts() -> dict[str, str]:
    """doc_id -> the full text of each invented report."""
    return {doc_id_for(text): text for *_, text, _ in _documents()}


def fixture_tables() -> Tables:
    """The six tables for the three invented reports."""
    rows: dict[str, list[dict]] = {t: [] for t in TABLES}
    docs = _documents()
    ids = [doc_id_for(text) for *_, text, _ in docs]
    for doc_id, (title, outlet, published, sentences, text, spans) in zip(ids, docs, strict=True):
        rows["documents"].append(
            {
                "doc_id": doc_id,
                "path": "",
                "title": title,
                "outlet": outlet,
                "url": "",
                "published": published,
                "n_sentences": len(sentences),
                "n_words": len(text.split()),
            }
        )
        for i, (start, end) in enumerate(spans):
            rows["sentences"].append(
                {
                    "doc_id": doc_id,
                    "sentence_id": sentence_id_for(doc_id, i),
                    "start": start,
                    "end": end,
                    "text": text[start:end],
                }
            )

    def sid(d: int, s: int) -> str:
        return sentence_id_for(ids[d], s)

    def place(d: int, s: int, mention: str, name: str, role: str = "place") -> dict:
        text = docs[d][4]
        start = text.index(mention, docs[d][5][s][0])
        kind, code, admin1, lat, lon, km = PLACES[name]
        return {
            "mention_id": row_id("loc", ids[d], start),
            "doc_id": ids[d],
            "sentence_id": sid(d, s),
            "start": start,
            "end": start + len(mention),
            "mention": mention,
            "name": name,
            "kind": kind,
            "country_code": code,
            "admin1": admin1 or None,
            "latitude": lat,
            "longitude": lon,
            "role": role,
            "border_distance_km": km,
            "geonameid": None,
        }

    rows["locations"] = [
        place(0, 0, "Kharkiv", "Kharkiv"),
        place(0, 1, "Belarus", "Belarus"),
        place(0, 1, "Brest", "Brest"),
        place(1, 1, "Ukraine", "Ukraine", role="actor"),
        place(1, 1, "Bakhmut", "Bakhmut"),
        place(1, 2, "Russia", "Russia", role="actor"),
        place(2, 0, "Minsk", "Minsk"),
    ]

    def event(d, s, etype, sub, a1, a2, loc, start, end, precision, date_text, trigger, summary) -> dict:
        _, code, _, lat, lon, _ = PLACES[loc]
        return {
            "event_id": row_id("evt", ids[d], s, etype, trigger),
            "doc_id": ids[d],
            "sentence_id": sid(d, s),
            "event_type": etype,
            "sub_event_type": sub,
            "actor1": a1,
            "actor2": a2,
            "location": loc,
            "country_code": code,
            "latitude": lat,
            "longitude": lon,
            "date_start": start,
            "date_end": end,
            "date_precision": precision,
            "date_text": date_text,
            "trigger": trigger,
            "summary": summary,
        }

    rows["events"] = [
        event(0, 0, "Explosions/Remote violence", "Shelling/artillery/missile attack", "Russian Armed Forces",
              "Civilians (Ukraine)", "Kharkiv", dt.date(2023, 3, 9), dt.date(2023, 3, 9), "day", "Thursday",
              "shelled", "Russian forces shelled Kharkiv"),
        event(0, 1, "Strategic developments", "Other", "Belarusian Armed Forces", None, "Brest",
              dt.date(2023, 3, 9), dt.date(2023, 3, 9), "day", "March 9", "drills", "Belarus began snap drills near Brest"),
        event(1, 1, "Battles", "Armed clash", "Ukrainian Armed Forces", "Russian Armed Forces", "Bakhmut",
              dt.date(2023, 3, 1), dt.date(2023, 3, 31), "month", "in March", "repelled attacks",
              "Ukrainian forces repelled attacks near Bakhmut"),
        event(2, 0, "Protests", "Protest with intervention", "Protesters (Belarus)", "Police Forces of Belarus", "Minsk",
              dt.date(2023, 5, 19), dt.date(2023, 5, 19), "day", "Friday", "detained", "Police detained protesters in Minsk"),
    ]  # fmt: skip

    def figure(d, s, mention, low, high, qualifier, population, outcome, perpetrator, location, source, scope) -> dict:
        text = docs[d][4]
        start = text.index(mention, docs[d][5][s][0])
        return {
            "casualty_id": row_id("cas", ids[d], start, outcome),
            "doc_id": ids[d],
            "sentence_id": sid(d, s),
            "count_low": low,
            "count_high": high,
            "qualifier": qualifier,
            "population": population,
            "outcome": outcome,
            "perpetrator": perpetrator,
            "location": location,
            "source": source,
            "scope": scope,
            "mention": mention,
            "start": start,
            "end": start + len(mention),
        }

    rows["casualties"] = [
        figure(0, 0, "at least 3 civilians", 3, None, "at_least", "civilian", "killed", "Russian Armed Forces",
               "Kharkiv", "Kharkiv Regional Military Administration", "incident"),
        figure(1, 0, "at least 8,000 civilians", 8000, None, "at_least", "civilian", "killed", None, None,
               "OHCHR", "cumulative"),
        figure(2, 0, "12 protesters", 12, 12, "exact", "civilian", "captured", "Police Forces of Belarus", "Minsk",
               None, "incident"),
    ]  # fmt: skip

    def claim(d, s, source, mention, stype, side, cue, stance, hedged, claim_text, via=None) -> dict:
        return {
            "claim_id": row_id("clm", ids[d], s, source),
            "doc_id": ids[d],
            "sentence_id": sid(d, s),
            "source": source,
            "source_mention": mention,
            "source_type": stype,
            "source_side": side,
            "cue": cue,
            "stance": stance,
            "hedged": hedged,
            "via": via,
            "claim": claim_text,
        }

    rows["claims"] = [
        claim(0, 0, "Kharkiv Regional Military Administration", "the regional governor", "state", "Ukraine", "said",
              "asserts", False, "Russian forces shelled Kharkiv on Thursday, killing at least 3 civilians"),
        claim(0, 1, "Belarusian Ministry of Defence", "the Belarusian defence ministry", "military", "Belarus", "said",
              "asserts", False, "Belarus began snap military drills near Brest on March 9"),
        claim(0, 2, "Russia", "The Kremlin", "state", "Russia", "denied", "denies", False,
              "its troops had targeted homes in the city"),
        claim(1, 0, "OHCHR", "The U.N. human rights office", "intergovernmental", "international", "said", "asserts",
              True, "at least 8,000 civilians had probably been killed since February 2022"),
        claim(1, 1, "General Staff of the Armed Forces of Ukraine", "Ukraine's General Staff", "military", "Ukraine",
              "said", "asserts", False, "its forces repelled attacks near Bakhmut in March"),
        claim(1, 2, "Russian Ministry of Defence", "Russia's defence ministry", "military", "Russia",
              "declined to comment", "declines_comment", False, ""),
        claim(2, 0, "Viasna", "a rights group", "ngo", "other", "said", "asserts", False,
              "Police in Minsk detained 12 protesters on Friday"),
    ]  # fmt: skip
    return {table: to_frame(table, rows[table]) for table in TABLES}


def write_fixture_csvs(folder: Path) -> Path:
    """Write the fixture tables as the CSVs ``sitrep extract`` writes, into ``folder``."""
    write_tables(fixture_tables(), folder)
    return folder
