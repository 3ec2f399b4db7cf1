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
from whoosh.reading import TermNotFound

from .postings import field_lengths, live_mask, read_postings
from .schema import EPOCH_ORDINAL, KEYWORD_FIELDS, UNDATED

SCORED_FIELDS = ("title", "body", "person")


@dataclass(frozen=True)
class Keyword:
    """One keyword field as columns (a person, a topic, an author, an outlet): each value's
    documents, grouped by value, so that counting values over the matches is one bincount."""

    names: list[str]  # value id -> the value as indexed ("crude", "Carla K. Johnson")
    ids: dict[str, int]  # casefolded value -> value id
    start: np.ndarray  # value id -> offset into entry_doc (len = values + 1)
    entry_doc: np.ndarray  # document numbers, grouped by value
    entry_value: np.ndarray  # the value id of each entry

    @classmethod
    def build(cls, names: list[str], start: np.ndarray, entry_doc: np.ndarray) -> Keyword:
        return cls(names=names, ids={name.casefold(): vid for vid, name in enumerate(names)},
                   start=start, entry_doc=entry_doc,
                   entry_value=np.repeat(np.arange(len(names), dtype=np.int32), np.diff(start)))

    @classmethod
    def compute(cls, leaves, field: str, live: np.ndarray | None, previous: Keyword | None) -> Keyword:
        """The documents of each term of ``field`` in ``leaves`` (segments from their base), after
        those of ``previous`` (the columns of the documents before them); none before the field
        existed. The entries of deleted documents are left out."""
        found: dict[str, list[np.ndarray]] = {}
        if previous is not None:
            for vid, name in enumerate(previous.names):
                found[name] = [previous.docs_with(vid)]
        for leaf, base in leaves:  # each segment's own values only
            try:
                terms = list(leaf.lexicon(field))
            except TermNotFound:  # an index written before the field existed
                continue
            for term in terms:
                ids = read_postings(leaf.postings(field, term))[0]
                name = term.decode("utf-8") if isinstance(term, bytes) else term
                found.setdefault(name, []).append((ids + base).astype(np.int32))
        names = sorted(found)
        docs = [np.concatenate(found[n]) if len(found[n]) > 1 else found[n][0] for n in names]
        starts = np.concatenate([[0], np.cumsum([len(d) for d in docs], dtype=np.int64)])
        entry_doc = np.concatenate(docs).astype(np.int32) if docs else np.zeros(0, np.int32)
        if live is not None:  # drop the entries of deleted documents
            keep = live[entry_doc]
            owner = np.repeat(np.arange(len(names)), np.diff(starts))
            starts = np.concatenate([[0], np.cumsum(np.bincount(owner[keep], minlength=len(names)))])
            entry_doc = entry_doc[keep]
        return cls.build(names, starts.astype(np.int64), entry_doc)

    def docs_with(self, vid: int) -> np.ndarray:
        return self.entry_doc[self.start[vid] : self.start[vid + 1]]

    def counts(self, live: np.ndarray | None) -> np.ndarray:
        """Per value id, the number of live documents that have it."""
        entries = self.entry_value if live is None else self.entry_value[live[self.entry_doc]]
        return np.bincount(entries, minlength=len(self.names))

    def arrays(self, kind: str) -> dict[str, np.ndarray]:
        return {f"{kind}_start": self.start, f"{kind}_doc": self.entry_doc,
                f"{kind}_names": np.asarray(self.names, dtype=str)}

    @classmethod
    def from_arrays(cls, data, kind: str) -> Keyword:
        return cls.build(data[f"{kind}_names"].tolist(), data[f"{kind}_start"], data[f"{kind}_doc"])


@dataclass(frozen=True)
class Columns:
    day: np.ndarray  # int32 day ordinal per document number (UNDATED = 0)
    ts: np.ndarray  # int64 publication time (epoch seconds) per document number
    unit: np.ndarray  # int8 how much of ``day`` is known: 0 the day, 1 the month, 2 the year
    keywords: dict[str, Keyword]  # kind ("person", "topic", …, see KEYWORD_FIELDS) -> its columns
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
        live = live_mask(reader)
        old = previous or _NO_COLUMNS
        return cls(
            day=np.concatenate([old.day, _column(leaves, "day", np.int32)]),
            ts=np.concatenate([old.ts, _column(leaves, "ts", np.int64)]),
            unit=np.concatenate([old.unit, _column(leaves, "day_unit", np.int8)]),
            keywords={kind: Keyword.compute(leaves, field, live, old.keywords.get(kind))
                      for kind, field in KEYWORD_FIELDS.items()},
            live=live,
            lengths={f: np.concatenate([old.lengths.get(f, _EMPTY), field_lengths(leaves, f)])
                     for f in SCORED_FIELDS},
        )

    def save(self, path: Path) -> None:
        """Write the arrays beside the index (best effort: a reader may not be allowed to)."""
        tmp = path.with_name(f".{path.name}.{os.getpid()}.npz")
        arrays = {f"len_{f}": a for f, a in self.lengths.items()}
        for kind, keyword in self.keywords.items():
            arrays.update(keyword.arrays(f"kw_{kind}"))
        if self.live is not None:
            arrays["live"] = self.live
        try:
            np.savez(tmp, day=self.day, ts=self.ts, unit=self.unit, **arrays)
            os.replace(tmp, path)
        except OSError:
            tmp.unlink(missing_ok=True)

    @classmethod
    def read(cls, path: Path | None) -> Columns | None:
        """The columns saved at ``path``, or None if there are none (or they are unreadable, or
        were saved by an older version without every keyword kind: they are computed again)."""
        if path is None or not path.exists():
            return None
        try:
            return cls._from_file(path)
        except (OSError, ValueError, KeyError):
            return None

    @classmethod
    def _from_file(cls, path: Path) -> Columns:
        with np.load(path, allow_pickle=False) as data:
            return cls(
                day=data["day"], ts=data["ts"], unit=data["unit"],
                keywords={kind: Keyword.from_arrays(data, f"kw_{kind}") for kind in KEYWORD_FIELDS},
                lengths={f: data[f"len_{f}"] for f in SCORED_FIELDS},
                live=data["live"] if "live" in data.files else None,
            )

    # -- the person column, by the names the rest of the code knows it by ---------------
    @property
    def persons(self) -> Keyword:
        return self.keywords["person"]

    @property
    def person_names(self) -> list[str]:
        return self.persons.names

    @property
    def person_ids(self) -> dict[str, int]:
        return self.persons.ids

    @property
    def person_start(self) -> np.ndarray:
        return self.persons.start

    @property
    def entry_doc(self) -> np.ndarray:
        return self.persons.entry_doc

    @property
    def entry_person(self) -> np.ndarray:
        return self.persons.entry_value

    def article_counts(self) -> np.ndarray:
        """Per person id, the number of live articles that name the person."""
        return self.persons.counts(self.live)

    def docs_with_person(self, pid: int) -> np.ndarray:
        return self.persons.docs_with(pid)

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


def mask_of(size: int, docs: np.ndarray) -> np.ndarray:
    """A bool per document number below ``size``: whether it is one of ``docs``."""
    mask = np.zeros(size, dtype=bool)
    mask[docs] = True
    return mask


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


_NO_COLUMNS = Columns(
    day=np.zeros(0, np.int32), ts=np.zeros(0, np.int64), unit=np.zeros(0, np.int8), keywords={},
    lengths={}, live=None)
