"""The online layer against a real local HTTP server that answers like Nominatim (never the internet)."""
from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from gazetteer.layers.online import (
    DEFAULT_USER_AGENT, KNOWN_KINDS, GeocoderConfigError, GeocoderError, KindRules, OnlineLayer,
    default_cache_path,
)

TANF = {
    "lat": "33.4927", "lon": "38.6175",
    "display_name": "Al-Tanf Garrison, Homs Governorate, Syria",
    "class": "military", "type": "base", "osm_type": "way", "osm_id": 123456,
    "boundingbox": ["33.4900", "33.4950", "38.6150", "38.6200"],
    "address": {"military": "Al-Tanf Garrison", "country": "Syria", "country_code": "sy"},
}
ERBIL = {
    "lat": "36.1911", "lon": "44.0092",
    "display_name": "Erbil, Erbil Governorate, Kurdistan Region, Iraq",
    "class": "place", "type": "city", "osm_type": "node", "osm_id": 42,
    "boundingbox": ["36.0311", "36.3511", "43.8492", "44.1692"],
    "address": {"city": "Erbil", "country": "Iraq", "country_code": "iq"},
    "extratags": {"population": "1,612,692"},
}
IRAQ = {
    "lat": "33.0955", "lon": "44.1749", "display_name": "Iraq",
    "class": "boundary", "type": "administrative", "addresstype": "country", "place_rank": 4,
    "osm_type": "relation", "osm_id": 304934,
    "boundingbox": ["29.0612", "37.3800", "38.7936", "48.8412"],
    "address": {"country": "Iraq", "country_code": "iq"},
}
HORMUZ = {
    "lat": "26.5667", "lon": "56.25", "display_name": "Strait of Hormuz",
    "class": "natural", "type": "strait", "osm_type": "relation", "osm_id": 9,
    "boundingbox": ["26.0", "27.0", "55.5", "57.0"], "address": {},
}
KNOWN = {"al-tanf": [TANF], "erbil": [ERBIL], "iraq": [IRAQ], "strait of hormuz": [HORMUZ]}


@dataclass
class Request:
    query: dict[str, str]
    headers: dict[str, str]
    at: float  # time.monotonic() when the server received it


@dataclass
class FakeNominatim:
    """What the server answers, and what it was asked."""

    port: int = 0
    statuses: list[int] = field(default_factory=list)  # served one per request, then 200s
    delay_seconds: float = 0.0
    requests: list[Request] = field(default_factory=list)

    @property
    def domain(self) -> str:
        return f"127.0.0.1:{self.port}"

    def layer(self, cache_path: Path, **options) -> OnlineLayer:
        options = {"min_delay_seconds": 0.0, "timeout": 2.0, **options}
        return OnlineLayer(domain=self.domain, scheme="http", cache_path=cache_path, **options)


def _handler_for(fake: FakeNominatim) -> type[BaseHTTPRequestHandler]:
    class NominatimHandler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            url = urlsplit(self.path)
            query = {name: values[0] for name, values in parse_qs(url.query).items()}
            fake.requests.append(Request(query, dict(self.headers), time.monotonic()))
            time.sleep(fake.delay_seconds)
            status = fake.statuses.pop(0) if fake.statuses else 200
            if url.path not in ("/search", "/v1/forward"):  # Nominatim's and PickPoint's
                status = 404
            body = json.dumps(KNOWN.get(query.get("q", "").lower(), []) if status == 200 else
                              {"error": "simulated"}).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            if status == 429:
                self.send_header("Retry-After", "30")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:  # keep pytest output clean
            pass

    return NominatimHandler


@pytest.fixture
def nominatim() -> Iterator[FakeNominatim]:
    fake = FakeNominatim()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(fake))
    server.daemon_threads = True  # a handler still sleeping out a timeout test must not block teardown
    fake.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield fake
    server.shutdown()
    server.server_close()


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    return tmp_path / "geocode.sqlite"


def test_results_become_places(nominatim: FakeNominatim, cache: Path) -> None:
    [tanf] = nominatim.layer(cache).lookup("Al-Tanf")

    assert tanf.id == "online:nominatim:way/123456"
    assert (tanf.name, tanf.kind, tanf.country) == ("Al-Tanf Garrison", "base", "SY")
    assert (tanf.lat, tanf.lon) == (33.4927, 38.6175)
    assert (tanf.layer, tanf.source) == ("online", "nominatim")
    assert tanf.radius_km == 1.0  # half the diagonal of this 0.5 km box is below the 1 km floor


