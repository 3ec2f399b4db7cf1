"""Searching the live index generation: ranked hits, filters, facets and snippets.

An :class:`Engine` answers from the live :class:`~archive.index.generation.Generation` and
opens the next one when a rebuild swaps it in (checked with one ``stat`` per request). Searches
run at the same time in many threads: each takes the generation that is live when it starts
and borrows a Whoosh searcher of its own from it; the only lock is taken to open a new
generation, and searches do not wait for it (they answer from the old one meanwhile).
"""

from __future__ import annotations

import dataclasses
import difflib
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
from ..errors import ArticleNotFound, BadQuery, PersonNotFound
from ..extract.across import Variants
from ..results import Copy, FacetValue, Hit, PersonResult, SearchResult, Significant, Story, TrendsResult
from . import company, facets, significant, store, trends
from .analysis import COMMON, fold, is_pair
from .budget import Deadline
from .columns import mask_of
from .generation import Generation
from .matching import ranked, restrict
from .postings import Scored
from .query import expand_names, parse, shown
from .schema import KEYWORD_FIELDS, OUTDATED_HINT, UNDATED, clean_name, from_stored
from .snippets import body_terms, snippet
from .spelling import closest_names, did_you_mean, person_id
from .stories import Stories


@functools.lru_cache(maxsize=4)
def _variants(generation: Path) -> Variants:
    """The generation's record of merged variants (a generation is never changed once live)."""
    return Variants.load(generation)


