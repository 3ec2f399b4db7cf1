"""The Python API: ``Archive`` does everything the CLI and the web interface do."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from .article import Article
from .changes import Changes, compare
from .errors import BadQuery, IndexMissing
from .export import export_row
from .index.company import COMPANY_UNITS
from .index.facets import bucket_range
from .index.query import parse
from .index.searcher import Engine
from .index.snippets import mark_all
from .index.store import live_generation
from .index.trends import UNITS
from .results import Hit, PeopleResult, PersonResult, SearchResult, Significant, Story, TrendsResult

if TYPE_CHECKING:  # the readers (BeautifulSoup, lxml) load only when an index is (re)built
    from .progress import Progress
    from .report import RebuildReport

DEFAULT_INDEX = "index"
DEFAULT_SOURCES = ("data",)
SORTS = ("relevance", "newest", "oldest")
MAX_PER_PAGE = 100
MAX_PAGE = 1000
MAX_PEOPLE = 1000
MAX_TRENDS = 5  # searches one trend chart compares
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


class Archive:
    """A news archive stored in a Whoosh index at ``index_dir``.

    >>> arc = Archive("index")
    >>> arc.rebuild(["data/"])                      # doctest: +SKIP
    >>> arc.search("baby loss", persons=["Kate Beckinsale"]).total  # doctest: +SKIP
    """

    def __init__(self, index_dir: str | os.PathLike = DEFAULT_INDEX, *,
                 time_budget: float | None = None) -> None:
        """``time_budget``: seconds a search, export selection or similar-articles lookup may
        take before it stops with SearchTimeout (None: no limit; the web interface sets one)."""
        if time_budget is not None and not time_budget > 0:
            raise BadQuery(f"time_budget={time_budget!r} is not a positive number of seconds.",
                           hint="Use e.g. time_budget=3.0, or None for no limit.")
        self.index_dir = Path(index_dir)
        self.time_budget = time_budget
        self._engine: Engine | None = None

    @property
    def engine(self) -> Engine:
        """The open index (opened on first use; IndexMissing says how to build one)."""
        if self._engine is None:
            self._engine = Engine(self.index_dir, time_budget=self.time_budget)
        return self._engine

    def exists(self) -> bool:
        """Whether there is a complete index to search (if not, ``rebuild`` makes one)."""
        try:
            live_generation(self.index_dir)
        except IndexMissing:
            return False
        return True

    def rebuild(
        self, sources: str | os.PathLike | Iterable[str | os.PathLike] = DEFAULT_SOURCES, *,
        progress: Progress | None = None, workers: int | None = None,
        aliases: str | os.PathLike | None = None, max_article_size: int | None = None,
    ) -> RebuildReport:
        """Read every article under ``sources`` into a new index, swapped in when complete.
        ``aliases``: a person-corrections file (default: each source folder's ``people.toml``);
        ``max_article_size``: bytes of an article taken in (default 5 MB; the rest is reported).
        IndexBusy if another rebuild or update is writing this index; WriteFailed if the new index
        cannot be written; Interrupted on SIGINT, SIGTERM or SIGHUP (the live index stays as it was)."""
        from .rebuild import rebuild

        return rebuild(self.index_dir, _paths(sources), progress=progress, workers=workers,
                       aliases=aliases, max_article_size=max_article_size)

    def update(
        self, sources: str | os.PathLike | Iterable[str | os.PathLike] | None = None, *,
        progress: Progress | None = None, workers: int | None = None,
        aliases: str | os.PathLike | None = None, max_article_size: int | None = None,
    ) -> RebuildReport:
        """Re-index only files added, changed or removed since the last rebuild or update
        (``sources`` default to the ones the index was built from); swapped in atomically.
        Changed person corrections (or size limit) are applied to every article. Errors as for
        ``rebuild``."""
        from .rebuild import update

        return update(self.index_dir, None if sources is None else _paths(sources),
                      progress=progress, workers=workers, aliases=aliases,
                      max_article_size=max_article_size)

    def search(
        self, q: str = "", *, persons: str | Sequence[str] = (), since: str | date | None = None,
        until: str | date | None = None, undated: bool = False, sort: str = "relevance",
        page: int = 1, per_page: int = 10, significant: bool = False, all_copies: bool = False,
        topics: str | Sequence[str] = (), authors: str | Sequence[str] = (),
        outlets: str | Sequence[str] = (),
    ) -> SearchResult:
        """Ranked, filtered hits with snippets and person/date/topic/author/outlet facets over all
        matches (a facet of topics, authors or outlets only where the archive has any).

        ``since``/``until`` take a date or "YYYY", "YYYY-MM", "YYYY-MM-DD" (a partial ``until``
        means the end of that year or month); ``undated=True`` keeps only articles without a
        publication date (the "undated" date bucket); ``persons``: names the articles must all
        mention (one string is one name); ``topics``/``authors``/``outlets``: the source's
        categories, bylines and outlets the articles must all have (case aside; two topics: articles
        with both); ``significant=True`` adds what stands out among the
        matches (``result.significant``, as ``Archive.significant``). Near-duplicate articles
        (a story syndicated, updated or saved again) are one story: the hits are one per story,
        its best-ranked copy, each with ``hit.story`` (its origin, copies and the other copies),
        and ``total`` and the facets count stories; ``all_copies=True`` lists every article
        (and counts articles). Raises BadQuery for parameters out of range, and SearchTimeout
        past the archive's ``time_budget``.
        """
        filters = _filters(persons, since, until, undated, sort, topics, authors, outlets)
        _check_range("page", page, 1, MAX_PAGE)
        _check_range("per_page", per_page, 1, MAX_PER_PAGE)
        return self.engine.search(q or "", **filters, page=page, per_page=per_page,
                                  standouts=significant, all_copies=bool(all_copies))

    def changes(self, article_id: str, against: str | None = None) -> Changes:
        """What changed from the first copy of ``article_id``'s story (or from the article
        ``against``) to it: headline, paragraphs added and removed, words changed
        (``archive.changes.Changes``). ArticleNotFound for an unknown id."""
        this = self.get(article_id)
        first = self.get(against if against is not None else self.story(article_id).first.id)
        return compare(first, this)

    def story(self, article_id: str) -> Story:
        """The story ``article_id`` is a copy of (any copy's id will do): ``story.id`` is its
        origin's id, ``story.first`` the origin (its earliest dated copy), ``story.others`` every
        other copy, earliest first, ``story.copies`` their number. ArticleNotFound for an
        unknown id."""
        return self.engine.story(article_id)

    def significant(
        self, q: str = "", *, persons: str | Sequence[str] = (), since: str | date | None = None,
        until: str | date | None = None, undated: bool = False, topics: str | Sequence[str] = (),
        authors: str | Sequence[str] = (), outlets: str | Sequence[str] = (),
    ) -> Significant:
        """The people and words much more frequent among a search's matches than in the whole
        archive (JLH score), with both counts: for a query, a person (``persons=[name]``) or a
        period (``since``/``until``). Parameters as for ``search``."""
        filters = _filters(persons, since, until, undated, "relevance", topics, authors, outlets)
        del filters["sort"]
        return self.engine.significant(q or "", **filters)

    def trends(
        self, queries: str | Sequence[str], *, by: str = "month", persons: str | Sequence[str] = (),
        since: str | date | None = None, until: str | date | None = None,
        topics: str | Sequence[str] = (), authors: str | Sequence[str] = (),
        outlets: str | Sequence[str] = (),
    ) -> TrendsResult:
        """For each of up to five searches (with the filters ``persons``/``since``/``until``,
        which apply to all), how many articles match per year, month or day (``by``), beside
        all the archive's articles of that period (``result.share``). BadQuery for no query,
        more than five, an unknown ``by`` or a span of more than 1,000 periods."""
        queries = [" ".join(q.split()) for q in _names(queries, "queries")]  # one string: one search
        if not 1 <= len(queries) <= MAX_TRENDS:
            raise BadQuery(f"{len(queries)} searches given; a trend compares 1 to {MAX_TRENDS}.",
                           hint="Give at least one search and at most five.")
        if by not in UNITS:
            raise BadQuery(f"Unknown period {by!r}.", hint=f"Use one of: {', '.join(UNITS)}.")
        filters = _filters(persons, since, until, False, "relevance", topics, authors, outlets)
        return self.engine.trends(queries, persons=filters["persons"], since=filters["since"],
                                  until=filters["until"], unit=by, keywords=filters["keywords"])

    def export(
        self, q: str = "", *, persons: str | Sequence[str] = (), since: str | date | None = None,
        until: str | date | None = None, undated: bool = False, sort: str = "relevance",
        limit: int | None = None, all_copies: bool = False, topics: str | Sequence[str] = (),
        authors: str | Sequence[str] = (), outlets: str | Sequence[str] = (),
    ) -> Iterator[dict]:
        """Every hit of a search (or the first ``limit``) in result order, as flat rows with
        the columns of ``archive.export.COLUMNS`` (rank, id, published, title, authors, persons
        and topics joined with "; ", outlet, url, source, score, story_id — the id of the story's
        origin — and copies, its number of articles). One row per story, as ``search`` lists
        them, or every article with ``all_copies=True``. Parameters as for ``search``,
        checked now (BadQuery); the articles are read in chunks as the rows are consumed.
        ``archive.export.csv_text(rows)`` turns the rows into CSV."""
        filters = _filters(persons, since, until, undated, sort, topics, authors, outlets)
        if limit is not None:
            _check_range("limit", limit, 1, sys.maxsize)
        hits = self.engine.export(q or "", **filters, limit=limit, all_copies=bool(all_copies))
        return (export_row(rank, article, score, story_id, copies)
                for rank, (article, score, story_id, copies) in enumerate(hits, 1))

    def similar(self, article_id: str, *, limit: int = 5) -> list[Hit]:
        """The articles most like ``article_id`` (by its most distinctive words), best first, as
        search hits with snippets. ArticleNotFound for an unknown id; BadQuery for ``limit``
        outside 1–100."""
        _check_range("limit", limit, 1, MAX_PER_PAGE)
        return self.engine.similar(article_id, limit)

    def parse_query(self, q: str) -> str:
        """How the engine reads ``q`` (like sqlite-utils' ``search_sql``), for debugging."""
        return str(parse(q)[0])

    def highlight(self, text: str, q: str) -> str:
        """``text`` as safe HTML (escaped), with the words the query ``q`` looks for in titles
        and bodies wrapped in <mark> — an article page reached from a search."""
        return mark_all(text, self.engine.highlight_terms(q))

    def people(self, contains: str = "", *, limit: int = 100) -> PeopleResult:
        """The people the archive mentions whose names contain ``contains`` (case and accents aside;
        "" for everyone), most mentioned first, each with the number of articles, and the variants
        the archive merged into each ("Trump" alone, "Donald J. Trump" → Donald Trump)."""
        if not 1 <= limit <= MAX_PEOPLE:
            raise BadQuery(f"limit must be between 1 and {MAX_PEOPLE}, not {limit}.",
                           hint="Narrow the list with part of a name instead.")
        total, people, variants = self.engine.people(contains, limit)
        return PeopleResult(contains=contains, total=total, people=people, limit=limit, variants=variants)

    def person(
        self, name: str, *, q: str = "", persons: str | Sequence[str] = (),
        since: str | date | None = None, until: str | date | None = None, by: str = "month",
        company_by: str = "quarter", sort: str = "newest", page: int = 1, per_page: int = 10,
        authored_page: int = 1,
    ) -> PersonResult:
        """One person: how often the archive mentions them per ``by`` period (``mentions``: the
        articles mentioning them that match ``q``, at any date), the people most often named with
        them in the chosen articles (``co_mentions``: mentioning them and ``persons``, matching
        ``q``, within ``since``/``until``) and in all their articles (``co_mentions_all``), that
        company per ``company_by`` period ("quarter", "month" or "year") side by side, a page of
        the chosen articles (newest first unless ``sort`` says otherwise), a page of the articles
        whose byline names them (``authored``), and the name variants merged into them.

        The name is matched case-insensitively against the people the articles mention and their
        bylines. PersonNotFound (with the closest names) if no article mentions or is by them;
        BadQuery for parameters out of range."""
        if not isinstance(name, str) or not name.strip():
            raise BadQuery("No name given.", hint="Give a person's name, e.g. James Baker.")
        filters = _filters(persons, since, until, False, sort)
        if by not in UNITS:
            raise BadQuery(f"Unknown period {by!r}.", hint=f"Use one of: {', '.join(UNITS)}.")
        if company_by not in COMPANY_UNITS:
            raise BadQuery(f"Unknown period {company_by!r} to compare by.",
                           hint=f"Use one of: {', '.join(COMPANY_UNITS)}.")
        for key, value in (("page", page), ("authored_page", authored_page)):
            _check_range(key, value, 1, MAX_PAGE)
        _check_range("per_page", per_page, 1, MAX_PER_PAGE)
        return self.engine.person(name, q=q or "", persons=filters["persons"], since=filters["since"],
                                  until=filters["until"], by=by, company_by=company_by, sort=sort,
                                  page=page, per_page=per_page, authored_page=authored_page)

    def get(self, article_id: str) -> Article:
        """The stored article with this id; ArticleNotFound if there is none."""
        return self.engine.get(article_id)

    def stats(self) -> dict:
        return self.engine.stats()

    def serve(self, *, host: str = "127.0.0.1", port: int = 5000, threads: int = 8,
              max_connections: int = 1000, idle_timeout: int = 15) -> None:
        """Serve the web interface over this archive until interrupted (as ``archive serve``):
        at most ``max_connections`` open at once, a silent one closed after ``idle_timeout`` s."""
        from web.server import serve

        serve(self.index_dir, host=host, port=port, threads=threads,
              max_connections=max_connections, idle_timeout=idle_timeout)

    def close(self) -> None:
        if self._engine is not None:
            self._engine.close()
            self._engine = None

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _filters(persons: Sequence[str], since, until, undated: bool, sort: str,
             topics: Sequence[str] = (), authors: Sequence[str] = (), outlets: Sequence[str] = ()) -> dict:
    """The filters of a search, checked (BadQuery) and normalised for the engine."""
    if sort not in SORTS:
        raise BadQuery(f"Unknown sort {sort!r}.", hint=f"Use one of: {', '.join(SORTS)}.")
    start, end = to_day(since, "since"), to_day(until, "until", end=True)
    if undated and (start or end):
        raise BadQuery("undated cannot be combined with since/until.",
                       hint="Undated articles have no date to compare; drop one of the two.")
    if start and end and start > end:
        raise BadQuery(f"since ({start}) is after until ({end}).",
                       hint="Swap the two dates.")
    names = _cleaned(persons, "persons")
    chosen = {"topic": _cleaned(topics, "topics"), "author": _cleaned(authors, "authors"),
              "outlet": _cleaned(outlets, "outlets")}
    return {"persons": names, "since": start, "until": end, "undated": undated, "sort": sort,
            "keywords": {kind: values for kind, values in chosen.items() if values}}


def _cleaned(value, name: str) -> list[str]:
    """The names of a list-of-names parameter, whitespace tidied, empty ones dropped."""
    return [" ".join(p.split()) for p in _names(value, name) if p.strip()]


def _names(value, name: str) -> list[str]:
    """A list-of-names parameter: one string is one name (``persons="Kate Beckinsale"``), never
    a sequence of letters; anything else must hold strings only."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, (bytes, bytearray)) or not isinstance(value, Iterable):
        raise BadQuery(f"{name}={value!r} is not a list of names.",
                       hint=f'Give {name}=["Kate Beckinsale", …], or one name as a string.')
    items = list(value)
    for item in items:
        if not isinstance(item, str):
            raise BadQuery(f"{name} holds {item!r}, which is not a name.",
                           hint=f'Give {name}=["Kate Beckinsale", …] (strings).')
    return items


def _paths(sources) -> list:
    """Sources as a list: one path (a string or a Path) is one source, never its letters."""
    if isinstance(sources, (str, os.PathLike)):
        return [sources]
    return list(sources)


def to_day(value: str | date | None, name: str, *, end: bool = False) -> date | None:
    """A date from a date/datetime or "YYYY[-MM[-DD]]"; ``end`` picks the last day of a period."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    match = _PARTIAL_DATE.match(str(value).strip())
    try:
        if not match:
            raise ValueError
        first, last = bucket_range(str(value).strip())
        return last if end else first
    except ValueError:
        raise BadQuery(f"{name}={value!r} is not a date.",
                       hint="Use YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2021-06-17.") from None


def _check_range(name: str, value, low: int, high: int) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise BadQuery(f"{name}={value!r} is out of range.",
                       hint=f"Use a whole number from {low} to {high}.")
