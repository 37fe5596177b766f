"""Which date belongs to an event: its own, an opening one, or the statement's as a weak date; and,
when the text gives none, the time its paragraph is at or the news of the day (weak dates too)."""
from __future__ import annotations

import re
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from geomap.dates import DateRange, TemporalMention, find_dates
from geomap.events import Event
from geomap.merge import places_compatible
from geomap.extract.sentences import Sentence
from geomap.extract.lexicon import Caseless, load_lexicon
from geomap.extract.triggers import Trigger, participle_clause, reported_triggers

# Between an event and a later date, these make the date another event's: "comes a week after
# ... on June 13", "in retaliation for the October 1 missile attack"; but "shortly after 1 a.m."
# and "before dawn" only tell the hour.
RELATION = Caseless(r"\b(?:(?:after|before|since|following)"
                    r"(?!\s+(?:\d{1,2}(?::\d{2})?\s*(?:a\.m\.|p\.m\.|am\b|pm\b|gmt|utc)"
                    r"|midnight|noon|dawn|dusk|daybreak|sunrise|sunset|nightfall))"
                    r"|ahead of|retaliation for|revenge for|response to|then)\b")

# A date before its trigger counts only this close ("a December 21 attack"), not "Iran on Sunday
# marked one year since ... a drone strike".
BEFORE_DATE_CHARS = 60


_SPEECH_DATE = Caseless(r"\b(?:said|says|told|tweeted|stated|announced|added|noted|wrote|reported|"
                        r"confirmed|declared|explained|warned|marked|testified)\s*(?:on\s+)?$")


# "On Thursday, President Donald Trump said ...": a date that opens a statement.
_SAID_AFTER = re.compile(r",?\s+(?:[\w.'’-]+\s+){0,6}?(?:said|says|told|announced|confirmed|reported|stated|tweeted|wrote)\b",
                         re.I)


_RELATIVE_TO_ANOTHER = Caseless(r"\b(?:days?|weeks?|months?|years?|hours?)\s+(?:after|before|since)\b")

# "left Norfolk on Oct. 14, a week after the Hamas attack": a dated anchor, then a measured gap.
_OFFSET = Caseless(r"(?:(?P<count>\d{1,2}|an?|one|two|three|four|five|six|seven|eight|nine|ten)\s+)?"
                   r"(?P<unit>hours?|days?|weeks?|months?)\s+(?P<direction>after|before)\s+")
_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10}
# "Wednesday's strike came five days after ...": the anchor is the date of the event that "came".
_ANCHOR_EVENT_CAME = re.compile(r"(?:['’]s)?\s+(?:[\w-]+\s+){0,3}?(?:came|comes|happened|occurred|followed)\s+", re.I)
OFFSET_REACH_CHARS = 40  # from the end of "a week after" to the trigger: "the Hamas attack"

# "Hours later the coalition said its aircraft had destroyed the launcher": no date of its own,
# but the day of the event just told (or the day after it).
_SAME_DAY_AS_BEFORE = Caseless(r"\b(?:hours later|within hours|later (?:that|in the) (?:day|night|evening)|"
                               r"(?:that|the) same (?:day|night|evening|morning|afternoon))\b"
                               r"|^\W*(?:later|afterwards?|soon after),", needs=("later", "hours", "same", "after"))
# "In the following weeks the United States sent 3,000 troops": the weeks after the event just told.
_WEEKS_AFTER = Caseless(r"\b(?:in|over|during)\s+the\s+(?:following|next|ensuing|subsequent)\s+(?:days|weeks)\b|"
                        r"\bin\s+the\s+(?:days|weeks)\s+(?:that\s+)?(?:followed|after)\b", needs=("days", "weeks"))
_DAY_AFTER_BEFORE = Caseless(r"\b(?:the (?:next|following) (?:day|morning|afternoon|evening|night))\b",
                             needs=("the next", "the following"))
# "Nine days later", "a week later", "Three days after the first attack": counted from the event just told.
_DAYS_LATER = Caseless(r"\b(?P<count>\d{1,2}|an?|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
                       r"(?P<unit>days?|weeks?)\s+(?:later|after (?:the|that) (?:first|previous|earlier|initial) "
                       r"(?:attack|strike|raid|barrage|assault))\b", needs=("later", "after"))


