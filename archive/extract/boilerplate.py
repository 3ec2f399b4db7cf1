"""Lines that news sites wrap around an article and that copying drags along: they are not body text."""

from __future__ import annotations

import re

_BOILERPLATE = [
    r"view this post on instagram",
    r"a post shared by .{1,80}",
    r"subscribe to (?:our|the) .{0,80}newsletter.*",
    r"sign up (?:to|for) (?:our|the) .{0,80}newsletter.*",
    r"(?:share|tweet|email|print)(?: this)?(?: article| story)?",
    r"(?:share on|follow us on) (?:facebook|twitter|x|instagram|whatsapp|linkedin).*",
    r"advertisement",
    r"read more:?.{0,120}",
    r"(?:related|recommended)(?: articles?| stories| content)?:?",
    r"click here to .{0,120}",
    r"image (?:copyright|source|caption).{0,120}",
    r"getty images",
]
_LINE = re.compile(r"^\s*(?:" + "|".join(_BOILERPLATE) + r")\s*$", re.I)


def is_boilerplate(line: str) -> bool:
    """True when a whole line is site furniture rather than part of the story."""
    return bool(_LINE.match(line))
