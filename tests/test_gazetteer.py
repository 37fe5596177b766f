"""The gazetteer on real data: seed places, ambiguity, guards, layers and hostile input."""
from __future__ import annotations

import json
import math

import pytest

from conftest import resolve
from gazetteer import Gazetteer, GazetteerFileError


def _km(place, lat, lon) -> float:
    from gazetteer.resolve import haversine_km

    return haversine_km(place.lat, place.lon, lat, lon)


def _only(gazetteer, text, surface):
    found = [r for r in gazetteer.read(text).resolutions if r.surface == surface]
    assert found, f"{surface!r} not found in {text!r}: {resolve(gazetteer, text)}"
    return found[0]


@pytest.mark.parametrize("surface, lat, lon, tolerance_km", [
    ("Baghdad", 33.3152, 44.3661, 25), ("Kirkuk", 35.4681, 44.3922, 30), ("Tikrit", 34.6071, 43.6782, 25),
    ("Camp Speicher", 34.67, 43.542, 30), ("Strait of Hormuz", 26.5667, 56.25, 150),
    ("Persian Gulf", 26.0, 52.0, 700), ("Pope Army Airfield", 35.1709, -79.0145, 40),
    ("Baghdad International Airport", 33.2625, 44.2346, 30), ("Middle East", 29.0, 45.0, 1500),
    ("Damascus", 33.5138, 36.2765, 30), ("Benghazi", 32.1167, 20.0667, 30), ("Tehran", 35.6892, 51.389, 40),
    ("Kuwait", 29.3, 47.6, 150), ("North Carolina", 35.5, -79.4, 450), ("Yemen", 15.5, 48.0, 650),
])
def test_every_seed_place_resolves_near_its_reference_point(gazetteer, surface, lat, lon, tolerance_km):
    text = f"Officials said the event happened in {surface} last week."
    assert _km(_only(gazetteer, text, surface).place, lat, lon) <= tolerance_km


def test_qaim_is_al_qaim_in_iraq(gazetteer):
    r = _only(gazetteer, "a U.S. airstrike in Qaim, Iraq, on Dec. 30, 2019.", "Qaim")
    assert r.place.country == "IQ" and _km(r.place, 34.3686, 41.095) <= 30


def test_damascus_is_in_syria_not_maryland(gazetteer):
    r = _only(gazetteer, "the devastating attack on a diplomatic facility in Damascus", "Damascus")
    assert r.place.country == "SY"


def test_lebanon_is_the_country_unless_the_text_is_about_tennessee(gazetteer):
    assert _only(gazetteer, "Hezbollah fighters crossed from Lebanon.", "Lebanon").place.kind == "country"
    tennessee = ("The Wilson County sheriff said the fire in Lebanon, Tennessee, started near Nashville. "
                 "Lebanon police closed the road.")
    r = _only(gazetteer, tennessee, "Lebanon")
    assert r.place.country == "US" and _km(r.place, 36.2081, -86.2911) < 30


def test_near_kirkuk_is_kirkuk_with_near_precision(gazetteer):
    r = _only(gazetteer, "a rocket attack on an Iraqi base near Kirkuk last week", "Kirkuk")
    assert r.place.name == "Kirkuk" and r.precision == "near"


def test_longest_name_wins(gazetteer):
    found = resolve(gazetteer, "the strike near Baghdad International Airport and a tanker in the Gulf of Oman")
    names = [name for _, name, _ in found]
    assert "Baghdad International Airport" in names and "Baghdad" not in names
    assert any("Oman" in name and name != "Oman" for name in names) and "Oman" not in names


def test_possessives_curly_apostrophes_and_modifiers(gazetteer):
    doc = gazetteer.read("Iran’s foreign minister said Iran-backed militias and Iraq's government met.")
    by_surface = {r.surface: r for r in doc.resolutions}
    assert {"Iran", "Iraq"} <= set(by_surface)
    modifiers = [r for r in doc.resolutions if r.mention.modifier]
    assert [r.surface for r in modifiers] == ["Iran"]


def test_demonyms_are_not_toponyms(gazetteer):
    assert resolve(gazetteer, "Iraqi and Iranian officials met American diplomats.") == []


