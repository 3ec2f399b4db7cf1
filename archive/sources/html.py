"""Saved news web pages: title, main text, authors and publication date from the page itself.

The page is decoded (:func:`.decode.decode_html`) and parsed with lxml; what the page says about
itself comes from :mod:`.htmlmeta`, :mod:`.htmldates` and :mod:`.htmlbylines`, the story text
from :mod:`.maintext`. A date the page does not give stays ``None``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree
from lxml import html as lxml_html

from ..article import Article
from ..errors import BadDocument
from ..extract import make_article
from . import htmldates, htmlmeta
from .decode import decode_html
from .htmlbylines import byline
from .maintext import main_text

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>", re.I)
# what parts a page's headline from the site's name in its <title>
_SITE_SEPARATOR = re.compile(r"\s+[|\-–—·:»]+\s+|\s*[：|｜]\s*")


def parse(raw: bytes, rel: str) -> Iterator[Article]:
    tree = _tree(raw)
    meta = htmlmeta.meta_tags(tree)
    ld = htmlmeta.json_ld(tree)
    url = htmlmeta.page_url(tree, meta)
    title = htmlmeta.headline(tree, meta, ld)
    site = htmlmeta.site_name(meta, ld)
    published = htmldates.published(tree, meta, ld)
    people, agency = byline(tree, meta, ld, site)
    body = _without_headline(main_text(tree), title)
    if not title or not body:
        raise BadDocument("not an article: no headline or no main text found in the page")
    if published is None:
        published = htmldates.dateline(body) or htmldates.url_date(url)
    yield make_article(
        id=rel,
        source=rel,
        title=title,
        body=body,
        url=url,
        byline=people or ([agency] if agency else None),
        published=published,
        outlet=agency or site,
    )


def _without_headline(body: str, title: str) -> str:
    """The story text without the headline repeated as its first paragraph."""
    first, _, rest = body.partition("\n\n")
    return rest if rest and _is_headline(first, title) else body


def _is_headline(line: str, title: str) -> bool:
    """The same words as the title, or as the title before the site's name ("How Butterflies Get Their
    Shine | WIRED", "…が受賞：朝日新聞デジタル"); quotes and case aside ("Bitcoin’s" for "Bitcoin's")."""
    words = _words(line)
    if not words:
        return False
    heads = [title] + [
        title[: at.start()] for at in _SITE_SEPARATOR.finditer(title) if at.start() >= len(title) / 2
    ]
    return any(words == _words(head) for head in heads)


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def _tree(raw: bytes) -> lxml_html.HtmlElement:
    text = _XML_DECLARATION.sub("", decode_html(raw), count=1)
    try:
        tree = lxml_html.document_fromstring(text)
    except (etree.ParserError, ValueError):
        raise BadDocument("not an HTML page: it cannot be parsed") from None
    if tree.find("body") is None and tree.find("head") is None:
        raise BadDocument("not an HTML page")
    return tree
