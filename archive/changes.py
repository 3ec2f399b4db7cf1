"""What changed between two copies of a story: the headline, paragraphs added or removed, words
changed in the paragraphs both keep (``difflib`` over paragraphs, then over the words of a
paragraph changed in place). Plain data: the web page and the CLI render it (escaped there)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from .article import Article

REWORDED = 0.5  # paragraphs at least this alike (by their words) were changed in place
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_INDENTED_LINE = re.compile(r"\n(?=[ \t]{2,}\S)")  # wire copy: hard-wrapped, paragraphs indented


def paragraphs(text: str) -> list[str]:
    """Paragraphs of an article body (blank-line separated, or indented wire copy)."""
    splitter = _BLANK_LINE if _BLANK_LINE.search(text) else _INDENTED_LINE
    return [" ".join(part.split()) if splitter is _INDENTED_LINE else part.strip()
            for part in splitter.split(text) if part.strip()]


@dataclass(frozen=True)
class Reworded:
    """A paragraph changed in place: its words as (tag, text) runs, tag "same", "del" or "ins"."""

    runs: list[tuple[str, str]]
    changed: int  # words removed or added


@dataclass(frozen=True)
class Changes:
    """From ``first`` (the story's origin) to ``this`` copy."""

    first_id: str
    this_id: str
    headline: tuple[str, str] | None  # (first's, this one's) when they differ
    added: list[str] = field(default_factory=list)  # paragraphs only this copy has
    removed: list[str] = field(default_factory=list)  # paragraphs only the first has
    reworded: list[Reworded] = field(default_factory=list)
    kept: int = 0  # paragraphs the same in both

    @property
    def words_changed(self) -> int:
        return sum(r.changed for r in self.reworded)

    @property
    def same(self) -> bool:
        return not (self.headline or self.added or self.removed or self.reworded)

    def summary(self) -> str:
        """"headline changed; 1 paragraph added; 2 paragraphs removed; 3 words changed"."""
        if self.same:
            return "the same text"
        parts = ["headline changed"] if self.headline else []
        for count, what in ((len(self.added), "added"), (len(self.removed), "removed")):
            if count:
                parts.append(f"{count} paragraph{'s' if count != 1 else ''} {what}")
        if self.reworded:
            n = self.words_changed
            parts.append(f"{n} word{'s' if n != 1 else ''} changed in {len(self.reworded)} "
                         f"paragraph{'s' if len(self.reworded) != 1 else ''}")
        return "; ".join(parts)

    def to_dict(self) -> dict:
        return {"first": self.first_id, "this": self.this_id, "summary": self.summary(),
                "headline": list(self.headline) if self.headline else None,
                "added": self.added, "removed": self.removed, "kept": self.kept,
                "reworded": [{"changed": r.changed, "runs": [list(run) for run in r.runs]}
                             for r in self.reworded],
                "words_changed": self.words_changed}


def compare(first: Article, this: Article) -> Changes:
    """What changed from ``first`` to ``this``."""
    headline = (first.title, this.title) if " ".join(first.title.split()) != " ".join(this.title.split()) \
        else None
    old, new = paragraphs(first.body), paragraphs(this.body)
    added: list[str] = []
    removed: list[str] = []
    reworded: list[Reworded] = []
    kept = 0
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            kept += i2 - i1
            continue
        olds, news = old[i1:i2], new[j1:j2]
        while olds and news and _alike(olds[0], news[0]):
            reworded.append(word_diff(olds.pop(0), news.pop(0)))
        removed += olds
        added += news
    return Changes(first.id, this.id, headline, added, removed, reworded, kept)


def _alike(a: str, b: str) -> bool:
    return SequenceMatcher(None, a.split(), b.split(), autojunk=False).ratio() >= REWORDED


def word_diff(a: str, b: str) -> Reworded:
    """The words of ``a`` and ``b`` as runs kept, removed ("del") and added ("ins")."""
    old, new = a.split(), b.split()
    runs: list[tuple[str, str]] = []
    changed = 0
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            runs.append(("same", " ".join(old[i1:i2])))
            continue
        if i2 > i1:
            runs.append(("del", " ".join(old[i1:i2])))
        if j2 > j1:
            runs.append(("ins", " ".join(new[j1:j2])))
        changed += max(i2 - i1, j2 - j1)
    return Reworded(runs, changed)
