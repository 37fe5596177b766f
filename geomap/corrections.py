"""Analyst corrections, kept beside the corpus and applied on every run.

``CORPUS/corrections.json`` (schema in docs/corrections.md)::

    {"drop": ["ev-1a2b3c4d5e6f"],
     "edit": {"ev-0a1b2c3d4e5f": {"type": "rocket_attack", "place": "Camp Taji", "date_start": "2020-03-11"}},
     "add":  [{"kind": "incident", "type": "drone_attack", "place": "Erbil", "date_start": "2021-02-15",
               "evidence": "Analyst note: ..."}]}

Re-extraction never loses this work: ids are stable, so the same corrections apply to the
next run. A correction naming an id the run does not have is reported, never ignored silently.
"""
from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from gazetteer import Gazetteer, Place
from geomap.events import INCIDENT_TYPES, MOVEMENT_TYPES, Event, Source, make_id

CORRECTIONS_NAME = "corrections.json"
EDITABLE = frozenset({"kind", "type", "date_start", "date_end", "date_precision", "place", "lat", "lon", "origin",
                      "geo_precision", "actors", "assets", "fatalities", "injuries", "evidence", "confidence"})


class CorrectionsError(ValueError):
    """The corrections file cannot be used at all (not JSON, wrong shape)."""


@dataclass(frozen=True, slots=True)
class CorrectionProblem:
    message: str

    def __str__(self) -> str:
        return f"{CORRECTIONS_NAME}: {self.message}"


def load_corrections(folder: Path) -> dict:
    path = Path(folder) / CORRECTIONS_NAME
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CorrectionsError(f"{path}: cannot read corrections ({exc})") from None
    if not isinstance(data, dict) or not set(data) <= {"drop", "edit", "add", "_doc"}:
        raise CorrectionsError(f"{path}: expected an object with 'drop', 'edit' and/or 'add'")
    return data


def apply_corrections(events: list[Event], corrections: dict, gazetteer: Gazetteer,
                      report: Callable[[CorrectionProblem], None]) -> list[Event]:
    """Drop, edit and add events by id; every unusable correction is reported."""
    by_id = {e.id: e for e in events}
    for event_id in corrections.get("drop", []):
        if by_id.pop(event_id, None) is None:
            report(CorrectionProblem(f"drop: no event with id {event_id!r} in this run"))
    for event_id, changes in sorted((corrections.get("edit") or {}).items()):
        if event_id not in by_id:
            report(CorrectionProblem(f"edit: no event with id {event_id!r} in this run"))
            continue
        try:
            edited = _edit(by_id[event_id], changes, gazetteer)
        except ValueError as exc:
            report(CorrectionProblem(f"edit {event_id}: {exc}"))
            continue
        by_id[event_id] = edited
    kept = [by_id[e.id] if e.id in by_id else None for e in events]
    out = [e for e in kept if e is not None]
    for n, item in enumerate(corrections.get("add", []), start=1):
        try:
            out.append(_added(item, n, gazetteer))
        except ValueError as exc:
            report(CorrectionProblem(f"add #{n}: {exc}"))
    return out


def _edit(event: Event, changes: dict, gazetteer: Gazetteer) -> Event:
    if not isinstance(changes, dict):
        raise ValueError("an edit must be an object of field: value")
    unknown = set(changes) - EDITABLE
    if unknown:
        raise ValueError(f"cannot edit {', '.join(sorted(unknown))}; editable: {', '.join(sorted(EDITABLE))}")
    fields: dict = {}
    if "kind" in changes or "type" in changes:
        fields["kind"], fields["type"] = _kind_and_type(changes.get("kind", event.kind), changes.get("type", event.type))
    if {"place", "lat", "lon"} & set(changes):
        fields["place"] = _place(changes, gazetteer, fallback=event.place)
        fields["geo_precision"] = changes.get("geo_precision", "point" if "lat" in changes else event.geo_precision)
        fields["from_only"] = False
    if "origin" in changes:
        fields["origin"] = _place({"place": changes["origin"]}, gazetteer) if changes["origin"] else None
    for key in ("date_start", "date_end"):
        if key in changes:
            fields[key] = _date(changes[key], key)
    if "date_start" in changes and "date_end" not in changes:
        fields["date_end"] = fields["date_start"]
    if "date_start" in changes or "date_end" in changes:
        fields["date_relative"] = fields["date_inferred"] = False  # the analyst's date is stated, not inferred
    for key in ("date_precision", "geo_precision", "evidence", "fatalities", "injuries", "confidence"):
        if key in changes:
            fields[key] = changes[key]
    for key in ("actors", "assets"):
        if key in changes:
            fields[key] = tuple(changes[key])
    return event.with_(**fields)


def _added(item: dict, n: int, gazetteer: Gazetteer) -> Event:
    if not isinstance(item, dict):
        raise ValueError("an added event must be an object")
    kind, type_ = _kind_and_type(item.get("kind"), item.get("type"))
    start = _date(item.get("date_start"), "date_start")
    end = _date(item.get("date_end"), "date_end") or start
    place = _place(item, gazetteer)
    source = Source(article=item.get("article") or CORRECTIONS_NAME, title=item.get("title"),
                    outlet=item.get("outlet") or "analyst", published=item.get("published"), url=item.get("url"))
    return Event(kind=kind, type=type_, place=place, geo_precision=item.get("geo_precision", "point"),
                 evidence=item.get("evidence") or "Added by an analyst.", article=source.article,
                 date_start=start, date_end=end, date_precision=item.get("date_precision", "day" if start else None),
                 origin=_place({"place": item["origin"]}, gazetteer) if item.get("origin") else None,
                 actors=tuple(item.get("actors", ())), assets=tuple(item.get("assets", ())),
                 fatalities=item.get("fatalities"), injuries=item.get("injuries"),
                 confidence=float(item.get("confidence", 1.0)), sources=(source,), sentence_start=-n,
                 uid=make_id("analyst", json.dumps(item, sort_keys=True, default=str)))


def _kind_and_type(kind, type_) -> tuple[str, str]:
    if type_ in INCIDENT_TYPES and kind in (None, "incident"):
        return "incident", type_
    if type_ in MOVEMENT_TYPES and kind in (None, "movement"):
        return "movement", type_
    raise ValueError(f"unknown kind/type {kind!r}/{type_!r}; incident types: {', '.join(INCIDENT_TYPES)}; "
                     f"movement types: {', '.join(MOVEMENT_TYPES)}")


def _place(item: dict, gazetteer: Gazetteer, fallback: Place | None = None) -> Place:
    if "lat" in item or "lon" in item:
        try:
            lat, lon = float(item["lat"]), float(item["lon"])
        except (KeyError, TypeError, ValueError):
            raise ValueError("lat and lon must both be numbers") from None
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise ValueError(f"lat/lon out of range: {lat}, {lon}")
        name = item.get("place") or (fallback.name if fallback else f"{lat:.4f}, {lon:.4f}")
        return Place(id=f"analyst:{lat:.5f},{lon:.5f}", name=name, kind="landmark", country=None,
                     lat=lat, lon=lon, radius_km=1.0, layer="analyst", source="analyst correction")
    name = item.get("place")
    if not name:
        raise ValueError("give a place name the gazetteer knows, or lat and lon")
    found = gazetteer.lookup(str(name), limit=1)
    if not found:
        raise ValueError(f"unknown place {name!r}: give lat and lon, or add it with --gazetteer FILE")
    return found[0][0]


def _date(value, key: str) -> date | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"{key} must be YYYY-MM-DD, got {value!r}") from None
