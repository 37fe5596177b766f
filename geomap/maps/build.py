"""Build a folder of maps from the interchange files: one map per time window, plus an index.

Everything is rendered into a hidden staging folder inside ``out_dir`` first and moved into
place only when the whole build has succeeded, each file by an atomic rename. A build that
fails half-way therefore leaves the previous maps exactly as they were.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from geomap.io import write_atomic
from geomap.maps.index_page import IndexRow, count_kinds, describe_counts, render_index
from geomap.windows import Window, cut_windows, format_date_range

__all__ = ["BuildError", "BuildSummary", "build_maps", "INDEX_NAME", "DECK_NAME"]

INDEX_NAME = "index.html"
DECK_NAME = "briefing.pptx"
_MAP_PREFIX = "map-"
_STAGING_PREFIX = ".geomap-build-"


class BuildError(ValueError):
    """The input cannot be mapped; the message says which file or feature and why."""


@dataclass
class BuildSummary:
    """What a build did, for the command line to report."""

    windows: int
    events: int
    undated: int
    files: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    out_dir: Path = Path(".")


def build_maps(events_fc: dict, places_fc: dict, out_dir: Path, *, window: str = "week",
               date_from: date | None = None, date_to: date | None = None, png: bool = False,
               pptx: bool = False, clean: bool = False,
               progress: Callable[[str], None] | None = None, title: str = "geomap",
               ) -> BuildSummary:
    """Write ``map-<slug>.html`` per non-empty window and ``index.html`` into ``out_dir``.

    ``png`` adds ``map-<slug>.png``; ``pptx`` adds ``briefing.pptx`` (and the PNGs it shows).
    ``clean`` removes the maps and PNGs of windows this build no longer has; otherwise no
    other file in ``out_dir`` is touched. Raises ValueError (BuildError, or the renderer's
    MapInputError) with a readable message on bad input.
    """
    from geomap.maps import render_window_map  # looked up per call, so a test can stand in for it

    events = _features(events_fc, "events")
    places = _features(places_fc, "places")
    windows, undated = cut_windows(events, window, date_from=date_from, date_to=date_to)
    out_dir = Path(out_dir)
    report = progress or (lambda line: None)
    places_by_article = _index_places(places)
    with _Staging(out_dir) as stage:
        rows = []
        for number, (span, window_events) in enumerate(windows, 1):
            window_places = _window_places(window_events, places, places_by_article)
            row = _build_window(stage, span, window_events, window_places, render_window_map,
                                with_png=png or pptx)
            rows.append(row)
            report(f"[{number}/{len(windows)}] {span.label}: "
                   f"{describe_counts(window_events)} -> {row.html}")
        if pptx:
            _write_deck(stage, rows, title)
        mapped = _unique([event for _, window_events in windows for event in window_events])
        stage.write(INDEX_NAME, render_index(title=title, rows=rows, events=mapped,
                                             undated=undated, deck=DECK_NAME if pptx else None))
        files = stage.publish()
    removed = _remove_stale(out_dir, {row.window.slug for row in rows}) if clean else []
    return BuildSummary(windows=len(rows), events=len(mapped), undated=len(undated),
                        files=files, removed=removed, out_dir=out_dir)


# ---------------------------------------------------------------- input

def _features(collection: object, what: str) -> list[dict]:
    """The features of a GeoJSON FeatureCollection, checked enough to fail with a clear message."""
    if not isinstance(collection, dict) or collection.get("type") != "FeatureCollection":
        raise BuildError(f"{what}: expected a GeoJSON FeatureCollection")
    features = collection.get("features")
    if not isinstance(features, list):
        raise BuildError(f"{what}: 'features' must be a list")
    for number, feature in enumerate(features):
        if not isinstance(feature, dict) or not isinstance(feature.get("properties"), dict):
            raise BuildError(f"{what}: feature #{number} is not a Feature with properties")
    return features


def _index_places(places: Sequence[dict]) -> dict[str, list[int]]:
    by_article: dict[str, list[int]] = {}
    for number, place in enumerate(places):
        article = place["properties"].get("article")
        if article:
            by_article.setdefault(str(article), []).append(number)
    return by_article


def _articles(events: Iterable[dict]) -> set[str]:
    """The articles that report these events: the first source and every other one."""
    found: set[str] = set()
    for event in events:
        props = event["properties"]
        sources = [s for s in props.get("sources") or [] if isinstance(s, dict)]
        names = [props.get("article"), *(source.get("article") for source in sources)]
        found.update(str(name) for name in names if name)
    return found


def _window_places(events: Sequence[dict], places: Sequence[dict],
                   by_article: dict[str, list[int]]) -> list[dict]:
    numbers = sorted({n for article in _articles(events) for n in by_article.get(article, [])})
    return [places[n] for n in numbers]


def _unique(events: Iterable[dict]) -> list[dict]:
    """Each event once, in first-seen order (an event spanning windows is in several)."""
    return list({id(event): event for event in events}.values())


# ---------------------------------------------------------------- output

def _build_window(stage: _Staging, span: Window, events: list[dict], places: list[dict],
                  render_window_map: Callable[..., str], *, with_png: bool) -> IndexRow:
    subtitle = f"{format_date_range(span.start, span.end)} · {describe_counts(events)}"
    html_name = f"{_MAP_PREFIX}{span.slug}.html"
    stage.write(html_name, render_window_map(events, places, title=span.label, subtitle=subtitle))
    png_name = None
    if with_png:
        from geomap.export.png import render_window_png

        png_name = f"{_MAP_PREFIX}{span.slug}.png"
        render_window_png(events, span.label, subtitle, stage.path(png_name))
    incidents, movements = count_kinds(events)
    return IndexRow(span, html_name, png_name, incidents, movements)


def _write_deck(stage: _Staging, rows: Sequence[IndexRow], title: str) -> None:
    from geomap.export.pptx import write_deck

    slides = [(row.window, stage.path(row.png), row.html) for row in rows if row.png]
    write_deck(slides, stage.path(DECK_NAME), title)


def _remove_stale(out_dir: Path, slugs: set[str]) -> list[Path]:
    """Delete map-<slug>.html/.png whose window this build did not produce."""
    removed = []
    for path in sorted(out_dir.glob(f"{_MAP_PREFIX}*")):
        if path.suffix in (".html", ".png") and path.is_file():
            if path.stem[len(_MAP_PREFIX):] not in slugs:
                path.unlink()
                removed.append(path)
    return removed


class _Staging:
    """A hidden folder in ``out_dir`` that receives the build, then is emptied into it.

    Same file system as the destination, so publishing is a rename per file; on any
    error the folder is deleted and ``out_dir`` is as it was.
    """

    def __init__(self, out_dir: Path):
        self.out_dir = out_dir
        self._names: list[str] = []
        self._dir: Path | None = None

    def __enter__(self) -> _Staging:
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self._dir = Path(tempfile.mkdtemp(prefix=_STAGING_PREFIX, dir=self.out_dir))
        return self

    def __exit__(self, *exc_info) -> None:
        shutil.rmtree(self._dir, ignore_errors=True)

    def path(self, name: str) -> Path:
        if name not in self._names:
            self._names.append(name)
        return self._dir / name

    def write(self, name: str, text: str) -> None:
        write_atomic(self.path(name), text)

    def publish(self) -> list[Path]:
        """Move every staged file into ``out_dir``: maps and PNGs, then the deck, index last,
        so the index never links to a file that is not there yet."""
        last = {DECK_NAME: 1, INDEX_NAME: 2}
        order = sorted(self._names, key=lambda name: (last.get(name, 0), name))
        published = []
        for name in order:
            target = self.out_dir / name
            os.replace(self._dir / name, target)
            published.append(target)
        return published
