"""The web interface through Flask's test client, on a real index built under tmp."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
from html import unescape
from html.parser import HTMLParser
from urllib.parse import parse_qs, quote, urlsplit
from urllib.request import urlopen

import pytest
from click.testing import CliRunner

from archive import Archive
from archive.cli import cli
from archive.export import COLUMNS, csv_text
from web import create_app
from web.display import web_link

HREF = re.compile(r'href="([^"]*)"')


@pytest.fixture(scope="module")
def app(web_archive):
    app = create_app({"INDEX": str(web_archive.index_dir), "TESTING": True})
    yield app
    app.extensions["archive"].close()


@pytest.fixture()
def client(app):
    return app.test_client()


def page(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    assert "Traceback" not in response.text
    return response.text


def links(html: str, css_class: str) -> list[str]:
    """The hrefs of <a> elements carrying ``css_class`` (attributes in template order)."""
    found = re.findall(rf'<a class="[^"]*\b{css_class}\b[^"]*" href="([^"]*)"', html)
    return [unescape(h) for h in found]


def args(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def api(client, url: str, status: int = 200) -> dict:
    response = client.get(url)
    assert response.status_code == status, (url, response.get_data(as_text=True))
    assert response.is_json
    return response.get_json()


# -- the search page ---------------------------------------------------------------------------

def test_home_lists_every_article_with_facets(client, web_archive):
    html = page(client, "/")
    everything = web_archive.search("")
    assert f"<strong>{everything.total}</strong> stories in the archive" in html
    assert f"· {everything.stories} stories in {everything.articles} articles" in html  # a story has copies
    assert 'role="search"' in html and '<label class="visually-hidden" for="q">' in html
    assert 'class="timeline"' in html and 'id="person-heading"' in html


def test_search_shows_ranked_highlighted_hits(client):
    html = page(client, "/?q=baby+loss")
    assert 'value="baby loss"' in html  # the box keeps the query
    assert "results for <q>baby loss</q>" in html
    assert "<mark>" in html
    titles = re.findall(r'<h3 class="hit-title"><a href="([^"]+)">(.+?)</a>', html)
    assert titles[0][1].startswith("Kate Beckinsale has been named")
    assert "<mark>baby</mark> <mark>loss</mark> charity" in titles[0][1]
    assert titles[0][0].startswith("/article/000_22084bbc24ccd4f7.txt?q=baby+loss")
    assert "17 June 2021" in html and 'By <a href="/person/BANG%20Showbiz">BANG Showbiz</a>' in html


def test_person_facet_select_and_remove(client):
    html = page(client, "/?q=baby+loss")
    kate = next(u for u in links(html, "facet-item") if args(u).get("person") == ["Kate Beckinsale"])
    narrowed = page(client, kate)
    assert 'aria-current="true" data-name="kate beckinsale"' in narrowed
    chip = links(narrowed, "chip-person")
    assert len(chip) == 1 and "person" not in args(chip[0]) and args(chip[0])["q"] == ["baby loss"]
    assert "Filtered by" not in page(client, chip[0])


def test_several_people_mean_all_of_them(client, web_archive):
    both = ["Kate Beckinsale", "Chrissy Teigen"]
    data = api(client, "/api/search?person=Kate+Beckinsale&person=Chrissy+Teigen")
    assert data["total"] == web_archive.search(persons=both).total
    assert all(set(both) <= set(hit["persons"]) for hit in data["hits"])
    assert data["total"] < api(client, "/api/search?person=Chrissy+Teigen")["total"]
    html = page(client, "/?person=Kate+Beckinsale&person=Chrissy+Teigen")
    assert len(links(html, "chip-person")) == 2 and "mention all selected people" in html
    assert "Clear all" in html


def test_person_box_adds_any_name(client):
    html = page(client, "/?q=&person=arthur+miller")
    assert "Arthur Miller" in html and len(links(html, "chip-person")) == 1


def test_more_people_beyond_the_first(client, app):
    html = page(client, "/")
    shown = app.config["PEOPLE_SHOWN"]
    assert html.count('class="facet-item') > shown and "More people (" in html


def test_date_bar_narrows_and_clears(client):
    html = page(client, "/")
    bars = links(html, "tl-bar")
    assert bars, "no clickable date bars"
    year = next(b for b in bars if args(b).get("since") == ["2022"])
    assert args(year)["until"] == ["2022"]
    narrowed = page(client, year)
    assert "tl-bar is-selected" not in narrowed  # now months of 2022, finer bars
    assert "by month" in narrowed or "by day" in narrowed
    data = api(client, "/api/search?since=2022&until=2022")
    assert data["total"] == 5 and all(h["published"].startswith("2022") for h in data["hits"])
    chip = links(narrowed, "chip-date")
    assert chip and "since" not in args(chip[0])


def test_selected_bar_toggles_off(client):
    html = page(client, "/?since=2022-09-23&until=2022-09-23")
    selected = re.findall(r'<a class="tl-bar is-selected" href="([^"]*)"', html)
    assert len(selected) == 1 and "since" not in args(unescape(selected[0]))


def test_date_range_form_and_partial_dates(client):
    html = page(client, "/?since=1987-01&until=2006")
    assert 'name="since" value="1987-01"' in html and 'name="until" value="2006"' in html
    assert "January 1987 – 2006" in html
    data = api(client, "/api/search?since=1987-01&until=2006&per_page=100")
    assert data["total"] == 7 and all(h["published"] < "2007" for h in data["hits"])
    assert data["articles"] == 8  # two copies of one Reuters story are one hit


def test_undated_articles_are_counted_and_reachable(client, web_archive):
    html = page(client, "/")
    undated = next(u for u in links(html, "facet-item") if "undated" in args(u))
    assert args(undated)["undated"] == ["1"]
    data = api(client, undated.replace("/?", "/api/search?"))
    assert data["total"] == web_archive.search(undated=True).total >= 1
    assert all(hit["published"] is None for hit in data["hits"])
    assert "Undated only" in page(client, undated)


def test_pagination(client):
    first = page(client, "/?per_page=4")
    assert 'aria-current="page"' in first and 'rel="next"' in first
    nxt = re.search(r'<a class="next" rel="next" href="([^"]*)"', first).group(1)
    assert args(unescape(nxt)) == {"page": ["2"], "per_page": ["4"]}
    one = api(client, "/api/search?per_page=4")
    two = api(client, "/api/search?per_page=4&page=2")
    assert not {h["id"] for h in one["hits"]} & {h["id"] for h in two["hits"]}
    second = page(client, unescape(nxt))
    assert 'rel="prev"' in second and "page 2 of" in second


def test_page_past_the_end_says_so(client):
    assert "Go to the first page" in page(client, "/?page=50")


def test_sorting(client):
    # every copy: one hit per story would show a story's newest copy first and its oldest last
    newest = [h["published"] for h in api(client, "/api/search?sort=newest&per_page=100&copies=all")["hits"]]
    oldest = [h["published"] for h in api(client, "/api/search?sort=oldest&per_page=100&copies=all")["hits"]]
    dated = [p for p in newest if p]
    assert dated == sorted(dated, reverse=True) and newest[-1] is None
    assert [p for p in oldest if p] == sorted(dated)
    html = page(client, "/?q=baby&sort=newest")
    assert '<a class="is-current" href="/?q=baby&amp;sort=newest" aria-current="true">Newest</a>' in html


def test_keeps_state_in_forms(client):
    html = page(client, "/?q=baby&person=Kate+Beckinsale&since=2021&sort=oldest&per_page=5")
    for hidden in ('name="person" value="Kate Beckinsale"', 'name="since" value="2021"',
                   'name="sort" value="oldest"', 'name="per_page" value="5"'):
        assert hidden in html


# -- the JSON API -------------------------------------------------------------------------------

def test_api_search_has_the_cli_json_shape(client, web_archive):
    url = "/api/search?q=baby&person=Kate+Beckinsale&since=2020&until=2022&sort=newest&page=1&per_page=3"
    expected = web_archive.search("baby", persons=["Kate Beckinsale"], since="2020", until="2022",
                                  sort="newest", page=1, per_page=3, significant=True).to_dict()
    data = api(client, url)
    assert data == expected
    assert list(data) == ["query", "total", "page", "per_page", "hits", "facets", "did_you_mean",
                          "people_like", "significant", "counted", "articles", "stories", "copies"]


def test_api_article_is_the_article_record(client, web_archive):
    article_id = "reuters-sample.sgm#16"
    data = api(client, "/api/article/" + quote(article_id))
    assert data == web_archive.get(article_id).to_dict()


@pytest.mark.parametrize("query, fragment", [
    ("per_page=101", "per_page=101 is out of range"),
    ("per_page=0", "per_page=0 is out of range"),
    ("page=1001", "page=1001 is out of range"),
    ("page=-1", "page=-1 is out of range"),
    ("page=abc", "is not a whole number"),
    ("per_page=1e3", "is not a whole number"),
    ("since=2021-13", "is not a date"),
    ("since=yesterday", "is not a date"),
    ("since=2022&until=2021", "is after until"),
    ("since=2021&undated=1", "cannot be combined"),
    ("undated=maybe", "not yes or no"),
    ("sort=random", "Unknown sort"),
    ("q=" + "x" * 600, "characters long"),
])
def test_api_limits_and_bad_parameters_are_400_json(client, query, fragment):
    error = api(client, "/api/search?" + query, 400)["error"]
    assert error["status"] == 400 and error["type"] == "BadQuery"
    assert fragment in error["message"] and error["hint"]


def test_people_page_reaches_everyone_with_a_json_twin(client, web_archive):
    everyone = api(client, "/api/people?limit=1000")
    assert everyone["total"] == len(everyone["people"]) > 10  # more than the facet lists before "More"
    counts = [p["count"] for p in everyone["people"]]
    assert counts == sorted(counts, reverse=True)
    for person in everyone["people"][:5]:  # each count is the number of articles mentioning them
        assert web_archive.search("", persons=[person["name"]]).articles == person["count"]
    teigen = web_archive.search("", persons=["Chrissy Teigen"]).articles
    found = api(client, "/api/people?q=TEIG")
    assert found == {"contains": "TEIG", "total": 1, "limit": 200,
                     "people": [{"name": "Chrissy Teigen", "count": teigen, "variants": {}}]}
    html = page(client, "/people?q=teig")
    assert links(html, "facet-item") == ["/person/Chrissy%20Teigen"]  # the person's page
    assert links(html, "filter-link") == ["/?person=Chrissy+Teigen"]  # and her articles, one click
    assert "/api/people?q=teig" in html
    page_two = page(client, "/people?limit=3")
    assert "showing the first 3" in page_two and len(links(page_two, "facet-item")) == 3
    assert "No one with “zzzz” in their name" in page(client, "/people?q=zzzz")
    assert "/people" in page(client, "/?q=baby+loss")  # the person facet links to the list


@pytest.mark.parametrize("query", ["limit=0", "limit=1001", "limit=x", "limit=-5"])
def test_people_limits_are_400(client, query):
    error = api(client, "/api/people?" + query, 400)["error"]
    assert error["type"] == "BadQuery" and "limit" in error["message"] and error["hint"]
    assert "limit" in page(client, "/people?" + query, 400)


def test_a_name_nobody_has_suggests_the_people_it_is_part_of(client, web_archive):
    html = page(client, "/?q=baby&person=teig")
    assert "No one called <q>teig</q>" in html
    teigen = web_archive.search("", persons=["Chrissy Teigen"]).articles
    suggested = re.search(rf"Did you mean <a href=\"([^\"]+)\">Chrissy Teigen</a> \({teigen}\)", html)
    assert suggested and args(unescape(suggested.group(1))) == {"q": ["baby"], "person": ["Chrissy Teigen"]}
    assert "Browse the people" in page(client, "/?person=Nobody+Atall")
    assert "No one called" not in page(client, "/?person=Chrissy+Teigen")


def test_api_largest_allowed_page_size(client):
    assert api(client, "/api/search?per_page=100&page=1000")["hits"] == []


# -- the CSV twin -------------------------------------------------------------------------------

def csv_download(client, url: str) -> tuple[list[dict], object]:
    response = client.get(url)
    assert response.status_code == 200, (url, response.get_data(as_text=True)[:500])
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.is_streamed
    reader = csv.DictReader(io.StringIO(response.get_data(as_text=True), newline=""))
    rows = list(reader)
    assert tuple(reader.fieldnames) == COLUMNS
    return rows, response


def test_search_csv_is_every_hit_of_the_search(client, web_archive):
    rows, response = csv_download(client, "/search.csv?q=baby+loss&page=2&per_page=1")
    assert response.headers["Content-Disposition"] == 'attachment; filename="search-baby-loss.csv"'
    expected = web_archive.search("baby loss", per_page=100)
    assert [r["id"] for r in rows] == [h.id for h in expected.hits] and len(rows) == expected.total > 1
    everything, response = csv_download(client, "/search.csv")
    assert len(everything) == web_archive.search("").total
    assert response.headers["Content-Disposition"] == 'attachment; filename="search.csv"'


def test_search_csv_respects_the_filters(client, web_archive):
    rows, _ = csv_download(client, "/search.csv?person=Chrissy+Teigen&since=2021&sort=newest")
    expected = web_archive.search("", persons=["Chrissy Teigen"], since="2021", sort="newest", per_page=100)
    assert [r["id"] for r in rows] == [h.id for h in expected.hits]
    assert all("Chrissy Teigen" in r["persons"].split("; ") for r in rows)
    assert all(r["published"] >= "2021" for r in rows)


@pytest.mark.parametrize("query, fragment", [
    ("since=2021-13", "is not a date"), ("since=2022&until=2021", "is after until"),
    ("undated=maybe", "not yes or no"), ("sort=random", "Unknown sort"),
    ("page=abc", "is not a whole number"), ("q=" + "x" * 600, "characters long"),
])
def test_search_csv_bad_parameters_are_the_pages_400(client, query, fragment):
    html = page(client, "/search.csv?" + query, 400)
    assert fragment in unescape(html) and html == page(client, "/?" + query, 400)


@pytest.mark.parametrize("q", ['"unclosed', "(((", "AND OR NOT", "title:", "*", "<script>", "%00"])
def test_search_csv_malformed_queries_never_500(client, q):
    assert client.get("/search.csv?q=" + quote(q)).status_code in (200, 400)


def test_search_page_links_to_its_csv_twin(client):
    html = page(client, "/?q=baby&person=Chrissy+Teigen&sort=newest&page=2&per_page=1")
    found = [unescape(h) for h in re.findall(r'<a href="([^"]*)" download>Download as CSV</a>', html)]
    assert len(found) == 1 and urlsplit(found[0]).path == "/search.csv"
    assert args(found[0]) == {"q": ["baby"], "person": ["Chrissy Teigen"], "sort": ["newest"]}
    assert "This search as JSON" in html


def test_csv_neutralises_cells_a_spreadsheet_would_run(tmp_path):
    story = "Oil prices rose again this week as traders weighed the supply outlook for the winter."
    records = [{"headline": '=HYPERLINK("http://evil.example","Click") oil'},
               {"headline": "+1 oil well"}, {"headline": "-5% for oil"}, {"headline": "Oil = money"}]
    for day, record in enumerate(records, start=1):
        record.update(body=f"{story} Story {day}.", date=f"2022-01-0{day}")
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "hostile.jsonl").write_text("\n".join(json.dumps(r) for r in records))
    Archive(tmp_path / "index").rebuild([tmp_path / "src"])
    app = create_app({"INDEX": str(tmp_path / "index"), "TESTING": True})
    rows, _ = csv_download(app.test_client(), "/search.csv?q=oil&sort=oldest")
    assert [r["title"] for r in rows] == ["'=HYPERLINK(\"http://evil.example\",\"Click\") oil",
                                          "'+1 oil well", "'-5% for oil", "Oil = money"]
    app.extensions["archive"].close()


def test_csv_text_quotes_every_formula_start_and_only_text():
    rows = [{"rank": 1, "title": "@SUM(A1)", "authors": "\t=1", "persons": "\r+2", "score": -1.5},
            {"rank": 2, "title": "a=b", "authors": "", "persons": None, "score": None}]
    text = "".join(csv_text(rows))
    back = list(csv.DictReader(io.StringIO(text, newline="")))
    assert [(r["title"], r["authors"], r["persons"], r["score"]) for r in back] == [
        ("'@SUM(A1)", "'\t=1", "'\r+2", "-1.5"), ("a=b", "", "", "")]


# -- the article page ------------------------------------------------------------------------

def test_article_page_from_a_search(client):
    html = page(client, "/article/000_22084bbc24ccd4f7.txt?q=baby+loss&person=Kate+Beckinsale")
    assert "<h1>Kate Beckinsale has been named as an ambassador for a <mark>baby</mark>" in html
    assert '<mark id="first-mark">' in html and "matches for <q>baby loss</q> highlighted" in html
    back = re.search(r'<nav class="backlink"[^>]*>\s*<a href="([^"]*)"', html).group(1)
    assert args(unescape(back)) == {"q": ["baby loss"], "person": ["Kate Beckinsale"]}
    assert '<a href="/person/Zoe%20Clark-Coates"' in html  # people link to their pages
    assert '<a class="filter-link" href="/?person=Zoe+Clark-Coates"' in html  # and to their articles
    assert html.count("<p>") >= 5  # paragraphs kept


def test_article_page_without_a_search_has_no_marks(client):
    html = page(client, "/article/000_22084bbc24ccd4f7.txt")
    assert "<mark" not in html and "← All articles" in html


def test_article_ids_with_hash_are_url_encoded(client):
    html = page(client, "/?q=&sort=oldest&per_page=100")
    assert 'href="/article/reuters-sample.sgm%2316?sort=oldest&amp;per_page=100"' in html
    assert "reuters-sample.sgm#16" in page(client, "/article/reuters-sample.sgm%2316")


def test_article_page_survives_mangled_search_state(client):
    page(client, "/article/000_22084bbc24ccd4f7.txt?page=zzz&since=nope")


# -- errors -----------------------------------------------------------------------------------

def test_unknown_article_is_404_html_and_json(client):
    html = page(client, "/article/nope/none.txt", 404)
    assert "does not exist" in html and "Start a new search" in html
    error = api(client, "/api/article/nope/none.txt", 404)["error"]
    assert error["type"] == "ArticleNotFound" and "nope/none.txt" in error["message"]


@pytest.mark.parametrize("article_id", [
    "../../etc/passwd", "..%2F..%2Fetc%2Fpasswd", "%2E%2E/%2E%2E/etc/passwd", "/etc/passwd",
    "a/../../etc/passwd", "x%00y", "./000_22084bbc24ccd4f7.txt", "a" * 1200,
])
def test_path_like_ids_are_refused(client, article_id):
    for prefix in ("/article/", "/api/article/"):
        response = client.get(prefix + article_id, follow_redirects=True)
        assert response.status_code in (400, 404), (prefix, article_id)
        assert "root:" not in response.text and "Traceback" not in response.text


def test_bad_query_on_the_page_is_a_friendly_400(client):
    html = page(client, "/?q=baby&page=abc", 400)
    assert "That search could not be read" in html and "page=&#39;abc&#39;" in html
    assert 'value="baby"' in html  # the box is there to try again


@pytest.mark.parametrize("q", ['"unclosed', "(((", "AND OR NOT", "title:", "*", "person:", "a:b:c",
                               "-", '"', "\\", "<script>", "%00", "baby^^2~", "x" * 500])
def test_malformed_queries_never_500(client, q):
    for prefix in ("/?q=", "/api/search?q="):
        response = client.get(prefix + quote(q))
        assert response.status_code in (200, 400), (prefix, q)
        assert "Traceback" not in response.text


def test_missing_index_says_how_to_build_one(tmp_path):
    app = create_app({"INDEX": str(tmp_path / "none"), "TESTING": True})
    client = app.test_client()
    html = page(client, "/", 503)
    assert "This archive has no index yet" in html and "archive rebuild" in html
    error = api(client, "/api/search?q=x", 503)["error"]
    assert error["type"] == "IndexMissing" and "archive rebuild" in error["hint"]
    app.extensions["archive"].close()


def test_unknown_page_and_method(client):
    assert "There is no page at this address" in page(client, "/no/such/page", 404)
    assert client.post("/").status_code == 405
    assert api(client, "/api/nothing", 404)["error"]["status"] == 404


def test_app_follows_a_rebuild(tmp_path, seeds_dir, web_dir):
    arc = Archive(tmp_path / "index")
    arc.rebuild([seeds_dir])
    app = create_app({"INDEX": str(tmp_path / "index"), "TESTING": True})
    client = app.test_client()
    assert api(client, "/api/search")["total"] == 2
    arc.rebuild([web_dir])
    assert api(client, "/api/search")["total"] > 2
    arc.close()
    app.extensions["archive"].close()


# -- hostile content ------------------------------------------------------------------------

class Tags(HTMLParser):
    """The elements and attributes a browser would build from a page."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def no_live_markup(html: str) -> None:
    tags = Tags(html).tags
    names = {tag for tag, _ in tags}
    assert not names & {"iframe", "img", "b"}, names
    scripts = [attrs for tag, attrs in tags if tag == "script"]
    assert all(attrs.get("src", "").startswith("/static/") for attrs in scripts)
    hrefs = [attrs.get("href") or "" for _, attrs in tags]
    assert not [h for h in hrefs if h.lower().startswith("javascript")]


