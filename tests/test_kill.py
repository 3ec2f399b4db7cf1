"""A writer that dies leaves the index as it was, and the next one proceeds.

A real rebuild runs in its own process, reading in worker processes and indexing with Whoosh's
sub-writers (the thresholds for both are lowered in that process, so that a small folder uses
them); it stops at a chosen point and is killed there with SIGKILL (what the OOM killer sends),
with its workers alive. The workers must die with it, and ``archive rebuild`` again must start at
once (no IndexBusy), say it took over, succeed, and leave nothing of the killed one behind.
SIGTERM, SIGHUP and SIGINT sent to the whole process group (what ``timeout``, a closed terminal
and Ctrl-C do) stop it with one line and the exit status 128 + the signal, no traceback.
A write error (a file-size limit, as a full disk) ends it with one line naming the cause.
"""

from __future__ import annotations

import json
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from archive import Archive
from archive.cli import cli
from tests import hostile
from tests.conftest import FIXTURES, SEEDS

ROOT = Path(__file__).resolve().parents[1]
# The writer, stopped where argv[3] says: a progress phase ("reading" after two files, ...), or
# "swap": inside the swap, after the new generation got its name and before CURRENT names it.
WRITER = """
import os, sys, time
import archive.index.writer as writer
import archive.reading as reading
import archive.rebuild as rebuild
from archive import Archive
from archive.index import store

reading.PARALLEL_MIN_FILES = 2      # read in worker processes however few the files
rebuild.PARALLEL_WRITER_BYTES = 0   # and index with Whoosh's sub-writers
writer.BATCH = 8                    # which start after eight documents
point = sys.argv[3]

def stop(where):
    print("stopped", where, flush=True)
    time.sleep(600)  # until the test kills this process

def progress(step):
    if step.phase == point and (point != "reading" or step.done >= 2):
        stop(point)

real_replace = os.replace
def replace(src, dst):
    if point == "swap" and str(dst).endswith(store.POINTER):
        stop("swap")
    real_replace(src, dst)
store.os.replace = replace

Archive(sys.argv[1]).rebuild([sys.argv[2]], progress=progress)
print("finished", flush=True)
"""
POINTS = ["reading", "merging names", "finishing segments", "writing columns", "dropping firm names",
          "confirming names", "swapping", "swap"]


@pytest.fixture(scope="module")
def source(tmp_path_factory):
    """A few real articles (fixtures and Wikinews), some naming people by surname alone."""
    folder = tmp_path_factory.mktemp("kill-src")
    for name in [*SEEDS, "wikinews-iodine.txt", "reuters-sample.sgm", "huffpost-sample.jsonl"]:
        shutil.copy(FIXTURES / name, folder / name)
    for path in sorted(hostile.WIKINEWS.glob("GUM_news_*.txt"))[:12]:
        shutil.copy(path, folder / path.name)
    return folder


@pytest.fixture(scope="module")
def built(source, tmp_path_factory):
    index = tmp_path_factory.mktemp("kill-index") / "index"
    assert Archive(index).rebuild([source]).indexed > 20
    return index


@pytest.fixture()
def live(built, tmp_path):
    """A copy of the index of the source, to be rebuilt (and killed) again."""
    shutil.copytree(built, tmp_path / "index")
    return tmp_path / "index"


def gone(pids: list[int], within: float = 10) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if not hostile.alive(pids):
            return True
        time.sleep(0.05)
    return False


def start_writer(index: Path, source: Path, point: str, **popen) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(index), str(source), point], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **popen)
    line = proc.stdout.readline()
    assert line == f"stopped {point}\n", (line, proc.stderr.read() if proc.poll() is not None else "")
    return proc


def leftovers(index: Path) -> list[str]:
    return sorted(p.name for p in index.iterdir() if p.name.startswith((".building-", ".CURRENT.")))


