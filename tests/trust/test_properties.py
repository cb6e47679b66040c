"""Properties of the extractors and of everything that handles untrusted text, checked by
Hypothesis on thousands of generated inputs (the ``ci`` profile in ``conftest.py``): random
unicode never makes extraction raise; every offset lies inside its sentence and spells its
mention; counts are ordered (``count_low <= count_high``); dates are real and inside the window
the date resolver promises; every row's sentence exists; and the helpers that decode, escape and
neutralise text never let anything through."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import string

import pandas as pd
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from lib.data import upload_name
from lib.document import Document
from lib.export import to_csv_bytes
from lib.extract.dates import EARLIEST, FUTURE_HORIZON_DAYS
from lib.ingest import IngestError, decode_bytes, normalize_text
from lib.numbers import parse_number, parse_quantity
from lib.pipeline import document_rows, parse
from lib.schema import ID_COLUMN, QUALIFIERS
from lib.ui.escape import markdown_text
from tests.trust.conftest import PIPELINE_EXAMPLES
from tests.trust.reports import PLACES

# -- news-like text ----------------------------------------------------------------------------------

WORD_NUMBERS = (
    "one",
    "two",
    "three",
    "a dozen",
    "dozens",
    "hundreds",
    "several",
    "twenty-five",
    "a hundred and twelve",
)
QUALIFIER_WORDS = ("", "at least ", "more than ", "about ", "nearly ", "up to ", "some ", "over ", "fewer than ")
POPULATIONS = ("civilians", "soldiers", "people", "children", "servicemen", "troops", "protesters", "residents")
OUTCOMES = (
    "were killed",
    "were wounded",
    "were injured",
    "went missing",
    "were captured",
    "died",
    "were taken prisoner",
)
DATES = (
    "on Monday", "last week", "since October", "on March 3", "in 2022", "two years ago", "on 2023-01-05",
    "yesterday", "next month", "in the 1990s", "between 5 and 7 May", "last year", "on Feb. 24", "this spring",
    "on 31/12/2099", "in 1899", "on 29 February", "in the coming decade", "on Sunday night", "early next year",
)  # fmt: skip
SOURCES = (
    "the governor said", "according to the U.N.", "Russia denied", "officials said", "he told reporters",
    "the ministry declined to comment", "Kyiv claimed", "a spokesperson for the Kremlin said", "it reported",
)  # fmt: skip

numbers = st.one_of(
    st.integers(0, 10**9).map(str),
    st.integers(1000, 10**9).map(lambda n: f"{n:,}"),
    st.sampled_from(WORD_NUMBERS),
    st.tuples(st.integers(0, 5000), st.integers(0, 5000)).map(lambda t: f"between {t[0]} and {t[1]}"),
    st.tuples(st.integers(0, 5000), st.integers(0, 5000)).map(lambda t: f"{t[0]} to {t[1]}"),
    st.tuples(st.integers(0, 500), st.integers(0, 500)).map(lambda t: f"{t[0]}-{t[1]}"),
    st.decimals(0, 100, places=1).map(lambda d: f"{d} million"),
)
casualty = st.builds(
    "{}{} {} {} in {} {}, {}.".format,
    st.sampled_from(QUALIFIER_WORDS),
    numbers,
    st.sampled_from(POPULATIONS),
    st.sampled_from(OUTCOMES),
    st.sampled_from(PLACES),
    st.sampled_from(DATES),
    st.sampled_from(SOURCES),
)
fragment = st.one_of(
    st.sampled_from(DATES), st.sampled_from(SOURCES), st.sampled_from(PLACES), numbers, st.text(max_size=12)
)
noise = st.text(st.characters(codec="utf-8"), max_size=30)
news = st.lists(st.one_of(casualty, casualty, fragment, noise), min_size=1, max_size=6).map(" ".join)
published = st.one_of(st.none(), st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2035, 12, 31)))


def check_invariants(document: Document) -> None:
    """Extract ``document`` (an extractor error propagates) and check what every row promises."""
    parsed = parse(document)
    rows = document_rows(parsed).rows
    text = document.text
    sentences = {s.sentence_id: s for s in parsed.sentences}
    for sentence in parsed.sentences:
        assert 0 <= sentence.start < sentence.end <= len(text)
        assert text[sentence.start : sentence.end] == sentence.text
    # mentions lie inside their sentence and spell what they say they found
    for layer in ("places", "actors", "dates"):
        for mention in getattr(parsed, layer):
            sentence = parsed.sentences[mention.sentence]
            assert sentence.start <= mention.start < mention.end <= sentence.end, (layer, mention)
    for mention in parsed.actors:
        assert text[mention.start : mention.end] == mention.mention
    for mention in parsed.dates:
        assert text[mention.start : mention.end] == mention.text
    for table in ("locations", "casualties"):
        for row in rows[table]:
            sentence = sentences[row["sentence_id"]]
            assert sentence.start <= row["start"] < row["end"] <= sentence.end, (table, row)
            assert text[row["start"] : row["end"]] == row["mention"], (table, row)
    # counts are ordered
    for row in rows["casualties"]:
        assert row["count_low"] >= 0
        assert row["count_high"] is None or row["count_low"] <= row["count_high"], row
        assert row["qualifier"] in QUALIFIERS
    # dates are real and start inside the resolver's window; a named year or decade keeps its
    # calendar end, which may lie past it (pinned below)
    latest = (document.published or dt.date.today()) + dt.timedelta(days=FUTURE_HORIZON_DAYS)
    spans = [(m.date_start, m.date_end, m.text) for m in parsed.dates]
    spans += [(row["date_start"], row["date_end"], row["date_text"] or "") for row in rows["events"]]
    for start, end, written in spans:
        for day in (start, end):
            assert day is None or isinstance(day, dt.date)
            assert day is None or day >= EARLIEST, (start, end, written)
        assert start is None or start <= latest, (start, end, written, document.published)
        if not WHOLE_PERIOD.search(written):
            assert end is None or end <= latest, (start, end, written, document.published)
        assert start is None or end is None or start <= end, (start, end, written)
    # every row belongs to a sentence of this document, and ids are unique
    for table, table_rows in rows.items():
        if table == "documents":
            continue
        for row in table_rows:
            assert row["doc_id"] == document.doc_id
            assert row["sentence_id"] in sentences, (table, row)
        ids = [row[ID_COLUMN[table]] for row in table_rows]
        assert len(ids) == len(set(ids)), table


WHOLE_PERIOD = re.compile(r"\d0s\b|\b\d{4}\b")  # "the 1990s", "2028"


def document_of(text: str, day: dt.date | None = None) -> Document | None:
    normalized = normalize_text(text)
    return Document.from_text(normalized, published=day) if normalized else None


@settings(max_examples=PIPELINE_EXAMPLES)
@given(st.text(max_size=300), published)
@example("\u0000\ud7ff\U0010ffff \u202e Kyiv \u200b", dt.date(2022, 12, 7))
@example("killed " * 40, None)
def test_random_unicode_never_makes_extraction_raise(text: str, day: dt.date | None) -> None:
    document = document_of(text, day)
    if document is not None:
        check_invariants(document)


@settings(max_examples=PIPELINE_EXAMPLES)
@given(news, published)
@example("At least 5 to 3 civilians were killed in Kharkiv on Monday, officials said.", dt.date(2022, 12, 7))
@example("Between 10 and 2 soldiers were wounded in Brest in 1899, the governor said.", dt.date(1990, 1, 1))
@example("Up to 0 people died in Kyiv next month, Russia denied.", dt.date(2035, 12, 31))
def test_news_like_text_keeps_every_promise_of_the_tables(text: str, day: dt.date | None) -> None:
    document = document_of(text, day)
    if document is not None:
        check_invariants(document)


@pytest.mark.parametrize(
    ("text", "day", "span"),
    [
        ("Kyiv claimed in the 1990s", dt.date(1997, 4, 19), (dt.date(1990, 1, 1), dt.date(1999, 12, 31))),
        ("A 2024 offensive was planned.", dt.date(2022, 3, 1), (dt.date(2024, 1, 1), dt.date(2024, 12, 31))),
    ],
    ids=["decade", "year"],
)
def test_a_whole_period_starting_inside_the_window_keeps_its_calendar_end(
    text: str, day: dt.date, span: tuple[dt.date, dt.date]
) -> None:
    (mention,) = parse(Document.from_text(text, published=day)).dates
    assert (mention.date_start, mention.date_end) == span


@pytest.mark.parametrize(
    ("text", "day"),
    [("A 2031 offensive was planned.", dt.date(2022, 3, 1)), ("Kyiv looked ahead to the 2040s.", dt.date(2022, 3, 1))],
    ids=["year", "decade"],
)
def test_a_period_starting_past_the_window_is_not_a_date(text: str, day: dt.date) -> None:
    assert all(m.date_start is None for m in parse(Document.from_text(text, published=day)).dates)


# -- numbers ---------------------------------------------------------------------------------------

quantity_phrase = st.builds("{}{}".format, st.sampled_from(QUALIFIER_WORDS), numbers)


@given(st.one_of(quantity_phrase, st.text(max_size=40)))
@example("between 10 and 2")
@example("1,000,000,000,000,000,000 million")
def test_a_quantity_is_ordered_and_never_raises(text: str) -> None:
    quantity = parse_quantity(text)
    if quantity is not None:
        assert quantity.low >= 0
        assert quantity.high is None or quantity.low <= quantity.high
        assert quantity.qualifier in QUALIFIERS


@given(st.one_of(numbers, st.text(max_size=30)))
def test_a_number_is_whole_and_never_negative(text: str) -> None:
    value = parse_number(text)
    assert value is None or (isinstance(value, int) and value >= 0)


# -- untrusted bytes and text ----------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\r]")


@given(st.one_of(st.binary(max_size=400), st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass"))))
def test_any_bytes_decode_to_text_or_a_one_line_refusal(data: bytes) -> None:
    try:
        text = decode_bytes(data)
    except IngestError as exc:
        assert "\n" not in str(exc)
        return
    normalized = normalize_text(text)
    assert normalize_text(normalized) == normalized  # normalising twice changes nothing
    assert not _CONTROL.search(normalized)


_UNESCAPED = re.compile(r"(?<!\\)(?:\\\\)*[" + re.escape(string.punctuation.replace("\\", "")) + "]")


@given(st.text(max_size=200))
@example("![x](https://example.invalid/t.png) <img src=x onerror=alert(1)> $x$ :red[y] **b**")
def test_markdown_text_leaves_no_markup(text: str) -> None:
    escaped = markdown_text(text)
    assert "\n" not in escaped
    assert not _UNESCAPED.search(escaped.replace("\\\\", ""))
    assert re.sub(r"\\(.)", r"\1", escaped) == re.sub(r"\s*\n\s*", " ", text)  # nothing lost but line breaks


@given(st.lists(st.text(max_size=20), min_size=1, max_size=8))
@example(["=1+1", "+SUM(A1)", "-2", "@cmd", "\tx", "\rx", "fine"])
def test_a_csv_cell_never_starts_a_formula(cells: list[str]) -> None:
    frame = pd.DataFrame({"text": cells})
    rows = list(csv.reader(io.StringIO(to_csv_bytes(frame).decode("utf-8"), newline="")))
    assert rows[0] == ["text"] and len(rows) == len(cells) + 1
    for (cell,), original in zip(rows[1:], cells, strict=True):
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
        kept = re.sub(r"\r\n?", "\n", original)  # a carriage return would split the row for some readers
        assert cell in (kept, "'" + kept)


@given(st.text(max_size=200))
@example("../../etc/passwd")
@example("C:\\Users\\x\\..\\evil.txt")
def test_an_upload_name_is_one_short_harmless_line(filename: str) -> None:
    name = upload_name(filename)
    assert 0 < len(name) <= 80
    assert "/" not in name and "\\" not in name
    assert all(c.isprintable() for c in name)
