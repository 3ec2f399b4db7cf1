"""What a rebuild or update reports: articles indexed, every input skipped with its reason, and
notes on inputs read in a way worth saying (a symlink followed, a huge article cut).

Skips are many and alike (a corpus' 284 metadata records, 40 README files): :meth:`RebuildReport.
groups` counts them by reason for a terminal, and :meth:`RebuildReport.save` writes every one to a
file in the index folder (``report.txt``), which the command names.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .sources.items import Note, Skipped

REPORT_FILE = "report.txt"
_DETAIL = re.compile(r"\s*\([^()]*\)")
_NUMBERED = re.compile(r"\b(line|record) \d+")


@dataclass
class Group:
    """Inputs skipped (or noted) for one reason: how many, of what unit, and the first one."""

    count: int
    unit: str  # "file", "folder" or "record"
    reason: str
    example: str

    def __str__(self) -> str:
        units = self.unit + ("" if self.count == 1 else "s")
        return f"{self.count:,} {units}: {self.reason} (e.g. {self.example})"


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
    notes: list[Note] = field(default_factory=list)
    took_over: str | None = None  # what was said of an earlier writer that was killed
    reread: int | None = None  # update only: the files it read (added or changed since)
    report_file: str | None = None  # where every skip and note is listed
    stories: int | None = None  # the live articles grouped into stories (near-duplicates: one)
    multi_copy: int | None = None  # stories of more than one article

    def stories_line(self) -> str | None:
        """"20,827 stories (704 of them in more than one copy)"."""
        if self.stories is None:
            return None
        return f"{self.stories:,} stories ({self.multi_copy:,} of them in more than one copy)"

    def to_dict(self) -> dict:
        data = {
            "indexed": self.indexed,
            "skipped": [{"source": s.source, "reason": s.reason} for s in self.skipped],
            "notes": [{"source": n.source, "note": n.note} for n in self.notes],
            "files": self.files,
            "seconds": round(self.seconds, 3),
            "index": self.index,
            "sources": self.sources,
            "aliases": self.aliases,
            "took_over": self.took_over,
            "report_file": self.report_file,
            "stories": self.stories,
            "multi_copy_stories": self.multi_copy,
        }
        if self.added is not None:
            data.update(added=self.added, changed=self.changed, removed=self.removed, reread=self.reread)
        if self.kept is not None:
            data.update(kept=self.kept)
        return data

    def groups(self) -> list[Group]:
        """The skipped inputs counted by reason, most first."""
        return _grouped([(s.source, s.reason) for s in self.skipped])

    def note_groups(self) -> list[Group]:
        return _grouped([(n.source, n.note) for n in self.notes])

    def save(self, command: str) -> Path:
        """Write every skip and note, one a line (tab-separated), to ``report.txt`` in the index."""
        path = Path(self.index) / REPORT_FILE
        when = time.strftime("%Y-%m-%d %H:%M:%S")
        lines = [f"# archive {command}, {when}: {self.indexed:,} articles indexed from {self.files:,} "
                 f"entries in {self.seconds:.1f} s; {len(self.skipped):,} skipped, {len(self.notes):,} notes",
                 f"# sources: {', '.join(self.sources)}"]
        if self.took_over:
            lines.append(f"# {self.took_over}")
        lines += [f"skipped\t{_line(s.source)}\t{_line(s.reason)}" for s in self.skipped]
        lines += [f"note\t{_line(n.source)}\t{_line(n.note)}" for n in self.notes]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8", errors="backslashreplace")
        self.report_file = str(path)
        return path


def reason_group(reason: str) -> str:
    """A reason without its particulars: what is in parentheses, what follows ':' or ';',
    numbers of lines and records, the original a duplicate repeats."""
    general = re.split(r"[:;]", _DETAIL.sub("", reason), maxsplit=1)[0].strip()
    general = _NUMBERED.sub(r"a \1", general)
    return "duplicate of an article read before" if general.startswith("duplicate of ") else general


def _grouped(items: list[tuple[str, str]]) -> list[Group]:
    counts: Counter[tuple[str, str]] = Counter()
    first: dict[tuple[str, str], str] = {}
    for source, reason in items:
        key = (_unit(source, reason), reason_group(reason))
        counts[key] += 1
        first.setdefault(key, source)
    return [Group(n, unit, reason, first[(unit, reason)]) for (unit, reason), n in counts.most_common()]


def _unit(source: str, reason: str) -> str:
    if "#" in source:
        return "record"
    return "folder" if "folder" in reason_group(reason) else "file"


def _line(text: str) -> str:
    return " ".join(text.split())
