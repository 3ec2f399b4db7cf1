"""What a search returns: plain data, with ``to_dict`` giving the JSON shape the CLI and API share."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from .article import shown_date


@dataclass(frozen=True)
class FacetValue:
    """One row of a facet: the value, how many matching articles have it, and whether it is a
    filter of the current search."""

    value: str
    count: int
    selected: bool = False

    def to_dict(self) -> dict:
        return {"value": self.value, "count": self.count, "selected": self.selected}


@dataclass(frozen=True)
class Copy:
    """One article of a story, as a list of copies shows it."""

    id: str
    title: str
    published: datetime | None
    published_precision: str | None = None
    outlet: str | None = None
    source: str = ""
    url: str | None = None

    @property
    def published_text(self) -> str | None:
        return shown_date(self.published, self.published_precision)

    @property
    def where(self) -> str:
        """Who published it: the outlet, else the source it was read from."""
        return self.outlet or self.source or "unknown outlet"

    def to_dict(self) -> dict:
        return {"id": self.id, "title": self.title, "published": self.published_text,
                "outlet": self.outlet, "source": self.source, "url": self.url}


@dataclass(frozen=True)
class Story:
    """Near-duplicate articles grouped (see archive/index/stories.py): ``id`` is the id of its
    origin, the earliest dated copy (``first``); ``copies`` counts the articles of the story in
    the archive; ``others`` lists the copies but the one at hand (earliest first; at most a
    page's worth for a hit, all for ``Archive.story``)."""

    id: str
    copies: int
    first: Copy
    others: list[Copy] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"id": self.id, "copies": self.copies, "first": self.first.to_dict(),
                "others": [c.to_dict() for c in self.others]}


@dataclass(frozen=True)
class Hit:
    id: str
    title: str
    url: str | None
    published: datetime | None
    authors: tuple[str, ...]
    persons: tuple[str, ...]
    snippet: str  # safe HTML: article text escaped, matches wrapped in <mark>
    score: float | None
    outlet: str | None = None
    source: str = ""
    published_precision: str | None = None  # "time", "day", "month" or "year" (see Article)
    topics: tuple[str, ...] = ()  # the source's own categories (see Article)
    story: Story | None = None  # the story the article belongs to (itself alone: copies 1)

    @property
    def published_text(self) -> str | None:
        return shown_date(self.published, self.published_precision)

    def to_dict(self) -> dict:
        data = {
            "id": self.id,
            "title": self.title,
            "url": self.url,
            "published": self.published_text,
            "authors": list(self.authors),
            "persons": list(self.persons),
            "topics": list(self.topics),
            "outlet": self.outlet,
            "snippet": self.snippet,
            "score": round(self.score, 4) if self.score is not None else None,
        }
        if self.story is not None:
            data["story"] = self.story.to_dict()
        return data


@dataclass(frozen=True)
class PeopleResult:
    """People in the whole archive whose names contain ``contains``, most mentioned first."""

    contains: str
    total: int  # how many people match, of which ``people`` holds the first ``limit``
    people: list[FacetValue]  # value: the name; count: the articles that mention the person
    limit: int
    # per listed name, the other forms the archive merged into it (a surname alone, middle initials)
    # and in how many articles each: to check a merge, and undo it in people.toml
    variants: dict[str, dict[str, int]] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"contains": self.contains, "total": self.total, "limit": self.limit,
                "people": [{"name": p.value, "count": p.count, "variants": self.variants.get(p.value, {})}
                           for p in self.people]}


