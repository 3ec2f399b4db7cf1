"""The analyzer of titles, bodies and names: how news text becomes indexed words.

Built on Whoosh's analysis chain, after what Lucene/Elasticsearch do for news text (standard
tokenizer, possessive filter, lowercase, ASCII folding, Porter stemming, no stop words):

- every word is a term, one-letter words and stop words included (``it``, ``may``, ``the``);
  BM25F keeps common words from dominating a ranking;
- an acronym is one term, with or without its dots: "U.S.", "US" and "U.S" are ``us``; "U.K.",
  "U.N.", "E.U." and initials such as "J.R.R." likewise;
- a name with an apostrophe keeps it ("O'Brien" is ``o'brien``, ’ read as '); the possessive
  "'s" goes ("Reagan's" is ``reagan``);
- a hyphen separates words: "COVID-19" is ``covid`` followed by ``19`` (so ``covid`` finds it,
  and the query ``COVID-19`` is read as the phrase of those words), "US-based" is ``us``
  ``base``;
- accents are folded (``gómez`` is ``gomez``), at index and at query time alike, since both go
  through this analyzer; stored text keeps its spelling, and highlighting marks the original
  word (tokens keep their character offsets in the original text);
- common-word pairs (CommonGrams, as Lucene's filter): next to its words, the index holds each
  pair of neighbours of which one is a common word ("of the", "bank of") as one term, so an
  exact phrase with common words is matched on those pairs, whose postings are short, instead
  of on "the", which is in most stories (query.py rewrites phrases onto them);
- English (Porter) stemming of words over three letters, so ``prices`` finds "price" (short
  words stay as they are: Porter would merge "one" with "on", "US" with "u").

``ANALYZER_VERSION`` names this analysis: an index written with another one must be rebuilt
(see schema.SCHEMA_VERSION).
"""

from __future__ import annotations

import re

from whoosh.analysis import (
    CharsetFilter,
    CommaSeparatedTokenizer,
    Filter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    Token,
)
from whoosh.support.charset import accent_map

ANALYZER_VERSION = 2  # 1: Whoosh's StemmingAnalyzer (stop list, minsize 2, no folding)

# An acronym (two or more single letters joined by dots, the last dot optional), a number with
# decimal points or thousands separators, or a word with inner apostrophes.
WORD_PATTERN = re.compile(
    r"(?<!\w)[^\W\d_](?:\.[^\W\d_])+\.?(?!\w)"  # U.S. U.K. E.U. J.R.R. U.S
    r"|\d+(?:[.,]\d+)+"  # 3.5 1,000
    r"|\w+(?:['’]\w+)*",  # O'Brien don't Reagan's
    re.UNICODE,
)
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'"})
SHORT = 3  # words this long or shorter are not stemmed: Porter makes "us" "u", "one" "on", "has" "ha"


class NewsWordFilter(Filter):
    """Acronyms lose their dots, apostrophes are one character, the possessive 's goes."""

    def __call__(self, tokens):
        for t in tokens:
            text = t.text
            if "." in text and not text[0].isdigit():
                text = text.replace(".", "")
            elif "'" in text or "’" in text:
                text = text.translate(_APOSTROPHES)
                if text.endswith("'s"):
                    text = text[:-2]
                text = text.strip("'")
            if text:
                t.text = text
                yield t


# The common words of CommonGrams: English function words and the newswire's "said".
COMMON_WORDS = (
    "a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "can", "for", "from", "had",
    "has", "have", "he", "her", "his", "i", "if", "in", "is", "it", "its", "may", "no", "not",
    "of", "on", "or", "said", "she", "that", "the", "their", "there", "they", "this", "to",
    "us", "was", "we", "were", "which", "who", "will", "with", "would", "you",
)
GRAM = "\x1f"  # starts every pair term: no tokenizer word nor user prefix does


class LongWordStemFilter(StemFilter):
    """Porter stemming of the words longer than ``SHORT`` letters ("prices" is ``price``; "one",
    "us", "has" stay themselves instead of meeting "on", "u", "ha")."""

    def __call__(self, tokens):
        stem = self._stem
        for t in tokens:
            if len(t.text) > SHORT:
                t.text = stem(t.text)
            yield t


