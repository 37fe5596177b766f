"""Choosing one place per mention, using the rest of the article as context.

Each candidate gets a score from four kinds of evidence, in the spirit of published
toponym resolvers (population prior + document coherence):
- the layer that knows it (a user's file, then curated entries, then the world layer);
- its kind and size (a country name means the country; a big city beats a hamlet);
- the article's other places: a country or US state it names ("Damascus" in an article that
  names Syria; "Lebanon" when Tennessee is named), a comma qualifier ("Qaim, Iraq",
  "Alexandria, La."), and distance to the places already resolved;
- nothing else: no answer is written down for a particular name.
Two passes: the second uses the first pass's choices as the geographic context; a third runs
only when the second changed a choice, so a flip ("Georgia" the state) reaches the names that
depend on it ("Athens").
Joint inference over first-level divisions (``_RegionVotes``) adds what greedy passes miss:
which state explains all of a local story's ambiguous names together.
"""
from __future__ import annotations

import math
import re
from functools import lru_cache

from gazetteer.match import match_rules
from gazetteer.model import Mention, Place, Resolution
from gazetteer.normalize import name_key

LAYER_PRIOR = {"user": 6.0, "curated": 4.0, "world": 0.0, "online": -1.0}
KIND_PRIOR = {"country": 5.0, "admin1": 2.0, "region": 3.0, "waterbody": 3.0, "admin2": 1.5,
              "city": 0.0, "base": 1.0, "airfield": 0.0, "facility": 1.0, "embassy": 1.0,
              "landmark": 1.0, "port": 0.0, "airport": -1.0}
PRECISION_OF_KIND = {"country": "country", "admin1": "region", "admin2": "region", "region": "region",
                     "waterbody": "waterbody", "city": "city"}
COHERENCE_KM = 400.0
# The article names the state or province that holds this reading ("Lebanon" with "Tennessee").
NAMED_DIVISION_BONUS = 2.5
# A national capital is what a bare name means far more often than its namesakes ("Washington").
CAPITAL_PRIOR = 3.0
# An alternate name is weaker evidence than a place's own name (see _prefer_own_names).
ALIAS_PENALTY = 1.5
# A capital of a country the story names ("Athens" beside "Greece"), over namesakes in a named state.
NAMED_COUNTRY_CAPITAL_BONUS = 3.0
# A reading outside the division a comma names after the name ("Crete, Nebraska").
QUALIFIER_MISS_PENALTY = 4.0
# Joint inference over first-level divisions (see _RegionVotes): how much one other name that
# could lie in a candidate's division is worth, how many such names count at most, and how
# fast a reading's vote fades as it falls behind the name's best reading (in prior points).
REGION_VOTE_WEIGHT = 3.0
REGION_VOTE_CAP = 2.0
REGION_VOTE_FADE = 1.0
# A town and a county of the same article that could hold it ("Paris" and "Henry County"):
# local news names a town with its county, so each reading that fits the other gains this.
CONTAINMENT_BONUS = 4.0
# Counties are not circles: a town counts as inside within this many of the county's radii.
CONTAINMENT_SLACK = 1.5


class _Name:
    """A name as the resolver sees it: a key and the comma qualifier that follows it.

    Every mention of a name resolves alike, so each pass scores a name once however often
    the article repeats it, and the context counts its mentions instead of listing them.
    """

    __slots__ = ("mention", "qualifier", "readings", "countries_only", "mentions", "located")

    def __init__(self, mention: Mention, qualifier: tuple[Place, ...]) -> None:
        self.mention = mention  # the first; the others differ only in where they stand
        self.qualifier = qualifier
        self.readings = _readings(mention)
        self.countries_only = self.readings.countries_only
        self.mentions = 0
        self.located = 0  # mentions that say where the story is (see _names)


