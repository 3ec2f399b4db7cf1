"""news-archive: a searchable full-text archive of news articles.

    from archive import Archive
    arc = Archive("index")
    arc.rebuild(["data/"])
    res = arc.search("baby loss", persons=["Kate Beckinsale"], since="2020")
"""

from .article import Article
from .changes import Changes
from .errors import (
    ArchiveError,
    ArticleNotFound,
    BadDocument,
    BadQuery,
    IndexBusy,
    IndexMissing,
    PersonNotFound,
    SearchTimeout,
)
from .library import Archive
from .results import (
    Copy,
    FacetValue,
    Hit,
    PeopleResult,
    PersonResult,
    SearchResult,
    Significant,
    Standout,
    Story,
    TrendsResult,
)

# The readers (BeautifulSoup, lxml) are imported on first use, so that searching starts quickly.
_LAZY = {"RebuildReport": "rebuild", "Skipped": "sources", "read": "sources", "scan": "sources"}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "Archive",
    "Article",
    "ArchiveError",
    "ArticleNotFound",
    "BadDocument",
    "BadQuery",
    "Changes",
    "Copy",
    "FacetValue",
    "Hit",
    "IndexBusy",
    "IndexMissing",
    "PeopleResult",
    "PersonNotFound",
    "PersonResult",
    "RebuildReport",
    "SearchResult",
    "SearchTimeout",
    "Significant",
    "Skipped",
    "Standout",
    "Story",
    "TrendsResult",
    "read",
    "scan",
]