def _words_analyzer():
    return (RegexTokenizer(WORD_PATTERN) | LowercaseFilter() | NewsWordFilter()
            | CharsetFilter(accent_map) | LongWordStemFilter())


COMMON = frozenset(t.text for t in _words_analyzer()(" ".join(COMMON_WORDS)))


class CommonGramsFilter(Filter):
    """At index time, after each token, the pair it makes with the token before when either is
    a common word, at the position of the first (``GRAM`` + "bank of"). Other modes (queries,
    highlighting) see the words alone."""

    def __call__(self, tokens):
        previous = None  # (text, pos, startchar) of the token before
        for t in tokens:
            yield t
            if t.mode != "index":
                continue
            text, pos, start = t.text, getattr(t, "pos", None), getattr(t, "startchar", None)
            if previous is not None and (previous[0] in COMMON or text in COMMON):
                t.text = pair(previous[0], text)
                if pos is not None:
                    t.pos = previous[1]
                if start is not None:
                    t.startchar = previous[2]
                yield t
                t.text = text
                if pos is not None:
                    t.pos = pos
                if start is not None:
                    t.startchar = start
            previous = (text, pos, start)


def pair(first: str, second: str) -> str:
    """The indexed term of two neighbouring words."""
    return f"{GRAM}{first} {second}"


def is_pair(term: str) -> bool:
    return term.startswith(GRAM)


def pair_words(term: str) -> list[str]:
    """The words of a pair term; a word alone is itself."""
    return term[len(GRAM):].split(" ") if is_pair(term) else [term]


def phrase_terms(words: list[str]) -> list[str]:
    """The indexed terms that match the phrase of the analysed ``words``, one per position
    (Lucene's CommonGramsQueryFilter): the pair of each word with the next where either is
    common, the word itself otherwise; the last word only if no pair holds it."""
    if len(words) < 2 or not any(w in COMMON for w in words):
        return list(words)
    terms = []
    for i, word in enumerate(words[:-1]):
        following = words[i + 1]
        terms.append(pair(word, following) if word in COMMON or following in COMMON else word)
    if not is_pair(terms[-1]):
        terms.append(words[-1])
    return terms


def news_analyzer():
    """The analyzer of titles and bodies."""
    return _words_analyzer() | CommonGramsFilter()


class RememberingAnalyzer:
    """The news analyzer as highlighting runs it: the tokens of the query mode with their
    character offsets, each marked ``matched`` when it is one of ``terms``. Each distinct word
    goes through the filters once and its analysed form is remembered, instead of five filter
    generators for each word of every snippet (a search marks ten articles; at ×10 Reuters that
    was most of a search's time)."""

    MAX_WORDS = 500_000  # forms remembered before starting afresh (~60 MB at worst)

    def __init__(self, analyzer) -> None:
        self._tokenizer, self._filters = analyzer.items[0], analyzer.items[1:]
        self._forms: dict[str, tuple[str, ...]] = {}

    def __call__(self, value: str, terms: frozenset[str] = frozenset()):
        forms = self._forms
        token = Token(chars=True, removestops=False, mode="query")
        token.boost, token.stopped = 1.0, False
        for match in self._tokenizer.expression.finditer(value):
            word = match.group(0)
            found = forms.get(word)
            if found is None:
                found = self._remember(word)
            token.startchar, token.endchar = match.start(), match.end()
            for text in found:
                token.text, token.matched = text, text in terms
                yield token

    def _remember(self, word: str) -> tuple[str, ...]:
        token = Token(mode="query", removestops=False)
        token.text, token.boost, token.stopped = word, 1.0, False
        stream = iter([token])
        for item in self._filters:
            stream = item(stream)
        found = tuple(t.text for t in stream)
        if len(self._forms) >= self.MAX_WORDS:
            self._forms = {}
        self._forms[word] = found
        return found


def name_analyzer():
    """The analyzer of the person and author keyword fields: whole names between commas,
    lowercased and accent-folded ("Zoë Müller" is ``zoe muller``)."""
    return CommaSeparatedTokenizer() | LowercaseFilter() | CharsetFilter(accent_map)


def fold(text: str) -> str:
    """``text`` lowercased with its accents folded, as the analyzers fold it."""
    return text.lower().translate(accent_map)