@pytest.mark.parametrize("text", [
    "Reading the report, officials were worried.",
    "Mobile phones were banned at the base.",
    "Michael Jordan scored. Jordan said he was tired.",
    "The Washington Post reported the strike.",
    "Kurdistan 24 broadcast the footage.",
    "Defense Secretary Lloyd Austin spoke. Austin said the strike worked.",
    "The board heard David Mills and Mary Z. Connaughton; Boyd J. Jones abstained.",
    "Man booked for teen assault",
    "Deputy David Robinson stopped the car. \"It was choking,\" Taylor said.",
    "The USS Carney sailed on. The Houthis fired a missile at the Carney itself.",
    "The USS Abraham Lincoln sailed. The Lincoln is expected to reach the sea.",
    "Gunmen fired at the tanker Richmond Voyager.",
    "Brent crude rose 3% and West Texas Intermediate followed.",
    "Drones hit a water facility in Dhahran al-Janoub, near the Yemeni border.",
])
def test_guards_against_words_and_names_that_are_not_places(gazetteer, text):
    surfaces = [s for s, _, _ in resolve(gazetteer, text)]
    assert not {"Reading", "Mobile", "Jordan", "Washington", "Kurdistan", "Austin", "David", "Mary", "Jones",
                "Man", "Robinson", "Taylor", "Carney", "Lincoln", "Richmond", "Brent", "Texas", "Dhahran"} & set(surfaces), surfaces


@pytest.mark.parametrize("text, surface", [
    ("Floods hit Gary, Ind., on Monday.", "Gary"), ("He moved to Winnipeg, Man., last year.", "Man"),
    ("Mary, a town in Turkmenistan, lost power.", "Mary"), ("Police in Charleston, S.C., said", "S.C."),
])
def test_towns_named_like_people_and_abbreviations_still_count_as_places(gazetteer, text, surface):
    assert surface in [s for s, _, _ in resolve(gazetteer, text)]


def test_middle_east_is_the_region_not_the_baltimore_neighbourhood(gazetteer):
    r = _only(gazetteer, "bombers flew to the Middle East on Wednesday", "Middle East")
    assert r.place.kind == "region" and r.place.layer == "curated"


def test_every_resolution_carries_what_a_map_needs(gazetteer):
    for r in gazetteer.read("Rockets hit the U.S. Embassy in Baghdad and Camp Taji.").resolutions:
        p = r.place
        assert p.name and p.kind and p.layer and p.id and p.radius_km > 0
        assert -90 <= p.lat <= 90 and -180 <= p.lon <= 180 and math.isfinite(r.score)


def test_unknown_names_after_place_prepositions_are_reported(gazetteer):
    doc = gazetteer.read("Militias gathered in Zorkastan and near Blorfield on Monday.")
    assert {u.surface for u in doc.unresolved} == {"Zorkastan", "Blorfield"}


def test_user_file_overrides_every_layer(tmp_path):
    user = tmp_path / "mine.csv"
    user.write_text("id,name,aliases,kind,country,lat,lon,radius_km,parent,source\n"
                    "mine:damascus-fob,Damascus,FOB Damascus,base,US,10.0,20.0,1,,my notes\n", encoding="utf-8")
    gaz = Gazetteer.load(user)
    place = _only(gaz, "Troops arrived in Damascus.", "Damascus").place
    assert (place.layer, place.lat, place.lon) == ("user", 10.0, 20.0)


@pytest.mark.parametrize("content, message", [
    ("id,name\nx,y\n", "missing column"),
    ("id,name,aliases,kind,country,lat,lon,radius_km,parent,source\nx,Y,,moon,US,1,2,3,,\n", "unknown kind"),
    ("id,name,aliases,kind,country,lat,lon,radius_km,parent,source\nx,Y,,city,US,north,2,3,,\n", "decimal degrees"),
    ("id,name,aliases,kind,country,lat,lon,radius_km,parent,source\nx,Y,,city,US,91,2,3,,\n", "out of range"),
])
def test_a_bad_user_file_is_a_clear_error_naming_the_line(tmp_path, content, message):
    user = tmp_path / "bad.csv"
    user.write_text(content, encoding="utf-8")
    with pytest.raises(GazetteerFileError, match=message):
        Gazetteer.load(user)


@pytest.mark.parametrize("text", [
    "", "\x00\x01\x02\xff" * 100, "x" * 10_000_000, "Bаghdаd" * 3,  # Cyrillic homoglyphs
    "\ufeff\u202e\u200b" * 50, "🙂 Kirkuk 🙂", "in " * 1000,
])
def test_hostile_text_gives_a_result_not_a_traceback(gazetteer, text):
    doc = gazetteer.read(text)
    assert isinstance(doc.resolutions, list)


def test_homoglyph_names_do_not_resolve(gazetteer):
    assert resolve(gazetteer, "Strikes hit Bаghdаd.") == []  # Cyrillic а


