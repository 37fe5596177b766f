"""Ask a web geocoder (through geopy) about names no offline layer knows: politely, and only once.

geomap is offline first, so this layer is only used with ``--online``. Public geocoders are
shared services: requests are spaced by geopy's ``RateLimiter``, they carry a User-Agent that
names geomap, and every answer (including "not found") is kept in a sqlite cache so that no
query is ever sent twice, not even by a later run.

Usage::

    layer = OnlineLayer()                       # Nominatim, 1 request/s, ~/.cache/geomap/geocode.sqlite
    layer.lookup("Tanf", country_codes=["SY"])  # -> [Place(...), ...]; raises GeocoderError on failure
"""
from __future__ import annotations

import inspect
import json
import os
import re
import sqlite3
import threading
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

from geopy import exc as geopy_exc
from geopy.adapters import RequestsAdapter, URLLibAdapter
from geopy.distance import geodesic
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import SERVICE_TO_GEOCODER, get_geocoder_for_service
from geopy.location import Location

from gazetteer.layers.base import LookupLayer
from gazetteer.model import AREA_KINDS, SITE_KINDS, Place
from geomap import __version__

__all__ = (
    "DEFAULT_USER_AGENT", "GeocodeCache", "GeocoderConfigError", "GeocoderError", "OnlineLayer",
    "default_cache_path",
)

DEFAULT_USER_AGENT = f"geomap/{__version__} (+https://github.com/geomap/geomap)"
USER_AGENT_ENV = "GEOMAP_USER_AGENT"
PUBLIC_NOMINATIM_DOMAIN = "nominatim.openstreetmap.org"
# Nominatim usage policy: "an absolute maximum of 1 request per second"
# (https://operations.osmfoundation.org/policies/nominatim/), as geopandas hard-codes in
# geopandas/tools/geocoding.py::_get_throttle_time. We are as polite to every other service.
POLITE_MIN_DELAY_SECONDS = 1.0
MAX_CANDIDATES = 5
MIN_RADIUS_KM = 1.0
KINDS_PATH = Path(__file__).resolve().parent.parent / "data" / "online_kinds.json"
KNOWN_KINDS = AREA_KINDS | SITE_KINDS | {"city"}
_OSM_TYPE_NAMES = {"N": "node", "W": "way", "R": "relation"}  # Photon abbreviates them
_HTTP_HINTS = {
    401: "refused: check the API key",
    403: "refused: check the user agent or API key",
    429: "rate limited: too many requests",
}


class GeocoderError(RuntimeError):
    """The geocoder could not answer; the message says which geocoder, which query and why."""


class GeocoderConfigError(GeocoderError, ValueError):
    """The layer was set up wrongly (unknown geocoder, bad option), before any request."""


def default_cache_path() -> Path:
    """Where answers are kept between runs: beside the name index (``$GEOMAP_CACHE_DIR``, else
    ``$XDG_CACHE_HOME/geomap``), as ``geocode.sqlite``."""
    from gazetteer.index import cache_dir

    return cache_dir() / "geocode.sqlite"


@dataclass(frozen=True, slots=True)
class CacheKey:
    """What makes two requests the same question to the same service."""

    geocoder: str
    domain: str
    query: str  # normalised: see normalise_query
    params: str  # canonical JSON of the geocode() keyword arguments


