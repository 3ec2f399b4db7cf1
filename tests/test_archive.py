"""The Python API on real indexes: ranking, filters, facets, snippets, escaping, errors."""

from __future__ import annotations

from datetime import date

import pytest

from archive import Archive, ArticleNotFound, BadQuery, IndexMissing
from archive.export import COLUMNS
from archive.library import SORTS

MARIPOSA = "000_22084bbc24ccd4f7.txt"
MISCARRIAGE = "001_e5559c25d7e2ccce.txt"


def facet(result, name):
    return {v.value: v.count for v in result.facets[name]}


def test_baby_loss_ranks_the_mariposa_article_first(seeds_archive):
    result = seeds_archive.search("baby loss")
    assert result.total == 2
    first = result.hits[0]
    assert first.id == MARIPOSA
    assert "<mark>" in first.snippet
    assert first.published.date() == date(2021, 6, 17)
    people = facet(result, "person")
    for name in ("Kate Beckinsale", "Chrissy Teigen", "Zoe Clark-Coates"):
        assert name in people


def test_person_filter_finds_both_articles(seeds_archive):
    result = seeds_archive.search("Teigen", persons=["Chrissy Teigen"])
    assert {h.id for h in result.hits} == {MARIPOSA, MISCARRIAGE}
    selected = [v for v in result.facets["person"] if v.selected]
    assert [(v.value, v.count) for v in selected] == [("Chrissy Teigen", 2)]


def test_person_filter_is_case_insensitive_and_all_must_match(seeds_archive):
    both = seeds_archive.search("", persons=["kate beckinsale", "CHRISSY TEIGEN"])
    assert both.total == 2
    only_one = seeds_archive.search("", persons=["Kate Beckinsale", "Zoe Clark-Coates"])
    assert [h.id for h in only_one.hits] == [MARIPOSA]


def test_unknown_person_matches_nothing_and_stays_selected(seeds_archive):
    result = seeds_archive.search("baby", persons=["Nobody Known"])
    assert result.total == 0
    assert [(v.value, v.count, v.selected) for v in result.facets["person"]] == [
        ("Nobody Known", 0, True)]


def test_since_never_gives_an_undated_article_a_date(seeds_archive):
    result = seeds_archive.search("miscarriage", since="2021-01-01")
    assert [h.id for h in result.hits] == [MARIPOSA]
    everything = seeds_archive.search("miscarriage")
    assert everything.total == 2
    assert facet(everything, "date") == {"2021-06-17": 1, "undated": 1}


def test_undated_bucket_is_reachable(seeds_archive):
    result = seeds_archive.search("miscarriage", undated=True)
    assert [h.id for h in result.hits] == [MISCARRIAGE]
    assert result.hits[0].published is None


def test_partial_dates_cover_whole_periods(seeds_archive):
    assert seeds_archive.search("", since="2021-06", until="2021-06").total == 1
    assert seeds_archive.search("", since="2021", until="2021").total == 1
    assert seeds_archive.search("", until="2021-05").total == 0


def test_sort_newest_puts_undated_last(seeds_archive):
    for sort in ("newest", "oldest"):
        result = seeds_archive.search("", sort=sort)
        assert [h.id for h in result.hits] == [MARIPOSA, MISCARRIAGE]
        assert all(h.score is None for h in result.hits)


def test_query_syntax(seeds_archive):
    ids = lambda q: {h.id for h in seeds_archive.search(q).hits}  # noqa: E731
    assert ids('"baby loss"') == {MARIPOSA, MISCARRIAGE}
    assert ids("beckinsale -mariposa") == {MISCARRIAGE}
    assert ids("mariposa OR miscarriage") == {MARIPOSA, MISCARRIAGE}
    assert ids("title:ambassador") == {MARIPOSA}
    assert ids('person:"zoe clark-coates"') == {MARIPOSA}
    assert ids("ambassad*") == {MARIPOSA}
    assert ids("") == {MARIPOSA, MISCARRIAGE}


