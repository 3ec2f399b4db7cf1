"""Bulk exports: JSON Lines, JSON arrays and CSV, one article per record.

Field names vary between exports; the common ones are recognised (first present wins).
"""

from __future__ import annotations

import csv
import io
import json
import re

from ..article import Article
from ..errors import BadDocument
from ..extract import make_article
from .decode import decode_text
from .fragments import fragment_text, looks_like_html
from .items import Note, Skipped
from .limits import MAX_ARTICLE_SIZE, cut, cut_note

_FIELD_LIMIT = 2**31 - 1  # the largest the csv module takes

FIELDS = {
    "title": ("headline", "title", "name"),
    "body": ("body", "text", "content", "article", "full_text", "short_description",
             "description", "summary", "abstract"),
    "byline": ("authors", "author", "byline", "creator", "by"),
    "published": ("date", "published", "published_at", "publication_date", "datePublished",
                  "pubdate", "created", "timestamp"),
    # a revision date is kept apart (the article's ``updated``), never taken as the publication
    "updated": ("updated", "updated_at", "last_updated", "modified", "modified_at", "last_modified",
                "dateModified", "date_modified"),
    "url": ("url", "link", "href", "source_url"),
    "outlet": ("outlet", "source_name", "site_name", "publisher"),
    "key": ("id", "guid", "uuid", "doc_id", "key"),
}
# The record's own categories, all kept (not the first present): a category or section is one
# value; tags, topics and keywords are lists, or one text of them separated by commas/semicolons.
TOPIC_FIELDS = ("category", "categories", "section", "sections", "tags", "topics", "keywords")
_LISTED = re.compile(r"\s*[,;]\s*")


def parse_jsonl(raw: bytes, rel: str, limit: int = MAX_ARTICLE_SIZE):
    return _articles_or_none(_jsonl_records(decode_text(raw), rel, limit), rel)


def _jsonl_records(text: str, rel: str, limit: int):
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Skipped(f"{rel}#{number}", f"line {number} is not valid JSON ({exc.msg})")
            continue
        yield from _article(record, rel, number, limit)


def parse_json(raw: bytes, rel: str, limit: int = MAX_ARTICLE_SIZE):
    try:
        data = json.loads(decode_text(raw))
    except json.JSONDecodeError as exc:
        raise BadDocument(f"not valid JSON: {exc.msg} at line {exc.lineno}") from None
    if isinstance(data, dict):
        data = data.get("articles") or data.get("items") or data.get("results") or [data]
    if not isinstance(data, list):
        raise BadDocument("JSON holds no article records (expected an object or a list of them)")
    records = (item for number, record in enumerate(data, start=1)
               for item in _article(record, rel, number, limit))
    return _articles_or_none(records, rel)


def parse_csv(raw: bytes, rel: str, limit: int = MAX_ARTICLE_SIZE):
    # Fields of any size: the csv module stops at 128 KB by default (losing every record after
    # the first longer one); a body is cut to the article size limit afterwards.
    csv.field_size_limit(max(csv.field_size_limit(), _FIELD_LIMIT))
    reader = csv.DictReader(io.StringIO(decode_text(raw), newline=""))
    if not reader.fieldnames or not _pick(dict.fromkeys(reader.fieldnames, "x"), "title"):
        raise BadDocument("CSV has no headline/title column in its header row")
    return _articles_or_none(_csv_records(reader, rel, limit), rel)


def _csv_records(reader: csv.DictReader, rel: str, limit: int):
    number = 0
    while True:
        number += 1
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:  # that record alone is lost; reading goes on at the next line
            yield Skipped(f"{rel}#{number}", f"record {number} is not valid CSV ({exc})")
            continue
        yield from _article(record, rel, number, limit)


def _articles_or_none(items, rel: str) -> list:
    """A file's articles and skipped records; or, when none of its records has a body (a
    corpus' metadata, a list of links), one Skipped for the whole file: it holds no articles."""
    items = list(items)
    if any(isinstance(item, Article) and item.body for item in items) or not items:
        return items
    records = [item for item in items if not isinstance(item, Note)]
    raise BadDocument(f"not articles: none of its {len(records)} records has a body or text field "
                      f"({', '.join(FIELDS['body'][:4])}, …)")


def _article(record, rel: str, number: int, limit: int):
    if not isinstance(record, dict):
        yield Skipped(f"{rel}#{number}", "record is not a JSON object")
        return
    title = _plain(_text(_pick(record, "title")))
    body = _plain(_text(_pick(record, "body")))
    if not title and not body:
        yield Skipped(f"{rel}#{number}", "record has no headline/title and no body/text field")
        return
    key = _text(_pick(record, "key")) or str(number)
    if len(body) > limit:
        yield Note(f"{rel}#{key}", cut_note(limit, len(body), " of text"))
        body = cut(body, limit)
    yield make_article(
        id=f"{rel}#{key}", source=rel, title=title or body[:80], body=body,
        url=_text(_pick(record, "url")) or None, byline=_byline(_pick(record, "byline")),
        published=_text(_pick(record, "published")) or None,
        updated=_text(_pick(record, "updated")) or None,
        outlet=_text(_pick(record, "outlet")) or None, topics=_topics(record),
    )


def _topics(record: dict) -> list[str]:
    lowered = {str(k).lower(): v for k, v in record.items()}
    found: list[str] = []
    for name in TOPIC_FIELDS:
        value = lowered.get(name)
        if isinstance(value, list):
            found += [_text(v) for v in value]
        elif value not in (None, ""):
            text = _text(value)
            found += _LISTED.split(text) if name in ("tags", "topics", "keywords") else [text]
    return found


def _pick(record: dict, field: str):
    lowered = {str(k).lower(): v for k, v in record.items()}
    for name in FIELDS[field]:
        value = lowered.get(name.lower())
        if value not in (None, "", []):
            return value
    return None


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "\n\n".join(_text(v) for v in value)
    if isinstance(value, dict):
        return _text(value.get("name") or value.get("text") or "")
    return str(value).strip()


def _plain(text: str) -> str:
    """Field text with any HTML markup turned into plain paragraphs."""
    return fragment_text(text) if looks_like_html(text) else text


def _byline(value) -> str | list[str] | None:
    if isinstance(value, list):
        return [_text(v) for v in value]
    return _text(value) or None


__all__ = ["parse_jsonl", "parse_json", "parse_csv"]
