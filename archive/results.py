"""What a search returns: plain data, with ``to_dict`` giving the JSON shape the CLI and API share."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


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

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "url": self.url,
            "published": self.published.isoformat() if self.published else None,
            "authors": list(self.authors),
            "persons": list(self.persons),
            "snippet": self.snippet,
            "score": round(self.score, 4) if self.score is not None else None,
        }


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

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

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
        }
