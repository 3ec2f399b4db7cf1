"""Extraction: from a reader's raw fields to a finished :class:`~archive.article.Article`."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from ..article import Article
from . import learned
from .bylines import split_byline
from .dates import Dated, parse_date, parse_field
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
    published: Dated | datetime | str | int | float | None = None,
    outlet: str | None = None,
    updated: Dated | datetime | str | int | float | None = None,
    topics: Iterable[str] = (),
    places: Iterable[str] = (),
    orgs: Iterable[str] = (),
) -> Article:
    """Normalise what a reader found into an Article: bylines split, date parsed, people found.

    ``published`` and ``updated`` may each be a :class:`Dated` (the date with its precision), an
    aware datetime (precision "time"), or an export's raw field (text or a Unix timestamp, see
    :func:`~archive.extract.dates.parse_field`). An ``updated`` no later than ``published`` is no
    revision and is dropped. ``topics``, ``places`` and ``orgs``: the source's own metadata (see
    :class:`Article`), tidied by :func:`labels`."""
    authors, agency = _authors(byline)
    if agency and not authors:
        authors = [agency]  # an agency-only byline ("Author: BANG Showbiz") is the credit
    when = _dated(published)
    revised = _dated(updated)
    if when is not None and revised is not None and revised.value <= when.value:
        revised = None  # the same date twice, or an "updated" that is not later: no revision
    title = " ".join(title.split())
    persons, candidates = learned.people(title, body, learned.METHOD)
    return Article(
        id=id,
        source=source,
        title=title,
        body=body.strip(),
        url=url or None,
        authors=tuple(authors),
        published=when.value if when else None,
        published_precision=when.precision if when else None,
        updated=revised.value if revised and (not when or revised.value > when.value) else None,
        persons=tuple(persons),
        outlet=outlet or agency,
        candidates=tuple(candidates),
        topics=labels(topics),
        places=labels(places),
        orgs=labels(orgs),
    )


MAX_LABELS = 30  # of one kind per article: a page's keywords can be a list of hundreds
MAX_LABEL_CHARS = 80


def labels(values: Iterable[str]) -> tuple[str, ...]:
    """Metadata values with whitespace tidied, empty and over-long ones dropped, and repeats
    (case aside) kept once, in the source's order, at most ``MAX_LABELS``. A comma separates
    values in the index, so one inside a value becomes a space (the record holds the value as it
    is indexed, and a facet, a filter and a hit show the same text)."""
    seen: dict[str, str] = {}
    for value in values:
        text = " ".join(str(value).replace(",", " ").split())
        if text and len(text) <= MAX_LABEL_CHARS:
            seen.setdefault(text.casefold(), text)
    return tuple(seen.values())[:MAX_LABELS]


def _authors(byline: str | list[str] | None) -> tuple[list[str], str | None]:
    if isinstance(byline, list):
        byline = ", ".join(str(part) for part in byline if part)
    return split_byline(byline)


def _dated(value) -> Dated | None:
    if isinstance(value, Dated) or value is None:
        return value
    if isinstance(value, datetime):
        return Dated(value, "time")
    return parse_field(value)
