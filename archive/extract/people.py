"""People mentioned in an article, as canonical full names.

Rules, not a model (fast and explainable). Capitalised runs of words are cut at function words,
sentence ends and titles. Each mention carries what its context says: a title before it
("Prof.", "President"), a role ("actress", "spokesman", "an Australian woman"), an author's or a
given name ("attributed to", "my name is"), a speech verb or an age after it ("Beckinsale, 47,
said"), a speaker label at the start of a line. A name is a person when the evidence over all its
mentions (and those of its surname alone) is enough for its kind of words: a known first name
needs nothing more; unusual words ("Hamdullah Mohib", "Kwok Ka-ki") need little; ordinary English
words need a title; a full name side by side in a list with a person ("Ansel Adams, Chuck Close")
needs only to look like a name. Fictional characters and storms ("Cyclone Phailin") are left out.
Then in-article coreference (:mod:`archive.extract.coref`): a surname or first name alone, a
possessive or a shorter form ("Raymond Chan" beside "Raymond Chan Chi-chuen") counts for the
fullest name the article uses, a short and a formal first name or a respelling ("Larry"/"Lawrence
Lessig") are one person, and a lone surname with strong evidence stands for a person named only so.
Word lists: :mod:`archive.extract.names`.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from functools import cache

from .candidates import in_capitals, unconfirmed
from .coref import (
    NONE,
    NOT_A_NAME_ENDING,
    NUMBER,
    ROLE,
    STRONG,
    TITLE,
    WEAK,
    _initialled_as,
    last_non_person,
    resolve,
)
from .lineups import line_ups
from .names import Lexicon, lexicon

_UPPER = "".join(chr(c) for c in range(0x41, 0x250) if chr(c).isupper())
_LETTER = r"[^\W\d_]"
# One name word: "Beckinsale" (not its "'s"), "Clark-Coates", "O'Brien", "d'Ettorre", "Shin-Wook",
# "McBride", "al-Assad"; an initial "H." or "K.C."; a trailing dot is kept for the checks below.
_WORD = (
    rf"(?:[dDlL]'|al-|el-)?[{_UPPER}](?:{_LETTER}|'(?!s\b){_LETTER}|-{_LETTER})*\.?"
    rf"(?:[{_UPPER}]\.)*"
)
_PARTICLE = r"(?:de|da|di|del|della|dos|das|do|du|van|von|der|den|ter|te|la|le|bin|ibn|bint|al|el|zu|arap)"
_RUN = re.compile(rf"(?<![\w@#/.'-]){_WORD}(?:[ \t]+(?:{_PARTICLE}[ \t]+)*{_WORD})*")
_SENTENCE_MARKS = frozenset(".!?:;\"“”‘([\n•|—–")  # before a run that opens a sentence
_BEFORE_WORD = re.compile(r"([\w'-]+),?[ \t]*$")
_BEFORE_TWO = re.compile(r"([\w'-]+)[ \t]+([\w'-]+)[ \t]*$")
_TWO_REVERSED = re.compile(r"[ \t]*([\w'-]+)[ \t]+([\w'-]+)")  # _BEFORE_TWO on the reversed text
_WORD_REVERSED = re.compile(r"[ \t]*,?([\w'-]+)")  # _BEFORE_WORD on the reversed text
_AFTER_ORG = re.compile(r"^('s)?[ \t]+([a-z]+(?:-[a-z]+)?)(?:[ \t]+([a-z]+))?")
_LIST_GAP = re.compile(r",[ \t]+(?:(?:and|or|&)[ \t]+)?|[ \t]+(?:and|or|&)[ \t]+")
_IN_LIST = re.compile(r"(?:\band|&|,)[ \t]*$")
# "Houston-based Continental" is a company; "Dutch-born Anton Corbijn" a person.
_ORG_PREFIX = re.compile(r"-(?:based|listed|owned|headquartered|registered|controlled)$")
_ROLE_PREFIX = re.compile(r"-(?:born|winner|winning|nominated|raised|educated)$")
_MODIFIERS = {"Former", "Acting", "Interim", "Ex", "Late"}
_NAME_TITLES = {"Sheikh", "Shaikh", "Sheik"}  # titles that are also parts of names
_ABOUT = re.compile(r"-(?:related|linked|led|era|style|themed|inspired|funded|backed|allied)$", re.I)
# Two words that make the next name a company or a place: "shares in X", "state of X".
_ORG_TWO = {
    ("shares", "in"),
    ("stake", "in"),
    ("takeover", "of"),
    ("merger", "with"),
    ("state", "of"),
    ("province", "of"),
    ("city", "of"),
    ("town", "of"),
    ("shares", "of"),
    # who works there: "analyst at Kidder Peabody", "economist with Morgan Stanley", "chairman of X"
    ("analyst", "at"),
    ("analysts", "at"),
    ("analyst", "with"),
    ("economist", "at"),
    ("economists", "at"),
    ("economist", "with"),
    ("strategist", "at"),
    ("dealer", "at"),
    ("dealers", "at"),
    ("trader", "at"),
    ("traders", "at"),
    ("chairman", "of"),
    ("president", "of"),
    # a title with its territory names a place, not the person: "the Duke of Sussex says"
    *((title, "of") for title in ("duke", "duchess", "earl", "countess", "marquess", "marchioness",
                                  "viscount", "baron", "baroness", "prince", "princess", "king",
                                  "queen", "emperor", "bishop", "archbishop", "mayor", "governor")),
}
# A stock ticker in angle brackets after a name, or the name inside them: "Reliance Electric <REE>",
# "the French petrochemical concern <Petro Chemie>".
_TICKER_AFTER = re.compile(r"^[ \t]*<[A-Z][A-Z.]*>")
# A team's score in a line of results, then the other team: "Hertha Berlin 0 Bayer Leverkusen 3"
_SCORE_AFTER = re.compile(r"^[ \t]+\d{1,2}[ \t]+[A-Z]")
# … and the other team, between its score and the line's end: the line before it, the score after it
_HOME_SCORE = re.compile(r"[A-Za-z][^\n]* \d{1,2}[ \t]+$")
_AWAY_SCORE = re.compile(r"^[ \t]+\d{1,2}[ \t]*(?:\n|$)")
# What a firm's name ends with: "Chrysler Corp", "Kidder, Peabody and Co", "Salomon Brothers Inc",
# "Merrill Lynch Capital Markets", "Morgan Stanley International".
_FIRM_END = re.compile(
    r",?[ \t]+(?:and|&)[ \t]+Co(?![\w-])"
    r"|[ \t]+(?:Inc|Corp|Co|Cos|Plc|PLC|Ltd|Brothers|Capital|International|Group|Securities|Holdings|GmbH|AG|"
    r"P\.C|LLP|L\.P)"
    r"(?![\w-])"
)
# "and" only before the last word: "Fenner and Smith Inc", "Tata Iron and Steel"; not "investor Asher
# Edelman and Dominion Textile Inc"
_FIRM_NAME = re.compile(rf"{_WORD}(?:,?[ \t]+{_WORD})*(?:,?[ \t]+(?:and|&)[ \t]+{_WORD})?(?:'s)?$")
_FIRM_PIECES = re.compile(r",[ \t]*|[ \t]+(?:and|&)[ \t]+")
# Institutions named by what follows their "of": "Bank of Nova Scotia".
_HOLDERS = {"Bank", "Banque", "Banco", "Banca", "Company", "Corporation"}
# Nouns a capitalised name can be glued to: "the Reagan Administration" is Reagan's.
_GOVERNED = {"Administration", "Government", "Cabinet", "Presidency"}
_APPOINTED = frozenset({"elected", "named", "appointed", "nominated", "made"})
# a name with "'s" and then a verb is a firm's, not a possessive: "McDonald's said", "Heck's added"
_FIRM_SAYS = re.compile(r"^'s[ \t]+(?:said|says|announced)\b")
# a role and then a name after a name (no "'s" between): "William Hill spokesman Rupert Adams"
_EMPLOYER = re.compile(r"^[ \t]+([a-z]+)[ \t]+[A-Z][a-z]")
# a name that says what "its" profit, board or unit did is a firm's: "Goldman Sachs said its …"
_SAID_ITS = re.compile(r"^[ \t]+(?:said|says|reported|announced|posted)[ \t]+its\b")
_AGE = re.compile(r"^(?:,[ \t]*\d{1,3},|[ \t]*\(\d{1,3}\))")
_AFTER_WORDS = re.compile(r"^(?:'s)?,?[ \t]*([a-z]+)(?:[ \t]+([a-z]+))?")
_LABEL = re.compile(r"^[ \t]*:")
# A country after a name, as results and reports give it: "Zhang Linli (China)", "Haile Gebrselassie
# of Ethiopia".
_COUNTRY_AFTER = re.compile(rf"^[ \t]*(?:\(({_WORD}(?: {_WORD})?)\)|of[ \t]+({_WORD}(?: {_WORD})?)(?![\w-]))")
# What follows a competitor's country in a line of results: "Sun Jun (China) beat …", "Retief Goosen
# (South Africa)" at the end of a line of scores, "Jarmo Sandelin (Sweden), Padraig Harrington".
_RESULT_AFTER = re.compile(r"[ \t]*(?:beat\b|bt\b|\d|[,;\n]|$)")
# ", former editor-in-chief", ", an Australian woman" (a nationality, not "Roma, the England skipper")
_APPOSITION = re.compile(
    r"^,[ \t]+(?:(?:the|a|an|former|then|now|current|its|his|her|their)[ \t]+)*"
    r"(?:([A-Z][a-z]+(?:an|ese|ish|i|ch))[ \t]+)?([a-z-]+)"
)
_INITIAL = re.compile(rf"^(?:[{_UPPER}]\.)+$|^[{_UPPER}]$")
# Words of the game, for telling a sports report from other news (:func:`_sports_report`).
_SPORT_WORDS = frozenset(
    "scored scorer scorers scoring goal goals goalkeeper striker midfielder defender wicket wickets "
    "innings batsman bowler half-time penalty penalties seed seeds seeded semi-final semi-finals "
    "quarter-final quarter-finals tournament matches match race lap laps medal coach tries fly-half "
    "scrum rebounds touchdown touchdowns overs champion champions championship title win won beat "
    "defeat victory squad league club team player players cup century bowled batting birdie bogey putt "
    "podium sprint winger unbeaten referee hat-trick equaliser equalizer relegation fixture fixtures".split()
)
_LOWER_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")
_SPORT_WORDS_NEEDED = 4
_CONTEXT = 40
_PUNCTUATION = "\"'“”‘’()[]:;,.!?"
_POSSESSIVE = re.compile(r"['’]s$")
_INITIALS = re.compile(r"(?:[A-Z]\.)+")
_CONTRACTION = re.compile(r"n['’]t$|['’](?:ll|re|ve|d|m)$", re.I)
_LIST_ITEM = re.compile(rf"[{_UPPER}][a-z]+, $")
# "Rebecca and I put it together": only a person is coordinated with the speaker.
_WITH_SPEAKER = re.compile(r"^[ \t]+and[ \t]+I(?![\w'])")
# A lone word followed by a verb and, before any other capital, "he" or "she" ("Gorbachev agreed to a
# quite remarkable concession: he agreed", "Clinton came into office what did he do?").
_PRONOUN_AFTER = re.compile(
    r"^[ \t]+([a-z]+)(?:[ \t,:;]+[a-z]+){0,7}(?:[,:;][ \t]*|[ \t]+(?:and|but|did|so|then)[ \t]+)(?:he|she)\b"
)
# A reference list line, "Surname, Given Names. Title": "Austen, Jane. Pride and Prejudice",
# "Marx, Karl and Engels, Friedrich. The Communist Manifesto".
_CITATION = re.compile(
    rf"^({_WORD}), ({_WORD}(?: {_WORD})?)(?: and ({_WORD}), ({_WORD}(?: {_WORD})?))?\. [{_UPPER}\"“]",
    re.MULTILINE,
)

# A nickname in quotes between the given name and the surname, one name as the text writes it:
# 'William Mailes "Cowboy" Cowley', "Ahmed 'Mido' Hossam". Found from the quotes (a search for the
# names first is slow: a name word can start anywhere), then the given names before them.
_NICKNAME = re.compile(
    rf"(?:\"{_WORD}(?: {_WORD})?\"|“{_WORD}(?: {_WORD})?”|'{_WORD}(?: {_WORD})?'|‘{_WORD}(?: {_WORD})?’)"
    rf"[ \t]+{_WORD}(?![\w'’-])"
)
_GIVEN_BEFORE = re.compile(rf"(?<![\w'-]){_WORD}(?:[ \t]+{_WORD})?[ \t]+$")
# A sovereign's or a pope's name and number: "Elizabeth II", "Pope John Paul II", "Carlos I of
# Spain". Found from the number, then the name (and a title) before it.
_NUMBER = re.compile(rf"[ \t]({NUMBER})(?=['’]s\b|[^\w'’-]|$)")
_SOVEREIGNS = r"(?:King|Queen|Pope|Emperor|Empress|Tsar|Czar|Kaiser|Prince|Princess)[ \t]+"
_TITLED = re.compile(_SOVEREIGNS)
_SOVEREIGN_BEFORE = re.compile(rf"(?<![\w'-])({_SOVEREIGNS})?({_WORD}(?:[ \t]+{_WORD})?)$")
_BEFORE = 60  # characters looked at before a nickname or a number for the names


@dataclass
class _Mention:
    words: list[str]
    cue: int
    start: bool  # the first word opens a sentence
    org: int = NONE  # organisation evidence: WEAK ("the X", "X have"), STRONG ("band X", "X shares")
    quoted: bool = False  # the whole of a double-quoted phrase: "The "Ted Lasso" star"


def extract_persons(title: str, body: str) -> list[str]:
    """Each person the article mentions, once, by the fullest name it uses, in order of mention (the
    players that only its line-ups name last: :mod:`.lineups`)."""
    return people_and_candidates(title, body)[0]


def people_and_candidates(title: str, body: str) -> tuple[list[str], list[str]]:
    """The article's people, and the names it shows but cannot confirm alone (a surname in a
    headline, a name with no cue: :mod:`.candidates`), for the archive's evidence to decide."""
    names, mentions = _extract(title, body)
    return names, unconfirmed(names, mentions, title, lexicon())


