"""Highlighted snippets: article text escaped first, then matches wrapped in <mark>."""

from __future__ import annotations

from html import escape
from itertools import islice

from whoosh import highlight, query

from .analysis import RememberingAnalyzer, pair_words
from .schema import TEXT

MAX_CHARS = 60_000  # cap the cost of very long articles: only their start is highlighted
SNIPPET_CHARS = 240
FRAGMENTS = 2
PREFIX_TERMS = 50


class MarkFormatter(highlight.Formatter):
    """Fragments as escaped text with ``<mark>`` around the matched words, joined with " … "."""

    between = " … "

    def format_token(self, text, token, replace=False):
        return f"<mark>{escape(highlight.get_text(text, token, replace), quote=False)}</mark>"

    def _text(self, text):
        return escape(text, quote=False)


_FRAGMENTER = highlight.ContextFragmenter(maxchars=SNIPPET_CHARS, surround=70)
_FORMATTER = MarkFormatter()
_ANALYZER = RememberingAnalyzer(TEXT)  # TEXT's tokens, each word analysed once
_SCORER = highlight.BasicFragmentScorer()


def snippet(text: str, terms: frozenset[str]) -> str:
    """Safe HTML: the best fragments of ``text`` for the query's ``terms``, or its opening."""
    text = text[:MAX_CHARS]
    if terms:
        marked = _highlight(text, terms, _FRAGMENTER, FRAGMENTS)
        if marked:
            return " ".join(marked.split())
    return escape(" ".join(opening(text).split()), quote=False)


def mark_all(text: str, terms: frozenset[str]) -> str:
    """The whole ``text`` escaped, every match of ``terms`` wrapped in <mark> (article pages)."""
    if not terms:
        return escape(text, quote=False)
    marked = _highlight(text, terms, highlight.WholeFragmenter(charlimit=None), 1)
    return marked or escape(text, quote=False)


def _highlight(text: str, terms: frozenset[str], fragmenter, top: int) -> str:
    """Whoosh's ``highlight.highlight`` on the remembering analyzer's tokens, marked as they are
    made (the same fragments, scores and order)."""
    fragments = fragmenter.fragment_tokens(text, _ANALYZER(text, terms))
    return _FORMATTER(text, highlight.top_fragments(fragments, top, _SCORER, highlight.FIRST))


def opening(text: str) -> str:
    if len(text) <= SNIPPET_CHARS:
        return text
    cut = text.rfind(" ", 0, SNIPPET_CHARS)
    return text[: cut if cut > 0 else SNIPPET_CHARS] + " …"


def body_terms(parsed, reader) -> frozenset[str]:
    """The analysed words a parsed query looks for in titles and bodies (not excluded ones);
    trailing wildcards are expanded to the first words of the index that they match; a pair of
    common-word phrases (analysis.CommonGramsFilter) stands for its two words."""
    terms = set()
    for leaf in _positive_leaves(parsed):
        if getattr(leaf, "fieldname", None) in ("title", "body"):
            if isinstance(leaf, query.Phrase):
                terms.update(w for word in leaf.words for w in pair_words(word))
            elif isinstance(leaf, query.Term):
                terms.update(pair_words(leaf.text))
            elif isinstance(leaf, query.Prefix):
                terms.update(islice(reader.expand_prefix("body", leaf.text), PREFIX_TERMS))
    return frozenset(t.decode() if isinstance(t, bytes) else t for t in terms)


def _positive_leaves(node):
    if isinstance(node, query.Not):
        return
    if node.is_leaf():
        yield node
        return
    for child in node.children():
        yield from _positive_leaves(child)
