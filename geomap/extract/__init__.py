"""Reading incidents and asset movements from an article's sentences.

For each sentence with a trigger from the lexicon (geomap/data/lexicon.json):
1. drop triggers that are not reported facts (threats, plans, forecasts, questions, negations);
2. link places by their prepositions: where an incident happened ("in Qaim", "near Kirkuk",
   "on the embassy in Baghdad"); a movement's destination ("to the Middle East"), origin
   ("from Pope Army Airfield") and waterway ("through the Strait of Hormuz");
3. date it from the nearest temporal expression that belongs to it (not "said on Jan. 2");
4. keep what the sentence says of assets, actors, fatalities and injuries.
Events without a place are not drawn; the resolver never invents one.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from datetime import date, timedelta

from gazetteer import Gazetteer, Place, Resolution
from geomap.corpus import Article
from geomap.dates import TemporalMention, find_dates
from geomap.events import GEO_PRECISION_RANK, Event, Source, make_id
from geomap.extract.lexicon import Lexicon, load_lexicon
from geomap.extract.sentences import Sentence, split_sentences
from geomap.extract.places import COORDINATION, LinkedPlace, demonym_place, linked_places

# Places and dates before a trigger count only this close to it ("In Baghdad, rockets ...").
BEFORE_WINDOW = 80
# A date before its trigger counts only this close ("a December 21 attack"), not "Iran on Sunday
# marked one year since ... a drone strike".
BEFORE_DATE_CHARS = 60
# Background older than this is not an event of the article's period ("the 2012 killings").
BACKGROUND_DAYS = 730
_SPEECH_DATE = re.compile(r"\b(?:said|says|told|tweeted|stated|announced|added|noted|wrote|reported|"
                          r"confirmed|declared|explained|warned|marked|testified)\s*(?:on\s+)?$", re.I)
# "On Thursday, President Donald Trump said ...": a date that opens a statement.
_SAID_AFTER = re.compile(r",?\s+(?:[\w.'’-]+\s+){0,6}?(?:said|says|told|announced|confirmed|reported|stated|tweeted|wrote)\b",
                         re.I)
_CLAUSE_BREAK = re.compile(r"\b(?:after|before|when|while|since|because|although|which|who|where|but)\b", re.I)
# Between an event and a date, these make the date another event's: "comes a week after ... June 13".
_RELATION = re.compile(r"\b(?:after|before|since|following|ahead of)\b", re.I)
_LEAVING_VERB = re.compile(r"(?:left|leav|depart)", re.I)
_RELATIVE_TO_ANOTHER = re.compile(r"\b(?:days?|weeks?|months?|years?|hours?)\s+(?:after|before|since)\b", re.I)
_BARE_VERB_END = re.compile(r"(?:s|ed|ing)$")
_MONTH_MAY = re.compile(r"\b((?i:in|on|of|early|late|mid|since|until|by|last|this|next) )?May\b(?=(\s+\d|,? (?:19|20)\d\d)?)")
_QUESTION = re.compile(r"\?\s*[\"”’']?\s*$")


@dataclass(frozen=True, slots=True)
class Trigger:
    kind: str
    type: str
    start: int  # offsets within the sentence
    end: int
    text: str


def extract_events(article: Article, resolutions: list[Resolution], gazetteer: Gazetteer) -> list[Event]:
    """Every event the article reports as having happened, one per sentence mention."""
    lexicon = load_lexicon()
    source = Source(article.file, article.title, article.source,
                    article.published.isoformat() if article.published else None, article.url)
    events: list[Event] = []
    orphans: list[tuple[str, TemporalMention]] = []  # dated triggers that name no place
    ships = _ship_short_names(article.text)
    starts = _sorted_mention_starts(resolutions)
    for sentence in split_sentences(article.text):
        if _QUESTION.search(sentence.text):
            continue
        in_sentence = _resolutions_within(sentence, resolutions, starts)
        events.extend(_sentence_events(sentence, in_sentence, article, source, lexicon, gazetteer, ships, orphans))
    return _date_from_orphans(events, orphans)


def _sorted_mention_starts(resolutions: list[Resolution]) -> list[int] | None:
    """The resolutions' offsets when they are in text order (the resolver's output is), so each
    sentence's resolutions are one slice found by bisection instead of a scan of the article's."""
    starts = [r.mention.start for r in resolutions]
    return starts if all(a <= b for a, b in zip(starts, starts[1:])) else None


def _resolutions_within(sentence: Sentence, resolutions: list[Resolution],
                        starts: list[int] | None) -> list[Resolution]:
    """The resolutions whose mention starts inside the sentence, in their given order."""
    if starts is None:
        return [r for r in resolutions if sentence.start <= r.mention.start < sentence.end]
    return resolutions[bisect_left(starts, sentence.start):bisect_left(starts, sentence.end)]


def _date_from_orphans(events: list[Event], orphans: list[tuple[str, TemporalMention]]) -> list[Event]:
    """A headline names the place ("Iran shoots down U.S. drone over Strait of Hormuz"), the lead
    the day ("shot down a U.S. Navy drone early Thursday"): an undated event takes the date of
    the one place-less mention of its type, when there is exactly one such date."""
    by_type: dict[str, set] = {}
    for type_, mention in orphans:
        by_type.setdefault(type_, set()).add(mention.range)
    out = []
    for event in events:
        ranges = by_type.get(event.type, set())
        if event.date_start is None and len(ranges) == 1:
            (r,) = ranges
            event = event.with_(date_start=r.start, date_end=r.end, date_precision=r.precision, date_relative=True)
        out.append(event)
    return out


_SHIP_NAME = re.compile(r"\b(?:USS|HMS|INS|FS|HMCS)\s+((?:[A-Z][\w.]*\s+){0,3}[A-Z][\w]+)")


def _ship_short_names(text: str) -> re.Pattern | None:
    """"USS Gerald R. Ford" is "the Ford" later in the article: an asset by its short name."""
    names = {m.group(1).split()[-1] for m in _SHIP_NAME.finditer(text)}
    names = {n for n in names if len(n) > 2}
    return re.compile(r"\b(?:the\s+)?(" + "|".join(sorted(map(re.escape, names))) + r")\b") if names else None


def _sentence_events(sentence: Sentence, resolutions: list[Resolution], article: Article, source: Source,
                     lexicon: Lexicon, gazetteer: Gazetteer, ships: re.Pattern | None = None,
                     orphans: list | None = None) -> list[Event]:
    triggers = _reported_triggers(sentence.text, lexicon)
    if not triggers:
        return []
    dates = [d for d in find_dates(sentence.text, article.published) if d.range and not d.open_ended]
    events = []
    for i, trigger in enumerate(triggers):
        floor = max(triggers[i - 1].end if i else 0, trigger.start - BEFORE_WINDOW,
                    _clause_start(sentence.text[:trigger.start], lexicon))
        ceiling = triggers[i + 1].start if i + 1 < len(triggers) else len(sentence.text)
        breaker = lexicon.window_breaker.search(sentence.text, trigger.end, ceiling)
        window = (floor, breaker.start() if breaker else ceiling)
        date_mention, weak_date = _date_for(sentence, trigger, dates, window)
        if (date_mention is None or weak_date) and window[1] < len(sentence.text):
            clause_end = lexicon.window_breaker.search(sentence.text, window[1])
            wider = (window[0], clause_end.start() if clause_end else len(sentence.text))
            shared, shared_weak = _date_for(sentence, trigger, dates, wider)
            if shared is not None and not shared_weak and not _RELATION.search(sentence.text, trigger.end, shared.start):
                date_mention, weak_date = shared, False  # "shot down ... missiles fired ... on Tuesday"
        if trigger.kind == "incident":
            built = _incident_events(sentence, trigger, window, resolutions, lexicon, gazetteer, source, article)
        else:
            built = _movement_events(sentence, trigger, window, resolutions, lexicon, gazetteer, source, article, ships)
        if not built and orphans is not None and date_mention is not None and not weak_date \
                and trigger.type not in ("other_attack", "other"):
            orphans.append((trigger.type, date_mention))
        for event in built:
            event = _dated(event, date_mention, weak_date or _quoted_weekday(sentence.text, date_mention))
            if _generic(trigger, event, lexicon, sentence.text):
                continue  # "have carried out other attacks in recent months": no one event
            events.append(event)
    return [e for e in _one_event_per_place(events) if _in_period(e, article.published, lexicon, sentence)]


# -- triggers -----------------------------------------------------------------------------------

@lru_cache(maxsize=8192)
def _reported_triggers(text: str, lexicon: Lexicon) -> tuple[Trigger, ...]:
    """The sentence's triggers that report facts. They depend on the text alone, and the same
    sentences recur across articles (wire copy, updates, boilerplate), so they are remembered;
    the bound keeps memory flat over any corpus."""
    return tuple(t for t in find_triggers(text, lexicon) if is_reported_fact(text, t, lexicon))


def find_triggers(text: str, lexicon: Lexicon) -> list[Trigger]:
    """Non-overlapping triggers in text order, from one pass of the combined rule alternation.

    The alternation lists specific rules before generic ones, so at any position "rocket
    attack" wins over "attack"; spans inside a "not an event" phrase are dropped.
    """
    lower = text.lower()
    same_length = len(lower) == len(text)  # "İ" lower-cases to two characters
    blocked = [(m.start(), m.end()) for m in (lexicon.not_event_lower.finditer(lower) if same_length
                                               else lexicon.not_event.finditer(text))]
    matches = lexicon.any_trigger_lower.finditer(lower) if same_length else lexicon.any_trigger.finditer(text)
    triggers = []
    for m in matches:
        if m.end() == m.start() or any(a <= m.start() < b or a < m.end() <= b for a, b in blocked):
            continue
        kind, type_ = lexicon.trigger_rules[int(m.lastgroup[1:])]
        triggers.append(Trigger(kind, type_, m.start(), m.end(), text[m.start():m.end()]))
    return _join_movement_verbs(text, triggers)


# When one sentence moves the same forces twice ("deployed from Pope AAF, head to the CENTCOM
# area"; "sending it out of the region"), it is one movement; these types say the most.
_MOVEMENT_TYPE_WEIGHT = {"withdrawal": 3, "transit": 2, "flight": 1, "deployment": 0}


def _join_movement_verbs(text: str, triggers: list[Trigger]) -> list[Trigger]:
    joined: list[Trigger] = []
    for trigger in triggers:
        last = joined[-1] if joined else None
        if (last is not None and last.kind == trigger.kind == "movement"
                and trigger.start - last.end <= 80 and not re.search(r"[.;]", text[last.end:trigger.start])
                and not _CLAUSE_BREAK.search(text[last.end:trigger.start])):
            type_ = max((last.type, trigger.type), key=_MOVEMENT_TYPE_WEIGHT.get)
            joined[-1] = Trigger("movement", type_, last.start, trigger.end, text[last.start:trigger.end])
        else:
            joined.append(trigger)
    return joined


def is_reported_fact(text: str, trigger: Trigger, lexicon: Lexicon) -> bool:
    """False for threats, plans, forecasts, hypotheticals and negations."""
    text = _MONTH_MAY.sub(_month_not_modal, text)  # "on May 9" is a date, not a modal verb
    before = text[:trigger.start]
    clause = before[_clause_start(before, lexicon):]
    if _participle_clause(text, trigger):
        clause = ""  # ", sending it out of the region": the result, not the thing decided against
    if lexicon.cue_determiner.search(before):
        return False
    if lexicon.cue_after.search(" ".join(text[trigger.end:trigger.end + 60].split()[:5])):
        return False
    inside = text[trigger.start:trigger.end].split(None, 1)
    if trigger.kind == "incident" and len(inside) == 2 and lexicon.cue_before.search(inside[1]):
        return False  # "missiles that could hit": the cue sits inside a long trigger
    near = " ".join(clause.split()[-3:])
    for cue in lexicon.cue_near_before.finditer(near):
        if cue.group().lower() == "to":
            if cue.end() == len(near) and not _BARE_VERB_END.search(trigger.text.split()[0]):
                return False  # "to attack", but not "in response to attacks"
        elif not lexicon.not_negation.search(clause):
            return False
    return not lexicon.cue_before.search(clause)


def _month_not_modal(m: re.Match) -> str:
    return (m.group(1) or "") + ("Mai" if (m.group(1) or m.group(2)) else "May")


_PERFECT_BEFORE = re.compile(r"\b(?:has|have)\s+(?:been\s+)?(?:\w+\s+){0,2}$", re.I)
_SINCE = re.compile(r"\bsince\b", re.I)


def _ongoing_since(text: str, trigger: Trigger) -> bool:
    """"Since the war began, the group has launched missiles toward Israel": a running tally, not
    one event (the present perfect with "since")."""
    return bool(_SINCE.search(text)) and bool(_PERFECT_BEFORE.search(text[max(0, trigger.start - 40):trigger.start]))


def _participle_clause(text: str, trigger: Trigger) -> bool:
    """", killing dozens", ", sending it out of the region": what the main clause did, and when."""
    return trigger.text.split()[0].lower().endswith("ing") and text[:trigger.start].rstrip().endswith(",")


def _clause_start(before: str, lexicon: Lexicon) -> int:
    """Where the trigger's clause begins: after the last scope breaker ("following", ";")."""
    last = 0
    for m in lexicon.breakers.finditer(before):
        last = m.end()
    return last


