"""Time windows: which events land on which map."""
from __future__ import annotations

from datetime import date

import pytest

from geomap.windows import (Window, WindowSpec, cut_windows, event_dates, format_date_range,
                            parse_window_spec)


def ev(ident: str, start: str | None, end: str | None = None) -> dict:
    end = start if end is None else end
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [44.4, 33.3]},
            "properties": {"id": ident, "date_start": start, "date_end": end}}


def ids(windows) -> list[tuple[str, list[str]]]:
    return [(w.slug, [e["properties"]["id"] for e in evs]) for w, evs in windows]


# ---------------------------------------------------------------- specs

@pytest.mark.parametrize("text, expected", [
    ("day", WindowSpec("day")), ("WEEK", WindowSpec("week")), (" month ", WindowSpec("month")),
    ("all", WindowSpec("all")), ("10d", WindowSpec("days", 10)), ("1d", WindowSpec("day")),
])
def test_parse_window_spec(text, expected):
    assert parse_window_spec(text) == expected


@pytest.mark.parametrize("bad", ["fortnight", "0d", "d", "-3d", "3 days", "", "10000d"])
def test_parse_window_spec_rejects_with_a_hint(bad):
    with pytest.raises(ValueError, match="day, week, month, all"):
        parse_window_spec(bad)


# ---------------------------------------------------------------- weeks

def test_weeks_start_on_monday():
    # 2020-01-01 is a Wednesday; its ISO week runs Mon 30 Dec 2019 .. Sun 5 Jan 2020.
    windows, _ = cut_windows([ev("a", "2020-01-01"), ev("b", "2020-01-05"), ev("c", "2020-01-06")],
                             "week")
    assert ids(windows) == [("2019-12-30_2020-01-05", ["a", "b"]), ("2020-01-06_2020-01-12", ["c"])]
    first = windows[0][0]
    assert first == Window(date(2019, 12, 30), date(2020, 1, 5), "2019-12-30_2020-01-05",
                           "Week of 30 Dec 2019")
    assert first.start.weekday() == 0


def test_event_spanning_two_windows_appears_in_each():
    windows, _ = cut_windows([ev("span", "2020-01-04", "2020-01-07"), ev("late", "2020-01-08")],
                             "week")
    assert ids(windows) == [("2019-12-30_2020-01-05", ["span"]),
                            ("2020-01-06_2020-01-12", ["span", "late"])]


def test_empty_windows_are_skipped_and_order_is_by_time():
    windows, _ = cut_windows([ev("late", "2020-03-02"), ev("early", "2020-01-01")], "week")
    assert [w.slug for w, _ in windows] == ["2019-12-30_2020-01-05", "2020-03-02_2020-03-08"]


# ---------------------------------------------------------------- month, day, Nd, all

def test_months_including_december_and_leap_february():
    windows, _ = cut_windows([ev("d", "2019-12-31"), ev("f", "2020-02-29"), ev("j", "2020-01-15")],
                             "month")
    assert [(w.slug, w.label, w.start, w.end) for w, _ in windows] == [
        ("2019-12", "December 2019", date(2019, 12, 1), date(2019, 12, 31)),
        ("2020-01", "January 2020", date(2020, 1, 1), date(2020, 1, 31)),
        ("2020-02", "February 2020", date(2020, 2, 1), date(2020, 2, 29)),
    ]


def test_days():
    windows, _ = cut_windows([ev("a", "2019-12-31", "2020-01-01")], "day")
    assert [(w.slug, w.label) for w, _ in windows] == [("2019-12-31", "31 Dec 2019"),
                                                       ("2020-01-01", "1 Jan 2020")]


def test_n_days_anchored_on_earliest_event():
    windows, _ = cut_windows([ev("a", "2020-01-03"), ev("b", "2020-01-12"), ev("c", "2020-01-13")],
                             "10d")
    assert ids(windows) == [("2020-01-03_2020-01-12", ["a", "b"]), ("2020-01-13_2020-01-22", ["c"])]
    assert windows[0][0].label == "3–12 Jan 2020"