def date_for(sentence: Sentence, trigger: Trigger, dates: list[TemporalMention],
              window: tuple[int, int]) -> tuple[TemporalMention | None, bool]:
    """The date that belongs to the trigger, and whether it is only the statement's date.

    Its own date is the nearest one in its window (one before it counting half again as far:
    "on New Year's Eve that the Marines arrived" vs "the 2012 ..."), or an opening "On Dec. 31,"
    that dates the whole sentence. Failing that, the date of the statement that reports it
    ("Trump said on Thursday that the Boxer had destroyed a drone"): the event happened then or
    just before, so it is kept as a weak date that an explicit one elsewhere overrides. A
    measured gap from a dated anchor ("Oct. 14, a week after the attack") is counted back, and a
    sentence's one date told earlier is a weak date too.
    """
    said_on = [bool(_SPEECH_DATE.search(sentence.text[max(0, d.start - 30):d.start])) for d in dates]  # "said on"
    own = _finest_opening(sentence.text, [d for d, said in zip(dates, said_on) if not said])
    reach = trigger.start if participle_clause(sentence.text, trigger) else BEFORE_DATE_CHARS
    scored = []
    for d in own:
        if trigger.start <= d.start < trigger.end:
            scored.append((0, d))  # "got hit Sunday by several rockets"
        elif trigger.end <= d.start and (d.start < window[1] or (d.open_ended and d.start == window[1])) \
                and not RELATION.search(sentence.text, trigger.end, d.start):  # "since Jan. 11" ends its window
            scored.append((d.start - trigger.end, d))
        elif d.end <= trigger.start and (trigger.start - d.end <= reach or _opens_sentence_with(sentence.text, d)) \
                and not _relation_before(sentence.text, d.end, trigger.start):  # "wounded Monday when rockets struck"
            # across a comma ("three times this week, including a drone strike on Wednesday") it
            # is more likely another clause's date, unless it opens the sentence
            across_comma = "," in sentence.text[d.end:trigger.start] and not _opens_sentence_with(sentence.text, d)
            weight = 3.0 if across_comma else 1.5
            scored.append(((trigger.start - d.end) * weight, d))
    if scored:
        text = sentence.text
        if any(d.start >= trigger.end and "," not in text[trigger.end:d.start] for _, d in scored):
            # "A week ago, the Rubymar, hit by a missile on Feb. 18, sank": its own clause's date
            scored = [(score, d) for score, d in scored if not (d.end <= trigger.start and "," in text[d.end:trigger.start])]
        best = min(scored, key=lambda s: s[0])[1]
        return (best if best.range else offset_date(sentence.text, trigger, own) or best), False
    # a headline's "Israel strikes Iran in retaliation for October 1 missile attack": not the strikes'
    # date; a photo caption's closing date is its own, whatever its clauses say
    related = [d for d in own if sentence.headline and d.start >= trigger.end
               and RELATION.search(sentence.text, trigger.end, d.start)]
    if (sentence.caption or sentence.headline) and len(own) > len(related):
        return next(d for d in own if d not in related), False
    if _RELATIVE_TO_ANOTHER.search(sentence.text[max(0, trigger.start - 60):trigger.start]):
        # "a week after the Hamas attack": dated from its anchor, if any; "two weeks after British
        # forces impounded ...": dated by another event, so undated here.
        counted = offset_date(sentence.text, trigger, own)
        if counted is None and own and own[0].range and own[0].start < 10 and own[0].end <= trigger.start \
                and own[0].range.precision in ("week", "month"):
            return own[0], True  # "In January 2020 it was hit ..., days after a drone strike killed ...": that month, weakly
        return counted, False
    speech = _speech_date(sentence.text, dates, said_on)
    if speech is not None:
        return speech, True
    return _sole_earlier_date(sentence.text, trigger, own), True


def _speech_date(text: str, dates: list[TemporalMention], said_on: list[bool]) -> TemporalMention | None:
    """The last date told as a statement's ("said on Thursday", "On Thursday, Trump said"). Only
    looked for once the trigger is known to have no date of its own, which most have."""
    for d, said in zip(reversed(dates), reversed(said_on)):
        if said or _SAID_AFTER.match(text, d.end):
            return d
    return None


