"""Reading incidents and asset movements from an article's sentences.

For each sentence with a trigger from the lexicon (geomap/data/lexicon.json):
1. drop triggers that are not reported facts (threats, plans, forecasts, questions, negations);
2. link places by their prepositions: where an incident happened ("in Qaim", "near Kirkuk",
   "on the embassy in Baghdad"); a movement's destination ("to the Middle East"), origin
   ("from Pope Army Airfield") and waterway ("through the Strait of Hormuz");
3. date it from the nearest temporal expression that belongs to it (not "said on Jan. 2");
4. keep what the sentence says of assets, actors, fatalities and injuries.
Events without a place are not drawn; the resolver never invents one.

The steps live in their own modules: ``triggers`` (1), ``places`` (2), ``timing`` (3),
``details`` (4); this module puts one sentence's events together.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from datetime import date, timedelta

from gazetteer import Gazetteer, Place, Resolution
from geomap.corpus import Article
from geomap.dates import DateRange, TemporalMention, find_dates, may_hold_dates
from geomap.events import Event, Source, make_id
from geomap.merge import types_compatible
from geomap.extract.details import (ASSET_REACH, ShipNames, actors_in, asset_ends, assets_near, casualties,
                                    confidence_of, vessels_near)
from geomap.extract.lexicon import Lexicon, load_lexicon
from geomap.extract.places import (LinkedPlace, contains, demonym_place, first_with_coordinated, linked_places,
                                   most_specific, most_specific_of_chain, opening_phrase, past_locator_aside,
                                   same_place, scene_place, start_of_last_words)
from geomap.extract.sentences import Sentence, split_sentences
from geomap.extract.timing import (RELATION, date_for, date_from_orphans, dated, dated_by_paragraph, dated_by_previous,
                                   dated_by_story, in_month_told, last_day_told, names_a_trigger, narrative_date,
                                   news_of_the_day, previous_week_as_last, quoted_weekday, refers_to_the_story,
                                   story_day, told_date, told_year, weakly_dated)
from geomap.extract.triggers import Trigger, clause_start, find_triggers, is_reported_fact, reported_triggers

__all__ = ["extract_events", "find_triggers", "is_reported_fact", "Trigger"]

# Places and dates before a trigger count only this close to it ("In Baghdad, rockets ...").
BEFORE_WINDOW = 80
# Background older than this is not an event of the article's period ("the 2012 killings" in 2020).
BACKGROUND_DAYS = 2000  # about five and a half years: the 2019 tanker war recalled in 2024 is still this conflict's
_LEAVING_VERB = re.compile(r"(?:left|leav|depart)", re.I)
# "downed a drone last year and have carried out other attacks ... in Iraq": the next trigger
# has its own predicate, so its place and date are not this one's.
_SEPARATE_PREDICATE = re.compile(r"\band (?:have|has|had|then|later|also|was|were)\b|;|, and\b", re.I)
_CLOCK_ONLY = re.compile(r"[\s,\-–—]*(?:(?:updated|posted)\s*)?(?:\d{1,2}(?::\d{2})?\s*(?:a\.m\.|p\.m\.|am|pm|GMT|UTC|ET|EST|EDT)?)?[\s.,]*",
                         re.I)
# "fired missiles at his convoy as it left Baghdad International Airport": where the attack was.
_AS_IT_LEFT = re.compile(r"\b(?:as|while|when)\s+(?:it|they|he|she|the\s+\w+)\s+(?:was\s+|were\s+)?"
                         r"(?:left|leaving|departed|departing)\s*$", re.I)
# "the most serious since December, when a rocket attack ... killed": "since" names the day of the
# event the clause tells, not the start of a period.
_WHEN_FOLLOWS = re.compile(r",?\s*when\b", re.I)
# "was hit by", "were targeted by": the verb alone says as much as "hit".
_AUXILIARIES = frozenset({"was", "were", "is", "are", "been", "being", "got", "get", "had", "has", "have", "by"})
# "have been striking radar sites in Yemen since Jan. 11": a campaign dated by the day it began.
_CAMPAIGN = re.compile(r"\b(?:have|has) been \w+ing\b", re.I)
# A movement's subject that is only a pronoun: "It passed through ...", "and then it sailed ...".
_PRONOUN_SUBJECT = re.compile(r"(?:^|[,;]\s*|\band\s+(?:then\s+)?)(?:it|they)\s+(?:then\s+|later\s+|also\s+)?$", re.I)
# A relative clause or apposition set off by commas, after which the trigger's own clause goes on
# with a place, a date or its verb ("The rocket attack, which caused no casualties, targeted the
# embassy"; "killed three soldiers at Tower 22, a logistics outpost in Jordan, on Jan. 28").
_RELATIVE_ASIDE = re.compile(r", (?:which|who|an?)\b[^,;]*, (?:also |again |both |all )?"
                             r"(?=(?:in|at|near|off|on|over|into|to|from|through|hit|struck)\b|[a-z]+ed\b)")
# "hit the Saviz, an Iranian cargo ship anchored in the Red Sea": an apposition saying where the ship was.
_SHIP_WHEREABOUTS = re.compile(r", an? (?:[\w'’-]+ ){0,4}?(?:ship|tanker|vessel|freighter|carrier|dhow|trawler|boat)"
                               r"\s+(?:that\s+(?:has|had)\s+been\s+|which\s+(?:was|is|has\s+been)\s+)?"
                               r"(?:anchored|moored|docked|berthed|sailing|transiting|operating|steaming|stationed)\b",
                               re.I)
# "while sailing in", "as it was operating in", "while about 60 nautical miles west of Jeddah": the
# clause after the trigger says where the target was.
_UNDER_WAY = re.compile(r"(?:while|as|when)\s+(?:it\s+was\s+|they\s+were\s+|the\s+\w+\s+was\s+)?"
                        r"(?:sailing|operating|transiting|travel+ing|patrolling|passing|steaming|anchored|moored|in\b"
                        r"|(?:about\s+|some\s+|roughly\s+|around\s+|approximately\s+|nearly\s+)?\d[\d.,]*\s*"
                        r"(?:nautical\s+miles|miles|kilometers|kilometres|km|nm)\b)",
                        re.I)
# An infinitive of purpose between a trigger and a place: what was planned or tried there, not where
# the event was.
_PURPOSE = re.compile(r"\b(?:plan|plans|plot|attempt|bid|effort|intended|aimed|designed|meant|trying|tried)\b"
                      r"[^.;]{0,40}?\bto\s+(?:launch|attack|strike|hit|target|fire|carry\s+out|bomb)\b", re.I)
# "on suspicion of carrying oil to Syria", "bound for Ashdod": the target's voyage, not where it was hit.
_VOYAGE = re.compile(r"\b(?:(?:carrying|shipping|smuggling|transporting|delivering|taking)\b[^.;]{0,40}?\b(?:to|for)"
                     r"|bound\s+for|headed\s+for|heading\s+for|en\s+route\s+to)\s+(?:the\s+)?$", re.I)
# "left Norfolk on a deployment expected to take it to the Mediterranean": a destination still planned.
_PLANNED_DESTINATION = re.compile(r"\b(?:planned|expected|scheduled|intended|meant|due|set|slated)\s+to\s+"
                                  r"(?:take|send|bring|carry|go|head|sail|move|deploy|reach|arrive)\b", re.I)
# "left Yokosuka, Japan, in May and is now in the Arabian Sea": where the move ended.
_NOW_THERE = re.compile(r"\band\s+(?:is|are)\s+now\s+(?:\w+\s+)?(?:in|at|off)\s+(?:the\s+)?$", re.I)
# "was struck by a drone while sailing north off Mokha": the movement verb sets the target's scene.
_TARGET_UNDER_WAY = re.compile(r"\b(?:while|as|when)\s+(?:it\s+was\s+|they\s+were\s+|the\s+\w+\s+was\s+)?$", re.I)
_NEXT_LIST_ITEM = re.compile(r"\s*,\s*(?:and\s+)?(?:the|a|an)\s+", re.I)
_ARRIVAL = re.compile(r"arriv|land|touch", re.I)
# ", and the Navy said ...": a new clause with its own subject, whose weapons are not the trigger's.
_NEXT_CLAUSE = re.compile(r",\s+and\s+\w")
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being)\s+$", re.I)
_QUESTION = re.compile(r"\?\s*[\"”’']?\s*$")


def extract_events(article: Article, resolutions: list[Resolution], gazetteer: Gazetteer) -> list[Event]:
    """Every event the article reports as having happened, one per sentence mention."""
    lexicon = load_lexicon()
    source = Source(article.file, article.title, article.source,
                    article.published.isoformat() if article.published else None, article.url)
    events: list[Event] = []
    orphans: list[tuple[str, TemporalMention]] = []  # dated triggers that name no place
    ships = ShipNames(article.text)
    starts = _sorted_mention_starts(resolutions)
    anchor = article.published  # what "Monday" counts from; a live blog's entry header moves it
    headlines: set[str] = set()
    paragraph: list[tuple[Sentence, date | None]] = []  # the sentences told so far in this paragraph
    header = False  # the last line was a live blog's entry header: its entry is one paragraph with it
    story: date | None = None  # the first day the article tells an event on: its news
    last_weapon: str | None = None  # the type of the last incident told by its weapon ("they hit" is one)
    told: list[tuple[Sentence, date | None]] = []  # every sentence so far, with the day it counts from
    for sentence in split_sentences(article.text):
        entry = _entry_date(sentence, article.published)
        anchor = entry or anchor
        if paragraph and not header and article.text.find("\n", paragraph[-1][0].end, sentence.start) != -1:
            paragraph = []
        header = entry is not None
        if _QUESTION.search(sentence.text):
            continue
        if sentence.headline:
            headlines.add(sentence.text)
        triggers = reported_triggers(sentence.text, lexicon)  # asked once: most sentences have none
        if triggers:
            in_sentence = _resolutions_within(sentence, resolutions, starts)
            placeless = len(orphans)
            found = _sentence_events(sentence, in_sentence, article, source, lexicon, gazetteer, ships, orphans,
                                     anchor, resolutions, _last_movers(events), narrative_date(paragraph),
                                     last_weapon)
            found = dated_by_previous(sentence.text, found, events, told)
            found = dated_by_story(sentence.text, triggers, found, story, last_day_told(events))
            story = story or story_day(found, orphans[placeless:])
            found = dated_by_paragraph(in_month_told(found, sentence, paragraph), sentence, anchor, paragraph)
            events.extend(news_of_the_day(found, sentence, anchor))
        last_weapon = _last_weapon(triggers, last_weapon)
        told.append((sentence, anchor))
        paragraph.append((sentence, anchor))
    news = {h for h in headlines if not _follows_an_earlier_event(h)}
    return _date_headlines(date_from_orphans(events, orphans, news), news, article.published)


def _date_headlines(events: list[Event], headlines: set[str], published: date | None) -> list[Event]:
    """"Guided-missile submarine arrives in Mideast": a headline that the body never dates tells
    the news of the day, so it happened on the publication day or the one before (a weak date)."""
    if published is None or not headlines:
        return events
    news = DateRange(published - timedelta(days=1), published, "day")
    return [weakly_dated([e], news)[0] if e.evidence in headlines else e for e in events]


# "Sabotage at enrichment site comes days after blast crippled an Iranian ship": the blast is older news.
_CAME_AFTER_ANY = re.compile(r"\b(?:comes?|came)\s+(?:(?:\w+\s+)?(?:hours?|days?|weeks?|months?)\s+)?after\b", re.I)


def _follows_an_earlier_event(headline: str) -> bool:
    """A headline whose every event is what its news "comes days after": none of them is the news
    of the day, so none takes the publication date (a dated twin in the body lends its own)."""
    after = _CAME_AFTER_ANY.search(headline)
    return after is not None and not any(t.start < after.start() for t in reported_triggers(headline, load_lexicon()))


def _entry_date(sentence: Sentence, published: date | None) -> date | None:
    """A line that is only a date ("Aug. 6, 7:15 a.m."): a live blog's entry header, which dates
    the entry's "Monday" and "last night" instead of the publication."""
    if len(sentence.text) > 40 or not may_hold_dates(sentence.text):
        return None
    found = [d for d in find_dates(sentence.text, published) if d.range and d.range.precision == "day"]
    if len(found) != 1:
        return None
    rest = sentence.text[:found[0].start] + sentence.text[found[0].end:]
    if not _CLOCK_ONLY.fullmatch(rest):
        return None
    day = found[0].range.start
    return day if published is None or day <= published else None


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


