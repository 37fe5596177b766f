"""The merge's shortcuts (a date index that offers only the merged events whose dates could fit,
sources kept by article as an event grows) merge exactly as comparing every event with every
earlier one does."""
from __future__ import annotations

import random
from pathlib import Path

import pytest

from geomap.corpus import iter_articles
from geomap.extract import extract_events
from geomap.merge import _articles, _kept_apart, combine, date_siblings, merge_events, same_event
from geomap.pipeline import CROSS_ARTICLE_DATE_SLACK_DAYS, merge_across_articles

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = [ROOT / "seeds", ROOT / "tests" / "data" / "dev", ROOT / "tests" / "data" / "dev8"]


def reference_merge(events, *, date_slack_days=1, allow_undated=True, across_articles=False):
    """merge_events without an index: every earlier merged event is a candidate."""
    merged, told_by = [], []
    for event in events:
        articles = _articles(event)
        order = ([i for i, m in enumerate(merged) if m.type == event.type]
                 + [i for i, m in enumerate(merged) if m.type != event.type])
        for i in order:
            if same_event(merged[i], event, date_slack_days, allow_undated) \
                    and not (across_articles and _kept_apart(merged[i], told_by[i], event, articles)):
                merged[i] = combine(merged[i], event)
                told_by[i] |= articles
                break
        else:
            merged.append(event)
            told_by.append(articles)
    return merged


@pytest.fixture(scope="module")
def per_article(gazetteer):
    found = []
    for folder in FOLDERS:
        for article in iter_articles(folder, report=lambda p: None):
            found.append(extract_events(article, gazetteer.read(article.text).resolutions, gazetteer))
    return found


def test_per_article_merging_is_the_reference_merge(per_article):
    for events in per_article:
        once = merge_events(events)
        assert once == reference_merge(events)
        assert merge_events(date_siblings(once)) == reference_merge(date_siblings(once))


@pytest.mark.parametrize("seed", [None, 1, 2, 3])
def test_cross_article_merging_is_the_reference_merge(per_article, seed):
    events = [e for found in per_article for e in merge_events(date_siblings(merge_events(found)))]
    if seed is not None:  # later mentions told first, too
        random.Random(seed).shuffle(events)
    assert merge_across_articles(events) == reference_merge(
        events, date_slack_days=CROSS_ARTICLE_DATE_SLACK_DAYS, allow_undated=False, across_articles=True)


@pytest.mark.parametrize("seed", [1, 2])
def test_merging_shuffled_raw_mentions_is_the_reference_merge(per_article, seed):
    events = [e for found in per_article for e in found]
    random.Random(seed).shuffle(events)
    for slack in (1, 3, 9):
        assert merge_events(events, date_slack_days=slack) == reference_merge(events, date_slack_days=slack)
