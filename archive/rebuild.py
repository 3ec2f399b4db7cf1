"""Rebuilding: every file under the sources read, extracted and indexed into a new generation,
swapped in only when complete. Every input ends indexed or named in the report with a reason."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path

from .article import Article
from .errors import ArchiveError
from .index import store
from .index.writer import write_generation
from .sources import Skipped, iter_files, scan

Progress = Callable[[int, int, int], None]  # (files done, files total, articles so far)
PARALLEL_MIN_FILES = 64


@dataclass
class RebuildReport:
    indexed: int
    skipped: list[Skipped]
    files: int
    seconds: float
    index: str
    sources: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "indexed": self.indexed,
            "skipped": [{"source": s.source, "reason": s.reason} for s in self.skipped],
            "files": self.files,
            "seconds": round(self.seconds, 3),
            "index": self.index,
            "sources": self.sources,
        }


def rebuild(
    index_dir: Path, sources: Iterable[str | os.PathLike], *,
    progress: Progress | None = None, workers: int | None = None,
) -> RebuildReport:
    """Build a new index generation from ``sources`` and swap it in atomically."""
    started = time.perf_counter()
    sources = [Path(s) for s in sources]
    for source in sources:
        if not source.exists():
            raise ArchiveError(f"Source {source} does not exist.",
                               hint="Give a folder or file of articles, e.g. archive rebuild data/")
    files = list(iter_files(sources))
    skipped: list[Skipped] = []
    generation = store.new_generation(index_dir)
    try:
        articles = _unique(_read_all(files, progress, workers), skipped)
        indexed = write_generation(generation, articles)
        store.swap_in(index_dir, generation)
    except BaseException:
        store.discard(generation)
        raise
    return RebuildReport(indexed, skipped, len(files), time.perf_counter() - started,
                         str(index_dir), [str(s) for s in sources])


def read_articles(
    sources: Iterable[str | os.PathLike], skipped: list[Skipped] | None = None,
    workers: int | None = None,
) -> Iterator[Article]:
    """The articles a rebuild of ``sources`` would index, deduplicated, in order."""
    files = list(iter_files(Path(s) for s in sources))
    return _unique(_read_all(files, None, workers), [] if skipped is None else skipped)


def _read_all(files, progress: Progress | None, workers: int | None) -> Iterator[Article | Skipped]:
    """Every item of every file, in file order; files are read in worker processes when many."""
    workers = workers or min(2, os.cpu_count() or 1)
    if workers > 1 and len(files) >= PARALLEL_MIN_FILES:
        with get_context("fork").Pool(workers) as pool:
            results = pool.imap(_read_one, files, chunksize=8)
            yield from _with_progress(results, len(files), progress)
        return
    yield from _with_progress(map(_read_one, files), len(files), progress)


def _with_progress(results, total: int, progress: Progress | None):
    articles = 0
    for done, items in enumerate(results, start=1):
        for item in items:
            articles += isinstance(item, Article)
            yield item
        if progress:
            progress(done, total, articles)


def _read_one(pair: tuple[Path, Path]) -> list[Article | Skipped]:
    path, root = pair
    return list(scan(path, root))


def _unique(items: Iterable[Article | Skipped], skipped: list[Skipped]) -> Iterator[Article]:
    """Articles with new ids and new text; the rest go to ``skipped`` with the reason.

    The same text with the same publication time is a duplicate (a file saved twice); the same
    text sent again at another time (a wire service's repeat) is a record of its own.
    """
    ids: set[str] = set()
    hashes: dict[tuple, str] = {}
    for item in items:
        if isinstance(item, Skipped):
            skipped.append(item)
        elif item.id in ids:
            skipped.append(Skipped(item.id, "duplicate id: another record has the same key"))
        elif (item.content_hash, item.published) in hashes:
            original = hashes[item.content_hash, item.published]
            skipped.append(Skipped(item.id, f"duplicate of {original}"))
        else:
            ids.add(item.id)
            hashes[item.content_hash, item.published] = item.id
            yield item
