"""Writing events and places: GeoJSON as the evaluation README defines it, and GeoParquet."""
from __future__ import annotations

from pathlib import Path

from geomap.events import Event
from geomap.io import write_atomic, write_json


def _round(x: float) -> float:
    return round(x, 5)


def event_geometry(event: Event) -> dict:
    """A Point where it happened; a movement with a known origin is a line origin -> destination."""
    here = [_round(event.place.lon), _round(event.place.lat)]
    if event.kind == "movement" and event.origin is not None and not event.from_only:
        return {"type": "LineString", "coordinates": [[_round(event.origin.lon), _round(event.origin.lat)], here]}
    return {"type": "Point", "coordinates": here}


def event_feature(event: Event, article: str | None = None) -> dict:
    """The interchange Feature of an event, as reported by ``article`` (default: its first source)."""
    origin = event.place if event.from_only else event.origin
    return {
        "type": "Feature",
        "geometry": event_geometry(event),
        "properties": {
            "id": event.id,
            "article": article or event.article,
            "kind": event.kind,
            "type": event.type,
            "date_start": event.date_start.isoformat() if event.date_start else None,
            "date_end": event.date_end.isoformat() if event.date_end else None,
            "date_precision": event.date_precision,
            "date_inferred": bool(event.date_relative and event.date_start),
            "place": None if event.from_only else event.place.name,
            "place_id": None if event.from_only else event.place.id,
            "origin": origin.name if origin else None,
            "origin_id": origin.id if origin else None,
            "geo_precision": event.geo_precision,
            "uncertainty_km": event.place.radius_km,
            "actors": list(event.actors),
            "assets": list(event.assets),
            "fatalities": event.fatalities,
            "injuries": event.injuries,
            "evidence": event.evidence,
            "confidence": event.confidence,
            "mentions": event.mentions,
            "sources": [s.as_dict() for s in event.sources],
        },
    }


def per_article_features(events: list[Event]) -> list[dict]:
    """One Feature per event and reporting article (the scorer reads events per article);
    copies of one event share its id and list every source."""
    features = []
    for event in events:
        for source in event.sources:
            features.append(event_feature(event, source.article))
    return sorted(features, key=lambda f: (f["properties"]["article"], f["properties"]["date_start"] or "",
                                           f["properties"]["id"]))


def collection(features: list[dict]) -> dict:
    return {"type": "FeatureCollection", "features": features}


def write_events_geojson(path: Path, events: list[Event]) -> None:
    write_json(path, collection(per_article_features(events)))


def write_events_parquet(path: Path, events: list[Event]) -> None:
    """GeoParquet of the merged events (one row per real event) for GIS tools and large corpora."""
    import geopandas
    from shapely.geometry import shape

    rows = [event_feature(e)["properties"] | {"geometry": shape(event_geometry(e))} for e in events]
    for row in rows:
        row["sources"] = [s["article"] for s in row["sources"]]
    frame = geopandas.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326") if rows else \
        geopandas.GeoDataFrame({"id": [], "geometry": []}, geometry="geometry", crs="EPSG:4326")
    tmp = path.with_name(f".{path.name}.tmp")
    frame.to_parquet(tmp, index=False)
    write_atomic(path, tmp.read_bytes())
    tmp.unlink()
