"""Deciding which candidate names are people, and folding the mentions of one person together.

Works on the mentions :mod:`archive.extract.people` finds: each a list of words, the strongest
evidence its context gave (none, weak, strong, role, title), organisation evidence and whether it
opens a sentence; with the names side by side in lists and the storm names of the article.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Sequence
from typing import Protocol

from .names import Lexicon

# Evidence from a mention's context: none; weak ("with X", "X, who"); a speech verb ("X said", which
# companies do too); a role or an age ("actress X", "X, 47,", "X, former editor"); a title ("Prof. X").
NONE, WEAK, STRONG, ROLE, TITLE = 0, 1, 2, 3, 4
_INITIAL = re.compile(r"^(?:[^\W\d_]\.)+$|^[^\W\d_]$")
_INITIALS = re.compile(r"^(?:[A-Z]\.?){1,3}$")  # "C", "C.", "J.R.", "KP": a name's initials
NUMBER = r"X{0,3}(?:IX|IV|V?I{1,3}|V)|X{1,3}"  # a sovereign's number: "II", "XVI"
_NUMBERED = re.compile(rf"^(?:{NUMBER})$")
# Surname endings of Slavic, Baltic, Caucasian, Greek and Turkish names, rare in other words.
_SURNAME_ENDING = re.compile(
    r"(?:[^aeiou]ov|[^aeiou]ova|[^aeiou]ev|[^aeiou]eva|sk[iy]|skiy|skaya|sk[aá]|enko|chuk|vich|vić|ovic|wicz"
    r"|czyk|shvili|dze|opoulos|akis|oglu|oğlu|auskas|aitis|ienė)$"
)
_VIETNAMESE_MIDDLE = frozenset({"Van", "Thi", "Văn", "Thị"})
_ASIAN_GIVEN = re.compile(r"^[^\W\d_][a-z]+-[^\W\d_][a-z]+$")
NOT_A_NAME_ENDING = re.compile(r"(?:ism|ists?|ity|ology|ians?|ese|ish|ans|stan|land|ia|ware|tech)$")


_CAMEL = re.compile(r"^(?!Mc|Mac|Di|De|Da|Du|La|Le|Van|Von|Fitz)[A-Z][a-z]*[A-Z]")


class Mention(Protocol):
    words: list[str]
    cue: int
    start: bool
    org: int


# One syllable of Mandarin in pinyin without tones ("xiao", "ping", "zhuang"), and a given name of one
# or two of them.
_SYLLABLE = (
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ueng|iao|ian|uai|uan|ang|eng|ing|ong|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ui|ue|er"
    r"|a|o|e|i|u)"
)
_PINYIN = re.compile(_SYLLABLE)
_PINYIN_GIVEN = re.compile(rf"{_SYLLABLE}(?:-?{_SYLLABLE})?")


def resolve(
    mentions: Sequence[Mention],
    lex: Lexicon,
    storms: Collection[str] = (),
    listed: Sequence[tuple[str, str]] = (),
    sport: Callable[[], bool] = lambda: False,
) -> list[str]:
    """Full names and lone-surname people, each once, in order of first mention; not fictional
    characters ("Bruce Wayne") nor names ending in a storm's name ("T C Phailin" beside "Cyclone
    Phailin"). ``listed``: pairs of names side by side in a list ("Ansel Adams, Chuck Close").
    ``sport``: whether the article reports on sport, asked only of a word that may be a player."""
    evidence = _evidence(mentions)
    orgs = _organisations(mentions)
    order: dict[str, int] = {}
    for index, mention in enumerate(mentions):
        key = " ".join(mention.words)
        if not _named_otherwise(mention.words, lex, storms):
            order.setdefault(key, index)
    full = [
        name
        for name in order
        if " " in name
        and not _organisation(name.split(), evidence, orgs, lex)
        and _is_person(name.split(), evidence, lex)
    ]
    full = _fold(full + _listed_with_people(full, listed, order, evidence, orgs, lex))
    full = [name for name in full if not _nationality_of(name, full, lex)]
    known = {word for name in full for word in name.split()}
    surnames = {name.split()[-1] for name in full}
    counts = Counter(" ".join(mention.words) for mention in mentions)
    full = _merge_variants(full, counts, lex)
    full = _fold_initials(full)
    singles = [
        name
        for name in order
        if " " not in name
        and not _organisation([name], evidence, orgs, lex)
        and (_lone_person(name, known, evidence, lex)
             or _player(name, known, evidence, counts, lex) and sport())
        and not _misspelt(name, surnames)
    ]
    # ties (two names first seen through a shared word) in the order of their own first mention
    return sorted(full + singles, key=lambda name: (_first_seen(name, order), order.get(name, len(order))))


def _listed_with_people(
    people: list[str],
    listed: Sequence[tuple[str, str]],
    order: dict[str, int],
    evidence: dict[str, int],
    orgs: dict[str, int],
    lex: Lexicon,
) -> list[str]:
    """Full names side by side in a list with a person are people too if they can be: a list holds
    one kind of thing ("photographers such as Ansel Adams, Chuck Close, Walker Evans")."""
    found, boosted = set(people), dict(evidence)
    pairs = [pair for one, other in listed for pair in ((one, other), (other, one))]
    candidates = {b for _, b in pairs if " " in b and b in order and b not in found}
    listable = {name for name in candidates if _person_if_listed(name, boosted, orgs, lex)}
    while new := {b for a, b in pairs if a in found and b in listable and b not in found}:
        found |= new
    return [name for name in found if name not in people]


def _person_if_listed(name: str, evidence: dict[str, int], orgs: dict[str, int], lex: Lexicon) -> bool:
    """Not a title or a team ("Finding Neverland", "Real Madrid"); a first name and an ordinary word
    will do ("Chuck Close")."""
    evidence[name] = max(evidence.get(name, NONE), STRONG)
    words = name.split()
    titled = words[0] not in lex.first_names and lex.is_common(words[0])
    if titled or _organisation(words, evidence, orgs, lex):
        return False
    surname = words[-1] in lex.surnames and words[-1] not in lex.surname_like
    return len(words) == 2 and words[0] in lex.first_names and surname or _is_person(words, evidence, lex)


def _named_otherwise(words: list[str], lex: Lexicon, storms: Collection[str]) -> bool:
    """A fictional character ("Bruce Wayne", "Symbiote Spidey") or a storm ("T C Phailin")."""
    fictional = " ".join(words) in lex.fictional or any(word in lex.fictional for word in words)
    return fictional or words[-1] in storms


def _evidence(mentions: Iterable[Mention]) -> dict[str, int]:
    """The strongest cue seen for each name and for each word seen alone (capitalised mid-sentence
    counts as a weak cue for a lone word)."""
    best: dict[str, int] = {}
    for mention in mentions:
        key = " ".join(mention.words)
        best[key] = max(best.get(key, NONE), mention.cue)
    return best


def _organisations(mentions: Iterable[Mention]) -> dict[str, int]:
    """The strongest organisation (or place) evidence seen for each name."""
    best: dict[str, int] = {}
    for mention in mentions:
        if mention.org:
            key = " ".join(mention.words)
            best[key] = max(best.get(key, NONE), mention.org)
    return best


def _organisation(words: list[str], evidence: dict[str, int], orgs: dict[str, int], lex: Lexicon) -> bool:
    """A company, band, work or place by its shape or by what the article says around it: "Belo
    Horizonte", "JPMorgan", "Chevrolet Trailblazers", "band Franz Ferdinand", "in Andhra Pradesh"."""
    key = " ".join(words)
    cue = evidence.get(key, NONE)
    if cue >= TITLE:
        return False
    if key in lex.gazetteer and (len(words) > 1 or words[0] not in lex.first_names) and cue < ROLE \
            and key not in lex.frequent_surnames:
        return True  # "Halifax said", not "Prescott said" (unless the article makes it a firm)
    if any(_CAMEL.match(word) and not _two_initials(word, lex) for word in words):
        return True
    if len(words) == 2 and (_team(words, lex) or _city_club(words, lex)) and cue < TITLE:
        return True  # "Houston Astros", "Baltimore Colts", "Sparta Prague": a city's team
    if words[0] in _ARTICLES and cue < ROLE and not any(word in lex.first_names for word in words[1:]):
        return True  # "El Mundo", "O Globo", "Les Bains": a paper, a place, a work
    plural = words[-1].endswith("s") and words[-1][:-1].lower() in lex.common_words
    if len(words) > 1 and plural and words[0] not in lex.first_names and words[-1] not in lex.surnames:
        return True
    org = orgs.get(key, NONE)
    if org >= STRONG:
        return cue < ROLE
    weak = org >= WEAK and cue < STRONG and not lex.is_first_name(words[0])
    return weak and words[-1] not in lex.surnames  # "the O.J. Simpson" is still a person


