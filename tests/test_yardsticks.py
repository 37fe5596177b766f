"""The project's yardsticks as tests: seed and development-set scores may not fall back.

Runs the real CLI and the evaluation's own scorer (``../shared/eval/score.py``, beside the
checkout in CI). The floors sit a little under today's scores so a regression fails loudly.
"""
from __future__ import annotations

import json
import runpy
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from geomap.cli import main

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"

pytestmark = pytest.mark.skipif(not (EVAL / "score.py").exists(), reason="../shared/eval/score.py is not beside the checkout")


def _score(corpus: Path, gold: Path, out: Path) -> dict:
    result = CliRunner().invoke(main, ["extract", str(corpus), "--out", str(out)])
    assert result.exit_code == 0, result.output
    scorer = runpy.run_path(str(EVAL / "score.py"))
    report = out / "report.json"
    scorer["main"](["--gold", str(gold), "--events", str(out / "events.geojson"),
                    "--places", str(out / "places.geojson"), "--json", str(report)])
    return json.loads(report.read_text())


def test_seed_scores_hold(tmp_path, seeds_dir):
    report = _score(seeds_dir, EVAL / "seeds_gold.json", tmp_path)
    assert report["events_loose"]["f1"] >= 0.95
    assert report["events_strict"]["f1"] >= 0.90
    assert report["places"]["f1"] >= 0.95 and report["places"]["resolution_accuracy"] == 1.0


# (folder under tests/data, events loose, events strict, places): floors a little under today's
# scores. Tuning sets were improved from their misses, so they track progress and regressions;
# held-out sets (only their summary is ever read) are the honest estimate for unseen reporting.
SETS = {
    # fifteen hand-made wire-style articles
    "dev": (0.93, 0.86, 0.95),
    # twelve more in other outlets' styles
    "dev2": (0.94, 0.88, 0.91),
    # fifteen written blind to the extractor (loose 0.47 at first count), then tuned on
    "dev3": (0.80, 0.75, 0.91),
    # fifteen in many outlets' styles, written blind (0.64 at first count), then tuned on
    "dev5": (0.88, 0.84, 0.91),
    # fifteen written blind (0.66 at first count), then tuned on
    "dev6": (0.85, 0.79, 0.91),
    # fifteen written blind (0.57 at first count), then tuned on
    "dev8": (0.71, 0.64, 0.87),
    # fifteen written blind (0.57 at first count), then tuned on
    "dev10": (0.74, 0.71, 0.93),
    # held out: twelve hand-made articles
    "heldout": (0.67, 0.64, 0.92),
    # held out: twelve written blind
    "dev4": (0.65, 0.59, 0.91),
    # held out: fifteen written blind
    "dev7": (0.61, 0.53, 0.90),
    # held out: twelve written blind
    "dev9": (0.67, 0.63, 0.92),
}


@pytest.mark.parametrize("name", SETS)
def test_hand_made_set_scores_hold(tmp_path, name):
    folder = ROOT / "tests" / "data" / name
    report = _score(folder, folder / "gold.json", tmp_path)
    loose, strict, places = SETS[name]
    assert report["events_loose"]["f1"] >= loose
    assert report["events_strict"]["f1"] >= strict
    assert report["places"]["f1"] >= places


def test_lgl_news_geoparsing_holds():
    """LGL (local US news): recognition F1 and the share resolved within 161 km (issue #2)."""
    bench = subprocess.run([sys.executable, str(EVAL / "geoparse_bench.py"), "lgl",
                            "--geomap", f"{sys.executable} -m geomap", "--min-f1", "0.72", "--min-acc", "0.85"],
                           capture_output=True, text=True)
    assert bench.returncode == 0, bench.stdout + bench.stderr
