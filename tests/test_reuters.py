"""Reuters-21578 end to end: every story indexed with its date or named with its reason."""

from __future__ import annotations

import pytest

STORIES = 21_578


@pytest.fixture(scope="module")
def reuters(reuters_built):
    return reuters_built


def test_every_story_is_indexed_or_named(reuters):
    arc, report = reuters
    records = [s for s in report.skipped if "#" in s.source]
    assert report.files == 22
    assert report.indexed + len(records) == STORIES
    assert len(records) <= 1  # one story of reut2-012 has no text at all
    for skipped in records:
        assert skipped.reason == "story has neither <TITLE> nor <BODY> text"
    stats = arc.stats()
    assert stats["articles"] == report.indexed
    assert stats["undated"] == 0
    assert (stats["earliest"], stats["latest"]) == ("1987-02-26", "1987-10-20")


def test_march_1987_returns_only_march_stories(reuters):
    arc, _ = reuters
    result = arc.search("oil", since="1987-03", until="1987-03", per_page=100)
    assert result.total > 100
    assert all(h.published.strftime("%Y-%m") == "1987-03" for h in result.hits)
    assert {v.value[:7] for v in result.facets["date"]} == {"1987-03"}
    newest = arc.search("oil", since="1987-03", until="1987-03", sort="newest", page=5)
    assert all(h.published.strftime("%Y-%m") == "1987-03" for h in newest.hits)


# -- stories: the wire's repeats and near-copies grouped ---------------------------------------

FIRST_PAGE_QUERIES = [("oil", []), ("coffee", []), ("opec", []), ("Baker", ["James Baker"])]


def test_the_report_and_stats_count_stories(reuters):
    arc, report = reuters
    stats = arc.stats()
    assert (report.stories, report.multi_copy) == (stats["stories"], stats["multi_copy_stories"])
    assert report.indexed - report.stories >= 257  # the repeats of one text, and near-copies
    assert 500 < report.multi_copy < 2000


def test_the_257_repeats_of_one_text_are_each_one_story(reuters):
    arc, _ = reuters
    stories = arc.engine._current().stories
    origins: dict[str, set[int]] = {}
    counts: dict[str, int] = {}
    for doc in stories.live.nonzero()[0].tolist():
        text = str(stories.hashes[doc])
        origins.setdefault(text, set()).add(int(stories.origin[doc]))
        counts[text] = counts.get(text, 0) + 1
    assert sum(n - 1 for n in counts.values()) == 257  # as the corpus holds them (README)
    assert all(len(origins[text]) == 1 for text, n in counts.items() if n > 1)


@pytest.mark.parametrize(("q", "persons"), FIRST_PAGE_QUERIES)
def test_no_two_first_page_hits_are_copies_of_one_story(reuters, q, persons):
    """Checked against the texts themselves (difflib), not the archive's own grouping."""
    from difflib import SequenceMatcher

    arc, _ = reuters
    result = arc.search(q, persons=persons)
    assert len(result.hits) == 10 and len({h.story.id for h in result.hits}) == 10
    bodies = [arc.get(h.id).body.split() for h in result.hits]
    for i in range(len(bodies)):
        for j in range(i + 1, len(bodies)):
            alike = SequenceMatcher(None, bodies[i], bodies[j], autojunk=False).ratio()
            assert alike < 0.6, (result.hits[i].title, result.hits[j].title, alike)
    every = arc.search(q, persons=persons, all_copies=True)
    assert every.total == result.articles > result.total == result.stories


def test_the_repeated_wire_story_is_one_hit_with_its_copy(reuters):
    arc, _ = reuters
    hits = arc.search("oil", per_page=100).hits  # in the top five before the analyzer of issue 11
    warns = [h for h in hits if h.title == "U.S. WARNS OF DEPENDENCE ON FOREIGN OIL"]
    assert len(warns) == 1 and warns[0].story.copies == 2
    assert warns[0].story.first.published.isoformat() == "1987-03-17T13:16:13+00:00"


def test_the_export_carries_each_storys_topics(reuters):
    arc, _ = reuters
    rows = list(arc.export("coffee", topics=["coffee"], limit=20))
    assert len(rows) == 20
    for row in rows:
        assert "coffee" in row["topics"].split("; ")
