"""The per-window HTML map, read back from the HTML it produces (no browser here)."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import folium
import pytest
import shapely
from shapely.geometry import shape

from geomap.maps import (MapInputError, OfflineError, SYMBOLS, TYPE_STYLES, assert_self_contained,
                         render_window_map)
from geomap.maps.geometry import arrow_bearing, densify_route
from geomap.maps.popup import event_popup_html, safe_link

REPO = Path(__file__).resolve().parents[1]
HOSTILE = "<script>window.__pwned=1</script><img src=x onerror=\"window.__pwned=2\">"


def event(ident: str, type_: str, coords, **props) -> dict:
    geometry = ({"type": "LineString", "coordinates": coords} if isinstance(coords[0], list)
                else {"type": "Point", "coordinates": list(coords)})
    movement = TYPE_STYLES.get(type_, {}).get("kind") == "movement"
    base = {
        "id": ident, "article": "000.txt", "kind": "movement" if movement else "incident",
        "type": type_, "date_start": "2019-12-29", "date_end": "2019-12-29",
        "date_precision": "day", "place": "Al-Qa'im", "place_id": "geonames:92138",
        "origin": None, "origin_id": None, "geo_precision": "city", "uncertainty_km": 8.0,
        "actors": ["Kataib Hezbollah"], "assets": [], "fatalities": None, "injuries": None,
        "evidence": "US aircraft struck five sites.", "confidence": 0.8,
        "sources": [{"article": "000.txt", "title": "US strikes militia", "outlet": "Wire",
                     "published": "2019-12-30", "url": "https://news.example/a"}],
    }
    base.update(props)
    return {"type": "Feature", "geometry": geometry, "properties": base}


def place(name: str, lon: float, lat: float) -> dict:
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": {"id": f"test:{name}", "name": name, "mention": name, "mentions": [name],
                           "kind": "city", "country": "IQ", "source": "world", "count": 2,
                           "article": "000.txt", "uncertainty_km": 10}}


def window_events() -> list[dict]:
    return [
        event("ev-a", "airstrike", [40.99, 34.39], fatalities=25, injuries=55),
        event("ev-b", "rocket_attack", [44.39, 35.47], place="K-1 Air Base", fatalities=1),
        event("ev-c", "storming", [44.40, 33.30], place="US Embassy Baghdad"),
        event("ev-d", "flight", [[-79.01, 35.17], [51.3, 25.1]], place="Middle East",
              origin="Pope Army Airfield", assets=["B-52"], geo_precision="region",
              uncertainty_km=600.0, date_start="2020-12-28", date_end="2021-01-03",
              date_precision="week"),
        event("ev-e", "deployment", [56.3, 26.6], place="Strait of Hormuz",
              geo_precision="waterbody", uncertainty_km=60.0, assets=["USS Georgia"]),
        event("ev-f", "missile_attack", [42.44, 33.8], evidence=HOSTILE, sources=[
            {"article": "x.txt", "title": HOSTILE, "outlet": "<b>outlet</b>", "published": None,
             "url": "javascript:window.__pwned=3"}]),
        event("ev-g", "mystery_type", [53.0, 32.0], place="Iran", geo_precision="country",
              uncertainty_km=400.0),
    ]


LAYER_DECLARATION = r"var (geo_json_\w+) = L\.geoJson\(null, \{(?:(?!L\.geoJson).)*?\"geomapLayer\": \"(\w+)\""


def layer_variables(html: str) -> dict[str, str]:
    """geomap layer id -> the JS variable folium gave it."""
    return {layer_id: var for var, layer_id in re.findall(LAYER_DECLARATION, html, re.S)}


def layer_features(html: str) -> dict[str, list[dict]]:
    """Features of each geomap layer, read from the data folium embeds in the page."""
    layers = {}
    for layer_id, var in layer_variables(html).items():
        data = re.search(re.escape(var) + r"_add\((\{.*?\})\);\n", html).group(1)
        layers[layer_id] = json.loads(data)["features"]
    return layers


@pytest.fixture(scope="module")
def window_html() -> str:
    return render_window_map(window_events(), [place("Baghdad", 44.39, 33.34)],
                             title="Window 3 <script>alert(1)</script>", subtitle="7 events")


def test_map_links_no_script_or_stylesheet(window_html):
    assert_self_contained(window_html)
    assert not re.search(r"<(script|link)\b[^>]*\b(src|href)=", window_html)
    assert "cdn.jsdelivr" not in window_html and "code.jquery.com" not in window_html
    assert "L.Icon.Default.mergeOptions" in window_html


def test_each_layer_holds_its_events(window_html):
    layers = layer_features(window_html)
    assert {f["properties"]["id"] for f in layers["incidents"]} == {"ev-a", "ev-b", "ev-c", "ev-f", "ev-g"}
    assert {f["properties"]["id"] for f in layers["movements"]} == {"ev-d", "ev-e"}
    assert {f["properties"]["id"] for f in layers["uncertainty"]} == {"ev-d", "ev-e", "ev-g"}
    assert [f["properties"]["id"] for f in layers["places"]] == ["test:Baghdad"]


def test_places_layer_is_off_by_default_and_control_is_last(window_html):
    places_var = layer_variables(window_html)["places"]
    assert f"{places_var}.addTo(" not in window_html
    assert window_html.rindex("L.control.layers(") > window_html.rindex("L.geoJson(")
    assert '"Places named" : ' + places_var in window_html


def test_long_route_follows_the_great_circle_with_arrow_at_destination(window_html):
    flight = next(f for f in layer_features(window_html)["movements"] if f["properties"]["id"] == "ev-d")
    line, head = flight["geometry"]["geometries"]
    assert len(line["coordinates"]) > 50
    assert head["coordinates"] == [51.3, 25.1] == line["coordinates"][-1]
    # The great circle from North Carolina to the Gulf passes far north of both ends.
    assert max(lat for _, lat in line["coordinates"]) > 45
    assert 90 < flight["properties"]["bearing"] < 180   # arriving heading south-east


def test_unknown_type_is_drawn_as_other_and_imprecision_is_flagged(window_html):
    by_id = {f["properties"]["id"]: f["properties"]
             for feats in layer_features(window_html).values() for f in feats}
    assert by_id["ev-g"]["type"] == "other" and by_id["ev-g"]["color"] == TYPE_STYLES["other"]["color"]
    assert by_id["ev-g"]["vague_place"] is True and "vague_date" not in by_id["ev-g"]
    assert by_id["ev-d"]["vague_date"] is True
    assert "vague_place" not in by_id["ev-a"]
    assert "place known only to the country" in by_id["ev-g"]["popup_html"]
    assert "date known only to the week of 2020-12-28" in by_id["ev-d"]["popup_html"]


def test_hostile_text_is_escaped_everywhere(window_html):
    assert "<script>window.__pwned" not in window_html
    assert "<script>alert(1)</script>" not in window_html
    assert "Window 3 &lt;script&gt;alert(1)&lt;/script&gt;" in window_html
    popup = next(f["properties"]["popup_html"] for f in layer_features(window_html)["incidents"]
                 if f["properties"]["id"] == "ev-f")
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in popup
    assert "&lt;img src=x onerror=&quot;" in popup
    assert "javascript:" not in popup  # a non-http URL is dropped, its title kept as text
    assert "href" not in popup and "&lt;b&gt;outlet&lt;/b&gt;" in popup


@pytest.mark.parametrize("url, linked", [
    ("https://news.example/a?b=1&c=2", True),
    ("http://news.example/", True),
    ("javascript:alert(1)", False),
    ("JaVaScRiPt:alert(1)", False),
    ("data:text/html,<script>", False),
    ("https://x.example/\" onmouseover=\"alert(1)", False),
    ("//cdn.example/x", False),
    (None, False),
])
def test_only_http_links_become_anchors(url, linked):
    html = safe_link(url, "Title")
    assert ("<a href=" in html) is linked
    if linked:
        assert 'rel="noopener noreferrer"' in html and 'target="_blank"' in html
        assert "&amp;c=2" in html or "&" not in url


def test_popup_lists_every_source_and_the_facts():
    props = event("ev-z", "flight", [[-79.0, 35.2], [51.3, 25.1]], origin="Pope Army Airfield",
                  assets=["B-52", "KC-135"], fatalities=0, injuries=None,
                  sources=[{"title": "One", "outlet": "A", "published": "2020-01-01", "url": "https://a.example"},
                           {"title": None, "article": "002.txt", "outlet": None, "published": None, "url": None}],
                  )["properties"]
    html = event_popup_html(props)
    for text in ("Flight", "2019-12-29", "Pope Army Airfield", "B-52, KC-135", "Kataib Hezbollah",
                 "0 killed", "US aircraft struck five sites.", "One", "(A, 2020-01-01)", "002.txt"):
        assert text in html
    assert html.count("<li>") == 2 and "injured" not in html


def test_same_input_gives_identical_bytes_even_in_another_process(window_html, tmp_path):
    again = render_window_map(window_events(), [place("Baghdad", 44.39, 33.34)],
                              title="Window 3 <script>alert(1)</script>", subtitle="7 events")
    assert again == window_html
    assert not re.search(r"_[0-9a-f]{32}\b", window_html)
    script = tmp_path / "render.py"
    script.write_text(
        "import sys, json\nsys.path.insert(0, %r)\nimport test_maps_html as t\n"
        "from geomap.maps import render_window_map\n"
        "sys.stdout.write(render_window_map(t.window_events(), [t.place('Baghdad', 44.39, 33.34)],"
        " title='Window 3 <script>alert(1)</script>', subtitle='7 events'))\n" % str(Path(__file__).parent))
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run([sys.executable, str(script)], capture_output=True, check=True, env=env).stdout
    assert out.decode("utf-8") == window_html


def test_legend_lists_types_present_in_styles_order(window_html):
    legend = window_html[window_html.index('<div class="geomap-legend"'):]
    legend = legend[:legend.index("</div>")]
    labels = re.findall(r"<span>([^<(]+?)(?: \(\d+\))?</span>", legend)
    assert labels[:6] == ["Airstrike", "Missile attack", "Rocket attack", "Storming",
                          "Other incident", "Deployment"]
    assert "Flight" in labels and "movement, arrow at destination" in labels
    assert "dashed: date approximate" in labels


def test_view_fits_the_events_and_defaults_to_the_middle_east():
    html = render_window_map([event("ev-a", "airstrike", [40.99, 34.39])], [], title="One")
    bounds = json.loads(re.search(r"map_\w+\.fitBounds\(\s*(\[\[.*?\]\])", html, re.S).group(1))
    assert bounds[0][0] <= 34.39 <= bounds[1][0] and bounds[0][1] <= 40.99 <= bounds[1][1]
    empty = render_window_map([], [], title="Empty window")
    assert not re.search(r"map_\w+\.fitBounds\(", empty) and "No events in this window" in empty
    assert re.search(r"center: \[29\.5, 47\.0\]", empty)
    assert layer_features(empty)["incidents"] == []


def test_online_tiles_are_optional_base_layers():
    online = render_window_map([], [], title="t", online_tiles=True)
    offline = render_window_map([], [], title="t", online_tiles=False)
    assert "tile.openstreetmap.org" in online and "Borders only (offline)" in online
    assert "L.tileLayer" not in offline and "tile.openstreetmap.org" not in offline
    assert "L.geoJson(" in offline and '"geomapLayer": "basemap"' not in offline  # basemap is literal
    assert 'geomapLayer: "basemap"' in offline


@pytest.mark.parametrize("bad, message", [
    ({"type": "Feature", "geometry": {"type": "Polygon", "coordinates": []}, "properties": {"id": "ev-p"}},
     r"event #0 \(ev-p\): geometry must be Point or LineString"),
    ({"type": "Feature", "geometry": None, "properties": {}}, r"event #0: not a GeoJSON Feature"),
    ({"type": "Feature", "geometry": {"type": "Point", "coordinates": [200, 10]}, "properties": {}},
     r"out of range"),
    ({"type": "Feature", "geometry": {"type": "Point", "coordinates": ["a", None]}, "properties": {}},
     r"bad coordinates"),
    ("not a feature", r"event #0: not a GeoJSON Feature"),
])
def test_bad_input_gives_a_clear_error(bad, message):
    with pytest.raises(MapInputError, match=message):
        render_window_map([bad], [], title="t")


def test_guard_refuses_a_default_folium_map():
    html = folium.Map().get_root().render()
    with pytest.raises(OfflineError, match=r"<script src=https://cdn\.jsdelivr\.net/npm/leaflet@1\.9\.3"):
        assert_self_contained(html)


@pytest.mark.parametrize("snippet", [
    '<link rel="stylesheet" href="//cdn.example/x.css">',
    "<style>@import 'https://fonts.example/a.css';</style>",
    "<style>.a{background:url(https://img.example/bg.png)}</style>",
    '<div style="background-image: url(\'http://img.example/x.png\')"></div>',
    '<script src="local.js"></script>',
])
def test_guard_refuses_any_fetched_script_or_style(snippet):
    with pytest.raises(OfflineError, match="would fetch"):
        assert_self_contained(f"<html><head>{snippet}</head><body></body></html>")


def test_guard_accepts_inline_text_links_and_data_uris():
    assert_self_contained(
        "<html><head><style>.a{background:url(data:image/png;base64,AAAA)}</style>"
        "<script>var s = '<script src=\"https://x.example/a.js\"><\\/script><style>url(http://x)';</script>"
        "</head><body><a href=\"https://leafletjs.com\">Leaflet</a><img src=\"https://tile.example/1.png\">"
        "</body></html>")


def test_styles_cover_every_type_in_the_interchange_doc():
    doc = (REPO / "docs" / "interchange.md").read_text("utf-8")
    row = re.search(r"\| type \| str \| incident: (.*?); movement: (.*?) \|", doc)
    incident, movement = (set(map(str.strip, part.split(","))) for part in row.groups())
    assert incident | movement <= set(TYPE_STYLES)
    assert {t for t in incident if TYPE_STYLES[t]["kind"] == "incident"} == incident
    assert {t for t in movement if TYPE_STYLES[t]["kind"] == "movement"} == movement
    assert all(TYPE_STYLES[t]["symbol"] in SYMBOLS and TYPE_STYLES[t]["marker"] for t in TYPE_STYLES)
    assert len({(s["color"], s["symbol"]) for s in TYPE_STYLES.values()}) == len(TYPE_STYLES)


def test_shipped_basemap_is_small_valid_and_covers_the_region():
    path = REPO / "geomap" / "maps" / "data" / "world.geojson"
    assert path.stat().st_size <= 200_000
    features = json.loads(path.read_text("utf-8"))["features"]
    names = {f["properties"]["name"] for f in features}
    assert {"Iraq", "Iran", "Syria", "Kuwait", "Bahrain", "Qatar", "Israel", "Yemen",
            "United States of America"} <= names
    geoms = [shape(f["geometry"]) for f in features]
    assert all(g.is_valid for g in geoms)
    assert all(p.bounds[2] - p.bounds[0] < 180 for g in geoms for p in shapely.get_parts(g))


def test_densified_route_is_continuous_across_the_antimeridian():
    route = densify_route([(170.0, 10.0), (-170.0, 12.0)])
    assert all(abs(b[0] - a[0]) < 5 for a, b in zip(route, route[1:]))
    assert route[-1][0] == pytest.approx(190.0)
    assert arrow_bearing(route) == pytest.approx(90, abs=10)


def test_template_syntax_in_article_text_is_shown_not_evaluated():
    evidence = "{{ 7*7 }} then {% if x %} and {# note"
    html = render_window_map([event("ev-{{1}}", "airstrike", [40.99, 34.39], evidence=evidence)], [],
                             title="{{ 6*7 }}")
    popup = layer_features(html)["incidents"][0]["properties"]["popup_html"]
    assert "&#123;&#123; 7*7 &#125;&#125; then &#123;% if x %&#125;" in popup
    assert ">49<" not in html and ">42<" not in html and "{{ 6*7 }}" in html


def test_an_inferred_date_says_so_in_the_popup():
    from geomap.maps.popup import date_phrase

    inferred = {"date_start": "2023-12-22", "date_end": "2023-12-24", "date_precision": "week", "date_inferred": True}
    assert date_phrase(inferred) == "2023-12-22 to 2023-12-24 (not stated for the event; inferred from the report)"
    stated = dict(inferred, date_inferred=False)
    assert date_phrase(stated) == "date known only to the week of 2023-12-22"
