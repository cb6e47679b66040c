"""Casualties: the casualty figures with qualifier, population, outcome, scope and source."""

import streamlit as st

from lib import charts, queries
from lib.ui.escape import markdown_text as md
from lib.ui.frame import current_view
from lib.ui.widgets import casualties_display, chart, page_header, paged, sentence_in_context, table_download

view = current_view()
page_header(
    "Casualty figures",
    view,
    intro="Every figure as reported, with its hedge (“at least”, “about”), who it counts (civilians, military), "
    "what happened to them, whether it is one incident or a running total, and who said so.",
)

data = view.data("casualties")
figures = data.figures
page = paged(figures, key="casualties_page", noun="casualty figures", order="newest report first")
selection = st.dataframe(
    casualties_display(page),
    hide_index=True,
    width="stretch",
    key="casualties_table",
    on_select="rerun",
    selection_mode="single-row",
    column_config={
        "figure": st.column_config.TextColumn("Figure", help="The count with its hedge; a range reads low–high."),
        "qualifier": "Hedge",
        "population": "Who",
        "outcome": "Outcome",
        "scope": st.column_config.TextColumn("Scope", help="one incident, or a running total"),
        "source": "Source",
        "perpetrator": "Perpetrator",
        "location": "Where",
        "published": st.column_config.DateColumn("Published", format="YYYY-MM-DD"),
        "document": st.column_config.TextColumn("Document", width="medium"),
    },
)
table_download(figures.drop(columns=["count_top"]), name="sitrep-casualties", key="casualties_csv")
rows = selection.selection.rows if selection is not None else []
if rows and rows[0] < len(page):
    row = page.iloc[rows[0]]
    sentence_in_context(
        queries.sentence_context(view.tables, row["sentence_id"]),
        caption=f"“{md(row['mention'])}” · {md(row['source'])} · 📄 {md(row['document'])}",
    )
elif figures.empty:
    st.info("No casualty figures match the filters.")

st.subheader("Figures over time")
chart(charts.casualties_figure(data.series.marks, theme=view.theme),
      name="sitrep-casualty-figures", key="casualties_time")  # fmt: skip
if queries.casualty_note(data.series):
    st.caption(queries.casualty_note(data.series))
