"""What a saved web page says about itself: JSON-LD, ``<meta>`` tags, the URL, the headline.

Works on an lxml tree (``lxml.html``). Dates and bylines are in :mod:`.htmldates` and
:mod:`.htmlbylines`; this module holds what both need.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from lxml import html as lxml_html

_ARTICLE_TYPES = re.compile(r"Article|Posting|Report|NewsArticle|BlogPosting", re.I)
# class or id words of page furniture (navigation, menus, footers, rails, comments)
OUTSIDE = re.compile(r"\b(?:nav|menu|footer|sidebar|related|comment|promo|trending|popular)", re.I)
_UNSEEN = {"script", "style", "noscript", "template", "nav", "footer", "aside", "select", "option"}


def meta_tags(tree: lxml_html.HtmlElement) -> dict[str, str]:
    """``<meta>`` values by lowercased property/name/itemprop; the first of each wins."""
    found: dict[str, str] = {}
    for tag in tree.iter("meta"):
        key = (tag.get("property") or tag.get("name") or tag.get("itemprop") or "").strip().lower()
        value = (tag.get("content") or "").strip()
        if key and value and key not in found:
            found[key] = value
    return found


def json_ld(tree: lxml_html.HtmlElement) -> dict:
    """The JSON-LD object describing the article (graphs and lists looked through), or {}.

    An object typed as an article wins; failing that, the first object with a ``datePublished``.
    """
    fallback: dict = {}
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads(_strip_cdata(script.text or ""))
        except (json.JSONDecodeError, ValueError):
            continue
        for item in _walk(data):
            kinds = item.get("@type")
            kinds = kinds if isinstance(kinds, list) else [kinds]
            if any(isinstance(k, str) and _ARTICLE_TYPES.search(k) for k in kinds):
                return item
            if not fallback and item.get("datePublished"):
                fallback = item
    return fallback


def _strip_cdata(text: str) -> str:
    text = text.strip()
    text = re.sub(r"^(?://\s*)?<!\[CDATA\[|(?://\s*)?\]\]>$", "", text).strip()
    return text


def _walk(data) -> Iterator[dict]:
    if isinstance(data, list):
        for item in data:
            yield from _walk(item)
    elif isinstance(data, dict):
        yield data
        for key in ("@graph", "mainEntity", "itemListElement"):
            if isinstance(data.get(key), list | dict):
                yield from _walk(data[key])


def page_url(tree: lxml_html.HtmlElement, meta: dict[str, str]) -> str | None:
    if meta.get("og:url", "").startswith("http"):
        return meta["og:url"]
    for link in tree.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
            return link.get("href").strip()
    return None


def headline(tree: lxml_html.HtmlElement, meta: dict[str, str], ld: dict) -> str:
    """og:title, the JSON-LD headline, the first <h1>, or the <title>, whichever comes first."""
    h1 = next(tree.iter("h1"), None)
    title = next(tree.iter("title"), None)
    for candidate in (
        meta.get("og:title"),
        meta.get("twitter:title"),
        ld.get("headline"),
        text_of(h1),
        text_of(title),
    ):
        if isinstance(candidate, str) and candidate.strip():
            return " ".join(candidate.split())
    return ""


def text_of(element) -> str:
    """The whitespace-normalised text of an element ("" for None)."""
    if element is None:
        return ""
    return " ".join(element.text_content().split())


def site_name(meta: dict[str, str], ld: dict) -> str | None:
    publisher = ld.get("publisher")
    if isinstance(publisher, list):
        publisher = publisher[0] if publisher else None
    name = publisher.get("name") if isinstance(publisher, dict) else None
    return meta.get("og:site_name") or (name if isinstance(name, str) else None)


def visible_text(tree: lxml_html.HtmlElement) -> str:
    """The whitespace-normalised text a reader sees in the page's body, in document order, without
    scripts, styles, ``<nav>``, ``<footer>`` and ``<aside>`` (class names are not trusted here: a
    wrapper of the whole page may be called "has-sidebar")."""
    body = tree.find("body")
    return " ".join(" ".join(_text_parts(body if body is not None else tree)).split())


def _text_parts(element) -> list[str]:
    out: list[str] = []
    stack = [element]
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            out.append(node)
            continue
        if not isinstance(node.tag, str) or node.tag in _UNSEEN:
            if node.tail:
                stack.append(node.tail)
            continue
        if node.tail and node is not element:
            stack.append(node.tail)
        stack.extend(reversed(list(node)))
        if node.text:
            stack.append(node.text)
    return out


_KEYWORD_SEP = re.compile(r"\s*[,;]\s*")


def page_topics(tree: lxml_html.HtmlElement, meta: dict[str, str], ld: dict) -> list[str]:
    """The page's own categories: its section (``article:section``, JSON-LD ``articleSection``),
    then its tags (every ``article:tag``) and keywords (``news_keywords``, ``keywords``, JSON-LD
    ``keywords``; comma-separated text or lists)."""
    found = [meta.get("article:section", ""), *_listed(ld.get("articleSection"))]
    found += [(tag.get("content") or "").strip() for tag in tree.iter("meta")
              if (tag.get("property") or tag.get("name") or "").strip().lower() == "article:tag"]
    for key in ("news_keywords", "keywords"):
        found += _KEYWORD_SEP.split(meta.get(key, ""))
    return [*found, *_listed(ld.get("keywords"))]


def _listed(value) -> list[str]:
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return _KEYWORD_SEP.split(value) if isinstance(value, str) else []