def _extract(title: str, body: str) -> tuple[list[str], list[_Mention]]:
    lex = lexicon()
    text, firms = _read(title, body)
    mentions: list[_Mention] = []
    listed: list[tuple[str, str]] = []  # names side by side in a list: "Ansel Adams, Chuck Close"
    alone: list[tuple[str, str]] = []  # … the first a run of one word: "Gerald and Sherri Padalecki"
    end, one_word = -1, False
    for match in _RUN.finditer(text):
        found = _mentions(text, match, lex)
        if found and mentions and _LIST_GAP.fullmatch(text, end, match.start()):
            listed.append((" ".join(mentions[-1].words), " ".join(found[0].words)))
            if one_word:
                alone.append(listed[-1])
        mentions.extend(found)
        end = match.end() if found else -1
        one_word = len(found) == 1 and found[0].words == [match.group()]
    _mark_firms(mentions, firms)
    _mark_titles(mentions)
    storms = _storms(text, lex)
    found = mentions + _citations(text, lex) + _nicknamed(text, lex) + _regnal(text, lex)
    names = resolve(found, lex, storms, listed, sport=lambda: _sports_report(text))
    names = _with_partners(names, alone, lex)
    names = [name for name in names if " " in name or not _lowercase_elsewhere(name, text)]
    players, teams = line_ups(text, lex)
    names = [name for name in names if name not in teams]  # "Juventus: Angelo Peruzzi; …" is no speaker
    return names + _players_not_named(players, names), mentions


