"""The per-window map in real headless Chromium, with every network request blocked."""
from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest

from geomap.io import write_atomic
from geomap.maps import TYPE_STYLES, render_window_map

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
HOSTILE = "<script>window.__pwned=1</script><img src=x onerror=\"window.__pwned=2\">"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium"),
]

#: Per geomap layer: how many features Leaflet holds, how many are on the map, and how
#: many symbols are in the DOM. Leaflet variables are globals in folium's page.
COUNT_LAYERS_JS = """() => {
  const out = {};
  for (const value of Object.values(window)) {
    if (value instanceof L.GeoJSON && value.options.geomapLayer) {
      out[value.options.geomapLayer] = {
        features: value.getLayers().length,
        shown: value._map ? value.getLayers().length : 0,
      };
    }
  }
  out.symbols = document.querySelectorAll('.leaflet-marker-pane .geomap-symbol').length;
  return out;
}"""


def event(ident: str, type_: str, coords, **props) -> dict:
    geometry = ({"type": "LineString", "coordinates": coords} if isinstance(coords[0], list)
                else {"type": "Point", "coordinates": list(coords)})
    base = {"id": ident, "kind": TYPE_STYLES[type_]["kind"], "type": type_,
            "date_start": "2020-01-03", "date_end": "2020-01-03", "date_precision": "day",
            "place": "Baghdad International Airport", "geo_precision": "point", "uncertainty_km": 2.0,
            "actors": [], "assets": [], "fatalities": None, "injuries": None,
            "evidence": "A strike hit a convoy.", "confidence": 0.9,
            "sources": [{"article": "001.txt", "title": "Report", "outlet": "Wire",
                         "published": "2020-01-03", "url": "https://news.example/r"}]}
    base.update(props)
    return {"type": "Feature", "geometry": geometry, "properties": base}


EVENTS = [
    event("ev-1", "targeted_killing", [44.23, 33.26], title="t", evidence=HOSTILE, sources=[
        {"article": "x.txt", "title": HOSTILE, "outlet": "<b>o</b>", "published": None,
         "url": "javascript:window.__pwned=3"}]),
    event("ev-2", "rocket_attack", [44.39, 33.30], place="Green Zone"),
    event("ev-3", "airstrike", [40.99, 34.39], place="Syria", geo_precision="country",
          uncertainty_km=250.0, date_precision="week", date_end="2020-01-09"),
    event("ev-4", "flight", [[-79.01, 35.17], [51.3, 25.1]], place="Al Udeid Air Base",
          origin="Pope Army Airfield", assets=["B-52"]),
    event("ev-5", "deployment", [56.3, 26.6], place="Strait of Hormuz", geo_precision="waterbody",
          uncertainty_km=60.0),
]
PLACES = [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [44.39, 33.34]},
           "properties": {"id": "p:baghdad", "name": "Baghdad", "mention": "Baghdad", "kind": "city",
                          "country": "IQ", "count": 2, "article": "001.txt"}}]
EXPECTED = {"incidents": 3, "movements": 2, "uncertainty": 2, "places": 1}


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def map_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("maps")
    write_atomic(folder / "window.html", render_window_map(
        EVENTS, PLACES, title="Window 1: 2020-01-01 to 2020-01-07", subtitle="5 events"))
    write_atomic(folder / "deck.html", '<!DOCTYPE html><html><body><h1>Slide</h1>'
                 '<iframe id="map" src="window.html" width="900" height="600"></iframe></body></html>')
    return folder


class Watched:
    """A page whose non-local requests are blocked and whose failures are recorded."""

    def __init__(self, browser, allowed_prefixes: tuple[str, ...] = ("file:", "data:")):
        self.page = browser.new_page(viewport={"width": 1100, "height": 700})
        self.errors: list[str] = []
        self.failed: list[str] = []
        self.page.on("console", self._on_console)
        self.page.on("pageerror", lambda err: self.errors.append(str(err)))
        self.page.on("requestfailed", lambda req: self.failed.append(req.url))
        self.page.route("**/*", lambda route: route.continue_()
                        if route.request.url.startswith(allowed_prefixes) else route.abort())

    def _on_console(self, msg) -> None:
        # Chromium also logs each failed request as a console error; requests are
        # checked through ``failed`` instead, where a blocked tile can be told apart.
        if msg.type == "error" and not msg.text.startswith("Failed to load resource"):
            self.errors.append(msg.text)

    def unexpected_failures(self) -> list[str]:
        """Failed requests other than tile images, which are the only remote thing allowed."""
        return [url for url in self.failed if not url.endswith(".png") or url.startswith("data:")]


