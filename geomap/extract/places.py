"""Linking a trigger to the places its sentence names, by the word that introduces each place.

"rockets hit the base near Kirkuk" -> at Kirkuk ("near" precision); "flew bombers to the Middle
East" -> to; "deployed from Pope Army Airfield" -> from; "through the Strait of Hormuz" -> via;
"out of the region" -> from, leaving. A place with no such word before it ("Iran launched ...")
is an actor, not a location, and is not linked.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from gazetteer import Gazetteer, Place, Resolution
from geomap.events import GEO_PRECISION_RANK
from geomap.extract.lexicon import Caseless, Lexicon
from geomap.extract.sentences import Sentence
from geomap.extract.triggers import Trigger

ROLE_OF_WORD = {
    "in": "at", "at": "at", "near": "at", "on": "at", "outside": "at", "inside": "at", "over": "to",
    "across": "at", "off": "at", "targeting": "at", "against": "at", "around": "at", "within": "at", "beneath": "at",
    "of": "at", "hit": "at", "struck": "at", "targeted": "at", "striking": "at", "hitting": "at", "bombed": "at",
    "shelled": "at", "raided": "at", "patrolling": "at", "next to": "at",
    "to": "to", "into": "to", "toward": "to", "towards": "to", "for": "to", "reached": "to",
    "from": "from", "out of": "from", "away from": "from", "leave": "from", "leaving": "from",
    "left": "from", "departed": "from", "departing": "from", "exited": "from",
    "handed over": "from", "hand over": "from", "handing over": "from", "hands over": "from",
    "through": "via", "via": "via", "crossed": "via", "transited": "via", "crossing": "via",
    "transiting": "via", "transits": "via", "crosses": "via", "entered": "to",
    "known as": "at", "called": "at", "dubbed": "at", "named": "at",
}
LEAVING = frozenset({"out of", "away from", "leave", "leaving", "left", "departed", "departing", "exited",
                     "handed over", "hand over", "handing over", "hands over"})
# Words that may stand between the linking word and the name: "near the northern city of Kirkuk".
FILLERS = frozenset("""the a an its their his her our this that several multiple five two three northern southern
eastern western central northeastern northwestern southeastern southwestern north south east west nearby
neighboring neighbouring occupied contested strategic key city town village province region capital port
cities towns villages ports bases regions areas
base airbase compound area of coast coasts shore shores waters skies airspace outskirts vicinity edge
border borders heart centre center middle parts part resort coastal desert frontier mountain mountainous remote
small industrial perimeter grounds premises gates walls""".split())
_LINK_WORD = Caseless(r"\b(" + "|".join(sorted(ROLE_OF_WORD, key=len, reverse=True)) + r")\s*$")
_LONGEST_LINK_WORD = max(len(w) for w in ROLE_OF_WORD)


def _search_at_end(pattern: Caseless, text: str, end: int, reach: int) -> re.Match | None:
    """``pattern.search(text[:end])`` for a pattern of one word and then blanks to the end
    (``…\\s*$``), looking first at only the last ``reach`` characters before the trailing blanks.

    Every match's word ends at the last non-blank character, and no link word is longer than
    ``reach``, so a match found after the look's first character, or no match at all, is the
    answer for the whole text; a match right at it may be the tail of a longer phrase, and only
    then is the whole text searched. (``end`` as the search's bound reads the sentence as if it
    stopped there, without a copy to lower-case for each place.)
    """
    first = max(0, _end_of_words(text, end) - reach)
    m = pattern.search(text, first, end)
    if first == 0 or m is None or m.start() > first:
        return m
    return pattern.search(text, 0, end)


# "the Yemeni capital Sanaa", "the Druze town of Majdal Shams", "the Shiite holy city of Karbala"
_NATIONALITY = re.compile(r"[A-Z][a-z]+(?:i|ian|ean|ese|ish|ite)|Druze|Shia|Arab|Bedouin")
_OWNER = re.compile(r"[A-Z][\w-]*['’]s")  # "in eastern Syria's Deir el-Zour province"
# "in a Houthi-held area of": who holds it, a filler
_HELD_BY = re.compile(r"[\w]+-(?:controlled|held|run|occupied|backed|led|allied|aligned)", re.I)


def _strip_fillers(text: str, end: int) -> int:
    """Where ``text[:end]`` ends without the filler words at its end ("near the northern city of ",
    "the Yemeni capital "): an offset, not a copy, since it runs for every place of every trigger."""
    while True:
        word, start = _last_word(text, end)
        if not word or (word != "," and word.lower() not in FILLERS and not _NATIONALITY.fullmatch(word)
                        and not _OWNER.fullmatch(word) and not _HELD_BY.fullmatch(word)):
            return end
        end = start


def _end_of_words(text: str, end: int) -> int:
    """``len(text[:end].rstrip())``, without copying the text."""
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def _last_word(text: str, end: int) -> tuple[str, int]:
    """The last word (letters, digits, apostrophes, hyphens) or comma of ``text[:end]`` before the
    trailing blanks, and where it starts; ("", 0) when the text ends otherwise. A scan, not a
    regex: it runs for every place of every trigger."""
    end = _end_of_words(text, end)
    if end == 0:
        return "", 0
    if text[end - 1] == ",":
        return ",", end - 1
    start = end
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in _WORD_EXTRA):
        start -= 1
    return text[start:end], start


_WORD_EXTRA = frozenset("_'’-")


@dataclass(frozen=True, slots=True)
class LinkedPlace:
    place: Place
    role: str  # at | to | from | via
    precision: str
    start: int
    end: int
    leaving: bool = False
    word: str = ""  # the word that linked it ("near", "from", ...); "" when joined to a listed place


def linked_places(sentence: Sentence, trigger, window: tuple[int, int],
                  resolutions: list[Resolution], adjective_followers: frozenset[str] = frozenset()) -> list[LinkedPlace]:
    """Places in the trigger's window with the role their linking word gives them, nearest first.

    Places after the trigger come first (its arguments); then places before it, for
    "In Baghdad, rockets hit ...". A trigger word itself can link its object ("crossed the Strait").
    """
    text = sentence.text
    after, before = [], []
    previous: LinkedPlace | None = None
    aside_end = -1  # the end of a bearing aside after a place: ", north of the capital on the Tigris,"
    for r in sorted(resolutions, key=lambda r: r.mention.start):
        start = r.mention.start - sentence.start
        end = r.mention.end - sentence.start
        if start >= window[1]:
            break  # sorted: this and every later place lie past the window
        if start < aside_end:
            continue  # it locates the place before it; it is no place of the event's
        aside_end = past_locator_aside(text, end, len(text))
        if r.mention.modifier or not (window[0] <= start < window[1]) or _SPEAKER_FOLLOWS.match(text, end) \
                or _VOICE_FOLLOWS.match(text, end) \
                or _ACCORDING_TO.search(text, max(0, start - 20), start) \
                or _ADDRESSEE.search(text, max(0, start - 30), start):
            continue  # "..., the Pentagon said", "according to the Pentagon", "a message to Tehran": not where
        if r.place.kind == "country" and (_institution_follows(text, end) or (
                not _right_after_locative(text, start) and _adjectival(text, end, adjective_followers))):
            continue  # "on US military bases", "the U.S. embassy": whose, not where (told before the costlier link word)
        word = _link_word(text, start, trigger)
        if word in ("on", "to") and _BLAME.search(text, max(0, start - 60), start):
            continue  # "attacks the United States has blamed on Iran": the culprit, not the place
        if word is not None:
            linked = LinkedPlace(r.place, ROLE_OF_WORD[word], _precision(r, word), start, end, word in LEAVING, word)
        elif previous is not None and (COORDINATION.fullmatch(text[previous.end:start])
                                       or _NAMED_PART.fullmatch(text[previous.end:start])):
            linked = LinkedPlace(r.place, previous.role, r.precision, start, end, previous.leaving, previous.word)
        else:
            continue  # "Iran launched ...": an actor, not a location
        previous = linked
        (after if start >= trigger.start else before).append(linked)
    return after + before[::-1]


_SPEAKER_FOLLOWS = re.compile(r"\s+(?:also\s+|later\s+|then\s+)?(?:said|says|told|announced|reported|stated|"
                              r"confirmed|claimed|added|tweeted|wrote)\b", re.I)
_VOICE_FOLLOWS = re.compile(r"\s+(?:officials?|spokes(?:man|woman|person)|press secretary)\b", re.I)
_ADDRESSEE = re.compile(r"\b(?:message|messages|signal|signals|warning|warnings|reminder|letter|threat|"
                        r"ultimatum)\s+(?:to|for)\s+(?:the\s+)?$", re.I)
_ACCORDING_TO = re.compile(r"\baccording to (?:the )?$", re.I)
_INSTITUTIONS = frozenset({"embassy", "consulate", "army", "navy", "forces", "military", "troops", "soldiers",
                          "officials", "government", "marines", "personnel", "mission", "ambassador", "envoy",
                          "diplomats", "warships", "aircraft", "jets", "drone", "drones", "citizens", "nationals",
                          "ministry", "defense", "defence", "foreign", "interior", "state", "air", "national"})
_BLAME = re.compile(r"\b(?:blam(?:ed|es|e|ing)|pinned|pins)\s+(?:\w+\s+)?on\s+(?:the\s+)?$"
                    r"|\battribut(?:ed|es|ing)\b[^.;]{0,40}?\bto\s+(?:the\s+)?$", re.I)
# After these a country is where something is, whatever follows it ("in Gibraltar seize ...").
_LOCATIVE = frozenset({"in", "near", "inside", "outside", "across", "throughout", "from", "to", "into", "over",
                       "off", "within", "through", "toward", "towards"})
def _right_after_locative(text: str, start: int) -> bool:
    words = text[max(0, start - 20):start].lower().split()
    if words and words[-1] == "the":
        words.pop()
    return bool(words) and words[-1] in _LOCATIVE


# What may stand between two places of one list: "in Iraq and Syria", "in Qaim, Iraq",
# (not a verb of its own: "holed by blasts in the Gulf of Oman and limped into Dubai"),
# "Iraq's Camp Taji", "the Abqaiq processing plant and the Khurais oil field", "Ain al-Asad air
# base ... and a facility in Erbil".
COORDINATION = re.compile(
    r"\s*['’]s\s*|\s*(?:[\w'’-]+\s+){0,4}?(?:,|,?\s*and|,?\s*or)\s*(?:(?:a|an|the|another|two|three)\s+)?"
    r"(?:(?![a-z]+ed\s)[\w-]+\s+){0,2}?(?:(?:in|at|near|on|outside|around|to|into)\s+)?(?:the\s+)?")
_LOCATOR = re.compile(r",\s*(?:about\s+|some\s+|roughly\s+)?(?:[\d.,]+\s+(?:miles|kilometers|kilometres|km)\s+)?"
                      r"(?:(?:north|south)(?:-?(?:east|west))?|east|west)(?:ern)?\s+of\s+(?:the\s+)?",
                      re.I)
# ", north of the capital on the Tigris," after a place: where it is, then the clause goes on.
_LOCATOR_ASIDE = re.compile(_LOCATOR.pattern + r"[^,;]{0,60},", re.I)


def past_locator_aside(text: str, start: int, end: int) -> int:
    """Where the words between ``start`` and ``end`` begin once a bearing aside is skipped."""
    aside = _LOCATOR_ASIDE.match(text, start, end)
    return aside.end() if aside else start


_NAMED_PART = re.compile(r"\s+(?:port|city|town|island|islands|coast|province|governorate|district|region|"
                         r"village|capital)\s+of\s+(?:the\s+)?", re.I)
_NEXT_WORD = re.compile(r"[ \t]+([A-Za-z][\w'’-]*)")


def _adjectival(text: str, end: int, followers: frozenset[str]) -> bool:
    """"US military bases" qualifies the bases; "in Iraq housing US troops" and "strikes on Yemen
    continued" name where."""
    m = _NEXT_WORD.match(text, end)
    return bool(m) and m.group(1).lower() not in followers and not m.group(1).endswith(("ing", "ed"))