def _with_partners(names: list[str], alone: list[tuple[str, str]], lex: Lexicon) -> list[str]:
    """ "Gerald and Sherri Padalecki", "Madonna, Elton John": a first name standing alone just before
    a person's full name that opens with a first name too is a person of its own, named so."""
    words = {word for name in names for word in name.split()}
    kept: list[str] = []
    for name in names:
        kept.extend(
            first for first, other in alone
            if other == name and first not in words and first not in kept and _first_names(first, lex)
            and first not in lex.places and _first_names(name.split()[0], lex)
        )
        kept.append(name)
    return kept


def _first_names(word: str, lex: Lexicon) -> bool:
    """A first name, or first names joined by a hyphen ("Mary-Kate", "Jean-Luc")."""
    return word in lex.first_names or "-" in word and all(part in lex.first_names for part in word.split("-"))


def _sports_report(text: str) -> bool:
    """Whether the article reports on sport: four or more different words of the game ("scored",
    "wickets", "half-time", "seeded", "fly-half", …). Measured on the BBC's 2,095 articles: 384 of
    the 500 sport reports, 27 of the 1,595 others."""
    return len(_SPORT_WORDS.intersection(_LOWER_WORD.findall(text.lower()))) >= _SPORT_WORDS_NEEDED


def _players_not_named(players: list[str], names: list[str]) -> list[str]:
    """The players of the article's line-ups (:mod:`.lineups`) that are not already among its people,
    by their full name, by a word of it ("Thatcher" of "Ben Thatcher") or by its initial."""
    words = {word for name in names for word in name.split()}
    return [
        player
        for player in players
        if player not in names and (" " in player or player not in words)
        and not any(_initialled_as(player.split(), name.split()) for name in names)  # "M Dawson"
    ]


def firm_names(title: str, body: str) -> set[str]:
    """The names the article gives a corporate ending ("Merrill Lynch" of "Merrill Lynch and Co",
    "Pillsbury" of "Pillsbury Co"; not a first name such as "Merrill"), and the longer names'
    beginnings: counted across the archive, they keep firms out of the person facet in articles
    that name them without one (:mod:`archive.extract.across`)."""
    lex, names = lexicon(), set()
    for name in _read(title, body)[1]:  # "Drexel Burnham" too, of "Drexel Burnham Lambert Inc"
        words = name.split()
        names.update(" ".join(words[:end]) for end in range(2, len(words) + 1))
        if len(words) == 1 and not lex.is_first_name(name):  # "Citibank", "Pillsbury"; not "Merrill"
            names.add(name)
    return names


@functools.lru_cache(maxsize=4096)
def _read(title: str, body: str) -> tuple[str, frozenset[str]]:
    """The text the rules read (the headline as a sentence, then the body) and its firm names.
    Cached: a rebuild asks for an article's firm names right after extracting its people."""
    lex = lexicon()
    text = f"{_as_sentence(title, lex)}\n\n{body}"
    text = text.replace("’", "'").replace("[", "").replace("]", "")
    return text, frozenset(_firms(text, lex))


def prepared_text(title: str, body: str) -> tuple[str, int, int]:
    """The text the tagger reads: the headline as a sentence (:func:`_as_sentence`), a blank line, the
    body; with the headline's end and the body's start in it."""
    head = _as_sentence(title, lexicon()) if title else ""
    return f"{head}\n\n{body}".replace("’", "'"), len(head), len(head) + 2


def _firms(text: str, lex: Lexicon) -> set[str]:
    """Names the article gives a corporate ending: "Chrysler" of "Chrysler Corp"; "Kidder", "Peabody"
    and "Kidder Peabody" of "Kidder, Peabody and Co"; "Smith Barney" and "Harris Upham" of "Smith
    Barney, Harris Upham and Co"; "Merrill Lynch", "Pierce", "Fenner" and "Smith" of "Merrill Lynch,
    Pierce, Fenner and Smith Inc". A piece before a comma that opens with a first name ("John Smith,
    Merrill Lynch and Co") may be a person and is left out, unless the pieces are a list of three or
    more ending in "and" as above."""
    firms = set()
    for end in _FIRM_END.finditer(text):
        found = _FIRM_NAME.search(text, max(0, end.start() - 80), end.start())
        if not found:
            continue
        pieces = [piece.split() for piece in _FIRM_PIECES.split(_POSSESSIVE.sub("", found.group()))]
        if all(len(words) == 1 for words in pieces):
            firms.add(" ".join(words[0] for words in pieces))
        listed = len(pieces) >= 3 and bool(re.search(r"[ \t](?:and|&)[ \t]", found.group()))
        for index, words in enumerate(pieces):
            while words and (words[0] in lex.stop or words[0] in lex.honorifics
                             or _ORG_PREFIX.search(words[0])):  # not "Toronto-based"
                words = words[1:]
            if words and (index == len(pieces) - 1 or listed or not lex.is_first_name(words[0])):
                firms.update((" ".join(words), words[0]))
    return firms


def _mark_firms(mentions: list[_Mention], firms: set[str]) -> None:
    """A name the article also gives a corporate ending is a firm wherever it stands in the article,
    even after a role word ("said lead manager Morgan Stanley and Co Inc")."""
    for mention in mentions:
        if " ".join(mention.words) in firms:
            mention.org, mention.cue = STRONG, min(mention.cue, STRONG)


def _lowercase_elsewhere(word: str, text: str) -> bool:
    """A lone word the article also writes in lower case is an ordinary word: "Blah blah blah"."""
    return re.search(rf"(?<![\w-]){re.escape(word.lower())}(?![\w-])", text) is not None


def _storms(text: str, lex: Lexicon) -> set[str]:
    """The storms the article names; most name none, and a substring test says so faster."""
    if not any(word in text for word in lex.storm_words):
        return set()
    return {match.group(1) for match in _storm_names(lex.storm_words).finditer(text)}


