"""Searching the live index generation: ranked hits, filters, facets and snippets.

An :class:`Engine` answers from the live :class:`~archive.index.generation.Generation` and
opens the next one when a rebuild swaps it in (checked with one ``stat`` per request). Searches
run at the same time in many threads: each takes the generation that is live when it starts
and borrows a Whoosh searcher of its own from it; the only lock is taken to open a new
generation, and searches do not wait for it (they answer from the old one meanwhile).
"""

from __future__ import annotations

import dataclasses
import functools
import threading
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import numpy as np
from whoosh import index as whoosh_index
from whoosh import query as wq

from ..article import Article
from ..errors import ArticleNotFound
from ..extract.across import Variants
from ..results import FacetValue, Hit, SearchResult, Significant, TrendsResult
from . import facets, significant, store, trends
from .analysis import fold, is_pair
from .budget import Deadline
from .generation import Generation
from .matching import ranked, restrict
from .query import expand_names, parse, shown
from .schema import UNDATED, from_stored
from .snippets import body_terms, snippet
from .spelling import closest_names, did_you_mean, person_id


@functools.lru_cache(maxsize=4)
def _variants(generation: Path) -> Variants:
    """The generation's record of merged variants (a generation is never changed once live)."""
    return Variants.load(generation)


EXPORT_CHUNK = 500  # stored articles read at a time by an export
SIMILAR_TERMS = 12  # distinctive words of an article that find the ones like it
SIMILAR_CHARS = 20_000  # the opening of an article whose words are weighed (huge ones are not read whole)
TITLE_CHARS = 1_000  # the longest title a hit shows (a text without line breaks is all title)