# -- incidents ----------------------------------------------------------------------------------

def _incident_events(sentence: Sentence, trigger: Trigger, window: tuple[int, int], resolutions,
                     lexicon: Lexicon, gazetteer: Gazetteer, source: Source, article: Article) -> list[Event]:
    """Where it happened: named after it in its clause, just before it ("killed in Iraq by an American
    drone strike"), or in an opening "In Syria, ..."; else the
    caption's scene; else its target's nationality ("an Iraqi base"). A place-less re-mention
    ("the tanker was seized") makes no event of its own."""
    places = [p for p in linked_places(sentence, trigger, window, resolutions, lexicon.adjective_followers)
              if p.role in ("at", "to", "via") and (p.start >= trigger.start or _opening_phrase(sentence.text, p)
                                                     or len(sentence.text[p.end:trigger.start].split()) <= 4)]
    places = _most_specific(_first_with_coordinated(sentence.text, places))
    if not places and sentence.caption:
        places = _scene_place(sentence, resolutions, lexicon)
    if not places:
        fallback = demonym_place(sentence, trigger, window, gazetteer)
        places = [fallback] if fallback else []
    if not places and window[1] < len(sentence.text):
        # "shot down 18 drones and three missiles fired by the Houthis over the Red Sea": the
        # next trigger shares this one's place when this one names none.
        clause_end = lexicon.window_breaker.search(sentence.text, window[1])
        wider = (window[0], clause_end.start() if clause_end else len(sentence.text))
        places = _most_specific(_first_with_coordinated(sentence.text, [
            p for p in linked_places(sentence, trigger, wider, resolutions, lexicon.adjective_followers)
            if p.role in ("at", "to", "via") and p.start >= trigger.start]))[:1]
    return [_event(sentence, trigger, window, place.place, place.precision, None, lexicon, source, article)
            for place in places[:3]]


