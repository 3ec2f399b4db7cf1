"""The topic, author and outlet facets and the search's feed, in real headless Chromium (the
fixtures of tests/test_browser.py), with JavaScript and without."""

from __future__ import annotations

import re

import pytest

from tests.test_browser import (  # noqa: F401 - fixtures
    CHROMIUM,
    base_url,
    browser,
    page,
    query,
)
from tests.test_browser import test_axe_finds_no_serious_violation_and_one_h1 as axe_check

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"needs Chromium at {CHROMIUM} "
                       "(Debian packages chromium chromium-driver; CI installs them)"),
]


def _select_topics_then_remove_one(tab, base_url) -> None:  # noqa: F811 - the fixture's value
    tab.goto(base_url + "/")
    everything = _count(tab)
    tab.locator('.facet-topic a[data-name="grain"]').click()
    tab.wait_for_url(re.compile(r"topic=grain"))
    assert _count(tab) == 1 < everything
    assert tab.locator(".chip-topic").inner_text().startswith("Topic: grain")
    assert tab.locator(".hit-topics").first.inner_text().count("wheat") == 1

    tab.locator('.facet-topic a[data-name="wheat"]').click()  # a second topic: both must hold
    tab.wait_for_url(re.compile(r"topic=grain&topic=wheat"))
    assert _count(tab) == 1 and tab.locator(".chip-topic").count() == 2
    assert "all selected topics" in tab.locator(".facet-topic").inner_text()

    tab.locator(".chip-topic", has_text="grain").click()
    tab.wait_for_url(lambda url: "topic=grain" not in url)
    assert "topic=wheat" in query(tab) and tab.locator(".chip-topic").count() == 1

    tab.locator('.facet-outlet a[data-name="reuters"]').click()
    tab.wait_for_url(re.compile(r"outlet=Reuters"))
    assert tab.locator(".chip-outlet").count() == 1 and "topic=wheat" in query(tab)


def _count(tab) -> int:
    text = tab.locator(".result-count strong").inner_text()
    return int(text.replace(",", ""))


def test_select_topic_chips_narrow_the_results(page, base_url):  # noqa: F811
    _select_topics_then_remove_one(page, base_url)


def test_facets_work_without_javascript(browser, base_url):  # noqa: F811
    context = browser.new_context(java_script_enabled=False)
    try:
        _select_topics_then_remove_one(context.new_page(), base_url)
    finally:
        context.close()


def test_follow_this_search_opens_its_feed(browser, base_url):  # noqa: F811
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    try:
        tab.goto(base_url + "/?q=oil&topic=grain")
        link = tab.get_by_role("link", name="Follow this search")
        assert link.get_attribute("href") == "/search.atom?q=oil&topic=grain"
        alternate = tab.locator('link[rel="alternate"][type="application/atom+xml"]')
        assert alternate.get_attribute("href") == link.get_attribute("href")
        response = tab.request.get(base_url + link.get_attribute("href"))
        assert response.ok and response.headers["content-type"].startswith("application/atom+xml")
        assert "<feed xmlns=\"http://www.w3.org/2005/Atom\">" in response.text()
    finally:
        context.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_axe_on_a_search_with_topics_selected(browser, base_url, width):  # noqa: F811
    axe_check(browser, base_url, "/?topic=grain&topic=wheat&outlet=Reuters", width)
