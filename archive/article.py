"""The article record: one per news story, whatever the file format."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class Article:
    """A news story as the archive knows it.

    ``id`` is stable: the source path relative to the source root, plus the record key for files
    that hold many articles (``reuters/reut2-000.sgm#17``). Whatever an extractor is unsure of
    stays ``None`` (or empty) rather than guessed; ``published`` is timezone-aware or ``None``.
    """

    id: str
    source: str
    title: str
    body: str
    url: str | None = None
    authors: tuple[str, ...] = ()
    published: datetime | None = None
    persons: tuple[str, ...] = ()
    outlet: str | None = None
    content_hash: str = field(default="")
    # names the article shows but cannot confirm as people alone; the archive's evidence decides
    # (archive.extract.candidates, archive.extract.across). Never shown as people.
    candidates: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.content_hash:
            object.__setattr__(self, "content_hash", text_hash(self.title, self.body))

    def to_dict(self) -> dict:
        """Plain JSON-ready data (dates as ISO 8601 strings)."""
        data = asdict(self)
        data["authors"] = list(self.authors)
        data["persons"] = list(self.persons)
        data["candidates"] = list(self.candidates)
        data["published"] = self.published.isoformat() if self.published else None
        return data

    @classmethod
    def from_dict(cls, data: dict) -> Article:
        published = data.get("published")
        return cls(
            id=data["id"],
            source=data["source"],
            title=data["title"],
            body=data["body"],
            url=data.get("url"),
            authors=tuple(data.get("authors") or ()),
            published=datetime.fromisoformat(published) if published else None,
            persons=tuple(data.get("persons") or ()),
            outlet=data.get("outlet"),
            content_hash=data.get("content_hash") or "",
            candidates=tuple(data.get("candidates") or ()),
        )


def text_hash(title: str, body: str) -> str:
    """A short fingerprint of an article's text, used to spot duplicates."""
    normal = " ".join(f"{title}\n{body}".split()).casefold()
    return hashlib.blake2b(normal.encode("utf-8"), digest_size=12).hexdigest()