@cache
def _storm_names(words: frozenset[str]) -> re.Pattern:
    """ "Cyclone Phailin", "Hurricane Ivan": the word after a storm word names the storm."""
    storm = "|".join(sorted(map(re.escape, words), key=len, reverse=True))
    return re.compile(rf"\b(?:{storm})[ \t]+([{_UPPER}][a-z]+)\b")


def _citations(text: str, lex: Lexicon) -> list[_Mention]:
    """Authors in reference-list lines, turned round: "Twain, Mark. A Connecticut Yankee…"."""
    found = []
    for match in _CITATION.finditer(text):
        surname, given = match.group(1), match.group(2).split()
        if given[0] not in lex.first_names or lex.is_common(surname):  # "London, Jack. White Fang"
            continue
        found.append(_Mention([*given, surname], ROLE, False))
        if match.group(3) and not lex.is_common(match.group(3)):
            found.append(_Mention([*match.group(4).split(), match.group(3)], ROLE, False))
    return found


def _nicknamed(text: str, lex: Lexicon) -> list[_Mention]:
    """Names with a nickname in quotes ("Harold "Junior" Theriault"): a first name, then the nickname
    and a surname; the nickname stays in the name, as the text gives it."""
    found = []
    for match in _NICKNAME.finditer(text):
        given = _GIVEN_BEFORE.search(text, max(0, match.start() - _BEFORE), match.start())
        if given is None:
            continue
        words = given.group().split() + match.group().split()
        if words[-1].endswith(".") and not _INITIAL.match(words[-1]):
            words[-1] = words[-1][:-1]  # the sentence's full stop
        if words[0] in lex.honorifics or words[0].endswith(".") and not _INITIAL.match(words[0]):
            words = words[1:]  # "Reps. Jesús “Chuy” García"
        first, surname = words[0], words[-1]
        named = first in lex.first_names or not (lex.is_common(first) or first in lex.gazetteer)
        if len(words) > 2 and named and (surname in lex.surnames or not lex.is_common(surname)):
            found.append(_Mention(words, TITLE, False))
    return found


def _regnal(text: str, lex: Lexicon) -> list[_Mention]:
    """Sovereigns and popes by name and number ("Louis XVI", "John Paul II"): given names only, and
    "I" only after a title or before "of" ("Carlos I of Spain"; not "… Elizabeth I said")."""
    found = []
    for match in _NUMBER.finditer(text):
        number, start = match.group(1), max(0, match.start() - _BEFORE)
        if not text[match.start() - 1 : match.start()].isalpha():
            continue  # a name's last letter, one space, the number
        of = text.startswith(" of ", match.end())
        if number == "I" and not of and not _TITLED.search(text, start, match.start()):
            continue  # the speaker, the commonest "I" by far: looked at no further
        before = _SOVEREIGN_BEFORE.search(text, start, match.start())
        if before is None:
            continue
        title, names = before.group(1), before.group(2).split()
        if number == "I" and not (title or of):
            continue
        if all(lex.is_first_name(name) or title and name in lex.first_names for name in names):
            found.append(_Mention([*names, number], TITLE, False))
    return found


def _title_case(title: str) -> bool:
    """A headline Written Like This: its capitals say nothing about names."""
    words = [word for word in title.split() if len(word) > 3 and word[0].isalpha()]
    return len(words) >= 3 and sum(word[0].isupper() for word in words) >= 0.8 * len(words)


def _as_sentence(title: str, lex: Lexicon) -> str:
    """A headline Written Like This with its ordinary words in lower case, so that its capitals say
    what they say in a sentence: "Chris Hemsworth dances 'wrecking ball' with his kids in the living
    room". A headline IN CAPITALS says nothing and is left out."""
    if not _title_case(title):
        return title
    words = title.split(" ")
    if in_capitals(words):
        return ""  # "CANADA BUDGET DEFICIT DECLINE TO SLOW IN LATE 1980S - OFFICIAL Reuter"
    keep = [_name_like(word, lex) for word in words]
    _keep_first_names(words, keep, lex)
    _keep_surnames(words, keep, lex)
    _drop_descriptions(words, keep, lex)
    return " ".join(word if kept else word.lower() for word, kept in zip(words, keep, strict=True))


def _keep_first_names(words: list[str], keep: list[bool], lex: Lexicon) -> None:
    """A first name that is also a word, before a name: "Matt Lauer", "Marine Le Pen"."""
    for i in range(len(words) - 2, -1, -1):
        core = _core(words[i])
        keep[i] = keep[i] or keep[i + 1] and core in lex.first_names and core.lower() not in lex.cues_before


def _drop_descriptions(words: list[str], keep: list[bool], lex: Lexicon) -> None:
    """Before the first name in a run of capitals, the other words describe the person: "U.S.-born
    skier Eileen Gu", "ex-NYT columnist Nicholas Kristof", "Rep. Ted Lieu"."""
    start = 0
    for i, word in enumerate(words):
        if not keep[i]:
            start = i + 1
        elif _core(word) in lex.first_names and start >= 0:
            keep[start:i] = [False] * (i - start)
            start = -1  # until the run ends


def _keep_surnames(words: list[str], keep: list[bool], lex: Lexicon) -> None:
    """A surname that is also a word, after a first name that opens a name ("Donald Trump", "Kevin
    Spacey"), a particle ("Jeff Van Drew"), a first name and a name that is no word ("Jada Pinkett
    Smith", "Christine Blasey Ford") or a name and an initial ("Michael J. Fox")."""
    for i in range(len(words) - 1):
        if not keep[i] or not words[i + 1][:1].isupper():
            continue
        after_mark = i > 0 and words[i - 1].endswith((",", ":", ";"))  # "Anderson Cooper: Donald Trump Is …"
        opens = i == 0 or not keep[i - 1] or after_mark or _abbreviated_title(words[i - 1], lex)
        if opens and _first_name_and_surname(words[i], words[i + 1], lex):
            keep[i + 1] = True
        elif _core(words[i]).lower() in lex.particles:
            keep[i + 1] = True
        elif i and _double_surname(words[i - 1 : i + 2], lex):
            keep[i + 1] = True
        elif i and keep[i - 1] and _INITIALS.fullmatch(words[i]) and _core(words[i + 1]) in lex.surnames:
            keep[i + 1] = True  # "Michael J. Fox", "George R.R. Martin"
        elif i + 2 < len(words) and words[i + 2].rstrip(",:;") in lex.suffixes:
            keep[i + 1] = True  # "Martin Luther King Jr.": the word before "Jr." is a surname


def _double_surname(words: list[str], lex: Lexicon) -> bool:
    """ "Jada Pinkett Smith": a frequent surname after a first name and a word that is no word; not
    a verb ("Rachel Maddow Burns") nor a plural ("Ellen DeGeneres Bonds")."""
    first, middle, last = (_core(word) for word in words)
    named = lex.is_first_name(first) and not lex.is_word(middle) and middle == words[1]
    verb = last.endswith("s") and lex.is_common(last[:-1])
    return named and last in lex.top_surnames and not verb and last not in lex.surname_like | lex.stop


_MONTH_SURNAMES = {"May", "June", "April", "August"}  # "Theresa May", "Brian May"