@pytest.mark.parametrize("url", [
    "/?q=hostile", "/?q=mischief", "/?q=baby+loss", "/?person=Kate+Beckinsale",
    "/?q=script", "/?q=%3Cscript%3E", "/article/hostile.txt", "/article/hostile.txt?q=script+alert",
    "/article/hostile.html", "/article/hostile.html?q=mischief+script",
    "/article/hostile.txt?q=%3Cscript%3Ealert(1)%3C/script%3E",
    "/people?q=%3Cscript%3Ealert(1)%3C/script%3E", "/?person=%3Cscript%3Ealert(1)%3C/script%3E",
])
def test_hostile_article_is_escaped_everywhere(client, url):
    html = page(client, url)
    no_live_markup(html)
    assert "&lt;script&gt;" in html or "&lt;" in html


def test_hostile_article_title_and_body_shown_as_text(client):
    html = page(client, "/article/hostile.txt")
    text = unescape(re.sub(r"<[^>]+>", "", html))
    assert '<script>alert("title")</script> Hostile <b>headline</b> about Kate Beckinsale & co' in text
    assert "next to <a href=\"javascript:alert(1)\">a link</a>." in text
    assert "By <img" in text
    no_live_markup(page(client, "/article/hostile.html"))


def test_only_web_urls_are_linked():
    assert web_link(" https://example.org/a ") == "https://example.org/a"
    assert web_link("javascript:alert(1)") is None and web_link("JAVASCRIPT:x") is None
    assert web_link("data:text/html,<script>") is None and web_link(None) is None


