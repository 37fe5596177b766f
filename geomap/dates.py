"""Temporal expressions in news sentences, anchored on the article's publication date.

``find_dates(sentence, published)`` finds every expression with one compiled regular expression
and turns each into a :class:`DateRange`. News writes most dates relative to the day it is
published ("on Wednesday", "last week", "December 21" without a year), so those are anchored
on ``published``; whether a bare "January 3" is the last one or the coming one is decided by
the tense around it (see :func:`sentence_direction`), defaulting to the past as news does.

Precision says which unit the text speaks in, not how long the range is:

=========  ===================================================================================
day        "Jan. 2, 2020", "December 21", "Wednesday", "yesterday", "last night", "today",
           "overnight" (the night before publication: two dates), "3 days ago", holidays
week       "last week" (Mon-Sun), "this week" (Mon..publication), "next week", "last weekend"
           (Sat-Sun), "two weeks ago" (that Mon-Sun week), "early/mid/late November"
           (days 1-10 / 11-20 / 21-end), "in recent days"
month      "June 2019", "in January", "last month", "earlier this month", "in recent weeks"
           (the four weeks up to publication), "two months ago"
year       "in 2019", "last year", "early 2020" (Jan-Apr; mid May-Aug; late Sep-Dec),
           "in recent months" (three months up to publication), "in recent years"
=========  ===================================================================================

A run of days ("December 21-23", "the night of Jan. 7-8") and a trailing window ("over the
past two weeks") take the unit of their length: up to 2 days day, 11 week, 31 month, else year.

Two kinds of mention carry no range, and the caller should not date an event with them:

* ``range=None``: the expression cannot be anchored, either because it is relative to
  something other than publication ("days after the strike", "the previous day", "a week
  later") or because the publication date is unknown.
* ``open_ended=True``: "since 2018", "since June 2019". The range is the one of the date
  after "since" (the start of an ongoing period), returned so its words are not misread as
  a date of their own; an event is not dated by them.

No dateparser on the hot path: the spans come from one regex and each kind has a small,
exact rule, measured at tens of microseconds per sentence (``benchmarks/bench_dates.py``)
against about half a millisecond per dateparser call, and dateparser's "past" preference
gets "the coming January 3" wrong. dateutil's ``relativedelta`` does the calendar arithmetic.
"""
from __future__ import annotations

import calendar
import re
import string
from functools import lru_cache
from datetime import date, datetime, timedelta
from typing import Callable, NamedTuple

from dateutil.relativedelta import relativedelta

__all__ = ["DateRange", "TemporalMention", "find_dates", "may_hold_dates", "parse_iso_date", "sentence_direction"]

PAST, FUTURE, NEAREST = "past", "future", "nearest"


class DateRange(NamedTuple):
    """Inclusive range of days; ``start == end`` for a single day. A named tuple: a sentence's
    dates make several, and one is made twice as fast as a frozen dataclass."""

    start: date
    end: date
    precision: str  # "day" | "week" | "month" | "year"


class TemporalMention(NamedTuple):
    """A temporal expression at ``sentence[start:end]`` (a named tuple, as :class:`DateRange`)."""

    start: int
    end: int
    text: str
    range: DateRange | None  # None: cannot be anchored (see the module docstring)
    relative: bool  # the range depends on the publication date (incl. an inferred year)
    open_ended: bool = False  # "since ...": the start of an ongoing period, not an event date


# --------------------------------------------------------------------------- ISO dates

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


# --------------------------------------------------------------------------- vocabulary

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
# Bare "May"/"March" are far more often verbs ("Iran may be planning") than months.
AMBIGUOUS_MONTHS = {"may", "march"}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
            "saturday": 5, "sunday": 6}
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "a couple of": 2, "couple of": 2,
}
# (first word, "eve"/"day"/"") -> (month, day)
HOLIDAYS = {("new", "eve"): (12, 31), ("new", "day"): (1, 1), ("new", ""): (1, 1),
            ("christmas", "eve"): (12, 24), ("christmas", "day"): (12, 25),
            ("christmas", ""): (12, 25)}
# Vague counts as (fewest, most).
VAGUE_COUNTS = {"a few": (2, 4), "few": (2, 4), "several": (3, 7)}
# Trailing windows for "in recent <unit>s": how many units back from publication.
RECENT_COUNT = {"day": 7, "week": 4, "month": 3, "year": 3}
# A year followed by one of these is a count ("the 2000 troops"), not a year.
COUNT_NOUNS = (
    "troops|soldiers|personnel|people|marines|sailors|airmen|fighters|militants|members|"
    "civilians|men|women|residents|refugees|km|kilometers|kilometres|miles|meters|metres|feet|"
    "pounds|kg|tons|tonnes|rockets|missiles|drones|rounds|shells|barrels|dollars|euros|"
    "hours|mph|knots|percent|per"
)
# Tense cues, looked up word by word (see sentence_direction).
PAST_WORDS = frozenset((
    "said told was were had did flew sent struck shot took came went began saw made left led "
    "fought brought caught held met ran rose fell spoke stood thought threw wrote drew gave got "
    "knew lost paid sank sought spent won withdrew hit blew broke chose drove grew hid kept laid "
    "lay rode sold shook slew stole swore swept tore became ago earlier previously yesterday "
    "already last"
).split())
# Lower-case words ending in "-ed" that are not past-tense verbs.
ED_NOT_PAST = frozenset((
    "armed backed allied based manned unmanned alleged suspected advanced guided indeed hundred "
    "proceed exceed succeed need speed feed seed breed bleed shed planned supposed"
).split())
FUTURE_WORDS = frozenset(
    "will shall won't won’t upcoming forthcoming coming tomorrow next".split())