@pytest.mark.parametrize(("query", "kind", "radius_range"), [
    ("Erbil", "city", (20, 30)),
    ("Iraq", "country", (600, 800)),
    ("Strait of Hormuz", "waterbody", (80, 100)),
])
def test_kinds_and_radius_follow_the_osm_tags_and_bounding_box(
        nominatim: FakeNominatim, cache: Path, query: str, kind: str, radius_range: tuple) -> None:
    [place] = nominatim.layer(cache).lookup(query)

    assert place.kind == kind
    assert radius_range[0] < place.radius_km < radius_range[1]


def test_population_is_read_from_extratags(nominatim: FakeNominatim, cache: Path) -> None:
    [erbil] = nominatim.layer(cache).lookup("Erbil")

    assert erbil.population == 1_612_692
    assert nominatim.requests[0].query["addressdetails"] == "1"


def test_requests_carry_the_apps_user_agent(nominatim: FakeNominatim, cache: Path) -> None:
    nominatim.layer(cache).lookup("Erbil")

    assert nominatim.requests[0].headers["User-Agent"] == DEFAULT_USER_AGENT
    assert DEFAULT_USER_AGENT.startswith("geomap/")


def test_user_agent_can_be_set_by_environment_and_argument(
        nominatim: FakeNominatim, cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GEOMAP_USER_AGENT", "newsroom-maps/2 (desk@example.org)")
    nominatim.layer(cache).lookup("Erbil")
    nominatim.layer(cache, user_agent="explicit/1").lookup("Iraq")

    assert [r.headers["User-Agent"] for r in nominatim.requests] == [
        "newsroom-maps/2 (desk@example.org)", "explicit/1"]


def test_cache_answers_a_repeated_query_without_a_request(nominatim: FakeNominatim, cache: Path) -> None:
    layer = nominatim.layer(cache)
    first = layer.lookup("Erbil")
    again = layer.lookup("  ERBIL ")

    assert again == first
    assert len(nominatim.requests) == 1


def test_cache_persists_across_layers(nominatim: FakeNominatim, cache: Path) -> None:
    nominatim.layer(cache).lookup("Erbil")
    later_run = nominatim.layer(cache).lookup("Erbil")

    assert later_run[0].name == "Erbil"
    assert len(nominatim.requests) == 1


def test_not_found_is_cached_too(nominatim: FakeNominatim, cache: Path) -> None:
    layer = nominatim.layer(cache)

    assert layer.lookup("Nowhereabad") == []
    assert nominatim.layer(cache).lookup("Nowhereabad") == []
    assert len(nominatim.requests) == 1
    assert len(layer.cache) == 1


def test_different_country_codes_are_different_questions(nominatim: FakeNominatim, cache: Path) -> None:
    layer = nominatim.layer(cache)
    layer.lookup("Erbil", country_codes=["IQ", "sy"])
    layer.lookup("Erbil", country_codes=["SY", "IQ"])
    layer.lookup("Erbil")

    assert nominatim.requests[0].query["countrycodes"] == "iq,sy"
    assert "countrycodes" not in nominatim.requests[1].query
    assert len(nominatim.requests) == 2


def test_bad_country_codes_are_refused(nominatim: FakeNominatim, cache: Path) -> None:
    with pytest.raises(GeocoderConfigError, match="alpha-2"):
        nominatim.layer(cache).lookup("Erbil", country_codes=["Iraq"])
    assert nominatim.requests == []


@pytest.mark.parametrize(("status", "expected"), [
    (500, "HTTP 500 (server error)"),
    (429, "HTTP 429 (rate limited: too many requests; the service asks to wait 30"),
    (403, "HTTP 403 (refused: check the user agent"),
])
def test_http_errors_raise_a_clear_geocoder_error(
        nominatim: FakeNominatim, cache: Path, status: int, expected: str) -> None:
    nominatim.statuses = [status]
    layer = nominatim.layer(cache, max_retries=0)

    with pytest.raises(GeocoderError) as raised:
        layer.lookup("Erbil")

    message = str(raised.value)
    assert expected in message
    assert f"nominatim geocoder at {nominatim.domain} failed for 'Erbil'" in message
    assert len(layer.cache) == 0  # a failure is not remembered as "not found"


def test_a_failure_is_retried_before_giving_up(nominatim: FakeNominatim, cache: Path) -> None:
    nominatim.statuses = [500]
    layer = nominatim.layer(cache, max_retries=1, error_wait_seconds=0.05)

    assert layer.lookup("Erbil")[0].name == "Erbil"
    assert len(nominatim.requests) == 2


def test_timeout_raises_a_clear_geocoder_error(nominatim: FakeNominatim, cache: Path) -> None:
    nominatim.delay_seconds = 1.0
    layer = nominatim.layer(cache, timeout=0.2, max_retries=0)

    with pytest.raises(GeocoderError, match=r"failed for 'Erbil': no answer within 0.2 s \(timed out\)"):
        layer.lookup("Erbil")


def test_refused_connection_raises_a_clear_geocoder_error(cache: Path) -> None:
    with socket.socket() as probe:  # a port that was free a moment ago: nobody listens there
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    layer = OnlineLayer(domain=f"127.0.0.1:{port}", scheme="http", cache_path=cache,
                        min_delay_seconds=0, max_retries=0)

    with pytest.raises(GeocoderError, match=r"connection refused or service unreachable \(\[Errno \d+\] "):
        layer.lookup("Erbil")


def test_rate_limiter_spaces_uncached_requests(nominatim: FakeNominatim, cache: Path) -> None:
    layer = nominatim.layer(cache, min_delay_seconds=0.2)
    for name in ("Erbil", "Iraq", "Al-Tanf"):
        layer.lookup(name)
    arrivals = [request.at for request in nominatim.requests]
    gaps = [later - earlier for earlier, later in zip(arrivals, arrivals[1:])]

    # Each request leaves >= 0.2 s after the previous one left. Arrival adds jitter, tens of ms on a
    # busy machine; unlimited requests would arrive a few ms apart.
    assert len(gaps) == 2 and min(gaps) >= 0.2 - 0.05


def test_cache_hits_take_no_rate_limit_delay(nominatim: FakeNominatim, cache: Path) -> None:
    layer = nominatim.layer(cache, min_delay_seconds=0.5)
    layer.lookup("Erbil")
    started = time.monotonic()
    layer.lookup("Erbil")

    assert time.monotonic() - started < 0.1


def test_nominatim_defaults_to_one_request_per_second(cache: Path) -> None:
    assert OnlineLayer(cache_path=cache).min_delay_seconds >= 1


def test_public_nominatim_cannot_be_asked_faster_than_its_policy(cache: Path) -> None:
    with pytest.raises(GeocoderConfigError, match="at most 1 request per second"):
        OnlineLayer(cache_path=cache, min_delay_seconds=0.5)


def test_unknown_geocoder_lists_the_valid_names(cache: Path) -> None:
    with pytest.raises(GeocoderConfigError, match=r"unknown geocoder 'nominatum'.*SERVICE_TO_GEOCODER.*photon"):
        OnlineLayer("nominatum", cache_path=cache)


def test_settings_a_geocoder_rejects_are_reported(cache: Path) -> None:
    with pytest.raises(GeocoderConfigError, match="the nominatim geocoder rejected its settings"):
        OnlineLayer(cache_path=cache, geocoder_kwargs={"api_key": "secret"})


def test_other_geopy_geocoders_work_through_the_same_layer(nominatim: FakeNominatim, cache: Path) -> None:
    # PickPoint speaks the Nominatim protocol but is a different service with its own cache entries.
    layer = OnlineLayer("pickpoint", domain=nominatim.domain, scheme="http", cache_path=cache,
                        min_delay_seconds=0, geocoder_kwargs={"api_key": "k"})
    [erbil] = layer.lookup("Erbil")

    assert erbil.id == "online:pickpoint:node/42"
    assert erbil.source == "pickpoint"
    assert nominatim.requests[0].query["key"] == "k"


def test_empty_query_is_refused(nominatim: FakeNominatim, cache: Path) -> None:
    with pytest.raises(GeocoderConfigError, match="empty name"):
        nominatim.layer(cache).lookup("   ")


def test_unreadable_cache_file_is_reported(tmp_path: Path) -> None:
    not_a_database = tmp_path / "geocode.sqlite"
    not_a_database.write_text("this is not sqlite, " * 100)

    with pytest.raises(GeocoderError, match="cannot open the geocode cache"):
        OnlineLayer(cache_path=not_a_database)


def test_default_cache_honours_xdg_cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))

    assert default_cache_path() == tmp_path / "geomap" / "geocode.sqlite"


def test_kind_table_only_uses_kinds_geomap_knows() -> None:
    assert KindRules.load().kinds() <= KNOWN_KINDS


def test_kind_table_maps_the_documented_tags() -> None:
    rules = KindRules.load()
    cases = [
        ({"class": "place", "type": "town"}, "city"),
        ({"class": "boundary", "type": "administrative", "addresstype": "state"}, "admin1"),
        ({"class": "boundary", "type": "administrative", "place_rank": 8}, "admin1"),
        ({"class": "natural", "type": "bay"}, "waterbody"),
        ({"class": "military", "type": "naval_base"}, "base"),
        ({"class": "landuse", "type": "military"}, "base"),
        ({"class": "aeroway", "type": "aerodrome"}, "airport"),
        ({"class": "amenity", "type": "hospital"}, "facility"),
    ]
    for raw, kind in cases:
        assert rules.kind_for(raw) == kind, raw
