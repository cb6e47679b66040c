"""Timeline: events on the calendar by type or actor, and casualty figures over time by source."""

import streamlit as st

from lib import charts, downloads, queries
from lib.ui.frame import current_view
from lib.ui.widgets import chart, page_header, paged, table_download

view = current_view()
page_header(
    "Timeline",
    view,
    intro="Diamonds are events dated to a day; bars cover the whole week, month, year or range a date "
    "stands for (“in March” is all of March, never a made-up day). Hover for the sentence and document.",
)

group_by = st.segmented_control(
    "Rows", ["event_type", "actor"], default="event_type", key="timeline_rows",
    format_func={"event_type": "By event type", "actor": "By actor"}.get,
) or "event_type"  # fmt: skip
data = view.data("timeline", group_by=group_by)
chart(charts.timeline_figure(data.marks, theme=view.theme), name=f"sitrep-timeline-{group_by}", key="timeline")
note = queries.timeline_note(data)
if note:
    st.caption(note)
if data.undated:
    st.caption(f"{data.undated:,} event(s) with no resolvable date are not on the calendar (they are in the CSV).")

events = data.events
columns = [
    "date",
    "date_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "location",
    "summary",
    "document",
]
with st.expander(f"Events table ({len(events):,})", expanded=False):
    shown = paged(events, key="events_page", noun="events", order="newest first")
    st.dataframe(shown[columns], hide_index=True, width="stretch")
left, right, _ = st.columns([1, 1, 4])
table_download(events, name="sitrep-events", key="events_csv", column=left)
left.caption("the filtered events")
right.download_button(
    "⬇️ ACLED-style CSV",
    data=lambda: downloads.acled_csv(view.filtered["events"], view.tables),
    file_name="sitrep-events-acled.csv",
    mime="text/csv",
    key="events_acled",
    on_click="ignore",
    width="stretch",
    help="The filtered events with ACLED's column names, to merge with ACLED exports.",
)
right.caption("ACLED column names")

st.subheader("Casualty figures over time")
st.markdown(
    "Each figure at the date it was reported, coloured by source: ▲ a lower bound (“at least”), "
    "▼ an upper bound (“up to”), ● an exact figure, ○ an approximate one; whiskers reach the high end of a range."
)
chart(charts.casualties_figure(data.casualties.marks, theme=view.theme), name="sitrep-casualty-figures",
      key="casualty_time")  # fmt: skip
if queries.casualty_note(data.casualties):
    st.caption(queries.casualty_note(data.casualties))
