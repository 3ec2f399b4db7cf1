"""Trends and what stands out: counted on real indexes (Reuters-21578 and the web fixtures),
checked against the search's own totals, through the library, the CLI and the web."""

from __future__ import annotations

import csv
import io
import json
import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import numpy as np
import pytest
from click.testing import CliRunner

from archive import BadQuery
from archive.cli import cli
from archive.index.significant import jlh
from tests.test_web import no_live_markup
from web import create_app
from web.chart import y_scale
from web.facets import range_label

POINT = re.compile(r'<a href="([^"]+)" tabindex="-1"><title>([^<]+)</title>')




@pytest.fixture(scope="module")
def client(web_archive):
    app = create_app({"INDEX": str(web_archive.index_dir), "TESTING": True})
    yield app.test_client()
    app.extensions["archive"].close()


def get_json(client, url: str, status: int = 200) -> dict:
    response = client.get(url)
    assert response.status_code == status, (url, response.get_data(as_text=True)[:300])
    return response.get_json()


# -- trends on Reuters-21578 -------------------------------------------------------------------

def test_api_trends_counts_equal_the_searchs_own_totals(reuters_client):
    _, client = reuters_client
    data = get_json(client, "/api/trends?q=oil&q=coffee&by=month")
    assert data["by"] == "month" and data["queries"] == ["oil", "coffee"]
    labels = [p["period"] for p in data["periods"]]
    assert labels == [f"1987-{m:02d}" for m in range(2, 11)]  # Feb to Oct, the gaps included
    for period in data["periods"]:
        label = period["period"]
        # trends count articles, copies of one story too
        everything = get_json(client, f"/api/search?since={label}&until={label}")["articles"]
        assert period["total"] == everything
        for entry in period["queries"]:
            assert set(entry) == {"query", "count", "share", "total"} and entry["total"] == everything
            if not everything:  # a month without any article is a gap, not a zero share
                assert entry["share"] is None and entry["count"] == 0
                continue
            found = get_json(client, f"/api/search?q={entry['query']}&since={label}&until={label}")
            assert entry["count"] == found["articles"]
            assert entry["share"] == round(found["articles"] / everything, 6)
    assert [p["period"] for p in data["periods"] if not p["total"]] == [
        "1987-05", "1987-07", "1987-08", "1987-09"]  # Reuters-21578 has no story in those months
    for series in data["series"]:
        assert series["total"] == get_json(client, f"/api/search?q={series['query']}")["articles"]


def test_trends_by_day_with_filters_match_the_search(reuters_client):
    arc, _ = reuters_client
    result = arc.trends(["dollar"], by="day", persons=["James Baker"], since="1987-03-10",
                        until="1987-04-20")
    assert "1987-03-10" <= result.periods[0].label and result.periods[-1].label <= "1987-04-20"
    for number in (0, 5, len(result.periods) - 1):
        period = result.periods[number]
        if period.total:
            found = arc.search("dollar", persons=["James Baker"], since=period.label, until=period.label)
            assert result.trends[0].counts[number] == found.total
    months = arc.trends(["dollar"], by="month", since="1987-03-15", until="1987-04-10")
    first = months.periods[0]
    assert (first.label, first.since.isoformat(), first.whole) == ("1987-03", "1987-03-15", False)
    assert first.search_dates() == ("1987-03-15", "1987-03-31")
    # trends count articles (copies of one story too)
    assert months.trends[0].counts[0] == arc.search("dollar", since="1987-03-15", until="1987-03-31").articles
    assert first.total == arc.search("", since="1987-03-15", until="1987-03-31").articles


def test_trends_csv_has_one_row_per_period_and_query(reuters_client):
    _, client = reuters_client
    response = client.get("/trends.csv?q=oil&q=coffee&by=month")
    assert response.status_code == 200 and response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.headers["Content-Disposition"] == 'attachment; filename="trends-oil-coffee.csv"'
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True), newline="")))
    data = get_json(client, "/api/trends?q=oil&q=coffee&by=month")
    assert len(rows) == len(data["periods"]) * 2
    assert list(rows[0]) == ["period", "query", "count", "total", "share"]
    march = [r for r in rows if r["period"] == "1987-03"]
    assert [(r["query"], int(r["count"])) for r in march] == [
        (e["query"], e["count"]) for e in data["periods"][1]["queries"]]
    assert all(r["share"] == "" for r in rows if r["total"] == "0")


