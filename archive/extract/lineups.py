"""Team line-ups and lists of scorers in sports reports: players by surname, one list a line.

    James, Mills, Distin, Dunne, Thatcher, Shaun Wright-Phillips, Bosvelt (McManaman 85), Fowler.
    Subs Not Used: Macken, Weaver, Onuoha, Jordan.
    Replacements: Gotting, McKenzie, Lock, Hart, Biljon, Brooks, Hoadley
    Scorers: Shearer 5, Ferdinand 23 pen
    Scotland - Rowen Shepherd; Tony Stanger, Alan Tait, Gregor Townsend, Kenny Logan; …
    - M Blair (Edinburgh), A Craig (Glasgow), C Cusiter (Borders), B O'Driscoll (Ireland, capt), …
    Newcastle 3 (Shearer 23, 70, Ferdinand 55 pen) Leeds 0

Every entry of such a list is a player, a person, even a surname that is also an ordinary word
("Lock", "Hart", "Jordan"): the shape of the line says so, not the words. A line is a line-up when
all of it is such entries, separated by commas or semicolons: three or more after a label of the
sport ("Subs Not Used:", "Scorers:") or a team's name ("Chelsea:"), six or more without one, and at
most one of them a place (a list of countries or cities is not a team). The team that labels a
line-up is no speaker ("Juventus: …" is not a person saying something). The scorers a match summary
brackets after a team and its score are players too.
"""

from __future__ import annotations

import re

from .names import Lexicon

_NAME_WORD = r"(?:[A-Z][a-z]?')?[A-Z][\w'’-]*"  # "Distin", "Wright-Phillips", "O'Driscoll", "McManaman"
_NAME = rf"{_NAME_WORD}(?: (?:van |de |da |van der )?{_NAME_WORD}){{0,2}}"
# an entry: a name, the captain's mark ("(capt)"), minutes ("23", "45 pen", "90+2"), then in brackets
# a substitute with his minute ("(McManaman 85)") or the player's club, which is no player ("(Ospreys)")
_MINUTE = r" \d{1,3}(?:\+\d)?(?: ?(?:pen|og))?"
_MARK = r" \((?:capt(?:ain)?|c|gk)\.?\)"
_ENTRY = re.compile(rf"^({_NAME})(?:{_MARK})?(?:{_MINUTE})*(?: \(({_NAME})(?:{_MINUTE})+\)| \({_NAME}\))?$")
# "Chelsea: …", "Subs: …", and as newswire writes a team's line-up, "France - Jean-Luc Sadourny; …"
_LABEL = re.compile(r"^([A-Z][\w.'-]*(?: [A-Za-z][\w.'-]*){0,3})(?:: | - )")
# what a sports report puts before a list of players, besides a team's name ("Chelsea:", "Man City:")
_SPORT_LABEL = re.compile(
    r"^(?:subs(?:titutes)?|replacements|scorers|goalscorers|goals|tries|bookings|booked|sent off|"
    r"team|line-up|squad|starting|bench)\b",
    re.I,
)
_BULLET = re.compile(r"^[-•*–][ \t]+")  # "- M Blair (Edinburgh), A Craig (Glasgow), …"
_CAPTAIN = re.compile(r",[ \t]*capt(?:ain)?\.?\)")  # "B O'Driscoll (Ireland, capt)": the club is kept
_SEPARATOR = re.compile(r"[ \t]*[;,][ \t]*")
_WITH_LABEL, _WITHOUT = 3, 6
# scorers in brackets after a team and its score, each with his minutes: "Arsenal 2 (Wright 15, Bergkamp
# 60 pen)"; not a figure of a market report ("steadier 7750 (Total 10400)")
_MINUTES = rf"{_MINUTE}(?:,{_MINUTE})*"
_SCORER = re.compile(rf"({_NAME}){_MINUTES}(?:, |$)")
_SCORERS = re.compile(rf"(?<![\w.'-])[A-Z][\w.'-]* \d{{1,2}} \(((?:{_NAME}{_MINUTES}, )*{_NAME}{_MINUTES})\)")
# a function word of running text: a line that has one is prose, looked at no further
_PROSE = re.compile(r"[ ,;:](?:the|of|and|to|in|for|on|at|with|is|was|said|from|by|a|an|that|it|as) ")


def line_ups(text: str, lex: Lexicon) -> tuple[list[str], set[str]]:
    """The players of each line-up line of ``text`` and the scorers bracketed after a team's score, in
    order, each once; and the teams that label line-ups ("Juventus: Angelo Peruzzi; …"), which are
    no speakers."""
    found: dict[str, None] = {}
    teams: set[str] = set()
    for line in text.splitlines():
        if line.count(",") + line.count(";") >= _WITH_LABEL - 1 and not _PROSE.search(line):
            players, team = _players(_BULLET.sub("", _CAPTAIN.sub(")", line.strip())), lex)
            found.update(dict.fromkeys(players))
            if players and team:
                teams.add(team)
        if "(" in line:
            found.update(dict.fromkeys(_scorers(line, lex)))
    return list(found), teams


def _scorers(line: str, lex: Lexicon) -> list[str]:
    """ "Newcastle 3 (Shearer 23, 70, Ferdinand 55) Leeds 0": who scored, and when, after the score."""
    names = []
    for group in _SCORERS.finditer(line):
        names.extend(entry.group(1) for entry in _SCORER.finditer(group.group(1)))
    return [name for name in names if not (name in lex.places or name.isupper() or _function_word(name, lex))]


def _players(line: str, lex: Lexicon) -> tuple[list[str], str | None]:
    """A line-up line's players, and the team that labels it (not "Subs:", "Scorers:")."""
    label = _LABEL.match(line)
    team = label.group(1) if label and not _SPORT_LABEL.match(label.group(1)) else None
    if team and _ordinary(team, lex):
        return [], None  # "Sponsors: Ford, Chrysler, Toyota"
    body = line[label.end():] if label else line
    entries = _SEPARATOR.split(body.rstrip(". "))
    if len(entries) < (_WITH_LABEL if label else _WITHOUT):
        return [], None
    names = []
    for entry in entries:
        match = _ENTRY.match(entry)
        if match is None:
            return [], None
        names.extend(name for name in match.groups() if name)
    places = sum(name in lex.gazetteer or name in lex.places for name in names)
    if places > 1 or any(name.isupper() or _function_word(name, lex) for name in names):
        return [], None  # "Ford, GM, …", "The Times"
    return names, team


def _function_word(name: str, lex: Lexicon) -> bool:
    """A function word in the name, not an initial ("A Titterrell", "O Smith")."""
    return any(len(word) > 1 and word in lex.stop for word in name.split())


def _ordinary(label: str, lex: Lexicon) -> bool:
    """A label of ordinary words ("Sponsors", "Members"), not a team's name ("Chelsea", "Man City")."""
    return all(lex.is_common(word) for word in label.split())
