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


# ------------------------------------------------------------------ helpers

from geomap.dates import DateRange, TemporalMention, find_dates, sentence_direction  # noqa: E402

THU = date(2020, 1, 2)  # a Thursday, as seed 001
D = date


def dates_of(sentence: str, published: date | None = THU) -> list[tuple[str, object]]:
    """(text, (start, end, precision) or None) per mention: compact to assert on."""
    out = []
    for m in find_dates(sentence, published):
        assert sentence[m.start:m.end] == m.text
        out.append((m.text, None if m.range is None else
                    (m.range.start, m.range.end, m.range.precision)))
    return out


def only(sentence: str, published: date | None = THU) -> tuple:
    [(_, value)] = dates_of(sentence, published)
    return value


def day(y: int, m: int, d: int) -> tuple:
    return (D(y, m, d), D(y, m, d), "day")


# ------------------------------------------------------------------ absolute dates

@pytest.mark.parametrize("sentence, expected", [
    ("The embassy was stormed on Dec. 31, 2019.", day(2019, 12, 31)),
    ("The strike on Jan. 1, 2020 killed two.", day(2020, 1, 1)),
    ("Soleimani was killed on January 3, 2020, near the airport.", day(2020, 1, 3)),
    ("The raid took place on 3 January 2020.", day(2020, 1, 3)),
    ("Rockets hit the base on 2019-12-27.", day(2019, 12, 27)),
    ("It happened on Sept. 14, 2019.", day(2019, 9, 14)),
    ("It happened on Sep 14, 2019.", day(2019, 9, 14)),
    ("It happened on September 14th, 2019.", day(2019, 9, 14)),
    ("It happened on the 14th of September 2019.", day(2019, 9, 14)),
    ("Drills ran December 21-23, 2019.", (D(2019, 12, 21), D(2019, 12, 23), "week")),
    ("Drills ran 21–23 December 2019.", (D(2019, 12, 21), D(2019, 12, 23), "week")),
])
def test_explicit_days(sentence, expected):
    assert only(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("Tensions rose in 2019.", (D(2019, 1, 1), D(2019, 12, 31), "year")),
    ("The 2015 nuclear deal collapsed.", (D(2015, 1, 1), D(2015, 12, 31), "year")),
    ("He was killed in January 2020.", (D(2020, 1, 1), D(2020, 1, 31), "month")),
    ("Tankers were attacked in June 2019.", (D(2019, 6, 1), D(2019, 6, 30), "month")),
    ("Tankers were attacked June 2019 in the Gulf of Oman.", (D(2019, 6, 1), D(2019, 6, 30), "month")),
    ("The ship was seized in late July 2019.", (D(2019, 7, 21), D(2019, 7, 31), "week")),
    ("Strikes resumed in early 2020.", (D(2020, 1, 1), D(2020, 4, 30), "year")),
    ("Strikes resumed in mid-2019.", (D(2019, 5, 1), D(2019, 8, 31), "year")),
    ("Strikes resumed by the end of 2019.", (D(2019, 9, 1), D(2019, 12, 31), "year")),
    ("The drone was downed in May 2019.", (D(2019, 5, 1), D(2019, 5, 31), "month")),
    ("The drone was downed on May 20, 2019.", day(2019, 5, 20)),
])
def test_explicit_months_and_years(sentence, expected):
    assert only(sentence) == expected


def test_explicit_dates_do_not_need_a_publication_date():
    [mention] = find_dates("The strike on Jan. 1, 2020 killed two.", None)
    assert mention.range == DateRange(D(2020, 1, 1), D(2020, 1, 1), "day")
    assert mention.relative is False


def test_span_leaves_out_prepositions_but_keeps_since():
    [mention] = find_dates("a U.S. airstrike in Qaim, Iraq, on Dec. 30, 2019. (AP Photo)", THU)
    assert mention.text == "Dec. 30, 2019"
    assert [m.text for m in find_dates("Tensions have soared since 2018.", THU)] == ["since 2018"]


