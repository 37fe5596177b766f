"""The extraction pipeline: articles in, places and events out, one article at a time."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from gazetteer import Gazetteer
from geomap.corpus import Article, CorpusProblem, iter_articles
from geomap.places import place_features


@dataclass(slots=True)
class ArticleResult:
    """What one article yields; cached by the article's digest."""

    file: str
    places: list[dict]
    unresolved: list[str] = field(default_factory=list)


def read_article(article: Article, gazetteer: Gazetteer) -> ArticleResult:
    doc = gazetteer.read(article.text)
    unresolved = sorted({u.surface for u in doc.unresolved})
    return ArticleResult(file=article.file, places=place_features(article.file, doc.resolutions),
                         unresolved=unresolved)


def extract_corpus(folder: Path, gazetteer: Gazetteer, *,
                   report: Callable[[CorpusProblem], None]) -> Iterator[ArticleResult]:
    """Stream the corpus: memory stays flat however many articles there are."""
    for article in iter_articles(folder, report=report):
        yield read_article(article, gazetteer)
