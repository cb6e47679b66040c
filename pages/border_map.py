"""Border map: places on the Belarus–Ukraine border map, sized by mentions or casualty figures."""

import streamlit as st

from lib import maps, queries
from lib.palette import border_color
from lib.ui.frame import current_view
from lib.ui.widgets import legend, page_header, table_download

view = current_view()
page_header(
    "Border map",
    view,
    intro="Places the documents mention, with Belarus and Ukraine shaded and their border drawn bold. "
    "Hover a circle for its name, precision and sentences.",
)

controls = st.columns([1, 1, 2])
color_by = controls[0].radio(
    "Colour by", ["side", "event_type"], key="map_color",
    format_func={"side": "Side", "event_type": "Event type"}.get, horizontal=True,
)  # fmt: skip
size_by = controls[1].radio(
    "Size by", ["mentions", "casualties"], key="map_size",
    format_func={"mentions": "Mentions", "casualties": "Casualty figures"}.get, horizontal=True,
)  # fmt: skip
farthest = queries.border_distance_max(view.filtered)
limit = None
if farthest > 0:
    top = int(farthest) + 1
    km = controls[2].slider(
        "Distance to the BY–UA border (km)", 0, top, top, step=max(1, top // 100), key="map_km",
        help="Show only places at most this far from the Belarus–Ukraine border.",
    )  # fmt: skip
    limit = None if km >= top else float(km)

points = view.data("border_map", color_by=color_by, max_border_km=limit).points
countries, border = maps.load_geo()
deck = maps.border_map_deck(
    points, countries=countries, border=border, color_by=color_by, size_by=size_by, theme=view.theme
)
st.pydeck_chart(deck, height=600, key="border_map")
legend(
    [*maps.legend_items(points, color_by=color_by), ("Belarus–Ukraine border", border_color(view.theme))],
    title="Side" if color_by == "side" else "Event type",
)
if countries is None or border is None:
    st.warning("Country outlines or the border line are not built yet (run `make data`); places are still shown.")
st.caption(maps.ATTRIBUTION)
if points.empty:
    st.info("No located places match the filters.")

left, middle, _ = st.columns([1, 1, 4])
events = view.filtered["events"]
left.download_button(
    "⬇️ GeoJSON", data=lambda: maps.geojson_bytes(maps.map_geojson(points, events)),
    file_name="sitrep-map.geojson", mime="application/geo+json", key="map_geojson", on_click="ignore",
    width="stretch", help="The places on the map and the located events, as GeoJSON.",
)  # fmt: skip
middle.download_button(
    "⬇️ HTML", data=lambda: maps.deck_html(deck, theme=view.theme), file_name="sitrep-map.html",
    mime="text/html", key="map_html", on_click="ignore", width="stretch",
    help="The map as a standalone page that works offline.",
)  # fmt: skip

with st.expander(f"Places on the map ({len(points):,})"):
    shown = points.drop(columns=["sentences"])
    st.dataframe(shown, hide_index=True, width="stretch")
    table_download(shown, name="sitrep-places", key="places_csv")