def _institution_follows(text: str, end: int) -> bool:
    """"the U.S. Embassy", "Iraqi Army", "Saudi Arabia's defense ministry": whose institution,
    never where, even after "to"."""
    m = _NEXT_WORD_AFTER_OWNER.match(text, end)
    return bool(m) and m.group(1).lower() in _INSTITUTIONS


_NEXT_WORD_AFTER_OWNER = re.compile(r"(?:['’]s)?[ \t]+([A-Za-z][\w'’-]*)")


_BEARING = Caseless(r"\b(?:miles|kilometers|kilometres|km|nautical miles|nm)\s+(?:due\s+)?"
                     r"(?:(?:north|south)(?:-?(?:east|west))?|east|west)(?:ern)?\s+of\s+"
                     r"(?:the\s+)?(?:[\w'’-]+\s+){0,3}?$")
_TO_WATERS = re.compile(r"\b(?:to|into|toward|towards)\s+(?:the\s+)?(?:waters|coast|shores?|area)\s*$", re.I)
_DESCRIBING_WORDS = re.compile(r"(?:\s+[a-z][\w-]*(?:ly|ed|ive|al|ic|ous|ish))?\s+[a-z][\w-]*(?:ed|ive|al|ic|ous|ish|ern)\s*$")


def _link_word(text: str, start: int, trigger) -> str | None:
    if _after_a_bearing(text, start):
        return "near"  # "about 100 nautical miles northwest of the Yemeni port of Hodeidah"
    stripped = _strip_fillers(text, start)  # the text before the place ends here without its fillers
    if start >= trigger.end and stripped <= trigger.end and text[:stripped].strip():
        whole, word = trigger.text.lower(), trigger.text.split()[-1].lower()
        if whole in ROLE_OF_WORD:
            return whole  # "handed over K-1 Air Base": what they left, not where they went
        return word if word in ROLE_OF_WORD else ("to" if trigger.kind == "movement" else "at")
    m = _search_at_end(_LINK_WORD, text, stripped, _LONGEST_LINK_WORD)
    if m is not None and m.group(1).lower() in ("off", "near") and _TO_WATERS.search(text, 0, m.start()):
        return "to"  # "moved from the Gulf to waters off Somalia": where it went
    if m is None:  # "at the heavily fortified Green Zone": look past two describing words
        shorter = _strip_fillers(text, _without_describing_words(text, stripped))
        m = _search_at_end(_LINK_WORD, text, shorter, _LONGEST_LINK_WORD) if shorter != stripped else None
    return m.group(1).lower() if m else None