def test_hostile_article_in_json_is_data(client):
    data = api(client, "/api/article/hostile.txt")
    assert data["title"].startswith('<script>alert("title")</script>')
    hit = next(h for h in api(client, "/api/search?q=hostile")["hits"] if h["id"] == "hostile.txt")
    assert "&lt;script&gt;" in hit["snippet"] and "<script>" not in hit["snippet"]


# -- meta ---------------------------------------------------------------------------------------

def test_opensearch_description(client):
    response = client.get("/opensearch.xml")
    assert response.status_code == 200
    assert response.content_type.startswith("application/opensearchdescription+xml")
    assert 'template="http://localhost/?q={searchTerms}"' in response.text
    assert 'rel="search" type="application/opensearchdescription+xml"' in page(client, "/")


def test_static_files_and_icon(client):
    for name in ("style.css", "app.js", "icon.svg"):
        response = client.get(f"/static/{name}")
        assert response.status_code == 200
        response.close()
    assert client.get("/favicon.ico").status_code == 301


def test_no_external_assets(client):
    html = page(client, "/?q=baby")
    for _, attrs in Tags(html).tags:
        url = attrs.get("src") or attrs.get("href") or ""
        assert not url.startswith(("http:", "https:", "//")), url


# -- archive serve ------------------------------------------------------------------------------

