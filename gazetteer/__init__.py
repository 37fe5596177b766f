"""gazetteer: place names in text -> places with coordinates, offline by default.

    >>> from gazetteer import Gazetteer
    >>> gaz = Gazetteer.load()
    >>> [r.place.name for r in gaz.read("Rockets hit near Kirkuk, Iraq.").resolutions]
    ['Kirkuk', 'Iraq']

Layers, highest priority first: a user's CSV (``user_file``), curated entries
(``gazetteer/data/curated``), the world layer (countries, US states, GeoNames towns, airfields),
and, only when asked, an online geocoder (``gazetteer.layers.online``).
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from gazetteer.index import PlaceIndex, load_index
from gazetteer.layers.base import Layer, LookupLayer
from gazetteer.layers.csvfile import GazetteerFileError, curated_layer, user_layer
from gazetteer.layers.world import WorldLayer, load_common_words
from gazetteer.match import find_mentions
from gazetteer.model import DocumentPlaces, Mention, Place, Resolution, Unresolved
from gazetteer.normalize import name_key
from gazetteer.resolve import PRECISION_OF_KIND, prior_score, resolve_mentions

__all__ = ["Gazetteer", "GazetteerFileError", "Place", "Mention", "Resolution", "Unresolved",
           "DocumentPlaces", "Layer", "LookupLayer"]

# GeoNames towns of at least this many people. Measured on LGL (local US news) and the seeds:
# see benchmarks/README.md. Smaller towns add recall and false hits in equal measure.
DEFAULT_MIN_POPULATION = 5000


class Gazetteer:
    """The merged layers with a name index, and the resolver over it."""

    def __init__(self, index: PlaceIndex, online: LookupLayer | None = None) -> None:
        self.index = index
        self.online = online

    @classmethod
    def load(cls, user_file: str | Path | None = None, *, online: LookupLayer | None = None,
             min_population: int = DEFAULT_MIN_POPULATION, cache_dir: Path | None = None) -> Gazetteer:
        layers: list[Layer] = [WorldLayer(min_population), curated_layer()]
        if user_file:
            layers.append(user_layer(Path(user_file)))
        return cls(load_index(layers, load_common_words(), cache_dir), online)

    def lookup(self, name: str, limit: int = 5) -> list[tuple[Place, float]]:
        """Candidates for one name, best first, scored without context."""
        candidates = self.index.candidates(name_key(name))
        if not candidates and self.online is not None:
            candidates = tuple(self.online.lookup(name))
        scored = [(p, round(prior_score(p), 3)) for p in candidates]
        scored.sort(key=lambda ps: (-ps[1], ps[0].id))
        return scored[:limit]

    def read(self, text: str) -> DocumentPlaces:
        """Every place ``text`` names, resolved in the context of the whole text."""
        mentions, unresolved = find_mentions(text, self.index)
        resolutions = resolve_mentions(text, mentions)
        if self.online is not None and unresolved:
            found, unresolved = self._ask_online(unresolved, resolutions)
            resolutions = sorted(resolutions + found, key=lambda r: r.mention.start)
        return DocumentPlaces(resolutions=resolutions, unresolved=unresolved)

    def _ask_online(self, unresolved: list[Unresolved], known: list[Resolution]):
        countries = [c for c, _ in Counter(r.place.country for r in known if r.place.country).most_common(3)]
        found, still = [], []
        for item in unresolved:
            places = self.online.lookup(item.surface, country_codes=countries)
            if not places:
                still.append(item)
                continue
            mention = Mention(item.surface, item.start, item.end, name_key(item.surface), tuple(places))
            found.append(Resolution(mention, places[0], score=0.0,
                                    precision=PRECISION_OF_KIND.get(places[0].kind, "point")))
        return found, still

