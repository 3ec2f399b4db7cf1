"""Facets from the sources' own metadata (topics, authors, outlets) and the Atom feed of a search:
the record, the index, the API, the CLI, the query language and the pages, on real indexes."""

from __future__ import annotations

import gzip
import itertools
import json
import xml.etree.ElementTree as ET
from html import unescape
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from click.testing import CliRunner
from whoosh import index as whoosh_index

from archive import Archive, BadQuery
from archive.cli import cli
from archive.index import store
from archive.index.schema import from_stored, make_schema, to_document
from archive.sources import html as html_source
from archive.sources import records
from tests.conftest import shared_path
from web import create_app

ATOM = "{http://www.w3.org/2005/Atom}"


def values(result, kind: str) -> dict[str, int]:
    return {v.value: v.count for v in result.facets[kind]}


# -- the record keeps the source's categories ------------------------------------------------

def test_reuters_keeps_topics_places_orgs(mixed_archive):
    story = mixed_archive.get("reuters-sample.sgm#5")
    assert story.topics == ("grain", "wheat", "corn", "barley", "oat", "sorghum")
    assert story.places == ("usa",)
    assert mixed_archive.get("reuters-sample.sgm#1").places == ("el-salvador", "usa", "uruguay")
    data = story.to_dict()
    assert data["topics"][:2] == ["grain", "wheat"] and data["orgs"] == []


def test_huffpost_category_is_a_topic(mixed_archive):
    hit = mixed_archive.search("", outlets=["AP"]).hits[0]
    assert hit.topics == ("U.S. NEWS",)
    assert mixed_archive.get(hit.id).topics == ("U.S. NEWS",)


def test_records_take_tags_and_section_lists():
    line = json.dumps({"title": "Tagged", "body": "Text.", "section": "World",
                       "tags": "oil; Opec, oil", "keywords": ["energy", "OIL"]})
    article = records.parse_jsonl(line.encode(), "t.jsonl")[0]
    assert article.topics == ("World", "oil", "Opec", "energy")
    table = 'title,body,category\nA headline,Some text,"Business, Finance"\n'
    assert records.parse_csv(table.encode(), "t.csv")[0].topics == ("Business Finance",)


def test_html_section_tags_and_keywords():
    page = """<html><head><title>Oil falls</title>
    <meta property="article:section" content="Markets">
    <meta property="article:tag" content="Oil"><meta property="article:tag" content="OPEC">
    <meta name="keywords" content="oil, energy , ">
    </head><body><article><h1>Oil falls</h1><p>Oil prices fell on Monday as traders sold.</p>
    <p>More text about the markets and the oil price today.</p></article></body></html>"""
    article = next(html_source.parse(page.encode(), "p.html"))
    assert article.topics == ("Markets", "Oil", "OPEC", "energy")


# -- facets over all matches, several selected ---------------------------------------------------

@pytest.mark.parametrize("all_copies", [False, True])
def test_topic_author_outlet_facets_count_every_match(mixed_archive, all_copies):
    # Janie Gabbett's two Reuters articles are copies of one story: by default the facets count
    # stories, as the hits list them; with all_copies, articles
    every = mixed_archive.search("", per_page=1, all_copies=all_copies)
    assert values(every, "topic")["U.S. NEWS"] == 3
    assert values(every, "topic")["grain"] == 1
    assert values(every, "author")["Janie Gabbett"] == (2 if all_copies else 1)
    assert values(every, "outlet") == {"Reuters": 7 if all_copies else 6, "AP": 1, "BANG Showbiz": 1}
    for kind, keyword in (("topic", "topics"), ("author", "authors"), ("outlet", "outlets")):
        for value, count in values(every, kind).items():
            chosen = mixed_archive.search("", **{keyword: [value]}, all_copies=all_copies)
            assert chosen.total == count, (kind, value)


def test_two_topics_mean_articles_with_both(mixed_archive):
    grain = {h.id for h in mixed_archive.search("", topics=["grain"], per_page=100).hits}
    both = mixed_archive.search("", topics=["grain", "WHEAT"], per_page=100)
    assert {h.id for h in both.hits} == grain
    assert all({"grain", "wheat"} <= set(h.topics) for h in both.hits)
    assert [(v.value, v.selected) for v in both.facets["topic"] if v.selected] == [
        ("grain", True), ("wheat", True)]
    assert mixed_archive.search("", topics=["grain", "cocoa"]).total == 0
    unknown = mixed_archive.search("", topics=["no such topic"])
    assert unknown.total == 0 and unknown.facets["topic"] == [
        type(unknown.facets["topic"][0])("no such topic", 0, True)]