class Engine:
    """Searches the index at ``index_dir``; ``time_budget``: seconds a search may take before
    it stops with SearchTimeout (None: no limit)."""

    def __init__(self, index_dir: str | Path, *, time_budget: float | None = None) -> None:
        self.index_dir = Path(index_dir)
        self.time_budget = time_budget
        self._swap = threading.Lock()
        self._live: Generation | None = Generation(self.index_dir)

    # -- lifecycle -----------------------------------------------------------------------
    @property
    def generation(self) -> Path:
        """The folder of the generation searches are answered from."""
        return self._current().path

    def _current(self) -> Generation:
        """The live generation, opened anew if a rebuild has swapped in another one since."""
        live = self._live
        if live is not None and store.pointer_stamp(self.index_dir) == live.stamp:
            return live
        if not self._swap.acquire(blocking=live is None):
            return live  # another thread is opening the new one: answer from this one meanwhile
        try:
            live = self._live
            if live is None or store.pointer_stamp(self.index_dir) != live.stamp:
                fresh = Generation(self.index_dir)
                self._live = fresh
                if live is not None:
                    live.retire()
                live = fresh
            return live
        finally:
            self._swap.release()

    def refresh(self) -> None:
        """Reopen if a rebuild has swapped in a new generation since the last request."""
        self._current()

    def close(self) -> None:
        with self._swap:
            live, self._live = self._live, None
        if live is not None:
            live.retire()

    def __del__(self) -> None:  # an Archive left to the garbage collector still closes its files
        live = getattr(self, "_live", None)
        if live is not None:
            live.retire()

    def _deadline(self) -> Deadline:
        return Deadline(self.time_budget)

    # -- reading -------------------------------------------------------------------------
    def get(self, article_id: str) -> Article:
        with self._current().searcher() as searcher:
            stored = searcher.document(id=article_id)
        if stored is None:
            raise ArticleNotFound(f"Article {article_id!r} does not exist in this archive.")
        return from_stored(stored)

    def search(
        self, q: str, *, persons: list[str], since: date | None, until: date | None,
        undated: bool = False, sort: str, page: int, per_page: int, standouts: bool = False,
    ) -> SearchResult:
        started = time.perf_counter()
        deadline = self._deadline()
        parsed, plain = parse(q)
        live = self._current()
        columns = live.columns
        with live.searcher() as searcher:
            reader = searcher.reader()
            parsed = expand_names(parsed, reader)
            matcher = live.matcher(searcher, deadline)
            selected, scored, ids = _select(columns, matcher, parsed, persons, since, until, undated)
            mask = np.zeros(len(columns.day), dtype=bool)
            mask[ids] = True
            page_docs = _page(columns, scored, ids, sort, page, per_page)
            terms = body_terms(parsed, reader)
            hits = []
            for docnum, score in page_docs:
                deadline.check()
                hits.append(_hit_of(from_stored(searcher.stored_fields(docnum)), score, terms))
            found = _standouts(searcher, columns, matcher, parsed, selected, scored, ids, mask) \
                if standouts else None
            suggestion = _did_you_mean(live, q, parsed, reader)
        date_values, unit = facets.date_facet(columns, ids, since, until, undated)
        person_values = facets.person_facet(columns, mask, [p for p in selected if p >= 0])
        person_values += [FacetValue(name, 0, True)
                          for name, pid in zip(persons, selected, strict=True) if pid < 0]
        return SearchResult(
            query=q, total=int(len(ids)), page=page, per_page=per_page, hits=hits,
            facets={"person": person_values, "date": date_values},
            seconds=time.perf_counter() - started, parsed=shown(parsed), date_granularity=unit,
            notes=["The query was read as plain words."] if plain else [], significant=found,
            did_you_mean=suggestion, people_like=_people_like(columns, persons, selected),
        )

    def significant(
        self, q: str, *, persons: list[str], since: date | None, until: date | None,
        undated: bool = False,
    ) -> Significant:
        """What stands out among the matches of a search (a query, a person, a period)."""
        parsed, _ = parse(q)
        live = self._current()
        columns = live.columns
        with live.searcher() as searcher:
            parsed = expand_names(parsed, searcher.reader())
            matcher = live.matcher(searcher, self._deadline())
            selected, scored, ids = _select(columns, matcher, parsed, persons, since, until, undated)
            mask = np.zeros(len(columns.day), dtype=bool)
            mask[ids] = True
            return _standouts(searcher, columns, matcher, parsed, selected, scored, ids, mask)

    def trends(
        self, queries: list[str], *, persons: list[str], since: date | None, until: date | None,
        unit: str,
    ) -> TrendsResult:
        """Each query's matches (with the filters) per ``unit``, beside the archive's articles."""
        started = time.perf_counter()
        parsed = [parse(q)[0] for q in queries]
        live = self._current()
        series = []
        with live.searcher() as searcher:
            matcher = live.matcher(searcher, self._deadline())
            for q, node in zip(queries, parsed, strict=True):
                node = expand_names(node, searcher.reader())
                series.append((q, _select(live.columns, matcher, node, persons, since, until, False)[2]))
        result = trends.build(live.columns, unit, since, until, series, tuple(persons))
        return dataclasses.replace(result, seconds=time.perf_counter() - started)

    def export(
        self, q: str, *, persons: list[str], since: date | None, until: date | None,
        undated: bool = False, sort: str, limit: int | None = None,
    ) -> Iterator[tuple[Article, float | None]]:
        """Every hit of a search (the first ``limit``) in result order, with its score (None
        unless ranked by relevance). The hits are chosen now (within the time budget); the
        articles are read as the iterator is consumed, through a reader of this generation of
        its own, so that a swap meanwhile (which retires the generation) does not cut the
        export short."""
        parsed, _ = parse(q)
        live = self._current()
        with live.searcher() as searcher:
            parsed = expand_names(parsed, searcher.reader())
            matcher = live.matcher(searcher, self._deadline())
            _, scored, ids = _select(live.columns, matcher, parsed, persons, since, until, undated)
        docs, scores = _ranked(live.columns, scored, ids, sort, limit)
        return _stored_in_order(live.path, docs, scores)

    def similar(self, article_id: str, limit: int) -> list[Hit]:
        """Articles most like ``article_id``: the most distinctive words of its title and opening
        (Whoosh's Bo1 model over the index's statistics, ``SIMILAR_TERMS`` of them, weighted)
        searched in titles and bodies, best first, the article itself and repeats of one text
        (wire stories sent again) left out. Raises ArticleNotFound."""
        deadline = self._deadline()
        live = self._current()
        with live.searcher() as searcher:
            docnum = searcher.document_number(id=article_id)
            if docnum is None:
                raise ArticleNotFound(f"Article {article_id!r} does not exist in this archive.")
            article = from_stored(searcher.stored_fields(docnum))
            keys = searcher.key_terms_from_text(
                "body", f"{article.title[:TITLE_CHARS]}\n{article.body[:SIMILAR_CHARS]}",
                numterms=3 * SIMILAR_TERMS)
            keys = [(term, weight) for term, weight in keys if not is_pair(term)][:SIMILAR_TERMS]
            if not keys:
                return []
            top = max(weight for _, weight in keys)
            node = wq.Or([wq.Term(field, term, boost=weight / top)
                          for term, weight in keys for field in ("title", "body")])
            scored = live.matcher(searcher, deadline).evaluate(node)
            return _distinct_hits(searcher, scored, frozenset(t for t, _ in keys), limit,
                                  {article.content_hash}, deadline)

    def people(self, contains: str, limit: int) -> tuple[int, list[FacetValue], dict[str, dict[str, int]]]:
        """People (in live articles) whose names contain ``contains`` (case and accents aside), most
        mentioned first, then by name: how many match, the first ``limit``, and the variants the
        archive merged into each of those (see extract.across.Variants)."""
        needle = fold(" ".join(contains.split()))
        live = self._current()
        columns, generation = live.columns, live.path
        counts = columns.article_counts()
        found = [(int(counts[pid]), name) for pid, name in enumerate(columns.person_names)
                 if counts[pid] and needle in fold(name)]
        found.sort(key=lambda pair: (-pair[0], pair[1]))
        variants = _variants(generation)
        listed = [FacetValue(name, count) for count, name in found[:limit]]
        return len(found), listed, {p.value: forms for p in listed if (forms := variants.of(p.value))}

    def highlight_terms(self, q: str) -> frozenset[str]:
        """The indexed body words the query ``q`` looks for, to mark in a full article (its
        trailing wildcards, such as miscarr*, expanded against this index)."""
        live = self._current()
        terms = live.highlights.get(q or "")
        if terms is None:
            parsed, _ = parse(q or "")
            with live.searcher() as searcher:
                terms = live.highlights.put(q or "", body_terms(parsed, searcher.reader()))
        return terms

    def stats(self) -> dict:
        live = self._current()
        columns = live.columns
        alive = columns.day if columns.live is None else columns.day[columns.live]
        days = alive[alive != UNDATED]
        return {
            "articles": int(len(alive)),
            "persons": int(np.count_nonzero(np.diff(columns.person_start))),
            "earliest": _iso_day(days.min()) if len(days) else None,
            "latest": _iso_day(days.max()) if len(days) else None,
            "undated": int(len(alive) - len(days)),
            "index": str(self.index_dir),
            "built": datetime.fromtimestamp(live.path.stat().st_mtime, UTC).isoformat(),
        }


