"""The Whoosh schema, and the conversion between an Article and an index document."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

from whoosh import fields
from whoosh.analysis import StemmingAnalyzer

from ..article import Article

EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
UNDATED = 0  # day ordinal stored for an article without a publication date
# The ``day_unit`` column: a date known to the month or the year is stored on its first day and
# covers the whole period (found by a filter that holds all of it; never shown as a day).
UNITS = {"time": 0, "day": 0, "month": 1, "year": 2}

TEXT = StemmingAnalyzer()
# A name is one keyword term; keep separators out of names (see to_document).
SEP = ","
# The keyword kinds kept as per-document columns (facets and filters; archive.index.columns), and
# the field of exact values each is read from. Each kind also has a case-insensitive field of
# the kind's own name for the query language (person:, topic:, author:, outlet:).
KEYWORD_FIELDS = {"person": "person_name", "topic": "topic_name", "author": "author_name",
                  "outlet": "outlet_name"}


def make_schema() -> fields.Schema:
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        title=fields.TEXT(stored=True, analyzer=TEXT, field_boost=2.0),
        body=fields.TEXT(stored=True, analyzer=TEXT),
        # person: case-insensitive, for the query language (person:"kate beckinsale").
        person=fields.KEYWORD(commas=True, lowercase=True, scorable=True),
        # person_name: exact canonical names, the source of the person facet column.
        person_name=fields.KEYWORD(commas=True),
        # candidate: names the article could not confirm alone, for the archive's evidence to find
        candidate=fields.KEYWORD(commas=True),
        author=fields.KEYWORD(commas=True, lowercase=True),
        author_name=fields.KEYWORD(commas=True),
        # topic: the source's own categories (Reuters TOPICS, a section, tags, keywords)
        topic=fields.KEYWORD(commas=True, lowercase=True),
        topic_name=fields.KEYWORD(commas=True),
        outlet=fields.KEYWORD(commas=True, lowercase=True),
        outlet_name=fields.KEYWORD(commas=True),
        day=fields.NUMERIC(int, bits=32, signed=False, sortable=True),
        ts=fields.NUMERIC(int, bits=64, signed=True, sortable=True),
        # how much of the day is known: 0 a day (or a time), 1 a month, 2 a year (see UNITS)
        day_unit=fields.NUMERIC(int, bits=32, signed=False, sortable=True),
        record=fields.STORED,
    )


def missing_fields(schema: fields.Schema) -> list[str]:
    """The fields of this version's schema that an index written with ``schema`` lacks (an
    index written by an older version: it is searched as it is, and rebuilt to gain them)."""
    have = set(schema.names())
    return [name for name in make_schema().names() if name not in have]


OUTDATED_HINT = "Rebuild the index once (archive rebuild SOURCE…) to search by topic, author and outlet."


def to_document(article: Article) -> dict:
    persons = _joined(article.persons)
    authors, topics = _joined(article.authors), _joined(article.topics)
    outlet = _joined([article.outlet] if article.outlet else [])
    return {
        "id": article.id,
        "title": article.title,
        "body": article.body,
        "person": persons,
        "person_name": persons,
        "candidate": SEP.join(clean_name(c) for c in article.candidates),
        "author": authors,
        "author_name": authors,
        "topic": topics,
        "topic_name": topics,
        "outlet": outlet,
        "outlet_name": outlet,
        "day": day_ordinal(article.published),
        "day_unit": UNITS.get(article.published_precision, 0),
        "ts": int(article.published.timestamp()) if article.published else -(2**62),
        "record": json.dumps(record_of(article), ensure_ascii=False),
    }


def record_of(article: Article) -> dict:
    """``article.to_dict()`` without id, title and body (those are fields of their own), built
    directly: ``dataclasses.asdict`` deep-copies and cost ~0.2 ms per article."""
    return {
        "source": article.source,
        "url": article.url,
        "authors": list(article.authors),
        "published": article.published.isoformat() if article.published else None,
        "published_precision": article.published_precision,
        "updated": article.updated.isoformat() if article.updated else None,
        "persons": list(article.persons),
        "outlet": article.outlet,
        "content_hash": article.content_hash,
        "candidates": list(article.candidates),
        "topics": list(article.topics),
        "places": list(article.places),
        "orgs": list(article.orgs),
    }


def from_stored(stored: dict) -> Article:
    data = json.loads(stored["record"])
    data.update(id=stored["id"], title=stored.get("title", ""), body=stored.get("body", ""))
    return Article.from_dict(data)


def _joined(names) -> str:
    return SEP.join(clean_name(n) for n in names)


def clean_name(name: str) -> str:
    return " ".join(name.replace(SEP, " ").split())


def day_ordinal(value: datetime | None) -> int:
    return value.date().toordinal() if value else UNDATED


def ordinal_to_date(ordinal: int) -> date:
    return date.fromordinal(ordinal)


def utc_now() -> datetime:
    return datetime.now(UTC)
