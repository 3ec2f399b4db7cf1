"""What an index generation was built from: per source file its size, mtime, the articles it
gave (id, fingerprint, duplicate key), its skipped records and notes. Saved as ``sources.json``
in the generation, it lets an update re-read only the files that changed and know what to delete.

Files are keyed by their absolute path (the source folder's real path, then the folders as
walked), whether the sources were given as relative or absolute paths, so that an update finds
them again. The ids' labels per source and the maximum article size are kept too: when either
changes, every file is read again (ids or bodies would differ)."""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..article import Article
from ..sources.items import Note, Skipped
from ..sources.walk import SourceFile
from .schema import record_of

FILENAME = "sources.json"
FORMAT = 1
DUPLICATE_OF = "duplicate of "


def file_stat(path) -> tuple[int, int]:
    try:
        stat = os.stat(path)
    except OSError:
        return -1, -1
    return stat.st_mtime_ns, stat.st_size


def fingerprint(article: Article) -> str:
    """Changes whenever anything indexed about the article changes."""
    data = json.dumps([article.id, article.title, article.body, record_of(article)],
                      ensure_ascii=False)
    return hashlib.blake2b(data.encode("utf-8"), digest_size=10).hexdigest()


def dup_key(article: Article) -> str:
    """Same text at the same publication time: a duplicate (see Dedup)."""
    return f"{article.content_hash}|{article.published.isoformat() if article.published else ''}"


@dataclass
class FileEntry:
    mtime_ns: int
    size: int
    articles: list[list[str]] = field(default_factory=list)  # [id, fingerprint, dup key]
    skipped: list[Skipped] = field(default_factory=list)
    firms: dict[str, int] = field(default_factory=dict)  # name → articles giving it a corporate ending
    notes: list[Note] = field(default_factory=list)

    @classmethod
    def of(cls, path) -> FileEntry:
        return cls(*file_stat(path))

    def add(self, article: Article) -> None:
        self.articles.append([article.id, fingerprint(article), dup_key(article)])


class Dedup:
    """Admits articles with new ids and new text; the rest become Skipped with the reason.

    The same text with the same publication time is a duplicate (a file saved twice); the same
    text sent again at another time (a wire service's repeat) is a record of its own.
    """

    def __init__(self) -> None:
        self.ids: set[str] = set()
        self.keys: dict[str, str] = {}

    def seed(self, entry: FileEntry) -> None:
        for article_id, _fp, key in entry.articles:
            self.ids.add(article_id)
            self.keys.setdefault(key, article_id)

    def admit(self, item: Article | Skipped | Note, entry: FileEntry) -> Article | None:
        if isinstance(item, Note):
            entry.notes.append(item)
            return None
        skipped = entry.skipped
        if isinstance(item, Skipped):
            skipped.append(item)
            return None
        if item.id in self.ids:
            skipped.append(Skipped(item.id, "duplicate id: another record has the same key"))
            return None
        key = dup_key(item)
        if key in self.keys:
            skipped.append(Skipped(item.id, f"{DUPLICATE_OF}{self.keys[key]}"))
            return None
        self.ids.add(item.id)
        self.keys[key] = item.id
        return item


