"""Events read from text: modality, linking, dates, merging, corrections, the extract command."""
from __future__ import annotations

import json
import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from geomap.cli import main
from geomap.corpus import Article
from geomap.extract import extract_events
from geomap.merge import merge_events
from geomap.pipeline import extract_corpus, merge_across_articles

PUBLISHED = date(2020, 1, 9)  # a Thursday


def events_of(gazetteer, text: str, published: date | None = PUBLISHED):
    article = Article("a.txt", Path("a.txt"), text, published, "manifest", "outlet", "A title", None, "x", "utf-8")
    return merge_events(extract_events(article, gazetteer.read(text).resolutions, gazetteer))


def one(gazetteer, text, **kw):
    found = events_of(gazetteer, text, **kw)
    assert len(found) == 1, [(e.type, e.place.name) for e in found]
    return found[0]


@pytest.mark.parametrize("text", [
    "Supporters gathered in Baghdad on Saturday night, chanting for the departure of foreign troops.",
    "Iran may be planning attacks on US forces in Iraq.",
    "The region braced for a threatened Iranian strike on Israel.",
    "When Iran is expected to retaliate, possibly with missile strikes on bases in Iraq.",
    "Officials fear a rocket attack on the embassy in Baghdad.",
    "Kataib Hezbollah threatened to attack the base in Kirkuk.",
    "If Iran strikes the base in Kirkuk, the US will respond.",
    "The Pentagon has no plans to deploy troops to Syria.",
    "Iran did not fire missiles at the base in Erbil.",
    "The US anticipates a drone attack on the base in Erbil.",
    "Iran could launch missiles at Israel within days.",
    "Will Iran attack the base in Erbil?",
    "Any attack on US troops in Iraq would be met with force.",
    "Israel is preparing for a possible strike by militias in Yemen.",
    # a speaker's verdict on the story's strike is no new strike where the speaker is
    'A U.S. official in Washington called the strike "an outrageous violation of Iraq\'s sovereignty."',
    # "their attacks" without a date of their own is a tally, no one event
    "The strikes hit sites where the Houthis stored missiles used in their attacks on shipping in the Red Sea.",
    # where a foiled plan meant to strike is no place of the strike that foiled it
    "The Israeli military said the strike foiled a plan by Iran's Quds Force to launch drones at targets in "
    "northern Israel.",
    # "Hours after the strike": the story's strike told again, with no place of its own
    "Hours after the strike, U.S. officials said paratroopers from Fort Bragg would deploy to Kuwait.",
    # "the first time a carrier has entered the Gulf since ...": the story's move told again
    "It was the first time an American carrier has entered the Gulf since April.",
    # "attacked ... 46 times": a tally, no one event
    "U.S. forces in Iraq and Syria have been attacked at least 46 times since Oct. 17, according to the Pentagon.",
    # whom a strike is attributed to is no place of it
    "Lebanese and U.S. officials attributed the strike to Israel, which has not commented.",
    # attacks that stopped are no event
    "Iraqi militias largely stopped their attacks on U.S. troops in Iraq in February.",
])
def test_threats_plans_forecasts_questions_and_negations_are_not_events(gazetteer, text):
    assert events_of(gazetteer, text) == []


@pytest.mark.parametrize("text, kind, type_", [
    ("Rockets hit the US embassy in Baghdad on Sunday.", "incident", "rocket_attack"),
    ("A U.S. airstrike in Qaim, Iraq, on Dec. 30, 2019 destroyed the headquarters.", "incident", "airstrike"),
    ("Iran fired ballistic missiles at Ain al-Asad Air Base on Jan. 8, 2020.", "incident", "missile_attack"),
    ("Iran shot down a U.S. drone over the Strait of Hormuz on June 20, 2019.", "incident", "shootdown"),
    ("The IRGC seized a British tanker in the Strait of Hormuz on July 19, 2019.", "incident", "seizure"),
    ("Limpet mines damaged two tankers in the Gulf of Oman on June 13, 2019.", "incident", "explosion"),
    ("Protesters stormed the US embassy in Baghdad on Dec. 31, 2019.", "incident", "storming"),
    ("A US nuclear submarine crossed the Strait of Hormuz on Monday.", "movement", "transit"),
    ("The US flew B-52 bombers to the Middle East on Wednesday.", "movement", "flight"),
])
def test_reported_events_get_kind_type_place_and_date(gazetteer, text, kind, type_):
    event = one(gazetteer, text)
    assert (event.kind, event.type) == (kind, type_)
    assert event.date_start is not None and event.evidence == text


def test_incident_is_placed_where_it_happened_not_at_the_actor(gazetteer):
    event = one(gazetteer, "Iran launched missiles at Ain al-Asad Air Base in Iraq on Jan. 8, 2020.")
    assert "Asad" in event.place.name and event.geo_precision == "point"


def test_near_gives_a_near_precision(gazetteer):
    event = one(gazetteer, "Kataib Hezbollah conducted a rocket attack on a base near Kirkuk last week.")
    assert event.place.name == "Kirkuk" and event.geo_precision == "near"
    assert (event.date_start, event.date_end, event.date_precision) == (date(2019, 12, 30), date(2020, 1, 5), "week")
    assert "Kataib Hezbollah" in event.actors


def test_a_country_only_place_says_so(gazetteer):
    event = one(gazetteer, "Iran launched a volley of missiles at Iraqi bases on Jan. 8, 2020.")
    assert event.place.name == "Iraq" and event.geo_precision == "country"


def test_movement_origin_and_destination_by_preposition(gazetteer):
    event = one(gazetteer, "Paratroopers of the 82nd Airborne Division, deployed from Pope Army Airfield, "
                           "North Carolina, head to the U.S. Central Command area on Jan. 1, 2020.")
    assert event.type == "deployment" and event.origin.name == "Pope Army Airfield"
    assert "CENTCOM" in event.place.name and event.date_start == date(2020, 1, 1)
    assert any("82nd Airborne" in a for a in event.assets)


def test_out_of_the_region_is_a_withdrawal_where_the_carrier_was(gazetteer):
    event = one(gazetteer, "Miller decided Wednesday against a push to extend the carrier USS Nimitz's "
                           "deployment to the Persian Gulf, sending it out of the region.", published=date(2020, 12, 31))
    assert (event.type, event.place.name, event.date_start) == ("withdrawal", "Persian Gulf", date(2020, 12, 30))


def test_moving_nothing_military_is_no_movement(gazetteer):
    assert events_of(gazetteer, "Trump withdrew the US from the Iran nuclear deal in May 2018.") == []


def test_the_date_of_a_statement_is_not_the_date_of_the_event(gazetteer):
    event = one(gazetteer, "The storming of the U.S. embassy in Baghdad on Dec. 31, Esper said on Jan. 2, "
                           "was planned by Iran.")
    assert event.date_start == date(2019, 12, 31)


def test_old_background_is_not_an_event_of_the_period(gazetteer):
    assert events_of(gazetteer, "He recalled the 2012 bombing of the consulate in Benghazi.") == []


def test_an_undated_event_stays_undated(gazetteer):
    event = one(gazetteer, "Days after the killing, Iran launched a volley of missiles at Iraqi bases.")
    assert event.date_start is None and event.date_precision is None


def test_no_publication_date_leaves_relative_dates_unresolved(gazetteer):
    event = one(gazetteer, "Rockets hit the US embassy in Baghdad on Sunday.", published=None)
    assert event.date_start is None


def test_caption_and_body_telling_one_strike_merge_into_one_event(gazetteer):
    text = ("President Trump authorized the airstrikes on Dec. 29 on five targets in Iraq and Syria.\n"
            "The headquarters lies in ruins after a U.S. airstrike in Qaim, Iraq, on Dec. 30, 2019. (AP Photo)\n")
    found = events_of(gazetteer, text)
    assert [e.place.name for e in found] == ["Al-Qa'im"]  # "in Iraq and Syria" is one event, in Iraq first
    assert found[0].mentions == 2


def test_merge_across_the_five_seeds_keeps_every_source(gazetteer, seeds_dir):
    result = extract_corpus(seeds_dir, gazetteer, report=lambda p: None, use_cache=False)
    soleimani = [e for e in result.events if e.kind == "incident" and e.date_start == date(2020, 1, 3)]
    assert len(soleimani) == 1
    assert {s.article[:3] for s in soleimani[0].sources} == {"000", "002"}
    assert soleimani[0].place.name == "Baghdad International Airport"
    ids = [e.id for e in result.events]
    assert len(ids) == len(set(ids))


def _article_events(gazetteer, name: str, text: str, published: date):
    article = Article(name, Path(name), text, published, "manifest", "outlet", "A title", None, "x", "utf-8")
    return merge_events(extract_events(article, gazetteer.read(text).resolutions, gazetteer))


def test_two_outlets_different_attacks_in_one_month_stay_apart(gazetteer):
    a = _article_events(gazetteer, "a.txt", "In June two more tankers were struck in the Gulf of Oman.", date(2019, 10, 13))
    b = _article_events(gazetteer, "b.txt", "Iran shot down a U.S. drone over the Strait of Hormuz last month.",
                        date(2019, 7, 19))
    assert sorted(e.type for e in merge_across_articles(a + b)) == ["other_attack", "shootdown"]
    c = _article_events(gazetteer, "c.txt", "Rockets hit the U.S. embassy in Baghdad on Jan. 3, 2020.", date(2020, 1, 4))
    d = _article_events(gazetteer, "d.txt", "An attack hit the U.S. embassy in Baghdad on Jan. 3, 2020.", date(2020, 1, 5))
    assert len(merge_across_articles(c + d)) == 1  # on a stated day they are one


def test_distinct_events_stay_apart_across_articles(gazetteer):
    a = events_of(gazetteer, "Rockets hit the US embassy in Baghdad on Dec. 20, 2020.", published=date(2020, 12, 21))
    b = events_of(gazetteer, "Rockets hit Camp Taji on Dec. 29, 2020.", published=date(2020, 12, 30))
    assert len(merge_across_articles(a + b)) == 2


def test_what_one_article_told_apart_stays_apart_across_articles(gazetteer):
    text = ("Israeli jets struck two power stations around Sanaa on Thursday.\n"
            "On Saturday night U.S. aircraft struck a missile storage facility in Sanaa.\n")
    found = events_of(gazetteer, text, published=date(2024, 12, 22))
    assert len(found) == 2
    assert sorted(e.date_start for e in merge_across_articles(found)) == [date(2024, 12, 19), date(2024, 12, 21)]


def test_a_headline_told_again_in_the_body_takes_the_body_s_day(gazetteer):
    text = ("Crew battles fire on tanker after Houthi missile strike in Gulf of Aden\n\n"
            "A missile fired by the Houthis hit the tanker in the Gulf of Aden late Friday.\n"
            "The Houthis fired three missiles at a convoy on Wednesday.\n")
    found = events_of(gazetteer, text, published=date(2024, 1, 27))
    assert [(e.place.name, e.date_start) for e in found] == [("Gulf of Aden", date(2024, 1, 26))]


