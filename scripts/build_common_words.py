#!/usr/bin/env python3
"""Regenerate gazetteer/data/common_words.txt: English words that are also written as places.

A town called "Mobile" or "Reading" must not match the word at the start of a sentence. A
word is common when a dictionary lists it in lower case (so "reading" is, "Baghdad" is not)
and it is frequent enough to turn up in news (wordfreq Zipf >= 3.0).

Needs, at build time only: Debian's ``wamerican`` (/usr/share/dict/words) and ``pip install wordfreq``.
"""
from __future__ import annotations

import sys
from pathlib import Path

from wordfreq import zipf_frequency

DICTIONARY = Path("/usr/share/dict/words")
OUT = Path(__file__).resolve().parent.parent / "gazetteer" / "data" / "common_words.txt"
MIN_ZIPF = 3.0


def main() -> int:
    if not DICTIONARY.exists():
        sys.exit(f"{DICTIONARY} not found: apt-get install wamerican")
    words = sorted({w for w in DICTIONARY.read_text(encoding="utf-8").split()
                    if w.isalpha() and w.islower() and w.isascii() and len(w) >= 2
                    and zipf_frequency(w, "en") >= MIN_ZIPF})
    header = ("# English words also used as place names; see scripts/build_common_words.py.\n"
              f"# Lower-case dictionary words (wamerican) with wordfreq Zipf >= {MIN_ZIPF}: {len(words)} words.\n")
    OUT.write_text(header + "\n".join(words) + "\n", encoding="utf-8")
    print(f"wrote {len(words)} words to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
