"""Cutting events into time windows, one map per window.

A briefer reads a conflict week by week, so the maps are static files per window
rather than one map with a time slider: they print, screenshot and diff reliably.

An event carries a date *range* (``date_start`` .. ``date_end``, inclusive) because
reporting is often vague ("last week"). An event is shown in every window its range
overlaps, so a vague event is never hidden just because it straddles a boundary.
Events with no date at all are returned separately, never dropped.
"""
from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = [
    "Window", "WindowSpec", "parse_window_spec", "cut_windows", "event_dates",
    "format_day", "format_date_range",
]

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December")
_N_DAYS = re.compile(r"^([1-9][0-9]{0,3})d$")
_UNITS = ("day", "week", "month", "all")
_ONE_DAY = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Window:
    """One time window; ``start`` and ``end`` are inclusive.

    ``slug`` is safe in a file name and sorts in time order, so ``ls`` lists the
    maps chronologically.
    """

    start: date
    end: date
    slug: str
    label: str


@dataclass(frozen=True, slots=True)
class WindowSpec:
    """How to cut time: ``unit`` is day, week, month, days (``days`` long) or all."""

    unit: str
    days: int = 0

    def __str__(self) -> str:
        return f"{self.days}d" if self.unit == "days" else self.unit


def parse_window_spec(spec: str | WindowSpec) -> WindowSpec:
    """Read "day", "week", "month", "all" or "Nd" (N days, e.g. "10d")."""
    if isinstance(spec, WindowSpec):
        return spec
    text = str(spec).strip().lower()
    if text in _UNITS:
        return WindowSpec(text)
    match = _N_DAYS.match(text)
    if match:
        days = int(match.group(1))
        return WindowSpec("day") if days == 1 else WindowSpec("days", days)
    raise ValueError(
        f"unknown time window {spec!r}: use day, week, month, all, or a number of days like 10d")


# ---------------------------------------------------------------- formatting