def test_facets_appear_only_where_the_data_has_values(seeds_archive, mixed_archive):
    assert "topic" not in seeds_archive.search("").facets  # plain text files: no categories
    assert {"topic", "author", "outlet"} <= set(mixed_archive.search("").facets)


def test_query_language_fields(mixed_archive):
    assert mixed_archive.search("topic:grain").total == 1
    assert mixed_archive.search('topic:"u.s. news"').total == 3
    assert mixed_archive.search("topic:news").total == 3  # part of a name, as person:
    assert mixed_archive.search("outlet:reuters", all_copies=True).total == 7
    assert mixed_archive.search("outlet:reuters").total == 6  # two of them are one story
    assert mixed_archive.search('author:"janie gabbett"', all_copies=True).total == 2
    assert mixed_archive.search("topic:grain OR topic:cocoa").total == 2
    assert mixed_archive.search("-topic:grain", outlets=["Reuters"], all_copies=True).total == 6


def test_filters_reach_export_and_trends(mixed_archive):
    rows = list(mixed_archive.export("", topics=["U.S. NEWS"]))
    assert len(rows) == 3
    trend = mixed_archive.trends("", topics=["grain"], by="year")
    assert trend.trends[0].total == 1


# -- CLI and JSON ----------------------------------------------------------------------------

