"""Bytes for every download the dashboard offers: charts as PNG and SVG (plotly's static
export through a local Chrome/Chromium) and as standalone HTML, tables as CSV, and events as
an ACLED-style CSV an analyst can merge with ACLED's own exports."""

from __future__ import annotations

import contextlib
import os
import shutil
import threading
import warnings
from functools import cache
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from lib.export import to_csv_bytes

BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome", "msedge")
EXPORT_WIDTH = 1200
_server_lock = threading.Lock()
_server_started = False


class ExportUnavailable(RuntimeError):
    """Static image export needs a Chrome or Chromium, and none was found."""


@cache
def find_browser() -> str | None:
    """The Chrome/Chromium plotly's static export can drive: ``$BROWSER_PATH`` when it points
    at a file, else the first browser on ``PATH``; ``None`` when there is none."""
    configured = os.environ.get("BROWSER_PATH")
    if configured and Path(configured).is_file():
        return configured
    for name in BROWSER_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def static_export_available() -> bool:
    """Whether PNG/SVG export can run on this machine."""
    return find_browser() is not None


def _start_server() -> None:
    """Keep one headless browser for all exports (a cold start costs seconds per image)."""
    global _server_started
    with _server_lock:
        if _server_started:
            return
        import kaleido

        # Without a persistent server each export starts its own browser instead.
        with contextlib.suppress(Exception):
            kaleido.start_sync_server(silence_warnings=True)
        _server_started = True


def figure_image(
    fig: go.Figure, *, fmt: str = "png", width: int = EXPORT_WIDTH, height: int | None = None, scale: float = 2
) -> bytes:
    """A figure as PNG or SVG bytes, at the size it has on screen (``width`` wide, its own
    height). Raises :class:`ExportUnavailable` when no browser is installed."""
    if fmt not in ("png", "svg"):
        raise ValueError(f"fmt must be 'png' or 'svg', not {fmt!r}")
    browser = find_browser()
    if browser is None:
        raise ExportUnavailable("PNG/SVG export needs Chrome or Chromium on this machine; none was found")
    os.environ.setdefault("BROWSER_PATH", browser)
    _start_server()
    height = height or fig.layout.height or 450
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # "kopts ignored when using a server"
        return fig.to_image(format=fmt, width=width, height=height, scale=scale if fmt == "png" else 1)


def figure_html(fig: go.Figure, *, title: str = "sitrep chart") -> bytes:
    """A standalone, interactive HTML page of a figure with plotly.js inlined (works offline)."""
    page = fig.to_html(
        include_plotlyjs=True,
        full_html=True,
        config={"displaylogo": False, "responsive": True},
        default_width="100%",
    )
    page = page.replace("<head>", f"<head><meta charset='utf-8'/><title>{title}</title>", 1)
    return page.encode("utf-8")


def table_csv(frame: pd.DataFrame, *, columns: list[str] | None = None) -> bytes:
    """A table's rows as CSV bytes (formulas neutralised, ISO dates)."""
    return to_csv_bytes(frame[columns] if columns else frame)


# --- ACLED ------------------------------------------------------------------------------

ACLED_COLUMNS = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
]
# ISO alpha-2 -> (ISO numeric, ACLED country name, ACLED region) for the countries the
# reporting is about; others keep their code as the country name.
COUNTRIES = {
    "UA": (804, "Ukraine", "Europe"),
    "BY": (112, "Belarus", "Europe"),
    "RU": (643, "Russia", "Europe"),
    "PL": (616, "Poland", "Europe"),
    "LT": (440, "Lithuania", "Europe"),
    "LV": (428, "Latvia", "Europe"),
    "EE": (233, "Estonia", "Europe"),
    "MD": (498, "Moldova", "Europe"),
    "RO": (642, "Romania", "Europe"),
    "SK": (703, "Slovakia", "Europe"),
    "HU": (348, "Hungary", "Europe"),
    "FI": (246, "Finland", "Europe"),
    "GE": (268, "Georgia", "Caucasus and Central Asia"),
}
TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3, "unknown": 3}
GEO_PRECISION = {"city": 1, "facility": 1, "area": 2, "region": 3, "country": 3}
DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
# Words in an actor's name -> ACLED's actor category (inter1/inter2).
INTER_WORDS = (
    ("Protesters", "Protesters"),
    ("Rioters", "Rioters"),
    ("Civilians", "Civilians"),
    ("Armed Forces", "State forces"),
    ("Military Forces", "State forces"),
    ("Police", "State forces"),
    ("Army", "State forces"),
    ("Navy", "State forces"),
    ("Air Force", "State forces"),
    ("Wagner", "External/Other forces"),
)