_BEARING_REACH = 80  # characters before a place that a bearing may take


def _after_a_bearing(text: str, start: int) -> bool:
    """A bearing ends in "of" and at most four more words, so a place without "of" among the five
    words before it (most places) is spared the search."""
    lead = max(0, start - _BEARING_REACH)  # the search looks no further back, so neither need the test
    return any(word.lower() == "of" for word in text[lead:start].rsplit(None, 5)[-5:]) \
        and bool(_BEARING.search(text, lead, start))


def _without_describing_words(text: str, end: int) -> int:
    """Where ``text[:end]`` ends less the describing words at its end ("the heavily fortified "),
    if any.

    A match is one or two whole words (``[\\w-]`` only, blanks around them) and the blanks to the
    end, so it starts in the blanks before the second-to-last word at the earliest: the search
    starts there instead of at every position of the text.
    """
    m = _DESCRIBING_WORDS.search(text, start_of_last_words(text[:end], 2), end)
    return m.start() if m else end


def start_of_last_words(text: str, count: int) -> int:
    """Where the blanks before the text's last ``count`` blank-separated words begin (0 if it has
    no more words than that): a pattern that can only match those words and the blanks to the end
    need not be tried anywhere before."""
    words = text.rsplit(None, count)
    return len(words[0]) if len(words) > count else 0


