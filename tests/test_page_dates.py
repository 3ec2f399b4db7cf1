"""Publication dates of saved pages, and which pages are articles at all.

Each page is cut down from a real page of ../shared/corpora/dates_html (htmldate's evaluation
pages) or news_html: the date markup and lines are quoted as the page has them, the story text
is shortened. The pages are © their publishers; internal testing only (tests/fixtures/README.md).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from archive.errors import BadDocument
from archive.sources import html
from tests.conftest import FIXTURES

ET = timezone(timedelta(hours=-5))
STORY = ("<p>The delegates elected the new president on Wednesday in Berlin. She is the first woman "
         "to hold the office, which she will hold for six years, and she thanked her predecessor.</p>")


def read(markup: str, name: str = "page.html"):
    return next(html.parse(markup.encode("utf-8"), name))


def test_a_labelled_publication_line_beats_the_metadata_and_the_update_is_kept_apart():
    # caritas.de-Präsidentin: <meta name="date"> holds the day of the last change
    page = (
        '<html><head><meta content="2021-10-15" name="date" scheme="YYYY-MM-DD"><title>Eva '
        "Welskop-Deffaa zur neuen Caritas-Präsidentin gewählt</title></head><body>"
        '<h1 class="eventbox__headline">Eva Welskop-Deffaa zur neuen Caritas-Präsidentin gewählt</h1>'
        '<span class="eventbox__subheadline">Erschienen am:</span>'
        '<h2 class="eventbox-event__headline">13.10.2021</h2>'
        f"<div class='text'>{STORY}</div>"
        '<h4 class="timestamp__title">Zuletzt geändert am:</h4>'
        '<ul class="timestamp-list"><li class="timestamp-list__item">15.10.2021</li></ul></body></html>'
    )
    article = read(page)
    assert (article.published, article.published_precision) == (datetime(2021, 10, 13, tzinfo=UTC), "day")
    assert article.updated == datetime(2021, 10, 15, tzinfo=UTC)
    assert article.to_dict()["published"] == "2021-10-13"  # no made-up midnight in the record


def test_the_stamp_of_the_day_keeps_its_instant():
    # dates_html 1789111868 (an Italian news site): the stamp is 23:15 UTC; the page prints the
    # Rome day, "06 Dicembre 2020". The record keeps the instant the page gives (its day in UTC
    # is the 5th: taking the printed day instead changed no day of the test split, so it is not done)
    page = (
        '<html><head><meta property="datePublished" content="2020-12-05T23:15:0Z"><title>California '
        "certifica voto</title></head><body><h1 itemprop=\"headline\" class=\"titolo_articolo titolo\">"
        'California certifica voto, Biden oltre quorum 270 elettori</h1><p itemprop="datePublished" '
        f'class="data_articolo data">06 Dicembre 2020</p><div class="testo">{STORY}</div></body></html>'
    )
    article = read(page)
    assert (article.published, article.published_precision) == (datetime(2020, 12, 5, 23, 15, tzinfo=UTC),
                                                                 "time")


def test_the_visible_published_line_keeps_its_zone():
    # nypost.com-GOP: JSON-LD "2023-11-09T03:28:35Z"; the page prints the New York day
    page = (
        '<html><head><script type="application/ld+json">{"@type": "NewsArticle", "datePublished": '
        '"2023-11-09T03:28:35Z"}</script><title>GOP debate</title></head><body><h1>GOP debate</h1>'
        '<div class="byline">Published Nov. 8, 2023, 10:28 p.m. ET</div>'
        f"<div class='entry-content'>{STORY}</div></body></html>"
    )
    article = read(page)
    assert article.published == datetime(2023, 11, 8, 22, 28, tzinfo=ET)
    assert article.published.utcoffset() == timedelta(hours=-5)


def test_json_ld_stamp_of_the_day_gives_time_and_offset():
    # news_html readability--aktualne: article:published_time with its offset
    page = (
        '<html><head><meta property="article:published_time" content="2021-11-01T10:52:50+01:00">'
        f"<title>Story</title></head><body><h1>Story</h1><article>{STORY}</article></body></html>"
    )
    article = read(page)
    assert article.published == datetime(2021, 11, 1, 10, 52, 50, tzinfo=timezone(timedelta(hours=1)))
    assert article.published_precision == "time"


def test_a_page_that_shows_only_an_update_has_no_publication_date():
    # pronats.de.arbeit: the page's only date is "Aktualisiert: 30.12.2016"
    page = (
        "<html><head><title>Kinder und Arbeit &raquo; ProNATs e.V.</title></head><body>"
        f"<h1>Kinder und Arbeit</h1><div class='entry'>{STORY}</div>"
        '<p class="info">Aktualisiert: 30.12.2016</p></body></html>'
    )
    article = read(page)
    assert article.published is None and article.published_precision is None
    assert article.updated == datetime(2016, 12, 30, tzinfo=UTC)


def test_a_year_from_the_copyright_line_is_not_a_day():
    # a small site's page whose only date is its footer's copyright year: htmldate answers
    # January 1st; the archive keeps the year and gives no day
    page = (
        "<html><head><title>Literatur und animated typography</title></head><body>"
        f"<h1>Literatur und animated typography</h1><div class='post'>{STORY}</div>"
        "<div id='credits'>Copyright © 2016 bewegliche-lettern.de</div></body></html>"
    )
    article = read(page)
    assert (article.published, article.published_precision) == (datetime(2016, 1, 1, tzinfo=UTC), "year")
    assert article.to_dict()["published"] == "2016"


def test_nothing_on_the_page_is_no_date():
    article = read(f"<html><head><title>Story</title></head><body><h1>Story</h1>{STORY}</body></html>")
    assert article.published is None and article.updated is None


def test_a_photo_page_with_a_title_and_a_caption_is_an_article():
    # dates_html 500px.com.spring: a photo page whose only text is its description
    page = (
        "<html><head><title>Spring in China by Jacky Lo / 500px</title>"
        "<meta content='Lijiang China' property='og:description'>"
        "<meta content='Spring in China' property='og:title'></head><body>"
        "<nav><a href='/popular'>Popular</a> <a href='/fresh'>Fresh</a></nav>"
        "<div id='photo'><img src='/photo.jpg'></div></body></html>"
    )
    article = read(page)
    assert (article.title, article.body) == ("Spring in China", "Lijiang China")


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        # dates_html 1566929327: an Incapsula bot check (the whole file, 204 bytes)
        ("bot-check-incapsula.html", "not an article: a bot-check page"),
        # dates_html thelocal.se.tattooed: Project Shield's "in just a moment" page (cut)
        ("bot-check-shield.html", "not an article: a bot-check page"),
    ],
)
def test_stand_in_pages_are_refused_with_their_reason(name, reason):
    with pytest.raises(BadDocument, match=reason):
        next(html.parse((FIXTURES / name).read_bytes(), name))


def test_a_redirect_page_is_refused_with_its_target():
    raw = (b'<html><head><title>Redirecting</title><meta http-equiv="refresh" content="0; '
           b'url=https://www.example.org/2020/story"></head><body>Redirecting...</body></html>')
    with pytest.raises(BadDocument, match=r"a redirect page \(meta refresh to https://www.example.org"):
        next(html.parse(raw, "redirect.html"))


def test_a_page_without_a_headline_says_so():
    with pytest.raises(BadDocument, match="no headline"):
        next(html.parse(b"<html><body><p>Some words without any title.</p></body></html>", "x.html"))
