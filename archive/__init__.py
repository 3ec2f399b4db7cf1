"""news-archive: a searchable full-text archive of news articles.

    from archive import Archive
    arc = Archive("index")
    arc.rebuild(["data/"])
    res = arc.search("baby loss", persons=["Kate Beckinsale"], since="2020")
"""

from .article import Article
from .errors import ArchiveError, ArticleNotFound, BadDocument, BadQuery, IndexMissing
from .library import Archive
from .rebuild import RebuildReport
from .results import FacetValue, Hit, PeopleResult, SearchResult
from .sources import Skipped, read, scan

__all__ = [
    "Archive",
    "Article",
    "ArchiveError",
    "ArticleNotFound",
    "BadDocument",
    "BadQuery",
    "FacetValue",
    "Hit",
    "IndexMissing",
    "PeopleResult",
    "RebuildReport",
    "SearchResult",
    "Skipped",
    "read",
    "scan",
]