@pytest.mark.parametrize(
    "query",
    ["(((", "AND OR NOT", '"unclosed', "title:", "a*", "*", "foo:bar", ":", '""', "NOT",
     "<script>alert(1)</script>", "http://x.com/a?b=c", "\x00\x01", "🙂 baby", "-", "OR OR",
     "title:(", 'person:"', "baby^5", "[a TO b]"],
)
def test_malformed_queries_never_raise(seeds_archive, query):
    result = seeds_archive.search(query)
    assert result.total >= 0
    for hit in result.hits:
        assert "<script>" not in hit.snippet


def test_too_long_query_is_a_bad_query(seeds_archive):
    with pytest.raises(BadQuery, match="limit"):
        seeds_archive.search("baby " * 500)


@pytest.mark.parametrize(
    "kwargs",
    [{"sort": "random"}, {"page": 0}, {"page": 10_000}, {"per_page": 0}, {"per_page": 1000},
     {"since": "June"}, {"until": "2021-13"}, {"since": "2021-02-30"},
     {"since": "2022", "until": "2021"}, {"undated": True, "since": "2020"}],
)
def test_bad_parameters_are_bad_queries_with_hints(seeds_archive, kwargs):
    with pytest.raises(BadQuery) as info:
        seeds_archive.search("baby", **kwargs)
    assert info.value.hint


def test_pagination(seeds_archive):
    first = seeds_archive.search("baby", per_page=1)
    second = seeds_archive.search("baby", per_page=1, page=2)
    assert first.total == second.total == 2 and first.pages == 2
    assert first.hits[0].id != second.hits[0].id
    assert seeds_archive.search("baby", per_page=1, page=3).hits == []


def test_snippets_escape_article_text(tmp_path):
    (tmp_path / "hostile.txt").write_text(
        "<script>alert('title')</script> Baby news\n\n"
        "A <b>bold</b> claim about baby loss & <img src=x onerror=alert(1)> care.\n")
    arc = Archive(tmp_path / "index")
    arc.rebuild([tmp_path])
    hit = arc.search("baby").hits[0]
    assert "<b>" not in hit.snippet and "<img" not in hit.snippet
    assert "&lt;b&gt;bold&lt;/b&gt;" in hit.snippet
    assert "&amp;" in hit.snippet
    assert "<mark>baby</mark>" in hit.snippet
    assert hit.title.startswith("<script>")  # stored as written; escaping is the renderer's job
    arc.close()


def test_get_returns_the_stored_article(seeds_archive):
    article = seeds_archive.get(MARIPOSA)
    assert article.title.startswith("Kate Beckinsale has been named")
    assert article.authors == ("BANG Showbiz",)
    assert "Kate Beckinsale" in article.persons
    with pytest.raises(ArticleNotFound, match="does not exist"):
        seeds_archive.get("../../etc/passwd")


def test_missing_index_says_how_to_build_one(tmp_path):
    with pytest.raises(IndexMissing) as info:
        Archive(tmp_path / "nowhere").search("baby")
    assert "archive rebuild" in info.value.hint


def test_stats(seeds_archive):
    stats = seeds_archive.stats()
    assert stats["articles"] == 2
    assert stats["earliest"] == stats["latest"] == "2021-06-17"
    assert stats["persons"] >= 4


def test_json_shape(seeds_archive):
    data = seeds_archive.search("baby loss").to_dict()
    assert list(data) == ["query", "total", "page", "per_page", "hits", "facets", "did_you_mean",
                          "people_like", "counted", "articles", "stories", "copies"]
    assert data["did_you_mean"] is None and data["people_like"] == {}
    assert list(data["hits"][0]) == [
        "id", "title", "url", "published", "authors", "persons", "topics", "outlet", "snippet",
        "score", "story"]
    assert data["counted"] == "stories" and data["copies"] == "stories"
    story = data["hits"][0]["story"]
    assert (story["id"], story["copies"], story["first"]["id"]) == (data["hits"][0]["id"], 1, story["id"])
    assert data["hits"][0]["published"] == "2021-06-17T12:01:00+00:00"
    # no topic facet: the seeds are plain text files, without categories of their own
    assert list(data["facets"]) == ["person", "date", "author", "outlet"]
    assert set(data["facets"]["person"][0]) == {"value", "count", "selected"}