def _standouts(searcher, columns, matcher, parsed, selected, scored, ids, mask) -> Significant:
    """What stands out among the matches ``ids``, but what the search asked for: the selected
    people, the people and words of the query."""
    named = [person_id(columns, str(node.text)) for node in parsed.leaves()
             if getattr(node, "fieldname", None) == "person"]
    asked = frozenset(p for p in (*selected, *named) if p >= 0)
    fg = significant.Foreground(ids, mask, scored, asked, body_terms(parsed, searcher.reader()))
    return significant.find(significant.Index(searcher, columns, matcher.source), fg)


def _did_you_mean(live: Generation, q: str, parsed, reader) -> str | None:
    """spelling.did_you_mean, kept for the generation (its vocabulary does not change)."""
    if not q:
        return None
    key = ("did you mean", q)
    found = live.nodes.get(key)
    if found is None:
        found = live.nodes.put(key, did_you_mean(q, parsed, reader) or "")
    return found or None


def _people_like(columns, persons, selected) -> dict[str, list[str]]:
    """For each selected name that is nobody in the archive, the names most like it."""
    unknown = [name for name, pid in zip(persons, selected, strict=True) if pid < 0]
    if not unknown:
        return {}
    counts = columns.article_counts()
    return {name: closest_names(name, columns.person_names, counts) for name in unknown}


def _select(columns, matcher, parsed, persons, since, until, undated):
    """(person ids of ``persons``, -1 for unknown names; the scored matches or None for the
    empty query; the document numbers matching the query and every filter)."""
    selected = [person_id(columns, name) for name in persons]
    scored = None if isinstance(parsed, wq.Every) else matcher.match(parsed)
    ids = _matches(columns, scored, selected, since, until, undated)
    if scored is not None and len(ids) < len(scored):
        scored = restrict(scored, ids)
    return selected, scored, ids


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
    if since or until:  # a month- or year-only date matches a range that holds all of it
        days = columns.day[ids]
        keep = days != UNDATED
        if since:
            keep &= days >= since.toordinal()
        if until:
            keep &= columns.last_day(ids) <= until.toordinal()
        ids = ids[keep]
    if undated:
        ids = ids[columns.day[ids] == UNDATED]
    return ids


def _page(columns, scored, ids, sort, page, per_page) -> list[tuple]:
    """(document number, score) of the hits on the requested page."""
    start = (page - 1) * per_page
    if start >= len(ids):
        return []
    docs, scores = _ranked(columns, scored, ids, sort, start + per_page)
    if scores is None:
        return [(int(d), None) for d in docs[start:]]
    return [(int(d), float(s)) for d, s in zip(docs[start:], scores[start:], strict=True)]


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


def _distinct_hits(searcher, scored, terms, limit: int, seen: set, deadline: Deadline) -> list[Hit]:
    """The best ``limit`` hits of ``scored`` whose texts are not in ``seen`` nor repeat one
    another (a wire story sent again is not news)."""
    hits, start = [], 0
    for stop in (4 * limit + 1, 32 * limit + 1, 256 * limit + 1):  # more if repeats crowd in
        docs, scores = ranked(scored, stop)
        for doc, score in zip(docs[start:], scores[start:], strict=True):
            deadline.check()
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


def _hit_of(article: Article, score: float | None, terms: frozenset[str]) -> Hit:
    title = article.title if len(article.title) <= TITLE_CHARS else article.title[:TITLE_CHARS] + " …"
    return Hit(
        id=article.id, title=title, url=article.url, published=article.published,
        authors=article.authors, persons=article.persons, snippet=snippet(article.body, terms),
        score=score, outlet=article.outlet, source=article.source,
        published_precision=article.published_precision,
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
