"""Trends and "what stands out": ``Archive.trends`` for fixed sets of searches, and
``Archive.significant`` (the search page's panel) for the fixed search queries, against the
plain search; each once cold, then warm ``repeats`` times; median and 95th percentile."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

from archive import Archive

from .queries import QUERIES
from .search import ensure_index, summary


@dataclass(frozen=True)
class TrendCase:
    queries: tuple[str, ...]
    by: str = "month"
    persons: tuple[str, ...] = ()
    since: str | None = None
    until: str | None = None

    @property
    def label(self) -> str:
        extra = [f"person={p}" for p in self.persons]
        extra += [f"{k}={v}" for k, v in (("since", self.since), ("until", self.until)) if v]
        return " | ".join(self.queries) + f" by {self.by}" + "".join(f" {e}" for e in extra)


TWO_MONTHLY = TrendCase(("oil", "coffee"))  # the target: under 100 ms p95 at ×1
CASES = [
    TWO_MONTHLY,
    TrendCase(("dollar", "yen")),
    TrendCase(("gold", "silver", "copper", "zinc", "tin")),
    TrendCase(("said",)),
    TrendCase(('"trade deficit"', "tariffs")),
    TrendCase(("oil -opec", "opec")),
    TrendCase(("dollar",), persons=("James Baker",)),
    TrendCase(("oil", "coffee"), by="year"),
    TrendCase(("oil", "coffee"), by="day", since="1987", until="1987"),
]


def timed(run: Callable[[], object], repeats: int) -> tuple[float, list[float]]:
    """(the first run's ms, the warm runs' ms)."""
    started = time.perf_counter()
    run()
    cold = (time.perf_counter() - started) * 1000
    warm = []
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        warm.append((time.perf_counter() - started) * 1000)
    return cold, warm


def run(scale: int, repeats: int) -> None:
    arc = Archive(ensure_index(scale))
    started = time.perf_counter()
    arc.search("warm-up")
    print(f"archive open + first search: {(time.perf_counter() - started) * 1000:.0f} ms")
    trends(arc, scale, repeats)
    significance(arc, scale, repeats)
    arc.close()


def trends(arc: Archive, scale: int, repeats: int) -> None:
    print(f"\n== trends, Reuters-21578 ×{scale}: {len(CASES)} cases × {repeats} warm runs ==")
    print(f"{'case':58} {'periods':>7} {'matches':>9} {'cold ms':>8} {'warm ms':>8}")
    every, colds, target = [], [], []
    for case in CASES:
        def once(case=case):
            return arc.trends(case.queries, by=case.by, persons=case.persons, since=case.since,
                              until=case.until)
        cold, warm = timed(once, repeats)
        result = once()
        print(f"{case.label[:58]:58} {len(result.periods):>7} {sum(t.total for t in result.trends):>9} "
              f"{cold:>8.1f} {statistics.median(warm):>8.1f}")
        every += warm
        colds.append(cold)
        if case == TWO_MONTHLY:
            target = warm
    for name, times in (("two-query monthly trend (oil, coffee), warm", target),
                        ("all cases, warm", every), ("all cases, cold (first run of each)", colds)):
        median, p95 = summary(times)
        print(f"{name:44} median {median:7.1f} ms  p95 {p95:7.1f} ms")


def significance(arc: Archive, scale: int, repeats: int) -> None:
    print(f"\n== what stands out, Reuters-21578 ×{scale}: {len(QUERIES)} search queries × {repeats} "
          "warm runs (people and words, as on the search page) ==")
    print(f"{'query':44} {'hits':>7} {'cold ms':>8} {'warm ms':>8} {'search ms':>9}")
    sig_warm, sig_cold, search_warm = [], [], []
    for q in QUERIES:
        def standouts(q=q):
            return arc.significant(q.q, persons=q.persons, since=q.since, until=q.until)

        def plain(q=q):
            return arc.search(q.q, persons=list(q.persons), since=q.since, until=q.until,
                              sort=q.sort, page=q.page)
        cold, warm = timed(standouts, repeats)
        _, searched = timed(plain, repeats)
        print(f"{q.label[:44]:44} {standouts().matches:>7} {cold:>8.1f} {statistics.median(warm):>8.1f} "
              f"{statistics.median(searched):>9.1f}")
        sig_warm += warm
        sig_cold.append(cold)
        search_warm += searched
    for name, times in (("what stands out, warm", sig_warm), ("what stands out, cold (first run)", sig_cold),
                        ("the search itself, warm", search_warm)):
        median, p95 = summary(times)
        print(f"{name:44} median {median:7.1f} ms  p95 {p95:7.1f} ms")
