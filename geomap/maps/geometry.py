"""Geodesy for drawing: great-circle routes, arrow bearings and the view to fit."""
from __future__ import annotations

import math
from typing import Iterable, Sequence

from pyproj import Geod

LonLat = tuple[float, float]

#: Routes are drawn with a vertex at least every this many km, so a flight from
#: North Carolina to the Gulf bends as the great circle does instead of cutting across.
DENSIFY_STEP_KM = 100.0
MAX_ROUTE_VERTICES = 256
KM_PER_DEGREE_LAT = 111.32
_WGS84 = Geod(ellps="WGS84")


def densify_route(coords: Sequence[Sequence[float]], step_km: float = DENSIFY_STEP_KM) -> list[LonLat]:
    """Vertices along the geodesic between consecutive points, longitudes kept continuous.

    Continuous (unwrapped) longitudes let Leaflet draw a route that crosses the
    antimeridian as one line rather than a stroke back across the whole map.
    """
    points = [(float(lon), float(lat)) for lon, lat, *_ in coords]
    out: list[LonLat] = [points[0]]
    for (lon1, lat1), (lon2, lat2) in zip(points, points[1:]):
        _, _, metres = _WGS84.inv(lon1, lat1, lon2, lat2)
        steps = min(MAX_ROUTE_VERTICES, max(1, math.ceil(metres / 1000.0 / step_km)))
        if steps > 1:
            out.extend(_WGS84.npts(lon1, lat1, lon2, lat2, steps - 1))
        out.append((lon2, lat2))
    return _unwrap(out)


def _unwrap(points: list[LonLat]) -> list[LonLat]:
    unwrapped = [points[0]]
    for lon, lat in points[1:]:
        prev = unwrapped[-1][0]
        lon += 360.0 * round((prev - lon) / 360.0)
        unwrapped.append((lon, lat))
    return unwrapped


def _mercator_y(lat: float) -> float:
    lat = max(-85.0, min(85.0, lat))
    return math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))


def screen_bearing(start: LonLat, end: LonLat) -> float:
    """Clockwise degrees from screen-up of the segment start->end on a Web Mercator map.

    Mercator is conformal, so this angle holds at every zoom level and the arrowhead
    can be rotated once, in Python.
    """
    dx = end[0] - start[0]
    dy = _mercator_y(end[1]) - _mercator_y(start[1])
    if dx == 0 and dy == 0:
        return 0.0
    return round(math.degrees(math.atan2(dx, dy)) % 360.0, 1)


def arrow_bearing(route: Sequence[LonLat]) -> float:
    """Bearing of the last non-degenerate segment, i.e. the direction of arrival."""
    end = route[-1]
    for start in reversed(route[:-1]):
        if start != end:
            return screen_bearing(start, end)
    return 0.0


def bounds_of(points: Iterable[LonLat], radii_km: Iterable[float] | None = None
              ) -> list[list[float]] | None:
    """``[[south, west], [north, east]]`` around the points and their halos; None if empty."""
    pts = list(points)
    if not pts:
        return None
    radii = list(radii_km) if radii_km is not None else [0.0] * len(pts)
    south = west = math.inf
    north = east = -math.inf
    for (lon, lat), radius in zip(pts, radii):
        dlat = radius / KM_PER_DEGREE_LAT
        dlon = dlat / max(0.05, math.cos(math.radians(lat)))
        south, north = min(south, lat - dlat), max(north, lat + dlat)
        west, east = min(west, lon - dlon), max(east, lon + dlon)
    return [[round(max(-85.0, south), 4), round(west, 4)], [round(min(85.0, north), 4), round(east, 4)]]
