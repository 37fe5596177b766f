"""The index page of a map folder: every window, an overview map, undated events, sources.

It is the page a reader opens first, so it works from a USB stick with no network: one
file, no scripts, the overview drawn as inline SVG. Article text is untrusted; the Jinja2
template autoescapes everything and only http(s) links become links.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

import jinja2

from geomap.export.geometry import (Extent, event_coordinates, export_style, focus_extent,
                                    load_world)
from geomap.maps import popup
from geomap.maps.geometry import densify_route
from geomap.maps.styles import IMPRECISE, TYPE_STYLES, canonical_type, style_for
from geomap.windows import Window, format_date_range

__all__ = ["IndexRow", "render_index", "count_kinds", "describe_counts", "safe_url"]

_TEMPLATES = Path(__file__).resolve().parent / "templates"
_SVG_WIDTH = 960
_SVG_HEIGHT_RANGE = (320, 600)


@dataclass(frozen=True, slots=True)
class IndexRow:
    """One window's line in the index: its map, its PNG if one was made, its counts."""

    window: Window
    html: str
    png: str | None
    incidents: int
    movements: int


def is_movement(event: dict) -> bool:
    """A movement by its ``kind``, or by its type when the kind is missing."""
    props = event.get("properties") or {}
    if props.get("kind") in ("incident", "movement"):
        return props["kind"] == "movement"
    return style_for(props.get("type"))["kind"] == "movement"


def count_kinds(events: Iterable[dict]) -> tuple[int, int]:
    """(incidents, movements)."""
    kinds = [is_movement(event) for event in events]
    return kinds.count(False), kinds.count(True)


def describe_counts(events: Iterable[dict]) -> str:
    """'3 incidents, 2 movements'; a zero part is left out, as a briefer would say it."""
    incidents, movements = count_kinds(events)
    parts = [_plural(incidents, "incident"), _plural(movements, "movement")]
    return ", ".join(part for part, n in zip(parts, (incidents, movements)) if n) or "no events"


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def safe_url(value: object) -> str | None:
    """The URL if it is an absolute http(s) address, else None (no javascript:, no files)."""
    if not isinstance(value, str):
        return None
    url = value.strip()
    parts = urlsplit(url)
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None


# ---------------------------------------------------------------- page

@lru_cache(maxsize=1)
def _template() -> jinja2.Template:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(_TEMPLATES), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True,
                             lstrip_blocks=True)
    return env.get_template("index.html.j2")


def render_index(*, title: str, rows: Sequence[IndexRow], events: Sequence[dict],
                 undated: Sequence[dict], deck: str | None = None) -> str:
    """The index HTML. ``events`` are the dated events on the maps (each once)."""
    return _template().render(
        title=title,
        summary=_summary(rows, events, undated),
        overview=_overview(events),
        windows=[_window_row(row) for row in rows],
        deck=deck,
        undated=[_undated_row(event) for event in undated],
        sources=_sources([*events, *undated]),
    )


def _summary(rows: Sequence[IndexRow], events: Sequence[dict], undated: Sequence[dict]) -> str:
    parts = [_plural(len(rows), "map"), describe_counts(events) if events else "no dated events"]
    if undated:
        parts.append(f"{len(undated)} undated")
    if rows:
        parts.append(format_date_range(rows[0].window.start, max(r.window.end for r in rows)))
    return " · ".join(parts)


def _window_row(row: IndexRow) -> dict:
    return {"label": row.window.label, "dates": format_date_range(row.window.start, row.window.end),
            "incidents": row.incidents, "movements": row.movements, "html": row.html,
            "png": row.png}


def _undated_row(event: dict) -> dict:
    props = event.get("properties") or {}
    return {"label": style_for(props.get("type"))["label"],
            "place": props.get("place") or "(no place)",
            "evidence": props.get("evidence") or "",
            "sources": [_source_link(source) for source in _event_sources(props)]}


def _event_sources(props: dict) -> list[dict]:
    sources = [s for s in props.get("sources") or [] if isinstance(s, dict)]
    if not sources and props.get("article"):
        sources = [{"article": props["article"]}]
    return sources


def _source_link(source: dict) -> dict:
    name = source.get("title") or source.get("outlet") or source.get("article") or "source"
    return {"name": str(name), "url": safe_url(source.get("url"))}


def _sources(events: Iterable[dict]) -> list[dict]:
    """Every source once (by article file, else URL or title), oldest first."""
    merged: dict[str, dict] = {}
    for event in events:
        for source in _event_sources(event.get("properties") or {}):
            key = str(source.get("article") or source.get("url") or source.get("title") or "")
            if key:
                merged.setdefault(key, _source_entry(source))
    return sorted(merged.values(), key=lambda s: (s["published"], s["title"], s["article"]))