def test_lookup_lists_candidates_best_first(gazetteer):
    names = [(p.name, p.country) for p, _ in gazetteer.lookup("Damascus", limit=3)]
    assert names[0] == ("Damascus", "SY") and ("Damascus", "US") in names


def test_geocode_command_prints_a_table_and_json(gazetteer):
    from click.testing import CliRunner

    from geomap.cli import main

    table = CliRunner().invoke(main, ["geocode", "Damascus", "Qaim"])
    assert table.exit_code == 0 and "Al-Qa'im" in table.output and "SY" in table.output
    as_json = CliRunner().invoke(main, ["geocode", "--json", "Pope Army Airfield"])
    rows = json.loads(as_json.output)
    assert rows[0]["layer"] == "curated" and abs(rows[0]["lat"] - 35.17) < 0.05


@pytest.mark.parametrize("surface, lat, lon", [("Russia", 60.0, 100.0), ("China", 35.0, 105.0),
                                               ("Canada", 60.0, -95.0), ("United States", 39.8, -98.6)])
def test_a_country_sits_at_its_published_geographic_centre(gazetteer, surface, lat, lon):
    """The GeoNames / Factbook convention, not a polygon centroid hundreds of km away."""
    place = _only(gazetteer, f"Officials in {surface} said nothing.", surface).place
    assert place.kind == "country" and _km(place, lat, lon) < 50


def test_a_town_named_hudson_beats_a_city_that_once_bore_the_name(gazetteer):
    """Jersey City lists "Hudson" as an alternate name; towns called Hudson come first."""
    place = _only(gazetteer, "The council met in Hudson on Monday.", "Hudson").place
    assert place.name == "Hudson"


def test_an_alternate_name_still_resolves_when_nothing_bears_it_as_its_own(gazetteer):
    place = _only(gazetteer, "Troops moved north of Irbil overnight.", "Irbil").place
    assert place.name == "Erbil"


def test_only_the_capital_itself_carries_the_capital_flag(gazetteer):
    capitals = [p for p, _ in gazetteer.lookup("Washington", 30) if p.feature == "PPLC"]
    assert [p.parent for p in capitals] == ["admin1:US.DC"]


def test_ambiguous_names_of_a_local_story_settle_in_the_state_that_holds_them_together(gazetteer):
    text = "Madison County commissioners met officials from Columbus, Norfolk and Platte County."
    places = {r.surface: r.place for r in gazetteer.read(text).resolutions}
    assert places["Norfolk"].parent == "admin1:US.NE" and places["Platte County"].parent == "admin1:US.NE"


@pytest.mark.parametrize("text, town, state", [
    ("The Paris school board voted Tuesday. Henry County deputies later closed the road.", "Paris", "TN"),
    ("Police in Dublin arrested two men, a Franklin County spokesman said.", "Dublin", "OH"),
])
def test_a_town_named_with_a_county_that_holds_it_is_that_county_s_town(gazetteer, text, town, state):
    places = {r.surface: r.place for r in gazetteer.read(text).resolutions}
    assert places[town].parent == f"admin1:US.{state}"
    county = next(p for s, p in places.items() if s.endswith("County"))
    assert county.parent == f"admin1:US.{state}"


def test_a_middle_east_story_keeps_the_famous_readings(gazetteer):
    text = ("Israeli jets struck near Damascus as diplomats met in Paris. Lebanon and Georgia condemned "
            "the strikes; Washington said it was consulting allies.")
    places = {r.surface: r.place for r in gazetteer.read(text).resolutions}
    assert places["Damascus"].country == "SY" and places["Paris"].country == "FR"
    assert places["Lebanon"].kind == places["Georgia"].kind == "country"
    assert places["Washington"].parent == "admin1:US.DC"


def test_a_division_answers_to_its_bare_name_and_context_chooses(gazetteer):
    yemen = "Houthi forces in Yemen fired from Al Jawf province, near Marib and Sanaa."
    assert _only(gazetteer, yemen, "Al Jawf province").place.country == "YE"
    assert _only(gazetteer, "Rockets hit near Kirkuk on Monday.", "Kirkuk").place.kind == "city"


def test_news_spellings_of_middle_east_cities(gazetteer):
    for name, country in (("Hodeidah", "YE"), ("Deir el-Zour", "SY"), ("Basra", "IQ"), ("Fallujah", "IQ")):
        assert _only(gazetteer, f"The strike hit {name} on Monday.", name).place.country == country


