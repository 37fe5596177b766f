"""The extraction pipeline: articles in, places and events out, one article at a time."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from gazetteer import Gazetteer
from geomap.corpus import Article, CorpusProblem, iter_articles
from geomap.events import Event
from geomap.extract import extract_events
from geomap.merge import merge_events
from geomap.places import place_features

# Across articles an undated mention is too weak a link: two outlets' "strike in Baghdad"
# may be two strikes. Within an article it is the same story told twice.
CROSS_ARTICLE_DATE_SLACK_DAYS = 2


@dataclass(slots=True)
class ArticleResult:
    """What one article yields; cached by the article's digest."""

    file: str
    places: list[dict]
    events: list[Event] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)


def read_article(article: Article, gazetteer: Gazetteer) -> ArticleResult:
    doc = gazetteer.read(article.text)
    events = merge_events(extract_events(article, doc.resolutions, gazetteer))
    return ArticleResult(file=article.file, places=place_features(article.file, doc.resolutions),
                         events=events, unresolved=sorted({u.surface for u in doc.unresolved}))


def extract_corpus(folder: Path, gazetteer: Gazetteer, *,
                   report: Callable[[CorpusProblem], None]) -> Iterator[ArticleResult]:
    """Stream the corpus: memory stays flat however many articles there are."""
    for article in iter_articles(folder, report=report):
        yield read_article(article, gazetteer)


def merge_across_articles(events: list[Event]) -> list[Event]:
    return merge_events(events, date_slack_days=CROSS_ARTICLE_DATE_SLACK_DAYS, allow_undated=False)
