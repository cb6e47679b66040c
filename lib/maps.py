"""The Belarus–Ukraine border map: a pydeck deck with no basemap (country outlines, the
border line, places sized by mentions or casualty figures), its legend, and its exports as
GeoJSON and as a standalone HTML page that works offline."""

from __future__ import annotations

import html
import json
import math
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import pandas as pd
import pydeck as pdk

from lib.palette import UNKNOWN_COLOR, border_color, color_for, hex_to_rgb, surface

ATTRIBUTION = "Country outlines and border: Natural Earth (public domain). Places: GeoNames (CC BY 4.0)."
# West, south, east, north: the part of Europe the map is about; outlines beyond it are dropped.
REGION_BBOX = (12.0, 40.0, 50.0, 62.0)
FOCUS_COUNTRIES = {"BY", "UA"}
VIEW = {"latitude": 50.6, "longitude": 29.5, "zoom": 4.6}
_CODE_KEYS = ("iso_a2", "ISO_A2", "ISO_A2_EH", "iso2", "country_code", "code", "iso")
_NAME_KEYS = ("name", "NAME", "name_en", "NAME_EN", "admin", "ADMIN")
# Circle radii: the smallest place MIN_RADIUS_M, the largest MIN + RADIUS_SPAN_M, by area in
# between (the square root of the value over the largest value), so a corpus of thousands of
# mentions draws circles of the same sizes as a handful of documents.
MIN_RADIUS_M, RADIUS_SPAN_M = 9_000.0, 45_000.0


# --- geometry ---------------------------------------------------------------------------


def _walk_points(coordinates: object) -> Iterable[tuple[float, float]]:
    if isinstance(coordinates, (list, tuple)) and coordinates and isinstance(coordinates[0], (int, float)):
        yield float(coordinates[0]), float(coordinates[1])
    elif isinstance(coordinates, (list, tuple)):
        for part in coordinates:
            yield from _walk_points(part)


def _bbox(geometry: dict) -> tuple[float, float, float, float] | None:
    points = list(_walk_points(geometry.get("coordinates", [])))
    if not points:
        return None
    xs, ys = zip(*points, strict=True)
    return min(xs), min(ys), max(xs), max(ys)


def _overlaps(extent: tuple[float, float, float, float] | None, bbox: tuple[float, float, float, float]) -> bool:
    if extent is None:
        return False
    west, south, east, north = bbox
    return not (extent[0] > east or extent[2] < west or extent[1] > north or extent[3] < south)


def _round(coordinates: object, digits: int) -> object:
    if isinstance(coordinates, (list, tuple)) and coordinates and isinstance(coordinates[0], (int, float)):
        return [round(float(coordinates[0]), digits), round(float(coordinates[1]), digits)]
    if isinstance(coordinates, (list, tuple)):
        rounded = [_round(part, digits) for part in coordinates]
        if rounded and isinstance(rounded[0], list) and rounded[0] and isinstance(rounded[0][0], float):
            # drop points that rounding made equal to the one before
            rounded = [p for i, p in enumerate(rounded) if i == 0 or p != rounded[i - 1]]
        return rounded
    return coordinates


def feature_code(feature: dict) -> str:
    """A country feature's ISO alpha-2 code, whatever the file calls that property."""
    properties = feature.get("properties") or {}
    for key in _CODE_KEYS:
        value = properties.get(key)
        if isinstance(value, str) and len(value) == 2:
            return value.upper()
    return ""


def feature_name(feature: dict) -> str:
    properties = feature.get("properties") or {}
    return next((str(properties[k]) for k in _NAME_KEYS if properties.get(k)), "")


def compact_geojson(
    geojson: dict | None, *, bbox: tuple[float, float, float, float] = REGION_BBOX, digits: int = 3
) -> dict | None:
    """A smaller copy for the browser: only features whose extent meets ``bbox``,
    coordinates rounded to ``digits`` decimals (~100 m at 3), repeated points dropped."""
    if not geojson:
        return None
    features = []
    for feature in geojson.get("features", []):
        geometry = feature.get("geometry") or {}
        extent = _bbox(geometry)
        if not _overlaps(extent, bbox):
            continue
        coordinates = geometry["coordinates"]
        if geometry["type"] == "MultiPolygon":  # keep only the parts inside the region (not Kamchatka)
            coordinates = [part for part in coordinates if _overlaps(_bbox({"coordinates": part}), bbox)]
        features.append(
            {
                "type": "Feature",
                "properties": {"name": feature_name(feature), "code": feature_code(feature)},
                "geometry": {"type": geometry["type"], "coordinates": _round(coordinates, digits)},
            }
        )
    return {"type": "FeatureCollection", "features": features}


@cache
def load_geo() -> tuple[dict | None, dict | None]:
    """(countries, border) GeoJSON, compacted for the map; ``None`` for a file not built yet."""
    try:
        from lib import geo
    except ImportError:
        return None, None
    out = []
    for loader in ("load_countries_geojson", "load_border_geojson"):
        try:
            out.append(compact_geojson(getattr(geo, loader)()))
        except (AttributeError, OSError, ValueError, KeyError):
            out.append(None)
    return out[0], out[1]


