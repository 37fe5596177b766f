"""Colours and symbols per event type, read once from ``data/styles.json``.

The table lives in a data file so that the HTML maps and the PNG exporter draw every
type the same way; see the file's ``_doc`` key for its schema.
"""
from __future__ import annotations

import json
from importlib import resources
from types import MappingProxyType
from typing import Any, Mapping

FALLBACK_TYPE = "other"
REQUIRED_TYPE_KEYS = frozenset({"kind", "label", "color", "symbol"})


class StylesError(ValueError):
    """The styles data file is inconsistent (a type names an unknown symbol, a key is missing)."""


def _load_styles() -> dict[str, Any]:
    text = resources.files("geomap.maps").joinpath("data/styles.json").read_text("utf-8")
    styles = json.loads(text)
    _check_styles(styles)
    return styles


def _check_styles(styles: dict[str, Any]) -> None:
    """Fail at import time rather than draw an invisible marker later."""
    symbols = styles["symbols"]
    for name, style in styles["types"].items():
        missing = REQUIRED_TYPE_KEYS - style.keys()
        if missing:
            raise StylesError(f"styles.json: type {name!r} lacks {sorted(missing)}")
        if style["symbol"] not in symbols:
            raise StylesError(f"styles.json: type {name!r} uses unknown symbol {style['symbol']!r}")
    if FALLBACK_TYPE not in styles["types"]:
        raise StylesError(f"styles.json must define the fallback type {FALLBACK_TYPE!r}")


_STYLES = _load_styles()

#: type -> {"kind", "label", "color", "symbol", "marker"} ("marker" is the matplotlib code).
TYPE_STYLES: Mapping[str, Mapping[str, str]] = MappingProxyType({
    name: MappingProxyType({**style, "marker": _STYLES["symbols"][style["symbol"]]["matplotlib"]})
    for name, style in _STYLES["types"].items()
})
#: symbol -> {"svg": path data in a 20x20 box, "matplotlib": marker code}.
SYMBOLS: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {name: MappingProxyType(sym) for name, sym in _STYLES["symbols"].items()})
MOVEMENT_LINE: Mapping[str, float] = MappingProxyType(_STYLES["movement_line"])
IMPRECISE: Mapping[str, Any] = MappingProxyType(_STYLES["imprecise"])


def style_for(event_type: str | None) -> Mapping[str, str]:
    """The style of ``event_type``; unknown types fall back to 'other' so nothing is dropped."""
    return TYPE_STYLES.get(event_type or FALLBACK_TYPE, TYPE_STYLES[FALLBACK_TYPE])


def canonical_type(event_type: str | None) -> str:
    """The styles key an event is drawn and counted under in the legend."""
    return event_type if event_type in TYPE_STYLES else FALLBACK_TYPE