def test_archive_serve_builds_the_default_index_then_serves(tmp_path, seeds_dir):
    shutil.copytree(seeds_dir, tmp_path / "data")
    env = {k: v for k, v in os.environ.items() if not k.startswith("ARCHIVE_")}
    server = subprocess.Popen([sys.executable, "-m", "archive", "serve", "--port", "0"], cwd=tmp_path,
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = server.stdout.readline()
        port = re.search(r"at http://127\.0\.0\.1:(\d+)/", line).group(1)
        with urlopen(f"http://127.0.0.1:{port}/?q=baby+loss", timeout=30) as response:
            assert response.status == 200 and "Kate Beckinsale" in response.read().decode()
    finally:
        server.terminate()
        server.wait(timeout=30)
        stderr = server.stderr.read()
        server.stdout.close()
        server.stderr.close()
    assert "No index in index/ yet: building it from data/ first" in stderr
    assert (tmp_path / "index" / "CURRENT").exists()


def test_archive_serve_without_index_or_data_explains(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ARCHIVE_INDEX", raising=False)
    result = CliRunner().invoke(cli, ["serve"])
    assert result.exit_code == 1 and "no data/ folder here" in result.output


def test_hit_titles_mark_the_query_words_after_escaping(client):
    html = page(client, "/?q=ambassador+charity")
    marked = r'class="hit-title"><a [^>]*>[^<]*<mark>ambassador</mark>[^<]*<mark>charity</mark>'
    assert re.search(marked, html)
    hostile = page(client, "/?q=hostile+script")
    titles = re.findall(r'<h3 class="hit-title">(.*?)</h3>', hostile, re.S)
    assert titles and all("<script" not in t for t in titles)
    assert any("&lt;" in t and "<mark>" in t for t in titles)


def test_archive_serve_on_a_port_in_use_says_so(web_archive):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        args = ["serve", "--index", str(web_archive.index_dir), "--port", str(port)]
        result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1
    assert f"Cannot listen on 127.0.0.1:{port}" in result.output and "--port" in result.output
    assert "Traceback" not in result.output


def test_archive_serve_from_python_refuses_a_port_in_use(web_archive):
    import socket

    from archive import ArchiveError

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        with pytest.raises(ArchiveError, match="Cannot listen on 127.0.0.1"):
            Archive(web_archive.index_dir).serve(port=taken.getsockname()[1])


def test_article_page_lists_similar_articles_with_a_json_twin(client):
    html = page(client, "/article/000_22084bbc24ccd4f7.txt")
    section = re.search(r"<h2>Similar articles</h2>(.*?)</section>", html, re.S).group(1)
    links = re.findall(r'<a href="/article/([^"?]+)">', section)
    assert "001_e5559c25d7e2ccce.txt" in links[:2]  # the other Beckinsale/Teigen story
    assert "000_22084bbc24ccd4f7.txt" not in links and 1 <= len(links) <= 5
    data = client.get("/api/similar/000_22084bbc24ccd4f7.txt?limit=2").get_json()
    assert data["id"] == "000_22084bbc24ccd4f7.txt" and len(data["similar"]) == 2
    assert [hit["id"] for hit in data["similar"]] == links[:2]
    assert {"title", "published", "persons", "snippet", "score"} <= set(data["similar"][0])


@pytest.mark.parametrize(("url", "status"), [
    ("/api/similar/no-such-article.txt", 404),
    ("/api/similar/000_22084bbc24ccd4f7.txt?limit=abc", 400),
    ("/api/similar/000_22084bbc24ccd4f7.txt?limit=0", 400),
    ("/api/similar/000_22084bbc24ccd4f7.txt?limit=101", 400),
    ("/api/similar/..%2F..%2Fetc%2Fpasswd", 404),
])
def test_similar_api_errors(client, url, status):
    response = client.get(url)
    assert response.status_code == status
    assert "message" in response.get_json()["error"]
