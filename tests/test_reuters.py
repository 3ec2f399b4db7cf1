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
