"""Search hits as flat rows and as CSV: the one place that defines the export's columns, shared
by ``Archive.export``, ``archive search --csv`` and the web's ``/search.csv``."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Sequence

from .article import Article

COLUMNS = ("rank", "id", "published", "title", "authors", "persons", "topics", "outlet", "url", "source",
           "score", "story_id", "copies")
JOIN = "; "  # between the names of a multi-valued cell (authors, persons, topics)
ROWS_PER_CHUNK = 500

# A spreadsheet (Excel, LibreOffice, Google Sheets) reads a cell that starts with one of these as
# a formula: a hostile headline such as '=HYPERLINK("http://evil.example","Click")' would become
# a live link or command in the reader's sheet ("CSV injection", OWASP). A leading single quote
# makes the spreadsheet show the text as it is. Tab and carriage return are on OWASP's list too.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def export_row(rank: int, article: Article, score: float | None, story_id: str | None = None,
               copies: int | None = None) -> dict:
    """One hit as a row: ``rank`` from 1 in result order; ``score`` only when ranked by relevance;
    ``story_id``: the id of the story's first copy (its origin), ``copies``: its articles."""
    return {
        "rank": rank,
        "id": article.id,
        "published": article.published_text,
        "title": article.title,
        "authors": JOIN.join(article.authors),
        "persons": JOIN.join(article.persons),
        "topics": JOIN.join(article.topics),
        "outlet": article.outlet,
        "url": article.url,
        "source": article.source,
        "score": round(score, 4) if score is not None else None,
        "story_id": story_id,
        "copies": copies,
    }


def csv_text(rows: Iterable[dict], columns: Sequence[str] = COLUMNS) -> Iterator[str]:
    """``rows`` as CSV (RFC 4180, header first), a chunk of text per ``ROWS_PER_CHUNK`` rows, so
    that an export of any size is streamed; text cells that a spreadsheet would run as a formula
    are neutralised (see ``FORMULA_START``). ``columns``: the keys of the rows, in order."""
    writer = csv.DictWriter(_Echo(), fieldnames=list(columns))
    lines = [writer.writeheader()]
    for row in rows:
        lines.append(writer.writerow({name: spreadsheet_safe(value) for name, value in row.items()}))
        if len(lines) >= ROWS_PER_CHUNK:
            yield "".join(lines)
            lines = []
    if lines:
        yield "".join(lines)


def spreadsheet_safe(value):
    """``value``, with a quote before a text that starts like a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


class _Echo:
    """A file that hands back what is written to it: ``writerow`` then returns the row's text."""

    def write(self, text: str) -> str:
        return text
