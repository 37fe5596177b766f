"""Building a map folder: maps, index, PNGs and deck; atomic, deterministic, clean."""
from __future__ import annotations

import copy
import zipfile
from datetime import date
from pathlib import Path

import pytest
from PIL import Image

import geomap.maps
from geomap.export.geometry import Extent, events_extent, focus_extent, geodesic_circle
from geomap.export.png import render_window_png
from geomap.maps import assert_self_contained
from geomap.maps.build import BuildError, build_maps
from geomap.maps.index_page import describe_counts, safe_url

HOSTILE = "<script>alert('x')</script> & friends"


def event(ident, kind, typ, coords, start, end=None, *, article="a.txt", place="Baghdad",
          origin=None, geo="city", unc=5.0, sources=None, evidence="They said so."):
    geometry = ({"type": "LineString", "coordinates": coords} if isinstance(coords[0], list)
                else {"type": "Point", "coordinates": coords})
    return {"type": "Feature", "geometry": geometry, "properties": {
        "id": ident, "article": article, "kind": kind, "type": typ,
        "date_start": start, "date_end": end or start, "date_precision": "day" if start else None,
        "place": place, "place_id": None, "origin": origin, "origin_id": None,
        "geo_precision": geo, "uncertainty_km": unc, "actors": [], "assets": [],
        "fatalities": None, "injuries": None, "evidence": evidence, "confidence": 0.8,
        "sources": sources if sources is not None else [
            {"article": article, "title": f"Report {article}", "outlet": "Wire",
             "published": "2020-01-02", "url": f"https://news.example/{article}"}]}}


def place(article, name, lon, lat):
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": {"id": f"p-{name}", "article": article, "mention": name,
                           "mentions": [name], "name": name, "kind": "city", "country": "IQ",
                           "source": "test", "count": 1, "uncertainty_km": 5.0}}


def fc(features):
    return {"type": "FeatureCollection", "features": features}


@pytest.fixture
def events_fc():
    return fc([
        event("ev-1", "incident", "rocket_attack", [44.39, 33.30], "2020-01-01", article="a.txt"),
        event("ev-2", "movement", "flight", [[-79.01, 35.17], [51.31, 25.12]], "2020-01-03",
              article="b.txt", place="Al Udeid Air Base", origin="Pope Army Airfield"),
        event("ev-3", "incident", "airstrike", [40.99, 34.39], "2020-01-04", "2020-01-07",
              article="c.txt", place="Al-Qa'im"),
        event("ev-4", "incident", "seizure", [56.4, 26.6], "2020-01-20", article="e.txt",
              place="Strait of Hormuz", geo="waterbody", unc=60.0,
              sources=[{"article": "e.txt", "title": HOSTILE, "outlet": "<b>Outlet</b>",
                        "published": "2020-01-20", "url": "javascript:alert(1)"}]),
        event("ev-5", "incident", "drone_attack", [44.0, 36.2], None, article="d.txt",
              place="Erbil", evidence="Drones struck <img src=x onerror=alert(1)> a base."),
    ])


@pytest.fixture
def places_fc():
    return fc([place("a.txt", "Baghdad", 44.4, 33.3), place("b.txt", "Al Udeid", 51.3, 25.1),
               place("c.txt", "Qaim", 41.0, 34.4), place("d.txt", "Erbil", 44.0, 36.2),
               place("e.txt", "Hormuz", 56.4, 26.6)])


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


WEEK1, WEEK2, WEEK4 = "2019-12-30_2020-01-05", "2020-01-06_2020-01-12", "2020-01-20_2020-01-26"


# ---------------------------------------------------------------- maps and index

