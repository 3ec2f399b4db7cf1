"""Rebuilding: every file under the sources read, extracted and indexed into a new generation,
swapped in only when complete. Every input ends indexed or named in the report with a reason.

``update`` does the same work for what changed only: files added, changed (size or mtime) or
removed since the live generation was written. It builds the next generation copy-on-write — the
live generation's immutable segment files hard-linked into a new folder, changed articles deleted
and re-added there with one Whoosh commit — and swaps it in like a rebuild, so readers and
failures behave exactly as for a rebuild. Each generation records what it was built from in
``sources.json`` (the manifest: per file its size, mtime, articles and skipped records).

Both hold the index's writer lock for their whole run (:func:`store.writing`): a second rebuild
or update of the same index fails at once with IndexBusy instead of racing to the swap. Their
worker processes end with them (:mod:`.index.processes`); SIGINT, SIGTERM and SIGHUP abandon
the write (Interrupted), a write error (a full disk) ends it with WriteFailed; either way the live
index stays as it was, and the next writer removes what an interrupted one left.

Person corrections (``people.toml`` at the top of a source folder, or ``aliases=``; see
:mod:`archive.extract.aliases`) are applied to every article on its way in; an update after the
corrections changed re-reads every file so that the whole index follows them. Lone-word names
that stand for a full name used elsewhere in the archive are merged into it
(:mod:`archive.extract.across`): by a rebuild on the way in, by an update in the index after it,
so the facet holds one form per person.
"""

from __future__ import annotations

import errno
import os
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from .article import Article
from .errors import ArchiveError, Interrupted, WriteFailed
from .extract.across import (
    Evidence,
    Variants,
    confirm_all,
    confirmed,
    firms_named_as_persons,
    merged_names,
    renamed_persons,
)
from .extract.aliases import Aliases, aliases_for
from .index import processes, store
from .index import stories as story_index
from .index.manifest import Dedup, FileEntry, Manifest
from .index.schema import check_version
from .index.writer import (
    articles_with,
    keyword_terms,
    outdated,
    person_counts,
    person_counts_by_year,
    rename_persons,
    update_generation,
    write_generation,
)
from .progress import Progress, Tracker
from .reading import PARALLEL_WRITER_BYTES, read_all, total_bytes
from .report import RebuildReport
from .sources import Note, Skipped, SourceFile, walk
from .sources.limits import MAX_ARTICLE_SIZE
from .sources.walk import escape, source_labels

__all__ = ["rebuild", "update", "read_articles", "RebuildReport", "Progress"]


@dataclass
class Inputs:
    """The checked sources, their person corrections and the files those came from, the files to
    read, the entries the walk reported (skipped or noted), and the id label of each source."""

    sources: list[Path]
    corrections: Aliases
    alias_files: list[Path]
    files: list[SourceFile]
    walked: list[Skipped | Note]
    labels: list[str]

    def manifest(self, limit: int) -> Manifest:
        return Manifest(sources=[os.path.realpath(s) for s in self.sources],
                        aliases=self.corrections.fingerprint(), labels=self.labels, limit=limit)

    def entries(self) -> int:
        return len(self.files) + sum(isinstance(item, Skipped) for item in self.walked)


def rebuild(
    index_dir: Path, sources: Iterable[str | os.PathLike], *,
    progress: Progress | None = None, workers: int | None = None, aliases: str | os.PathLike | None = None,
    max_article_size: int | None = None,
) -> RebuildReport:
    """Build a new index generation from ``sources`` and swap it in atomically, holding the
    index's writer lock (IndexBusy if another rebuild or update holds it).

    ``aliases``: a person-corrections file; by default each source folder's ``people.toml``.
    ``max_article_size``: articles are taken in up to this many bytes (default: 5 MB; see
    sources.limits)."""
    started = time.perf_counter()
    limit = _size_limit(max_article_size)
    tracker = Tracker(progress)
    with _stopping(index_dir), processes.bound():
        inputs = _inputs(sources, aliases, index_dir, tracker)  # bad sources stop here, index untouched
        with store.writing(index_dir, "rebuild") as lock:
            report = _rebuild(index_dir, inputs, started, tracker, workers, limit)
            return _finished(report, lock, "rebuild")


@contextmanager
def _stopping(index_dir: Path) -> Iterator[None]:
    """Signals stop the write (Interrupted); the exception says whether the new index had been
    swapped in by then (``swapped``: a signal in the last instant, after the swap)."""
    before = store.pointer_stamp(index_dir)
    try:
        with processes.stopping_on_signals():
            yield
    except Interrupted as exc:
        exc.swapped = store.pointer_stamp(index_dir) != before
        raise


