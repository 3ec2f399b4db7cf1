"""Writing an index generation from a stream of articles, or updating a copy of one.

With several processes, Whoosh's multiprocess writer hands batches of documents to sub-writer
processes. Ours (:class:`_ParallelWriter`) makes them stop with the writer: on a cancel they are
killed (Whoosh's own cancel only flags its copies of them, and the writer's exit would then wait
for them forever), and one that fails — a full disk — exits with its errno instead of a
traceback, after which the writer raises that error at its next batch instead of waiting for it.
"""

from __future__ import annotations

import errno
import os
import queue
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

import numpy as np
from whoosh import index as whoosh_index
from whoosh.multiproc import MpWriter, SubWriterTask

from ..article import Article
from ..extract.across import renamed_persons
from .columns import Columns, derived_path
from .schema import UNDATED, from_stored, make_schema, missing_fields, ordinal_to_date, to_document

WRITER_MEMORY_MB = 256
SUBWRITER_MEMORY_MB = 256  # per sub-writer process: smaller pools spill more runs (128 MB: +45% CPU)
BATCH = 256  # documents per job file handed to a sub-writer
MAX_SEGMENTS = 12  # an update merges segments past this many
# Segments are written as separate files, not Whoosh's default compound file: whoosh3 opens a
# compound segment's postings and term index by copying them into memory (BytesIO over the
# mapped file), ~330 MB per open index at 216k stories, in every process that searches it.
COMPOUND = False


Phase = Callable[[str], None]  # told the name of each step after the documents are added


def write_generation(generation: Path, articles: Iterable[Article], *, procs: int = 1,
                     phase: Phase | None = None) -> int:
    """Index every article into a new Whoosh index in ``generation``; return how many.

    With ``procs`` > 1 Whoosh's multiprocess writer indexes in that many processes, each
    writing its own segment (no final merge: searching reads the segments together).
    Any exception cancels the writer and propagates: the caller discards the generation.
    ``phase`` hears "finishing segments" and "writing columns" as those steps begin.
    """
    ix = whoosh_index.create_in(generation, make_schema())
    if procs > 1:
        writer = _ParallelWriter(ix, procs=procs, multisegment=True, limitmb=SUBWRITER_MEMORY_MB,
                                 batchsize=BATCH, compound=COMPOUND)
    else:
        writer = ix.writer(limitmb=WRITER_MEMORY_MB, compound=COMPOUND)
    count = 0
    try:
        for article in articles:
            writer.add_document(**to_document(article))
            count += 1
        _tell(phase, "finishing segments")
        writer.commit()
    except BaseException:
        _abandon(writer)
        ix.close()
        raise
    if ix.doc_count_all() != count:  # a sub-writer lost its documents: never swap that in
        ix.close()
        raise OSError(errno.EIO, f"the index holds {ix.doc_count_all()} of the {count} articles written",
                      str(generation))
    _tell(phase, "writing columns")
    _save_columns(ix, generation)
    ix.close()
    return count


def _tell(phase: Phase | None, name: str) -> None:
    if phase is not None:
        phase(name)


class _SubWriter(SubWriterTask):
    """A sub-writer that ends quietly with its errno when it cannot write (the writer reports it)."""

    def run(self) -> None:
        try:
            super().run()
        except OSError as exc:
            os._exit(exc.errno or 1)


class _ParallelWriter(MpWriter):
    """Whoosh's multiprocess writer, with sub-writers that never outlive it (see the module doc)."""

    def __init__(self, ix, **kwargs) -> None:
        super().__init__(ix, **kwargs)
        self.jobs = self.jobqueue  # the queue the sub-writers read; the writer puts through a check
        self.jobqueue = _CheckedQueue(self.jobs, self.check_tasks)

    def _new_task(self):
        task = _SubWriter(self.storage, self.indexname, self.jobs, self.resultqueue, self.subargs,
                          self.multisegment)
        task.daemon = True  # terminated, not waited for, if the writer exits before commit
        self.tasks.append(task)
        task.start()
        return task

    def check_tasks(self) -> None:
        """Raise the error of a sub-writer that failed (the others are stopped by the cancel)."""
        for task in self.tasks:
            if task.exitcode is not None and task.exitcode != 0:
                cause = (os.strerror(task.exitcode) if task.exitcode > 0
                         else f"killed by signal {-task.exitcode}")
                raise OSError(task.exitcode if task.exitcode > 0 else errno.EINTR,
                              f"a sub-writer stopped: {cause}", self.storage.folder)

    def commit(self, *args, **kwargs) -> None:
        super().commit(*args, **kwargs)
        self.check_tasks()

    def stop_tasks(self) -> None:
        for task in self.tasks:
            task.kill()  # not SIGTERM: the sub-writers ignore the signals the writer stops on
        for task in self.tasks:
            task.join(5)
        self.jobs.cancel_join_thread()


class _CheckedQueue:
    """The writer's side of the job queue: a put that, while the queue is full, keeps checking
    that the sub-writers emptying it are alive."""

    def __init__(self, jobs, check: Callable[[], None]) -> None:
        self.jobs = jobs
        self.check = check

    def put(self, item) -> None:
        while True:
            self.check()
            try:
                self.jobs.put(item, timeout=0.5)
                return
            except queue.Full:
                continue


def _abandon(writer) -> None:
    """Cancel a writer after an error or an interruption: its sub-writers stopped first."""
    if isinstance(writer, _ParallelWriter):
        writer.stop_tasks()
    if not writer.is_closed:
        try:
            writer.cancel()
        except Exception:  # cleaning up after the error being raised; the folder goes anyway
            pass