def _sentence_events(sentence: Sentence, resolutions: list[Resolution], article: Article, source: Source,
                     lexicon: Lexicon, gazetteer: Gazetteer, ships: ShipNames | None = None,
                     orphans: list | None = None, anchor: date | None = None,
                     article_resolutions: list[Resolution] = (), last_movers: tuple[str, ...] = (),
                     narrative: date | None = None, last_weapon: str | None = None) -> list[Event]:
    triggers = tuple(t for t in reported_triggers(sentence.text, lexicon) if not refers_to_the_story(sentence.text, t))
    if not triggers:
        return []
    dates = find_dates(sentence.text, anchor or article.published)
    narrative = told_date(dates) or told_year(dates) or narrative
    if narrative is not None and anchor is not None:
        dates = find_dates(sentence.text, anchor, narrative)  # "In May 2019, ... on June 13": 2019
    dates = [d for d in previous_week_as_last(dates, anchor or article.published)
             if d.range and (not d.open_ended or _WHEN_FOLLOWS.match(sentence.text, d.end)
                             or (d.range.precision == "day" and _CAMPAIGN.search(sentence.text, 0, d.start)))]
    events = []
    for i, trigger in enumerate(triggers):
        window = _trigger_window(sentence.text, triggers, i, lexicon)
        own_dates = [d for d in dates if not names_a_trigger(d, triggers[i + 1:])]
        date_mention, weak_date = _trigger_date(sentence, trigger, own_dates, window, lexicon)
        if date_mention is None:
            date_mention, weak_date = _opening_date_of_clause(sentence.text, trigger, own_dates), True
        if trigger.kind == "incident":
            built = _incident_events(sentence, trigger, window, resolutions, lexicon, gazetteer, source, article,
                                     article_resolutions)
            if last_weapon and (_PRONOUN_HIT.match(trigger.text) or _ANOTHER.match(sentence.text, 0, trigger.start)
                                or (i and _CONJOINED_VERB.match(trigger.text)
                                    and _AND_BEFORE.search(sentence.text, 0, trigger.start))):
                # "They hit a compound near Abu Kamal", "Another struck al-Asad", "launched drones and
                # missiles at the UAE ..., and struck a fuel depot in Jeddah": the weapon last told
                built = [e.with_(type=last_weapon) if e.type in ("other_attack", "airstrike") else e for e in built]
            last_weapon = _last_weapon((trigger,), last_weapon)
        else:
            built = _movement_events(sentence, trigger, window, resolutions, lexicon, gazetteer, source, article, ships,
                                     article_resolutions, last_movers)
        if not built and orphans is not None and date_mention is not None and not weak_date \
                and trigger.type not in ("other_attack", "other"):
            orphans.append((trigger.type, date_mention))
        other_day = _day_joined_by_and(sentence.text, date_mention, own_dates) if not weak_date else None
        for event in built:
            event = dated(event, date_mention, weak_date or quoted_weekday(sentence.text, date_mention))
            if _generic(trigger, event, lexicon, sentence.text):
                continue  # "have carried out other attacks in recent months": no one event
            events.append(event)
            if other_day is not None:  # "two attacks on Tuesday 18 October and Wednesday 19 October"
                events.append(dated(event, other_day).with_(uid=make_id(event.uid, other_day.range.start)))
    return [e for e in _one_event_per_place(events) if _in_period(e, article.published)]


