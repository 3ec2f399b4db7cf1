"""Walking the sources: every entry under a source folder is a file to read, or a Skipped with
the reason it is not read; nothing under a source is passed over in silence.

- Folders are walked in sorted order, each folder's files before its subfolders.
- Hidden entries (names starting with a dot) are not read; each is reported once.
- Symlinks are followed, once. A symlinked file is read (after every other file, and only if its
  target is not read as a file of the sources itself), a symlinked folder walked, and both noted;
  a link back to a folder that contains it (a loop), a second way to a folder already walked, a
  link to itself and a link to nothing are reported instead of read.
- Named pipes, sockets and devices are never opened (a pipe would block the rebuild forever).
- A folder that cannot be listed is reported with the cause, and the walk goes on.

Ids: the path relative to the source root, parts joined by ``/``. When several sources are
given, each id starts with a label for its source — the root folder's name, with as many parent
folders as make the labels unique (``desk/story.txt``, ``wire/story.txt``) — so two sources that
both hold ``story.txt`` give two articles; with one source there is no label (the ids of
``archive rebuild data/`` are ``seeds/…``, ``wikinews/…``). Ids depend only on the sources given,
never on the order of the walk. Bytes of a name that are not UTF-8, control characters and ``%``
itself are percent-encoded (``caf%E9.txt``), so every id is printable and reversible:
``urllib.parse.unquote_to_bytes(id)`` gives back the bytes of the path.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from .items import Note, Skipped

_ESCAPED = re.compile("[%\x00-\x1f\x7f\udc80-\udcff]")
_SPECIAL = ((stat.S_ISFIFO, "named pipe (FIFO)"), (stat.S_ISSOCK, "socket"), (stat.S_ISCHR, "device"),
            (stat.S_ISBLK, "device"))


@dataclass(frozen=True)
class SourceFile:
    """A file to read: where it is (through the folders as walked) and the id it gives."""

    path: Path
    id: str


def escape(name: str) -> str:
    """``name`` (from the file system, undecodable bytes as surrogates) as printable id text."""
    return _ESCAPED.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode("utf-8", "surrogateescape")),
                        name)


def source_labels(sources: Sequence[Path]) -> dict[Path, str]:
    """Each source's id prefix: nothing for a single source; else its root folder's name, with
    parent folders added where two roots share a name."""
    if len(sources) < 2:
        return {source: "" for source in sources}
    roots = {source: [p for p in Path(os.path.realpath(_root_of(source))).parts if p != os.sep]
             for source in sources}
    depth = dict.fromkeys(sources, 1)
    while True:
        labels = {s: "/".join(escape(p) for p in parts[-depth[s]:]) for s, parts in roots.items()}
        clash = [s for s in sources if list(labels.values()).count(labels[s]) > 1
                 and depth[s] < len(roots[s])]
        if not clash:
            return {s: label + "/" if label else "" for s, label in labels.items()}
        for source in clash:
            depth[source] += 1


def walk(sources: Sequence[Path], *, exclude: Iterable[Path] = ()) -> Iterator[SourceFile | Skipped | Note]:
    """Every entry under the sources (files or folders), in order: files to read, and the
    entries not read (Skipped) or read through a link (Note)."""
    labels = source_labels(sources)
    walker = _Walker({_identity(p) for p in exclude if p.exists()})
    for source in sources:
        if source.is_dir():
            yield from walker.folder(Path(os.path.realpath(source)), labels[source])
        else:
            path = Path(os.path.realpath(source.parent)) / source.name
            yield from walker.entry(path, labels[source] + escape(source.name), os.lstat(path))
    yield from walker.linked_files()


class _Walker:
    def __init__(self, excluded: set[tuple[int, int]]) -> None:
        self.excluded = excluded
        self.seen: dict[tuple[int, int], str] = {}  # every folder walked → the id it was walked as
        self.files: dict[tuple[int, int], str] = {}  # every file read → its id
        self.links: list[tuple[SourceFile, os.stat_result, str]] = []  # symlinked files, read last

    def folder(self, root: Path, label: str) -> Iterator[SourceFile | Skipped | Note]:
        name = label.rstrip("/") or escape(root.name) or os.sep
        here = _identity(root)
        if here in self.seen:
            yield Skipped(name, f"folder already read (as {self.seen[here]}): not read twice")
            return
        self.seen[here] = name
        todo = [(root, label, frozenset([here]))]
        while todo:
            folder, prefix, ancestors = todo.pop()
            try:
                with os.scandir(folder) as listing:
                    entries = sorted(listing, key=lambda e: e.name)
            except OSError as exc:
                yield Skipped(prefix.rstrip("/") or name, f"unreadable folder: {exc.strerror or exc}")
                continue
            subfolders = []
            for entry in entries:
                for item in self._listed(entry, prefix + escape(entry.name), ancestors):
                    if isinstance(item, tuple):
                        subfolders.append(item)
                    else:
                        yield item
            todo.extend(reversed(subfolders))

    def _listed(self, entry: os.DirEntry, item_id: str, ancestors):
        try:
            lstat = entry.stat(follow_symlinks=False)
        except OSError as exc:  # gone since the folder was listed, or not to be looked at
            yield Skipped(item_id, f"unreadable: {exc.strerror or exc}")
            return
        yield from self.entry(Path(entry.path), item_id, lstat, ancestors)

    def entry(self, path: Path, item_id: str, lstat: os.stat_result, ancestors=frozenset()):
        """What one entry is: a SourceFile, a Skipped, a Note, or (a subfolder to walk) a tuple."""
        if path.name.startswith(".") and ancestors:
            kind = "folder" if stat.S_ISDIR(lstat.st_mode) else "file"
            yield Skipped(item_id, f"hidden {kind} (its name starts with a dot): not read")
            return
        link = stat.S_ISLNK(lstat.st_mode)
        st = lstat
        if link:
            target = escape(os.readlink(path))
            try:
                st = os.stat(path)
            except OSError as exc:
                yield Skipped(item_id, _broken_link(exc, target))
                return
        if stat.S_ISREG(st.st_mode):
            if link:
                self.links.append((SourceFile(path, item_id), st, target))
            else:
                self.files.setdefault((st.st_dev, st.st_ino), item_id)
                yield SourceFile(path, item_id)
        elif stat.S_ISDIR(st.st_mode):
            yield from self._subfolder(path, item_id, st, ancestors, target if link else None)
        else:
            kind = next((name for test, name in _SPECIAL if test(st.st_mode)), "not a regular file")
            yield Skipped(item_id, f"{kind}: not opened (only regular files are read)")

    def linked_files(self) -> Iterator[SourceFile | Skipped | Note]:
        """The symlinked files, each read unless its target is read already (as a file of the
        sources, or through another link)."""
        for source, st, target in self.links:
            read = self.files.get((st.st_dev, st.st_ino))
            if read is not None:
                yield Skipped(source.id, f"symlink to a file read already (as {read}): not read twice")
                continue
            self.files[(st.st_dev, st.st_ino)] = source.id
            yield Note(source.id, f"symlink to a file: read its target ({target})")
            yield source

    def _subfolder(self, path: Path, item_id: str, st, ancestors, target: str | None):
        here = (st.st_dev, st.st_ino)
        if here in self.excluded:
            yield Skipped(item_id, "the archive's own index folder: not read")
        elif here in ancestors:
            yield Skipped(item_id, f"symlinked folder loop: it leads back to {self.seen[here]}, its parent")
        elif here in self.seen:
            yield Skipped(item_id, f"folder already read (as {self.seen[here]}): not read twice")
        else:
            if target is not None:
                yield Note(item_id, f"symlinked folder: followed once ({target})")
            self.seen[here] = item_id
            yield (path, item_id + "/", ancestors | {here})


def _broken_link(exc: OSError, target: str) -> str:
    if exc.errno == errno.ELOOP:
        return f"symlink loop: the link leads back to itself ({target})"
    if exc.errno == errno.ENOENT:
        return f"broken symlink: its target {target} does not exist"
    return f"unreadable symlink ({target}): {exc.strerror or exc}"


def _root_of(source: Path) -> Path:
    return source if source.is_dir() else source.parent


def _identity(path: Path) -> tuple[int, int]:
    st = os.stat(path)
    return st.st_dev, st.st_ino
