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


def _time_precision(row) -> int:
    if row.date_precision == "range" and not pd.isna(row.date_start) and not pd.isna(row.date_end):
        return 2 if (row.date_end - row.date_start).days <= 7 else 3
    return TIME_PRECISION.get(row.date_precision, 3)


def acled_frame(events: pd.DataFrame, tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Events in ACLED's column layout: the event's start date with ACLED's time precision
    (1 day, 2 week, 3 month or vaguer), ACLED disorder and actor categories, ISO numeric
    country codes, geo precision from the place kind, the outlet as source, the sentence as
    notes, and fatalities from the casualty figures (people killed) in the same sentence."""
    sentences = tables["sentences"].set_index("sentence_id")["text"]
    documents = tables["documents"].set_index("doc_id")
    casualties = tables["casualties"]
    killed = casualties[casualties["outcome"] == "killed"].groupby("sentence_id")["count_low"].sum()
    locations = tables["locations"].dropna(subset=["name"]).drop_duplicates("name").set_index("name")
    rows = []
    for row in events.itertuples(index=False):
        code = row.country_code if isinstance(row.country_code, str) else ""
        iso, country, region = COUNTRIES.get(code, ("", code, ""))
        place = (
            locations.loc[row.location] if isinstance(row.location, str) and row.location in locations.index else None
        )
        date = row.date_start if not pd.isna(row.date_start) else row.date_end
        published = documents["published"].get(row.doc_id) if row.doc_id in documents.index else None
        rows.append(
            {
                "event_id_cnty": f"SITREP-{row.event_id}",
                "event_date": "" if pd.isna(date) else f"{date:%Y-%m-%d}",
                "year": "" if pd.isna(date) else date.year,
                "time_precision": _time_precision(row),
                "disorder_type": DISORDER.get(row.event_type, ""),
                "event_type": row.event_type,
                "sub_event_type": row.sub_event_type,
                "actor1": row.actor1 or "",
                "assoc_actor_1": "",
                "inter1": _inter(row.actor1),
                "actor2": row.actor2 or "",
                "assoc_actor_2": "",
                "inter2": _inter(row.actor2),
                "interaction": "",
                "civilian_targeting": "Civilian targeting"
                if row.event_type == "Violence against civilians" or _inter(row.actor2) == "Civilians"
                else "",
                "iso": iso,
                "region": region,
                "country": country,
                "admin1": (place["admin1"] if place is not None and isinstance(place["admin1"], str) else ""),
                "admin2": "",
                "admin3": "",
                "location": row.location or "",
                "latitude": row.latitude,
                "longitude": row.longitude,
                "geo_precision": GEO_PRECISION.get(place["kind"], 2) if place is not None else 3,
                "source": documents["outlet"].get(row.doc_id, "") if row.doc_id in documents.index else "",
                "source_scale": "",
                "notes": sentences.get(row.sentence_id, row.summary),
                "fatalities": int(killed.get(row.sentence_id, 0)),
                "tags": f"sitrep; date precision: {row.date_precision}; date text: {row.date_text or ''}",
                "timestamp": ""
                if published is None or pd.isna(published)
                else int(pd.Timestamp(published).timestamp()),
            }
        )
    return pd.DataFrame(rows, columns=ACLED_COLUMNS)


def acled_csv(events: pd.DataFrame, tables: dict[str, pd.DataFrame]) -> bytes:
    """Events as an ACLED-style CSV (see :func:`acled_frame`)."""
    return to_csv_bytes(acled_frame(events, tables))
