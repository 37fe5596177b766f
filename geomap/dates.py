"""Temporal expressions in news sentences, anchored on the article's publication date."""
from __future__ import annotations

import re
from datetime import date

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_iso_date(value: str) -> date:
    """A strict ``YYYY-MM-DD`` (command-line ``--from``/``--to``, manifest dates).

    Strict on purpose: "01/02/2020" is January or February depending on who wrote it.
    """
    text = value.strip() if isinstance(value, str) else ""
    if not _ISO_DATE.fullmatch(text):
        raise ValueError(f"expected YYYY-MM-DD, got {value!r}")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"not a real date: {value!r} (expected YYYY-MM-DD)") from None