def _source_entry(source: dict) -> dict:
    return {"title": str(source.get("title") or source.get("article") or "Untitled"),
            "outlet": str(source.get("outlet") or ""),
            "published": str(source.get("published") or ""),
            "article": str(source.get("article") or ""),
            "url": safe_url(source.get("url"))}


# ---------------------------------------------------------------- overview SVG

@dataclass(frozen=True, slots=True)
class _Projection:
    """Equirectangular lon/lat -> SVG pixels inside ``extent``."""

    extent: Extent
    width: int
    height: int

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        x = (lon - self.extent.west) / self.extent.width * self.width
        y = (self.extent.north - lat) / self.extent.height * self.height
        return round(x, 1), round(y, 1)

    def points(self, coords: Iterable[tuple[float, float]]) -> str:
        return " ".join(f"{x:g},{y:g}" for x, y in (self.xy(lon, lat) for lon, lat in coords))


def _overview(events: Sequence[dict]) -> dict:
    located = [event for event in events if event_coordinates(event)]
    projection = _projection(focus_extent(located))
    routes = [event for event in located if len(event_coordinates(event)) > 1]
    arrow_colors = sorted({style_for(_type(event))["color"] for event in routes})
    colors = export_style()["colors"]  # the HTML maps' basemap colours
    return {
        "sea": colors["sea"], "land_color": colors["land"], "border": colors["border"],
        "width": projection.width, "height": projection.height,
        "land": _land_path(projection),
        "arrow_colors": arrow_colors,
        "routes": [_route(event, projection, arrow_colors) for event in routes],
        "points": [_point(event, projection) for event in located
                   if len(event_coordinates(event)) == 1],
        "legend": _legend(located),
    }


def _projection(extent: Extent) -> _Projection:
    natural = _SVG_WIDTH * extent.height / (extent.width * extent.aspect_scale)
    height = round(min(max(natural, _SVG_HEIGHT_RANGE[0]), _SVG_HEIGHT_RANGE[1]))
    return _Projection(extent.fitted(_SVG_WIDTH, height), _SVG_WIDTH, height)


def _land_path(projection: _Projection) -> str:
    """One SVG path of the countries in view, clipped and simplified to about a pixel."""
    from shapely import clip_by_rect

    extent = projection.extent
    tolerance = extent.width / projection.width
    rings: list[str] = []
    for country in load_world():
        clipped = clip_by_rect(country, extent.west, extent.south, extent.east, extent.north)
        if clipped.is_empty:
            continue
        for polygon in getattr(clipped.simplify(tolerance), "geoms", [clipped.simplify(tolerance)]):
            for ring in _rings(polygon):
                rings.append("M" + projection.points(ring).replace(" ", "L") + "Z")
    return "".join(rings)


def _rings(polygon) -> list[list[tuple[float, float]]]:
    if polygon.geom_type != "Polygon" or polygon.is_empty:
        return []
    return [list(polygon.exterior.coords)] + [list(hole.coords) for hole in polygon.interiors]


def _type(event: dict) -> str | None:
    return (event.get("properties") or {}).get("type")


def _hover_text(event: dict) -> str:
    props = event.get("properties") or {}
    dates = props.get("date_start") or ""
    if props.get("date_end") and props.get("date_end") != dates:
        dates = f"{dates} to {props['date_end']}"
    parts = [style_for(props.get("type"))["label"], props.get("place"), dates]
    return " · ".join(str(part) for part in parts if part)


def _route(event: dict, projection: _Projection, arrow_colors: list[str]) -> dict:
    color = style_for(_type(event))["color"]
    return {"points": projection.points(densify_route(event_coordinates(event))),
            "color": color, "arrow": arrow_colors.index(color) + 1, "title": _hover_text(event)}


def _point(event: dict, projection: _Projection) -> dict:
    x, y = projection.xy(*event_coordinates(event)[0])
    props = event.get("properties") or {}
    vague = (popup.is_vague_place(props, IMPRECISE["min_uncertainty_km"])
             or popup.is_vague_date(props))
    return {"x": x, "y": y, "color": style_for(_type(event))["color"], "vague": vague,
            "title": _hover_text(event)}


def _legend(events: Iterable[dict]) -> list[dict]:
    present = {canonical_type(_type(event)) for event in events}
    return [{"color": style["color"], "label": style["label"]}
            for name, style in TYPE_STYLES.items() if name in present]