def test_trends_page_points_are_links_to_the_periods_search(reuters_client):
    _, client = reuters_client
    html = client.get("/trends?q=oil&q=coffee&by=month").get_data(as_text=True)
    assert html.count("<h1") == 1 and 'class="trend-chart"' in html
    points = POINT.findall(html)
    assert len(points) == 2 * 5 * 2  # two searches, five months with articles, share and count charts
    for href, label in points[:5]:
        args = parse_qs(urlsplit(unescape(href)).query)
        assert args["since"] == args["until"] and args["q"][0] in ("oil", "coffee")
        count = int(re.search(r": ([\d,]+) of", unescape(label)).group(1).replace(",", ""))
        found = get_json(client, unescape(href).replace("/?", "/api/search?"))
        assert found["articles"] == count  # trends count articles, copies of one story too
    # the text alternative: a table with every number and the same links, and a summary
    table = re.search(r'<table class="trend-table">(.*?)</table>', html, re.S).group(1)
    assert "<caption" in table and "March 1987" in table and ">827</a>" in table
    assert "“oil”: most articles March 1987 (827), the highest share June 1987 (7.6%)." in unescape(html)
    assert table.count("<tr") == 1 + 9


def test_trends_share_and_count_switch_without_javascript(reuters_client):
    _, client = reuters_client
    share = client.get("/trends?q=oil&q=coffee").get_data(as_text=True)
    count = client.get("/trends?q=oil&q=coffee&measure=count").get_data(as_text=True)
    visible = re.compile(r'<div class="chart-frame" data-measure="(\w+)"[^>]*?(hidden)?>')
    assert [(m, bool(h)) for m, h in visible.findall(share)] == [("share", False), ("count", True)]
    assert [(m, bool(h)) for m, h in visible.findall(count)] == [("share", True), ("count", False)]
    assert ">8%</text>" in share and ">1,000</text>" in count
    assert 'href="/trends?q=oil&amp;q=coffee&amp;measure=count"' in share


# -- what stands out ---------------------------------------------------------------------------

def test_api_search_lists_what_stands_out_with_both_counts(reuters_client):
    arc, client = reuters_client
    data = get_json(client, "/api/search?q=opec&since=1987-03&until=1987-03")
    found = data["significant"]
    # what stands out is counted over articles, copies of one story too
    assert found["matches"] == data["articles"] and found["archive"] == arc.stats()["articles"]
    people, words = found["person"], found["word"]
    assert len(people) == len(words) == 10
    names = [p["value"] for p in people]
    assert {"Rilwanu Lukman", "Hisham Nazer", "Subroto"} <= set(names)  # OPEC's oil ministers
    assert {"bpd", "barrel", "quota", "crude"} <= {w["term"] for w in words}
    assert "opec" not in {w["term"] for w in words}  # the query's own word is no news
    for person in people[:4]:  # exact counts, as the search with that person counts them
        narrowed = arc.search("opec", persons=[person["value"]], since="1987-03", until="1987-03")
        assert person["count"] == narrowed.articles >= 3
        assert person["background"] == arc.search(persons=[person["value"]]).articles
    for word in words:
        assert 3 <= word["count"] <= found["matches"] and word["background"] >= word["count"]
        assert word["count"] <= arc.search(f"opec {word['value']}", since="1987-03", until="1987-03").articles
    scores = [w["score"] for w in words]
    assert scores == sorted(scores, reverse=True)


def test_the_same_function_serves_a_person_and_a_period(reuters_client):
    arc, _ = reuters_client
    baker = arc.significant(persons=["James Baker"])
    assert baker.matches == arc.search(persons=["James Baker"]).articles
    assert "James Baker" not in [s.value for s in baker.kinds["person"]]
    assert "Paul Volcker" in [s.value for s in baker.kinds["person"]]
    assert not {"james", "baker"} & {s.term for s in baker.kinds["word"]}  # his own name
    assert "treasury" in [s.value for s in baker.kinds["word"]]
    october = arc.significant(since="1987-10", until="1987-10")
    assert october.matches == arc.search(since="1987-10", until="1987-10").articles
    assert october.kinds["word"] and october.kinds["person"]
    assert arc.significant().kinds == {"person": [], "word": []}  # the archive against itself