FILTER_KINDS = tuple(kind for kind in KEYWORD_FIELDS if kind != "person")  # topic, author, outlet
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
        keywords: dict[str, list[str]] | None = None, all_copies: bool = False,
    ) -> SearchResult:
        """One page of hits: one per story (its best-ranked copy), or every article with
        ``all_copies``; ``total`` and the facets count what the hits list. ``keywords``: values
        of other keyword kinds (``{"topic": ["crude"]}``, see ``FILTER_KINDS``) the matches must
        all have, as ``persons`` are people they all name."""
        started = time.perf_counter()
        deadline = self._deadline()
        parsed, plain = parse(q)
        live = self._current()
        columns, stories = live.columns, live.stories
        with live.searcher() as searcher:
            reader = searcher.reader()
            _check_fields(live, parsed, keywords)
            parsed = expand_names(parsed, reader)
            matcher = live.matcher(searcher, deadline)
            selected, scored, ids = _select(columns, matcher, parsed, persons, since, until, undated,
                                            keywords)
            listed, listed_scored = (ids, scored) if all_copies else _one_per_story(
                stories, columns, scored, ids, sort)
            page_docs = _page(columns, listed_scored, listed, sort, page, per_page)
            terms = body_terms(parsed, reader)
            hits = []
            for docnum, score in page_docs:
                deadline.check()
                article = from_stored(searcher.stored_fields(docnum))
                story = _story_of(searcher, live, docnum, known=article)
                hits.append(dataclasses.replace(_hit_of(article, score, terms), story=story))
            matched = mask_of(len(columns.day), ids)
            found = _standouts(searcher, columns, matcher, parsed, selected, scored, ids,
                               matched) if standouts else None
            suggestion = _did_you_mean(live, q, parsed, reader)
        date_values, unit = facets.date_facet(columns, listed, since, until, undated)
        # the people and keyword facets count what the hits list: stories (those among all the
        # matching articles with a copy that has the value) or, with all_copies, articles
        # (when each matching story has one matching copy, stories and articles count alike)
        listed_mask = None if all_copies or len(listed) == len(ids) else mask_of(len(columns.day), listed)
        by_story = None if listed_mask is None else (stories.values("person", columns.persons), listed_mask)
        person_values = facets.person_facet(columns, matched, [p for p in selected if p >= 0], story=by_story)
        person_values += [FacetValue(name, 0, True)
                          for name, pid in zip(persons, selected, strict=True) if pid < 0]
        story_count = len(listed) if not all_copies else stories.count_in(ids)
        return SearchResult(
            query=q, total=int(len(listed)), page=page, per_page=per_page, hits=hits,
            facets={"person": person_values, "date": date_values,
                    **_keyword_facets(columns, matched, keywords or {}, stories, listed_mask)},
            seconds=time.perf_counter() - started, parsed=shown(parsed), date_granularity=unit,
            notes=["The query was read as plain words."] if plain else [], significant=found,
            did_you_mean=suggestion, people_like=_people_like(columns, persons, selected),
            copies="all" if all_copies else "stories", articles=int(len(ids)), stories=int(story_count),
        )

    def story(self, article_id: str) -> Story:
        """The story ``article_id`` belongs to: its origin and every copy, earliest first
        (``others``: all copies but the origin). Raises ArticleNotFound."""
        live = self._current()
        with live.searcher() as searcher:
            docnum = searcher.document_number(id=article_id)
            if docnum is None:
                raise ArticleNotFound(f"Article {article_id!r} does not exist in this archive.")
            origin = int(live.stories.origin[docnum])
            return _story_of(searcher, live, origin, limit=None)

    def significant(
        self, q: str, *, persons: list[str], since: date | None, until: date | None,
        undated: bool = False, keywords: dict[str, list[str]] | None = None,
    ) -> Significant:
        """What stands out among the matches of a search (a query, a person, a period)."""
        parsed, _ = parse(q)
        live = self._current()
        columns = live.columns
        with live.searcher() as searcher:
            _check_fields(live, parsed, keywords)
            parsed = expand_names(parsed, searcher.reader())
            matcher = live.matcher(searcher, self._deadline())
            selected, scored, ids = _select(columns, matcher, parsed, persons, since, until, undated,
                                            keywords)
            return _standouts(searcher, columns, matcher, parsed, selected, scored, ids,
                              mask_of(len(columns.day), ids))

    def trends(
        self, queries: list[str], *, persons: list[str], since: date | None, until: date | None,
        unit: str, keywords: dict[str, list[str]] | None = None,
    ) -> TrendsResult:
        """Each query's matches (with the filters) per ``unit``, beside the archive's articles."""
        started = time.perf_counter()
        parsed = [parse(q)[0] for q in queries]
        live = self._current()
        series = []
        with live.searcher() as searcher:
            matcher = live.matcher(searcher, self._deadline())
            for q, node in zip(queries, parsed, strict=True):
                _check_fields(live, node, keywords)
                node = expand_names(node, searcher.reader())
                series.append((q, _select(live.columns, matcher, node, persons, since, until, False,
                                               keywords)[2]))
        result = trends.build(live.columns, unit, since, until, series, tuple(persons))
        return dataclasses.replace(result, seconds=time.perf_counter() - started,
                                   keywords={k: tuple(v) for k, v in (keywords or {}).items()})

    def export(
        self, q: str, *, persons: list[str], since: date | None, until: date | None,
        undated: bool = False, sort: str, limit: int | None = None,
        keywords: dict[str, list[str]] | None = None, all_copies: bool = False,
    ) -> Iterator[tuple[Article, float | None, str, int]]:
        """Every hit of a search (the first ``limit``) in result order, with its score (None
        unless ranked by relevance), its story's id and number of copies: one per story as a
        search lists them, or every article with ``all_copies``. The hits are chosen
        now (within the time budget); the articles are read as the iterator is consumed, through
        a reader of this generation of its own, so that a swap meanwhile (which retires the
        generation) does not cut the export short."""
        parsed, _ = parse(q)
        live = self._current()
        with live.searcher() as searcher:
            _check_fields(live, parsed, keywords)
            parsed = expand_names(parsed, searcher.reader())
            matcher = live.matcher(searcher, self._deadline())
            _, scored, ids = _select(live.columns, matcher, parsed, persons, since, until, undated,
                                     keywords)
        if not all_copies:  # one row per story, as the pages list them
            ids, scored = _one_per_story(live.stories, live.columns, scored, ids, sort)
        docs, scores = _ranked(live.columns, scored, ids, sort, limit)
        stories = live.stories
        found = _stored_in_order(live.path, docs, scores)
        return ((article, score, stories.story_id(doc), int(stories.copies[doc]))
                for doc, (article, score) in zip(docs.tolist(), found, strict=True))

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
            # neither pairs nor the common words they are made of ('the', 'of'): what an article
            # is about is in its other words (Elasticsearch's more_like_this stop words)
            keys = [(term, weight) for term, weight in keys
                    if not is_pair(term) and term not in COMMON][:SIMILAR_TERMS]
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

    def person(
        self, name: str, *, q: str, persons: list[str], since: date | None, until: date | None,
        by: str, company_by: str, sort: str, page: int, per_page: int, authored_page: int,
    ) -> PersonResult:
        """One person's page: see ``Archive.person``. Everything but the listed hits is counted on
        the columns (the person's documents, the query's matches) with numpy."""
        started = time.perf_counter()
        wanted = " ".join(name.split())
        live = self._current()
        columns = live.columns
        pid = columns.person_ids.get(wanted.casefold(), -1)
        canonical = columns.person_names[pid] if pid >= 0 else wanted
        parsed, _ = parse(q)
        with live.searcher() as searcher:
            reader = searcher.reader()
            parsed = expand_names(parsed, reader)
            matcher = live.matcher(searcher, self._deadline())
            wrote = matcher.match(wq.Term("author", clean_name(wanted).lower()))
            if pid < 0 and not len(wrote.ids):
                raise PersonNotFound(f"No article in this archive mentions {wanted!r}, and no byline "
                                     "names them.", close=self.close_names(wanted))
            chosen = [canonical, *(p for p in persons if p.casefold() != canonical.casefold())]
            selected = [pid, *(columns.person_ids.get(p.casefold(), -1) for p in chosen[1:])]
            scored = None if isinstance(parsed, wq.Every) else matcher.match(parsed)
            every = _matches(columns, scored, selected[:1], None, None, False)
            ids = _matches(columns, scored, selected, since, until, False)
            terms = body_terms(parsed, reader)
            articles = _listing(searcher, columns, restrict(scored, ids) if scored is not None else None,
                                ids, q, sort, page, per_page, terms)
            authored = _listing(searcher, columns, None, wrote.ids, "", "newest", authored_page, per_page,
                                frozenset())
        if pid < 0 and authored.hits:  # a byline only: the name as the articles write it
            canonical = next((a for a in authored.hits[0].authors if a.lower() == wanted.lower()), wanted)
        mentions = trends.build(columns, by, *_span(columns, every, by), [(canonical, every)])
        mentioning = columns.docs_with_person(pid) if pid >= 0 else np.zeros(0, np.int32)
        return PersonResult(
            name=canonical, mentioned=int(len(mentioning)),
            mentioned_stories=live.stories.count_in(mentioning),
            q=q, since=since, until=until, mentions=mentions,
            co_mentions=company.co_mentions(columns, ids, pid),
            co_mentions_all=company.co_mentions(columns, mentioning, pid) if pid >= 0 else [],
            company_by=company_by, company=company.company_periods(columns, ids, pid, company_by),
            articles=articles, authored=authored, variants=_variants(live.path).of(canonical),
            persons=tuple(chosen[1:]), seconds=time.perf_counter() - started,
        )

    def close_names(self, name: str, limit: int = 5) -> list[str]:
        """The people whose names are nearest to ``name`` (sharing a word with it, else alike by
        letters), nearest first, then most mentioned."""
        columns = self._current().columns
        counts = columns.article_counts()
        wanted = " ".join(name.split()).casefold()
        words = [w for w in wanted.split() if len(w) > 1]
        found = [pid for key, pid in columns.person_ids.items()
                 if counts[pid] and any(w in key for w in words)]
        if not found:
            common = np.argsort(-counts, kind="stable")[:5000]
            keys = {columns.person_names[p].casefold(): int(p) for p in common if counts[p]}
            found = [keys[k] for k in difflib.get_close_matches(wanted, list(keys), n=limit, cutoff=0.6)]

        def nearness(pid: int) -> tuple:
            ratio = difflib.SequenceMatcher(None, wanted, columns.person_names[pid].casefold()).ratio()
            return (-round(ratio, 2), -int(counts[pid]), columns.person_names[pid])

        return [columns.person_names[p] for p in sorted(found, key=nearness)[:limit]]

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
        stories, multi = live.stories.counts()
        return {
            "articles": int(len(alive)),
            "stories": stories,
            "multi_copy_stories": multi,
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


def _check_fields(live: Generation, parsed, keywords: dict | None) -> None:
    """BadQuery, saying to rebuild, when the search needs fields the index was written without."""
    if not live.missing:
        return
    used = {getattr(node, "fieldname", None) for node in parsed.leaves()}
    used |= {KEYWORD_FIELDS[kind] for kind in keywords or {}}
    lacking = sorted(name for name in used if name in live.missing)
    if lacking:
        raise BadQuery(f"This index was built by an older version: it has no field "
                       f"{', '.join(lacking)} (topics, authors and outlets were not indexed then).",
                       hint=OUTDATED_HINT)


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


def _select(columns, matcher, parsed, persons, since, until, undated, keywords=None):
    """(person ids of ``persons``, -1 for unknown names; the scored matches or None for the
    empty query; the document numbers matching the query and every filter). ``keywords``: the
    values of other kinds (``{"topic": ["crude"]}``) every match must have too."""
    selected = [person_id(columns, name) for name in persons]
    scored = None if isinstance(parsed, wq.Every) else matcher.match(parsed)
    ids = _matches(columns, scored, selected, since, until, undated)
    for kind, vids in _value_ids(columns, keywords or {}).items():
        ids = _having(ids, columns.keywords[kind], vids)
    if scored is not None and len(ids) < len(scored):
        scored = restrict(scored, ids)
    return selected, scored, ids


def _value_ids(columns, keywords: dict[str, list[str]]) -> dict[str, list[int]]:
    """Per kind, the value ids of the selected values (-1 for a value the archive lacks)."""
    return {kind: [columns.keywords[kind].ids.get(value.casefold(), -1) for value in values]
            for kind, values in keywords.items()}


def _having(ids: np.ndarray, keyword, vids: list[int]) -> np.ndarray:
    """The documents of ``ids`` that have every value ``vids`` of ``keyword`` (none, for -1)."""
    for vid in vids:
        ids = np.intersect1d(ids, keyword.docs_with(vid), assume_unique=True) if vid >= 0 else ids[:0]
    return ids


def _keyword_facets(columns, mask, keywords: dict[str, list[str]], stories: Stories | None = None,
                    listed: np.ndarray | None = None) -> dict[str, list[FacetValue]]:
    """The facets of the other keyword kinds, each where the archive has values of it (or one is
    selected): counted over all the matches (by story with ``listed``, the mask of each story's
    listed copy), selected values kept (at 0 when unknown)."""
    found = {}
    for kind in FILTER_KINDS:
        chosen = keywords.get(kind, [])
        if not columns.keywords[kind].names and not chosen:
            continue
        vids = _value_ids(columns, {kind: chosen})[kind]
        keyword = columns.keywords[kind]
        values = facets.keyword_facet(
            keyword, mask, [v for v in vids if v >= 0],
            story=(stories.values(kind, keyword), listed) if listed is not None else None)
        found[kind] = values + [FacetValue(name, 0, True)
                                for name, vid in zip(chosen, vids, strict=True) if vid < 0]
    return found


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


def _span(columns, ids, unit: str) -> tuple[date | None, date | None]:
    """The first day of the period of the earliest of ``ids`` and the last of the latest's: the
    span of a person's timeline (None, None when none is dated to a ``unit``)."""
    days = columns.day[trends.placed(columns, ids, unit)]
    if not len(days):
        return None, None
    first, last = trends.period_numbers(np.asarray([days.min(), days.max()]), unit).tolist()
    labels = trends.period_labels(first, first, unit) + trends.period_labels(last, last, unit)
    return facets.bucket_range(labels[0])[0], facets.bucket_range(labels[1])[1]


def _listing(searcher, columns, scored, ids, q, sort, page, per_page, terms) -> SearchResult:
    """One page of the hits ``ids`` (no facets): a person page's articles, or what they wrote."""
    hits = [_hit_of(from_stored(searcher.stored_fields(docnum)), score, terms)
            for docnum, score in _page(columns, scored, ids, sort, page, per_page)]
    return SearchResult(query=q, total=int(len(ids)), page=page, per_page=per_page, hits=hits, facets={})


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


def _one_per_story(stories: Stories, columns, scored: Scored | None, ids: np.ndarray,
                   sort: str) -> tuple[np.ndarray, Scored | None]:
    """Of the matching document numbers ``ids`` (ascending; ``scored``: their scores, in the
    same order), each story's best-ranked one in the order ``sort`` gives, with its score. Only
    stories of several copies are ranked here."""
    several = stories.copies[ids] > 1
    if not several.any():
        return ids, scored
    multi = ids[several]
    if sort in ("newest", "oldest"):  # dated first, then the newest (oldest); ties: first doc
        stamps = columns.ts[multi].astype(np.float64)
        key = np.where(columns.day[multi] == UNDATED, -np.inf, stamps if sort == "newest" else -stamps)
    elif scored is not None:
        key = scored.scores[several].astype(np.float64)
    else:
        key = np.zeros(len(multi))
    keep = ~several | mask_of(len(columns.day), stories.best_of_each(multi, key))[ids]
    return ids[keep], None if scored is None else Scored(scored.ids[keep], scored.scores[keep])


OTHERS_SHOWN = 10  # copies a hit lists besides itself ("N more copies")


def _copy_of(article: Article) -> Copy:
    return Copy(id=article.id, title=article.title[:TITLE_CHARS], published=article.published,
                published_precision=article.published_precision, outlet=article.outlet,
                source=article.source, url=article.url)


def _story_of(searcher, live: Generation, docnum: int, limit: int | None = OTHERS_SHOWN,
              known: Article | None = None) -> Story:
    """The story of ``docnum`` (``known``: its article, already read): its origin, its number
    of copies, and the other copies (the first ``limit``, earliest first)."""
    stories, columns = live.stories, live.columns
    if known is not None and stories.copies[docnum] <= 1:
        return Story(id=known.id, copies=1, first=_copy_of(known), others=[])
    origin = int(stories.origin[docnum])
    members = stories.members(docnum) if stories.copies[docnum] > 1 else np.array([docnum])
    order = members[np.lexsort((members, columns.ts[members], columns.day[members] == UNDATED))]
    others = [int(d) for d in order if d != docnum]
    if limit is not None:
        others = others[:limit]
    first = _copy(searcher, live, origin)
    return Story(id=first.id, copies=int(len(members)), first=first,
                 others=[_copy(searcher, live, d) for d in others])


def _copy(searcher, live: Generation, docnum: int) -> Copy:
    """The copy ``docnum`` as a hit's story lists it, kept in the generation's cache: a story of
    ten copies would otherwise read ten stored articles for each of its hits."""
    found = live.copies.get(docnum)
    if found is None:
        found = live.copies.put(docnum, _copy_of(from_stored(searcher.stored_fields(docnum))))
    return found


def _hit_of(article: Article, score: float | None, terms: frozenset[str]) -> Hit:
    title = article.title if len(article.title) <= TITLE_CHARS else article.title[:TITLE_CHARS] + " …"
    return Hit(
        id=article.id, title=title, url=article.url, published=article.published,
        authors=article.authors, persons=article.persons, snippet=snippet(article.body, terms),
        score=score, outlet=article.outlet, source=article.source,
        published_precision=article.published_precision, topics=article.topics,
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