_AND_BETWEEN_DAYS = re.compile(r"\s+and\s+(?:on\s+)?")


def _day_joined_by_and(text: str, mention: TemporalMention | None,
                       dates: list[TemporalMention]) -> TemporalMention | None:
    """The other day of "on Tuesday and Wednesday" when the trigger's date is one of the two: each
    day told its own attack."""
    if mention is None or mention.range.precision != "day":
        return None
    for other in dates:
        if other is not mention and other.range is not None and other.range.precision == "day" \
                and other.range != mention.range and (_AND_BETWEEN_DAYS.fullmatch(text, mention.end, other.start)
                                                      or _AND_BETWEEN_DAYS.fullmatch(text, other.end, mention.start)):
            return other
    return None


# "In January, after a U.S. drone strike killed ...": a date opening the sentence, then a clause
# that tells what came just before the main event.
_BEFORE_OPENING_DATE = re.compile(r"\W*(?:in|on|during|early|late|by)?\s*$", re.I)
_OPENED_CLAUSE = re.compile(r"\s*,\s*(?:after|when|as|following|shortly\s+after)\b[^,;]*", re.I)


def _opening_date_of_clause(text: str, trigger: Trigger, dates: list[TemporalMention]) -> TemporalMention | None:
    """The sentence's opening date for a trigger in the clause right after it ("In January, after a
    drone strike killed Soleimani, the Pentagon sent ..."): told as the time of both (a weak date)."""
    first = dates[0] if dates else None
    if first is None or not _BEFORE_OPENING_DATE.fullmatch(text, 0, first.start):
        return None
    clause = _OPENED_CLAUSE.match(text, first.end)
    return first if clause is not None and clause.start() < trigger.start < clause.end() else None


