"""A saved page's publication date, from its own evidence, most trusted first.

JSON-LD ``datePublished``; ``article:published_time`` and similar ``<meta>``; elements marked as
the publication date (``itemprop="datePublished"``, ``<time pubdate>``, then the first ``<time>``
of the page outside navigation); visible "Published/Updated …" lines and date-classed elements;
a dateline at the start of the body; the URL path. Nothing found is ``None``: the date is never
the day the page was saved or indexed.
"""

from __future__ import annotations

import re
from datetime import datetime

from lxml import html as lxml_html

from ..extract.dates import parse_date
from .htmlmeta import text_of

DATE_META = (
    "article:published_time", "og:article:published_time", "article:published", "datepublished",
    "og:published_time", "published_time", "article.published", "pubdate", "publishdate",
    "publish-date", "publish_date", "publication_date", "article:publicationdate",
    "article.created", "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.date",
    "dcterms.created", "date", "sailthru.date", "parsely-pub-date", "cxenseparse:recs:publishtime",
    "originalpublicationdate", "displaydate", "dc.date.created", "citation_publication_date",
)
_OUTSIDE = re.compile(r"\b(?:nav|menu|footer|sidebar|related|comment|promo|trending|popular)", re.I)
_DATE_CLASS = re.compile(r"date|time|publish|posted|dateline|byline|meta|info", re.I)
_LINE = re.compile(r"(?:published|posted|updated|last updated|first published|publié|publicado"
                   r"|veröffentlicht|aktualisiert|公開|更新|配信)\s*(?:on|at|le|am|el|:|：)?\s*", re.I)
_MARKED = '//*[@itemprop="datePublished"] | //time[@pubdate] | //*[@property="datePublished"]'
_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-](\d\d)[/-](\d\d)(?:/|-|\b)")
_DATELINE = re.compile(
    r"^[^\n]{0,60}?\b(?P<date>[A-Z][a-z]{2,8}\.? \d{1,2},? (?:19|20)\d\d|\d{1,2} [A-Z][a-z]{2,8}\.? "
    r"(?:19|20)\d\d)\b[^\n]{0,20}?(?:—|–|--| - |\()"
)


def published(tree: lxml_html.HtmlElement, meta: dict[str, str], ld: dict) -> datetime | None:
    """The publication date the page itself gives, or None (body datelines: see :func:`dateline`)."""
    for finder in (lambda: _ld_date(ld), lambda: _meta_date(meta), lambda: _marked(tree),
                   lambda: _visible(tree)):
        date = finder()
        if date is not None:
            return date
    return None


def _ld_date(ld: dict) -> datetime | None:
    value = ld.get("datePublished") or ld.get("dateCreated")
    if isinstance(value, list):
        value = value[0] if value else None
    return parse_date(value) if isinstance(value, str) else None


def _meta_date(meta: dict[str, str]) -> datetime | None:
    for key in DATE_META:
        if meta.get(key) and (date := parse_date(meta[key])) is not None:
            return date
    return None


def _marked(tree) -> datetime | None:
    """Elements that say they hold the publication date, then the first plain ``<time>``."""
    for element in tree.xpath(_MARKED):
        if (date := _element_date(element)) is not None:
            return date
    for element in tree.iter("time"):
        if not in_furniture(element) and (date := _element_date(element)) is not None:
            return date
    return None


def _element_date(element) -> datetime | None:
    for value in (element.get("datetime"), element.get("content"), text_of(element)[:120]):
        if value and (date := parse_date(value)) is not None:
            return date
    return None


def in_furniture(element) -> bool:
    for ancestor in element.iterancestors():
        if ancestor.tag in ("nav", "footer", "aside"):
            return True
        if _OUTSIDE.search(f"{ancestor.get('class') or ''} {ancestor.get('id') or ''}"):
            return True
    return False


def _visible(tree) -> datetime | None:
    """A "Published/Updated …" line, or a short element whose class says it holds a date."""
    for element in tree.iter("span", "div", "p", "li", "em", "small", "dd", "abbr", "strong", "b", "time"):
        own = (element.text or "").strip()
        line = _LINE.match(own) if own else None
        classed = _DATE_CLASS.search(f"{element.get('class') or ''} {element.get('id') or ''}")
        if not (line or classed) or len(element) > 8:
            continue
        text = text_of(element)
        if len(text) > 160 or in_furniture(element):
            continue
        line = _LINE.search(text)
        date = parse_date(text[line.end():] if line else text)
        if date is not None:
            return date
    return None


def dateline(body: str) -> datetime | None:
    """A date at the head of the story: "NEW ORLEANS, Dec. 31, 2014 — Both analysts …"."""
    match = _DATELINE.match(body[:120])
    return parse_date(match.group("date")) if match else None


def url_date(url: str | None) -> datetime | None:
    match = _URL_DATE.search(url or "")
    return parse_date("-".join(match.groups())) if match else None