_OPENING = re.compile(r"^\W*(?:in|at|near|off|inside|outside|across|over)\s", re.I)


def _opening_phrase(text: str, place: LinkedPlace) -> bool:
    """"In Syria, state media said the strikes hit ...": a place set before the clause opens."""
    return place.start <= 40 and bool(_OPENING.match(text)) and "," in text[place.end:place.end + 40]


def _scene_place(sentence: Sentence, resolutions, lexicon: Lexicon) -> list[LinkedPlace]:
    """Where a sentence is set: its finest place after "in", "at", "near" ...; a photo caption
    shows one scene, so its event happened there ("... near the entrance of Ain al-Asad air base
    in Anbar, Iraq, on Jan. 8, hours after the Iranian missile strike")."""
    whole = Trigger("incident", "", 0, 0, "")
    placed = linked_places(sentence, whole, (0, len(sentence.text)), resolutions, lexicon.adjective_followers)
    return _most_specific(_first_with_coordinated(sentence.text, [p for p in placed if p.role in ("at", "to")]))[:1]


def _first_with_coordinated(text: str, places: list[LinkedPlace]) -> list[LinkedPlace]:
    """The nearest place and those joined to it by "and", "or" or a comma."""
    if not places:
        return []
    chain = [places[0]]
    for place in places[1:]:
        previous = chain[-1]
        if place.start < previous.start:
            break
        between = text[previous.end:place.start]
        if not between.strip() or COORDINATION.fullmatch(between) or _contains(place.place, previous.place):
            chain.append(place)  # joined, or a qualifier ("Ain al-Asad air base in western Anbar")
            continue
        break
    return chain