@pytest.mark.parametrize("point", POINTS)
def test_kill_9_at_any_point_then_rebuild_proceeds_and_leaves_nothing(live, source, point):
    before = (live / "CURRENT").read_text()
    proc = start_writer(live, source, point)
    workers = hostile.children(proc.pid)
    if point in ("reading", "merging names", "finishing segments"):
        assert len(workers) >= 2, "the reading pool and Whoosh's sub-writers run at this point"
    proc.kill()
    proc.wait(timeout=30)
    proc.stdout.close()
    proc.stderr.close()
    assert gone(workers), f"workers {workers} outlived their writer"
    assert (live / "CURRENT").read_text() == before  # the live index is as it was
    with Archive(live) as archive:
        assert archive.search("iodine").total == 1
    result = CliRunner().invoke(cli, ["rebuild", str(source), "--index", str(live)])
    assert result.exit_code == 0, result.output
    assert re.search(rf"An earlier archive rebuild \(pid {proc.pid}, started at \d\d:\d\d\) was "
                     r"interrupted before it finished: took over its lock", result.output)
    assert leftovers(live) == []
    assert (live / ".writing").read_text() == ""
    assert len([p for p in live.iterdir() if p.is_dir()]) == 2  # the new generation and the previous
    with Archive(live) as archive:
        assert archive.search("iodine").total == 1


CLI = """
import signal, sys, time
# what a terminal gives, however the tests were started (nohup ignores SIGHUP, a background job
# SIGINT; the archive keeps a stop signal its caller ignores, as nohup asks)
signal.signal(signal.SIGINT, signal.default_int_handler)
signal.signal(signal.SIGHUP, signal.SIG_DFL)
signal.signal(signal.SIGTERM, signal.SIG_DFL)
import archive.index.writer as writer
import archive.progress as progress
import archive.reading as reading
import archive.rebuild as rebuild
from archive.cli import main

reading.PARALLEL_MIN_FILES = 2
rebuild.PARALLEL_WRITER_BYTES = 0
writer.BATCH = 8
real_tell = progress.Tracker.tell
def tell(self):
    real_tell(self)
    if self.step.phase == "reading" and self.step.done == 2:
        print("stopped reading", flush=True)
        time.sleep(600)  # until the test sends its signal
progress.Tracker.tell = tell
sys.argv = ["archive", "rebuild", sys.argv[2], "--index", sys.argv[1]]
main()
"""


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_signal_to_the_process_group_stops_the_rebuild_with_one_line(live, source, signum):
    before = (live / "CURRENT").read_text()
    proc = subprocess.Popen([sys.executable, "-c", CLI, str(live), str(source)], cwd=ROOT, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    assert proc.stdout.readline() == "stopped reading\n"
    workers = hostile.children(proc.pid)
    assert len(workers) >= 2, "the reading pool and Whoosh's sub-writers run at this point"
    os.killpg(proc.pid, signum)  # the whole group: the workers get it too, as from a terminal
    _, err = proc.communicate(timeout=60)
    name = signal.Signals(signum).name
    assert proc.returncode == 128 + signum
    assert err == f"Stopped by {name}: the rebuild was abandoned; the index in {live}/ is as it was.\n"
    assert gone(workers)
    assert (live / "CURRENT").read_text() == before
    assert leftovers(live) == [] and (live / ".writing").read_text() == ""
    assert Archive(live).rebuild([source]).took_over is None  # a clean stop: nothing to take over


def _file_size_limit(limit: int):
    def child() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return child


@pytest.mark.parametrize("parallel", [False, True])
def test_a_write_error_ends_with_one_line_naming_cause_and_path(live, source, parallel):
    before = (live / "CURRENT").read_text()
    script = ("import sys, archive.rebuild as r, archive.index.writer as w\n"
              + ("r.PARALLEL_WRITER_BYTES = 0; w.BATCH = 8\n" if parallel else "")
              + "from archive.cli import main\n"
              + f"sys.argv = ['archive', 'rebuild', {str(source)!r}, '--index', {str(live)!r}]\nmain()\n")
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True,
                            timeout=120, preexec_fn=_file_size_limit(16 * 1024))
    assert result.returncode == 1, result.stderr
    message, hint = result.stderr.splitlines()
    where = re.escape(str(live))
    cause = "(File too large|a sub-writer stopped: File too large)"
    expected = (rf"Error: Could not write the new index: {cause} "
                rf"\({where}/\.building-[^)]+\)\. The index in {where}/ is as it was\.$")
    assert re.match(expected, message), message
    assert hint.startswith("Hint: Free space on that disk")
    assert (live / "CURRENT").read_text() == before and leftovers(live) == []
    assert json.loads(CliRunner().invoke(cli, ["rebuild", str(source), "--index", str(live), "--json"]
                                         ).output)["indexed"] > 20
