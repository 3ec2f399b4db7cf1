"""Atom 1.0 feeds of articles (``/search.atom``, ``/person/<name>.atom``), built
with feedgen, which writes the XML with lxml: every text is escaped by the XML writer, never
pasted into markup.

Ids are absolute URLs (their host from ``BASE_URL`` or the server's own name, see
:mod:`web.meta`), so they are the same on every request: the feed's id is its own address, an
entry's id the address of the article's page.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime

from feedgen.feed import FeedGenerator
from flask import Response, current_app
from markupsafe import Markup

from archive import Hit, PersonResult

from .meta import external

FEED_SIZE = 20  # entries in a feed: the newest matches
CONTENT_TYPE = "application/atom+xml; charset=utf-8"
SUMMARY_CHARS = 600
# characters XML 1.0 cannot hold (C0 controls but tab and line breaks, U+FFFE/U+FFFF, lone surrogates)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def atom(title: str, self_url: str, page_url: str, hits: Sequence[Hit], fallback: datetime) -> Response:
    """The Atom feed of ``hits`` in the order given (newest first), as a response.

    ``self_url``: the feed's own absolute address (also its id); ``page_url``: the page the feed
    follows (its alternate link); ``fallback``: when an undated article (and a feed without
    entries) was last updated, e.g. when the index was built.
    """
    feed = FeedGenerator()
    feed.id(self_url)
    feed.title(_xml(title))
    feed.link(href=self_url, rel="self", type="application/atom+xml")
    feed.link(href=page_url, rel="alternate", type="text/html")
    feed.author({"name": _xml(current_app.config["SITE_NAME"])})
    dates = [_when(hit, fallback) for hit in hits]
    feed.updated(max(dates, default=fallback))
    for hit, when in zip(hits, dates, strict=True):
        _entry(feed, hit, when)
    return Response(feed.atom_str(pretty=True), content_type=CONTENT_TYPE)


def _entry(feed: FeedGenerator, hit: Hit, when: datetime) -> None:
    link = external("article.show", article_id=hit.id)
    entry = feed.add_entry(order="append")
    entry.id(link)
    entry.title(_xml(hit.title) or hit.id)
    entry.link(href=link, rel="alternate", type="text/html")
    entry.updated(when)
    if hit.published is not None:
        entry.published(hit.published)
    for name in hit.authors or ([hit.outlet] if hit.outlet else []):
        entry.author({"name": _xml(name)})
    summary = _xml(Markup(hit.snippet).striptags())  # the snippet's text, without its <mark>s
    if summary:
        entry.summary(summary[:SUMMARY_CHARS], type="text")


def _when(hit: Hit, fallback: datetime) -> datetime:
    return hit.published or fallback


def _xml(text: str | None) -> str:
    return _NOT_XML.sub("", text or "")


def person_feed(result: PersonResult, site: str, fallback: datetime) -> Response:
    """The newest articles that mention ``result.name`` (those of ``result.articles``); for a
    name only bylines have (a reporter no article mentions), the newest articles by them."""
    page = external("person.show", name=result.name)
    hits = result.articles.hits if result.mentioned or not result.authored.total else result.authored.hits
    return atom(f"{result.name} — {site}", external("person.feed", name=result.name), page, hits, fallback)