_ARTICLES = {"El", "O", "Le", "La", "Les", "Il", "Los", "Las", "Die", "Der", "Das", "Het", "Lo", "Os", "As"}


def _team(words: list[str], lex: Lexicon) -> bool:
    """A place and a plural that is not a surname: a team named after its city; a first name that is
    a place, with the plural of an English word that is no surname ("Denver Broncos", "Houston
    Texans"; not "Sydney Rivers", "Kim Clijsters", "Antony Armstrong-Jones")."""
    place = words[0] in lex.gazetteer or words[0] in lex.places
    plural = words[1].endswith("s") and words[1] not in lex.frequent_surnames
    if not (place and plural):
        return False
    if not lex.is_first_name(words[0]):
        return True
    single = words[1][:-1].lower()  # "Broncos", "Nuggets": the plural of a word, not "Clijsters"
    return words[1] not in lex.surnames and (single in lex.common_words or single in lex.more_words)


def _city_club(words: list[str], lex: Lexicon) -> bool:
    """A sports club named after its town: "Sparta Prague", "Steaua Bucureşti", "Hertha Berlin";
    a club word (``club_words``) before anything, or before a place when it is also a name ("Hertha
    Berlin", not "Hertha Firnberg")."""
    if words[0] not in lex.club_words:
        return False
    named = words[0] in lex.first_names or words[0] in lex.surnames  # "Hertha", "Fortuna", "Real"
    return not named or words[1] in lex.gazetteer or words[1] in lex.places


