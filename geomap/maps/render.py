"""One window's map: events, movements, uncertainty and named places on an offline basemap.

Each layer is a single ``folium.GeoJson`` whose features carry precomputed, escaped
popup HTML and drawing hints; the browser-side drawing lives in ``templates/geomap.js``.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, Mapping, Sequence

import folium
import jinja2
from branca.element import Element
from folium.utilities import JsCode

from geomap.maps import popup
from geomap.maps.geometry import arrow_bearing, bounds_of, densify_route
from geomap.maps.offline import assert_self_contained, assign_sequential_ids, inline_assets_html
from geomap.maps.styles import IMPRECISE, MOVEMENT_LINE, SYMBOLS, TYPE_STYLES, canonical_type, style_for

#: The view of an empty window: Iraq, Iran and the Gulf.
DEFAULT_CENTER = (29.5, 47.0)
DEFAULT_ZOOM = 5
FIT_PADDING_PX = (40, 40)
FIT_MAX_ZOOM = 9
COORD_DECIMALS = 4

LAYER_INCIDENTS = "Incidents"
LAYER_MOVEMENTS = "Asset movements"
LAYER_UNCERTAINTY = "Uncertainty"
LAYER_PLACES = "Places named"

ONLINE_TILES = (
    ("OpenStreetMap", "OpenStreetMap (online)"),
    ("Esri.WorldImagery", "Satellite imagery (online)"),
)
BASEMAP_PANE = "geomapBasemap"
BASEMAP_STYLE = {"color": "#8a8a8a", "weight": 0.6, "fillColor": "#ececec", "fillOpacity": 1}


class MapInputError(ValueError):
    """An event or place cannot be drawn; the message names which one and why."""


# --- package files -----------------------------------------------------------------------

def _package_text(relpath: str) -> str:
    return resources.files("geomap.maps").joinpath(relpath).read_text("utf-8")


@lru_cache(maxsize=1)
def _helpers_script() -> str:
    style = {"movement_line": dict(MOVEMENT_LINE), "imprecise": dict(IMPRECISE)}
    symbols = {name: sym["svg"] for name, sym in SYMBOLS.items()}
    js = (_package_text("templates/geomap.js")
          .replace("__SYMBOLS__", json.dumps(symbols, sort_keys=True))
          .replace("__STYLE__", json.dumps(style, sort_keys=True)))
    return f"<style>{_package_text('templates/map.css')}</style>\n<script>{js}</script>"


@lru_cache(maxsize=1)
def _chrome_template() -> jinja2.Template:
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined,
                             keep_trailing_newline=False)
    return env.from_string(_package_text("templates/chrome.html.j2"))


@lru_cache(maxsize=1)
def _basemap_js_literal() -> str:
    """The basemap as a JS literal, serialised once per process: it is the bulk of each map."""
    data = json.loads(_package_text("data/world.geojson"))
    return (json.dumps(data, separators=(",", ":"), ensure_ascii=True)
            .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


class RawHtml(Element):
    """Markup inserted as is.

    branca's ``Element(text)`` compiles ``text`` as a Jinja template: slow for the
    250 KB of inlined libraries, and wrong for text that may contain braces.
    """

    def __init__(self, html: str):
        super().__init__()
        self._html = html

    def render(self, **kwargs: Any) -> str:
        return self._html


class OfflineBasemap(Element):
    """Country polygons in their own pane below every other layer; not clickable."""

    def __init__(self, pane: str, style: Mapping[str, Any]):
        super().__init__()
        self._name = "OfflineBasemap"
        self.pane = pane
        self.style = dict(style)

    def render(self, **kwargs: Any) -> None:
        script = (f"var {self.get_name()} = L.geoJson({_basemap_js_literal()}, {{"
                  f"pane: {json.dumps(self.pane)}, interactive: false, "
                  f"style: {json.dumps(self.style, sort_keys=True)}, geomapLayer: \"basemap\""
                  f"}}).addTo({self._parent.get_name()});\n")
        self.get_root().script.add_child(RawHtml(script), name=self.get_name())


class OfflineMap(folium.Map):
    """A folium Map that links no CDN: Leaflet and jQuery are inlined by the caller."""

    default_js: list = []
    default_css: list = []


# --- events to layer features ------------------------------------------------------------

@dataclass
class Layers:
    """The features of each layer, plus what the legend and the view need to know."""

    incidents: list[dict] = field(default_factory=list)
    movements: list[dict] = field(default_factory=list)
    halos: list[dict] = field(default_factory=list)
    places: list[dict] = field(default_factory=list)
    extent: list[tuple[float, float]] = field(default_factory=list)
    extent_km: list[float] = field(default_factory=list)
    types: Counter = field(default_factory=Counter)
    flags: set[str] = field(default_factory=set)


def _round(pt: Sequence[float]) -> list[float]:
    return [round(float(pt[0]), COORD_DECIMALS), round(float(pt[1]), COORD_DECIMALS)]


def _checked_geometry(feature: Any, what: str) -> tuple[str, list]:
    """(geometry type, coordinates) of a Point or LineString feature, or a clear error."""
    if not isinstance(feature, Mapping) or not isinstance(feature.get("geometry"), Mapping):
        raise MapInputError(f"{what}: not a GeoJSON Feature with a geometry")
    geometry = feature["geometry"]
    kind, coords = geometry.get("type"), geometry.get("coordinates")
    try:
        if kind == "Point":
            points = [coords]
        elif kind == "LineString":
            points = list(coords)
        else:
            raise MapInputError(f"{what}: geometry must be Point or LineString, not {kind!r}")
        checked = [_checked_lonlat(p) for p in points]
    except (TypeError, ValueError, IndexError) as err:
        if isinstance(err, MapInputError):
            raise
        raise MapInputError(f"{what}: bad coordinates {coords!r}") from None
    if not checked:
        raise MapInputError(f"{what}: LineString has no vertices")
    return kind, checked


def _checked_lonlat(point: Any) -> tuple[float, float]:
    lon, lat = float(point[0]), float(point[1])
    if not (-180.0 <= lon <= 180.0 and -90.0 <= lat <= 90.0):
        raise MapInputError(f"coordinates out of range: [{lon}, {lat}]")
    return lon, lat


def _describe(index: int, feature: Any, noun: str) -> str:
    props = feature.get("properties") if isinstance(feature, Mapping) else None
    ident = props.get("id") if isinstance(props, Mapping) else None
    return f"{noun} #{index}" + (f" ({ident})" if ident else "")


def _is_movement(props: Mapping[str, Any]) -> bool:
    if props.get("kind") in ("incident", "movement"):
        return props["kind"] == "movement"
    return style_for(props.get("type"))["kind"] == "movement"


def _drawing_props(props: Mapping[str, Any]) -> dict[str, Any]:
    style = style_for(props.get("type"))
    out = {
        "id": popup.html_text(props.get("id") or ""),
        "type": canonical_type(props.get("type")),
        "color": style["color"],
        "symbol": style["symbol"],
        "popup_html": popup.event_popup_html(props),
        "tooltip": popup.event_tooltip_html(props),
    }
    if popup.is_vague_place(props, IMPRECISE["min_uncertainty_km"]):
        out["vague_place"] = True
    if popup.is_vague_date(props):
        out["vague_date"] = True
    return out


def _uncertainty_km(props: Mapping[str, Any]) -> float:
    try:
        return max(0.0, float(props.get("uncertainty_km") or 0.0))
    except (TypeError, ValueError):
        return 0.0


def _event_feature(kind: str, points: list[tuple[float, float]], drawn: dict) -> tuple[dict, list]:
    """The feature for one event and the points the view must include."""
    if kind == "LineString" and len(points) > 1:
        route = densify_route(points)
        drawn["bearing"] = arrow_bearing(route)
        geometry = {"type": "GeometryCollection", "geometries": [
            {"type": "LineString", "coordinates": [_round(p) for p in route]},
            {"type": "Point", "coordinates": _round(route[-1])},
        ]}
        return {"type": "Feature", "geometry": geometry, "properties": drawn}, route
    destination = points[-1]
    geometry = {"type": "Point", "coordinates": _round(destination)}
    return {"type": "Feature", "geometry": geometry, "properties": drawn}, [destination]


def _halo_feature(drawn: dict, where: tuple[float, float], radius_km: float) -> dict:
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": _round(where)},
            "properties": {"id": drawn["id"], "color": drawn["color"],
                           "halo_m": round(radius_km * 1000.0)}}


def collect_layers(events: Sequence[Any], places: Sequence[Any]) -> Layers:
    """Sort the input into layer features; raises MapInputError on a malformed feature."""
    layers = Layers()
    for index, event in enumerate(events):
        what = _describe(index, event, "event")
        kind, points = _checked_geometry(event, what)
        props = event.get("properties") or {}
        if not isinstance(props, Mapping):
            raise MapInputError(f"{what}: properties must be an object")
        drawn = _drawing_props(props)
        feature, extent = _event_feature(kind, points, drawn)
        movement = _is_movement(props)
        (layers.movements if movement else layers.incidents).append(feature)
        layers.types[drawn["type"]] += 1
        layers.flags |= _legend_flags(drawn, movement, len(points) > 1)
        radius = _uncertainty_km(props)
        if drawn.get("vague_place") and radius > 0:
            layers.halos.append(_halo_feature(drawn, points[-1], radius))
        layers.extent += extent
        layers.extent_km += [0.0] * (len(extent) - 1) + [radius if drawn.get("vague_place") else 0.0]
    layers.places = [_place_feature(i, p) for i, p in enumerate(places)]
    return layers


def _legend_flags(drawn: Mapping[str, Any], movement: bool, has_route: bool) -> set[str]:
    flags = {name for name in ("vague_place", "vague_date") if drawn.get(name)}
    if has_route:
        flags.add("routes")
    elif movement:
        flags.add("origin_unknown")
    return flags


def _place_feature(index: int, place: Any) -> dict:
    what = _describe(index, place, "place")
    kind, points = _checked_geometry(place, what)
    props = place.get("properties") or {}
    if kind != "Point" or not isinstance(props, Mapping):
        raise MapInputError(f"{what}: a named place must be a Point with properties")
    drawn = {"id": popup.html_text(props.get("id") or ""), "popup_html": popup.place_popup_html(props),
             "tooltip": popup.html_text(props.get("name") or "")}
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": _round(points[0])},
            "properties": drawn}


# --- the map -----------------------------------------------------------------------------

def _collection(features: list[dict]) -> dict:
    return {"type": "FeatureCollection", "features": features}


def _feature_layer(features: list[dict], name: str, layer_id: str, *, show: bool = True,
                   point_to_layer: str, style: str | None = None, details: bool = True,
                   interactive: bool = True) -> folium.GeoJson:
    options: dict[str, Any] = {"pointToLayer": JsCode(point_to_layer), "geomapLayer": layer_id}
    if style:
        options["style"] = JsCode(style)
    if not interactive:
        options["interactive"] = False
    return folium.GeoJson(
        _collection(features), name=name, show=show,
        on_each_feature=JsCode("geomap.bindDetails") if details else None, **options)


def _base_map(online_tiles: bool) -> folium.Map:
    m = OfflineMap(location=DEFAULT_CENTER, zoom_start=DEFAULT_ZOOM, tiles=None,
                   control_scale=True, max_zoom=18, min_zoom=2, world_copy_jump=False)
    root = m.get_root()
    root.header.add_child(RawHtml(inline_assets_html()), name="geomap_assets")
    root.header.add_child(RawHtml(_helpers_script()), name="geomap_helpers")
    folium.map.CustomPane(BASEMAP_PANE, z_index=150, pointer_events=False).add_to(m)
    OfflineBasemap(BASEMAP_PANE, BASEMAP_STYLE).add_to(m)
    if online_tiles:
        folium.FeatureGroup(name="Borders only (offline)", overlay=False, show=True).add_to(m)
        for tiles, name in ONLINE_TILES:
            folium.TileLayer(tiles, name=name, overlay=False, show=False).add_to(m)
    return m


def _add_layers(m: folium.Map, layers: Layers) -> None:
    _feature_layer(layers.halos, LAYER_UNCERTAINTY, "uncertainty", point_to_layer="geomap.haloToLayer",
                   details=False, interactive=False).add_to(m)
    _feature_layer(layers.movements, LAYER_MOVEMENTS, "movements", point_to_layer="geomap.eventToLayer",
                   style="geomap.routeStyle").add_to(m)
    _feature_layer(layers.incidents, LAYER_INCIDENTS, "incidents",
                   point_to_layer="geomap.eventToLayer").add_to(m)
    _feature_layer(layers.places, LAYER_PLACES, "places", show=False,
                   point_to_layer="geomap.placeToLayer").add_to(m)


def _legend_entries(types: Counter) -> list[dict[str, Any]]:
    """Types present, in the order of the styles file, so the legend reads the same every window."""
    return [{"label": style["label"], "color": style["color"],
             "path": SYMBOLS[style["symbol"]]["svg"], "count": types[name]}
            for name, style in TYPE_STYLES.items() if types[name]]


def _chrome_html(layers: Layers, title: str, subtitle: str) -> str:
    return _chrome_template().render(
        title=title, subtitle=subtitle, entries=_legend_entries(layers.types),
        dash=IMPRECISE["dash"], ring=SYMBOLS["ring"]["svg"], circle=SYMBOLS["circle"]["svg"],
        **{f"has_{flag}": flag in layers.flags
           for flag in ("routes", "origin_unknown", "vague_place", "vague_date")})


def _fit_view(m: folium.Map, layers: Layers) -> None:
    bounds = bounds_of(layers.extent, layers.extent_km)
    if bounds is not None:
        m.fit_bounds(bounds, padding=FIT_PADDING_PX, max_zoom=FIT_MAX_ZOOM)


def render_window_map(events: list[dict], places: list[dict], *, title: str,
                      subtitle: str = "", online_tiles: bool = True) -> str:
    """Return the complete, self-contained HTML of one window's map.

    events: GeoJSON Feature dicts as in docs/interchange.md (Point, or LineString origin->destination).
    places: GeoJSON Feature dicts from places.geojson (for the 'Places named' layer).
    Raises MapInputError on a malformed feature and OfflineError if the page would fetch
    a script or stylesheet.
    """
    layers = collect_layers(events, places)
    m = _base_map(online_tiles)
    _add_layers(m, layers)
    m.get_root().html.add_child(RawHtml(_chrome_html(layers, str(title), str(subtitle or ""))),
                                name="geomap_chrome")
    _fit_view(m, layers)
    folium.LayerControl(collapsed=False, position="topright").add_to(m)
    assign_sequential_ids(m.get_root())
    html = m.get_root().render()
    assert_self_contained(html)
    return html