def test_an_all_caps_dateline_is_a_place(gazetteer):
    assert _only(gazetteer, "DUBAI (wire) — Iran seized a tanker on Friday.", "DUBAI").place.country == "AE"
    assert _only(gazetteer, "WASHINGTON/DUBAI (wire) — Iran seized a tanker.", "DUBAI").place.country == "AE"


def test_a_curated_short_name_needs_no_preposition_but_a_common_word_does(gazetteer):
    assert [name for _, name, _ in resolve(gazetteer, "More than 25 rockets hit Taji on March 14.")] == ["Camp Taji"]
    assert resolve(gazetteer, "Gulf officials met on Monday.") == []


def test_a_town_named_like_a_word_counts_in_a_list_a_preposition_opened(gazetteer):
    assert [s for s, _, _ in resolve(gazetteer, "Dozens of rockets were fired at Nahariya and Acre.")] == [
        "Nahariya", "Acre"]
    assert resolve(gazetteer, "Farmers and Acre growers met.") == []


def test_a_word_of_a_base_named_before_is_that_base_unless_its_own_reading_is_near(gazetteer):
    found = resolve(gazetteer, "F-22s from Joint Base Langley-Eustis landed at Al Dhafra. They left Langley last week.")
    assert found[-1][:2] == ("Langley", "Joint Base Langley-Eustis")
    found = resolve(gazetteer, "Rockets hit Baghdad International Airport. Baghdad was calm.")
    assert found[-1][:2] == ("Baghdad", "Baghdad")


def test_a_merged_town_is_found_by_its_first_name(gazetteer):
    assert [name for _, name, _ in resolve(gazetteer, "A drone hit an army base near Binyamina on Sunday.")] == [
        "Binyamina-Giv‘at ‘Ada"]


def test_an_arab_town_is_found_without_the_article_geonames_writes(gazetteer):
    found = resolve(gazetteer, "Israeli artillery shelled the outskirts of Naqoura on Wednesday.")
    assert [(surface, name) for surface, name, _ in found] == [("Naqoura", "En Naqoura")]
    assert all(place.country != "US" for place, _ in gazetteer.lookup("Paso"))  # "El Paso", Texas keeps its article
    # towns GeoNames lists without a population are curated with its point
    found = resolve(gazetteer, "Jets struck the ports of Hodeidah and Salif and the terminal at Ash Shihr.")
    assert [name for _, name, _ in found] == ["Hodeidah", "Salif", "Ash Shihr"]


def test_a_ship_named_like_a_place_stays_a_ship_through_the_article(gazetteer):
    text = ("Warships escorted the Ohio-class submarine USS Georgia through the Strait of Hormuz. The formation, "
            "Georgia, the cruiser USS Monterey and the cutters Maui and Wrangell, sailed on. In 2018 the destroyer "
            "Damavand struck a breakwater. Georgia is homeported at Naval Submarine Base Kings Bay, Georgia.")
    found = [(surface, name) for surface, name, _ in resolve(gazetteer, text)]
    assert found[0] == ("Strait of Hormuz", "Strait of Hormuz")
    surfaces = [surface for surface, _ in found]
    assert surfaces.count("Georgia") == 1  # only the state that says where Kings Bay is
    assert not {"Ohio", "Monterey", "Maui", "Wrangell", "Damavand"} & set(surfaces)


def test_a_contraction_is_no_abbreviated_state(gazetteer):
    assert resolve(gazetteer, "With that, I'll take your questions.") == []
    assert [name for _, name, _ in resolve(gazetteer, "He lives in Springfield, Ill., near Chicago.")][1] == "Illinois"


def test_a_city_owning_an_unknown_district_is_found(gazetteer):
    assert [name for _, name, _ in resolve(gazetteer, "A strike hit Damascus's Mezzeh district.")] == ["Damascus"]
    assert resolve(gazetteer, "David Ignatius wrote.") == []  # a first name before a surname is still a person


@pytest.mark.parametrize("text, expected", [
    ("War-risk underwriters in London said they expected higher premiums.", ["London"]),  # a place, not a speaker
    ('"It was choking," Taylor said.', []),
    ("In a statement carried by the Fars news agency, the Guards said.", []),  # an outlet
    ("The Konarak, a light logistics vessel, was hit near Jask. The damaged Konarak was towed.", ["Jask"]),  # a ship
    ("Rockets hit Basra, a city of two million.", ["Basra"]),
])
def test_outlets_ships_and_speakers_named_like_places(gazetteer, text, expected):
    assert [name for _, name, _ in resolve(gazetteer, text)] == expected


