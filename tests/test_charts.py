"""The plotly figures: spans for vague dates, points for days, ranges for figures, one look."""

from __future__ import annotations

import pandas as pd
import pytest

from lib import charts, queries
from lib.palette import EVENT_TYPE_COLORS, STANCE_COLORS, SURFACES, UNKNOWN_COLOR
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


def test_a_counted_mark_is_larger_and_says_how_many(tables):
    frame = queries.timeline_frame(tables).assign(count=[1, 1, 1, 5])
    fig = charts.timeline_figure(frame)
    protests = next(t for t in fig.data if t.name == "Protests")
    assert "5 events" in protests.hovertext[0] and "For example" in protests.hovertext[0]
    assert protests.marker.size[0] > 13
    single = next(t for t in fig.data if t.name == "Strategic developments")
    assert single.marker.size == 13 and "events</b>" not in single.hovertext[0]


@pytest.mark.parametrize(
    ("starts", "window"),
    [
        # a few events decades away: the axis opens on where 90% of them are
        (["1902-01-01"] + ["2022-03-01"] * 40 + ["2022-09-01"] * 40 + ["2042-01-01"], ("2022-03-01", "2022-09-01")),
        (["2022-03-01", "2022-06-01", "2022-09-01"], None),  # evenly spread: the whole extent
        (["2022-03-01"] * 5, None),  # one day
        ([], None),
    ],
)
def test_the_timeline_opens_where_most_events_fall(starts, window):
    starts = pd.Series(pd.to_datetime(starts), dtype="datetime64[ns]")
    found = charts.focus_window(starts, starts + pd.Timedelta(days=1), pd.Series(1, index=starts.index))
    if window is None:
        assert found is None
    else:
        lo, hi = found
        assert lo <= pd.Timestamp(window[0]) and hi >= pd.Timestamp(window[1])
        assert hi - lo < pd.Timedelta(days=250)


def test_casualty_chart_greys_other_sources_and_lists_them_last(tables):
    series = queries.casualty_series(tables)
    marks, _ = queries.casualty_marks(series, max_sources=1)
    fig = charts.casualties_figure(marks)
    assert [t.name for t in fig.data][-1] == queries.OTHER_SOURCES
    assert fig.data[-1].marker.color == UNKNOWN_COLOR and fig.data[0].marker.color != UNKNOWN_COLOR


@pytest.mark.parametrize(
    "text",
    ["short", "word " * 30, "a" * 100 + " b", "x " * 300, "one two three four five six " * 20, ""],
)
def test_wrap_fills_lines_as_textwrap_does(text):
    import textwrap

    shortened = textwrap.shorten(text, width=400, placeholder=" …") if len(text) > 400 else text
    assert charts.wrap(text, width=40) == ("<br>".join(textwrap.wrap(shortened, width=40)) or "—")


def test_wrap_folds_runs_of_spaces_and_line_breaks():
    assert charts.wrap("  spaced \n\n  out  ", width=40) == "spaced out"