def _trigger_window(text: str, triggers: list[Trigger], i: int, lexicon: Lexicon) -> tuple[int, int]:
    """The stretch of the sentence that belongs to trigger ``i``: from its clause's start (or the
    previous trigger, or BEFORE_WINDOW characters back) to the next trigger or clause break."""
    trigger = triggers[i]
    floor = max(triggers[i - 1].end if i else 0, trigger.start - BEFORE_WINDOW,
                clause_start(text, lexicon, trigger.start))
    ceiling = triggers[i + 1].start if i + 1 < len(triggers) else len(text)
    breaker = lexicon.window_breaker.search(text, trigger.end, ceiling)
    comma = text.rfind(",", max(0, breaker.start() - 2), breaker.start() + 1) if breaker else -1
    aside = comma >= 0 and (_RELATIVE_ASIDE.match(text, comma) or _SHIP_WHEREABOUTS.match(text, comma))
    if aside:  # "seized the tanker Central Park, which is managed by ..., in the Gulf of Aden"
        breaker = lexicon.window_breaker.search(text, aside.end(), ceiling)
    return floor, breaker.start() if breaker else ceiling


def _trigger_date(sentence: Sentence, trigger: Trigger, dates: list[TemporalMention], window: tuple[int, int],
                  lexicon: Lexicon) -> tuple[TemporalMention | None, bool]:
    """The trigger's date from its window; failing that, its clause's, past later triggers that
    share its predicate ("shot down ... missiles fired ... on Tuesday")."""
    if not dates:
        return None, False  # nothing to date it by (whether "weak" matters only for a date)
    date_mention, weak = date_for(sentence, trigger, dates, window)
    text = sentence.text
    if (date_mention is None or weak) and window[1] < len(text) \
            and not _SEPARATE_PREDICATE.search(text, trigger.end, window[1] + 1):
        clause_end = lexicon.window_breaker.search(text, window[1])
        shared, shared_weak = date_for(sentence, trigger, dates, (window[0], clause_end.start() if clause_end else len(text)))
        if shared is not None and not shared_weak and not RELATION.search(text, trigger.end, shared.start):
            return shared, False
    return date_mention, weak