# --- the deck ---------------------------------------------------------------------------


def _rgba(color: str, alpha: int = 255) -> list[int]:
    return [*hex_to_rgb(color), alpha]


def point_layer_data(points: pd.DataFrame, *, color_by: str, size_by: str) -> list[dict]:
    """The places as plain records for the deck: colour, radius in metres, tooltip text."""
    if size_by not in ("mentions", "casualties"):
        raise ValueError(f"size_by must be 'mentions' or 'casualties', not {size_by!r}")
    palette = "side" if color_by == "side" else "event_type"
    largest = max(1.0, float(points[size_by].max())) if len(points) else 1.0
    records = []
    for row in points.itertuples(index=False):
        value = float(getattr(row, size_by) or 0)
        distance = row.border_distance_km
        # Plain text: the app's tooltip escapes values itself (the HTML export escapes them below).
        sentences = "\n".join(f"“{s}”" for s in row.sentences)
        records.append(
            {
                "name": row.name,
                "kind": row.kind,
                "country": row.country_code,
                "precision": row.precision,
                "position": [round(float(row.longitude), 4), round(float(row.latitude), 4)],
                "color": _rgba(color_for(row.category, palette=palette), 220),
                "radius": round(MIN_RADIUS_M + RADIUS_SPAN_M * math.sqrt(value / largest)),
                "mentions": int(row.mentions),
                "documents": int(row.documents),
                "casualties": int(row.casualties),
                "category": row.category or "—",
                "distance": "—" if distance is None or pd.isna(distance) else f"{float(distance):,.0f} km",
                "sentences": sentences,
            }
        )
    return records


TOOLTIP_HTML = (
    "<div style='max-width:360px;white-space:normal'>"
    "<b style='font-size:14px'>{name}</b> <span style='opacity:.75'>· {kind} · {country}</span><br/>"
    "<span style='opacity:.8'>Precision: {precision}</span><br/>"
    "Mentions: <b>{mentions}</b> in {documents} document(s) · casualty figures: <b>{casualties}</b><br/>"
    "Colour: {category} · from the BY–UA border: {distance}"
    "<div style='margin-top:6px;font-style:italic;font-size:12px;white-space:pre-line'>{sentences}</div></div>"
)


class CompactDeck(pdk.Deck):
    """A deck whose JSON has no indentation (pydeck pretty-prints; geometry then costs ~5x)."""

    def to_json(self) -> str:
        return json.dumps(json.loads(super().to_json()), separators=(",", ":"), ensure_ascii=False)


def border_map_deck(
    points: pd.DataFrame,
    *,
    countries: dict | None = None,
    border: dict | None = None,
    color_by: str = "side",
    size_by: str = "mentions",
    theme: str = "light",
) -> CompactDeck:
    """The border map: country outlines (Belarus and Ukraine shaded), the Belarus–Ukraine
    border as a bold line, places as circles sized by ``size_by`` (mentions or casualty
    figures) and coloured by ``color_by`` (side or event type), named in their tooltips. No basemap
    (``map_provider=None``): nothing is fetched from the network."""
    s = surface(theme)
    layers = []
    if countries:
        countries = {
            "type": "FeatureCollection",
            "features": [
                {
                    **feature,
                    "properties": {
                        **feature["properties"],
                        "fill": _rgba(s.land_focus if feature["properties"].get("code") in FOCUS_COUNTRIES else s.land),
                    },
                }
                for feature in countries["features"]
            ],
        }
        layers.append(
            pdk.Layer(
                "GeoJsonLayer",
                data=countries,
                id="countries",
                stroked=True,
                filled=True,
                get_fill_color="properties.fill",
                get_line_color=_rgba(s.land_line),
                line_width_min_pixels=1,
                pickable=False,
            )
        )
    if border:
        layers.append(
            pdk.Layer(
                "GeoJsonLayer",
                data=border,
                id="border",
                stroked=True,
                filled=False,
                get_line_color=_rgba(border_color(theme)),
                line_width_min_pixels=4,
                pickable=False,
            )
        )
    data = point_layer_data(points, color_by=color_by, size_by=size_by)
    layers.append(
        pdk.Layer(
            "ScatterplotLayer",
            data=data,
            id="places",
            get_position="position",
            get_fill_color="color",
            get_radius="radius",
            radius_min_pixels=5,
            radius_max_pixels=48,
            stroked=True,
            get_line_color=_rgba(s.background),
            line_width_min_pixels=1,
            pickable=True,
            auto_highlight=True,
        )
    )
    return CompactDeck(
        layers=layers,
        initial_view_state=pdk.ViewState(**VIEW),
        # No basemap. Leave map_style unset: map_style=None makes Streamlit fetch a web basemap.
        map_provider=None,
        tooltip={
            "html": TOOLTIP_HTML,
            "style": {
                "backgroundColor": s.background,
                "color": s.text,
                "border": f"1px solid {s.land_line}",
                "fontSize": "13px",
            },
        },
    )


