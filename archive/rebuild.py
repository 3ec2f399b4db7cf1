"""Rebuilding: every file under the sources read, extracted and indexed into a new generation,
swapped in only when complete. Every input ends indexed or named in the report with a reason.

``update`` does the same work for what changed only: files added, changed (size or mtime) or
removed since the live generation was written. It builds the next generation copy-on-write — the
live generation's immutable segment files hard-linked into a new folder, changed articles deleted
and re-added there with one Whoosh commit — and swaps it in like a rebuild, so readers and
failures behave exactly as for a rebuild. Each generation records what it was built from in
``sources.json`` (the manifest: per file its size, mtime, articles and skipped records).

Both hold the index's writer lock for their whole run (:func:`store.writing`): a second rebuild
or update of the same index fails at once with IndexBusy instead of racing to the swap.

Person corrections (``people.toml`` at the top of a source folder, or ``aliases=``; see
:mod:`archive.extract.aliases`) are applied to every article on its way in; an update after the
corrections changed re-reads every file so that the whole index follows them. Lone-word names
that stand for a full name used elsewhere in the archive are merged into it
(:mod:`archive.extract.across`): by a rebuild on the way in, by an update in the index after it,
so the facet holds one form per person.
"""

from __future__ import annotations

import os
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import islice
from multiprocessing import get_context
from pathlib import Path

from .article import Article
from .errors import ArchiveError
from .extract.across import (
    Evidence,
    Variants,
    confirm_all,
    confirmed,
    firm_counts,
    firms_named_as_persons,
    merged_names,
    renamed_persons,
)
from .extract.aliases import Aliases, aliases_for
from .index import store
from .index.manifest import Dedup, FileEntry, Manifest, file_stat
from .index.writer import (
    articles_with,
    keyword_terms,
    person_counts,
    person_counts_by_year,
    rename_persons,
    update_generation,
    write_generation,
)
from .sources import Skipped, iter_files, scan

Progress = Callable[[int, int, int], None]  # (files done, files total, articles so far)
PARALLEL_MIN_FILES = 64
PARALLEL_MIN_BYTES = 2**20  # fewer but big files (Reuters: 22 of ~350 KB gzipped) too
PARALLEL_WRITER_BYTES = 4 * 2**20  # below this, one Whoosh writer is quicker than starting two


@dataclass
class RebuildReport:
    indexed: int
    skipped: list[Skipped]
    files: int
    seconds: float
    index: str
    sources: list[str] = field(default_factory=list)
    added: int | None = None  # update only: articles added, changed and removed by it
    changed: int | None = None
    removed: int | None = None
    aliases: list[str] = field(default_factory=list)  # the person-correction files applied
    kept: int | None = None  # rebuild only: nothing found, so the live index (this many) was kept

    def to_dict(self) -> dict:
        data = {
            "indexed": self.indexed,
            "skipped": [{"source": s.source, "reason": s.reason} for s in self.skipped],
            "files": self.files,
            "seconds": round(self.seconds, 3),
            "index": self.index,
            "sources": self.sources,
            "aliases": self.aliases,
        }
        if self.added is not None:
            data.update(added=self.added, changed=self.changed, removed=self.removed)
        if self.kept is not None:
            data.update(kept=self.kept)
        return data


def rebuild(
    index_dir: Path, sources: Iterable[str | os.PathLike], *,
    progress: Progress | None = None, workers: int | None = None, aliases: str | os.PathLike | None = None,
) -> RebuildReport:
    """Build a new index generation from ``sources`` and swap it in atomically, holding the
    index's writer lock (IndexBusy if another rebuild or update holds it).

    ``aliases``: a person-corrections file; by default each source folder's ``people.toml``."""
    started = time.perf_counter()
    inputs = _inputs(sources, aliases)  # bad sources or corrections stop here, index untouched
    with store.writing(index_dir, "rebuild"):
        return _rebuild(index_dir, inputs, started, progress, workers)


