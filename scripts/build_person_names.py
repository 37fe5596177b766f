#!/usr/bin/env python3
"""Regenerate gazetteer/data/person_names.json: common US given names and surnames.

"David Mills", "Mary Walker", "Boyd J. Jones": a town named like a person ("David" in Panama,
"Mary" in Turkmenistan, "Jones" in the Philippines) is a person when a surname follows or an
initial precedes. The lists are the US Census 1990 name frequency files (public domain), as
shipped by the ``names`` package (MIT), cut at a frequency that keeps the names news writes.

Needs, at build time only: ``pip install names==0.3.0``.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import names

SOURCE = Path(names.__file__).resolve().parent
OUT = Path(__file__).resolve().parent.parent / "gazetteer" / "data" / "person_names.json"
MIN_GIVEN_PERCENT = 0.01  # 1,555 given names
MIN_SURNAME_PERCENT = 0.005  # 2,753 surnames


def _names(file: str, min_percent: float) -> list[str]:
    rows = (line.split() for line in (SOURCE / file).read_text(encoding="ascii").splitlines() if line.strip())
    return [row[0].lower() for row in rows if float(row[1]) >= min_percent]


def main() -> int:
    given = sorted(set(_names("dist.male.first", MIN_GIVEN_PERCENT) + _names("dist.female.first", MIN_GIVEN_PERCENT)))
    surnames = sorted(set(_names("dist.all.last", MIN_SURNAME_PERCENT)))
    doc = (f"Common US given names (>= {MIN_GIVEN_PERCENT}% of people) and surnames (>= {MIN_SURNAME_PERCENT}%), "
           "lower case, from the US Census 1990 name files via the names package; see "
           "scripts/build_person_names.py. match.py reads a non-strong place followed by a surname "
           "as a person ('David Mills').")
    OUT.write_text(json.dumps({"_doc": doc, "given": given, "surnames": surnames}, indent=0) + "\n", encoding="utf-8")
    print(f"wrote {len(given)} given names and {len(surnames)} surnames to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
