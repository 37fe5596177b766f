#!/usr/bin/env python3
"""Extraction throughput and memory on a large corpus built from the seeds.

Goal (issue #3): >= 500 articles/s per core after start-up, with memory flat as the corpus
grows (articles are streamed; only events and place rows are kept). The corpus is made by
copying the five seed articles with their place names swapped for other towns and their
publication dates shifted, so no two copies are identical.

    .venv/bin/python benchmarks/bench_extract.py [--articles 10000] [--jobs N]
"""
from __future__ import annotations

import argparse
import csv
import random
import re
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

from geomap.workers import cores

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
SWAPS = {"Baghdad": ["Erbil", "Mosul", "Basra", "Najaf", "Karbala", "Fallujah", "Ramadi"],
         "Kirkuk": ["Tikrit", "Samarra", "Baqubah", "Kut", "Amarah"],
         "Damascus": ["Aleppo", "Homs", "Deir ez-Zor", "Raqqa", "Idlib"],
         "Tehran": ["Isfahan", "Shiraz", "Tabriz", "Mashhad", "Ahvaz"],
         "Kuwait": ["Qatar", "Bahrain", "Jordan", "Oman"]}

RUN = """
import sys, time, resource
from pathlib import Path
from gazetteer import Gazetteer
from geomap.extract.lexicon import load_lexicon
from geomap.pipeline import extract_corpus
g = Gazetteer.load()
load_lexicon()  # start-up, like the gazetteer: compiling the lexicon's patterns is once per process
t = time.perf_counter()
r = extract_corpus(Path(sys.argv[1]), g, report=lambda p: None, use_cache=False, place_sink=lambda rows: None,
                   jobs=int(sys.argv[2]))
s = time.perf_counter() - t
print(r.articles, len(r.events), f"{s:.3f}", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def make_corpus(folder: Path, count: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    originals = sorted(SEEDS.glob("*.txt"))
    manifest = {row["file"]: row for row in csv.DictReader(open(SEEDS / "manifest.csv", encoding="utf-8"))}
    rows = []
    for n in range(count):
        source = originals[n % len(originals)]
        text = source.read_text(encoding="utf-8")
        for name, others in SWAPS.items():
            text = re.sub(rf"\b{name}\b", rng.choice(others), text)
        name = f"{n:05d}_{source.name}"
        (folder / name).write_text(text, encoding="utf-8")
        published = date.fromisoformat(manifest[source.name]["published"]) + timedelta(days=rng.randint(-400, 400))
        rows.append({"file": name, "published": published.isoformat(), "source": "bench", "title": f"copy {n}"})
    with open(folder / "manifest.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, ["file", "published", "source", "title"])
        writer.writeheader()
        writer.writerows(rows)


def measure(folder: Path, jobs: int = 1) -> tuple[int, int, float, int]:
    out = subprocess.run([sys.executable, "-c", RUN, str(folder), str(jobs)], capture_output=True, text=True,
                         check=True)
    articles, events, seconds, rss_kb = out.stdout.split()
    return int(articles), int(events), float(seconds), int(rss_kb)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, default=cores(), help="processes for the last line (default: every core)")
    args = parser.parse_args()
    sizes = sorted({max(1000, args.articles // 5), args.articles})
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            make_corpus(Path(tmp), size)
            runs = [1] + ([args.jobs] if size == sizes[-1] and args.jobs > 1 else [])
            for jobs in runs:
                articles, events, seconds, rss_kb = measure(Path(tmp), jobs)
                where = "on one core" if jobs == 1 else f"with --jobs {jobs}"
                print(f"{articles:>6} articles: {seconds:6.2f} s = {articles / seconds:6.0f} articles/s {where}, "
                      f"{events:,} events after merging, peak memory {rss_kb / 1024:.0f} MB"
                      + (" (goal >= 500 articles/s per core, flat memory)" if jobs == 1 else " (main process)"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