# -- incidents ----------------------------------------------------------------------------------

def _incident_events(sentence: Sentence, trigger: Trigger, window: tuple[int, int], resolutions,
                     lexicon: Lexicon, gazetteer: Gazetteer, source: Source, article: Article,
                     article_resolutions: list[Resolution] = ()) -> list[Event]:
    """Where it happened: named after it in its clause, just before it ("killed in Iraq by an American
    drone strike"), or in an opening "In Syria, ..."; else the
    caption's scene; else its target's nationality ("an Iraqi base"). A place-less re-mention
    ("the tanker was seized") makes no event of its own."""
    places = [p for p in linked_places(sentence, trigger, window, resolutions, lexicon.adjective_followers)
              if _where_incident(sentence.text, trigger, p)]
    if any(p.role == "at" for p in places):
        # "a destroyer in the northern Red Sea shot down missiles ... headed toward Israel": where
        # it happened, not where the weapons were going
        places = [p for p in places if p.word not in ("toward", "towards")]
    places = most_specific(first_with_coordinated(sentence.text, places))
    if not places and sentence.caption:
        places = scene_place(sentence, resolutions, lexicon)
    if not places:
        fallback = (same_place(sentence, window, article_resolutions, lexicon)
                    or demonym_place(sentence, trigger, window, gazetteer))
        places = [fallback] if fallback else []
    if not places and _UNDER_WAY.match(sentence.text, window[1]):
        # "hit by a missile while sailing in the southern Red Sea": where the ship was when hit
        clause_end = lexicon.window_breaker.search(sentence.text, window[1] + 6)
        wider = (window[1], clause_end.start() if clause_end else len(sentence.text))
        places = most_specific(first_with_coordinated(sentence.text, [
            p for p in linked_places(sentence, trigger, wider, resolutions, lexicon.adjective_followers)
            if p.role in ("at", "via")]))[:1]
    if not places and window[1] < len(sentence.text) \
            and not _SEPARATE_PREDICATE.search(sentence.text, trigger.end, window[1] + 1) \
            and not RELATION.search(sentence.text, trigger.end, window[1]):
        # "shot down 18 drones and three missiles fired by the Houthis over the Red Sea": the
        # next trigger shares this one's place when this one names none, unless it is another
        # event ("the shootdown comes a week after tankers were damaged ... in the Gulf of Oman").
        clause_end = lexicon.window_breaker.search(sentence.text, window[1])
        wider = (window[0], clause_end.start() if clause_end else len(sentence.text))
        places = most_specific(first_with_coordinated(sentence.text, [
            p for p in linked_places(sentence, trigger, wider, resolutions, lexicon.adjective_followers)
            if p.role in ("at", "to", "via") and p.start >= trigger.start]))[:1]
    if len(places) == 1 and places[0].place.kind == "country":
        places = _where_casualties_were(sentence, window, resolutions, places[0]) or places
    type_ = _weapon_type(sentence.text, trigger, window, lexicon)
    return [_event(sentence, trigger, window, place.place, place.precision, None, lexicon, source, article, type_)
            for place in _one_of_several_countries(places)[:3]]


# ", killing three civilians in": the clause that says where the attack's casualties were.
_CASUALTIES_IN = re.compile(r",\s+(?:killing|wounding|injuring)\b[^,;]{0,60}?\b(?:in|at)\s+(?:the\s+)?$", re.I)


def _where_casualties_were(sentence: Sentence, window: tuple[int, int], resolutions,
                           country: LinkedPlace) -> list[LinkedPlace]:
    """"launched drones and missiles at the United Arab Emirates ..., killing three civilians in Abu
    Dhabi": a town of the target country where its casualties were is where the attack struck."""
    text = sentence.text
    for r in resolutions:
        start = r.mention.start - sentence.start
        if start >= window[1] and r.place.country == country.place.country and r.place.kind != "country" \
                and _CASUALTIES_IN.search(text, window[1], start):
            return [LinkedPlace(r.place, "at", r.precision, start, r.mention.end - sentence.start, word="in")]
    return []


def _one_of_several_countries(places: list[LinkedPlace]) -> list[LinkedPlace]:
    """"strikes on 85 targets in Iraq and Syria": one campaign told across two countries, not two
    events; it is drawn in the first (country precision says how little that point means)."""
    if len(places) > 1 and all(p.place.kind == "country" for p in places):
        return places[:1]
    return places