def format_day(day: date) -> str:
    """'31 Dec 2019': unambiguous for readers on both sides of the Atlantic."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def format_date_range(start: date, end: date) -> str:
    """A compact inclusive range: '31 Dec 2019', '1–10 Jan 2020', '28 Dec 2019 – 3 Jan 2020'."""
    if start == end:
        return format_day(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {_MONTHS[end.month - 1]} {end.year}"
    if start.year == end.year:
        return f"{start.day} {_MONTHS[start.month - 1]} – {format_day(end)}"
    return f"{format_day(start)} – {format_day(end)}"


# ---------------------------------------------------------------- windows

def _day_window(day: date) -> Window:
    return Window(day, day, day.isoformat(), format_day(day))


def _week_window(day: date) -> Window:
    monday = day - timedelta(days=day.weekday())
    sunday = monday + timedelta(days=6)
    return Window(monday, sunday, f"{monday.isoformat()}_{sunday.isoformat()}",
                  f"Week of {format_day(monday)}")


def _month_window(day: date) -> Window:
    first = day.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return Window(first, following - _ONE_DAY, f"{first.year:04d}-{first.month:02d}",
                  f"{_MONTH_NAMES[first.month - 1]} {first.year}")


def _span_window(start: date, end: date) -> Window:
    return Window(start, end, f"{start.isoformat()}_{end.isoformat()}",
                  format_date_range(start, end))


def _window_containing(day: date, spec: WindowSpec, anchor: date) -> Window:
    if spec.unit == "day":
        return _day_window(day)
    if spec.unit == "week":
        return _week_window(day)
    if spec.unit == "month":
        return _month_window(day)
    offset = (day - anchor).days // spec.days * spec.days
    start = anchor + timedelta(days=offset)
    return _span_window(start, start + timedelta(days=spec.days - 1))


def _windows_overlapping(start: date, end: date, spec: WindowSpec, anchor: date) -> Iterator[Window]:
    window = _window_containing(start, spec, anchor)
    while window.start <= end:
        yield window
        window = _window_containing(window.end + _ONE_DAY, spec, anchor)


# ---------------------------------------------------------------- event dates

def _parse_iso(value: object, field: str, event: dict) -> date | None:
    if value is None or value == "":
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(
            f"event {_event_id(event)}: {field} {value!r} is not a date (YYYY-MM-DD)") from None


def _event_id(event: dict) -> str:
    return repr(_properties(event).get("id") or "(no id)")


def _properties(event: dict) -> dict:
    """Accept a GeoJSON Feature or a bare properties dict."""
    props = event.get("properties")
    return props if isinstance(props, dict) else event


def event_dates(event: dict) -> tuple[date, date] | None:
    """The inclusive date range of an event, or None when it is undated.

    A range with only one end known is taken as that single day; a reversed range
    is a data error and says which event it is.
    """
    props = _properties(event)
    start = _parse_iso(props.get("date_start"), "date_start", event)
    end = _parse_iso(props.get("date_end"), "date_end", event)
    if start is None and end is None:
        return None
    start, end = start or end, end or start
    if start > end:
        raise ValueError(f"event {_event_id(event)}: date_start {start} is after date_end {end}")
    return start, end


def _clip(span: tuple[date, date], date_from: date | None, date_to: date | None,
          ) -> tuple[date, date] | None:
    start = max(span[0], date_from) if date_from else span[0]
    end = min(span[1], date_to) if date_to else span[1]
    return (start, end) if start <= end else None


# ---------------------------------------------------------------- cutting

# An event spanning more windows than this is drawn once, in the window of its midpoint.
MAX_WINDOWS_PER_EVENT = 3


def cut_windows(events: Sequence[dict], spec: str | WindowSpec, *,
                date_from: date | None = None, date_to: date | None = None,
                ) -> tuple[list[tuple[Window, list[dict]]], list[dict]]:
    """Group events into the non-empty windows they overlap, in time order.

    ``date_from``/``date_to`` keep events whose range overlaps them (inclusive), and
    windows wholly outside them are not made. Returns ``(windows, undated)``; undated
    events ignore the date filter, because nothing says they fall outside it.
    Within a window, events are ordered by start date, then id.
    """
    spec = parse_window_spec(spec)
    if date_from and date_to and date_from > date_to:
        raise ValueError(f"--from {date_from} is after --to {date_to}: nothing can fall between them")
    dated: list[tuple[tuple[date, date], dict]] = []
    undated: list[dict] = []
    for event in events:
        span = event_dates(event)
        if span is None:
            undated.append(event)
            continue
        clipped = _clip(span, date_from, date_to)
        if clipped:
            dated.append((clipped, event))
    dated.sort(key=lambda item: (item[0][0], str(_properties(item[1]).get("id") or "")))
    return _group(dated, spec, date_from), undated


def _group(dated: list[tuple[tuple[date, date], dict]], spec: WindowSpec, date_from: date | None,
           ) -> list[tuple[Window, list[dict]]]:
    if not dated:
        return []
    if spec.unit == "all":
        start = min(span[0] for span, _ in dated)
        end = max(span[1] for span, _ in dated)
        return [(Window(start, end, "all", f"All dates, {format_date_range(start, end)}"),
                 [event for _, event in dated])]
    anchor = date_from or dated[0][0][0]
    by_window: dict[Window, list[dict]] = {}
    for (start, end), event in dated:
        windows = list(_windows_overlapping(start, end, spec, anchor))
        if len(windows) > MAX_WINDOWS_PER_EVENT:
            # Known only to the year in weekly maps: drawn once, in the window of its midpoint
            # (as ACLED codes a month-precise event mid-month), not on fifty-odd maps.
            middle = start + (end - start) / 2
            windows = [w for w in windows if w.start <= middle <= w.end][:1] or windows[:1]
        for window in windows:
            by_window.setdefault(window, []).append(event)
    return sorted(by_window.items(), key=lambda item: item[0].start)
