"""Nothing stuck: bounded wildcard queries, a time budget, concurrent searches, huge articles,
ids that survive URLs, security headers and strict numbers — through the real Flask app and the
Python API on a real index."""

from __future__ import annotations

import re
import threading
from collections import Counter
from html import unescape

import pytest

from archive import Archive, ArchiveError, BadQuery, SearchTimeout
from archive.index.generation import Generation
from archive.index.matching import MAX_EXPANSIONS
from tests.conftest import ODD_KEYS, SEEDS
from web import create_app

HREF = re.compile(r'<h3 class="hit-title"><a href="([^"]+)">')


@pytest.fixture(scope="module")
def app(robust):
    app = create_app({"INDEX": str(robust.index_dir), "TESTING": True})
    yield app
    app.extensions["archive"].close()


@pytest.fixture()
def client(app):
    return app.test_client()


def costly_query(robust) -> str:
    """The glossary's 40 most common two-letter beginnings as wildcards (``co* re* ma* …``)."""
    article = next(h for h in robust.search("glossary").hits if h.title.startswith("A glossary"))
    body = robust.get(article.id).body
    starts = Counter(w[:2] for w in set(re.findall(r"[a-z]{3,}", body)))
    return " ".join(f"{start}*" for start, _ in starts.most_common(40))


# -- bounded wildcards ---------------------------------------------------------------------------

def test_wildcards_standing_for_too_many_words_are_refused_clearly(robust, client):
    q = costly_query(robust)
    for _ in range(2):  # the same verdict cold and warm (cached expansions still count)
        with pytest.raises(BadQuery) as caught:
            robust.search(q)
        first = q.split()[0].rstrip("*")
        assert caught.value.message.startswith(f"Too many words start with {first}, ")
        assert f"more than {MAX_EXPANSIONS:,} indexed words" in caught.value.message
        assert "longer" in caught.value.hint
    error = client.get("/api/search", query_string={"q": q}).get_json()["error"]
    assert error["status"] == 400 and error["type"] == "BadQuery" and "Too many words" in error["message"]
    page = client.get("/", query_string={"q": q})
    assert page.status_code == 400 and "Too many words start with" in page.text


def test_a_wildcard_within_the_limit_is_answered(robust):
    word = costly_query(robust).split()[0].rstrip("*") + "n"  # fewer words start with three letters
    assert any(h.title.startswith("A glossary") for h in robust.search(f"{word}*").hits)
    assert robust.search("iodi*").total >= 2


# -- the time budget -----------------------------------------------------------------------------

def test_a_search_past_its_time_budget_stops_with_a_clear_error(robust):
    hurried = Archive(robust.index_dir, time_budget=1e-9)
    for call in (lambda: hurried.search("baby"), lambda: hurried.search(""),
                 lambda: hurried.similar(SEEDS[0]), lambda: list(hurried.export("iodine"))):
        with pytest.raises(SearchTimeout) as caught:
            call()
        assert "time limit" in caught.value.message and caught.value.hint
    assert hurried.get(SEEDS[0]).id == SEEDS[0]  # reading one article has no budget
    hurried.close()
    assert Archive(robust.index_dir, time_budget=30).search("baby").total == robust.search("baby").total


@pytest.mark.parametrize("budget", [0, -1.0])
def test_a_time_budget_must_be_positive(robust, budget):
    with pytest.raises(BadQuery, match="time_budget"):
        Archive(robust.index_dir, time_budget=budget)


def test_the_web_answers_a_stopped_search_with_503_and_retry_after(robust):
    app = create_app({"INDEX": str(robust.index_dir), "TIME_BUDGET": 1e-9})
    client = app.test_client()
    response = client.get("/api/search?q=baby")
    assert response.status_code == 503 and response.headers["Retry-After"].isdigit()
    assert response.get_json()["error"]["type"] == "SearchTimeout"
    page = client.get("/?q=baby")
    assert page.status_code == 503 and "That search took too long" in page.text
    article = client.get(f"/article/{SEEDS[0]}")  # shown, without its similar articles
    assert article.status_code == 200 and "Similar articles" not in article.text
    app.extensions["archive"].close()


# -- concurrent searches -------------------------------------------------------------------------

QUERIES = ["baby", "iodine", "iodi*", '"baby loss"', "school -iodine", "", "covid OR boosters"]


