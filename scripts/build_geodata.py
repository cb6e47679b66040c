"""Build the map's geodata (``data/geo/``) from the Natural Earth file that ships in a PyPI package.

Source: ``naturalearth_lowres`` (Natural Earth 1:110m admin-0 countries, public domain), shipped in
the ``geopandas==0.14.4`` wheel; read with ``pyshp`` straight from the wheel (no geopandas install).

Writes
- ``data/geo/countries.geojson``: the countries of the map region (lon 14..45, lat 43..60), with
  ISO alpha-2/alpha-3 codes and names, coordinates rounded to 4 decimals;
- ``data/geo/border_by_ua.geojson``: the Belarus–Ukraine border, the boundary the two country
  polygons share, as one LineString (west to east).

Run: ``.venv/bin/python scripts/build_geodata.py --wheel PATH/geopandas-0.14.4-py3-none-any.whl``
"""

from __future__ import annotations

import argparse
import io
import itertools
import json
import zipfile
from pathlib import Path

import pycountry
import shapefile

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "data" / "geo"
DEFAULT_WHEEL = Path(__file__).resolve().parent.parent / "build" / "geodata" / "geopandas-0.14.4-py3-none-any.whl"
SHAPEFILE = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres"
REGION_BBOX = (14.0, 43.0, 45.0, 60.0)  # min lon, min lat, max lon, max lat
DECIMALS = 4
ATTRIBUTION = (
    "Made with Natural Earth (naturalearthdata.com, public domain), 1:110m admin-0 countries "
    "as shipped in geopandas 0.14.4 (naturalearth_lowres)"
)
# Natural Earth's lowres file leaves some ISO codes as -99.
ISO3_FIXES = {"France": "FRA", "Norway": "NOR", "Kosovo": "XKX"}

Ring = list[tuple[float, float]]


def read_countries(wheel: Path) -> list[tuple[str, str, list[Ring]]]:
    """(name, ISO alpha-3, rings) for every country in the Natural Earth file inside the wheel."""
    with zipfile.ZipFile(wheel) as archive:
        parts = {ext: io.BytesIO(archive.read(f"{SHAPEFILE}.{ext}")) for ext in ("shp", "shx", "dbf")}
        encoding = archive.read(f"{SHAPEFILE}.cpg").decode().strip() or "latin-1"
    reader = shapefile.Reader(shp=parts["shp"], shx=parts["shx"], dbf=parts["dbf"], encoding=encoding)
    countries = []
    for shape_record in reader.iterShapeRecords():
        record, shape = shape_record.record, shape_record.shape
        name = record["name"]
        iso3 = ISO3_FIXES.get(name, record["iso_a3"])
        bounds = [*shape.parts, len(shape.points)]
        rings = [[(x, y) for x, y in shape.points[a:b]] for a, b in itertools.pairwise(bounds)]
        countries.append((name, iso3, rings))
    return countries


def in_region(rings: list[Ring], bbox: tuple[float, float, float, float] = REGION_BBOX) -> bool:
    min_lon, min_lat, max_lon, max_lat = bbox
    return any(min_lon <= x <= max_lon and min_lat <= y <= max_lat for ring in rings for x, y in ring)


def rounded(ring: Ring) -> list[list[float]]:
    """A ring with coordinates rounded and repeated points dropped."""
    out: list[list[float]] = []
    for x, y in ring:
        point = [round(x, DECIMALS), round(y, DECIMALS)]
        if not out or out[-1] != point:
            out.append(point)
    return out


def signed_area(ring: Ring) -> float:
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True)) / 2


def polygons_of(rings: list[Ring]) -> list[list[list[list[float]]]]:
    """Shapefile rings (clockwise outer rings, counter-clockwise holes) -> GeoJSON polygons
    (counter-clockwise outer rings per RFC 7946)."""
    polygons: list[list[list[list[float]]]] = []
    for ring in rings:
        if signed_area(ring) < 0:  # clockwise: an outer ring
            polygons.append([rounded(ring[::-1])])
        elif polygons:
            polygons[-1].append(rounded(ring[::-1]))
    return polygons


def iso2_of(iso3: str) -> str:
    country = pycountry.countries.get(alpha_3=iso3)
    return country.alpha_2 if country else {"XKX": "XK"}.get(iso3, "")


def countries_geojson(countries: list[tuple[str, str, list[Ring]]]) -> dict:
    features = []
    for name, iso3, rings in countries:
        if not in_region(rings):
            continue
        polygons = polygons_of(rings)
        features.append(
            {
                "type": "Feature",
                "properties": {"name": name, "iso_a3": iso3, "iso_a2": iso2_of(iso3)},
                "geometry": {"type": "MultiPolygon", "coordinates": polygons},
            }
        )
    features.sort(key=lambda f: f["properties"]["name"])
    return {
        "type": "FeatureCollection",
        "properties": {"attribution": ATTRIBUTION, "bbox_of_selection": list(REGION_BBOX)},
        "features": features,
    }


def shared_boundary(ring_a: Ring, ring_b: Ring) -> Ring:
    """The longest run of consecutive vertices of ``ring_a`` that are also vertices of ``ring_b``
    (Natural Earth's polygons share their border vertices exactly)."""
    on_b = {(round(x, 6), round(y, 6)) for x, y in ring_b}
    closed = ring_a[:-1] if ring_a[0] == ring_a[-1] else ring_a
    flags = [(round(x, 6), round(y, 6)) in on_b for x, y in closed]
    if all(flags):
        return list(closed)
    start = flags.index(False)  # walk the ring from a vertex off the border so no run wraps
    order = closed[start:] + closed[:start]
    flags = flags[start:] + flags[:start]
    best: Ring = []
    run: Ring = []
    for point, flag in zip(order, flags, strict=True):
        if flag:
            run.append(point)
            if len(run) > len(best):
                best = list(run)
        else:
            run = []
    return best


def border_geojson(countries: list[tuple[str, str, list[Ring]]], iso_a: str = "BLR", iso_b: str = "UKR") -> dict:
    rings = {iso3: max(rs, key=len) for _, iso3, rs in countries if iso3 in {iso_a, iso_b}}
    line = shared_boundary(rings[iso_a], rings[iso_b])
    if line[0][0] > line[-1][0]:
        line = line[::-1]
    return {
        "type": "FeatureCollection",
        "properties": {"attribution": ATTRIBUTION},
        "features": [
            {
                "type": "Feature",
                "properties": {"name": "Belarus–Ukraine border", "countries": ["BY", "UA"]},
                "geometry": {"type": "LineString", "coordinates": rounded(line)},
            }
        ],
    }


def write_json(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheel", type=Path, default=DEFAULT_WHEEL, help="the geopandas 0.14.4 wheel")
    parser.add_argument("--out-dir", type=Path, default=OUT_DIR)
    args = parser.parse_args(argv)
    countries = read_countries(args.wheel)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    write_json(args.out_dir / "countries.geojson", countries_geojson(countries))
    write_json(args.out_dir / "border_by_ua.geojson", border_geojson(countries))
    for path in sorted(args.out_dir.glob("*.geojson")):
        print(f"wrote {path} ({path.stat().st_size / 1e3:.1f} kB)")


if __name__ == "__main__":
    main()