def _most_specific_of_chain(text: str, places: list[LinkedPlace]) -> LinkedPlace | None:
    """"to Saudi Arabia, to Prince Sultan Air Base": the finest of the joined places."""
    chain = _most_specific(_first_with_coordinated(text, places))
    return chain[0] if chain else None


def _most_specific(places: list[LinkedPlace]) -> list[LinkedPlace]:
    """Drop a place that only qualifies another one ("Qaim, Iraq" is Qaim)."""
    keep = []
    for p in places:
        if any(q is not p and _contains(p.place, q.place) and q.place.id != p.place.id for q in places):
            continue
        if all(k.place.id != p.place.id for k in keep):
            keep.append(p)
    return keep


def _contains(area: Place, place: Place) -> bool:
    if not area.is_area or GEO_PRECISION_RANK.get(_precision_of(area), 9) <= GEO_PRECISION_RANK.get(_precision_of(place), 9):
        return False
    if area.kind == "country":
        return place.country == area.country
    from gazetteer.resolve import haversine_km

    return haversine_km(area.lat, area.lon, place.lat, place.lon) <= area.radius_km


def _precision_of(place: Place) -> str:
    from gazetteer.resolve import PRECISION_OF_KIND

    return PRECISION_OF_KIND.get(place.kind, "point")


