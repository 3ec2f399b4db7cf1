"""Person pages as a person uses them, in real headless Chromium (Debian's /usr/bin/chromium):
from a person link to the page, then another period, and the company changes."""

from __future__ import annotations

import re

import pytest
from test_browser import CHROMIUM, browser, open_page, serve  # noqa: F401 - browser: the fixture

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"needs Chromium at {CHROMIUM} "
                       "(Debian packages chromium chromium-driver; CI installs them)"),
]


@pytest.fixture(scope="module")
def fixtures_url(web_archive):
    yield from serve(web_archive.index_dir, "person-test-server")


@pytest.fixture(scope="module")
def reuters_url(reuters_built):
    yield from serve(reuters_built[0].index_dir)


@pytest.fixture(params=[True, False], ids=["js", "no-js"])
def page(browser, request):  # noqa: F811 - the imported fixture
    yield from open_page(browser, 15_000, java_script_enabled=request.param)


def names(page, list_id: str) -> list[str]:
    return page.locator(f"#{list_id} .co-name").all_inner_texts()


def test_from_a_hit_to_the_person_page_then_a_month(page, fixtures_url):
    page.goto(fixtures_url + "/?q=baby+loss")
    page.locator(".hit-people a", has_text="Chrissy Teigen").first.click()
    page.wait_for_url(re.compile(r"/person/Chrissy%20Teigen$"))
    assert page.locator("h1").inner_text() == "Chrissy Teigen"
    everyone = names(page, "co-all")
    assert "Kate Beckinsale" in everyone and page.locator("#co-chosen").count() == 0
    page.get_by_label("From", exact=True).fill("2021-06")
    page.get_by_label("To", exact=True).fill("2021-06")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url(re.compile(r"since=2021-06&until=2021-06"))
    assert "in June 2021" in page.locator(".company-change").inner_text()
    chosen = page.locator("#co-chosen .facet-count").all_inner_texts()
    assert chosen and chosen != page.locator("#co-all .facet-count").all_inner_texts()  # fewer articles
    page.get_by_role("link", name="Search these articles").click()  # the filter, one click away
    page.wait_for_url(re.compile(r"person=Chrissy\+Teigen&since=2021-06&until=2021-06"))
    assert page.locator(".chip-person").filter(has_text="Chrissy Teigen").count() == 1


def test_a_byline_opens_what_the_reporter_wrote(page, fixtures_url):
    page.goto(fixtures_url + "/?q=boosters")
    page.locator(".hit .byline a").first.click()
    page.wait_for_url(re.compile(r"/person/"))
    assert page.locator(".authored-list li").count() >= 1


def test_james_baker_in_march_1987_keeps_other_company(page, reuters_url):
    page.goto(reuters_url + "/?q=treasury+baker")
    page.locator(".hit-people a", has_text="James Baker").first.click()
    page.wait_for_url(re.compile(r"/person/James%20Baker$"))
    everyone = names(page, "co-all")
    assert len(everyone) == 20
    page.locator(".mentions-table summary").click()
    page.locator(".mentions-table a", has_text="March 1987").click()
    page.wait_for_url(re.compile(r"since=1987-03&until=1987-03"))
    march = names(page, "co-chosen")
    assert march and march != everyone
    change = page.locator(".company-change").inner_text()
    assert "in March 1987 differ from those in all of them" in change
    assert page.locator(".person-articles .hit").count() == 10
    first_quarter = page.locator(".company-table th").first.inner_text()
    assert first_quarter.startswith("1987-Q1")
