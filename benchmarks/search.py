"""Search latency: the archive's full search (top 10 + snippets + person and date facets)
against SQLite FTS5 doing the same work, over the fixed query set."""

from __future__ import annotations

import cProfile
import io
import pstats
import re
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from archive import Archive

from . import fts as fts_mod
from .corpus import WORK, articles, corpus
from .queries import QUERIES, Query

REPEATS = 5
_SITE = re.compile(r"/\S*/site-packages/")


def ensure_index(scale: int) -> Path:
    index = WORK / f"index-x{scale}"
    if not (index / "CURRENT").exists():
        print(f"building the archive index {index} …", flush=True)
        Archive(index).rebuild([corpus(scale)])
    return index


def ensure_fts(scale: int, rebuild: bool = False) -> tuple[Path, float | None]:
    path = WORK / f"fts-x{scale}.sqlite"
    if path.exists() and not rebuild:
        return path, None
    print(f"building the FTS5 database {path} …", flush=True)
    return path, fts_mod.build(path, articles(scale))


def timings(run: Callable[[Query], object], repeats: int) -> tuple[dict[str, list[float]], list[float]]:
    """Per query: ``repeats`` warm timings (ms); plus the first (cold) timing of each query."""
    cold = []
    for query in QUERIES:
        started = time.perf_counter()
        run(query)
        cold.append((time.perf_counter() - started) * 1000)
    warm: dict[str, list[float]] = {q.label: [] for q in QUERIES}
    for _ in range(repeats):
        for query in QUERIES:
            started = time.perf_counter()
            run(query)
            warm[query.label].append((time.perf_counter() - started) * 1000)
    return warm, cold


def summary(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


def run(scale: int, repeats: int = REPEATS, rebuild_fts: bool = False) -> dict:
    index = ensure_index(scale)
    fts_path, fts_seconds = ensure_fts(scale, rebuild_fts)
    arc, ref = Archive(index), fts_mod.Fts(fts_path)

    def ours(q: Query):
        return arc.search(q.q, persons=list(q.persons), since=q.since, until=q.until,
                          sort=q.sort, page=q.page)

    started = time.perf_counter()
    arc.search("warm-up")
    open_ms = (time.perf_counter() - started) * 1000
    our_warm, our_cold = timings(ours, repeats)
    fts_warm, fts_cold = timings(ref.search, repeats)
    totals = {q.label: (ours(q).total, ref.search(q)["total"]) for q in QUERIES}
    report(scale, our_warm, our_cold, fts_warm, fts_cold, totals, open_ms, fts_seconds, repeats)
    slowest = max(QUERIES, key=lambda q: statistics.median(our_warm[q.label]))
    profile(ours, slowest, repeats)
    arc.close()
    return {"ours": summary(sum(our_warm.values(), [])), "fts": summary(sum(fts_warm.values(), []))}


def report(scale, our_warm, our_cold, fts_warm, fts_cold, totals, open_ms, fts_seconds, repeats):
    print(f"\n== search, Reuters-21578 ×{scale}: {len(QUERIES)} queries × {repeats} warm runs "
          f"(full search: top 10 + snippets + person and date facets) ==")
    print(f"archive open + first search: {open_ms:.0f} ms"
          + (f"; FTS5 database built in {fts_seconds:.1f} s" if fts_seconds else ""))
    print(f"{'query':44} {'kind':13} {'hits':>7} {'fts hits':>8} {'ours ms':>8} {'fts5 ms':>8} {'ratio':>6}")
    for query in QUERIES:
        label = query.label
        ours_ms, fts_ms = statistics.median(our_warm[label]), statistics.median(fts_warm[label])
        hits, fts_hits = totals[label]
        print(f"{label[:44]:44} {query.kind:13} {hits:>7} {fts_hits:>8} {ours_ms:>8.1f} "
              f"{fts_ms:>8.1f} {ours_ms / max(fts_ms, 1e-3):>6.2f}")
    for name, (ours, ref) in {"warm": (our_warm, fts_warm), "cold (first run of each)":
                              ({"": our_cold}, {"": fts_cold})}.items():
        om, op = summary(sum(ours.values(), []))
        fm, fp = summary(sum(ref.values(), []))
        print(f"{name:26} ours median {om:7.1f} ms  p95 {op:7.1f} ms | FTS5 median {fm:7.1f} ms "
              f"p95 {fp:7.1f} ms | ratio median {om / fm:5.2f}  p95 {op / fp:5.2f}")


def profile(run: Callable[[Query], object], query: Query, repeats: int, rows: int = 14) -> None:
    """Where the time of one (warm) query goes: cProfile over ``repeats`` runs, the functions
    with the most time of their own first."""
    run(query)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(repeats):
        run(query)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("tottime").print_stats(rows)
    total = stats.total_tt  # type: ignore[attr-defined]
    print(f"\n== profile of the slowest query, {query.label!r} ({query.kind}): {repeats} runs, "
          f"{1000 * total / repeats:.1f} ms each under the profiler ==")
    lines = out.getvalue().splitlines()
    start = next(i for i, line in enumerate(lines) if line.lstrip().startswith("ncalls"))
    for line in lines[start:]:
        if line.strip():
            print(_SITE.sub("", line.replace(str(Path(__file__).resolve().parents[1]) + "/", ""))[:150])
