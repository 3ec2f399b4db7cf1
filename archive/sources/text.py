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
from ..extract.dates import Dated, find_date, parse_dated
from .decode import decode_text

# A date line: perhaps a label, then a date at once ("Last updated on Jun 17th, 2021 at 12:01 pm",
# "Thursday, February 23, 2006", "23/02/2006", "2006-02-23T10:00:00+01:00"); what follows the
# date on the same line ("| 3 min read", the first words of the story) is kept apart.
_DATE_LABEL = re.compile(r"^\s*(?:(?:last\s+)?(?:updated|published|posted|modified)(?:\s+on)?:?\s*)?", re.I)
_DATE_TAIL = re.compile(r"^[\s.|,;:–-]*")
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
        if head and published is None and (line := _date_line(para)) is not None:
            published, rest = line
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


def _date_line(para: str) -> tuple[Dated, str] | None:
    """The date a line starts with (after its label) and the rest of the line, or None."""
    label = _DATE_LABEL.match(para)
    found = find_date(para[label.end():])
    if found is None or found[1] > 0:
        return None
    dated, _, end = found
    rest = para[label.end() + end:]
    return dated, rest[_DATE_TAIL.match(rest).end():].strip()


def _dated_title(line: str):
    """The headline without a date glued to its end, and that date (or None)."""
    match = _TITLE_DATE.search(line)
    date = parse_dated(match.group("date")) if match and match.start() > 0 else None
    return (line[: match.start()].rstrip(" ,.-–|"), date) if date else (line, None)


def _paragraphs(text: str) -> list[str]:
    """Non-empty lines, whitespace-normalised, without boilerplate; one paragraph per line."""
    out = []
    for line in text.splitlines():
        line = " ".join(line.split())
        if line and not is_boilerplate(line):
            out.append(line)
    return out