class _Context:
    """What the article's resolved mentions say about where it is.

    Each question is asked "except this name" (a name is no evidence for itself): totals are
    counted once, and a name's own share is subtracted, so resolution stays linear.
    """

    def __init__(self, names: list[_Name], chosen: list[Place | None], votes: _RegionVotes) -> None:
        self.votes = votes
        # Plain dicts, not Counters: a context is built per pass, and Counter() costs more than the counting.
        self._countries: dict[str, int] = {}  # located mentions per country
        self._admin1: dict[str, int] = {}  # mentions per first-level division they lie in (or are)
        self._own_countries: dict[str, dict[str | None, int]] = {}  # the same, of one key's mentions
        self._own_in_countries: dict[str, int] = {}  # one key's located mentions in some country
        self._own_admin1: dict[str, dict[str, int]] = {}
        named_countries = set()
        points: dict[tuple[str, float, float, float], None] = {}  # a place named twice is one point
        own_points: dict[str, int] = {}
        # The counting written out (a call per count cost a tenth of resolving).
        admin1s, countries, own_in_countries = self._admin1, self._countries, self._own_in_countries
        for name, place in zip(names, chosen):
            if place is None:
                continue
            key = name.mention.key
            facts = _place_facts(place)
            n = name.mentions
            for admin1 in facts.admin1_of:
                admin1s[admin1] = admin1s.get(admin1, 0) + n
                own = self._own_admin1.setdefault(key, {})
                own[admin1] = own.get(admin1, 0) + n
            # "U.S. Navy", "U.S.-led": a country that describes something says nothing of where the story is
            located = name.located
            if located:
                own = self._own_countries.setdefault(key, {})
                own[place.country] = own.get(place.country, 0) + located
                if place.country:
                    countries[place.country] = countries.get(place.country, 0) + located
                    own_in_countries[key] = own_in_countries.get(key, 0) + located
                    if place.kind == "country":
                        named_countries.add(place.country)
            point = (key, facts.lat, facts.lon, facts.cos_lat)
            if facts.locates and point not in points:
                points[point] = None
                own_points[key] = own_points.get(key, 0) + 1
        self.named_countries = frozenset(named_countries)
        self._country_total = sum(self._countries.values())
        # (key, latitude, longitude, cos latitude) in radians of the names' places, and how many are each key's.
        self.points = list(points)
        self._own_points = own_points

    def country_share(self, key: str, country: str) -> float:
        """The share of the other names' places that lie in ``country``."""
        total = self._country_total - self._own_in_countries.get(key, 0)
        if total <= 0:
            return 0.0
        return (self._countries.get(country, 0) - self._own_countries.get(key, _NONE).get(country, 0)) / total

    def names_admin1(self, key: str, admin1: str | None) -> bool:
        """Whether another name of the article lies in (or is) this first-level division."""
        count = self._admin1.get(admin1, 0) if admin1 else 0
        return count > 0 and count > self._own_admin1.get(key, _NONE).get(admin1, 0)

    def has_points_except(self, key: str) -> bool:
        """Whether another name's place is in ``points``."""
        return len(self.points) > self._own_points.get(key, 0)


_NONE: dict = {}  # no mentions of anything (only read)


class _RegionVotes:
    """Which first-level divisions (US states, provinces) explain the article's names together.

    Local news often never names its state: "Paris", "Henry County" and "Columbus" are each
    ambiguous, but only a few states hold all of them. Every distinct name votes for each
    division that holds one of its readings; a reading's vote is 1 when it is the name's
    best reading before context and fades by ``exp(-gap / REGION_VOTE_FADE)`` behind it, so a
    name whose obvious reading is a famous city or a country ("Lebanon", "Paris") lends almost
    nothing to its small namesakes. The votes come from candidates, not choices, so they do not
    depend on what an earlier pass picked.
    """

    def __init__(self, names: list[_Name]) -> None:
        self._votes: dict[str, dict[str, float]] = {}
        self._totals: dict[str, float] = {}
        self._counties: dict[str, list[tuple[str, Place]]] = {}  # by their state: "admin1:US.TN"
        self._towns: dict[str, list[tuple[str, Place]]] = {}
        readings_of: dict[str, _Readings] = {}
        for name in names:
            key, readings = name.mention.key, name.readings
            if key in self._votes:
                continue
            readings_of[key] = readings
            votes = self._votes[key] = readings.votes
            for admin1, vote in votes.items():
                self._totals[admin1] = vote + self._totals.get(admin1, 0.0)
            for place in readings.counties:
                self._counties.setdefault(place.parent, []).append((key, place))
        if self._counties:  # towns are asked for only by a county reading (most articles have none)
            for key, readings in readings_of.items():
                for place in readings.towns:
                    self._towns.setdefault(place.parent, []).append((key, place))

    def support(self, key: str, admin1: str) -> float:
        """The other names' votes for ``admin1`` (a name is no evidence for itself)."""
        total = self._totals.get(admin1, 0.0)
        return total - self._votes[key].get(admin1, 0.0) if total else 0.0

    def fits_a_named_county(self, key: str, place: Place) -> bool:
        """Whether another name has a reading that holds this town, or lies in this county."""
        if place.kind == "admin2":
            return any(other != key and _holds(place, town) for other, town in self._towns.get(place.parent, ()))
        if not self._counties or place.is_area:  # most articles name no county
            return False
        return any(other != key and _holds(county, place) for other, county in self._counties.get(place.parent, ()))


