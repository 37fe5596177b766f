"""Geometry shared by the static renderings (PNG and the index page's SVG overview).

Both draw the same basemap as the HTML maps (``geomap/maps/data/world.geojson``) in a plain
equirectangular projection, cropped to the events, so a slide and the web page agree.
Routes are densified with the HTML maps' own ``geomap.maps.geometry.densify_route``.
"""
from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

__all__ = [
    "Extent", "WORLD_PATH", "load_world", "export_style", "event_coordinates", "events_extent", "focus_extent",
    "geodesic_circle",
]

WORLD_PATH = Path(__file__).resolve().parent.parent / "maps" / "data" / "world.geojson"
_STYLE_PATH = Path(__file__).resolve().parent / "data" / "png.json"


@dataclass(frozen=True, slots=True)
class Extent:
    """A lon/lat box; ``aspect_scale`` is how much narrower a degree of longitude is here."""

    west: float
    south: float
    east: float
    north: float

    @property
    def width(self) -> float:
        return self.east - self.west

    @property
    def height(self) -> float:
        return self.north - self.south

    @property
    def aspect_scale(self) -> float:
        """cos(mid-latitude): the standard parallel of the equirectangular projection."""
        return max(math.cos(math.radians((self.south + self.north) / 2)), 0.2)

    @property
    def area(self) -> float:
        return self.width * self.aspect_scale * self.height

    def contains(self, lon: float, lat: float) -> bool:
        return self.west <= lon <= self.east and self.south <= lat <= self.north

    def fitted(self, width_px: float, height_px: float) -> Extent:
        """Grow the shorter side so the box fills a ``width_px`` x ``height_px`` frame."""
        shown_width = self.width * self.aspect_scale
        want = width_px / height_px
        if shown_width / self.height < want:
            extra = (self.height * want / self.aspect_scale - self.width) / 2
            return Extent(self.west - extra, self.south, self.east + extra, self.north)
        extra = (shown_width / want - self.height) / 2
        south, north = self.south - extra, self.north + extra
        if south < -90:
            south, north = -90.0, north - south - 90
        if north > 90:
            south, north = south - (north - 90), 90.0
        return Extent(self.west, max(south, -90.0), self.east, north)


@lru_cache(maxsize=1)
def export_style() -> dict:
    """Layout and colours of the static renderings (schema in the file's ``_doc``)."""
    return json.loads(_STYLE_PATH.read_text(encoding="utf-8"))


@lru_cache(maxsize=4)
def load_world(path: Path = WORLD_PATH) -> tuple:
    """The basemap countries as shapely geometries, read once per process."""
    from shapely.geometry import shape

    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FileNotFoundError(f"basemap {path} is missing; reinstall geomap") from None
    return tuple(shape(f["geometry"]) for f in data.get("features", []) if f.get("geometry"))


def event_coordinates(event: dict) -> list[tuple[float, float]]:
    """The (lon, lat) vertices of an event's Point or LineString; [] if it has no geometry."""
    geometry = event.get("geometry") or {}
    coords = geometry.get("coordinates")
    if geometry.get("type") == "Point" and coords:
        return [(float(coords[0]), float(coords[1]))]
    if geometry.get("type") == "LineString" and coords:
        return [(float(c[0]), float(c[1])) for c in coords]
    return []


def events_extent(events: Iterable[dict], *, margin: float = 0.12, min_span: float = 6.0,
                  ) -> Extent:
    """The box around every event vertex, with a margin, never narrower than ``min_span`` degrees.

    A minimum span keeps a single event from zooming to street level, where the
    country outlines would say nothing about where it is.
    """
    points = [point for event in events for point in event_coordinates(event)]
    if not points:
        return Extent(25.0, 10.0, 65.0, 42.0)  # the Middle East: the default theatre
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    pad_x = max((east - west) * margin, (min_span - (east - west)) / 2, 0)
    pad_y = max((north - south) * margin, (min_span - (north - south)) / 2, 0)
    return Extent(max(west - pad_x, -180.0), max(south - pad_y, -90.0),
                  min(east + pad_x, 180.0), min(north + pad_y, 90.0))


def focus_extent(events: Sequence[dict], *, margin: float = 0.12, min_span: float = 6.0,
                 focus_ratio: float = 6.0) -> Extent:
    """The box to draw: around every vertex, unless far-away movement origins would shrink the
    theatre to a speck; then around where things happen (incidents, destinations) only.

    A flight from North Carolina to Qatar would otherwise leave Iraq a few pixels wide; the
    route then enters the map from its edge, labelled with where it came from.
    """
    whole = events_extent(events, margin=margin, min_span=min_span)
    ends = [_destination_only(event) for event in events]
    theatre = events_extent(ends, margin=margin, min_span=min_span)
    return theatre if whole.area > focus_ratio * theatre.area else whole


def _destination_only(event: dict) -> dict:
    coords = event_coordinates(event)
    return {"geometry": {"type": "Point", "coordinates": coords[-1]}} if coords else {}


@lru_cache(maxsize=1)
def _geod():
    from pyproj import Geod

    return Geod(ellps="WGS84")


def geodesic_circle(lon: float, lat: float, radius_km: float, points: int = 72,
                    ) -> list[tuple[float, float]]:
    """A ring of points ``radius_km`` from the centre: the uncertainty halo of a place."""
    azimuths = [360.0 * i / points for i in range(points)]
    lons, lats, _ = _geod().fwd([lon] * points, [lat] * points, azimuths,
                                [radius_km * 1000.0] * points)
    ring = list(zip(lons, lats))
    return ring + ring[:1]
