"""``python -m benchmarks.findability``: how many stories the archive finds for short and common
words and exact phrases, against a plain regular-expression scan of the same stories' titles
and bodies (issue 11).

For a word, *found* is the share of the stories the scan finds that the archive's search finds
too (at least 95% wanted; the archive may find more: ``us`` is also the pronoun). For a phrase,
the archive's count beside the scan's (within 2% wanted), and how many the two disagree on.
Reuters-21578 as shipped, and ``"the who"`` on the BBC set; each is indexed once into
``benchmarks/work/findability-*`` (again when the schema version changes).
"""

from __future__ import annotations

import re
import time

from archive import Archive
from archive.index import store
from archive.index.schema import SCHEMA_VERSION, schema_version

from .corpus import REUTERS, WORK

BBC = REUTERS.parent / "bbc_news"
WORDS = [  # query, pattern over title + body, flags
    ("US", r"\bU\.?S\b(?!\.?A\b)", 0),  # "U.S.A." is the word usa
    ("U.K.", r"\bU\.?K\b", 0),
    ("may", r"\bmay\b", re.I),
    ("will", r"\bwill\b", re.I),
    ("it", r"\bit\b", re.I),
]
PHRASES = ['"one of the"', '"at the end of"', '"Bank of England"', '"to be or not to be"', '"said it"']
BBC_PHRASES = ['"the who"', '"one of the"', '"to be or not to be"']


def _pattern(phrase: str) -> str:
    return r"\b" + r"\W+".join(re.escape(w) for w in phrase.strip('"').split()) + r"\b"


def archive_of(name: str, source) -> Archive:
    index = WORK / f"findability-{name}"
    arc = None
    if (index / store.POINTER).exists():
        arc = Archive(index)
        from whoosh import index as whoosh_index

        if schema_version(whoosh_index.open_dir(arc.engine.generation).schema) == SCHEMA_VERSION:
            return arc
        arc.close()
    print(f"indexing {source} into {index} …", flush=True)
    arc = Archive(index)
    arc.rebuild([source])
    return arc


def stories(arc: Archive) -> list[tuple[str, str]]:
    every = arc.engine.export("", persons=[], since=None, until=None, sort="relevance", all_copies=True)
    return [(article.id, f"{article.title}\n{article.body}") for article, *_ in every]


def found(arc: Archive, q: str) -> tuple[set[str], float]:
    """The ids of every story the search ``q`` finds, and the ms its first search (top 10,
    snippets, facets) took."""
    started = time.perf_counter()
    arc.search(q)
    ms = (time.perf_counter() - started) * 1000
    every = arc.engine.export(q, persons=[], since=None, until=None, sort="relevance", all_copies=True)
    ids = {article.id for article, *_ in every}  # every article, copies of one story too
    return ids, ms


def scan(texts: list[tuple[str, str]], pattern: str, flags: int) -> set[str]:
    rx = re.compile(pattern, flags)
    return {doc_id for doc_id, text in texts if rx.search(text)}


def report_words(arc: Archive, texts) -> list[bool]:
    print(f"{'word':10} {'scan':>7} {'archive':>8} {'of scan':>8} {'share':>7}  ms (first search)")
    ok = []
    for q, pattern, flags in WORDS:
        expected = scan(texts, pattern, flags)
        ids, ms = found(arc, q)
        share = len(expected & ids) / len(expected) if expected else 1.0
        ok.append(share >= 0.95)
        print(f"{q:10} {len(expected):7,} {len(ids):8,} {len(expected & ids):8,} {share:7.1%}  {ms:6.1f}"
              f"  {'ok' if ok[-1] else 'BELOW 95%'}")
    return ok


def report_phrases(arc: Archive, texts, phrases: list[str]) -> list[bool]:
    print(f"{'phrase':22} {'scan':>6} {'archive':>8} {'both':>6} {'differ':>7}  ms (first search)")
    ok = []
    for q in phrases:
        expected = scan(texts, _pattern(q), re.I)
        ids, ms = found(arc, q)
        differ = len(expected ^ ids)
        ok.append(differ <= max(0.02 * len(expected), 0) if expected else not ids)
        print(f"{q:22} {len(expected):6,} {len(ids):8,} {len(expected & ids):6,} {differ:7,}  {ms:6.1f}"
              f"  {'ok' if ok[-1] else 'OFF BY MORE THAN 2%'}")
    return ok


def main() -> None:
    reuters = archive_of("reuters", REUTERS)
    texts = stories(reuters)
    print(f"\n== findability, Reuters-21578 ({len(texts):,} stories; scan of titles and bodies) ==")
    ok = report_words(reuters, texts) + report_phrases(reuters, texts, PHRASES)
    reuters.close()
    bbc = archive_of("bbc", BBC)
    texts = stories(bbc)
    print(f"\n== findability, BBC ({len(texts):,} stories) ==")
    ok += report_phrases(bbc, texts, BBC_PHRASES)
    bbc.close()
    print(f"\n{sum(ok)} of {len(ok)} within the target")


if __name__ == "__main__":
    main()
