"""Posting lists as numpy arrays, scored with Whoosh's own BM25F formula, cached per generation.

Walking Whoosh's matcher tree costs Python calls per posting per node; reading a term's posting
blocks straight into arrays and combining them with numpy costs one call per block. Scores use
the same statistics and formula as :class:`whoosh.scoring.BM25F` (global idf, average field
length, the quantised per-document field length), so rankings match Whoosh's.

A :class:`PostingSource` serves one search (one thread, with the Whoosh searcher it borrowed);
the arrays it reads are kept in the generation's :class:`~archive.index.cache.LRU`, which every
search of that generation shares.
"""

from __future__ import annotations

from math import log

import numpy as np
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher
from whoosh.matching import WrappingMatcher
from whoosh.reading import TermNotFound
from whoosh.scoring import BM25F
from whoosh.util.numeric import byte_to_length

from .cache import LRU

CACHE_POSTINGS = 6_000_000  # postings kept in the per-generation cache (~72 MB)
EMPTY_IDS = np.zeros(0, dtype=np.int32)
EMPTY_SCORES = np.zeros(0, dtype=np.float64)


class Scored:
    """Sorted unique document numbers and one score per document."""

    __slots__ = ("ids", "scores")

    def __init__(self, ids: np.ndarray, scores: np.ndarray) -> None:
        self.ids, self.scores = ids, scores

    @classmethod
    def empty(cls) -> Scored:
        return cls(EMPTY_IDS, EMPTY_SCORES)

    def __len__(self) -> int:
        return len(self.ids)


class PostingSource:
    """Term postings of one index generation (read through ``searcher``), as scored arrays,
    kept in ``cache`` (shared by the generation's searches; a private one when not given)."""

    def __init__(self, searcher, lengths: dict[str, np.ndarray], live: np.ndarray | None,
                 cache: LRU | None = None) -> None:
        self.searcher = searcher
        self.reader = searcher.reader()
        self.lengths = lengths  # field -> quantised length per document number (float64)
        self.live = live  # None when nothing is deleted
        weighting = searcher.weighting
        self.bm25 = isinstance(weighting, BM25F)
        self.doc_count_all = searcher.doc_count_all()
        self.K1 = getattr(weighting, "K1", 1.2)
        self._B = getattr(weighting, "B", 0.75)
        self._field_B = getattr(weighting, "_field_B", {})
        self._avgfl: dict[str, float] = {}
        self.cache = LRU(CACHE_POSTINGS) if cache is None else cache

    def term(self, fieldname: str, text) -> Scored:
        key = (fieldname, text)
        hit = self.cache.get(key)
        if hit is not None:
            return hit
        scored = self._load(fieldname, text)
        return self.cache.put(key, scored, size=max(1, len(scored)))

    def _load(self, fieldname: str, text) -> Scored:
        field = self.searcher.schema[fieldname] if fieldname in self.searcher.schema else None
        if field is None:
            return Scored.empty()
        btext = field.to_bytes(text) if isinstance(text, str) else text
        parts_ids, parts_w = [], []
        for leaf, base in self.reader.leaf_readers():
            try:  # one term lookup per segment (``in`` and then ``postings`` would be two)
                matcher = leaf.postings(fieldname, btext)
            except TermNotFound:
                continue
            ids, weights = read_postings(matcher)
            parts_ids.append(ids + base)
            parts_w.append(weights)
        if not parts_ids:
            return Scored.empty()
        ids = np.concatenate(parts_ids).astype(np.int32, copy=False)
        weights = np.concatenate(parts_w)
        frequency = len(ids)  # every posting, deleted documents' too: Whoosh's doc_frequency
        if self.live is not None:
            keep = self.live[ids]
            ids, weights = ids[keep], weights[keep]
        return Scored(ids, self._score(fieldname, frequency, ids, weights, field.scorable))

    def _score(self, fieldname: str, frequency: int, ids, weights, scorable: bool) -> np.ndarray:
        if not (self.bm25 and scorable):
            return weights  # Whoosh's WeightScorer: the posting weight itself
        idf = log(self.doc_count_all / (frequency + 1)) + 1  # BM25F's idf, without more lookups
        avgfl = self._avgfl.get(fieldname)
        if avgfl is None:
            avgfl = self._avgfl[fieldname] = self.searcher.avg_field_length(fieldname) or 1
        B, K1 = self._field_B.get(fieldname, self._B), self.K1
        length = self.lengths[fieldname][ids]
        return idf * ((weights * (K1 + 1)) / (weights + K1 * ((1 - B) + B * length / avgfl)))


