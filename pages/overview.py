"""Overview: the headline counts, the latest developments and the newest documents."""

import streamlit as st

from lib.ui.escape import markdown_text as md
from lib.ui.frame import current_view
from lib.ui.widgets import page_header


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


view = current_view()
page_header(
    "Situation overview",
    view,
    intro="Events, casualty figures, places and claims extracted from the news, each tied to its source and sentence.",
)

data = view.data("overview")
for column, (name, value) in zip(st.columns(len(data.counts)), data.counts.items(), strict=True):
    column.metric(name.capitalize(), f"{value:,}", help=f"{data.totals[name]:,} in all documents")

left, right = st.columns([3, 2], gap="large")
with left:
    st.subheader("Latest developments")
    events = data.events
    if events.empty:
        st.info("No events match the filters." if view.filters.active else "No events have been extracted yet.")
        claims = data.claims
        if not claims.empty:
            st.markdown("**Latest claims**")
            for row in claims.itertuples(index=False):
                st.markdown(
                    f"- **{md(row.source)}** {md(row.cue)}: {md(row.claim or row.sentence)} — *{md(row.document)}*"
                )
    for row in events.itertuples(index=False):
        with st.container(border=True):
            st.markdown(f"**{md(row.date or 'date unknown')}** · {md(row.event_type)} · *{md(row.sub_event_type)}*")
            actors = " vs ".join(a for a in (row.actor1, row.actor2) if isinstance(a, str) and a)
            located = isinstance(row.location, str) and row.location and row.location not in str(row.summary)
            where = f" in **{md(row.location)}**" if located else ""
            st.markdown(f"{md(row.summary)}{where}" + (f" — {md(actors)}" if actors else ""))
            st.caption(f"📄 {md(row.document)}")
with right:
    st.subheader("Newest documents")
    documents = data.documents
    if documents.empty:
        st.info("No documents match the filters.")
    for row in documents.itertuples(index=False):
        published = (
            f"{row.published:%Y-%m-%d}" if row.published is not None and str(row.published) != "NaT" else "undated"
        )
        with st.container(border=True):
            st.markdown(f"**{md(row.title or row.doc_id)}**")
            st.caption(
                f"{md(row.outlet or 'unknown outlet')} · {published} · "
                + " · ".join(
                    plural(n, word)
                    for n, word in (
                        (row.events, "event"),
                        (row.casualties, "figure"),
                        (row.claims, "claim"),
                        (row.locations, "place mention"),
                    )
                )
            )
