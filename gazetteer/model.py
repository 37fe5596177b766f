"""The records the gazetteer hands out: places, mentions of them in text, and resolutions."""
from __future__ import annotations

from dataclasses import dataclass, field

# Kinds a place can have. Areas (countries, regions, water bodies) are drawn as a
# representative point plus an uncertainty radius; sites and cities as points.
AREA_KINDS = frozenset({"country", "admin1", "admin2", "region", "waterbody"})
SITE_KINDS = frozenset({"base", "airfield", "airport", "facility", "embassy", "port", "landmark"})


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry.

    ``id`` is stable and namespaced by its source (``curated:camp-speicher``,
    ``geonames:98182``, ``country:IQ``) so events can refer to a place across runs.
    """

    id: str
    name: str
    kind: str
    country: str | None
    lat: float
    lon: float
    radius_km: float = 5.0
    population: int = 0
    layer: str = "world"
    parent: str | None = None
    aliases: tuple[str, ...] = ()
    source: str = ""
    feature: str = ""  # GeoNames-style feature code where known: "PPLC" for a national capital

    @property
    def is_area(self) -> bool:
        return self.kind in AREA_KINDS

    def as_dict(self) -> dict:
        return {
            "id": self.id, "name": self.name, "kind": self.kind, "country": self.country,
            "lat": self.lat, "lon": self.lon, "radius_km": self.radius_km,
            "population": self.population, "layer": self.layer, "parent": self.parent,
            "feature": self.feature,
        }


# Mentions, resolutions and unresolved names are read-only by convention but not frozen: a
# frozen dataclass sets each field through object.__setattr__, which made building the ~100 of
# them an article needs 4x dearer. unsafe_hash keeps the hash a frozen one has (by fields).
@dataclass(slots=True, unsafe_hash=True)
class Mention:
    """A toponym occurrence: the characters ``text[start:end]`` name one of ``candidates``.

    ``modifier`` marks adjectival use ("Iran-backed"); ``qualifier`` keeps a spatial
    hedge that precedes it ("near", "outside"), which lowers the precision of a point.
    """

    surface: str
    start: int
    end: int
    key: str
    candidates: tuple[Place, ...] = ()
    modifier: bool = False
    qualifier: str | None = None


@dataclass(slots=True, unsafe_hash=True)
class Resolution:
    """A mention tied to the one place the resolver chose, with its score and precision."""

    mention: Mention
    place: Place
    score: float
    precision: str  # point | near | city | region | country | waterbody

    @property
    def surface(self) -> str:
        return self.mention.surface


@dataclass(slots=True, unsafe_hash=True)
class Unresolved:
    """A capitalised name after a place preposition ("in Xyz") that no layer knows."""

    surface: str
    start: int
    end: int
    preposition: str


@dataclass(slots=True)
class DocumentPlaces:
    """Everything the gazetteer read from one text."""

    resolutions: list[Resolution] = field(default_factory=list)
    unresolved: list[Unresolved] = field(default_factory=list)
