"""The plotly figures: spans for vague dates, points for days, ranges for figures, one look."""

from __future__ import annotations

import pandas as pd
import pytest

from lib import charts, queries
from lib.palette import EVENT_TYPE_COLORS, STANCE_COLORS, SURFACES
from tests.fixtures import fixture_tables


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    return fixture_tables()


def test_timeline_draws_vague_dates_as_bars_over_their_whole_period(tables):
    fig = charts.timeline_figure(queries.timeline_frame(tables))
    bars = [t for t in fig.data if t.type == "bar"]
    assert [t.name for t in bars] == ["Battles"]
    (bar,) = bars
    assert pd.Timestamp(bar.base[0]) == pd.Timestamp("2023-03-01")
    assert bar.x[0] == 31 * charts.DAY_MS  # all of March, not a made-up day
    assert bar.marker.color == EVENT_TYPE_COLORS["Battles"]


def test_timeline_draws_day_dates_as_points_mid_day(tables):
    fig = charts.timeline_figure(queries.timeline_frame(tables))
    points = [t for t in fig.data if t.type == "scatter"]
    assert {t.name for t in points} == {"Explosions/Remote violence", "Strategic developments", "Protests"}
    shelling = next(t for t in points if t.name == "Explosions/Remote violence")
    assert pd.Timestamp(shelling.x[0]) == pd.Timestamp("2023-03-09 12:00")


def test_timeline_hover_shows_sentence_and_document(tables):
    fig = charts.timeline_figure(queries.timeline_frame(tables))
    battle = next(t for t in fig.data if t.name == "Battles")
    assert "repelled attacks near Bakhmut" in battle.hovertext[0]
    assert "UN says the civilian toll keeps rising" in battle.hovertext[0]


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda t: charts.timeline_figure(queries.timeline_frame(t).iloc[0:0]), "No dated events"),
        (lambda t: charts.casualties_figure(queries.casualty_series(t).iloc[0:0]), "No casualty figures"),
        (lambda t: charts.claims_by_source_figure(queries.claims_by_source(queries.claims_view(t, search="zzz"))),
         "No claims"),
    ],
)  # fmt: skip
def test_empty_selections_say_so_instead_of_drawing_axes(tables, build, message):
    fig = build(tables)
    assert not fig.data
    assert fig.layout.annotations[0].text.startswith(message)


def test_casualty_figures_have_whiskers_to_the_high_count_and_bound_symbols(tables):
    series = queries.casualty_series(tables)
    fig = charts.casualties_figure(series)
    assert [t.name for t in fig.data] == list(dict.fromkeys(series["source"]))
    ohchr = next(t for t in fig.data if t.name == "OHCHR")
    assert list(ohchr.y) == [8000.0]
    assert list(ohchr.error_y.array) == [0.0]
    assert ohchr.marker.symbol[0] == "triangle-up"  # "at least"
    assert fig.layout.yaxis.type == "log"  # 3 to 8,000


def test_casualty_figures_use_a_linear_scale_when_figures_are_close(tables):
    series = queries.casualty_series(tables)
    close = series[series["count_low"] < 100]
    assert charts.casualties_figure(close).layout.yaxis.type == "linear"


def test_claims_by_source_stacks_stances_in_their_colours(tables):
    fig = charts.claims_by_source_figure(queries.claims_by_source(queries.claims_view(tables)))
    assert fig.layout.barmode == "stack"
    assert [t.marker.color for t in fig.data] == list(STANCE_COLORS.values())


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_figures_take_the_theme_surface(tables, theme):
    fig = charts.timeline_figure(queries.timeline_frame(tables), theme=theme)
    assert fig.layout.paper_bgcolor == SURFACES[theme].background
    assert fig.layout.font.color == SURFACES[theme].text


@pytest.mark.parametrize(
    ("text", "expected"),
    [("short", "short"), (None, "—"), (float("nan"), "—"), ("word " * 30, None)],
)
def test_wrap_breaks_long_hover_text(text, expected):
    wrapped = charts.wrap(text, width=40)
    if expected is not None:
        assert wrapped == expected
    else:
        assert all(len(line) <= 40 for line in wrapped.split("<br>"))


def test_a_single_date_keeps_a_readable_axis(tables):
    series = queries.casualty_series(tables)
    one_day = series[series["source"] == "OHCHR"]
    fig = charts.casualties_figure(one_day)
    lo, hi = (pd.Timestamp(x) for x in fig.layout.xaxis.range)
    assert hi - lo == pd.Timedelta(days=14)
    wide = charts.casualties_figure(series)
    assert wide.layout.xaxis.range is None  # two months of reports need no padding
