"""Bylines into people's names: "By Jane Doe and John Roe, AP" → ["Jane Doe", "John Roe"] + outlet "AP"."""

from __future__ import annotations

import re

AGENCIES = {
    "ap": "AP", "associated press": "Associated Press", "reuters": "Reuters", "afp": "AFP",
    "agence france-presse": "AFP", "bloomberg": "Bloomberg", "press association": "Press Association",
    "pa": "PA", "bang showbiz": "BANG Showbiz", "upi": "UPI", "dpa": "dpa", "efe": "EFE",
    "xinhua": "Xinhua", "huffpost": "HuffPost", "bbc news": "BBC News", "cnn": "CNN",
}
_PREFIX = re.compile(r"^\s*(?:written\s+)?(?:by|from|author:?|words:?|reporting by)\s+", re.I)
_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b|\||/|\bwith\b)\s*", re.I)
_ROLE = re.compile(
    r"\b(?:staff|senior|chief|political|foreign|business|science|health|technology|sports?|"
    r"entertainment|contributing|special|managing|associate)?\s*"
    r"(?:writer|reporter|correspondent|editor|columnist|contributor|journalist)s?\b.*$",
    re.I,
)


def split_byline(text: str | None) -> tuple[list[str], str | None]:
    """People named in a byline, and the agency/outlet if the byline names one."""
    if not text:
        return [], None
    people: list[str] = []
    outlet = None
    for part in _SPLIT.split(_PREFIX.sub("", " ".join(text.split()))):
        part = _ROLE.sub("", _PREFIX.sub("", part)).strip(" .-–—:")
        if not part:
            continue
        agency = AGENCIES.get(part.casefold())
        if agency:
            outlet = outlet or agency
        elif _looks_like_name(part) and part not in people:
            people.append(part)
    return people, outlet


def _looks_like_name(text: str) -> bool:
    words = text.split()
    return 1 <= len(words) <= 5 and any(ch.isalpha() for ch in text) and "@" not in text
