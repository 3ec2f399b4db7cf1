"""Saved news web pages: title, main text, authors and publication date from the page itself."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from bs4 import BeautifulSoup, Tag

from ..article import Article
from ..errors import BadDocument
from ..extract import make_article
from ..extract.boilerplate import is_boilerplate

_DATE_META = (
    "article:published_time", "og:published_time", "datepublished", "date", "pubdate",
    "publishdate", "publish-date", "dc.date.issued", "dc.date", "dcterms.created",
    "sailthru.date", "parsely-pub-date", "article.published", "published_time",
)
_AUTHOR_META = ("author", "article:author", "dc.creator", "parsely-author", "sailthru.author")
_DROP = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "figure",
         "iframe", "svg", "button", "template")
_URL_DATE = re.compile(r"/((?:19|20)\d\d)/(\d\d)/(\d\d)/")


def parse(raw: bytes, rel: str) -> Iterator[Article]:
    if not raw.strip():
        raise BadDocument("empty file")
    soup = BeautifulSoup(raw, "lxml")
    if soup.find("html") is None and soup.find("body") is None:
        raise BadDocument("not an HTML page")
    meta = _meta(soup)
    ld = _json_ld(soup)
    url = meta.get("og:url") or _canonical(soup)
    title = _title(soup, meta, ld)
    published = ld.get("datePublished") or _first(meta, _DATE_META) or _time(soup) or _url_date(url)
    byline = _ld_authors(ld) or _first(meta, _AUTHOR_META) or _byline(soup)
    body = _body(soup)
    if not title or not body:
        raise BadDocument("not an article: no headline or no main text found in the page")
    yield make_article(id=rel, source=rel, title=title, body=body, url=url, byline=byline,
                       published=published, outlet=meta.get("og:site_name"))


def _meta(soup: BeautifulSoup) -> dict[str, str]:
    found: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        key = (tag.get("property") or tag.get("name") or tag.get("itemprop") or "").lower()
        value = tag.get("content")
        if key and value and key not in found:
            found[key] = value.strip()
    return found


def _json_ld(soup: BeautifulSoup) -> dict:
    """The first JSON-LD object that looks like a news article (graphs and lists looked through)."""
    for script in soup.find_all("script", type="application/ld+json"):
        try:
            data = json.loads(script.string or "")
        except (json.JSONDecodeError, TypeError):
            continue
        for item in _walk(data):
            kind = item.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            if any(isinstance(k, str) and ("Article" in k or "Posting" in k) for k in kinds):
                return item
    return {}


def _walk(data) -> Iterator[dict]:
    if isinstance(data, list):
        for item in data:
            yield from _walk(item)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _walk(data["@graph"])


def _ld_authors(ld: dict) -> list[str] | None:
    author = ld.get("author")
    items = author if isinstance(author, list) else [author] if author else []
    names = [a.get("name") if isinstance(a, dict) else a for a in items]
    names = [n.strip() for n in names if isinstance(n, str) and n.strip()]
    return names or None


def _title(soup: BeautifulSoup, meta: dict, ld: dict) -> str:
    for candidate in (meta.get("og:title"), ld.get("headline"), _text_of(soup.find("h1")),
                      _text_of(soup.find("title"))):
        if isinstance(candidate, str) and candidate.strip():
            return " ".join(candidate.split())
    return ""


def _first(meta: dict, keys) -> str | None:
    return next((meta[k] for k in keys if meta.get(k)), None)


def _time(soup: BeautifulSoup) -> str | None:
    tag = soup.find("time", attrs={"datetime": True})
    return tag["datetime"] if tag else None


def _url_date(url: str | None) -> str | None:
    match = _URL_DATE.search(url or "")
    return "-".join(match.groups()) if match else None


def _canonical(soup: BeautifulSoup) -> str | None:
    link = soup.find("link", rel="canonical")
    return link.get("href") if link else None


def _byline(soup: BeautifulSoup) -> str | None:
    tag = soup.find(attrs={"rel": "author"}) or soup.find(class_=re.compile(r"\bbyline\b|\bauthor\b"))
    text = _text_of(tag)
    return text if text and len(text) < 120 else None


def _text_of(tag) -> str:
    return " ".join(tag.get_text(" ").split()) if isinstance(tag, Tag) else ""


def _body(soup: BeautifulSoup) -> str:
    """Paragraphs of the element that holds the most paragraph text (an <article> if any)."""
    for tag in soup.find_all(_DROP):
        tag.decompose()
    best, best_score = None, 0
    for container in soup.find_all(["article", "main", "div", "section", "body"]):
        score = sum(len(p.get_text()) for p in container.find_all("p", recursive=False))
        if container.name in ("article", "main"):
            score = max(score, sum(len(p.get_text()) for p in container.find_all("p")))
        if score > best_score:
            best, best_score = container, score
    if best is None:
        return ""
    paras = [" ".join(p.get_text(" ").split()) for p in best.find_all("p")]
    return "\n\n".join(p for p in paras if len(p) > 1 and not is_boilerplate(p))