# -- movements ----------------------------------------------------------------------------------

def _movement_events(sentence: Sentence, trigger: Trigger, window: tuple[int, int], resolutions,
                     lexicon: Lexicon, gazetteer: Gazetteer, source: Source, article: Article,
                     ships: re.Pattern | None = None) -> list[Event]:
    assets = _assets(sentence.text, window, lexicon)
    if not assets and ships is not None:
        assets = tuple(dict.fromkeys(m.group(1) for m in ships.finditer(sentence.text, max(0, window[0] - 120), window[1])))
    if not assets:
        return []  # "withdrew the US from the deal" moves no forces
    linked = linked_places(sentence, trigger, window, resolutions, lexicon.adjective_followers)
    towards = _most_specific_of_chain(sentence.text, [p for p in linked if p.role == "to" and p.start > trigger.start])
    type_ = "withdrawal" if any(p.leaving for p in linked) else trigger.type
    leaving_for = towards is not None and _LEAVING_VERB.match(trigger.text)
    if type_ == "withdrawal" and not leaving_for:
        return _withdrawal(sentence, trigger, window, linked, towards, assets, lexicon, source, article)
    if type_ == "withdrawal":
        type_ = "deployment"  # "departed Norfolk for a deployment to Europe": leaving for somewhere
    origin = next((p for p in linked if p.role == "from"), None)
    destination = towards or _most_specific_of_chain(sentence.text, [p for p in linked if p.role == "to"]) or \
        _most_specific_of_chain(sentence.text, [p for p in linked if p.role == "at" and not (
            origin is not None and (_contains(p.place, origin.place) or p.place.id == origin.place.id))])
    via = next((p for p in linked if p.role == "via"), None)
    if via is not None and (type_ in ("deployment", "transit") or destination is None):
        type_ = "transit"  # "sailed through the Suez Canal into the Red Sea": the waterway passed
        destination, origin = via, None
    if destination is None and origin is None:
        return []
    place = destination or origin
    event = _event(sentence, trigger, window, place.place, place.precision,
                   origin.place if (origin and destination) else None, lexicon, source, article)
    return [event.with_(type=type_, assets=assets, from_only=destination is None)]


def _withdrawal(sentence: Sentence, trigger: Trigger, window: tuple[int, int], linked: list[LinkedPlace],
                home: LinkedPlace | None, assets: tuple[str, ...], lexicon: Lexicon, source: Source,
                article: Article) -> list[Event]:
    """A withdrawal goes home when the text says where ("returned to Naval Station Norfolk from the
    eastern Mediterranean"); otherwise it is drawn where the forces left: "out of the Gulf", or
    the place of the deployment it ends ("its deployment to the Persian Gulf, sending it out of
    the region"), never where they go next ("... a signal to Iran")."""
    left = next((p for p in linked if p.leaving or p.role == "from"), None)
    if home is not None and trigger.text.lower().startswith("return"):
        event = _event(sentence, trigger, window, home.place, home.precision, left.place if left else None,
                       lexicon, source, article)
        return [event.with_(type="withdrawal", assets=assets)]
    left = left or next((p for p in linked if p.start < trigger.start), None)
    left = left or next((p for p in linked if p.role == "at"), None)
    if left is None:
        return []
    event = _event(sentence, trigger, window, left.place, left.precision, None, lexicon, source, article)
    return [event.with_(type="withdrawal", assets=assets)]


