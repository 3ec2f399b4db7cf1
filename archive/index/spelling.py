"""Did you mean: the likely word for a query word the archive (almost) never uses, and the
likely names for a person nobody in the archive is called.

Words come from the archive's own vocabulary (the body field's terms, Whoosh's
``reader.terms_within``): the candidates within ``MAX_EDITS`` Damerau-Levenshtein edits that
share the word's first letter, the nearest first and, among equally near ones, the most
frequent. A word is corrected when it is in no article, or in at most ``RARE`` (or the share
``RARE_SHARE`` of the archive) while a word one edit away is in ``COMMONER`` times as many. The
suggestion is shown as people write it: the indexed term is stemmed and folded, so its spelling
is read back from an article that has it (the one nearest to what was typed).
"""

from __future__ import annotations

import re

from whoosh import query as wq
from whoosh.support.levenshtein import damerau_levenshtein

from .analysis import fold
from .schema import TEXT

MAX_EDITS = 2
RARE = 3  # a word in this many articles or fewer (or RARE_SHARE of them) may be a misspelling
RARE_SHARE = 0.001
COMMONER = 50
FIELD = "body"
MAX_NAMES = 5
_WORD = re.compile(r"[\w'’]+(?:\.\w+)*", re.UNICODE)  # a query word, as the tokenizer reads one


def did_you_mean(q: str, parsed, reader) -> str | None:
    """``q`` with each rare or unknown word replaced by the likely one, or None if none is."""
    fixes = {}
    for term in _query_terms(parsed):
        better = _better_term(term, reader)
        if better is not None:
            fixes[term] = better
    if not fixes:
        return None
    changed = False

    def fix(word: re.Match) -> str:
        nonlocal changed
        terms = [t.text for t in TEXT(word.group(0))]
        if len(terms) == 1 and terms[0] in fixes:
            changed = True
            return _spelled(fixes[terms[0]], reader, word.group(0)) or fixes[terms[0]]
        return word.group(0)

    fixed = _WORD.sub(fix, q)
    return fixed if changed else None


def _query_terms(parsed) -> list[str]:
    """The words a query looks for in titles and bodies (not excluded ones, not wildcards)."""
    terms: list[str] = []

    def walk(node):
        if isinstance(node, wq.Not):
            return
        if isinstance(node, wq.Term) and node.fieldname in ("title", "body"):
            terms.append(str(node.text))
        elif isinstance(node, wq.Phrase) and node.fieldname in ("title", "body"):
            terms.extend(node.words)
        elif not node.is_leaf():
            for child in node.children():
                walk(child)

    walk(parsed)
    return list(dict.fromkeys(t for t in terms if t.isalpha() and len(t) > 2))


def _better_term(term: str, reader) -> str | None:
    frequency = reader.doc_frequency(FIELD, term) + reader.doc_frequency("title", term)
    if frequency > max(RARE, reader.doc_count() * RARE_SHARE):
        return None
    best = None
    for candidate, edits in _within(reader, term):
        key = (edits, -reader.doc_frequency(FIELD, candidate), candidate)
        if best is None or key < best:
            best = key
    if best is None:
        return None
    edits, count = best[0], -best[1]
    if frequency == 0 or (edits == 1 and count >= COMMONER * frequency):
        return best[2]
    return None


def _within(reader, term: str):
    """(word, edits) of the body's words within MAX_EDITS of ``term`` that start with its first
    letter (``reader.terms_within``, with words of too different a length left out before the
    distance is computed: ~10x faster)."""
    for raw in reader.expand_prefix(FIELD, term[:1]):
        word = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        if word == term or abs(len(word) - len(term)) > MAX_EDITS:
            continue
        edits = damerau_levenshtein(term, word, limit=MAX_EDITS + 1)
        if edits <= MAX_EDITS:
            yield word, edits


def _spelled(term: str, reader, typed: str) -> str | None:
    """How the first article with the indexed ``term`` writes it (lowercase, accents kept), the
    spelling nearest to what was ``typed`` if it has several ("prices" for "prises"), or None."""
    docs = reader.postings(FIELD, term)
    if not docs.is_active():
        return None
    text = reader.stored_fields(docs.id()).get(FIELD, "")
    forms = set()
    for token in TEXT(text, chars=True):
        if token.text == term:
            word = text[token.startchar:token.endchar].lower()
            forms.add(word[:-2] if word.endswith(("'s", "’s")) else word)
    typed = typed.lower()
    return min(forms, key=lambda form: (damerau_levenshtein(form, typed), form)) if forms else None


def closest_names(name: str, names: list[str], counts) -> list[str]:
    """The ``MAX_NAMES`` indexed names most like ``name`` by spelling (accents and case aside):
    the surname within ``MAX_EDITS`` edits, then the given names alike (the same, or the same
    initial), nearest first, the most mentioned first among equals."""
    wanted = fold(name).split()
    if not wanted:
        return []
    ranked = []
    for pid, candidate in enumerate(names):
        if not counts[pid]:
            continue
        words = fold(candidate).split()
        if not words:
            continue
        last = damerau_levenshtein(wanted[-1], words[-1], limit=MAX_EDITS + 1)
        if last > MAX_EDITS:
            continue
        ranked.append((last + _given_distance(wanted[:-1], words[:-1]), -int(counts[pid]), candidate))
    ranked.sort()
    return [candidate for *_, candidate in ranked[:MAX_NAMES]]


def _given_distance(wanted: list[str], words: list[str]) -> int:
    if not wanted or not words:
        return 1 if wanted or words else 0
    first, other = wanted[0], words[0]
    if first == other:
        return 0
    if damerau_levenshtein(first, other, limit=2) <= 1:
        return 1
    return 2 if first[0] == other[0] else 3


def person_id(columns, name: str) -> int:
    """The person id of ``name`` (any case; accents aside: "zoe muller" is Zoë Müller), -1 for
    nobody."""
    pid = columns.person_ids.get(name.casefold())
    if pid is not None:
        return pid
    folded = " ".join(fold(name).split())
    for pid, candidate in enumerate(columns.person_names):
        if fold(candidate) == folded:
            return pid
    return -1
