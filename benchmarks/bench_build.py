"""How fast is `geomap build`? Prints seconds for 100 weekly windows x 100 events (HTML only)
and seconds per PNG. Targets: <= 10 s for the build on one core, <= 1 s per PNG.

    .venv/bin/python benchmarks/bench_build.py [--windows 100] [--per-window 100] [--pngs 10]
"""
from __future__ import annotations

import argparse
import random
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from geomap.maps.build import build_maps
from geomap.maps.styles import TYPE_STYLES
from geomap.windows import cut_windows

_THEATRE = (38.0, 24.0, 58.0, 38.0)  # west, south, east, north: Iraq, Iran and the Gulf
_ORIGINS = ((-79.0, 35.2), (-76.3, 36.9), (8.7, 49.4), (14.8, 40.8))  # US and European bases
_PRECISIONS = ("point", "near", "city", "region", "country", "waterbody")


def synthetic_events(windows: int, per_window: int, seed: int = 7) -> dict:
    """``per_window`` one-day events in each of ``windows`` consecutive weeks, a fifth movements."""
    rng = random.Random(seed)
    types = {kind: [t for t, s in TYPE_STYLES.items() if s["kind"] == kind]
             for kind in ("incident", "movement")}
    first_monday = date(2019, 5, 6)
    features = []
    for week in range(windows):
        for n in range(per_window):
            day = first_monday + timedelta(days=7 * week + rng.randrange(7))
            features.append(_event(rng, f"ev-{week:03d}-{n:03d}", day, types, f"art-{week:03d}.txt"))
    return {"type": "FeatureCollection", "features": features}


def _event(rng: random.Random, ident: str, day: date, types: dict, article: str) -> dict:
    west, south, east, north = _THEATRE
    where = [round(rng.uniform(west, east), 3), round(rng.uniform(south, north), 3)]
    movement = rng.random() < 0.2
    geometry = ({"type": "LineString", "coordinates": [list(rng.choice(_ORIGINS)), where]}
                if movement and rng.random() < 0.7 else {"type": "Point", "coordinates": where})
    kind = "movement" if movement else "incident"
    return {"type": "Feature", "geometry": geometry, "properties": {
        "id": ident, "article": article, "kind": kind, "type": rng.choice(types[kind]),
        "date_start": day.isoformat(), "date_end": day.isoformat(), "date_precision": "day",
        "place": f"Place {ident[-3:]}", "origin": "Origin base" if movement else None,
        "geo_precision": rng.choice(_PRECISIONS), "uncertainty_km": rng.choice((1, 5, 40, 250)),
        "actors": [], "assets": [], "fatalities": None, "injuries": None,
        "evidence": "A synthetic sentence reporting the event.", "confidence": 0.7,
        "sources": [{"article": article, "title": f"Report {article}", "outlet": "Wire",
                     "published": day.isoformat(), "url": f"https://news.example/{article}"}]}}


def synthetic_places(events: dict) -> dict:
    articles = sorted({f["properties"]["article"] for f in events["features"]})
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [44.4, 33.3]},
         "properties": {"id": f"p-{a}", "article": a, "mention": "Baghdad", "mentions": ["Baghdad"],
                        "name": "Baghdad", "kind": "city", "country": "IQ", "source": "bench",
                        "count": 1, "uncertainty_km": 5.0}} for a in articles]}


def bench_build(events: dict, places: dict) -> tuple[float, int]:
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        summary = build_maps(events, places, Path(folder), window="week")
        return time.perf_counter() - start, summary.windows


def bench_pngs(events: dict, count: int) -> list[float]:
    from geomap.export.png import render_window_png

    windows, _ = cut_windows(events["features"], "week")
    times = []
    with tempfile.TemporaryDirectory() as folder:
        for window, window_events in windows[: count + 1]:
            start = time.perf_counter()
            render_window_png(window_events, window.label, "benchmark", Path(folder) / "w.png")
            times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--windows", type=int, default=100)
    parser.add_argument("--per-window", type=int, default=100)
    parser.add_argument("--pngs", type=int, default=10)
    args = parser.parse_args()
    events = synthetic_events(args.windows, args.per_window)
    places = synthetic_places(events)
    seconds, windows = bench_build(events, places)
    print(f"build, HTML only: {windows} windows x {args.per_window} events: {seconds:.2f} s "
          f"({seconds / max(windows, 1) * 1000:.0f} ms per map; target <= 10 s)")
    times = bench_pngs(events, args.pngs)
    first, rest = times[0], times[1:] or times
    print(f"PNG, {args.per_window} events each: first {first:.2f} s (imports, basemap), then "
          f"mean {sum(rest) / len(rest):.2f} s, max {max(rest):.2f} s over {len(rest)} "
          f"(target <= 1 s)")


if __name__ == "__main__":
    main()