@pytest.fixture
def page(browser, map_dir):
    watched = Watched(browser)
    watched.page.goto((map_dir / "window.html").as_uri())
    watched.page.wait_for_function("() => document.querySelectorAll('.geomap-symbol').length > 0")
    yield watched
    watched.page.close()


def test_map_loads_offline_without_errors(page):
    assert page.errors == []
    assert page.unexpected_failures() == []
    assert page.page.evaluate("() => typeof L === 'object' && typeof $ === 'function'")
    # The basemap is drawn (land polygons in their pane) and the view shows the events.
    assert page.page.locator(".leaflet-geomapBasemap-pane path").count() > 100
    assert page.page.locator(".geomap-title h1").inner_text() == "Window 1: 2020-01-01 to 2020-01-07"


def test_every_event_is_a_feature_of_its_layer(page):
    counts = page.page.evaluate(COUNT_LAYERS_JS)
    for layer, expected in EXPECTED.items():
        assert counts[layer]["features"] == expected, layer
    assert counts["places"]["shown"] == 0          # off by default
    # 3 incident symbols, 1 movement ring, 1 arrowhead.
    assert counts["symbols"] == 5


def test_toggling_a_layer_removes_its_symbols(page):
    control = page.page.locator(".leaflet-control-layers-overlays label", has_text="Incidents")
    control.locator("input").uncheck()
    counts = page.page.evaluate(COUNT_LAYERS_JS)
    assert counts["incidents"]["shown"] == 0 and counts["symbols"] == 2
    control.locator("input").check()
    places = page.page.locator(".leaflet-control-layers-overlays label", has_text="Places named")
    places.locator("input").check()
    counts = page.page.evaluate(COUNT_LAYERS_JS)
    assert counts["symbols"] == 5 and counts["places"]["shown"] == 1


def test_hostile_article_text_shows_as_text_and_never_runs(page):
    page.page.evaluate("""() => {
      for (const value of Object.values(window)) {
        if (value instanceof L.GeoJSON && value.options.geomapLayer === 'incidents') {
          value.eachLayer(l => { if (l.feature.properties.id === 'ev-1') l.openPopup(); });
        }
      }
    }""")
    popup = page.page.locator(".leaflet-popup-content")
    popup.wait_for()
    text = popup.inner_text()
    assert "<script>window.__pwned=1</script>" in text
    assert '<img src=x onerror="window.__pwned=2">' in text
    assert popup.locator("script, img").count() == 0
    assert popup.locator("a").count() == 0          # the javascript: link is not a link
    page.page.wait_for_timeout(100)
    assert page.page.evaluate("() => window.__pwned") is None
    assert page.errors == []


def test_source_links_open_safely(page):
    page.page.evaluate("""() => {
      for (const value of Object.values(window)) {
        if (value instanceof L.GeoJSON && value.options.geomapLayer === 'incidents') {
          value.eachLayer(l => { if (l.feature.properties.id === 'ev-2') l.openPopup(); });
        }
      }
    }""")
    link = page.page.locator(".leaflet-popup-content a")
    assert link.get_attribute("href") == "https://news.example/r"
    assert link.get_attribute("rel") == "noopener noreferrer" and link.get_attribute("target") == "_blank"


def test_map_works_inside_an_iframe_from_file(browser, map_dir):
    watched = Watched(browser)
    watched.page.goto((map_dir / "deck.html").as_uri())
    frame = watched.page.frame_locator("#map")
    frame.locator(".geomap-symbol").first.wait_for()
    assert frame.locator(".geomap-symbol").count() == 5
    assert watched.errors == [] and watched.unexpected_failures() == []
    watched.page.close()


def test_map_works_inside_an_iframe_from_a_local_http_server(browser, map_dir):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(map_dir))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    origin = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        watched = Watched(browser, allowed_prefixes=(origin, "data:"))
        watched.page.goto(origin + "deck.html")
        frame = watched.page.frame_locator("#map")
        frame.locator(".geomap-symbol").first.wait_for()
        assert frame.locator(".geomap-symbol").count() == 5
        assert watched.errors == [] and watched.unexpected_failures() == []
        watched.page.close()
    finally:
        server.shutdown()
        server.server_close()


def test_online_tile_layer_fails_only_for_tile_images(browser, map_dir):
    watched = Watched(browser)
    watched.page.goto((map_dir / "window.html").as_uri())
    watched.page.locator(".leaflet-control-layers-base label", has_text="OpenStreetMap").locator("input").check()
    watched.page.wait_for_timeout(300)
    assert any("tile.openstreetmap.org" in url for url in watched.failed)
    assert watched.unexpected_failures() == [] and watched.errors == []
    # The basemap stays underneath, so a briefer offline still sees borders.
    assert watched.page.locator(".leaflet-geomapBasemap-pane path").count() > 100
    watched.page.close()
