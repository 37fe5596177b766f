"""Temporal expressions: absolute, relative to the publication date, and things that are not dates."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from geomap.corpus import iter_articles
from geomap.dates import DateRange, TemporalMention, find_dates, parse_iso_date, sentence_direction

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def test_parse_iso_date():
    assert parse_iso_date("2020-01-02") == date(2020, 1, 2)
    assert parse_iso_date(" 2020-01-02 ") == date(2020, 1, 2)


@pytest.mark.parametrize("bad", ["", "2020-1-2", "02/01/2020", "20200102", "2020-02-30", "yesterday"])
def test_parse_iso_date_rejects_clearly(bad):
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        parse_iso_date(bad)


# ------------------------------------------------------------------ helpers

THU = date(2020, 1, 2)  # a Thursday, as seed 001
D = date


def dates_of(sentence: str, published: date | None = THU) -> list[tuple[str, object]]:
    """(text, (start, end, precision) or None) per mention: compact to assert on."""
    out = []
    for m in find_dates(sentence, published):
        assert sentence[m.start:m.end] == m.text
        out.append((m.text, None if m.range is None else
                    (m.range.start, m.range.end, m.range.precision)))
    return out


def only(sentence: str, published: date | None = THU) -> tuple:
    [(_, value)] = dates_of(sentence, published)
    return value


def day(y: int, m: int, d: int) -> tuple:
    return (D(y, m, d), D(y, m, d), "day")


# ------------------------------------------------------------------ absolute dates

@pytest.mark.parametrize("sentence, expected", [
    ("The embassy was stormed on Dec. 31, 2019.", day(2019, 12, 31)),
    ("The strike on Jan. 1, 2020 killed two.", day(2020, 1, 1)),
    ("Soleimani was killed on January 3, 2020, near the airport.", day(2020, 1, 3)),
    ("The raid took place on 3 January 2020.", day(2020, 1, 3)),
    ("Rockets hit the base on 2019-12-27.", day(2019, 12, 27)),
    ("It happened on Sept. 14, 2019.", day(2019, 9, 14)),
    ("It happened on Sep 14, 2019.", day(2019, 9, 14)),
    ("It happened on September 14th, 2019.", day(2019, 9, 14)),
    ("It happened on the 14th of September 2019.", day(2019, 9, 14)),
    ("Drills ran December 21-23, 2019.", (D(2019, 12, 21), D(2019, 12, 23), "week")),
    ("Drills ran 21–23 December 2019.", (D(2019, 12, 21), D(2019, 12, 23), "week")),
    ("Missiles fell on the night of Jan. 7-8, 2020.", (D(2020, 1, 7), D(2020, 1, 8), "day")),
])
def test_explicit_days(sentence, expected):
    assert only(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("Tensions rose in 2019.", (D(2019, 1, 1), D(2019, 12, 31), "year")),
    ("The 2015 nuclear deal collapsed.", (D(2015, 1, 1), D(2015, 12, 31), "year")),
    ("He was killed in January 2020.", (D(2020, 1, 1), D(2020, 1, 31), "month")),
    ("Tankers were attacked in June 2019.", (D(2019, 6, 1), D(2019, 6, 30), "month")),
    ("Tankers were attacked June 2019 in the Gulf of Oman.", (D(2019, 6, 1), D(2019, 6, 30), "month")),
    ("The ship was seized in late July 2019.", (D(2019, 7, 21), D(2019, 7, 31), "week")),
    ("Strikes resumed in early 2020.", (D(2020, 1, 1), D(2020, 4, 30), "year")),
    ("Strikes resumed in mid-2019.", (D(2019, 5, 1), D(2019, 8, 31), "year")),
    ("Strikes resumed by the end of 2019.", (D(2019, 9, 1), D(2019, 12, 31), "year")),
    ("The drone was downed in May 2019.", (D(2019, 5, 1), D(2019, 5, 31), "month")),
    ("The drone was downed on May 20, 2019.", day(2019, 5, 20)),
])
def test_explicit_months_and_years(sentence, expected):
    assert only(sentence) == expected


def test_explicit_dates_do_not_need_a_publication_date():
    [mention] = find_dates("The strike on Jan. 1, 2020 killed two.", None)
    assert mention.range == DateRange(D(2020, 1, 1), D(2020, 1, 1), "day")
    assert mention.relative is False


def test_span_leaves_out_prepositions_but_keeps_since():
    [mention] = find_dates("a U.S. airstrike in Qaim, Iraq, on Dec. 30, 2019. (AP Photo)", THU)
    assert mention.text == "Dec. 30, 2019"
    assert [m.text for m in find_dates("Tensions have soared since 2018.", THU)] == ["since 2018"]


@pytest.mark.parametrize("sentence, expected", [
    ("Tensions have soared since 2018, when Trump withdrew.", (D(2018, 1, 1), D(2018, 12, 31), "year")),
    ("They came to the brink of war twice since June 2019.", (D(2019, 6, 1), D(2019, 6, 30), "month")),
    ("Attacks have risen since Dec. 27, 2019.", day(2019, 12, 27)),
    ("Attacks have risen since Sunday.", day(2019, 12, 29)),
])
def test_since_is_open_ended(sentence, expected):
    [mention] = find_dates(sentence, THU)
    assert mention.open_ended is True
    assert (mention.range.start, mention.range.end, mention.range.precision) == expected
    assert mention.text.startswith("since")


# ------------------------------------------------------------------ year inference

@pytest.mark.parametrize("sentence, published, expected", [
    # past events reported just after new year belong to the old year
    ("He threatened Iran after a December 21 attack on the embassy.", THU, day(2019, 12, 21)),
    ("The embassy was attacked on Dec. 31.", THU, day(2019, 12, 31)),
    ("The base was hit on Dec 29.", THU, day(2019, 12, 29)),
    ("The base was hit on 29 December.", THU, day(2019, 12, 29)),
    ("Esper spoke on Jan. 2.", THU, day(2020, 1, 2)),  # publication day itself
    ("The militia attacked the base on December 21st.", THU, day(2019, 12, 21)),
    # in the past tense a later month-day is last year's
    ("Soleimani was killed on January 3.", D(2020, 12, 31), day(2020, 1, 3)),
    # future tense: the coming one, across the year boundary
    ("Iran will mark the killing on January 3.", D(2020, 12, 31), day(2021, 1, 3)),
    ("The carrier is expected to arrive Jan. 5.", D(2020, 12, 31), day(2021, 1, 5)),
    ("Talks are scheduled for January 3.", D(2020, 12, 31), day(2021, 1, 3)),
    ("Officials fear attacks ahead of January 3.", D(2020, 12, 31), day(2021, 1, 3)),
    # an anniversary is the nearest occurrence, whatever the tense
    ("Officials said the threat peaked around the January 3 anniversary.", D(2020, 12, 31),
     day(2021, 1, 3)),
    ("Iran marked the January 3 anniversary of the killing.", D(2021, 1, 5), day(2021, 1, 3)),
    # no valid year near publication: February 29 exists only in a leap year
    ("The drill on Feb. 29 was cancelled.", D(2021, 3, 1), day(2020, 2, 29)),
])
def test_year_inference_for_month_day(sentence, published, expected):
    assert only(sentence, published) == expected


@pytest.mark.parametrize("sentence, published, expected", [
    ("Soleimani was killed in January.", D(2020, 12, 31), (D(2020, 1, 1), D(2020, 1, 31), "month")),
    ("Soleimani was killed in January.", THU, (D(2020, 1, 1), D(2020, 1, 31), "month")),
    ("Tankers were attacked in June.", D(2020, 1, 2), (D(2019, 6, 1), D(2019, 6, 30), "month")),
    ("Elections will be held in June.", D(2020, 1, 2), (D(2020, 6, 1), D(2020, 6, 30), "month")),
    ("The carrier will return in January.", D(2020, 12, 31), (D(2021, 1, 1), D(2021, 1, 31), "month")),
    ("The talks were held last January.", D(2020, 1, 20), (D(2019, 1, 1), D(2019, 1, 31), "month")),
    ("The talks will be held next December.", D(2020, 12, 5), (D(2021, 12, 1), D(2021, 12, 31), "month")),
    ("The scientist was killed in late November.", D(2021, 1, 3), (D(2020, 11, 21), D(2020, 11, 30), "week")),
    ("Trump asked for options in a mid-November meeting.", D(2020, 12, 31),
     (D(2020, 11, 11), D(2020, 11, 20), "week")),
    ("Ships arrived in early December.", D(2020, 12, 31), (D(2020, 12, 1), D(2020, 12, 10), "week")),
    ("Ships arrived at the end of February.", D(2021, 3, 1), (D(2021, 2, 21), D(2021, 2, 28), "week")),
])
def test_year_inference_for_months(sentence, published, expected):
    assert only(sentence, published) == expected


@pytest.mark.parametrize("sentence, published, expected", [
    # a bulletin's "on the 15th": the last 15th up to publication
    ("The tanker was hit in the Red Sea on the 15th.", D(2024, 7, 17), day(2024, 7, 15)),
    ("The tanker was hit in the Red Sea on the 20th.", D(2024, 7, 17), day(2024, 6, 20)),
    ("The tanker was hit in the Red Sea on the 20th.", D(2024, 1, 17), day(2023, 12, 20)),
])
def test_an_ordinal_day_alone_is_of_the_publication_month_or_the_one_before(sentence, published, expected):
    assert only(sentence, published) == expected


def test_an_ordinal_day_takes_the_month_its_sentence_names():
    found = find_dates("In June, the Tutor was hit by a drone boat on the 12th.", D(2024, 7, 17))
    assert (found[-1].range.start, found[-1].range.end, found[-1].range.precision) == day(2024, 6, 12)


@pytest.mark.parametrize("sentence", ["The 5th Fleet said so.", "The 82nd Airborne Division deployed.",
                                      "It was the 20th century.", "It marks the 10th anniversary.",
                                      "The strike came on the 31st."])
def test_an_ordinal_that_names_a_unit_or_no_day_is_no_date(sentence):
    assert find_dates(sentence, D(2024, 7, 17)) == []  # June has no 31st


# ------------------------------------------------------------------ weekdays

@pytest.mark.parametrize("sentence, expected", [
    ("Militias backed off Wednesday at the behest of the government.", day(2020, 1, 1)),
    ("Esper said Tuesday that troops would be deployed.", day(2019, 12, 31)),
    ("The strikes came on Sunday.", day(2019, 12, 29)),
    ("Zarif charged Thursday morning that the US was creating a pretext.", day(2020, 1, 2)),
    ("Rockets were fired Tuesday night at the base.", day(2019, 12, 31)),
    ("Wednesday's B-52 flight was meant to deter Iran.", day(2020, 1, 1)),
    ("Wednesday’s flight was meant to deter Iran.", day(2020, 1, 1)),
    ("Protesters withdrew on Friday.", day(2019, 12, 27)),  # the day after publication is future
    ("The ship was seized last Thursday.", day(2019, 12, 26)),  # "last" never means today
    ("Later Thursday, officials briefed reporters.", day(2020, 1, 2)),
    ("THE BASE WAS HIT ON SUNDAY.", day(2019, 12, 29)),
])
def test_weekdays_in_past_sentences(sentence, expected):
    assert only(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("The carrier will arrive in the Gulf on Monday, officials said.", day(2020, 1, 6)),
    ("Iran is expected to respond on Friday.", day(2020, 1, 3)),
    ("The president will speak Thursday.", day(2020, 1, 2)),  # a weekday today is today
    ("Talks are scheduled for next Thursday.", day(2020, 1, 9)),
    ("Iran said on Monday it will retaliate.", day(2019, 12, 30)),  # the saying is past
])
def test_weekdays_in_future_sentences(sentence, expected):
    assert only(sentence) == expected


def test_weekday_seed_publication_days():
    # seed 002, published Sunday 2021-01-03
    sunday = D(2021, 1, 3)
    assert dates_of("Iran on Sunday marked one year since the death of General Soleimani.",
                    sunday) == [("Sunday", day(2021, 1, 3)), ("one year since", None)]
    assert only("A US nuclear submarine crossed the Strait of Hormuz on Monday.", sunday) == \
        day(2020, 12, 28)


# ------------------------------------------------------------------ relative words and periods

@pytest.mark.parametrize("sentence, expected", [
    ("A rocket hit the base yesterday.", day(2020, 1, 1)),
    ("Iran responded today.", day(2020, 1, 2)),
    ("Drones attacked the base last night.", day(2020, 1, 1)),
    ("Rockets landed near the embassy this morning.", day(2020, 1, 2)),
    ("Rockets landed near the embassy overnight.", (D(2020, 1, 1), D(2020, 1, 2), "day")),
    ("The base was hit the day before yesterday.", day(2019, 12, 31)),
    ("The missile attack on an Iraqi base last week left an American dead.",
     (D(2019, 12, 23), D(2019, 12, 29), "week")),
    ("This week, militias gathered at the embassy.", (D(2019, 12, 30), D(2020, 1, 2), "week")),
    ("Protests grew earlier this week.", (D(2019, 12, 30), D(2020, 1, 2), "week")),
    ("The carrier will sail next week.", (D(2020, 1, 6), D(2020, 1, 12), "week")),
    ("The embassy was attacked last month.", (D(2019, 12, 1), D(2019, 12, 31), "month")),
    ("It was the second flight this month.", (D(2020, 1, 1), D(2020, 1, 2), "month")),
    ("Tankers were seized earlier this month.", (D(2020, 1, 1), D(2020, 1, 2), "month")),
    ("Iran downed a U.S. drone last year.", (D(2019, 1, 1), D(2019, 12, 31), "year")),
    ("Attacks have risen this year.", (D(2020, 1, 1), D(2020, 1, 2), "year")),
    ("Elections will be held later this year.", (D(2020, 1, 2), D(2020, 12, 31), "year")),
    ("US officials had predicted just two weeks ago that Iran would wait.",
     (D(2019, 12, 16), D(2019, 12, 22), "week")),
    ("The base was hit a week ago.", (D(2019, 12, 23), D(2019, 12, 29), "week")),
    ("The base was hit 3 days ago.", day(2019, 12, 30)),
    ("The base was hit several days ago.", (D(2019, 12, 26), D(2019, 12, 30), "week")),
    ("The deal collapsed two months ago.", (D(2019, 11, 1), D(2019, 11, 30), "month")),
    ("The deal collapsed a year ago.", (D(2019, 1, 1), D(2019, 12, 31), "year")),
    ("Attacks on facilities in Iraq in recent months.", (D(2019, 10, 3), D(2020, 1, 2), "year")),
    ("In recent weeks the US military has taken steps.", (D(2019, 12, 6), D(2020, 1, 2), "month")),
    ("Over the past two weeks, militias fired rockets.", (D(2019, 12, 20), D(2020, 1, 2), "month")),
    ("In the past week, militias fired rockets.", (D(2019, 12, 27), D(2020, 1, 2), "week")),
    ("In the last few days militias fired rockets.", (D(2019, 12, 30), D(2020, 1, 2), "week")),
])
def test_relative_to_publication(sentence, expected):
    assert only(sentence) == expected


@pytest.mark.parametrize("published, expected", [
    (D(2019, 5, 9), (D(2019, 5, 4), D(2019, 5, 5), "week")),   # Thursday: seed 003
    (D(2019, 5, 6), (D(2019, 5, 4), D(2019, 5, 5), "week")),   # Monday
    (D(2019, 5, 11), (D(2019, 5, 4), D(2019, 5, 5), "week")),  # Saturday: not this one
    (D(2019, 5, 12), (D(2019, 5, 4), D(2019, 5, 5), "week")),  # Sunday
])
def test_last_weekend(published, expected):
    assert only("The US sent a carrier to the Middle East last weekend.", published) == expected


def test_over_the_weekend_includes_the_current_one():
    assert only("Rockets hit the base over the weekend.", D(2019, 5, 12)) == (
        D(2019, 5, 11), D(2019, 5, 12), "week")
    assert only("Rockets hit the base over the weekend.", D(2019, 5, 13)) == (
        D(2019, 5, 11), D(2019, 5, 12), "week")


@pytest.mark.parametrize("sentence, published, expected", [
    ("Rockets hit the embassy on New Year's Eve.", THU, day(2019, 12, 31)),
    ("Rockets hit the embassy on New Year’s Eve.", THU, day(2019, 12, 31)),
    ("Rockets hit the embassy on New Year's Day.", THU, day(2020, 1, 1)),
    ("Officials fear an attack on New Year's Eve.", D(2020, 12, 30), day(2019, 12, 31)),
    ("Officials fear Iran will attack on New Year's Eve.", D(2020, 12, 30), day(2020, 12, 31)),
    ("The base was shelled on Christmas.", THU, day(2019, 12, 25)),
    ("The base was shelled on Christmas Eve.", THU, day(2019, 12, 24)),
    ("The base was shelled on Christmas Day 2018.", THU, day(2018, 12, 25)),
])
def test_holidays(sentence, published, expected):
    assert only(sentence, published) == expected


# ------------------------------------------------------------------ unanchored

@pytest.mark.parametrize("sentence, text", [
    ("Days after Soleimani’s killing, Iran launched a volley of missiles.", "Days after"),
    ("His spokesman had said the previous day there were clear indications.", "previous day"),
    ("The day before the strike, drones were seen.", "day before"),
    ("A week after the attack, the carrier left.", "A week after"),
    ("Two weeks later, the tanker was released.", "Two weeks later"),
    ("Iran marked one year since the death of Soleimani.", "one year since"),
    ("The following day, rockets hit the base.", "following day"),
])
def test_story_relative_expressions_are_unanchored(sentence, text):
    [mention] = find_dates(sentence, THU)
    assert (mention.text, mention.range, mention.relative) == (text, None, True)


@pytest.mark.parametrize("sentence", [
    "The base was hit on Wednesday.", "The base was hit last week.", "The base was hit on Dec. 29.",
    "The base was hit in January.", "The base was hit yesterday.", "It happened in recent weeks.",
    "It happened two weeks ago.", "It happened on New Year's Eve.",
])
def test_without_publication_date_relative_dates_stay_unresolved(sentence):
    [mention] = find_dates(sentence, None)
    assert mention.range is None and mention.relative is True


# ------------------------------------------------------------------ not dates

@pytest.mark.parametrize("sentence", [
    "Iran May be Planning More Attacks on US Interests.",
    "Iran may be planning more attacks.",
    "The 750 paratroopers of the 82nd Airborne were sent from Fort Bragg.",
    "About 5,000 troops and 3,000 more.",
    "Uranium enriched to 20 percent purity.",
    "B-52 bombers and the 504th Infantry Regiment.",
    "Protesters march on the embassy.",
    "March on the embassy, the militia leader told supporters.",
    "The 2000 troops arrived.",
    "In the 1980s Iran and Iraq fought a war.",
    "Flight 752 crashed near Tehran.",
    "The rocket flew 2019 km.",
    "Jan Egeland said the camps were full.",
    "He was given a 12 year sentence.",
    "Over the next 20 months the campaign went on.",
    "The agreement was signed in Vienna at 10:30.",
    "The sun rose over the Gulf.",
    "May 5,000 troops be sent?",
])
def test_non_dates(sentence):
    assert find_dates(sentence, THU) == []


def test_several_mentions_left_to_right():
    sentence = ("Trump tweeted Sunday that the embassy was hit, after a December 21 attack "
                "and the Dec. 27 strike on K-1 that killed a contractor last week.")
    assert [m.text for m in find_dates(sentence, THU)] == [
        "Sunday", "December 21", "Dec. 27", "last week"]


def test_deterministic():
    sentence = "The US flew B-52 bombers to the Middle East Wednesday, two weeks ago and in 2019."
    assert find_dates(sentence, THU) == find_dates(sentence, THU)
    assert all(isinstance(m, TemporalMention) for m in find_dates(sentence, THU))


@pytest.mark.parametrize("sentence, direction", [
    ("Esper said Tuesday that troops will deploy.", "past"),
    ("Troops will deploy Tuesday, Esper said.", "future"),
    ("On Tuesday, the ship will sail.", "future"),
    ("Troops will be deployed Tuesday.", "future"),
    ("The United States Tuesday.", "past"),
    ("The carrier left Norfolk on Tuesday and will arrive next month.", "past"),
    ("The carrier left Norfolk, Virginia, on Tuesday and is expected to reach the region soon.", "past"),
    ("The carrier, officials said, will sail on Tuesday.", "future"),
])
def test_sentence_direction(sentence, direction):
    start = sentence.index("Tuesday")
    assert sentence_direction(sentence, start, start + len("Tuesday")) == direction


# ------------------------------------------------------------------ compound expressions

@pytest.mark.parametrize("sentence, published, text, expected", [
    ("The strike came on Monday, Dec. 30, killing 25.", THU, "Monday, Dec. 30", day(2019, 12, 30)),
    ("On Sunday, December 29, 2019, US jets struck.", THU, "Sunday, December 29, 2019",
     day(2019, 12, 29)),
    # the weekday settles the year a bare month-day leaves open: Jan. 3, 2020 was a Friday
    ("Iran will retaliate on Friday, Jan. 3, officials fear.", D(2019, 12, 30),
     "Friday, Jan. 3", day(2020, 1, 3)),
    ("Soleimani was killed on Friday, Jan. 3.", D(2020, 12, 20), "Friday, Jan. 3", day(2020, 1, 3)),
    ("Two days after Jan. 3, 2020, Iran fired missiles.", THU, "Two days after Jan. 3, 2020",
     day(2020, 1, 5)),
    ("A week before Christmas the base was hit.", THU, "A week before Christmas", day(2019, 12, 18)),
    ("Three months after June 2019 the tanker was freed.", THU, "Three months after June 2019",
     (D(2019, 9, 1), D(2019, 9, 30), "month")),
])
def test_compound_expressions(sentence, published, text, expected):
    assert dates_of(sentence, published) == [(text, expected)]


def test_vague_offset_from_a_date_stays_unanchored():
    assert dates_of("Days after January 3, 2020, Iran struck.") == [
        ("Days after", None), ("January 3, 2020", day(2020, 1, 3))]


@pytest.mark.parametrize("sentence, expected", [
    ("Iran will hold drills this week.", (D(2020, 1, 2), D(2020, 1, 5), "week")),
    ("The carrier is expected to leave this month.", (D(2020, 1, 2), D(2020, 1, 31), "month")),
    ("The carrier left this month.", (D(2020, 1, 1), D(2020, 1, 2), "month")),
])
def test_this_period_follows_the_tense(sentence, expected):
    assert only(sentence) == expected


# ------------------------------------------------------------------ the seed articles

def test_seed_relative_dates_match_the_manifest_notes():
    """The manifest notes name the days some relative dates fall on; find_dates agrees."""
    by_file = {a.file: a for a in iter_articles(SEEDS)}

    def first(file: str, phrase: str, text: str) -> tuple:
        article = by_file[file]
        sentence = next(s for s in article.text.split("\n") if phrase in s)
        [mention] = [m for m in find_dates(sentence, article.published) if m.text == text]
        return mention.range.start, mention.range.end

    assert first("000_2780023125c25e57.txt", "B-52 bombers to the Middle East Wednesday",
                 "Wednesday") == (D(2020, 12, 30),) * 2
    assert first("000_2780023125c25e57.txt", "charged Thursday morning",
                 "Thursday morning") == (D(2020, 12, 31),) * 2
    assert first("002_18a612384e194648.txt", "Iran on Sunday marked", "Sunday") == (D(2021, 1, 3),) * 2
    assert first("003_d1649942b54d7b17.txt", "last weekend", "last weekend") == (
        D(2019, 5, 4), D(2019, 5, 5))
    assert first("004_bf5bad344107c8a6.txt", "news conference on Wednesday", "Wednesday") == (
        D(2024, 4, 10),) * 2
    assert first("004_bf5bad344107c8a6.txt", "Austin on Thursday", "Thursday") == (D(2024, 4, 11),) * 2


def test_bad_arguments_get_clear_errors():
    from datetime import datetime

    with pytest.raises(TypeError, match="sentence as str"):
        find_dates(None, THU)
    with pytest.raises(TypeError, match="published must be a date"):
        find_dates("on Monday", "2020-01-02")
    [mention] = find_dates("on Monday", datetime(2020, 1, 2, 15, 30))
    assert mention.range == DateRange(D(2019, 12, 30), D(2019, 12, 30), "day")


def test_a_year_less_date_in_a_passage_set_in_another_year_is_nearest_that_year():
    published = date(2024, 11, 4)
    (june,) = find_dates("Tankers were damaged on June 13.", published, narrative=date(2019, 5, 1))
    assert june.range.start == date(2019, 6, 13)
    (december,) = find_dates("They came again on Dec. 10.", published, narrative=date(2020, 11, 21))
    assert december.range.start == date(2020, 12, 10)
    (plain,) = find_dates("Tankers were damaged on June 13.", published)
    assert plain.range.start == date(2024, 6, 13)


@pytest.mark.parametrize("sentence, day", [
    ("The ship was attacked on Wednesday of last week.", date(2024, 8, 21)),
    ("It was attacked on Monday of this week.", date(2024, 8, 26)),
])
def test_a_weekday_of_a_named_week(sentence, day):
    (found,) = find_dates(sentence, date(2024, 8, 30))
    assert (found.range.start, found.range.end, found.range.precision) == (day, day, "day")


@pytest.mark.parametrize("sentence, published, expected", [
    ("In mid-August of last year, drones struck the base.", date(2023, 1, 21),
     ("mid-August of last year", date(2022, 8, 11), date(2022, 8, 20))),
    ("In August last year, drones struck the base.", date(2023, 10, 21),
     ("August last year", date(2022, 8, 1), date(2022, 8, 31))),
    ("In August this year, drones struck the base.", date(2023, 10, 21),
     ("August this year", date(2023, 8, 1), date(2023, 8, 31))),
])
def test_a_month_of_a_named_year_is_one_date_in_that_year(sentence, published, expected):
    (found,) = find_dates(sentence, published)
    assert (found.text, found.range.start, found.range.end) == expected
