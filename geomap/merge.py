"""One record per real event: mentions of the same event merged, within and across articles.

Two mentions are one event when they are of the same kind, of compatible types (a generic
"attack" and the "rocket attack" it turns out to be), at compatible places (the same place, one
inside the other, or within each other's uncertainty) and at compatible dates (overlapping, or
within a day or two; an undated mention takes the date of its twin). A movement known only by
where it left ("Marines were deployed from Kuwait") joins the same movement's arrival
("the Marines arrived in Iraq") when they share an asset.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache
from operator import attrgetter

from gazetteer import Place
from gazetteer.resolve import haversine_km
from geomap.events import GEO_PRECISION_RANK, Event, Source

# Incident types that may be told of the same event in different words.
COMPATIBLE = [
    {"airstrike", "drone_attack", "targeted_killing"},
    {"missile_attack", "rocket_attack", "drone_attack"},
    {"explosion", "drone_attack"},
    {"storming"},
    {"seizure"},
    {"shootdown"},
    {"other"},
]
GENERIC = {"other_attack"}
_ARTICLE_OF = attrgetter("article")
DATE_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3, None: 9}
# A weak date (a weekday in a quotation tweeted days later, a statement's date) may be a week off.
RELATIVE_DAY_SLACK_DAYS = 7


def merge_events(events: Iterable[Event], *, date_slack_days: int = 1, allow_undated: bool = True,
                 across_articles: bool = False) -> list[Event]:
    """Greedy, order-preserving clustering: each mention joins the first event of its own type it
    fits, else the first of a compatible type ("airstrikes in eastern Syria" joins the airstrikes,
    not the drone attack on a base there).

    Events are only compared with events of the same kind whose dates could fit (a date index),
    so a corpus of thousands of articles merges in near-linear time. ``across_articles`` merges
    articles already merged one by one: what one article told apart (Israeli strikes near Sanaa
    on Thursday, U.S. strikes there on Saturday) stays apart.
    """
    merged: list[Event] = []
    told_by: list[set[str]] = []  # each merged event's articles, kept as it grows
    sources = _SourcesByArticle()
    index = _DateIndex(date_slack_days)
    # The index widens each merged event's dates by the slack; a weak date may be further off.
    extra_reach = max(0, RELATIVE_DAY_SLACK_DAYS - date_slack_days) if allow_undated else 0
    for event in events:
        candidates = index.candidates(event, extra_reach, allow_undated)
        articles = _articles(event)
        for i in _same_type_first(candidates, merged, event.type):
            if same_event(merged[i], event, date_slack_days, allow_undated) \
                    and not (across_articles and _kept_apart(merged[i], told_by[i], event, articles)):
                first = _told_first(merged[i], event)
                merged[i] = _combined(merged[i], event, first, sources.merged(i, merged[i], event, first is event))
                told_by[i] |= articles
                index.add(merged[i], i)
                break
        else:
            merged.append(event)
            told_by.append(articles)
            index.add(event, len(merged) - 1)
    return merged


class _SourcesByArticle:
    """Each merged event's sources, one per article (the latest told), kept as the event grows:
    rebuilt from both sides at every merge they would cost time quadratic in the number of
    articles telling one event (a thousand outlets reporting one strike)."""

    def __init__(self) -> None:
        self.books: dict[int, dict[str, Source]] = {}

    def merged(self, i: int, kept: Event, new: Event, new_first: bool) -> tuple[Source, ...]:
        """The sources of merged event ``i`` once ``new`` joins it; ``new_first`` when ``new`` was
        told first, so its articles come first."""
        book = self.books.get(i) or _by_article(kept.sources)
        if new_first:
            book = _by_article(new.sources) | book
        else:
            book.update(_by_article(new.sources))
        self.books[i] = book
        return tuple(book.values())


def _by_article(sources: tuple[Source, ...]) -> dict[str, Source]:
    """One source per article, in order of first mention; the latest told wins."""
    return dict(zip(map(_ARTICLE_OF, sources), sources))


def _kept_apart(merged: Event, told_by: set[str], event: Event, articles: set[str]) -> bool:
    """Across articles: what one article told as two events stays two, and two outlets' mentions
    of different kinds of attack are one event only when both tell its day or week ("two more
    tankers were struck in the Gulf of Oman in June" is not the drone Iran shot down there that
    month)."""
    if not told_by.isdisjoint(articles):
        return True
    return merged.type != event.type and not (merged.date_precision in _FINE_DATES
                                              and event.date_precision in _FINE_DATES)


_FINE_DATES = frozenset({"day", "week"})


def _same_type_first(candidates: list[int], merged: list[Event], type_: str) -> list[int]:
    """The candidates of the event's own type, then the others, each in order."""
    same = [i for i in candidates if merged[i].type == type_]
    if len(same) == len(candidates):
        return candidates
    return same + [i for i in candidates if merged[i].type != type_]


