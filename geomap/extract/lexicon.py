"""Loading and compiling the event lexicon (geomap/data/lexicon.json, schema in LEXICON.md)."""
from __future__ import annotations

import hashlib
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

try:  # the regular-expression parser, to read which words a lexicon rule needs
    from re import _constants as _regex_constants, _parser as _regex_parser  # Python 3.11+
except ImportError:  # Python 3.10
    import sre_constants as _regex_constants, sre_parse as _regex_parser

LEXICON_PATH = Path(__file__).resolve().parent.parent / "data" / "lexicon.json"
FLAGS = re.IGNORECASE


# A capital letter that is no escape ("\\W") nor a named group's "(?P", or an inline flag that
# turns IGNORECASE off.
_CASED_PATTERN = re.compile(r"(?<!\\)(?<!\(\?)[A-Z]|\(\?[a-zA-Z]*-")


class Caseless:
    """A case-insensitive pattern that runs two to three times faster: a case-sensitive copy
    reads a lower-cased copy of the text, which is what IGNORECASE does with the pattern's
    (lower-case) letters. Text where lower-casing is not that (a dotted capital I lower-cases to
    two characters; a dotless i or a long s matches i or s only under IGNORECASE) goes to the
    IGNORECASE original. Matches then come from the lower-cased copy: same offsets, lower-case
    groups. A pattern with a capital letter or a case-sensitive part (a lexicon entry may have
    one) always runs with IGNORECASE.

    ``needs``: lower-case words of which every match holds at least one; a search of lower-cased
    text that holds none of them fails without running (most sentences say no "later").
    """

    __slots__ = ("_ignorecase", "_lower", "_needs")

    def __init__(self, pattern: str, needs: tuple[str, ...] = ()) -> None:
        self._ignorecase = re.compile(pattern, re.IGNORECASE)
        self._lower = None if _CASED_PATTERN.search(pattern) else re.compile(pattern)
        self._needs = needs

    def _pick(self, text: str) -> tuple[re.Pattern, str]:
        if self._lower is not None:
            lower = _lower_copy(text)
            if lower is not None:
                return self._lower, lower
        return self._ignorecase, text

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match | None:
        pattern, text = self._pick(text)
        if pattern is self._lower and self._needs and not any(word in text for word in self._needs):
            return None
        return pattern.search(text, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match | None:
        pattern, text = self._pick(text)
        return pattern.match(text, pos, endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match]:
        pattern, text = self._pick(text)
        if pattern is self._lower and self._needs and not any(word in text for word in self._needs):
            return iter(())
        return pattern.finditer(text, pos, endpos)


# ", a sharp escalation in ...": an apposition opens another clause; ", a power station and two Red Sea
# ports held by ... on Thursday" is the next item of a list of targets, still the trigger's.
_APPOSITION = (r"|,\s+an?\s(?![\w-]+(?:\s[\w-]+){0,2}\s+and\s+(?:a|an|the|two|three|four|five|six|several|some|"
               r"\d+)\s)")


def required_literal(pattern: str) -> tuple[str, ...]:
    """The longest run of plain characters that every match of ``pattern`` holds, as a Caseless
    ``needs``: the characters it spells outside any group, alternation, class or repeat ("killed"
    in "(?P<n>[\\w,-]+) (?:\\w+ ){0,3}killed"), read from the parsed pattern; none when the run is
    shorter than three characters. A lexicon rule that starts with a repeat is tried at every
    position of the text, and most texts do not spell its one fixed word at all."""
    runs = [""]
    for op, value in _regex_parser.parse(pattern):
        if op is _regex_constants.LITERAL:
            runs[-1] += chr(value)
        else:
            runs.append("")
    longest = max(runs, key=len)
    return (longest,) if len(longest) >= 3 else ()


# The last text lower-cased for a Caseless pattern, and its copy (None: not a faithful one).
_last_lowered: tuple[str, str | None] = ("", "")


def _lower_copy(text: str) -> str | None:
    """``text.lower()`` when it keeps every offset and matches as IGNORECASE would, else None.

    Kept for the last text only: the extractor asks one sentence many patterns in a row, and
    need not lower-case it again for each. (One pair, replaced whole, so a thread never sees
    one text's copy under another's.)
    """
    global _last_lowered
    last, lower = _last_lowered
    if text is not last:
        lower = text.lower()
        if not (text.isascii() or (len(lower) == len(text) and "ı" not in text and "ſ" not in text)):
            lower = None
        _last_lowered = (text, lower)
    return lower


def _alternation(patterns: list[str]) -> str:
    return "|".join(f"(?:{p})" for p in patterns)


def _whole_words(patterns: list[str]) -> str:
    return rf"(?<![\w-])(?:{_alternation(patterns)})(?![\w-])"


def _words(patterns: list[str]) -> re.Pattern:
    return re.compile(_whole_words(patterns), FLAGS)


def _caseless_words(patterns: list[str]) -> Caseless:
    """:func:`_words` for a rule whose matches are only located or tested, never quoted."""
    return Caseless(_whole_words(patterns))


@dataclass(frozen=True, eq=False)  # hashed by identity: one per lexicon file
class Lexicon:
    any_trigger: re.Pattern  # every rule in one alternation, specific rules first: one pass per sentence
    any_trigger_lower: re.Pattern  # the same, case-sensitive, for lower-cased text: four times faster
    trigger_rules: tuple[tuple[str, str], ...]  # (kind, type) of the alternation's named groups r0, r1, ...
    assets: tuple[tuple[str, re.Pattern], ...]
    actors: tuple[tuple[str, re.Pattern], ...]
    cue_before: re.Pattern
    cue_near_before: re.Pattern
    attempt_before: re.Pattern  # "tried to seize": an attempt is an incident
    cue_determiner: re.Pattern
    cue_after: re.Pattern
    window_breaker: Caseless
    adjective_followers: frozenset[str]
    breakers: Caseless
    not_negation: re.Pattern
    not_event: re.Pattern
    not_event_lower: re.Pattern
    generic_plurals: frozenset[str]
    definite_determiners: frozenset[str]
    generic_quantifiers: frozenset[str]
    generic_spans: frozenset[str]  # "months of attacks": a tally, whatever the sentence's date
    destination_words: frozenset[str]
    origin_words: frozenset[str]
    via_words: frozenset[str]
    type_by_direction: dict[str, str]
    killed: tuple[Caseless, ...]
    injured: tuple[Caseless, ...]
    number_words: dict[str, int]
    weapon_types: tuple[tuple[Caseless, str], ...]
    generic_triggers: frozenset[str]
    place_anaphor: Caseless  # group "noun": "in the same waterway"; group "definite": "to the desert base"
    anaphor_kinds: dict[str, frozenset[str]]
    anaphor_min_radius_km: dict[str, float]
    anaphor_in_name: frozenset[str]  # "the strait": the last place whose own name says "strait"
    weapon_asset: re.Pattern  # fullmatch: an asset that is a weapon once launched ("drones")
    launch_word: Caseless
    version: str


def _punctuation(marks: list[str]) -> str:
    """A class of breaking marks; an opening bracket breaks unless it only holds a code
    ("USS Gravely (DDG-107)", "Carrier Strike Group (CSG-2)")."""
    plain = "".join(re.escape(m) for m in marks if m != "(")
    bracket = r"|\((?![\w./-]{1,12}\))" if "(" in marks else ""
    return f"(?:[{plain}]{bracket})"


def _place_anaphor(section: dict) -> Caseless:
    def nouns(key: str) -> str:
        return "|".join(re.escape(n) for n in sorted(section[key], key=len, reverse=True))
    return Caseless(rf"(?<![\w-])(?:{_alternation(section['words'])})\s+(?:the\s+"
                    rf"(?:same\s+(?P<noun>{nouns('nouns')})|(?:[a-z]+\s+)?(?P<definite>{nouns('definite_nouns')}))"
                    rf"|this\s+(?:[\w-]+\s+)?(?P<here>{nouns('this_nouns')}))"
                    rf"(?![\w-])")


@lru_cache(maxsize=4)
def load_lexicon(path: Path = LEXICON_PATH) -> Lexicon:
    raw = path.read_text(encoding="utf-8")
    data = json.loads(raw)
    rules = [("incident", r["type"], r["patterns"]) for r in data["incidents"]] + \
            [("movement", r["type"], r["patterns"]) for r in data["movements"]["verbs"]]
    combined = "|".join(f"(?P<r{i}>{_alternation(patterns)})" for i, (_, _, patterns) in enumerate(rules))
    modality, direction = data["modality"], data["movements"]["direction"]
    fatal = data["fatalities"]
    return Lexicon(
        any_trigger=re.compile(rf"(?<![\w-])(?:{combined})(?![\w-])", FLAGS),
        any_trigger_lower=re.compile(rf"(?<![\w-])(?:{combined})(?![\w-])"),
        trigger_rules=tuple((kind, type_) for kind, type_, _ in rules),
        assets=tuple((a["class"], _words(a["patterns"])) for a in data["assets"]),
        actors=tuple((a["name"], _words(a["patterns"])) for a in data["actors"]),
        cue_before=_words(modality["before"]),
        cue_near_before=_words(modality["near_before"]),
        attempt_before=re.compile(rf"(?<![\w-])(?:{_alternation(modality['attempts'])})\s+to$", FLAGS),
        cue_determiner=re.compile(rf"(?<![\w-])(?:{_alternation(modality['determiners'])})\s+(?-i:[A-Z][\w.-]*\s+)?$",
                                  FLAGS),
        cue_after=re.compile(rf"^[^,.;:!?]{{0,40}}?(?<![\w-])(?:{_alternation(modality['after'])})(?![\w-])", FLAGS),
        window_breaker=Caseless(rf"(?<![\w-])(?:{_alternation(data['window_breakers']['words'])})(?![\w-])"
                                rf"|{_punctuation(data['window_breakers']['punctuation'])}"
                                + (r"|,\s+(?!(?:including|excluding|regarding|concerning|involving)\b)\w+ing\b" if data["window_breakers"].get("clause_participle") else "")
                                + (_APPOSITION if data["window_breakers"].get("apposition") else "")),
        adjective_followers=frozenset(data["adjective_followers"]["words"]),
        breakers=Caseless(rf"(?:(?<![\w-])(?:{_alternation([b for b in modality['breakers'] if b[0].isalpha()])})(?![\w-]))"
                          rf"|[{''.join(re.escape(b) for b in modality['breakers'] if not b[0].isalpha())}]"),
        not_negation=_words(modality["not_negations"]),
        not_event=_words(data["not_events"]["patterns"]),
        not_event_lower=re.compile(rf"(?<![\w-])(?:{_alternation(data['not_events']['patterns'])})(?![\w-])"),
        generic_plurals=frozenset(data["generic_plurals"]),
        definite_determiners=frozenset(data["definite_determiners"]["words"]),
        generic_quantifiers=frozenset(data["generic_quantifiers"]["words"]),
        generic_spans=frozenset(data["generic_quantifiers"]["spans"]),
        destination_words=frozenset(direction["destination"]),
        origin_words=frozenset(direction["origin"]),
        via_words=frozenset(direction["via"]),
        type_by_direction={k: v for k, v in data["movements"]["type_by_direction"].items() if not k.startswith("_")},
        killed=tuple(Caseless(p, needs=required_literal(p)) for p in fatal["killed"]),
        injured=tuple(Caseless(p, needs=required_literal(p)) for p in fatal["injured"]),
        number_words=fatal["words"],
        weapon_types=tuple((_caseless_words([pattern]), type_) for pattern, type_ in data["weapon_types"]["rules"]),
        generic_triggers=frozenset(data["weapon_types"]["generic_triggers"]),
        place_anaphor=_place_anaphor(data["place_anaphora"]),
        anaphor_kinds={noun: frozenset(kinds) for noun, kinds in data["place_anaphora"]["nouns"].items()},
        anaphor_min_radius_km=dict(data["place_anaphora"].get("min_radius_km", {})),
        anaphor_in_name=frozenset(data["place_anaphora"].get("in_name", ())),
        weapon_asset=re.compile(_alternation(data["launched_weapons"]["assets"]), FLAGS),
        launch_word=_caseless_words(data["launched_weapons"]["launch_words"]),
        version=hashlib.sha256(raw.encode()).hexdigest()[:12],
    )
