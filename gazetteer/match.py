"""Finding toponym mentions in text: capitalised runs, longest known name first, with guards.

Place names in English news are capitalised, so only runs of capitalised words (with the
connectors names use: "Strait of Hormuz", "Ain al-Asad", "Bab el-Mandeb") are looked up. Inside
a run the longest name the index knows wins ("Baghdad International Airport" before
"Baghdad"; "Gulf of Oman" is not Oman). Guards then drop what only looks like a place: an
outlet ("Washington Post"), a surname ("Lloyd Austin", and "Austin" alone later in the same
article), a common word ("Reading" opening a sentence), a channel ("Kurdistan 24").
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter
from pathlib import Path

from gazetteer.index import PlaceIndex
from gazetteer.model import Mention, Unresolved
from gazetteer.normalize import name_key

_UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĲĴĶĹĻĽĿŁŃŅŇŊŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ"
_WORD = r"[\w'’\u00C0-\u024F]"
# A capitalised word (hyphens inside: "Al-Qa'im", "K-1", "Iran-backed"), an acronym with periods
# ("U.S.", "N.C."), or an Arabic article glued to a capitalised name ("al-Asad").
_ARTICLE = r"(?:al|el|ad|ar|as|ash|at|az|an|ed|es|ez|ul)"  # Arabic articles glued to a name: "al-Asad"
_TOKEN = (rf"(?:[{_UPPER}][a-z]{{0,3}}\.){{2,}}(?![{_UPPER}])"
          rf"|[{_UPPER}]{_WORD}*(?:[-‐][\w'’\u00C0-\u024F]+)*\.?"
          rf"|{_ARTICLE}[-‐][{_UPPER}]{_WORD}*"
          r"|\d+(?![\w.,]\d)")
_CONNECTOR = r"(?:of|the|de|du|da|del|al|el|bin|ibn|and|on|upon|au|la|le|in)"
# Lower-case nouns that end some names ("U.S. Central Command area", "Anbar province").
_TAIL = (r"(?:area|region|province|governorate|district|strait|air base|military base|naval base|base|airbase|"
         r"international airport|airport|airfield|oil field|border crossing)")
# A run's first token is _TOKEN written from its first character on: a pattern that opens with a
# character set lets the regex engine skip in C to the next position that can start a run, where
# a pattern that opens with a lookaround tries a match at every character of the text.
_CAPITALISED_START = (rf"(?:(?<=[{_UPPER}])(?:[a-z]{{0,3}}\.(?:[{_UPPER}][a-z]{{0,3}}\.)+(?![{_UPPER}])"
                      rf"|{_WORD}*(?:[-‐][\w'’\u00C0-\u024F]+)*\.?)"
                      r"|(?<=\d)\d*(?![\w.,]\d))")
_ARTICLE_START = (rf"(?<=a)(?:l|d|r|s|sh|t|z|n)[-‐][{_UPPER}]{_WORD}*"  # _ARTICLE ("ul-" opens no run)
                  rf"|(?<=e)(?:l|d|s|z)[-‐][{_UPPER}]{_WORD}*")
# The engine skips to a run's first character by testing every character of the text against the
# opening set, and the exact set (many letters and \d, a Unicode lookup) costs twice what a few
# ranges do. So the scan opens with ranges that hold it (its non-ASCII letters and digits all lie
# at or past "À") and a lookbehind checks the exact set where a character passes them.
_OPENING = r"[A-Z0-9\u00C0-\U0010FFFF]"
_FIRST_TOKEN = (rf"[A-Z0-9ae\u00C0-\U0010FFFF](?<=[{_UPPER}\dae])"  # _OPENING, with a glued article's "a" or "e"
                rf"(?<![\w'’-].)(?:{_CAPITALISED_START}|{_ARTICLE_START})")  # a run starts no word midway
_RUN_REST = rf"(?:[ \t]+(?:{_CONNECTOR}[ \t]+)*(?:{_TOKEN}))*(?:[ \t]+{_TAIL}(?![\w-]))?"
_RUN = re.compile(rf"{_FIRST_TOKEN}{_RUN_REST}")
# The same runs in a text where none opens with a glued article (most texts): stopping only at
# capitals and digits, not at every "a" and "e", this scan costs a fifth less.
_CAPITALISED_RUN = re.compile(rf"{_OPENING}(?<=[{_UPPER}\d])(?<![\w'’-].){_CAPITALISED_START}{_RUN_REST}")
# Where a run may open with a glued article: "al-", "ash-", "el-" ... before a capital, after no
# letter. It opens with a literal hyphen, which the engine finds fast ("‐" is checked apart).
_ARTICLE_OPENING = re.compile(rf"-(?=[{_UPPER}])(?:(?<=(?<![\w'’-])a[ldrstzn]-)|(?<=(?<![\w'’-])ash-)"
                              rf"|(?<=(?<![\w'’-])e[ldsz]-))")
_TOKEN_IN_RUN = re.compile(rf"{_TOKEN}|(?:{_CONNECTOR}|{_TAIL})(?![\w-])")
_TAIL_WORDS = frozenset({"area", "region", "province", "governorate", "district", "strait", "air", "base",
                         "military", "naval", "airbase", "international", "airport", "airfield", "oil", "field",
                         "border", "crossing"})
_CONNECTORS = frozenset(re.findall(r"\w+", _CONNECTOR))
_POSSESSIVE = re.compile(r"(?:['’]s|s['’])$")
_MODIFIER_TAIL = re.compile(r"[-‐][a-z][\w-]*$")
_TITLE_ABBREVIATION = re.compile(r"(?:^|\s)[A-Z][a-z]{0,3}\.$")
_BETWEEN_NAMES = re.compile(r"[ \t]+(?:and|on|upon)[ \t]+")
_ACRONYM_END = re.compile(r"(?:^|[.\s])[A-Z]\.$")
_CONTRACTION = re.compile(r"['’](?:ll|ve|re|d|m|t)$")
_SHIP_NOUNS = ("tanker", "vessel", "ship", "freighter", "carrier", "dhow", "trawler", "tug", "tugboat", "barge",
               "destroyer", "cruiser", "frigate", "corvette", "submarine", "cutter", "warship", "minesweeper")
_SHIP_NOUN_BEFORE = re.compile(rf"\b(?:{'|'.join(_SHIP_NOUNS)})s?\s+(?:the\s+)?$")
_ARTICLE_NAME = re.compile(rf"{_ARTICLE}[-‐][A-Z]")
_COMMODITY_AFTER = re.compile(r"[ \t]+(?:crude|oil futures|futures)\b")
# The lookbehind changes no match (the leftmost one starts a word) but ends each try inside a
# word at once, where the search would otherwise read to the word's end and back.
_PRECEDING_WORD = re.compile(r"(?<![A-Za-z])([A-Za-z]+)[ \t]+(?:the[ \t]+)?$")

DATA_DIR = Path(__file__).resolve().parent / "data"
# Per-run facts kept on the index (about a kilobyte each, with the run's tokens, names and last
# guard verdict: some 250 MB at most).
WORD_MEMO_LIMIT = 250_000


@lru_cache(maxsize=1)
def match_rules() -> dict:
    """Word lists the guards use (gazetteer/data/match_rules.json; documented there)."""
    rules = json.loads((DATA_DIR / "match_rules.json").read_text(encoding="utf-8"))
    return {k: frozenset(v) if isinstance(v, list) else v for k, v in rules.items() if not k.startswith("_")}


@lru_cache(maxsize=1)
def person_names() -> tuple[frozenset[str], frozenset[str]]:
    """Common given names and surnames: gazetteer/data/person_names.json (built by a script) and
    person_names_mideast.json (kept by hand)."""
    given: set[str] = set()
    surnames: set[str] = set()
    for file in ("person_names.json", "person_names_mideast.json"):
        lists = json.loads((DATA_DIR / file).read_text(encoding="utf-8"))
        given.update(lists["given"])
        surnames.update(lists["surnames"])
    return frozenset(given), frozenset(surnames)


@dataclass(frozen=True, slots=True)
class _Token:
    """A word of a run, with its offsets in the run."""
    text: str
    start: int
    end: int


# A question the guards ask of the text around a run: (text, position) -> yes or no (any value
# with a truth: a regex's match method asks without a Python call of its own).
_Question = Callable[[str, int], object]


class _Surroundings:
    """The text around one run, as the guards see it: each question they ask of it is kept
    with its answer (see _RunVerdict)."""

    __slots__ = ("text", "base", "asked")

    def __init__(self, text: str, base: int) -> None:
        self.text, self.base = text, base
        self.asked: list[tuple[_Question, int, bool]] = []

    def ask(self, question: _Question, offset: int) -> bool:
        """The answer of ``question`` at ``offset`` into the run."""
        answer = bool(question(self.text, self.base + offset))
        self.asked.append((question, offset, answer))
        return answer


@dataclass(frozen=True, slots=True)
class _RunVerdict:
    """What the guards made of a run: its names as (start, end, key, alone, candidates) with
    offsets into the run, the keys it showed to be someone's surname, and the questions asked of
    the text around it with their answers."""
    names: tuple[tuple[int, int, str, bool, tuple], ...]
    surnames: tuple[str, ...]
    ships: tuple[str, ...]  # keys of place names the run showed to be a ship's ("USS Georgia")
    asked: tuple[tuple[_Question, int, bool], ...]
    repeat: tuple | None  # a lone strong name: (offset, length, key, alone, candidates) for find_mentions

    def holds_at(self, text: str, base: int) -> bool:
        """Whether the text around the same run at ``base`` answers every question alike, so
        that the guards, which read nothing else, would decide the same there."""
        for question, offset, answer in self.asked:
            if (not question(text, base + offset)) == answer:  # the truth of the answer differs
                return False
        return True


def find_mentions(text: str, index: PlaceIndex) -> tuple[list[Mention], list[Unresolved]]:
    """Every toponym occurrence in ``text`` with its candidates, and unknown names after "in"/"near"."""
    rules = match_rules()
    if len(index.word_verdicts) > WORD_MEMO_LIMIT:
        index.word_verdicts.clear()  # a long-running process over endless text stays bounded
    mentions: list[Mention] = []
    unresolved: list[Unresolved] = []
    surnames: set[str] = set()
    ships: set[str] = set()
    pending_bare: list[tuple[str, Mention]] = []  # with the key it was found by (see _mention)
    repeats: dict[str, tuple] = {}  # lone strong names: the verdict never changes
    memo = index.word_verdicts
    near_words, directional = rules["near_words"], _directional_keys(index)
    for run in _runs(text):
        word = run.group()
        seen = repeats.get(word)
        if seen is not None:
            offset, length, key, alone, candidates = seen
            start = run.start() + offset
            mention = _mention(text, start, start + length, key, candidates, index, near_words, directional)
            if alone:
                pending_bare.append((key, mention))
            else:
                mentions.append(mention)
            continue
        facts = memo.get(word) or _run_facts(word, index, rules)  # the lookup inline: once per run
        if facts.nameless:
            # One capitalised word that starts no name ("He", "Trump"), or a run none of whose words
            # does ("Defense Secretary Lloyd"): the common case, kept cheap.
            if facts.surface is not None:  # most are never reported ("The", "He", a month)
                missed = _unresolved_candidate(text, run.start(), facts, rules)
                if missed:
                    unresolved.append(missed)
            continue
        base = run.start()
        # The guards read the run's words and ask a few questions of the text around it ("crude"
        # after "Dubai", "in" before "Mobile"). The same runs recur in every article, so a run's
        # verdict is remembered with those questions and their answers, and reused wherever the
        # answers are the same.
        verdict = facts.verdict
        if verdict is None or not verdict.holds_at(text, base):
            verdict = facts.verdict = _guard_run(facts.text, facts.tokens, facts.hits, _Surroundings(text, base),
                                                 index, rules)
        if verdict.surnames:
            surnames.update(verdict.surnames)
        if verdict.ships:
            ships.update(verdict.ships)
        for start, end, key, alone, candidates in verdict.names:
            mention = _mention(text, base + start, base + end, key, candidates, index, near_words, directional)
            if alone:
                pending_bare.append((key, mention))
            else:
                mentions.append(mention)
        if verdict.repeat is not None:
            repeats[word] = verdict.repeat
        if not verdict.names:
            missed = _unresolved_candidate(text, base, facts, rules)
            if missed:
                unresolved.append(missed)
    # A bare name that the article also uses as someone's surname is that person.
    # A bare name that the article also uses as someone's surname is that person; one it uses as a
    # ship's name is the ship, unless it says where a place is ("Kings Bay, Georgia").
    mentions.extend(m for key, m in pending_bare
                    if key not in surnames and (key not in ships or _qualifies_a_place(text, m)))
    mentions = _county_lists(text, mentions, index)
    mentions.sort(key=attrgetter("start"))
    return mentions, unresolved


def _qualifies_a_place(text: str, mention: Mention) -> bool:
    """"Naval Submarine Base Kings Bay, Georgia": after a name and a comma, a place name says where
    that place is, even in an article about the submarine USS Georgia."""
    if text[mention.start - 2:mention.start] != ", ":
        return False
    before = text[max(0, mention.start - 40):mention.start - 2].rsplit(None, 1)
    return bool(before) and before[-1][:1].isupper()


def _runs(text: str):
    """The runs of capitalised words in ``text``, with the cheaper scan where it finds the same."""
    if "‐" in text:
        return _RUN.finditer(text)
    openings = [m.start() - (2 if text[m.start() - 2] in "ae" else 3) for m in _ARTICLE_OPENING.finditer(text)]
    if openings:
        return _runs_around_articles(text, openings)
    return _CAPITALISED_RUN.finditer(text)


def _runs_around_articles(text: str, openings: list[int]):
    """_RUN's runs in a text where some open with a glued article (at ``openings``, in order): the
    cheaper scan finds the others, and _RUN, which tries every "a" and "e", reads only those."""
    pos = 0
    for opening in openings:
        if opening < pos:
            continue  # inside a run found already ("Ain al-Asad")
        for run in _CAPITALISED_RUN.finditer(text, pos):
            if run.start() > opening:
                break  # found again after the article's run, unless that run covers it
            yield run
            pos = run.end()
            if pos > opening:
                break
        if pos <= opening:
            run = _RUN.match(text, opening)
            yield run
            pos = run.end()
    yield from _CAPITALISED_RUN.finditer(text, pos)


def _run_hits(run_text: str, index: PlaceIndex) -> tuple[tuple[_Token, ...], tuple]:
    """The run's tokens and its longest known names, left to right, as offsets into the run:
    (token, ...), ((i, j, start, end, key), ...) for tokens i..j-1.

    Which names a run holds depends on its words alone (the guards, which read the
    surrounding text, come after).
    """
    if " " in run_text or "\t" in run_text:
        tokens = [_Token(m.group(), m.start(), m.end()) for m in _TOKEN_IN_RUN.finditer(run_text)]
    else:
        tokens = [_Token(run_text, 0, len(run_text))]
    hits = []
    i, n = 0, len(tokens)
    while i < n:
        if (tokens[i].text in _CONNECTORS or tokens[i].text in _TAIL_WORDS or tokens[i].text == "The"
                or tokens[i].text.isdigit()):
            i += 1
            continue
        hit = _longest_name_at(run_text, tokens, i, index)
        if hit is None:
            i += 1
            continue
        hits.append((i, *hit))  # (i, j, start, end, key)
        i = hit[0]
    return tuple(tokens), tuple(hits)


_CLASS_OF_SHIPS = ("-class", "‐class")


def _guard_run(run_text: str, tokens: tuple[_Token, ...], hits: tuple, surroundings: _Surroundings,
               index: PlaceIndex, rules: dict) -> _RunVerdict:
    """Each name of the run through the guards; a name says if it stood alone (a possible surname)."""
    names: list[tuple[int, int, str, bool, tuple]] = []
    surnames: list[str] = []
    ships: list[str] = []
    n = len(tokens)
    for i, j, start, end, key in hits:
        if run_text.startswith(_CLASS_OF_SHIPS, end):
            continue  # "an Ohio-class submarine": a class of ships, not the state
        verdict = _guard(run_text, tokens, i, j, key, index, rules, names, surroundings)
        if verdict == "surname":
            surnames.append(key)
        elif verdict == "ship":
            ships.append(key)
        elif verdict == "ok":
            alone = n == 1 or (i == 0 and j == n) or (i == 1 and j == n and tokens[0].text == "The")
            names.append((start, end, key, alone, index.candidates(key)))
    repeat = None
    if n == 1 and len(names) == 1 and index.traits(names[0][2])[2]:  # its verdict never changes in an article
        start, end, key, alone, candidates = names[0]
        repeat = (start, end - start, key, alone, candidates)
    return _RunVerdict(tuple(names), tuple(surnames), tuple(ships), tuple(surroundings.asked), repeat)


def _longest_name_at(text: str, tokens: list[_Token], i: int, index: PlaceIndex):
    """The longest token span starting at ``i`` whose key the index knows: (j, start, end, key).
    A glued Arabic article the index does not write is read past ("Al-Harir air base" is
    Harir Air Base)."""
    hit = _longest_name_from(text, tokens, i, tokens[i].start, tokens[i].text, index)
    if hit is None and (glued := _GLUED_ARTICLE.match(tokens[i].text)):
        skip = glued.end()
        hit = _longest_name_from(text, tokens, i, tokens[i].start + skip, tokens[i].text[skip:], index)
    return hit


_GLUED_ARTICLE = re.compile(r"(?:[Aa]l|[Ee]l)[-‐](?=[A-Z])")


def _longest_name_from(text: str, tokens: list[_Token], i: int, start: int, first: str, index: PlaceIndex):
    if not _may_start_name(first, index):
        return None
    last = min(len(tokens), i + index.max_tokens)
    reach = i + 1  # no name runs past the first whole-token span that opens none
    while reach < last and name_key(text[start:tokens[reach - 1].end]) in index.prefixes:
        reach += 1
    for j in range(reach, i, -1):
        if tokens[j - 1].text in _CONNECTORS:
            continue
        end = tokens[j - 1].end
        for end_variant in _end_variants(text, start, end):
            key = name_key(text[start:end_variant])
            if key in index:  # the span keeps a glued article read past: "Al-Harir air base"
                return j, tokens[i].start, _keep_abbreviation_period(text, start, end_variant, key, index), key
    return None


class _RunFacts:
    """What a run of capitalised words says whatever surrounds it: whether any of its words opens
    a known name, its tokens and longest names, and the part of it to report after "in" as an
    unknown place when it names none. The same runs ("The", "He", "Iraq", "Defense Secretary Lloyd
    Austin") recur in every article, so this is remembered per run text (see _run_facts), with
    the guards' last verdict on it."""

    __slots__ = ("text", "nameless", "surface", "tokens", "hits", "verdict")

    def __init__(self, run_text: str, index: PlaceIndex, rules: dict) -> None:
        self.text = run_text
        if " " in run_text or "\t" in run_text:
            words = _TOKEN_IN_RUN.findall(run_text)
            opens = any(_may_start_name(w, index) for w in words
                        if not (w in _CONNECTORS or w in _TAIL_WORDS or w == "The" or w.isdigit()))
            self.nameless = bool(words) and not opens
        else:
            words = [run_text]
            self.nameless = not _single_word_known(run_text, index)
        self.tokens, self.hits = ((), ()) if self.nameless else _run_hits(run_text, index)
        self.surface = _reportable_surface(run_text, len(words), rules, index)
        self.verdict: _RunVerdict | None = None


def _run_facts(run_text: str, index: PlaceIndex, rules: dict) -> _RunFacts:
    """The facts of a run, remembered on the index for the life of the process."""
    facts = index.word_verdicts.get(run_text)
    if facts is None:
        facts = index.word_verdicts[run_text] = _RunFacts(run_text, index, rules)
    return facts


def _may_start_name(token: str, index: PlaceIndex) -> bool:
    """Whether some name begins with this token (as written or without a possessive);
    remembered per token, since the same capitalised words open most runs."""
    verdict = index.word_verdicts.get(("start", token))
    if verdict is None:
        verdict = index.word_verdicts[("start", token)] = (
            _first_word(token) in index.first_words
            or _first_word(_POSSESSIVE.sub("", token)) in index.first_words)
    return verdict


def _single_word_known(word: str, index: PlaceIndex) -> bool:
    """Whether a lone capitalised word (or its head: "Iran’s", "Iran-backed", "Iran.") is a name."""
    if name_key(word) in index:
        return True
    head = _MODIFIER_TAIL.sub("", _POSSESSIVE.sub("", word.rstrip(".")))
    return head != word and name_key(head) in index


def _first_word(token: str) -> str:
    """The first word of a token's key ("al qaim" -> "al", "Iran-backed" -> "iran")."""
    return name_key(token).split(" ", 1)[0]


def _keep_abbreviation_period(text: str, start: int, end: int, key: str, index: PlaceIndex) -> int:
    """"Ind." and "Calif." keep their period in the mention; "Iran." at a sentence end does not."""
    if text[end:end + 1] != "." or end - start > 8:
        return end
    if any(name_key(p.name) == key for p in index.candidates(key)):
        return end
    return end + 1


def _end_variants(text: str, start: int, end: int) -> list[int]:
    """The span as written, without a possessive ("Iran’s"), without a modifier ("Iran-backed")."""
    surface = text[start:end]
    if not surface.endswith((".", "s", "'", "’")) and "-" not in surface and "‐" not in surface:
        return [end]  # the common case: nothing to strip
    ends = [end]
    if surface.endswith(".") and not _ACRONYM_END.search(surface):
        ends.insert(0, end - 1)  # a sentence's full stop, but "U.S." keeps its own
    possessive = _POSSESSIVE.search(surface)
    if possessive:
        ends.append(start + possessive.start() + (1 if surface.endswith(("s'", "s’")) else 0))
    modifier = _MODIFIER_TAIL.search(surface)
    if modifier:
        ends.append(start + modifier.start())
    return ends


def _guard(run_text: str, tokens: tuple[_Token, ...], i: int, j: int, key: str, index: PlaceIndex,
           rules: dict, found: list, surroundings: _Surroundings) -> str:
    """"ok", "skip" (not a place here), "surname" (part of a person's name) or "ship" (a ship named
    like a place). It reads the run and asks ``surroundings`` of the text around it, nothing else."""
    candidates = index.candidates(key)
    curated, country, strong = index.traits(key)
    surface = run_text[tokens[i].start:tokens[j - 1].end]
    if strong and not (curated or country or surface.endswith(".")) and _abbreviated_division(key, candidates):
        strong = False  # "Man" opening a headline is a man; "Man." in place context is Manitoba
    after = tokens[j] if j < len(tokens) else None
    if after is not None and not country and _ARTICLE_NAME.match(after.text):
        return "skip"  # "Dhahran al-Janoub" is not Dhahran: a longer name the index does not know
    if after is not None and (after.text.isdigit() or (
            not country and after.text.rstrip(".") in rules["organisation_words"])):
        return "skip"  # "Washington Post", "Tehran Times", "Kurdistan 24"; but "U.S. Army" is the US
    if not country and surroundings.ask(_news_outlet_after, tokens[j - 1].end):
        return "skip"  # "the Fars news agency"
    if j == len(tokens) and not country and surroundings.ask(_ship_apposition_after, tokens[j - 1].end):
        return "ship"  # "The Konarak, a light logistics vessel", and "the damaged Konarak" later
    if _CONTRACTION.search(surface):
        return "skip"  # "I'll", "I'd": a pronoun and a verb, not "Ill." for Illinois
    if key in rules["never_places"] or surroundings.ask(_commodity_after, tokens[j - 1].end):
        return "skip"  # "Brent crude", "Dubai crude": an oil price, not a place
    before = tokens[i - 1] if i > 0 else None
    if before is not None and _in_a_ship_name(tokens, i, rules):
        return "ship" if strong else "surname"  # "USS Carney" is a ship, and so are "the Carney" and "Georgia" later
    if i == 0 and not strong and surroundings.ask(_ship_noun_before, tokens[0].start):
        return "surname"  # "the tanker Richmond Voyager", "the bulk carrier Sophie II": a ship's name
    if before is not None and before.text.rstrip(".").lower() in rules["titles"]:
        return "skip" if strong else "surname"  # "President Obama", "Gen. McKenzie"
    if before is not None and _is_given_name(before, index, rules, found, surroundings):
        return "skip" if curated else "surname"  # "Lloyd Austin", "Michael Jordan", and later "Jordan said"
    if after is not None and not curated and not _POSSESSIVE.search(tokens[j - 1].text) \
            and _is_name_word(after, index, rules):
        return "skip"  # a first name: "David Ignatius", "Hassan Rouhani"
    if not strong and j == i + 1 and _named_like_a_person(tokens, i, key):
        return "skip" if after is not None else "surname"  # "David Mills", "Boyd J. Jones"
    if not strong and after is None and key in person_names()[1] \
            and surroundings.ask(_speaks_after, tokens[j - 1].end) \
            and not surroundings.ask(_place_context, tokens[i].start):
        return "surname"  # '"It was choking," Taylor said.', but not "underwriters in London said"
    if not strong and after is not None and after.text == "of" and j == i + 1:
        return "skip"  # "University of ...", "Chamber of Commerce" reads the other way
    written_as_acronym = surface.replace(".", "").isupper()
    if written_as_acronym and not strong and len(key) <= 5 and not surroundings.ask(_dateline, tokens[i].start):
        return "skip"  # "DAC", "BRIHI": codes and shouting, not a town's alternate name
    trusted = curated and key not in index.common_words  # "Taji" is the camp; "Gulf" may be any gulf
    short_alias = (len(key) <= 4 and not written_as_acronym and not trusted
                   and all(name_key(p.name) != key for p in candidates))
    if short_alias or (not strong and (key in index.common_words or len(key) <= 3)):
        # "Kan." for Kansas, "Hit" in Anbar, "Mobile": only as a place after "in", or ", "
        return "ok" if surroundings.ask(_place_context, tokens[i].start) else "skip"
    return "ok"


def _in_a_ship_name(tokens: list[_Token], i: int, rules: dict) -> bool:
    """After "USS" or "HMS" in the same name: "USS Carney", "USS Harry S. Truman"."""
    for token in reversed(tokens[:i]):
        if token.text in rules["vessel_prefixes"]:
            return True
        if token.text in _CONNECTORS:
            return False  # "USS Carney in Aden": the port is a place
    return False


def _abbreviated_division(key: str, candidates) -> bool:
    """Whether the name's division readings all come from an abbreviation ("Man." for Manitoba)."""
    return all(name_key(p.name) != key for p in candidates if p.kind == "admin1")


def _named_like_a_person(tokens: list[_Token], i: int, key: str) -> bool:
    """A town named like a person, used as one: a given name before a surname ("Mary Walker",
    "Mary Z. Connaughton"), or a surname after a middle initial ("Boyd J. Jones")."""
    given, surnames = person_names()
    after = tokens[i + 1] if i + 1 < len(tokens) else None
    if after is not None:
        return key in given and (after.text.lower() in surnames or _is_initial(after.text))
    return i >= 2 and key in surnames and _is_initial(tokens[i - 1].text) and tokens[i - 2].text.lower() in given


def _is_initial(word: str) -> bool:
    return len(word) == 2 and word[1] == "." and word[0].isupper()


def _is_name_word(token: _Token, index: PlaceIndex, rules: dict) -> bool:
    """A capitalised word that is no place, no common word and no connector: part of a name."""
    bare = token.text.rstrip(".")
    lower = bare.lower()
    if token.text in _CONNECTORS or not bare.isalpha() or bare.isupper():
        return False
    return (name_key(bare) not in index and lower not in index.common_words
            and lower not in rules["place_prefixes"] and not lower.endswith(tuple(rules["adjective_endings"])))


def _is_given_name(token: _Token, index: PlaceIndex, rules: dict, found: list, surroundings: _Surroundings) -> bool:
    """A capitalised word before a place name that makes it a surname ("Lloyd Austin", "Mike Pompeo").

    Common words count as given names too ("Mark", "Frank") unless they open the sentence,
    where any word is capitalised ("Near Kirkuk", "Officials in ...").
    """
    bare = token.text.rstrip(".")
    lower = bare.lower()
    if token.text in _CONNECTORS or not bare.isalpha() or bare.isupper() or token.text.endswith("."):
        return False
    if any(name[1] == token.end for name in found):
        return False
    if lower in person_names()[0]:
        return True  # "David Robinson": a given name even where a town bears it
    if name_key(bare) in index:
        return False
    if lower in rules["place_prefixes"] or lower.endswith(tuple(rules["adjective_endings"])):
        return False
    if lower in rules["function_words"]:
        return False
    if lower in index.common_words:
        return not surroundings.ask(_opens_sentence, token.start)
    return True


# A verb of speech right after a bare name: people speak, towns rarely do.
_SPEAKS = re.compile(r"[ \t]+(?:said|says|told|added|asked|wrote|explained|noted|replied|recalled)\b")
_DATELINE_AFTER = re.compile(r"[A-Z.'’ -]*(?:,|\s*\(|\s+[—–-])")


_DATELINE_LEAD = re.compile(r"\s*(?:[A-Z][A-Z .\'-]*/)*")  # "WASHINGTON/" before a second dateline city


def _dateline(text: str, start: int) -> bool:
    """"DUBAI (wire) —", "BAGHDAD, Iraq (AP) —", "WASHINGTON/DUBAI (wire) —": a wire story's dateline
    opens its first line."""
    line_start = text.rfind("\n", 0, start) + 1
    return bool(_DATELINE_LEAD.fullmatch(text, line_start, start)) and bool(_DATELINE_AFTER.match(text, start))


def _opens_sentence(text: str, start: int) -> bool:
    """True at the start of a sentence; "Gen. Frank" is a title, not a sentence break."""
    before = text[max(0, start - 12):start].rstrip(" \t\"“'‘(")
    if not before:
        return True
    if before[-1] == "." and _TITLE_ABBREVIATION.search(before):
        return False
    return before[-1] in ".!?:\n"


def _place_context(text: str, start: int) -> bool:
    """A preposition of place just before ("in Mobile"), a comma qualifier ("Wichita, Kan."), or
    the next name of a list that one opened ("fired at Nahariya and Acre")."""
    before = text[max(0, start - 40):start]
    if before.endswith(", ") and before[-3:-2].isalpha():
        return True
    prepositions = match_rules()["place_prepositions"]
    word = _PRECEDING_WORD.search(before)
    if word is not None and word.group(1).lower() in prepositions:
        return True
    if not before.rstrip(" \t\n").endswith(_LIST_JOINS):
        return False  # most names follow no "and" or "or": the list regex, which tries every position, is not asked
    word = _LIST_AFTER_PREPOSITION.search(before)
    return word is not None and word.group(1).lower() in prepositions


_LIST_AFTER_PREPOSITION = re.compile(r"\b([A-Za-z]+)[ \t]+(?:the[ \t]+)?[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*)?[ \t]+(?:and|or)[ \t]+$")
_LIST_JOINS = (" and", "\tand", " or", "\tor")  # how a text it finds ends, its last spaces (and a newline) stripped


# "Brent crude", "Dubai crude": an oil price follows the name (a match or None, see _Question).
_commodity_after = _COMMODITY_AFTER.match
# "the Fars news agency", "Saba news agency": an outlet named after a province or a town.
_news_outlet_after = re.compile(r"[ \t]+news[ \t]+agency\b").match
# "The Konarak, a light logistics vessel, was hit": an apposition that says the name is a ship's.
_ship_apposition_after = re.compile(rf",[ \t]+an?[ \t]+(?:[\w-]+[ \t]+){{0,3}}?(?:{'|'.join(_SHIP_NOUNS)})\b").match


def _ship_noun_before(text: str, start: int) -> bool:
    """"the tanker Richmond Voyager": a noun for a ship stands before the name."""
    if not text[max(0, start - 30):start].rstrip().endswith(_SHIP_NOUN_ENDINGS):
        return False  # the common case, told without the regex's try at every position
    return _SHIP_NOUN_BEFORE.search(text, max(0, start - 30), start) is not None


_SHIP_NOUN_ENDINGS = (*_SHIP_NOUNS, *(f"{noun}s" for noun in _SHIP_NOUNS), "the")  # as _SHIP_NOUN_BEFORE's texts end


# A verb of speech follows the name: '"It was choking," Taylor said.' (a match or None).
_speaks_after = _SPEAKS.match


_DIRECTIONS = ("eastern", "western", "northern", "southern", "northeastern", "northwestern", "southeastern",
               "southwestern", "central", "east", "west", "north", "south", "upper", "lower")
_DIRECTION_BEFORE = re.compile(rf"\b({'|'.join(_DIRECTIONS)})[ \t]+$")


_NAME = r"[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+)?"
_COUNTY_LIST = re.compile(rf"({_NAME}(?:, {_NAME})*),? and ({_NAME}) (counties|parishes)\b")


def _county_lists(text: str, mentions: list[Mention], index: PlaceIndex) -> list[Mention]:
    """"Douglas and Wyandotte counties": each name is a county, not a namesake town."""
    if "counties" not in text and "parishes" not in text:
        return mentions
    by_start = {m.start: m for m in mentions}
    for match in _COUNTY_LIST.finditer(text):
        suffix = "County" if match.group(3) == "counties" else "Parish"
        names = [(m.start(), m.group()) for m in re.finditer(_NAME, match.group(0)[:match.start(3) - match.start()])]
        for offset, name in names:
            key = name_key(f"{name} {suffix}")
            if key in index:
                start = match.start() + offset
                by_start[start] = Mention(name, start, start + len(name), key, index.candidates(key))
    return list(by_start.values())


def _directional_keys(index: PlaceIndex) -> frozenset[str]:
    """The keys of places the index also knows a part of by direction ("mediterranean", for
    "eastern mediterranean"). Few are, so one set lookup per mention rules out the rest; the set
    is made once per index (a few milliseconds) and kept with its memo."""
    found = index.word_verdicts.get(_DIRECTIONAL_KEYS)
    if found is None:
        directions = frozenset(_DIRECTIONS)
        found = index.word_verdicts[_DIRECTIONAL_KEYS] = frozenset(
            rest for first, _, rest in (key.partition(" ") for key in index.keys) if rest and first in directions)
    return found


_DIRECTIONAL_KEYS = ("directional keys",)  # its entry in the index's memo


def _with_direction(text: str, mention: Mention, index: PlaceIndex) -> Mention:
    """"the eastern Mediterranean" is its own place when the index knows it, not the whole sea."""
    before = text[max(0, mention.start - 16):mention.start]
    if not before.rstrip(" \t").endswith(_DIRECTIONS):
        return mention  # the common case, checked without the regex's try at every position
    m = _DIRECTION_BEFORE.search(text, max(0, mention.start - 16), mention.start)
    if not m:
        return mention
    key = f"{m.group(1)} {mention.key}"
    if key not in index:
        return mention
    return Mention(text[m.start(1):mention.end], m.start(1), mention.end, key, index.candidates(key),
                   modifier=mention.modifier, qualifier=mention.qualifier)


def _mention(text: str, start: int, end: int, key: str, candidates: tuple, index: PlaceIndex,
             near_words: frozenset[str], directional: frozenset[str]) -> Mention:
    """The mention of ``key`` at ``text[start:end]``, read with the words before it: "near" makes
    a qualifier, and a direction word makes it the part of the place the index knows by it
    ("eastern Mediterranean"; ``directional``: the keys that have such parts)."""
    words = text[start - 30 if start > 30 else 0:start].rsplit(None, 3)
    last = words[-1].lower() if words else ""
    if last in near_words:
        qualifier = "near"  # "near Kirkuk", "outside Kirkuk"
    elif last == "of" or last == "the":
        qualifier = _qualifier(words[-3:], near_words)  # "north of Kirkuk", "near the ..."
    else:
        qualifier = None  # most: "in Kirkuk", "said Kirkuk", decided by the last word
    # "Iran-backed", "U.S.-led": the name qualifies a noun rather than naming a place.
    modifier = end < len(text) - 1 and text[end] in "-‐" and text[end + 1].islower()
    # Positional: one is made per mention, and keywords cost a dataclass call more.
    mention = Mention(text[start:end], start, end, key, candidates, modifier, qualifier)
    if key in directional and last.endswith(_DIRECTIONS):  # the word before ends like a direction
        return _with_direction(text, mention, index)
    return mention


def _qualifier(before: list[str], near_words: frozenset[str]) -> str | None:
    """"near" for "near Kirkuk", "outside Kirkuk" and "north of Kirkuk"; None for "in Kirkuk".
    ``before``: the last (up to three) words before the name, as written."""
    if not before:
        return None
    last = before[-1].lower()
    if last in near_words:
        return "near"
    if last != "of" and last != "the":
        return None  # the common case, "in Kirkuk" or "said Kirkuk", decided by the last word
    words = [w.lower() for w in before]
    if near_words.isdisjoint(words):
        return None  # "in the city", "most of the": no word of nearness at all
    words = [w for w in words if w != "the"]
    if words and words[-1] in near_words:
        return "near"
    if len(words) >= 2 and words[-1] == "of" and words[-2] in near_words:
        return "near"
    return None


def _unresolved_candidate(text: str, start: int, facts: _RunFacts, rules: dict) -> Unresolved | None:
    """A capitalised name right after "in", "near", "at" ... that no layer knows."""
    if facts.surface is None:
        return None  # a month, a demonym ...: never reported, whatever stands before it
    preposition = _preposition_before(text, start, rules)
    if not preposition:
        return None
    return Unresolved(surface=facts.surface, start=start, end=start + len(facts.surface), preposition=preposition)


def _preposition_before(text: str, start: int, rules: dict) -> str | None:
    """The place preposition ("in", "near" ...) just before ``start``, skipping a "the"."""
    before = text[max(0, start - 16):start].split()
    if before and before[-1].lower() == "the":
        before.pop()
    preposition = before[-1].lower() if before else ""
    return preposition if preposition in rules["unresolved_prepositions"] else None


def _reportable_surface(run_text: str, n_tokens: int, rules: dict, index: PlaceIndex) -> str | None:
    """The part of a run worth reporting as an unknown place, or None (a month, a demonym ...)."""
    surface = _POSSESSIVE.sub("", _BETWEEN_NAMES.split(run_text)[0].rstrip("."))
    if not surface:
        return None
    first = surface.split()[0].lower()
    if (first in rules["not_unresolved"] or first in index.common_words or len(surface) < 3
            or surface.isupper() or not surface[0].isalpha()
            or (n_tokens == 1 and first.endswith(tuple(rules["demonym_endings"])))):
        return None
    return surface