def _rebuild(index_dir: Path, inputs, started: float, progress, workers) -> RebuildReport:
    sources, corrections, alias_files, files = inputs
    manifest = Manifest(sources=[str(s.resolve()) for s in sources], aliases=corrections.fingerprint())
    generation = store.new_generation(index_dir)
    try:
        articles = _pipeline(_read_all(files, progress, workers), manifest, Dedup(), corrections)
        variants = Variants()
        indexed = write_generation(generation, merged_names(articles, variants),
                                   procs=_writer_procs(files, workers))
        kept = _live_articles(index_dir) if indexed == 0 else None
        if kept is None:
            _drop_firms(generation, manifest)  # first: a firm's person count must not be inflated
            _confirm_names(generation, variants)
            manifest.save(generation)
            store.swap_in(index_dir, generation)
        else:  # a wrong folder must not empty a working index: keep it, and say so
            store.discard(generation)
    except BaseException:
        store.discard(generation)
        raise
    return RebuildReport(indexed, manifest.skipped(), len(files), time.perf_counter() - started,
                         str(index_dir), [str(s) for s in sources], aliases=[str(f) for f in alias_files],
                         kept=kept)


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
) -> Iterator[Article]:
    """The articles a rebuild of ``sources`` would index, deduplicated, with names merged and firms
    dropped from their persons, in the order it writes them (held in memory until all are read)."""
    _, corrections, _, files = _inputs(sources, aliases)
    manifest = Manifest(sources=[])
    articles = list(merged_names(_pipeline(_read_all(files, None, workers), manifest, Dedup(), corrections)))
    firms = firms_named_as_persons(Counter(p for a in articles for p in a.persons), manifest.firm_counts())
    yield from confirm_all([renamed_persons(article, firms) for article in articles])
    if skipped is not None:
        skipped.extend(manifest.skipped())


def _inputs(sources: Iterable[str | os.PathLike], aliases: str | os.PathLike | None):
    """The checked sources, their person corrections and the files those came from, and every
    file under the sources but the corrections files, as (path, root) pairs."""
    sources = _checked(sources)
    corrections, alias_files = aliases_for(sources, aliases)
    skip = {f.resolve() for f in alias_files}
    files = [(path, root) for path, root in iter_files(sources) if path.resolve() not in skip]
    return sources, corrections, alias_files, files


def _pipeline(results, manifest: Manifest, dedup: Dedup, aliases: Aliases) -> Iterator[Article]:
    """The articles to index, file by file; each file's outcome is recorded in ``manifest``.

    This is the one place every article passes through on its way to the index (rebuild and
    update alike): per-article adjustments (the person corrections) belong here.
    """
    for (path, _root), (items, firms) in results:
        entry = FileEntry.of(path)
        entry.firms = firms
        manifest.files[str(path)] = entry
        for item in items:
            if aliases and isinstance(item, Article):  # candidates too: "Trump" ignored is never merged
                item = replace(item, persons=aliases.apply(item.persons),
                               candidates=aliases.apply(item.candidates))
            article = dedup.admit(item, entry.skipped)
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


def _checked(sources: Iterable[str | os.PathLike]) -> list[Path]:
    sources = [Path(s) for s in sources]
    for source in sources:
        if not source.exists():
            raise ArchiveError(f"Source {source} does not exist.",
                               hint="Give a folder or file of articles, e.g. archive rebuild data/")
    return sources


def _read_all(files, progress: Progress | None, workers: int | None):
    """(file, its articles and skipped records) for every file, in file order; files are read
    in worker processes when there are many or big ones."""
    workers = workers or min(2, os.cpu_count() or 1)
    if workers > 1 and len(files) > 1 and (
            len(files) >= PARALLEL_MIN_FILES or _total_bytes(files) >= PARALLEL_MIN_BYTES):
        with get_context("fork").Pool(workers) as pool:
            yield from _with_progress(files, _bounded_map(pool, files, 4 * workers), progress)
        return
    yield from _with_progress(files, map(_read_one, files), progress)


