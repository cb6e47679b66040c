"""Plotly figures for the dashboard, drawn the same on screen and in downloads: the events
timeline, casualty figures over time and claims per source, in the shared palette and the
light or dark surface."""

from __future__ import annotations

import html

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from lib.palette import EVENT_TYPE_COLORS, STANCE_COLORS, STANCE_LABELS, UNKNOWN_COLOR, surface
from lib.queries import OTHER_SOURCES
from lib.schema import STANCES

FONT = "Source Sans Pro, Helvetica Neue, Arial, sans-serif"
# Okabe–Ito, for categories that have no fixed colour (casualty sources).
CYCLE = ("#0072B2", "#D55E00", "#009E73", "#E69F00", "#56B4E9", "#CC79A7", "#F0E442", "#000000")
QUALIFIER_SYMBOLS = {
    "exact": "circle",
    "about": "circle-open",
    "vague": "circle-open",
    "at_least": "triangle-up",
    "more_than": "triangle-up",
    "at_most": "triangle-down",
    "up_to": "triangle-down",
}
DAY_MS = 86_400_000


def _lines(words: list[str], width: int) -> list[str]:
    """Words filled greedily into lines of at most ``width`` characters (longer words split)."""
    lines: list[str] = []
    line = ""
    for word in words:
        while len(word) > width:
            if line:
                lines.append(line)
                line = ""
            lines.append(word[:width])
            word = word[width:]
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(line)
    return lines


def wrap(text: object, *, width: int = 80, limit: int = 400) -> str:
    """Text for a hover label: shortened to ``limit`` characters at a word (ending in " …"),
    escaped (plotly reads tags such as ``<a href>`` in labels) and broken into ``<br>`` lines.
    Plain string work, no ``textwrap``: a chart may carry thousands of labels."""
    value = "" if text is None or (isinstance(text, float) and pd.isna(text)) else str(text)
    words = value.split()
    if len(" ".join(words)) > limit:
        kept, size = [], 0
        for word in words:
            if size + len(word) + len(kept) + 2 > limit:
                break
            kept.append(word)
            size += len(word)
        words = [*kept, "…"]
    return "<br>".join(html.escape(line, quote=False) for line in _lines(words, width)) or "—"


def _clean(value: object) -> str:
    """A value from the tables as label text: blank when missing, escaped for plotly's labels."""
    return (
        "" if value is None or (not isinstance(value, str) and pd.isna(value)) else html.escape(str(value), quote=False)
    )


def _labels(values: pd.Series) -> pd.Series:
    """Category names (actors, sources) escaped for plotly's axis and legend labels."""
    return values.map(_clean)


def apply_theme(fig: go.Figure, *, theme: str = "light", height: int | None = None) -> go.Figure:
    """Give a figure the dashboard's look for a theme (``light`` or ``dark``)."""
    s = surface(theme)
    fig.update_layout(
        template="plotly_dark" if s.name == "dark" else "plotly_white",
        paper_bgcolor=s.background,
        plot_bgcolor=s.background,
        font={"family": FONT, "color": s.text, "size": 13},
        hoverlabel={"font": {"family": FONT, "size": 12}, "align": "left"},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "xanchor": "left", "x": 0, "title": None},
        margin={"l": 10, "r": 10, "t": 60, "b": 10},
    )
    fig.update_xaxes(gridcolor=s.grid, linecolor=s.grid, zeroline=False)
    fig.update_yaxes(gridcolor=s.grid, linecolor=s.grid, zeroline=False)
    if height:
        fig.update_layout(height=height)
    return fig


def _pad_dates(fig: go.Figure, starts: pd.Series, ends: pd.Series, *, min_days: int = 14) -> None:
    """Widen a date axis that would span less than ``min_days`` (one date would otherwise
    zoom in to milliseconds), and label it in days."""
    lo, hi = pd.Timestamp(starts.min()), pd.Timestamp(ends.max())
    if pd.isna(lo) or pd.isna(hi):
        return
    if hi - lo < pd.Timedelta(days=min_days):
        middle = lo + (hi - lo) / 2
        half = pd.Timedelta(days=min_days / 2)
        fig.update_xaxes(range=[middle - half, middle + half], tickformat="%Y-%m-%d")