def test_build_writes_one_map_per_window_and_an_index(tmp_path, events_fc, places_fc):
    lines: list[str] = []
    summary = build_maps(events_fc, places_fc, tmp_path, progress=lines.append, title="Gulf")
    assert (summary.windows, summary.events, summary.undated) == (3, 4, 1)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "index.html", f"map-{WEEK1}.html", f"map-{WEEK2}.html", f"map-{WEEK4}.html"]
    assert [p.name for p in summary.files][-1] == "index.html"
    assert len(lines) == 3 and "Week of 30 Dec 2019: 2 incidents, 1 movement" in lines[0]
    first = (tmp_path / f"map-{WEEK1}.html").read_text()
    assert "Week of 30 Dec 2019" in first and "2 incidents, 1 movement" in first
    assert_self_contained(first)


def test_index_lists_windows_in_order_undated_and_sources(tmp_path, events_fc, places_fc):
    build_maps(events_fc, places_fc, tmp_path, title="Gulf")
    index = (tmp_path / "index.html").read_text()
    assert_self_contained(index)
    positions = [index.index(f'href="map-{slug}.html"') for slug in (WEEK1, WEEK2, WEEK4)]
    assert positions == sorted(positions)
    assert "Week of 6 Jan 2020" in index and "6–12 Jan 2020" in index
    assert "Undated events (1)" in index and "Drones struck" in index
    assert "Report a.txt" in index and 'href="https://news.example/a.txt"' in index
    assert "<svg" in index and "<script" not in index
    assert ".png" not in index  # no PNGs were made, so none are linked


def test_index_escapes_hostile_article_text(tmp_path, events_fc, places_fc):
    build_maps(events_fc, places_fc, tmp_path)
    index = (tmp_path / "index.html").read_text()
    assert "<script>alert" not in index and "&lt;script&gt;alert(&#39;x&#39;)" in index
    assert "<img src=x" not in index and "&lt;img src=x onerror=alert(1)&gt;" in index
    assert "<b>Outlet</b>" not in index
    assert "javascript:" not in index


def test_each_window_gets_the_places_of_its_articles(tmp_path, events_fc, places_fc, monkeypatch):
    seen: dict[str, list[str]] = {}
    real = geomap.maps.render_window_map

    def spy(events, places, *, title, subtitle=""):
        seen[title] = [p["properties"]["name"] for p in places]
        return real(events, places, title=title, subtitle=subtitle)

    monkeypatch.setattr(geomap.maps, "render_window_map", spy)
    build_maps(events_fc, places_fc, tmp_path)
    assert seen == {"Week of 30 Dec 2019": ["Baghdad", "Al Udeid", "Qaim"],
                    "Week of 6 Jan 2020": ["Qaim"], "Week of 20 Jan 2020": ["Hormuz"]}


def test_date_filter_and_window_size(tmp_path, events_fc, places_fc):
    summary = build_maps(events_fc, places_fc, tmp_path, window="month",
                         date_from=date(2020, 1, 5), date_to=date(2020, 1, 31))
    assert (summary.windows, summary.events) == (1, 2)
    assert (tmp_path / "map-2020-01.html").exists()


def test_nothing_dated_still_writes_an_index(tmp_path, places_fc):
    summary = build_maps(fc([event("u", "incident", "other", [44.0, 33.0], None)]), places_fc,
                         tmp_path)
    assert summary.windows == 0 and summary.undated == 1
    assert [p.name for p in tmp_path.iterdir()] == ["index.html"]