def _holds(county: Place, town: Place) -> bool:
    return haversine_km(county.lat, county.lon, town.lat, town.lon) <= county.radius_km * CONTAINMENT_SLACK


class _Readings:
    """What a name's candidates say before any context. It is the same in every article, and
    the same few dozen names fill most articles, so it is made once per key (see _readings)."""

    __slots__ = ("candidates", "facts", "own", "mixed", "unambiguous", "votes", "counties", "towns", "countries_only")

    def __init__(self, key: str, candidates: tuple[Place, ...]) -> None:
        self.candidates = candidates
        self.facts = tuple(_place_facts(p) for p in candidates)
        # Which candidates bear the name as their own, not as an alternate (see _prefer_own_names).
        self.own = tuple(name_key(p.name) == key for p in candidates)
        self.mixed = any(self.own) and not all(self.own)
        self.unambiguous = _unambiguous(candidates)
        self.votes = _division_votes(candidates)  # only read: shared by every article
        self.counties = tuple(p for p in candidates if p.kind == "admin2" and p.parent)
        self.towns = tuple(p for p in candidates if not p.is_area and p.parent)
        self.countries_only = all(p.kind == "country" for p in candidates)


def _readings(mention: Mention) -> _Readings:
    """The readings of a mention's candidates, remembered per key (and made again for a key
    whose candidates are not the ones remembered: another index, an online lookup)."""
    found = _READINGS.get(mention.key)
    if found is None or found.candidates is not mention.candidates:
        if len(_READINGS) > READINGS_LIMIT:
            _READINGS.clear()  # a long-running process over endless text stays bounded
        found = _READINGS[mention.key] = _Readings(mention.key, mention.candidates)
    return found


READINGS_LIMIT = 100_000
_READINGS: dict[str, _Readings] = {}


def _division_votes(candidates: tuple[Place, ...]) -> dict[str, float]:
    """One name's vote, shared among the divisions of its readings by their priors.

    A reading outside any division (a country, a sea) takes its share too, so "Georgia" gives
    the US state only the little that its prior leaves beside the country; and a name found in
    twenty states ("Lincoln County") says less for each than one found in a single state.
    """
    if len(candidates) == 1:
        return {a: 1.0 for a in _admin1_of(candidates[0])}
    priors = [prior_score(p) for p in candidates]
    best = max(priors)
    shares: dict[str, float] = {}
    for place, prior in zip(candidates, priors):
        share = math.exp((prior - best) / REGION_VOTE_FADE)
        slot = (_admin1_of(place) or (place.id,))[0]
        if share > shares.get(slot, 0.0):
            shares[slot] = share
    total = sum(shares.values())
    return {slot: share / total for slot, share in shares.items() if slot.startswith("admin1:")}


def _admin1_of(place: Place) -> tuple[str, ...]:
    if place.kind == "admin1":
        return (_admin1_key(place),)
    return (place.parent,) if (place.parent or "").startswith("admin1:") else ()


