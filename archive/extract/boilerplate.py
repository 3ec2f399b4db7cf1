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
    r"(?:see|also read|read) also:.{0,200}",
    r"(?:next|previous|prev) (?:post|article|story|page)",
    r"(?:more )?(?:related|recommended)(?: articles?| stories| content)?(?: to this (?:story|article))?:?",
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
    r"|from (?:our|the) partners|sponsored (?:stories|content|links)"
    r"|suggested (?:reads|stories|articles|videos|for you)"
    r"|tell us what you think|(?:leave|post|add) a comment|join the (?:conversation|discussion)"
    r"|comments?(?: \(\d+\))?)\s*:?\s*$",
    re.I,
)
_LINE = re.compile(r"^\s*(?:" + "|".join(_BOILERPLATE) + r")\s*$", re.I)
# a line that is only a date and/or a time ("Dec 12, 2014 12:06 PM", "12.22.14 |", "Updated 6:30 am ET")
_MONTH = (r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
          r"|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\b\.?")
_WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|(?:mon|tue|wed|thu|fri|sat|sun)\b\.?"
_STAMP_ANCHOR = re.compile(rf"\b{_MONTH}|\b{_WEEKDAY}|\d:\d\d|\b\d{{1,4}}[./-]\d{{1,2}}[./-]\d{{2,4}}\b",
                           re.I)
_STAMP_WORD = re.compile(
    rf"\b{_MONTH}|\b{_WEEKDAY}|\b[ap]\.?m\.?(?!\w)|\b(?:[ECMP][SD]?T|GMT|UTC|BST|CES?T|AE[SD]T)\b"
    r"|\b(?:updated|published|posted|last|on|at)\b|\d+(?:st|nd|rd|th)?",
    re.I,
)


def ends_story(line: str) -> bool:
    """True for a heading after which a page lists other stories ("You Might Also Like")."""
    return bool(_END.match(line))


def is_boilerplate(line: str) -> bool:
    """True when a whole line is site furniture rather than part of the story."""
    return bool(_LINE.match(line))


def is_timestamp(line: str) -> bool:
    """True for a line that holds a date or a time and nothing else."""
    if len(line) > 60 or not _STAMP_ANCHOR.search(line):
        return False
    rest = _STAMP_WORD.sub("", line)
    return not any(c.isalnum() for c in rest)