def _first_name_and_surname(first: str, second: str, lex: Lexicon) -> bool:
    first, second = _core(first), _core(second)
    # a first name that is also a place: "Taylor Swift", "Roy Blunt"; not "Florida Driver", "Cleveland House"
    frequent = second in lex.frequent_surnames and second not in lex.surname_like
    placed = first in lex.gazetteer and (first in lex.places or not frequent)
    name = lex.is_first_name(first) and not placed and first.lower() not in lex.cues_before
    surname = second in lex.surnames or not lex.is_common(second)  # "Gordon Brown", "Emmanuel Macron"
    plain = (second not in lex.stop or second in _MONTH_SURNAMES) and not _CONTRACTION.search(second)
    return name and surname and plain


def _abbreviated_title(word: str, lex: Lexicon) -> bool:
    return word.endswith(".") and f"{_core(word)}." in lex.honorifics


def _core(word: str) -> str:
    """A headline word without quotes, brackets, punctuation or "'s": "Lauer's" → "Lauer"."""
    return _POSSESSIVE.sub("", word.strip(_PUNCTUATION)).strip(_PUNCTUATION)


def _name_like(word: str, lex: Lexicon) -> bool:
    """Could this headline word be part of a name? Not an ordinary word nor a contraction ("Can't")."""
    core = _core(word)
    if _abbreviated_title(word, lex):
        return True  # "Gov. Cuomo", "Rep. Pramila Jayapal": an abbreviated title says a person follows
    if _INITIALS.fullmatch(word.strip(_PUNCTUATION.replace(".", ""))):
        return True  # "Samuel L. Jackson"
    return bool(core) and core[0].isupper() and not lex.is_word(core) and not _CONTRACTION.search(core)


def _mentions(text: str, match: re.Match, lex: Lexicon) -> list[_Mention]:
    """The candidate names in one capitalised run, with what its context says."""
    words = match.group().split()
    if all(word.rstrip(".") in lex.stop for word in words):
        return []  # "The", "But In": nothing but function words (a quarter of newswire runs)
    before = text[max(0, match.start() - _CONTEXT) : match.start()]
    after = text[match.end() : match.end() + 2 * _CONTEXT]
    parts = _sentences(words, lex)
    found: list[_Mention] = []
    for index, words in enumerate(parts):
        first, last = index == 0, index == len(parts) - 1
        segments = _segments(
            words,
            before=_cue_before(before, lex) if first else NONE,
            after=_cue_after(after, lex, _label_allowed(before, match.group(), lex)) if last else NONE,
            start=index > 0 or _opens_sentence(before),
            lex=lex,
        )
        if segments and first and segments[0].words[0] == words[0]:
            segments[0].org = max(segments[0].org, _org_before(before, lex))
        elif segments and first and words[0] == "The" and segments[0].words[0] == words[1]:
            segments[0].org = max(segments[0].org, WEAK)  # "The Carnegie Mellon team says"
        if segments and len(parts) == 1 and _quoted(before, after) and segments[0].words == words:
            segments[0].quoted = True
        if segments and last and segments[-1].words[-1] == words[-1]:  # "the Carnegie Mellon team"
            if _result_entry(segments[-1].words, after, lex):
                segments[-1].cue = max(segments[-1].cue, STRONG)
            org, org_after = segments[-1].org, _org_after(after, before, lex)
            if _joined_firm(segments[-1].words, after, lex) or _scored(match.group(), before, after):
                org_after = STRONG
            segments[-1].org = min(STRONG, org + org_after) if org and org_after else max(org, org_after)
            if org_after >= STRONG and segments[-1].cue == ROLE and not _verb_after(after, lex):
                segments[-1].cue = STRONG  # "the official Tanjug news agency": a role word describes it
        found.extend(segments)
    if len(found) == 1 and len(words) == 1 and ("&" in before[-3:] or "&" in after[:3]) \
            and _ampersand_pair(before, after):
        found[0].org = STRONG
    return found


_AMPERSAND_BEFORE = re.compile(
    r"(?:^|[^\w'-])([\w'-]+)[ \t]+([\w'-]+)[ \t]*&[ \t]*$|^[ \t]*([\w'-]+)[ \t]*&[ \t]*$"
)
_AMPERSAND_AFTER = re.compile(r"^[ \t]*&[ \t]*([\w'-]+)(?:[ \t]+([\w'-]+))?")


def _scored(run: str, before: str, after: str) -> bool:
    """A team and its score in a line of results, before the other team and its score ("Hertha Berlin
    0 Bayer Leverkusen 3"); not a sentence's last name before a note's number ("… the psychologist
    Angela Duckworth. 1 In …"), nor a player and his minute or his runs ("Wasim Akram 31")."""
    if run.endswith("."):
        return False
    if _SCORE_AFTER.match(after):
        return True
    return bool(_AWAY_SCORE.match(after) and _HOME_SCORE.search(before))


def _ampersand_pair(before: str, after: str) -> bool:
    """One capitalised word on each side of an "&" is a firm: "Marsh & McLennan said", "Procter &
    Gamble"; not two people's full names in a list ("Glen Jakovich & Shane Woewodin")."""
    def single(word: str | None, neighbour: str | None) -> bool:
        return bool(word) and word[0].isupper() and not (neighbour and neighbour[0].isupper())

    if left := _AMPERSAND_BEFORE.search(before):
        return single(left.group(2), left.group(1)) if left.group(2) else single(left.group(3), None)
    right = _AMPERSAND_AFTER.match(after)
    return bool(right) and single(right.group(1), right.group(2))


def _joined_firm(words: list[str], after: str, lex: Lexicon) -> bool:
    """ "Royal Dutch/Shell Group": a name joined to another by a slash is one group's, unless it opens
    with a first name or an initial ("the Donald Trump/Kanye West summit", "W Johnson/B Deacon")."""
    if after[:1] != "/" or not after[1:2].isupper():
        return False
    return not (lex.is_first_name(words[0]) or _INITIAL.match(words[0]))


def _mark_titles(mentions: list[_Mention]) -> None:
    """A name the article gives only in quotes is a title, a work: "The "Ted Lasso" star"; not
    one it also writes without them ("Tucker Carlson said … a “Tucker Carlson” of Fox News")."""
    plain = {tuple(mention.words) for mention in mentions if not mention.quoted}
    for mention in mentions:
        if mention.quoted and tuple(mention.words) not in plain:
            mention.org = STRONG


def _quoted(before: str, after: str) -> bool:
    """Is the run the whole of a double-quoted phrase?"""
    return before.endswith(('"', "“")) and after.startswith(('"', "”"))


def _sentences(words: list[str], lex: Lexicon) -> list[list[str]]:
    """Cut a run where a word ends a sentence ("… said Kate Beckinsale. The actress …")."""
    parts: list[list[str]] = [[]]
    for word in words:
        if word.endswith(".") and not _keeps_dot(word, lex):
            parts[-1].append(word[:-1])
            parts.append([])
        else:
            parts[-1].append(word)
    return [part for part in parts if part]


def _keeps_dot(word: str, lex: Lexicon) -> bool:
    """An initial, a title, "Jr." or a place word ("St. Louis") does not end a sentence."""
    lists = (lex.honorifics, lex.suffixes, lex.non_person)
    return bool(_INITIAL.match(word)) or any(word in words for words in lists)


