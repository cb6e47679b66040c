"""Border geometry: the map's GeoJSON layers and distances to the Belarus–Ukraine border."""

from __future__ import annotations

import pytest

from lib.geo import (
    BORDER_PATH,
    COUNTRIES_PATH,
    border_distance_km,
    border_segments,
    closest_point_on_segment,
    load_border_geojson,
    load_countries_geojson,
)


def test_geojson_files_are_small_and_attributed():
    assert COUNTRIES_PATH.stat().st_size + BORDER_PATH.stat().st_size < 300_000
    assert "Natural Earth" in load_countries_geojson()["properties"]["attribution"]
    assert "Natural Earth" in load_border_geojson()["properties"]["attribution"]


def test_countries_cover_the_map_region():
    codes = {f["properties"]["iso_a2"] for f in load_countries_geojson()["features"]}
    assert {"UA", "BY", "RU", "PL", "MD", "LT", "LV", "RO", "SK", "HU"} <= codes
    assert "US" not in codes


def test_border_is_one_line_between_the_bug_and_the_russian_tripoint():
    coordinates = load_border_geojson()["features"][0]["geometry"]["coordinates"]
    lons = [lon for lon, _ in coordinates]
    lats = [lat for _, lat in coordinates]
    assert min(lons) == pytest.approx(23.5, abs=0.3) and max(lons) == pytest.approx(31.8, abs=0.3)
    assert min(lats) > 51.0 and max(lats) < 52.5
    assert all(len(str(v).split(".")[-1]) <= 4 for point in coordinates for v in point)


@pytest.mark.parametrize(
    ("name", "lat", "lon", "low", "high"),
    [
        ("Mazyr", 52.0495, 29.2456, 20, 70),
        ("Chernihiv", 51.5055, 31.2849, 20, 70),
        ("Kyiv", 50.4547, 30.5238, 70, 120),
        ("Minsk", 53.9, 27.5667, 200, 290),
        ("Lviv", 49.8383, 24.0232, 150, 250),
        ("Moscow", 55.752, 37.6178, 450, 650),
        ("a border vertex", 51.4277, 28.6176, 0, 1),
    ],
)
def test_border_distance_is_plausible(name, lat, lon, low, high):
    assert low <= border_distance_km(lat, lon) <= high, name


@pytest.mark.parametrize(
    ("point", "segment", "expected"),
    [
        ((0.5, 1.0), ((0.0, 0.0), (0.0, 2.0)), (0.0, 1.0)),  # projects onto the middle
        ((0.5, -1.0), ((0.0, 0.0), (0.0, 2.0)), (0.0, 0.0)),  # clamps to the first end
        ((0.0, 5.0), ((0.0, 0.0), (0.0, 2.0)), (0.0, 2.0)),  # clamps to the last end
    ],
)
def test_closest_point_on_segment(point, segment, expected):
    assert closest_point_on_segment(*point, segment) == pytest.approx(expected)


def test_loaders_and_segments_are_cached():
    assert load_countries_geojson() is load_countries_geojson()
    assert border_segments() is border_segments()