def test_concurrent_searches_give_the_serial_answers(robust):
    expected = {q: robust.search(q).to_dict() for q in QUERIES}
    shared = Archive(robust.index_dir)
    failures: list = []

    def worker(offset: int) -> None:
        for n in range(40):
            q = QUERIES[(offset + n) % len(QUERIES)]
            try:
                if shared.search(q).to_dict() != expected[q]:
                    failures.append(q)
            except Exception as exc:  # noqa: BLE001 - any error is a failure to report
                failures.append(repr(exc))

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    shared.close()
    assert failures == []


def test_a_search_in_progress_does_not_hold_up_another(robust):
    generation = Generation(robust.index_dir)
    done = threading.Event()
    with generation.searcher() as held:  # as a slow search would hold it
        def other() -> None:
            with generation.searcher() as searcher:
                assert searcher is not held and searcher.document(id=SEEDS[0])
            done.set()

        thread = threading.Thread(target=other)
        thread.start()
        thread.join(timeout=60)
        assert done.is_set()
    generation.retire()


def test_searches_keep_answering_across_a_swap(robust, robust_dir, tmp_path):
    arc = Archive(tmp_path / "index")
    arc.rebuild([robust_dir / SEEDS[0]])
    answers = {arc.search("baby").total, robust.search("baby").total}  # before, after
    errors: list = []
    stop = threading.Event()

    def searching() -> None:
        while not stop.is_set():
            try:
                total = arc.search("baby").total
                if total not in answers:
                    errors.append(total)
            except Exception as exc:  # noqa: BLE001 - any error is a failure to report
                errors.append(repr(exc))

    threads = [threading.Thread(target=searching) for _ in range(4)]
    for thread in threads:
        thread.start()
    Archive(tmp_path / "index").rebuild([robust_dir])
    Archive(tmp_path / "index").rebuild([robust_dir / SEEDS[0]])
    stop.set()
    for thread in threads:
        thread.join()
    assert errors == [] and arc.search("baby").total == min(answers)
    arc.close()


# -- huge articles -------------------------------------------------------------------------------

def long_id(robust) -> str:
    return next(h.id for h in robust.search("very long report").hits if h.title.startswith("A very long"))


def test_a_long_article_page_is_bounded_with_a_link_to_the_full_text(robust, client, app):
    article = robust.get(long_id(robust))
    assert len(article.body) > 250_000
    page = client.get(f"/article/{article.id}?q=iodine")
    limit = app.config["ARTICLE_CHARS"]
    assert page.status_code == 200 and len(page.data) < limit * 1.6
    note = re.search(r'<p class="cut-note">(.*?)</p>', page.text, re.S).group(1)
    assert f"This article is {len(article.body):,} characters long" in note
    assert f'href="/article/{article.id}.txt"' in note and "highlighted in the part shown" in page.text
    text = client.get(f"/article/{article.id}.txt")
    assert text.status_code == 200 and text.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert text.text == f"{article.title}\n\n{article.body}\n"
    assert client.get(f"/api/article/{article.id}").get_json()["body"] == article.body


def test_a_short_article_is_shown_whole(client):
    page = client.get(f"/article/{SEEDS[0]}")
    assert "cut-note" not in page.text and f'href="/article/{SEEDS[0]}.txt"' in page.text
    assert client.get(f"/article/{SEEDS[0]}.txt").text.startswith("Kate Beckinsale has been named")
    assert client.get("/article/no-such.txt").status_code == 404


def test_hits_and_similar_articles_of_a_long_article_stay_small(robust):
    hit = next(h for h in robust.search("iodine").hits if h.id == long_id(robust))
    assert len(hit.snippet) < 1000
    similar = robust.similar(long_id(robust), limit=3)
    assert similar and all(len(h.snippet) < 1000 for h in similar)


# -- ids through URLs ----------------------------------------------------------------------------

def test_every_id_round_trips_through_the_links_of_the_pages(robust, client):
    # every article (records of one text under odd keys are copies of one story)
    ids = {h.id for h in robust.search("", per_page=100, all_copies=True).hits}
    assert {"new%0Aline.txt", "tab%09story.txt"} <= ids  # control characters in file names: escaped
    assert {f"odd-keys.jsonl#{key}" for key in ODD_KEYS} <= ids
    hrefs = [unescape(h) for h in HREF.findall(client.get("/?per_page=100&copies=all").text)]
    assert len(hrefs) == len(ids)
    seen = set()
    for href in hrefs:
        page = client.get(href)
        assert page.status_code == 200, href
        shown = unescape(re.search(r"<dt>ID</dt><dd><code>(.*?)</code>", page.text, re.S).group(1))
        seen.add(shown)
        text_link = re.search(r'<a href="([^"]+)" type="text/plain">Plain text</a>', page.text).group(1)
        assert client.get(unescape(text_link)).text.startswith(robust.get(shown).title)
        twin = href.replace("/article/", "/api/article/", 1).split("?")[0]
        assert client.get(twin).get_json()["id"] == shown
    assert seen == ids