def _inter(actor: object) -> str:
    if not isinstance(actor, str) or not actor:
        return ""
    return next((category for word, category in INTER_WORDS if word in actor), "")


def _text(values: pd.Series) -> pd.Series:
    """A text column with blanks for missing values."""
    return values.astype("object").where(values.notna(), "")


def acled_frame(events: pd.DataFrame, tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Events in ACLED's column layout: the event's start date with ACLED's time precision
    (1 day, 2 week, 3 month or vaguer), ACLED disorder and actor categories, ISO numeric
    country codes, geo precision from the place kind, the outlet as source, the sentence as
    notes, and fatalities from the casualty figures (people killed) in the same sentence.
    Column by column (no per-row Python), so a corpus of events exports in seconds."""
    ev = events.reset_index(drop=True)
    sentences = tables["sentences"].drop_duplicates("sentence_id").set_index("sentence_id")["text"]
    documents = tables["documents"].drop_duplicates("doc_id").set_index("doc_id")
    casualties = tables["casualties"]
    killed = casualties[casualties["outcome"] == "killed"].groupby("sentence_id")["count_low"].sum()
    places = tables["locations"].dropna(subset=["name"]).drop_duplicates("name").set_index("name")
    code = _text(ev["country_code"]).astype(str)
    country = code.map(lambda c: COUNTRIES.get(c, ("", c, "")))
    date = ev["date_start"].fillna(ev["date_end"])
    dated = date.notna()
    precision = _text(ev["date_precision"]).astype(str)
    short_range = (precision == "range") & ev["date_start"].notna() & ev["date_end"].notna()
    span_days = (ev["date_end"] - ev["date_start"]).dt.days
    time_precision = precision.map(lambda p: TIME_PRECISION.get(p, 3)).where(
        ~short_range, span_days.le(7).map({True: 2, False: 3})
    )
    actor1, actor2 = _text(ev["actor1"]), _text(ev["actor2"])
    inter1, inter2 = actor1.map(_inter), actor2.map(_inter)
    location = _text(ev["location"]).astype(str)
    placed = location.isin(places.index) & (location != "")
    admin1 = location.map(places["admin1"]).where(placed)
    kind = location.map(places["kind"]).where(placed)
    published = ev["doc_id"].map(documents["published"])
    notes = ev["sentence_id"].map(sentences)
    frame = pd.DataFrame(
        {
            "event_id_cnty": "SITREP-" + ev["event_id"].astype(str),
            "event_date": date.dt.strftime("%Y-%m-%d").where(dated, ""),
            "year": date.dt.year.astype("Int64"),
            "time_precision": time_precision.astype(int),
            "disorder_type": ev["event_type"].map(DISORDER).fillna(""),
            "event_type": ev["event_type"],
            "sub_event_type": ev["sub_event_type"],
            "actor1": actor1,
            "assoc_actor_1": "",
            "inter1": inter1,
            "actor2": actor2,
            "assoc_actor_2": "",
            "inter2": inter2,
            "interaction": "",
            "civilian_targeting": (
                (ev["event_type"] == "Violence against civilians").fillna(False) | (inter2 == "Civilians")
            ).map({True: "Civilian targeting", False: ""}),
            "iso": pd.array([c[0] if c[0] != "" else None for c in country], dtype="Int64"),
            "region": country.map(lambda c: c[2]),
            "country": country.map(lambda c: c[1]),
            "admin1": admin1.where(admin1.map(lambda a: isinstance(a, str)), ""),
            "admin2": "",
            "admin3": "",
            "location": location,
            "latitude": ev["latitude"],
            "longitude": ev["longitude"],
            "geo_precision": kind.map(lambda k: GEO_PRECISION.get(k, 2)).where(placed, 3).astype(int),
            "source": ev["doc_id"].map(documents["outlet"]).where(ev["doc_id"].isin(documents.index), ""),
            "source_scale": "",
            "notes": notes.where(ev["sentence_id"].isin(sentences.index), ev["summary"]),
            "fatalities": ev["sentence_id"].map(killed).fillna(0).astype(int),
            "tags": "sitrep; date precision: " + precision + "; date text: " + _text(ev["date_text"]).astype(str),
            "timestamp": (published.astype("datetime64[s]").astype("int64")).astype("Int64").where(published.notna()),
        },
        columns=ACLED_COLUMNS,
    )
    return frame


def acled_csv(events: pd.DataFrame, tables: dict[str, pd.DataFrame]) -> bytes:
    """Events as an ACLED-style CSV (see :func:`acled_frame`)."""
    return to_csv_bytes(acled_frame(events, tables))
