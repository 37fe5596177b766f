"""What the CLI commands do, kept out of cli.py so the commands stay a few lines each."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from geomap.io import write_json


def load_gazetteer(user_file: Path | None, online: bool, geocoder: str):
    from gazetteer import Gazetteer, GazetteerFileError

    online_layer = None
    if online:
        from gazetteer.layers.online import OnlineLayer

        online_layer = OnlineLayer(geocoder)
    try:
        return Gazetteer.load(user_file, online=online_layer)
    except GazetteerFileError as exc:
        raise click.ClickException(str(exc)) from None


def run_geocode(names, *, as_json: bool, user_file, online: bool, geocoder: str, limit: int) -> None:
    gazetteer = load_gazetteer(user_file, online, geocoder)
    rows = []
    for name in names:
        matches = gazetteer.lookup(name, limit=limit)
        if not matches:
            rows.append({"query": name, "name": None})
        for place, score in matches:
            rows.append({"query": name, "name": place.name, "kind": place.kind, "country": place.country,
                         "lat": place.lat, "lon": place.lon, "radius_km": place.radius_km,
                         "layer": place.layer, "score": score, "id": place.id})
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    _print_table(rows)
    if any(r["name"] is None for r in rows):
        missing = ", ".join(r["query"] for r in rows if r["name"] is None)
        click.echo(f"not found: {missing} (add them to your own file and pass --gazetteer FILE)", err=True)


def _print_table(rows: list[dict]) -> None:
    header = ("query", "name", "kind", "country", "lat", "lon", "layer", "score")
    lines = [header] + [tuple("" if r.get(k) is None else str(r.get(k)) for k in header)
                        for r in rows if r["name"] is not None]
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    for line in lines:
        click.echo("  ".join(cell.ljust(w) for cell, w in zip(line, widths)).rstrip())


def run_extract(corpus: Path, out_dir: Path, *, user_file, online: bool, geocoder: str,
                use_cache: bool) -> None:
    from geomap.corpus import CorpusError
    from geomap.pipeline import extract_corpus, merge_across_articles
    from geomap.store import write_events_geojson, write_events_parquet

    gazetteer = load_gazetteer(user_file, online, geocoder)
    problems = []

    def report(problem) -> None:
        problems.append(problem)
        click.echo(str(problem), err=True)

    places, events, articles = [], [], 0
    try:
        for result in extract_corpus(corpus, gazetteer, report=report):
            articles += 1
            places.extend(result.places)
            events.extend(result.events)
    except CorpusError as exc:
        raise click.ClickException(str(exc)) from None
    events = merge_across_articles(events)
    write_json(out_dir / "places.geojson", {"type": "FeatureCollection", "features": places})
    write_events_geojson(out_dir / "events.geojson", events)
    write_events_parquet(out_dir / "events.parquet", events)
    skipped = sum(p.severity == "error" for p in problems)
    click.echo(f"{articles} articles read ({skipped} skipped): {len(events)} events, {len(places)} places "
               f"-> {out_dir}", err=True)