_BETWEEN_OPENERS = re.compile(r"[\s,]*(?:(?:on|in|at)\s+)?", re.I)
_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}


def _finest_opening(text: str, dates: list[TemporalMention]) -> list[TemporalMention]:
    """"Earlier in the month, on Jan. 9, F/A-18s downed ...": of dates that open the sentence one
    after another, the finest dates it; the coarser ones only set the scene."""
    chain, end = [], 0
    for d in sorted(dates, key=lambda d: d.start):
        if not _BETWEEN_OPENERS.fullmatch(text, end, d.start) or d.range is None:
            break
        chain.append(d)
        end = d.end
    if len(chain) < 2 or not text[end:end + 1] == ",":
        return dates
    finest = min(chain, key=lambda d: (_PRECISION_RANK.get(d.range.precision, 9), -d.start))
    return [d for d in dates if d not in chain or d is finest]


def _relation_before(text: str, start: int, end: int) -> bool:
    """A relation word between a date and a later trigger ("on Monday, days after the attack"),
    unless it only opens an aside that a comma closes before the trigger ("In May 2019, after
    reports of Iranian threats, B-52s landed ...")."""
    for m in RELATION.finditer(text, start, end):
        if "," not in text[m.end():end]:
            return True
    return False


def _sole_earlier_date(text: str, trigger: Trigger, own: list[TemporalMention]) -> TemporalMention | None:
    """"left the Red Sea in late June and sailed ... where it made a port call at Souda Bay": the
    sentence's one date, told before the trigger with no "after" between, is a weak date for it."""
    if len(own) != 1 or own[0].end > trigger.start or RELATION.search(text, own[0].end, trigger.start):
        return None
    return own[0]


def offset_date(text: str, trigger: Trigger, dates: list[TemporalMention]) -> TemporalMention | None:
    """"Oct. 14, a week after the Hamas attack" dates the attack Oct. 7; "early Wednesday, hours
    after an Israeli strike" dates the strike that day or the one before. Without a dated anchor
    right before the gap ("two weeks after British forces impounded ...") the event stays undated."""
    offset = None
    for m in _OFFSET.finditer(text, max(0, trigger.start - OFFSET_REACH_CHARS - 30), trigger.start):
        if trigger.start - m.end() <= OFFSET_REACH_CHARS:
            offset = m
    if offset is None:
        return None
    anchors = [d for d in dates if d.range is not None and 0 <= offset.start() - d.end
               and (offset.start() - d.end <= 3 or _ANCHOR_EVENT_CAME.fullmatch(text, d.end, offset.start()))]
    if not anchors:
        return None
    anchor = anchors[-1]
    unit = offset["unit"].lower().rstrip("s")
    if offset["count"] is None and unit != "hour":
        return None  # "days after": how many is anyone's guess
    count = _COUNTS.get((offset["count"] or "a").lower()) or int(offset["count"])
    sign = -1 if offset["direction"].lower() == "after" else 1
    if unit == "hour":  # hours either side of the anchor's day may cross midnight
        start, end = anchor.range.start, anchor.range.end
        start, end = (start - timedelta(days=1), end) if sign < 0 else (start, end + timedelta(days=1))
        shifted = DateRange(start, end, anchor.range.precision)
    else:
        gap = relativedelta(**{unit + "s": sign * count})
        shifted = DateRange(anchor.range.start + gap, anchor.range.end + gap, anchor.range.precision)
    return anchor._replace(start=offset.start(), end=offset.end(), text=text[anchor.start:offset.end()],
                           range=shifted)


def dated_by_previous(text: str, found: list[Event], before: list[Event],
                      told_before: list[tuple[Sentence, date | None]] = ()) -> list[Event]:
    """Undated events of a sentence that says "hours later", "the next day" or "nine days later"
    take the day of the last event told with a day of its own (else the last day the article told:
    "on Tuesday night ... The same evening, gunmen opened fire"), moved on by that much; "in the
    following weeks", the weeks after the last event told with a date of its own."""
    if not any(e.date_start is None for e in found):
        return found
    weeks_after = _WEEKS_AFTER.search(text)
    if weeks_after:
        told = next((e for e in reversed(before) if e.date_start is not None and not e.date_relative), None)
        if told is None:
            return found
        return weakly_dated(found, DateRange(told.date_start, told.date_end + timedelta(weeks=4), "month"))
    later = _DAYS_LATER.search(text)
    shift = 0 if _SAME_DAY_AS_BEFORE.search(text) else 1 if _DAY_AFTER_BEFORE.search(text) else \
        _days_of(later) if later else None
    if shift is None:
        return found
    previous = next((e.date_start for e in reversed(before) if e.date_precision == "day" and not e.date_relative
                     and e.date_start == e.date_end), None) or _last_day_told(told_before)
    if previous is None:
        return found
    day = previous + timedelta(days=shift)
    return weakly_dated(found, DateRange(day, day, "day"))