def test_cli_repeatable_topic_author_outlet(mixed_archive):
    runner = CliRunner()
    index = str(mixed_archive.index_dir)
    out = runner.invoke(cli, ["search", "--index", index, "--json", "--topic", "grain",
                              "--topic", "wheat", "--outlet", "Reuters"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert data["total"] == 1
    assert {v["value"] for v in data["facets"]["topic"] if v["selected"]} == {"grain", "wheat"}
    text = runner.invoke(cli, ["search", "--index", index, "--author", "Janie Gabbett", "--all-copies"])
    assert text.exit_code == 0 and "2 results" in text.output
    assert "Authors: [x] Janie Gabbett (2)" in text.output
    assert "Topics:" not in text.output  # his two stories have no TOPICS: no line of none


def test_cli_trends_take_the_same_filters(mixed_archive):
    out = CliRunner().invoke(cli, ["trends", "price", "--index", str(mixed_archive.index_dir),
                                   "--by", "year", "--topic", "grain", "--json"])
    assert out.exit_code == 0, out.output
    assert json.loads(out.output)["series"][0]["total"] == 1


@pytest.fixture(scope="module")
def client(web_archive):
    app = create_app({"INDEX": str(web_archive.index_dir), "TESTING": True})
    yield app.test_client()
    app.extensions["archive"].close()


def test_api_facets_and_twin_of_the_page(client):
    data = client.get("/api/search?topic=grain&topic=wheat").get_json()
    assert data["total"] == 1
    assert data["hits"][0]["topics"][:2] == ["grain", "wheat"]
    assert [v["value"] for v in data["facets"]["topic"] if v["selected"]] == ["grain", "wheat"]
    many = "&".join(f"topic=t{n}" for n in range(21))
    error = client.get(f"/api/search?{many}")
    assert error.status_code == 400 and "21 values of topic" in error.get_json()["error"]["message"]


def test_page_facet_links_toggle_and_chips_remove(client):
    html = client.get("/").text
    assert 'class="facet facet-topic"' in html and 'class="facet facet-outlet"' in html
    links = [unescape(h) for h in _facet_hrefs(html, "facet-topic")]
    grain = next(h for h in links if parse_qs(urlsplit(h).query).get("topic") == ["grain"])
    narrowed = client.get(grain).text
    assert "1</strong> story" in narrowed
    assert "Topic: grain" in narrowed  # the chip
    chip = _chip_href(narrowed, "topic")
    assert "topic=" not in chip
    both = client.get(grain + "&topic=wheat").text
    assert "Showing articles that have all selected topics." in both


def test_article_page_shows_what_it_is_filed_under(client):
    html = client.get("/article/reuters-sample.sgm%235").text
    assert '<a href="/?topic=grain"' in html and "Places</span> usa" in html
    data = client.get("/api/article/reuters-sample.sgm%235").get_json()
    assert data["topics"][0] == "grain" and data["places"] == ["usa"] and data["orgs"] == []
    assert "1</strong> story" in client.get("/?topic=grain").text


def test_trends_keep_the_searchs_topic(client):
    search = client.get("/?q=price&topic=grain").text
    compare = unescape(search[search.index('href="/trends?') + 6 :].split('"', 1)[0])
    assert parse_qs(urlsplit(compare).query)["topic"] == ["grain"]
    page = client.get(compare + "&by=year").text
    assert "In articles filed under grain (every search)." in page
    assert '<input type="hidden" name="topic" value="grain">' in page
    assert 'href="/?q=price&amp;topic=grain' in page  # a period opens the same search
    data = client.get("/api/trends?q=price&by=year&topic=grain").get_json()
    assert data["series"][0]["total"] == 1
    assert data["topics"] == ["grain"] and "authors" not in data  # the filters, as persons


def _facet_hrefs(html: str, section: str) -> list[str]:
    start = html.index(f'class="facet {section}"')
    part = html[start : html.index("</section>", start)]
    return [part[i + 6 : part.index('"', i + 6)] for i in _all(part, 'href="')]


def _chip_href(html: str, kind: str) -> str:
    start = html.index(f'class="chip chip-{kind}" href="') + len(f'class="chip chip-{kind}" href="')
    return unescape(html[start : html.index('"', start)])


def _all(text: str, needle: str):
    at = text.find(needle)
    while at >= 0:
        yield at
        at = text.find(needle, at + 1)


# -- the feed --------------------------------------------------------------------------------

def parse_feed(response) -> ET.Element:
    assert response.status_code == 200
    assert response.content_type == "application/atom+xml; charset=utf-8"
    root = ET.fromstring(response.data)
    assert root.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert (root.findtext(f"{ATOM}{name}") or "").strip(), name
    for entry in root.findall(f"{ATOM}entry"):
        for name in ("id", "title", "updated"):
            assert (entry.findtext(f"{ATOM}{name}") or "").strip(), name
        assert entry.find(f"{ATOM}link").get("href").startswith("http://localhost/article/")
    return root


def test_search_feed_is_atom_with_the_newest_matches(client, web_archive):
    root = parse_feed(client.get("/search.atom"))
    ids = [e.findtext(f"{ATOM}id") for e in root.findall(f"{ATOM}entry")]
    newest = web_archive.search("", sort="newest", per_page=20).hits
    assert len(ids) == min(20, web_archive.stats()["stories"]) == len(newest)  # one entry a story
    assert [i.rsplit("/article/", 1)[1] for i in ids] == [
        _quoted(h.id) for h in newest]
    again = parse_feed(client.get("/search.atom"))
    assert [e.findtext(f"{ATOM}id") for e in again.findall(f"{ATOM}entry")] == ids
    self_link = next(link for link in root.findall(f"{ATOM}link") if link.get("rel") == "self")
    assert self_link.get("href") == root.findtext(f"{ATOM}id") == "http://localhost/search.atom"


def _quoted(article_id: str) -> str:
    return quote(article_id, safe="/")


def test_feed_keeps_the_filters_and_escapes_text(client):
    root = parse_feed(client.get("/search.atom?q=mischief&sort=oldest&page=3"))
    assert root.findtext(f"{ATOM}id") == "http://localhost/search.atom?q=mischief"
    entry = root.find(f"{ATOM}entry")
    assert "<script>" in entry.findtext(f"{ATOM}title")  # as text, escaped in the XML
    raw = client.get("/search.atom?q=mischief").data
    assert b"<script>" not in raw and b"&lt;script&gt;" in raw
    summary = entry.find(f"{ATOM}summary")
    assert summary.get("type") == "text" and "<mark>" not in summary.text
    grain = parse_feed(client.get("/search.atom?topic=grain"))
    assert len(grain.findall(f"{ATOM}entry")) == 1
    assert client.get("/search.atom?since=2022&until=2021").status_code == 400


def test_search_page_links_its_feed(client):
    html = client.get("/?q=baby&topic=x").text
    assert '<link rel="alternate" type="application/atom+xml"' in html
    assert 'href="/search.atom?q=baby&amp;topic=x"' in html
    assert ">Follow this search</a>" in html


# -- the shared corpora ----------------------------------------------------------------------

def test_reuters_oil_has_crude_among_the_first_topics(reuters_built):
    arc, _ = reuters_built
    app = create_app({"INDEX": str(arc.index_dir), "TESTING": True})
    try:
        client = app.test_client()
        data = client.get("/api/search?q=oil&per_page=1").get_json()
        feeds = [parse_feed(client.get("/search.atom?q=oil")) for _ in range(2)]
    finally:
        app.extensions["archive"].close()
    entries = [[e.findtext(f"{ATOM}id") for e in feed.findall(f"{ATOM}entry")] for feed in feeds]
    newest = arc.search("oil", sort="newest", per_page=20).hits
    assert entries[0] == entries[1] and len(entries[0]) == 20
    assert [i.rsplit("/article/", 1)[1] for i in entries[0]] == [_quoted(h.id) for h in newest]
    stamps = [e.findtext(f"{ATOM}updated") for e in feeds[0].findall(f"{ATOM}entry")]
    assert stamps == sorted(stamps, reverse=True)
    assert feeds[0].findtext(f"{ATOM}updated") == stamps[0]
    topics = [v["value"] for v in data["facets"]["topic"]]
    assert "crude" in topics[:3]
    crude = next(v["count"] for v in data["facets"]["topic"] if v["value"] == "crude")
    assert crude == arc.search("oil", topics=["crude"]).total > 100  # over all matches, not a page
    both = arc.search("oil", topics=["crude", "nat-gas"], per_page=100)
    assert 0 < both.total < crude
    assert all({"crude", "nat-gas"} <= set(h.topics) for h in both.hits)
    assert {v["value"] for v in data["facets"]["outlet"]} == {"Reuters"}


def test_huffpost_has_a_category_facet(tmp_path):
    corpus = shared_path("corpora", "huffpost_news_category", "News_Category_Dataset_v3.head9999.jsonl.gz")
    with gzip.open(corpus, "rt", encoding="utf-8") as lines:
        (tmp_path / "huffpost.jsonl").write_text("".join(itertools.islice(lines, 400)), encoding="utf-8")
    with Archive(tmp_path / "index") as arc:
        arc.rebuild([tmp_path / "huffpost.jsonl"])
        result = arc.search("", per_page=1)
        categories = values(result, "topic")
        assert len(categories) >= 10 and result.total == 400
        assert "POLITICS" in categories
        for category, count in list(categories.items())[:3]:
            assert arc.search("", topics=[category]).total == count
        assert len(values(result, "author")) >= 10


# -- an index written before these fields ----------------------------------------------------

NEW_FIELDS = ("author_name", "topic", "topic_name", "outlet", "outlet_name")


def older_index(sources, index_dir) -> Archive:
    """An archive of ``sources`` whose live generation is written again, by Whoosh, with the
    schema of the version before the topic/author/outlet fields (and without saved columns)."""
    with Archive(index_dir) as arc:
        arc.rebuild([sources])
    live = store.live_generation(index_dir)
    with whoosh_index.open_dir(live).searcher() as searcher:
        articles = [from_stored(stored) for stored in searcher.all_stored_fields()]
    schema = make_schema()
    for name in NEW_FIELDS:
        schema.remove(name)
    for derived in live.glob("derived-*.npz"):
        derived.unlink()
    writer = whoosh_index.create_in(live, schema).writer()
    for article in articles:
        document = to_document(article)
        writer.add_document(**{k: v for k, v in document.items() if k not in NEW_FIELDS})
    writer.commit()
    return Archive(index_dir)


def test_an_older_index_is_searched_and_says_to_rebuild(mixed_dir, tmp_path):
    with older_index(mixed_dir, tmp_path / "index") as arc:
        every = arc.search("")
        assert every.articles == 15 and "topic" not in every.facets
        assert "author" not in every.facets
        assert arc.search("grain").total == 1
        assert arc.search('author:"janie gabbett"', all_copies=True).total == 2
        for query, chosen in (("topic:grain", {}), ("", {"topics": ["grain"]}),
                              ("outlet:reuters", {}), ("", {"authors": ["Janie Gabbett"]})):
            with pytest.raises(BadQuery, match="older version") as error:
                arc.search(query, **chosen)
            assert "archive rebuild" in error.value.hint
        report = arc.update()
        assert report.notes[0].note.startswith("rebuilt in full, as the index was written by an older")
        assert arc.search("topic:grain").total == 1
        assert values(arc.search(""), "topic")["U.S. NEWS"] == 3


def test_feed_addresses_never_come_from_the_host_header(client, web_archive):
    forged = client.get("/search.atom?q=baby", headers={"Host": "evil.example"})
    root = parse_feed_at(forged, "http://localhost/article/")
    assert root.findtext(f"{ATOM}id") == "http://localhost/search.atom?q=baby"
    assert all(link.get("href").startswith("http://localhost/") for link in root.iter(f"{ATOM}link"))
    app = create_app({"INDEX": str(web_archive.index_dir), "BASE_URL": "https://news.example.org/a",
                      "SITE_NAME": 'Lab <b>&"x"'})
    try:
        root = parse_feed_at(app.test_client().get("/search.atom?q=baby"), "https://news.example.org/a/article/")
        assert root.findtext(f"{ATOM}id") == "https://news.example.org/a/search.atom?q=baby"
        assert root.find(f"{ATOM}author").findtext(f"{ATOM}name") == 'Lab <b>&"x"'
    finally:
        app.extensions["archive"].close()
    response = client.get("/search.atom")
    assert "default-src 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def parse_feed_at(response, article_base: str) -> ET.Element:
    root = ET.fromstring(response.data)
    links = [e.find(f"{ATOM}link").get("href") for e in root.findall(f"{ATOM}entry")]
    assert links and all(link.startswith(article_base) for link in links)
    return root