@dataclass(frozen=True)
class SearchResult:
    query: str
    total: int
    page: int
    per_page: int
    hits: list[Hit]
    facets: dict[str, list[FacetValue]]
    seconds: float = 0.0
    parsed: str = ""  # the query as the engine understood it
    date_granularity: str = "month"  # "year" | "month" | "day": the size of the date buckets
    notes: list[str] = field(default_factory=list)  # e.g. "query read as plain words"
    significant: Significant | None = None  # what stands out among the matches, when asked
    # Copies: "stories" (default: one hit per story, its best-ranked copy; ``total`` and the
    # facets count stories) or "all" (every article; ``total`` and the facets count articles).
    copies: str = "stories"
    articles: int | None = None  # the matching articles (copies included)
    stories: int | None = None  # the stories they make
    did_you_mean: str | None = None  # the query with a rare or unknown word corrected ("volcker")
    # per person filter nobody in the archive matches, the names most like it by spelling
    people_like: dict[str, list[str]] = field(default_factory=dict)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def counted(self) -> str:
        """What ``total`` and the facets count: "stories" or "articles"."""
        return "articles" if self.copies == "all" else "stories"

    def to_dict(self) -> dict:
        return {
            "query": self.query,
            "total": self.total,
            "page": self.page,
            "per_page": self.per_page,
            "hits": [hit.to_dict() for hit in self.hits],
            "facets": {
                name: [value.to_dict() for value in values] for name, values in self.facets.items()
            },
            "did_you_mean": self.did_you_mean,
            "people_like": self.people_like,
            **({"significant": self.significant.to_dict()} if self.significant else {}),
            "counted": self.counted,  # what total and the facets count: stories or articles
            "articles": self.articles,
            "stories": self.stories,
            "copies": self.copies,
        }


@dataclass(frozen=True)
class Standout:
    """A person or word much more frequent among a search's matches than in the whole archive
    (significance by Elasticsearch's JLH score, see ``archive/index/significant.py``)."""

    kind: str  # "person", "word" (the kinds of ``significant.KINDS``)
    value: str  # as shown: the name, or the word as the matches write it most often
    term: str  # as searched: the name, or the indexed (stemmed) word
    count: int  # matching articles that have it
    background: int  # articles of the archive that have it
    score: float

    def to_dict(self) -> dict:
        return {"value": self.value, "term": self.term, "count": self.count,
                "background": self.background, "score": round(self.score, 6)}


@dataclass(frozen=True)
class Significant:
    """What stands out in a set of matches, per kind, most significant first."""

    matches: int  # the size of the set (foreground)
    archive: int  # the articles of the archive (background)
    sampled: int  # the best matches whose words were read for candidates (0: no words)
    kinds: dict[str, list[Standout]]

    def to_dict(self) -> dict:
        return {"matches": self.matches, "archive": self.archive, "sampled": self.sampled,
                **{kind: [s.to_dict() for s in found] for kind, found in self.kinds.items()}}


@dataclass(frozen=True)
class Period:
    """One year, month or day of a trend: its label ("1987-03"), its first and last day (within
    the trend's since/until) and how many articles the archive has in it."""

    label: str
    since: date
    until: date
    total: int
    whole: bool = True  # False when since/until cut the period short

    def search_dates(self) -> tuple[str, str]:
        """since/until of the search for this period: the label ("1987-03") when it is whole."""
        if self.whole:
            return self.label, self.label
        return self.since.isoformat(), self.until.isoformat()


@dataclass(frozen=True)
class Trend:
    """One search's matches per period (``counts`` in the order of ``TrendsResult.periods``)."""

    query: str
    counts: list[int]
    undated: int  # matches in no period: without a date, or dated only to a longer period

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class TrendsResult:
    """Several searches counted per period, beside all the archive's articles of each period.
    A period without any article has no share (a gap in the chart, not a zero)."""

    by: str  # "year" | "month" | "day"
    periods: list[Period]
    trends: list[Trend]
    persons: tuple[str, ...] = ()
    since: date | None = None
    until: date | None = None
    seconds: float = 0.0
    # the other filters of every search, by kind: {"topic": ("crude",), "author": (…), …}
    keywords: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def share(self, trend: Trend, number: int) -> float | None:
        total = self.periods[number].total
        return trend.counts[number] / total if total else None

    COLUMNS = ("period", "query", "count", "total", "share")

    def rows(self) -> list[dict]:
        """One row per period and query: ``COLUMNS`` (share None where the period is empty)."""
        return [{"period": p.label, "query": t.query, "count": t.counts[n], "total": p.total,
                 "share": _rounded(self.share(t, n))}
                for n, p in enumerate(self.periods) for t in self.trends]

    def to_dict(self) -> dict:
        return {
            "by": self.by,
            "queries": [t.query for t in self.trends],
            "persons": list(self.persons),
            **{f"{kind}s": list(values) for kind, values in self.keywords.items()},
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
            "series": [{"query": t.query, "total": t.total, "undated": t.undated} for t in self.trends],
            "periods": [
                {"period": p.label, "since": p.since.isoformat(), "until": p.until.isoformat(),
                 "total": p.total,
                 "queries": [{"query": t.query, "count": t.counts[n], "total": p.total,
                              "share": _rounded(self.share(t, n))} for t in self.trends]}
                for n, p in enumerate(self.periods)
            ],
        }