def test_search_page_shows_the_panel_with_links_that_narrow(reuters_client):
    _, client = reuters_client
    html = client.get("/?q=opec&since=1987-03&until=1987-03").get_data(as_text=True)
    panel = re.search(r'<section class="facet facet-significant".*?</section>', html, re.S).group(0)
    assert "Stands out" in panel and "matches (90)" in panel
    row = re.search(r'<a href="([^"]+)">Rilwanu Lukman</a>'
                    r' <a class="person-page-link" href="([^"]+)"[^>]*>page.*?</a></th>'
                    r'<td>(\d+)</td><td>(\d+)</td>', panel)
    args = parse_qs(urlsplit(unescape(row.group(1))).query)
    assert args["person"] == ["Rilwanu Lukman"] and args["q"] == ["opec"]
    assert urlsplit(unescape(row.group(2))).path == "/person/Rilwanu%20Lukman"
    word = re.search(r'<a href="([^"]+)">bpd</a>', panel)
    assert parse_qs(urlsplit(unescape(word.group(1))).query)["q"] == ["opec bpd"]


def test_jlh_is_elasticsearchs_score():
    # 120 of 827 matches, 152 of 21,577 in the archive: (0.1451 - 0.0070) * 0.1451 / 0.0070
    score = jlh(np.asarray([120.0, 5.0]), 827, np.asarray([152.0, 5000.0]), 21577)
    fg, bg = 120 / 827, 152 / 21577
    assert score[0] == pytest.approx((fg - bg) * fg / bg) and score[1] == 0.0


# -- the web fixtures: errors, CLI, small pieces -----------------------------------------------

@pytest.mark.parametrize("query, fragment", [
    ("", "0 searches given"), ("q=a&q=b&q=c&q=d&q=e&q=f", "6 searches given"),
    ("q=baby&by=week", "Unknown period"), ("q=baby&since=2022&until=2021", "is after until"),
    ("q=baby&since=nope", "is not a date"), ("q=baby&measure=ratio", "Unknown measure"),
    ("q=baby&by=day", "periods"), ("q=" + "x" * 600, "longer than the limit"),
])
def test_bad_trend_parameters_are_400(client, query, fragment):
    error = get_json(client, "/api/trends?" + query, 400)["error"]
    assert error["type"] == "BadQuery" and fragment in error["message"] and error["hint"]
    for path in ("/trends?", "/trends.csv?"):
        response = client.get(path + query)
        assert response.status_code == (200 if path == "/trends?" and not query else 400)
        assert "Traceback" not in response.get_data(as_text=True)


def test_trends_page_without_a_search_is_the_form(client):
    html = client.get("/trends").get_data(as_text=True)
    assert html.count('name="q"') == 5 and "trend-chart" not in html and html.count("<h1") == 1


def test_search_page_links_to_trends_with_its_search(client, web_archive):
    html = client.get("/?q=baby&person=Kate+Beckinsale").get_data(as_text=True)
    href = unescape(re.search(r'<a href="([^"]+)">Compare over time</a>', html).group(1))
    assert urlsplit(href).path == "/trends"
    days = [v.value for v in web_archive.search("baby", persons=["Kate Beckinsale"]).facets["date"]
            if v.value != "undated"]  # a day-by-day trend spans the matches' days
    assert parse_qs(urlsplit(href).query) == {"q": ["baby"], "person": ["Kate Beckinsale"], "by": ["day"],
                                              "since": [days[0]], "until": [days[-1]]}
    assert client.get(href).status_code == 200


