"""What a person does, in real headless Chromium (Debian's /usr/bin/chromium, never a download):
search, click a person, click a date bar, remove a chip, open an article, page through results."""

from __future__ import annotations

import re
import threading
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"needs Chromium at {CHROMIUM} "
                       "(Debian packages chromium chromium-driver; CI installs them)"),
]


def serve(index_dir, name: str = "web-test-server"):
    """The app served by werkzeug on a free loopback port in a background thread."""
    from werkzeug.serving import make_server

    from web import create_app

    app = create_app({"INDEX": str(index_dir)})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name=name, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)
    app.extensions["archive"].close()


@pytest.fixture(scope="module")
def base_url(web_archive):
    yield from serve(web_archive.index_dir)


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="needs playwright (the test extra)")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


@pytest.fixture()
def page(browser):
    yield from open_page(browser)


def open_page(browser, timeout: int = 10_000, **options):
    """A page in a fresh 1280×900 context (``options``: more of ``new_context``'s); the test
    fails on any JavaScript error the page raised."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, **options)
    page = context.new_page()
    page.set_default_timeout(timeout)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert not errors, f"JavaScript errors: {errors}"


def query(page) -> str:
    return page.url.split("?", 1)[1] if "?" in page.url else ""


def test_search_narrow_by_person_and_date_then_remove_chip(page, base_url):
    page.goto(base_url + "/")
    page.get_by_label("Search the archive").fill("baby loss")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"q=baby\+loss"))
    assert "results for" in page.locator(".result-count").inner_text()
    assert page.locator(".hit mark").count() > 0

    page.locator('.facet-person a[data-name="kate beckinsale"]').click()
    page.wait_for_url(re.compile(r"person=Kate\+Beckinsale"))
    chip = page.locator(".chip-person")
    assert chip.inner_text().startswith("Kate Beckinsale")

    page.locator("a.tl-bar").first.click()
    page.wait_for_url(re.compile(r"since=\d{4}"))
    assert page.locator(".chip-date").count() == 1
    assert "person=Kate+Beckinsale" in query(page)

    page.locator(".chip-person").click()
    page.wait_for_url(lambda url: "person=" not in url)
    assert page.locator(".chip-person").count() == 0
    assert "since=" in query(page)  # the date filter stays


def test_open_an_article_and_go_back(page, base_url):
    page.goto(base_url + "/?q=baby+loss")
    title = page.locator(".hit-title a").first
    expected = title.inner_text()
    title.click()
    page.wait_for_url(re.compile(r"/article/"))
    assert page.locator("h1").inner_text() == expected
    assert page.locator(".article-body mark").count() > 3
    page.get_by_role("link", name=re.compile("Back to results")).click()
    page.wait_for_url(re.compile(r"/\?q=baby\+loss$"))
    assert page.locator(".hit").count() >= 2


def test_expand_a_storys_copies_open_one_and_see_what_changed(page, base_url):
    # the fixture's Reuters sample holds one BankAmerica story twice, under two headlines
    page.goto(base_url + "/?q=bankamerica+equity+offering")
    copies = page.locator(".hit-copies").first
    assert copies.locator("summary").inner_text().startswith("1 more copy: Reuters")
    link = copies.locator(".copy-list a").first
    assert not link.is_visible()  # folded until asked for
    copies.locator("summary").click()
    assert link.is_visible()
    other_title = link.inner_text()
    link.click()
    page.wait_for_url(re.compile(r"/article/"))
    assert page.locator("h1").inner_text() == other_title
    changes = page.locator("section.changes")
    assert changes.locator("h2").inner_text() == "What changed from the first copy"
    assert changes.locator(".changes-summary").inner_text().startswith("Headline changed")
    assert changes.locator("del").first.inner_text() and changes.locator("ins").first.inner_text()
    page.locator("#copies").get_by_role("link", name=re.compile("The story")).click()
    page.wait_for_url(re.compile(r"/story/"))
    assert page.locator(".copies-table tbody tr").count() == 2


def test_page_through_results(page, base_url):
    page.goto(base_url + "/?per_page=4")
    first = page.locator(".hit-title a").all_inner_texts()
    page.get_by_role("link", name="Next →").click()
    page.wait_for_url(re.compile(r"page=2"))
    second = page.locator(".hit-title a").all_inner_texts()
    assert second and not set(first) & set(second)
    assert page.locator('.pagination [aria-current="page"]').inner_text() == "2"
    page.get_by_role("link", name="Page 3").click()
    page.wait_for_url(re.compile(r"page=3"))
    page.get_by_role("link", name="← Previous").click()
    page.wait_for_url(re.compile(r"page=2"))


def test_sort_newest(page, base_url):
    page.goto(base_url + "/?q=baby")
    page.get_by_role("link", name="Newest").click()
    page.wait_for_url(re.compile(r"sort=newest"))
    times = page.locator(".hit-meta time").evaluate_all("els => els.map(e => e.dateTime)")
    assert times == sorted(times, reverse=True)


def test_keyboard_filter_box_and_undated(page, base_url):
    page.goto(base_url + "/")
    box = page.get_by_label("Filter, or add anyone by name")
    box.focus()
    page.keyboard.type("beckin")
    visible = page.locator(".facet-person li:visible")
    assert visible.count() == 1
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"person=Kate\+Beckinsale"))
    page.goto(base_url + "/")
    undated = page.locator(".undated-bucket a")
    undated.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"undated=1"))
    assert page.locator(".hit .undated").count() == page.locator(".hit").count() >= 1


def test_phone_width_folds_the_filters(browser, base_url):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(base_url + "/?q=baby")
    refine = page.locator("details.refine")
    assert refine.get_attribute("open") is None
    assert page.locator(".hit").first.is_visible()
    page.get_by_text("Refine: people and dates").click()
    assert page.locator('.facet-person a[data-name="kate beckinsale"]').is_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "the page scrolls sideways on a phone"
    context.close()


def test_hostile_article_runs_no_script(page, base_url):
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for path in ("/?q=hostile", "/article/hostile.txt?q=script", "/article/hostile.html"):
        page.goto(base_url + path)
    assert dialogs == []
    assert "<script>" in page.locator("h1").inner_text()


def test_find_someone_beyond_the_facet_in_the_people_list(page, base_url):
    page.goto(base_url + "/?q=baby")
    page.get_by_role("link", name="All people in the archive").click()
    page.wait_for_url(re.compile(r"/people$"))
    page.get_by_label("Names containing").fill("teig")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/people\?q=teig"))
    page.locator(".people-list a.filter-link[href*=Chrissy]").click()
    page.wait_for_url(re.compile(r"person=Chrissy\+Teigen"))
    assert page.locator(".chip-person").filter(has_text="Chrissy Teigen").count() == 1
    assert page.locator(".hit").count() >= 1
    # part of a name that the facet does not list, typed in the facet box: suggestions answer it
    page.goto(base_url + "/?person=Chrissy+Teigen")
    assert page.locator('.facet-person a[data-name="joseph arsenio"]').count() == 0
    page.get_by_label("Filter, or add anyone by name").fill("arsen")
    page.keyboard.press("Enter")
    page.locator(".note").get_by_role("link", name="Joseph Arsenio").click()
    page.wait_for_url(re.compile(r"person=Chrissy\+Teigen&person=Joseph\+Arsenio"))
    chips = page.locator(".chip-person .chip-text").all_inner_texts()
    assert chips == ["Chrissy Teigen", "Joseph Arsenio"]


def test_from_an_article_to_a_similar_one(page, base_url):
    page.goto(base_url + "/article/000_22084bbc24ccd4f7.txt")
    similar = page.locator(".similar-links a")
    assert 1 <= similar.count() <= 5
    first = similar.first.inner_text()
    similar.first.click()
    page.wait_for_url(re.compile(r"/article/(?!000_22084bbc24ccd4f7)"))
    assert page.locator("h1").inner_text() == first


def test_the_security_policy_blocks_nothing_the_pages_need(page, base_url):
    refused: list[str] = []
    page.on("console", lambda message: refused.append(message.text)
            if "Content Security Policy" in message.text or "Refused to" in message.text else None)
    page.goto(base_url + "/")
    widths = page.locator("a.tl-bar rect").evaluate_all(
        "els => els.map(e => e.getBoundingClientRect().width)")
    assert len(set(widths)) > 1 and max(widths) > 20  # the stylesheet sizes the bars
    box = page.get_by_label("Filter, or add anyone by name")
    box.fill("beckin")
    assert page.locator(".facet-person li:visible").count() == 1  # app.js runs
    page.goto(base_url + "/article/000_22084bbc24ccd4f7.txt?q=baby")
    assert page.locator(".article-body mark").count() > 0
    assert refused == []
# -- trends, the timeline, accessibility ---------------------------------------------------------

TRENDS = "/trends?q=baby&q=teigen&by=year"


def test_trends_page_without_javascript_switches_by_links(browser, base_url):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(base_url + TRENDS)
    assert page.locator('.chart-frame[data-measure="share"]').is_visible()
    assert not page.locator('.chart-frame[data-measure="count"]').is_visible()
    assert page.locator(".trend-chart a").count() > 0 and page.locator(".trend-table a").count() > 0
    page.get_by_role("link", name="Number of articles").click()
    page.wait_for_url(re.compile(r"measure=count"))
    assert page.locator('.chart-frame[data-measure="count"]').is_visible()
    assert not page.locator('.chart-frame[data-measure="share"]').is_visible()
    context.close()


def test_trends_page_with_javascript_switches_in_place(page, base_url):
    page.goto(base_url + TRENDS)
    page.evaluate("window.notReloaded = true")
    page.get_by_role("link", name="Number of articles").click()
    page.wait_for_url(re.compile(r"measure=count"))
    assert page.evaluate("window.notReloaded") is True  # switched without loading the page again
    assert page.locator('.chart-frame[data-measure="count"]').is_visible()
    assert not page.locator('.chart-frame[data-measure="share"]').is_visible()
    assert page.locator('.measure-switch [aria-current="true"]').inner_text() == "Number of articles"
    page.get_by_role("link", name="Share of all articles").click()
    page.wait_for_url(lambda url: "measure=" not in url)
    assert page.locator('.chart-frame[data-measure="share"]').is_visible()


def test_a_trend_point_leads_to_the_periods_search(page, base_url):
    page.goto(base_url + TRENDS)
    point = page.locator('.chart-frame[data-measure="share"] .trend-chart a').filter(
        has=page.locator("title", has_text="baby, 2021")).first
    label = point.locator("title").text_content()
    count = int(re.search(r": ([\d,]+) of", label).group(1))
    point.locator("circle").last.click(force=True)
    page.wait_for_url(re.compile(r"since=2021&until=2021"))
    assert "q=baby" in query(page)
    assert page.locator(".result-count strong").inner_text() == str(count)
    assert page.locator(".hit").count() == count


@pytest.mark.parametrize("width", [1280, 390])
def test_timeline_rows_are_targets_of_24_px_at_least(browser, base_url, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    for path in ("/", "/?q=baby", "/?since=2022&until=2022"):
        page.goto(base_url + path)
        if width < 800:
            page.get_by_text("Refine: people and dates").click()
        rows = page.locator("a.tl-bar")
        assert rows.count() >= 1
        for box in (rows.nth(i).bounding_box() for i in range(rows.count())):
            assert box["height"] >= 24 and box["width"] >= 24, (path, box)
        ticks = page.locator("a.tl-bar .tl-label")
        tops = [ticks.nth(i).bounding_box()["y"] for i in range(ticks.count())]
        assert tops == sorted(tops) and len(set(tops)) == len(tops)  # one label per row: no overlap
    context.close()


AXE = Path(__file__).parent / "axe" / "axe.min.js"
# Every page people reach, at a desktop and a phone width; a new page is one more line here.
PAGES = [
    "/", "/?q=baby+loss", "/?q=baby&person=Kate+Beckinsale", "/?since=2022-09-23&until=2022-09-23",
    "/article/000_22084bbc24ccd4f7.txt?q=baby+loss", "/people", "/people?q=teig",
    TRENDS, TRENDS + "&measure=count", "/trends", "/?q=bankamerica", "/story/reuters-sample.sgm%234",
    "/article/reuters-sample.sgm%2316",
    "/person/Kate%20Beckinsale", "/person/Kate%20Beckinsale?since=2021-06&until=2021-06",
    "/person/Mary%20Papenfuss", "/person/Kate%20Beckinsal",
]


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_serious_violation_and_one_h1(browser, base_url, path, width):
    # axe is injected as a script of the test's own: the page's Content-Security-Policy would refuse it
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    page = context.new_page()
    page.goto(base_url + path)
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
               for v in found["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == [], serious
    assert page.locator("h1").count() == 1
    context.close()
