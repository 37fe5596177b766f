"""An article's resolved mentions, folded into one record per place (places.geojson)."""
from __future__ import annotations

from gazetteer import Resolution


def place_features(article: str, resolutions: list[Resolution]) -> list[dict]:
    """One GeoJSON Feature per place the article names, in order of first mention."""
    grouped: dict[str, list[Resolution]] = {}
    for resolution in resolutions:
        grouped.setdefault(resolution.place.id, []).append(resolution)
    return [_feature(article, group) for group in grouped.values()]


def _feature(article: str, group: list[Resolution]) -> dict:
    place = group[0].place
    surfaces = list(dict.fromkeys([r.mention.surface for r in group]))  # lists: cheaper than generators
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [round(place.lon, 5), round(place.lat, 5)]},
        "properties": {
            "article": article,
            "mention": surfaces[0],
            "mentions": surfaces,
            "name": place.name,
            "kind": place.kind,
            "country": place.country,
            "source": place.layer,
            "count": len(group),
            "id": place.id,
            "uncertainty_km": place.radius_km,
            "score": max([r.score for r in group]),
        },
    }