def _first_seen(name: str, order: dict[str, int]) -> int:
    seen = [index for key, index in order.items() if key == name or f" {key} " in f" {name} "]
    return min(seen, default=len(order))


def _is_person(words: list[str], evidence: dict[str, int], lex: Lexicon) -> bool:
    """Is a run of two or more name words a person, given the evidence for it and its surname?"""
    if last_non_person(words, lex) >= 0:
        return False
    if _NUMBERED.match(words[-1]) and evidence.get(" ".join(words), NONE) >= TITLE:
        return True  # "Louis XVI", "John Paul II" (:func:`archive.extract.people._regnal`)
    if len(words) == 2 and _two_initials(words[0], lex) and not _acronym(words[1]):
        cue = max(evidence.get(" ".join(words), NONE), evidence.get(words[-1], NONE))
        return cue >= WEAK and not (lex.is_common(words[1]) or words[1] in lex.places)  # "by AS Heagle"
    if any(_acronym(word) for word in words):
        return False
    if len(words) == 2 and words[0] == words[1]:
        return False  # a band ("Duran Duran"), not a person
    cue = max(evidence.get(" ".join(words), NONE), evidence.get(words[-1], NONE))
    inner = [word for word in words if not _INITIAL.match(word)]
    common = sum(lex.is_common(word) for word in inner)
    rest = inner[1:]
    named = bool(inner) and lex.is_first_name(inner[0])  # "C. William Verity", "Yoshitoki Chino"
    odd = any(
        w in lex.surname_like or w in lex.places or lex.is_common(w) or not named and _rare_word(w, lex)
        for w in rest
    )  # a rarer English word too, after no first name: "Surfside Condo", "Mercury Sable"; not "Tom Hanks"
    # a place that is also a first name: "America Politics", "Sydney International", "Irish Lions";
    # not "Victoria Wood"
    plural = words[-1].endswith("s") and lex.is_common(words[-1][:-1])
    surname = words[-1] in lex.surnames and words[-1] not in lex.surname_like and not plural
    placed = words[0] in lex.places and odd and not surname
    if lex.is_first_name(words[0]) and not placed:
        return len(inner) <= 2 or common < 2 or cue >= STRONG
    if cue >= TITLE or _called_by_first_name(words, evidence, lex) >= WEAK:
        return True
    if common == len(inner):  # "Grant Hill said", "Rose Bush, 45,": census names both, and a cue
        given = words[0] in lex.first_names and words[0] not in lex.honorifics and words[0] not in lex.places
        return len(words) == 2 and cue >= WEAK and given and surname  # not "Prince Harry", "China Daily"
    if len(words) == 3 and words[1] in _VIETNAMESE_MIDDLE and words[0] in lex.surnames and len(words[0]) <= 6:
        return True  # "Vo Van Kiet", "Nguyen Thi Binh": a surname, "Van" or "Thi", a given name
    if _ASIAN_GIVEN.match(words[-1]) and len(words) <= 3 and words[0] not in lex.places:
        return True  # "Kwok Ka-ki", "Park Joo-ho"
    if words[0] in lex.first_names and not placed:  # also a word: "Mark Hamill", "Chuck Close"
        if words[0] in lex.honorifics and len(words) == 2 and words[1] in lex.first_names:
            return False  # "King Arthur", "Lady Cassandra"; not "Dean Kamen"
        return not odd or cue >= WEAK
    if lex.is_common(words[0]) and words[-1] in lex.places:  # "Statistics Canada", "Air Canada"
        return cue >= ROLE
    if lex.is_common(words[0]) or words[0] in lex.places:  # "Dries Mertens" but not "Kool Aid"
        return cue >= STRONG or cue >= WEAK and not odd and words[-1] in lex.surnames
    if not odd and words[-1] in lex.surnames:  # "Yannick Carrasco", "Helmut Newton"; not "Mozilla Firefox"
        return True
    if len(words) == 2 and not odd and words[0] in lex.surnames and lex.is_first_name(words[1]):
        return True  # the surname first, as in Japan, China, Korea, Hungary: "Kojima Minoru"
    if len(words) == 2 and not odd and _surname_by_ending(words[1], lex):
        return True  # a surname by its ending: "Anastasiya Vertinskaya", "Giorgi Kinkladze"
    if len(words) == 2 and not odd and _chinese(words, lex):
        return True  # a Chinese surname and a given name of pinyin syllables: "Deng Xiaoping"
    return cue >= (STRONG if odd else WEAK)


