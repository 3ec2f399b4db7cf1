"""Stories: near-duplicate articles grouped at index time, one hit per story, where a story
appeared first and what each copy changed — through real indexes, the CLI and the web app."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta
from urllib.parse import quote

import numpy as np
import pytest
from click.testing import CliRunner
from conftest import shared_path
from datasketch import MinHash, MinHashLSH

from archive import Archive
from archive.article import Article
from archive.changes import compare
from archive.cli import cli
from archive.index import stories
from web import create_app

WIRE = [
    "The central bank raised its main interest rate by half a point on Tuesday, the first rise "
    "in three years, saying inflation had stayed above its target for too long.",
    "Governor Maria Lindqvist told reporters the decision was unanimous and that the bank stood "
    "ready to act again if price pressures did not ease over the summer months.",
    "Economists had been divided before the meeting, with a narrow majority expecting the bank to "
    "wait for another round of wage figures due at the end of the month.",
    "The currency rose sharply against the dollar after the announcement, while shares of the "
    "country's largest lenders gained in late trading on the stock exchange.",
    "Mortgage holders will feel the change within weeks, as most home loans in the country carry "
    "rates that follow the bank's benchmark closely, analysts at two brokerages noted.",
]
OTHER = [  # the same subject, the same week: another story
    "The central bank left its main interest rate unchanged on Thursday, saying the economy was "
    "slowing faster than expected and that earlier rises needed time to work.",
    "Deputy governor Tomas Berg said the board had considered a cut but judged it premature with "
    "unemployment still close to its lowest level in a decade.",
    "Bond yields fell after the statement and traders moved forward their bets on the timing of "
    "the first reduction to the autumn, according to market pricing.",
    "Retailers' groups welcomed the pause, pointing to a third month of falling sales in the "
    "clothing and furniture trades, while unions repeated their call for lower rates.",
    "The next policy meeting is scheduled for early September, when new forecasts for growth and "
    "prices will be published alongside the decision.",
]
DAY = datetime(2024, 5, 14, 9, 0, tzinfo=UTC)


def record(key: str, title: str, paragraphs: list[str], when: datetime, outlet: str, author: str,
           url: str | None = None) -> str:
    return json.dumps({"id": key, "title": title, "body": "\n\n".join(paragraphs),
                       "published": when.isoformat(), "outlet": outlet, "authors": [author], "url": url})


@pytest.fixture()
def wire(tmp_path):
    """An original wire story, three outlets' copies of it, and another story on the subject."""
    folder = tmp_path / "src"
    folder.mkdir()
    reworded = [p.replace("sharply", "strongly").replace("told reporters", "said") for p in WIRE]
    lines = [
        record("orig", "Central bank raises rates for first time in three years", WIRE, DAY, "Wire",
               "A. Reporter"),
        record("cut", "Rates up: bank acts on inflation", WIRE[:-1], DAY + timedelta(hours=3),
               "Daily Courier", "Staff"),
        record("added", "Central bank raises rates for first time in three years",
               WIRE[:2] + ["Opposition leaders called the rise a blow to families already struggling "
                           "with the cost of food and fuel."] + WIRE[2:], DAY + timedelta(hours=5),
               "Evening Herald", "B. Writer"),
        record("words", "Central bank raises rates", reworded, DAY + timedelta(days=1), "Metro", "C. Desk"),
        record("other", "Central bank holds rates as economy slows", OTHER, DAY + timedelta(days=2),
               "Wire", "A. Reporter"),
    ]
    (folder / "news.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    arc = Archive(tmp_path / "index")
    report = arc.rebuild([folder])
    yield arc, report, folder
    arc.close()


def ids(arc: Archive) -> dict[str, str]:
    """Record key -> story id, for every article."""
    return {row["id"].split("#", 1)[1]: row["story_id"].split("#", 1)[1]
            for row in arc.export("", all_copies=True)}


def full_id(arc: Archive, key: str) -> str:
    return next(r["id"] for r in arc.export("", all_copies=True) if r["id"].endswith("#" + key))


def test_copies_are_one_story_and_the_other_story_is_not(wire):
    arc, report, _ = wire
    assert (report.stories, report.multi_copy) == (2, 1)
    assert ids(arc) == {"orig": "orig", "cut": "orig", "added": "orig", "words": "orig", "other": "other"}
    stats = arc.stats()
    assert (stats["articles"], stats["stories"], stats["multi_copy_stories"]) == (5, 2, 1)


def test_search_shows_one_hit_per_story_with_its_copies(wire):
    arc, _, _ = wire
    result = arc.search("central bank rate")
    assert (result.total, result.stories, result.articles, result.counted) == (2, 2, 5, "stories")
    hit = next(h for h in result.hits if h.story.copies > 1)
    assert hit.story.copies == 4 and hit.story.id.endswith("#orig")
    assert hit.story.first.outlet == "Wire" and hit.story.first.published == DAY
    assert {c.outlet for c in hit.story.others} | {hit.outlet} == {"Wire", "Daily Courier", "Evening Herald",
                                                                   "Metro"}
    assert sum(v.count for v in result.facets["date"]) == 2  # the facets count stories
    every = arc.search("central bank rate", all_copies=True)
    assert (every.total, every.counted) == (5, "articles")
    assert sum(v.count for v in every.facets["date"]) == 5
    data = result.to_dict()["hits"][0]["story"]
    assert set(data) >= {"id", "copies", "first"} and set(data["first"]) >= {"id", "published", "outlet"}


def test_best_ranked_copy_is_the_hit(wire):
    arc, _, _ = wire
    # only the copy with the added paragraph has these words: it stands for its story
    assert [h.id.split("#")[1] for h in arc.search("opposition families").hits] == ["added"]
    newest = arc.search("", sort="newest").hits
    assert [h.id.split("#")[1] for h in newest] == ["other", "words"]  # the story's newest copy
    oldest = arc.search("", sort="oldest").hits
    assert [h.id.split("#")[1] for h in oldest] == ["orig", "other"]


def test_story_and_changes(wire):
    arc, _, _ = wire
    story = arc.story(full_id(arc, "cut"))
    assert story.first.id.endswith("#orig") and story.copies == 4
    assert [c.id.split("#")[1] for c in story.others] == ["cut", "added", "words"]  # earliest first
    cut = arc.changes(story.others[0].id)
    assert cut.headline is not None and len(cut.removed) == 1 and not cut.added
    assert cut.summary() == "headline changed; 1 paragraph removed"
    added = arc.changes(story.others[1].id)
    assert added.headline is None and [p.startswith("Opposition") for p in added.added] == [True]
    words = arc.changes(story.others[2].id)
    assert words.words_changed == 3 and len(words.reworded) == 2
    assert ("del", "sharply") in words.reworded[-1].runs and ("ins", "strongly") in words.reworded[-1].runs
    assert arc.changes(story.first.id).same


def test_update_keeps_stories_right(wire):
    arc, _, folder = wire
    lines = (folder / "news.jsonl").read_text(encoding="utf-8").splitlines()
    # the original is removed: the copies stay one story, with the earliest left as its origin
    (folder / "news.jsonl").write_text("\n".join(lines[1:]) + "\n", encoding="utf-8")
    report = arc.update()
    assert (report.stories, report.multi_copy) == (2, 1)
    assert ids(arc) == {"cut": "cut", "added": "cut", "words": "cut", "other": "other"}
    # a new copy of the other story arrives in a file of its own
    (folder / "more.jsonl").write_text(record("other-copy", "Bank holds rates", OTHER[:-1],
                                              DAY + timedelta(days=2, hours=2), "Metro", "C. Desk") + "\n")
    report = arc.update()
    assert (report.stories, report.multi_copy) == (2, 2)
    assert ids(arc)["other-copy"] == "other"
    # a copy rewritten into a different story leaves it
    (folder / "more.jsonl").write_text(record("other-copy", "Something else", ["A different text about "
                                              "gardening, roses and the best time to prune them in spring."],
                                              DAY, "Metro", "C. Desk") + "\n")
    report = arc.update()
    assert (report.stories, report.multi_copy) == (3, 1)
    assert ids(arc)["other-copy"] == "other-copy"
    # nothing changed: the same stories
    assert arc.update().stories == 3


def test_cli_all_copies_show_copies_and_stats(wire):
    arc, _, _ = wire
    runner = CliRunner()
    index = str(arc.index_dir)
    grouped = runner.invoke(cli, ["search", "central bank", "--index", index])
    assert grouped.exit_code == 0 and "2 results" in grouped.output
    assert "2 stories in 5 articles" in grouped.output and "3 more copies: " in grouped.output
    every = runner.invoke(cli, ["search", "central bank", "--all-copies", "--index", index])
    assert "5 results" in every.output
    copy_id = full_id(arc, "cut")
    shown = runner.invoke(cli, ["show", copy_id, "--copies", "--index", index])
    assert shown.exit_code == 0, shown.output
    assert "Copies of this story (4)" in shown.output
    assert "Changed from the first copy: headline changed; 1 paragraph removed" in shown.output
    data = json.loads(runner.invoke(cli, ["show", copy_id, "--copies", "--json", "--index", index]).output)
    assert data["story"]["copies"] == 4 and data["changes"]["removed"]
    stats = runner.invoke(cli, ["stats", "--index", index]).output
    assert "stories:" in stats and "multi_copy_stories:" in stats
    csv = runner.invoke(cli, ["search", "--csv", "--all-copies", "--index", index]).output.splitlines()
    assert csv[0].endswith(",story_id,copies") and len(csv) == 6


def test_web_copies_story_page_and_diff(wire):
    arc, _, _ = wire
    app = create_app({"INDEX": str(arc.index_dir), "TESTING": True})
    client = app.test_client()
    html = client.get("/?q=central+bank").get_data(as_text=True)
    assert '<details class="hit-copies">' in html and "3 more copies:" in html
    assert "2 stories in 5 articles" in html and "copies=all" in html
    assert client.get("/?q=central+bank&copies=all").get_data(as_text=True).count('<li class="hit">') == 5
    assert client.get("/?copies=some").status_code == 400
    data = client.get("/api/search?q=central+bank&copies=all").get_json()
    assert data["total"] == 5 and data["counted"] == "articles"
    copy_id = full_id(arc, "words")
    page = client.get("/article/" + quote(copy_id)).get_data(as_text=True)
    assert "What changed from the first copy" in page and "<del>sharply</del>" in page
    assert "<ins>strongly</ins>" in page and "First published by Wire" in page
    story = client.get("/api/story/" + quote(copy_id)).get_json()
    assert story["copies"] == 4 and [m["id"].split("#")[1] for m in story["members"]] == \
        ["orig", "cut", "added", "words"]
    assert story["members"][1]["changes"] == "headline changed; 1 paragraph removed"
    assert client.get("/story/" + quote(copy_id)).status_code == 200
    assert client.get("/api/story/no-such-id").status_code == 404


def test_the_diff_is_escaped(tmp_path):
    folder = tmp_path / "src"
    folder.mkdir()
    # a record's fields are HTML fragments: these entities are the text "<script>…" of the article
    hostile = [p + " &lt;script&gt;alert(1)&lt;/script&gt;" for p in WIRE]
    lines = [record("a", "Rates up", WIRE, DAY, "Wire", "X"),
             record("b", "Rates &lt;img src=x onerror=alert(1)&gt;", hostile, DAY + timedelta(hours=1),
                    "Y", "Z")]
    (folder / "h.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    arc = Archive(tmp_path / "index")
    arc.rebuild([folder])
    app = create_app({"INDEX": str(arc.index_dir), "TESTING": True})
    copy_id = full_id(arc, "b")
    assert "<script>alert(1)</script>" in arc.get(copy_id).body
    page = app.test_client().get("/article/" + quote(copy_id)).get_data(as_text=True)
    assert "What changed" in page and "<script>alert" not in page and "<img src=x" not in page
    assert "<ins>&lt;script&gt;alert(1)&lt;/script&gt;</ins>" in page
    assert "<ins>Rates &lt;img src=x onerror=alert(1)&gt;</ins>" in page  # the headline
    arc.close()


def test_short_texts_need_their_headlines_to_agree(tmp_path):
    """Dividend notices read alike; only the headline says whose they are."""
    folder = tmp_path / "src"
    folder.mkdir()
    body = ["Qtly div 12 cts vs 12 cts prior", "Pay April one", "Record March 15"]
    lines = [record("a", "ACME CORP SETS QUARTERLY", body, DAY, "Wire", "X"),
             record("b", "WIDGET INDUSTRIES INC SETS PAYOUT", body[:2] + ["Record March 15."], DAY, "Wire",
                    "X"),
             record("c", "ACME CORP SETS QUARTERLY", body, DAY + timedelta(hours=1), "Metro", "Y")]
    (folder / "d.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    arc = Archive(tmp_path / "index")
    arc.rebuild([folder])
    assert ids(arc) == {"a": "a", "b": "b", "c": "a"}
    arc.close()


def test_a_report_of_another_week_is_another_story(tmp_path):
    """The same words with other figures a week later: the weekly report, not a copy."""
    folder = tmp_path / "src"
    folder.mkdir()
    text = ("Crude oil stocks rose {0} mln barrels in the week to Friday to {1} mln, the institute said, "
            "while distillate stocks fell {2} mln barrels to {3} mln and gasoline stocks were {4} mln.")
    weeks = [(1.2, 330.5, 0.8, 120.1, 240.2), (2.7, 333.2, 1.9, 118.2, 238.0)]
    lines = [record(f"w{n}", "U.S. OIL STOCKS", [text.format(*w), "The figures follow a survey of refiners.",
                                                  "Analysts had expected a smaller change."],
                    DAY + timedelta(days=7 * n), "Wire", "X") for n, w in enumerate(weeks)]
    (folder / "w.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    arc = Archive(tmp_path / "index")
    arc.rebuild([folder])
    assert ids(arc) == {"w0": "w0", "w1": "w1"}
    arc.close()


# -- the sketches and buckets are datasketch's -----------------------------------------------------

def test_batched_sketches_equal_datasketch_minhash():
    rng = np.random.default_rng(3)
    sets = [rng.integers(0, 2**32, size=n, dtype=np.uint64) for n in (1, 5, 200, 0, 37)]
    ours = stories.minhash(stories.hashers()[0], sets)
    for values, row in zip(sets, ours, strict=True):
        theirs = MinHash(num_perm=stories.NUM_PERM, seed=stories.SEED, scheme="affine32", hashfunc=int)
        theirs.update_batch(values.tolist())
        assert np.array_equal(row, theirs.hashvalues)


def test_candidate_pairs_equal_minhashlsh_buckets():
    rng = random.Random(5)
    words = ["oil", "price", "bank", "rate", "said", "up", "down", "week", "crude", "tonnes", "exports"]
    base = [" ".join(rng.choice(words) for _ in range(60)) for _ in range(40)]
    texts = base + [b[:150] for b in base]
    articles = [Article(id=str(n), source="s", title="t", body=text) for n, text in enumerate(texts)]
    table = stories.Sketcher().table(articles)
    ours = set(zip(*(x.tolist() for x in stories._candidate_pairs(table.sig, np.ones(len(articles), bool))),
                   strict=True))
    lsh = MinHashLSH(threshold=stories.LSH_THRESHOLD, num_perm=stories.NUM_PERM)
    for n in range(len(articles)):
        lsh.insert(n, MinHash(num_perm=stories.NUM_PERM, hashvalues=table.sig[n, :stories.NUM_PERM],
                              scheme="affine32"))
    theirs = set()
    for n in range(len(articles)):
        found = lsh.query(MinHash(num_perm=stories.NUM_PERM, hashvalues=table.sig[n, :stories.NUM_PERM],
                                  scheme="affine32"))
        theirs |= {(min(n, m), max(n, m)) for m in found if m != n}
    assert ours == theirs and len(ours) >= 30  # the cut copies, and some chance pairs


def test_changes_of_a_copy():
    first = Article(id="a", source="s", title="One",
                    body="Alpha beta gamma.\n\nDelta epsilon.\n\nZeta eta theta iota.")
    this = Article(id="b", source="s", title="Two",
                   body="Delta epsilon.\n\nZeta eta kappa iota.\n\nNew paragraph here.")
    changes = compare(first, this)
    assert changes.headline == ("One", "Two") and changes.removed == ["Alpha beta gamma."]
    assert changes.added == ["New paragraph here."] and changes.words_changed == 1
    assert changes.summary() == "headline changed; 1 paragraph added; 1 paragraph removed; " \
        "1 word changed in 1 paragraph"


# -- the shared corpora ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def variants(tmp_path_factory):
    """100 real stories (Reuters-21578 oil stories of the same weeks and others, BBC News) and 5
    copies of each as outlets write them (benchmarks/stories.py), indexed by a rebuild."""
    shared_path("corpora", "reuters21578")
    shared_path("corpora", "bbc_news")
    from benchmarks import stories as bench

    articles, truth = bench.test_set(100, 5)
    folder = bench.write_folder(articles, tmp_path_factory.mktemp("variants") / "src")
    arc = Archive(folder.parent / "index")
    arc.rebuild([folder])
    yield arc, truth, bench
    arc.close()


def test_every_copy_of_100_real_stories_is_grouped_with_its_original(variants):
    arc, truth, bench = variants
    assert len(set(truth.values())) == 100 and len(truth) == 600
    predicted = {row["id"].split("#", 1)[1]: row["story_id"] for row in arc.export("", all_copies=True)}
    precision, recall, joined, apart = bench.scores(predicted, truth)
    assert (joined, apart) == (0, 0), (precision, recall)
    assert arc.stats()["stories"] == 100


def _random_stories(rng: np.random.Generator, size: int) -> stories.Stories:
    origin = rng.integers(0, size // 4, size).astype(np.int32)  # documents of one story share it
    heads = np.unique(origin)
    origin[heads] = heads  # a story's origin is one of its documents
    return stories.Stories(ids=None, hashes=None, table=None, origin=origin, live=np.ones(size, bool))


def test_best_of_each_is_each_storys_highest_key_with_ties_to_the_first_document():
    rng = np.random.default_rng(7)
    grouped = _random_stories(rng, 400)
    ids = np.sort(rng.choice(400, 250, replace=False))
    key = rng.integers(0, 5, len(ids)).astype(np.float64)  # many ties
    key[::17] = -np.inf  # undated copies rank last
    best = {}
    for doc, k in zip(ids.tolist(), key.tolist(), strict=True):
        story = int(grouped.origin[doc])
        if story not in best or k > best[story][0]:
            best[story] = (k, doc)
    expected = sorted(doc for _, doc in best.values())
    assert sorted(grouped.best_of_each(ids, key).tolist()) == expected
    assert grouped.count_in(ids) == len(best)


def test_story_values_count_each_story_once_per_value():
    rng = np.random.default_rng(11)
    grouped = _random_stories(rng, 300)
    held = []  # (document, value), each value once a document, as a keyword column holds them
    for doc, story in enumerate(grouped.origin.tolist()):
        if story % 3 == 0:  # a third of the stories: every copy has the same values
            chosen = {story % 20, (story * 7 + 3) % 20}
        else:  # the others: any, or none
            chosen = set(rng.choice(20, int(rng.integers(0, 4)), replace=False).tolist())
        held += [(doc, value) for value in sorted(chosen)]
    entry_doc = np.array([d for d, _ in held], np.int32)
    entry_value = np.array([v for _, v in held], np.int32)
    keyword = type("Keyword", (), {"names": [f"v{i}" for i in range(20)], "entry_doc": entry_doc,
                                   "entry_value": entry_value})()
    values = grouped.values("person", keyword)
    assert 0 < len(values.doc) and 0 < len(values.mixed_doc)
    for _ in range(5):
        matched = rng.random(300) < 0.5
        ids = np.flatnonzero(matched)
        listed = np.zeros(300, bool)
        listed[grouped.best_of_each(ids, rng.random(len(ids)))] = True
        counts = values.count(matched, listed)
        for value in range(20):
            having = entry_doc[(entry_value == value) & matched[entry_doc]]
            assert counts[value] == len(set(grouped.origin[having].tolist()))