@lru_cache(maxsize=4096)
def _asset_mentions(text: str, lexicon: Lexicon) -> tuple[tuple[int, str], ...]:
    return tuple(sorted((m.start(), m.group()) for _, rule in lexicon.assets for m in rule.finditer(text)))


def _assets(text: str, window: tuple[int, int], lexicon: Lexicon) -> tuple[str, ...]:
    found = [(start, name) for start, name in _asset_mentions(text, lexicon) if window[0] - 120 <= start < window[1]]
    names = []
    for _, name in sorted(found):
        if not any(name.lower() in n.lower() for n in names):
            names.append(name)
    return tuple(names[:6])


# -- common parts -------------------------------------------------------------------------------

def _event(sentence: Sentence, trigger: Trigger, window: tuple[int, int], place: Place, precision: str,
           origin: Place | None, lexicon: Lexicon, source: Source, article: Article) -> Event:
    killed, injured = _casualties(sentence.text[trigger.start:], lexicon)  # ", killing three soldiers"
    return Event(kind=trigger.kind, type=trigger.type, place=place, geo_precision=precision,
                 evidence=sentence.text, article=article.file, origin=origin,
                 actors=_actors(sentence.text, lexicon), assets=_assets(sentence.text, window, lexicon),
                 fatalities=killed, injuries=injured, confidence=_confidence(trigger, precision),
                 sources=(source,), sentence_start=sentence.start,
                 uid=make_id(article.file, sentence.start, trigger.start, trigger.kind, place.id))


@lru_cache(maxsize=4096)
def _actors(text: str, lexicon: Lexicon) -> tuple[str, ...]:
    return tuple(name for name, rule in lexicon.actors if rule.search(text))


def _casualties(text: str, lexicon: Lexicon) -> tuple[int | None, int | None]:
    lower = text.lower()
    killed = _count(text, lexicon.killed, lexicon) if ("kill" in lower or "dead" in lower or "death" in lower) else None
    hurt = _count(text, lexicon.injured, lexicon) if ("wound" in lower or "injur" in lower or "hurt" in lower) else None
    return killed, hurt


def _count(text: str, rules, lexicon: Lexicon) -> int | None:
    for rule in rules:
        for m in rule.finditer(text):
            word = m.group("n").lower().replace(",", "")
            if word.isdigit():
                return int(word)
            if word in lexicon.number_words:
                return lexicon.number_words[word]
    return None


def _confidence(trigger: Trigger, precision: str) -> float:
    score = 0.6 if trigger.type not in ("other_attack", "other") else 0.45
    if precision in ("point", "near", "city"):
        score += 0.15
    elif precision == "country":
        score -= 0.1
    return round(min(0.95, max(0.1, score)), 2)


def _date_for(sentence: Sentence, trigger: Trigger, dates: list[TemporalMention],
              window: tuple[int, int]) -> tuple[TemporalMention | None, bool]:
    """The date that belongs to the trigger, and whether it is only the statement's date.

    Its own date is the nearest one in its window (one before it counting half again as far:
    "on New Year's Eve that the Marines arrived" vs "the 2012 ..."), or an opening "On Dec. 31,"
    that dates the whole sentence. Failing that, the date of the statement that reports it
    ("Trump said on Thursday that the Boxer had destroyed a drone"): the event happened then or
    just before, so it is kept as a weak date that an explicit one elsewhere overrides.
    """
    speech = [d for d in dates if _SPEECH_DATE.search(sentence.text[max(0, d.start - 30):d.start])
              or _SAID_AFTER.match(sentence.text, d.end)]
    own = [d for d in dates if d not in speech or not _SPEECH_DATE.search(sentence.text[max(0, d.start - 30):d.start])]
    reach = trigger.start if _participle_clause(sentence.text, trigger) else BEFORE_DATE_CHARS
    scored = []
    for d in own:
        if trigger.start <= d.start < trigger.end:
            scored.append((0, d))  # "got hit Sunday by several rockets"
        elif trigger.end <= d.start < window[1]:
            scored.append((d.start - trigger.end, d))
        elif d.end <= trigger.start and (trigger.start - d.end <= reach and (window[0] <= d.start or reach > BEFORE_DATE_CHARS)
                                         or _opens_sentence_with(sentence.text, d)):
            scored.append(((trigger.start - d.end) * 1.5, d))
    if scored:
        return min(scored, key=lambda s: s[0])[1], False
    if sentence.caption and own:
        return own[0], False
    if _RELATIVE_TO_ANOTHER.search(sentence.text[max(0, trigger.start - 60):trigger.start]):
        return None, False  # "two weeks after British forces impounded ...": dated by another event
    return (speech[-1], True) if speech else (None, False)