def test_every_reader_in_one_archive(mixed_archive):
    assert mixed_archive.stats()["articles"] == 2 + 1 + 7 + 5
    feb = mixed_archive.search("", since="1987-02", until="1987-02")
    assert feb.articles == 7 and feb.stories == feb.total == 6  # two copies of one BankAmerica story
    assert all(h.published.strftime("%Y-%m") == "1987-02" for h in feb.hits)
    assert mixed_archive.search("", since="1987-03", until="1987-03").total == 0
    assert mixed_archive.search("iodine").hits[0].id == "wikinews-iodine.txt"
    assert mixed_archive.search("boosters").hits[0].id == "huffpost-sample.jsonl#1"


def test_date_facet_granularity_follows_the_span(mixed_archive):
    everything = mixed_archive.search("")
    assert everything.date_granularity == "year"
    assert {"1987", "2006", "2021", "2022"} <= set(facet(everything, "date"))
    reuters = mixed_archive.search("", since="1987", until="1987")
    assert reuters.date_granularity in ("day", "month")


def test_date_bucket_is_selected_when_the_filter_is_exactly_that_bucket(mixed_archive):
    year = mixed_archive.search("", since="2021", until="2021")
    assert [(v.value, v.selected) for v in year.facets["date"]] == [("2021-06-17", False)]
    day = mixed_archive.search("", since="2021-06-17", until="2021-06-17")
    assert [(v.value, v.selected) for v in day.facets["date"]] == [("2021-06-17", True)]


def test_people_lists_everyone_the_archive_mentions(seeds_archive):
    everyone = seeds_archive.people()
    assert {p.value for p in everyone.people} == {
        "Kate Beckinsale", "Chrissy Teigen", "John Legend", "Zoe Clark-Coates"}
    assert everyone.total == 4 and everyone.people[0].count == 2
    assert [p.value for p in seeds_archive.people("clark").people] == ["Zoe Clark-Coates"]
    assert seeds_archive.people("clark").to_dict() == {
        "contains": "clark", "total": 1, "limit": 100,
        "people": [{"name": "Zoe Clark-Coates", "count": 1, "variants": {}}]}
    with pytest.raises(BadQuery, match="limit must be between"):
        seeds_archive.people(limit=0)


def test_part_of_a_name_in_person_and_author_fields(seeds_archive):
    assert seeds_archive.search("person:teigen").total == 2
    assert seeds_archive.search("person:Clark-Coates").total == 1
    assert seeds_archive.search('person:"kate beckinsale"').total == 2
    assert seeds_archive.search("person:zoe person:teigen").total == 1
    assert seeds_archive.search("person:nobody").total == 0
    assert seeds_archive.search("author:showbiz").total == 1
    assert "person:chrissy teigen" in seeds_archive.search("person:teigen").parsed


# -- export ------------------------------------------------------------------------------------

@pytest.mark.parametrize("q", ["", "said", "oil OR baby", '"baby loss" OR reuters'])
@pytest.mark.parametrize("sort", SORTS)
def test_export_lists_every_hit_in_the_order_of_the_pages(mixed_archive, q, sort):
    rows = list(mixed_archive.export(q, sort=sort))
    pages = [mixed_archive.search(q, sort=sort, per_page=4, page=n) for n in (1, 2, 3, 4)]
    assert [r["id"] for r in rows] == [h.id for p in pages for h in p.hits]
    assert len(rows) == pages[0].total and [r["rank"] for r in rows] == list(range(1, len(rows) + 1))
    scores = [h.score for p in pages for h in p.hits]
    assert [r["score"] for r in rows] == [None if s is None else round(s, 4) for s in scores]


def test_export_rows_are_flat(seeds_archive):
    row = next(seeds_archive.export("baby loss"))
    assert tuple(row) == COLUMNS
    assert row["id"] == MARIPOSA and row["published"] == "2021-06-17T12:01:00+00:00"
    assert "Kate Beckinsale" in row["persons"].split("; ") and row["url"] is None
    assert [r["id"] for r in seeds_archive.export("", sort="oldest", limit=1)] == [MARIPOSA]


