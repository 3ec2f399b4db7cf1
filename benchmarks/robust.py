"""Costly queries, huge articles and half-open connections against a real ``archive serve``.

    python -m benchmarks.robust            # builds benchmarks/work/robust-index once (~5 min)

The index holds Reuters-21578 and one 20 MB article (Reuters bodies run together under one
headline). ``archive serve`` (waitress, default settings) runs in a subprocess on 127.0.0.1;
this process is the clients. Figures, each against the target of issue 14:

1. four concurrent costly prefix queries (125 two-letter prefixes, 499 characters: ``co* re*
   ma* …``, four different orders), cold, while a fifth client fetches a simple search page
   every 100 ms: each costly request's status and time (target: each ends within 5 s, with an
   answer or a clear 400), and the simple searches' worst time (target: 1.5 s);
2. the same with four heavy prefix queries the limit allows (two prefixes standing for 55–90%
   of the words the limit allows): answered (200) or stopped by the time budget (503);
3. the 20 MB article's page (target: under 3 s and 3 MB), with and without a query, its similar
   articles, and a search page that lists it (target: under 1 s);
4. a simple search while 100 half-open connections are held (waitress' old limit was 100).
"""

from __future__ import annotations

import argparse
import gzip
import http.client
import json
import os
import re
import socket
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import quote, urlencode

from archive import Archive

from .corpus import REUTERS, WORK
from .web_load import start_server

INDEX = WORK / "robust-index"
HUGE = WORK / "robust-huge"
HUGE_CHARS = 20_000_000
HUGE_TITLE = "A digest of a year of wire stories on oil, coffee, grain and trade"
SIMPLE = ["/?q=oil", "/?q=coffee+prices", "/?q=%22trade+deficit%22", "/?q=bank+rate", "/?q=wheat"]
PREFIXES = 125


