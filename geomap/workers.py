"""Reading articles in several processes, results in corpus order.

Articles are independent until merging, so a large corpus reads N times faster on N cores.
Workers are forked from a process that has already loaded the gazetteer, so they start in
milliseconds and share its index pages instead of loading their own. Results come back in
the order the articles went in, so the output is byte-identical to a one-process run.
"""
from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Articles go to a worker in batches (one hand-over costs about what reading a short article
# does), and a few batches per worker are in flight: every worker stays busy, and memory stays
# flat over any corpus.
BATCH = 16
BATCHES_IN_FLIGHT_PER_WORKER = 4

_task: Callable | None = None  # what a forked worker runs: set in the parent just before forking


def cores() -> int:
    """The cores this process may run on (a container's limit, not the host's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def ordered_map(task: Callable[[T], R], items: Iterable[T], jobs: int) -> Iterator[R]:
    """``map(task, items)``, run by ``jobs`` forked workers, lazily and in order.

    ``task`` need not pickle (workers inherit it); items and results must.
    """
    if jobs <= 1 or not can_fork():
        yield from map(task, items)
        return
    global _task
    _task = task
    pending: deque[Future] = deque()
    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
        for batch in _batches(items, BATCH):
            pending.append(pool.submit(_run, batch))
            if len(pending) >= jobs * BATCHES_IN_FLIGHT_PER_WORKER:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


def _batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _run(batch: list) -> list:
    return [_task(item) for item in batch]