def resolve_mentions(text: str, mentions: list[Mention]) -> list[Resolution]:
    """One resolution per mention that has candidates, best candidate by score."""
    usable = [m for m in mentions if m.candidates]
    names, name_of = _names(text, usable)
    votes = _RegionVotes(names)
    initial = [name.readings.unambiguous for name in names]
    context = _Context(names, initial, votes)
    scored: dict[int, tuple[Place, float]] = {}
    first = _best_for_each(names, context, scored, choice_only=True)
    if any(p is not q for p, (q, _) in zip(initial, first)):
        context, scored = _Context(names, [p for p, _ in first], votes), {}
    second = _best_for_each(names, context, scored)  # same context: the scores are kept
    if [p.id for p, _ in second] != [p.id for p, _ in first]:
        context = _Context(names, [p for p, _ in second], votes)
        second = _best_for_each(names, context, {})
    # Per name: the place, its score, and its precision as written and after "near" (see _precision).
    chosen = [(p, round(s, 3), _precision(None, p), _precision("near", p)) for p, s in second]
    resolutions = []
    for mention, n in zip(usable, name_of):
        place, score, plain, near = chosen[n]
        resolutions.append(Resolution(mention, place, score, near if mention.qualifier == "near" else plain))
    if any(p.kind in _BASE_KINDS for p, _ in second):  # most articles choose no base: no name is short for one
        resolutions = _short_names_of_bases(resolutions)
    return resolutions


# How far a one-word name's own reading may lie from a base named before it with that word.
SHORT_NAME_FAR_KM = 1000.0
_BASE_KINDS = frozenset({"base", "airfield"})


def _short_names_of_bases(resolutions: list[Resolution]) -> list[Resolution]:
    """"Joint Base Langley-Eustis ... They left Langley": a one-word name that is a word of a base
    the article named before it is that base, when its own reading lies far away (Langley, British
    Columbia). A reading close by is kept: "Baghdad" after Baghdad International Airport is the city."""
    bases: dict[str, Place] = {}
    out = []
    for r in resolutions:
        base = bases.get(r.mention.key) if " " not in r.mention.key else None
        if base is not None and base.id != r.place.id \
                and haversine_km(base.lat, base.lon, r.place.lat, r.place.lon) > SHORT_NAME_FAR_KM:
            r = Resolution(r.mention, base, r.score, _precision(None, base))
        if r.place.kind in _BASE_KINDS:
            for word in re.split(r"[ -]", name_key(r.place.name)):
                bases.setdefault(word, r.place)
        out.append(r)
    return out


def _names(text: str, mentions: list[Mention]) -> tuple[list[_Name], list[int]]:
    """The article's names in order of first mention, and which name each mention is."""
    qualifiers = _comma_qualifiers(text, mentions)
    describes_a_noun = _describing_word().match
    names: list[_Name] = []
    number: dict[str | tuple, int] = {}
    name_of = []
    for i, mention in enumerate(mentions):
        qualifier = qualifiers.get(i, ())
        # The key alone for most names (no tuple to build and hash); a key with its qualifier's places else.
        ident = (mention.key, tuple(p.id for p in qualifier)) if qualifier else mention.key
        n = number.get(ident)
        if n is None:
            n = number[ident] = len(names)
            names.append(_Name(mention, qualifier))
        name = names[n]
        name.mentions += 1
        # A country name used to describe ("U.S. Navy", "U.S. military", "Iran-backed") does not
        # say where the story is.
        if not (name.countries_only and (mention.modifier or describes_a_noun(text, mention.end))):
            name.located += 1
        name_of.append(n)
    return names, name_of


def _unambiguous(candidates: tuple[Place, ...]) -> Place | None:
    """The place a name means before any context: a single candidate, or a strong one."""
    if len(candidates) == 1:
        return candidates[0]
    strong = [p for p in candidates if p.layer in ("user", "curated") or p.kind == "country"]
    return strong[0] if len(strong) == 1 else None


@lru_cache(maxsize=1)
def _describing_word() -> re.Pattern[str]:
    """What follows a name that describes a noun ("U.S. Navy", "U.S. military"): a capitalised word,
    or a describing noun (match_rules' describing_followers) in any case. One regex match asks it of
    a country's every mention, where reading the word out and lowering it took a call each."""
    followers = "|".join(_any_case(word) for word in sorted(match_rules()["describing_followers"]))
    return re.compile(rf"[ \t]+(?:[A-Z]|(?:{followers})(?![\w-]))")


def _any_case(word: str) -> str:
    """A pattern for the words that ``str.lower`` makes ``word`` (lower case ASCII), its first
    letter as written: each other letter in either case, and "k" as the Kelvin sign too."""
    return word[0] + "".join(f"[{c}{c.upper()}{_KELVIN if c == 'k' else ''}]" for c in word[1:])


_KELVIN = "\u212a"  # the one other letter that str.lower() makes an ASCII letter ("k")