def last_non_person(words: list[str], lex: Lexicon) -> int:
    """The index of the last word of ``words`` that names no person ("Christmas", "Oscar" of "Oscar
    nominations", "Tory" of "Tory Party"), or -1; a first name that heads a two-word name ending in
    a surname is not one ("Oscar Wilde", "Eve Sweetser", "Tory Burch")."""
    if not any(word in lex.non_person for word in words):
        return -1  # most names: looked at no further
    return max((i for i in range(len(words)) if _non_person_at(words, i, lex)), default=-1)


def _non_person_at(words: list[str], index: int, lex: Lexicon) -> bool:
    word = words[index]
    if word not in lex.non_person:
        return False
    last = words[-1]
    # not "Tory Neil Hamilton", "Monte dei Paschi di Siena", "Oscar Heft" (a rarer English word);
    # a surname no list has will do ("Eve Ensler", "Monte Kwinter")
    ordinary = lex.is_common(last) or last.lower() in lex.more_words or last in lex.first_names \
        or last in lex.non_person or last in lex.gazetteer
    surname = not ordinary and (last in lex.surnames or last not in lex.places)
    return not (index == 0 and len(words) == 2 and word in lex.names_among_non_person and surname)


def _rare_word(word: str, lex: Lexicon) -> bool:
    """A rarer English word that is no frequent surname: "Lube" of "Avis Lube"; not "Hanks"."""
    return word.lower() in lex.more_words and word not in lex.frequent_surnames


def _chinese(words: list[str], lex: Lexicon) -> bool:
    """A surname of one pinyin syllable, then a given name of one or two that is no English word:
    "Deng Xiaoping", "Wang Junxia", "Yao Ming"; not "Wu Tang" ("tang" is a word)."""
    surname, given = words[0].lower(), words[1].lower()
    return bool(
        words[0] in lex.surnames and _PINYIN.fullmatch(surname) and _PINYIN_GIVEN.fullmatch(given)
        and not lex.is_common(given) and given not in lex.more_words
    )


