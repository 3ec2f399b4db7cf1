"""Person pages: ``Archive.person``, ``/person/<name>``, ``/api/person/<name>``, the Atom feed and
``archive person``, on real indexes (the fixtures; Reuters-21578 and HuffPost when present)."""

from __future__ import annotations

import gzip
import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from html import unescape
from urllib.parse import quote

import pytest
from click.testing import CliRunner
from conftest import shared_path

from archive import Archive, BadQuery, PersonNotFound
from archive.cli import cli
from web import create_app

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def client(web_archive):
    app = create_app({"INDEX": str(web_archive.index_dir), "TESTING": True})
    yield app.test_client()
    app.extensions["archive"].close()


def brute_co_mentions(arc: Archive, name: str, **filters) -> Counter:
    """The co-mention counts read the slow way: every stored article of the person's search (a
    person page counts articles, copies of one story too)."""
    counts: Counter = Counter()
    for row in arc.export("", persons=[name], all_copies=True, **filters):
        counts.update(p for p in row["persons"].split("; ") if p and p != name)
    return counts


# -- Archive.person -------------------------------------------------------------------------

def test_person_counts_mentions_company_and_articles(web_archive):
    found = web_archive.person("kate beckinsale")  # any case: the canonical name comes back
    assert found.name == "Kate Beckinsale"
    assert found.mentioned == web_archive.search("", persons=["Kate Beckinsale"]).total >= 2
    assert {(v.value, v.count) for v in found.co_mentions_all} == set(
        brute_co_mentions(web_archive, "Kate Beckinsale").items())
    assert [v.value for v in found.co_mentions_all][:2] == ["Chrissy Teigen", "John Legend"]
    assert not found.chosen and not found.differs
    trend = found.mentions.trends[0]
    assert sum(trend.counts) + trend.undated == found.mentioned and trend.undated >= 1
    stamps = [h.published for h in found.articles.hits]
    dated = [s for s in stamps if s]
    assert dated == sorted(dated, reverse=True) and stamps[-1] is None  # newest first, undated last
    data = found.to_dict()
    assert set(data) >= {"mentions", "co_mentions", "articles", "authored", "variants"}
    json.dumps(data)


def test_a_byline_only_name_has_a_page_of_what_they_wrote(web_archive):
    found = web_archive.person("MARY PAPENFUSS")
    assert found.name == "Mary Papenfuss" and found.mentioned == 0
    assert [h.id for h in found.authored.hits] == ["huffpost-sample.jsonl#2"]
    assert found.articles.total == 0 and found.co_mentions == []


def test_nobody_is_a_clear_error_with_close_names(web_archive):
    with pytest.raises(PersonNotFound) as caught:
        web_archive.person("Kate Beckinsal")
    assert caught.value.close[0] == "Kate Beckinsale"
    assert "Kate Beckinsale" in caught.value.hint
    with pytest.raises(PersonNotFound):
        web_archive.person("Zzzz Qqqq")
    for bad in ({"company_by": "week"}, {"by": "decade"}, {"page": 0}, {"since": "soon"}):
        with pytest.raises(BadQuery):
            web_archive.person("Kate Beckinsale", **bad)
    with pytest.raises(BadQuery):
        web_archive.person("   ")


# -- the page, its JSON twin and its feed ----------------------------------------------------

def test_page_and_json_twin(client, web_archive):
    page = client.get("/person/Kate%20Beckinsale")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "<h1 class=\"page-title\">Kate Beckinsale</h1>" in html
    assert 'href="/person/Chrissy%20Teigen"' in html  # co-mentioned people go to their pages
    search = re.search(r'class="filter-link" href="([^"]*)"', html).group(1)
    assert unescape(search) == "/?person=Kate+Beckinsale&sort=newest"  # "search these articles"
    assert 'type="application/atom+xml"' in html and "Follow" in html
    assert '<svg class="trend-chart"' in html  # the timeline, server-drawn (no JavaScript)
    data = client.get("/api/person/Kate%20Beckinsale").get_json()
    assert data == web_archive.person("Kate Beckinsale").to_dict()


def test_every_person_link_goes_to_the_person_page(client):
    search = client.get("/?q=baby").get_data(as_text=True)
    assert 'href="/person/Chrissy%20Teigen"' in search  # the people of a hit
    assert 'class="person-page-link" href="/person/Kate%20Beckinsale"' in search  # beside the facet
    assert 'class="facet-item' in search and "/?q=baby&amp;person=Kate+Beckinsale" in search  # filter kept
    article = client.get("/article/huffpost-sample.jsonl%232").get_data(as_text=True)
    assert '<a href="/person/Mary%20Papenfuss">Mary Papenfuss</a>' in article  # a byline
    wrote = client.get("/person/Mary%20Papenfuss").get_data(as_text=True)
    assert "Written by Mary Papenfuss" in wrote and "/article/huffpost-sample.jsonl%232" in wrote


