"""The query language: words (all must match), "phrases", -exclusion, OR, title:/person:/author:/
topic:/outlet: fields and trailing wildcards. A query Whoosh cannot parse is read again as plain
words.

``person:``, ``author:``, ``topic:`` and ``outlet:`` hold whole names (case aside); part of a name
(``person:teigen``) stands for every indexed name that has those words (:func:`expand_names`,
against the open index)."""

from __future__ import annotations

import re

from whoosh import qparser, query

from ..errors import BadQuery
from .analysis import is_pair, pair_words, phrase_terms
from .schema import make_schema

NAME_FIELDS = ("person", "author", "topic", "outlet")
FIELDS = ("title", "body", *NAME_FIELDS)
MAX_NAMES = 200  # names one partial name may stand for
MAX_QUERY_CHARS = 1000
_SCHEMA = make_schema()
_TOKEN = re.compile(r'"[^"]*"?(?:~\d+)?|\S+')  # a "phrase"~N keeps its slop
_WORD = re.compile(r"[\w'’]+", re.UNICODE)


def _parser() -> qparser.QueryParser:
    parser = qparser.MultifieldParser(["title", "body"], _SCHEMA, group=qparser.AndGroup)
    parser.remove_plugin_class(qparser.BoostPlugin)
    parser.remove_plugin_class(qparser.RangePlugin)
    parser.remove_plugin_class(qparser.EveryPlugin)
    parser.remove_plugin_class(qparser.WildcardPlugin)  # only trailing wildcards: word*
    parser.add_plugin(qparser.PrefixPlugin())
    return parser


_PARSER = _parser()


def parse(text: str) -> tuple[query.Query, bool]:
    """The Whoosh query for ``text``, and whether it had to be read as plain words.

    An empty query matches every article (browse by filters). Raises BadQuery only for input
    that no reading can use (too long).
    """
    text = (text or "").strip()
    if len(text) > MAX_QUERY_CHARS:
        raise BadQuery(f"The query is {len(text)} characters long; the limit is {MAX_QUERY_CHARS}.",
                       hint="Shorten the query.")
    if not text:
        return query.Every(), False
    try:
        parsed = _PARSER.parse(_rewrite(text))
        if _usable(parsed):
            return on_pairs(parsed), False
    except Exception:  # noqa: BLE001 - Whoosh's parser raises assorted errors on odd input
        pass
    return on_pairs(plain_words(text)), True


def plain_words(text: str) -> query.Query:
    """Every word of ``text`` must match, all syntax ignored."""
    words = _WORD.findall(text)
    if not words:
        return query.NullQuery
    return _PARSER.parse(" ".join(f'"{w}"' if not w.isalnum() else w for w in words))


def on_pairs(parsed: query.Query) -> query.Query:
    """``parsed`` with each exact phrase of titles or bodies that has a common word matched on
    the index's common-word pairs (analysis.phrase_terms): "one of the" is the phrase of the
    terms "one of", "of the"; a phrase that is one pair ("the who") is that term. A phrase with
    a slop ("oil prices"~5) keeps its words."""

    def rewrite(node: query.Query) -> query.Query:
        if not isinstance(node, query.Phrase) or node.slop != 1 or node.fieldname not in ("title", "body"):
            return node
        terms = phrase_terms(list(node.words))
        if terms == list(node.words):
            return node
        if len(terms) == 1:
            return query.Term(node.fieldname, terms[0], boost=node.boost)
        return query.Phrase(node.fieldname, terms, slop=1, boost=node.boost)

    return parsed.accept(rewrite)


def shown(parsed: query.Query) -> str:
    """The parsed query as text, with the phrases matched on pairs of words shown as typed."""

    def words_of(node: query.Query) -> query.Query:
        terms = list(node.words) if isinstance(node, query.Phrase) else [getattr(node, "text", "")]
        if not any(isinstance(t, str) and is_pair(t) for t in terms):
            return node
        words = [pair_words(t)[0] for t in terms]
        if is_pair(terms[-1]):
            words.append(pair_words(terms[-1])[1])
        return query.Phrase(node.fieldname, words, boost=node.boost)

    return str(parsed.accept(words_of))


def _rewrite(text: str) -> str:
    """Turn -word / -"phrase" exclusions into Whoosh's NOT, outside quotes."""
    out = []
    for token in _TOKEN.findall(text):
        if token.startswith("-") and len(token) > 1 and (token[1].isalnum() or token[1] == '"'):
            out.append("NOT " + token[1:])
        else:
            out.append(token)
    return " ".join(out)


def _usable(parsed: query.Query) -> bool:
    if parsed is query.NullQuery or isinstance(parsed, query.NullQuery.__class__):
        return False
    for sub in parsed.leaves():
        if getattr(sub, "fieldname", None) not in (None, *FIELDS):
            return False
        if isinstance(sub, query.Prefix) and len(str(sub.text).rstrip("*?")) < 2:
            return False  # "a*" would expand to half the lexicon
    return True


def expand_names(parsed: query.Query, reader) -> query.Query:
    """``parsed`` with each name-field term that is no indexed name ("teigen") replaced by the
    names that contain all its words ("chrissy teigen"), or left as it is if none do."""

    def expand(node: query.Query) -> query.Query:
        if not isinstance(node, query.Term) or node.fieldname not in NAME_FIELDS:
            return node
        if (node.fieldname, node.text) in reader:
            return node
        words = set(str(node.text).split())
        names = [name for name in map(_text, reader.lexicon(node.fieldname)) if words <= set(name.split())]
        if not names:
            return node
        return query.Or([query.Term(node.fieldname, name) for name in names[:MAX_NAMES]])

    return parsed.accept(expand)


def _text(term: bytes | str) -> str:
    return term.decode("utf-8") if isinstance(term, bytes) else term
