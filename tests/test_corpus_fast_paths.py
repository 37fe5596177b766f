"""The corpus reader's shortcuts give what the long way gives: one stat per file, a read sized
by that stat, and a byte-level check that clears texts with no control character."""
from __future__ import annotations

import io
import random
from pathlib import Path

import pytest

from geomap.corpus import _CONTROL_CHARS, _may_hold_control_chars, _read_up_to, iter_articles


def test_a_file_that_grew_since_its_stat_is_read_up_to_the_limit():
    data = b"x" * 50
    assert _read_up_to(io.BytesIO(data), 50, 51) == data  # as found
    assert _read_up_to(io.BytesIO(data), 30, 31) == data[:31]  # grew: one byte more tells
    assert _read_up_to(io.BytesIO(data), 10, 31) == data[:31]  # grew past the limit
    assert _read_up_to(io.BytesIO(data), 10, 100) == data  # grew, still under it
    assert _read_up_to(io.BytesIO(data[:5]), 10, 100) == data[:5]  # shrank


def test_a_symlink_to_an_article_is_read(tmp_path: Path):
    (tmp_path / "2020-01-02_a.txt").write_text("US forces struck a base.\n", encoding="utf-8")
    (tmp_path / "2020-01-02_b.txt").symlink_to(tmp_path / "2020-01-02_a.txt")
    problems = []
    articles = list(iter_articles(tmp_path, report=problems.append))
    assert [a.text for a in articles] == ["US forces struck a base.\n"] * 2
    assert problems == []


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252"])
def test_the_byte_check_never_clears_a_text_holding_a_control_character(encoding):
    rng = random.Random(7)
    pieces = ["a", " ", "\n", "\t", "\r", "\x0c", "\x0b", "\x1f", "\x7f", "\x85", "\x9f", "\xa0", "é", "’", "€"]
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 6)))
        raw = text.encode(encoding, errors="ignore")
        decoded = raw.decode(encoding, errors="replace")
        if _CONTROL_CHARS.search(decoded):
            assert _may_hold_control_chars(raw), raw


def test_the_byte_check_clears_ordinary_prose():
    assert not _may_hold_control_chars("The “Tower 22” strike — 3 killed.\r\n\tOfficials said…".encode())
    assert _may_hold_control_chars("a C1 control: \x85".encode())