def test_unknown_and_hostile_names_are_404_pages_not_errors(client):
    missing = client.get("/person/Kate%20Beckinsal")
    assert missing.status_code == 404
    assert 'href="/person/Kate%20Beckinsale"' in missing.get_data(as_text=True)
    assert client.get("/api/person/Nobody%20Atall").get_json()["error"]["type"] == "PersonNotFound"
    for name in ["<script>alert(1)</script>", "a/../b", "x//y", "q?#%&+ z", "tab\there", ".", "..",
                 "\u202eevil", "Kate Beckinsale.atom.atom"]:
        response = client.get("/person/" + quote(name, safe=""))
        assert response.status_code in (404, 400), name
        assert "<script>alert(1)" not in response.get_data(as_text=True)
    assert client.get("/person/" + "x" * 300).status_code == 400
    assert client.get("/person/Kate%20Beckinsale?page=two").status_code == 400
    assert client.get("/api/person/Kate%20Beckinsale?compare=week").status_code == 400


def test_hostile_names_in_the_index_are_escaped_on_their_page(client, web_archive):
    names = [p.value for p in web_archive.people(limit=1000).people]
    for name in names:
        response = client.get("/person/" + quote(name, safe=""))
        assert response.status_code == 200, name
        html = response.get_data(as_text=True)
        assert "<script>" not in html.split("<main", 1)[1]


def test_person_feed_is_atom_with_stable_ids(client):
    first = client.get("/person/Kate%20Beckinsale.atom")
    assert first.status_code == 200 and first.content_type.startswith("application/atom+xml")
    feed = ET.fromstring(first.data)
    assert feed.tag == f"{ATOM}feed"
    for tag in ("id", "title", "updated"):
        assert feed.find(f"{ATOM}{tag}").text
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == client.get("/api/person/Kate%20Beckinsale").get_json()["mentioned"]
    for entry in entries:
        assert entry.find(f"{ATOM}id").text and entry.find(f"{ATOM}title").text
        assert entry.find(f"{ATOM}updated").text and entry.find(f"{ATOM}link").get("href")
    ids = [e.find(f"{ATOM}id").text for e in entries]
    stamps = [e.find(f"{ATOM}updated").text for e in entries if e.find(f"{ATOM}published") is not None]
    assert stamps == sorted(stamps, reverse=True)  # newest first
    again = ET.fromstring(client.get("/person/Kate%20Beckinsale.atom").data)
    assert [e.find(f"{ATOM}id").text for e in again.findall(f"{ATOM}entry")] == ids
    assert client.get("/person/Nobody%20Atall.atom").status_code == 404
    reporter = ET.fromstring(client.get("/person/Mary%20Papenfuss.atom").data)  # a byline only
    assert [e.find(f"{ATOM}id").text.rsplit("/", 1)[1] for e in reporter.findall(f"{ATOM}entry")] == [
        "huffpost-sample.jsonl%232"]


# -- the CLI ---------------------------------------------------------------------------------

def test_cli_person(web_archive):
    runner = CliRunner()
    index = ["--index", str(web_archive.index_dir)]
    out = runner.invoke(cli, ["person", "Kate Beckinsale", *index])
    assert out.exit_code == 0, out.output
    mentioned = web_archive.person("Kate Beckinsale").mentioned
    assert f"Kate Beckinsale: mentioned in {mentioned} articles" in out.output
    assert "Chrissy Teigen" in out.output
    data = json.loads(runner.invoke(cli, ["person", "kate beckinsale", "--json", *index]).output)
    assert data == web_archive.person("Kate Beckinsale").to_dict()
    missing = runner.invoke(cli, ["person", "Kate Beckinsal", *index])
    assert missing.exit_code == 1 and "Did you mean Kate Beckinsale" in missing.output
    assert "people" in runner.invoke(cli, ["--help"]).output  # the list of people is still there


# -- Reuters-21578 and HuffPost ---------------------------------------------------------------



