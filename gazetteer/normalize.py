"""Folding place names to lookup keys, so "Tikrīt", "Al-Qa'im" and "Al Qa’im" meet in one key."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Apostrophe-like marks (curly quotes, Arabic transliteration ayn/hamza, primes) all vanish
# from keys: "Qa'im", "Qa’im", "Qaʿim" and "Qaim" are one name.
_APOSTROPHES = "'\u2018\u2019\u02bc\u02bb\u02be\u02bf\u2032`\u00b4"
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2212"
_DROP = str.maketrans({c: None for c in _APOSTROPHES + "."})
_SPACE = str.maketrans({c: " " for c in _DASHES + ",/()"})
_MULTISPACE = re.compile(r"\s+")
# Letters NFKD does not decompose to ASCII.
_SPECIAL = str.maketrans({"ı": "i", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ł": "l", "Ł": "L",
                          "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ð": "d", "þ": "th"})


def fold(text: str) -> str:
    """Strip diacritics and compatibility forms, keeping the length-changing steps out of spans."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=200_000)
def name_key(name: str) -> str:
    """The lookup key of a name: folded, lower case, no apostrophes or periods, one space.

    A leading "the" goes too, since news writes both "the Gulf of Oman" and "Gulf of Oman".
    """
    key = fold(name).translate(_DROP).translate(_SPACE).lower()
    key = _MULTISPACE.sub(" ", key).strip()
    if key.startswith("the "):
        key = key[4:]
    return key


def is_latin(name: str) -> bool:
    """True when every letter is Latin script: other scripts never occur in English news text."""
    return all(ord(c) < 0x250 or unicodedata.category(c)[0] != "L" for c in name)