def _opens_sentence_with(text: str, mention: TemporalMention) -> bool:
    """"On Dec. 31, U.S. Navy helicopters ... sank three boats": an opening date dates the sentence."""
    return mention.start <= 8 and text[mention.end:mention.end + 2].startswith(",")


def _quoted_weekday(text: str, mention: TemporalMention | None) -> bool:
    """"Our embassy in Baghdad got hit Sunday," Trump tweeted (days later): a weekday inside a
    quotation counts from when it was said, not from publication, so it is a weak date."""
    if mention is None or not mention.relative or any(c.isdigit() for c in mention.text):
        return False
    before = text[:mention.start]
    return (before.count("“") > before.count("”")) or before.count('"') % 2 == 1


def _dated(event: Event, mention: TemporalMention | None, weak: bool = False) -> Event:
    if mention is None or mention.range is None:
        return event
    r = mention.range
    return event.with_(date_start=r.start, date_end=r.end, date_precision=r.precision,
                       date_relative=weak,
                       confidence=round(min(0.95, event.confidence + (0.05 if r.precision == "day" else 0)), 2))


def _in_period(event: Event, published: date | None, lexicon: Lexicon, sentence: Sentence) -> bool:
    """Not background from years before, not a date still to come, not a vague plural."""
    if published and event.date_end and event.date_end < published - timedelta(days=BACKGROUND_DAYS):
        return False
    if published and event.date_start and event.date_start > published + timedelta(days=1):
        return False
    return True


def _generic(trigger: Trigger, event: Event, lexicon: Lexicon, text: str) -> bool:
    """"have carried out other attacks": no one event; but "the attacks on Abqaiq" is one."""
    if trigger.text.lower().split()[-1] not in lexicon.generic_plurals or event.date_precision in ("day", "week"):
        return False
    before = text[:trigger.start].split()
    return not before or before[-1].lower() not in lexicon.definite_determiners


def _one_event_per_place(events: list[Event]) -> list[Event]:
    """Triggers in one sentence that name one place and date are one event ("killed ... in the strike"),
    unless they tell different things ("shot down the missiles fired by the Houthis")."""
    from geomap.merge import types_compatible

    kept: list[Event] = []
    for event in events:
        twin = next((k for k in kept if k.kind == event.kind and k.place.id == event.place.id
                     and types_compatible(k, event)
                     and (k.date_start == event.date_start or None in (k.date_start, event.date_start))), None)
        if twin is None:
            kept.append(event)
            continue
        kept[kept.index(twin)] = _prefer(twin, event)
    return kept


_SPECIFICITY = {"other_attack": 0, "other": 1}


def _prefer(a: Event, b: Event) -> Event:
    """Keep the more specific type and whatever either side knows."""
    best, other = (a, b) if _SPECIFICITY.get(a.type, 2) >= _SPECIFICITY.get(b.type, 2) else (b, a)
    return best.with_(date_start=best.date_start or other.date_start, date_end=best.date_end or other.date_end,
                      date_precision=best.date_precision or other.date_precision,
                      fatalities=best.fatalities if best.fatalities is not None else other.fatalities,
                      injuries=best.injuries if best.injuries is not None else other.injuries,
                      origin=best.origin or other.origin,
                      assets=tuple(dict.fromkeys(best.assets + other.assets)))