def _locates_the_story(place: Place) -> bool:
    """Places that say where a story happens; capitals and government landmarks are often
    metonyms ("Washington warned", "the White House said") and say nothing of where."""
    return not place.is_area and place.feature != "PPLC" and place.kind != "landmark"


def _admin1_key(place: Place) -> str:
    """US states are ``usstate:TN`` in the data and ``admin1:US.TN`` as a city's parent."""
    if place.id.startswith("usstate:"):
        return f"admin1:US.{place.id.split(':', 1)[1]}"
    return place.parent if place.parent and place.parent.startswith("admin1:") else place.id


def _comma_qualifiers(text: str, mentions: list[Mention]) -> dict[int, tuple[Place, ...]]:
    """"Qaim, Iraq" / "Alexandria, La.": the second name qualifies the first."""
    out = {}
    for i in range(len(mentions) - 1):
        first, second = mentions[i], mentions[i + 1]
        if second.start - first.end > 3 or text[first.end:second.start].strip() != ",":
            continue  # the common case: more than a comma stands between two names
        if i + 2 < len(mentions) and _LIST_GOES_ON.fullmatch(text, second.end, mentions[i + 2].start):
            continue  # "airports in Tehran, Isfahan and Shiraz": a list, not "Qaim, Iraq"
        out[i] = tuple(p for p in second.candidates if p.kind in ("country", "admin1", "admin2"))
    return out


_LIST_GOES_ON = re.compile(r",?\s+(?:and|or)\s+|,\s*")


def _best_for_each(names: list[_Name], context: _Context, seen: dict[int, tuple[Place, float]],
                   choice_only: bool = False) -> list[tuple[Place, float]]:
    """The best candidate of every name (``seen`` holds the scores made in ``context``, and may
    come filled from an earlier pass in the same context).

    ``choice_only``: the caller needs the places, not the scores (the first pass), so a
    name with one candidate is not scored at all.
    """
    out = []
    for n, name in enumerate(names):
        candidates = name.mention.candidates
        if choice_only and len(candidates) == 1:
            out.append((candidates[0], 0.0))
            continue
        best = seen.get(n)
        if best is None:
            best = seen[n] = _best(name, context)
        out.append(best)
    return out


def _best(name: _Name, context: _Context) -> tuple[Place, float]:
    key, qualifier, readings = name.mention.key, name.qualifier, name.readings
    if len(readings.facts) == 1:  # most names: no reading to weigh against another
        facts = readings.facts[0]
        return facts.place, _score(facts, key, context, qualifier)
    own, mixed = readings.own, readings.mixed
    # A place that only lists the name as an alternate ("Tiran" for "Tehran") gets no bonus for
    # lying in a division the story names: that evidence tells apart namesakes, not a name's misuse.
    scored = [(_score(facts, key, context, qualifier, local=mine or not mixed), facts.place)
              for facts, mine in zip(readings.facts, own)]
    if mixed:
        scored = _prefer_own_names(scored, own)
    best_score = max(s for s, _ in scored)
    best = next(p for s, p in scored if s == best_score)  # candidates come in a stable order
    return best, best_score


def _prefer_own_names(scored: list[tuple[float, Place]], own: tuple[bool, ...]) -> list[tuple[float, Place]]:
    """When some candidates bear the name as their own (``own``), the ones that only list it as an
    alternate (a former or foreign name: "Hudson" of Jersey City, "Cancun" of Changchun)
    lose ALIAS_PENALTY, and a capital its capital prior ("Philadelphia" is not Amman): a writer who
    means them uses their current name."""
    return [(s if mine else s - ALIAS_PENALTY - (CAPITAL_PRIOR if p.feature == "PPLC" else 0.0), p)
            for (s, p), mine in zip(scored, own)]


def prior_score(place: Place) -> float:
    """What a candidate is worth before any context: its layer, kind and size."""
    return _place_facts(place).prior


class _PlaceFacts:
    """What the resolver asks of a place in every article: worked out once per place."""

    __slots__ = ("place", "prior", "admin1_of", "admin1_key", "in_division", "locates", "lat", "lon", "cos_lat")

    def __init__(self, place: Place) -> None:
        self.place = place
        self.prior = (LAYER_PRIOR.get(place.layer, 0.0) + KIND_PRIOR.get(place.kind, 0.0)
                      + math.log10(place.population + 1) * 0.8 + (CAPITAL_PRIOR if place.feature == "PPLC" else 0.0))
        self.admin1_of = _admin1_of(place)
        self.admin1_key = _admin1_key(place)
        # Lies in a first-level division without being one: it can take a region vote (see _region_vote).
        self.in_division = place.kind != "admin1" and (place.parent or "").startswith("admin1:")
        self.locates = _locates_the_story(place)
        self.lat, self.lon = math.radians(place.lat), math.radians(place.lon)
        self.cos_lat = math.cos(self.lat)