def _where_incident(text: str, trigger: Trigger, place: LinkedPlace) -> bool:
    """A place an incident happened at: after it in its clause, just before it ("killed in Iraq by an
    American drone strike"), or in an opening "In Syria, ..."; not a purpose ("retaliation for
    Iran's attack") nor an owner ("Iran's Oct. 1 missile attack on Israel")."""
    if place.role == "from" and place.start > trigger.end and _AS_IT_LEFT.search(text, trigger.end, place.start):
        return True
    if place.role not in ("at", "to", "via") or place.word == "for":
        return False
    if place.start >= trigger.end and _PURPOSE.search(text, trigger.end, place.start):
        return False  # "the strike foiled a plan to launch drones at targets in northern Israel": the plan's
    if place.start >= trigger.end and _VOYAGE.search(text, trigger.end, place.start):
        return False  # "seized the supertanker Grace 1 on suspicion of carrying oil to Syria": where it was going
    if place.start >= trigger.start:
        return True
    if text[place.end:place.end + 2] in ("'s", "’s"):
        return False
    if _NEXT_LIST_ITEM.fullmatch(text, place.end, trigger.start):
        return False  # "strikes on tankers off the UAE, the shooting down of a drone": the list's next item
    words_between = text[past_locator_aside(text, place.end, trigger.start):trigger.start].split()
    return opening_phrase(text, place) or len(words_between) <= 4


def _weapon_type(text: str, trigger: Trigger, window: tuple[int, int], lexicon: Lexicon) -> str:
    """A bare "attack" or "struck" takes its weapon's type ("struck by an anti-ship ballistic missile")."""
    core = [w for w in trigger.text.lower().split() if w not in _AUXILIARIES]
    if len(core) != 1 or core[0] not in lexicon.generic_triggers:
        return trigger.type
    end = window[1]
    joined = _NEXT_CLAUSE.search(text, trigger.end, end)
    # "limpet mine strikes": the words right before the trigger name its weapon, even another trigger's
    lead = _WORDS_BEFORE.search(text, max(trigger.start - 30, start_of_last_words(text[:trigger.start], 3)),
                                trigger.start)
    start = min(window[0], lead.start()) if lead else window[0]
    clause = text[start:joined.start() if joined else end]  # not "..., and the Navy said its drones ..."
    for rule, type_ in lexicon.weapon_types:
        if any(_names_the_weapon(text, trigger, start + m.start()) for m in rule.finditer(clause)):
            return type_
    if trigger.type == "airstrike" and _PASSIVE_BEFORE.search(text, max(0, trigger.start - 12), trigger.start):
        return "other_attack"  # "the vessel was struck ...": by what, the sentence does not say
    return trigger.type


# "struck by a missile", "attacked the base with drones", "a drone struck": the weapon; but what an
# active verb struck ("struck and destroyed a surface-to-air missile") was its target.
_WORDS_BEFORE = re.compile(r"(?:[\w-]+\s+){1,3}$")
_WEAPON_INTRO = re.compile(r"\b(?:by|with|using|involving|firing|fired|launching|launched)\b", re.I)


def _names_the_weapon(text: str, trigger: Trigger, at: int) -> bool:
    return at < trigger.start or bool(_WEAPON_INTRO.search(text, trigger.start, at)) \
        or bool(_PASSIVE_BEFORE.search(text, max(0, trigger.start - 12), trigger.start))


# -- movements ----------------------------------------------------------------------------------