@pytest.mark.parametrize("events, message", [
    ({"type": "Feature"}, "events: expected a GeoJSON FeatureCollection"),
    ({"type": "FeatureCollection", "features": {}}, "'features' must be a list"),
    ({"type": "FeatureCollection", "features": [3]}, "feature #0 is not a Feature"),
])
def test_bad_input_is_a_clear_error(tmp_path, places_fc, events, message):
    with pytest.raises(BuildError, match=message):
        build_maps(events, places_fc, tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_from_after_to_is_a_clear_error(tmp_path, events_fc, places_fc):
    with pytest.raises(ValueError, match="after --to"):
        build_maps(events_fc, places_fc, tmp_path, date_from=date(2020, 2, 1),
                   date_to=date(2020, 1, 1))


def test_describe_counts_and_safe_url():
    incident = event("i", "incident", "airstrike", [0, 0], "2020-01-01")
    movement = event("m", "movement", "flight", [0, 0], "2020-01-01")
    assert describe_counts([incident, incident, movement]) == "2 incidents, 1 movement"
    assert describe_counts([movement, movement]) == "2 movements"
    assert safe_url(" https://a.example/x ") == "https://a.example/x"
    assert [safe_url(u) for u in ("javascript:alert(1)", "file:///etc/passwd", "http://", None)] \
        == [None] * 4


# ---------------------------------------------------------------- determinism, clean, atomicity

def test_two_builds_are_byte_identical(tmp_path, events_fc, places_fc):
    one, two = tmp_path / "one", tmp_path / "two"
    build_maps(events_fc, places_fc, one, png=True, pptx=True)
    build_maps(copy.deepcopy(events_fc), copy.deepcopy(places_fc), two, png=True, pptx=True)
    first, second = snapshot(one), snapshot(two)
    assert sorted(first) == sorted(second) and "briefing.pptx" in first
    for name in first:
        assert first[name] == second[name], name


def test_without_clean_nothing_else_is_touched(tmp_path, events_fc, places_fc):
    build_maps(events_fc, places_fc, tmp_path, png=True)
    (tmp_path / "notes.txt").write_text("mine")
    before = snapshot(tmp_path)
    summary = build_maps(events_fc, places_fc, tmp_path, date_to=date(2020, 1, 10))
    after = snapshot(tmp_path)
    assert summary.removed == [] and sorted(after) == sorted(before)
    for name in (f"map-{WEEK4}.html", f"map-{WEEK4}.png", "notes.txt", f"map-{WEEK1}.png"):
        assert after[name] == before[name]


def test_clean_removes_only_maps_of_windows_that_are_gone(tmp_path, events_fc, places_fc):
    build_maps(events_fc, places_fc, tmp_path, png=True)
    (tmp_path / "notes.txt").write_text("mine")
    (tmp_path / "map-notes.txt").write_text("not a map")
    summary = build_maps(events_fc, places_fc, tmp_path, date_to=date(2020, 1, 10), clean=True)
    assert sorted(p.name for p in summary.removed) == [f"map-{WEEK4}.html", f"map-{WEEK4}.png"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "index.html", f"map-{WEEK1}.html", f"map-{WEEK1}.png", f"map-{WEEK2}.html",
        f"map-{WEEK2}.png", "map-notes.txt", "notes.txt"]


def test_a_crash_mid_build_leaves_the_previous_maps_intact(tmp_path, events_fc, places_fc,
                                                          monkeypatch):
    build_maps(events_fc, places_fc, tmp_path, png=True, title="First")
    before = snapshot(tmp_path)
    real = geomap.maps.render_window_map
    calls = []

    def crash_on_second(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("renderer died")
        return real(*args, **kwargs)

    monkeypatch.setattr(geomap.maps, "render_window_map", crash_on_second)
    changed = copy.deepcopy(events_fc)
    changed["features"][0]["properties"]["type"] = "airstrike"  # the first map would change
    with pytest.raises(RuntimeError, match="renderer died"):
        build_maps(changed, places_fc, tmp_path, png=True, clean=True, title="Second")
    assert snapshot(tmp_path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(before)  # no temp files or dirs


# ---------------------------------------------------------------- PNG and deck

def test_png_is_1920_by_1080(tmp_path, events_fc):
    out = tmp_path / "w.png"
    features = events_fc["features"] + [{"type": "Feature", "geometry": None,
                                         "properties": {"id": "nowhere", "type": "other"}}]
    render_window_png(features, "Week of 30 Dec 2019", "30 Dec 2019 – 5 Jan 2020", out)
    with Image.open(out) as image:
        assert image.size == (1920, 1080) and image.format == "PNG"
        assert "Software" not in image.info


def test_deck_has_a_title_slide_and_one_linked_slide_per_window(tmp_path, events_fc, places_fc):
    from pptx import Presentation

    build_maps(events_fc, places_fc, tmp_path, pptx=True, title="Gulf briefing")
    deck = Presentation(str(tmp_path / "briefing.pptx"))
    slides = list(deck.slides)
    assert len(slides) == 1 + 3
    assert slides[0].shapes.title.text == "Gulf briefing"
    for slide, slug, label in zip(slides[1:], (WEEK1, WEEK2, WEEK4),
                                  ("Week of 30 Dec 2019", "Week of 6 Jan 2020",
                                   "Week of 20 Jan 2020")):
        assert slide.shapes.title.text == label
        pictures = [s for s in slide.shapes if s.shape_type == 13]
        assert [p.click_action.hyperlink.address for p in pictures] == [f"map-{slug}.html"]
    with zipfile.ZipFile(tmp_path / "briefing.pptx") as package:
        assert {info.date_time for info in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}


# ---------------------------------------------------------------- geometry

def test_focus_extent_drops_far_origins_but_keeps_the_theatre():
    flight = event("f", "movement", "flight", [[-79.0, 35.2], [51.3, 25.1]], "2020-01-01")
    strike = event("s", "incident", "airstrike", [41.0, 34.4], "2020-01-01")
    box = focus_extent([flight, strike])
    assert box.contains(51.3, 25.1) and box.contains(41.0, 34.4)
    assert not box.contains(-79.0, 35.2)
    near = event("n", "movement", "transit", [[50.0, 26.0], [56.0, 26.5]], "2020-01-01")
    assert focus_extent([near, strike]).contains(50.0, 26.0)


def test_extent_has_a_minimum_span_and_fits_a_frame():
    box = events_extent([event("s", "incident", "airstrike", [41.0, 34.4], "2020-01-01")],
                        min_span=8.0)
    assert box.width == pytest.approx(8.0) and box.height == pytest.approx(8.0)
    fitted = Extent(40, 30, 50, 40).fitted(1920, 1080)
    assert fitted.width * fitted.aspect_scale / fitted.height == pytest.approx(1920 / 1080)


def test_geodesic_circle_has_the_radius():
    from pyproj import Geod

    ring = geodesic_circle(44.4, 33.3, 100.0)
    distances = [Geod(ellps="WGS84").inv(44.4, 33.3, lon, lat)[2] for lon, lat in ring]
    assert min(distances) == pytest.approx(100_000, rel=1e-6)
    assert max(distances) == pytest.approx(100_000, rel=1e-6)
    assert ring[0] == ring[-1]


# ---------------------------------------------------------------- in a real browser

CHROMIUM = Path("/usr/bin/chromium")


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium")
def test_index_and_its_links_work_from_a_local_http_server(tmp_path, events_fc, places_fc):
    import functools
    import http.server
    import threading

    sync_api = pytest.importorskip("playwright.sync_api")
    build_maps(events_fc, places_fc, tmp_path, png=True)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}/"
    try:
        with sync_api.sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                                 args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page()
            outside: list[str] = []
            errors: list[str] = []
            page.on("pageerror", lambda err: errors.append(str(err)))
            page.route("**/*", lambda route: route.continue_()
                       if route.request.url.startswith((base, "data:"))
                       else (outside.append(route.request.url), route.abort()))
            page.goto(base + "index.html")
            assert page.locator("svg.overview circle").count() == 3   # 3 dated point events
            assert page.locator("svg.overview polyline").count() == 1  # the flight
            assert page.locator("table").first.locator("tbody tr").count() == 3
            png = page.request.get(base + page.locator("a", has_text="PNG").first.get_attribute("href"))
            assert png.ok and png.headers["content-type"] == "image/png"
            page.locator("a", has_text="Week of 6 Jan 2020").first.click()
            page.wait_for_url(base + f"map-{WEEK2}.html")
            page.locator(".geomap-symbol").first.wait_for()
            assert errors == [] and outside == []
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
