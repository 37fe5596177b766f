"""Shared fixtures: the real gazetteer (built once per session from the real data) and the seeds."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def gazetteer():
    from gazetteer import Gazetteer

    return Gazetteer.load()


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


def resolve(gazetteer, text: str) -> list[tuple[str, str, str | None]]:
    """(surface, canonical name, country) of every place found in ``text``."""
    return [(r.surface, r.place.name, r.place.country) for r in gazetteer.read(text).resolutions]