def test_n_days_anchored_on_date_from():
    windows, _ = cut_windows([ev("a", "2020-01-03"), ev("b", "2020-01-12")], "10d",
                             date_from=date(2020, 1, 1))
    assert ids(windows) == [("2020-01-01_2020-01-10", ["a"]), ("2020-01-11_2020-01-20", ["b"])]


def test_all_is_one_window_over_the_whole_extent():
    windows, _ = cut_windows([ev("b", "2020-01-12", "2020-02-02"), ev("a", "2019-12-30")], "all")
    assert ids(windows) == [("all", ["a", "b"])]
    window = windows[0][0]
    assert (window.start, window.end) == (date(2019, 12, 30), date(2020, 2, 2))
    assert "30 Dec 2019 – 2 Feb 2020" in window.label


# ---------------------------------------------------------------- undated and filtering

def test_undated_events_are_returned_not_dropped():
    undated_event = ev("u", None)
    windows, undated = cut_windows([ev("a", "2020-01-01"), undated_event], "week")
    assert ids(windows) == [("2019-12-30_2020-01-05", ["a"])]
    assert undated == [undated_event]


def test_only_undated_events_give_no_windows():
    assert cut_windows([ev("u", None)], "week") == ([], [ev("u", None)])


def test_half_open_range_is_taken_as_one_day():
    assert event_dates({"properties": {"date_start": "2020-01-03", "date_end": None}}) == (
        date(2020, 1, 3), date(2020, 1, 3))
    assert event_dates({"properties": {"date_start": None, "date_end": "2020-01-04"}}) == (
        date(2020, 1, 4), date(2020, 1, 4))


def test_from_after_to_is_a_clear_error():
    with pytest.raises(ValueError, match="2020-02-01 is after --to 2020-01-01"):
        cut_windows([ev("a", "2020-01-01")], "week", date_from=date(2020, 2, 1),
                    date_to=date(2020, 1, 1))


def test_from_to_keep_events_that_overlap():
    events = [ev("before", "2019-12-20"), ev("straddle", "2019-12-28", "2020-01-02"),
              ev("inside", "2020-01-10"), ev("after", "2020-02-01"), ev("u", None)]
    windows, undated = cut_windows(events, "week", date_from=date(2020, 1, 1),
                                   date_to=date(2020, 1, 31))
    # The straddling event counts, but the week before --from gets no window of its own.
    assert ids(windows) == [("2019-12-30_2020-01-05", ["straddle"]),
                            ("2020-01-06_2020-01-12", ["inside"])]
    assert [e["properties"]["id"] for e in undated] == ["u"]


def test_bad_dates_name_the_event():
    with pytest.raises(ValueError, match="'ev-9'.*'2020-13-01'"):
        cut_windows([ev("ev-9", "2020-13-01")], "week")
    with pytest.raises(ValueError, match="'ev-8'.*after date_end"):
        cut_windows([ev("ev-8", "2020-01-05", "2020-01-01")], "week")


@pytest.mark.parametrize("start, end, text", [
    (date(2020, 1, 1), date(2020, 1, 1), "1 Jan 2020"),
    (date(2020, 1, 1), date(2020, 1, 10), "1–10 Jan 2020"),
    (date(2020, 1, 25), date(2020, 2, 3), "25 Jan – 3 Feb 2020"),
    (date(2019, 12, 30), date(2020, 1, 5), "30 Dec 2019 – 5 Jan 2020"),
])
def test_format_date_range(start, end, text):
    assert format_date_range(start, end) == text


def test_an_event_known_only_to_the_year_is_drawn_once_not_on_every_weekly_map():
    from geomap.windows import cut_windows

    year_long = {"type": "Feature", "geometry": {"type": "Point", "coordinates": [44.0, 33.0]},
                 "properties": {"id": "ev-year", "date_start": "2019-01-01", "date_end": "2019-12-31"}}
    day = {"type": "Feature", "geometry": {"type": "Point", "coordinates": [44.0, 33.0]},
           "properties": {"id": "ev-day", "date_start": "2019-12-30", "date_end": "2019-12-30"}}
    windows, undated = cut_windows([year_long, day], "week")
    assert undated == []
    holding = [w for w, events in windows if any(e["properties"]["id"] == "ev-year" for e in events)]
    assert len(holding) == 1 and holding[0].start <= date(2019, 7, 2) <= holding[0].end
