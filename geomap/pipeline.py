"""The extraction pipeline: articles in, places and events out, one article at a time.

Each article's result is cached on disk under a key made of the article's bytes, its
metadata and a fingerprint of everything that reads it (gazetteer index, lexicon, code), so
re-running on an unchanged corpus reads nothing twice, and any change re-reads everything.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from gazetteer import Gazetteer
from gazetteer.cachefile import read_pickle, write_pickle
from gazetteer.index import cache_dir
from geomap import __version__
from geomap.corpus import Article, CorpusProblem, iter_articles
from geomap.corrections import CorrectionProblem, apply_corrections, load_corrections
from geomap.events import Event
from geomap.extract import extract_events
from geomap.extract.lexicon import load_lexicon
from geomap.merge import date_siblings, merge_events
from geomap.places import place_features
from geomap.workers import ordered_map

# Across articles an undated mention is too weak a link: two outlets' "strike in Baghdad"
# may be two strikes. Within an article it is the same story told twice.
CROSS_ARTICLE_DATE_SLACK_DAYS = 2
_CODE_DIRS = ("extract",)
_CODE_FILES = ("pipeline.py", "merge.py", "places.py", "dates.py", "corpus.py", "events.py")


@dataclass(slots=True)
class ArticleResult:
    """What one article yields; cached by the article's digest."""

    file: str
    places: list[dict]
    events: list[Event] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)


@dataclass(slots=True)
class CorpusResult:
    events: list[Event]  # one per real event, merged across articles, corrections applied
    places: list[dict]
    articles: int
    cached: int
    unresolved: dict[str, list[str]]


def read_article(article: Article, gazetteer: Gazetteer) -> ArticleResult:
    doc = gazetteer.read(article.text)
    events = merge_events(date_siblings(merge_events(extract_events(article, doc.resolutions, gazetteer))))
    return ArticleResult(file=article.file, places=place_features(article.file, doc.resolutions),
                         events=events, unresolved=sorted({u.surface for u in doc.unresolved}))


def extract_corpus(folder: Path, gazetteer: Gazetteer, *, report: Callable[[object], None],
                   use_cache: bool = True, place_sink: Callable[[list[dict]], None] | None = None,
                   jobs: int = 1) -> CorpusResult:
    """Read every article (streamed: memory grows with events, not with text), merge, correct.

    With ``place_sink`` each article's place rows go there as they come instead of into the
    result, so a large corpus keeps only its events in memory. ``jobs`` > 1 reads articles in
    that many processes (offline only: a web geocoder's rate limit is per client); the result
    is the same.
    """
    if jobs > 1 and gazetteer.online is not None:
        raise ValueError("several jobs read offline only: a web geocoder allows one client at a time")
    corrections = load_corrections(folder)
    places, events, unresolved = [], [], {}
    articles = cached = 0
    for result, hit in _results(folder, gazetteer, report, use_cache, jobs):
        articles += 1
        cached += hit
        if place_sink is not None:
            place_sink(result.places)
        else:
            places.extend(result.places)
        events.extend(result.events)
        if result.unresolved:
            unresolved[result.file] = result.unresolved
    events = merge_across_articles(events)
    events = apply_corrections(events, corrections, gazetteer, report)
    return CorpusResult(events, places, articles, cached, unresolved)


def _results(folder: Path, gazetteer: Gazetteer, report, use_cache: bool,
             jobs: int) -> Iterator[tuple[ArticleResult, bool]]:
    fingerprint = pipeline_fingerprint(gazetteer) if use_cache else ""

    def read(article: Article) -> tuple[ArticleResult, bool]:
        if not use_cache:
            return read_article(article, gazetteer), False
        path = _cache_path(article, fingerprint)
        result = _load(path)
        if result is not None:
            return result, True
        result = read_article(article, gazetteer)
        write_pickle(path, result)  # best effort: an unwritable cache costs time next run
        return result, False

    return ordered_map(read, iter_articles(folder, report=report), jobs)


def merge_across_articles(events: list[Event]) -> list[Event]:
    return merge_events(events, date_slack_days=CROSS_ARTICLE_DATE_SLACK_DAYS, allow_undated=False,
                        across_articles=True)


@lru_cache(maxsize=8)
def _code_fingerprint() -> str:
    """Everything that reads an article: this package's extraction code and the resolver's."""
    import gazetteer

    root = Path(__file__).resolve().parent
    resolver = Path(gazetteer.__file__).resolve().parent
    digest = hashlib.sha256(__version__.encode())
    files = ([root / f for f in _CODE_FILES] + sorted(p for d in _CODE_DIRS for p in (root / d).glob("*.py"))
             + sorted(resolver.glob("*.py")) + sorted((resolver / "data").glob("*.json")))
    for path in files:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def pipeline_fingerprint(gazetteer: Gazetteer) -> str:
    parts = [_code_fingerprint(), load_lexicon().version, gazetteer.index.fingerprint,
             "online" if gazetteer.online else "offline"]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:24]


def _cache_path(article: Article, fingerprint: str) -> Path:
    meta = "|".join(str(x) for x in (article.file, article.digest, article.published, article.title,
                                     article.source, article.url, fingerprint))
    key = hashlib.sha256(meta.encode("utf-8")).hexdigest()
    return cache_dir() / "articles" / key[:2] / f"{key}.pickle"


def _load(path: Path) -> ArticleResult | None:
    result = read_pickle(path)
    return result if isinstance(result, ArticleResult) else None


__all__ = ["ArticleResult", "CorpusResult", "CorrectionProblem", "CorpusProblem", "extract_corpus",
           "read_article", "merge_across_articles", "pipeline_fingerprint"]
