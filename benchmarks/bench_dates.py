"""How fast find_dates runs on the seed sentences, against dateparser's search_dates.

Extraction must keep up with 500 articles/s; a news article has about 40 sentences, so
find_dates needs well over 20,000 sentences/s. Run: ``.venv/bin/python benchmarks/bench_dates.py``.
"""
from __future__ import annotations

import argparse
import re
import time
from pathlib import Path

from geomap.corpus import iter_articles
from geomap.dates import find_dates

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
# Good enough to cut prose into sentences for timing; the real splitter lives in extract.
_SENTENCE_END = re.compile(r"(?<=[.!?”\"])\s+(?=[A-Z“\"])|\n+")


def seed_sentences(folder: Path) -> list[tuple[str, object]]:
    return [(sentence, article.published)
            for article in iter_articles(folder, report=lambda problem: None)
            for sentence in _SENTENCE_END.split(article.text) if sentence.strip()]


def rate(function, sentences, repeat: int) -> tuple[float, float]:
    """(sentences per second, microseconds per sentence), best of ``repeat`` passes."""
    best = float("inf")
    for _ in range(repeat):
        begin = time.perf_counter()
        for sentence, published in sentences:
            function(sentence, published)
        best = min(best, time.perf_counter() - begin)
    return len(sentences) / best, best / len(sentences) * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--dateparser", action="store_true", help="also time dateparser.search_dates")
    args = parser.parse_args()

    sentences = seed_sentences(SEEDS)
    mentions = sum(len(find_dates(s, p)) for s, p in sentences)
    per_second, micro = rate(find_dates, sentences, args.repeat)
    words = sum(len(s.split()) for s, _ in sentences) / len(sentences)
    print(f"seed sentences: {len(sentences)} (mean {words:.0f} words), temporal mentions: {mentions}")
    print(f"find_dates: {per_second:,.0f} sentences/s ({micro:.1f} µs/sentence), "
          f"about {per_second / (len(sentences) / 5):,.0f} seed-sized articles/s")
    if args.dateparser:
        from dateparser.search import search_dates

        def with_dateparser(sentence, published):
            settings = {"PREFER_DATES_FROM": "past", "RELATIVE_BASE": published} if published else {}
            return search_dates(sentence, languages=["en"], settings=settings)

        per_second, micro = rate(with_dateparser, sentences, 1)
        print(f"dateparser.search_dates: {per_second:,.0f} sentences/s ({micro:.0f} µs/sentence)")


if __name__ == "__main__":
    main()
