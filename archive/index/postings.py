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

from .budget import CHECK_EVERY
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
        field = self._field(fieldname)
        if field is None:
            return Scored.empty()
        key = (fieldname, field.to_bytes(text) if isinstance(text, str) else text)
        hit = self.cache.get(key)
        if hit is not None:
            return hit
        parts = []
        for leaf, base in self.reader.leaf_readers():
            try:  # one term lookup per segment (``in`` and then ``postings`` would be two)
                parts.append((read_postings(leaf.postings(fieldname, key[1])), base))
            except TermNotFound:
                continue
        return self._keep(key, field, parts)

    def prefix(self, fieldname: str, prefix, words, deadline) -> list[Scored]:
        """The postings of ``words`` (those of ``fieldname`` that start with ``prefix``), read in
        one ordered pass over each segment's terms: no lookup per word, and each posting list
        opened from the term's own entry (about twice as fast as a ``term`` call per word)."""
        field = self._field(fieldname)
        if field is None:
            return []
        keys = [(fieldname, field.to_bytes(w) if isinstance(w, str) else w) for w in words]
        found = {key: self.cache.get(key) for key in keys}
        wanted = {key[1] for key, hit in found.items() if hit is None}
        read: dict[bytes, list] = {term: [] for term in wanted}
        for leaf, base in self.reader.leaf_readers() if wanted else ():
            for number, (term, info) in enumerate(leaf.iter_prefix(fieldname, prefix)):
                if number % CHECK_EVERY == 0:
                    deadline.check()
                if term in read:
                    read[term].append((read_postings(_postings(leaf, fieldname, term, info)), base))
        for term, parts in read.items():
            found[(fieldname, term)] = self._keep((fieldname, term), field, parts)
        return [found[key] for key in keys]

    def _field(self, fieldname: str):
        schema = self.searcher.schema
        return schema[fieldname] if fieldname in schema else None

    def _keep(self, key: tuple, field, parts: list) -> Scored:
        """The scored postings of a term from its segments' (ids, weights) and bases, cached."""
        if not parts:
            return self.cache.put(key, Scored.empty())
        ids = np.concatenate([found[0] + base for found, base in parts]).astype(np.int32, copy=False)
        weights = np.concatenate([found[1] for found, _ in parts])
        frequency = len(ids)  # every posting, deleted documents' too: Whoosh's doc_frequency
        if self.live is not None:
            keep = self.live[ids]
            ids, weights = ids[keep], weights[keep]
        scored = Scored(ids, self._score(key[0], frequency, ids, weights, field.scorable))
        return self.cache.put(key, scored, size=max(1, len(scored)))

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


def _postings(leaf, fieldname: str, term: bytes, info):
    """The posting matcher of ``term`` in a segment, opened from the term's entry ``info`` (the
    W3 codec's own way, without looking the term up again), or through the public lookup."""
    terms = getattr(leaf, "_terms", None)
    codec, postfile = getattr(terms, "_codec", None), getattr(terms, "_postfile", None)
    if codec is None or postfile is None:
        return leaf.postings(fieldname, term)
    return codec.postings_reader(postfile, info, leaf.schema[fieldname].format)


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
