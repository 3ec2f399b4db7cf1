"""Publication dates from real date lines and meta values (sources noted on each case).

news_html pages are © their publishers (test fixtures of mozilla/readability, codelucas/newspaper,
postlight/parser); only the short date strings are quoted here.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from archive.extract.dates import parse_date

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
        # readability--lemonde-1 signature line (day first, dotted)
        ("Le Monde | 04.05.2015 à 13h36 • Mis à jour le 05.05.2015", datetime(2015, 5, 4, 13, 36, tzinfo=UTC)),
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
