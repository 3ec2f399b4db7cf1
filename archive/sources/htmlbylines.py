"""Who wrote a saved page: JSON-LD authors, ``<meta name=author>``, then the visible byline.

Returns the raw byline (a list of names, or one string); :func:`archive.extract.bylines.split_byline`
turns it into people and an outlet. URLs (``article:author`` is often a profile link) and
organisations posing as authors are passed over in favour of a person's name when one exists.
"""

from __future__ import annotations

import re

from lxml import html as lxml_html

from ..extract.bylines import split_byline
from .htmldates import in_furniture
from .htmlmeta import text_of

AUTHOR_META = ("author", "article:author", "og:article:author", "dc.creator", "dcterms.creator",
               "parsely-author", "sailthru.author", "byl", "byline", "cxenseparse:author", "creator")
_BYLINE_CLASS = re.compile(r"byline|by-line|\bby\b|author|auteur|autor|writer|reporter|signature", re.I)
_NOT_BYLINE = re.compile(
    r"comment|avatar|bio\b|about-author|author-?bio|more-from|related|follow|authoriz", re.I
)
_BLOCK = {"div", "p", "li", "br", "ul", "ol", "dd", "dt", "section", "h1", "h2", "h3", "h4", "h5", "h6", "tr"}
_XPATH = ('//*[@itemprop="author" or contains(@itemprop, "author ")] | //a[@rel="author"]'
          ' | //*[contains(@class, "yline") or contains(@class, "uthor") or contains(@class, "auteur")'
          ' or contains(@id, "yline") or contains(@id, "uthor") or contains(@class, "writer")'
          ' or contains(@class, "signature")]')


def byline(tree: lxml_html.HtmlElement, meta: dict[str, str], ld: dict,
           site: str | None) -> tuple[list[str], str | None]:
    """(people, outlet) credited for the page, most trusted source first."""
    people, outlet = _ld_people(ld, site)
    if people:
        return people, outlet
    for key in AUTHOR_META:
        value = meta.get(key, "")
        if value and "http" not in value and "www." not in value:
            found, agency = split_byline(value, site=site)
            outlet = outlet or agency
            if found:
                return found, outlet
    found, agency = _visible(tree, site)
    return found, outlet or agency


def _ld_people(ld: dict, site: str | None) -> tuple[list[str], str | None]:
    authors = ld.get("author")
    items = authors if isinstance(authors, list) else [authors] if authors else []
    people: list[str] = []
    outlet = None
    for item in items:
        kind = item.get("@type", "Person") if isinstance(item, dict) else "Person"
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, list):
            name = ", ".join(n for n in name if isinstance(n, str))
        if not isinstance(name, str) or "http" in name:
            continue
        found, agency = split_byline(name, site=site)
        if kind in ("Organization", "NewsMediaOrganization") or (not found and agency):
            outlet = outlet or agency or name.strip()
            continue
        people += [n for n in found if n not in people]
    return people, outlet


def _visible(tree, site: str | None) -> tuple[list[str], str | None]:
    """The first byline-looking element outside navigation, comments and teasers that names someone."""
    outlet = None
    for element in tree.xpath(_XPATH):
        if element.tag in ("meta", "link", "body", "html", "script", "img") or in_furniture(element):
            continue
        marks = f"{element.get('class') or ''} {element.get('id') or ''}"
        if _NOT_BYLINE.search(marks) and element.get("itemprop") != "author":
            continue
        text = _byline_text(element)
        if not text or len(text) > 200:
            continue
        found, agency = split_byline(text, site=site)
        outlet = outlet or agency
        if found:
            return found, outlet
    return [], outlet


def _byline_text(element) -> str:
    """The byline's text, with a line break where a block starts ("Ben Silverman" / "Games Editor")."""
    names = element.xpath('.//*[@itemprop="name"]')
    if names:
        return ", ".join(n.get("content") or text_of(n) for n in names)
    pieces = [element.text or ""]
    for inner in element.iterdescendants():
        if inner.tag in _BLOCK:
            pieces.append("\n")
        pieces += [inner.text or "" if isinstance(inner.tag, str) else "", "", inner.tail or ""]
    return "\n".join(" ".join(line.split()) for line in "".join(pieces).splitlines() if line.strip())
