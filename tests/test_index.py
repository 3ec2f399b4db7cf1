"""The fast index paths agree with Whoosh and with brute force, on real indexes under tmp paths:
match sets and rankings from posting arrays, facet counts from columns, incremental updates,
refresh of open archives after a swap."""

from __future__ import annotations

import gzip
import shutil
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from whoosh import index as whoosh_index
from whoosh.scoring import BM25F

from archive import Archive
from archive.index import store
from archive.index.columns import Columns
from archive.index.matching import Matcher, top
from archive.index.postings import PostingSource
from archive.index.query import parse
from archive.index.schema import from_stored
from archive.index.writer import write_generation
from archive.rebuild import read_articles
from tests.conftest import FIXTURES, SEEDS, SHARED

REUTERS_FILE = SHARED / "corpora" / "reuters21578" / "reut2-000.sgm.gz"
QUERIES = [
    "oil", "said", "the", "coffee cocoa", "bank rate", '"trade deficit"', '"said it"', '"baby loss"',
    "oil -opec", "gold OR silver", "oil OR -gold", "petrol*", "acqui*", "zz*", "title:oil",
    'person:"kate beckinsale"', "author:papenfuss", "-oil", "oil NOT (opec OR kuwait)",
    "title:oil OR body:gold", "teigen legend", "nosuchwordanywhere", "a", '"" oil', "oil (gold OR -silver)",
]


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory) -> Path:
    """The mixed fixtures, plus 1,000 Reuters stories when the shared corpora are here."""
    folder = tmp_path_factory.mktemp("corpus")
    for name in [*SEEDS, "wikinews-iodine.txt", "reuters-sample.sgm", "huffpost-sample.jsonl"]:
        shutil.copy(FIXTURES / name, folder / name)
    if REUTERS_FILE.exists():
        shutil.copy(REUTERS_FILE, folder / REUTERS_FILE.name)
    return folder