class GeocodeCache:
    """Every answer a geocoder gave, on disk, so that no query is ever asked twice.

    An answer is the JSON list of results (``[]`` for "not found"); each result keeps the
    service's raw record, so a better mapping to ``Place`` never needs the network again.
    """

    _SCHEMA = """
        CREATE TABLE IF NOT EXISTS answers (
            geocoder TEXT NOT NULL, domain TEXT NOT NULL, query TEXT NOT NULL,
            params TEXT NOT NULL, answer TEXT NOT NULL, asked_at TEXT NOT NULL,
            PRIMARY KEY (geocoder, domain, query, params))
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path).expanduser()
        self._lock = threading.Lock()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, check_same_thread=False)
            with self._db:
                self._db.execute(self._SCHEMA)
        except (OSError, sqlite3.Error) as error:
            raise GeocoderConfigError(f"cannot open the geocode cache {self.path}: {error}") from error

    def get(self, key: CacheKey) -> list[dict] | None:
        """The stored answer, or None when the question was never asked."""
        with self._lock:
            row = self._db.execute(
                "SELECT answer FROM answers WHERE geocoder=? AND domain=? AND query=? AND params=?",
                (key.geocoder, key.domain, key.query, key.params),
            ).fetchone()
        if row is None:
            return None
        try:
            return json.loads(row[0])
        except json.JSONDecodeError as error:
            raise GeocoderError(
                f"the geocode cache {self.path} is corrupt ({error}); delete it to start afresh"
            ) from error

    def put(self, key: CacheKey, answer: list[dict]) -> None:
        asked_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
        with self._lock, self._db:
            self._db.execute(
                "INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?, ?, ?)",
                (key.geocoder, key.domain, key.query, key.params, json.dumps(answer), asked_at),
            )

    def __len__(self) -> int:
        with self._lock:
            return self._db.execute("SELECT COUNT(*) FROM answers").fetchone()[0]

    def close(self) -> None:
        self._db.close()


class OnlineLayer(LookupLayer):
    """Candidates from any geopy geocoder (Nominatim by default), rate limited and cached.

    ``domain``/``scheme`` point the geocoder at another server (a self-hosted Nominatim, or a
    test server); ``geocoder_kwargs`` carries service-specific settings such as ``api_key``.
    ``max_retries`` and ``error_wait_seconds`` are handed to geopy's ``RateLimiter``.
    """

    name = "online"

    def __init__(
        self,
        geocoder: str = "nominatim",
        *,
        user_agent: str | None = None,
        domain: str | None = None,
        scheme: str | None = None,
        timeout: float = 10.0,
        min_delay_seconds: float | None = None,
        cache_path: Path | None = None,
        geocoder_kwargs: dict | None = None,
        max_retries: int = 1,
        error_wait_seconds: float = 5.0,
    ) -> None:
        _require(timeout > 0, f"timeout must be positive, not {timeout!r}")
        _require(max_retries >= 0, f"max_retries must be 0 or more, not {max_retries!r}")
        self.service = geocoder.strip().lower()
        self.user_agent = user_agent or os.environ.get(USER_AGENT_ENV) or DEFAULT_USER_AGENT
        self.timeout = timeout
        self.max_retries = max_retries
        settings = {"user_agent": self.user_agent, "timeout": timeout, "domain": domain, "scheme": scheme}
        self.geocoder = _make_geocoder(self.service, settings, geocoder_kwargs or {})
        self.domain = str(getattr(self.geocoder, "domain", None) or domain or "")
        self.min_delay_seconds = _checked_min_delay(min_delay_seconds, self.service, self.domain)
        self._geocode = RateLimiter(
            self.geocoder.geocode,
            min_delay_seconds=self.min_delay_seconds,
            max_retries=max_retries,
            error_wait_seconds=max(error_wait_seconds, self.min_delay_seconds),
            swallow_exceptions=False,  # a failure must not look like "no such place"
        )
        self._accepted = frozenset(inspect.signature(self.geocoder.geocode).parameters)
        self.cache = GeocodeCache(cache_path or default_cache_path())

    def lookup(self, query: str, *, country_codes: Iterable[str] = ()) -> list[Place]:
        """Candidates for ``query``, best first, from the cache or else from the geocoder."""
        text = " ".join(str(query).split())
        _require(bool(text), "cannot geocode an empty name")
        codes = _normalise_country_codes(country_codes)
        params = self._geocode_params(codes)
        key = CacheKey(self.service, self.domain, normalise_query(text),
                       json.dumps(params, sort_keys=True))
        answer = self.cache.get(key)
        if answer is None:
            answer = self._ask(text, params)
            self.cache.put(key, answer)
        places = self._places(text, answer)
        if codes and "country_codes" not in params:  # the service could not filter for us
            places = [p for p in places if p.country is None or p.country.lower() in codes]
        return places

    def close(self) -> None:
        self.cache.close()

    def _geocode_params(self, codes: list[str]) -> dict[str, Any]:
        """The keyword arguments for geocode(), limited to those this service understands."""
        wanted: dict[str, Any] = {"exactly_one": False, "limit": MAX_CANDIDATES,
                                  "addressdetails": True, "extratags": True}
        if codes:
            wanted["country_codes"] = codes
        return {name: value for name, value in wanted.items() if name in self._accepted}

    def _ask(self, text: str, params: dict[str, Any]) -> list[dict]:
        try:
            found = self._geocode(text, **params)
        except geopy_exc.GeopyError as error:
            raise GeocoderError(self._failure(text, describe_failure(error, self.timeout))) from error
        except (KeyError, TypeError, ValueError) as error:  # geopy choking on a malformed answer
            raise GeocoderError(self._failure(text, f"unreadable answer ({error!r})")) from error
        if isinstance(found, Location):
            found = [found]
        return [{"lat": loc.latitude, "lon": loc.longitude, "address": loc.address, "raw": loc.raw}
                for loc in found or ()]

    def _places(self, text: str, answer: list[dict]) -> list[Place]:
        try:
            return [self._place(entry) for entry in answer]
        except (KeyError, TypeError, ValueError) as error:
            raise GeocoderError(self._failure(text, f"unreadable answer ({error!r})")) from error

    def _place(self, entry: Mapping[str, Any]) -> Place:
        raw, lat, lon = entry["raw"], float(entry["lat"]), float(entry["lon"])
        return Place(
            id=f"online:{self.service}:{source_id(raw, lat, lon)}",
            name=str(entry.get("address") or "").split(",")[0].strip() or f"{lat:.4f}, {lon:.4f}",
            kind=kind_rules().kind_for(raw),
            country=country_code(raw),
            lat=lat,
            lon=lon,
            radius_km=radius_km(raw),
            population=population(raw),
            layer="online",
            source=self.service,
        )

    def _failure(self, text: str, reason: str) -> str:
        attempts = f" (tried {self.max_retries + 1} times)" if self.max_retries else ""
        return f"{self.service} geocoder at {self.domain} failed for {text!r}: {reason}{attempts}"


def normalise_query(text: str) -> str:
    """One spelling per question: Unicode-normalised, case-folded, single-spaced."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def describe_failure(error: geopy_exc.GeopyError, timeout: float) -> str:
    """Turn geopy's exception into a reason a user can act on, naming the HTTP status."""
    status = getattr(error.__cause__, "status_code", None)
    if isinstance(error, geopy_exc.GeocoderRateLimited):
        wait = f"; the service asks to wait {error.retry_after} s" if error.retry_after else ""
        return f"HTTP {status or 429} ({_HTTP_HINTS[429]}{wait})"
    if status is not None:
        hint = _HTTP_HINTS.get(status) or ("server error" if status >= 500 else "request rejected")
        return f"HTTP {status} ({hint})"
    if isinstance(error, geopy_exc.GeocoderTimedOut):
        return f"no answer within {timeout:g} s (timed out)"
    if isinstance(error, geopy_exc.GeocoderUnavailable) or "refused" in str(error).lower():
        return f"connection refused or service unreachable ({_socket_reason(str(error))})"
    return f"{type(error).__name__}: {error}"