def _precision(resolution: Resolution, word: str) -> str:
    if word in ("near", "outside", "around", "off") and not resolution.place.is_area:
        return "near"
    return resolution.precision


@lru_cache(maxsize=1)
def _demonyms() -> dict[str, str]:
    path = Path(__file__).resolve().parent.parent / "data" / "demonyms.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return {k.lower(): v for k, v in data.items() if not k.startswith("_")}


_SITE_NOUN = re.compile(r"\s+(?:[\w-]+\s+){0,2}?(?:bases?|outposts?|embassy|consulate|facilit(?:y|ies)|airports?|"
                        r"ports?|cities|city|towns?|villages?|territory|soil|positions?|camps?|installations?|"
                        r"garrisons?|headquarters|airfields?|compounds?|oil fields?|refiner(?:y|ies))\b", re.I)
_DEMONYM = re.compile(r"\b([A-Z][a-z]+(?:i|ian|ean|ese|ish|an))\b")
# "on an Iraqi base", "against two Syrian army positions": the preposition and up to three words.
_SITE_PREPOSITION = re.compile(r"\b(?:on|at|in|against|targeting|into|over)\s+(?:\w+\s+){0,3}$")


_THERE = Caseless(r"(?<=\w )there\b(?!\s+(?:is|are|was|were|have|has|had|will|would)\b)", needs=("there",))


