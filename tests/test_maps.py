"""The border map: no basemap, small geometry, places as sized and coloured points, exports."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from lib import maps, queries
from lib.palette import SIDE_COLORS, hex_to_rgb
from tests.fixtures import fixture_tables


@pytest.fixture(scope="module")
def points() -> pd.DataFrame:
    return queries.place_points(fixture_tables())


def square(x: float, y: float, size: float = 1.0) -> list:
    return [[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]]


COUNTRIES = {
    "type": "FeatureCollection",
    "features": [
        {"type": "Feature", "properties": {"NAME": "Inland", "ISO_A2": "BY"},
         "geometry": {"type": "Polygon", "coordinates": square(27.123456, 53.987654)}},
        {"type": "Feature", "properties": {"name": "Faraway", "iso_a2": "ZZ"},
         "geometry": {"type": "Polygon", "coordinates": square(-100, 10)}},
        {"type": "Feature", "properties": {"name": "Split", "iso_a2": "RU"},
         "geometry": {"type": "MultiPolygon", "coordinates": [square(35, 55), square(160, 60)]}},
    ],
}  # fmt: skip


def test_compact_geojson_keeps_the_region_and_rounds_coordinates():
    compact = maps.compact_geojson(COUNTRIES)
    names = [f["properties"]["name"] for f in compact["features"]]
    assert names == ["Inland", "Split"]  # the feature outside the region is dropped
    assert compact["features"][0]["properties"]["code"] == "BY"
    assert compact["features"][0]["geometry"]["coordinates"][0][0] == [27.123, 53.988]
    assert len(compact["features"][1]["geometry"]["coordinates"]) == 1  # the far-east part is dropped


@pytest.mark.parametrize("geojson", [None, {}, {"type": "FeatureCollection", "features": []}])
def test_compact_geojson_of_nothing(geojson):
    compacted = maps.compact_geojson(geojson)
    assert compacted is None or compacted["features"] == []


def test_the_deck_has_no_basemap_and_fetches_nothing(points):
    deck = maps.border_map_deck(points, countries=maps.compact_geojson(COUNTRIES), border=None)
    spec = json.loads(deck.to_json())
    assert "mapProvider" not in spec
    assert spec.get("mapStyle") not in (None, "") and "http" not in spec["mapStyle"]  # the no-basemap sentinel
    assert not re.search(r"https?://", deck.to_json())


def test_the_deck_shades_belarus_and_ukraine(points):
    deck = maps.border_map_deck(points, countries=maps.compact_geojson(COUNTRIES), border=None, theme="dark")
    countries = next(layer for layer in json.loads(deck.to_json())["layers"] if layer["id"] == "countries")
    fills = {f["properties"]["name"]: f["properties"]["fill"] for f in countries["data"]["features"]}
    assert fills["Inland"] != fills["Split"]


def test_the_deck_draws_without_geometry(points):
    deck = maps.border_map_deck(points, countries=None, border=None)
    assert [layer["id"] for layer in json.loads(deck.to_json())["layers"]] == ["places"]


@pytest.mark.parametrize("size_by", ["mentions", "casualties"])
def test_points_are_sized_by_mentions_or_figures_and_coloured_by_category(points, size_by):
    records = {r["name"]: r for r in maps.point_layer_data(points, color_by="side", size_by=size_by)}
    assert records["Kharkiv"]["color"][:3] == list(hex_to_rgb(SIDE_COLORS["Ukraine"]))
    if size_by == "casualties":
        assert records["Kharkiv"]["radius"] > records["Brest"]["radius"]  # 3 killed vs none
    else:
        assert records["Kharkiv"]["radius"] == records["Brest"]["radius"]  # one mention each
    assert "shelled Kharkiv" in records["Kharkiv"]["sentences"]


def test_points_reject_an_unknown_size(points):
    with pytest.raises(ValueError):
        maps.point_layer_data(points, color_by="side", size_by="weight")


def test_tooltip_text_is_plain_in_the_app_and_escaped_in_the_html_export():
    frame = pd.DataFrame(
        [{"name": "X", "kind": "city", "country_code": "UA", "precision": "p", "latitude": 50.0, "longitude": 30.0,
          "mentions": 1, "documents": 1, "casualties": 0, "category": "", "border_distance_km": None,
          "sentences": ["<script>alert(1)</script>", "Second."]}]
    )  # fmt: skip
    (record,) = maps.point_layer_data(frame, color_by="side", size_by="mentions")
    assert record["sentences"] == "“<script>alert(1)</script>”\n“Second.”"  # Streamlit escapes tooltip values
    assert record["distance"] == "—"
    page = maps.deck_html(maps.border_map_deck(frame)).decode()
    assert "&lt;script&gt;alert(1)" in page and "<script>alert(1)" not in page


def test_legend_lists_the_categories_in_use(points):
    assert maps.legend_items(points, color_by="side") == [
        ("Ukraine", SIDE_COLORS["Ukraine"]),
        ("Belarus", SIDE_COLORS["Belarus"]),
        ("other", SIDE_COLORS["other"]),
    ]


def test_geojson_export_holds_places_and_located_events(points):
    tables = fixture_tables()
    collection = maps.map_geojson(points, tables["events"])
    kinds = [f["properties"]["feature"] for f in collection["features"]]
    assert kinds.count("place") == len(points) and kinds.count("event") == 4
    kharkiv = next(f for f in collection["features"] if f["properties"].get("name") == "Kharkiv")
    assert kharkiv["geometry"]["coordinates"] == [36.23, 49.99]
    assert json.loads(maps.geojson_bytes(collection)) == collection


def test_html_export_inlines_deck_gl_and_loads_nothing_from_the_web(points):
    page = maps.deck_html(maps.border_map_deck(points)).decode("utf-8")
    assert "createDeck(" in page
    assert not re.search(r"<(script|link)[^>]+(src|href)=", page)
    assert "mapStyle" not in page.split("createDeck(", 1)[1]
    assert "Natural Earth" in page


def test_the_map_payload_stays_small(points):
    countries, border = maps.load_geo()
    deck = maps.border_map_deck(points, countries=countries, border=border)
    assert len(deck.to_json()) < 80_000


@pytest.mark.parametrize("factor", [1, 1_000])
def test_circle_sizes_are_relative_to_the_largest_place(points, factor):
    many = points.assign(mentions=points["mentions"] * factor)
    records = maps.point_layer_data(many, color_by="side", size_by="mentions")
    radii = sorted(r["radius"] for r in records)
    assert radii[-1] == maps.MIN_RADIUS_M + maps.RADIUS_SPAN_M  # the same sizes for a corpus as for a few documents
    assert radii[0] >= maps.MIN_RADIUS_M
