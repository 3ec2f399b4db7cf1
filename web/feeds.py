"""Atom 1.0 feeds, built with feedgen (which writes the XML through lxml: every title, name and
summary is escaped by the serializer, never by string concatenation).

An entry's id is the absolute URL of its article page (stable: an article id never changes), its
``updated`` the article's update or publication time (the feed's own ``updated`` the newest of
those); an undated article takes the feed's time, so that the feed stays valid."""

from __future__ import annotations

from datetime import UTC, datetime

from feedgen.feed import FeedGenerator

from archive import Hit, PersonResult

from .meta import external


def person_feed(result: PersonResult, site: str) -> bytes:
    """The newest articles that mention ``result.name`` (those of ``result.articles``); for a
    name only bylines have (a reporter no article mentions), the newest articles by them."""
    page = external("person.show", name=result.name)
    if result.mentioned or not result.authored.total:
        about, hits = f"The newest articles of {site} that mention {result.name}.", result.articles.hits
    else:
        about, hits = f"The newest articles of {site} by {result.name}.", result.authored.hits
    return atom(f"{result.name} — {site}", external("person.feed", name=result.name), page, about, hits)


def atom(title: str, self_url: str, page_url: str, subtitle: str, hits: list[Hit]) -> bytes:
    """An Atom feed of ``hits`` (newest first, as given), its id the feed's own URL."""
    now = datetime.now(UTC)
    stamps = [_stamp(hit) for hit in hits]
    feed = FeedGenerator()
    feed.id(self_url)
    feed.title(title)
    feed.subtitle(subtitle)
    feed.author(name=title.rsplit(" — ", 1)[-1])  # Atom: entries without a byline take the feed's
    feed.link(href=page_url, rel="alternate", type="text/html")
    feed.link(href=self_url, rel="self", type="application/atom+xml")
    feed.updated(max((s for s in stamps if s), default=now))
    for hit, stamp in reversed(list(zip(hits, stamps, strict=True))):  # feedgen prepends entries
        entry = feed.add_entry()
        url = external("article.show", article_id=hit.id)
        entry.id(url)
        entry.title(hit.title or hit.id)
        entry.link(href=url, rel="alternate", type="text/html")
        entry.updated(stamp or now)
        if stamp:
            entry.published(stamp)
        for name in hit.authors:
            entry.author(name=name)
        entry.summary(_plain(hit.snippet))
    return feed.atom_str(pretty=True)


def _stamp(hit: Hit) -> datetime | None:
    if hit.published is None:
        return None
    return hit.published if hit.published.tzinfo else hit.published.replace(tzinfo=UTC)


def _plain(snippet: str) -> str:
    """The hit's snippet as text: it is safe HTML (escaped text, <mark> around matches)."""
    from markupsafe import Markup

    return Markup(snippet).striptags()