# "<word> to" speaks of the future: "plans to strike", "expected to arrive".
FUTURE_BEFORE_TO = frozenset((
    "plan plans intend intends aim aims vow vows threaten threatens seek seeks want wants hope "
    "hopes expected scheduled slated poised"
).split())
# ... but only after "is/are": "is set to", "are due to" ("due to tensions" is a cause).
FUTURE_AFTER_BE = frozenset("set due going likely about planning preparing".split())
BE_PRESENT = frozenset("is are am".split())
# A participle after these is passive, not past: "will be held", "are deployed".
BE_FORMS = frozenset("be been being is are am".split())
CLAUSE_WORDS = frozenset((
    "that which who while when and but as because although though whereas after before until if"
).split())
_TOKEN = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?|[,;:()\"“”—–]|\s-\s")
_ANNIVERSARY = re.compile(r"\banniversar(?:y|ies)\b", re.IGNORECASE)
# How far (characters) "anniversary" may sit from a date to make it "the coming/last one".
ANNIVERSARY_REACH = 40


# --------------------------------------------------------------------------- the pattern

def _month_pattern(group: str) -> str:
    names = sorted(MONTHS, key=len, reverse=True)
    return rf"(?P<{group}>{'|'.join(names)})\b\.?"


_FULL_MONTH = "january|february|march|april|may|june|july|august|september|october|november|december"
_DAY = r"(?P<{g}>[0-3]?\d)(?:st|nd|rd|th)?(?!\d|,\d{{3}}(?!\d)|\s*(?:%|percent)|-[a-z])"
_DAY_RANGE = r"(?:\s*[-–]\s*(?P<{g}2>[0-3]?\d)(?:st|nd|rd|th)?(?!\d))?"
_YEAR = r"(?P<{g}>(?:19|20)\d\d)(?!\d|['’]?s\b)"  # not "the 1980s"
_LEAD = r"(?:(?P<{g}_lead>since|on|in|during|by|until|till|through|from|of|before|after)\s+)?"
_PART = (r"(?:(?P<{g}_part>early|mid|late|(?:the\s+)?(?:end|beginning|start|middle)\s+of)"
         r"[\s-]+)?")
_NUMBER = (r"(?:\d{1,3}|a couple of|couple of|a few|few|several|an?|one|two|three|four|five|six|"
           r"seven|eight|nine|ten|eleven|twelve)")
_UNIT = r"(?:hours?|days?|nights?|weeks?|months?|years?)"
_WEEKDAY_NAMES = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_WEEKDAY = rf"(?:{_WEEKDAY_NAMES})"


def _with(group: str, pattern: str) -> str:
    return pattern.format(g=group)


_RULES: list[tuple[str, str]] = [
    # "Dec. 30, 2019", "December 21st", "December 21-23", "since Jan. 1, 2020"
    ("md", _with("md", _LEAD) + _month_pattern("md_month") + r"\s*" + _with("md_day", _DAY)
     + _with("md_day", _DAY_RANGE) + r"(?:,?\s*" + _with("md_year", _YEAR) + r")?"),
    # "29 December", "2 January 2020", "21-23 December"
    ("dm", _with("dm", _LEAD) + r"(?:the\s+)?" + _with("dm_day", _DAY)
     + _with("dm_day", _DAY_RANGE) + r"(?:\s+of)?\s+" + _month_pattern("dm_month")
     + r"(?:,?\s+" + _with("dm_year", _YEAR) + r")?"),
    # "2019-12-29"
    ("iso", _with("iso", _LEAD) + r"(?P<iso_date>(?:19|20)\d\d-[01]\d-[0-3]\d)(?![\d-])"),
    # "June 2019", "in January 2020", "since late June 2019"
    ("my", _with("my", _LEAD) + _with("my", _PART) + _month_pattern("my_month") + r",?\s+"
     + _with("my_year", _YEAR)),
    # "New Year's Eve", "Christmas", "Christmas Day 2019"
    ("hol", _with("hol", _LEAD)
     + r"(?P<hol_name>new\s+year['’]?s?(?:\s+(?:eve|day))?|christmas(?:\s+(?:eve|day))?)\b"
     + r"(?:,?\s+" + _with("hol_year", _YEAR) + r")?"),
    # "in January", "late November", "mid-November", "last December"
    ("mo", r"(?:(?P<mo_lead>since|in|during|by|until|till|through|from|of|the|last|next|this)"
     r"\s+)?" + _with("mo", _PART) + rf"(?P<mo_month>{_FULL_MONTH})\b(?!\s*\d)"),
    # "in 2019", "since 2018", "early 2020", "the 2015 nuclear deal"
    ("yr", r"(?P<yr_lead>since|in|during|by|until|till|through|from|of|the|before|after"
     r"|early|mid|late|(?:the\s+)?(?:end|beginning|start|middle)\s+of)[\s-]+"
     r"(?:(?P<yr_part>early|mid|late)[\s-]+)?" + _with("yr_year", _YEAR)
     + rf"(?![-/]\d|\s+(?:{COUNT_NOUNS})\b)"),
    # "in recent weeks", "over the past two weeks", "in the last few days"
    ("rec", r"(?:in|over|during|within|for)\s+(?:the\s+)?(?:(?P<rec_recent>recent)|past|last|"
     r"previous)\s+(?:(?P<rec_n>" + _NUMBER + r")\s+)?(?P<rec_unit>days?|weeks?|months?|years?)"
     r"\b(?!\s+(?:ago|after|before|later|earlier))"),
    # "two weeks ago", "a week ago", "3 days ago"
    ("ago", r"(?P<ago_n>" + _NUMBER + r")\s+(?P<ago_unit>" + _UNIT + r")\s+ago\b"),
    # "yesterday", "today", "last night", "this morning", "overnight"
    ("day", r"(?P<day_word>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|"
     r"(?:earlier|later)\s+today|yesterday|today|tonight|tomorrow|last\s+night|overnight|"
     r"this\s+(?:morning|afternoon|evening))\b"),
    # "days after the strike", "a week later", "the previous day": relative to the story
    ("rel", r"(?:(?:" + _NUMBER + r"|just|only|within)\s+)?" + _UNIT
     + r"\s+(?:after|before|later|earlier|since|following|prior\s+to)\b"
     r"|(?:the|that)\s+(?:previous|next|following|prior|same)\s+(?:day|night|morning|evening|"
     r"afternoon|week|weekend|month|year)\b"
     r"|the\s+(?:day|night|week|month|year)\s+(?:before|after|prior)\b"),
    # "last week", "this month", "earlier this year", "over the weekend"
    ("per", r"(?:(?P<per_sel>last|this|next|past|previous|coming|earlier\s+this|later\s+this|"
     r"early\s+this|late\s+this|early\s+last|late\s+last|earlier\s+in\s+the|later\s+in\s+the|"
     r"over\s+the|on\s+the|at\s+the|the\s+past|the\s+last)\s+)"
     r"(?P<per_unit>week(?:end)?|month|year)\b(?:['’]s)?"),
    # "on the 15th": a day of the month the sentence names, else of publication's
    ("ord", r"(?:on\s+)?the\s+(?P<ord_day>3[01]|[12]\d|[1-9])(?:st|nd|rd|th)\b"
     r"(?!\s+(?:of|century|centuries|anniversary|time|round|amendment|parallel|largest|biggest|most)\b)"),
    # "Wednesday", "on Monday", "Thursday morning", "Wednesday's", "last Monday"
    ("wd", r"(?:(?P<wd_sel>last|next|this|later|earlier|early|late|since|until|by|on)\s+)?"
     rf"(?P<wd_day>{_WEEKDAY})(?:['’]s)?(?:\s+(?:morning|afternoon|evening|night))?\b"),
]

