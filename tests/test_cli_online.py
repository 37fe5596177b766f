"""--online end to end through the CLI, against a local server that answers like Nominatim."""
from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

import test_online_geocoder as fake_server
from gazetteer.index import cache_dir
from geomap.cli import main
from test_online_geocoder import nominatim  # noqa: F401 (the local server fixture)

ZORKASTAN = {"lat": "36.2", "lon": "43.9", "display_name": "Zorkastan, Iraq", "class": "place", "type": "town",
             "osm_type": "node", "osm_id": 77, "boundingbox": ["36.1", "36.3", "43.8", "44.0"],
             "address": {"country": "Iraq", "country_code": "iq"}}


@pytest.fixture
def own_cache(tmp_path, monkeypatch):
    """A private cache folder holding a copy of the name index (so nothing is rebuilt)."""
    for index in cache_dir().glob("index-*.pickle"):
        shutil.copy(index, tmp_path / index.name)
    monkeypatch.setenv("GEOMAP_CACHE_DIR", str(tmp_path))
    monkeypatch.setitem(fake_server.KNOWN, "zorkastan", [ZORKASTAN])
    return tmp_path


def test_offline_by_default_a_name_no_layer_knows_is_not_found(own_cache, nominatim):  # noqa: F811
    result = CliRunner().invoke(main, ["geocode", "Zorkastan"])
    assert "not found: Zorkastan" in result.output and nominatim.requests == []


def test_online_asks_the_geocoder_once_and_caches_the_answer(own_cache, nominatim):  # noqa: F811
    args = ["geocode", "--json", "--online", "--geocoder-url", f"http://{nominatim.domain}", "Zorkastan"]
    first = CliRunner().invoke(main, args)
    rows = json.loads(first.output)
    assert rows[0]["layer"] == "online" and rows[0]["country"] == "IQ"
    CliRunner().invoke(main, args)
    assert len(nominatim.requests) == 1
    assert nominatim.requests[0].headers["User-Agent"].startswith("geomap/")


def test_extract_online_resolves_unknown_places_in_the_text(own_cache, nominatim, tmp_path):  # noqa: F811
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "2021-02-16_report.txt").write_text(
        "Rockets hit a base in Zorkastan on Monday, officials said.\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["extract", str(corpus), "--out", str(out), "--online",
                                       "--geocoder-url", f"http://{nominatim.domain}"])
    assert result.exit_code == 0, result.output
    events = json.loads((out / "events.geojson").read_text())["features"]
    assert [(e["properties"]["type"], e["properties"]["place"]) for e in events] == [("rocket_attack", "Zorkastan")]


def test_a_failing_geocoder_is_one_clear_line(own_cache, nominatim):  # noqa: F811
    nominatim.statuses = [500, 500, 500]
    result = CliRunner().invoke(main, ["geocode", "--online", "--geocoder-url", f"http://{nominatim.domain}",
                                       "Zorkastan"])
    assert result.exit_code == 1 and "online geocoder" in result.output and "Traceback" not in result.output