def _movement_events(sentence: Sentence, trigger: Trigger, window: tuple[int, int], resolutions,
                     lexicon: Lexicon, gazetteer: Gazetteer, source: Source, article: Article,
                     ships: ShipNames | None = None, article_resolutions: list[Resolution] = (),
                     last_movers: tuple[str, ...] = ()) -> list[Event]:
    assets = assets_near(sentence.text, window, lexicon, movers=True)
    if not assets and ships is not None and ships.pattern is not None:
        assets = tuple(dict.fromkeys(m.group(1) for m in ships.pattern.finditer(sentence.text, max(0, window[0] - 120),
                                                                                window[1])))
    if not assets and _PRONOUN_SUBJECT.search(sentence.text, window[0], trigger.start):
        assets = last_movers  # "It passed through the Suez Canal on May 9": the forces last told moving
    if not assets:
        return []  # "withdrew the US from the deal" moves no forces
    if _weapons_in_flight(sentence.text, trigger, window, lexicon):
        return []  # "drones that were launched from Yemen and flying toward it"
    if _TARGET_UNDER_WAY.search(sentence.text, max(0, trigger.start - 30), trigger.start):
        return []  # "struck by a drone while sailing north off Mokha": where the target was, not a move
    if _describes_an_incident_s_target(sentence.text, trigger, lexicon):
        return []  # "dropped flares in front of MQ-9 Reaper drones flying over Syria"
    linked = [p for p in linked_places(sentence, trigger, window, resolutions, lexicon.adjective_followers)
              if not (p.start > trigger.end and _PLANNED_DESTINATION.search(sentence.text, trigger.end, p.start))]
    towards = most_specific_of_chain(sentence.text, [p for p in linked if p.role == "to" and p.start > trigger.start]) \
        or next((p for p in linked if p.start > trigger.end
                 and _NOW_THERE.search(sentence.text, max(0, p.start - 40), p.start)), None)
    type_ = "withdrawal" if any(p.leaving for p in linked) else trigger.type
    left = next((p for p in linked if p.leaving), None)
    # "departed Norfolk for Europe" is a deployment; "left the Red Sea ... into the Mediterranean"
    # is a withdrawal from a theatre.
    leaving_for = (towards is not None and _LEAVING_VERB.match(trigger.text)
                   and not (left is not None and left.place.kind in ("waterbody", "region")))
    if type_ == "withdrawal" and not leaving_for:
        return _withdrawal(sentence, trigger, window, linked, towards, assets, lexicon, source, article)
    if type_ == "withdrawal":
        type_ = "deployment"  # "departed Norfolk for a deployment to Europe": leaving for somewhere
    origin = next((p for p in linked if p.role == "from"), None) or _home_base(sentence.text, linked)
    destination = towards or most_specific_of_chain(sentence.text, [p for p in linked if p.role == "to"]) or \
        most_specific_of_chain(sentence.text, [p for p in linked if p.role == "at" and not (
            origin is not None and (contains(p.place, origin.place) or p.place.id == origin.place.id))])
    via = next((p for p in linked if p.role == "via"), None)
    if via is not None and (type_ in ("deployment", "transit") or destination is None):
        type_ = "transit"  # "sailed through the Suez Canal into the Red Sea": the waterway passed
        destination, origin = via, None
    if destination is None:
        # "sent to the desert base"; "arrived in the region" (an arrival is where it ends)
        named = same_place(sentence, window, article_resolutions, lexicon)
        if named is not None and (named.role in ("to", "via") or _ARRIVAL.match(trigger.text)):
            destination = named
            type_ = "transit" if named.role == "via" and type_ in ("deployment", "transit") else type_
        elif origin is None:
            return []  # "personnel stationed at the base": where they are, not a move
    place = destination or origin
    if destination is not None and type_ == "flight" and _only_weapons(assets, lexicon) \
            and destination.word in ("toward", "towards", "at", "into"):
        # "a drone flew toward the Rumalyn Landing Zone, where one service member was hurt": an attack
        weapon = _weapon_type(sentence.text, Trigger("incident", "other_attack", trigger.start, trigger.end, "attack"),
                              (max(0, window[0] - ASSET_REACH), window[1]), lexicon)
        event = _event(sentence, trigger, window, place.place, place.precision, None, lexicon, source, article,
                       weapon, assets)
        return [event.with_(kind="incident")]
    return [_event(sentence, trigger, window, place.place, place.precision,
                   origin.place if (origin and destination) else None, lexicon, source, article, type_, assets,
                   from_only=destination is None)]


# "B-52s from the 5th Bomb Wing at Minot Air Force Base flew ...": the unit's base is where they left.
_FROM_UNIT_AT = re.compile(r"\bfrom\s+(?:the\s+)?(?:[\w.-]+\s+){1,6}?(?:at|in)\s+$", re.I)


def _home_base(text: str, linked: list[LinkedPlace]) -> LinkedPlace | None:
    found = next((p for p in linked if p.word in ("at", "in") and p.place.kind in ("base", "airfield", "airport", "city")
                  and _FROM_UNIT_AT.search(text, max(0, p.start - 60), p.start)), None)
    return LinkedPlace(found.place, "from", found.precision, found.start, found.end, False, "from") if found else None


def _describes_an_incident_s_target(text: str, trigger: Trigger, lexicon: Lexicon) -> bool:
    """A participle right after its asset ("drones flying over Syria") in a sentence that tells an
    incident describes what the incident befell, not a move of its own."""
    if not trigger.text.split()[0].lower().endswith("ing"):
        return False
    ends = asset_ends(text, lexicon)
    return (trigger.start - 1 in ends or trigger.start in ends) \
        and any(t.kind == "incident" for t in reported_triggers(text, lexicon))


def _only_weapons(assets: tuple[str, ...], lexicon: Lexicon) -> bool:
    return bool(assets) and all(lexicon.weapon_asset.fullmatch(a) for a in assets)


_PRONOUN_HIT = re.compile(r"(?:they|it)\b", re.I)
# A second predicate of the same subject: ", and struck ...", " and then hit ...".
_AND_BEFORE = re.compile(r",?\s+and\s+(?:then\s+|also\s+|later\s+)?$", re.I)
_CONJOINED_VERB = re.compile(r"(?:struck|hit|attacked|targeted)$", re.I)
_ANOTHER = re.compile(r"\W*(?:another|a second|a third|a fourth|one more)\s+$", re.I)


def _last_weapon(triggers, last: str | None) -> str | None:
    """The type of the last incident trigger that says how it was done ("strikes", "rockets")."""
    for trigger in triggers:
        if trigger.kind == "incident" and trigger.type not in ("other_attack", "other") \
                and not _PRONOUN_HIT.match(trigger.text):
            last = trigger.type
    return last


def _last_movers(events: list[Event]) -> tuple[str, ...]:
    return next((e.assets for e in reversed(events) if e.kind == "movement" and e.assets), ())


