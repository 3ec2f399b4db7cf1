"""Names an article shows but cannot confirm as people by itself, kept for the archive to decide.

"Trump Slams Critics" (a headline Written Like This, where "Trump" is also an ordinary word),
"Ivanka Trump Speaks Out", "TREASURY'S BAKER SAYS …" (a newswire headline in capitals), or a name
with no cue around it: the article alone cannot tell a person
from a word, a firm or a title. Across the archive it often can (:mod:`.across`): a pair of words
that other articles list as a person is that person; a surname alone is the person the archive
names by it in the same period, when one full name dominates. The candidates are plain names,
recorded with the article (``Article.candidates``) and never shown as people unless confirmed so.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Protocol

from .names import Lexicon

MAX_CANDIDATES = 24
_STRONG_ORG = 2  # coref.STRONG: organisation evidence that rules a name out for good
_WORD = re.compile(r"^[\"'“‘(]*([^\W\d_][\w.'’-]*?)(?:['’]s)?[\"'”’),:;.!?]*$")
_NAME_WORD = re.compile(r"^[^\W\d_a-z][^\W\d_]+(?:-[^\W\d_]+)*$")


class Mention(Protocol):
    words: list[str]
    cue: int
    org: int


def unconfirmed(persons: Sequence[str], mentions: Iterable[Mention], title: str, lex: Lexicon) -> list[str]:
    """Candidate names of one or two words that are not among ``persons`` (nor a word of one of them):
    the runs the rules did not confirm, and the capitalised words of the headline as written."""
    taken = {word for name in persons for word in name.split()} | {f" {name} " for name in persons}
    found: dict[str, None] = {}
    for mention in mentions:  # a lone word in the text needs some cue ("with Trump"; not "Ward's Reports")
        if mention.org < _STRONG_ORG and (len(mention.words) == 2 or len(mention.words) == 1 and mention.cue):
            _add(found, mention.words, taken, lex)
    for word in _capitals_cued(title, lex):  # "TREASURY'S BAKER SAYS …": "Baker", for the archive
        _add(found, [word], taken, lex)
    raw = title.split()
    words = [_core(word) for word in raw] + [""]
    for index, word in enumerate(words[:-1]):
        if not _plausible(word, lex):
            continue
        before = words[index - 1] if index and raw[index - 1][-1:].isalnum() else ""  # not after "Cheney:"
        if not (_plausible(before, lex) and not lex.is_word(before)):  # not the surname of "Ivanka Trump"
            _add(found, [word], taken, lex)
        after, then = words[index + 1], words[index + 2] if index + 2 < len(words) else ""
        if _plausible(after, lex) and then not in lex.suffixes and then.rstrip(".") not in lex.suffixes:
            _add(found, [word, after], taken, lex)  # not "Donald Trump" of "Donald Trump Jr."
    return list(found)[:MAX_CANDIDATES]


def in_capitals(words: Sequence[str]) -> bool:
    """A headline IN CAPITALS: four words in five or more ("CANADA BUDGET DEFICIT DECLINE …")."""
    return sum(word.isupper() for word in words) >= 0.8 * len(words)


def _capitals_cued(title: str, lex: Lexicon) -> list[str]:
    """In a headline IN CAPITALS (newswire's), a word between a title or an owner's "'S" and a verb
    of saying, written as a name: "TREASURY'S BAKER SAYS U.S. …", "JAPAN'S NAKASONE URGES …",
    "VOLCKER SAYS …" → "Baker", "Nakasone", "Volcker". Only the archive can tell which person (if
    any) that is, by the surname it establishes near the article's date."""
    raw = title.split()
    if len(raw) < 3 or not in_capitals(raw):
        return []
    found = []
    for index, word in enumerate(raw):
        before = raw[index - 1] if index else ""
        after = raw[index + 1].rstrip(",:") if index + 1 < len(raw) else ""
        titled = before.endswith(("'S", "’S")) or before in _OFFICES  # not "PRIVATE BOND", "DEAN WITTER"
        cued = titled or after in _SAYING and not before  # not "BAKER HUGHES SAYS", "WHITE HOUSE SAYS"
        name = word.title()
        if cued and word.isalpha() and len(word) > 2 and after not in _SAYING_NOT and _plausible(name, lex):
            found.append(name)
    return found


_SAYING = frozenset({"SAYS", "SAID", "URGES", "WARNS", "SEES", "CALLS", "DENIES", "ASKS", "BACKS",
                     "PREDICTS", "EXPECTS", "REJECTS", "PROPOSES", "DEFENDS", "ATTACKS", "PLEDGES"})
_SAYING_NOT = frozenset({"INC", "CORP", "CO", "LTD", "PLC", "GROUP"})
_OFFICES = frozenset({"PRESIDENT", "PREMIER", "CHANCELLOR", "SECRETARY", "MINISTER", "GOVERNOR",
                      "SENATOR", "SPEAKER", "CHAIRMAN", "REPRESENTATIVE", "AMBASSADOR", "MAYOR", "KING",
                      "QUEEN", "POPE"})


def _add(found: dict[str, None], words: list[str], taken: set[str], lex: Lexicon) -> None:
    """A single word not in a name of the article's people; a pair not part of one ("Ivanka Trump"
    beside Donald Trump is a candidate, "Trump" is not)."""
    name = " ".join(words)
    inside = any(f" {name} " in person for person in taken if person.startswith(" "))
    if all(_plausible(word, lex) for word in words) and not inside and (len(words) > 1 or name not in taken):
        found.setdefault(name)


def _core(word: str) -> str:
    match = _WORD.match(word)
    return match.group(1) if match else ""


def _plausible(word: str, lex: Lexicon) -> bool:
    """Could be a word of a name: capitalised, not a function word, a title, a place or an
    organisation word, not in capitals."""
    return (
        bool(_NAME_WORD.match(word))
        and not word.isupper()
        and word not in lex.stop
        and word not in lex.honorifics
        and word not in lex.non_person
        and word not in lex.places
        and word not in lex.suffixes
        and f"{word}." not in lex.suffixes
    )