def test_james_baker_in_1987_and_in_march(reuters_client):
    arc, client = reuters_client
    year = arc.person("James Baker", since="1987", until="1987")
    march = arc.person("James Baker", since="1987-03", until="1987-03")
    assert march.articles.total < year.articles.total
    assert [v.value for v in march.co_mentions] != [v.value for v in year.co_mentions]
    assert march.differs
    # counted on the columns, equal to counting the stored articles one by one
    slow = brute_co_mentions(arc, "James Baker", since="1987-03", until="1987-03")
    assert [(v.value, v.count) for v in march.co_mentions[:5]] == sorted(
        slow.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
    months = dict(zip((p.label for p in year.mentions.periods), year.mentions.trends[0].counts, strict=True))
    assert months["1987-03"] == march.articles.total
    assert year.mentions.by == "month"
    html = client.get("/person/James Baker?since=1987-03&until=1987-03").get_data(as_text=True)
    text = re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))
    assert "The people named with James Baker in the articles in March 1987 differ from those" in text
    data = client.get("/api/person/James Baker?since=1987-03&until=1987-03").get_json()
    assert {p["period"]: p["count"] for p in data["mentions"]["periods"]}["1987-03"] == march.articles.total
    assert data["co_mentions"][0] == {"name": march.co_mentions[0].value, "count": march.co_mentions[0].count}
    assert data["co_mentions_differ"] is True
    assert len(data["articles"]["hits"]) == 10 and "authored" in data and "variants" in data
    # the wire sent some of his stories twice: the page says how many stories the articles are
    whole = arc.person("James Baker")
    listed = arc.search("", persons=["James Baker"], all_copies=True)
    assert whole.mentioned == listed.articles and whole.mentioned_stories == listed.stories
    assert whole.mentioned_stories < whole.mentioned
    html = client.get("/person/James Baker").get_data(as_text=True)
    page = re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))
    assert f"Mentioned in {whole.mentioned:,} articles ({whole.mentioned_stories:,} stories" in page
    assert client.get("/api/person/James Baker").get_json()["mentioned_stories"] == whole.mentioned_stories
    quarters = arc.person("James Baker").company
    assert [p.label for p in quarters][:2] == ["1987-Q1", "1987-Q2"]
    assert quarters[1].new  # the company changes from one quarter to the next


@pytest.mark.corpus
def test_huffpost_bylines_lead_to_what_each_wrote(tmp_path):
    corpus = shared_path("corpora", "huffpost_news_category", "News_Category_Dataset_v3.head9999.jsonl.gz")
    lines = gzip.decompress(corpus.read_bytes()).decode("utf-8").splitlines()[:1500]
    (tmp_path / "huffpost.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    arc = Archive(tmp_path / "index")
    arc.rebuild([tmp_path / "huffpost.jsonl"])
    app = create_app({"INDEX": str(arc.index_dir), "TESTING": True})
    client = app.test_client()
    hit = next(h for h in arc.search("", sort="newest", per_page=50).hits if h.authors)
    author = hit.authors[0]
    search = client.get("/?sort=newest&per_page=50").get_data(as_text=True)
    link = f'<a href="/person/{quote(author)}">'
    assert link in unescape(search)
    wrote = arc.person(author)
    assert hit.id in [h.id for h in wrote.authored.hits] or wrote.authored.total > 10
    expected = sum(1 for line in lines if author in json.loads(line).get("authors", ""))
    assert wrote.authored.total >= 1 and wrote.authored.total <= expected
    page = client.get(f"/person/{quote(author)}").get_data(as_text=True)
    assert f"Written by {author}" in unescape(page)
    app.extensions["archive"].close()
    arc.close()


def test_query_and_other_people_narrow_the_articles_and_their_company(web_archive):
    both = web_archive.person("Kate Beckinsale", persons=["Zoe Clark-Coates"])
    assert both.chosen and both.persons == ("Zoe Clark-Coates",)
    expected = web_archive.search("", persons=["Kate Beckinsale", "Zoe Clark-Coates"]).total
    assert both.articles.total == expected >= 1
    assert "Zoe Clark-Coates" in [v.value for v in both.co_mentions]
    slow: Counter = Counter()
    for row in web_archive.export("", persons=["Kate Beckinsale", "Zoe Clark-Coates"]):
        slow.update(p for p in row["persons"].split("; ") if p != "Kate Beckinsale")
    assert {(v.value, v.count) for v in both.co_mentions} == set(slow.items())
    worded = web_archive.person("Kate Beckinsale", q="miscarriage")
    assert worded.articles.total == web_archive.search("miscarriage", persons=["Kate Beckinsale"]).total
    assert sum(worded.mentions.trends[0].counts) + worded.mentions.trends[0].undated == worded.articles.total
