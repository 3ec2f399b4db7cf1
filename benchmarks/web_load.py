"""Page latency and throughput of ``archive serve`` on loopback.

    python -m benchmarks.web_load --index /tmp/reuters-index

Starts ``archive serve`` (waitress) in a subprocess on 127.0.0.1, fetches the search page (hits,
facets and snippets) for 30 varied queries, ``--rounds`` times each, and reports the median and
95th-percentile latency; then runs a short bounded load from this process (``--clients`` threads,
at most ``--requests`` requests or ``--seconds`` seconds, keep-alive connections) and reports
requests per second and errors. Loopback only.
"""

from __future__ import annotations

import argparse
import http.client
import re
import statistics
import subprocess
import sys
import threading
import time
from urllib.parse import urlencode

# Reuters-21578 (1987): words, phrases, fields, people, date ranges, sorts, deep pages, browsing.
QUERIES: list[dict] = [
    {"q": "oil"}, {"q": "coffee prices"}, {"q": '"trade deficit"'}, {"q": "bank rate"},
    {"q": "opec"}, {"q": "gold OR silver"}, {"q": "title:gold"}, {"q": "yen dollar"},
    {"q": "wheat"}, {"q": "merger"}, {"q": "acquisition", "sort": "newest"}, {"q": "earnings"},
    {"q": '"interest rates"'}, {"q": "volcker"}, {"q": "kuwait"}, {"q": '"net loss"'},
    {"q": "crude oil production"}, {"q": "sugar", "sort": "oldest"}, {"q": "steel -japan"},
    {"q": "tapioca"}, {"q": "shr*"}, {"q": "said", "page": "5"}, {"q": "mln", "page": "40"},
    {"q": "oil", "since": "1987-03", "until": "1987-03"},
    {"q": "bank", "since": "1987-04-01", "until": "1987-04-15"},
    {"q": "trade", "person": "Ronald Reagan"},
    {"q": "", "person": "James Baker", "sort": "newest"},
    {"q": "", "undated": "1"}, {"q": ""}, {"q": "", "since": "1987-10"},
]
OK_PAGE = re.compile(rb'class="(?:hits|empty)"')


def start_server(index: str, threads: int) -> tuple[subprocess.Popen, int]:
    command = [sys.executable, "-m", "archive", "serve", "--index", index, "--host", "127.0.0.1",
               "--port", "0", "--threads", str(threads)]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = server.stdout.readline()
    match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
    if not match:
        server.kill()
        server.wait()
        sys.exit(f"archive serve did not start: {line!r}")
    return server, int(match.group(1))


def fetch(conn: http.client.HTTPConnection, path: str) -> tuple[float, bool]:
    started = time.perf_counter()
    conn.request("GET", path)
    response = conn.getresponse()
    body = response.read()
    ok = response.status == 200 and bool(OK_PAGE.search(body))
    return time.perf_counter() - started, ok


def paths() -> list[str]:
    return ["/?" + urlencode(params) for params in QUERIES]


def latency(port: int, rounds: int) -> tuple[list[float], int]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    samples, errors = [], 0
    try:
        for path in paths():  # warm-up: the first search opens the searcher and loads columns
            fetch(conn, path)
        for _ in range(rounds):
            for path in paths():
                seconds, ok = fetch(conn, path)
                samples.append(seconds)
                errors += not ok
    finally:
        conn.close()
    return samples, errors


def load(port: int, clients: int, requests: int, seconds: float) -> dict:
    """``clients`` threads, each with one keep-alive connection, until the budget is spent."""
    lock = threading.Lock()
    state = {"sent": 0, "ok": 0, "errors": 0, "times": []}
    deadline = time.perf_counter() + seconds
    urls = paths()

    def worker(offset: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        number = offset
        try:
            while time.perf_counter() < deadline:
                with lock:
                    if state["sent"] >= requests:
                        return
                    state["sent"] += 1
                try:
                    took, ok = fetch(conn, urls[number % len(urls)])
                except (OSError, http.client.HTTPException):
                    took, ok = 0.0, False
                    conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                with lock:
                    state["ok" if ok else "errors"] += 1
                    state["times"].append(took)
                number += 1
        finally:
            conn.close()

    started = time.perf_counter()
    workers = [threading.Thread(target=worker, args=(n * 7,)) for n in range(clients)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    state["seconds"] = time.perf_counter() - started
    return state


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", required=True, help="folder of the index to serve")
    parser.add_argument("--rounds", type=int, default=3, help="latency passes over the 30 queries")
    parser.add_argument("--clients", type=int, default=4, help="load threads")
    parser.add_argument("--requests", type=int, default=2000, help="load: at most this many requests")
    parser.add_argument("--seconds", type=float, default=15.0, help="load: at most this long")
    parser.add_argument("--threads", type=int, default=8, help="waitress threads")
    args = parser.parse_args()
    server, port = start_server(args.index, args.threads)
    try:
        samples, errors = latency(port, args.rounds)
        print(f"index {args.index}: {len(QUERIES)} queries x {args.rounds} rounds on http://127.0.0.1:{port}/")
        print(f"page latency  median {statistics.median(samples) * 1000:.1f} ms   "
              f"p95 {p95(samples) * 1000:.1f} ms   max {max(samples) * 1000:.1f} ms   errors {errors}")
        state = load(port, args.clients, args.requests, args.seconds)
        done = state["ok"] + state["errors"]
        print(f"load          {args.clients} clients, {done} requests in {state['seconds']:.1f} s: "
              f"{done / state['seconds']:.1f} req/s   "
              f"median {statistics.median(state['times']) * 1000:.1f} ms   "
              f"p95 {p95(state['times']) * 1000:.1f} ms   errors {state['errors']}")
    finally:
        server.terminate()
        server.wait(timeout=10)
        server.stdout.close()


if __name__ == "__main__":
    main()
