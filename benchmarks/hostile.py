"""Hostile inputs, killed writers and a huge article: ``python -m benchmarks.hostile``.

1. The hostile tree of ``tests/hostile.py`` (symlink loops, a pipe, a socket, a device, hidden,
   symlinked and unreadable entries, BOMs, stray bytes, a table, 254-deep HTML, a CSV with a
   150 KB field, a metadata file, beside real articles): ``archive rebuild`` and ``archive update``
   through the CLI, wall time, articles indexed and entries named.
2. ``kill -9`` then ``archive rebuild``: a rebuild of the first 12 Reuters-21578 files (12,000
   stories; reading pool and Whoosh sub-writers at work) is killed with SIGKILL at each phase
   (stopped there, as in tests/test_kill.py, with the real thresholds) and at fixed fractions of a
   clean rebuild's time; then the rebuild runs again. For each: workers still alive 1 s after the
   kill, the second rebuild's wall time (beside a clean one's) and outcome, leftovers after it.
3. A 200 MB text file: a rebuild's wall time and peak memory (the process tree) with the default
   maximum article size.

Work files go to ``benchmarks/work/hostile/``. Prints the load average with every part.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

from tests import hostile

from . import measure
from .corpus import REUTERS, WORK

HERE = WORK / "hostile"
ROOT = Path(__file__).resolve().parents[1]
KILL_FILES = 12
FRACTIONS = (0.1, 0.3, 0.5, 0.7, 0.9)
PHASES = ("reading", "merging names", "finishing segments", "writing columns", "dropping firm names",
          "confirming names", "swapping", "swap")
HUGE_MB = 200
# A rebuild stopped at a phase (argv[3]) or inside the swap (before CURRENT is replaced).
STOPPED = """
import os, sys, time
from archive import Archive
from archive.index import store

point = sys.argv[3]
def stop():
    print("stopped", flush=True)
    time.sleep(600)
def progress(step):
    if step.phase == point and (point != "reading" or step.done >= 3):
        stop()
real_replace = os.replace
def replace(src, dst):
    if point == "swap" and str(dst).endswith(store.POINTER):
        stop()
    real_replace(src, dst)
