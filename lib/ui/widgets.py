"""Streamlit pieces every page uses: the page header, download buttons for charts, maps and
tables, colour legends, and a sentence shown in its context."""

from __future__ import annotations

import html
from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from lib import downloads, queries
from lib.ui import loading
from lib.ui.escape import markdown_text
from lib.ui.frame import View, describe_filters

CHART_CONFIG = {"displaylogo": False, "toImageButtonOptions": {"format": "png", "scale": 2}}
STANCE_BADGES = {"asserts": "🔵 asserts", "denies": "🟥 denies", "declines_comment": "⬜ declines comment"}
CLAIM_COLUMNS = ["source", "stance_shown", "hedged_shown", "claim", "cue", "source_type", "source_side", "via", "date"]
MIME = {
    "png": "image/png",
    "svg": "image/svg+xml",
    "html": "text/html",
    "csv": "text/csv",
    "geojson": "application/geo+json",
}


def page_header(title: str, view: View, *, intro: str = "") -> None:
    """The page title, what it shows, and the active filters."""
    st.title(title)
    if intro:
        st.markdown(intro)
    st.caption(describe_filters(view))
    store_notice(view)
    if view.problems:
        with st.expander(f"⚠️ {len(view.problems)} file(s) could not be read"):
            for problem in view.problems:
                st.text(problem)


def store_notice(view: View) -> None:
    """Why the tables may not be current (the store is busy) or are missing (it is damaged),
    with a button that rebuilds a damaged store from the seeds and added documents."""
    if view.broken:
        st.error(markdown_text(view.notice), icon="🛑")
        if st.button("Move the store aside and rebuild it from the seeds and added documents", key="_sr_rebuild"):
            st.session_state["_sr_rebuilt"] = loading.rebuild()
            st.rerun()
    elif view.notice:
        st.warning(markdown_text(view.notice), icon="⏳")
    if st.session_state.get("_sr_rebuilt"):
        st.info(markdown_text(st.session_state.pop("_sr_rebuilt")))


def _download(column, label: str, data: Callable[[], bytes] | bytes, *, file_name: str, key: str, help: str) -> None:
    column.download_button(
        label,
        data=data,
        file_name=file_name,
        mime=MIME[file_name.rsplit(".", 1)[-1]],
        key=key,
        on_click="ignore",
        help=help,
        width="stretch",
    )


def chart(fig: go.Figure, *, name: str, key: str) -> None:
    """A plotly chart as drawn on screen, with PNG, SVG and standalone HTML downloads under it.
    Without a Chrome/Chromium the PNG/SVG buttons say so; the chart's own camera button works."""
    st.plotly_chart(fig, theme=None, config=CHART_CONFIG, key=f"{key}_chart", width="stretch")
    columns = st.columns([1, 1, 1, 3])
    if downloads.static_export_available():
        for column, fmt in zip(columns[:2], ("png", "svg"), strict=True):
            _download(
                column,
                f"⬇️ {fmt.upper()}",
                lambda fmt=fmt: downloads.figure_image(fig, fmt=fmt),
                file_name=f"{name}.{fmt}",
                key=f"{key}_{fmt}",
                help=f"The chart as a {fmt.upper()} image, as it looks on screen.",
            )
    else:
        for column, fmt in zip(columns[:2], ("png", "svg"), strict=True):
            column.button(
                f"{fmt.upper()}: no Chrome found",
                disabled=True,
                key=f"{key}_{fmt}",
                width="stretch",
                help="Static export needs Chrome or Chromium on the server. Use the camera icon on the chart.",
            )
    _download(
        columns[2],
        "⬇️ HTML",
        lambda: downloads.figure_html(fig, title=name),
        file_name=f"{name}.html",
        key=f"{key}_html",
        help="A standalone interactive page that works offline.",
    )


