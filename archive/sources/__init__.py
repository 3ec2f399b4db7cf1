"""Reading: files on disk into articles. One module per format; this one picks the reader.

Every file ends up either as articles or as a :class:`Skipped` with a reason people can act on.
"""

from __future__ import annotations

import gzip
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..article import Article
from ..errors import BadDocument
from . import html, records, sgml, text


@dataclass(frozen=True)
class Skipped:
    """An input (a file, or one record of a multi-article file) that was not indexed, and why."""

    source: str
    reason: str


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


def format_of(path: Path) -> str | None:
    """The reader suffix for ``path`` (``.gz`` looked through), or None if unsupported."""
    suffixes = [s.lower() for s in path.suffixes[-2:]]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return suffixes[-1] if suffixes and suffixes[-1] in READERS else None


def scan(path: str | os.PathLike, root: str | os.PathLike | None = None) -> Iterator[Article | Skipped]:
    """Articles and skipped records of one file; ``root`` makes ids relative and stable."""
    path = Path(path)
    rel = relative_id(path, Path(root) if root is not None else path.parent)
    kind = format_of(path)
    if kind is None:
        yield Skipped(rel, f"not a supported article format ({''.join(path.suffixes) or 'no suffix'}); "
                      f"supported: {', '.join(sorted(READERS))} (optionally gzipped)")
        return
    try:
        raw = path.read_bytes()
        if path.suffix.lower() == ".gz":
            raw = gzip.decompress(raw)
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        yield Skipped(rel, f"unreadable: {detail}")
        return
    try:
        yield from READERS[kind](raw, rel)
    except BadDocument as exc:
        yield Skipped(rel, str(exc))
    except Exception as exc:  # a reader's bug must not stop a rebuild: the file is named, with why
        reader = kind.lstrip(".")
        yield Skipped(rel, f"the {reader} reader failed on this file ({type(exc).__name__}: {exc}); "
                           "please report it with the file")


def read(path: str | os.PathLike, root: str | os.PathLike | None = None) -> Iterator[Article]:
    """Yield each article in the file at ``path``.

    Raises :class:`BadDocument` when the file holds no article at all (empty, undecodable, not
    news, unsupported format); records of a multi-article file that cannot be used are left out
    here — :func:`scan` reports them.
    """
    found = False
    skipped: list[Skipped] = []
    for item in scan(path, root):
        if isinstance(item, Article):
            found = True
            yield item
        else:
            skipped.append(item)
    if not found:
        reason = skipped[0].reason if skipped else "no article found"
        raise BadDocument(f"{path}: {reason}")


def iter_files(sources: Iterable[str | os.PathLike]) -> Iterator[tuple[Path, Path]]:
    """Every file under the sources (files or folders), as (path, root) pairs, in sorted order.

    Hidden files and folders (names starting with a dot) are not articles and are passed over.
    """
    for source in sources:
        source = Path(source)
        if source.is_dir():
            for dirpath, dirnames, filenames in os.walk(source):
                dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
                for name in sorted(filenames):
                    if not name.startswith("."):
                        yield Path(dirpath) / name, source
        else:
            yield source, source.parent


def relative_id(path: Path, root: Path) -> str:
    try:
        rel = path.resolve().relative_to(root.resolve())
    except ValueError:
        rel = Path(path.name)
    return rel.as_posix()


__all__ = ["Skipped", "scan", "read", "iter_files", "format_of", "SUPPORTED"]
