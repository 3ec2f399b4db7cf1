"""Reuters-21578-style SGML newswire files: many ``<REUTERS>`` stories per file."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from ..article import Article
from ..errors import BadDocument
from ..extract import make_article

_STORY = re.compile(r"<REUTERS\b(?P<attrs>[^>]*)>(?P<story>.*?)</REUTERS>", re.S | re.I)
_NEWID = re.compile(r'NEWID="(\d+)"', re.I)
_ITEM = re.compile(r"<D>(.*?)</D>", re.S | re.I)
_TAGS = re.compile(r"<[^>]+>")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def parse(raw: bytes, rel: str) -> Iterator:
    from . import Skipped

    text = raw.decode("latin-1")  # Reuters-21578 is ASCII with stray 8-bit bytes
    stories = list(_STORY.finditer(text))
    if not stories:
        raise BadDocument("no <REUTERS> stories found: not a Reuters-style SGML file")
    for number, match in enumerate(stories, start=1):
        story = match.group("story")
        key = (_NEWID.search(match.group("attrs")) or [None, str(number)])[1]
        title = _field(story, "TITLE")
        body = _field(story, "BODY") or _unprocessed(story)
        if not title and not body:
            yield Skipped(f"{rel}#{key}", "story has neither <TITLE> nor <BODY> text")
            continue
        yield _article(story, rel, key, title, body)


def _article(story: str, rel: str, key: str, title: str, body: str) -> Article:
    body = re.sub(r"\s*\bReuter\s*$", "", body).strip()
    dateline = _field(story, "DATELINE").strip(" -")
    return make_article(
        id=f"{rel}#{key}", source=rel, title=title,
        body=_paragraphs(body), byline=_field(story, "AUTHOR") or None,
        published=_field(story, "DATE") or None, outlet="Reuters" if dateline or body else None,
        topics=_items(story, "TOPICS"), places=_items(story, "PLACES"),
        orgs=_items(story, "ORGS") + _items(story, "EXCHANGES"),
    )


def _items(story: str, tag: str) -> list[str]:
    """The ``<D>`` items of a category list (``<TOPICS><D>crude</D><D>nat-gas</D></TOPICS>``)."""
    match = re.search(rf"<{tag}>(.*?)</{tag}>", story, re.S | re.I)
    return [_clean(item) for item in _ITEM.findall(match.group(1))] if match else []


def _field(story: str, tag: str) -> str:
    match = re.search(rf"<{tag}>(.*?)</{tag}>", story, re.S | re.I)
    return _clean(match.group(1)) if match else ""


def _unprocessed(story: str) -> str:
    match = re.search(r"<TEXT[^>]*>(.*?)</TEXT>", story, re.S | re.I)
    return _clean(_TAGS.sub(" ", match.group(1))) if match else ""


def _clean(text: str) -> str:
    return _CONTROL.sub("", html.unescape(text)).strip()


def _paragraphs(body: str) -> str:
    """Reuters marks paragraphs with an indented line; rejoin wrapped lines within each."""
    paras = re.split(r"\n\s{2,}|\n\s*\n", body)
    return "\n\n".join(" ".join(p.split()) for p in paras if p.strip())
