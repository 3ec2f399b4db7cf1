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
    r"tags?:.{0,200}",
    r"(?:sign in|log in|sign up|subscribe|register)"
    r"(?:\s*[|/]\s*(?:sign in|log in|sign up|subscribe|register))+",
    r"(?:share|like|follow)(?: us)? on (?:facebook|twitter|x|instagram|linkedin|pinterest)",
    r"\W*\w?\W*",
    # an author's bio at the foot of a story: "… is a data reporter for …. You can follow her on Twitter"
    r"[A-Z][\w.' -]{2,60} (?:is|was) (?:a|an|the) [^.]{0,120}"
    r"(?:reporter|writer|editor|correspondent|columnist|journalist|contributor)\b"
    r".{0,200}(?:follow|twitter|email|e-mail|reach) .{0,120}",
]
_END = re.compile(
    r"^\s*(?:you (?:might|may) also like|related (?:articles?|stories|content|coverage|links)"
    r"|more from .{1,40}"
    r"|more (?:stories|news|articles)(?: from .{1,40})?|recommended(?: for you)?|most (?:popular|read|viewed)"
    r"|(?:what to )?read next|trending(?: now)?|you might be interested in|around the web|promoted stories"
    r"|from (?:our|the) partners|sponsored (?:stories|content|links))\s*:?\s*$",
    re.I,
)
_LINE = re.compile(r"^\s*(?:" + "|".join(_BOILERPLATE) + r")\s*$", re.I)


def ends_story(line: str) -> bool:
    """True for a heading after which a page lists other stories ("You Might Also Like")."""
    return bool(_END.match(line))


def is_boilerplate(line: str) -> bool:
    """True when a whole line is site furniture rather than part of the story."""
    return bool(_LINE.match(line))