# Words before an anaphor that say a movement's role: "sent to the desert base", "transited the strait".
_ANAPHOR_MOVES = frozenset({"to", "into", "transited", "transiting", "crossed", "crossing"})


def same_place(sentence: Sentence, window: tuple[int, int], article_resolutions: list[Resolution],
               lexicon: Lexicon) -> LinkedPlace | None:
    """"seized the tanker Hankuk Chemi in the same waterway", "troops were sent to the desert
    base": the last place of that kind the article named before this sentence; "seized a tanker
    there": the last place named at all. Not the existential "there were attacks"."""
    found = lexicon.place_anaphor.search(sentence.text, window[0], window[1])
    if found is not None:
        noun = (found["noun"] or found["definite"] or found["here"]).lower()
        kinds, wide = lexicon.anaphor_kinds[noun], lexicon.anaphor_min_radius_km.get(noun, 0.0)
        word = found.group().split()[0].lower()
        here = found["here"] is not None
        in_name = noun if noun in lexicon.anaphor_in_name else None
    else:
        here, in_name = False, None
        found, kinds, wide, word = _THERE.search(sentence.text, window[0], window[1]), None, 0.0, "there"
        if found is None:
            return None
    # "this town" may be the dateline that opens the same sentence
    before = sentence.start + found.start() if here else sentence.start
    told = [r for r in reversed(article_resolutions) if r.mention.start < before
            and (kinds is None or r.place.kind in kinds) and r.place.radius_km >= wide]
    # "near the strait": the last place of its kind that is called one (the Strait of Hormuz, not the
    # Gulf of Oman named after it), if any is
    last = next((r for r in told if in_name and in_name in r.place.name.lower()), told[0] if told else None)
    if last is None:
        return None
    return LinkedPlace(last.place, ROLE_OF_WORD.get(word, "at") if word in _ANAPHOR_MOVES else "at", last.precision,
                       found.start(), found.end(), word=word)


def demonym_place(sentence: Sentence, trigger, window: tuple[int, int], gazetteer: Gazetteer):
    """"a missile attack on an Iraqi base": the country, at country precision, when nothing finer is named."""
    segment = sentence.text[trigger.end:window[1]]
    for m in _DEMONYM.finditer(segment[:80]):
        country = _demonyms().get(m.group(1).lower())  # the cheapest test first: most capitals are no demonym
        if country is None:
            continue
        if not _SITE_NOUN.match(segment, m.end()):
            continue  # "at an American drone": a nationality, not a place
        before = segment[:m.start()]
        if not _SITE_PREPOSITION.search(before, start_of_last_words(before, 4)):
            continue
        place = _country_named(gazetteer, country)
        if place is not None:
            return LinkedPlace(place, "at", "country", trigger.end + m.start(), trigger.end + m.end())
    return None