def _last_day_told(told_before: list[tuple[Sentence, date | None]]) -> date | None:
    """The last single day an earlier sentence told: where "the same evening" counts from."""
    for sentence, anchor in reversed(told_before):
        days = [d.range.start for d in told_dates(sentence.text, anchor)
                if d.range and d.range.precision == "day" and d.range.start == d.range.end]
        if days:
            return days[-1]
    return None


# "The flight came four days after 10 rockets slammed into ...", "but it came six days after an
# Israeli airstrike": the story's own event, counted back, dates the one it followed ("That strike
# came three days after ...": the event just told).
_CAME_AFTER = Caseless(r"\b(?:it|they|this|that|these|the\s+[a-z-]+|(?P<demonstrative>this|that|these|those)\s+[a-z-]+)\s+"
                       r"(?:came|comes|come)\s+(?:(?P<count>\d{1,2}|an?|one|"
                       r"two|three|four|five|six|seven|eight|nine|ten)\s+(?P<unit>days?|weeks?)\s+after"
                       r"|(?P<same>on\s+the\s+same\s+day\s+as|the\s+same\s+day\s+as))\b", needs=("came", "come"))
# "Hours before the attack, U.S. warships fired Tomahawk missiles ...": counted from the story's event.
_AROUND_THE_STORY = re.compile(r"^\W*(?:(?P<count>\d{1,2}|an?|one|two|three|four|five|six|seven|eight|nine|ten)\s+)?"
                               r"(?P<unit>hours?|days?|weeks?)\s+(?P<direction>before|after)\s+(?:the|that|this)\s+"
                               r"(?:[\w-]+\s+){0,2}?(?:attacks?|strikes?|raids?|seizure|shoot-?down|incident|assault|"
                               r"barrage|explosions?|blasts?)\s*,", re.I)


# "The strikes followed a Houthi ballistic missile that slammed into ...": the story's strikes, the
# subject of what they followed or answered.
_STORY_AS_SUBJECT = re.compile(r"^\W*the\s+(?:[\w-]+\s+)?(?:strikes|attacks|raids|airstrikes|air\s+strikes|bombings)\s+"
                               r"(?:followed|answered|came|were\s+(?:a\s+|in\s+)?(?:response|retaliation|reprisal))\b",
                               re.I)


def refers_to_the_story(text: str, trigger: Trigger) -> bool:
    """"Hours after the strike, officials said paratroopers would deploy", "The strikes followed a
    missile attack on Jaffa": "the strike(s)" are the story's event told again, not a new one."""
    around = _AROUND_THE_STORY.match(text) or _STORY_AS_SUBJECT.match(text)
    return around is not None and around.start() <= trigger.start < around.end()


def story_day(found: list[Event], placeless: list[tuple[str, TemporalMention]]) -> date | None:
    """The day a sentence tells an event on, stated (not inferred), whether or not it named a
    place ("an explosion on Sunday morning destroyed the power system")."""
    for event in found:
        if _stated_day(event):
            return event.date_start
    for _, mention in placeless:
        if mention.range.precision == "day" and mention.range.start == mention.range.end:
            return mention.range.start
    return None


def last_day_told(events: list[Event]) -> date | None:
    """The day of the last event told with a stated one (not a weak or inferred one)."""
    return next((e.date_start for e in reversed(events) if _stated_day(e)), None)


def _stated_day(event: Event) -> bool:
    return event.date_precision == "day" and not event.date_relative and event.date_start == event.date_end


