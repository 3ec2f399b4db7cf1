"""The set of matching documents and their BM25F scores, computed with array operations.

Term, And, Or, Not and Prefix nodes are evaluated from posting arrays (numpy set operations;
scores summed as Whoosh's union and intersection matchers sum them). Any other node (phrases…)
is evaluated by Whoosh's own matcher once and the result cached for the generation, so the
answer always equals ``searcher.docs_for_query`` and the ranking equals Whoosh's.

Every search is bounded: the trailing wildcards of one query may stand for at most
``MAX_EXPANSIONS`` indexed words in all (as Lucene's maximum clause count); beyond that the
search is refused with a BadQuery naming the prefixes (a partial answer from some of the words
would give wrong totals and facet counts without saying so). The search's :class:`Deadline` is
checked before each node and every ``CHECK_EVERY`` terms or documents.
"""

from __future__ import annotations

from itertools import islice

import numpy as np
from whoosh import query as wq

from ..errors import BadQuery
from .budget import CHECK_EVERY, Deadline
from .cache import LRU
from .postings import PostingSource, Scored

MAX_EXPANSIONS = 1024  # indexed words (of titles and bodies) all the wildcards of one query may stand for
CACHE_NODES = 256
DENSE_MIN = 4096  # postings from which set operations use dense arrays instead of sorting
NOT_SCORE = 1.0  # the weight Whoosh's InverseMatcher gives every document it matches


class _TooBroad(Exception):
    """The wildcards of the query stand for more than MAX_EXPANSIONS words."""


class Matcher:
    """Evaluates parsed Whoosh queries for one search against a generation's posting source.

    ``nodes`` caches evaluated wildcards and phrases for the generation (shared by its searches;
    private when not given); ``deadline`` bounds the search's time.
    """

    def __init__(self, source: PostingSource, doc_count: int, nodes: LRU | None = None,
                 deadline: Deadline | None = None) -> None:
        self.source = source
        self.doc_count = doc_count
        self.nodes = LRU(CACHE_NODES) if nodes is None else nodes
        self.deadline = deadline or Deadline()
        self.expanded = 0  # words the wildcards listed so far stand for
        self._counted: dict[tuple, tuple] = {}  # the wildcards counted, with their words

    def match(self, query) -> Scored:
        """The matches of a whole query. Its wildcards are listed first, so that a query that
        stands for too many words is refused (BadQuery) before any posting is read."""
        try:
            for leaf in query.leaves():
                if isinstance(leaf, wq.Prefix):
                    self._words(leaf)
            return self.evaluate(query)
        except _TooBroad:
            prefixes = list(dict.fromkeys(str(leaf.text) for leaf in query.leaves()
                                          if isinstance(leaf, wq.Prefix)))
            named = ", ".join(prefixes[:5]) + (f" and {len(prefixes) - 5} more" if len(prefixes) > 5 else "")
            raise BadQuery(
                f"Too many words start with {named}: the wildcards of this search stand for more "
                f"than {MAX_EXPANSIONS:,} indexed words (titles and bodies counted apart).",
                hint="Make the prefixes longer (comp* rather than co*), or use fewer of them.",
            ) from None

    def evaluate(self, node) -> Scored:
        self.deadline.check()
        kind = type(node)
        if kind is wq.Term:
            return self._boost(self.source.term(node.fieldname, node.text), node.boost)
        if kind is wq.Or and not node.scale and not node.minmatch:
            return self._boost(union([self.evaluate(c) for c in node.subqueries]), node.boost)
        if kind is wq.And:
            return self._boost(self._and(node.subqueries), node.boost)
        if kind is wq.AndNot:
            return difference(self.evaluate(node.a), self.evaluate(node.b))
        if kind is wq.Not:
            return self._complement(self.evaluate(node.query))
        if kind is wq.Prefix:
            return self._prefix(node)
        if node is wq.NullQuery or isinstance(node, type(wq.NullQuery)):
            return Scored.empty()
        return self._cached(node)

    def ids(self, node) -> np.ndarray:
        return self.evaluate(node).ids

    # -- nodes ---------------------------------------------------------------------------
    def _and(self, subqueries) -> Scored:
        positives = [q for q in subqueries if type(q) is not wq.Not]
        negatives = [q.query for q in subqueries if type(q) is wq.Not]
        if not positives:
            return self._complement(union([self.evaluate(q) for q in negatives]))
        parts = sorted((self.evaluate(q) for q in positives), key=len)
        result = parts[0]
        for part in parts[1:]:
            result = intersection(result, part)
        for negative in negatives:  # Whoosh's inverse matcher adds its weight, 1.0, per Not
            kept = difference(result, self.evaluate(negative))
            result = Scored(kept.ids, kept.scores + NOT_SCORE)
        return result

    def _complement(self, excluded: Scored) -> Scored:
        every = np.arange(self.doc_count, dtype=np.int32)
        if self.source.live is not None:
            every = every[self.source.live]
        ids = np.setdiff1d(every, excluded.ids, assume_unique=True)
        return Scored(ids, np.full(len(ids), NOT_SCORE))

    def _prefix(self, node) -> Scored:
        """An OR of the words the prefix stands for, each scored as a term with the query's
        boost. (This is Whoosh's ranking on indexes over 5,000 documents; on smaller segments
        Whoosh preloads the OR and scores some matches 1.0 instead, an artefact not worth
        copying.)"""
        words = self._words(node)
        key = ("prefix", repr(node))
        scored = self.nodes.get(key)
        if scored is None:
            parts = self.source.prefix(node.fieldname, node.text, words, self.deadline)
            scored = self.nodes.put(key, union([self._boost(p, node.boost) for p in parts]))
        return scored

    def _words(self, node) -> tuple:
        """The indexed words a prefix stands for (kept for the generation), counted once per
        search against MAX_EXPANSIONS: _TooBroad past it (listing stops there)."""
        key = ("words", repr(node))
        words = self._counted.get(key)
        if words is not None:
            return words
        words = self.nodes.get(key)
        if words is None:
            room = MAX_EXPANSIONS - self.expanded
            words = () if node.fieldname not in self.source.searcher.schema else tuple(
                islice(self.source.reader.expand_prefix(node.fieldname, node.text), room + 1))
            if len(words) <= room:
                self.nodes.put(key, words)
        self.expanded += len(words)
        if self.expanded > MAX_EXPANSIONS:
            raise _TooBroad
        self._counted[key] = words
        return words

    def _whoosh(self, node) -> Scored:
        searcher = self.source.searcher
        m = node.matcher(searcher, searcher.context())
        ids, scores = [], []
        while m.is_active():
            if len(ids) % CHECK_EVERY == 0:
                self.deadline.check()
            ids.append(m.id())
            scores.append(m.score())
            m.next()
        order = np.argsort(np.asarray(ids, dtype=np.int64), kind="stable")
        return Scored(np.asarray(ids, dtype=np.int32)[order], np.asarray(scores, dtype=np.float64)[order])

    def _cached(self, node) -> Scored:
        key = ("whoosh", repr(node))
        hit = self.nodes.get(key)
        if hit is None:
            hit = self.nodes.put(key, self._whoosh(node))
        return hit

    @staticmethod
    def _boost(scored: Scored, boost: float) -> Scored:
        return scored if boost == 1.0 else Scored(scored.ids, scored.scores * boost)