def build() -> None:
    """The Reuters index with the 20 MB article, built once (marked complete by a file)."""
    done = INDEX / ".robust-complete"
    if done.exists():
        return
    if not REUTERS.exists():
        raise SystemExit(f"The benchmark needs {REUTERS} (the shared corpora).")
    HUGE.mkdir(parents=True, exist_ok=True)
    bodies = []
    for path in sorted(REUTERS.glob("*.sgm.gz"))[:3]:
        raw = gzip.decompress(path.read_bytes()).decode("latin-1")
        bodies += [re.sub(r"&#\d+;|&lt;", " ", b) for b in re.findall(r"<BODY>(.*?)</BODY>", raw, re.S)]
    text = "\n\n".join(bodies)
    body = (text * (HUGE_CHARS // len(text) + 1))[:HUGE_CHARS]
    (HUGE / "digest.txt").write_text(f"{HUGE_TITLE}\n\n{body}\n", encoding="utf-8")
    print(f"building {INDEX} from {REUTERS} and a {HUGE_CHARS / 1e6:.0f} MB article…", flush=True)
    started = time.perf_counter()
    report = Archive(INDEX).rebuild([REUTERS, HUGE])
    print(f"  {report.indexed:,} articles in {time.perf_counter() - started:.0f} s", flush=True)
    done.write_text("ok\n")


def fetch(port: int, path: str, timeout: float = 60) -> tuple[int, float, int]:
    """(status, seconds, bytes) of one GET on a fresh connection."""
    started = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        size = len(response.read())
        return response.status, time.perf_counter() - started, size
    except (OSError, http.client.HTTPException):
        return 0, time.perf_counter() - started, 0
    finally:
        conn.close()


def two_letter_starts(index: Path) -> Counter:
    """How many indexed body words begin with each two letters."""
    from whoosh import index as whoosh_index

    with Archive(index) as arc:
        generation = arc.engine.generation
    reader = whoosh_index.open_dir(generation).reader()
    try:
        words = (w.decode() if isinstance(w, bytes) else w for w in reader.lexicon("body"))
        return Counter(w[:2] for w in words if len(w) >= 2 and w[:2].isalpha())
    finally:
        reader.close()


def costly_queries(starts: Counter) -> list[str]:
    """Four orders of the index's 125 most common two-letter word beginnings as wildcards."""
    top = [start for start, _ in starts.most_common(PREFIXES)]
    return [" ".join(f"{p}*" for p in top[k * 31:] + top[:k * 31]) for k in range(4)]


def heavy_queries(starts: Counter) -> list[str]:
    """Four pairs of two-letter prefixes that the expansion limit still allows, but only just
    (titles and bodies: about twice the body words)."""
    from archive.index.matching import MAX_EXPANSIONS

    ranked = [s for s, _ in starts.most_common(60)]
    pairs, used = [], set()
    for a in ranked:
        for b in ranked:
            both = 2 * (starts[a] + starts[b])
            if a != b and not {a, b} & used and MAX_EXPANSIONS * 0.55 < both < MAX_EXPANSIONS * 0.9:
                pairs.append(f"{a}* {b}*")
                used |= {a, b}
                break
        if len(pairs) == 4:
            break
    return pairs


def concurrent(port: int, queries: list[str], label: str) -> None:
    """The queries at once, and a simple search every 100 ms until they are all done."""
    results: dict[int, tuple] = {}
    simple: list[tuple] = []
    finished = threading.Event()

    def costly(number: int, q: str) -> None:
        results[number] = fetch(port, "/?" + urlencode({"q": q}))

    def prober() -> None:
        n = 0
        while not finished.is_set():
            simple.append(fetch(port, SIMPLE[n % len(SIMPLE)]))
            n += 1
            finished.wait(0.1)

    workers = [threading.Thread(target=costly, args=(n, q)) for n, q in enumerate(queries)]
    probe = threading.Thread(target=prober)
    probe.start()
    time.sleep(0.05)
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    finished.set()
    probe.join()
    print(f"\n== {label} ==")
    for number, q in enumerate(queries):
        status, seconds, size = results[number]
        print(f"  {status}  {seconds:6.2f} s  {len(q):3d} chars  {q[:60]}{'…' if len(q) > 60 else ''}")
    worst = max(results.values(), key=lambda r: r[1])[1]
    ok = all(status in (200, 400) for status, _, _ in results.values())
    print(f"  slowest {worst:.2f} s: each ends within 5 s: {'yes' if worst <= 5 else 'NO'}"
          f"; answered or a 400: {'yes' if ok else 'NO'}")
    times = [seconds for status, seconds, _ in simple if status == 200]
    failed = sum(status != 200 for status, _, _ in simple)
    print(f"  simple searches meanwhile: {len(simple)}, worst {max(times, default=0):.2f} s, "
          f"median {sorted(times)[len(times) // 2] if times else 0:.3f} s, failed {failed}: "
          f"within 1.5 s: {'yes' if times and max(times) <= 1.5 and not failed else 'NO'}")


def huge_article(port: int) -> None:
    title = f'title:"{HUGE_TITLE.split(",")[0]}"'
    found = json.loads(fetch_body(port, "/api/search?" + urlencode({"q": title})))
    hit = next((h for h in found["hits"] if h["title"] == HUGE_TITLE), None)
    print("\n== the 20 MB article ==")
    if hit is None:
        print("  not in the index (refused at ingest?): nothing to measure")
        return
    path = "/article/" + quote(hit["id"], safe="")
    stored = json.loads(fetch_body(port, "/api/article/" + quote(hit["id"], safe="")))
    print(f"  stored body: {len(stored['body']):,} characters")
    rows = [("page", path), ("page, from a search for oil", path + "?q=oil"),
            ("its similar articles (/api/similar)", "/api/similar/" + quote(hit["id"], safe="")),
            ("a search page listing it (q=digest)", "/?q=digest"),
            ("full text (/article/<id>.txt)", path + ".txt")]
    for label, url in rows:
        status, seconds, size = fetch(port, url)
        target = ""
        if label == "page":
            target = f"  under 3 s and 3 MB: {'yes' if seconds < 3 and size < 3e6 else 'NO'}"
        elif label.startswith("a search page"):
            target = f"  under 1 s: {'yes' if seconds < 1 else 'NO'}"
        print(f"  {status}  {seconds:6.2f} s  {size / 1e6:8.3f} MB  {label}{target}")


def fetch_body(port: int, path: str) -> bytes:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        conn.request("GET", path)
        return conn.getresponse().read()
    finally:
        conn.close()


def half_open(port: int, count: int = 100) -> None:
    held = []
    for number in range(count):
        sock = socket.create_connection(("127.0.0.1", port), timeout=5)
        if number % 2:
            sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # never finished
        held.append(sock)
    status, seconds, _ = fetch(port, "/?q=oil", timeout=30)
    for sock in held:
        sock.close()
    print(f"\n== {count} half-open connections held ==\n  {status}  {seconds:6.2f} s  a simple search "
          f"meanwhile: answered: {'yes' if status == 200 else 'NO'}")


def load_line(label: str) -> str:
    one, five, fifteen = os.getloadavg()
    return f"# {label} {time.strftime('%Y-%m-%d %H:%M:%S')}, load average {one:.2f} {five:.2f} {fifteen:.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--threads", type=int, default=8, help="waitress threads")
    args = parser.parse_args()
    build()
    starts = two_letter_starts(INDEX)
    costly, heavy = costly_queries(starts), heavy_queries(starts)
    print(load_line("benchmarks.robust"), flush=True)
    server, port = start_server(str(INDEX), args.threads)
    try:
        fetch(port, "/?q=market")  # opens the index and renders a page; the prefix caches stay cold
        concurrent(port, costly, "4 concurrent costly prefix queries (125 two-letter prefixes), cold")
        concurrent(port, heavy, "4 concurrent heavy prefix queries within the limit, cold")
        huge_article(port)
        half_open(port)
    finally:
        server.terminate()
        server.wait(timeout=10)
        server.stdout.close()
    print(load_line("done"))


if __name__ == "__main__":
    main()