def _weapons_in_flight(text: str, trigger: Trigger, window: tuple[int, int], lexicon: Lexicon) -> bool:
    """Whether what moves in the trigger's clause is only weapons said to be launched or fired."""
    movers = assets_near(text, (window[0] + ASSET_REACH, trigger.start), lexicon)
    return (bool(movers) and all(lexicon.weapon_asset.fullmatch(a) for a in movers)
            and bool(lexicon.launch_word.search(text, window[0], window[1])))


def _withdrawal(sentence: Sentence, trigger: Trigger, window: tuple[int, int], linked: list[LinkedPlace],
                home: LinkedPlace | None, assets: tuple[str, ...], lexicon: Lexicon, source: Source,
                article: Article) -> list[Event]:
    """A withdrawal goes home when the text says where ("returned to Naval Station Norfolk from the
    eastern Mediterranean"); otherwise it is drawn where the forces left: "out of the Gulf", or
    the place of the deployment it ends ("its deployment to the Persian Gulf, sending it out of
    the region"), never where they go next ("... a signal to Iran")."""
    left = next((p for p in linked if p.leaving or p.role == "from"), None)
    if home is not None and trigger.text.lower().startswith("return"):
        return [_event(sentence, trigger, window, home.place, home.precision, left.place if left else None,
                       lexicon, source, article, "withdrawal", assets)]
    left = left or next((p for p in linked if p.start < trigger.start), None)
    left = left or next((p for p in linked if p.role == "at"), None)
    if left is None:
        return []
    return [_event(sentence, trigger, window, left.place, left.precision, None, lexicon, source, article,
                   "withdrawal", assets)]


# -- common parts -------------------------------------------------------------------------------

def _event(sentence: Sentence, trigger: Trigger, window: tuple[int, int], place: Place, precision: str,
           origin: Place | None, lexicon: Lexicon, source: Source, article: Article, type_: str | None = None,
           assets: tuple[str, ...] | None = None, from_only: bool = False) -> Event:
    """The event of ``trigger`` at ``place``, of the trigger's type and with the assets near it
    unless the caller has told them (a weapon's type, the forces that moved)."""
    killed, injured = casualties(sentence.text[trigger.start:], lexicon)  # ", killing three soldiers"
    return Event(kind=trigger.kind, type=trigger.type if type_ is None else type_, place=place, geo_precision=precision,
                 evidence=sentence.text, article=article.file, origin=origin, actors=actors_in(sentence.text, lexicon),
                 assets=assets_near(sentence.text, window, lexicon) if assets is None else assets,
                 vessels=vessels_near(sentence.text, window, lexicon) if trigger.kind == "incident" else (),
                 fatalities=killed, injuries=injured, confidence=confidence_of(trigger, precision),
                 sources=(source,), sentence_start=sentence.start, from_only=from_only,
                 uid=make_id(article.file, sentence.start, trigger.start, trigger.kind, place.id))


def _in_period(event: Event, published: date | None) -> bool:
    """Not background from years before ("the 2012 killings"), not a date still to come."""
    if published and event.date_end and event.date_end < published - timedelta(days=BACKGROUND_DAYS):
        return False
    if published and event.date_start and event.date_start > published + timedelta(days=1):
        return False
    return True


# "have been attacked at least 46 times since Oct. 17", "dozens of times": many events at once.
_TIMES_OVER = re.compile(r"\b(?:\d+|dozens of|scores of|hundreds of|several|many|multiple|numerous)\s+times\b", re.I)


def _generic(trigger: Trigger, event: Event, lexicon: Lexicon, text: str) -> bool:
    """"more than 160 rocket and drone attacks", "other attacks", "attacked ... 46 times": a tally,
    no one event; but "coalition airstrikes hit Sanaa" and "the attacks on Abqaiq" are one."""
    plural = trigger.text.lower().split()[-1] in lexicon.generic_plurals
    before = [w.strip(",").lower() for w in text[max(0, trigger.start - 40):trigger.start].split()[-4:]]
    if plural and before[-2:-1] and before[-1] == "of" and before[-2] in lexicon.generic_spans:
        return True  # "a shipping lane unnerved by months of attacks", told on the day of another event
    if _TIMES_OVER.search(text, trigger.end, trigger.end + 80):
        return True  # "attacked at least 76 times since Oct. 17": a tally, whatever its date
    if event.date_precision in ("day", "week"):
        return False
    if not plural:
        return False
    return any(w in lexicon.generic_quantifiers or w.isdigit() for w in before) or not before


def _one_event_per_place(events: list[Event]) -> list[Event]:
    """Triggers in one sentence that name one place and date are one event ("killed ... in the strike";
    "swarmed the tanker and forced it into Iranian waters" is the seizure), unless they tell
    different things ("shot down the missiles fired by the Houthis")."""
    kept: list[Event] = []
    for event in events:
        twin = next((k for k in kept if k.kind == event.kind and k.place.id == event.place.id
                     and (types_compatible(k, event) or "other" in (k.type, event.type))
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