def _corpus(tmp_path: Path, seeds_dir: Path) -> Path:
    corpus = tmp_path / "corpus"
    shutil.copytree(seeds_dir, corpus)
    return corpus


def _run_extract(corpus: Path, out: Path, *extra: str):
    result = CliRunner().invoke(main, ["extract", str(corpus), "--out", str(out), *extra])
    assert result.exit_code == 0, result.output
    return result


def test_extract_writes_the_interchange_files_and_is_deterministic(tmp_path, seeds_dir):
    corpus = _corpus(tmp_path, seeds_dir)
    _run_extract(corpus, tmp_path / "a", "--no-cache")
    _run_extract(corpus, tmp_path / "b")
    for name in ("events.geojson", "places.geojson"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    events = json.loads((tmp_path / "a" / "events.geojson").read_text())
    assert events["type"] == "FeatureCollection" and events["features"]
    for feature in events["features"]:
        p = feature["properties"]
        assert {"article", "kind", "type", "date_start", "date_end", "evidence", "id", "sources"} <= set(p)
        assert feature["geometry"]["type"] in ("Point", "LineString")
    import geopandas

    frame = geopandas.read_parquet(tmp_path / "a" / "events.parquet")
    assert len(frame) == len({f["properties"]["id"] for f in events["features"]}) and frame.crs.to_epsg() == 4326


def test_rerun_on_an_unchanged_corpus_reads_from_the_cache(tmp_path, seeds_dir):
    corpus = _corpus(tmp_path, seeds_dir)
    _run_extract(corpus, tmp_path / "a")
    second = _run_extract(corpus, tmp_path / "a")
    assert "5 from cache" in second.output


def test_a_broken_file_is_reported_and_the_rest_still_runs(tmp_path, seeds_dir):
    corpus = _corpus(tmp_path, seeds_dir)
    (corpus / "broken.txt").write_bytes(b"\x00\x01binary\x00" * 50)
    (corpus / "empty.txt").write_bytes(b"")
    result = _run_extract(corpus, tmp_path / "out")
    assert "broken.txt" in result.output and "empty.txt" in result.output
    assert "5 articles read (2 skipped" in result.output


def test_corrections_drop_edit_add_and_report_unknown_ids(tmp_path, seeds_dir):
    corpus = _corpus(tmp_path, seeds_dir)
    _run_extract(corpus, tmp_path / "before")
    features = json.loads((tmp_path / "before" / "events.geojson").read_text())["features"]
    dropped, edited = features[0]["properties"]["id"], features[1]["properties"]["id"]
    (corpus / "corrections.json").write_text(json.dumps({
        "drop": [dropped, "ev-doesnotexist"],
        "edit": {edited: {"type": "other", "place": "Camp Taji"}},
        "add": [{"kind": "incident", "type": "drone_attack", "place": "Erbil", "date_start": "2021-02-15",
                 "evidence": "Analyst: drone attack on Erbil airport."}],
    }), encoding="utf-8")
    result = _run_extract(corpus, tmp_path / "after")
    assert "ev-doesnotexist" in result.output
    after = {f["properties"]["id"]: f["properties"] for f in
             json.loads((tmp_path / "after" / "events.geojson").read_text())["features"]}
    assert dropped not in after
    assert after[edited]["type"] == "other" and after[edited]["place"] == "Camp Taji"
    assert any(p["type"] == "drone_attack" and p["place"] == "Erbil" for p in after.values())


def test_a_corrections_file_that_is_not_json_is_a_clear_error(tmp_path, seeds_dir):
    corpus = _corpus(tmp_path, seeds_dir)
    (corpus / "corrections.json").write_text("{not json", encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(corpus), "--out", str(tmp_path / "o")])
    assert result.exit_code == 1 and "corrections" in result.output and "Traceback" not in result.output