def _socket_reason(message: str) -> str:
    """The OS's own words ("[Errno 111] Connection refused") from urllib3's nested message."""
    found = re.search(r"\[Errno -?\d+\][^\"')]*", message)
    return found.group(0).strip() if found else message


def source_id(raw: Mapping[str, Any], lat: float, lon: float) -> str:
    """A stable id: the OSM object if known, else the service's own id, else the rounded point."""
    props = _properties(raw)
    osm_type = raw.get("osm_type") or props.get("osm_type")
    osm_id = raw.get("osm_id") or props.get("osm_id")
    if osm_type and osm_id is not None:
        return f"{_OSM_TYPE_NAMES.get(osm_type, osm_type)}/{osm_id}"
    own_id = raw.get("place_id") or raw.get("id")
    if own_id:
        return str(own_id)
    return f"{lat:.4f},{lon:.4f}"


def country_code(raw: Mapping[str, Any]) -> str | None:
    address = raw.get("address")
    code = address.get("country_code") if isinstance(address, Mapping) else None
    return code.upper() if code else None


def radius_km(raw: Mapping[str, Any]) -> float:
    """Half the diagonal of Nominatim's bounding box (south, north, west, east), at least 1 km."""
    box = raw.get("boundingbox")
    if not box:
        return MIN_RADIUS_KM
    south, north, west, east = (float(value) for value in box)
    return max(MIN_RADIUS_KM, geodesic((south, west), (north, east)).km / 2)


def population(raw: Mapping[str, Any]) -> int:
    """OSM's ``population`` tag (asked for with ``extratags``); 0 when absent or not a number."""
    tags = raw.get("extratags")
    value = str(tags.get("population", "")) if isinstance(tags, Mapping) else ""
    digits = value.replace(",", "").replace(" ", "")
    return int(digits) if digits.isdigit() else 0


