"""The event record: one incident or asset movement, with where, when, what and who said so."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, fields
from datetime import date
from operator import attrgetter

from gazetteer import Place

INCIDENT_TYPES = ("airstrike", "missile_attack", "rocket_attack", "drone_attack", "shootdown", "storming",
                  "seizure", "explosion", "targeted_killing", "other_attack", "other")
MOVEMENT_TYPES = ("deployment", "flight", "transit", "withdrawal")
GEO_PRECISION_RANK = {"point": 0, "near": 1, "city": 2, "waterbody": 3, "region": 4, "country": 5}


def make_id(*parts: object) -> str:
    """Stable across runs: the same article, sentence and trigger give the same id."""
    return "ev-" + hashlib.sha1("|".join([str(part) for part in parts]).encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True, slots=True)
class Source:
    article: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    url: str | None = None

    def as_dict(self) -> dict:
        return {"article": self.article, "title": self.title, "outlet": self.outlet,
                "published": self.published, "url": self.url}


@dataclass(frozen=True, slots=True)
class Event:
    """An event as read from one sentence, or merged from several mentions of it."""

    kind: str  # incident | movement
    type: str
    place: Place  # where it happened; a movement's destination
    geo_precision: str
    evidence: str
    article: str
    date_start: date | None = None
    date_end: date | None = None
    date_precision: str | None = None
    date_relative: bool = False  # a weak date (a quoted weekday, the statement's date): others override it
    date_inferred: bool = False  # weak and not told for the event at all (its paragraph's time, the news of the day)
    origin: Place | None = None
    actors: tuple[str, ...] = ()
    assets: tuple[str, ...] = ()
    vessels: tuple[str, ...] = ()  # ships hit or seized, by name (also among the assets)
    fatalities: int | None = None
    injuries: int | None = None
    confidence: float = 0.5
    sources: tuple[Source, ...] = ()
    mentions: int = 1
    sentence_start: int = 0  # character offset of the evidence in the first article
    sentences: tuple[int, ...] = ()  # offsets of every sentence of the first article that told it
    from_only: bool = False  # a movement known only by where it left from ("deployed from Kuwait")
    uid: str = ""  # set once where the event is first read; merges and corrections keep it

    @property
    def id(self) -> str:
        return self.uid or make_id(self.article, self.sentence_start, self.kind, self.place.id)

    def with_(self, **changes) -> Event:
        """A copy with some fields changed. Field by field rather than ``dataclasses.replace``,
        which re-runs ``__init__``: extraction makes tens of thousands of these."""
        unknown = changes.keys() - _EVENT_FIELDS
        if unknown:
            raise TypeError(f"Event has no field(s) {sorted(unknown)}")
        copy = object.__new__(Event)
        for name, value in zip(_EVENT_FIELD_ORDER, _event_values(self)):
            _set_field(copy, name, value)
        for name, value in changes.items():
            _set_field(copy, name, value)
        return copy


_EVENT_FIELD_ORDER = tuple(f.name for f in fields(Event))
_EVENT_FIELDS = frozenset(_EVENT_FIELD_ORDER)
_event_values = attrgetter(*_EVENT_FIELD_ORDER)  # every field's value in one call
_set_field = object.__setattr__  # past the frozen class's own __setattr__, which refuses