def _segments(words: list[str], *, before: int, after: int, start: bool, lex: Lexicon) -> list[_Mention]:
    """Split at function words, then tidy each part (titles, leading places and common words)."""
    segments: list[_Mention] = []
    current: list[str] = []
    first = start
    for index, word in enumerate(words):
        if word in lex.stop and not _kept_in_name(words, index, current, start, lex):
            if current:
                segments.append(_Mention(current, NONE, first))
            current, first = [], False
            continue
        current.append(word)
    if current:
        segments.append(_Mention(current, NONE, first))
    if segments and segments[0].words[0] == words[0]:
        segments[0].cue = before
    if segments and segments[-1].words[-1] == words[-1]:
        segments[-1].cue = max(segments[-1].cue, after)
    tidied = [seg for seg in (_tidy(segment, lex) for segment in segments) if seg is not None]
    return [part for seg in tidied for part in _two_people(seg, lex)]


def _two_people(mention: _Mention, lex: Lexicon) -> list[_Mention]:
    """Two full names run together where a list lost its comma: "Basil Zempilas Glen Jakovich"
    (first name, surname, first name, surname; none an initial, a title or an ordinary word)."""
    words = mention.words
    if len(words) != 4 or not (words[0] in lex.first_names and words[2] in lex.first_names):
        return [mention]
    if words[0] == words[2]:
        return [mention]  # "Al Saudi Al Fransi", a bank
    if any(w in lex.first_names or lex.is_common(w) or _INITIAL.match(w) or w in lex.suffixes
           or w in lex.honorifics or w in lex.particles for w in (words[1], words[3])):
        return [mention]
    return [_Mention(words[:2], mention.cue, mention.start, mention.org),
            _Mention(words[2:], mention.cue, False, mention.org)]


def _stop_word_surname(current: list[str], word: str, last: bool, lex: Lexicon) -> bool:
    """ "Theresa May"; and a capitalised function word that ends a run right after a first name is a
    surname: "James To of the Democratic Party", "Wilson Or was elected"."""
    if word in lex.names_among_stop:
        return True
    return last and len(current) == 1 and lex.is_first_name(current[0]) and word in lex.surnames


def _kept_in_name(words: list[str], index: int, current: list[str], start: bool, lex: Lexicon) -> bool:
    """Whether the function word ``words[index]`` belongs to the name being read: a surname ("Theresa
    May"), an initial ("John A. Corder", "A. Stewart"), a first name inside a sentence ("Will Smith")."""
    word, last = words[index], index == len(words) - 1
    initial = not last and word.endswith(".") and bool(_INITIAL.match(word))  # not the article "A"
    if current or initial:  # "John A. Corder", "A. Stewart c Rashid Latif b Waqar Younis 39"
        return initial or _stop_word_surname(current, word, last, lex)
    opening = index == 0 and start and lex.is_common(word)  # "Will …" may be the verb; "Jan Ullrich won"
    return not opening and _stop_word_given_name(words, index, lex)


def _stop_word_given_name(words: list[str], index: int, lex: Lexicon) -> bool:
    """A capitalised function word that is a first name, inside a sentence and before a surname: "an
    injury to Will Middlebrooks", "starring Christian Bale"; not "May" (the month)."""
    word, after = words[index], words[index + 1] if index + 1 < len(words) else ""
    given = word in lex.names_among_stop and word in lex.first_names and word not in _MONTH_SURNAMES
    return given and after in lex.surnames and (after in lex.frequent_surnames or not lex.is_common(after))


def _tidy(mention: _Mention, lex: Lexicon) -> _Mention | None:
    words = mention.words
    if len(words) > 1 and words[-1] in _GOVERNED:  # "the Reagan Administration", as "Reagan's government"
        words, mention.cue = words[:-1], max(mention.cue, STRONG)
    cut = _after_organisation(words, lex)
    if cut is None:
        return None
    if cut:
        words, mention.cue, mention.start = words[cut:], max(mention.cue, WEAK), False
    if len(words) > 1 and (_ORG_PREFIX.search(words[0]) or _ROLE_PREFIX.search(words[0])):
        if _ORG_PREFIX.search(words[0]) and (len(words) == 2 or words[-1] not in lex.surnames):
            # "Houston-based Continental", not "US-based Alistair Cragg"
            mention.org = STRONG
        else:
            mention.cue = max(mention.cue, ROLE)
        words, mention.start = words[1:], False
    if _ROLE_PREFIX.search(words[-1]) or _ORG_PREFIX.search(words[-1]):
        return None  # "a Booker Prize-winner", "London-based" describe someone; they are not names
    about = next((i for i, word in enumerate(words) if _ABOUT.search(word)), None)
    if about is not None:  # "the Donald Trump-related probe", "Donald Trump-Themed Merch": about him
        words = [*words[:about], _ABOUT.sub("", words[about])]
    words = _without_compound(words, lex)
    modified = False  # "Former White House Chief (of Staff)": between two titles, an institution
    for index in range(len(words) - 1, -1, -1):
        titled = words[index] in lex.honorifics or _misspelt_title(words[index], lex)
        if titled and _is_title(words, index, lex):
            modified = words[index] in _MODIFIERS
            words, mention.cue, mention.start = words[index + 1 :], TITLE, False
            break
        if titled and words[index] in _NAME_TITLES:
            mention.cue = max(mention.cue, ROLE)  # "Khalid Sheikh Mohammed": a title inside the name
    if modified and len(words) > 1 and words[-1] in lex.honorifics:
        return None
    placed = False  # after a place, another place: "(University of) Texas Arlington Amneh Jafari"
    while (
        len(words) > 1
        and words[1] not in lex.particles
        and (_leading_noise(words, mention, lex) or _more_place(words, placed, lex))
    ):  # "Rio de Janeiro" stays whole
        placed = words[0] in lex.places or words[0] in lex.gazetteer
        words, mention.start = words[1:], False
    while words and (words[-1] in lex.particles or _INITIAL.match(words[-1]) or
                     words[-1] in lex.honorifics and not _surname_after_first_name(words, lex)):
        words = words[:-1]
    if not words or all(word in lex.places or lex.is_demonym(word) or word in lex.suffixes for word in words):
        return None
    mention.words = words
    return mention


def _misspelt_title(word: str, lex: Lexicon) -> bool:
    """A title with one letter too many, too few, wrong or two swapped inside it ("Preesident Nixon",
    "Secertary James Baker"), where the word is no name and no English word of its own; the title's
    first two and last two letters stay (not "Nationale", "Chemins" of French firms' names)."""
    if len(word) < 7 or not word[:1].isupper() or word in lex.honorifics:
        return False
    if word in lex.first_names or word in lex.surnames or lex.is_word(word):
        return False
    return any(title[:2] == word[:2] and title[-2:] == word[-2:] and _one_edit(word, title)
               for title in _long_titles(lex.honorifics))


def _one_edit(word: str, title: str) -> bool:
    if len(word) == len(title):
        diff = [i for i, (a, b) in enumerate(zip(word, title, strict=True)) if a != b]
        swapped = len(diff) == 2 and diff[1] == diff[0] + 1 and word[diff[0]] == title[diff[1]] \
            and word[diff[1]] == title[diff[0]]
        return len(diff) == 1 or swapped
    short, long = sorted((word, title), key=len)
    return len(long) - len(short) == 1 and any(long[:i] + long[i + 1:] == short for i in range(len(long)))


@functools.cache
def _long_titles(honorifics: frozenset[str]) -> tuple[str, ...]:
    return tuple(t for t in honorifics if len(t) >= 6 and t[:1].isupper() and t.isalpha())


