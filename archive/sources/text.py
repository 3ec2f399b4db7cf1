"""Plain-text articles as people paste them from news sites.

The shape (see the seeds): a headline line, perhaps printed twice; perhaps a date line ("Last
updated on Jun 17th, 2021 at 12:01 pm", "Thursday, February 23, 2006"); perhaps a "By …" line;
paragraphs; perhaps a closing "Author: …" line. Site furniture lines are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..article import Article
from ..errors import BadDocument
from ..extract import make_article
from ..extract.boilerplate import is_boilerplate
from ..extract.dates import parse_date
from .decode import decode_text

_DATE_LINE = re.compile(
    r"^\s*(?:(?:last\s+)?(?:updated|published|posted|modified)(?:\s+on)?:?\s*)?"
    r"(?P<date>(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
    r"(?:\d{1,2}(?:st|nd|rd|th)?\s+[a-z]{3,9}\.?,?\s+\d{4}|[a-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
    r"|\d{4}-\d\d-\d\d)"
    r"(?:(?:\s*(?:at|,|-|–)?\s*)\d{1,2}[:.]\d\d(?:\s*[ap]\.?m\.?)?(?:\s*(?:utc|gmt|[a-z]{2,4}t))?)?)"
    r"[\s.|,;:–-]*",
    re.I,
)
# A date line glued to the end of the headline when the text was copied: "Biologist Nick Bos tells
# Wikinews about 'self-medicating' ants Tuesday, September 1, 2015" (the weekday makes it a dateline,
# not a date the headline talks about).
_TITLE_DATE = re.compile(
    r"\s+(?P<date>(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+"
    r"(?:[a-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{1,2}(?:st|nd|rd|th)?\s+[a-z]{3,9}\.?,?\s+\d{4}))"
    r"\s*$",
    re.I,
)
_BYLINE = re.compile(r"^\s*(?:by|written by)\s+(?P<who>[^.!?]{2,120})$", re.I)
_AUTHOR = re.compile(r"^\s*(?:author|words|reporting)\s*:\s*(?P<who>.{2,120})$", re.I)
_HEAD_LINES = 6


def parse(raw: bytes, rel: str) -> Iterator[Article]:
    paragraphs = _paragraphs(decode_text(raw))
    published = None
    byline = None
    title = None
    body: list[str] = []
    for index, para in enumerate(paragraphs):
        head = index < _HEAD_LINES and not body
        if head and published is None and (match := _DATE_LINE.match(para)):
            date = parse_date(match.group("date"))
            if date is not None:
                published = date
                rest = para[match.end():].strip()
                if rest and title is not None:
                    body.append(rest)
                continue
        if head and byline is None and (match := _BYLINE.match(para)):
            byline = match.group("who")
            continue
        if title is None:
            title, dated = _dated_title(para)
            published = published or dated
        elif para == title and not body:
            continue
        else:
            body.append(para)
    if body and (match := _AUTHOR.match(body[-1])):
        byline = byline or match.group("who")
        body.pop()
    if not title or not body:
        raise BadDocument("not an article: needs a headline line and body text")
    yield make_article(id=rel, source=rel, title=title, body="\n\n".join(body),
                       byline=byline, published=published)


def _dated_title(line: str):
    """The headline without a date glued to its end, and that date (or None)."""
    match = _TITLE_DATE.search(line)
    date = parse_date(match.group("date")) if match and match.start() > 0 else None
    return (line[: match.start()].rstrip(" ,.-–|"), date) if date else (line, None)


def _paragraphs(text: str) -> list[str]:
    """Non-empty lines, whitespace-normalised, without boilerplate; one paragraph per line."""
    out = []
    for line in text.splitlines():
        line = " ".join(line.split())
        if line and not is_boilerplate(line):
            out.append(line)
    return out
