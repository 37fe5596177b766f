#!/usr/bin/env python3
"""How fast and how big are the per-window maps?

Renders N maps of M synthetic events each (most in the Middle East, some movements from
US bases, a share with vague places or dates) and prints seconds per map, the total, and
the size of one map. Goals: <= 10 s for 100 maps of 100 events on one core; <= 600 KB
per 100-event map.

    .venv/bin/python benchmarks/bench_maps.py [--maps 100] [--events 100]
"""
from __future__ import annotations

import argparse
import random
import statistics
import time

from geomap.maps import TYPE_STYLES, render_window_map

MIDDLE_EAST = (34.0, 12.0, 60.0, 38.0)          # west, south, east, north
US_BASES = [(-79.01, 35.17), (-76.30, 36.95), (-97.44, 31.13), (-80.56, 25.49)]
PRECISIONS = [("point", 1.0), ("city", 10.0), ("region", 150.0), ("country", 400.0), ("waterbody", 80.0)]
TYPES = sorted(TYPE_STYLES)


def synthetic_event(rng: random.Random, n: int) -> dict:
    type_ = rng.choice(TYPES)
    west, south, east, north = MIDDLE_EAST
    where = [round(rng.uniform(west, east), 4), round(rng.uniform(south, north), 4)]
    movement = TYPE_STYLES[type_]["kind"] == "movement"
    if movement and rng.random() < 0.6:
        origin = list(rng.choice(US_BASES)) if rng.random() < 0.5 else [where[0] - 3, where[1] + 2]
        geometry = {"type": "LineString", "coordinates": [origin, where]}
    else:
        geometry = {"type": "Point", "coordinates": where}
    geo, radius = rng.choice(PRECISIONS)
    day = f"2020-01-{rng.randint(1, 28):02d}"
    return {"type": "Feature", "geometry": geometry, "properties": {
        "id": f"ev-{n:06d}", "article": f"{n:03d}.txt", "kind": "movement" if movement else "incident",
        "type": type_, "date_start": day, "date_end": day,
        "date_precision": rng.choice(["day", "day", "day", "week", "month"]),
        "place": f"Place {n}", "place_id": f"test:{n}", "origin": "Origin" if movement else None,
        "geo_precision": geo, "uncertainty_km": radius,
        "actors": ["Kataib Hezbollah", "US Central Command"][: rng.randint(0, 2)],
        "assets": ["B-52", "USS Nimitz"][: rng.randint(0, 2)],
        "fatalities": rng.choice([None, 0, 3]), "injuries": rng.choice([None, 5]),
        "evidence": "Militia fighters fired rockets at the base late on Friday, officials said, "
                    "adding that there were no US casualties and that an investigation was under way.",
        "confidence": 0.8,
        "sources": [{"article": f"{n:03d}.txt", "title": f"Report number {n} on the incident",
                     "outlet": "Wire service", "published": day,
                     "url": f"https://news.example/2020/01/report-{n}"}],
    }}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--maps", type=int, default=100)
    parser.add_argument("--events", type=int, default=100)
    args = parser.parse_args()
    rng = random.Random(20200103)
    windows = [[synthetic_event(rng, w * args.events + i) for i in range(args.events)]
               for w in range(args.maps)]
    render_window_map(windows[0][:1], [], title="warm-up")       # load data files once
    times, sizes = [], []
    start = time.perf_counter()
    for n, events in enumerate(windows):
        t0 = time.perf_counter()
        html = render_window_map(events, [], title=f"Window {n}", subtitle=f"{len(events)} events")
        times.append(time.perf_counter() - t0)
        sizes.append(len(html.encode("utf-8")))
    total = time.perf_counter() - start
    empty = len(render_window_map([], [], title="Empty").encode("utf-8"))
    print(f"maps: {args.maps} x {args.events} events")
    print(f"total: {total:.2f} s (goal <= 10 s for 100 x 100)")
    print(f"per map: median {statistics.median(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms")
    print(f"size of a {args.events}-event map: median {statistics.median(sizes) / 1000:.0f} KB, "
          f"max {max(sizes) / 1000:.0f} KB (goal <= 600 KB); empty map {empty / 1000:.0f} KB")


if __name__ == "__main__":
    main()
