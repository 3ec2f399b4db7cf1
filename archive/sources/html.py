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
from ..extract.dates import Dated
from . import htmldates, htmlmeta
from .decode import decode_html
from .htmlbylines import byline
from .maintext import main_text

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>", re.I)
_WRAPPERS = re.compile(r"</?(?:div|span|section|font|center|small|big|b|i|u|em|strong"
                       r"|table|tbody|thead|tfoot|tr|td|th|blockquote|ul|ol|li|dl|dt|dd)\b[^>]*>", re.I)
# what parts a page's headline from the site's name in its <title>
# what the stand-in pages of bot checks say, and the scripts they load
_BOT_CHECK = re.compile(r"checking your browser|verify(?:ing)? you are (?:a )?human|are you a robot|"
                        r"enable (?:javascript and )?cookies to continue|captcha|just a moment\.\.\."
                        r"|request unsuccessful\. incapsula|access denied|attention required", re.I)
_BOT_MARKUP = re.compile(r"_Incapsula_Resource|cf-browser-verification|/cdn-cgi/challenge-platform"
                         r"|ddos-shield", re.I)
_STUB_CHARS = 600  # a stand-in page says a sentence or two
_SITE_SEPARATOR = re.compile(r"\s+[|\-–—·:»]+\s+|\s*[：|｜]\s*")


def parse(raw: bytes, rel: str) -> Iterator[Article]:
    tree = _tree(raw)
    meta = htmlmeta.meta_tags(tree)
    ld = htmlmeta.json_ld(tree)
    url = htmlmeta.page_url(tree, meta)
    title = htmlmeta.headline(tree, meta, ld)
    site = htmlmeta.site_name(meta, ld)
    seen = htmlmeta.visible_text(tree)
    if (stub := _stub(tree, seen)) is not None:
        raise BadDocument(stub)
    dates = htmldates.page_dates(raw, tree, meta, ld, url, seen=seen)
    people, agency = byline(tree, meta, ld, site)
    body = _without_headline(main_text(tree), title) or _page_text(seen, meta, title)
    if not title or not body:
        raise BadDocument(_not_a_page(title, body))
    yield make_article(
        id=rel,
        source=rel,
        title=title,
        body=body,
        url=url,
        byline=people or ([agency] if agency else None),
        published=_finest(dates.published, htmldates.dateline(body)),
        updated=dates.updated,
        outlet=agency or site,
        topics=htmlmeta.page_topics(tree, meta, ld),
    )


def _finest(page: Dated | None, dateline: Dated | None) -> Dated | None:
    """The page's date, unless it is only a month or a year and the story's dateline gives a day."""
    if page is not None and (page.precision in ("time", "day") or dateline is None):
        return page
    return dateline or page


def _page_text(seen: str, meta: dict[str, str], title: str) -> str:
    """What text a page has when no story text stands out (a photo page, a short notice): its
    own description, else its visible text (``seen``, read before the furniture was stripped)
    unless that is only the headline."""
    described = (meta.get("og:description") or meta.get("description") or "").strip()
    return described or ("" if _is_headline(seen, title) else seen)


def _stub(tree, text: str) -> str | None:
    """Why a page is a stand-in for one rather than a page (a redirect, a bot check), or None.
    Only a short page is a stub: a story that mentions a captcha is still a story."""
    if len(text) > _STUB_CHARS:
        return None
    refresh = tree.xpath('//meta[translate(@http-equiv, "REFRESH", "refresh")="refresh"]/@content')
    if refresh and "url=" in refresh[0].lower().replace(" ", ""):
        target = refresh[0].split("=", 1)[-1].strip(" '\"")[:120]
        return f"not an article: a redirect page (meta refresh to {target})"
    markup = etree.tostring(tree, encoding="unicode")[:20000]
    if _BOT_CHECK.search(text) or _BOT_MARKUP.search(markup):
        return "not an article: a bot-check page (it asks the browser to prove it is human)"
    return None


def _not_a_page(title: str, text: str) -> str:
    if not title:
        return "not an article: the page has no headline (no og:title, <h1> or <title>)"
    return f"not an article: the page has a headline ({title[:80]!r}) but no text at all"


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


def _parsed(text: str) -> lxml_html.HtmlElement:
    """The page's tree. libxml2 keeps 255 levels of nesting and drops what lies deeper (the story
    of a page nested 254 ``<div>``s deep); such a page is parsed again with its wrappers
    (``<div>``, ``<span>``, ``<table>``, ``<font>``…) flattened away."""
    tree, deep = _parse(text)
    if deep:
        tree, deep = _parse(_WRAPPERS.sub(" ", text))
    if deep:
        raise BadDocument("not an HTML page the archive can read: it is nested more than 255 levels deep, "
                          "even without its <div>, <span> and <table> wrappers")
    return tree


def _parse(text: str) -> tuple[lxml_html.HtmlElement, bool]:
    parser = lxml_html.HTMLParser()
    tree = lxml_html.document_fromstring(text, parser=parser)
    return tree, any(error.type_name == "ERR_RESOURCE_LIMIT" for error in parser.error_log)


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def _tree(raw: bytes) -> lxml_html.HtmlElement:
    text = _XML_DECLARATION.sub("", decode_html(raw), count=1)
    try:
        tree = _parsed(text)
    except (etree.ParserError, ValueError):
        raise BadDocument("not an HTML page: it cannot be parsed") from None
    if tree.find("body") is None and tree.find("head") is None:
        raise BadDocument("not an HTML page")
    return tree