def update_generation(
    generation: Path, delete: Iterable[str], add: Iterable[Article], *, live: Path | None = None,
) -> None:
    """Delete the articles with ids ``delete`` and index ``add`` into the index in
    ``generation`` (a copy of the live one at ``live``), in one Whoosh commit.

    New documents go into a segment of their own (no merge), so the live generation's columns
    stay valid for the existing documents and only the new segment is read to extend them; past
    MAX_SEGMENTS segments Whoosh merges and the columns are read again in full.
    """
    ix = whoosh_index.open_dir(generation)
    previous = Columns.read(derived_path(live, ix.latest_generation()))
    with ix.reader() as reader:
        merge = len(reader.leaf_readers()) >= MAX_SEGMENTS
    writer = ix.writer(limitmb=WRITER_MEMORY_MB, compound=COMPOUND)
    try:
        for article_id in delete:
            writer.delete_by_term("id", article_id)
        for article in add:
            writer.add_document(**to_document(article))
    except BaseException:
        writer.cancel()
        ix.close()
        raise
    writer.commit(merge=merge)
    with ix.reader() as reader:
        columns = Columns.compute(reader, None if merge else previous)
    columns.save(derived_path(generation, ix.latest_generation()))
    ix.close()


def outdated(generation: Path) -> bool:
    """Whether the generation was written without some fields of this version's schema."""
    ix = whoosh_index.open_dir(generation)
    try:
        return bool(missing_fields(ix.schema))
    finally:
        ix.close()


def person_counts(generation: Path) -> dict[str, int]:
    """Every person in the generation's live articles, with the number of articles naming them."""
    ix = whoosh_index.open_dir(generation)
    with ix.reader() as reader:
        columns = Columns.load(reader, generation, ix.latest_generation())
    ix.close()
    counts = columns.article_counts()
    return {name: int(n) for name, n in zip(columns.person_names, counts, strict=True) if n}


def person_counts_by_year(generation: Path) -> dict[str, dict[int, int]]:
    """Every person in the generation's live articles: per publication year (0: undated), the
    number of articles naming them."""
    ix = whoosh_index.open_dir(generation)
    with ix.reader() as reader:
        columns = Columns.load(reader, generation, ix.latest_generation())
    ix.close()
    days, inverse = np.unique(columns.day, return_inverse=True)
    years = np.array([ordinal_to_date(int(d)).year if d != UNDATED else 0 for d in days], np.int32)[inverse]
    counts: dict[str, dict[int, int]] = {}
    entry_doc = columns.entry_doc
    keep = np.ones(len(entry_doc), bool) if columns.live is None else columns.live[entry_doc]
    for pid, name in enumerate(columns.person_names):
        lo, hi = columns.person_start[pid], columns.person_start[pid + 1]
        docs = entry_doc[lo:hi][keep[lo:hi]]
        if len(docs):
            found, n = np.unique(years[docs], return_counts=True)
            counts[name] = dict(zip(found.tolist(), n.tolist(), strict=True))
    return counts


def keyword_terms(generation: Path, field: str) -> list[str]:
    """Every term of a keyword field in the generation (deleted documents' terms included)."""
    ix = whoosh_index.open_dir(generation)
    with ix.reader() as reader:
        terms = [term.decode("utf-8") if isinstance(term, bytes) else term for term in reader.lexicon(field)]
    ix.close()
    return terms


def articles_with(
    generation: Path, field: str, terms: Iterable[str], persons: Iterable[str] = ()
) -> list[Article]:
    """The live articles with any of ``terms`` in the keyword ``field``, or any of ``persons``."""
    ix = whoosh_index.open_dir(generation)
    with ix.searcher() as searcher:
        columns = Columns.load(searcher.reader(), generation, ix.latest_generation())
        reader = searcher.reader()
        found: set[int] = set()
        for term in terms:
            if (field, term) in reader:
                found.update(reader.postings(field, term).all_ids())
        for name in persons:
            pid = columns.person_ids.get(name.casefold(), -1)
            if pid >= 0:
                found.update(columns.docs_with_person(pid).tolist())
        docs = sorted(doc for doc in found if columns.live is None or columns.live[doc])
        articles = [from_stored(searcher.stored_fields(doc)) for doc in docs]
    ix.close()
    return articles


def rename_persons(generation: Path, renamed: Mapping[str, str]) -> int:
    """Rename persons in every article of ``generation`` that names one of ``renamed``'s keys
    (re-indexing those articles in one commit); return how many articles changed."""
    if not renamed:
        return 0
    ix = whoosh_index.open_dir(generation)
    with ix.searcher() as searcher:
        columns = Columns.load(searcher.reader(), generation, ix.latest_generation())
        pids = [columns.person_ids.get(name.casefold(), -1) for name in renamed]
        docs = np.unique(np.concatenate([np.zeros(0, np.int32)]
                                        + [columns.docs_with_person(pid) for pid in pids if pid >= 0]))
        if columns.live is not None:
            docs = docs[columns.live[docs]]
        articles = [from_stored(searcher.stored_fields(int(doc))) for doc in docs]
    ix.close()
    changed = [renamed_persons(article, renamed) for article in articles]
    update_generation(generation, [a.id for a in changed], changed, live=generation)
    return len(changed)


def _save_columns(ix, generation: Path) -> None:
    """Derive the search columns now, so that opening the generation is instant."""
    with ix.reader() as reader:
        Columns.load(reader, generation, ix.latest_generation())
