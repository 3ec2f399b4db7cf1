"""The Whoosh schema, and the conversion between an Article and an index document."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

from whoosh import fields

from ..article import Article
from .analysis import ANALYZER_VERSION, name_analyzer, news_analyzer

EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
UNDATED = 0  # day ordinal stored for an article without a publication date
# The ``day_unit`` column: a date known to the month or the year is stored on its first day and
# covers the whole period (found by a filter that holds all of it; never shown as a day).
UNITS = {"time": 0, "day": 0, "month": 1, "year": 2}

TEXT = news_analyzer()
NAMES = name_analyzer()
# The version of the schema and its analysis, kept in the index (as an attribute of the body
# field, pickled with Whoosh's schema): an index of another version is rebuilt, not updated.
SCHEMA_VERSION = ANALYZER_VERSION
# A name is one keyword term; keep separators out of names (see to_document).
SEP = ","
# The keyword kinds kept as per-document columns (facets and filters; archive.index.columns), and
# the field of exact values each is read from. Each kind also has a case-insensitive field of
# the kind's own name for the query language (person:, topic:, author:, outlet:).
KEYWORD_FIELDS = {"person": "person_name", "topic": "topic_name", "author": "author_name",
                  "outlet": "outlet_name"}


def make_schema() -> fields.Schema:
    body = _text()
    body.archive_version = SCHEMA_VERSION
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        title=_text(field_boost=2.0),
        body=body,
        # person: case-insensitive and accent-folded, for the query language (person:"zoe muller").
        person=_names(scorable=True),
        # person_name: exact canonical names, the source of the person facet column.
        person_name=fields.KEYWORD(commas=True),
        # candidate: names the article could not confirm alone, for the archive's evidence to find
        candidate=fields.KEYWORD(commas=True),
        author=_names(),
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
def _text(**kwargs) -> fields.TEXT:
    # a query word the analyzer splits ("COVID-19", "US-based") is read as the phrase of its parts
    return fields.TEXT(stored=True, analyzer=TEXT, multitoken_query="phrase", **kwargs)


def _names(**kwargs) -> fields.KEYWORD:
    field = fields.KEYWORD(commas=True, lowercase=True, **kwargs)
    field.analyzer = NAMES
    return field


def schema_version(schema: fields.Schema) -> int:
    """The SCHEMA_VERSION an index was written with (1: before versions were recorded)."""
    return getattr(schema["body"], "archive_version", 1) if "body" in schema else 1


def check_version(generation, index_dir) -> None:
    """Raise ArchiveError if the index generation was written with another SCHEMA_VERSION: its
    words were analysed otherwise, and an update would mix two analyzers in one index."""
    from whoosh import index as whoosh_index

    from ..errors import ArchiveError

    found = schema_version(whoosh_index.open_dir(generation).schema)
    if found != SCHEMA_VERSION:
        raise ArchiveError(
            f"The index in {index_dir}/ was built with an older analyzer (schema version {found}, "
            f"this archive writes {SCHEMA_VERSION}); it cannot be updated, only rebuilt, once.",
            hint=f"Rebuild it: archive rebuild SOURCE… --index {index_dir}")


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
