"""What reading gives besides articles: inputs left out (with the reason) and notes on inputs
that were read in a way worth saying (a symlink followed, a huge text cut at the size limit)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Skipped:
    """An input (a file, a folder, or one record of a multi-article file) that was not indexed, and why."""

    source: str
    reason: str


@dataclass(frozen=True)
class Note:
    """Something done to an input that was read: ``source`` is its id, ``note`` what was done."""

    source: str
    note: str