def dated_by_story(text: str, triggers: tuple[Trigger, ...], found: list[Event], story: date | None,
                   last_told: date | None = None) -> list[Event]:
    """Undated events told as "The attack came two days after ..." or "Hours before the attack, ...":
    the ``story`` day (the first day the article told an event on, its news), moved by that much,
    as a weak date. "That strike came three days after ..." counts from the event just told
    (``last_told``) instead."""
    if not any(e.date_start is None for e in found):
        return found
    came, around = _CAME_AFTER.search(text), _AROUND_THE_STORY.match(text)
    relation = came or around
    if relation is None and last_told is not None and (just := _HOURS_AROUND_A_CLAUSE.match(text)):
        return weakly_dated(found, _hours_around(last_told, just["direction"]))  # "Hours after Shukr was killed, ..."
    if relation is None or (around is None and _trigger_before_subject(text, triggers, came.start())):
        return found
    same_day = came is not None and came["same"] is not None  # "The attacks came on the same day as ..."
    if not same_day and relation["count"] is None and not relation["unit"].lower().startswith("hour"):
        return found  # "days before the attack": how many is anyone's guess
    day = last_told if came is not None and came["demonstrative"] and last_told is not None else story
    if day is None:
        return found
    if same_day:
        told = DateRange(day, day, "day")
    elif relation["unit"].lower().startswith("hour"):
        told = _hours_around(day, relation["direction"])
    else:
        back = -1 if came or relation["direction"].lower() == "before" else 1
        day = day + back * timedelta(days=_days_of(relation))
        told = DateRange(day, day, "day")
    return weakly_dated(found, told)


# "Hours after Shukr was killed, Haniyeh was killed in Tehran": counted from the event just told.
_HOURS_AROUND_A_CLAUSE = re.compile(r"^\W*(?:hours|minutes)\s+(?P<direction>after|before)\s+[^,;]{3,80},", re.I)


def _hours_around(day: date, direction: str) -> DateRange:
    """Hours before or after an event on ``day``: that day or the one next to it (hours cross midnight)."""
    near = timedelta(days=1)
    return DateRange(day - near, day, "day") if direction.lower() == "before" else DateRange(day, day + near, "day")


def _trigger_before_subject(text: str, triggers: tuple[Trigger, ...], subject: int) -> bool:
    """A trigger before "it came" in its clause may be the story's event itself."""
    clause = max(text.rfind(",", 0, subject), text.rfind(";", 0, subject), 0)
    return any(clause <= t.start < subject for t in triggers)


_PREVIOUS_WEEK = re.compile(r"previous\s+(week(?:end)?)", re.I)


def previous_week_as_last(dates: list[TemporalMention], anchor: date | None) -> list[TemporalMention]:
    """"fired 300 drones at Israel the previous weekend": counted from the story, which news
    tells as of its publication, so it is the last week or weekend before the anchor."""
    if anchor is None:
        return dates
    out = []
    for d in dates:
        m = _PREVIOUS_WEEK.fullmatch(d.text) if d.range is None else None
        told = find_dates(f"last {m.group(1)}", anchor) if m else []
        out.append(d._replace(range=told[0].range) if told and told[0].range else d)
    return out


def _days_of(later: re.Match) -> int:
    count = _COUNTS.get(later["count"].lower()) or int(later["count"])
    return count * (7 if later["unit"].lower().startswith("week") else 1)


def _opens_sentence_with(text: str, mention: TemporalMention) -> bool:
    """"On Dec. 31, U.S. Navy helicopters ... sank three boats" or "On Friday Tehran had its own
    accusation: ... was hit": an opening date dates the sentence."""
    if mention.start > 8:
        return False
    return text[mention.end:mention.end + 2].startswith(",") or text[:mention.start].strip().lower() == "on"


def quoted_weekday(text: str, mention: TemporalMention | None) -> bool:
    """"Our embassy in Baghdad got hit Sunday," Trump tweeted (days later): a weekday inside a
    quotation counts from when it was said, not from publication, so it is a weak date."""
    if mention is None or not mention.relative or any(c.isdigit() for c in mention.text):
        return False
    before = text[:mention.start]
    return (before.count("“") > before.count("”")) or before.count('"') % 2 == 1


def dated(event: Event, mention: TemporalMention | None, weak: bool = False) -> Event:
    if mention is None or mention.range is None:
        return event
    r = mention.range
    return event.with_(date_start=r.start, date_end=r.end, date_precision=r.precision,
                       date_relative=weak,
                       confidence=round(min(0.95, event.confidence + (0.05 if r.precision == "day" else 0)), 2))