# Matched case-sensitively against an ASCII-lowered copy of the sentence (same offsets):
# three times faster than re.IGNORECASE. Capitals are checked on the original text.
_MASTER = re.compile(
    r"(?<![\w-])(?:" + "|".join(f"(?P<{name}>{pattern})" for name, pattern in _RULES) + r")")
ANCHOR_REACH = 40
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
# Every rule contains one of these, within ANCHOR_REACH characters of either end.
_ANCHOR = re.compile(
    rf"\d|\b(?:{_FULL_MONTH}|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec|{_WEEKDAY_NAMES}"
    r"|yesterday|today|tonight|tomorrow|overnight|night|morning|afternoon|evening|christmas"
    r"|new year|hours?|days?|weeks?|weekend|months?|years?)\b")
# Words kept out of a mention's span: they locate it but are not part of the date.
_SPAN_LEAD = re.compile(
    r"(?:(?:on|in|during|by|until|till|through|from|of|the|over|at|for|within|before|after)\s+)+",
    re.IGNORECASE)


# --------------------------------------------------------------------------- calendar helpers

def _day(d: date) -> DateRange:
    return DateRange(d, d, "day")


_DAYS_IN_MONTH = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _days_in_month(year: int, month: int) -> int:
    """``calendar.monthrange(year, month)[1]`` without the weekday it also works out."""
    return 29 if month == 2 and calendar.isleap(year) else _DAYS_IN_MONTH[month]


def _month_range(year: int, month: int) -> DateRange:
    return DateRange(date(year, month, 1), date(year, month, _days_in_month(year, month)), "month")


def _year_range(year: int) -> DateRange:
    return DateRange(date(year, 1, 1), date(year, 12, 31), "year")


def _week_of(d: date) -> DateRange:
    monday = d - timedelta(days=d.weekday())
    return DateRange(monday, monday + timedelta(days=6), "week")


def _part_of_month(year: int, month: int, part: str) -> DateRange:
    """early = days 1-10, mid = 11-20, late = 21-end: the usual newsroom thirds."""
    last = _days_in_month(year, month)
    first, final = {"early": (1, 10), "mid": (11, 20), "late": (21, last)}[part]
    return DateRange(date(year, month, first), date(year, month, final), "week")


def _part_of_year(year: int, part: str) -> DateRange:
    """early = Jan-Apr, mid = May-Aug, late = Sep-Dec."""
    first, final = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}[part]
    return DateRange(date(year, first, 1), _month_range(year, final).end, "year")


def _normalise_part(part: str | None) -> str | None:
    if not part:
        return None
    word = part.lower().split()[-2] if " of" in part.lower() else part.lower()
    return {"beginning": "early", "start": "early", "middle": "mid", "end": "late"}.get(word, word)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _choose(candidates: list[tuple[date, date]], published: date, direction: str) -> int:
    """Index of the candidate period a past/future/nearest reading picks around ``published``."""
    if direction == PAST:
        fitting = [i for i, (start, _) in enumerate(candidates) if start <= published]
        return fitting[-1] if fitting else 0
    if direction == FUTURE:
        fitting = [i for i, (_, end) in enumerate(candidates) if end >= published]
        return fitting[0] if fitting else len(candidates) - 1

    def distance(i: int) -> int:
        start, end = candidates[i]
        return 0 if start <= published <= end else min(abs((start - published).days),
                                                        abs((end - published).days))
    return min(range(len(candidates)), key=distance)


# --------------------------------------------------------------------------- tense

BREAK = "break"
# A comma, bracket or quote: it bounds a clause, but a date in a clause of its own
# ("left Norfolk, Virginia, on Oct. 14 and is expected to ...") takes the tense of the
# predicate it hangs on before that of the next one.
SOFT_BREAK = "soft"
_SOFT_BREAKS = frozenset(',()"“”')


