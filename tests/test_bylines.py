"""Bylines into people's names, on real bylines (sources noted; news_html pages are © their
publishers, quoted here only as the short byline strings)."""

from __future__ import annotations

import pytest

from archive.extract.bylines import split_byline


@pytest.mark.parametrize(
    ("byline", "site", "people", "outlet"),
    [
        # HuffPost export (tests/fixtures/huffpost-sample.jsonl)
        ("Carla K. Johnson, AP", None, ["Carla K. Johnson"], "AP"),
        # huffpost_news_category rows 3121, 3255, 3809, 4999, 5525: editions and staff credits are the
        # outlet, not people
        ("Sarah Turnnidge, HuffPost UK", None, ["Sarah Turnnidge"], "HuffPost UK"),
        ("HuffPost Editors", None, [], "HuffPost"),
        ("HuffPost Staff, HuffPost", None, [], "HuffPost"),
        ("By Eve Fairbanks, On Assignment For HuffPost", None, ["Eve Fairbanks"], "HuffPost"),
        ("By Zi-Ann Lum, HuffPost Canada", None, ["Zi-Ann Lum"], "HuffPost Canada"),
        # seed 000_22084bbc24ccd4f7.txt closing line
        ("Author: BANG Showbiz", None, [], "BANG Showbiz"),
        # readability--aclu visible byline: role and affiliation after the name
        ("By Daniel Kahn Gillmor, Senior Staff Technologist, ACLU Speech, Privacy, and Technology Project",
         None, ["Daniel Kahn Gillmor"], None),
        # readability--lemonde-1: co-authors in French
        ("Martin Untersinger (avec Damien Leloup et Morgane Tual)", None,
         ["Martin Untersinger", "Damien Leloup", "Morgane Tual"], None),
        # readability--liberation-1 and readability--videos-2
        ("Par Sébastien Farcis", None, ["Sébastien Farcis"], None),
        ("Alexandre Hervaud, Jérémy Piette", None, ["Alexandre Hervaud", "Jérémy Piette"], None),
        # readability--aktualne: "2 hours ago" run on after the name
        ("Aleš Vávra před 2 hodinami", None, ["Aleš Vávra"], None),
        # readability--yahoo-3: name in capitals, then the date
        ("By GILLIAN MOHNEY\n March 11, 2015 3:46 PM", None, ["Gillian Mohney"], None),
        # readability--webmd-1: degree and the outlet on the next line
        ("By Brenda  Goodman, MA\n WebMD Health News", None, ["Brenda Goodman"], None),
        # readability--yahoo-1: the role in its own block
        ("Ben Silverman\nGames Editor", None, ["Ben Silverman"], None),
        # readability--herald-sun-1
        ("SUSIE O’BRIEN", None, ["Susie O’Brien"], None),
        # readability--bbc-1 og:article:author: an outlet, no person
        ("BBC News", None, [], "BBC News"),
        # readability--lemonde-1 signature: the site's own name is the outlet
        ("Le Monde", "Le Monde.fr", [], "Le Monde"),
        # postlight--www.itmedia.co.jp: full-width comma and brackets
        ("[田中宏昌，ITmedia]", "ITmedia", ["田中宏昌"], "ITmedia"),
        # readability--schema-org-context-object JSON-LD authors, joined
        ("Stella Kim, Jennifer Jett", None, ["Stella Kim", "Jennifer Jett"], None),
        ("Jane Doe and John Roe | CNN", None, ["Jane Doe", "John Roe"], "CNN"),
    ],
)
def test_real_bylines(byline, site, people, outlet):
    assert split_byline(byline, site=site) == (people, outlet)


@pytest.mark.parametrize(
    "byline",
    [
        "https://www.facebook.com/profile.php?id=cesarsalza",  # readability--cnet-svg-classes meta
        "http://www.liberation.fr/auteur/2005-afp",              # readability--liberation-1 meta
        "",
        None,
        "March 11, 2015",
    ],
)
def test_not_names(byline):
    assert split_byline(byline)[0] == []


def test_names_with_particles_and_month_words():
    assert split_byline("By Ludwig van Beethoven")[0] == ["Ludwig van Beethoven"]
    assert split_byline("April Ryan")[0] == ["April Ryan"]
    assert split_byline("Bruno (Henrique Zecchin) Rodrigues")[0] == ["Bruno Henrique Zecchin Rodrigues"]