def read_postings(matcher) -> tuple[np.ndarray, np.ndarray]:
    """(document numbers, weights) of a leaf posting matcher, block by block when possible.

    Deleted documents are *not* removed here: callers filter with the generation's live mask.
    """
    if isinstance(matcher, WrappingMatcher) and not isinstance(matcher, W3LeafMatcher):
        matcher = matcher.child  # the FilterMatcher that hides deleted documents
    if isinstance(matcher, W3LeafMatcher) and hasattr(matcher, "_read_data"):
        return _read_blocks(matcher)
    return _read_generic(matcher)


def _read_blocks(m: W3LeafMatcher) -> tuple[np.ndarray, np.ndarray]:
    ids, weights = [], []
    while not m._atend:
        if m._data is None:
            m._read_data()
        raw_ids, raw_w = m._data[0], m._data[1]
        block = np.asarray(raw_ids, dtype=np.int64)
        ids.append(block if m._byteids else np.cumsum(block))
        count = m._blocklength
        if raw_w is None:
            weights.append(np.ones(count))
        elif isinstance(raw_w, float):
            weights.append(np.full(count, raw_w))
        else:
            weights.append(np.asarray(raw_w, dtype=np.float64))
        m._next_block()
    if not ids:
        return np.zeros(0, np.int64), np.zeros(0)
    return np.concatenate(ids), np.concatenate(weights)


def _read_generic(m) -> tuple[np.ndarray, np.ndarray]:
    ids, weights = [], []
    while m.is_active():
        ids.append(m.id())
        weights.append(m.weight())
        m.next()
    return np.asarray(ids, dtype=np.int64), np.asarray(weights, dtype=np.float64)


def field_lengths(leaves, fieldname: str) -> np.ndarray:
    """The quantised length of ``fieldname`` per document of the (segment reader, base) pairs
    ``leaves``, as BM25F reads it."""
    parts = []
    for leaf, _ in leaves:
        count = leaf.doc_count_all()
        column = _length_column(leaf, fieldname)
        if column is not None:
            parts.append(_BYTE_LENGTHS[np.fromiter(column, dtype=np.uint8, count=count)])
        else:
            get = leaf.doc_field_length
            parts.append(np.asarray([get(d, fieldname) or 0 for d in range(count)], dtype=np.float64))
    return np.concatenate(parts) if parts else np.zeros(0)


_BYTE_LENGTHS = np.asarray([byte_to_length(b) if b else 0 for b in range(256)], dtype=np.float64)


def _length_column(leaf, fieldname: str):
    """The raw length bytes of a W3 segment (one read for all documents), or None."""
    cached = getattr(getattr(leaf, "_perdoc", None), "_cached_reader", None)
    if cached is None or not leaf.doc_count_all():
        return None
    try:
        return cached(f"_{fieldname}_len", LENGTHS_COLUMN)
    except Exception:  # noqa: BLE001 - another codec: fall back to the public accessor
        return None


def live_mask(reader) -> np.ndarray | None:
    """True for every document that is not deleted; None when nothing is deleted."""
    if not reader.has_deletions():
        return None
    live = np.ones(reader.doc_count_all(), dtype=bool)
    for leaf, base in reader.leaf_readers():
        if leaf.has_deletions():
            gone = getattr(leaf, "deleted_docs_set", None)
            if gone is None:
                gone = [d for d in range(leaf.doc_count_all()) if leaf.is_deleted(d)]
            live[np.fromiter(gone, dtype=np.int64) + base] = False
    return live
