"""Person pages: ``Archive.person`` and the whole ``/person/<name>`` page (Flask's test client:
routing, the person, the chart, the template) for a few people of Reuters-21578, each once cold,
then warm ``repeats`` times; median and 95th percentile, wall and CPU time (the machine is
shared: CPU time is the steadier figure under load).

    python -m benchmarks.person [--scale 10] [--repeats 20]
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from dataclasses import dataclass, field
from urllib.parse import quote, urlencode

from archive import Archive

from .search import ensure_index, summary

REPEATS = 20


@dataclass(frozen=True)
class PersonCase:
    name: str
    args: dict = field(default_factory=dict)

    @property
    def label(self) -> str:
        return self.name + "".join(f" {k}={v}" for k, v in self.args.items())

    @property
    def url(self) -> str:
        query = urlencode(self.args)
        return f"/person/{quote(self.name)}" + (f"?{query}" if query else "")

    def call(self, arc: Archive):
        names = {"compare": "company_by", "person": "persons"}  # URL parameters -> Archive.person
        return arc.person(self.name, **{names.get(k, k): v for k, v in self.args.items()})


CASES = [
    PersonCase("James Baker"),
    PersonCase("James Baker", {"since": "1987", "until": "1987"}),
    PersonCase("James Baker", {"since": "1987-03", "until": "1987-03"}),
    PersonCase("Ronald Reagan"),  # the most mentioned person
    PersonCase("Paul Volcker", {"q": "dollar"}),
    PersonCase("Kiichi Miyazawa", {"compare": "month"}),
    PersonCase("Clayton Yeutter", {"person": "Ronald Reagan"}),  # articles naming both
]


def timed(run, repeats: int) -> tuple[float, list[float], list[float]]:
    """(the first run's wall ms, the warm runs' wall ms, the warm runs' CPU ms)."""
    started = time.perf_counter()
    run()
    cold = (time.perf_counter() - started) * 1000
    wall, cpu = [], []
    for _ in range(repeats):
        started, ticks = time.perf_counter(), time.process_time()
        run()
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - ticks) * 1000)
    return cold, wall, cpu


def run(scale: int, repeats: int) -> None:
    from web import create_app

    index = ensure_index(scale)
    arc = Archive(index)
    app = create_app({"INDEX": str(index)})
    client = app.test_client()
    started = time.perf_counter()
    client.get("/person/James%20Baker")
    print(f"archive open + first person page: {(time.perf_counter() - started) * 1000:.0f} ms")
    print(f"\n== person pages, Reuters-21578 ×{scale}: {len(CASES)} cases × {repeats} warm runs ==")
    print(f"{'case':44} {'mentions':>8} {'chosen':>7} {'api cold':>8} {'api p50':>8} "
          f"{'page p50':>8} {'page p95':>8} {'page cpu':>8}")
    api_all, page_all, cpu_all = [], [], []
    for case in CASES:
        def api(case=case):
            return case.call(arc)

        def page(case=case):
            response = client.get(case.url)
            assert response.status_code == 200, (case.url, response.status_code)

        cold, api_wall, _ = timed(api, repeats)
        _, page_wall, page_cpu = timed(page, repeats)
        found = api()
        print(f"{case.label[:44]:44} {found.mentioned:>8,} {found.articles.total:>7,} {cold:>8.1f} "
              f"{statistics.median(api_wall):>8.1f} {statistics.median(page_wall):>8.1f} "
              f"{summary(page_wall)[1]:>8.1f} {statistics.median(page_cpu):>8.1f}")
        api_all += api_wall
        page_all += page_wall
        cpu_all += page_cpu
    for name, times in (("Archive.person, warm", api_all), ("/person/<name> page, warm (wall)", page_all),
                        ("/person/<name> page, warm (CPU)", cpu_all)):
        median, p95 = summary(times)
        print(f"{name:44} median {median:7.1f} ms  p95 {p95:7.1f} ms")
    app.extensions["archive"].close()
    arc.close()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.person", description=__doc__)
    parser.add_argument("--scale", type=int, default=1, help="Reuters-21578 replicated N times")
    parser.add_argument("--repeats", type=int, default=REPEATS, help="warm runs per case")
    args = parser.parse_args()
    load = os.getloadavg()
    print(f"# benchmarks person ×{args.scale} — {time.strftime('%Y-%m-%d %H:%M:%S')}, "
          f"{os.cpu_count()} cores, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}", flush=True)
    run(args.scale, args.repeats)
    load = os.getloadavg()
    print(f"# done {time.strftime('%H:%M:%S')}, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")


if __name__ == "__main__":
    main()