def focus_window(
    starts: pd.Series, ends: pd.Series, weights: pd.Series, *, share: float = 0.9, spread: float = 3.0
) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The dates between which ``share`` of the (weighted) marks start, padded a little, when
    the whole extent is more than ``spread`` times wider (a few events dated decades away
    would squeeze the rest into a sliver); ``None`` when the whole extent reads well."""
    if starts.empty:
        return None
    order = np.argsort(starts.to_numpy(), kind="stable")
    ordered = starts.to_numpy()[order]
    cumulative = np.cumsum(weights.to_numpy(dtype=float)[order])
    tail = (1 - share) / 2 * cumulative[-1]
    lo = pd.Timestamp(ordered[np.searchsorted(cumulative, tail, side="right")])
    hi = pd.Timestamp(ordered[min(len(ordered) - 1, np.searchsorted(cumulative, cumulative[-1] - tail, side="left"))])
    full = pd.Timestamp(ends.max()) - pd.Timestamp(starts.min())
    if hi <= lo or full <= spread * (hi - lo):
        return None
    pad = (hi - lo) * 0.03 + pd.Timedelta(days=1)
    return lo - pad, hi + pad


def _empty(message: str, *, theme: str) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(text=message, showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper")
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return apply_theme(fig, theme=theme, height=220)


def _event_hover(frame: pd.DataFrame) -> list[str]:
    """Hover text per mark: the event, or for a mark counting several events (``count``), how
    many, when, and one of them as an example."""
    counts = frame["count"] if "count" in frame.columns else pd.Series(1, index=frame.index)
    hover = []
    for row, count in zip(frame.itertuples(index=False), counts, strict=True):
        actors = " vs ".join(a for a in (_clean(row.actor1), _clean(row.actor2)) if a) or "—"
        sentence = f"<i>{wrap(row.sentence)}</i><br><b>Document:</b> {wrap(row.document, width=80, limit=120)}"
        if count > 1:  # one event stands for the rest, its sentence shortened (thousands of these)
            hover.append(
                f"<b>{count:,} events</b> · {_clean(row.event_type)}<br><b>When:</b> {row.date}<br>"
                f"<b>Row:</b> {_clean(row.group)}<br><b>For example:</b> {_clean(row.sub_event_type)}, "
                f"{actors}, {_clean(row.location) or '—'}<br><i>{wrap(row.sentence, limit=160)}</i>"
            )
            continue
        date_text = _clean(row.date_text)
        hover.append(
            f"<b>{_clean(row.event_type)}</b> · {_clean(row.sub_event_type)}<br>"
            f"<b>When:</b> {row.date} ({row.date_precision}{', “' + date_text + '”' if date_text else ''})<br>"
            f"<b>Who:</b> {actors}<br><b>Where:</b> {_clean(row.location) or '—'}<br>{sentence}"
        )
    return hover


def _point_sizes(counts: pd.Series, *, base: float = 13.0) -> list[float] | float:
    """Marker sizes: ``base`` for single events, growing with the square root of a count."""
    if counts.le(1).all():
        return base
    return [min(34.0, base + 3.0 * (float(c) ** 0.5 - 1)) for c in counts]


def timeline_figure(frame: pd.DataFrame, *, theme: str = "light", title: str | None = None) -> go.Figure:
    """Events on the calendar, one row per group (``frame`` from ``queries.timeline_frame``, or
    the counted marks of ``queries.timeline_data``), coloured by event type: day-precise dates
    as diamonds on their day, and weeks, months, years and ranges as bars spanning the whole
    period they stand for, never a made-up day. A mark counting several events is drawn larger
    (diamonds) or stronger (bars) and says how many in its hover."""
    if frame.empty:
        return _empty("No dated events match the filters.", theme=theme)
    fig = go.Figure()
    hover = pd.Series(_event_hover(frame), index=frame.index)
    counts = frame["count"] if "count" in frame.columns else pd.Series(1, index=frame.index)
    for event_type, group in frame.groupby("event_type", sort=False):
        color = EVENT_TYPE_COLORS.get(str(event_type), UNKNOWN_COLOR)
        spans = group[~group["is_point"]]
        points = group[group["is_point"]]
        if not spans.empty:
            many = counts[spans.index].astype(float)
            fig.add_trace(
                go.Bar(
                    name=str(event_type),
                    legendgroup=str(event_type),
                    orientation="h",
                    base=spans["span_start"],
                    x=(spans["span_end"] - spans["span_start"]).dt.total_seconds() * 1000,
                    y=_labels(spans["group"]),
                    marker={
                        "color": color,
                        "opacity": 0.55
                        if many.le(1).all()
                        else list((0.35 + 0.3 * np.log10(many.clip(1, 100))).round(2)),
                        "line": {"color": color, "width": 1.5},
                    },
                    width=0.5,
                    hovertext=hover[spans.index],
                    hoverinfo="text",
                )
            )
        if not points.empty:
            fig.add_trace(
                go.Scatter(
                    name=str(event_type),
                    legendgroup=str(event_type),
                    showlegend=spans.empty,
                    x=points["span_start"] + pd.Timedelta(hours=12),
                    y=_labels(points["group"]),
                    mode="markers",
                    marker={
                        "color": color,
                        "symbol": "diamond",
                        "size": _point_sizes(counts[points.index]),
                        "line": {"color": "white", "width": 1},
                    },
                    hovertext=hover[points.index],
                    hoverinfo="text",
                )
            )
    groups = list(dict.fromkeys(_labels(frame.sort_values("span_start", kind="stable")["group"])))
    fig.update_layout(barmode="overlay", title=title, bargap=0.4)
    fig.update_xaxes(type="date", title=None)
    _pad_dates(fig, frame["span_start"], frame["span_end"])
    window = focus_window(frame["span_start"], frame["span_end"], counts)
    if window is not None:
        fig.update_xaxes(range=list(window))
        fig.update_xaxes(
            title={
                "text": "opens where 90% of the events fall · Autoscale (toolbar) shows them all",
                "font": {"size": 11},
            }
        )
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=groups[::-1], title=None, automargin=True)
    return apply_theme(fig, theme=theme, height=max(260, 120 + 46 * len(groups)))


def casualties_figure(frame: pd.DataFrame, *, theme: str = "light", title: str | None = None) -> go.Figure:
    """Casualty figures over time (``frame`` from ``queries.casualty_series``, or the marks of
    ``queries.casualty_marks``): one colour per source (per ``legend`` entry when given, "other
    sources" in grey), the marker at the low count with a whisker up to the high count,
    triangles for lower and upper bounds ("at least", "up to"), a log scale when figures differ
    a hundredfold. A mark standing for several figures (``count``) says so in its hover."""
    if frame.empty:
        return _empty("No casualty figures match the filters.", theme=theme)
    fig = go.Figure()
    legend = frame["legend"] if "legend" in frame.columns else frame["source"]
    counts = frame["count"] if "count" in frame.columns else pd.Series(1, index=frame.index)
    entries = sorted(dict.fromkeys(legend), key=lambda name: name == OTHER_SOURCES)
    for i, entry in enumerate(entries):
        group = frame[(legend == entry).to_numpy()]
        color = UNKNOWN_COLOR if entry == OTHER_SOURCES else CYCLE[i % len(CYCLE)]
        hover = [
            (f"<b>Largest of {count:,} figures</b> {_clean(row.source)} reported that week<br>" if count > 1 else "")
            + f"<b>{_clean(row.figure)}</b> {_clean(row.population)} {_clean(row.outcome)} ({_clean(row.scope)})<br>"
            f"<b>Source:</b> {_clean(row.source)}<br><b>Where:</b> {_clean(row.location) or '—'}<br>"
            f"<i>{wrap(row.sentence)}</i><br><b>Document:</b> {wrap(row.document, limit=120)}"
            for row, count in zip(group.itertuples(index=False), counts[group.index], strict=True)
        ]
        fig.add_trace(
            go.Scatter(
                name=_clean(entry),
                x=group["published"],
                y=group["count_low"].astype(float),
                mode="markers",
                marker={
                    "color": color,
                    "size": 12,
                    "symbol": [QUALIFIER_SYMBOLS.get(str(q), "circle") for q in group["qualifier"]],
                    "line": {"width": 1.5, "color": color},
                },
                error_y={
                    "type": "data",
                    "symmetric": False,
                    "array": (group["count_top"] - group["count_low"]).astype(float),
                    "arrayminus": [0.0] * len(group),
                    "thickness": 2,
                    "width": 6,
                },
                hovertext=hover,
                hoverinfo="text",
            )
        )
    low = frame["count_low"].astype(float)
    log = bool(low.min() > 0 and frame["count_top"].astype(float).max() / low.min() >= 100)
    fig.update_layout(title=title)
    fig.update_xaxes(type="date", title="reported")
    _pad_dates(fig, frame["published"], frame["published"])
    fig.update_yaxes(
        type="log" if log else "linear", title="people" + (" (log scale)" if log else ""), rangemode="tozero"
    )
    return apply_theme(fig, theme=theme, height=420)


def claims_by_source_figure(
    counts: pd.DataFrame, *, theme: str = "light", limit: int = 15, title: str | None = None
) -> go.Figure:
    """Claims per source (``counts`` from ``queries.claims_by_source``), stacked by stance so
    denials and refusals to comment stand out; the ``limit`` most active sources."""
    if counts.empty:
        return _empty("No claims match the filters.", theme=theme)
    top = counts.head(limit).iloc[::-1]
    fig = go.Figure()
    for stance in STANCES:
        fig.add_trace(
            go.Bar(
                name=STANCE_LABELS[stance],
                y=_labels(top["source"]),
                x=top[stance],
                orientation="h",
                marker={"color": STANCE_COLORS[stance]},
                hovertemplate="%{y}: %{x} " + STANCE_LABELS[stance] + "<extra></extra>",
            )
        )
    fig.update_layout(barmode="stack", title=title, legend_traceorder="normal")
    fig.update_xaxes(title="claims", dtick=1 if top["claims"].max() <= 10 else None)
    fig.update_yaxes(title=None, automargin=True)
    return apply_theme(fig, theme=theme, height=max(220, 110 + 30 * len(top)))