def paged(frame: pd.DataFrame, *, key: str, noun: str, order: str = "") -> pd.DataFrame:
    """The page of ``frame`` to draw (``queries.PAGE_ROWS`` rows): a page number to pick when
    there is more than one, and a caption saying which rows show, of how many."""
    size = queries.PAGE_ROWS
    pages = queries.page_count(len(frame), size=size)
    page = 1
    if pages > 1:
        if int(st.session_state.get(key) or 1) > pages:  # the filters left fewer pages
            st.session_state[key] = pages
        left, right = st.columns([1, 5], vertical_alignment="bottom")
        page = int(left.number_input("Page", min_value=1, max_value=pages, value=1, step=1, key=key))
        note = queries.rows_note(len(frame), page, size=size, noun=noun, order=order)
        right.caption(f"{note} {pages:,} pages; the CSV holds every row.")
    else:
        st.caption(queries.rows_note(len(frame), page, size=size, noun=noun, order=order))
    return queries.page_of(frame, page, size=size)


def table_download(frame: pd.DataFrame, *, name: str, key: str, label: str = "⬇️ CSV", column=None) -> None:
    """A CSV download of exactly the filtered rows (every page of a paged table)."""
    _download(
        column or st.columns([1, 5])[0],
        label,
        lambda: downloads.table_csv(frame),
        file_name=f"{name}.csv",
        key=key,
        help=f"The {len(frame)} filtered rows as CSV.",
    )


def legend(items: list[tuple[str, str]], *, title: str = "") -> None:
    """A row of coloured dots with labels."""
    chips = "".join(
        f"<span style='display:inline-flex;align-items:center;margin-right:14px'>"
        f"<span style='width:12px;height:12px;border-radius:50%;background:{color};display:inline-block;"
        f"margin-right:5px'></span>{html.escape(label)}</span>"
        for label, color in items
    )
    prefix = f"<b>{html.escape(title)}</b>&nbsp;&nbsp;" if title else ""
    st.markdown(f"<div style='line-height:2'>{prefix}{chips}</div>", unsafe_allow_html=True)


def sentence_in_context(context: list[tuple[str, bool]], *, caption: str = "") -> None:
    """A sentence highlighted among its neighbours."""
    if not context:
        st.info("The sentence is not in the loaded tables.")
        return
    parts = [
        f"<mark style='background: rgba(230,159,0,0.30); color: inherit; padding: 1px 3px'>{_html_line(text)}</mark>"
        if target
        else f"<span style='opacity:0.7'>{_html_line(text)}</span>"
        for text, target in context
    ]
    with st.container(border=True):
        if caption:
            st.caption(caption)
        # One <div> block with no blank line in it: Markdown leaves an HTML block's content alone, so
        # the escaped sentences cannot turn into links, images or formatting.
        st.markdown("<div class='sr-context'>" + " ".join(parts) + "</div>", unsafe_allow_html=True)


def _html_line(text: str) -> str:
    """Text as HTML on one line (a blank line would end the HTML block and start Markdown)."""
    return html.escape(" ".join(text.split()))


def claims_display(claims: pd.DataFrame) -> pd.DataFrame:
    """The claims as the table shows them: denials and hedges marked by a symbol and a word
    (readable without colour), blanks for missing text."""
    table = claims.assign(
        stance_shown=claims["stance"].map(STANCE_BADGES).fillna(claims["stance"]),
        hedged_shown=claims["hedged"].map({True: "〰️ yes", False: ""}).fillna(""),
    )
    text = ["claim", "cue", "via", "source_type", "source_side"]
    table[text] = table[text].fillna("")
    return table[[*CLAIM_COLUMNS, "document"]]


CASUALTY_COLUMNS = ["figure", "qualifier", "population", "outcome", "scope", "source", "perpetrator", "location",
                    "published", "document"]  # fmt: skip


def casualties_display(figures: pd.DataFrame) -> pd.DataFrame:
    """The casualty figures as the table shows them: blanks for a missing perpetrator or place."""
    table = figures[CASUALTY_COLUMNS].copy()
    table[["perpetrator", "location"]] = table[["perpetrator", "location"]].fillna("")
    return table