def _bounded_map(pool, files, window: int):
    """``_read_one`` of each file in the pool, in order, with at most ``window`` files read
    ahead (an unbounded ``imap`` would pile up the whole archive in memory when indexing is the
    slower side)."""
    pending: deque = deque()
    todo = iter(files)
    for pair in islice(todo, window):
        pending.append(pool.apply_async(_read_one, (pair,)))
    while pending:
        result = pending.popleft().get()
        for pair in islice(todo, 1):
            pending.append(pool.apply_async(_read_one, (pair,)))
        yield result


def _with_progress(files, results, progress: Progress | None):
    articles = 0
    for done, (pair, (items, firms)) in enumerate(zip(files, results, strict=True), start=1):
        articles += sum(isinstance(item, Article) for item in items)
        yield pair, (items, firms)
        if progress:
            progress(done, len(files), articles)


def _read_one(pair: tuple[Path, Path]) -> tuple[list[Article | Skipped], dict[str, int]]:
    """A file's articles and skipped records, and the firm names its articles give (see _drop_firms)."""
    path, root = pair
    items = list(scan(path, root))
    return items, firm_counts(item for item in items if isinstance(item, Article))


def _total_bytes(files) -> int:
    return sum(file_stat(path)[1] for path, _ in files)


def _writer_procs(files, workers: int | None) -> int:
    procs = workers or min(2, os.cpu_count() or 1)
    return procs if procs > 1 and _total_bytes(files) >= PARALLEL_WRITER_BYTES else 1


def update(
    index_dir: Path, sources: Iterable[str | os.PathLike] | None = None, *,
    progress: Progress | None = None, workers: int | None = None, aliases: str | os.PathLike | None = None,
) -> RebuildReport:
    """Re-index only the files added, changed or removed since the live generation was written,
    holding the index's writer lock (IndexBusy if another rebuild or update holds it).

    ``sources`` defaults to those the live generation was built from. Without a live index (or
    one written before manifests existed) this is a full rebuild.
    """
    started = time.perf_counter()
    if not sources and not (index_dir / store.POINTER).exists():
        raise _nothing_to_update(index_dir)  # before the lock, which would create the folder
    with store.writing(index_dir, "update"):
        return _update(index_dir, sources, started, progress, workers, aliases)


def _update(index_dir: Path, sources, started: float, progress, workers, aliases) -> RebuildReport:
    try:
        live = store.live_generation(index_dir)
        old = Manifest.load(live)
    except ArchiveError:
        old = None
    if old is None:
        if not sources:
            raise _nothing_to_update(index_dir)
        return _rebuild(index_dir, _inputs(sources, aliases), started, progress, workers)
    sources, corrections, alias_files, files = _inputs(sources or old.sources, aliases)
    plan = old.plan(files, [str(s.resolve()) for s in sources], corrections.fingerprint())
    new_articles = list(_pipeline(_read_all(plan.to_read, progress, workers), plan.manifest,
                                  plan.dedup, corrections))
    delete, add = plan.changes(new_articles)
    if plan.to_read or set(plan.manifest.files) != set(old.files) or plan.manifest.aliases != old.aliases:
        _commit_update(index_dir, live, plan.manifest, delete, add)
    return RebuildReport(
        plan.manifest.indexed(), plan.manifest.skipped(), len(files),
        time.perf_counter() - started, str(index_dir), [str(s) for s in sources],
        added=plan.added, changed=plan.changed, removed=plan.removed, aliases=[str(f) for f in alias_files])


def _nothing_to_update(index_dir: Path) -> ArchiveError:
    return ArchiveError(f"No index in {index_dir}/ to update, and no sources given.",
                        hint=f"Build one first: archive rebuild SOURCE… --index {index_dir}")


def _commit_update(index_dir: Path, live: Path, manifest: Manifest, delete, add) -> None:
    """The next generation: a copy of ``live`` with the changes, swapped in when complete."""
    generation = store.new_generation(index_dir)
    try:
        store.link_copy(live, generation, derived=not (delete or add))
        if delete or add:
            update_generation(generation, delete, add, live=live)
            _drop_firms(generation, manifest)
            _confirm_names(generation, Variants.load(live))
        manifest.save(generation)
        store.swap_in(index_dir, generation)
    except BaseException:
        store.discard(generation)
        raise