def date_from_orphans(events: list[Event], orphans: list[tuple[str, TemporalMention]],
                      headlines: set[str]) -> list[Event]:
    """A headline names the place ("Iran shoots down U.S. drone over Strait of Hormuz"), the lead
    the day ("shot down a U.S. Navy drone early Thursday"): an undated headline event takes the
    date of the one place-less mention of its type, when there is exactly one such date. A body
    sentence's undated event is told apart from it ("the missiles ... targeted a facility in Erbil"
    is not the drone strike of the Friday before)."""
    by_type: dict[str, set] = {}
    for type_, mention in orphans:
        if mention.range.precision in ("day", "week"):  # "last year" is no headline's news
            by_type.setdefault(type_, set()).add(mention.range)
    out = []
    for event in events:
        ranges = by_type.get(event.type, set())
        if event.date_start is None and len(ranges) == 1 and event.evidence in headlines \
                and not _told_in_the_body(event, events, headlines):
            (r,) = ranges
            event = weakly_dated([event], r)[0]
        out.append(event)
    return out


def _told_in_the_body(headline: Event, events: list[Event], headlines: set[str]) -> bool:
    """"Houthi missile strike in Gulf of Aden" when the body dates a missile hitting a tanker in the
    Gulf of Aden: that is the headline's story, and merging gives the headline its day."""
    return any(e.evidence not in headlines and e.date_start is not None and e.type == headline.type
               and places_compatible(e.place, headline.place) for e in events)


# -- dating what the text leaves undated ---------------------------------------------------------

# A date that sets when a paragraph's narrative is ("on Saturday", "in July 2021"); a year is too broad.
_NARRATIVE_PRECISIONS = frozenset({"day", "week", "month"})
_SAME_MONTH = Caseless(r"\b(?:that|the) same month\b", needs=("same month",))
# ("officials later said" moves on the telling, not the event told)
_TIME_MOVES_ON = Caseless(r"\b(?:later|ultimately|eventually|subsequently|since then|previously|earlier|once)\b"
                          r"(?!\s+(?:said|told|added|confirmed|reported|announced|wrote|acknowledged|disclosed)\b)")
# The days before publication that an undated piece of news is taken to fall in (see news_of_the_day).
NEWS_DAYS = 3
# The perfect: "has seized ships before" is background, not the day's news.
_PERFECT = Caseless(r"\b(?:has|have|had|'s|’s)\s+(?:not\s+|long\s+|already\s+|also\s+)?(?:been\s+)?"
                    r"[a-z]+(?:ed|en|wn|ck|ht|ung|ot|un)\b"
                    r"|\b(?:has|have|had)\s+(?:hit|struck|shot|sent|seized|flown|sunk)\b")
# "sent B-52s to the region several times in the final weeks of the Trump administration": a
# habit or a past period, not the news of the day.
_ITERATIVE = Caseless(r"\b(?:several|many|multiple|numerous|two|three|four|five) times\b|\b(?:repeatedly|regularly|"
                      r"routinely|frequently|often|periodically)\b|\b(?:in|over) (?:the )?(?:past|recent|final|last) "
                      r"(?:\w+ )?(?:days|weeks|months|years)\b|\bin recent (?:days|weeks|months|years)\b")
_REPORTED = Caseless(r"\b(?:said|says|reported|reports|announced|added|told \w+)\b")


def weakly_dated(found: list[Event], told: DateRange) -> list[Event]:
    """The events that have no date of their own, given ``told`` as a weak (inferred) date."""
    return [e.with_(date_start=told.start, date_end=told.end, date_precision=told.precision, date_relative=True,
                    date_inferred=True)
            if e.date_start is None else e for e in found]


def _last_told(paragraph: list[tuple[Sentence, date | None]], keep=lambda d: True) -> TemporalMention | None:
    """The last date an earlier sentence of the paragraph told (day, week or month) that ``keep`` accepts."""
    for earlier, anchor in reversed(paragraph):
        dates = [d for d in told_dates(earlier.text, anchor)
                 if d.range and d.range.precision in _NARRATIVE_PRECISIONS and keep(d)]
        if dates:
            return dates[-1]
    return None


