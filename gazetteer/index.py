"""The compiled name index: every key of every layer, built once and cached on disk.

Building from the packages takes seconds (GeoNames alone has ~150k towns with alternate
names); loading the pickled index takes a fraction of a second. The cache file is keyed by
the layers' fingerprints, so a changed data file or package version rebuilds it.
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import replace
from collections.abc import Sequence
from pathlib import Path

from gazetteer.cachefile import read_pickle, write_pickle
from gazetteer.layers.base import Layer
from gazetteer.model import Place
from gazetteer.normalize import name_key

INDEX_FORMAT = 11


class PlaceIndex:
    """Lookup key -> candidate places, from the highest-priority layer that knows the key.

    Stored as plain tuples (a Place is rebuilt on first use) because unpickling 100k
    dataclass instances takes seconds and plain tuples a fraction of that.
    """

    __slots__ = ("keys", "rows", "common_words", "max_tokens", "first_words", "prefixes", "_places", "_candidates",
                 "_traits", "word_verdicts", "fingerprint")

    def __init__(self, keys: dict[str, tuple[int, ...]], rows: list[tuple],
                 common_words: frozenset[str], max_tokens: int) -> None:
        self.keys, self.rows = keys, rows
        self.common_words, self.max_tokens = common_words, max_tokens
        # The first word of every key: most capitalised words start no name, and one set
        # lookup says so before any longer span is tried.
        self.first_words = frozenset(k.split(" ", 1)[0] for k in keys)
        # Every leading run of whole words of a key ("gulf", "gulf of", "gulf of oman"): a span
        # that is not one can grow into no name, so the matcher stops extending it there.
        self.prefixes = frozenset(" ".join(words[:n]) for words in (k.split(" ") for k in keys)
                                  for n in range(1, len(words) + 1))
        self._places: dict[int, Place] = {}
        self._candidates: dict[str, tuple[Place, ...]] = {}
        self._traits: dict[str, tuple[bool, bool, bool]] = {}
        self.word_verdicts: dict = {}  # the mention finder's per-word memo (match.py)
        self.fingerprint = ""  # of the layers it was built from; keys caches built on it

    def candidates(self, key: str) -> tuple[Place, ...]:
        found = self._candidates.get(key)
        if found is None:
            found = self._candidates[key] = tuple(self._place(i) for i in self.keys.get(key, ()))
        return found

    def traits(self, key: str) -> tuple[bool, bool, bool]:
        """(known to a user or curated layer, a country, a strong reading) of a name's candidates."""
        found = self._traits.get(key)
        if found is None:
            places = self.candidates(key)
            curated = any(p.layer in ("user", "curated") for p in places)
            country = any(p.kind == "country" for p in places)
            found = self._traits[key] = (curated, country, curated or country or any(p.kind == "admin1" for p in places))
        return found

    def _place(self, row: int) -> Place:
        place = self._places.get(row)
        if place is None:
            place = self._places[row] = Place(*self.rows[row])
        return place

    def __contains__(self, key: str) -> bool:
        return key in self.keys

    def __len__(self) -> int:
        return len(self.keys)

    def __getstate__(self):
        return (self.keys, self.rows, self.common_words, self.max_tokens, self.first_words, self.prefixes)

    def __setstate__(self, state) -> None:
        self.keys, self.rows, self.common_words, self.max_tokens, self.first_words, self.prefixes = state
        self._places = {}
        self._candidates = {}
        self._traits = {}
        self.word_verdicts = {}
        self.fingerprint = ""


def build_index(layers: Sequence[Layer], common_words: frozenset[str] = frozenset()) -> PlaceIndex:
    best: dict[str, tuple[int, list[Place]]] = {}
    fallback: dict[str, list[Place]] = {}  # "Al Jawf" for "Al Jawf Governorate", unless a layer names it
    for layer in sorted(layers, key=lambda l: -l.priority):
        for place in layer.places():
            for key in _keys_of(place):
                have = best.get(key)
                if have is None:
                    best[key] = (layer.priority, [place])
                elif have[0] == layer.priority and place not in have[1]:
                    have[1].append(place)
            for key in _division_keys(place):
                if key.split(" ", 1)[0] not in common_words:  # not "Southern" for "Southern District"
                    fallback.setdefault(key, []).append(place)
    for key, places in fallback.items():
        have = best.setdefault(key, (-1, []))
        if have[0] <= WORLD_PRIORITY:  # beside the world's namesakes, as one more reading
            have[1].extend(replace(p, layer="world") for p in places if p not in have[1])
    rows: list[tuple] = []
    row_of: dict[str, int] = {}
    keys: dict[str, tuple[int, ...]] = {}
    for key in sorted(best):
        ordered = sorted(best[key][1], key=_candidate_order)
        keys[key] = tuple(_row(p, rows, row_of) for p in ordered)
    max_tokens = max((k.count(" ") + 1 for k in keys), default=1)
    return PlaceIndex(keys, rows, common_words, min(max_tokens, 8))


def _row(place: Place, rows: list[tuple], row_of: dict[str, int]) -> int:
    """The row of a place (its fields, aliases dropped: the keys already hold them)."""
    row = row_of.get(place.id)
    if row is None:
        row = row_of[place.id] = len(rows)
        rows.append(astuple_without_aliases(place))
    return row


def astuple_without_aliases(place: Place) -> tuple:
    return (place.id, place.name, place.kind, place.country, place.lat, place.lon, place.radius_km,
            place.population, place.layer, place.parent, (), place.source, place.feature)


WORLD_PRIORITY = 10
# News names a first-level division bare or with any of these words ("Al Jawf", "Al Jawf
# province", "Anbar governorate"); an entry listing one form answers to all of them.
DIVISION_WORDS = ("governorate", "province", "region", "state", "district")


def _keys_of(place: Place) -> set[str]:
    keys = {name_key(place.name)} | {name_key(a) for a in place.aliases}
    return {k for k in keys if len(k) >= 2}


def _division_keys(place: Place) -> set[str]:
    """The other ways news names a first-level division. They join a name's world candidates as
    world-layer readings, so context decides ("Al Jawf" in a Yemen story is the governorate) and a
    big city keeps its name ("Kirkuk")."""
    if place.kind != "admin1":
        return set()
    return {v for key in _keys_of(place) for v in _division_variants(key)} - _keys_of(place)


def _division_variants(key: str) -> set[str]:
    words = key.rsplit(" ", 1)
    if len(words) != 2 or words[1] not in DIVISION_WORDS:
        return set()
    return {words[0]} | {f"{words[0]} {word}" for word in DIVISION_WORDS}


def _candidate_order(place: Place) -> tuple:
    """A stable order: bigger and more specific first, then by id (determinism)."""
    return (-place.population, place.id)


def cache_dir() -> Path:
    base = os.environ.get("GEOMAP_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "geomap")
    return Path(base)


def load_index(layers: Sequence[Layer], common_words: frozenset[str] = frozenset(),
               directory: Path | None = None) -> PlaceIndex:
    """The index for these layers, from the on-disk cache when it is current."""
    fingerprint = hashlib.sha256(
        "|".join([str(INDEX_FORMAT)] + [l.fingerprint() for l in layers]
                 + sorted(common_words)).encode()
    ).hexdigest()[:20]
    path = (directory or cache_dir()) / f"index-{fingerprint}.pickle"
    index = read_pickle(path)
    if not isinstance(index, PlaceIndex):
        index = build_index(layers, common_words)
        write_pickle(path, index)
    index.fingerprint = fingerprint
    return index
