"""The article record: one per news story, whatever the file format."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime


@dataclass(frozen=True)
class Article:
    """A news story as the archive knows it.

    ``id`` is stable: the source path relative to the source root, plus the record key for files
    that hold many articles (``reuters/reut2-000.sgm#17``); with several sources, prefixed by the
    source's label (see :mod:`archive.sources.walk`). Whatever an extractor is unsure of
    stays ``None`` (or empty) rather than guessed; ``published`` is timezone-aware or ``None``.

    ``published_precision`` says how much of ``published`` the source gave: "time", "day",
    "month" or "year" (``None`` when undated); a day-only date is held at midnight, a month-only one
    on the 1st, and neither is shown finer than it is. ``updated`` is a later revision date the
    source gives beside (never instead of) the publication date.

    ``topics``, ``places`` and ``orgs`` are the source's own metadata, kept as it gives them:
    Reuters' TOPICS, PLACES and ORGS/EXCHANGES; a record's category, section, tags or topics; a
    page's ``article:section``, ``article:tag`` and keywords (all topics).
    """

    id: str
    source: str
    title: str
    body: str
    url: str | None = None
    authors: tuple[str, ...] = ()
    published: datetime | None = None
    published_precision: str | None = None
    updated: datetime | None = None
    persons: tuple[str, ...] = ()
    outlet: str | None = None
    content_hash: str = field(default="")
    # names the article shows but cannot confirm as people alone; the archive's evidence decides
    # (archive.extract.candidates, archive.extract.across). Never shown as people.
    candidates: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    orgs: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.content_hash:
            object.__setattr__(self, "content_hash", text_hash(self.title, self.body))

    def to_dict(self) -> dict:
        """Plain JSON-ready data (dates as ISO 8601 strings)."""
        data = asdict(self)
        data["authors"] = list(self.authors)
        data["persons"] = list(self.persons)
        for name in ("candidates", *LABELS):
            data[name] = list(getattr(self, name))
        data["published"] = self.published_text
        data["updated"] = self.updated.isoformat() if self.updated else None
        return data

    @property
    def published_text(self) -> str | None:
        """The publication date as precisely as it is known: "2021-06-17T12:01:00+00:00",
        "2006-02-23", "2006-02" or "2006"."""
        return shown_date(self.published, self.published_precision)

    @classmethod
    def from_dict(cls, data: dict) -> Article:
        published, updated = data.get("published"), data.get("updated")
        return cls(
            id=data["id"],
            source=data["source"],
            title=data["title"],
            body=data["body"],
            url=data.get("url"),
            authors=tuple(data.get("authors") or ()),
            published=read_shown(published),
            published_precision=data.get("published_precision") or ("time" if published else None),
            updated=read_shown(updated),
            persons=tuple(data.get("persons") or ()),
            outlet=data.get("outlet"),
            content_hash=data.get("content_hash") or "",
            candidates=tuple(data.get("candidates") or ()),
            **{name: tuple(data.get(name) or ()) for name in LABELS},
        )


LABELS = ("topics", "places", "orgs")  # the source's own metadata fields


_SHOWN = {"day": 10, "month": 7, "year": 4}


def shown_date(value: datetime | None, precision: str | None) -> str | None:
    """``value`` in ISO 8601, cut to its precision (the whole stamp for "time")."""
    if value is None:
        return None
    text = value.isoformat()
    return text[: _SHOWN[precision]] if precision in _SHOWN else text


def read_shown(text: str | None) -> datetime | None:
    """The datetime of a :func:`shown_date` string ("2006", "2006-02", "2006-02-23" or a full
    ISO stamp); a date without a zone is UTC."""
    if not text:
        return None
    parts = text.split("-")
    if len(text) <= 7:
        value = datetime(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, 1)
    else:
        value = datetime.fromisoformat(text)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def text_hash(title: str, body: str) -> str:
    """A short fingerprint of an article's text, used to spot duplicates."""
    normal = " ".join(f"{title}\n{body}".split()).casefold()
    return hashlib.blake2b(normal.encode("utf-8"), digest_size=12).hexdigest()