@pytest.mark.parametrize("sentence, expected", [
    ("Tensions have soared since 2018, when Trump withdrew.", (D(2018, 1, 1), D(2018, 12, 31), "year")),
    ("They came to the brink of war twice since June 2019.", (D(2019, 6, 1), D(2019, 6, 30), "month")),
    ("Attacks have risen since Dec. 27, 2019.", day(2019, 12, 27)),
    ("Attacks have risen since Sunday.", day(2019, 12, 29)),
])
def test_since_is_open_ended(sentence, expected):
    [mention] = find_dates(sentence, THU)
    assert mention.open_ended is True
    assert (mention.range.start, mention.range.end, mention.range.precision) == expected
    assert mention.text.startswith("since")


# ------------------------------------------------------------------ year inference

@pytest.mark.parametrize("sentence, published, expected", [
    # past events reported just after new year belong to the old year
    ("He threatened Iran after a December 21 attack on the embassy.", THU, day(2019, 12, 21)),
    ("The embassy was attacked on Dec. 31.", THU, day(2019, 12, 31)),
    ("The base was hit on Dec 29.", THU, day(2019, 12, 29)),
    ("The base was hit on 29 December.", THU, day(2019, 12, 29)),
    ("Esper spoke on Jan. 2.", THU, day(2020, 1, 2)),  # publication day itself
    ("The militia attacked the base on December 21st.", THU, day(2019, 12, 21)),
    # in the past tense a later month-day is last year's
    ("Soleimani was killed on January 3.", D(2020, 12, 31), day(2020, 1, 3)),
    # future tense: the coming one, across the year boundary
    ("Iran will mark the killing on January 3.", D(2020, 12, 31), day(2021, 1, 3)),
    ("The carrier is expected to arrive Jan. 5.", D(2020, 12, 31), day(2021, 1, 5)),
    ("Talks are scheduled for January 3.", D(2020, 12, 31), day(2021, 1, 3)),
    ("Officials fear attacks ahead of January 3.", D(2020, 12, 31), day(2021, 1, 3)),
    # an anniversary is the nearest occurrence, whatever the tense
    ("Officials said the threat peaked around the January 3 anniversary.", D(2020, 12, 31),
     day(2021, 1, 3)),
    ("Iran marked the January 3 anniversary of the killing.", D(2021, 1, 5), day(2021, 1, 3)),
    # no valid year near publication: February 29 exists only in a leap year
    ("The drill on Feb. 29 was cancelled.", D(2021, 3, 1), day(2020, 2, 29)),
])
def test_year_inference_for_month_day(sentence, published, expected):
    assert only(sentence, published) == expected


@pytest.mark.parametrize("sentence, published, expected", [
    ("Soleimani was killed in January.", D(2020, 12, 31), (D(2020, 1, 1), D(2020, 1, 31), "month")),
    ("Soleimani was killed in January.", THU, (D(2020, 1, 1), D(2020, 1, 31), "month")),
    ("Tankers were attacked in June.", D(2020, 1, 2), (D(2019, 6, 1), D(2019, 6, 30), "month")),
    ("Elections will be held in June.", D(2020, 1, 2), (D(2020, 6, 1), D(2020, 6, 30), "month")),
    ("The carrier will return in January.", D(2020, 12, 31), (D(2021, 1, 1), D(2021, 1, 31), "month")),
    ("The talks were held last January.", D(2020, 1, 20), (D(2019, 1, 1), D(2019, 1, 31), "month")),
    ("The talks will be held next December.", D(2020, 12, 5), (D(2021, 12, 1), D(2021, 12, 31), "month")),
    ("The scientist was killed in late November.", D(2021, 1, 3), (D(2020, 11, 21), D(2020, 11, 30), "week")),
    ("Trump asked for options in a mid-November meeting.", D(2020, 12, 31),
     (D(2020, 11, 11), D(2020, 11, 20), "week")),
    ("Ships arrived in early December.", D(2020, 12, 31), (D(2020, 12, 1), D(2020, 12, 10), "week")),
    ("Ships arrived at the end of February.", D(2021, 3, 1), (D(2021, 2, 21), D(2021, 2, 28), "week")),
])
def test_year_inference_for_months(sentence, published, expected):
    assert only(sentence, published) == expected