@pytest.mark.parametrize("kwargs", [{"sort": "random"}, {"since": "June"}, {"limit": 0},
                                    {"since": "2022", "until": "2021"}, {"undated": True, "since": "2020"}])
def test_export_checks_its_parameters_before_reading(seeds_archive, kwargs):
    with pytest.raises(BadQuery) as info:
        seeds_archive.export("baby", **kwargs)  # raised by the call, not by the first row
    assert info.value.hint


def test_an_export_started_before_a_rebuild_ends_with_the_hits_it_chose(tmp_path, seeds_dir, mixed_dir):
    arc = Archive(tmp_path / "index")
    arc.rebuild([seeds_dir])
    rows = arc.export("")
    first = next(rows)
    Archive(tmp_path / "index").rebuild([mixed_dir])
    Archive(tmp_path / "index").rebuild([mixed_dir])  # the first generation is deleted by now
    assert [first["id"], *(r["id"] for r in rows)] == [MARIPOSA, MISCARRIAGE]
    assert arc.search("").articles == 15
    arc.close()


def test_similar_articles(mixed_archive):
    # the other Beckinsale/Teigen story comes first; the article itself never
    first = mixed_archive.similar("000_22084bbc24ccd4f7.txt", limit=3)
    assert first[0].id == "001_e5559c25d7e2ccce.txt"
    assert "000_22084bbc24ccd4f7.txt" not in [hit.id for hit in first] and len(first) == 3
    assert first[0].score > first[1].score >= first[2].score
    assert "<mark>" in first[0].snippet  # the shared words are highlighted
    with pytest.raises(ArticleNotFound):
        mixed_archive.similar("no-such-article.txt")
    with pytest.raises(BadQuery, match="limit"):
        mixed_archive.similar("000_22084bbc24ccd4f7.txt", limit=0)


def test_similar_articles_leave_out_repeats_of_one_text(tmp_path):
    # A wire story sent twice (same text, another time: two records) is listed once.
    story = ("Volcker term in doubt\nMarch {day}, 1987\n\nTreasury Secretary James Baker declined to comment "
             "on whether President Reagan would reappoint Paul Volcker to the Federal Reserve Board.\n")
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text(story.format(day=2), encoding="utf-8")
    (src / "b.txt").write_text(story.format(day=3), encoding="utf-8")
    praise = ("Baker praises Volcker\nMarch 4, 1987\n\nJames Baker said Paul Volcker had done a tremendous "
              "job at the Federal Reserve Board.\n")
    (src / "c.txt").write_text(praise, encoding="utf-8")
    (src / "d.txt").write_text("Coffee prices fall\nMarch 5, 1987\n\nCoffee prices fell on Thursday as "
                               "Brazil sold more beans.\n", encoding="utf-8")
    arc = Archive(tmp_path / "index")
    assert arc.rebuild([src]).indexed == 4
    assert [hit.id for hit in arc.similar("c.txt")] == ["a.txt"]


def test_one_name_given_as_a_string_is_one_name(seeds_archive):
    one = seeds_archive.search("", persons="Chrissy Teigen")
    assert one.to_dict() == seeds_archive.search("", persons=["Chrissy Teigen"]).to_dict()
    assert one.total == 2 and [v.value for v in one.facets["person"] if v.selected] == ["Chrissy Teigen"]
    rows = list(seeds_archive.export("", persons="Chrissy Teigen"))
    assert len(rows) == 2


@pytest.mark.parametrize("persons", [b"Chrissy Teigen", 42, ["Chrissy Teigen", 7], [None]])
def test_persons_that_are_not_names_are_bad_queries(seeds_archive, persons):
    with pytest.raises(BadQuery, match="persons"):
        seeds_archive.search("", persons=persons)


def test_one_source_given_as_a_string_is_one_source(tmp_path, seeds_dir):
    report = Archive(tmp_path / "index").rebuild(str(seeds_dir / "000_22084bbc24ccd4f7.txt"))
    assert report.indexed == 1 and report.files == 1