def sentence_direction(sentence: str, start: int, end: int,
                       cues: list[tuple[int, int, str]] | None = None) -> str:
    """Whether the date at ``sentence[start:end]`` is read as past, future or nearest.

    The nearest tense cue in the same clause decides ("said Tuesday that troops will go":
    Tuesday is past), then the nearest in the sentence; news defaults to the past. A date
    next to "anniversary" is the nearest occurrence: anniversaries are marked around now.
    ``cues`` (from :func:`tense_cues`) can be passed to share the work across mentions.
    """
    cues = tense_cues(sentence) if cues is None else cues
    lo, hi = _clause_bounds(cues, start, end, len(sentence), (BREAK, SOFT_BREAK))
    if _ANNIVERSARY.search(sentence, max(lo, start - ANNIVERSARY_REACH),
                           min(hi, end + ANNIVERSARY_REACH)):
        return NEAREST
    for first, last in ((lo, hi), _clause_bounds(cues, start, end, len(sentence), (BREAK,)), (0, len(sentence))):
        direction = _nearest_cue(cues, first, last, start, end)
        if direction:
            return direction
    return PAST


def tense_cues(sentence: str) -> list[tuple[int, int, str]]:
    """(start, end, "past" | "future" | "break") for each tense cue and clause break."""
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(sentence)]
    words = [text.lower() for _, _, text in tokens]
    cues = []
    for i, (start, end, text) in enumerate(tokens):
        previous = words[i - 1] if i else ""
        following = words[i + 1] if i + 1 < len(words) else ""
        kind = _cue_kind(words[i], text, previous, following)
        if kind:
            cues.append((start, end, kind))
    return cues


def _cue_kind(word: str, text: str, previous: str, following: str) -> str | None:
    if word in _SOFT_BREAKS:
        return SOFT_BREAK
    if not word[0].isalpha() or word in CLAUSE_WORDS:
        return BREAK
    if (word in FUTURE_WORDS and (word, following) != ("next", "to")) or word.endswith(("'ll", "’ll")):
        return FUTURE  # but "a depot next to the base" is a place
    if following == "to" and (word in FUTURE_BEFORE_TO or (
            word in FUTURE_AFTER_BE and (previous in BE_PRESENT or previous.endswith(("'s", "’s"))))):
        return FUTURE
    if (word, following) in (("ahead", "of"), ("scheduled", "for"), ("expected", "for")):
        return FUTURE
    if previous in BE_FORMS:
        return None
    if word in PAST_WORDS:
        return PAST
    if word.endswith("ed") and len(word) >= 5 and text.islower() and word not in ED_NOT_PAST \
            and word not in FUTURE_BEFORE_TO:
        return PAST  # lower case only: "United", "Ahmed" are not verbs
    return None


def _clause_bounds(cues: list[tuple[int, int, str]], start: int, end: int,
                   length: int, breaks: tuple[str, ...]) -> tuple[int, int]:
    lo, hi = 0, length
    for cue_start, cue_end, kind in cues:
        if kind not in breaks:
            continue
        if cue_end <= start:
            lo = cue_end
        elif cue_start >= end:
            hi = cue_start
            break
    return lo, hi


def _nearest_cue(cues: list[tuple[int, int, str]], lo: int, hi: int, start: int,
                 end: int) -> str | None:
    best: tuple[int, str] | None = None
    for cue_start, cue_end, kind in cues:
        if kind in (BREAK, SOFT_BREAK) or cue_start < lo or cue_end > hi or start <= cue_start < end:
            continue  # a break, outside, or a word of the date itself ("last week")
        # on a tie the cue before the date wins: "said on Monday it will ..."
        gap = start - cue_end if cue_end <= start else cue_start - end + 1
        if best is None or gap < best[0]:
            best = (gap, kind)
    return best[1] if best else None


# --------------------------------------------------------------------------- one rule each

class _Sentence:
    """A sentence and its tense cues, found only if some date needs them, then shared."""

    __slots__ = ("text", "published", "narrative", "_cues")

    def __init__(self, text: str, published: date | None, narrative: date | None = None) -> None:
        self.text, self.published, self.narrative = text, published, narrative
        self._cues: tuple[tuple[int, int, str], ...] | None = None

    @property
    def cues(self) -> tuple[tuple[int, int, str], ...]:
        if self._cues is None:
            self._cues = _remembered_tense_cues(self.text)
        return self._cues


# Bound of the per-text memos below: trigger sentences recur across an outlet's updates and
# wire copies, and a bound keeps memory flat over any corpus.
TEXT_MEMO_SIZE = 4096


@lru_cache(maxsize=TEXT_MEMO_SIZE)
def _remembered_tense_cues(sentence: str) -> tuple[tuple[int, int, str], ...]:
    """:func:`tense_cues`, which depends on the text alone, kept (read only) per sentence."""
    return tuple(tense_cues(sentence))


class _Context:
    """What a rule needs besides its match: the publication date and, lazily, the tense."""

    __slots__ = ("sentence", "published", "narrative", "start", "end", "_owner", "_direction")

    def __init__(self, owner: _Sentence, start: int, end: int) -> None:
        self.sentence, self.published, self.start, self.end = owner.text, owner.published, start, end
        self.narrative = owner.narrative
        self._owner = owner
        self._direction: str | None = None

    @property
    def direction(self) -> str:
        if self._direction is None:
            self._direction = sentence_direction(self.sentence, self.start, self.end,
                                                 self._owner.cues)
        return self._direction


Result = tuple[DateRange | None, bool] | None  # (range, relative); None: not a date after all


