"""One index generation, open for many searching threads at once.

Nothing here is shared in a way that needs a lock held for a whole search:

- the derived columns (numpy arrays) and the stories (near-duplicates grouped, see
  :mod:`~archive.index.stories`) are read once and never changed;
- the caches of posting arrays, evaluated wildcards/phrases, highlight words and the copies a
  hit lists are :class:`~archive.index.cache.LRU` objects, locked only while an entry is looked
  up or stored;
- a Whoosh searcher reads its files with seek-then-read, so it must not serve two threads at
  once: each search borrows one from the generation's pool (opened on demand, ~2 ms and 0.2 MB
  each) and gives it back when done.

When a rebuild swaps in a new generation the engine opens it and *retires* this one: idle
searchers close at once, borrowed ones when they are given back, so searches that started
before the swap finish on the generation they began with.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.scoring import BM25F

from . import store
from .budget import Deadline
from .cache import LRU
from .columns import Columns
from .matching import CACHE_NODES, Matcher
from .postings import CACHE_POSTINGS, PostingSource
from .schema import missing_fields
from .stories import Stories
from .stories import load as load_stories

MAX_IDLE = 16  # searchers kept open for reuse; more are opened when more threads search at once
CACHE_HIGHLIGHTS = 128  # queries whose highlight words are kept (the search page marks 10 titles)
CACHE_COPIES = 20_000  # the copies hits list (their ids, headlines, dates, outlets: ~0.5 KB each)


class Generation:
    def __init__(self, index_dir: Path) -> None:
        self.stamp = store.pointer_stamp(index_dir)  # before reading the pointer: never newer
        self.path = store.live_generation(index_dir)
        self._ix = whoosh_index.open_dir(self.path)
        self.missing = frozenset(missing_fields(self._ix.schema))  # written by an older version
        self._lock = threading.Lock()  # guards the pool only
        self._idle: list = []
        self._retired = False
        first = self._open()
        try:
            reader = first.reader()
            toc = self._ix.latest_generation()
            self.columns = Columns.load(reader, self.path, toc)
            self.stories: Stories = load_stories(self.path, reader, self.columns, toc)
            self.doc_count = reader.doc_count_all()
        except BaseException:
            first.close()
            raise
        self.postings = LRU(CACHE_POSTINGS)
        self.nodes = LRU(CACHE_NODES)
        self.highlights = LRU(CACHE_HIGHLIGHTS)
        self.copies = LRU(CACHE_COPIES)
        self._idle.append(first)

    @contextmanager
    def searcher(self) -> Iterator:
        """A Whoosh searcher of this generation for the calling thread alone, while the block
        runs."""
        with self._lock:
            searcher = self._idle.pop() if self._idle else None
        if searcher is None:
            searcher = self._open()
        try:
            yield searcher
        finally:
            with self._lock:
                keep = not self._retired and len(self._idle) < MAX_IDLE
                if keep:
                    self._idle.append(searcher)
            if not keep:
                searcher.close()

    def matcher(self, searcher, deadline: Deadline) -> Matcher:
        """A matcher for one search through ``searcher``, sharing this generation's caches."""
        source = PostingSource(searcher, self.columns.lengths, self.columns.live, self.postings)
        return Matcher(source, self.doc_count, self.nodes, deadline)

    def retire(self) -> None:
        """Close the idle searchers now and the borrowed ones as they come back."""
        with self._lock:
            self._retired = True
            idle, self._idle = self._idle, []
        for searcher in idle:
            searcher.close()

    def _open(self):
        with self._lock:  # Whoosh reads the table of contents while opening
            return self._ix.searcher(weighting=BM25F())
