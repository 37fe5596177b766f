"""The ``geomap`` command line: thin commands over the library, each with an example in its help."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from geomap import __version__


def reading_options(command):
    """The options every command that reads articles shares: places, the web, the cache."""
    options = [
        click.option("--gazetteer", "user_file", type=click.Path(dir_okay=False, path_type=Path),
                     help="Your own CSV of places; it wins over the built-in layers."),
        click.option("--online", is_flag=True, help="Ask a web geocoder for names the offline layers miss."),
        click.option("--geocoder", default="nominatim", show_default=True, help="geopy geocoder, with --online."),
        click.option("--no-cache", is_flag=True, help="Re-read every article even if it did not change."),
        click.option("--geocoder-url", metavar="URL", help="Your own geocoder server, e.g. "
                     "http://127.0.0.1:8080 (a self-hosted Nominatim), with --online."),
        click.option("-j", "--jobs", type=click.IntRange(min=0), default=1, show_default=True, metavar="N",
                     help="Read articles in N processes (0: one per core). Same output; for large corpora."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="geomap")
def main() -> None:
    """Turn news articles about military incidents and deployments into maps.

    \b
    The pipeline, one command each:
      geomap geocode Baghdad "Camp Speicher"    look places up in the offline gazetteer
      geomap extract seeds --out output/        places and events as GeoJSON (+ GeoParquet)
      geomap build                              maps of seeds/ in output/, one per week

    Everything runs offline unless you pass --online.
    """


@main.command()
@click.argument("names", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.option("--gazetteer", "user_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Your own CSV of places (same schema as gazetteer/data/SCHEMA.md); it wins over all.")
@click.option("--online", is_flag=True, help="Ask a web geocoder (geopy) for names the offline layers miss.")
@click.option("--geocoder", default="nominatim", show_default=True,
              help="Any geopy geocoder by name, used with --online.")
@click.option("--limit", default=5, show_default=True, help="Candidates per name.")
@click.option("--geocoder-url", metavar="URL",
              help="Your own geocoder server, e.g. http://127.0.0.1:8080 (a self-hosted Nominatim), with --online.")
def geocode(names, as_json, user_file, online, geocoder, limit, geocoder_url) -> None:
    """Look NAMES up in the gazetteer and list the candidates, best first.

    \b
    Examples:
      geomap geocode Damascus Qaim "Strait of Hormuz"
      geomap geocode --json "Pope Army Airfield"
      geomap geocode --gazetteer my_places.csv "Forward Base Alpha"
    """
    from geomap.commands import run_geocode

    run_geocode(names, as_json=as_json, user_file=user_file, online=online,
                geocoder=geocoder, limit=limit, geocoder_url=geocoder_url)


@main.command()
@click.argument("corpus", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder for places.geojson, events.geojson and events.parquet.")
@reading_options
def extract(corpus, out_dir, user_file, online, geocoder, no_cache, geocoder_url, jobs) -> None:
    """Read the articles in CORPUS and write the places and events they report.

    \b
    CORPUS is a folder of .txt/.md articles, optionally with a manifest.csv
    (file,published,source,title,url) and a corrections.json of analyst edits.

    \b
    Examples:
      geomap extract seeds --out output/
      geomap extract archive/ --out archive-out/ --jobs 0    every core, for thousands of articles
    """
    from geomap.commands import run_extract

    run_extract(corpus, out_dir, user_file=user_file, online=online, geocoder=geocoder,
                use_cache=not no_cache, geocoder_url=geocoder_url, jobs=jobs)


@main.command()
@click.argument("corpus", required=False, default="seeds",
                type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--out", "out_dir", default="output", show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="Folder for the maps and index.html.")
@click.option("--window", default="week", show_default=True,
              help="Time window per map: day, week (Monday to Sunday), month, Nd (e.g. 10d) or all.")
@click.option("--from", "date_from", metavar="YYYY-MM-DD", help="Only events on or after this day.")
@click.option("--to", "date_to", metavar="YYYY-MM-DD", help="Only events on or before this day.")
@click.option("--png", is_flag=True, help="Also a 1920x1080 PNG per window, for slides.")
@click.option("--pptx", is_flag=True, help="Also one PowerPoint deck, a slide per window (implies --png).")
@click.option("--clean", is_flag=True, help="Remove maps of windows that no longer exist; otherwise nothing else is touched.")
@reading_options
def build(corpus, out_dir, window, date_from, date_to, png, pptx, clean, user_file, online, geocoder, no_cache,
          geocoder_url, jobs) -> None:
    """Extract the events of CORPUS (default: seeds) and draw one map per time window.

    \b
    Writes OUT/map-<window>.html (self-contained: opens offline, and in a slide's
    iframe), OUT/index.html (the windows, undated events and sources), and with
    --png / --pptx the slide images and deck. Articles that did not change are
    not read again.

    \b
    Examples:
      geomap build                                   seeds/ -> output/, one map per week
      geomap build reports/ --out maps/ --window month --png --pptx
      geomap build --from 2019-12-25 --to 2020-01-05 --window day --clean
    """
    from geomap.commands import run_build

    run_build(corpus, out_dir, window=window, date_from=date_from, date_to=date_to, png=png, pptx=pptx,
              clean=clean, user_file=user_file, online=online, geocoder=geocoder, use_cache=not no_cache,
              geocoder_url=geocoder_url, jobs=jobs)


def run() -> None:  # pragma: no cover - console entry for python -m
    main(prog_name="geomap")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(run())
