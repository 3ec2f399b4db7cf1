"""What stands out in a set of matches: the people and words much more frequent among them than
in the whole archive, scored as Elasticsearch's ``significant_terms`` scores them by default
(JLH: the gain in the share of articles that have a term, times the ratio of the two shares).

Each kind of term is one function in ``KINDS`` that returns candidates with two counts — how
many matching articles have the term, how many archive articles do — from the index's own
statistics; scoring, the minimum count and the cut are shared. A new per-document column (a
topic, an outlet) plugs in as one more function in ``KINDS`` (``column_candidates`` counts any
multi-valued column kept as (document, value) entries, as the person column is).

- **People** come from the person column: one ``bincount`` over the entries of the matching
  documents (as the person facet), against each person's article count.
- **Words** need per-document terms, which Whoosh keeps only in the postings. As Elasticsearch's
  ``significant_text`` under a ``sampler``, the texts of the ``SAMPLE`` best matches are analysed
  (with the body field's own analyzer) for candidate words; the ``CANDIDATES`` best of them by
  their score within the sample are then counted exactly over *all* matches from their posting
  arrays (the ones the search's matcher reads and caches), against their document frequency.
  The cost: reading and analysing ``SAMPLE`` stored texts plus ``CANDIDATES`` posting lists
  (cached per index generation); see ``python -m benchmarks trends``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from weakref import WeakKeyDictionary

import numpy as np

from ..results import Significant, Standout
from .analysis import is_pair
from .columns import Columns
from .matching import ranked
from .postings import PostingSource, Scored
from .snippets import MAX_CHARS

MIN_COUNT = 3  # matching articles a term needs (Elasticsearch's min_doc_count default)
SHOWN = 10  # terms per kind
SAMPLE = 100  # best matches whose text gives the word candidates
SAMPLE_CHARS = MAX_CHARS  # of each, as much as a snippet reads
CANDIDATES = 40  # candidate words counted exactly over every match
WORD_FIELD = "body"


@dataclass(frozen=True)
class Foreground:
    """The matches of a search: document numbers (ascending), a mask over all documents, the
    scored matches (None for the empty query) and what the search itself asked for (the
    selected people, the query's own words), which cannot stand out."""

    ids: np.ndarray
    mask: np.ndarray
    scored: Scored | None
    persons: frozenset[int]
    words: frozenset[str]


@dataclass(frozen=True)
class Index:
    """What the kinds read: the searcher, the per-document columns, the posting arrays."""

    searcher: object
    columns: Columns
    postings: PostingSource

    @property
    def size(self) -> int:
        return int(self.searcher.doc_count())


@dataclass(frozen=True)
class Candidates:
    values: list[str]  # as shown
    terms: list[str]  # as searched
    counts: np.ndarray  # matching articles with the term
    background: np.ndarray  # archive articles with the term


def jlh(count: np.ndarray, size: int, background: np.ndarray, archive: int) -> np.ndarray:
    """Elasticsearch's JLH score: (fg% - bg%) × fg% / bg% where the term is more frequent in
    the foreground, else 0."""
    fg = count / max(size, 1)
    bg = np.maximum(background, 1) / max(archive, 1)
    return np.where(fg > bg, (fg - bg) * fg / bg, 0.0)


def find(index: Index, fg: Foreground, *, shown: int = SHOWN) -> Significant:
    """The ``shown`` most significant terms of each kind among the matches ``fg``."""
    size, archive = len(fg.ids), index.size
    kinds: dict[str, list[Standout]] = {kind: [] for kind in KINDS}
    sampled = 0
    if size and size < archive:  # the whole archive stands out against nothing
        for kind, candidates_of in KINDS.items():
            found = candidates_of(index, fg)
            if kind == "word":
                sampled = min(size, SAMPLE)
            kinds[kind] = _best(kind, found, size, archive, shown)
    return Significant(matches=size, archive=archive, sampled=sampled, kinds=kinds)


def _best(kind: str, found: Candidates, size: int, archive: int, shown: int) -> list[Standout]:
    if not found.values:
        return []
    scores = jlh(found.counts, size, found.background, archive)
    scores[found.counts < MIN_COUNT] = 0.0
    order = sorted(np.flatnonzero(scores > 0).tolist(), key=lambda i: (-scores[i], found.values[i]))
    return [Standout(kind, found.values[i], found.terms[i], int(found.counts[i]),
                     int(found.background[i]), float(scores[i])) for i in order[:shown]]


def column_candidates(entry_doc: np.ndarray, entry_value: np.ndarray, names: list[str],
                      background: np.ndarray, fg: Foreground, skip: frozenset[int]) -> Candidates:
    """Candidates from a multi-valued column kept as (document, value id) entries: every value
    that a matching document has, with its counts."""
    counts = np.bincount(entry_value[fg.mask[entry_doc]], minlength=len(names))
    present = [int(v) for v in np.flatnonzero(counts >= MIN_COUNT) if int(v) not in skip]
    chosen = [names[v] for v in present]
    return Candidates(chosen, chosen, counts[present], background[present])


def person_candidates(index: Index, fg: Foreground) -> Candidates:
    columns = index.columns
    return column_candidates(columns.entry_doc, columns.entry_person, columns.person_names,
                             columns.article_counts(), fg, fg.persons)


def word_candidates(index: Index, fg: Foreground) -> Candidates:
    sample = _sample(fg)
    memo = _memo(index)
    names = [index.columns.person_names[p].lower() for p in fg.persons]  # their words are no news
    skip = fg.words | {stem for name in names for piece in name.split() for stem, _ in memo.tokens(piece)}
    per_doc, surface = _sample_words(index, sample, skip)
    stems = sorted(stem for stem, n in per_doc.items() if n >= min(MIN_COUNT, len(sample)))
    if not stems:
        return Candidates([], [], np.zeros(0), np.zeros(0))
    in_sample = np.asarray([per_doc[s] for s in stems], dtype=np.float64)
    frequency = np.asarray(memo.frequencies(stems), dtype=np.float64)
    rough = jlh(in_sample, len(sample), frequency, index.size)
    best = [i for i in np.argsort(-rough, kind="stable")[:CANDIDATES] if rough[i] > 0]
    terms = [stems[i] for i in best]
    counts, background = [], []
    for term in terms:  # exact counts over every match, from the posting arrays
        ids = index.postings.term(WORD_FIELD, term).ids
        counts.append(int(np.count_nonzero(fg.mask[ids])))
        background.append(len(ids))
    values = [surface[t].most_common(1)[0][0] for t in terms]
    return Candidates(values, terms, np.asarray(counts), np.asarray(background))


def _sample(fg: Foreground) -> np.ndarray:
    """The best ``SAMPLE`` matches by relevance; for the empty query (no ranking) matches
    evenly spread over the set."""
    if len(fg.ids) <= SAMPLE:
        return fg.ids
    if fg.scored is not None and len(fg.scored):
        return ranked(fg.scored, SAMPLE)[0]
    return fg.ids[np.linspace(0, len(fg.ids) - 1, SAMPLE).astype(np.int64)]


def _sample_words(index: Index, docs: np.ndarray, skip: frozenset[str]) -> tuple[Counter, dict[str, Counter]]:
    """In how many of ``docs`` each indexed word occurs, and how the texts spell it (in how
    many of them each spelling occurs), in the first ``SAMPLE_CHARS`` of each (a 20 MB digest
    would otherwise cost seconds). A text is cut at white space (no token of the field's
    analyzer spans it) and each distinct piece goes through the whole analyzer (tokenizer,
    lowercase, stop words, stemming) once per index generation."""
    memo = _memo(index)
    per_doc: Counter = Counter()
    spelled: dict[tuple[str, str], int] = {}
    for doc in docs:
        text = (index.searcher.stored_fields(int(doc)).get(WORD_FIELD) or "")[:SAMPLE_CHARS]
        seen = set()
        for piece in set(text.lower().split()):
            for pair in memo.tokens(piece):
                if pair[0] not in skip:
                    seen.add(pair)
        per_doc.update({stem for stem, _ in seen})
        for pair in seen:
            spelled[pair] = spelled.get(pair, 0) + 1
    surface: dict[str, Counter] = {}
    for (stem, word), times in sorted(spelled.items()):  # sorted: ties go to the first spelling
        surface.setdefault(stem, Counter())[word] = times
    return per_doc, surface


class _Memo:
    """Per index generation: the indexed words (and their spellings) of each piece of text,
    and each indexed word's document frequency (Whoosh looks one up in ~70 µs), as they are
    asked for."""

    LIMIT = 500_000  # entries kept before starting afresh

    def __init__(self, searcher) -> None:
        self.reader = searcher.reader()
        self.analyzer = searcher.schema[WORD_FIELD].analyzer
        self._tokens: dict[str, tuple[tuple[str, str], ...]] = {}
        self._frequency: dict[str, int] = {}

    def tokens(self, piece: str) -> tuple[tuple[str, str], ...]:
        """(indexed word, spelling) of each token of ``piece``, words with a letter only."""
        found = self._tokens.get(piece)
        if found is None:
            if len(self._tokens) > self.LIMIT:
                self._tokens.clear()
            found = self._tokens[piece] = tuple(
                (t.text, piece[t.startchar:t.endchar])
                for t in self.analyzer(piece, chars=True, mode="index")
                if any(c.isalpha() for c in t.text) and not is_pair(t.text))
        return found

    def frequencies(self, stems: list[str]) -> list[int]:
        known = self._frequency
        if len(known) > self.LIMIT:
            known.clear()
        for stem in stems:
            if stem not in known:
                known[stem] = self.reader.doc_frequency(WORD_FIELD, stem)
        return [known[stem] for stem in stems]


_MEMOS: WeakKeyDictionary = WeakKeyDictionary()


def _memo(index: Index) -> _Memo:
    memo = _MEMOS.get(index.searcher)
    if memo is None:
        memo = _MEMOS[index.searcher] = _Memo(index.searcher)
    return memo


KINDS: dict[str, Callable[[Index, Foreground], Candidates]] = {
    "person": person_candidates,
    "word": word_candidates,
}
