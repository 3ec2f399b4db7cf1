"""Reading: files on disk into articles. One module per format; this one picks the reader.

Every file ends up either as articles or as a :class:`Skipped` with a reason people can act on;
:mod:`.walk` does the same for every entry under a source folder (links, pipes, hidden and
unreadable entries), and :mod:`.limits` bounds the size of an article.
"""

from __future__ import annotations

import gzip
import os
import stat
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from ..article import Article
from ..errors import BadDocument
from . import html, limits, records, sgml, text
from .items import Note, Skipped
from .limits import MAX_ARTICLE_SIZE, cut, cut_note
from .walk import SourceFile, escape, walk

READERS = {
    ".txt": text.parse,
    ".html": html.parse,
    ".htm": html.parse,
    ".jsonl": records.parse_jsonl,
    ".ndjson": records.parse_jsonl,
    ".json": records.parse_json,
    ".csv": records.parse_csv,
    ".sgm": sgml.parse,
    ".sgml": sgml.parse,
}
SUPPORTED = sorted(READERS) + [f"{suffix}.gz" for suffix in sorted(READERS)]
SINGLE = (".txt", ".html", ".htm")  # one article per file: only the first MAX_ARTICLE_SIZE bytes are read
RECORDS = (".jsonl", ".ndjson", ".json", ".csv")  # readers that cut each record's body themselves
_CHUNK = 2**20


def format_of(path: Path) -> str | None:
    """The reader suffix for ``path`` (``.gz`` looked through), or None if unsupported."""
    suffixes = [s.lower() for s in path.suffixes[-2:]]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return suffixes[-1] if suffixes and suffixes[-1] in READERS else None


def scan(
    path: str | os.PathLike, root: str | os.PathLike | None = None, *, id: str | None = None,
    limit: int = MAX_ARTICLE_SIZE,
) -> Iterator[Article | Skipped | Note]:
    """Articles, skipped records and notes of one file. Ids are relative to ``root`` (default:
    the file's folder), or ``id`` for the file itself; articles larger than ``limit`` are cut."""
    path = Path(path)
    rel = id if id is not None else relative_id(path, Path(root) if root is not None else path.parent)
    kind = format_of(path)
    if kind is None:
        yield Skipped(rel, f"not a supported article format ({''.join(path.suffixes) or 'no suffix'}); "
                      f"supported: {', '.join(sorted(READERS))} (optionally gzipped)")
        return
    try:
        raw, size = _read_bytes(path, limit if kind in SINGLE else None)
    except BadDocument as exc:
        yield Skipped(rel, str(exc))
        return
    except (OSError, EOFError, zlib.error) as exc:
        detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        yield Skipped(rel, f"unreadable: {detail}")
        return
    if size > len(raw):
        yield Note(rel, cut_note(len(raw), size))
    yield from _parsed(kind, raw, rel, limit)


def _parsed(kind: str, raw: bytes, rel: str, limit: int) -> Iterator[Article | Skipped | Note]:
    try:
        items = READERS[kind](raw, rel, limit) if kind in RECORDS else READERS[kind](raw, rel)
        for item in items:
            if isinstance(item, Article) and len(item.body) > limit:
                yield Note(item.id, cut_note(limit, len(item.body), " of text"))
                item = replace(item, body=cut(item.body, limit))
            yield item
    except BadDocument as exc:
        yield Skipped(rel, str(exc))
    except Exception as exc:  # a reader's bug must not stop a rebuild: the file is named, with why
        reader = kind.lstrip(".")
        yield Skipped(rel, f"the {reader} reader failed on this file ({type(exc).__name__}: {exc}); "
                           "please report it with the file")


def _read_bytes(path: Path, limit: int | None) -> tuple[bytes, int]:
    """The file's bytes (gzip looked through), at most ``limit`` of them, and how many it has.

    Only a regular file is opened, and without blocking: a named pipe (which would wait for a
    writer forever) or a device is refused with BadDocument, checked again once it is open.
    Without ``limit`` (a multi-article file, read whole) a file of more than
    :data:`.limits.MAX_FILE_SIZE` bytes, decompressed, is refused with BadDocument."""
    if not stat.S_ISREG(os.stat(path).st_mode):
        raise BadDocument("not a regular file: not opened (only regular files are read)")
    with open(os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC), "rb") as fh:
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
            raise BadDocument("not a regular file: not opened (only regular files are read)")
        if path.suffix.lower() != ".gz":
            size = os.fstat(fh.fileno()).st_size
            if limit is None and size > limits.MAX_FILE_SIZE:
                raise BadDocument(limits.too_big_reason(size, limits.MAX_FILE_SIZE))
            return fh.read(limit if limit is not None else -1), size
        with gzip.GzipFile(fileobj=fh) as unzipped:
            if limit is None:
                return _read_bounded(unzipped, limits.MAX_FILE_SIZE)
            raw = unzipped.read(limit)
            size = len(raw)
            while chunk := unzipped.read(_CHUNK):  # count the rest without keeping it
                size += len(chunk)
            return raw, size


def _read_bounded(stream, bound: int) -> tuple[bytes, int]:
    """All of ``stream``, refused with BadDocument as soon as it gives more than ``bound`` bytes."""
    parts, size = [], 0
    while chunk := stream.read(_CHUNK):
        size += len(chunk)
        if size > bound:
            raise BadDocument(limits.too_big_reason(None, bound))
        parts.append(chunk)
    return b"".join(parts), size


def read(
    path: str | os.PathLike, root: str | os.PathLike | None = None, *, limit: int = MAX_ARTICLE_SIZE,
) -> Iterator[Article]:
    """Yield each article in the file at ``path``.

    Raises :class:`BadDocument` when the file holds no article at all (empty, undecodable, not
    news, unsupported format); records of a multi-article file that cannot be used are left out
    here — :func:`scan` reports them.
    """
    found = False
    skipped: list[Skipped] = []
    for item in scan(path, root, limit=limit):
        if isinstance(item, Article):
            found = True
            yield item
        elif isinstance(item, Skipped):
            skipped.append(item)
    if not found:
        reason = skipped[0].reason if skipped else "no article found"
        raise BadDocument(f"{path}: {reason}")


def iter_files(sources: Iterable[str | os.PathLike]) -> Iterator[SourceFile]:
    """Every file under the sources (files or folders) that a rebuild reads, in order (the
    entries it does not read are left out here: :func:`.walk.walk` reports them)."""
    return (item for item in walk([Path(s) for s in sources]) if isinstance(item, SourceFile))


def relative_id(path: Path, root: Path) -> str:
    """The id of ``path`` under ``root`` (its name if it is not under it), see :mod:`.walk`."""
    try:
        rel = Path(os.path.realpath(path.parent)).relative_to(os.path.realpath(root)) / path.name
    except ValueError:
        rel = Path(path.name)
    return "/".join(escape(part) for part in rel.parts)


__all__ = ["Skipped", "Note", "SourceFile", "scan", "read", "iter_files", "walk", "format_of", "SUPPORTED"]
