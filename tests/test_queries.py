"""The dashboard's filters and views over hand-made tables (tests/fixtures.py)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from lib import queries
from lib.queries import Filters
from tests.fixtures import DOCUMENTS, fixture_tables

D = dt.date


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    return fixture_tables()


def sizes(tables: dict[str, pd.DataFrame]) -> dict[str, int]:
    return {t: len(tables[t]) for t in ("documents", "events", "casualties", "locations", "claims")}


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(), {"documents": 3, "events": 4, "casualties": 3, "locations": 7, "claims": 7}),
        # an actor keeps its events, claims and figures, and what shares their sentences
        (
            Filters(actors=("Russian Armed Forces",)),
            {"documents": 2, "events": 2, "casualties": 1, "locations": 3, "claims": 2},
        ),
        # a whole side: every actor whose side is Belarus (by claim or by name)
        (
            Filters(sides=("Belarus",)),
            {"documents": 2, "events": 2, "casualties": 1, "locations": 3, "claims": 2},
        ),
        # a source keeps only what it said, plus the events and places of those sentences
        (Filters(sources=("OHCHR",)), {"documents": 1, "events": 0, "casualties": 1, "locations": 0, "claims": 1}),
        (
            Filters(sources=("(unattributed)",)),
            {"documents": 1, "events": 1, "casualties": 1, "locations": 1, "claims": 0},
        ),
        (
            Filters(source_types=("military",)),
            {"documents": 2, "events": 2, "casualties": 0, "locations": 5, "claims": 3},
        ),
        (
            Filters(event_types=("Battles",)),
            {"documents": 1, "events": 1, "casualties": 0, "locations": 2, "claims": 1},
        ),
        (Filters(places=("Kharkiv",)), {"documents": 1, "events": 1, "casualties": 1, "locations": 1, "claims": 1}),
        (Filters(countries=("BY",)), {"documents": 2, "events": 2, "casualties": 1, "locations": 3, "claims": 2}),
        # dates: events by when they happened, everything else by publication date
        (
            Filters(date_from=D(2023, 5, 1), date_to=D(2023, 5, 31)),
            {"documents": 1, "events": 1, "casualties": 1, "locations": 1, "claims": 1},
        ),
        # "in March" overlaps 20–25 March, though no document was published then
        (
            Filters(date_from=D(2023, 3, 20), date_to=D(2023, 3, 25)),
            {"documents": 0, "events": 1, "casualties": 0, "locations": 0, "claims": 0},
        ),
        # filters combine with AND
        (
            Filters(actors=("Russian Armed Forces",), event_types=("Battles",)),
            {"documents": 1, "events": 1, "casualties": 0, "locations": 2, "claims": 1},
        ),
        # negative cases: values nobody has keep nothing
        (Filters(actors=("Nobody",)), {"documents": 0, "events": 0, "casualties": 0, "locations": 0, "claims": 0}),
        (Filters(places=("Atlantis",)), {"documents": 0, "events": 0, "casualties": 0, "locations": 0, "claims": 0}),
        (
            Filters(date_from=D(2030, 1, 1)),
            {"documents": 0, "events": 0, "casualties": 0, "locations": 0, "claims": 0},
        ),
    ],
)
def test_filters_keep_the_rows_they_should(tables, filters, expected):
    assert sizes(queries.apply_filters(tables, filters)) == expected


def test_filters_leave_sentences_whole_for_lookups(tables):
    filtered = queries.apply_filters(tables, Filters(actors=("Nobody",)))
    assert len(filtered["sentences"]) == len(tables["sentences"])


def test_filters_key_ignores_order():
    assert Filters(actors=("b", "a")).key() == Filters(actors=("a", "b")).key()


@pytest.mark.parametrize(
    ("name", "side"),
    [
        ("Russian Armed Forces", "Russia"),
        ("Ukraine's General Staff", "Ukraine"),
        ("Belarusian Armed Forces", "Belarus"),
        ("Protesters (Belarus)", "Belarus"),
        ("OHCHR", None),
        ("Russian and Ukrainian negotiators", None),
        ("", None),
    ],
)
def test_guess_side_reads_a_side_from_the_name(name, side):
    assert queries.guess_side(name) == side


def test_actor_table_groups_by_side_with_known_sides_from_claims(tables):
    actors = queries.actor_table(tables).set_index("actor")
    assert actors.at["OHCHR", "side"] == "international"
    assert actors.at["Russian Armed Forces", "side"] == "Russia"
    # the actor lexicon outranks a claim's side ("other" in the fixture), and gives the type
    assert (actors.at["Viasna", "side"], actors.at["Viasna", "actor_type"]) == ("Belarus", "ngo")
    assert queries.lexicon_side("Alexander Lukashenko") == ("Belarus", "person")
    assert queries.lexicon_side("Nobody Anyone Knows") == (None, None)
    # an actor the lexicon lacks takes its side and type from the claims it makes
    claims = tables["claims"].copy()
    claims.loc[claims["source"] == "Viasna", ["source", "source_side", "source_type"]] = [
        "Invented Monitoring Group",
        "Western",
        "ngo",
    ]
    actors = queries.actor_table({**tables, "claims": claims}).set_index("actor")
    assert (actors.at["Invented Monitoring Group", "side"], actors.at["Invented Monitoring Group", "actor_type"]) == (
        "Western",
        "ngo",
    )
    order = list(queries.actor_table(tables)["side"].map(queries.SIDE_ORDER))
    assert order == sorted(order)


def test_filter_options_offer_what_the_tables_hold(tables):
    options = queries.filter_options(tables)
    assert options.date_min == D(2023, 3, 1)
    assert options.date_max == D(2023, 5, 20)
    assert options.countries == {"BY": "Belarus", "RU": "Russia", "UA": "Ukraine"}
    assert "Kharkiv" in options.places and "Ukraine" not in options.places  # "Ukraine's" was an actor
    assert options.sources["(unattributed)"] == 1
    assert set(options.documents.values()) == {title for title, *_ in DOCUMENTS}


def test_clamp_filters_drops_values_the_data_lacks(tables):
    options = queries.filter_options(tables)
    wanted = Filters(actors=("OHCHR", "Ghost"), sides=("Mars",), places=("Kharkiv", "Atlantis"), documents=("x",))
    assert queries.clamp_filters(wanted, options) == Filters(actors=("OHCHR",), places=("Kharkiv",))


@pytest.mark.parametrize(
    ("start", "end", "precision", "expected"),
    [
        (D(2023, 3, 9), D(2023, 3, 9), "day", "2023-03-09"),
        (D(2023, 3, 1), D(2023, 3, 31), "month", "March 2023"),
        (D(2023, 1, 1), D(2023, 12, 31), "year", "2023"),
        (D(2023, 3, 6), D(2023, 3, 12), "week", "week of 2023-03-06"),
        (D(2023, 3, 1), D(2023, 3, 15), "range", "2023-03-01 – 2023-03-15"),
        (D(2022, 10, 1), D(2022, 12, 7), "month", "October 2022 – December 2022"),
        (None, None, "unknown", ""),
        (pd.NaT, pd.NaT, "day", ""),
    ],
)
def test_date_label_writes_dates_at_their_precision(start, end, precision, expected):
    assert queries.date_label(start, end, precision) == expected


@pytest.mark.parametrize(
    ("low", "high", "qualifier", "expected"),
    [
        (3, None, "at_least", "at least 3"),
        (6700, 6700, "exact", "6,700"),
        (10, 15, "exact", "10–15"),
        (100, None, "about", "about 100"),
        (24, None, "vague", "~24"),
        (None, None, "exact", ""),
    ],
)
def test_figure_label(low, high, qualifier, expected):
    assert queries.figure_label(low, high, qualifier) == expected


def test_timeline_draws_a_month_as_the_whole_month_and_a_day_as_a_point(tables):
    frame = queries.timeline_frame(tables).set_index("date_text")
    assert frame.at["in March", "span_start"] == pd.Timestamp("2023-03-01")
    assert frame.at["in March", "span_end"] == pd.Timestamp("2023-04-01")
    assert not frame.at["in March", "is_point"]
    assert frame.at["Thursday", "is_point"]
    assert frame.at["Thursday", "span_end"] - frame.at["Thursday", "span_start"] == pd.Timedelta(days=1)


def test_timeline_by_actor_puts_an_event_on_each_actors_row(tables):
    frame = queries.timeline_frame(tables, group_by="actor")
    battle = frame[frame["event_type"] == "Battles"]
    assert sorted(battle["group"]) == ["Russian Armed Forces", "Ukrainian Armed Forces"]
    with pytest.raises(ValueError):
        queries.timeline_frame(tables, group_by="colour")


def test_undated_events_are_counted_not_drawn(tables):
    events = tables["events"].copy()
    events.loc[0, ["date_start", "date_end"]] = pd.NaT
    undated = {**tables, "events": events}
    assert queries.undated_event_count(undated) == 1
    assert len(queries.timeline_frame(undated)) == len(events) - 1


@pytest.mark.parametrize(
    ("search", "sources"),
    [
        ("", 7),
        ("kremlin", 1),  # the source as written
        ("BAKHMUT", 1),  # any case
        ("declined", 1),  # the cue
        ("no such words anywhere", 0),
    ],
)
def test_claims_search(tables, search, sources):
    assert len(queries.claims_view(tables, search=search)) == sources


def test_claims_view_carries_date_document_and_sentence(tables):
    row = queries.claims_view(tables, search="Kremlin").iloc[0]
    assert row["stance"] == "denies"
    assert row["date"] == pd.Timestamp("2023-03-10")
    assert row["document"] == "Shelling hits Kharkiv as Belarus holds drills"
    assert row["sentence"].startswith("The Kremlin denied")


def test_claims_by_source_counts_stances_and_hedges(tables):
    counts = queries.claims_by_source(queries.claims_view(tables)).set_index("source")
    assert counts.at["Russia", "denies"] == 1
    assert counts.at["OHCHR", "hedged"] == 1
    assert counts.at["Russian Ministry of Defence", "declines_comment"] == 1
    assert counts["claims"].sum() == 7
    assert queries.claims_by_source(queries.claims_view(tables, search="zzz")).empty


def test_sentence_context_marks_the_sentence_among_its_neighbours(tables):
    sid = tables["claims"].set_index("source").at["Russia", "sentence_id"]
    context = queries.sentence_context(tables, sid, window=1)
    assert [target for _, target in context] == [False, True]
    assert context[1][0].startswith("The Kremlin")
    assert queries.sentence_context(tables, "missing-s0000") == []


def test_casualties_view_labels_figures_and_unattributed_sources(tables):
    view = queries.casualties_view(tables).set_index("mention")
    assert view.at["at least 8,000 civilians", "figure"] == "at least 8,000"
    assert view.at["12 protesters", "source"] == "(unattributed)"


def test_overview_counts(tables):
    assert queries.overview_counts(tables) == {
        "documents": 3,
        "events": 4,
        "casualty figures": 3,
        "claims": 7,
        "sources": 7,
        "places": 5,
    }


def test_place_points_group_mentions_and_colour_by_side_or_event_type(tables):
    points = queries.place_points(tables).set_index("name")
    assert "Ukraine" not in points.index  # used as an actor, not a place
    assert points.at["Kharkiv", "category"] == "Ukraine"  # the regional administration speaks there
    assert points.at["Kharkiv", "casualties"] == 3
    assert points.at["Brest", "precision"].startswith("town or city")
    by_type = queries.place_points(tables, color_by="event_type").set_index("name")
    assert by_type.at["Bakhmut", "category"] == "Battles"


@pytest.mark.parametrize(("km", "names"), [(None, 5), (50, 2), (0, 1), (-1, 0)])
def test_place_points_within_a_distance_of_the_border(tables, km, names):
    assert len(queries.place_points(tables, max_border_km=km)) == names


def test_documents_view_counts_rows_per_document(tables):
    view = queries.documents_view(tables).set_index("title")
    assert view.at["Shelling hits Kharkiv as Belarus holds drills", "events"] == 2
    assert list(view["published"]) == sorted(view["published"], reverse=True)


@pytest.mark.parametrize(
    ("date_from", "date_to", "expected"),
    [
        (D(2023, 4, 1), D(2023, 4, 30), (D(2023, 4, 1), D(2023, 4, 30))),
        (D(2023, 5, 1), D(2023, 6, 30), (D(2023, 5, 1), None)),  # past the last date: open-ended
        (D(2020, 1, 1), D(2023, 3, 31), (None, D(2023, 3, 31))),
        (D(2024, 1, 1), None, (D(2023, 5, 20), None)),  # after everything: the last day
        (D(2023, 4, 30), D(2023, 4, 1), (D(2023, 4, 1), D(2023, 4, 30))),  # reversed
    ],
)
def test_clamp_filters_brings_dates_into_the_data(tables, date_from, date_to, expected):
    clamped = queries.clamp_filters(Filters(date_from=date_from, date_to=date_to), queries.filter_options(tables))
    assert (clamped.date_from, clamped.date_to) == expected


def test_latest_events_put_dated_events_first_newest_first(tables):
    events = tables["events"].copy()
    events.loc[events["location"] == "Minsk", ["date_start", "date_end"]] = pd.NaT
    latest = queries.latest_events({**tables, "events": events})
    assert list(latest["location"]) == ["Kharkiv", "Brest", "Bakhmut", "Minsk"] or list(latest["location"]) == [
        "Brest",
        "Kharkiv",
        "Bakhmut",
        "Minsk",
    ]
    assert latest["date"].iloc[-1] == ""


# --- prepared once at load ----------------------------------------------------------------


def test_prepare_tables_joins_titles_dates_and_sentences_once(tables):
    prepared = queries.prepare_tables(tables)
    assert queries.prepare_tables(prepared) is prepared  # already prepared: no second pass
    claim = prepared["claims"].set_index("source").loc["Russia"]
    assert claim["document"] == "Shelling hits Kharkiv as Belarus holds drills"
    assert claim["published"] == pd.Timestamp("2023-03-10")
    assert claim["sentence"].startswith("The Kremlin denied")
    assert list(prepared["documents"]["published"]) == sorted(prepared["documents"]["published"], reverse=True)
    assert {t: len(prepared[t]) for t in prepared} == {t: len(tables[t]) for t in tables}


def test_public_columns_hide_the_internal_keys(tables):
    prepared = queries.prepare_tables(tables)
    assert queries.DOC in prepared["events"].columns
    shown = queries.public_columns(prepared["events"])
    assert not [c for c in shown.columns if c.startswith("_")]
    assert {"date", "sentence", "document", "published"} <= set(shown.columns)


@pytest.mark.parametrize(
    ("start", "end", "precision", "expected"),
    [
        (D(2023, 3, 9), D(2023, 3, 9), "day", "2023-03-09"),
        (D(2023, 3, 1), D(2023, 3, 31), "month", "March 2023"),
        (D(2022, 10, 1), D(2022, 12, 7), "month", "October 2022 – December 2022"),
        (D(2023, 1, 1), D(2023, 12, 31), "year", "2023"),
        (D(2022, 1, 1), D(2023, 12, 31), "year", "2022 – 2023"),
        (D(2023, 3, 6), D(2023, 3, 12), "week", "week of 2023-03-06"),
        (D(2023, 3, 1), D(2023, 3, 15), "range", "2023-03-01 – 2023-03-15"),
        (None, D(2023, 3, 15), "day", "2023-03-15"),
        (None, None, "unknown", ""),
    ],
)
def test_date_labels_write_a_whole_column_as_date_label_writes_one(start, end, precision, expected):
    column = queries.date_labels(pd.Series([start, None]), pd.Series([end, None]), pd.Series([precision, "day"]))
    assert list(column) == [expected, ""]
    assert queries.date_label(start, end, precision) == expected


# --- paging -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("total", "page", "rows", "note"),
    [
        (7, 1, [0, 1, 2], "Rows 1–3 of 7 claims, newest first."),
        (7, 3, [6], "Rows 7–7 of 7 claims, newest first."),
        (7, 9, [6], "Rows 7–7 of 7 claims, newest first."),  # past the end: the last page
        (7, 0, [0, 1, 2], "Rows 1–3 of 7 claims, newest first."),
        (3, 1, [0, 1, 2], "3 claims, newest first."),  # one page: no row numbers
        (1, 1, [0], "1 claims."),
        (0, 1, [], "0 claims."),
    ],
)
def test_a_table_pages_through_its_rows_and_says_which(total, page, rows, note):
    frame = pd.DataFrame({"n": range(total)})
    assert list(queries.page_of(frame, page, size=3)["n"]) == rows
    assert queries.rows_note(total, page, size=3, noun="claims", order="newest first") == note
    assert queries.page_count(total, size=3) == max(1, -(-total // 3))


# --- the timeline's marks -----------------------------------------------------------------


def spans_of(rows: list[tuple[str, str, str, bool]]) -> pd.DataFrame:
    """Timeline spans from (group, start, end exclusive, is_point) rows."""
    return pd.DataFrame(
        {
            "row": range(len(rows)),
            "event_id": [f"e{i:03d}" for i in range(len(rows))],
            "group": [r[0] for r in rows],
            "event_type": [r[0] for r in rows],
            "span_start": pd.to_datetime([r[1] for r in rows]),
            "span_end": pd.to_datetime([r[2] for r in rows]),
            "is_point": [r[3] for r in rows],
        }
    )


DAYS = [("Battles", f"2023-03-{d:02d}", f"2023-03-{d + 1:02d}", True) for d in (6, 7, 7, 8, 14, 15)]
MONTH = [("Battles", "2023-03-01", "2023-04-01", False)] * 2


@pytest.mark.parametrize(
    ("max_marks", "resolution", "marks"),
    [
        (10, "event", [("2023-03-06", 1), ("2023-03-07", 1), ("2023-03-07", 1), ("2023-03-08", 1),
                       ("2023-03-14", 1), ("2023-03-15", 1), ("2023-03-01", 1), ("2023-03-01", 1)]),
        # the same day (or the same month) counted as one mark
        (6, "span", [("2023-03-06", 1), ("2023-03-07", 2), ("2023-03-08", 1), ("2023-03-14", 1),
                     ("2023-03-15", 1), ("2023-03-01", 2)]),
        # days counted per week (Monday to Sunday); the month stays the whole month
        (3, "week", [("2023-03-06", 4), ("2023-03-13", 2), ("2023-03-01", 2)]),
        # days counted per month stay apart from the events dated to the whole month
        (2, "month", [("2023-03-01", 6), ("2023-03-01", 2)]),
    ],
)  # fmt: skip
def test_timeline_marks_count_events_together_only_beyond_the_cap(max_marks, resolution, marks):
    found, level = queries.timeline_marks(spans_of(DAYS + MONTH), max_marks=max_marks)
    assert level == resolution
    assert [(f"{s:%Y-%m-%d}", c) for s, c in zip(found["span_start"], found["count"], strict=True)] == marks
    month = found[found["date"].isna() & ~found["is_point"]]
    assert (month["span_end"] - month["span_start"]).dt.days.tolist() == [31] * len(month)  # never narrowed


def test_timeline_marks_say_what_a_counted_period_stands_for():
    found, _ = queries.timeline_marks(spans_of(DAYS), max_marks=2)
    assert list(found["date"]) == ["days in the week of 2023-03-06", "days in the week of 2023-03-13"]
    assert not found["is_point"].any()


def scaled(tables: dict[str, pd.DataFrame], copies: int) -> dict[str, pd.DataFrame]:
    """The fixture tables repeated ``copies`` times under new document and row ids (the same
    reports filed again and again), to check that results scale."""
    id_columns = ["doc_id", "sentence_id", "event_id", "casualty_id", "mention_id", "claim_id"]
    out = {}
    for name, frame in tables.items():
        repeated = pd.concat([frame] * copies, ignore_index=True)
        suffix = "-" + pd.Series(np.repeat(np.arange(copies), len(frame))).astype(str)
        for column in (c for c in id_columns if c in repeated.columns):
            repeated[column] = repeated[column] + suffix
        out[name] = repeated
    return out


@pytest.fixture(scope="module")
def many(tables) -> dict[str, pd.DataFrame]:
    return queries.prepare_tables(scaled(tables, 300))


def test_page_data_scales_with_the_corpus(tables, many):
    overview = queries.overview_data(many, many)
    assert overview.counts == {**queries.overview_counts(tables), "documents": 900, "events": 1200,
                               "casualty figures": 900, "claims": 2100}  # fmt: skip
    assert overview.totals == overview.counts and len(overview.events) == 8
    points = queries.border_map_data(many).points.set_index("name")
    assert points.at["Kharkiv", "mentions"] == 300 and points.at["Kharkiv", "documents"] == 300
    assert points.at["Kharkiv", "casualties"] == 900  # at least 3 killed, 300 times
    assert points.at["Kharkiv", "category"] == "Ukraine"
    claims = queries.claims_data(many)
    assert len(claims.claims) == 2100 and claims.denials == 300
    assert claims.by_source.set_index("source").at["OHCHR", "hedged"] == 300
    assert len(queries.documents_data(many)) == 900


def test_timeline_data_caps_marks_and_rows(many):
    data = queries.timeline_data(many, max_marks=10)
    assert data.resolution == "span" and data.marks["count"].sum() == data.dated == 1200
    assert len(data.marks) <= 10 and len(data.events) == 1200
    by_actor = queries.timeline_data(many, group_by="actor", max_rows=2)
    assert by_actor.rows_shown == 2 and by_actor.rows_total == 6
    assert by_actor.marks["group"].nunique() == 2
    assert "the 2 actors with most events, of 6" in queries.timeline_note(by_actor)
    assert queries.timeline_note(data) == "Events with the same dates are drawn as one mark; hover for how many."
    assert queries.timeline_note(queries.timeline_data(many)) == ""  # 1,200 events: drawn one by one


def test_casualty_marks_keep_the_top_sources_and_count_per_week_beyond_the_cap(many):
    series = queries.casualty_series(many)
    marks, weekly = queries.casualty_marks(series, max_sources=1, max_marks=10_000)
    assert not weekly and len(marks) == 900
    assert set(marks["legend"]) == {series["source"].value_counts().index[0], queries.OTHER_SOURCES}
    weekly_marks, weekly = queries.casualty_marks(series, max_marks=100)
    assert weekly and len(weekly_marks) == 3 and weekly_marks["count"].sum() == 900
    assert set(weekly_marks["figure"]) == {"at least 3", "at least 8,000", "12"}  # each week's largest


def test_claims_data_holds_every_matching_row_for_the_csv(many):
    data = queries.claims_data(many, search="KREMLIN")
    assert len(data.claims) == 300 and data.denials == 300
    assert len(queries.claims_data(many, search="no such words").claims) == 0


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(sides=("Russia",), date_from=D(2023, 2, 18), date_to=D(2023, 5, 20)), {"documents": 2, "claims": 4}),
        (Filters(actors=("Russian Armed Forces",)), {"documents": 2, "claims": 2}),
    ],
)
def test_filtered_views_of_prepared_tables_match_the_filters(tables, many, filters, expected):
    small = queries.apply_filters(tables, filters)
    large = queries.apply_filters(many, filters)
    assert {t: len(small[t]) for t in expected} == expected
    assert {t: len(large[t]) for t in expected} == {t: 300 * n for t, n in expected.items()}


def test_typical_filters_pick_the_busiest_side_and_the_last_quarter(tables):
    options = queries.filter_options(tables)
    assert queries.typical_filters(tables, options) == Filters(
        sides=("Russia",), date_from=D(2023, 2, 18), date_to=D(2023, 5, 20)
    )
    empty = queries.empty_tables()
    assert queries.typical_filters(empty, queries.filter_options(empty)) == Filters()
