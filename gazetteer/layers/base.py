"""The small base classes every gazetteer source implements (as geopy's ``Geocoder``).

Adding a source means adding one module to ``gazetteer/layers/`` with one subclass.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable

from gazetteer.model import Place


class Layer(ABC):
    """An offline source whose whole content can be enumerated and indexed.

    ``priority``: higher wins when two layers know the same name (user > curated > world).
    """

    name: str = "layer"
    priority: int = 0

    @abstractmethod
    def places(self) -> Iterable[Place]:
        """Every entry of the layer, each with its aliases."""

    def fingerprint(self) -> str:
        """A string that changes whenever the layer's content changes (keys the index cache)."""
        return self.name


class LookupLayer(ABC):
    """A source asked one name at a time, such as an online geocoder."""

    name: str = "lookup"
    priority: int = -10

    @abstractmethod
    def lookup(self, query: str, *, country_codes: Iterable[str] = ()) -> list[Place]:
        """Candidates for ``query``, best first; raise on transport errors, never hide them."""