def told_date(dates: list[TemporalMention]) -> date | None:
    """The last date written with its year ("In May 2019", "Nov. 21, 2020"): where the text is."""
    explicit = [d for d in dates if d.range and not d.relative and d.range.precision in _NARRATIVE_PRECISIONS]
    return explicit[-1].range.start if explicit else None


def told_year(dates: list[TemporalMention]) -> date | None:
    """The middle of a year written alone before the sentence's other dates ("In the summer of
    2019, ... on Aug. 12"): the year its year-less dates fall in, being the one nearest it. Not a
    year told later ("In January, ... in retaliation for a seizure in 2023")."""
    first = dates[0] if dates else None
    if first is None or first.range is None or first.relative or first.range.precision != "year":
        return None
    return date(first.range.start.year, 7, 1)


def narrative_date(paragraph: list[tuple[Sentence, date | None]]) -> date | None:
    """The last date with a year that the paragraph told before this sentence."""
    told = _last_told(paragraph, lambda d: not d.relative)
    return told.range.start if told else None


def in_month_told(found: list[Event], sentence: Sentence, paragraph: list[tuple[Sentence, date | None]]) -> list[Event]:
    """"The Houthis shot one down in June 2019. That same month, the Guard brought down a Global
    Hawk": the month of the last date its paragraph told (a weak date)."""
    if all(e.date_start is not None for e in found) or not _SAME_MONTH.search(sentence.text):
        return found
    told = _last_told(paragraph)
    if told is None:
        return found
    first = told.range.start.replace(day=1)
    return weakly_dated(found, DateRange(first, first + relativedelta(months=1) - timedelta(days=1), "month"))


def dated_by_paragraph(found: list[Event], sentence: Sentence, anchor: date | None,
                        paragraph: list[tuple[Sentence, date | None]]) -> list[Event]:
    """"Meanwhile, the Houthis pressed on with their campaign on Saturday. Two missiles were fired
    into the southern Red Sea ...": an undated event takes, as a weak date, the last date that an
    earlier sentence of its paragraph told (the time the narrative is at). Not when its own
    sentence names a date that was not its own ("arrived in mid-June after pilots flew ..."), or
    moves the time on ("later", "after months of incidents")."""
    if not paragraph or all(e.date_start is not None for e in found) or find_dates(sentence.text, anchor) \
            or RELATION.search(sentence.text) or _TIME_MOVES_ON.search(sentence.text):
        return found  # "It came after months of incidents and ultimately saw Iran retaliate": another time
    told = _last_told(paragraph, lambda d: not d.open_ended)
    return weakly_dated(found, told.range) if told else found


def told_dates(text: str, anchor: date | None) -> list[TemporalMention]:
    """The sentence's dates, less those that only name another event: the times it is at."""
    triggers = reported_triggers(text, load_lexicon())
    return [d for d in find_dates(text, anchor) if not names_a_trigger(d, triggers)]


def names_a_trigger(mention: TemporalMention, triggers) -> bool:
    """"twice as many as in its April attack": a date right before a trigger is that event's own."""
    return any(0 <= t.start - mention.end <= 1 for t in triggers)


def news_of_the_day(found: list[Event], sentence: Sentence, anchor: date | None) -> list[Event]:
    """"The coalition said drones hit a power station in Jizan": an event told in the simple
    past with no date anywhere near it is the news being reported, so it happened in the days
    just before publication (a weak, week-precise date). Not background: nothing in the
    perfect ("has seized ships before"), nothing set against another time ("after", "later")."""
    if anchor is None or sentence.headline or all(e.date_start is not None for e in found):
        return found
    perfect = _PERFECT.search(sentence.text)
    if perfect and perfect.group().lower().startswith("had") and _REPORTED.search(sentence.text, 0, perfect.start()):
        perfect = None  # "the coalition said drones had hit ...": reported speech, told in the past perfect
    if perfect or RELATION.search(sentence.text) or _TIME_MOVES_ON.search(sentence.text) \
            or _ITERATIVE.search(sentence.text) or told_dates(sentence.text, anchor):
        return found
    return weakly_dated(found, DateRange(anchor - timedelta(days=NEWS_DAYS - 1), anchor, "week"))
