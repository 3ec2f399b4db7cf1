"""The fixed query set: each query for the archive and the equivalent SQLite FTS5 query.

``fts`` is an FTS5 MATCH expression over the columns ``title``, ``body`` and ``person``.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Query:
    q: str
    fts: str
    persons: tuple[str, ...] = ()
    since: str | None = None
    until: str | None = None
    sort: str = "relevance"
    page: int = 1
    kind: str = "word"
    params: dict = field(default_factory=dict)

    @property
    def label(self) -> str:
        extra = [f"person={p}" for p in self.persons]
        extra += [f"{k}={v}" for k, v in (("since", self.since), ("until", self.until)) if v]
        extra += [f"sort={self.sort}"] if self.sort != "relevance" else []
        extra += [f"page={self.page}"] if self.page != 1 else []
        return " ".join([self.q or "(all)", *extra])


def _words(*pairs: str) -> list[Query]:
    return [Query(q, q, kind="word") for q in pairs]


QUERIES: list[Query] = [
    # single words: very common, common, rare
    *_words("said", "mln", "pct", "dlrs", "company", "oil", "bank", "coffee", "yen", "opec",
            "volcker", "kuwait", "zirconium", "tapioca"),
    # two or three words (all must match)
    *[Query(q, q, kind="and") for q in ("bank rate", "oil prices", "trade deficit",
                                         "interest rates", "stock split", "crude oil production")],
    # phrases
    *[Query(q, q, kind="phrase") for q in ('"trade deficit"', '"interest rates"', '"net loss"',
                                            '"federal reserve"', '"said it"')],
    # fields, OR, NOT, prefixes
    Query("title:gold", "title:gold", kind="field"),
    Query("title:oil", "title:oil", kind="field"),
    Query('person:"james baker"', 'person:"james baker"', kind="field"),
    Query("gold OR silver", "gold OR silver", kind="or"),
    Query("oil -opec", "oil NOT opec", kind="not"),
    Query("petrol*", "petrol*", kind="prefix"),
    Query("acqui*", "acqui*", kind="prefix"),
    # filters, sorting, paging
    Query("dollar", "dollar", persons=("James Baker",), kind="person filter"),
    Query("oil", "oil", since="1987-03-01", until="1987-03-31", kind="date range"),
    Query("shares", "shares", since="1987-04", until="1987-06", kind="date range"),
    Query("dollar", "dollar", sort="newest", kind="newest"),
    Query("said", "said", page=5, kind="page 5"),
    Query("mln", "mln", page=5, kind="page 5"),
]
