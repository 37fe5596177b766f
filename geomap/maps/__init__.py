"""Per-window HTML maps: offline, self-contained, deterministic.

``render_window_map`` turns one window's events and named places (GeoJSON Feature dicts as
in docs/interchange.md) into a single HTML file that needs no network; ``TYPE_STYLES``
is the colour and symbol of every event type, shared with the PNG exporter.
"""
from geomap.maps.offline import OfflineError, assert_self_contained
from geomap.maps.render import MapInputError, render_window_map
from geomap.maps.styles import SYMBOLS, TYPE_STYLES, style_for

__all__ = [
    "MapInputError",
    "OfflineError",
    "SYMBOLS",
    "TYPE_STYLES",
    "assert_self_contained",
    "render_window_map",
    "style_for",
]
