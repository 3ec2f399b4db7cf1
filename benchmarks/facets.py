"""``python -m benchmarks.facets [--scale N]``: what the topic, author and outlet facets cost a
search on Reuters-21578 ×N — per query of the fixed set, the warm CPU time of the whole search
(top 10, snippets, every facet) and of the three keyword facets alone over the same matches
(CPU time, not wall time: the figures hold on a loaded machine)."""

from __future__ import annotations

import argparse
import os
import statistics
import time

import numpy as np

from archive import Archive
from archive.index import searcher as engine_mod
from archive.index.query import expand_names, parse
from archive.library import to_day

from .queries import QUERIES
from .search import ensure_index

REPEATS = 5


def cpu_ms(run, repeats: int) -> float:
    """The median CPU milliseconds of ``repeats`` warm runs (after one unmeasured)."""
    run()
    times = []
    for _ in range(repeats):
        started = time.process_time()
        run()
        times.append((time.process_time() - started) * 1000)
    return statistics.median(times)


def match_mask(arc: Archive, q, live) -> np.ndarray:
    """The matches of query ``q`` (with its filters) as a mask over the documents."""
    with live.searcher() as searcher:
        parsed = expand_names(parse(q.q)[0], searcher.reader())
        matcher = live.matcher(searcher, arc.engine._deadline())
        since = q.since and arc_day(q.since)
        until = q.until and arc_day(q.until, end=True)
        _, _, ids = engine_mod._select(live.columns, matcher, parsed, list(q.persons), since, until, False)
    mask = np.zeros(len(live.columns.day), dtype=bool)
    mask[ids] = True
    return mask


def arc_day(value: str, end: bool = False):
    return to_day(value, "date", end=end)


def run(scale: int, repeats: int) -> None:
    arc = Archive(ensure_index(scale))
    live = arc.engine._current()
    columns = live.columns
    print("kinds: " + ", ".join(f"{kind} {len(k.names):,} values, {len(k.entry_doc):,} entries"
                                for kind, k in columns.keywords.items()))
    print(f"{'query':<28}{'matches':>9}{'search ms':>11}{'3 facets ms':>13}{'share':>8}")
    shares = []
    for q in QUERIES:
        def search(q=q):
            return arc.search(q.q, persons=list(q.persons), since=q.since, until=q.until,
                              sort=q.sort, page=q.page)

        mask = match_mask(arc, q, live)
        whole = cpu_ms(search, repeats)
        facet = cpu_ms(lambda mask=mask: engine_mod._keyword_facets(columns, mask, {}), repeats)
        shares.append(facet / whole if whole else 0.0)
        print(f"{q.label[:27]:<28}{int(mask.sum()):>9,}{whole:>11.2f}{facet:>13.2f}{facet / whole:>8.1%}")
    print(f"median share of the search's CPU time spent on the topic/author/outlet facets: "
          f"{statistics.median(shares):.1%}")
    arc.close()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.facets", description=__doc__)
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=REPEATS)
    args = parser.parse_args()
    load = os.getloadavg()
    print(f"# benchmarks.facets ×{args.scale} — {time.strftime('%Y-%m-%d %H:%M:%S')}, "
          f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}", flush=True)
    run(args.scale, args.repeats)


if __name__ == "__main__":
    main()