store.os.replace = replace
Archive(sys.argv[1]).rebuild([sys.argv[2]], progress=progress)
"""


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f}"


def rebuild_args(sources, index: Path, *extra) -> list[str]:
    return ["-m", "archive", "rebuild", *map(str, sources), "--index", str(index), "--json", *extra]


def hostile_tree() -> None:
    root = HERE / "tree"
    if root.exists():
        subprocess.run(["chmod", "-R", "u+rwx", str(root)], check=False)
        shutil.rmtree(root)
    tree = hostile.build(root)
    limits = hostile.reading_limits()
    index = HERE / "tree-index"
    shutil.rmtree(index, ignore_errors=True)
    try:
        built = measure.run(rebuild_args(tree.sources, index), cwd=ROOT, preexec_fn=limits)
        updated = measure.run(["-m", "archive", "update", "--index", str(index), "--json"], cwd=ROOT,
                              preexec_fn=limits)
    finally:
        hostile.unlock(tree)
    print(f"\n== hostile tree ({len(tree.articles)} real articles, {len(tree.named) + 1} hostile entries) "
          f"== {load()}")
    for name, run in (("archive rebuild", built), ("archive update ", updated)):
        report = json.loads(run.stdout)
        found = {s["source"] for s in report["skipped"]}
        print(f"{name}: {run.seconds:5.1f} s wall, exit {run.returncode}; {report['indexed']} articles "
              f"indexed (expected {len(tree.articles)}), {len(report['skipped'])} entries skipped with a "
              f"reason (all expected named: {set(tree.named) <= found}), {len(report['notes'])} notes; "
              f"peak {run.peak_tree_mb:.0f} MB")


def kill_corpus() -> Path:
    folder = HERE / "reuters-12"
    if not folder.exists():
        folder.mkdir(parents=True)
        for path in sorted(REUTERS.glob("*.sgm.gz"))[:KILL_FILES]:
            shutil.copy(path, folder / path.name)
    return folder


def leftovers(index: Path) -> str:
    names = [p for p in index.iterdir() if p.name.startswith((".building-", ".CURRENT."))]
    size = sum(f.stat().st_size for p in names for f in ([p] if p.is_file() else p.rglob("*")))
    gens = sum(1 for p in index.iterdir() if p.is_dir() and p.name.startswith("gen-"))
    return f"{len(names)} leftovers ({size / 2**20:.1f} MB), {gens} generations"


def killed(index: Path, corpus: Path, point: str | float, clean: float) -> str:
    """Kill a rebuild at ``point`` (a phase, or a fraction of ``clean`` seconds); rebuild again."""
    if isinstance(point, str):
        proc = subprocess.Popen([sys.executable, "-c", STOPPED, str(index), str(corpus), point], cwd=ROOT,
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        proc.stdout.readline()
    else:
        proc = subprocess.Popen([sys.executable, *rebuild_args([corpus], index)], cwd=ROOT,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(point * clean)
    workers = hostile.children(proc.pid)
    proc.kill()
    proc.wait()
    if proc.stdout:
        proc.stdout.close()
    time.sleep(1)
    orphans = len(hostile.alive(workers))
    again = measure.run(rebuild_args([corpus], index), cwd=ROOT)
    report = json.loads(again.stdout) if again.returncode == 0 else {}
    took = "took over" if (report.get("took_over") or "").startswith("An earlier") else "no takeover needed"
    return (f"{len(workers)} workers, {orphans} alive 1 s after; rebuild again {again.seconds:5.1f} s, "
            f"exit {again.returncode}, {report.get('indexed', '?')} articles, {took}; {leftovers(index)}")


def kills() -> None:
    corpus = kill_corpus()
    index = HERE / "kill-index"
    shutil.rmtree(index, ignore_errors=True)
    first = measure.run(rebuild_args([corpus], index), cwd=ROOT)
    clean = measure.run(rebuild_args([corpus], index), cwd=ROOT)
    print(f"\n== kill -9, then archive rebuild (Reuters-21578, first {KILL_FILES} files) == {load()}")
    print(f"clean rebuild: {clean.seconds:.1f} s (first build {first.seconds:.1f} s), "
          f"{json.loads(clean.stdout)['indexed']} articles")
    for point in (*PHASES, *FRACTIONS):
        label = point if isinstance(point, str) else f"at {point:.0%} ({point * clean.seconds:.1f} s)"
        print(f"killed {label:<22} {killed(index, corpus, point, clean.seconds)}", flush=True)
    print(f"# {load()}")


def huge() -> None:
    folder = HERE / "huge"
    path = folder / "huge.txt"
    if not path.exists() or path.stat().st_size < HUGE_MB * 2**20:
        folder.mkdir(parents=True, exist_ok=True)
        files = sorted(hostile.WIKINEWS.glob("*.txt"))
        texts = [f.read_text(encoding="utf-8").split("\n", 2)[2] for f in files]
        block = "\n\n".join(texts).encode()
        with path.open("wb") as fh:
            fh.write(b"A transcript of the council's year of meetings\n\n")
            while fh.tell() < HUGE_MB * 2**20:
                fh.write(block)
    index = HERE / "huge-index"
    shutil.rmtree(index, ignore_errors=True)
    run = measure.run(rebuild_args([folder], index), cwd=ROOT)
    report = json.loads(run.stdout)
    note = report["notes"][0]["note"] if report["notes"] else "no note"
    print(f"\n== a {path.stat().st_size / 2**20:.0f} MB text file, default maximum article size == {load()}")
    print(f"archive rebuild: {run.seconds:.1f} s wall, peak memory {run.peak_tree_mb:.0f} MB (process tree), "
          f"{run.peak_process_mb:.0f} MB (largest process); {report['indexed']} article; note: {note}")


def main() -> None:
    parts = ["tree", "kill", "huge"]
    parser = argparse.ArgumentParser(prog="python -m benchmarks.hostile", description=__doc__.split("\n")[0])
    parser.add_argument("parts", nargs="*", choices=parts, default=parts, help="which parts to run (all)")
    args = parser.parse_args()
    print(f"# benchmarks.hostile — {time.strftime('%Y-%m-%d %H:%M:%S')}, {platform.python_version()}, "
          f"{os.cpu_count()} cores, {load()}", flush=True)
    HERE.mkdir(parents=True, exist_ok=True)
    for part, run in (("tree", hostile_tree), ("kill", kills), ("huge", huge)):
        if part in args.parts:
            run()
    print(f"# done {time.strftime('%H:%M:%S')}, {load()}")


if __name__ == "__main__":
    main()
