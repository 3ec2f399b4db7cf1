"""Reading the files of a rebuild or update: in worker processes when there are many or big ones,
in file order, with a bounded read-ahead.

The workers are forked while the writer is bound to them (:func:`.index.processes.bound`): they
end with it, however it ends. Each talks to the writer over a pipe of its own — no lock is shared
between processes, as in ``multiprocessing.Pool``, whose workers wait for work holding a shared
lock: one killed at that moment (a signal to the whole process group) left the pool unable to
stop. A worker that dies while reading a file (the OOM killer) costs that file alone: it is
reported, and another worker takes its place.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from dataclasses import dataclass
from multiprocessing import connection, get_context

from .article import Article
from .extract.across import firm_counts
from .index import processes
from .index.manifest import file_stat
from .sources import SINGLE, Note, Skipped, SourceFile, format_of, scan

PARALLEL_MIN_FILES = 64
PARALLEL_MIN_BYTES = 2**20  # fewer but big files (Reuters: 22 of ~350 KB gzipped) too
PARALLEL_WRITER_BYTES = 4 * 2**20  # below this, one Whoosh writer is quicker than starting two

Read = tuple[list[Article | Skipped | Note], dict[str, int]]  # a file's items, and its firm counts


def read_all(files: list[SourceFile], workers: int | None, limit: int) -> Iterator[tuple[SourceFile, Read]]:
    """(file, its articles, skipped records and notes, its firm counts) for every file, in file
    order. Close the iterator to stop the workers at once (rebuild does, on any error)."""
    workers = workers or min(2, os.cpu_count() or 1)
    jobs = [(source, limit) for source in files]
    if workers > 1 and len(files) > 1 and (
            len(files) >= PARALLEL_MIN_FILES or total_bytes(files) >= PARALLEL_MIN_BYTES):
        with processes.bound():
            pool = _Workers(workers)
            try:
                yield from zip(files, pool.map(jobs, 4 * workers), strict=True)
            finally:
                pool.stop()
        return
    yield from zip(files, map(_read_one, jobs), strict=True)


@dataclass
class _Worker:
    process: object
    conn: connection.Connection
    job: tuple[int, tuple[SourceFile, int]] | None = None


class _Workers:
    """Reading processes, each with a pipe of its own; results come back in the jobs' order."""

    def __init__(self, count: int) -> None:
        self.context = get_context("fork")
        self.workers = [self._started() for _ in range(count)]

    def _started(self) -> _Worker:
        mine, theirs = self.context.Pipe()
        process = self.context.Process(target=_serve, args=(theirs, mine), daemon=True)
        process.start()
        theirs.close()
        return _Worker(process, mine)

    def map(self, jobs: list[tuple[SourceFile, int]], window: int) -> Iterator[Read]:
        """``_read_one`` of each job, in order, with at most ``window`` jobs read ahead."""
        done: dict[int, Read] = {}
        given = wanted = 0
        while wanted < len(jobs):
            for worker in self.workers:
                if worker.job is None and given < len(jobs) and given - wanted < window:
                    worker.job = (given, jobs[given])
                    worker.conn.send(jobs[given])
                    given += 1
            while wanted in done:
                yield done.pop(wanted)
                wanted += 1
            busy = [w for w in self.workers if w.job is not None]
            if busy:
                for conn in connection.wait([w.conn for w in busy]):
                    self._collect(next(w for w in busy if w.conn is conn), done)

    def _collect(self, worker: _Worker, done: dict[int, Read]) -> None:
        number, (source, _limit) = worker.job
        worker.job = None
        try:
            done[number] = worker.conn.recv()
        except (EOFError, OSError):  # the worker died reading this file: report it, start another
            worker.process.join(5)
            code = worker.process.exitcode
            cause = f"killed by {signal.Signals(-code).name}" if code and code < 0 else f"exit status {code}"
            done[number] = ([Skipped(source.id, f"unreadable: its reading process died ({cause}; out of "
                                                "memory?)")], {})
            worker.conn.close()
            self.workers[self.workers.index(worker)] = self._started()

    def stop(self) -> None:
        """Stop every worker at once (they ignore the signals the writer stops on: it kills them)."""
        for worker in self.workers:
            worker.process.kill()
        for worker in self.workers:
            worker.process.join(5)
            worker.conn.close()


def _serve(conn: connection.Connection, writers_end: connection.Connection) -> None:
    """A worker: read each file it is sent, send back what it gave, until the pipe closes."""
    writers_end.close()
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        try:
            result = _read_one(job)
        except Exception as exc:  # scan reports the readers' errors; this is anything else
            reason = f"unreadable: reading it failed ({type(exc).__name__}: {exc})"
            result = ([Skipped(job[0].id, reason)], {})
        conn.send(result)


def _read_one(job: tuple[SourceFile, int]) -> Read:
    """A file's articles, skipped records and notes, and the firm names its articles give."""
    source, limit = job
    items = list(scan(source.path, id=source.id, limit=limit))
    return items, firm_counts(item for item in items if isinstance(item, Article))


def total_bytes(files: list[SourceFile], limit: int | None = None) -> int:
    """The bytes of the files, a single-article file counted up to ``limit`` (what is read of it)."""
    sizes = (max(file_stat(source.path)[1], 0) for source in files)
    if limit is None:
        return sum(sizes)
    return sum(min(size, limit) if format_of(source.path) in SINGLE else size
               for source, size in zip(files, sizes, strict=True))