@lru_cache(maxsize=256)
def _country_named(gazetteer: Gazetteer, name: str) -> Place | None:
    """The country of that name, looked up once per name: a demonym names one of a few dozen."""
    return next((p for p, _ in gazetteer.lookup(name, limit=3) if p.kind == "country"), None)


_OPENING = re.compile(r"^\W*(?:in|at|near|off|inside|outside|across|over)\s", re.I)


def opening_phrase(text: str, place: LinkedPlace) -> bool:
    """"In Syria, state media said the strikes hit ...": a place set before the clause opens."""
    return place.start <= 40 and bool(_OPENING.match(text)) and "," in text[place.end:place.end + 40]


def scene_place(sentence: Sentence, resolutions, lexicon: Lexicon) -> list[LinkedPlace]:
    """Where a sentence is set: its finest place after "in", "at", "near" ...; a photo caption
    shows one scene, so its event happened there ("... near the entrance of Ain al-Asad air base
    in Anbar, Iraq, on Jan. 8, hours after the Iranian missile strike")."""
    whole = Trigger("incident", "", 0, 0, "")
    placed = linked_places(sentence, whole, (0, len(sentence.text)), resolutions, lexicon.adjective_followers)
    return most_specific(first_with_coordinated(sentence.text, [p for p in placed if p.role in ("at", "to")]))[:1]


def first_with_coordinated(text: str, places: list[LinkedPlace]) -> list[LinkedPlace]:
    """The nearest place and those joined to it by "and", "or" or a comma."""
    if not places:
        return []
    chain = [places[0]]
    for place in places[1:]:
        previous = chain[-1]
        if place.start < previous.start:
            break
        between = text[previous.end:place.start]
        if _LOCATOR.fullmatch(between):
            break  # "near Al-Harir air base, north of Erbil": where the first place is, not a second one
        if _NAMED_PART.fullmatch(between):
            chain.append(place)  # "off the Red Sea port of Hodeidah": the port, which most_specific keeps
            continue
        if (not between.strip() or COORDINATION.fullmatch(between) or contains(place.place, previous.place)
                or contains(previous.place, place.place)):
            chain.append(place)  # joined, a qualifier ("Ain al-Asad air base in western Anbar"), or a
            continue             # finer place ("off the Saudi port of Jeddah in the Red Sea")
        break
    return chain


def most_specific_of_chain(text: str, places: list[LinkedPlace]) -> LinkedPlace | None:
    """"to Saudi Arabia, to Prince Sultan Air Base": the finest of the joined places."""
    chain = most_specific(first_with_coordinated(text, places))
    return chain[0] if chain else None


def most_specific(places: list[LinkedPlace]) -> list[LinkedPlace]:
    """Drop a place that only qualifies another one ("Qaim, Iraq" is Qaim)."""
    keep = []
    for p in places:
        if any(q is not p and contains(p.place, q.place) and q.place.id != p.place.id for q in places):
            continue
        if all(k.place.id != p.place.id for k in keep):
            keep.append(p)
    return keep


ADMIN1_SLACK = 1.5


def contains(area: Place, place: Place) -> bool:
    if not area.is_area or GEO_PRECISION_RANK.get(precision_of(area), 9) <= GEO_PRECISION_RANK.get(precision_of(place), 9):
        return False
    if area.kind == "country":
        return place.country == area.country
    from gazetteer.resolve import haversine_km

    # A state or province is no circle: its coast lies well beyond the radius of its area.
    reach = area.radius_km * (ADMIN1_SLACK if area.kind == "admin1" else 1.0)
    return haversine_km(area.lat, area.lon, place.lat, place.lon) <= reach


def precision_of(place: Place) -> str:
    from gazetteer.resolve import PRECISION_OF_KIND

    return PRECISION_OF_KIND.get(place.kind, "point")