def _surname_after_first_name(words: list[str], lex: Lexicon) -> bool:
    """ "Andy Dean", "Carole King", "Amartya Sen", "Hun Sen": a title that is also a surname ends a name
    after a given name, or after name words that no list calls anything else."""
    if len(words) not in (2, 3) or words[-1] not in lex.surnames:
        return False
    if len(words) == 2 and _given_name(words[0], lex):
        return True  # (after two given names it may be a title still: "George Floyd Justice in Policing Act")
    return not lex.is_common(words[-1]) and all(_name_only(word, lex) for word in words[:-1])


def _name_only(word: str, lex: Lexicon) -> bool:
    """A name word that is no ordinary word, place, nationality, title or acronym ("Amartya", "Hun")."""
    return not (lex.is_common(word) or word in lex.places or word in lex.gazetteer or lex.is_demonym(word)
                or word in lex.honorifics or _acronym_like(word) or _INITIAL.match(word))


def _given_name(word: str, lex: Lexicon) -> bool:
    """A first name that is no ordinary word, no title and no place ("German" of "German President")."""
    return lex.is_first_name(word) and word not in lex.honorifics and word not in lex.places


def _without_compound(words: list[str], lex: Lexicon) -> list[str]:
    """A name glued to a country or a big city by a hyphen is the name: "the Donald Trump-Ukraine
    scandal" (not "Zoe Clark-Coates", "Kim Min-Woo")."""
    head, _, tail = words[-1].rpartition("-")
    if len(words) > 1 and head[:1].isupper() and tail in lex.places:
        return [*words[:-1], head]
    return words


def _is_title(words: list[str], index: int, lex: Lexicon) -> bool:
    """Drop words[:index + 1] as a title? Not the "Dean" of "Dean Kamen" nor a lone trailing word."""
    rest = len(words) - index - 1
    if rest == 0 or all(word in lex.suffixes for word in words[index + 1 :]):
        return False  # nothing after it, or only "Jr.": the surname of "Martin Luther King Jr."
    if index == 1 and rest == 1 and not words[index].endswith(".") and \
            (_given_name(words[0], lex) or _arabic_title(words[index], words[0], lex)):
        return False  # "Khalid Sheikh Mohammed": a given name before it, the title is a middle name
    if rest == 1 and _unknown_name_word(words[-1], lex):
        return True  # "King Fahd": the one word after is a name of its own
    return words[index] not in lex.first_names or rest >= 2 or index > 0


def _arabic_title(title: str, first: str, lex: Lexicon) -> bool:
    """ "Sheikh" inside an Arabic name, after a given name no list may have ("Khalid"); not after an
    acronym, a word, a place or a nationality ("USDA Secretary Lyng")."""
    return title in _NAME_TITLES and not (
        _acronym_like(first) or lex.is_common(first) or first in lex.places or lex.is_demonym(first)
    )


def _acronym_like(word: str) -> bool:
    """ "USDA", "NBC": capitals only."""
    return len(word) > 1 and word.isupper()


def _unknown_name_word(word: str, lex: Lexicon) -> bool:
    """Neither a census first name or surname nor an ordinary word: "Fahd", "Subroto"."""
    known = word in lex.first_names or word in lex.surnames
    return not (known or lex.is_common(word) or _INITIAL.match(word))


def _leading_noise(words: list[str], mention: _Mention, lex: Lexicon) -> bool:
    """A place adjective ("Belgian forward …"), or an ordinary word that opens the sentence or
    stands before a first name ("Pan-democrat Lam Cheuk-ting", "Education Stefania Giannini"); not
    the given name of two words a role introduces ("researcher Mu Li")."""
    first = words[0]
    if first in lex.places and len(words) > 2 and lex.is_first_name(words[1]):
        return True  # a nationality that is also a first name: "German Boris Becker"; not "German Gref"
    if first in lex.first_names:
        return False
    if first.lower() in lex.cues_before:
        return True  # "Treasurer Peter Costello", "Producer Aamir Khan"
    if first in lex.places or NOT_A_NAME_ENDING.search(first) and lex.is_first_name(words[1]):
        return True  # "Belgian forward …", "Scientologist Tom Cruise"
    if lex.is_demonym(first) and (words[1] in lex.first_names or len(words) > 2):
        return True  # "Frenchman Alain Prost", "Queenslander Mitchell Rawlins"
    if mention.start and len(words) > 2 and words[1] in lex.first_names and _no_name_word(first, lex):
        return True  # "Flanker Matt Dawson", "Scrum-half Matt Dawson": a word of the sport opens it
    introduced = mention.cue >= ROLE and len(words) == 2 and not mention.start
    # "(Minister of Industry and) Trade Cahit Aral"; not "Tower Man George F. Hauser" (a word that is
    # a first name too would be left to open the name)
    double = words[1] in lex.first_names and lex.is_common(words[1])
    named_after = len(words) > 2 and not double and not _INITIAL.match(first) and any(
        lex.is_first_name(word) or _unknown_name_word(word, lex) for word in words[1:-1])
    return lex.is_common(first) and not introduced and (mention.start or lex.is_first_name(words[1])
                                                        or named_after)


def _no_name_word(word: str, lex: Lexicon) -> bool:
    """Not a surname, unless also a rarer word ("Hooker"): what opens a sentence before a first name
    and a surname describes the person ("Paceman", "Scrum-half") more often than it names him."""
    if len(word) < 4 or _INITIAL.match(word):
        return False  # "K. Michael Stevens", "Cal Anderson Park": an initial or a short given name
    return word not in lex.surnames or word.lower() in lex.more_words


def _more_place(words: list[str], placed: bool, lex: Lexicon) -> bool:
    """After a place, another place that is not the start of a name: "Texas Arlington Amneh Jafari"."""
    return placed and len(words) > 2 and words[0] in lex.gazetteer and words[0] not in lex.first_names


def _after_organisation(words: list[str], lex: Lexicon) -> int | None:
    """0 if no organisation word; the index after the last one if two or more words follow it
    starting with a first name ("Washington State University Simon Ličen"); None if the run is an
    organisation ("Banca Nazionale del Lavoro")."""
    last = last_non_person(words, lex)
    if last < 0:
        return 0
    rest = words[last + 1 :]
    if rest and f"{words[last]} {rest[0]}" in lex.gazetteer:
        return None  # "St. Louis Cardinals": a place's name, then what is named after it
    if len(rest) < 2:
        return None
    named = any(word in lex.first_names or word in lex.honorifics for word in rest[:-1]) or not any(
        lex.is_common(word) or word in lex.particles or word in lex.places for word in rest
    )  # "… United States Hamdullah Mohib"; not "Banca Nazionale del Lavoro"
    return last + 1 if named else None


def _cue_before(before: str, lex: Lexicon) -> int:
    if before.endswith(", ") and _LIST_ITEM.search(before):
        return WEAK  # "such as Ansel Adams, Chuck Close, Walker Evans"
    two = _before_two(before)
    if two and f"{two.group(1).lower()} {two.group(2)}" in lex.cues_before_two:
        return ROLE  # "a quote attributed to Einstein", "directed by Mike Leigh", "my name is John"
    match = _before_word(before)
    if not match or match.group(1)[0].isupper():
        return NONE
    word = match.group(1).lower()
    if word in lex.cues_before:  # "actress Kate Beckinsale"; a verb ("said Tory plans") says less
        return STRONG if word in lex.cues_after else ROLE
    # a plural says less: "athletes Vitas Gerulaitis", but also "analysts Gartner"
    plural = word.endswith("s") and word[:-1] in lex.cues_before
    return WEAK if plural or word in lex.weak_cues_before else NONE


