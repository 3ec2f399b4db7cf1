"""Per-document columns derived from the index, loaded once per index generation.

Facet counting and date filtering run over these arrays with numpy instead of reading stored
fields per hit (Whoosh's ``groupedby`` costs ~1 s per query on Reuters-21578). Whoosh stays
the source of truth: every array here is read back from the index itself.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .schema import UNDATED


@dataclass(frozen=True)
class Columns:
    day: np.ndarray  # int32 day ordinal per document number (UNDATED = 0)
    ts: np.ndarray  # int64 publication time (epoch seconds) per document number
    person_names: list[str]  # person id -> canonical name
    person_ids: dict[str, int]  # casefolded name -> person id
    person_start: np.ndarray  # person id -> offset into entry_doc (len = persons + 1)
    entry_doc: np.ndarray  # document numbers, grouped by person
    entry_person: np.ndarray  # the person id of each entry

    @classmethod
    def load(cls, reader) -> Columns:
        size = reader.doc_count_all()
        names, starts, docs = [], [0], []
        for term in reader.lexicon("person_name"):
            ids = np.fromiter(reader.postings("person_name", term).all_ids(), dtype=np.int32)
            names.append(term.decode("utf-8") if isinstance(term, bytes) else term)
            docs.append(ids)
            starts.append(starts[-1] + len(ids))
        entry_doc = np.concatenate(docs) if docs else np.zeros(0, np.int32)
        counts = np.diff(np.asarray(starts, dtype=np.int64))
        return cls(
            day=_column(reader, "day", size, np.int32),
            ts=_column(reader, "ts", size, np.int64),
            person_names=names,
            person_ids={name.casefold(): pid for pid, name in enumerate(names)},
            person_start=np.asarray(starts, dtype=np.int64),
            entry_doc=entry_doc,
            entry_person=np.repeat(np.arange(len(names), dtype=np.int32), counts),
        )

    def docs_with_person(self, pid: int) -> np.ndarray:
        return self.entry_doc[self.person_start[pid] : self.person_start[pid + 1]]

    @property
    def dated(self) -> np.ndarray:
        return self.day != UNDATED


def _column(reader, name: str, size: int, dtype) -> np.ndarray:
    if size == 0:
        return np.zeros(0, dtype)
    return np.fromiter(reader.column_reader(name), dtype=dtype, count=size)
