"""Downloads: CSV of exactly the rows, ACLED-style events, chart HTML that works offline,
and PNG/SVG export that says so when no browser is there."""

from __future__ import annotations

import io
import re

import pandas as pd
import pytest

from lib import charts, downloads, queries
from lib.schema import to_frame
from tests.fixtures import fixture_tables


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    return fixture_tables()


def test_table_csv_holds_exactly_the_rows_given(tables):
    claims = queries.claims_view(tables, search="said")
    back = pd.read_csv(io.BytesIO(downloads.table_csv(claims)))
    assert list(back["claim_id"]) == list(claims["claim_id"])
    assert list(back.columns) == list(claims.columns)


def test_table_csv_neutralises_formulas():
    frame = pd.DataFrame({"claim": ["=HYPERLINK(1)", "plain"]})
    assert b"'=HYPERLINK" in downloads.table_csv(frame)


def test_acled_frame_uses_acled_columns_and_codes(tables):
    acled = downloads.acled_frame(tables["events"], tables).set_index("location")
    assert list(acled.columns) == [c for c in downloads.ACLED_COLUMNS if c != "location"]
    kharkiv = acled.loc["Kharkiv"]
    assert kharkiv["event_date"] == "2023-03-09"
    assert kharkiv["time_precision"] == 1
    assert kharkiv["disorder_type"] == "Political violence"
    assert kharkiv["iso"] == 804 and kharkiv["country"] == "Ukraine" and kharkiv["region"] == "Europe"
    assert kharkiv["admin1"] == "Kharkiv Oblast"
    assert kharkiv["geo_precision"] == 1
    assert kharkiv["fatalities"] == 3  # "at least 3 civilians" killed in the same sentence
    assert kharkiv["inter1"] == "State forces" and kharkiv["inter2"] == "Civilians"
    assert kharkiv["civilian_targeting"] == "Civilian targeting"
    assert kharkiv["source"] == "Wire A"
    assert kharkiv["notes"].startswith("Russian forces shelled Kharkiv")


@pytest.mark.parametrize(
    ("location", "time_precision", "fatalities", "disorder"),
    [
        ("Bakhmut", 3, 0, "Political violence"),  # "in March": a month
        ("Minsk", 1, 0, "Demonstrations"),  # 12 detained is not 12 killed
        ("Brest", 1, 0, "Strategic developments"),
    ],
)
def test_acled_precision_fatalities_and_disorder(tables, location, time_precision, fatalities, disorder):
    row = downloads.acled_frame(tables["events"], tables).set_index("location").loc[location]
    assert (row["time_precision"], row["fatalities"], row["disorder_type"]) == (time_precision, fatalities, disorder)


def test_acled_csv_of_no_events_has_the_header_only(tables):
    csv = downloads.acled_csv(to_frame("events", []), tables).decode()
    assert csv.strip() == ",".join(downloads.ACLED_COLUMNS)


def test_figure_html_is_standalone(tables):
    page = downloads.figure_html(charts.timeline_figure(queries.timeline_frame(tables)), title="t").decode()
    assert "Plotly.newPlot" in page
    assert not re.search(r"<script[^>]+src=", page)  # plotly.js is inlined
    assert len(page) > 1_000_000


def test_static_export_says_so_without_a_browser(tables, monkeypatch):
    monkeypatch.setattr(downloads, "find_browser", lambda: None)
    assert not downloads.static_export_available()
    with pytest.raises(downloads.ExportUnavailable):
        downloads.figure_image(charts.timeline_figure(queries.timeline_frame(tables)), fmt="png")


def test_static_export_rejects_unknown_formats(tables):
    with pytest.raises(ValueError):
        downloads.figure_image(charts.timeline_figure(queries.timeline_frame(tables)), fmt="bmp")


def test_find_browser_honours_browser_path(tmp_path, monkeypatch):
    fake = tmp_path / "chrome"
    fake.write_text("")
    monkeypatch.setenv("BROWSER_PATH", str(fake))
    downloads.find_browser.cache_clear()
    try:
        assert downloads.find_browser() == str(fake)
    finally:
        downloads.find_browser.cache_clear()


@pytest.mark.skipif(not downloads.static_export_available(), reason="no Chrome/Chromium for plotly's static export")
@pytest.mark.parametrize(("fmt", "magic"), [("png", b"\x89PNG"), ("svg", b"<svg")])
def test_static_export_writes_images(tables, fmt, magic):
    image = downloads.figure_image(charts.timeline_figure(queries.timeline_frame(tables)), fmt=fmt)
    assert magic in image[:200]


def test_acled_tags_leave_a_missing_date_text_blank(tables):
    events = tables["events"].assign(date_text=None)
    acled = downloads.acled_frame(events, tables)
    assert acled["tags"].str.endswith("date text: ").all()
    assert not acled["tags"].str.contains("nan").any()


def test_the_claims_csv_holds_every_filtered_row_not_just_the_page_shown(tables):
    claims = queries.claims_data(tables).claims
    shown = queries.page_of(claims, 1, size=2)
    back = pd.read_csv(io.BytesIO(downloads.table_csv(claims)))
    assert len(shown) == 2 and len(back) == len(claims) == 7
