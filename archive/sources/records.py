"""Bulk exports: JSON Lines, JSON arrays and CSV, one article per record.

Field names vary between exports; the common ones are recognised (first present wins).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

from ..errors import BadDocument
from ..extract import make_article
from .decode import decode_text
from .fragments import fragment_text, looks_like_html

FIELDS = {
    "title": ("headline", "title", "name"),
    "body": ("body", "text", "content", "article", "full_text", "short_description",
             "description", "summary", "abstract"),
    "byline": ("authors", "author", "byline", "creator", "by"),
    "published": ("date", "published", "published_at", "publication_date", "datePublished",
                  "pubdate", "created", "timestamp"),
    "url": ("url", "link", "href", "source_url"),
    "outlet": ("outlet", "source_name", "site_name", "publisher"),
    "key": ("id", "guid", "uuid", "doc_id", "key"),
}


def parse_jsonl(raw: bytes, rel: str):
    text = decode_text(raw, prose=False)
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield _skip(rel, number, f"line {number} is not valid JSON ({exc.msg})")
            continue
        yield _article(record, rel, number)


def parse_json(raw: bytes, rel: str):
    try:
        data = json.loads(decode_text(raw, prose=False))
    except json.JSONDecodeError as exc:
        raise BadDocument(f"not valid JSON: {exc.msg} at line {exc.lineno}") from None
    if isinstance(data, dict):
        data = data.get("articles") or data.get("items") or data.get("results") or [data]
    if not isinstance(data, list):
        raise BadDocument("JSON holds no article records (expected an object or a list of them)")
    for number, record in enumerate(data, start=1):
        yield _article(record, rel, number)


def parse_csv(raw: bytes, rel: str):
    reader = csv.DictReader(io.StringIO(decode_text(raw, prose=False), newline=""))
    if not reader.fieldnames or not _pick(dict.fromkeys(reader.fieldnames, "x"), "title"):
        raise BadDocument("CSV has no headline/title column in its header row")
    for number, record in enumerate(reader, start=1):
        yield _article(record, rel, number)


def _article(record, rel: str, number: int):
    from . import Skipped  # the package imports this module

    if not isinstance(record, dict):
        return Skipped(f"{rel}#{number}", "record is not a JSON object")
    title = _plain(_text(_pick(record, "title")))
    body = _plain(_text(_pick(record, "body")))
    if not title and not body:
        return Skipped(f"{rel}#{number}", "record has no headline/title and no body/text field")
    key = _text(_pick(record, "key")) or str(number)
    return make_article(
        id=f"{rel}#{key}", source=rel, title=title or body[:80], body=body,
        url=_text(_pick(record, "url")) or None, byline=_byline(_pick(record, "byline")),
        published=_text(_pick(record, "published")) or None,
        outlet=_text(_pick(record, "outlet")) or None,
    )


def _skip(rel: str, number: int, reason: str):
    from . import Skipped

    return Skipped(f"{rel}#{number}", reason)


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
_ = Iterator
