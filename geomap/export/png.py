"""A 1920x1080 PNG of one time window, for slides and for readers without a browser.

It draws what the HTML map draws (same basemap, colours and symbols from
``geomap/maps/data/styles.json``) with geopandas and matplotlib, without a browser, in
well under a second. Layout and colours are in ``geomap/export/data/png.json``.
"""
from __future__ import annotations

import io
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from geomap.export.geometry import (Extent, event_coordinates, export_style, focus_extent,
                                    geodesic_circle, load_world)
from geomap.io import write_atomic
from geomap.maps import popup
from geomap.maps.geometry import densify_route
from geomap.maps.styles import IMPRECISE, MOVEMENT_LINE, TYPE_STYLES, canonical_type, style_for

__all__ = ["render_window_png"]

# Where a label may go around its marker, in order of preference: right, left, above, below,
# then the diagonals.
_LABEL_OFFSETS = ((1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (1, -1), (-1, 1), (-1, -1))


def _vague_place(event: dict) -> bool:
    """The HTML maps' rule (geomap/maps/data/precision.json): an area, not a site."""
    return popup.is_vague_place(_props(event), IMPRECISE["min_uncertainty_km"])


def _is_vague(event: dict) -> bool:
    """Hollow marker: the place or the date is vague, as in the HTML maps."""
    return _vague_place(event) or popup.is_vague_date(_props(event))


def render_window_png(events: Sequence[dict], title: str, subtitle: str, path: Path) -> Path:
    """Draw ``events`` (GeoJSON Features) on the basemap and write a PNG to ``path``.

    Byte-identical for equal inputs: no clock, no software tag in the PNG metadata.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    style = export_style()
    width_px, height_px = style["size_px"]
    dpi = style["dpi"]
    figure = Figure(figsize=(width_px / dpi, height_px / dpi), dpi=dpi, facecolor="white")
    FigureCanvasAgg(figure)
    map_px = (width_px, height_px - style["header_px"] - style["footer_px"])
    ax = figure.add_axes((0, style["footer_px"] / height_px, 1, map_px[1] / height_px))
    located = [event for event in events if event_coordinates(event)]
    extent = focus_extent(located, **style["extent"]).fitted(*map_px)
    _draw_basemap(ax, extent, style)
    _draw_halos(ax, located, style)
    _draw_movements(ax, located, style)
    _draw_markers(ax, located, style)
    _draw_labels(ax, _labels(located, extent), style)
    _draw_legend(ax, located, style)
    _draw_header_and_footer(figure, title, subtitle, style, len(events) - len(located))
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    return write_atomic(path, buffer.getvalue())


# ---------------------------------------------------------------- basemap

@lru_cache(maxsize=1)
def _world_series():
    import geopandas

    return geopandas.GeoSeries(list(load_world()), crs="EPSG:4326")


def _draw_basemap(ax, extent: Extent, style: dict) -> None:
    colors = style["colors"]
    world = _world_series()
    visible = world.iloc[sorted(world.sindex.query(_box(extent)))]
    ax.set_facecolor(colors["sea"])
    if len(visible):
        visible.plot(ax=ax, color=colors["land"], edgecolor=colors["border"], linewidth=0.8,
                     zorder=1)
    ax.set_xlim(extent.west, extent.east)
    ax.set_ylim(extent.south, extent.north)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel("")
    ax.set_ylabel("")
    for spine in ax.spines.values():
        spine.set_visible(False)


def _box(extent: Extent):
    from shapely.geometry import box

    return box(extent.west, extent.south, extent.east, extent.north)


# ---------------------------------------------------------------- events

def _props(event: dict) -> dict:
    return event.get("properties") or {}


def _draw_halos(ax, events: Iterable[dict], style: dict) -> None:
    """One shaded ring per vague place, radius its uncertainty, all in one collection."""
    from matplotlib.collections import PolyCollection

    rings, colors = [], []
    for event in events:
        props = _props(event)
        radius = float(props.get("uncertainty_km") or 0)
        if _vague_place(event) and radius > 0:
            rings.append(geodesic_circle(*event_coordinates(event)[-1], radius))
            colors.append(style_for(props.get("type"))["color"])
    if rings:
        ax.add_collection(PolyCollection(rings, facecolors=colors, alpha=0.13, zorder=2,
                                         edgecolors=style["colors"]["halo_edge"],
                                         linewidths=1.0, linestyles=[(0, (4, 3))]))


def _draw_movements(ax, events: Iterable[dict], style: dict) -> None:
    for event in events:
        coords = event_coordinates(event)
        if len(coords) < 2:
            continue
        color = style_for(_props(event).get("type"))["color"]
        route = densify_route(coords)
        xs, ys = zip(*route)
        dashes = (0, (6, 4)) if _is_vague(event) else "solid"
        ax.plot(xs, ys, color=color, linewidth=MOVEMENT_LINE["weight"] * 1.2, linestyle=dashes,
                alpha=MOVEMENT_LINE["opacity"], zorder=3, solid_capstyle="round")
        ax.plot(*route[0], marker="o", markersize=style["movement_origin_pt"], color=color,
                zorder=3)
        _draw_arrowhead(ax, route, color)


def _draw_arrowhead(ax, route: Sequence[tuple[float, float]], color: str) -> None:
    """An arrowhead at the destination, pointing along the last stretch of the route."""
    back = route[max(0, len(route) - 1 - max(1, len(route) // 20))]
    ax.annotate("", xy=route[-1], xytext=back, zorder=4,
                arrowprops={"arrowstyle": "-|>", "color": color, "linewidth": 0,
                            "mutation_scale": MOVEMENT_LINE["arrow"] * 1.6,
                            "shrinkA": 0, "shrinkB": 0})


def _draw_markers(ax, events: Sequence[dict], style: dict) -> None:
    """Incidents and point movements; a movement line already ends in its arrowhead.

    One scatter per look (type, hollow or not) keeps a busy week fast. Hollow ones go
    first, then the commonest types, so a rare event is not buried under a common one.
    """
    groups: dict[tuple[bool, str], list[tuple[float, float]]] = {}
    for event in events:
        coords = event_coordinates(event)
        if len(coords) == 1:
            key = (not _is_vague(event), canonical_type(_props(event).get("type")))
            groups.setdefault(key, []).append(coords[0])
    for (precise, name), points in sorted(groups.items(),
                                          key=lambda item: (item[0][0], -len(item[1]), item[0])):
        kind = TYPE_STYLES[name]
        xs, ys = zip(*points)
        size = style["marker_pt"] ** 2 * style["marker_scale"].get(kind["marker"], 1.0)
        ax.scatter(xs, ys, s=size, marker=kind["marker"], zorder=5,
                   facecolors=kind["color"] if precise else "white",
                   edgecolors="white" if precise else kind["color"],
                   linewidths=1.2 if precise else 2.0)


# ---------------------------------------------------------------- labels

@dataclass(frozen=True, slots=True)
class _Label:
    text: str
    lon: float
    lat: float
    weight: int


def _labels(events: Iterable[dict], extent: Extent) -> list[_Label]:
    """One label per named place, 'Baghdad (3)' when several events share it.

    A movement whose origin is off the map gets 'from <origin>' where it enters the frame.
    """
    counts: dict[tuple[str, float, float], int] = {}
    where: dict[tuple[str, float, float], tuple[float, float]] = {}
    for event in events:
        for name, (lon, lat) in _named_ends(event, extent):
            key = (name, round(lon * 2) / 2, round(lat * 2) / 2)  # same name within ~50 km
            counts[key] = counts.get(key, 0) + 1
            where.setdefault(key, (lon, lat))
    labels = [_Label(f"{key[0]} ({n})" if n > 1 else key[0], *where[key], n)
              for key, n in counts.items()]
    return sorted(labels, key=lambda label: (-label.weight, label.text, label.lon, label.lat))


def _named_ends(event: dict, extent: Extent) -> list[tuple[str, tuple[float, float]]]:
    props = _props(event)
    coords = event_coordinates(event)
    ends = [(props.get("place"), coords[-1])]
    origin = props.get("origin")
    if len(coords) > 1 and origin:
        if extent.contains(*coords[0]):
            ends.append((origin, coords[0]))
        else:
            ends.append((f"from {origin}", _where_route_enters(coords, extent)))
    return [(str(name), point) for name, point in ends if name]


def _where_route_enters(coords: Sequence[tuple[float, float]], extent: Extent,
                        ) -> tuple[float, float]:
    """The first point of the route, walking back from its end, before it leaves the frame."""
    route = densify_route(coords)
    inside = route[-1]
    for point in reversed(route):
        if not extent.contains(*point):
            break
        inside = point
    return inside


def _draw_labels(ax, labels: Sequence[_Label], style: dict) -> None:
    """Place names beside their markers, skipping any that would overlap an earlier one."""
    from matplotlib import patheffects

    font = style["font_pt"]["label"]
    px_per_pt = style["dpi"] / 72
    taken: list[tuple[float, float, float, float]] = []
    outline = [patheffects.withStroke(linewidth=3.5, foreground="white")]
    for label in labels[: style["max_labels"]]:
        x, y = ax.transData.transform((label.lon, label.lat))
        width = 0.58 * font * px_per_pt * len(label.text)
        height = 1.3 * font * px_per_pt
        gap = style["marker_pt"] * px_per_pt * 0.7
        spot = _free_spot(x, y, width, height, gap, taken, ax.bbox.extents)
        if spot is None:
            continue
        taken.append(spot)
        left, bottom = spot[0], spot[1]
        lon, lat = ax.transData.inverted().transform((left, bottom + height / 2))
        ax.text(lon, lat, label.text, fontsize=font, ha="left", va="center", zorder=6,
                color=style["colors"]["text"], path_effects=outline)


def _free_spot(x: float, y: float, width: float, height: float, gap: float,
               taken: list[tuple[float, float, float, float]], frame: Sequence[float],
               ) -> tuple[float, float, float, float] | None:
    for dx, dy in _LABEL_OFFSETS:
        left = x + gap if dx > 0 else x - gap - width if dx < 0 else x - width / 2
        bottom = y + gap if dy > 0 else y - gap - height if dy < 0 else y - height / 2
        box = (left, bottom, left + width, bottom + height)
        inside = frame[0] <= box[0] and box[2] <= frame[2] and frame[1] <= box[1] and box[3] <= frame[3]
        if inside and not any(_overlap(box, other) for other in taken):
            return box
    return None


def _overlap(a: Sequence[float], b: Sequence[float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


# ---------------------------------------------------------------- legend and text

def _draw_legend(ax, events: Sequence[dict], style: dict) -> None:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    present = {canonical_type(_props(event).get("type")) for event in events}
    lines = {canonical_type(_props(e).get("type")) for e in events if len(event_coordinates(e)) > 1}
    handles = []
    for name, kind in TYPE_STYLES.items():  # the styles file's order, the same as the HTML
        if name in lines:
            handles.append(Line2D([], [], color=kind["color"], linewidth=3, label=kind["label"],
                                  marker=">", markersize=9))
        elif name in present:
            scale = math.sqrt(style["marker_scale"].get(kind["marker"], 1.0))
            handles.append(Line2D([], [], linestyle="none", marker=kind["marker"],
                                  markersize=13 * scale,
                                  markerfacecolor=kind["color"], markeredgecolor="white",
                                  label=kind["label"]))
    if any(_is_vague(event) for event in events):
        handles.append(Line2D([], [], linestyle="none", marker="o", markersize=13,
                              markerfacecolor="white", markeredgecolor=style["colors"]["muted"],
                              markeredgewidth=2, label="Vague place or date"))
    if any(_vague_place(event) for event in events):
        handles.append(Patch(facecolor=style["colors"]["halo_edge"], alpha=0.25, linestyle="--",
                             edgecolor=style["colors"]["halo_edge"], label="Location uncertainty"))
    if handles:
        legend = ax.legend(handles=handles, loc=_emptiest_corner(ax, events),
                           fontsize=style["font_pt"]["legend"],
                           frameon=True, framealpha=0.92, borderpad=0.8, labelspacing=0.6)
        legend.set_zorder(7)


def _emptiest_corner(ax, events: Sequence[dict]) -> str:
    """The corner with the fewest events, so the legend hides as little as possible."""
    points = [ax.transAxes.inverted().transform(ax.transData.transform(point))
              for event in events for point in event_coordinates(event)]
    corners = {"lower left": (0, 0), "lower right": (1, 0), "upper left": (0, 1),
               "upper right": (1, 1)}

    def crowding(corner: str) -> int:
        cx, cy = corners[corner]
        return sum(1 for x, y in points if abs(x - cx) < 0.3 and abs(y - cy) < 0.55)

    return min(corners, key=crowding)


def _draw_header_and_footer(figure, title: str, subtitle: str, style: dict, unlocated: int,
                            ) -> None:
    width_px, height_px = style["size_px"]
    colors, fonts = style["colors"], style["font_pt"]
    left = 28 / width_px
    figure.text(left, 1 - 16 / height_px, _shorten(title, 90), fontsize=fonts["title"],
                fontweight="bold", color=colors["text"], va="top")
    figure.text(left, 1 - 70 / height_px, _shorten(subtitle, 150), fontsize=fonts["subtitle"],
                color=colors["muted"], va="top")
    note = style["footer"]
    if unlocated:
        note = f"{unlocated} event{'s' if unlocated != 1 else ''} without a place not shown. {note}"
    figure.text(left, style["footer_px"] / 2 / height_px, note, fontsize=fonts["footer"],
                color=colors["muted"], va="center")


def _shorten(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