def test_people_of_middle_east_reporting_are_no_towns(gazetteer):
    assert resolve(gazetteer, "Hezbollah leader Hassan Nasrallah was due to speak later on Sunday.") == []
    assert [name for _, name, _ in resolve(gazetteer, "He flew to Hassan in Karnataka.")][:1] == ["Hassan"]


def test_a_ships_name_is_no_place(gazetteer):
    surfaces = [s for s, _, _ in resolve(gazetteer, "The Pentagon ordered the submarine USS Georgia to sea.")]
    assert "Georgia" not in surfaces and "Pentagon" in surfaces
    surfaces = [s for s, _, _ in resolve(gazetteer, "The USS Harry S. Truman, which left Norfolk last month, "
                                                    "and the USS Carney in Aden were in the news.")]
    assert surfaces == ["Norfolk", "Aden"]


def test_a_list_of_counties_names_counties(gazetteer):
    found = resolve(gazetteer, "Flooding hit Lee, Charlotte and Collier counties in Florida.")
    assert [(s, name) for s, name, _ in found[:3]] == [
        ("Lee", "Lee County"), ("Charlotte", "Charlotte County"), ("Collier", "Collier County")]


def test_provinces_and_nations_outside_the_us(gazetteer):
    assert _only(gazetteer, "Snow fell across Ontario and Quebec on Monday.", "Ontario").place.country == "CA"
    assert _only(gazetteer, "Voters in Scotland and Wales went to the polls.", "Scotland").place.kind == "admin1"


@pytest.mark.parametrize("text, surface, country", [
    # "U.S. Navy" and "U.S. military" describe; they do not put the story in the United States
    ("U.S. Central Command said a U.S. destroyer helped. U.S. officials said U.S. forces struck Yemen. The trader "
     "is based in Singapore and Geneva.", "Geneva", "CH"),
    # the capital of a country the story names beats a namesake in a state it names
    ("The tanker sailed from Galveston, Texas, to Greece via the Suez Canal. (Reporting by the Dubai and Athens "
     "newsrooms)", "Athens", "GR"),
    # a former name ("Philadelphia" for Amman) does not carry the capital's prior
    ("A nonprofit in Philadelphia lost $1.5 million, prosecutors said.", "Philadelphia", "US"),
])
def test_context_and_aliases_do_not_mislead(gazetteer, text, surface, country):
    assert _only(gazetteer, text, surface).place.country == country


def test_a_list_of_cities_is_no_city_qualified_by_a_division(gazetteer):
    # Tiran in Isfahan province lists "Tehran" as an alternate name: a list naming Isfahan is no
    # reason to read the capital as that town
    found = _only(gazetteer, "Flights were suspended at airports in Tehran, Isfahan and Shiraz.", "Tehran")
    assert found.place.name == "Tehran"


def test_an_air_force_base_answers_to_the_names_news_uses():
    from gazetteer.layers.world import _base_names

    assert _base_names("Luke Afb Airport") == ("Luke Air Force Base", "Luke AFB", "Joint Base Luke")
    assert _base_names("Chania International Airport") == ()


def test_a_world_air_force_base_is_found_by_its_news_name(gazetteer):
    assert _only(gazetteer, "F-35s flew from Luke AFB on Monday.", "Luke AFB").place.id == "icao:KLUF"


@pytest.mark.parametrize("text, surface, name", [
    ("U.S. forces struck sites in Deir ez-Zor on Aug. 23.", "Deir ez-Zor", "Deir ez-Zor"),
    ("Rockets hit ar-Raqqah.", "ar-Raqqah", "Ar Raqqah"),
    # an article the gazetteer does not write is read past, and kept in the mention
    ("A drone was shot down near Al-Harir air base.", "Al-Harir air base", "Harir Air Base"),
    # "military base" ends a name as "air base" does
    ("Rockets hit the K-1 military base near Kirkuk.", "K-1 military base", "K-1 Air Base"),
    ("A drone hit a hangar at Erbil airport in April.", "Erbil airport", "Erbil International Airport"),
    ("Flights at Baghdad international airport were halted.", "Baghdad international airport",
     "Baghdad International Airport"),
    ("Ships are rerouting around the Cape of Good Hope.", "Cape of Good Hope", "Cape of Good Hope"),
])
def test_arabic_articles_glued_to_a_name(gazetteer, text, surface, name):
    assert _only(gazetteer, text, surface).place.name == name