@dataclass(frozen=True)
class KindRules:
    """The OSM tag -> Place.kind table of ``gazetteer/data/online_kinds.json``."""

    default: str
    tags: Mapping[str, str]
    admin_by_addresstype: Mapping[str, str]
    admin_by_place_rank: tuple[tuple[int, str], ...]

    @classmethod
    def load(cls, path: Path = KINDS_PATH) -> KindRules:
        data = json.loads(path.read_text(encoding="utf-8"))
        admin = data["administrative"]
        rules = cls(default=data["default"], tags=data["tags"],
                    admin_by_addresstype=admin["addresstype"],
                    admin_by_place_rank=tuple((int(rank), kind) for rank, kind in admin["place_rank"]))
        unknown = rules.kinds() - KNOWN_KINDS
        if unknown:
            raise ValueError(f"{path}: unknown kinds {sorted(unknown)}; known: {sorted(KNOWN_KINDS)}")
        return rules

    def kinds(self) -> set[str]:
        return {self.default, *self.tags.values(), *self.admin_by_addresstype.values(),
                *(kind for _, kind in self.admin_by_place_rank)}

    def kind_for(self, raw: Mapping[str, Any]) -> str:
        osm_class, osm_type = _osm_tag(raw)
        if (osm_class, osm_type) == ("boundary", "administrative"):
            admin_kind = self._admin_kind(raw)
            if admin_kind:
                return admin_kind
        return (self.tags.get(f"{osm_class}={osm_type}") or self.tags.get(f"{osm_class}=*")
                or self.default)

    def _admin_kind(self, raw: Mapping[str, Any]) -> str | None:
        if raw.get("addresstype") in self.admin_by_addresstype:
            return self.admin_by_addresstype[raw["addresstype"]]
        rank = raw.get("place_rank")
        if rank is None:
            return None
        return next((kind for highest, kind in self.admin_by_place_rank if int(rank) <= highest), None)


@lru_cache(maxsize=1)
def kind_rules() -> KindRules:
    return KindRules.load()


def _osm_tag(raw: Mapping[str, Any]) -> tuple[str, str]:
    """The primary OSM tag: Nominatim's class/type (category in jsonv2), Photon's osm_key/value."""
    props = _properties(raw)
    osm_class = raw.get("class") or raw.get("category") or props.get("osm_key") or ""
    osm_type = raw.get("type") or props.get("osm_value") or ""
    return str(osm_class), str(osm_type)


def _properties(raw: Mapping[str, Any]) -> Mapping[str, Any]:
    props = raw.get("properties")
    return props if isinstance(props, Mapping) else {}


def _normalise_country_codes(codes: Iterable[str]) -> list[str]:
    if isinstance(codes, str):
        codes = [codes]
    normalised = sorted({str(code).strip().lower() for code in codes})
    bad = [code for code in normalised if len(code) != 2 or not code.isalpha()]
    _require(not bad, f"country codes must be ISO 3166-1 alpha-2 (e.g. 'IQ'), not {bad}")
    return normalised


def _make_geocoder(service: str, settings: dict[str, Any], extra: Mapping[str, Any]) -> Any:
    try:
        geocoder_class = get_geocoder_for_service(service)
    except geopy_exc.GeocoderNotFound:
        raise GeocoderConfigError(
            f"unknown geocoder {service!r}; use one of geopy's services "
            f"(geopy.geocoders.SERVICE_TO_GEOCODER): {', '.join(sorted(SERVICE_TO_GEOCODER))}"
        ) from None
    clashes = sorted(set(extra) & set(settings))
    _require(not clashes, f"pass {clashes} as OnlineLayer arguments, not in geocoder_kwargs")
    given = {name: value for name, value in settings.items() if value is not None}
    given.setdefault("adapter_factory", extra.get("adapter_factory") or _adapter_without_hidden_retries())
    extra = {name: value for name, value in extra.items() if name != "adapter_factory"}
    try:
        return geocoder_class(**given, **extra)
    except (TypeError, geopy_exc.ConfigurationError) as error:
        raise GeocoderConfigError(f"the {service} geocoder rejected its settings: {error}") from error


def _adapter_without_hidden_retries() -> Any:
    """geopy's default requests adapter retries inside urllib3, unseen, even sleeping out a
    429's Retry-After; retries belong to the RateLimiter alone, where they are spaced and counted."""
    if RequestsAdapter.is_available:
        return partial(RequestsAdapter, max_retries=0)
    return URLLibAdapter


def _checked_min_delay(requested: float | None, service: str, domain: str) -> float:
    if requested is None:
        return POLITE_MIN_DELAY_SECONDS
    _require(requested >= 0, f"min_delay_seconds must be 0 or more, not {requested!r}")
    too_fast = service == "nominatim" and domain == PUBLIC_NOMINATIM_DOMAIN
    _require(not (too_fast and requested < POLITE_MIN_DELAY_SECONDS),
             f"the public Nominatim allows at most 1 request per second "
             f"(https://operations.osmfoundation.org/policies/nominatim/); "
             f"min_delay_seconds={requested!r} is too fast")
    return float(requested)


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise GeocoderConfigError(message)
