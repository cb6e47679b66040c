"""Every page under AppTest: it renders, the shared filters change it, and a URL restores them."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.ui.conftest import APP, PAGES


def texts(at) -> str:
    return " ".join(str(e.value) for e in [*at.markdown, *at.caption, *at.subheader, *at.title])


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_without_exception(make_app, page):
    at = make_app(page)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title, "the page drew no title"


def test_overview_counts_follow_the_actor_filter(make_app):
    at = make_app()
    assert [m.value for m in at.metric][:4] == ["3", "4", "3", "7"]
    at.session_state["f_actors"] = ["Russian Armed Forces"]
    at.run()
    assert [m.value for m in at.metric][:4] == ["2", "2", "1", "2"]
    assert at.query_params["actor"] == "Russian Armed Forces"


def test_filters_hold_across_page_switches(make_app):
    at = make_app()
    at.session_state["f_event_types"] = ["Battles"]
    at.run()
    at.switch_page("pages/claims.py").run()
    assert at.session_state["f_event_types"] == ["Battles"]
    assert len(at.dataframe[0].value) == 1
    assert at.query_params["etype"] == "Battles"


@pytest.mark.parametrize(
    ("params", "widget", "value", "claims"),
    [
        ({"actor": "Russia"}, "f_actors", ["Russia"], 1),
        ({"side": "Russia"}, "f_actors", ["side:Russia"], 4),
        ({"source": ["OHCHR", "Viasna"]}, "f_sources", ["OHCHR", "Viasna"], 2),
        ({"country": "BY"}, "f_places", ["country:BY"], 2),
        ({"place": "Atlantis"}, "f_places", [], 7),  # a stale link: unknown values are dropped
    ],
)
def test_a_url_restores_the_filters(make_app, params, widget, value, claims):
    at = make_app("claims", **params)
    assert not at.exception
    assert at.session_state[widget] == value
    assert len(at.dataframe[0].value) == claims


def test_a_url_restores_the_date_range(make_app):
    at = make_app("overview", **{"from": "2023-04-01", "to": "2023-04-30"})
    assert not at.exception
    assert [str(d) for d in at.date_input(key="f_dates").value] == ["2023-04-01", "2023-04-30"]
    assert at.metric[0].value == "1"


def test_a_url_past_the_data_keeps_the_view_open_ended(make_app):
    at = make_app("overview", **{"from": "2023-05-01", "to": "2031-12-31"})
    assert not at.exception
    assert [str(d) for d in at.date_input(key="f_dates").value] == ["2023-05-01", "2023-05-20"]
    assert at.query_params == {"from": "2023-05-01"}


def test_reset_clears_every_filter_and_the_url(make_app):
    at = make_app("overview", actor="OHCHR", etype="Battles")
    assert at.query_params
    next(b for b in at.button if b.label == "Reset filters").click().run()
    assert at.session_state["f_actors"] == []
    assert at.session_state["f_event_types"] == []
    assert not at.query_params
    assert at.metric[0].value == "3"


def test_claims_search_and_selection_show_the_sentence(make_app):
    at = make_app("claims")
    at.text_input(key="claims_search").input("kremlin").run()
    assert len(at.dataframe[0].value) == 1
    assert "🟥 denies" in list(at.dataframe[0].value["stance_shown"])


def test_timeline_switches_to_rows_by_actor(make_app):
    at = make_app("timeline")
    at.segmented_control(key="timeline_rows").set_value("actor").run()
    assert not at.exception


def test_border_map_slider_and_colouring(make_app):
    at = make_app("border_map")
    assert "Natural Earth" in texts(at)
    at.radio(key="map_color").set_value("event_type").run()
    at.slider(key="map_km").set_value(50).run()
    assert not at.exception
    assert "Places on the map (2)" in [e.label for e in at.expander]


def test_casualties_table_follows_the_source_filter(make_app):
    at = make_app("casualties", source="OHCHR")
    assert list(at.dataframe[0].value["figure"]) == ["at least 8,000"]


def test_documents_reader_highlights_what_was_found(make_app):
    at = make_app("documents")
    reader = next(m.value for m in at.markdown if "sr-reader" in m.value)
    assert "sr-place" in reader and "sr-claim" in reader


def test_adding_a_document_shows_it_on_every_page(make_app, app_folders):
    at = make_app("documents")
    at.text_area[0].input("Officials in Kyiv said on Monday that drones hit Odesa. No one was hurt.")
    at.text_input[0].input("Drones over Odesa")
    next(b for b in at.button if b.label == "Add document").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("Drones over Odesa" in str(s.value) for s in at.success)
    assert list((app_folders / "added").glob("drones-over-odesa-*.txt"))
    at.switch_page("pages/overview.py").run()
    assert at.metric[0].value == "4"


@pytest.mark.parametrize(
    ("filename", "content", "message"),
    [
        ("drones.html", b"<html><head><title>Drones</title></head><body><p>Kyiv said drones hit Odesa.</p></body></html>",
         "Added"),
        ("report.txt", b"%PDF-1.4 binary", "Not added"),  # a PDF saved as .txt
    ],
)  # fmt: skip
def test_uploading_a_file_adds_it_or_says_why_not(make_app, app_folders, filename, content, message):
    at = make_app("documents")
    at.file_uploader[0].upload(filename, content, "application/octet-stream")
    next(b for b in at.button if b.label == "Add document").click().run()
    assert not at.exception, [e.value for e in at.exception]
    shown = [str(e.value) for e in [*at.success, *at.error]]
    assert any(s.startswith(message) for s in shown), shown
    assert bool(list((app_folders / "added").glob("*.txt"))) == (message == "Added")


@pytest.mark.parametrize("browser", [None, "/usr/bin/chromium"])
def test_chart_image_buttons_say_when_there_is_no_browser(make_app, monkeypatch, browser):
    from lib import downloads

    monkeypatch.setattr(downloads, "find_browser", lambda: browser)
    at = make_app("timeline")
    labels = {b.label: b.disabled for b in at.button}
    downloads_shown = {b.label for b in at.get("download_button")}
    if browser is None:
        assert labels.get("PNG: no Chrome found") is True and labels.get("SVG: no Chrome found") is True
        assert "⬇️ PNG" not in downloads_shown
    else:
        assert {"⬇️ PNG", "⬇️ SVG"} <= downloads_shown
    assert "⬇️ HTML" in downloads_shown  # the interactive page needs no browser


def test_a_page_run_without_app_py_reruns_through_it(app_folders):
    """Streamlit's old pages-folder mode runs page files alone (a server whose first request
    was a deep link); the page must rerun through app.py and keep the filters."""
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.run()
    at.session_state["f_actors"] = ["Russian Armed Forces"]
    at.run()
    assert not at.exception
    assert [m.value for m in at.metric][:4] == ["2", "2", "1", "2"]
    at.switch_page("pages/claims.py").run()
    assert len(at.dataframe[0].value) == 2


def test_a_long_table_pages_with_a_count_and_the_csv_keeps_every_row(make_app, monkeypatch):
    from lib import queries

    monkeypatch.setattr(queries, "PAGE_ROWS", 3)
    at = make_app("claims")
    assert len(at.dataframe[0].value) == 3
    assert any("Rows 1–3 of 7 claims, newest first." in c.value for c in at.caption)
    at.number_input(key="claims_page").set_value(3).run()
    assert len(at.dataframe[0].value) == 1
    assert any("Rows 7–7 of 7 claims" in c.value for c in at.caption)
    csv = next(b for b in at.get("download_button") if b.proto.label == "⬇️ CSV")
    assert "The 7 filtered rows" in csv.proto.help


def test_a_page_number_past_the_filtered_rows_falls_back_to_the_last_page(make_app, monkeypatch):
    from lib import queries

    monkeypatch.setattr(queries, "PAGE_ROWS", 3)
    at = make_app("claims")
    at.number_input(key="claims_page").set_value(3).run()
    at.session_state["f_event_types"] = ["Battles"]  # one claim left
    at.run()
    assert not at.exception
    assert len(at.dataframe[0].value) == 1


@pytest.mark.parametrize(
    ("typed", "kept", "claims"),
    [
        (["russian armed forces"], ["Russian Armed Forces"], 2),  # any case
        (["Nobody at all"], [], 7),  # not an actor: dropped
        (["side:russia"], ["side:Russia"], 4),
    ],
)
def test_a_typed_actor_is_taken_by_name(make_app, typed, kept, claims):
    at = make_app("claims")
    at.session_state["f_actors"] = typed
    at.run()
    assert not at.exception
    assert at.session_state["f_actors"] == kept
    assert at.metric[0].value == str(claims)
