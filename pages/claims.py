"""Claims by source: who said what, with denials and hedged claims marked, per-source counts,
and the sentence of a selected claim in its context."""

import streamlit as st

from lib import charts, queries
from lib.ui.escape import markdown_text as md
from lib.ui.frame import current_view
from lib.ui.widgets import (
    STANCE_BADGES,
    chart,
    claims_display,
    page_header,
    paged,
    sentence_in_context,
    table_download,
)

view = current_view()
page_header(
    "Claims by source",
    view,
    intro="Every attributed statement: who made it, how (the cue), whether it asserts, denies or declines "
    "to comment, and whether it is hedged. Select a row to read the sentence in context.",
)

search = st.text_input("Search the claims", key="claims_search", placeholder="a word, a source, a place…")
data = view.data("claims", search=search)
claims = data.claims
metrics = st.columns(4)
metrics[0].metric("Claims", f"{len(claims):,}")
metrics[1].metric("Denials", f"{data.denials:,}")
metrics[2].metric("Declined to comment", f"{data.refusals:,}")
metrics[3].metric("Hedged", f"{data.hedged:,}")

shown = paged(claims, key="claims_page", noun="claims", order="newest first")
selection = st.dataframe(
    claims_display(shown),
    hide_index=True,
    width="stretch",
    key="claims_table",
    on_select="rerun",
    selection_mode="single-row",
    column_config={
        "source": st.column_config.TextColumn("Source", width="medium"),
        "source_type": "Type",
        "source_side": "Side",
        "cue": "Cue",
        "stance_shown": st.column_config.TextColumn("Stance", help="asserts, denies or declines to comment"),
        "hedged_shown": st.column_config.TextColumn("Hedged", width="small", help="“probably”, “may”, “reportedly”…"),
        "via": "Via",
        "claim": st.column_config.TextColumn("Claim", width="large"),
        "date": st.column_config.DateColumn("Published", format="YYYY-MM-DD"),
        "document": st.column_config.TextColumn("Document", width="medium"),
    },
)
table_download(claims.drop(columns=["published"]), name="sitrep-claims", key="claims_csv")

rows = selection.selection.rows if selection is not None else []
if rows and rows[0] < len(shown):
    row = shown.iloc[rows[0]]
    stance = STANCE_BADGES.get(row["stance"], row["stance"])
    st.markdown(f"**{md(row['source'])}** · {md(stance)} · cue “{md(row['cue'])}”")
    sentence_in_context(queries.sentence_context(view.tables, row["sentence_id"]), caption=f"📄 {md(row['document'])}")
elif not claims.empty:
    st.caption("Select a row to read its sentence in context.")

st.subheader("Claims per source")
counts = data.by_source
chart(charts.claims_by_source_figure(counts, theme=view.theme), name="sitrep-claims-by-source", key="claims_sources")
with st.expander(f"Counts per source ({len(counts):,})"):
    st.dataframe(paged(counts, key="claims_sources_page", noun="sources", order="most claims first"),
                 hide_index=True, width="stretch")  # fmt: skip
    table_download(counts, name="sitrep-claims-by-source", key="claims_counts_csv")