class _DateIndex:
    """Merged events by kind and date: each event's date range, widened by the slack, filed
    under every ``BUCKET_DAYS``-day bucket it touches. A merged event keeps the ranges of all
    the dates it has had, so what once could match still can."""

    BUCKET_DAYS = 16

    def __init__(self, slack: int) -> None:
        self.slack = slack
        self.buckets: dict[tuple[str, int], list[tuple[int, int, int]]] = {}  # (first day, last day, event)
        self.ranges: dict[int, list[tuple[int, int]]] = {}
        self.of_kind: dict[str, list[int]] = {}  # every event, in order of first appearance
        self.undated: dict[str, set[int]] = {}  # the events ever undated

    def add(self, event: Event, i: int) -> None:
        """File event ``i``, new or grown by a merge (new events come with ever larger indexes)."""
        known = self.of_kind.setdefault(event.kind, [])
        if not known or known[-1] < i:
            known.append(i)
        if event.date_start is None:
            self.undated.setdefault(event.kind, set()).add(i)
            return
        lo = event.date_start.toordinal() - self.slack
        hi = event.date_end.toordinal() + self.slack
        ranges = self.ranges.setdefault(i, [])
        if (lo, hi) in ranges:
            return
        ranges.append((lo, hi))
        for bucket in range(lo // self.BUCKET_DAYS, hi // self.BUCKET_DAYS + 1):
            self.buckets.setdefault((event.kind, bucket), []).append((lo, hi, i))

    def candidates(self, event: Event, extra_reach: int, allow_undated: bool) -> list[int]:
        """Indexes of merged events that might be this one, in order: a date within the slack
        (plus ``extra_reach``) of its own, or contained in it. An undated event might be any of
        its kind."""
        kind = event.kind
        if kind not in self.of_kind:
            return []
        if event.date_start is None:
            return self.of_kind[kind][:] if allow_undated else []
        lo, hi = event.date_start.toordinal() - extra_reach, event.date_end.toordinal() + extra_reach
        found = {i for bucket in range(lo // self.BUCKET_DAYS, hi // self.BUCKET_DAYS + 1)
                 for first, last, i in self.buckets.get((kind, bucket), ()) if first <= hi and lo <= last}
        if allow_undated:
            found.update(self.undated.get(kind, ()))
        return sorted(found)


def same_event(a: Event, b: Event, date_slack_days: int = 1, allow_undated: bool = True) -> bool:
    if a.kind != b.kind or _told_apart(a, b):
        return False
    if not types_compatible(a, b) and not _arrival_and_return(a, b):
        return False
    if a.type != b.type and _one_undated(a, b) and not set(_sentences(a)) & set(_sentences(b)):
        return False  # "missiles fired toward Israel" (undated) is not "the Hamas attack on Israel on Oct. 7"
    if not _dates_compatible(a, b, date_slack_days, allow_undated):
        return False
    if a.vessels and b.vessels and not set(a.vessels) & set(b.vessels):
        return False  # the Sophie II and the Unity Explorer, hit the same day in one sea: two attacks
    if a.kind == "movement":
        return _movements_compatible(a, b)
    return places_compatible(a.place, b.place) or _one_story_in_one_sea(a, b)


def _one_story_in_one_sea(a: Event, b: Event) -> bool:
    """"Houthis seize cargo ship in Red Sea" and "seized a cargo ship in the southern Red Sea on
    Sunday": one article telling one seizure on one day (or once without a day) in a wide area
    and a part of it."""
    if a.article != b.article or a.type != b.type or (a.date_start != b.date_start and not _one_undated(a, b)):
        return False
    return _holds(a.place, b.place) or _holds(b.place, a.place)


def _holds(area: Place, part: Place) -> bool:
    return area.is_area and area.radius_km > part.radius_km \
        and haversine_km(area.lat, area.lon, part.lat, part.lon) <= area.radius_km


def types_compatible(a: Event, b: Event) -> bool:
    if a.type == b.type:
        return True
    if a.kind == "movement":
        return False
    if a.type in GENERIC or b.type in GENERIC:
        return not ({a.type, b.type} & {"other"})
    return any(a.type in group and b.type in group for group in COMPATIBLE)


def _one_undated(a: Event, b: Event) -> bool:
    return (a.date_start is None) != (b.date_start is None)


def _arrival_and_return(a: Event, b: Event) -> bool:
    """"returned to Naval Station Norfolk on Wednesday" and "arrives at Naval Station Norfolk on
    Wednesday, Jan. 17": one ship coming home, told as a return and as an arrival."""
    return ({a.type, b.type} == {"deployment", "withdrawal"} and a.date_start is not None
            and a.date_start == b.date_start and not (a.place.is_area or b.place.is_area)
            and _named_assets(a) & _named_assets(b) != set())


def _named_assets(event: Event) -> set[str]:
    return {asset for asset in event.assets if asset[:1].isupper()}


def _told_apart(a: Event, b: Event) -> bool:
    """"A drone struck a base near Hasakah ... and the U.S. retaliated with airstrikes in eastern
    Syria": one sentence naming two specific kinds of attack tells two events; so does one naming
    two days."""
    if a.article != b.article or not set(_sentences(a)) & set(_sentences(b)):
        return False
    if a.date_precision == b.date_precision == "day" and a.date_start != b.date_start \
            and not (a.date_relative or b.date_relative):
        return True  # "two attacks on Tuesday 18 October and Wednesday 19 October": one a day
    return a.type != b.type and a.type not in GENERIC and b.type not in GENERIC


def _dates_compatible(a: Event, b: Event, slack: int, allow_undated: bool) -> bool:
    """Day-precise dates within ``slack`` days; a coarser range must hold the finer one."""
    if a.date_start is None or b.date_start is None:
        return allow_undated
    if a.date_precision == b.date_precision == "day":
        if allow_undated and _left_days_before_it_arrived(a, b):
            return True  # within one article: "took off from Whiteman on Monday night", "landed ... on Wednesday"
        weak = a if a.date_relative else b
        if a.date_relative != b.date_relative and slack < RELATIVE_DAY_SLACK_DAYS and allow_undated \
                and weak.date_start == weak.date_end and not weak.date_inferred:
            # within one article; a weekday told, not a headline's day-or-two nor a paragraph's time
            slack = RELATIVE_DAY_SLACK_DAYS
        return abs((a.date_start - b.date_start).days) <= slack
    fine, coarse = sorted((a, b), key=lambda e: (e.date_end - e.date_start))
    return coarse.date_start <= fine.date_start and fine.date_end <= coarse.date_end


# How long before its arrival a movement may have left: a bomber's flight half around the world
# takes more than a day, and a ship's passage days.
DEPARTURE_LEAD_DAYS = 3


def _left_days_before_it_arrived(a: Event, b: Event) -> bool:
    """A movement known only by where it left, told up to DEPARTURE_LEAD_DAYS before the same
    movement's arrival (whether they share their assets is asked apart)."""
    if a.kind != "movement" or a.from_only == b.from_only:
        return False
    left, arrived = (a, b) if a.from_only else (b, a)
    return 0 <= (arrived.date_start - left.date_start).days <= DEPARTURE_LEAD_DAYS


# An area this wide ("the Middle East", a sea) holds too much to say two mentions are one event.
MAX_CONTAINING_KM = 500.0


def places_compatible(a: Place, b: Place) -> bool:
    if a.id == b.id:
        return True
    if a.kind == "country" or b.kind == "country":
        return a.country is not None and a.country == b.country
    reach = max(a.radius_km, b.radius_km)
    return reach <= MAX_CONTAINING_KM and haversine_km(a.lat, a.lon, b.lat, b.lon) <= reach + 25.0


def _movements_compatible(a: Event, b: Event) -> bool:
    if not _assets_overlap(a, b):
        return False
    if a.from_only or b.from_only:
        left, other = (a, b) if a.from_only else (b, a)
        if other.from_only or other.origin is not None:
            return places_compatible(left.place, other.origin or other.place)
        return True
    # Movements of the same forces to different places are different movements; a base and the
    # town around it ("Naval Station Norfolk", "Norfolk") are one place.
    same_place = a.place.id == b.place.id or (not (a.place.is_area or b.place.is_area)
                                              and places_compatible(a.place, b.place))
    return same_place and (
        a.origin is None or b.origin is None or places_compatible(a.origin, b.origin))


@lru_cache(maxsize=4096)
def _words_of_assets(assets: tuple[str, ...]) -> frozenset[str]:
    """Remembered per asset list: the same few lists ("B-52s", "troops") recur across a corpus."""
    return frozenset(w.lower().rstrip("s") for asset in assets for w in asset.replace("-", " ").split()
                     if len(w) > 2 and w.lower() not in {"the", "and", "u.s.", "us", "american", "additional", "more"})


def _assets_overlap(a: Event, b: Event) -> bool:
    wa, wb = _words_of_assets(a.assets), _words_of_assets(b.assets)
    return not wa or not wb or bool(wa & wb)


def combine(a: Event, b: Event) -> Event:
    """The merged record: the most precise place and date, every source, all that either knows."""
    first = _told_first(a, b)
    second = b if first is a else a
    return _combined(a, b, first, tuple(_by_article(first.sources + second.sources).values()))


def _told_first(a: Event, b: Event) -> Event:
    return a if (a.article, a.sentence_start) <= (b.article, b.sentence_start) else b


def _combined(a: Event, b: Event, first: Event, sources: tuple[Source, ...]) -> Event:
    """``combine`` given the mention told first and the merged sources."""
    evidence_from = _better(a, b, _precision_rank)
    place_from = _better(a, b, _place_rank)
    date_from = _better(a, b, _date_rank)
    # A generic "attack" takes the type it turns out to be; of two telling types, the mention told
    # most precisely names it ("the Jan. 28 drone attack on Tower 22" over "a drone strike in Jordan").
    type_from = b if (a.type in GENERIC and b.type not in GENERIC) else a
    if a.type != b.type and GENERIC.isdisjoint((a.type, b.type)):
        type_from = evidence_from
    origin = a.origin or b.origin
    if a.kind == "movement" and (a.from_only != b.from_only):
        leaving, arriving = (a, b) if a.from_only else (b, a)
        place_from, origin = arriving, leaving.place
    return first.with_(
        type=type_from.type, place=place_from.place, geo_precision=place_from.geo_precision,
        from_only=place_from.from_only and (a.from_only and b.from_only),
        origin=origin if origin is None or origin.id != place_from.place.id else None,
        date_start=date_from.date_start, date_end=date_from.date_end, date_precision=date_from.date_precision,
        date_relative=date_from.date_relative, date_inferred=date_from.date_inferred,
        evidence=evidence_from.evidence,
        actors=tuple(dict.fromkeys(a.actors + b.actors)), assets=tuple(dict.fromkeys(a.assets + b.assets)),
        vessels=tuple(dict.fromkeys(a.vessels + b.vessels)),
        fatalities=_max(a.fatalities, b.fatalities), injuries=_max(a.injuries, b.injuries),
        confidence=round(min(0.95, max(a.confidence, b.confidence) + (0.05 if len(sources) > len(first.sources) else 0)), 2),
        sources=sources, mentions=a.mentions + b.mentions,
        sentences=tuple(sorted(set(_sentences(a) + _sentences(b)))) if a.article == b.article else _sentences(first),
    )


def _better(a: Event, b: Event, rank: Callable[[Event], tuple]) -> Event:
    """``min((a, b), key=rank)`` without its overhead: ``a`` unless ``b`` ranks strictly better."""
    return b if rank(b) < rank(a) else a


def _place_rank(event: Event) -> tuple[bool, int, float]:
    return event.from_only, GEO_PRECISION_RANK.get(event.geo_precision, 9), event.place.radius_km


def _date_rank(event: Event) -> tuple[int, bool]:
    return DATE_PRECISION_RANK.get(event.date_precision, 9), event.date_relative


def _precision_rank(event: Event) -> tuple[int, int]:
    return GEO_PRECISION_RANK.get(event.geo_precision, 9), DATE_PRECISION_RANK.get(event.date_precision, 9)


def _articles(event: Event) -> set[str]:
    return {source.article for source in event.sources} or {event.article}


def _sentences(event: Event) -> tuple[int, ...]:
    return event.sentences or (event.sentence_start,)


def date_siblings(events: list[Event]) -> list[Event]:
    """Targets of one attack read from one sentence ("Ain al-Asad ... and a facility in Erbil")
    share its date when the sentence's other target found one by merging with a dated mention."""
    dated = [e for e in events if e.date_start is not None]
    out = []
    for event in events:
        if event.date_start is None:
            twin = next((d for d in dated if d.article == event.article and event.sentence_start in _sentences(d)
                         and types_compatible(d, event) and d.kind == event.kind), None)
            if twin is not None:
                event = event.with_(date_start=twin.date_start, date_end=twin.date_end,
                                    date_precision=twin.date_precision, date_relative=twin.date_relative,
                                    date_inferred=twin.date_inferred)
        out.append(event)
    return out


def _max(x: int | None, y: int | None) -> int | None:
    return y if x is None else x if y is None else max(x, y)
