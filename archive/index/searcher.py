"""Searching an index generation: ranked hits, filters, facets and snippets.

An :class:`Engine` keeps one Whoosh searcher and its derived columns open, and reopens both
when a rebuild swaps in a new generation (checked with one ``stat`` per request).
"""

from __future__ import annotations

import functools
import threading
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import numpy as np
from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh.scoring import BM25F

from ..article import Article
from ..errors import ArticleNotFound
from ..extract.across import Variants
from ..results import FacetValue, Hit, SearchResult
from . import facets, store
from .columns import Columns
from .matching import Matcher, ranked, restrict
from .postings import PostingSource
from .query import expand_names, parse
from .schema import UNDATED, from_stored
from .snippets import body_terms, snippet


@functools.lru_cache(maxsize=4)
def _variants(generation: Path) -> Variants:
    """The generation's record of merged variants (a generation is never changed once live)."""
    return Variants.load(generation)


EXPORT_CHUNK = 500  # stored articles read at a time by an export
SIMILAR_TERMS = 12  # distinctive words of an article that find the ones like it


class Engine:
    def __init__(self, index_dir: str | Path) -> None:
        self.index_dir = Path(index_dir)
        self._lock = threading.RLock()
        self._stamp = None
        self._searcher = None
        self._columns: Columns | None = None
        self._matcher: Matcher | None = None
        self.generation: Path | None = None
        self._open()

    # -- lifecycle -----------------------------------------------------------------------
    def _open(self) -> None:
        generation = store.live_generation(self.index_dir)
        stamp = store.pointer_stamp(self.index_dir)
        ix = whoosh_index.open_dir(generation)
        searcher = ix.searcher(weighting=BM25F())
        columns = Columns.load(searcher.reader(), generation, ix.latest_generation())
        source = PostingSource(searcher, columns.lengths, columns.live)
        old = self._searcher
        self._searcher, self._columns, self._stamp, self.generation = (
            searcher, columns, stamp, generation)
        self._matcher = Matcher(source, searcher.reader().doc_count_all())
        if old is not None:
            old.close()

    def refresh(self) -> None:
        """Reopen if a rebuild has swapped in a new generation since the last request."""
        if store.pointer_stamp(self.index_dir) != self._stamp:
            with self._lock:
                if store.pointer_stamp(self.index_dir) != self._stamp:
                    self._open()

    def close(self) -> None:
        with self._lock:
            if self._searcher is not None:
                self._searcher.close()
                self._searcher = None

    def __del__(self) -> None:  # an Archive left to the garbage collector still closes its files
        searcher = getattr(self, "_searcher", None)
        if searcher is not None:
            searcher.close()

    # -- reading -------------------------------------------------------------------------
    def get(self, article_id: str) -> Article:
        self.refresh()
        with self._lock:
            stored = self._searcher.document(id=article_id)
        if stored is None:
            raise ArticleNotFound(f"Article {article_id!r} does not exist in this archive.")
        return from_stored(stored)

    def search(
        self, q: str, *, persons: list[str], since: date | None, until: date | None,
        undated: bool = False, sort: str, page: int, per_page: int,
    ) -> SearchResult:
        started = time.perf_counter()
        self.refresh()
        parsed, plain = parse(q)
        with self._lock:
            searcher, columns = self._searcher, self._columns
            parsed = expand_names(parsed, searcher.reader())
            selected, scored, ids = self._select(parsed, persons, since, until, undated)
            mask = np.zeros(len(columns.day), dtype=bool)
            mask[ids] = True
            page_docs = self._page(columns, scored, ids, sort, page, per_page)
            terms = body_terms(parsed, searcher.reader())
            hits = [self._hit(searcher, docnum, score, terms) for docnum, score in page_docs]
            date_values, unit = facets.date_facet(columns, ids, since, until, undated)
            person_values = facets.person_facet(columns, mask, [p for p in selected if p >= 0])
        person_values += [FacetValue(name, 0, True)
                          for name, pid in zip(persons, selected, strict=True) if pid < 0]
        return SearchResult(
            query=q, total=int(len(ids)), page=page, per_page=per_page, hits=hits,
            facets={"person": person_values, "date": date_values},
            seconds=time.perf_counter() - started, parsed=str(parsed), date_granularity=unit,
            notes=["The query was read as plain words."] if plain else [],
        )

    def export(
        self, q: str, *, persons: list[str], since: date | None, until: date | None,
        undated: bool = False, sort: str, limit: int | None = None,
    ) -> Iterator[tuple[Article, float | None]]:
        """Every hit of a search (the first ``limit``) in result order, with its score (None
        unless ranked by relevance). The hits are chosen now; the articles are read as the
        iterator is consumed, through a reader of this generation of its own, so that a swap
        meanwhile (which closes the engine's searcher) does not cut the export short."""
        self.refresh()
        parsed, _ = parse(q)
        with self._lock:
            parsed = expand_names(parsed, self._searcher.reader())
            _, scored, ids = self._select(parsed, persons, since, until, undated)
            docs, scores = self._ranked(self._columns, scored, ids, sort, limit)
            generation = self.generation
        return _stored_in_order(generation, docs, scores)

    def similar(self, article_id: str, limit: int) -> list[Hit]:
        """Articles most like ``article_id``: its most distinctive words (Whoosh's Bo1 model over
        the index's statistics, ``SIMILAR_TERMS`` of them, weighted) searched in titles and bodies,
        best first, the article itself and repeats of one text (wire stories sent again) left out.
        Raises ArticleNotFound."""
        self.refresh()
        with self._lock:
            searcher = self._searcher
            docnum = searcher.document_number(id=article_id)
            if docnum is None:
                raise ArticleNotFound(f"Article {article_id!r} does not exist in this archive.")
            article = from_stored(searcher.stored_fields(docnum))
            keys = searcher.key_terms_from_text(
                "body", f"{article.title}\n{article.body}", numterms=SIMILAR_TERMS)
            if not keys:
                return []
            top = max(weight for _, weight in keys)
            node = wq.Or([wq.Term(field, term, boost=weight / top)
                          for term, weight in keys for field in ("title", "body")])
            scored = self._matcher.evaluate(node)
            terms = frozenset(term for term, _ in keys)
            seen, hits, start = {article.content_hash}, [], 0  # a wire story sent again is not news
            for stop in (4 * limit + 1, 32 * limit + 1, 256 * limit + 1):  # more if repeats crowd in
                docs, scores = ranked(scored, stop)
                for doc, score in zip(docs[start:], scores[start:], strict=True):
                    found = from_stored(searcher.stored_fields(int(doc)))
                    if found.content_hash not in seen:
                        seen.add(found.content_hash)
                        hits.append(_hit_of(found, float(score), terms))
                        if len(hits) == limit:
                            return hits
                if len(docs) < stop:
                    break
                start = stop
            return hits

    def people(self, contains: str, limit: int) -> tuple[int, list[FacetValue], dict[str, dict[str, int]]]:
        """People (in live articles) whose names contain ``contains`` (case-insensitive), most
        mentioned first, then by name: how many match, the first ``limit``, and the variants the
        archive merged into each of those (see extract.across.Variants)."""
        self.refresh()
        needle = " ".join(contains.split()).casefold()
        with self._lock:
            columns, generation = self._columns, self.generation
            counts = columns.article_counts()
            found = [(int(counts[pid]), name) for pid, name in enumerate(columns.person_names)
                     if counts[pid] and needle in name.casefold()]
        found.sort(key=lambda pair: (-pair[0], pair[1]))
        variants = _variants(generation)
        listed = [FacetValue(name, count) for count, name in found[:limit]]
        return len(found), listed, {p.value: forms for p in listed if (forms := variants.of(p.value))}

    def highlight_terms(self, q: str) -> frozenset[str]:
        """The indexed body words the query ``q`` looks for, to mark in a full article (its
        trailing wildcards, such as miscarr*, expanded against this index)."""
        self.refresh()
        parsed, _ = parse(q or "")
        with self._lock:
            return body_terms(parsed, self._searcher.reader())

    def stats(self) -> dict:
        self.refresh()
        with self._lock:
            columns, searcher = self._columns, self._searcher
            live = columns.day if columns.live is None else columns.day[columns.live]
            days = live[live != UNDATED]
            return {
                "articles": searcher.doc_count(),
                "persons": int(np.count_nonzero(np.diff(columns.person_start))),
                "earliest": _iso_day(days.min()) if len(days) else None,
                "latest": _iso_day(days.max()) if len(days) else None,
                "undated": int(len(live) - len(days)),
                "index": str(self.index_dir),
                "built": datetime.fromtimestamp(self.generation.stat().st_mtime, UTC).isoformat(),
            }

    # -- steps ---------------------------------------------------------------------------
    def _select(self, parsed, persons, since, until, undated):
        """(person ids of ``persons``, -1 for unknown names; the scored matches or None for the
        empty query; the document numbers matching the query and every filter). Under the lock."""
        columns = self._columns
        selected = [columns.person_ids.get(name.casefold(), -1) for name in persons]
        scored = None if isinstance(parsed, wq.Every) else self._matcher.evaluate(parsed)
        ids = self._matches(columns, scored, selected, since, until, undated)
        if scored is not None and len(ids) < len(scored):
            scored = restrict(scored, ids)
        return selected, scored, ids

    @staticmethod
    def _matches(columns, scored, selected, since, until, undated) -> np.ndarray:
        """Document numbers that match the query and every filter, ascending."""
        if scored is None:  # the empty query: every article
            ids = np.arange(len(columns.day), dtype=np.int32)
            if columns.live is not None:
                ids = ids[columns.live]
        else:
            ids = scored.ids
        for pid in selected:
            ids = np.intersect1d(ids, columns.docs_with_person(pid), assume_unique=True) \
                if pid >= 0 else ids[:0]
        if since or until:
            days = columns.day[ids]
            keep = days != UNDATED
            if since:
                keep &= days >= since.toordinal()
            if until:
                keep &= days <= until.toordinal()
            ids = ids[keep]
        if undated:
            ids = ids[columns.day[ids] == UNDATED]
        return ids

    @classmethod
    def _page(cls, columns, scored, ids, sort, page, per_page) -> list[tuple]:
        """(document number, score) of the hits on the requested page."""
        start = (page - 1) * per_page
        if start >= len(ids):
            return []
        docs, scores = cls._ranked(columns, scored, ids, sort, start + per_page)
        if scores is None:
            return [(int(d), None) for d in docs[start:]]
        return [(int(d), float(s)) for d, s in zip(docs[start:], scores[start:], strict=True)]

    @staticmethod
    def _ranked(columns, scored, ids, sort, stop: int | None = None):
        """The matching document numbers in result order (the first ``stop``, or all) and their
        scores (None unless ranked by relevance)."""
        if sort in ("newest", "oldest"):
            stamps = columns.ts[ids]
            undated = columns.day[ids] == UNDATED
            key = -stamps if sort == "newest" else stamps
            if stop is not None and len(ids) > 4 * stop:
                # only what can reach the page: the first ``stop`` keys and ties
                rank = np.where(undated, np.iinfo(np.int64).max, key)
                cut = np.partition(rank, stop - 1)[stop - 1]
                pick = np.flatnonzero(rank <= cut)
                ids, key, undated = ids[pick], key[pick], undated[pick]
            order = np.lexsort((ids, key, undated))  # dated first, then by time, then docnum
            return ids[order[:stop]], None
        if scored is None:
            return ids[:stop], None
        return ranked(scored, stop)

    @staticmethod
    def _hit(searcher, docnum: int, score: float | None, terms: frozenset[str]) -> Hit:
        return _hit_of(from_stored(searcher.stored_fields(docnum)), score, terms)


def _hit_of(article: Article, score: float | None, terms: frozenset[str]) -> Hit:
    return Hit(
        id=article.id, title=article.title, url=article.url, published=article.published,
        authors=article.authors, persons=article.persons, snippet=snippet(article.body, terms),
        score=score, outlet=article.outlet, source=article.source,
    )


def _stored_in_order(generation: Path, docs: np.ndarray, scores: np.ndarray | None):
    """The stored articles of ``docs`` in that order, with their scores; read ``EXPORT_CHUNK``
    at a time in document order (sequential reads), so memory stays flat however many there
    are."""
    reader = whoosh_index.open_dir(generation).reader()
    try:
        for start in range(0, len(docs), EXPORT_CHUNK):
            chunk = docs[start : start + EXPORT_CHUNK]
            stored = {int(d): reader.stored_fields(int(d)) for d in np.sort(chunk)}
            for offset, docnum in enumerate(chunk):
                score = None if scores is None else float(scores[start + offset])
                yield from_stored(stored[int(docnum)]), score
    finally:
        reader.close()


def _iso_day(ordinal) -> str:
    return date.fromordinal(int(ordinal)).isoformat()