def _surname_alone(word: str, lex: Lexicon) -> bool:
    """A census surname, or a surname by its ending ("Kafelnikov", "Ivanisevic")."""
    return word in lex.surnames or _surname_by_ending(word, lex)


def _surname_by_ending(word: str, lex: Lexicon) -> bool:
    """ "Vertinskaya", "Kinkladze", "Djokovic": a surname by its ending, not a place of that ending."""
    return bool(_SURNAME_ENDING.search(word)) and word not in lex.gazetteer


def _called_by_first_name(words: list[str], evidence: dict[str, int], lex: Lexicon) -> int:
    """The evidence for the first name of a two-word name used alone: "Frank Rack got in touch …
    the technology that Frank and his colleagues are using" (both words also ordinary words)."""
    first, last = words[0], words[-1]
    surname = last in lex.surnames and last not in lex.surname_like and last not in lex.gazetteer
    return evidence.get(first, NONE) if len(words) == 2 and first in lex.first_names and surname else NONE


def _two_initials(word: str, lex: Lexicon) -> bool:
    """ "AS" of "AS Heagle", "JK" of "JK Rowling"; not "US", "EU", "MP"."""
    lists = (lex.places, lex.non_person, lex.honorifics, lex.stop)
    return len(word) == 2 and word.isupper() and word.isalpha() and not any(word in words for words in lists)


def _acronym(word: str) -> bool:
    """ "BBC", "MPs"; not "H." nor "K.C."."""
    return len(word) > 1 and word.rstrip("s").isupper() and "." not in word


def _fold(names: list[str]) -> list[str]:
    """Drop a name when it is part of exactly one longer name in the list."""
    kept = []
    for name in names:
        longer = [other for other in names if other != name and _part_of(name, other)]
        if len(longer) != 1:
            kept.append(name)
    return kept


def _nationality_of(name: str, names: list[str], lex: Lexicon) -> bool:
    """ "Swede Edberg" (a headline's) beside "Stefan Edberg": a nationality that is no first name, and
    the surname of another of the article's people, is that person (not "Virginia Thomas", "Christian
    Walker")."""
    words = name.split()
    if len(words) != 2 or not lex.is_demonym(words[0]):
        return False
    return any(other != name and other.split()[-1] == words[1] for other in names)


def _part_of(short: str, long: str) -> bool:
    """ "Raymond Chan" in "Raymond Chan Chi-chuen", "Barack Obama" in "Barack Hussein Obama"; but
    "George W. Bush" is not part of "George H. W. Bush"."""
    s, ll = short.split(), long.split()
    ends = len(s) == 2 and s[0] == ll[0] and s[-1] in ll[1:] and not _INITIAL.match(s[0])
    # "Otto Jespersen" of "Jens Otto Harry Jespersen": a middle name used as the given name
    middle = len(s) == 2 and s[-1] == ll[-1] and s[0] in ll[1:-1] and not _INITIAL.match(s[0])
    return len(s) < len(ll) and (ends or middle) or f" {short} " in f" {long} "


def _merge_variants(names: list[str], counts: Counter[str], lex: Lexicon) -> list[str]:
    """One person under two first names in one article: a short form and the formal name ("Larry
    Lessig", "Lawrence Lessig") or two spellings ("Kristin Wilkins", "Kristen Wilkins"). The form the
    article uses more stays, the longer on a tie."""
    dropped = set()
    for name in names:
        for other in names:
            if other != name and _variants(name.split(), other.split(), lex):
                rank = (counts[name], len(name)) < (counts[other], len(other))
                dropped.add(name if rank else other)
    return [name for name in names if name not in dropped]


def _fold_initials(names: list[str]) -> list[str]:
    """A name by its initials ("C Paterson", "C. Paterson" of a line-up) is the one person of the
    article with that surname and a first name of that letter ("Chris Paterson"); with two such
    people ("Chris" and "Craig Paterson") or none, it stays as it is."""
    kept = []
    for name in names:
        words = name.split()
        fuller = [other for other in names if _initialled_as(words, other.split())]
        if not (len(words) > 1 and all(_INITIALS.match(word) for word in words[:-1]) and len(fuller) == 1):
            kept.append(name)
    return kept


