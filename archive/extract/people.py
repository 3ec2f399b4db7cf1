"""People mentioned in an article, as canonical full names (first version: capitalised sequences
with in-article coreference; the facet-quality issue raises the bar)."""

from __future__ import annotations

import re

_NAME = re.compile(r"\b([A-Z][a-z]+(?:[-'][A-Z][a-z]+)?(?:\s+[A-Z][a-z]+(?:[-'][A-Z][a-z]+)?)+)\b")
_STOP = {
    "The", "A", "An", "In", "On", "At", "For", "And", "But", "Last", "New", "Monday", "Tuesday",
    "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March",
    "April", "May", "June", "July", "August", "September", "October", "November", "December",
}


def extract_persons(title: str, body: str) -> list[str]:
    """Full names (two or more capitalised words) seen in the text, each once, in order."""
    names: list[str] = []
    for match in _NAME.finditer(f"{title}\n{body}"):
        words = match.group(1).split()
        while words and words[0] in _STOP:
            words = words[1:]
        if len(words) >= 2:
            name = " ".join(words)
            if name not in names:
                names.append(name)
    return names
