"""Border geometry: distance from a point to the Belarus–Ukraine border, and the map's GeoJSON layers.

The GeoJSON files are built by ``scripts/build_geodata.py`` from Natural Earth (public domain).
"""

from __future__ import annotations

import itertools
import json
import math
from functools import cache, lru_cache
from pathlib import Path

GEO_DIR = Path(__file__).resolve().parent.parent / "data" / "geo"
COUNTRIES_PATH = GEO_DIR / "countries.geojson"
BORDER_PATH = GEO_DIR / "border_by_ua.geojson"

Segment = tuple[tuple[float, float], tuple[float, float]]  # ((lat, lon), (lat, lon))

# The mean earth radius geopy's great_circle uses; the formula below is its own, step for step,
# so the distances are the same floats without building geopy objects per segment.
EARTH_RADIUS_KM = 6371.009


@cache
def load_countries_geojson() -> dict:
    """The countries of the map region as a GeoJSON FeatureCollection (shared: do not mutate)."""
    return json.loads(COUNTRIES_PATH.read_text(encoding="utf-8"))


@cache
def load_border_geojson() -> dict:
    """The Belarus–Ukraine border as a GeoJSON FeatureCollection of one LineString (shared: do not mutate)."""
    return json.loads(BORDER_PATH.read_text(encoding="utf-8"))


@cache
def border_segments() -> tuple[Segment, ...]:
    """The border polyline's segments as ((lat, lon), (lat, lon)) pairs."""
    segments: list[Segment] = []
    for feature in load_border_geojson()["features"]:
        points = [(lat, lon) for lon, lat in feature["geometry"]["coordinates"]]
        segments.extend(itertools.pairwise(points))
    return tuple(segments)


def closest_point_on_segment(lat: float, lon: float, segment: Segment) -> tuple[float, float]:
    """The point of a segment nearest to (lat, lon), found in a local equirectangular projection
    centred on the point (exact enough for segments of tens of kilometres)."""
    (lat1, lon1), (lat2, lon2) = segment
    scale = math.cos(math.radians(lat))
    ax, ay = (lon1 - lon) * scale, lat1 - lat
    bx, by = (lon2 - lon) * scale, lat2 - lat
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, -(ax * dx + ay * dy) / length2))
    return lat1 + t * (lat2 - lat1), lon1 + t * (lon2 - lon1)


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km between two points (geopy's ``great_circle`` formula)."""
    return _great_circle_km(math.sin(math.radians(lat1)), math.cos(math.radians(lat1)), math.radians(lon1), lat2, lon2)


def _great_circle_km(sin_lat1: float, cos_lat1: float, lng1: float, lat2: float, lon2: float) -> float:
    """``great_circle_km`` with the first point's sine, cosine and longitude (radians) given."""
    lat2 = math.radians(lat2)
    sin_lat2, cos_lat2 = math.sin(lat2), math.cos(lat2)
    delta_lng = math.radians(lon2) - lng1
    cos_delta_lng, sin_delta_lng = math.cos(delta_lng), math.sin(delta_lng)
    d = math.atan2(
        math.sqrt((cos_lat2 * sin_delta_lng) ** 2 + (cos_lat1 * sin_lat2 - sin_lat1 * cos_lat2 * cos_delta_lng) ** 2),
        sin_lat1 * sin_lat2 + cos_lat1 * cos_lat2 * cos_delta_lng,
    )
    return EARTH_RADIUS_KM * d


@lru_cache(maxsize=65_536)
def border_distance_km(lat: float, lon: float) -> float:
    """Great-circle distance in km from a point to the Belarus–Ukraine border polyline (cached per point)."""
    lat_radians = math.radians(lat)
    sin_lat, cos_lat, lng = math.sin(lat_radians), math.cos(lat_radians), math.radians(lon)
    best = math.inf
    for segment in border_segments():
        best = min(best, _great_circle_km(sin_lat, cos_lat, lng, *closest_point_on_segment(lat, lon, segment)))
    return round(best, 1)
