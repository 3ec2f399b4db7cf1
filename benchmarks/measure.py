"""Run a command in a child process and measure its wall time and peak memory.

Peak memory is reported two ways: the largest single process (``getrusage`` of the children)
and the largest sum of resident memory over the whole process tree, sampled every 50 ms from
/proc (Whoosh's multiprocess writer and the reader pool run several processes at once).
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE")


@dataclass
class Measure:
    seconds: float
    peak_process_mb: float
    peak_tree_mb: float
    stdout: str
    returncode: int


def run(args: list[str], cwd: Path | None = None, preexec_fn=None) -> Measure:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, *args], cwd=cwd, stdout=subprocess.PIPE, text=True,
                            preexec_fn=preexec_fn)
    peak = [0]
    done = threading.Event()
    sampler = threading.Thread(target=_sample, args=(proc.pid, peak, done), daemon=True)
    sampler.start()
    out, _ = proc.communicate()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return Measure(seconds, max(after, before) / 1024, peak[0] / 2**20, out, proc.returncode)


def _sample(pid: int, peak: list[int], done: threading.Event) -> None:
    while not done.wait(0.05):
        peak[0] = max(peak[0], _tree_rss(pid))


def _tree_rss(root: int) -> int:
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                fields = fh.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry)] = int(fields[1])
        rss[int(entry)] = int(fields[21]) * PAGE
    total, todo = 0, [root]
    children: dict[int, list[int]] = {}
    for pid, ppid in parents.items():
        children.setdefault(ppid, []).append(pid)
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(children.get(pid, []))
    return total
