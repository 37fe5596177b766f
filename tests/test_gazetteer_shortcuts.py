"""The mention finder's and resolver's shortcuts find what the plain way finds.

Each shortcut answers a question more cheaply than the regex or the word-by-word reading it
stands for; these tests hold it to the plain answer on the cases it was written around.
"""
from __future__ import annotations

import random
import re

import pytest

from gazetteer import match
from gazetteer.resolve import _describing_word


def _spans(matches) -> list[tuple[int, int]]:
    return [m.span() for m in matches]


@pytest.mark.parametrize("text", [
    "Rockets hit Ain al-Asad Air Base in Anbar, and al-Asad was quiet. Deir ez-Zor and Raqqa.",
    "al-Qaim at the start; U.S.al-Asad; an-Nasiriyah, ash-Shirqat and el-Arish near Al-Harir air base.",
    "Forces in Deir ez-Zor Province met al-Hashd al-Shaabi near Abu Kamal. Ez-Zor. Oz-Zor. mal-Asad.",
    "Nothing glued here: Baghdad, Kirkuk and the U.S. Central Command area.",
])
def test_runs_are_the_general_scans(text):
    assert _spans(match._runs(text)) == _spans(match._RUN.finditer(text))


def test_runs_are_the_general_scans_on_random_text():
    rng = random.Random(11)
    pieces = list("aelsAEZ09-’'. \t\nÀÉéxN,") + ["al-", "ash-", "el-", "ez-", " of ", " the ", " air base",
                                                   "U.S.", "Al-Asad", " and ", "Ain ", "al-Asad", " Deir ez-Zor"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 30)))
        assert _spans(match._runs(text)) == _spans(match._RUN.finditer(text)), text


def _describes_plainly(text: str, end: int) -> bool:
    """The plain reading: the next word is capitalised, or in lower case a describing noun."""
    after = re.match(r"[ \t]+([A-Za-z][\w-]*)", text[end:])
    if after is None:
        return False
    word = after.group(1)
    return word[0].isupper() or word.lower() in match.match_rules()["describing_followers"]


@pytest.mark.parametrize("after", [" Navy", " military", " MILITARY", " miLitary", "  forces", "\tforces",
                                   " forces-led", " forces2", " forcesé", " said", "’s military", ".", "",
                                   " tan\u212aer", " \u212aurdish", " ſervice", " service", " services"])
def test_describing_word_is_the_plain_reading(after):
    text = "Iran" + after
    assert bool(_describing_word().match(text, 4)) == _describes_plainly(text, 4)
