"""What the CLI commands do, kept out of cli.py so the commands stay a few lines each."""
from __future__ import annotations

import json
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import click

from geomap.io import write_json


def load_gazetteer(user_file: Path | None, online: bool, geocoder: str, geocoder_url: str | None = None):
    from gazetteer import Gazetteer, GazetteerFileError

    online_layer = None
    if online:
        from gazetteer.layers.online import GeocoderError, OnlineLayer

        domain = scheme = None
        if geocoder_url:
            parts = urlsplit(geocoder_url)
            if parts.scheme not in ("http", "https") or not parts.netloc:
                raise click.BadParameter(f"expected http(s)://host[:port], got {geocoder_url!r}",
                                         param_hint="--geocoder-url")
            domain, scheme = parts.netloc + parts.path.rstrip("/"), parts.scheme
        try:
            online_layer = OnlineLayer(geocoder, domain=domain, scheme=scheme)
        except GeocoderError as exc:
            raise click.ClickException(str(exc)) from None
    try:
        return Gazetteer.load(user_file, online=online_layer)
    except GazetteerFileError as exc:
        raise click.ClickException(str(exc)) from None


@contextmanager
def geocoder_errors():
    """A failing web geocoder (timeout, HTTP 429, refused) is one clear line, not a traceback."""
    try:
        yield
    except Exception as exc:  # GeocoderError is only importable once --online asked for it
        if type(exc).__name__ not in ("GeocoderError", "GeocoderConfigError"):
            raise
        raise click.ClickException(f"online geocoder: {exc}") from None


def run_geocode(names, *, as_json: bool, user_file, online: bool, geocoder: str, limit: int,
                geocoder_url: str | None = None) -> None:
    gazetteer = load_gazetteer(user_file, online, geocoder, geocoder_url)
    rows = []
    for name in names:
        with geocoder_errors():
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


def _jobs(online: bool, jobs: int) -> int:
    """The number of processes to read with (0: one per core), checked before anything is written."""
    from geomap.workers import cores

    if online and jobs != 1:
        raise click.BadParameter("--online reads in one process: a web geocoder allows one client at a time "
                                 "(drop --jobs, or --online)", param_hint="--jobs")
    return jobs or cores()


def _extract(corpus: Path, *, user_file, online: bool, geocoder: str, use_cache: bool, place_sink=None,
             geocoder_url: str | None = None, jobs: int = 1):
    """Extraction with problems printed as they come; a bad corpus or corrections file is one line."""
    from geomap.corpus import CorpusError
    from geomap.corrections import CorrectionsError
    from geomap.pipeline import extract_corpus
    gazetteer = load_gazetteer(user_file, online, geocoder, geocoder_url)
    problems = []

    def report(problem) -> None:
        problems.append(problem)
        click.echo(str(problem), err=True)

    try:
        with geocoder_errors():
            result = extract_corpus(corpus, gazetteer, report=report, use_cache=use_cache, place_sink=place_sink,
                                    jobs=jobs)
    except (CorpusError, CorrectionsError) as exc:
        raise click.ClickException(str(exc)) from None
    skipped = sum(getattr(p, "severity", "") == "error" for p in problems)
    return result, skipped


def run_extract(corpus: Path, out_dir: Path, *, user_file, online: bool, geocoder: str,
                use_cache: bool, geocoder_url: str | None = None, jobs: int = 1) -> None:
    from geomap.io import FeatureCollectionWriter
    from geomap.store import write_events_geojson, write_events_parquet

    jobs = _jobs(online, jobs)
    places = FeatureCollectionWriter(out_dir / "places.geojson")
    try:
        result, skipped = _extract(corpus, user_file=user_file, online=online, geocoder=geocoder,
                                   use_cache=use_cache, place_sink=places.write, geocoder_url=geocoder_url,
                                   jobs=jobs)
    except BaseException:
        places.abort()
        raise
    places.close()
    write_events_geojson(out_dir / "events.geojson", result.events)
    write_events_parquet(out_dir / "events.parquet", result.events)
    write_json(out_dir / "unresolved.json", result.unresolved)
    click.echo(f"{result.articles} articles read ({skipped} skipped, {result.cached} from cache): "
               f"{len(result.events)} events, {places.count} places -> {out_dir}", err=True)
    if result.unresolved:
        names = sorted({n for names in result.unresolved.values() for n in names})
        click.echo(f"{len(names)} names after 'in'/'near'/'at' no gazetteer layer knows "
                   f"(listed in {out_dir / 'unresolved.json'}; add them with --gazetteer FILE)", err=True)


def run_build(corpus: Path, out_dir: Path, *, window: str, date_from, date_to, png: bool, pptx: bool,
              clean: bool, user_file, online: bool, geocoder: str, use_cache: bool,
              geocoder_url: str | None = None, jobs: int = 1) -> None:
    from geomap.dates import parse_iso_date
    from geomap.maps.build import build_maps
    from geomap.store import collection, event_feature, write_events_geojson
    from geomap.windows import parse_window_spec

    try:
        start = parse_iso_date(date_from) if date_from else None
        end = parse_iso_date(date_to) if date_to else None
        parse_window_spec(window)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None
    if start and end and start > end:
        raise click.BadParameter(f"--from {start} is after --to {end}")
    jobs = _jobs(online, jobs)
    result, skipped = _extract(corpus, user_file=user_file, online=online, geocoder=geocoder, use_cache=use_cache,
                               geocoder_url=geocoder_url, jobs=jobs)
    click.echo(f"{result.articles} articles ({skipped} skipped, {result.cached} from cache): "
               f"{len(result.events)} events", err=True)
    events_fc = collection([event_feature(e) for e in result.events])
    places_fc = collection(result.places)
    try:
        summary = build_maps(events_fc, places_fc, out_dir, window=window, date_from=start, date_to=end,
                             png=png, pptx=pptx, clean=clean, progress=lambda line: click.echo(line, err=True),
                             title=f"geomap: {corpus.name or corpus}")
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    write_events_geojson(out_dir / "events.geojson", result.events)
    write_json(out_dir / "places.geojson", places_fc)
    click.echo(f"{summary.windows} map(s) of {summary.events} events ({summary.undated} undated, listed on the "
               f"index); {len(summary.files)} files written, {len(summary.removed)} removed. "
               f"Open {out_dir / 'index.html'}")
