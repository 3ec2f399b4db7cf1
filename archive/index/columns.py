"""Per-document columns derived from the index, loaded once per index generation.

Facet counting, date filtering and BM25F scoring run over these arrays with numpy instead of
reading stored fields per hit (Whoosh's ``groupedby`` costs ~1 s per query on Reuters-21578).
Whoosh stays the source of truth: every array here is read back from the index itself. They are
saved beside the index (``derived-<toc generation>.npz``) when a generation is written, so that
opening it is instant; a missing or stale file is simply computed again from the index.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .postings import field_lengths, live_mask, read_postings
from .schema import EPOCH_ORDINAL, UNDATED

SCORED_FIELDS = ("title", "body", "person")


@dataclass(frozen=True)
class Columns:
    day: np.ndarray  # int32 day ordinal per document number (UNDATED = 0)
    ts: np.ndarray  # int64 publication time (epoch seconds) per document number
    unit: np.ndarray  # int8 how much of ``day`` is known: 0 the day, 1 the month, 2 the year
    person_names: list[str]  # person id -> canonical name
    person_ids: dict[str, int]  # casefolded name -> person id
    person_start: np.ndarray  # person id -> offset into entry_doc (len = persons + 1)
    entry_doc: np.ndarray  # document numbers, grouped by person
    entry_person: np.ndarray  # the person id of each entry
    lengths: dict[str, np.ndarray]  # field -> quantised field length per document (BM25F)
    live: np.ndarray | None  # False for deleted documents; None when none are deleted

    @classmethod
    def load(cls, reader, generation: Path | None = None, toc: int | None = None) -> Columns:
        """The columns of ``reader``: from the saved file when it matches, else computed."""
        path = derived_path(generation, toc)
        columns = cls.read(path)
        if columns is not None:
            return columns
        columns = cls.compute(reader)
        if path is not None:
            columns.save(path)
        return columns

    @classmethod
    def compute(cls, reader, previous: Columns | None = None) -> Columns:
        """Read the columns from the index. ``previous``: the columns of the first documents,
        when new segments were only appended after them (an update): only those are read."""
        start = len(previous.day) if previous is not None else 0
        leaves = [(leaf, base) for leaf, base in reader.leaf_readers() if base >= start]
        found: dict[str, list[np.ndarray]] = {}
        if previous is not None:
            for pid, name in enumerate(previous.person_names):
                found[name] = [previous.docs_with_person(pid)]
        for leaf, base in leaves:  # each segment's own names only
            for term in leaf.lexicon("person_name"):
                ids = read_postings(leaf.postings("person_name", term))[0]
                name = term.decode("utf-8") if isinstance(term, bytes) else term
                found.setdefault(name, []).append((ids + base).astype(np.int32))
        names = sorted(found)
        docs = [np.concatenate(found[n]) if len(found[n]) > 1 else found[n][0] for n in names]
        starts = np.concatenate([[0], np.cumsum([len(d) for d in docs], dtype=np.int64)])
        entry_doc = np.concatenate(docs).astype(np.int32) if docs else np.zeros(0, np.int32)
        live = live_mask(reader)
        if live is not None:  # drop the entries of deleted documents
            keep = live[entry_doc]
            owner = np.repeat(np.arange(len(names)), np.diff(starts))
            starts = np.concatenate([[0], np.cumsum(np.bincount(owner[keep], minlength=len(names)))])
            entry_doc = entry_doc[keep]
        old = previous or _NO_COLUMNS
        return cls._build(
            day=np.concatenate([old.day, _column(leaves, "day", np.int32)]),
            ts=np.concatenate([old.ts, _column(leaves, "ts", np.int64)]),
            unit=np.concatenate([old.unit, _column(leaves, "day_unit", np.int8)]),
            names=names, starts=starts.astype(np.int64), entry_doc=entry_doc, live=live,
            lengths={f: np.concatenate([old.lengths.get(f, _EMPTY), field_lengths(leaves, f)])
                     for f in SCORED_FIELDS},
        )

    @classmethod
    def _build(cls, *, day, ts, unit, names, starts, entry_doc, lengths, live) -> Columns:
        counts = np.diff(starts)
        return cls(
            day=day, ts=ts, unit=unit, person_names=names,
            person_ids={name.casefold(): pid for pid, name in enumerate(names)},
            person_start=starts, entry_doc=entry_doc,
            entry_person=np.repeat(np.arange(len(names), dtype=np.int32), counts),
            lengths=lengths, live=live,
        )

    def save(self, path: Path) -> None:
        """Write the arrays beside the index (best effort: a reader may not be allowed to)."""
        tmp = path.with_name(f".{path.name}.{os.getpid()}.npz")
        arrays = {f"len_{f}": a for f, a in self.lengths.items()}
        if self.live is not None:
            arrays["live"] = self.live
        try:
            np.savez(tmp, day=self.day, ts=self.ts, unit=self.unit, person_start=self.person_start,
                     entry_doc=self.entry_doc, names=np.asarray(self.person_names, dtype=str),
                     **arrays)
            os.replace(tmp, path)
        except OSError:
            tmp.unlink(missing_ok=True)

    @classmethod
    def read(cls, path: Path | None) -> Columns | None:
        """The columns saved at ``path``, or None if there are none (or they are unreadable)."""
        if path is None or not path.exists():
            return None
        try:
            return cls._from_file(path)
        except (OSError, ValueError, KeyError):
            return None

    @classmethod
    def _from_file(cls, path: Path) -> Columns:
        with np.load(path, allow_pickle=False) as data:
            return cls._build(
                day=data["day"], ts=data["ts"], unit=data["unit"], names=data["names"].tolist(),
                starts=data["person_start"], entry_doc=data["entry_doc"],
                lengths={f: data[f"len_{f}"] for f in SCORED_FIELDS},
                live=data["live"] if "live" in data.files else None,
            )

    def article_counts(self) -> np.ndarray:
        """Per person id, the number of live articles that name the person."""
        live = self.entry_person if self.live is None else self.entry_person[self.live[self.entry_doc]]
        return np.bincount(live, minlength=len(self.person_names))

    def docs_with_person(self, pid: int) -> np.ndarray:
        return self.entry_doc[self.person_start[pid] : self.person_start[pid + 1]]

    @property
    def dated(self) -> np.ndarray:
        return self.day != UNDATED

    def last_day(self, ids: np.ndarray) -> np.ndarray:
        """The last day ordinal each document's date may be: its day, or the end of its month or
        year when only that is known."""
        days, units = self.day[ids], self.unit[ids]
        if not units.any():
            return days
        stamps = (days.astype(np.int64) - EPOCH_ORDINAL).astype("datetime64[D]")
        ends = {1: (stamps.astype("datetime64[M]") + 1).astype("datetime64[D]"),
                2: (stamps.astype("datetime64[Y]") + 1).astype("datetime64[D]")}
        out = days.astype(np.int64)
        for unit, end in ends.items():
            pick = units == unit
            out[pick] = end[pick].astype(np.int64) + EPOCH_ORDINAL - 1
        return out


_EMPTY = np.zeros(0)


def derived_path(generation: Path | None, toc: int | None) -> Path | None:
    if generation is None or toc is None:
        return None
    return Path(generation) / f"derived-{toc}.npz"


def _column(leaves, name: str, dtype) -> np.ndarray:
    """A sortable field's values; zeros for segments written before the field existed."""
    parts = [np.fromiter(leaf.column_reader(name), dtype=dtype, count=leaf.doc_count_all())
             if leaf.has_column(name) else np.zeros(leaf.doc_count_all(), dtype)
             for leaf, _ in leaves if leaf.doc_count_all()]
    return np.concatenate(parts) if parts else np.zeros(0, dtype)


_NO_COLUMNS = Columns._build(
    day=np.zeros(0, np.int32), ts=np.zeros(0, np.int64), unit=np.zeros(0, np.int8), names=[],
    starts=np.zeros(1, np.int64), entry_doc=np.zeros(0, np.int32), lengths={}, live=None)
