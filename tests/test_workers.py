"""Reading in several processes: the same output as one process, in corpus order."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from geomap.cli import main
from geomap.pipeline import extract_corpus
from geomap.store import write_events_geojson
from geomap.workers import can_fork, ordered_map

needs_fork = pytest.mark.skipif(not can_fork(), reason="workers are forked")


@needs_fork
def test_ordered_map_keeps_order_across_batches_and_runs_elsewhere():
    items = list(range(101))  # several batches, the last one short
    results = list(ordered_map(lambda n: (n * n, os.getpid()), items, jobs=2))
    assert [square for square, _ in results] == [n * n for n in items]
    assert os.getpid() not in {pid for _, pid in results}


def test_one_job_runs_in_this_process():
    assert list(ordered_map(lambda n: os.getpid(), [1, 2], jobs=1)) == [os.getpid()] * 2


@needs_fork
def test_several_jobs_write_byte_identical_events(gazetteer, seeds_dir, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(4):  # 20 articles: more than one batch
        for article in sorted(seeds_dir.glob("*.txt")):
            shutil.copy(article, corpus / f"{n}{article.name}")
    outputs = []
    for jobs in (1, 3):
        result = extract_corpus(corpus, gazetteer, report=lambda p: None, use_cache=False, jobs=jobs)
        write_events_geojson(tmp_path / f"events-{jobs}.geojson", result.events)
        outputs.append(((tmp_path / f"events-{jobs}.geojson").read_bytes(), result.places, result.articles))
    assert outputs[0] == outputs[1] and outputs[0][2] == 20


def test_online_with_several_jobs_is_a_clear_error(tmp_path: Path, seeds_dir):
    result = CliRunner().invoke(main, ["extract", str(seeds_dir), "--out", str(tmp_path / "out"), "--online",
                                       "--geocoder-url", "http://127.0.0.1:9", "--jobs", "2"])
    assert result.exit_code == 2 and "--jobs" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "out").exists()
