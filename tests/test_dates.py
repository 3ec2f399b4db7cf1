"""Publication dates from real date lines and meta values (sources noted on each case).

news_html and dates_html pages are © their publishers (test fixtures of mozilla/readability,
codelucas/newspaper, postlight/parser, adbar/htmldate); only short date strings are quoted here.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone

import pytest

from archive import Archive, Article, read
from archive.extract.dates import Dated, parse_date, parse_dated, parse_field

EST = timezone(timedelta(hours=-5))
EDT = timezone(timedelta(hours=-4))
CET = timezone(timedelta(hours=1))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # seed article 000_22084bbc24ccd4f7.txt (All4Women)
        ("Last updated on Jun 17th, 2021 at 12:01 pm", datetime(2021, 6, 17, 12, 1, tzinfo=UTC)),
        # Wikinews, "Australian children suffering from iodine deficiency"
        ("Thursday, February 23, 2006", datetime(2006, 2, 23, tzinfo=UTC)),
        # news_html readability--aktualne, <meta property="article:published_time">
        ("2021-11-01T10:52:50+01:00", datetime(2021, 11, 1, 10, 52, 50, tzinfo=CET)),
        # readability expected-metadata of aktualne (offset without a colon)
        ("2021-11-01T10:52:50+0100", datetime(2021, 11, 1, 10, 52, 50, tzinfo=CET)),
        # readability--engadget expected publishedTime (naive, fractional seconds): taken as UTC
        ("2017-11-03 03:01:00.000000", datetime(2017, 11, 3, 3, 1, tzinfo=UTC)),
        # readability--herald-sun-1, <meta name="article:publicationdate"> (Unix `date` format)
        ("Fri Mar 13 21:30:09 EST 2015", datetime(2015, 3, 13, 21, 30, 9, tzinfo=EST)),
        # readability--yahoo-3 byline block
        ("By GILLIAN MOHNEY March 11, 2015 3:46 PM EDT", datetime(2015, 3, 11, 15, 46, tzinfo=EDT)),
        # readability--lemonde-1 signature line (day first, dotted; "13h36" is the time)
        ("Le Monde | 04.05.2015 à 13h36 • Mis à jour le 05.05.2015",
         datetime(2015, 5, 4, 13, 36, tzinfo=UTC)),
        # postlight--www.asahi.com visible date line
        ("2019年3月1日 13時16分", datetime(2019, 3, 1, 13, 16, tzinfo=UTC)),
        # Reuters-21578 <DATE>
        ("26-FEB-1987 15:01:01.79", datetime(1987, 2, 26, 15, 1, 1, tzinfo=UTC)),
        # RFC 2822, as in RSS and some meta tags
        ("Thu, 23 Feb 2006 10:00:00 +0000", datetime(2006, 2, 23, 10, 0, tzinfo=UTC)),
    ],
)
def test_real_date_strings(text, expected):
    got = parse_date(text)
    assert got == expected
    assert got.utcoffset() == expected.utcoffset()  # the zone given is kept, not converted


@pytest.mark.parametrize(
    "text",
    [
        "Published 2 hours ago",        # relative: no date is invented from "now"
        "Updated: yesterday",
        "by Lucas Nolan",                # readability--breitbart byline without its date
        "Posted in Politics",
        "",
        None,
        "2015-13-45",                    # not a calendar date
    ],
)
def test_no_date_is_invented(text):
    assert parse_date(text) is None


def test_year_glued_to_a_count_is_not_a_year():
    # readability--breitbart expected byline "by Lucas Nolan22 Dec 2016651": 651 comments follow
    assert parse_date("22 Dec 2016651") is None


# --- precision, numeric day/month order, exports -------------------------------------------------

@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        # Wikinews date line: a day, not a made-up midnight
        ("Thursday, February 23, 2006", datetime(2006, 2, 23, tzinfo=UTC), "day"),
        ("Last updated on Jun 17th, 2021 at 12:01 pm", datetime(2021, 6, 17, 12, 1, tzinfo=UTC), "time"),
        # day first unless impossible (see archive.extract.dates)
        ("23/02/2006", datetime(2006, 2, 23, tzinfo=UTC), "day"),
        ("02/23/2006", datetime(2006, 2, 23, tzinfo=UTC), "day"),
        ("03/04/2006", datetime(2006, 4, 3, tzinfo=UTC), "day"),
        # dates_html caritas.de: "Erschienen am: 13.10.2021"; zeit.de byline; a Spanish and an
        # Italian page (1789111868: "06 Dicembre 2020")
        ("13.10.2021", datetime(2021, 10, 13, tzinfo=UTC), "day"),
        ("19. Oktober 2019, 19:08 Uhr", datetime(2019, 10, 19, 19, 8, tzinfo=UTC), "time"),
        ("19 de febrero de 2020", datetime(2020, 2, 19, tzinfo=UTC), "day"),
        ("06 Dicembre 2020", datetime(2020, 12, 6, tzinfo=UTC), "day"),
        # nypost.com-GOP (dates_html): the visible line keeps the zone it names
        ("Published Nov. 8, 2023, 10:28 p.m. ET", datetime(2023, 11, 8, 22, 28, tzinfo=EST), "time"),
    ],
)
def test_dates_keep_their_precision(text, value, precision):
    assert parse_dated(text) == Dated(value, precision)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2006-02-23T10:00:00+01:00", Dated(datetime(2006, 2, 23, 10, tzinfo=CET), "time")),
        (1140688800, Dated(datetime(2006, 2, 23, 10, tzinfo=UTC), "time")),  # Unix seconds
        ("1140688800", Dated(datetime(2006, 2, 23, 10, tzinfo=UTC), "time")),
        (1140688800000, Dated(datetime(2006, 2, 23, 10, tzinfo=UTC), "time")),  # milliseconds
        ("23/02/2006", Dated(datetime(2006, 2, 23, tzinfo=UTC), "day")),
        ("Thursday, February 23, 2006", Dated(datetime(2006, 2, 23, tzinfo=UTC), "day")),
        ("2006-02", Dated(datetime(2006, 2, 1, tzinfo=UTC), "month")),
        ("February 2006", Dated(datetime(2006, 2, 1, tzinfo=UTC), "month")),
        ("2006", Dated(datetime(2006, 1, 1, tzinfo=UTC), "year")),
        ("12345", None),  # an id, not a time
        (True, None),
        ("soon", None),
    ],
)
def test_export_date_fields(value, expected):
    assert parse_field(value) == expected


def test_exports_and_text_keep_the_precision_in_the_record(tmp_path):
    rows = [
        {"headline": "Iodine", "text": "Children lack iodine.", "date": "Thursday, February 23, 2006"},
        {"headline": "Stamp", "text": "A story.", "timestamp": 1140688800000},
        {"headline": "Month", "text": "A story.", "published": "2006-02"},
    ]
    path = tmp_path / "export.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    day, stamp, month = read(path)
    assert (day.published_text, day.published_precision) == ("2006-02-23", "day")
    assert stamp.published == datetime(2006, 2, 23, 10, tzinfo=UTC) and stamp.published_precision == "time"
    assert month.to_dict()["published"] == "2006-02" and month.to_dict()["published_precision"] == "month"
    assert Article.from_dict(month.to_dict()) == month
    text = tmp_path / "story.txt"
    text.write_text("A headline\n\n23/02/2006\n\nThe story, told in a paragraph.\n", encoding="utf-8")
    (story,) = read(text)
    assert (story.published, story.published_precision) == (datetime(2006, 2, 23, tzinfo=UTC), "day")
    told = "The story, told in a paragraph long enough to read as prose rather than as data."
    text.write_text(f"A headline\n\n2006-02-23T10:00:00+01:00\n\n{told}\n", encoding="utf-8")
    (story,) = read(text)
    assert story.published == datetime(2006, 2, 23, 10, tzinfo=CET) and story.body == told


def test_a_month_only_article_is_found_by_its_month_and_not_given_a_day(tmp_path):
    rows = [
        {"headline": "A February story", "text": "Snow in the north.", "date": "2006-02"},
        {"headline": "A dated story", "text": "Snow in the south.", "date": "2006-02-10"},
        {"headline": "A later story", "text": "Snow again.", "date": "2006-02-20"},
    ]
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "export.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    arc = Archive(tmp_path / "index")
    arc.rebuild([tmp_path / "data"])
    try:
        month = arc.search("snow", since="2006-02", until="2006-02")
        assert month.total == 3
        narrow = arc.search("snow", since="2006-02-05", until="2006-02-25")
        assert sorted(h.title for h in narrow.hits) == ["A dated story", "A later story"]
        facet = {v.value: v.count for v in arc.search("snow").facets["date"]}
        assert facet == {"2006-02": 1, "2006-02-10": 1, "2006-02-20": 1}  # no made-up "2006-02-01"
    finally:
        arc.close()


# --- an export's revision date is kept apart from its publication date -------------------------------

def test_export_revision_fields_are_the_updated_date(tmp_path):
    rows = [
        {"headline": "Only revised", "text": "A story.", "updated": "2006-02-23T10:00:00+01:00"},
        {"headline": "Both", "text": "A story.", "date": "23/02/2006", "last_modified": 1140778800},
        {"headline": "Same day", "text": "A story.", "published": "2006-02-23", "dateModified": "2006-02-23"},
    ]
    path = tmp_path / "export.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    revised, both, same = read(path)
    assert revised.published is None and revised.updated == datetime(2006, 2, 23, 10, tzinfo=CET)
    assert both.published == datetime(2006, 2, 23, tzinfo=UTC) and both.published_precision == "day"
    assert both.updated == datetime(2006, 2, 24, 11, tzinfo=UTC)  # Unix seconds
    assert same.updated is None  # no later revision
    csv = tmp_path / "export.csv"
    csv.write_text("headline,text,date,modified\nA story,Snow fell.,Thursday February 23 2006,1140778800\n"
                   "Another,Rain fell.,1140688800,\n", encoding="utf-8")
    first, second = read(csv)
    assert (first.published, first.published_precision) == (datetime(2006, 2, 23, tzinfo=UTC), "day")
    assert first.updated == datetime(2006, 2, 24, 11, tzinfo=UTC)
    assert second.published == datetime(2006, 2, 23, 10, tzinfo=UTC) and second.updated is None
