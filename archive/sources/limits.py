"""The largest article the archive takes in.

Every step an article goes through costs time and memory in proportion to its size (decoding,
finding its people, indexing: a 5 MB text takes ~35 s and ~190 MB; a 200 MB one took 3 GB),
and a news article is rarely more than a few hundred KB. So an article is taken in up to
``MAX_ARTICLE_SIZE``: of a single-article file (``.txt``, ``.html``) only that many bytes are
read; a record's body (JSON, CSV, SGML) is cut to that many characters, at the last paragraph
break before it. What is taken in is stored and indexed whole; the rest is not in the archive,
and the rebuild report says so for each article cut. ``archive rebuild --max-article-size``
changes the limit.
"""

from __future__ import annotations

import re

MAX_ARTICLE_SIZE = 5 * 2**20
# A multi-article file (JSON Lines, JSON, CSV, SGML) is read whole before its records are parsed,
# so its size once decompressed is bounded too: 2 GB holds millions of news records, and a
# gzipped "compression bomb" (a few MB that decompress to many GB) stops there instead of
# taking all memory. Such a file is reported, not read.
MAX_FILE_SIZE = 2 * 2**30
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(|k|m|g)i?b?\s*$", re.I)
_UNITS = {"": 1, "k": 2**10, "m": 2**20, "g": 2**30}


def cut(body: str, limit: int) -> str:
    """The first ``limit`` characters of ``body``, ended at the last paragraph break (or else the
    last space) in their second half."""
    if len(body) <= limit:
        return body
    head = body[:limit]
    for mark in ("\n\n", "\n", " "):
        at = head.rfind(mark)
        if at >= limit // 2:
            return head[:at].rstrip()
    return head


def cut_note(taken: int, size: int | None, unit: str = "") -> str:
    """What the report says of an article cut at the limit."""
    whole = f" of its {human_size(size)}{unit}" if size else ""
    return (f"cut at the maximum article size: only the first {human_size(taken)}{unit}{whole} are in "
            "the archive (archive rebuild --max-article-size takes in more)")


def too_big_reason(size: int | None, limit: int) -> str:
    """Why a multi-article file larger than ``limit`` is not read: ``size`` is the file's size, or
    None for a gzipped file, whose reading stopped once it had decompressed past ``limit``."""
    if size is None:
        return (f"too large to read: more than {human_size(limit)} once decompressed — a compression "
                "bomb, or an export to split into smaller files (e.g. split -l 100000 for JSON Lines)")
    return (f"too large to read: {human_size(size)}, more than {human_size(limit)} — an export to "
            "split into smaller files (e.g. split -l 100000 for JSON Lines)")


def human_size(size: int) -> str:
    for unit, factor in (("GB", 2**30), ("MB", 2**20), ("KB", 2**10)):
        if size >= factor:
            return f"{size / factor:.1f}".removesuffix(".0") + f" {unit}"
    return f"{size} bytes"


def parse_size(text: str) -> int:
    """A size such as ``5MB``, ``500k``, ``1.5 GiB`` or ``1048576`` in bytes; ValueError if it is not one."""
    match = _SIZE.match(text)
    if not match or float(match.group(1)) <= 0:
        raise ValueError(f"{text!r} is not a size")
    return int(float(match.group(1)) * _UNITS[match.group(2).lower()])
