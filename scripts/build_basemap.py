#!/usr/bin/env python3
"""Regenerate geomap/maps/data/world.geojson, the offline basemap, from npm world-atlas.

Natural Earth 1:50m countries (public domain) from the world-atlas@2.0.2 tarball are
simplified as one coverage (shared borders stay shared), finely inside the focus area
(the Middle East, where the events are) and coarsely elsewhere, then rounded. The result
is small enough to inline into every map (target <= 200 KB).

    python scripts/build_basemap.py                    # runs `npm pack world-atlas@2.0.2`
    python scripts/build_basemap.py --tarball world-atlas-2.0.2.tgz
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely
import shapely.affinity
from shapely.geometry import box, mapping

PACKAGE = "world-atlas@2.0.2"
SOURCE_MEMBER = "package/countries-50m.json"
OUTPUT = Path(__file__).resolve().parents[1] / "geomap" / "maps" / "data" / "world.geojson"

#: (west, south, east, north): countries whose representative point falls here keep detail.
FOCUS_BBOX = (24.0, 10.0, 64.0, 43.0)
FOCUS_TOLERANCE = 0.025     # coverage_simplify tolerance, degrees
FOCUS_DECIMALS = 2          # ~1 km
WORLD_TOLERANCE = 1.5
WORLD_DECIMALS = 1          # ~11 km
WORLD_MIN_PART_AREA = 0.5   # square degrees; smaller islands outside the focus are dropped
DROPPED_IDS = {"010"}       # Antarctica: far from every event, and large


def fetch_tarball(workdir: Path) -> Path:
    """Download the package tarball with npm (the only registry client this needs)."""
    subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=workdir, check=True,
                   stdout=subprocess.DEVNULL)
    return next(workdir.glob("world-atlas-*.tgz"))


def read_countries(tarball: Path, workdir: Path) -> gpd.GeoDataFrame:
    with tarfile.open(tarball) as tar:
        tar.extract(SOURCE_MEMBER, workdir, filter="data")
    frame = gpd.read_file(workdir / SOURCE_MEMBER, layer="countries").set_crs(4326)
    frame = frame[~frame["id"].isin(DROPPED_IDS)].sort_values(["id", "name"]).reset_index(drop=True)
    frame["geometry"] = [polygons_only(shapely.make_valid(split_at_antimeridian(g)))
                         for g in frame.geometry.values]
    return frame


def split_at_antimeridian(geom):
    """Cut rings that Natural Earth stitches across 180 degrees (Russia, Fiji) into two halves.

    Left as is, Leaflet draws such a ring as a band across the whole map.
    """
    if not any(p.bounds[2] - p.bounds[0] > 180 for p in shapely.get_parts(geom)):
        return geom
    shifted = shapely.make_valid(shapely.transform(
        geom, lambda xy: np.where(xy[:, :1] < 0, xy + [360.0, 0.0], xy)))
    east = shapely.intersection(shifted, box(-180.0, -90.0, 180.0, 90.0))
    west = shapely.affinity.translate(shapely.intersection(shifted, box(180.0, -90.0, 540.0, 90.0)), -360.0)
    return shapely.union(east, west)


def polygons_only(geom):
    """make_valid can return stray lines and points; a fill layer wants only areas."""
    parts = [p for p in shapely.get_parts(geom) if p.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts) if parts else shapely.Polygon()


def drop_small_parts(geom, min_area: float):
    parts = [p for p in shapely.get_parts(geom) if p.area >= min_area]
    if not parts:
        return shapely.Polygon()
    return parts[0] if len(parts) == 1 else shapely.MultiPolygon(parts)


def round_coords(coords, decimals: int):
    if coords and isinstance(coords[0], (int, float)):
        return [round(coords[0], decimals), round(coords[1], decimals)]
    return [round_coords(c, decimals) for c in coords]


def rounded_geometry(geom, decimals: int) -> dict | None:
    """GeoJSON of ``geom`` on a grid of ``decimals``, still valid (rounding can pinch rings)."""
    snapped = polygons_only(shapely.make_valid(shapely.set_precision(geom, 10.0 ** -decimals)))
    if snapped.is_empty:
        return None
    geometry = mapping(snapped)
    coordinates = json.loads(json.dumps(geometry["coordinates"]))
    return {"type": geometry["type"], "coordinates": round_coords(coordinates, decimals)}


def simplified_features(frame: gpd.GeoDataFrame) -> list[dict]:
    in_focus = shapely.within(frame.geometry.representative_point().values, box(*FOCUS_BBOX))
    fine = shapely.coverage_simplify(frame.geometry.values, FOCUS_TOLERANCE)
    coarse = shapely.coverage_simplify(frame.geometry.values, WORLD_TOLERANCE)
    features = []
    for name, iso, focus, detailed, rough in zip(frame["name"], frame["id"], in_focus, fine, coarse):
        geom = detailed if focus else drop_small_parts(rough, WORLD_MIN_PART_AREA)
        if geom.is_empty:
            continue
        geometry = rounded_geometry(geom, FOCUS_DECIMALS if focus else WORLD_DECIMALS)
        if geometry is None:
            continue
        features.append({"type": "Feature", "properties": {"name": name, "iso_n3": iso},
                         "geometry": geometry})
    return features


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tarball", type=Path, help=f"a local {PACKAGE} tarball (default: npm pack)")
    parser.add_argument("--out", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        tarball = args.tarball.resolve() if args.tarball else fetch_tarball(workdir)
        features = simplified_features(read_countries(tarball, workdir))
    text = json.dumps({"type": "FeatureCollection", "features": features},
                      separators=(",", ":"), ensure_ascii=False) + "\n"
    from geomap.io import write_atomic
    write_atomic(args.out, text)
    print(f"{args.out}: {len(features)} countries, {len(text.encode()):,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