def _lead_is_since(match: re.Match[str], group: str) -> bool:
    lead = match.group(group)
    return bool(lead) and lead.lower() == "since"


def _month_number(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def _original(m: re.Match[str], ctx: "_Context", group: str) -> str:
    """The matched words as written: the pattern ran on a lower-cased copy."""
    return ctx.sentence[m.start(group):m.end(group)]


# The month, day, last day and year groups of the "md" and "dm" rules.
_DAY_GROUPS = {prefix: tuple(f"{prefix}_{part}" for part in ("month", "day", "day2", "year")) for prefix in ("md", "dm")}


def _month_day(m: re.Match[str], ctx: _Context, prefix: str) -> Result:
    month_group, day_group, day2_group, year_group = _DAY_GROUPS[prefix]
    if not _capitalised(_original(m, ctx, month_group)):
        return None
    month_word, day, day2, year = m.group(month_group, day_group, day2_group, year_group)
    month = _month_number(month_word)
    day = int(day)
    last_day = int(day2) if day2 else day
    if not (1 <= day <= 31 and day <= last_day <= 31):
        return None
    if year:
        first, final = _safe_date(int(year), month, day), _safe_date(int(year), month, last_day)
        if not (first and final):
            return None
        return _span(first, final), False
    if ctx.published is None:
        return (None, True) if _safe_date(2000, month, day) else None
    return _infer_year_of_days(month, day, last_day, ctx), True


def _span(first: date, final: date) -> DateRange:
    """A run of days ("December 21-23", "the night of Jan. 7-8")."""
    return DateRange(first, final, _precision_for_span((final - first).days + 1))


def _infer_year_of_days(month: int, day: int, last_day: int, ctx: _Context) -> DateRange | None:
    candidates = []
    for year in _candidate_years(ctx):
        first, final = _safe_date(year, month, day), _safe_date(year, month, last_day)
        if first and final:
            candidates.append((first, final))
    if not candidates:
        return None
    first, final = candidates[_choose_year(candidates, ctx)]
    return _span(first, final)


def _candidate_years(ctx: _Context) -> range:
    """The years a year-less date may fall in: around publication, or around the passage's date."""
    around = ctx.narrative.year if ctx.narrative is not None else ctx.published.year
    return range(around - 1, around + 2)


def _candidate_months(month: int, ctx: _Context) -> list[tuple[date, date]]:
    """(first, last day) of ``month`` in each of :func:`_candidate_years`."""
    return [(date(year, month, 1), date(year, month, _days_in_month(year, month))) for year in _candidate_years(ctx)]


def _choose_year(candidates: list[tuple[date, date]], ctx: _Context) -> int:
    """The candidate a year-less date means: around publication by tense, or, in a passage set in
    another year, the one nearest the passage's date (not after publication if told as past)."""
    narrative = ctx.narrative
    if narrative is None or narrative.year == ctx.published.year:
        return _choose(candidates, ctx.published, ctx.direction)
    allowed = [i for i, (start, _) in enumerate(candidates)
               if ctx.direction != PAST or start <= ctx.published]
    if not allowed:
        return _choose(candidates, ctx.published, ctx.direction)
    return min(allowed, key=lambda i: min(abs((candidates[i][0] - narrative).days),
                                          abs((candidates[i][1] - narrative).days)))


def _rule_md(m: re.Match[str], ctx: _Context) -> Result:
    return _month_day(m, ctx, "md")


def _rule_dm(m: re.Match[str], ctx: _Context) -> Result:
    return _month_day(m, ctx, "dm")


def _rule_iso(m: re.Match[str], ctx: _Context) -> Result:
    found = _safe_date(*map(int, m.group("iso_date").split("-")))
    return (_day(found), False) if found else None


def _rule_my(m: re.Match[str], ctx: _Context) -> Result:
    month_word = m.group("my_month")
    if not _capitalised(_original(m, ctx, "my_month")):
        return None
    year, month = int(m.group("my_year")), _month_number(month_word)
    part = _normalise_part(m.group("my_part"))
    return (_part_of_month(year, month, part) if part else _month_range(year, month)), False


def _rule_mo(m: re.Match[str], ctx: _Context) -> Result:
    month_word, lead = m.group("mo_month"), (m.group("mo_lead") or "").lower()
    part = _normalise_part(m.group("mo_part"))
    if not _capitalised(_original(m, ctx, "mo_month")):
        return None
    if month_word.lower() in AMBIGUOUS_MONTHS and not (lead or part):
        return None
    if ctx.published is None:
        return None, True
    month = _month_number(month_word)
    candidates = _candidate_months(month, ctx)
    direction = {"last": PAST, "next": FUTURE}.get(lead, ctx.direction)
    if lead == "this":
        index = 1
    else:
        if lead in ("last", "next"):  # "last January" is never the current month
            candidates = [c for c in candidates if not c[0] <= ctx.published <= c[1]]
        index = (_choose(candidates, ctx.published, direction) if lead in ("last", "next")
                 else _choose_year(candidates, ctx))
    year = candidates[index][0].year
    return (_part_of_month(year, month, part) if part else _month_range(year, month)), True


_MONTH_BEFORE = re.compile(rf"\b({_FULL_MONTH})\b(?!.*\b(?:{_FULL_MONTH})\b)", re.IGNORECASE | re.DOTALL)
_NAME_AFTER = re.compile(r"\s+[A-Z]")


def _rule_ord(m: re.Match[str], ctx: _Context) -> Result:
    """"hit ... on the 12th" in a sentence that says "In June": June 12; alone, the last such day
    up to publication (a shipping bulletin's "on the 15th")."""
    if _NAME_AFTER.match(ctx.sentence, m.end()):
        return None  # "the 5th Fleet", "the 82nd Airborne Division"
    if ctx.published is None:
        return None, True
    day = int(m.group("ord_day"))
    named = _MONTH_BEFORE.search(ctx.sentence, 0, m.start())
    if named:
        month = _month_number(named.group(1))
        candidates = _candidate_months(month, ctx)
        year = candidates[_choose_year(candidates, ctx)][0].year
    else:
        year, month = ctx.published.year, ctx.published.month
        if day > ctx.published.day and ctx.direction == PAST:
            year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    try:
        return _day(date(year, month, day)), True
    except ValueError:
        return None  # "the 31st" of a 30-day month


def _rule_hol(m: re.Match[str], ctx: _Context) -> Result:
    if not _capitalised(_original(m, ctx, "hol_name")):
        return None
    words = m.group("hol_name").lower().split()
    month, day = HOLIDAYS[(words[0], words[-1] if words[-1] in ("eve", "day") else "")]
    year = m.group("hol_year")
    if year:
        return _day(date(int(year), month, day)), False
    if ctx.published is None:
        return None, True
    return _infer_year_of_days(month, day, day, ctx), True


def _rule_yr(m: re.Match[str], ctx: _Context) -> Result:
    year = int(m.group("yr_year"))
    part = _normalise_part(m.group("yr_part")) or _normalise_part(
        m.group("yr_lead") if m.group("yr_lead").lower() not in _PLAIN_LEADS else None)
    return (_part_of_year(year, part) if part else _year_range(year)), False


_PLAIN_LEADS = {"since", "in", "during", "by", "until", "till", "through", "from", "of", "the",
                "before", "after"}


def _count(word: str) -> tuple[int, int]:
    word = " ".join(word.lower().split())
    if word in VAGUE_COUNTS:
        return VAGUE_COUNTS[word]
    n = int(word) if word.isdigit() else NUMBER_WORDS[word]
    return n, n


def _unit(word: str) -> str:
    unit = word.lower().rstrip("s")
    return "day" if unit in ("hour", "night") else unit


def _rule_ago(m: re.Match[str], ctx: _Context) -> Result:
    if ctx.published is None:
        return None, True
    fewest, most = _count(m.group("ago_n"))
    unit, raw_unit = _unit(m.group("ago_unit")), m.group("ago_unit").lower()
    if raw_unit.startswith("hour"):
        return _day(ctx.published), True
    earliest, latest = _back(ctx.published, unit, most), _back(ctx.published, unit, fewest)
    if unit == "day":
        return _span(earliest, latest), True
    first, final = _period_of(earliest, unit), _period_of(latest, unit)
    return DateRange(first.start, final.end, unit), True


def _back(published: date, unit: str, n: int) -> date:
    return published - relativedelta(**{unit + "s": n})


def _period_of(d: date, unit: str) -> DateRange:
    if unit == "week":
        return _week_of(d)
    if unit == "month":
        return _month_range(d.year, d.month)
    return _year_range(d.year)


def _rule_rec(m: re.Match[str], ctx: _Context) -> Result:
    if ctx.published is None:
        return None, True
    unit = _unit(m.group("rec_unit"))
    if m.group("rec_n"):
        count = _count(m.group("rec_n"))[1]  # "over the past two weeks"
    elif m.group("rec_recent") or m.group("rec_unit").lower().endswith("s"):
        count = RECENT_COUNT[unit]  # "in recent weeks", "over the past days"
    else:
        count = 1  # "over the past week"
    return _trailing(ctx.published, unit, count), True


def _trailing(published: date, unit: str, count: int) -> DateRange:
    """The ``count`` units up to and including publication day."""
    start = _back(published, unit, count) + timedelta(days=1)
    return DateRange(start, published, _precision_for_span((published - start).days + 1))


def _precision_for_span(days: int) -> str:
    if days <= 2:
        return "day"
    if days <= 11:
        return "week"
    return "month" if days <= 31 else "year"


def _rule_rel(m: re.Match[str], ctx: _Context) -> Result:
    return None, True


def _rule_per(m: re.Match[str], ctx: _Context) -> Result:
    if ctx.published is None:
        return None, True
    selector = " ".join(m.group("per_sel").lower().split())
    unit = m.group("per_unit").lower()
    if selector in ("the past", "the last"):
        return _trailing(ctx.published, "week" if unit == "weekend" else unit, 1), True
    if unit == "weekend":
        return _weekend(ctx.published, selector), True
    if selector == "this" and ctx.direction == FUTURE:
        selector = "later this"  # "will hold drills this week": from now to its end
    return _calendar_period(ctx.published, unit, selector), True


def _weekend(published: date, selector: str) -> DateRange:
    """Sat-Sun. "last weekend" is the one before publication; "this weekend" the current week's."""
    saturday_this_week = published - timedelta(days=published.weekday()) + timedelta(days=5)
    if selector in ("this", "on the", "at the"):
        saturday = saturday_this_week
    elif selector in ("next", "coming"):
        saturday = saturday_this_week + timedelta(days=7 if published.weekday() >= 5 else 0)
    elif selector == "over the":
        saturday = saturday_this_week if published.weekday() >= 5 else saturday_this_week - timedelta(7)
    else:  # last, past, previous
        saturday = saturday_this_week - timedelta(days=7)
    return DateRange(saturday, saturday + timedelta(days=1), "week")


def _calendar_period(published: date, unit: str, selector: str) -> DateRange:
    current = _period_of(published, unit)
    if selector in ("last", "past", "previous", "early last", "late last"):
        period = _period_of(current.start - timedelta(days=1), unit)
    elif selector in ("next", "coming"):
        period = _period_of(current.end + timedelta(days=1), unit)
    else:
        period = current
    if selector in ("this", "earlier this", "early this", "earlier in the", "over the"):
        # up to publication: what is reported has happened
        period = DateRange(period.start, min(period.end, published), period.precision)
    elif selector in ("later this", "later in the"):
        period = DateRange(published, period.end, period.precision)
    if selector.startswith(("early", "late ")) and unit in ("month", "year"):
        part = "early" if selector.startswith("early") else "late"
        period = (_part_of_year(period.start.year, part) if unit == "year"
                  else _part_of_month(period.start.year, period.start.month, part))
    return period


def _rule_wd(m: re.Match[str], ctx: _Context) -> Result:
    if not _capitalised(_original(m, ctx, "wd_day")):
        return None
    if ctx.published is None:
        return None, True
    weekday = WEEKDAYS[m.group("wd_day").lower()]
    selector = (m.group("wd_sel") or "").lower()
    back = (ctx.published.weekday() - weekday) % 7
    ahead = (weekday - ctx.published.weekday()) % 7
    if selector == "last":
        offset = -(back or 7)
    elif selector == "next":
        offset = ahead or 7
    elif selector == "this":
        offset = weekday - ctx.published.weekday()
    elif selector in ("since",):
        offset = -back
    else:
        offset = ahead if ctx.direction == FUTURE else -back
    return _day(ctx.published + timedelta(days=offset)), True


_DAY_OFFSETS = {
    "the day before yesterday": (-2, -2), "the day after tomorrow": (2, 2), "yesterday": (-1, -1),
    "today": (0, 0), "earlier today": (0, 0), "later today": (0, 0), "tonight": (0, 0),
    "this morning": (0, 0), "this afternoon": (0, 0), "this evening": (0, 0),
    "tomorrow": (1, 1), "last night": (-1, -1), "overnight": (-1, 0),
}


def _rule_day(m: re.Match[str], ctx: _Context) -> Result:
    if ctx.published is None:
        return None, True
    first, final = _DAY_OFFSETS[" ".join(m.group("day_word").lower().split())]
    return DateRange(ctx.published + timedelta(days=first), ctx.published + timedelta(days=final),
                     "day"), True


_HANDLERS: dict[str, Callable[[re.Match[str], _Context], Result]] = {
    name: globals()[f"_rule_{name}"] for name, _ in _RULES
}
_SINCE_GROUPS = {"md": "md_lead", "dm": "dm_lead", "iso": "iso_lead", "my": "my_lead",
                 "hol": "hol_lead", "mo": "mo_lead", "yr": "yr_lead", "wd": "wd_sel"}


# --------------------------------------------------------------------------- the entry point

def find_dates(sentence: str, published: date | None, narrative: date | None = None) -> list[TemporalMention]:
    """Every temporal expression in ``sentence``, left to right, anchored on ``published``.

    ``narrative``: the date the text was last told to be at ("In May 2019, ... . Within weeks,
    tankers were damaged on June 13"): a month or day written without its year is then the
    one nearest that date (never after publication in a past-tense sentence).
    Deterministic and side-effect free; an empty list when there is none.
    """
    if not isinstance(sentence, str):
        raise TypeError(f"find_dates needs the sentence as str, got {type(sentence).__name__}")
    if isinstance(published, datetime):
        published = published.date()  # a datetime would leak times into the ranges
    elif published is not None and not isinstance(published, date):
        raise TypeError(f"published must be a date or None, got {type(published).__name__}")
    if not _candidate_matches(sentence):
        return []  # most sentences: nothing to anchor, whatever the dates
    if narrative is not None and (published is None or narrative.year == published.year):
        narrative = None  # it only moves year-less dates to another year: one memo entry serves both
    return list(_remembered_dates(sentence, published, narrative))


@lru_cache(maxsize=TEXT_MEMO_SIZE)
def _remembered_dates(sentence: str, published: date | None, narrative: date | None) -> tuple[TemporalMention, ...]:
    """The dates of a sentence, kept per (text, anchors): the extractor asks for one sentence's
    dates from several steps (its events, its paragraph's time, the news of the day)."""
    owner = _Sentence(sentence, published, narrative)
    found: list[tuple[str, TemporalMention]] = []
    for match in _candidate_matches(sentence):
        mention = _mention(match, owner)
        if mention is not None:
            found.append((match.lastgroup, mention))
    return tuple(_combine(found, sentence))


def may_hold_dates(sentence: str) -> bool:
    """False when ``sentence`` holds no temporal expression whatever the publication date: a
    cheap test, since what it reads is kept per sentence."""
    return bool(_candidate_matches(sentence))


@lru_cache(maxsize=TEXT_MEMO_SIZE)
def _candidate_matches(sentence: str) -> tuple[re.Match[str], ...]:
    """The master pattern's matches in the anchor windows of the lower-cased sentence: they depend
    on the text alone (the publication date only enters the rules that read them), so they are
    kept per sentence, and so is the lower-casing (slow for text that is not ASCII)."""
    lowered = sentence.lower() if sentence.isascii() else sentence.translate(_ASCII_LOWER)
    return tuple(match for lo, hi in _windows(lowered) for match in _MASTER.finditer(lowered, lo, hi))


# "Monday, Dec. 30" / "two days after Jan. 3": two mentions that make one date.
_JOINER = re.compile(r",?\s*(?:the\s+)?")
_OFFSET = re.compile(rf"(?P<n>{_NUMBER})\s+(?P<unit>{_UNIT})\s+(?P<way>after|before|following|prior\s+to)",
                     re.IGNORECASE)
_EXPLICIT_DAY_KINDS = {"md", "dm", "iso", "hol"}


def _combine(found: list[tuple[str, TemporalMention]], sentence: str) -> list[TemporalMention]:
    out: list[TemporalMention] = []
    i = 0
    while i < len(found):
        kind, mention = found[i]
        if i + 1 < len(found):
            next_kind, following = found[i + 1]
            adjacent = _JOINER.fullmatch(sentence, mention.end, following.start) is not None
            joined = None
            if adjacent and kind == "wd" and next_kind in _EXPLICIT_DAY_KINDS:
                joined = _weekday_and_date(mention, following, sentence)
            elif kind == "wd" and _OF_THE_WEEK.fullmatch(sentence, mention.end, following.start) \
                    and following.range is not None and following.range.precision == "week":
                joined = _weekday_of_week(mention, following, sentence)
            elif adjacent and kind == "rel" and next_kind in _EXPLICIT_DAY_KINDS | {"my", "yr", "mo"}:
                joined = _offset_from(mention, following, sentence)
            elif kind == "mo" and next_kind == "per" and _OF_A_YEAR.fullmatch(sentence, mention.end, following.end):
                joined = _month_of_year(mention, following, sentence)
            if joined is not None:
                out.append(joined)
                i += 2
                continue
        out.append(mention)
        i += 1
    return out


# "mid-August of last year", "August this year": the month of the year the period names.
_OF_A_YEAR = re.compile(r"(?:\s+of|,)?\s+(?:last|this|the\s+previous|the\s+same)\s+year", re.IGNORECASE)


def _month_of_year(month: TemporalMention, year: TemporalMention, sentence: str) -> TemporalMention:
    if month.range is None or year.range is None:
        return month
    target = year.range.start.year
    try:
        moved = DateRange(month.range.start.replace(year=target), month.range.end.replace(year=target),
                          month.range.precision)
    except ValueError:  # Feb. 29 in a year without one
        return month
    return month._replace(end=year.end, text=sentence[month.start:year.end], range=moved)


def _weekday_and_date(weekday: TemporalMention, day_mention: TemporalMention,
                      sentence: str) -> TemporalMention:
    """The date wins; when its year was inferred, the weekday picks the year it falls on."""
    date_range, relative = day_mention.range, day_mention.relative
    if date_range is not None and relative and date_range.precision == "day":
        wanted = WEEKDAYS[_WEEKDAY_WORD.search(weekday.text).group().lower()]
        date_range = _year_matching_weekday(date_range, wanted)
    return TemporalMention(weekday.start, day_mention.end, sentence[weekday.start:day_mention.end],
                           date_range, relative, day_mention.open_ended or weekday.open_ended)


_WEEKDAY_WORD = re.compile(_WEEKDAY, re.IGNORECASE)
_OF_THE_WEEK = re.compile(r"\s+of\s+")


def _weekday_of_week(weekday: TemporalMention, week: TemporalMention, sentence: str) -> TemporalMention:
    """"Wednesday of last week": that weekday inside the week named."""
    wanted = WEEKDAYS[_WEEKDAY_WORD.search(weekday.text).group().lower()]
    monday = week.range.start - timedelta(days=week.range.start.weekday())
    return TemporalMention(weekday.start, week.end, sentence[weekday.start:week.end],
                           _day(monday + timedelta(days=wanted)), True, False)


def _year_matching_weekday(date_range: DateRange, weekday: int) -> DateRange:
    day = date_range.start
    for shift in (0, -1, 1):
        moved = _safe_date(day.year + shift, day.month, day.day)
        if moved and moved.weekday() == weekday:
            return _day(moved)
    return date_range


def _offset_from(offset: TemporalMention, anchor: TemporalMention,
                 sentence: str) -> TemporalMention | None:
    """"two days after Jan. 3" is Jan. 5; vague counts ("days after") stay unanchored."""
    parts = _OFFSET.fullmatch(offset.text)
    if parts is None or anchor.range is None or parts["n"].lower() in VAGUE_COUNTS:
        return None
    count, unit = _count(parts["n"])[0], parts["unit"].lower().rstrip("s")
    if unit in ("hour", "night"):
        return None
    sign = -1 if parts["way"].lower().startswith(("before", "prior")) else 1
    delta = relativedelta(**{unit + "s": sign * count})
    shifted = DateRange(anchor.range.start + delta, anchor.range.end + delta, anchor.range.precision)
    return TemporalMention(offset.start, anchor.end, sentence[offset.start:anchor.end], shifted,
                           anchor.relative)


def _windows(lowered: str) -> list[tuple[int, int]]:
    """Stretches around anchor words, merged where they overlap.

    Every expression holds an anchor and reaches less than ``ANCHOR_REACH`` characters
    from it, so scanning only these stretches finds exactly what a full scan finds, in
    less than half the time (most words are nowhere near a date).
    """
    windows: list[tuple[int, int]] = []
    for anchor in _ANCHOR.finditer(lowered):
        lo, hi = max(anchor.start() - ANCHOR_REACH, 0), anchor.end() + ANCHOR_REACH
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], hi)
        else:
            windows.append((lo, hi))
    return windows


def _mention(match: re.Match[str], owner: _Sentence) -> TemporalMention | None:
    sentence, published = owner.text, owner.published
    kind = match.lastgroup
    since_group = _SINCE_GROUPS.get(kind)
    since = bool(since_group) and _lead_is_since(match, since_group)
    start = match.start() if since else _trim_lead(sentence, match.start(), match.end())
    end = match.end()
    result = _HANDLERS[kind](match, _Context(owner, start, end))
    if result is None:
        return None
    date_range, relative = result
    if date_range is None and kind != "rel" and published is not None:
        return None
    return TemporalMention(start, end, sentence[start:end], date_range, relative, since)


def _trim_lead(sentence: str, start: int, end: int) -> int:
    lead = _SPAN_LEAD.match(sentence, start, end)
    if lead and lead.end() < end:
        return lead.end()
    return start
