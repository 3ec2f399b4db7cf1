"""Extraction: from a reader's raw fields to a finished :class:`~archive.article.Article`."""

from __future__ import annotations

from datetime import datetime

from ..article import Article
from . import learned
from .bylines import split_byline
from .dates import parse_date
from .people import extract_persons

__all__ = ["make_article", "parse_date", "split_byline", "extract_persons"]


def make_article(
    *,
    id: str,
    source: str,
    title: str,
    body: str,
    url: str | None = None,
    byline: str | list[str] | None = None,
    published: datetime | str | None = None,
    outlet: str | None = None,
) -> Article:
    """Normalise what a reader found into an Article: bylines split, date parsed, people found."""
    authors, agency = _authors(byline)
    if agency and not authors:
        authors = [agency]  # an agency-only byline ("Author: BANG Showbiz") is the credit
    if isinstance(published, str):
        published = parse_date(published)
    title = " ".join(title.split())
    persons, candidates = learned.people(title, body, learned.METHOD)
    return Article(
        id=id,
        source=source,
        title=title,
        body=body.strip(),
        url=url or None,
        authors=tuple(authors),
        published=published,
        persons=tuple(persons),
        outlet=outlet or agency,
        candidates=tuple(candidates),
    )


def _authors(byline: str | list[str] | None) -> tuple[list[str], str | None]:
    if isinstance(byline, list):
        byline = ", ".join(str(part) for part in byline if part)
    return split_byline(byline)