def test_ids_a_browser_would_rewrite_are_sent_with_encoded_slashes(client):
    html = client.get("/?per_page=100").text
    for encoded in ("odd-keys.jsonl%23a%2F..%2Fb", "odd-keys.jsonl%23x%2F%2Fy", "odd-keys.jsonl%23ends%2F",
                    "odd-keys.jsonl%23q%3F%23%25&amp;+%20z", "new%250Aline.txt", "tab%2509story.txt"):
        assert f'href="/article/{encoded}?per_page=100"' in html, encoded


# -- security headers ----------------------------------------------------------------------------

@pytest.mark.parametrize("url", [
    "/", "/?q=baby", f"/article/{SEEDS[0]}", f"/article/{SEEDS[0]}.txt", "/api/search?q=baby",
    "/people", "/static/style.css", "/opensearch.xml", "/nowhere", "/?page=x", "/search.csv?q=baby",
])
def test_every_response_carries_the_security_headers(client, url):
    response = client.get(url)
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy and "script-src 'self'" in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"
    response.close()


@pytest.mark.parametrize("url", ["/", "/?q=baby+loss", f"/article/{SEEDS[0]}?q=baby", "/people", "/nowhere"])
def test_pages_have_no_inline_script_or_style_for_the_policy_to_block(client, url):
    html = client.get(url).text
    assert not re.search(r"\sstyle=|<style|\son[a-z]+=|javascript:", html, re.I)
    assert all("src=" in tag for tag in re.findall(r"<script[^>]*>", html))


# -- the OpenSearch description ------------------------------------------------------------------

def test_opensearch_never_reflects_the_host_header(client):
    xml = client.get("/opensearch.xml", headers={"Host": 'evil.example"><x'}).text
    assert "evil" not in xml and 'template="http://localhost/?q={searchTerms}"' in xml


def test_opensearch_uses_the_configured_base_url_escaped(robust):
    app = create_app({"INDEX": str(robust.index_dir), "BASE_URL": "https://news.example.org/archive/",
                      "SITE_NAME": 'Lab <b>&"x"'})
    xml = app.test_client().get("/opensearch.xml", headers={"Host": "evil.example"}).text
    assert 'template="https://news.example.org/archive/?q={searchTerms}"' in xml
    assert "https://news.example.org/archive/static/icon.svg" in xml and "evil" not in xml
    assert "Lab &lt;b&gt;&amp;&#34;x&#34;" in xml or "Lab &lt;b&gt;&amp;&quot;x&quot;" in xml
    app.extensions["archive"].close()


@pytest.mark.parametrize("base", ["javascript:alert(1)", "news.example.org", "https://x.org/?q=1"])
def test_a_base_url_that_is_no_web_address_is_refused_at_start(robust, base):
    with pytest.raises(ArchiveError, match="BASE_URL"):
        create_app({"INDEX": str(robust.index_dir), "BASE_URL": base})


# -- numbers -------------------------------------------------------------------------------------

@pytest.mark.parametrize("value", ["²", "١٢", "1_0", "+5", "0x10", "1e3", "5.0", "9" * 5000, "½"])
@pytest.mark.parametrize(("path", "name"), [
    (f"/api/similar/{SEEDS[0]}", "limit"), ("/api/search", "page"), ("/", "per_page"),
    ("/api/people", "limit"), ("/people", "limit"), ("/search.csv", "per_page"),
])
def test_every_numeric_parameter_refuses_what_is_not_a_whole_number(client, path, name, value):
    response = client.get(path, query_string={name: value})
    assert response.status_code == 400, (path, value)
    assert "is not a whole number" in response.text and "Traceback" not in response.text


# -- counts of one ----------------------------------------------------------------------------

def test_counts_of_one_are_singular_on_the_pages(robust, client):
    assert robust.search("ambassador").total == 1
    html = client.get("/?q=ambassador").text
    assert "<strong>1</strong> result for <q>ambassador</q>" in html
    assert re.search(r'1<span class="visually-hidden"> story(,|</span>)', html)  # the facet's counts
    assert "1<span class=\"visually-hidden\"> stories" not in html
    assert "<strong>1</strong> story" in client.get("/?person=Zoe+Clark-Coates").text
    every = client.get("/?q=ambassador&copies=all").text
    assert re.search(r'1<span class="visually-hidden"> article(,|</span>)', every)
    past = client.get("/?q=ambassador&page=3").text
    assert "There is only 1 page of results." in past