def _finished(report: RebuildReport, lock: store.Lock, command: str) -> RebuildReport:
    """The report, with what was taken over, listed in the index folder (if it can be written:
    the index is complete by now either way)."""
    report.took_over = lock.took_over
    try:
        report.save(command)
    except OSError:
        report.report_file = None
    return report


def _rebuild(index_dir: Path, inputs: Inputs, started: float, tracker: Tracker, workers,
             limit: int) -> RebuildReport:
    manifest = inputs.manifest(limit)
    with _writing_generation(index_dir) as generation, \
            closing(read_all(inputs.files, workers, limit)) as results:
        read = tracker.reading(results, len(inputs.files))
        recorder = story_index.Recorder()
        articles = recorder.recorded(_pipeline(read, manifest, Dedup(), inputs.corrections))
        variants = Variants()
        indexed = write_generation(generation, tracker.indexing(merged_names(articles, variants)),
                                   procs=_writer_procs(inputs.files, workers, limit), phase=tracker.phase)
        kept = _live_articles(index_dir) if indexed == 0 else None
        if kept is None:
            tracker.phase("dropping firm names")
            _drop_firms(generation, manifest)  # first: a firm's person count must not be inflated
            tracker.phase("confirming names")
            _confirm_names(generation, variants)
            tracker.phase("grouping stories")
            stories = story_index.write(generation, recorder.sketches()).counts()
            manifest.save(generation)
            tracker.phase("swapping")
            store.swap_in(index_dir, generation)
        else:  # a wrong folder must not empty a working index: keep it, and say so
            store.discard(generation)
            stories = (None, None)
    return RebuildReport(indexed, _walk_skipped(inputs) + manifest.skipped(), inputs.entries(),
                         time.perf_counter() - started, str(index_dir), [_shown(s) for s in inputs.sources],
                         aliases=[str(f) for f in inputs.alias_files], kept=kept,
                         notes=_walk_notes(inputs) + manifest.notes(), stories=stories[0],
                         multi_copy=stories[1])


@contextmanager
def _writing_generation(index_dir: Path) -> Iterator[Path]:
    """A new generation folder, removed if the block fails; a write error becomes WriteFailed."""
    generation = None
    try:
        generation = store.new_generation(index_dir)
        yield generation
    except OSError as exc:
        raise _write_failed(exc, generation or index_dir, index_dir) from exc
    finally:
        if generation is not None and generation.exists() and generation.name.startswith(".building-"):
            store.discard(generation)


def _write_failed(exc: OSError, generation: Path, index_dir: Path) -> WriteFailed:
    where = escape(str(exc.filename or generation))
    full = exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)
    hint = ("Free space on that disk (or write the index elsewhere with --index DIR), then run this again."
            if full else "Check that the index folder can be written, then run this again.")
    return WriteFailed(f"Could not write the new index: {exc.strerror or exc} ({where}). "
                       f"The index in {index_dir}/ is as it was.", hint=hint)


def _walk_skipped(inputs: Inputs) -> list[Skipped]:
    return [item for item in inputs.walked if isinstance(item, Skipped)]


def _walk_notes(inputs: Inputs) -> list[Note]:
    return [item for item in inputs.walked if isinstance(item, Note)]


def _shown(source: Path) -> str:
    return escape(str(source))


def _live_articles(index_dir: Path) -> int | None:
    """How many articles the live index holds, or None if there is none (-1: not recorded)."""
    try:
        live = store.live_generation(index_dir)
    except ArchiveError:
        return None
    manifest = Manifest.load(live)
    return manifest.indexed() if manifest else -1


def read_articles(
    sources: Iterable[str | os.PathLike], skipped: list[Skipped] | None = None,
    workers: int | None = None, aliases: str | os.PathLike | None = None,
    max_article_size: int = MAX_ARTICLE_SIZE,
) -> Iterator[Article]:
    """The articles a rebuild of ``sources`` would index, deduplicated, with names merged and firms
    dropped from their persons, in the order it writes them (held in memory until all are read)."""
    inputs = _inputs(sources, aliases, None, Tracker(None))
    manifest = Manifest(sources=[])
    with closing(read_all(inputs.files, workers, max_article_size)) as results:
        articles = list(merged_names(_pipeline(results, manifest, Dedup(), inputs.corrections)))
    firms = firms_named_as_persons(Counter(p for a in articles for p in a.persons), manifest.firm_counts())
    yield from confirm_all([renamed_persons(article, firms) for article in articles])
    if skipped is not None:
        skipped.extend(_walk_skipped(inputs) + manifest.skipped())