def union(parts: list[Scored]) -> Scored:
    parts = [p for p in parts if len(p)]
    if not parts:
        return Scored.empty()
    if len(parts) == 1:
        return parts[0]
    if sum(len(p) for p in parts) >= DENSE_MIN:  # a dense accumulator beats sorting
        size = max(int(p.ids[-1]) for p in parts) + 1
        acc, hit = np.zeros(size), np.zeros(size, dtype=bool)
        for part in parts:
            acc[part.ids] += part.scores
            hit[part.ids] = True
        ids = np.flatnonzero(hit).astype(np.int32)
        return Scored(ids, acc[ids])
    ids = np.concatenate([p.ids for p in parts])
    scores = np.concatenate([p.scores for p in parts])
    unique, inverse = np.unique(ids, return_inverse=True)
    return Scored(unique.astype(np.int32, copy=False),
                  np.bincount(inverse, weights=scores, minlength=len(unique)))


def intersection(a: Scored, b: Scored) -> Scored:
    if len(a) + len(b) >= DENSE_MIN:
        size = max(int(a.ids[-1]) if len(a) else 0, int(b.ids[-1]) if len(b) else 0) + 1
        acc, hit = np.zeros(size), np.zeros(size, dtype=bool)
        acc[a.ids] = a.scores
        hit[a.ids] = True
        keep = hit[b.ids]
        ids = b.ids[keep]
        return Scored(ids, acc[ids] + b.scores[keep])
    ids, ia, ib = np.intersect1d(a.ids, b.ids, assume_unique=True, return_indices=True)
    return Scored(ids, a.scores[ia] + b.scores[ib])


def difference(a: Scored, b: Scored) -> Scored:
    if not len(b) or not len(a):
        return a
    keep = ~_isin(a.ids, b.ids)
    return Scored(a.ids[keep], a.scores[keep])


def _isin(ids: np.ndarray, among: np.ndarray) -> np.ndarray:
    kind = "table" if len(ids) + len(among) >= DENSE_MIN else None
    return np.isin(ids, among, assume_unique=True, kind=kind)


def restrict(scored: Scored, ids: np.ndarray) -> Scored:
    """``scored`` limited to the sorted document numbers ``ids``."""
    keep = _isin(scored.ids, ids)
    return Scored(scored.ids[keep], scored.scores[keep])


def ranked(scored: Scored, stop: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Document numbers and scores of the first ``stop`` hits (all when None) by score,
    descending, ties by document number (Whoosh's order)."""
    n = len(scored)
    stop = n if stop is None else min(stop, n)
    ids, scores = scored.ids, scored.scores
    if 0 < stop < n // 4:
        # only the candidates that can reach the page: the top ``stop`` scores and their ties
        cut = np.partition(-scores, stop - 1)[stop - 1]
        pick = np.flatnonzero(-scores <= cut)
        ids, scores = ids[pick], scores[pick]
    order = np.lexsort((ids, -scores))[:stop]
    return ids[order], scores[order]


def top(scored: Scored, start: int, stop: int) -> list[tuple[int, float]]:
    """Hits ``start:stop`` by score, descending, ties by document number (Whoosh's order)."""
    ids, scores = ranked(scored, stop)
    return [(int(d), float(s)) for d, s in zip(ids[start:], scores[start:], strict=True)]