# The context before a run is checked for its last words several times per run (a cue, then
# organisation evidence): the searches, anchored at the end of the context, are done once each.
# They read the context reversed, from its end (a search anchored at the end tries every start).
@functools.lru_cache(maxsize=4)
def _before_two(before: str) -> _Words | None:
    """The last two words before a run, as ``_BEFORE_TWO.search(before)`` finds them."""
    found = _TWO_REVERSED.match(before[::-1])
    return _Words((found.group(2)[::-1], found.group(1)[::-1])) if found else None


@functools.lru_cache(maxsize=4)
def _before_word(before: str) -> _Words | None:
    """The last word before a run (a comma after it allowed), as ``_BEFORE_WORD.search(before)``."""
    found = _WORD_REVERSED.match(before[::-1])
    return _Words((found.group(1)[::-1],)) if found else None


class _Words(tuple):
    """Words found before a run, read like a match: ``group(1)`` is the first."""

    def group(self, number: int) -> str:
        return self[number - 1]


def _opens_sentence(before: str) -> bool:
    """Does the run open a sentence (nothing, a sentence mark or a line break before it)?"""
    text = before.rstrip()
    space = before[len(text) :]
    return not text or "\n" in space or text[-1] in _SENTENCE_MARKS or (text[-1] == "'" and bool(space))


def _label_allowed(before: str, run: str, lex: Lexicon) -> bool:
    """A colon after a run that opens its line is a speaker label ("Shalev: I think"); not "Ed.: see",
    nor a title in mid-sentence ("the voice of Batman in Batman: The Animated Series"), nor the
    plural of an ordinary word heading a list ("Scorers: Alan Shearer 23", "Lineups: …")."""
    plural = run.endswith("s") and " " not in run and lex.is_word(run)
    return not run.endswith(".") and not plural and before.rstrip(" \t")[-1:] in ("", "\n")


def _cue_after(after: str, lex: Lexicon, label_allowed: bool = False) -> int:
    label = label_allowed and _LABEL.match(after)
    if _AGE.match(after) or label or _WITH_SPEAKER.match(after):
        return ROLE
    role = _APPOSITION.match(after)
    if role and role.group(2) in lex.cues_before and role.group(2) not in lex.cues_after:
        if role.group(1) is None or role.group(1) in lex.places:
            return ROLE  # "Rob Siegel, former editor-in-chief", "Valeska Paris, an Australian woman"
    pronoun = _PRONOUN_AFTER.match(after)
    if pronoun and (pronoun.group(1).endswith("ed") or pronoun.group(1) in lex.past_verbs):
        return ROLE
    country = _COUNTRY_AFTER.match(after)
    if country and (country.group(1) or country.group(2)) in lex.places:
        return WEAK
    match = _AFTER_WORDS.match(after)
    if not match or _firm_says(after):
        return NONE
    one, two = match.group(1), f"{match.group(1)} {match.group(2)}"
    if one in lex.cues_after or two in lex.cues_after:
        return STRONG
    return WEAK if one in lex.weak_cues_after or two in lex.weak_cues_after else NONE


def _result_entry(words: list[str], after: str, lex: Lexicon) -> bool:
    """A competitor in a line of results: a name of two words or more besides initials, its country in
    brackets, then the score, the opponent or the next competitor ("Ong Ewe Hock (Malaysia) beat …");
    not one word, which may be a firm ("Cargill (USA), one of …") or a surname after an initial."""
    country = _COUNTRY_AFTER.match(after)
    if not country or country.group(1) not in lex.places:
        return False
    full = sum(not _INITIAL.match(word) for word in words) >= 2
    return full and _RESULT_AFTER.match(after, country.end()) is not None


def _verb_after(after: str, lex: Lexicon) -> bool:
    """Is the word after a name possibly a verb ("historian Jessica B. Harris shares her thoughts";
    not "the official Tass news agency")?"""
    match = _AFTER_ORG.match(after)
    two = match and f"{match.group(2)} {match.group(3)}" in lex.org_cues_after
    return bool(match) and match.group(2).endswith("s") and not two


def _org_before(before: str, lex: Lexicon) -> int:
    """Organisation (or place) evidence from the words before a name: "band X", "shares in X", "in X"."""
    two = _before_two(before)
    if two and (two.group(1).lower(), two.group(2)) in _ORG_TWO or before.endswith("<"):
        return STRONG
    if two and two.group(2) == "of" and _names_holder(two.group(1), before, lex):
        return STRONG
    match = _before_word(before)
    if not match or match.group(1)[0].isupper() or before.rstrip().endswith(","):
        return NONE
    word = match.group(1)
    if word in lex.org_cues_before:
        return STRONG
    return WEAK if word in lex.weak_org_cues_before else NONE


def _names_holder(word: str, before: str, lex: Lexicon) -> bool:
    """ "Jack Kirnan of Kidder Peabody", "Bank of Nova Scotia": after a full name or a bank and "of"
    comes where someone works or what the bank is called, not a person; not after a title ("Secretary
    of State"), a party ("defection to Labour of Robert Jackson") or a title of a work ("The Journey of
    Romeo Dallaire")."""
    if word in _HOLDERS:
        return True
    full = _BEFORE_TWO.search(before[: before.rfind(word)] + word)
    if not full or not full.group(1)[0].isupper() or word in lex.honorifics or lex.is_common(word):
        return False
    return full.group(1) not in lex.honorifics and not lex.is_common(full.group(1))


def _firm_says(after: str) -> bool:
    """ "McDonald's said": "'s" and a verb after a name make it a firm's (:data:`_FIRM_SAYS`)."""
    return after.startswith("'s") and _FIRM_SAYS.match(after) is not None


def _appointed(before: str) -> bool:
    """ "has elected Anthony O'Reilly chairman", "named John Bond chief executive": the post a person
    is given, not the firm he works for."""
    last = before.rsplit(None, 1)[-1:] if before[-1:] in (" ", "\t") else []
    return bool(last) and last[0].removeprefix("re-") in _APPOINTED


def _org_after(after: str, before: str, lex: Lexicon) -> int:
    """Organisation evidence from the words after a name: "X shares", "X's chief executive", "X have",
    a stock ticker ("Reliance Electric <REE>")."""
    if _TICKER_AFTER.match(after) or _firm_says(after) or _SAID_ITS.match(after):
        return STRONG
    employer = _EMPLOYER.match(after)
    if employer and employer.group(1) in lex.cues_before and employer.group(1) not in lex.cues_after:
        return STRONG  # "William Hill spokesman Rupert Adams": the firm of the person named next
    match = _AFTER_ORG.match(after)
    if not match or _appointed(before):
        return NONE
    one, two = match.group(2), f"{match.group(2)} {match.group(3)}"
    if one in lex.org_cues_after or two in lex.org_cues_after:
        return STRONG
    return WEAK if one in lex.weak_org_cues_after and not _IN_LIST.search(before) else NONE