def _rounded(share: float | None) -> float | None:
    return None if share is None else round(share, 6)


@dataclass(frozen=True)
class CompanyPeriod:
    """One period of a person's company: its label ("1987-Q1", "1987-03", "1987"), its dates as
    since/until parameters, how many of the person's articles it holds, the people most often
    named with them in it, and which of those the previous period's list did not have."""

    label: str
    since: str
    until: str
    articles: int
    co_mentions: list[FacetValue]
    new: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return {"period": self.label, "since": self.since, "until": self.until,
                "articles": self.articles,
                "co_mentions": [{"name": v.value, "count": v.count} for v in self.co_mentions],
                "new": list(self.new)}


@dataclass(frozen=True)
class PersonResult:
    """Everything the archive knows of one person (``Archive.person``): how often it mentions
    them per period (``mentions``, a one-series trend), who is named with them over the chosen
    articles and over all of them, how that company changes per period, their articles (a
    search page), the articles they wrote, and the name variants merged into them."""

    name: str  # the canonical name (as the archive writes it)
    mentioned: int  # live articles that mention the person, in the whole archive
    q: str
    since: date | None
    until: date | None
    mentions: TrendsResult
    co_mentions: list[FacetValue]  # over the chosen articles (q, since, until)
    co_mentions_all: list[FacetValue]  # over every article that mentions the person
    company_by: str
    company: list[CompanyPeriod]
    articles: SearchResult
    authored: SearchResult
    variants: dict[str, int]
    persons: tuple[str, ...] = ()  # others the chosen articles must mention too
    seconds: float = 0.0
    mentioned_stories: int = 0  # the stories of those articles (copies of one story count once)

    @property
    def chosen(self) -> bool:
        """Whether a query, people or dates narrow the articles (the co-mentions are of those)."""
        return bool(self.q or self.persons or self.since or self.until)

    @property
    def differs(self) -> bool:
        """Whether the people named with them in the chosen articles are not those of all."""
        return [v.value for v in self.co_mentions] != [v.value for v in self.co_mentions_all]

    def to_dict(self) -> dict:
        trend = self.mentions.trends[0] if self.mentions.trends else None
        return {
            "name": self.name,
            "mentioned": self.mentioned,
            "mentioned_stories": self.mentioned_stories,
            "q": self.q,
            "persons": list(self.persons),
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
            "mentions": {
                "by": self.mentions.by,
                "undated": trend.undated if trend else 0,
                "periods": [{"period": p.label, "since": p.since.isoformat(),
                             "until": p.until.isoformat(), "count": trend.counts[n] if trend else 0,
                             "total": p.total} for n, p in enumerate(self.mentions.periods)],
            },
            "co_mentions": [{"name": v.value, "count": v.count} for v in self.co_mentions],
            "co_mentions_all": [{"name": v.value, "count": v.count} for v in self.co_mentions_all],
            "co_mentions_differ": self.differs,
            "company": {"by": self.company_by, "periods": [p.to_dict() for p in self.company]},
            "articles": _page_dict(self.articles),
            "authored": _page_dict(self.authored),
            "variants": self.variants,
        }


def _page_dict(result: SearchResult) -> dict:
    return {"total": result.total, "page": result.page, "per_page": result.per_page,
            "pages": result.pages, "hits": [hit.to_dict() for hit in result.hits]}
