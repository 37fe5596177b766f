"""Temporal expressions: absolute, relative to the publication date, and things that are not dates."""
from __future__ import annotations

from datetime import date

import pytest

from geomap.dates import parse_iso_date


def test_parse_iso_date():
    assert parse_iso_date("2020-01-02") == date(2020, 1, 2)
    assert parse_iso_date(" 2020-01-02 ") == date(2020, 1, 2)


@pytest.mark.parametrize("bad", ["", "2020-1-2", "02/01/2020", "20200102", "2020-02-30", "yesterday"])
def test_parse_iso_date_rejects_clearly(bad):
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        parse_iso_date(bad)
