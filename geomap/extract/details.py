"""What a sentence says about an event besides where and when: assets, actors, casualties."""
from __future__ import annotations

import re
from functools import cached_property, lru_cache

from geomap.extract.lexicon import Lexicon
from geomap.extract.triggers import Trigger

# Each prefix is a literal with its word boundary checked behind it ("\bUSS" is "USS(?<!\wUSS)"), so
# the regex engine only stops at a U, H, I or F: three times faster over a whole article.
_SHIP_NAME = re.compile(r"(?:USS(?<!\wUSS)|HMS(?<!\wHMS)|INS(?<!\wINS)|FS(?<!\wFS)|HMCS(?<!\wHMCS))"
                        r"\s+((?:[A-Z][\w.]*\s+){0,3}[A-Z][\w]+)")


def ship_short_names(text: str) -> re.Pattern | None:
    """"USS Gerald R. Ford" is "the Ford" later in the article: an asset by its short name."""
    names = {m.group(1).split()[-1] for m in _SHIP_NAME.finditer(text)}
    names = {n for n in names if len(n) > 2}
    return re.compile(r"\b(?:the\s+)?(" + "|".join(sorted(map(re.escape, names))) + r")\b") if names else None


class ShipNames:
    """An article's :func:`ship_short_names`, read when first asked for: a scan of the whole
    article that most articles never need (only a movement with no asset near it asks)."""

    def __init__(self, text: str) -> None:
        self._text = text

    @cached_property
    def pattern(self) -> re.Pattern | None:
        return ship_short_names(self._text)


@lru_cache(maxsize=4096)
def _asset_mentions(text: str, lexicon: Lexicon) -> tuple[tuple[int, str, str, int], ...]:
    """(offset, name, class, end) of every asset; a ship named after its kind ("the tanker Central
    Park") goes by its name."""
    return tuple(sorted((m.start(), _asset_name(m), kind, m.end()) for kind, rule in lexicon.assets
                        for m in rule.finditer(text)))


def asset_ends(text: str, lexicon: Lexicon) -> frozenset[int]:
    """Where each asset mention ends: a participle right after one describes it."""
    return frozenset(end for *_, end in _asset_mentions(text, lexicon))


def _asset_name(match: re.Match) -> str:
    return match.group("name") if match.re.groupindex.get("name") and match.group("name") else match.group()


# An asset named this far before a trigger's window still belongs to it ("the USS Laboon,
# patrolling the area, shot down ...").
ASSET_REACH = 120


def assets_near(text: str, window: tuple[int, int], lexicon: Lexicon, movers: bool = False) -> tuple[str, ...]:
    """Assets named in or just before the trigger's window; ``movers``: only forces that deploy
    (a merchant ship "sailing in the Red Sea" when hit is no movement)."""
    found = [(start, name) for start, name, kind, _ in _asset_mentions(text, lexicon)
             if window[0] - ASSET_REACH <= start < window[1] and not (movers and kind == "vessel")]
    names = []
    for _, name in sorted(found):
        if not any(name.lower() in n.lower() for n in names):
            names.append(name)
    return tuple(names[:6])


def vessels_near(text: str, window: tuple[int, int], lexicon: Lexicon) -> tuple[str, ...]:
    """Ships named after their kind near the trigger ("the bulk carrier Sophie II"): what an
    attack or seizure hit, which tells two same-day attacks in one sea apart."""
    return tuple(dict.fromkeys(name for start, name, kind, _ in _asset_mentions(text, lexicon)
                               if kind == "vessel" and window[0] - ASSET_REACH <= start < window[1]))


@lru_cache(maxsize=4096)
def actors_in(text: str, lexicon: Lexicon) -> tuple[str, ...]:
    return tuple(name for name, rule in lexicon.actors if rule.search(text))


def casualties(text: str, lexicon: Lexicon) -> tuple[int | None, int | None]:
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


def confidence_of(trigger: Trigger, precision: str) -> float:
    return _confidence(trigger.type not in ("other_attack", "other"), precision)


@lru_cache(maxsize=64)  # a handful of (specific, precision) pairs; rounding each time is slow
def _confidence(specific: bool, precision: str) -> float:
    score = 0.6 if specific else 0.45
    if precision in ("point", "near", "city"):
        score += 0.15
    elif precision == "country":
        score -= 0.1
    return round(min(0.95, max(0.1, score)), 2)