def _place_facts(place: Place) -> _PlaceFacts:
    """The facts of a place, remembered per id with the place they were made for (a user's
    file may reuse an id)."""
    found = _PLACE_FACTS.get(place.id)
    if found is None or found.place is not place:
        if len(_PLACE_FACTS) > PLACE_FACTS_LIMIT:
            _PLACE_FACTS.clear()  # a long-running process with endless online places stays bounded
        found = _PLACE_FACTS[place.id] = _PlaceFacts(place)
    return found


PLACE_FACTS_LIMIT = 1_000_000
_PLACE_FACTS: dict[str, _PlaceFacts] = {}


def _score(facts: _PlaceFacts, key: str, context: _Context, qualifier: tuple[Place, ...], local: bool = True) -> float:
    """A candidate's worth in the article: ``facts`` of the place, ``key`` of the name it reads."""
    place = facts.place
    score = facts.prior
    if place.country and place.kind != "country":
        score += 3.0 * context.country_share(key, place.country)
    if local and place.kind != "admin1" and context.names_admin1(key, place.parent):
        score += NAMED_DIVISION_BONUS
    if place.feature == "PPLC" and place.country in context.named_countries:
        score += NAMED_COUNTRY_CAPITAL_BONUS  # "Athens" in a story that names Greece
    if place.kind == "admin1" and context.names_admin1(key, facts.admin1_key):
        score += 1.0
    if qualifier:
        if any(_within(place, q) for q in qualifier):
            score += 6.0
        else:
            score -= QUALIFIER_MISS_PENALTY  # "Crete, Nebraska" is not the Greek island
    if local and facts.in_division:
        score += _region_vote(place, key, context)
    if local and context.votes.fits_a_named_county(key, place):
        score += CONTAINMENT_BONUS
    score += _coherence(facts, key, context)
    return score


def _region_vote(place: Place, key: str, context: _Context) -> float:
    """The bonus for lying in a division that the article's other names could also lie in.

    It refines a country the article is already about: scaled by that country's share of the
    other names, so one English borough ("Brent") in a Gulf story does not pull "Washington"
    to Tyne and Wear. Only a place inside a division asks (_PlaceFacts.in_division): a division
    itself gets none (a state is not evidence for itself).
    """
    support = context.votes.support(key, place.parent)
    if support <= 0:
        return 0.0
    return REGION_VOTE_WEIGHT * min(REGION_VOTE_CAP, support) * context.country_share(key, place.country)


def _within(place: Place, area: Place) -> bool:
    if area.kind == "country":
        return place.country == area.country
    return place.parent == _admin1_key(area) or haversine_km(place.lat, place.lon, area.lat, area.lon) <= area.radius_km


def _coherence(facts: _PlaceFacts, key: str, context: _Context) -> float:
    """Closeness to the article's other resolved places (not to other mentions of the name ``key``)."""
    if not context.has_points_except(key):
        return 0.0
    # The smallest haversine distance to the others (all in radians, with cosines precomputed):
    # the same arithmetic as ``haversine_km``, without the calls.
    p1, l1, cos1, sin = facts.lat, facts.lon, facts.cos_lat, math.sin
    best = 1.0
    for k, p2, l2, cos2 in context.points:
        if k != key:
            a = sin((p2 - p1) / 2) ** 2 + cos1 * cos2 * sin((l2 - l1) / 2) ** 2
            if a < best:
                best = a
    nearest = 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(best)))
    return 3.0 * math.exp(-max(0.0, nearest - facts.place.radius_km) / COHERENCE_KM)


def _precision(qualifier: str | None, place: Place) -> str:
    """A mention's precision from its qualifier ("near" Kirkuk) and the place it names."""
    if qualifier == "near" and not place.is_area:
        return "near"
    return PRECISION_OF_KIND.get(place.kind, "point")


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))
