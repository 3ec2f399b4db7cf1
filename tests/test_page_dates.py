"""Publication dates of saved pages, and which pages are articles at all.

Each page is cut down from a real page of ../shared/corpora/dates_html (htmldate's evaluation
pages) or news_html: the date markup and lines are quoted as the page has them, the story text
is shortened. The pages are © their publishers; internal testing only (tests/fixtures/README.md).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from archive.errors import BadDocument
from archive.extract.dates import Dated
from archive.sources import html, htmldates, htmlmeta
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


def test_a_utc_stamp_just_before_midnight_is_the_day_the_page_prints():
    # dates_html 1789111868 (an Italian news site): the stamp is 23:15 UTC; the page prints the
    # Rome day, "06 Dicembre 2020". The record gives the printed day (the stamp's day in UTC is the
    # 5th); the time of day is dropped, the site's zone being unknown
    page = (
        '<html><head><meta property="datePublished" content="2020-12-05T23:15:0Z"><title>California '
        "certifica voto</title></head><body><h1 itemprop=\"headline\" class=\"titolo_articolo titolo\">"
        'California certifica voto, Biden oltre quorum 270 elettori</h1><p itemprop="datePublished" '
        f'class="data_articolo data">06 Dicembre 2020</p><div class="testo">{STORY}</div></body></html>'
    )
    article = read(page)
    assert (article.published, article.published_precision) == (datetime(2020, 12, 6, tzinfo=UTC), "day")


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


# --- the page's evidence weighed against htmldate's day (wrong days of the development split) ---

def page_dates(markup: str, rules=htmldates.RULES):
    raw = markup.encode("utf-8")
    tree = html._tree(raw)
    meta, ld = htmlmeta.meta_tags(tree), htmlmeta.json_ld(tree)
    return htmldates.page_dates(raw, tree, meta, ld, htmlmeta.page_url(tree, meta), rules=rules)


def day(markup: str, rules=htmldates.RULES) -> date:
    """The publication day :func:`page_dates` gives the page."""
    return page_dates(markup, rules=rules).published.value.date()


def _stamped(url: str, stamp: str, title: str = "Federal workers are returning to the office") -> str:
    return (
        f'<html><head><title>{title}</title><link rel="canonical" href="{url}">'
        f'<script type="application/ld+json">{{"@type": "NewsArticle", "datePublished": "{stamp}"}}</script>'
        f"</head><body><h1>{title}</h1><article>{STORY}</article></body></html>"
    )


@pytest.mark.parametrize(
    ("url", "stamp", "day"),
    [
        # dates_html 1676872902 (washingtonpost.com): the URL's day is the story's draft, the
        # stamp 10:04 UTC the next day is on the 8th nowhere from UTC-10 to UTC+14
        ("https://www.washingtonpost.com/politics/federal-workers-are-returning-to-the-office-some-"
         "members-of-congress-say-they-shouldnt-be/2020/07/08/c3d22ec8-c151-11ea-b4f6-cb39cd8940fb_story.html",
         "2020-07-09T10:04:04Z", date(2020, 7, 9)),
        # blog.campact.de-Demokratie-Stiftung: "/2023/10/3-fragen-…" is no date (htmldate reads Oct 3rd)
        ("http://blog.campact.de/2023/10/3-fragen-an-tina-musil-teamleiterin-fundraising/",
         "2023-10-31T08:47:16+00:00", date(2023, 10, 31)),
        # mercurynews.com-Fremont: 01:49 UTC on the 9th is the evening of the 8th in California,
        # the URL's day: it stays
        ("https://www.mercurynews.com/2023/11/08/fentanyl-another-parent-behind-bars/",
         "2023-11-09T01:49:09Z", date(2023, 11, 8)),
    ],
)
def test_a_url_day_gives_way_to_a_stamp_that_cannot_fall_on_it(url, stamp, day):
    dates = page_dates(_stamped(url, stamp))
    assert dates.published.value.date() == day
    before = page_dates(_stamped(url, stamp), rules=htmldates.RULES - {"agreement"})
    assert before.published.value.date() == htmldates._url_day(url)  # htmldate's answer: the URL's


def test_a_marked_publication_day_beats_a_day_read_from_the_page_furniture():
    # dates_html handwerksblatt.de-Friseurbesuch: the top bar prints the day the page was saved
    # (class="date"), which htmldate takes; the story's datePublished is a week earlier
    page = (
        "<html><head><title>3G, 2G oder 2G Plus: Was gilt jetzt beim Friseurbesuch?</title></head><body>"
        '<nav class="navi-main"><div class="top-bar"><div class="large-border">'
        '<p class="date">Freitag, 21. Januar 2022</p></div></div></nav>'
        "<h1>3G, 2G oder 2G Plus: Was gilt jetzt beim Friseurbesuch?</h1>"
        '<p class="date" itemprop="datePublished" content="2022-01-14 10:31:00">Januar 2022</p>'
        f"<div class='text'>{STORY}</div></body></html>"
    )
    assert page_dates(page, rules=htmldates.RULES - {"agreement"}).published.value.date() == date(2022, 1, 21)
    assert page_dates(page).published == Dated(datetime(2022, 1, 14, 10, 31, tzinfo=UTC), "time")


def test_a_publication_day_only_in_metadata_under_a_visible_update_is_not_given():
    # dates_html realsimple.com.hydrangea: the reader sees only "Updated May 06, 2019"; the JSON-LD
    # datePublished (2016) is shown nowhere: undated (the update kept), not a day the page hides
    page = (
        '<html><head><title>How to Care for Hydrangeas | Real Simple</title>'
        '<script type="application/ld+json">{"@type": "Article", "datePublished": '
        '"2016-08-29T21:54:39.000Z", "dateModified": '
        '"2020-10-01T13:23:47.000Z"}</script></head><body><h1>How to Care for Hydrangeas</h1>'
        '<a href="https://www.realsimple.com/author/sarah-yang">Sarah Yang</a>'
        '<div class="timestamp published-date padding-12-left">Updated May 06, 2019</div>'
        f"<div class='article-body'>{STORY}</div></body></html>"
    )
    assert page_dates(page, rules=htmldates.RULES - {"shown"}).published.value.date() == date(2016, 8, 29)
    dates = page_dates(page)
    assert dates.published is None
    assert dates.updated == Dated(datetime(2019, 5, 6, tzinfo=UTC), "day")


def test_a_publication_day_in_the_url_under_a_visible_update_is_kept():
    # news_html readability--videos-1 (vox.com): "Updated Jul 24, 2018" on the page; the day of
    # publication is in the URL, the JSON-LD and the <meta>
    page = (
        '<html><head><title>The 21 best movies of 2017</title><link rel="canonical" href="https://www.vox.com/'
        '2017-in-review/2017/12/15/16751138/best-movies-2017-streaming-how-to-watch">'
        '<meta property="article:published_time" content="2017-12-15T12:00:02-05:00">'
        '</head><body><h1>The 21 best movies of 2017</h1><div class="byline">By Alissa Wilkinson '
        f"Updated Jul 24, 2018, 2:15pm EDT</div><div class='c-entry-content'>{STORY}</div></body></html>"
    )
    dates = page_dates(page)
    assert dates.published.value.date() == date(2017, 12, 15)
    assert dates.updated.value.date() == date(2018, 7, 24)


def test_the_day_shown_under_the_headline_beats_a_guess_from_elsewhere_in_the_page():
    # dates_html for-me-online.de-pubertät: no date markup; the reader sees "Familie 17/02/2022"
    # under the headline; the page's script data holds the day its footer was last edited
    page = (
        "<html><head><title>Wie spreche ich mit meiner Tochter über ihre Pubertät?</title></head><body>"
        '<h1 class="sc-AxjAm eGQfRO">Wie spreche ich mit meiner Tochter über ihre Pubertät?</h1>'
        '<div display="tag"><div color="family">Familie</div><div>17/02/2022</div></div>'
        f"<section>{STORY}</section><script id=\"__JSS_STATE__\" type=\"application/json\">"
        '{"fields":{"LoadDynamicSegmantaScript":{"value":true},"__Updated":{"value":"2022-02-09T11:04:09Z"}}}'
        "</script></body></html>"
    )
    # htmldate alone takes the script's day, which only a script holds (no day at all, then)
    without = htmldates.RULES - {"headline", "machine only"}
    assert page_dates(page, rules=without).published.value.date() == date(2022, 2, 9)
    assert page_dates(page, rules=htmldates.RULES - {"headline"}).published is None
    assert page_dates(page).published == Dated(datetime(2022, 2, 17, tzinfo=UTC), "day")


def test_the_day_shown_under_the_headline_beats_a_hidden_stamp_only_when_the_metadata_holds_it():
    # dates_html rtl.de-lockdown: JSON-LD datePublished 16 March is shown nowhere; the reader sees
    # "20. März 2021 - 15:00 Uhr" under the headline, the page's dateModified: the page presents
    # the 20th as the story's day (the annotators' day too)
    page = (
        '<html><head><script type="application/ld+json">{"@type": "NewsArticle", "datePublished": '
        '"2021-03-16T16:16:10Z", "dateModified": "2021-03-20T14:00:17Z"}</script>'
        "<title>Corona-Lockdown steht vor 4-wöchiger Verlängerung</title></head><body>"
        '<h1 class="font-sm">Medienbericht: Corona-Lockdown steht vor 4-wöchiger Verlängerung</h1>'
        '<div class="publish-info"><p class="date-time">20. März 2021 - 15:00<!-- --> Uhr</p></div>'
        f"<section class='content first'>{STORY}</section></body></html>"
    )
    without = htmldates.RULES - {"headline", "modified shown"}
    assert page_dates(page, rules=without).published.value.date() == date(2021, 3, 16)
    assert page_dates(page).published.value.date() == date(2021, 3, 20)
    # news_html readability--bug-1255978 (The Independent): "Friday 25 December 2015" under the
    # headline is a day the metadata does not hold (a re-promotion): the published_time stands
    page = (
        '<html><head><meta property="article:published_time" content="2015-09-17T16:57:43+01:00">'
        "<title>The seven secrets that hotel owners don't want you to know</title></head><body>"
        "<h1 itemprop=\"headline\">The seven secrets that hotel owners don't want you to know</h1>"
        '<div class="intro"><p>Hotel bosses spill the beans on cost cutting and horrible hygiene</p></div>'
        '<ul class="caption meta"><li class="author">Hazel Sheffield</li><li>Friday 25 December 2015</li>'
        f"</ul><div class='text-wrapper'>{STORY}</div></body></html>"
    )
    assert page_dates(page).published.value.date() == date(2015, 9, 17)


def test_the_modified_day_is_the_day_when_it_is_the_only_one_the_reader_sees():
    # the rtl.de-lockdown case with the day printed at the foot of the story instead of under the
    # headline; with a URL of the 16th the 16th stands; a line that calls the 20th an update leaves
    # the page undated (it shows only an update), the update kept
    def page(url: str = "", line: str = "20.03.2021") -> str:
        return (
            f'<html><head><link rel="canonical" href="{url}"><script type="application/ld+json">'
            '{"@type": "NewsArticle", "datePublished": "2021-03-16T16:16:10Z", "dateModified": '
            '"2021-03-20T14:00:17Z"}</script><title>Lockdown</title></head><body>'
            f"<h1>Bund und Länder wollen Lockdown verlängern</h1><section>{STORY * 2}</section>"
            f"<p class='foot'>{line}</p></body></html>"
        )

    assert day(page(), rules=htmldates.RULES - {"modified shown"}) == date(2021, 3, 16)
    assert day(page()) == date(2021, 3, 20)
    assert day(page(url="https://www.rtl.de/2021/03/16/lockdown.html")) == date(2021, 3, 16)
    dates = page_dates(page(line="Aktualisiert am 20.03.2021"))
    assert (dates.published, dates.updated.value.date()) == (None, date(2021, 3, 20))


def test_the_first_time_element_the_reader_sees_beats_a_hidden_metadata_day():
    # after dates_html umweltbundesamt.de-atomkraft: a dcterms.date of the 21st shown nowhere, and a
    # <time> of the 25th that the reader sees in the story; with the 21st in the text the metadata
    # day stands, and with the 25th labelled as an update the page shows only an update
    def page(extra: str = "", label: str = "") -> str:
        return (
            '<html><head><meta name="dcterms.date" content="2022-01-21T09:43+01:00">'
            "<title>EU-Taxonomie: Atomkraft und Erdgas sind nicht nachhaltig</title></head><body>"
            f"<h1>EU-Taxonomie: Atomkraft und Erdgas sind nicht nachhaltig</h1><section>{STORY * 2}"
            f'<p>{label}<time datetime="2022-01-25T08:00:00+01:00">25.01.2022</time></p>{extra}'
            "</section></body></html>"
        )

    assert day(page(), rules=htmldates.RULES - {"time shown"}) == date(2022, 1, 21)
    assert day(page()) == date(2022, 1, 25)
    assert day(page(extra="<p>Stand: 21.01.2022</p>")) == date(2022, 1, 21)
    dates = page_dates(page(label="Aktualisiert am "))
    assert (dates.published, dates.updated.value.date()) == (None, date(2022, 1, 25))


def test_a_day_written_only_in_scripts_and_data_blobs_is_no_publication_day():
    # after dates_html 1587353145 (a "createTime" in a script; its gold has no date) and 1676646261
    # (an emoji's file name "…20200715…" in a data attribute): htmldate takes the day, no reader sees
    # it, no date field claims it; a "published" key before it, or the day in the text, keeps it
    def page(script: str = "", blob: str = "", text: str = "") -> str:
        title = "Kaffee und Kuchen im Stadtpark am Sonntag"
        return (
            f"<html><head><title>{title}</title><script>{script}</script></head><body><h1>{title}</h1>"
            f'<div data-state="{blob}"></div><article>{STORY}{text}</article></body></html>'
        )

    created = 'var s = {"oclc": "MYG", "createTime": "2008-02-02T03:02:36.000+0000"};'
    emoji = "&quot;https://abs.twimg.com/hashflags/Emoji_mini4WD20200715_2020/x.png&quot;," * 4
    assert page_dates(page(script=created)).published is None
    assert page_dates(page(blob=emoji)).published is None
    assert day(page(script=created), rules=htmldates.RULES - {"machine only"}) == date(2008, 2, 2)
    assert day(page(script=created.replace("createTime", "datePublished"))) == date(2008, 2, 2)
    assert day(page(script=created, text="<p>2. Februar 2008</p>")) == date(2008, 2, 2)


def test_a_day_shown_only_above_the_headline_gives_way_to_the_day_under_it():
    # the site's "today" in its masthead ("Mittwoch, 01. November 2023"), then the headline and the
    # story's own day: the day under the headline wins where the chosen day is shown only above it
    title = "Über Dragqueens und Dragkings auf und jenseits der Bühne"
    markup = (f"<html><head><title>{title}</title></head><body><div>Mittwoch, 01. November 2023</div>"
              f"<h1>{title}</h1><p>Im Schlepptau 31. Oktober 2023. Von Georg Kasch</p>"
              f"<article>{STORY}</article></body></html>")
    tree = html._tree(markup.encode())
    seen = htmlmeta.visible_text(tree)
    masthead = Dated(datetime(2023, 11, 1, tzinfo=UTC), "day")
    shown = htmldates._shown_under_headline(masthead, tree, seen, None, None, [], {}, {})
    assert shown.value.date() == date(2023, 10, 31)
    below = markup.replace("Von Georg Kasch", "Von Georg Kasch, 1. November 2023")
    tree = html._tree(below.encode())
    assert htmldates._shown_under_headline(masthead, tree, htmlmeta.visible_text(tree), None, None,
                                           [], {}, {}) is None


def test_a_utc_stamp_gives_the_day_the_reader_sees_in_the_sites_zone():
    # after dates_html 1789111868 (lagazzettadelmezzogiorno.it): "2020-12-05T23:15Z", and the page
    # shows "Domenica 06 Dicembre 2020 | 00:36"; with the 5th shown, or a stamp with its offset, the
    # stamp's own day stands
    title = "California certifica il voto: Biden oltre quota 270"

    def page(stamp: str = "2020-12-05T23:15:00Z", shown: str = "Domenica 06 Dicembre 2020 | 00:36") -> str:
        return (f'<html><head><title>{title}</title><meta itemprop="datePublished" content="{stamp}">'
                f"</head><body><h1>{title}</h1><p>{shown}</p><article>{STORY}</article></body></html>")

    assert day(page()) == date(2020, 12, 6)
    assert day(page(), rules=htmldates.RULES - {"zone shown"}) == date(2020, 12, 5)
    assert day(page(shown="Sabato 05 Dicembre 2020")) == date(2020, 12, 5)
    assert day(page(stamp="2020-12-05T23:15:00-08:00", shown="")) == date(2020, 12, 5)


def test_a_page_without_h1_has_its_headline_in_the_h2_that_begins_its_title():
    # after dates_html nachtkritik.de-Dragqueens: no <h1>; the <h2> is the <title>'s headline, and
    # the story's day is under it (the masthead's "today" above it is not the story's day)
    title = "Kolumne: Queer Royal - Über Dragqueens und Dragkings auf und jenseits der Bühne"

    def page(heading: str) -> bytes:
        return (f"<html><head><title>{title.replace(' - ', ' – ')}</title></head><body>"
                f"<div>Mittwoch, 01. November 2023</div>{heading}<p>Im Schlepptau 31. Oktober 2023.</p>"
                f"<article>{STORY}</article></body></html>").encode()

    for markup, expected in ((page(f"<h2>{title}</h2>"), date(2023, 10, 31)),
                             (page("<h2>Wir bieten profunden Theaterjournalismus</h2>"), None)):
        tree = html._tree(markup)
        shown = htmldates.headline_date(tree, htmlmeta.visible_text(tree))
        assert (shown.value.date() if shown else None) == expected