def _inputs(sources: Iterable[str | os.PathLike], aliases: str | os.PathLike | None,
            index_dir: Path | None, tracker: Tracker) -> Inputs:
    """The sources checked and walked (every entry under them a file to read or reported), and
    their person corrections; the corrections files and the index folder are not read as articles."""
    sources = _checked(sources)
    corrections, alias_files = aliases_for(sources, aliases)
    skip = {os.path.realpath(f) for f in alias_files}
    files: list[SourceFile] = []
    walked: list[Skipped | Note] = []
    for item in tracker.listing(walk(sources, exclude=[index_dir] if index_dir else [])):
        if isinstance(item, SourceFile):
            if os.path.realpath(item.path) not in skip:
                files.append(item)
        else:
            walked.append(item)
    labels = source_labels(sources)
    return Inputs(sources, corrections, alias_files, files, walked, [labels[s] for s in sources])


def _pipeline(results, manifest: Manifest, dedup: Dedup, aliases: Aliases) -> Iterator[Article]:
    """The articles to index, file by file; each file's outcome is recorded in ``manifest``.

    This is the one place every article passes through on its way to the index (rebuild and
    update alike): per-article adjustments (the person corrections) belong here.
    """
    for source, (items, firms) in results:
        entry = FileEntry.of(source.path)
        entry.firms = firms
        manifest.files[str(source.path)] = entry
        for item in items:
            if aliases and isinstance(item, Article):  # candidates too: "Trump" ignored is never merged
                item = replace(item, persons=aliases.apply(item.persons),
                               candidates=aliases.apply(item.candidates))
            article = dedup.admit(item, entry)
            if article is not None:
                entry.add(article)
                yield article


def _confirm_names(generation: Path, variants: Variants) -> None:
    """After writing: the archive's evidence applied to the articles it concerns — lone names and
    candidates ("Trump" in a headline) to the full name the archive uses near their date, middle
    initials folded (see extract.across) — and the record of what was merged saved with the
    generation (a rebuild merges most lone names on the way in)."""
    evidence = Evidence(person_counts_by_year(generation))
    folds = evidence.middle_folds()
    terms = [term for term in keyword_terms(generation, "candidate") if evidence.confirms(term)]
    changed = []
    for article in articles_with(generation, "candidate", terms, persons=[*folds, *evidence.lone_names()]):
        new, renamed = confirmed(article, evidence, folds)
        variants.record(renamed)
        if new is not article:
            changed.append(new)
    if changed:
        update_generation(generation, [article.id for article in changed], changed, live=generation)
    variants.save(generation)


def _drop_firms(generation: Path, manifest: Manifest) -> None:
    """After writing: names the archive gives a corporate ending at least as often as it lists them
    as persons leave the articles' persons (see extract.across)."""
    rename_persons(generation, firms_named_as_persons(person_counts(generation), manifest.firm_counts()))


def _size_limit(max_article_size: int | None) -> int:
    if max_article_size is None:
        return MAX_ARTICLE_SIZE
    if isinstance(max_article_size, bool) or not isinstance(max_article_size, int) or max_article_size < 1:
        raise ArchiveError(f"max_article_size={max_article_size!r} is not a size.",
                           hint="Give a whole number of bytes, at least 1 (default: 5 MB).")
    return max_article_size


def _checked(sources: Iterable[str | os.PathLike]) -> list[Path]:
    """The sources, each once (the same folder given twice is read once)."""
    checked: dict[str, Path] = {}
    for source in (Path(s) for s in sources):
        if not source.exists():
            raise ArchiveError(f"Source {_shown(source)} does not exist.",
                               hint="Give a folder or file of articles, e.g. archive rebuild data/")
        checked.setdefault(os.path.realpath(source), source)
    return list(checked.values())


def _writer_procs(files: list[SourceFile], workers: int | None, limit: int) -> int:
    procs = workers or min(2, os.cpu_count() or 1)
    parallel = procs > 1 and len(files) > 1 and total_bytes(files, limit) >= PARALLEL_WRITER_BYTES
    return procs if parallel else 1