def legend_items(points: pd.DataFrame, *, color_by: str) -> list[tuple[str, str]]:
    """(label, hex colour) for every category the points use, in palette order."""
    palette = "side" if color_by == "side" else "event_type"
    used = set(points["category"]) if not points.empty else set()
    from lib.palette import PALETTES

    items = [(name, color) for name, color in PALETTES[palette].items() if name in used]
    if "" in used:
        items.append(("none found", UNKNOWN_COLOR))
    return items


# --- exports ----------------------------------------------------------------------------


def _plain(value: object) -> object:
    """A JSON-safe value: missing values (NaN, NA, NaT) become null."""
    if isinstance(value, (list, dict, str)) or value is None:
        return value
    if pd.isna(value):
        return None
    return value.item() if hasattr(value, "item") else value


def map_geojson(points: pd.DataFrame, events: pd.DataFrame | None = None) -> dict:
    """The places on the map (and located events, if given) as a GeoJSON FeatureCollection."""
    features = []
    for row in points.itertuples(index=False):
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [float(row.longitude), float(row.latitude)]},
                "properties": {
                    "feature": "place",
                    "name": row.name,
                    "kind": row.kind,
                    "country_code": row.country_code,
                    "precision": row.precision,
                    "mentions": int(row.mentions),
                    "documents": int(row.documents),
                    "casualties": int(row.casualties),
                    "category": row.category,
                    "border_distance_km": None if pd.isna(row.border_distance_km) else float(row.border_distance_km),
                    "sentences": list(row.sentences),
                },
            }
        )
    if events is not None:
        located = events[events["latitude"].notna() & events["longitude"].notna()]
        for row in located.itertuples(index=False):
            features.append(
                {
                    "type": "Feature",
                    "geometry": {"type": "Point", "coordinates": [float(row.longitude), float(row.latitude)]},
                    "properties": {
                        "feature": "event",
                        "event_id": row.event_id,
                        "event_type": row.event_type,
                        "sub_event_type": row.sub_event_type,
                        "actor1": row.actor1,
                        "actor2": row.actor2,
                        "location": row.location,
                        "date_start": None if pd.isna(row.date_start) else f"{row.date_start:%Y-%m-%d}",
                        "date_end": None if pd.isna(row.date_end) else f"{row.date_end:%Y-%m-%d}",
                        "date_precision": row.date_precision,
                        "summary": row.summary,
                        "doc_id": row.doc_id,
                        "sentence_id": row.sentence_id,
                    },
                }
            )
    for feature in features:
        feature["properties"] = {key: _plain(value) for key, value in feature["properties"].items()}
    return {"type": "FeatureCollection", "features": features}


def geojson_bytes(geojson: dict) -> bytes:
    return json.dumps(geojson, ensure_ascii=False, indent=1, allow_nan=False).encode("utf-8")


@cache
def _deck_bundle() -> str:
    """The deck.gl bundle pydeck ships (for notebooks), read once; inlined into exports."""
    bundle = Path(pdk.__file__).resolve().parent / "nbextension" / "static" / "index.js"
    return bundle.read_text(encoding="utf-8")


_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"/><title>{title}</title>
<style>html,body{{margin:0;height:100%;background:{background};color:{text};font-family:Helvetica,Arial,sans-serif}}
#deck{{position:absolute;inset:0}}#note{{position:absolute;left:8px;bottom:6px;font-size:12px;opacity:.8;z-index:5}}</style>
<script>{bundle}</script></head>
<body><div id="deck"></div><div id="note">{note}</div>
<script>
createDeck({{container: document.getElementById('deck'), jsonInput: {deck_json}, tooltip: {tooltip}}});
</script></body></html>"""


def _offline_json(deck: pdk.Deck) -> dict:
    """The deck's JSON without any basemap setting, so the page loads no map style, and with
    the places' text HTML-escaped (pydeck's page puts tooltip values in as HTML)."""
    spec = json.loads(deck.to_json())
    for key in ("mapStyle", "mapProvider", "mapboxKey", "googleMapsKey"):
        spec.pop(key, None)
    for layer in spec.get("layers", []):
        if layer.get("id") == "places" and isinstance(layer.get("data"), list):
            layer["data"] = [
                {k: html.escape(v) if isinstance(v, str) else v for k, v in record.items()} for record in layer["data"]
            ]
    return spec


def deck_html(deck: pdk.Deck, *, title: str = "sitrep border map", theme: str = "light") -> bytes:
    """A standalone HTML page with the map, deck.gl inlined: it opens offline and fetches nothing."""
    s = surface(theme)
    page = _PAGE.format(
        title=html.escape(title),
        background=s.background,
        text=s.text,
        bundle=_deck_bundle().replace("</script>", "<\\/script>"),
        note=html.escape(ATTRIBUTION),
        deck_json=json.dumps(_offline_json(deck)).replace("</", "<\\/"),
        tooltip=json.dumps(deck._tooltip).replace("</", "<\\/"),
    )
    return page.encode("utf-8")