def _initialled_as(initialled: list[str], full: list[str]) -> bool:
    """ "C Paterson" of "Chris Paterson", "J.R. Smith" of "John Smith"; not "C Paterson" of itself."""
    first = full[0]
    return (
        len(full) > 1
        and full[-1] == initialled[-1]
        and not _INITIALS.match(first)
        and first[:1] == initialled[0][:1]
    )


def _variants(one: list[str], other: list[str], lex: Lexicon) -> bool:
    if len(one) != 2 or len(other) != 2 or one[1] != other[1]:
        return False
    return lex.same_first_name(one[0], other[0]) or _respelt(one[0], other[0])


def _respelt(one: str, other: str) -> bool:
    """One vowel for another inside a long name: "Kristin"/"Kristen"; not "Maria"/"Mario"."""
    if len(one) != len(other) or len(one) < 6:
        return False
    diff = [i for i, (a, b) in enumerate(zip(one, other, strict=True)) if a != b]
    return len(diff) == 1 and 0 < diff[0] < len(one) - 1 and {one[diff[0]], other[diff[0]]} <= set("aeiouy")


def _lone_person(word: str, known: set[str], evidence: dict[str, int], lex: Lexicon) -> bool:
    """A word alone is a person only with strong evidence and when no full name has it."""
    cue = evidence.get(word, NONE)
    if word in known or cue < STRONG or _plural_of_known(word, known):
        return False
    if word in lex.first_names:  # "Rebecca and I", "their child, Gloria"; a word ("Grace") needs a title
        needed = ROLE if lex.is_first_name(word) else TITLE  # "said" is not enough: "Chelsea said"
    else:  # companies say things too: "said" is enough only for a census surname
        needed = STRONG if _surname_alone(word, lex) else ROLE
    return cue >= needed and _may_stand_alone(word, lex)


def _may_stand_alone(word: str, lex: Lexicon) -> bool:
    """Whether a word alone can be someone's name: not an ordinary word, a place, an initial …"""
    return not (
        lex.is_common(word)
        or word in lex.places
        or word in lex.non_person
        or word in lex.surname_like
        or _acronym(word)
        or _INITIAL.match(word)
        or _place_like(word, lex)
    )


def _player(word: str, known: set[str], evidence: dict[str, int], counts: Counter[str], lex: Lexicon) -> bool:
    """In a sports report, a census surname (or a surname by its ending: "Konchesky") that no full
    name of the article has, written more than once and capitalised in mid-sentence: a player called
    by his surname all through the report ("Waugh, dropped on 12 by Gatting, shared a stand with
    Taylor"). Any word no list has would do as often for a club ("Juventus", "Rosenborg")."""
    if word in known or counts[word] < 2 or evidence.get(word, NONE) < WEAK or not _surname_alone(word, lex):
        return False
    team = word in lex.gazetteer or _team_plural(word, lex)  # "Blackburn", "Bruins": a club
    return _may_stand_alone(word, lex) and not (team or _plural_of_known(word, known))


def _team_plural(word: str, lex: Lexicon) -> bool:
    """ "Bruins", "Lakers": the plural of an English word names a team (not "Williams", "Stubbs")."""
    single = word[:-1].lower()
    return word.endswith("s") and (single in lex.common_words or single in lex.more_words)


def _place_like(word: str, lex: Lexicon) -> bool:
    """ "Tanzania", "Lutheranism"; a known first name with such an ending ("Gloria", "Lydia") only when
    it is also a place."""
    ending = bool(NOT_A_NAME_ENDING.search(word))
    return ending and word in lex.gazetteer if word in lex.first_names else ending


def _misspelt(word: str, surnames: set[str]) -> bool:
    """ "Mauer" beside "K.C. Maurer", "Abbott" beside "Diane Abbot": a long word one letter off the
    surname of a full name in the article is that person, misspelt."""
    return len(word) >= 5 and any(_one_letter_off(word, name) for name in surnames if name[0] == word[0])


def _one_letter_off(word: str, name: str) -> bool:
    if len(word) == len(name):
        return sum(a != b for a, b in zip(word, name, strict=True)) == 1
    short, long = sorted((word, name), key=len)
    return len(long) - len(short) == 1 and any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def _plural_of_known(word: str, known: set[str]) -> bool:
    """ "the Sams" beside "Thomas Sam" and "Manju Sam"."""
    return word.endswith("s") and word[:-1] in known