def update(
    index_dir: Path, sources: Iterable[str | os.PathLike] | None = None, *,
    progress: Progress | None = None, workers: int | None = None, aliases: str | os.PathLike | None = None,
    max_article_size: int | None = None,
) -> RebuildReport:
    """Re-index only the files added, changed or removed since the live generation was written,
    holding the index's writer lock (IndexBusy if another rebuild or update holds it).

    ``sources`` defaults to those the live generation was built from. Without a live index (or
    one written before manifests existed) this is a full rebuild.
    """
    started = time.perf_counter()
    limit = _size_limit(max_article_size)
    if not sources and not (index_dir / store.POINTER).exists():
        raise _nothing_to_update(index_dir)  # before the lock, which would create the folder
    tracker = Tracker(progress)
    with _stopping(index_dir), processes.bound(), store.writing(index_dir, "update") as lock:
        report = _update(index_dir, sources, started, tracker, workers, aliases, limit)
        return _finished(report, lock, "update")


def _update(index_dir: Path, sources, started: float, tracker: Tracker, workers, aliases,
            limit: int) -> RebuildReport:
    try:
        live = store.live_generation(index_dir)
        old = Manifest.load(live)
    except ArchiveError:
        old = None
    if old is not None:
        check_version(live, index_dir)  # an index of another analyzer is rebuilt, not updated
    if old is not None and outdated(live):  # an older version's index: rebuilt in full, said so
        inputs = _inputs(sources or old.sources, aliases, index_dir, tracker)
        report = _rebuild(index_dir, inputs, started, tracker, workers, limit)
        note = Note(str(index_dir), "rebuilt in full, as the index was written by an older version "
                                    "without topic, author and outlet fields")
        return replace(report, notes=[note, *report.notes])
    if old is None:
        if not sources:
            raise _nothing_to_update(index_dir)
        inputs = _inputs(sources, aliases, index_dir, tracker)
        return _rebuild(index_dir, inputs, started, tracker, workers, limit)
    inputs = _inputs(sources or old.sources, aliases, index_dir, tracker)
    plan = old.plan(inputs.files, inputs.manifest(limit))
    with closing(read_all(plan.to_read, workers, limit)) as results:
        new_articles = list(_pipeline(tracker.reading(results, len(plan.to_read)), plan.manifest,
                                      plan.dedup, inputs.corrections))
    delete, add = plan.changes(new_articles)
    changed = set(plan.manifest.files) != set(old.files) or plan.manifest.settings() != old.settings()
    stories = _live_story_counts(live)
    if plan.to_read or changed:
        stories = _commit_update(index_dir, live, plan.manifest, delete, add, tracker)
    return RebuildReport(
        plan.manifest.indexed(), _walk_skipped(inputs) + plan.manifest.skipped(), inputs.entries(),
        time.perf_counter() - started, str(index_dir), [_shown(s) for s in inputs.sources],
        added=plan.added, changed=plan.changed, removed=plan.removed, reread=len(plan.to_read),
        aliases=[str(f) for f in inputs.alias_files], notes=_walk_notes(inputs) + plan.manifest.notes(),
        stories=stories[0], multi_copy=stories[1])


def _live_story_counts(live: Path) -> tuple[int | None, int | None]:
    """(stories, multi-copy stories) of a generation an update leaves as it is."""
    found = story_index.latest(live)
    return found.counts() if found is not None else (None, None)


def _nothing_to_update(index_dir: Path) -> ArchiveError:
    return ArchiveError(f"No index in {index_dir}/ to update, and no sources given.",
                        hint=f"Build one first: archive rebuild SOURCE… --index {index_dir}")


def _commit_update(index_dir: Path, live: Path, manifest: Manifest, delete, add,
                   tracker: Tracker) -> tuple[int, int]:
    """The next generation: a copy of ``live`` with the changes, swapped in when complete; its
    (stories, multi-copy stories), grouped again over the whole archive from the sketches of
    ``live``'s stories and of the articles added."""
    with _writing_generation(index_dir) as generation:
        store.link_copy(live, generation, derived=not (delete or add))
        recorder = story_index.Recorder()
        if delete or add:
            added = tracker.indexing(recorder.recorded(add), len(add))
            update_generation(generation, delete, added, live=live)
            tracker.phase("dropping firm names")
            _drop_firms(generation, manifest)  # first: a firm's person count must not be inflated
            tracker.phase("confirming names")
            _confirm_names(generation, Variants.load(live))
        tracker.phase("grouping stories")
        stories = story_index.write(generation, recorder.sketches(), story_index.latest(live)).counts()
        manifest.save(generation)
        tracker.phase("swapping")
        store.swap_in(index_dir, generation)
    return stories
