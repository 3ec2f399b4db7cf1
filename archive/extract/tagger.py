"""A learned tagger of person-name mentions: a linear-chain CRF (CRFsuite, through python-crfsuite)
over the words of an article, trained on the shared gold (``benchmarks/train_people.py`` rebuilds
``data/people.crfsuite`` from it; see ``data/README.md`` for what it was trained on and its licence).

Each word is described by what the project's word lists say of it and of its neighbours (a census
first name or surname and how frequent, an ordinary English word, a GeoNames place, a title, a role
or speech-verb cue, an organisation word, a function word), by its shape and capitals, by where it
stands (after a sentence end, in the headline) and by what the rest of the article says of it (the
same word written in lower case elsewhere; the same word after a first name elsewhere, as a
surname). The model marks the words of each name (B-PER, I-PER) without the title before it.

Only stretches around capitalised words are tagged (a run of lower-case words two away from any
capital is never a name), the same in training and in use: most of a news text costs nothing.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import NamedTuple

from .names import Lexicon, lexicon

MODEL = Path(__file__).parent / "data" / "people.crfsuite"
MODEL_VERSION = 1  # the feature set: a model is read only by the code that wrote its features
_CONTEXT = 2  # words tagged on each side of a capitalised word

# A token: initials ("U.S.", "H.W.", "J."), a word with inner hyphens, dots or apostrophes ("Clark-Coates",
# "O'Brien"; not the possessive "'s", which is a token of its own), or one other character.
_TOKEN = re.compile(
    r"(?:Jr|Sr|St|Dr|Mr|Mrs|Ms|Mt|Ft|Prof|Gen|Sen|Rep|Gov|Lt|Col|Capt|Sgt|Rev|Hon|Inc|Corp|Co|Ltd|No|vs)\.(?!\w)"
    r"|(?:[^\W\d_]\.)+(?![^\W_])"
    r"|[^\W_](?:[^\W_]|['’](?=[^\W\d_])(?![sS]\b)|[-.](?=[^\W_]))*"
    r"|['’][sS]\b|\S"
)
_SENTENCE_END = frozenset(".!?:;\"“”()[]•|—–")
_SHAPES = re.compile(r"(.)\1+")


class Token(NamedTuple):
    text: str
    start: int
    end: int


def tokens(text: str) -> list[Token]:
    return [Token(m.group(), *m.span()) for m in _TOKEN.finditer(text)]


def _shape(word: str) -> str:
    shape = "".join("X" if c.isupper() else "x" if c.islower() else "d" if c.isdigit() else c for c in word)
    return _SHAPES.sub(r"\1\1", shape)


@lru_cache(maxsize=32768)
def word_features(word: str) -> tuple[tuple[str, ...], ...]:
    """What the word lists say of a word: its own features, then as seen from the word after it
    ("-1:"), before it ("+1:"), two after ("-2:") and two before ("+2:")."""
    lex = lexicon()
    low = word.lower()
    flags = _flags(word, low, lex)
    # a capitalised word is named only when it is a known word: the model learns what names look
    # like from the lists, not which names it was shown
    known = not word[:1].isupper() or low in lex.common_words or word in lex.stop or "title" in flags
    ident = f"w={low}" if known else "w=?"
    own = (ident, f"sh={_shape(word)}", f"suf={low[-2:]}", *flags)
    near = (ident, *flags)
    return (own, tuple("-1:" + f for f in near), tuple("+1:" + f for f in near), ("-2:" + ident,),
            ("+2:" + ident,))


def _flags(word: str, low: str, lex: Lexicon) -> list[str]:
    """The word-list memberships of one word, as feature names."""
    flags = []
    cap = word[:1].isupper()
    if cap:
        flags.append("cap")
        if word.isupper() and len(word) > 1:
            flags.append("caps")
    if word in lex.first_names:
        flags.append("first" if low not in lex.common_words else "first_word")
    if word in lex.top_surnames:
        flags.append("surname_top")
    elif word in lex.frequent_surnames:
        flags.append("surname_freq")
    elif word in lex.surnames:
        flags.append("surname")
    if low in lex.common_words:
        flags.append("common")
    elif low in lex.more_words:
        flags.append("rare_word")
    elif cap and word not in lex.surnames and word not in lex.first_names:
        flags.append("unknown")
    if word in lex.gazetteer:
        flags.append("place")
    if word in lex.places:
        flags.append("country")
    if word in lex.honorifics or f"{word}." in lex.honorifics:
        flags.append("title")
    if low in lex.cues_before:
        flags.append("cue_before")
    if low in lex.cues_after:
        flags.append("cue_after")
    if word in lex.non_person:
        flags.append("org")
    if word in lex.stop:
        flags.append("stop")
    if word in lex.particles:
        flags.append("particle")
    if low in lex.org_cues_before:
        flags.append("org_before")
    if low in lex.org_cues_after:
        flags.append("org_after")
    if word in lex.fictional:
        flags.append("fictional")
    if _INITIAL.fullmatch(word):
        flags.append("initial")
    if cap and lex.is_demonym(word):
        flags.append("demonym")
    if "-" in word:
        flags.append("hyphen")
    return flags


_INITIAL = re.compile(r"(?:[^\W\d_]\.)+|[^\W\d_a-z]")
def windows(toks: list[Token], skip: Collection[str] = ()) -> Iterator[tuple[int, int]]:
    """(first, end) of each stretch of tokens within ``_CONTEXT`` of a capitalised word that is not
    a function word; with ``skip``, only the stretches that have a capitalised word not in it."""
    stop = lexicon().stop
    begin = end = -1
    wanted = False
    for index, tok in enumerate(toks):
        if tok.text[:1].isupper() and tok.text not in stop:
            lo, hi = max(0, index - _CONTEXT), min(len(toks), index + _CONTEXT + 1)
            if lo > end:
                if end > begin and wanted:
                    yield begin, end
                begin, wanted = lo, False
            end = hi
            wanted = wanted or tok.text not in skip
    if end > begin and wanted:
        yield begin, end


@dataclass(frozen=True)
class DocFacts:
    """What the whole text says of its words, for features of each one."""

    lower: frozenset[str]  # words written in lower case somewhere
    surnames: frozenset[str]  # capitalised words written right after a census first name
    title_end: int  # the headline's end offset (0 if none)
    ruled: dict  # word → "rule_first" / "rule_last" / "rule_mid" / "rule_single": the rules' people


def rule_words(names) -> dict[str, str]:
    """Where each word stands in the names the rule extractor found (:mod:`.people`)."""
    found: dict[str, str] = {}
    for name in names:
        words = name.split()
        if len(words) == 1:
            found.setdefault(words[0], "rule_single")
            continue
        found[words[0]] = "rule_first"
        found[words[-1]] = "rule_last"
        for word in words[1:-1]:
            found.setdefault(word, "rule_mid")
    return found


def doc_facts(toks: list[Token], title_end: int, ruled: dict | None = None) -> DocFacts:
    lex = lexicon()
    lower, surnames = set(), set()
    previous = ""
    for tok in toks:
        word = tok.text
        if word[:1].islower():
            lower.add(word)
        elif previous in lex.first_names and word[:1].isupper() and word not in lex.stop:
            surnames.add(word)
        previous = word
    return DocFacts(frozenset(lower), frozenset(surnames), title_end, ruled or {})


_NO_BEFORE, _NO_AFTER = ("-1:none",), ("+1:none",)


def sequence(toks: list[Token], first: int, end: int, text: str, facts: DocFacts) -> list[tuple[str, ...]]:
    """The features of tokens[first:end], each with its neighbours' (within the whole text)."""
    lo, hi = max(0, first - 2), min(len(toks), end + 2)
    feats = [word_features(tok.text) for tok in toks[lo:hi]]
    count = len(feats)
    out = []
    for index in range(first, end):
        local = index - lo
        row = feats[local][0]
        row += feats[local - 1][1] if local >= 1 else _NO_BEFORE
        row += feats[local + 1][2] if local + 1 < count else _NO_AFTER
        if local >= 2:
            row += feats[local - 2][3]
        if local + 2 < count:
            row += feats[local + 2][4]
        out.append(row + _position(toks, index, text, facts))
    return out


