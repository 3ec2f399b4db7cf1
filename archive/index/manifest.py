"""What an index generation was built from: per source file its size, mtime, the articles it
gave (id, fingerprint, duplicate key) and its skipped records. Saved as ``sources.json`` in the
generation, it lets an update re-read only the files that changed and know what to delete."""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..article import Article
from ..sources import Skipped
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

    def admit(self, item: Article | Skipped, skipped: list[Skipped]) -> Article | None:
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

    def indexed(self) -> int:
        return sum(len(entry.articles) for entry in self.files.values())

    def skipped(self) -> list[Skipped]:
        return [s for entry in self.files.values() for s in entry.skipped]

    def firm_counts(self) -> dict[str, int]:
        """Over all files: each name given a corporate ending, with the number of articles doing so."""
        counts: Counter[str] = Counter()
        for entry in self.files.values():
            counts.update(entry.firms)
        return dict(counts)

    def save(self, generation: Path) -> None:
        data = {"format": FORMAT, "sources": self.sources, "aliases": self.aliases, "files": {
            path: {"mtime_ns": e.mtime_ns, "size": e.size, "articles": e.articles,
                   "skipped": [[s.source, s.reason] for s in e.skipped], "firms": e.firms}
            for path, e in self.files.items()}}
        (Path(generation) / FILENAME).write_text(
            json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")

    @classmethod
    def load(cls, generation: Path) -> Manifest | None:
        try:
            data = json.loads((Path(generation) / FILENAME).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if data.get("format") != FORMAT:
            return None
        files = {path: FileEntry(e["mtime_ns"], e["size"], e["articles"],
                                 [Skipped(*s) for s in e["skipped"]], e.get("firms", {}))
                 for path, e in data["files"].items()}
        return cls(data["sources"], files, data.get("aliases", ""))

    def plan(self, files: list[tuple[Path, Path]], sources: list[str], aliases: str = "") -> Plan:
        return Plan(self, files, sources, aliases)


class Plan:
    """Which files an update re-reads, and the deletions and additions it makes. Changed person
    corrections (``aliases``, a fingerprint) touch every article: then every file is re-read."""

    def __init__(self, old: Manifest, files: list[tuple[Path, Path]], sources: list[str],
                 aliases: str = "") -> None:
        self.manifest = Manifest(sources, aliases=aliases)
        self.dedup = Dedup()
        present = {str(path) for path, _ in files}
        stale = {key for key, entry in old.files.items() if key not in present or aliases != old.aliases
                 or (entry.mtime_ns, entry.size) != file_stat(key)}
        stale |= _depending_on(old, stale)
        self.to_read = [(p, r) for p, r in files if str(p) not in old.files or str(p) in stale]
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