@dataclass
class Manifest:
    sources: list[str]
    files: dict[str, FileEntry] = field(default_factory=dict)
    aliases: str = ""  # fingerprint of the person corrections applied (Aliases.fingerprint)
    labels: list[str] = field(default_factory=list)  # each source's id prefix (sources.walk)
    limit: int = 0  # the maximum article size (sources.limits); 0: not recorded

    def settings(self) -> tuple:
        """What changes every article when it changes: corrections, id labels, size limit."""
        return self.aliases, self.labels or [""] * len(self.sources), self.limit

    def indexed(self) -> int:
        return sum(len(entry.articles) for entry in self.files.values())

    def skipped(self) -> list[Skipped]:
        return [s for entry in self.files.values() for s in entry.skipped]

    def notes(self) -> list[Note]:
        return [n for entry in self.files.values() for n in entry.notes]

    def firm_counts(self) -> dict[str, int]:
        """Over all files: each name given a corporate ending, with the number of articles doing so."""
        counts: Counter[str] = Counter()
        for entry in self.files.values():
            counts.update(entry.firms)
        return dict(counts)

    def save(self, generation: Path) -> None:
        data = {"format": FORMAT, "sources": self.sources, "aliases": self.aliases, "labels": self.labels,
                "limit": self.limit, "files": {
                    path: {"mtime_ns": e.mtime_ns, "size": e.size, "articles": e.articles,
                           "skipped": [[s.source, s.reason] for s in e.skipped], "firms": e.firms,
                           "notes": [[n.source, n.note] for n in e.notes]}
                    for path, e in self.files.items()}}
        # ASCII with escapes: file names that are not UTF-8 (surrogates in Python) survive the trip
        (Path(generation) / FILENAME).write_text(json.dumps(data, separators=(",", ":")), encoding="ascii")

    @classmethod
    def load(cls, generation: Path) -> Manifest | None:
        try:
            data = json.loads((Path(generation) / FILENAME).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if data.get("format") != FORMAT:
            return None
        files = {path: FileEntry(e["mtime_ns"], e["size"], e["articles"],
                                 [Skipped(*s) for s in e["skipped"]], e.get("firms", {}),
                                 [Note(*n) for n in e.get("notes", [])])
                 for path, e in data["files"].items()}
        return cls(data["sources"], files, data.get("aliases", ""), data.get("labels", []),
                   data.get("limit", 0))

    def plan(self, files: list[SourceFile], new: Manifest) -> Plan:
        return Plan(self, files, new)


class Plan:
    """Which files an update re-reads, and the deletions and additions it makes. Changed settings
    (person corrections, id labels, the size limit: :meth:`Manifest.settings`) touch every
    article: then every file is re-read."""

    def __init__(self, old: Manifest, files: list[SourceFile], new: Manifest) -> None:
        self.manifest = new
        self.dedup = Dedup()
        present = {str(f.path) for f in files}
        changed = new.settings() != old.settings()
        stale = {key for key, entry in old.files.items() if key not in present or changed
                 or (entry.mtime_ns, entry.size) != file_stat(key)}
        stale |= _depending_on(old, stale)
        self.to_read = [f for f in files if str(f.path) not in old.files or str(f.path) in stale]
        for key, entry in old.files.items():
            if key in present and key not in stale:
                self.manifest.files[key] = entry
                self.dedup.seed(entry)
        self.old = {a[0]: a[1] for key in stale for a in old.files[key].articles}
        self.added = self.changed = self.removed = 0

    def changes(self, articles: list[Article]) -> tuple[list[str], list[Article]]:
        """Ids to delete and articles to (re-)index, given the articles the re-read files gave."""
        new = {a.id: a for a in articles}
        prints = {entry_article[0]: entry_article[1] for entry in self.manifest.files.values()
                  for entry_article in entry.articles if entry_article[0] in new}
        delete = [i for i, fp in self.old.items() if i not in new or prints[i] != fp]
        add = [a for a in articles if self.old.get(a.id) != prints[a.id]]
        self.added = sum(a.id not in self.old for a in articles)
        self.changed = len(add) - self.added
        self.removed = sum(i not in new for i in self.old)
        return delete, add


def _depending_on(old: Manifest, stale: set[str]) -> set[str]:
    """Unchanged files holding a duplicate whose original is in a file about to be re-read:
    they are re-read too, so that the duplicate is indexed if its original is gone."""
    if not stale:
        return set()
    gone = {a[0] for key in stale for a in old.files[key].articles}
    return {key for key, entry in old.files.items() if key not in stale and any(
        s.reason.startswith(DUPLICATE_OF) and s.reason[len(DUPLICATE_OF):] in gone
        or s.reason.startswith("duplicate id") for s in entry.skipped)}