def _position(toks: list[Token], index: int, text: str, facts: DocFacts) -> tuple[str, ...]:
    tok = toks[index]
    found: list[str] = []
    opens = index == 0 or "\n" in text[toks[index - 1].end : tok.start]
    if opens:
        found.append("line_start")
    elif toks[index - 1].text in _SENTENCE_END:
        found.append("sent_start")
        opens = True
    if tok.text[:1].isupper() and not opens and tok.start >= facts.title_end:
        found.append("cap_mid")  # a capital that the sentence does not explain
    if tok.start < facts.title_end:
        found.append("headline")
    if tok.text[:1].isupper():
        if tok.text.lower() in facts.lower:
            found.append("lower_elsewhere")
        if tok.text in facts.surnames:
            found.append("surname_in_doc")
        rule = facts.ruled.get(tok.text)
        if rule:
            found.append(rule)
    return tuple(found)


@cache
def _tagger():
    import pycrfsuite  # only when the model is used

    tagger = pycrfsuite.Tagger()
    tagger.open(str(MODEL))
    return tagger


def model_available() -> bool:
    """The weights are shipped; python-crfsuite is an optional dependency (the ``model`` extra)."""
    return MODEL.exists() and importlib.util.find_spec("pycrfsuite") is not None


def person_spans(
    text: str, title_end: int = 0, ruled: dict | None = None, skip: Collection[str] = ()
) -> list[tuple[int, int]]:
    """(start, end) of each person-name mention the model finds in ``text``; ``ruled``: the rules'
    people (:func:`rule_words`); ``skip``: words whose stretches need no tagging (see :func:`windows`)."""
    toks = tokens(text)
    facts = doc_facts(toks, title_end, ruled)
    tagger = _tagger()
    spans = []
    for first, end in windows(toks, skip):
        labels = tagger.tag(sequence(toks, first, end, text, facts))
        spans.extend(spans_of(labels, toks[first:end], text))
    return spans


def spans_of(labels: list[str], toks: list[Token], text: str) -> list[tuple[int, int]]:
    """Character spans of the B-PER/I-PER runs in ``labels``."""
    spans: list[tuple[int, int]] = []
    begin = last = -1
    for label, tok in zip(labels, toks, strict=True):
        if label == "I-PER" and begin >= 0 and "\n" in text[last : tok.start]:
            label = "B-PER"  # a name does not go on over a line break
        if label == "B-PER" or (label == "I-PER" and begin < 0):
            if begin >= 0:
                spans.append((begin, last))
            begin, last = tok.start, tok.end
        elif label == "I-PER":
            last = tok.end
        elif begin >= 0:
            spans.append((begin, last))
            begin = -1
    if begin >= 0:
        spans.append((begin, last))
    return spans