def test_cli_trends(web_archive):
    index = str(web_archive.index_dir)
    runner = CliRunner()
    text = runner.invoke(cli, ["trends", "baby", "teigen", "--by", "year", "--index", index])
    header = text.output.splitlines()[0].split()
    assert text.exit_code == 0 and header == ["year", "articles", "'baby'", "'teigen'"]
    as_json = runner.invoke(cli, ["trends", "baby", "--by", "year", "--json", "--index", index])
    data = json.loads(as_json.output)
    assert data == web_archive.trends(["baby"], by="year").to_dict()
    rows = list(csv.DictReader(io.StringIO(runner.invoke(
        cli, ["trends", "baby", "teigen", "--by", "year", "--csv", "--index", index]).output)))
    assert len(rows) == 2 * len(data["periods"])
    bad = runner.invoke(cli, ["trends", "baby", "--by", "day", "--index", index])
    assert bad.exit_code == 1 and "periods" in bad.output and "Hint:" in bad.output
    assert runner.invoke(cli, ["trends", "--index", index]).exit_code == 2
    with pytest.raises(BadQuery, match="Unknown period"):
        web_archive.trends(["baby"], by="week")


def test_timeline_rows_merge_and_label_runs():
    assert range_label("1987-03-01", "1987-03-03") == "1–3 Mar 1987"
    assert range_label("1987-03", "1987-05") == "Mar – May 1987"
    assert range_label("1988", "2005") == "1988 – 2005" and range_label("1987-03", "1987-03") == "Mar 1987"
    ticks, top = y_scale(0.076, "share")
    assert [t for _, t in ticks] == ["0%", "2%", "4%", "6%", "8%"] and top == pytest.approx(0.08)
    assert [t for _, t in y_scale(827, "count")[0]] == ["0", "250", "500", "750", "1,000"]


def test_home_timeline_rows_are_runs_with_visible_counts(client, web_archive):
    html = client.get("/").get_data(as_text=True)
    rows = re.findall(r'<li>(?:<a class="tl-bar[^"]*" href="([^"]+)"[^>]*>\s*)?'
                      r'<span class="tl-label">([^<]+)</span>', html)
    assert 1 < len(rows) <= 12
    counted = re.findall(r'<span class="tl-count">([\d,]+)<', html)
    dated = web_archive.search("").total - web_archive.search(undated=True).total
    assert sum(int(c.replace(",", "")) for c in counted) == dated
    assert "no matches" in html  # a run of empty years is one row


@pytest.mark.parametrize("q", ['"unclosed', "(((", "AND OR NOT", "title:", "*", "<script>alert(1)</script>",
                               "%00", "-baby"])
def test_odd_and_hostile_trend_queries_never_500_and_stay_text(client, q):
    for path in ("/trends", "/api/trends", "/trends.csv"):
        response = client.get(path, query_string={"q": [q, "baby"], "by": "year"})
        assert response.status_code in (200, 400), (path, q)
        assert "Traceback" not in response.get_data(as_text=True)
    html = client.get("/trends", query_string={"q": [q, "baby"], "by": "year"}).get_data(as_text=True)
    no_live_markup(html)
    assert "<script>alert" not in html


# -- dates known only to a month or a year ------------------------------------------------------

def test_a_date_known_only_to_its_month_is_in_no_day(tmp_path):
    """A month-only export date counts in its month, never on a made-up day, and each period's
    count is what the search with that period's dates finds."""
    from archive import Archive

    records = [{"headline": "Harbour plan approved", "date": "2021-06-15", "text": "The harbour plan."},
               {"headline": "Harbour plan: the June review", "date": "2021-06", "text": "A harbour review."},
               {"headline": "Harbour year in review", "date": "2021", "text": "The harbour year."}]
    source = tmp_path / "src"
    source.mkdir()
    (source / "harbour.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    arc = Archive(tmp_path / "index")
    arc.rebuild([source])
    by_day = arc.trends(["harbour"], by="day")
    assert [(p.label, n) for p, n in zip(by_day.periods, by_day.trends[0].counts, strict=True)] \
        == [("2021-06-15", 1)]
    assert by_day.trends[0].undated == 2  # the month-only and the year-only articles
    assert arc.search("harbour", since="2021-06-15", until="2021-06-15").total == 1
    by_month = arc.trends(["harbour"], by="month")
    counts = dict(zip((p.label for p in by_month.periods), by_month.trends[0].counts, strict=True))
    assert counts == {"2021-06": 2} and by_month.trends[0].undated == 1
    assert arc.search("harbour", since="2021-06", until="2021-06").total == 2
    by_year = arc.trends(["harbour"], by="year")
    assert by_year.trends[0].counts == [3] and by_year.trends[0].undated == 0
    arc.close()
