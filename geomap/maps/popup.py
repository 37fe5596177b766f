"""Popup and tooltip HTML for events and places, built from untrusted article text.

Everything that comes from an article (titles, evidence, outlets, names, links) is
escaped here, because Leaflet inserts popup and tooltip strings as raw HTML. Links are
kept only for ``http``/``https`` URLs; anything else is shown as text.
"""
from __future__ import annotations

import json
import re
from datetime import date
from functools import lru_cache
from html import escape
from importlib import resources
from typing import Any, Mapping

from geomap.maps.styles import style_for

_SAFE_URL = re.compile(r"https?://[^\s\"'<>\\`]+", re.I)
_MISSING = "—"


@lru_cache(maxsize=1)
def _precision_table() -> dict[str, Any]:
    text = resources.files("geomap.maps").joinpath("data/precision.json").read_text("utf-8")
    return json.loads(text)


def html_text(value: Any) -> str:
    """``value`` as HTML text: escaped, and with braces as entities.

    folium compiles each rendered layer script as a Jinja template, so a ``{{`` or
    ``{%`` left in article text would be evaluated or crash the render.
    """
    return escape(str(value), quote=True).replace("{", "&#123;").replace("}", "&#125;")


def _text(value: Any) -> str:
    """Escaped text of a value that may be missing or of an unexpected type."""
    if value is None or value == "":
        return _MISSING
    return html_text(value)


def _names(values: Any) -> str:
    if not values:
        return ""
    if isinstance(values, str):
        values = [values]
    return ", ".join(_text(v) for v in values)


def safe_link(url: Any, label: str) -> str:
    """An ``<a>`` to ``url`` if it is plain http(s), else the escaped label alone."""
    if isinstance(url, str) and _SAFE_URL.fullmatch(url.strip()):
        return (f'<a href="{html_text(url.strip())}" target="_blank" '
                f'rel="noopener noreferrer">{label}</a>')
    return label


def is_vague_place(props: Mapping[str, Any], min_uncertainty_km: float) -> bool:
    """True when the marker stands for an area rather than a site."""
    geo = _precision_table()["geo"].get(props.get("geo_precision") or "")
    return bool(geo and geo["vague"]) or _number(props.get("uncertainty_km")) > min_uncertainty_km


def is_vague_date(props: Mapping[str, Any]) -> bool:
    entry = _precision_table()["date"].get(props.get("date_precision") or "")
    return bool(entry and entry["vague"])


def _number(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0


def date_phrase(props: Mapping[str, Any]) -> str:
    """'2020-01-02', 'date known only to the week of 2019-12-23', '2023-12-22 to 2023-12-24 (not
    stated for the event; inferred from the report)' or 'date not reported'."""
    table = _precision_table()
    start, end = props.get("date_start"), props.get("date_end")
    if not start and not end:
        return table["undated"]
    start, end = str(start or end), str(end or start)
    if props.get("date_inferred"):
        return f"{start if start == end else f'{start} to {end}'} ({table['inferred']})"
    entry = table["date"].get(props.get("date_precision") or "", table["date"]["day"])
    if entry is table["date"]["day"] and start != end:
        return f"{start} to {end}"
    return entry["phrase"].format(start=start, end=end, **_month_and_year(start))


def _month_and_year(iso: str) -> dict[str, str]:
    try:
        day = date.fromisoformat(iso)
    except ValueError:
        return {"month": iso, "year": iso[:4]}
    return {"month": day.strftime("%B %Y"), "year": str(day.year)}


def place_phrase(props: Mapping[str, Any]) -> str:
    geo = _precision_table()["geo"].get(props.get("geo_precision") or "")
    radius = _number(props.get("uncertainty_km"))
    parts = [geo["phrase"]] if geo else []
    if radius > 0:
        parts.append(f"±{radius:,.0f} km")
    return ", ".join(parts)


def _row(label: str, value_html: str) -> str:
    return f"<tr><th>{label}</th><td>{value_html}</td></tr>" if value_html else ""


def _casualties(props: Mapping[str, Any]) -> str:
    parts = [f"{_text(props[key])} {word}" for key, word in
             (("fatalities", "killed"), ("injuries", "injured")) if props.get(key) is not None]
    return ", ".join(parts)


def _source_item(source: Any) -> str:
    if not isinstance(source, Mapping):
        return f"<li>{_text(source)}</li>"
    title = _text(source.get("title") or source.get("article"))
    meta = ", ".join(_text(source[k]) for k in ("outlet", "published") if source.get(k))
    return f"<li>{safe_link(source.get('url'), title)}{f' <span>({meta})</span>' if meta else ''}</li>"


def _sources(props: Mapping[str, Any]) -> str:
    sources = props.get("sources") or []
    if not isinstance(sources, list):
        sources = [sources]
    return f"<ol>{''.join(_source_item(s) for s in sources)}</ol>" if sources else ""


def event_popup_html(props: Mapping[str, Any]) -> str:
    """The popup of one event: what, when, where, who, and every source, all escaped."""
    style = style_for(props.get("type"))
    place = _text(props.get("place"))
    rows = [
        _row("Date", _text(date_phrase(props))),
        _row("Place", f"{place} <small>({_text(place_phrase(props))})</small>"
             if place_phrase(props) else place),
        _row("From", _text(props["origin"]) if props.get("origin") else ""),
        _row("Assets", _names(props.get("assets"))),
        _row("Actors", _names(props.get("actors"))),
        _row("Casualties", _casualties(props)),
    ]
    evidence = props.get("evidence")
    quote = f"<blockquote>{_text(evidence)}</blockquote>" if evidence else ""
    return (f'<div class="geomap-popup"><h4 style="border-color:{style["color"]}">'
            f'{escape(style["label"])}</h4><table>{"".join(rows)}</table>{quote}'
            f'<div class="geomap-sources">Sources{_sources(props)}</div></div>')


def event_tooltip_html(props: Mapping[str, Any]) -> str:
    """One line on hover: type, place, date."""
    style = style_for(props.get("type"))
    when = props.get("date_start") or "undated"
    return f"{escape(style['label'])} · {_text(props.get('place'))} · {_text(when)}"


def place_popup_html(props: Mapping[str, Any]) -> str:
    """A named place: what the article called it and what the gazetteer matched."""
    rows = [
        _row("Named as", _names(props.get("mentions") or props.get("mention"))),
        _row("Kind", _text(props.get("kind"))),
        _row("Country", _text(props.get("country")) if props.get("country") else ""),
        _row("Mentions", _text(props.get("count")) if props.get("count") is not None else ""),
        _row("Article", _text(props.get("article")) if props.get("article") else ""),
        _row("Gazetteer", _text(props.get("source")) if props.get("source") else ""),
    ]
    return f'<div class="geomap-popup"><h4>{_text(props.get("name"))}</h4><table>{"".join(rows)}</table></div>'