def test_a_missing_corpus_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(main, ["extract", str(tmp_path / "nope"), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2 and "does not exist" in result.output


def test_every_command_teaches_with_an_example():
    for command in ([], ["geocode"], ["extract"], ["build"]):
        result = CliRunner().invoke(main, [*command, "--help"])
        assert result.exit_code == 0 and "geomap " in result.output and "Example" in result.output or command == []


@pytest.mark.parametrize("text, type_, place", [
    ("Iran's navy seized a Marshall Islands-flagged oil tanker in the Gulf of Oman on Thursday.", "seizure", "Gulf of Oman"),
    ("The USS Boxer destroyed an Iranian drone in the Strait of Hormuz on Thursday.", "shootdown", "Strait of Hormuz"),
    ("The Houthis shot down a U.S. MQ-9 Reaper drone off the coast of Yemen on Wednesday.", "shootdown", "Yemen"),
    ("A drone struck a U.S. outpost known as Tower 22 in northeastern Jordan on Sunday.", "drone_attack", "Tower 22"),
    ("Houthi rebels fired two anti-ship ballistic missiles into the Gulf of Aden on Tuesday.", "missile_attack", "Gulf of Aden"),
    ("More than two dozen rockets slammed into Iraq's Camp Taji on Saturday.", "rocket_attack", "Camp Taji"),
])
def test_the_language_of_unseen_reporting(gazetteer, text, type_, place):
    event = one(gazetteer, text)
    assert (event.type, event.place.name) == (type_, place)
    assert event.date_start is not None


def test_a_country_as_adjective_is_not_the_place(gazetteer):
    event = one(gazetteer, "Iran responded with a missile attack on US military bases in Anbar on Jan. 8, 2020.")
    assert event.place.country == "IQ"


@pytest.mark.parametrize("text", ["The U.S. and British strikes on Yemen began on the night of Jan. 11.",
                                  "The strikes on Yemen came on Jan. 11."])
def test_a_country_before_a_verb_is_the_place(gazetteer, text):
    event = one(gazetteer, text, published=date(2024, 2, 1))
    assert (event.type, event.place.name, event.date_start) == ("airstrike", "Yemen", date(2024, 1, 11))


@pytest.mark.parametrize("text, type_, place, origin", [
    ("The USS Dwight D. Eisenhower carrier strike group sailed through the Suez Canal into the Red Sea on Saturday.",
     "transit", "Suez Canal", None),
    ("The USS Gerald R. Ford departed Norfolk on Jan. 2 for the eastern Mediterranean.",
     "deployment", "Eastern Mediterranean", "Norfolk"),
    ("The aircraft carrier USS Gerald R. Ford returned to Naval Station Norfolk on Wednesday from the eastern Mediterranean.",
     "withdrawal", "Naval Station Norfolk", "Eastern Mediterranean"),
    ("The USS Abraham Lincoln left the Red Sea last week.", "withdrawal", "Red Sea", None),
])
def test_carrier_movements(gazetteer, text, type_, place, origin):
    event = one(gazetteer, text)
    assert (event.type, event.place.name) == (type_, place)
    assert (event.origin.name if event.origin else None) == origin


def test_a_later_short_name_still_names_the_ship(gazetteer):
    found = events_of(gazetteer, "The USS Gerald R. Ford arrived in the eastern Mediterranean on Jan. 3.\n"
                                 "The Ford left the eastern Mediterranean on Jan. 6, officials said.\n")
    assert sorted(e.type for e in found) == ["deployment", "withdrawal"]


def test_the_date_of_the_statement_is_a_weak_date_for_an_undated_event(gazetteer):
    event = one(gazetteer, "President Trump said on Thursday that the USS Boxer had destroyed an Iranian drone "
                           "in the Strait of Hormuz.")
    assert event.date_start == date(2020, 1, 9) and event.date_relative


def test_a_headline_takes_the_date_of_its_lead(gazetteer):
    text = ("Iran shoots down U.S. surveillance drone over Strait of Hormuz\n"
            "Iran's Revolutionary Guard shot down a U.S. Navy surveillance drone early Thursday, officials said.\n")
    event = one(gazetteer, text)
    assert (event.place.name, event.date_start) == ("Strait of Hormuz", date(2020, 1, 9))


def test_an_aggregate_count_of_attacks_is_no_single_event(gazetteer):
    assert events_of(gazetteer, "Militias have carried out more than 160 rocket and drone attacks on U.S. forces "
                                "in Iraq, Syria and Jordan since Oct. 17.") == []


def test_a_live_blog_entry_header_dates_its_entry(gazetteer):
    text = ("Aug. 12, 9:05 a.m.\nThe Pentagon said the USS Georgia arrived in the Middle East on Sunday.\n"
            "Aug. 6, 7:15 a.m.\nSeveral U.S. personnel were wounded Monday when rockets struck Ain al-Asad air base.\n")
    found = {e.type: e for e in events_of(gazetteer, text, published=date(2024, 8, 12))}
    assert found["rocket_attack"].date_start == date(2024, 8, 5)
    assert found["deployment"].date_start == date(2024, 8, 11)


@pytest.mark.parametrize("text, start, end", [
    ("The Eisenhower left Norfolk on Oct. 14, a week after the Hamas attack on Israel.",
     date(2023, 10, 7), date(2023, 10, 7)),
    ("Haniyeh was killed in Tehran early Wednesday, hours after an Israeli strike in Beirut killed a commander.",
     date(2024, 7, 30), date(2024, 7, 31)),
    ("The convoy left Baghdad on May 20, two months before the rocket attack on Camp Taji.",
     date(2024, 7, 20), date(2024, 7, 20)),
])
def test_a_measured_gap_from_a_dated_anchor_dates_the_other_event(gazetteer, text, start, end):
    found = [e for e in events_of(gazetteer, text, published=date(2024, 8, 2)) if e.kind == "incident"]
    dated_events = [(e.date_start, e.date_end) for e in found if e.type != "targeted_killing"]
    assert (start, end) in dated_events


def test_a_vague_gap_leaves_the_other_event_undated(gazetteer):
    found = events_of(gazetteer, "The Eisenhower left Norfolk on Oct. 14, days after the rocket attack on Erbil.")
    (attack,) = [e for e in found if e.kind == "incident"]
    assert attack.date_start is None


def test_an_opening_date_without_a_comma_dates_the_sentence(gazetteer):
    event = one(gazetteer, "On Friday Tehran had its own accusation: state media said the tanker Sabiti was hit "
                           "by two explosions about 60 miles off the Saudi port of Jeddah in the Red Sea.",
                published=date(2019, 10, 12))
    assert (event.type, event.date_start) == ("explosion", date(2019, 10, 11))


def test_an_undated_headline_is_the_news_of_its_day(gazetteer):
    text = ("Guided-missile submarine arrives in Mideast\n"
            "Central Command said an Ohio-class submarine had arrived in its area of responsibility.\n")
    event = one(gazetteer, text, published=date(2023, 11, 6))
    assert (event.place.name, event.date_start, event.date_end) == ("Middle East", date(2023, 11, 5), date(2023, 11, 6))
    assert event.date_relative


def test_a_headline_dated_by_its_lead_keeps_that_date(gazetteer):
    text = ("Iran shoots down U.S. surveillance drone over Strait of Hormuz\n"
            "Iran's Revolutionary Guard shot down a U.S. Navy surveillance drone on June 20, officials said.\n")
    event = one(gazetteer, text, published=date(2019, 6, 25))
    assert event.date_start == date(2019, 6, 20)


@pytest.mark.parametrize("link, day", [("Hours later", date(2022, 1, 17)), ("The next day", date(2022, 1, 18)),
                                       ("The following night,", date(2022, 1, 18)),
                                       ("Three days after the first attack,", date(2022, 1, 20))])
def test_hours_later_takes_the_day_of_the_event_just_told(gazetteer, link, day):
    text = ("Houthi drones struck fuel trucks in Abu Dhabi on Jan. 17, killing three people.\n"
            f"{link} coalition aircraft hit the Yemeni capital Sanaa, residents said.\n")
    found = {e.place.name: e for e in events_of(gazetteer, text, published=date(2022, 1, 24))}
    assert (found["Sanaa"].date_start, found["Sanaa"].date_relative) == (day, True)


def test_without_a_link_an_undated_event_stays_undated(gazetteer):
    text = ("Houthi drones struck fuel trucks in Abu Dhabi on Jan. 17, killing three people.\n"
            "Coalition aircraft hit the Yemeni capital Sanaa, residents said.\n")
    found = {e.place.name: e for e in events_of(gazetteer, text, published=date(2022, 1, 24))}
    sanaa = found["Sanaa"]  # not Jan. 17: only the weak "news of the day" range before publication
    assert (sanaa.date_start, sanaa.date_end, sanaa.date_relative) == (date(2022, 1, 22), date(2022, 1, 24), True)


def test_background_in_the_perfect_gets_no_news_date(gazetteer):
    event = one(gazetteer, "Iran has seized tankers in the Strait of Hormuz.", published=date(2022, 1, 24))
    assert event.date_start is None


def test_two_kinds_of_attack_in_one_sentence_stay_two_events(gazetteer):
    text = ("A drone struck a coalition base near Hasakah in northeast Syria on Thursday, killing a contractor, "
            "and the U.S. retaliated with airstrikes in eastern Syria.\n"
            "U.S. F-15E fighters carried out precision airstrikes overnight against facilities in eastern Syria.\n")
    found = events_of(gazetteer, text, published=date(2023, 3, 24))
    by_type = {e.type: e for e in found}
    assert sorted(by_type) == ["airstrike", "drone_attack"], [(e.type, e.place.name) for e in found]
    assert by_type["airstrike"].place.name == "eastern Syria" and by_type["airstrike"].date_start is not None


def test_since_a_date_when_something_happened_dates_that_event(gazetteer):
    event = one(gazetteer, "The attacks are the most serious since December, when a rocket attack on an Iraqi base "
                           "near Kirkuk killed a U.S. civilian contractor.", published=date(2020, 3, 14))
    assert (event.place.name, event.date_start, event.date_end) == ("Kirkuk", date(2019, 12, 1), date(2019, 12, 31))


def test_since_a_date_alone_opens_a_period_and_dates_nothing(gazetteer):
    assert events_of(gazetteer, "Militias have fired rockets at the U.S. embassy in Baghdad since December.",
                     published=date(2020, 3, 14))[0].date_start is None


def test_the_same_waterway_is_the_last_waterway_named(gazetteer):
    text = ("In July 2019, commandos seized the tanker Stena Impero in the Strait of Hormuz, near Bandar Abbas.\n"
            "In January 2021, the Guard seized the South Korean-flagged tanker Hankuk Chemi in the same waterway.\n")
    found = sorted(events_of(gazetteer, text, published=date(2023, 4, 28)), key=lambda e: e.date_start)
    assert [(e.place.name, e.date_start.year) for e in found][-1] == ("Strait of Hormuz", 2021)  # not Bandar Abbas


def test_the_same_city_with_no_city_before_names_nothing(gazetteer):
    text = ("Tankers were seized in the Strait of Hormuz in July.\n"
            "In January, the Guard seized a tanker in the same city.\n")
    found = events_of(gazetteer, text, published=date(2023, 4, 28))
    assert [e.place.name for e in found] == ["Strait of Hormuz"]


def test_a_place_past_after_belongs_to_the_earlier_event(gazetteer):
    text = ("The shootdown comes a week after two tankers were damaged by explosions in the Gulf of Oman "
            "on June 13, attacks the United States blamed on Iran.")
    found = events_of(gazetteer, text, published=date(2019, 6, 21))
    assert [(e.type, e.place.name) for e in found] == [("explosion", "Gulf of Oman")]


def test_bombers_landing_at_a_base_fly_there_from_their_home_base(gazetteer):
    event = one(gazetteer, "B-52 bombers from Barksdale Air Force Base in Louisiana landed at Al Udeid Air Base "
                           "in Qatar on Friday.", published=date(2019, 5, 13))
    assert (event.type, event.place.name, event.origin.name) == ("flight", "Al Udeid Air Base",
                                                                 "Barksdale Air Force Base")


def test_rockets_landing_near_a_base_are_an_attack_not_a_flight(gazetteer):
    event = one(gazetteer, "Two rockets landed near Ain al-Asad air base on Friday.", published=date(2019, 5, 13))
    assert event.type == "rocket_attack"


@pytest.mark.parametrize("text, is_event", [
    ("On July 5 Iranian navy vessels tried to seize two oil tankers in international waters off Oman.", True),
    ("On July 5 Iranian navy vessels attempted to seize an oil tanker in the Gulf of Oman.", True),
    ("Iran has threatened to seize oil tankers in the Gulf of Oman.", False),
])
def test_an_attempt_is_an_incident_a_threat_is_not(gazetteer, text, is_event):
    found = events_of(gazetteer, text, published=date(2023, 7, 10))
    assert bool(found) == is_event and all(e.type == "seizure" for e in found)


def test_troops_sent_to_the_desert_base_go_to_the_base_named_before(gazetteer):
    text = ("Much of the new air power will operate from Prince Sultan Air Base, south of Riyadh.\n"
            "About 500 U.S. troops were sent to the desert base in July to prepare its runways.\n")
    event = one(gazetteer, text, published=date(2019, 10, 12))
    assert (event.type, event.place.name, event.date_start) == ("deployment", "Prince Sultan Air Base",
                                                                date(2019, 7, 1))


def test_forces_stationed_at_the_base_named_before_make_no_movement(gazetteer):
    text = ("Missiles were fired toward Al Dhafra Air Base on Monday.\n"
            "Some 2,000 U.S. personnel stationed at the base took shelter.\n")
    assert [e.kind for e in events_of(gazetteer, text, published=date(2022, 1, 25))] == ["incident"]


def test_a_sentences_one_earlier_date_is_a_weak_date_for_a_later_trigger(gazetteer):
    text = ("The USS Dwight D. Eisenhower left the Red Sea in late June and sailed through the Suez Canal into the "
            "Mediterranean, where it made a port call at Souda Bay on the Greek island of Crete.")
    found = {e.place.name: e for e in events_of(gazetteer, text, published=date(2024, 7, 15))}
    souda = next(e for name, e in found.items() if "Souda" in name)
    assert souda.date_start is not None and souda.date_start.month == 6 and souda.date_relative


def test_a_place_less_mention_dates_the_headline_not_an_undated_body_sentence(gazetteer):
    text = ("Iran fires missiles at U.S. forces\n"
            "Soleimani was killed on Friday when a U.S. drone fired missiles at his convoy.\n"
            "The Pentagon said the missiles targeted a facility in Erbil.\n")
    found = events_of(gazetteer, text, published=date(2020, 1, 8))
    erbil = next(e for e in found if e.place.name == "Erbil")
    assert erbil.date_start != date(2020, 1, 3)


def test_as_it_left_places_the_attack_and_moves_nothing(gazetteer):
    event = one(gazetteer, "Soleimani was killed on Friday when a U.S. drone fired missiles at his convoy as it "
                           "left Baghdad International Airport.", published=date(2020, 1, 8))
    assert (event.kind, event.place.name, event.date_start) == ("incident", "Baghdad International Airport",
                                                                date(2020, 1, 3))


def test_vessels_damaged_by_sabotage_off_a_port_are_an_attack_there(gazetteer):
    event = one(gazetteer, "On May 12, four vessels, including two Saudi oil tankers, were damaged by what the "
                           "Emirati government called sabotage off the port of Fujairah.", published=date(2019, 5, 13))
    assert (event.kind, event.place.name, event.date_start) == ("incident", "Fujairah", date(2019, 5, 12))


def test_there_is_the_last_place_named_but_there_were_is_nobody(gazetteer):
    text = ("A fifth of the world's oil passes through the Strait of Hormuz.\n"
            "In July 2019 the Guards seized a British-flagged tanker there.\n"
            "There were attacks on shipping last year.\n")
    found = events_of(gazetteer, text, published=date(2021, 10, 24))
    assert [(e.type, e.place.name) for e in found] == [("seizure", "Strait of Hormuz")]


def test_an_undated_event_takes_the_time_its_paragraph_is_at(gazetteer):
    text = ("Meanwhile, the Houthis pressed on with their own campaign on Saturday. Two anti-ship ballistic "
            "missiles were fired into shipping lanes in the southern Red Sea.\n\n"
            "Two missiles were fired into the Gulf of Aden.\n")
    found = {e.place.name: e for e in events_of(gazetteer, text, published=date(2023, 12, 24))}
    red_sea = found["southern Red Sea"]
    assert (red_sea.date_start, red_sea.date_relative) == (date(2023, 12, 23), True)
    gulf = found["Gulf of Aden"]  # another paragraph: the narrative time is not carried over
    assert (gulf.date_start, gulf.date_end) == (date(2023, 12, 22), date(2023, 12, 24))


def test_drones_launched_at_a_ship_are_weapons_not_a_flight(gazetteer):
    text = "The destroyer USS Laboon shot down four drones that were launched from Yemen and flying toward it."
    assert [e.kind for e in events_of(gazetteer, text, published=date(2023, 12, 24))] == []
    sent = one(gazetteer, "The Pentagon sent MQ-9 drones to the Gulf on Monday.", published=date(2023, 12, 24))
    assert (sent.kind, sent.place.name) == ("movement", "Persian Gulf")


def test_merged_mentions_take_the_type_of_the_most_precise_one(gazetteer):
    text = ("The militia was blamed for the drone strike that killed three U.S. soldiers in Jordan last month.\n"
            "It came in retaliation for the Jan. 28 drone attack on Tower 22, a small outpost in Jordan.\n")
    found = events_of(gazetteer, text, published=date(2024, 2, 8))
    tower = next(e for e in found if e.place.name == "Tower 22")
    assert (tower.type, tower.date_start) == ("drone_attack", date(2024, 1, 28))


def test_a_gap_counted_from_the_event_that_came_after(gazetteer):
    found = events_of(gazetteer, "Wednesday's strike came five days after U.S. bombers hit 85 targets in western Iraq.",
                      published=date(2024, 2, 8))
    iraq = next(e for e in found if e.place.name == "western Iraq")
    assert (iraq.type, iraq.date_start) == ("airstrike", date(2024, 2, 2))


def test_cargo_seized_from_a_dhow_is_a_seizure_and_launchers_are_targets_not_weapons(gazetteer):
    seized = one(gazetteer, "On Nov. 25, 2019, the destroyer USS Forrest Sherman seized components for cruise missiles "
                            "from a dhow in the Arabian Sea.", published=date(2024, 1, 22))
    assert (seized.type, seized.place.name, seized.date_start) == ("seizure", "Arabian Sea", date(2019, 11, 25))
    struck = one(gazetteer, "On Friday, warplanes began striking radar sites and missile launchers across Yemen.",
                 published=date(2024, 1, 22))
    assert struck.type == "airstrike"


def test_a_warning_in_an_opening_clause_does_not_hedge_the_main_clause(gazetteer):
    event = one(gazetteer, "In early May, as U.S. intelligence warned of possible Iranian attacks, the carrier was "
                           "ordered to the Middle East.", published=date(2019, 11, 20))
    assert (event.kind, event.place.name) == ("movement", "Middle East")


def test_a_movement_told_with_it_moves_the_forces_last_told_moving(gazetteer):
    text = ("The USS Abraham Lincoln left Norfolk, Virginia, on April 1 for a deployment. "
            "It passed through the Suez Canal on May 9.")
    found = {e.place.name: e for e in events_of(gazetteer, text, published=date(2019, 11, 20))}
    assert (found["Suez Canal"].type, found["Suez Canal"].date_start) == ("transit", date(2019, 5, 9))
    assert "USS Abraham Lincoln" in found["Suez Canal"].assets
    assert events_of(gazetteer, "It passed through the Suez Canal on May 9.", published=date(2019, 11, 20)) == []


def test_a_live_blog_entry_dates_its_events_and_a_ship_under_way_places_them(gazetteer):
    text = ("Live updates: ships hit in the Red Sea\n\nDec. 3, 4:45 p.m.\n"
            "A third vessel, the bulk carrier Sophie II, reports being hit by a missile while sailing in the southern "
            "Red Sea.\n\nDec. 2, 10:15 p.m.\nLast Sunday, armed men seized the tanker Central Park, which is managed "
            "by the London-based Zodiac Maritime, in the Gulf of Aden.\n")
    found = {e.place.name: e for e in events_of(gazetteer, text, published=date(2023, 12, 3))}
    hit = found["southern Red Sea"]
    assert (hit.type, hit.date_start, hit.date_relative) == ("missile_attack", date(2023, 12, 3), True)
    seized = found["Gulf of Aden"]
    assert (seized.type, seized.date_start) == ("seizure", date(2023, 11, 26))


def test_attacks_on_two_named_ships_the_same_day_in_one_sea_are_two_events(gazetteer):
    found = events_of(gazetteer, "The bulk carrier Unity Explorer was struck by a missile in the southern Red Sea on "
                                 "Sunday. The bulk carrier Sophie II was hit by a missile in the southern Red Sea on "
                                 "Sunday.", published=date(2023, 12, 4))
    assert sorted(e.vessels for e in found) == [("Sophie II",), ("Unity Explorer",)]
    assert all(e.vessels[0] in e.assets for e in found)


def test_a_month_opening_the_sentence_weakly_dates_what_happened_days_before(gazetteer):
    found = events_of(gazetteer, "In January 2020 the base was hit by Iranian ballistic missiles, days after a U.S. "
                                 "drone strike killed Gen. Qassem Soleimani at Baghdad International Airport.",
                      published=date(2023, 10, 18))
    strike = next(e for e in found if e.place.name == "Baghdad International Airport")
    assert (strike.date_start, strike.date_end, strike.date_relative) == (date(2020, 1, 1), date(2020, 1, 31), True)


def test_a_headline_s_date_after_in_retaliation_for_is_the_other_event_s(gazetteer):
    found = events_of(gazetteer, "Israel strikes military sites in Iran in retaliation for October 1 missile attack\n",
                      published=date(2024, 10, 26))
    strikes = next(e for e in found if e.type == "airstrike")
    assert strikes.date_start != date(2024, 10, 1)


def test_a_participle_describing_an_incident_s_target_is_no_movement(gazetteer):
    found = events_of(gazetteer, "Earlier this month, Russian jets dropped parachute flares in front of MQ-9 Reaper "
                                 "drones flying over Syria.", published=date(2023, 7, 20))
    assert [e.kind for e in found] == ["incident"]
    alone = one(gazetteer, "MQ-9 Reaper drones flying over Syria were spotted on Monday.", published=date(2023, 7, 20))
    assert alone.type == "flight"


def test_they_hit_is_the_last_weapon_told(gazetteer):
    found = events_of(gazetteer, "The U.S. strikes were carried out late Sunday by two F-15E jets. They hit a training "
                                 "compound near Abu Kamal.", published=date(2023, 11, 13))
    assert [(e.type, e.place.name, e.date_start) for e in found] == [("airstrike", "Abu Kamal", date(2023, 11, 12))]
    rockets = events_of(gazetteer, "Rockets were fired at the base on Monday. They hit a hangar at Erbil airport.",
                        published=date(2023, 11, 14))
    assert [(e.type, e.place.name) for e in rockets] == [("rocket_attack", "Erbil International Airport")]


def test_a_date_that_names_another_event_leaves_the_news_of_the_day(gazetteer):
    found = events_of(gazetteer, "Iran fired about 180 ballistic missiles at Israel, more than twice as many as in its "
                                 "April attack and with far less warning.", published=date(2024, 10, 3))
    fired = next(e for e in found if e.type == "missile_attack")
    assert (fired.date_start, fired.date_end, fired.date_relative) == (date(2024, 10, 1), date(2024, 10, 3), True)


def test_a_unit_s_base_is_where_its_aircraft_left(gazetteer):
    event = one(gazetteer, "On Dec. 10, two B-52H bombers from the 5th Bomb Wing at Minot Air Force Base, North Dakota, "
                           "flew a round-trip mission to the Middle East.", published=date(2020, 12, 22))
    assert (event.type, event.place.name, event.origin.name) == ("flight", "Middle East", "Minot Air Force Base")


def test_a_paragraph_s_inferred_day_does_not_stretch_to_a_week_when_merging(gazetteer):
    text = ("On Nov. 8, F-15Es dropped bombs on a weapons storage facility in Deir el-Zour province.\n"
            "The U.S. strikes were carried out late Sunday by two F-15E jets. They hit a training compound near "
            "Abu Kamal.")
    found = sorted((e.date_start, e.place.name) for e in events_of(gazetteer, text, published=date(2023, 11, 13)))
    assert found == [(date(2023, 11, 8), "Deir ez-Zor Governorate"), (date(2023, 11, 12), "Abu Kamal")]


def test_a_headline_s_sea_and_the_lead_s_part_of_it_are_one_seizure(gazetteer):
    text = ("Yemen's Houthis seize Israel-linked cargo ship in Red Sea\n\n"
            "DUBAI (wire) — Yemen's Houthi rebels seized a cargo ship linked to an Israeli businessman in the southern "
            "Red Sea on Sunday.\n")
    found = events_of(gazetteer, text, published=date(2023, 11, 20))
    assert [(e.type, e.place.name) for e in found] == [("seizure", "southern Red Sea")]


def test_an_apposition_saying_where_the_ship_was_places_the_attack(gazetteer):
    event = one(gazetteer, "An explosion tore a hole in the hull of the Saviz, an Iranian cargo ship anchored in the "
                           "southern Red Sea.", published=date(2021, 4, 12))
    assert event.place.name == "southern Red Sea"
    assert not events_of(gazetteer, "The explosion hit the Galaxy, a tanker owned by a firm based in London.")


def test_what_a_headline_s_news_comes_days_after_is_not_the_news_of_the_day(gazetteer):
    text = ("Sabotage at enrichment site comes days after blast crippled an Iranian ship in the Red Sea\n\n"
            "Iranian officials said an explosion on Sunday destroyed the power system of the centrifuges.\n"
            "The blackout came five days after an explosion tore a hole in the hull of the Saviz, an Iranian cargo "
            "ship anchored in the southern Red Sea.\n")
    found = events_of(gazetteer, text, published=date(2021, 4, 12))
    assert [(e.type, e.place.name, e.date_start) for e in found] == [("explosion", "southern Red Sea", date(2021, 4, 6))]


def test_another_is_another_of_the_weapon_just_told(gazetteer):
    found = events_of(gazetteer, "An explosive-laden drone hit a hangar at Erbil airport in April. Another struck "
                                 "al-Asad in early May.", published=date(2021, 6, 21))
    assert [e.type for e in found] == ["drone_attack", "drone_attack"]


def test_officials_later_said_still_tells_the_news_of_the_day(gazetteer):
    event = one(gazetteer, "Two officials later said a missile fired from an Israeli aircraft damaged a radar at an "
                           "air base near Isfahan.", published=date(2024, 4, 19))
    assert (event.place.name, event.date_start, event.date_end, event.date_relative) == (
        "Isfahan", date(2024, 4, 17), date(2024, 4, 19), True)


@pytest.mark.parametrize("text, place", [
    ("In July, Revolutionary Guard commandos dropped from a helicopter onto the British-flagged tanker Stena Impero "
     "in the Strait of Hormuz.", "Strait of Hormuz"),
    ("The boarding took place in the Gulf of Oman about 20 nautical miles east of Khor Fakkan on Wednesday.",
     "Khor Fakkan port"),
])
def test_commandos_dropping_onto_a_tanker_and_a_boarding_are_seizures(gazetteer, text, place):
    event = one(gazetteer, text, published=date(2020, 8, 14))
    assert (event.type, event.place.name) == ("seizure", place)


@pytest.mark.parametrize("text, type_, place", [
    ("Last Tuesday, another depot blew up near Balad air base, north of Baghdad.", "explosion", "Balad Air Base"),
    ("The first drone crashed onto a rooftop in the Dahiyeh district before dawn on Sunday.", "explosion", "Dahieh"),
])
def test_what_blew_up_or_crashed_onto_a_roof_is_an_explosion(gazetteer, text, type_, place):
    event = one(gazetteer, text, published=date(2019, 8, 26))
    assert (event.type, event.place.name) == (type_, place)


def test_in_the_following_weeks_is_the_weeks_after_the_event_just_told(gazetteer):
    found = events_of(gazetteer, "In September 2019, drones and cruise missiles struck the Saudi oil processing plant "
                                 "at Abqaiq. In the following weeks the United States sent about 3,000 troops and "
                                 "Patriot batteries to Saudi Arabia.", published=date(2021, 6, 21))
    sent = next(e for e in found if e.kind == "movement")
    assert (sent.place.name, sent.date_start, sent.date_end, sent.date_relative) == (
        "Saudi Arabia", date(2019, 9, 1), date(2019, 10, 28), True)


def test_this_town_is_the_dateline(gazetteer):
    event = one(gazetteer, "MAJDAL SHAMS, Golan Heights — A rocket fired from Lebanon slammed into a crowded soccer "
                           "field in this Druze town on Saturday evening, killing 12 children.",
                published=date(2024, 7, 28))
    assert (event.type, event.place.name, event.date_start) == ("rocket_attack", "Majdal Shams", date(2024, 7, 27))


def test_the_site_is_the_facility_last_named(gazetteer):
    found = events_of(gazetteer, "Iran accused Israel of sabotaging its enrichment facility at Natanz.\n"
                                 "Last July, a fire and explosion gutted a new centrifuge assembly building at the "
                                 "site.", published=date(2021, 4, 12))
    assert [(e.type, e.place.name) for e in found] == [("explosion", "Natanz nuclear facility")]


def test_hours_before_the_attack_counts_from_the_story_s_day(gazetteer):
    found = events_of(gazetteer, "A drone struck a bulk carrier in the Gulf of Aden on Wednesday night. Hours before "
                                 "the attack, U.S. warships fired Tomahawk missiles at launchers in Houthi-controlled "
                                 "parts of Yemen.", published=date(2024, 1, 18))
    yemen = next(e for e in found if e.place.name == "Yemen")
    assert (yemen.date_start, yemen.date_end, yemen.date_relative) == (date(2024, 1, 16), date(2024, 1, 17), True)


def test_a_bearing_from_a_port_places_the_event_near_it(gazetteer):
    event = one(gazetteer, "The bulk carrier Unity Explorer was struck by an anti-ship ballistic missile about 100 "
                           "nautical miles northwest of the Yemeni port of Hodeidah.", published=date(2023, 12, 3))
    assert (event.type, event.place.name, event.geo_precision) == ("missile_attack", "Hodeidah", "near")


@pytest.mark.parametrize("text, place, day", [
    # a paragraph set in 2019 dates its year-less days in 2019
    ("In May 2019, B-52s from Barksdale Air Force Base landed at Al Udeid Air Base in Qatar. Within weeks, two "
     "tankers were damaged by explosions in the Gulf of Oman on June 13.", "Gulf of Oman", date(2019, 6, 13)),
    # "nine days later" counts from the event just told
    ("On Oct. 17, B-2 stealth bombers struck underground weapons depots in Yemen. Nine days later, Israel carried "
     "out airstrikes on military sites in Iran.", "Iran", date(2024, 10, 26)),
    # "The strike came four days after ...": the story's own event, counted back
    ("Two B-52 bombers flew across the Middle East on Sunday, Oct. 27. The flight came four days after rockets "
     "slammed into Ain al-Asad air base in western Iraq.", "Al Asad Air Base", date(2024, 10, 23)),
    # "came on the same day as": the story's own day
    ("Drones struck Ain al-Asad air base on Thursday, Oct. 17. The attacks came on the same day as an explosion at a "
     "hospital in Gaza City.", "Gaza", date(2024, 10, 17)),
    # an opening "Later," is the day of the event just told
    ("Two missiles were fired into shipping lanes in the southern Red Sea on Oct. 12. Later, a tanker reported being "
     "struck by a drone in the Gulf of Aden.", "Gulf of Aden", date(2024, 10, 12)),
    # a date right before the next trigger is that trigger's ("its April attack")
    ("Iran fired about 180 ballistic missiles at Israel on Tuesday, twice as many as in its April attack.", "Israel",
     date(2024, 10, 29)),
    # "the previous weekend" is told as of publication: the last weekend
    ("Iran fired more than 300 drones and missiles at Israel the previous weekend.", "Israel", date(2024, 11, 2)),
    # the story's day may come from an event told without a place
    ("Iranian officials said an explosion on Sunday, Oct. 27, destroyed the power system. The blackout came five days "
     "after an explosion tore a hole in the hull of a cargo ship anchored in the southern Red Sea.",
     "southern Red Sea", date(2024, 10, 22)),
    # "the same night": the day of the event just told
    ("Iran fired ballistic missiles at Erbil late on Monday, Oct. 21. The Guards also said they had fired missiles the "
     "same night at positions in Syria's Idlib province.", "Idlib Governorate", date(2024, 10, 21)),
    # "the same evening" counts from the last day told, even where no event was read
    ("For 15 minutes on Tuesday night, Oct. 22, two destroyers did what the Navy trains for.\n"
     "The same evening, two gunmen opened fire near a light-rail stop in Jaffa, killing seven people.",
     "Jaffa", date(2024, 10, 22)),
    # of two opening dates, the finer one dates the sentence
    ("Earlier in the month, on Oct. 9, F/A-18s and three destroyers downed 18 drones over the southern Red Sea.",
     "southern Red Sea", date(2024, 10, 9)),
    # a date in the trigger's own clause beats one that opens the sentence across commas
    ("A week ago, the Belize-flagged Rubymar, hit by a Houthi missile near the Bab el-Mandeb Strait on Oct. 18, sank "
     "in the southern Red Sea.", "Bab el-Mandeb", date(2024, 10, 18)),
    ("Missiles hit Erbil on Sunday, Oct. 27. The Guards did not say what had prompted the strike, but it came six "
     "days after an Israeli airstrike near Damascus.", "Damascus", date(2024, 10, 21)),
])
def test_the_time_a_passage_is_at_dates_its_next_event(gazetteer, text, place, day):
    found = {e.place.name: e for e in events_of(gazetteer, text, published=date(2024, 11, 4))}
    assert found[place].date_start == day


def test_an_opening_date_reaches_past_an_aside_that_opens_with_after(gazetteer):
    event = one(gazetteer, "In May 2019, after intelligence reports of Iranian threats, B-52s from Barksdale Air Force "
                           "Base landed at Al Udeid Air Base in Qatar.", published=date(2024, 11, 4))
    assert (event.place.name, event.date_start, event.date_end) == ("Al Udeid Air Base", date(2019, 5, 1),
                                                                     date(2019, 5, 31))


def test_then_moved_to_waters_off_a_country_is_a_later_move_there(gazetteer):
    found = events_of(gazetteer, "The USS Nimitz sailed into the Persian Gulf on Sept. 18, then moved from the Gulf to "
                                 "waters off Somalia last month.", published=date(2021, 1, 4))
    somalia = next(e for e in found if e.place.name == "Somalia")
    assert (somalia.type, somalia.origin.name, somalia.date_start) == ("deployment", "Persian Gulf", date(2020, 12, 1))


def test_a_withdrawal_a_move_was_made_to_cover_is_its_purpose(gazetteer):
    found = events_of(gazetteer, "The USS Nimitz moved from the Gulf to waters off Somalia last month to cover the "
                                 "withdrawal of about 700 U.S. troops from that country.", published=date(2021, 1, 4))
    assert [(e.type, e.place.name, e.origin.name) for e in found] == [("deployment", "Somalia", "Persian Gulf")]


def test_missiles_a_country_had_fired_at_another_are_an_attack_there(gazetteer):
    found = events_of(gazetteer, "Israel struck military sites in Iran, retaliating for the roughly 180 ballistic "
                                 "missiles Iran had fired at Israel on Oct. 1.", published=date(2024, 11, 4))
    assert ("missile_attack", "Israel", date(2024, 10, 1)) in [(e.type, e.place.name, e.date_start) for e in found]


def test_a_place_ending_one_list_item_is_not_the_next_item_s(gazetteer):
    text = ("Washington blames Iran for limpet mine strikes on tankers off the United Arab Emirates, the shooting "
            "down of a U.S. Navy drone on June 20, and the Sept. 14 attack on Abqaiq.")
    found = events_of(gazetteer, text, published=date(2019, 11, 20))
    assert ("shootdown", "United Arab Emirates") not in [(e.type, e.place.name) for e in found]


@pytest.mark.parametrize("text, published, expected", [
    ("The Pentagon completed a drawdown to 2,500 troops in Iraq last month.", date(2021, 2, 10),
     ("withdrawal", "Iraq", date(2021, 1, 1))),
    # an interception is where the ship was, not where the weapons were going nor who said so
    ("A U.S. Navy destroyer in the northern Red Sea shot down three cruise missiles on Thursday that may have been "
     "headed toward Israel, the Pentagon said.", date(2023, 10, 20), ("shootdown", "Red Sea", date(2023, 10, 19))),
    # a ship leaving its home port is dated by its own clause, not the forecast after it
    ("The USS Dwight D. Eisenhower left Norfolk, Virginia, on Oct. 14 and is expected to reach the region later "
     "this month.", date(2023, 10, 20), ("withdrawal", "Norfolk", date(2023, 10, 14))),
    # a passive hit takes the weapon that hit
    ("A chemical tanker was hit by a drone in the Arabian Sea on Saturday.", date(2023, 12, 24),
     ("drone_attack", "Arabian Sea", date(2023, 12, 23))),
    # the event a threat avenges was reported
    ("Iran has vowed to punish Israel for an April 1 airstrike on its embassy compound in Damascus.",
     date(2024, 4, 13), ("airstrike", "Damascus", date(2024, 4, 1))),
    # a drone firing missiles is an air strike
    ("Soleimani was killed on Friday when a U.S. drone fired missiles at his convoy as it left Baghdad "
     "International Airport.", date(2020, 1, 4), ("airstrike", "Baghdad International Airport", date(2020, 1, 3))),
    # a relative clause set off by commas does not end the trigger's clause
    ("The rocket attack, which caused no casualties, targeted the U.S. Embassy in Baghdad on Sunday.",
     date(2023, 10, 20), ("rocket_attack", "US Embassy Baghdad", date(2023, 10, 15))),
    # a date across a comma belongs to another clause ("this week, including ... on Wednesday")
    ("U.S. forces in Syria came under attack three times this week, including a drone strike on the al-Tanf "
     "garrison on Wednesday.", date(2023, 10, 20), ("airstrike", "Al-Tanf garrison", date(2023, 10, 18))),
    # an apposition set off by commas does not end the clause; a drone that killed is an attack
    ("The incident came two days after a one-way attack drone killed three U.S. Army reservists at Tower 22, a "
     "logistics outpost in northeastern Jordan, on Jan. 28.", date(2024, 2, 1),
     ("drone_attack", "Tower 22", date(2024, 1, 28))),
    # a hull number in brackets does not end the clause
    ("Gravely left Norfolk with the Dwight D. Eisenhower Carrier Strike Group (CSG-2) on Oct. 14.",
     date(2024, 2, 1), ("withdrawal", "Norfolk", date(2023, 10, 14))),
    # interdictions at sea are seizures
    ("On Dec. 1, sailors operating from the USS Lewis B. Puller found more than 50 tons of ammunition, fuses and "
     "rocket propellant aboard a fishing trawler in the Gulf of Oman.", date(2023, 1, 10),
     ("seizure", "Gulf of Oman", date(2022, 12, 1))),
    ("On Nov. 8, the destroyer The Sullivans had intercepted a vessel carrying 70 tons of explosives in the Gulf of "
     "Oman.", date(2023, 1, 10), ("seizure", "Gulf of Oman", date(2022, 11, 8))),
    # "shortly after 1 a.m." tells the hour, not another event
    ("A dozen ballistic missiles slammed into Erbil shortly after 1 a.m. on Sunday, Kurdish officials said.",
     date(2022, 3, 13), ("missile_attack", "Erbil", date(2022, 3, 13))),
    # "was struck" with no weapon named is an attack of unknown kind, not an air strike
    ("The vessel was struck about 97 nautical miles northwest of Hodeidah, Yemen, on Monday afternoon.",
     date(2024, 7, 17), ("other_attack", "Hodeidah", date(2024, 7, 15))),
    # "under way for" a sea is a deployment there
    ("By Monday, the USS Gerald R. Ford and its escorts were under way for the eastern Mediterranean, officials said.",
     date(2023, 10, 9), ("deployment", "Eastern Mediterranean", date(2023, 10, 9))),
    # Hamas fighters are people, not aircraft: their crossing is an attack, not a flight
    ("Hamas fighters crossed from Gaza into southern Israel at dawn on Saturday, attacking army posts.",
     date(2023, 10, 9), ("other_attack", "Israel", date(2023, 10, 7))),
    # a relative clause in the past tells what happened, whatever hedges the main clause
    ("The Patriot units would be integrated with air defenses that failed to stop the cruise missiles that struck "
     "the Abqaiq processing plant on Sept. 14.", date(2019, 10, 12),
     ("missile_attack", "Abqaiq oil processing facility", date(2019, 9, 14))),
    # a headline's "downs drones" is a shoot-down, the news of its day
    ("U.S. destroyer downs drones over Red Sea", date(2023, 12, 3), ("shootdown", "Red Sea", date(2023, 12, 2))),
    # a campaign since a day is dated by the day it began
    ("The United States and Britain have been striking radar sites in Yemen since Jan. 11.", date(2024, 1, 27),
     ("airstrike", "Yemen", date(2024, 1, 11))),
])
def test_one_sentence_one_event(gazetteer, text, published, expected):
    event = one(gazetteer, text, published=published)
    assert (event.type, event.place.name, event.date_start) == expected


def test_a_campaign_since_a_year_is_not_dated_by_it(gazetteer):
    assert one(gazetteer, "Iran has been seizing tankers in the Gulf since 2019.").date_start is None


def test_a_ship_returning_home_told_three_ways_is_one_movement(gazetteer):
    text = ("USS Gerald R. Ford returns to Norfolk after extended deployment\n"
            "NORFOLK, Va. (wire) — The aircraft carrier USS Gerald R. Ford returned to Naval Station Norfolk on "
            "Wednesday after an eight-month deployment.\n"
            "(Photo caption) Sailors line the deck of the aircraft carrier USS Gerald R. Ford as it arrives at Naval "
            "Station Norfolk in Norfolk, Virginia, on Wednesday, Jan. 17, 2024.\n")
    found = events_of(gazetteer, text, published=date(2024, 1, 18))
    assert [(e.kind, e.date_start) for e in found] == [("movement", date(2024, 1, 17))]


def test_an_arrival_in_the_region_goes_to_the_region_last_named(gazetteer):
    text = ("The Pentagon sent more forces to the Middle East in June. In mid-June, F-22 Raptors from Joint Base "
            "Langley-Eustis in Virginia arrived in the region.")
    raptors = [e for e in events_of(gazetteer, text, published=date(2023, 7, 19)) if "F-22" in e.assets]
    assert [(e.place.name, e.origin.name) for e in raptors] == [("Middle East", "Joint Base Langley-Eustis")]


def test_events_say_whether_their_date_was_stated(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "2023-12-24-report.txt").write_text(
        "Drones hit a power station in Jizan, the coalition said.\n\n"
        "On Friday, missiles struck the port of Hodeidah.\n", encoding="utf-8")
    _run_extract(corpus, tmp_path / "out")
    found = {f["properties"]["place"]: f["properties"]
             for f in json.loads((tmp_path / "out" / "events.geojson").read_text())["features"]}
    assert found["Jizan"]["date_inferred"] is True and found["Hodeidah"]["date_inferred"] is False


@pytest.mark.parametrize("text, expected", [
    # passive and split shoot-downs, "that same month", a place owned by its country
    ("The Houthis shot one down over Yemen in June 2019. That same month, Iran's Revolutionary Guard brought down a "
     "Navy RQ-4 Global Hawk over the Strait of Hormuz. In August 2019, another MQ-9 was downed over the province "
     "of Dhamar.", [("shootdown", "Yemen", date(2019, 6, 1)), ("shootdown", "Strait of Hormuz", date(2019, 6, 1)),
                    ("shootdown", "Dhamar", date(2019, 8, 1))]),
    ("On Tuesday, two U.S. F-15 fighter jets struck a weapons storage facility in eastern Syria's Deir el-Zour "
     "province.", [("airstrike", "Deir ez-Zor Governorate", date(2023, 11, 7))]),
])
def test_more_ways_to_tell_an_incident(gazetteer, text, expected):
    found = events_of(gazetteer, text, published=date(2023, 11, 9))
    assert sorted((e.type, e.place.name, e.date_start) for e in found) == sorted(expected)


def test_the_region_is_a_wide_region_and_sources_are_not_places(gazetteer):
    assert events_of(gazetteer, "The Houthis control northern Yemen. The Pentagon has sent two aircraft carrier strike "
                                "groups to the region.", published=date(2023, 11, 9)) == []
    assert events_of(gazetteer, "U.S. troops have been attacked at least 40 times since Oct. 17, according to the "
                                "Pentagon, leaving dozens with minor injuries.", published=date(2023, 11, 9)) == []
    hamas = one(gazetteer, "The Hamas attack on Israel on Oct. 7, and the Navy said it kept its drones in the Red Sea.",
                published=date(2023, 11, 9))
    assert (hamas.type, hamas.place.name) == ("other_attack", "Israel")


def test_lists_around_a_city_and_voices_of_an_institution(gazetteer):
    found = events_of(gazetteer, "Israeli jets had struck the port of Hodeidah and two power stations around Sanaa on "
                                 "Thursday, killing nine people.", published=date(2024, 12, 22))
    assert sorted(e.place.name for e in found) == ["Hodeidah", "Sanaa"]
    assert events_of(gazetteer, "Forty-eight hours before the shoot-down, Pentagon officials had said the air wing "
                                "was fully engaged.", published=date(2024, 12, 22)) == []


def test_a_movement_in_a_relative_clause_is_not_joined_to_the_main_one(gazetteer):
    from geomap.extract import find_triggers
    from geomap.extract.lexicon import load_lexicon

    text = ("The Truman, which left Norfolk, Virginia, in late September, passed through the Suez Canal into the Red "
            "Sea last weekend.")
    assert [t.text for t in find_triggers(text, load_lexicon())] == ["left", "passed through"]


@pytest.mark.parametrize("text, expected", [
    # a day before "May" makes it the month, not the modal verb
    ("On 12 May, four ships were damaged by limpet mines off Fujairah in the United Arab Emirates.",
     [("explosion", "2019-05-12", "Fujairah")]),
    # a distance after "while" says where the ship was when it was hit
    ("The tanker was struck at around 5 a.m. local time on 11 October while about 60 nautical miles west of the Saudi "
     "port of Jeddah.", [("other_attack", "2019-10-11", "Jeddah")]),
])
def test_where_and_when_a_ship_was_hit(gazetteer, text, expected):
    found = events_of(gazetteer, text, published=date(2019, 10, 13))
    assert [(e.type, str(e.date_start), e.place.name) for e in found] == expected


@pytest.mark.parametrize("text, expected", [
    # plural place nouns are fillers like their singulars
    ("The military said it struck targets at the ports of Hodeidah and Salif on Thursday.",
     [("other_attack", "Hodeidah"), ("other_attack", "Salif")]),
    # forces that hit a site struck it; forces hit by a drone were its target
    ("U.S. forces hit a Houthi missile storage facility and a command-and-control site in Sanaa on Dec. 21.",
     [("airstrike", "Sanaa")]),
    ("Two U.S. forces hit by a drone near Erbil on Dec. 21 were wounded.", [("drone_attack", "Erbil")]),
])
def test_forces_that_hit_ports_and_sites(gazetteer, text, expected):
    found = events_of(gazetteer, text, published=date(2024, 12, 27))
    assert [(e.type, e.place.name) for e in found] == expected


@pytest.mark.parametrize("text, expected", [
    # the next target of a list is no apposition: the date after it is still the strike's
    ("Israeli warplanes bombed Sanaa International Airport, a power station and two Red Sea ports held by Yemen's "
     "Houthi movement on Thursday, killing at least six people.", [("airstrike", "2024-12-26", "Sanaa International Airport")]),
    # "The strikes followed ...": the story's strikes, not new ones where the missile hit
    ("The strikes followed a Houthi ballistic missile that slammed into a playground in Jaffa, south of central "
     "Tel Aviv, last Saturday, wounding 16 people.", [("missile_attack", "2024-12-21", "Jaffa")]),
])
def test_lists_of_targets_and_the_story_as_subject(gazetteer, text, expected):
    found = events_of(gazetteer, text, published=date(2024, 12, 27))
    assert [(e.type, str(e.date_start), e.place.name) for e in found] == expected


def test_in_retaliation_for_names_the_cause_not_a_second_event(gazetteer):
    found = events_of(gazetteer, "The group launched hundreds of rockets at the Golan Heights in retaliation for the "
                                 "killing of its top commander last month.", published=date(2024, 8, 25))
    assert [(e.type, e.date_start, e.place.name) for e in found] == [("rocket_attack", None, "Golan Heights")]


def test_a_community_named_before_a_town_is_a_filler(gazetteer):
    found = events_of(gazetteer, "A rocket hit a football pitch in the Druze town of Majdal Shams on the Golan on "
                                 "July 27, killing 12 children.", published=date(2024, 8, 25))
    assert [(e.type, e.place.name) for e in found] == [("rocket_attack", "Majdal Shams")]


def test_that_strike_came_days_after_counts_from_the_strike_just_told(gazetteer):
    found = events_of(gazetteer, "Fuad Shukr was killed in an Israeli strike on a building in Beirut on July 30. That "
                                 "strike came three days after a rocket hit a football pitch in the Druze town of "
                                 "Majdal Shams on the Golan, killing 12 children.", published=date(2024, 8, 25))
    assert [(e.place.name, str(e.date_start)) for e in found] == [("Beirut", "2024-07-30"),
                                                                   ("Majdal Shams", "2024-07-27")]


def test_a_modal_after_a_short_relative_clause_is_the_triggers_own(gazetteer):
    assert events_of(gazetteer, "Analysts said a strike that killed Americans would put heavy pressure on the "
                                "president to retaliate against Iran itself.", published=date(2024, 1, 20)) == []


def test_a_second_predicate_keeps_the_weapon_and_casualties_place_the_attack(gazetteer):
    found = events_of(gazetteer, "The same militia launched drones and missiles at the United Arab Emirates on 17 "
                                 "January this year, killing three civilians in Abu Dhabi, and struck a fuel depot in "
                                 "the Saudi city of Jeddah in March.", published=date(2022, 10, 22))
    assert [(e.type, e.place.name, str(e.date_start)) for e in found] == [
        ("missile_attack", "Abu Dhabi", "2022-01-17"), ("missile_attack", "Jeddah", "2022-03-01")]


def test_the_strait_is_the_last_strait_named(gazetteer):
    text = ("Tankers crossed the Strait of Hormuz into the Gulf of Oman. In January, the IRGC Navy seized the tanker "
            "Hankuk Chemi near the strait. Its forces struck launchers near the same base.")
    found = events_of(gazetteer, text, published=date(2021, 5, 11))
    assert ("seizure", "Strait of Hormuz") in [(e.type, e.place.name) for e in found]


def test_a_transit_of_the_strait_named_before(gazetteer):
    found = events_of(gazetteer, "The Strait of Hormuz was calm. In December, the submarine transited the strait on "
                                 "the surface.", published=date(2021, 5, 11))
    assert [(e.type, e.place.name, str(e.date_start)) for e in found] == [("transit", "Strait of Hormuz", "2020-12-01")]


def test_bombers_that_landed_on_an_island_flew_there(gazetteer):
    found = events_of(gazetteer, "Three B-2 Spirit stealth bombers from Whiteman Air Force Base landed on Diego Garcia, "
                                 "a remote atoll in the Indian Ocean, on Wednesday.", published=date(2020, 8, 14))
    assert [(e.type, e.place.name, e.origin.name, str(e.date_start)) for e in found] == [
        ("flight", "Naval Support Facility Diego Garcia", "Whiteman Air Force Base", "2020-08-12")]


@pytest.mark.parametrize("text, expected", [
    # a year told first sets the year of the sentence's year-less dates
    ("In the summer of 2019, a huge explosion hit a base in southern Baghdad on Aug. 12.", "2019-08-12"),
    # a year told later is another event's ("in retaliation for ... in 2023")
    ("In January, the Iranian navy boarded the St Nikolas off Sohar in retaliation for a US seizure in 2023.",
     "2024-01-01"),
])
def test_a_year_told_first_dates_the_sentence(gazetteer, text, expected):
    found = events_of(gazetteer, text, published=date(2024, 4, 21))
    assert [str(e.date_start) for e in found][-1:] == [expected]


def test_a_date_opening_the_sentence_dates_the_clause_after_it(gazetteer):
    found = events_of(gazetteer, "In January, after a U.S. drone strike killed Iranian Gen. Qassem Soleimani at "
                                 "Baghdad's airport, the Pentagon sent six B-52 bombers to Diego Garcia.",
                      published=date(2020, 8, 14))
    assert [(e.type, str(e.date_start)) for e in found] == [("airstrike", "2020-01-01"), ("deployment", "2020-01-01")]


def test_hours_after_the_event_just_told(gazetteer):
    found = events_of(gazetteer, "Fuad Shukr was killed in an Israeli strike on a building in Beirut on July 30. Hours "
                                 "after Shukr was killed, Hamas's political leader Ismail Haniyeh was killed in Tehran.",
                      published=date(2024, 8, 25))
    assert [(e.place.name, str(e.date_start), str(e.date_end)) for e in found] == [
        ("Beirut", "2024-07-30", "2024-07-30"), ("Tehran", "2024-07-30", "2024-07-31")]


def test_authorities_that_detain_a_supertanker_seize_it(gazetteer):
    found = events_of(gazetteer, "Royal Marines helped the authorities in Gibraltar board and detain the Iranian "
                                 "supertanker Grace 1 in waters off the territory on 4 July.", published=date(2019, 7, 11))
    assert [(e.type, e.place.name, str(e.date_start)) for e in found] == [("seizure", "Gibraltar", "2019-07-04")]
    from geomap.extract import find_triggers
    from geomap.extract.lexicon import load_lexicon

    assert [t.type for t in find_triggers("Three Iranian boats tried to impede a British oil tanker.",
                                          load_lexicon())] == ["other"]


def test_attacked_dozens_of_times_since_a_day_is_a_tally(gazetteer):
    found = events_of(gazetteer, "U.S. officials say American forces in Iraq and Syria have been attacked at least 76 "
                                 "times since Oct. 17, when drones first targeted bases hosting U.S. troops.",
                      published=date(2023, 12, 8))
    assert [e.type for e in found if e.type == "other_attack"] == []


def test_a_verb_after_and_ends_the_list_of_places(gazetteer):
    found = events_of(gazetteer, "Last month, the Israeli-owned vehicle carrier Helios Ray was holed by blasts in the "
                                 "Gulf of Oman and limped into Dubai for inspection.", published=date(2021, 3, 26))
    assert [(e.type, e.place.name) for e in found] == [("explosion", "Gulf of Oman")]


def test_a_take_off_days_before_the_landing_is_one_flight(gazetteer):
    from geomap.merge import merge_events

    text = ("Three B-2 bombers from Whiteman Air Force Base landed on Diego Garcia on Wednesday. The bombers took off "
            "from Whiteman on Monday night and flew for more than 30 hours.")
    found = merge_events(events_of(gazetteer, text, published=date(2020, 8, 14)))
    assert [(e.type, e.place.name, e.origin.name, str(e.date_start)) for e in found] == [
        ("flight", "Naval Support Facility Diego Garcia", "Whiteman Air Force Base", "2020-08-12")]


def test_attacks_on_two_days_joined_by_and_are_two_events(gazetteer):
    from geomap.merge import merge_events

    text = ("The ministry said two attacks on Tuesday 18 October and Wednesday 19 October, when drones launched by the "
            "militia targeted an oil terminal on the coast of Shabwa governorate, caused no casualties.")
    found = merge_events(events_of(gazetteer, text, published=date(2022, 10, 22)))
    assert sorted(str(e.date_start) for e in found) == ["2022-10-18", "2022-10-19"]
    assert len({e.id for e in found}) == 2
    # days in two clauses are each their own event's, not both of one
    text = "Two tankers were damaged by explosions in the Gulf of Oman on June 13, and on June 20 Iran shot down a drone."
    assert [str(e.date_start) for e in events_of(gazetteer, text, published=date(2019, 7, 1))] == ["2019-06-13"]


def test_months_of_attacks_are_a_tally_even_in_a_dated_sentence(gazetteer):
    text = ("An Iranian oil tanker was holed by two explosions in the Red Sea early on Friday, adding a new flashpoint "
            "to a shipping lane already unnerved by months of attacks on vessels and oil plants around the Gulf.")
    found = events_of(gazetteer, text, published=date(2019, 10, 13))
    assert [(e.type, str(e.date_start), e.place.name) for e in found] == [("explosion", "2019-10-11", "Red Sea")]


def test_a_negated_movement_is_not_joined_to_the_one_before_it(gazetteer):
    text = ("The coalition says the roughly 2,500 U.S. troops in Iraq have moved to an advisory role and that no "
            "troops were withdrawn when the mission changed.")
    assert events_of(gazetteer, text, published=date(2021, 12, 10)) == []
    assert [e.place.name for e in events_of(gazetteer, "U.S. troops moved to a new base in Kuwait on Monday.",
                                            published=date(2021, 12, 10))] == ["Kuwait"]


@pytest.mark.parametrize("text, expected", [
    # "That strike" is the strike just told; a border crossing moves nothing
    ("That strike answered a Feb. 15 rocket attack on Erbil, in northern Iraq.", [("rocket_attack", "Erbil")]),
    ("On Feb. 25, U.S. F-15E jets dropped seven bombs on buildings at a border crossing near Abu Kamal.",
     [("airstrike", "Abu Kamal")]),
    # a country's ministry is whose, not where
    ("A spokesman for Saudi Arabia's defense ministry described Sunday's flight as a bilateral exercise.", []),
])
def test_mentions_that_make_no_new_event(gazetteer, text, expected):
    found = events_of(gazetteer, text, published=date(2021, 3, 8))
    assert [(e.type, e.place.name) for e in found] == expected


def test_a_habit_is_no_event(gazetteer):
    assert events_of(gazetteer, "The Pentagon sent B-52s to the Middle East several times in the final weeks of the "
                                "Trump administration.", published=date(2021, 3, 8)) == []


def test_seizures_of_named_and_flagged_ships(gazetteer):
    found = events_of(gazetteer, "Last month its navy seized the Advantage Sweet, a tanker chartered by Chevron, in the "
                                 "Gulf of Oman. The Guard also seized the Panama-flagged Niovi as it left Dubai.",
                      published=date(2024, 1, 11))
    assert sorted((e.type, e.place.name) for e in found) == [("seizure", "Dubai"), ("seizure", "Gulf of Oman")]


def test_a_headline_takes_no_year_long_date_from_the_body(gazetteer):
    text = ("Iran seizes oil tanker off Oman\n"
            "Following the theft of Iranian oil last year, the tanker St Nikolas was seized by the Iranian navy.\n")
    headline = next(e for e in events_of(gazetteer, text, published=date(2024, 1, 11)) if e.place.name == "Oman")
    assert headline.date_start >= date(2024, 1, 10)


def test_the_base_struck_is_the_base_last_named(gazetteer):
    text = ("Three drones targeted the al-Tanf garrison in southeastern Syria on Friday.\n\n"
            "The garrison has been targeted before. In October 2021, drones and rockets hit the outpost.\n")
    found = sorted((e.place.name, e.date_start) for e in events_of(gazetteer, text, published=date(2023, 1, 21)))
    assert found == [("Al-Tanf garrison", date(2021, 10, 1)), ("Al-Tanf garrison", date(2023, 1, 20))]


def test_an_undated_mention_of_another_type_is_another_event(gazetteer):
    text = ("The Houthis have also fired missiles toward Israel.\n"
            "The Pentagon has sent two carriers since the Hamas attack on Israel on Oct. 7.\n")
    found = sorted((e.type, e.date_start) for e in events_of(gazetteer, text, published=date(2023, 11, 9)))
    assert ("other_attack", date(2023, 10, 7)) in found


def test_a_headline_s_news_day_does_not_swallow_an_event_days_before(gazetteer):
    text = ("U.S. destroyer shoots down drones over Red Sea\n"
            "A recap of a tense week: On Wednesday, the USS Carney shot down a drone over the Red Sea.\n")
    found = sorted(e.date_start for e in events_of(gazetteer, text, published=date(2023, 12, 3)))
    assert found == [date(2023, 11, 29), date(2023, 12, 2)]


@pytest.mark.parametrize("text, published, expected", [
    # a movement verb after "while" sets a target's scene; a missile that missed is an attack
    ("The container ship was struck by a drone while sailing north off Mokha.", date(2023, 12, 16),
     ("incident", "drone_attack", "Mocha")),
    ("The container ship reported a missile missed the vessel about 15 NM off the coast of Hodeidah.",
     date(2023, 12, 16), ("incident", "missile_attack", "Hodeidah")),
    ("The bulk carrier Sophie II was hit by a missile while sailing in the southern Red Sea.", date(2023, 12, 4),
     ("incident", "missile_attack", "southern Red Sea")),
    # a bare drone flying toward a base is an attack; named drones fly
    ("On Friday a drone flew toward the Rumalyn Landing Zone, where one service member suffered minor injuries.",
     date(2023, 3, 24), ("incident", "drone_attack", "Rmelan Landing Zone")),
    ("On Friday MQ-9 Reaper drones flew over the Red Sea.", date(2023, 3, 24), ("movement", "flight", "Red Sea")),
    # ", north of Erbil" after a place locates it and is no second place
    ("On Tuesday, a drone was shot down near Al-Harir air base in the Kurdistan region, north of Erbil.",
     date(2023, 10, 18), ("incident", "shootdown", "Harir Air Base")),
    ("On Monday its aircraft destroyed the launcher in Al Jawf province, north-east of Sanaa.", date(2022, 1, 25),
     ("incident", "airstrike", "Al Jawf Governorate")),
    # linking words: "beneath", "bombed", "inside the perimeter of", "the Red Sea port of", "also in"
    ("Israeli jets dropped dozens of bombs on a command bunker beneath Beirut's southern suburbs on Friday.",
     date(2024, 10, 3), ("incident", "airstrike", "Beirut")),
    ("On July 20 Israeli warplanes bombed the port of Hodeidah.", date(2024, 7, 28),
     ("incident", "airstrike", "Hodeidah")),
    ("On Aug. 24, several rockets landed inside the perimeter of Mission Support Site Conoco in northeast Syria.",
     date(2022, 8, 25), ("incident", "rocket_attack", "Mission Support Site Conoco")),
    ("Houthi rebels seized a cargo vessel sailing under the flag of the United Arab Emirates off the Red Sea port "
     "of Hodeidah late on Sunday.", date(2022, 1, 4), ("incident", "seizure", "Hodeidah")),
    ("On Nov. 8, a Coast Guard cutter intercepted a vessel carrying 70 tons of ammonium perchlorate, a chemical "
     "used in missile fuel, also in the Gulf of Oman.", date(2023, 1, 10), ("incident", "seizure", "Gulf of Oman")),
    # the addressee of a message is no place of the event
    ("On Oct. 17, B-2 stealth bombers struck underground weapons depots used by the Houthis in Yemen, a strike "
     "officials described as a message to Tehran.", date(2024, 11, 4), ("incident", "airstrike", "Yemen")),
    # what an active strike destroyed is its target, not its weapon; "a Houthi-controlled area of" is filler
    ("U.S. forces struck and destroyed a Houthi surface-to-air missile in a Houthi-controlled area of Yemen.",
     date(2024, 2, 1), ("incident", "airstrike", "Yemen")),
    ("The Rubymar, hit by two Houthi missiles in the Gulf of Aden, sank.", date(2024, 3, 3),
     ("incident", "missile_attack", "Gulf of Aden")),
    # forcing a tanker into Iranian waters is a seizure, and the swarming one event with it
    ("On May 3, fast-attack craft swarmed the oil tanker Niovi and forced it into Iranian territorial waters as it "
     "transited the Strait of Hormuz.", date(2023, 7, 5), ("incident", "seizure", "Strait of Hormuz")),
    # the words right before a trigger name its weapon ("limpet mine strikes")
    ("In May, limpet mine strikes on tankers off the United Arab Emirates damaged four ships.", date(2019, 11, 20),
     ("incident", "explosion", "United Arab Emirates")),
    ("On Saturday the Portuguese-flagged MSC Aries was boarded about 50 nautical miles northeast of the Emirati port "
     "of Fujairah.", date(2024, 4, 13), ("incident", "seizure", "Fujairah")),
    # a navy that boarded a named ship seized it; commandos landed by helicopter on a ship seized it
    ("In January, the Iranian navy boarded the St Nikolas in the Gulf of Oman on Jan. 11.", date(2024, 11, 14),
     ("incident", "seizure", "Gulf of Oman")),
    ("In April, Revolutionary Guard commandos landed by helicopter on the container ship MSC Aries near the Strait of "
     "Hormuz.", date(2024, 11, 14), ("incident", "seizure", "Strait of Hormuz")),
    # a warship that pulled into a port was deployed there
    ("The Navy sent the destroyer USS Cole, which pulled into Abu Dhabi earlier this month.", date(2022, 2, 15),
     ("movement", "deployment", "Abu Dhabi")),
    # artillery that fired is indirect fire
    ("Coalition artillery fired back at the launch site near al-Mayadin on Wednesday.", date(2022, 1, 6),
     ("incident", "rocket_attack", "Mayadin")),
    # where the target was going is not where it was seized
    ("Earlier this month, Royal Marines helped authorities in Gibraltar seize the Iranian supertanker Grace 1 on "
     "suspicion of carrying oil to Syria.", date(2019, 7, 19), ("incident", "seizure", "Gibraltar")),
    # a drone boat's ramming is a drone attack, a hyphenated bearing locates it; forces destroying radar sites strike
    ("The coal carrier Tutor was rammed by an explosive-laden drone boat about 68 nautical miles south-west of "
     "Hodeidah on Wednesday.", date(2024, 6, 17), ("incident", "drone_attack", "Hodeidah")),
    ("US Central Command said on Friday that its forces had destroyed seven Houthi radar sites in Houthi-held Yemen.",
     date(2024, 6, 17), ("incident", "airstrike", "Yemen")),
    # military vehicles and convoys move; artillery fire is indirect fire; "the border towns of" is filler
    ("More than 100 U.S. military vehicles crossed from Syria into Iraq overnight, Kurdish officials said.",
     date(2019, 10, 21), ("movement", "transit", "Iraq")),
    ("Two days later, Turkish artillery rounds landed within a few hundred yards of an American observation post on "
     "the edge of Kobani.", date(2019, 10, 21), ("incident", "rocket_attack", "Kobani")),
    # handing over a base is leaving it
    ("U.S.-led coalition troops handed a headquarters compound in Mosul to Iraqi forces on Saturday.",
     date(2020, 4, 7), ("movement", "withdrawal", "Mosul")),
    ("Coalition troops handed over K-1 Air Base to Iraqi forces on March 29.", date(2020, 4, 7),
     ("movement", "withdrawal", "K-1 Air Base")),
    # "patrolling" says where
    ("The destroyer USS Laboon, patrolling the Red Sea, shot down four drones on Saturday.", date(2023, 12, 24),
     ("incident", "shootdown", "Red Sea")),
    # a raid on a boat is a boarding; stopping or interdicting a dhow is a seizure
    ("Two SEALs disappeared late on Jan. 11 during a nighttime raid on a small wooden boat in the Arabian Sea.",
     date(2024, 1, 22), ("incident", "seizure", "Arabian Sea")),
    ("In February 2020, the cruiser USS Normandy stopped another dhow in the Arabian Sea and seized 150 missiles.",
     date(2024, 1, 22), ("incident", "seizure", "Arabian Sea")),
    # a bombing is an explosion; a bombing of sites by aircraft is an air strike
    ("On Jan. 3, twin bombings in Kerman killed scores of people at a memorial.", date(2024, 1, 16),
     ("incident", "explosion", "Kerman")),
    ("The U.S. bombing of militia sites in Iraq continued on Friday.", date(2024, 1, 16),
     ("incident", "airstrike", "Iraq")),
    # "leader, X, was killed in" is a targeted killing
    ("Hamas' political leader, Ismail Haniyeh, was killed in Tehran on Wednesday.", date(2024, 8, 2),
     ("incident", "targeted_killing", "Tehran")),
    # movements: pulled out of; left for a planned destination; left and is now in
    ("Earlier this month the Pentagon began pulling roughly eight Patriot missile-defense batteries out of Iraq.",
     date(2021, 6, 21), ("movement", "withdrawal", "Iraq")),
    ("The carrier USS Harry S. Truman left Norfolk, Virginia, last week on a deployment expected to take it to the "
     "Mediterranean.", date(2024, 10, 3), ("movement", "withdrawal", "Norfolk")),
    ("The USS Ronald Reagan left Yokosuka, Japan, in May and is now in the Arabian Sea.", date(2021, 6, 21),
     ("movement", "deployment", "Arabian Sea")),
])
def test_what_one_sentence_reports(gazetteer, text, published, expected):
    event = one(gazetteer, text, published=published)
    assert (event.kind, event.type, event.place.name) == expected


def test_a_bearing_aside_locates_the_place_before_it(gazetteer):
    # "next to" is no "next week"; the Tigris locates the base; the relative clause's "could" is not the fireball's
    event = one(gazetteer, "Then on Tuesday, a depot next to Balad air base, north of the capital on the Tigris, went "
                           "up in a fireball that residents said they could see from Samarra.", published=date(2019, 8, 23))
    assert (event.type, event.place.name, event.date_start) == ("explosion", "Balad Air Base", date(2019, 8, 20))


def test_another_named_ship_s_move_in_the_same_sentence_is_another_movement(gazetteer):
    found = events_of(gazetteer, "The USS Georgia sailed through the Strait of Hormuz in December 2020, and USS Florida "
                                 "crossed the Suez Canal in April 2023.", published=date(2024, 11, 2))
    assert [(e.type, e.place.name, e.date_start) for e in found] == [
        ("transit", "Strait of Hormuz", date(2020, 12, 1)), ("transit", "Suez Canal", date(2023, 4, 1))]


def test_the_border_towns_of_names_each_town(gazetteer):
    found = events_of(gazetteer, "Turkey launched its offensive on Oct. 9 with artillery fire on the border towns of "
                                 "Ras al-Ain and Tal Abyad.", published=date(2019, 10, 21))
    assert [(e.type, e.place.name) for e in found] == [("rocket_attack", "Ras al-Ain"), ("rocket_attack", "Tal Abyad")]


def test_strikes_across_two_countries_are_one_event(gazetteer):
    found = events_of(gazetteer, "The U.S. struck 85 targets in Iraq and Syria on Feb. 2.", published=date(2024, 4, 23))
    assert [(e.type, e.place.name, e.date_start) for e in found] == [("airstrike", "Iraq", date(2024, 2, 2))]


def test_the_area_is_the_last_place_named_a_sea_included(gazetteer):
    found = events_of(gazetteer, "Missiles were fired into shipping lanes in the southern Red Sea on Saturday. The "
                                 "destroyer USS Laboon shot down four drones in the area.", published=date(2023, 12, 24))
    assert [(e.type, e.place.name) for e in found] == [("missile_attack", "southern Red Sea"),
                                                        ("shootdown", "southern Red Sea")]


def _lexicon_patterns(node) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, list):
        return [p for item in node for p in _lexicon_patterns(item)]
    if isinstance(node, dict):
        return [p for key, value in node.items() if not key.startswith("_") for p in _lexicon_patterns(value)]
    return []


def test_no_lexicon_pattern_ends_in_a_space_the_word_boundary_can_never_follow():
    """Patterns are wrapped in word boundaries, so "indirect fire (?:attacks?)?" never matched
    "indirect fire hit": the space belongs inside the optional group."""
    data = json.loads((Path(__file__).resolve().parents[1] / "geomap" / "data" / "lexicon.json").read_text())
    bad = [p for p in _lexicon_patterns(data) if p.endswith(" ") or re.search(r" \((?:\?:)?[^()]*\)\?$", p)]
    assert bad == []