@pytest.fixture(scope="module")
def index_dir(corpus_dir, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("index") / "index"
    Archive(path).rebuild([corpus_dir])
    return path


def open_matcher(index_dir: Path):
    generation = store.live_generation(index_dir)
    ix = whoosh_index.open_dir(generation)
    searcher = ix.searcher(weighting=BM25F())
    columns = Columns.load(searcher.reader(), generation, ix.latest_generation())
    source = PostingSource(searcher, columns.lengths, columns.live)
    return searcher, Matcher(source, searcher.reader().doc_count_all()), columns


def assert_matches_whoosh(index_dir: Path, queries=QUERIES) -> None:
    searcher, matcher, _ = open_matcher(index_dir)
    try:
        for q in queries:
            parsed, _ = parse(q)
            scored = matcher.evaluate(parsed)
            expected = np.sort(np.fromiter(searcher.docs_for_query(parsed), dtype=np.int64))
            assert scored.ids.tolist() == expected.tolist(), q
            if "*" in q:
                continue  # prefixes: Whoosh's own scores depend on segment sizes (matching.py)
            # the same ranking as Whoosh's exhaustive BM25F (its limit=10 search can miss hits)
            ranked = searcher.search(parsed, limit=None)
            want = [(hit.docnum, hit.score) for hit in ranked[:10]]
            got = top(scored, 0, 10)
            assert [d for d, _ in got] == [d for d, _ in want], q
            assert [s for _, s in got] == pytest.approx([s for _, s in want], rel=1e-9), q
    finally:
        searcher.close()


def test_match_sets_and_rankings_equal_whoosh(index_dir):
    assert_matches_whoosh(index_dir)


def test_match_sets_equal_whoosh_on_a_multisegment_index(corpus_dir, tmp_path):
    generation = tmp_path / "index" / "gen-multi"
    generation.mkdir(parents=True)
    articles = list(read_articles([corpus_dir]))
    write_generation(generation, articles, procs=2)
    (tmp_path / "index" / "CURRENT").write_text("gen-multi\n")
    searcher, _, _ = open_matcher(tmp_path / "index")
    segments = len(searcher.reader().leaf_readers())
    searcher.close()
    assert segments >= (2 if len(articles) > 512 else 1)
    assert_matches_whoosh(tmp_path / "index")


def brute_force(index_dir: Path, q: str) -> tuple[Counter, Counter, int]:
    """Person and month counts over the matches, from every stored article."""
    searcher, matcher, _ = open_matcher(index_dir)
    ids = set(matcher.evaluate(parse(q)[0]).ids.tolist()) if q else None
    persons, months = Counter(), Counter()
    total = 0
    reader = searcher.reader()
    for docnum in reader.all_doc_ids():  # live documents only (a rebuild's name merge deletes some)
        if ids is not None and docnum not in ids:
            continue
        article = from_stored(reader.stored_fields(docnum))
        total += 1
        persons.update(article.persons)
        months[article.published.strftime("%Y-%m") if article.published else "undated"] += 1
    searcher.close()
    return persons, months, total


@pytest.mark.parametrize("q", ["", "said", "oil", "baby", "oil -opec", '"trade deficit"'])
def test_facet_counts_equal_brute_force(index_dir, q):
    persons, months, total = brute_force(index_dir, q)
    result = Archive(index_dir).search(q, per_page=10, all_copies=True)  # facets count articles
    assert result.total == total
    shown = {v.value: v.count for v in result.facets["person"]}
    assert all(persons[name] == count for name, count in shown.items())
    assert sorted(shown.values(), reverse=True) == sorted(persons.values(), reverse=True)[:len(shown)]
    dated = [v for v in result.facets["date"] if v.value != "undated"]
    assert sum(v.count for v in result.facets["date"]) == total
    if result.date_granularity == "month":
        assert {v.value: v.count for v in dated} == {m: c for m, c in months.items() if m != "undated"}


@pytest.fixture()
def live_copy(corpus_dir, tmp_path) -> Path:
    folder = tmp_path / "src"
    shutil.copytree(corpus_dir, folder)
    return folder


def edit(path: Path, old: bytes, new: bytes) -> None:
    raw = path.read_bytes()
    packed = path.suffix == ".gz"
    text = gzip.decompress(raw) if packed else raw
    assert old in text
    text = text.replace(old, new, 1)
    path.write_bytes(gzip.compress(text) if packed else text)


def snapshot(index_dir: Path) -> dict:
    searcher, _, _ = open_matcher(index_dir)
    docs = {s["id"]: (s["title"], s["body"]) for s in searcher.reader().all_stored_fields()}
    searcher.close()
    return docs


def test_update_equals_a_full_rebuild(live_copy, tmp_path):
    arc = Archive(tmp_path / "index")
    arc.rebuild([live_copy])
    assert arc.search("zanzibarish").total == 0
    edit(live_copy / SEEDS[0], b"Beckinsale", b"Beckinsale zanzibarish")
    (live_copy / "wikinews-iodine.txt").unlink()
    shutil.copy(FIXTURES / "wikinews-iodine.txt", live_copy / "renamed-iodine.txt")
    edit(live_copy / "reuters-sample.sgm", b"</BODY>", b" zanzibarish.</BODY>")
    report = arc.update()
    # renamed-iodine added; the seed and the Reuters story changed (or, when reut2-000 is in
    # the corpus, the story was a duplicate of it and is now new); wikinews-iodine removed
    assert (report.added + report.changed, report.removed) == (3, 1)
    assert arc.search("zanzibarish").total == 2  # the open archive sees the new generation
    fresh = Archive(tmp_path / "fresh")
    full = fresh.rebuild([live_copy])
    assert report.indexed == full.indexed
    assert sorted(s.source for s in report.skipped) == sorted(s.source for s in full.skipped)
    assert snapshot(tmp_path / "index") == snapshot(tmp_path / "fresh")
    for q in ["zanzibarish", "iodine", "oil", ""]:
        ours, theirs = arc.search(q), fresh.search(q)
        assert ours.total == theirs.total, q
        assert ours.facets == theirs.facets, q
    assert_matches_whoosh(tmp_path / "index")
    assert arc.stats() | {"index": "", "built": ""} == fresh.stats() | {"index": "", "built": ""}


def test_update_without_changes_keeps_the_live_generation(live_copy, tmp_path):
    arc = Archive(tmp_path / "index")
    arc.rebuild([live_copy])
    pointer = (tmp_path / "index" / "CURRENT").read_text()
    report = arc.update([live_copy])
    assert (report.added, report.changed, report.removed) == (0, 0, 0)
    assert (tmp_path / "index" / "CURRENT").read_text() == pointer


def test_update_deletes_articles_of_removed_files_and_keeps_the_report_whole(live_copy, tmp_path):
    arc = Archive(tmp_path / "index")
    first = arc.rebuild([live_copy])
    (live_copy / "reuters-sample.sgm").unlink()
    (live_copy / "empty.txt").write_bytes(b"")
    report = arc.update()
    assert report.removed == 7 - sum("reuters-sample" in s.source for s in first.skipped)
    assert arc.search("", per_page=10).articles == report.indexed
    assert any(s.source == "empty.txt" for s in report.skipped)
    assert report.files == first.files  # one file gone, one file added


def test_update_without_an_index_rebuilds(live_copy, tmp_path):
    report = Archive(tmp_path / "index").update([live_copy])
    assert report.added is None and report.indexed > 0


def test_open_archive_refreshes_after_a_rebuild_swap(live_copy, tmp_path):
    arc = Archive(tmp_path / "index")
    arc.rebuild([live_copy / SEEDS[0]])
    assert arc.search("iodine").total == 0
    engine = arc.engine
    Archive(tmp_path / "index").rebuild([live_copy])
    assert arc.search("iodine").total >= 1
    assert arc.engine is engine and engine.generation == store.live_generation(tmp_path / "index")
