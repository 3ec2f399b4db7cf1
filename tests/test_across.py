"""One canonical form per person across the archive: a lone surname in one article counts for
the full name other articles give it (archive.extract.across), at rebuild and after updates."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from archive import Archive, Article
from archive.extract.across import (
    Evidence,
    across_articles,
    confirmed,
    firms_named_as_persons,
    merged_names,
    renamed_persons,
)
from archive.rebuild import read_articles
from web import create_app

FIXTURES = Path(__file__).parent / "fixtures"

# Two Reuters-21578 stories (reut2-000.sgm, 26-FEB-1987) name only "President Reagan"; others the
# full name. Short texts in that style:
LONE = """Reagan signs trade bill

WASHINGTON, Feb 26 - President Reagan said on Thursday he would sign the trade bill, a White House
spokesman said. Reagan told reporters the bill would help farmers.
"""
FULL = """Ronald Reagan meets Nakasone

WASHINGTON, March 3 - Ronald Reagan met Japanese Prime Minister Yasuhiro Nakasone on Tuesday.
Reagan said the talks on trade were useful.
"""


def facet(arc: Archive) -> dict[str, int]:
    """The person facet counting articles (lone2.txt below is a near-copy of lone.txt: one story)."""
    return {v.value: v.count for v in arc.search("", all_copies=True).facets["person"]}


def test_a_lone_surname_is_merged_into_the_one_full_name_with_it():
    counts = {"Reagan": 342, "Ronald Reagan": 24, "Nancy Reagan": 3, "Suharto": 17}
    assert across_articles(counts) == {"Reagan": "Ronald Reagan"}


def test_no_merge_when_no_full_name_clearly_dominates():
    assert across_articles({"Smith": 5, "John Smith": 4, "Mary Smith": 3}) == {}
    assert across_articles({"Smith": 5, "John Smith": 9, "Mary Smith": 3}) == {"Smith": "John Smith"}


def test_names_with_organisation_words_take_no_part():
    assert across_articles({"Co": 104, "Electric Co": 79, "Lynch": 3, "Merrill Lynch Co": 50}) == {}


def test_full_names_are_never_merged_with_each_other():
    assert across_articles({"Jim Wright": 38, "James Wright": 2, "Wright": 1}) == {"Wright": "Jim Wright"}


def test_rebuild_and_update_keep_one_form_per_person(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "lone.txt").write_text(LONE, encoding="utf-8")
    (src / "full.txt").write_text(FULL, encoding="utf-8")
    arc = Archive(tmp_path / "index")
    arc.rebuild([src])
    people = facet(arc)
    assert people["Ronald Reagan"] == 2 and "Reagan" not in people
    assert arc.get("lone.txt").persons == ("Ronald Reagan",)
    assert arc.search("", persons=["Ronald Reagan"]).total == 2
    assert arc.search('person:"ronald reagan"').total == 2

    (src / "lone2.txt").write_text(LONE.replace("trade bill", "budget"), encoding="utf-8")
    report = arc.update()
    assert report.added == 1
    assert facet(arc)["Ronald Reagan"] == 3 and "Reagan" not in facet(arc)
    # a merge made stays until a full rebuild, which finds that only the lone name is left
    (src / "full.txt").unlink()
    arc.update()
    assert facet(arc) == {"Ronald Reagan": 2}
    arc.rebuild([src])
    assert facet(arc) == {"Reagan": 2}
    arc.close()


def test_a_rebuild_stream_holds_back_only_articles_with_lone_names():
    def article(id, *persons):
        return Article(id=id, source=id, title=id, body="", persons=persons)

    stream = [article("a", "Reagan", "Fahd"), article("b", "Ronald Reagan"), article("c")]
    out = list(merged_names(stream))
    assert [a.id for a in out] == ["b", "c", "a"]
    assert out[2].persons == ("Ronald Reagan", "Fahd") and out[0] is stream[1]


# Reuters-21578 in style: one story names the firm as if it were a person ("Merrill Lynch said"), the
# others give it its corporate ending ("Merrill Lynch and Co Inc").
AS_PERSON = """Partnership pays distribution

NEW YORK, March 2 - Merrill Lynch said the partnership will make another cash distribution in May,
said Robert Jones, a spokesman.
"""
WITH_ENDING = """{n} offering priced

NEW YORK, March {n} - Merrill Lynch and Co Inc said its Merrill Lynch Capital Markets unit will
co-manage the offering with Shearson Lehman Brothers Inc, said Mary Brown, an analyst.
"""


def test_firms_named_as_persons_by_the_archive():
    assert firms_named_as_persons({"Merrill Lynch": 21, "Ivan Boesky": 16, "Robert Jones": 3},
                                  {"Merrill Lynch": 159, "Ivan Boesky": 1}) == {"Merrill Lynch": ""}
    # a one-word name is a surname too: it needs twice the articles, and two at least
    assert firms_named_as_persons({"Citibank": 4, "Reynolds": 2, "Cohen": 1, "Moore": 3},
                                  {"Citibank": 10, "Reynolds": 8, "Cohen": 1, "Moore": 5}) == \
        {"Citibank": "", "Reynolds": ""}
    article = Article(id="a", source="a", title="t", body="b", persons=("Merrill Lynch", "Robert Jones"))
    assert renamed_persons(article, {"Merrill Lynch": ""}).persons == ("Robert Jones",)


def test_rebuild_update_and_read_articles_keep_firms_out_of_the_person_facet(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "person.txt").write_text(AS_PERSON, encoding="utf-8")
    (src / "firm.txt").write_text(WITH_ENDING.format(n=3), encoding="utf-8")
    assert [a.persons for a in read_articles([src])] == [("Mary Brown",), ("Robert Jones",)]
    arc = Archive(tmp_path / "index")
    arc.rebuild([src])
    assert arc.get("person.txt").persons == ("Robert Jones",)
    assert facet(arc) == {"Robert Jones": 1, "Mary Brown": 1}

    # An update that adds a story naming the firm as a person drops it there too...
    (src / "person2.txt").write_text(AS_PERSON.replace("March 2", "April 2"), encoding="utf-8")
    assert arc.update().added == 1
    assert arc.get("person2.txt").persons == ("Robert Jones",)
    # Without the stories that gave it an ending, an update keeps what was dropped (the index keeps
    # no trace of it, as with merged names: README, known gaps); a rebuild lists it again.
    (src / "firm.txt").unlink()
    assert arc.update().removed == 1
    assert "Merrill Lynch" not in facet(arc)
    arc.rebuild([src])
    assert arc.get("person.txt").persons == ("Merrill Lynch", "Robert Jones")
    assert facet(arc)["Merrill Lynch"] == 2


# --- the archive's evidence: candidates, dates, middle initials, the variants record ------------

def test_a_surname_alone_follows_the_full_name_of_its_period():
    evidence = Evidence({"George Bush": {1987: 40}, "George W. Bush": {2003: 30, 2004: 25},
                         "Laura Bush": {2003: 2}})
    assert evidence.full_name("Bush", 1987) == "George Bush"
    assert evidence.full_name("Bush", 2004) == "George W. Bush"
    assert evidence.full_name("Bush", 0) is None  # over the whole archive neither dominates


def test_middle_initials_fold_when_the_archive_has_one_such_person():
    folds = Evidence.of({"Donald Trump": 442, "Donald J. Trump": 2, "George H.W. Bush": 9,
                         "George W. Bush": 30, "George Bush": 12, "Donald Trump Dings": 1,
                         "Vladimir Putin": 50, "Trump-Putin Presser": 1}).middle_folds()
    assert folds["Donald J. Trump"] == "Donald Trump"
    assert folds["Donald Trump Dings"] == "Donald Trump"  # a headline's verb glued on
    assert folds["Trump-Putin Presser"] == ""  # two people's surnames: their meeting
    assert not any(name.startswith("George") for name in folds)


def test_candidates_are_confirmed_by_the_archive():
    evidence = Evidence({"Donald Trump": {2019: 400}, "Ivanka Trump": {2019: 3}, "Eddie Record": {1987: 2}})
    article = Article(id="a", source="s", title="Ivanka Trump Slams Critics", body="",
                      published=datetime(2019, 5, 1, tzinfo=UTC), candidates=("Ivanka Trump", "Slams"))
    assert confirmed(article, evidence, {})[0].persons == ("Ivanka Trump",)
    lone = replace(article, title="Trump Says No", candidates=("Trump", "Says"))
    new, renamed = confirmed(lone, evidence, {})
    assert new.persons == ("Donald Trump",) and renamed == {"Trump": "Donald Trump"}
    record = replace(article, candidates=("Record",))  # a full name in two articles is not established
    assert confirmed(record, evidence, {})[0].persons == ()


def test_headline_surnames_count_for_the_person_and_the_merge_is_shown(tmp_path):
    """Real HuffPost records (tests/fixtures/huffpost-trump.jsonl): four headlines say "Trump"
    alone ("Trump Attorneys File Do-Over Motion …"), one "Donald J. Trump"."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "huffpost.jsonl").write_bytes((FIXTURES / "huffpost-trump.jsonl").read_bytes())
    arc = Archive(tmp_path / "index")
    arc.rebuild([src])
    found = arc.people("trump")
    counts = {p.value: p.count for p in found.people}
    assert counts["Donald Trump"] == 11 and "Donald J. Trump" not in counts
    assert found.variants["Donald Trump"]["Trump"] >= 4
    assert found.variants["Donald Trump"]["Donald J. Trump"] == 1
    assert found.to_dict()["people"][0]["variants"] == found.variants["Donald Trump"]
    assert list(read_articles([src]))[6].persons[0] == "Donald Trump"  # the same without an index
    client = create_app({"INDEX": str(tmp_path / "index"), "TESTING": True}).test_client()
    html = client.get("/people?q=trump").get_data(as_text=True)
    assert "Also counted as: “Trump”" in html and "“Donald J. Trump” (1)" in html
    assert client.get("/api/people?q=trump").get_json()["people"][0]["variants"]["Donald J. Trump"] == 1


def test_a_newswire_headline_in_capitals_names_the_person_the_archive_establishes():
    """Reuters-21578 headline-only items ("TREASURY'S BAKER SAYS U.S. REMAINS PREPARED TO FOSTER
    EXCHANGE RATE STABILITY", a body of "Blah blah blah."): the surname after an owner's "'S" or an
    office, or before a verb of saying, is a candidate; the archive names who it is."""
    from archive.extract.people import people_and_candidates

    def candidates(title: str) -> list[str]:
        return people_and_candidates(title, "Blah blah blah.")[1]

    assert candidates("TREASURY'S BAKER SAYS U.S. REMAINS PREPARED TO FOSTER EXCHANGE RATE STABILITY") == [
        "Baker"]
    assert candidates("VOLCKER SAYS DOLLAR DECLINE ENOUGH") == ["Volcker"]
    assert candidates("U.S. HOUSE SPEAKER WRIGHT SAYS TAX RISE NEEDED") == ["Wright"]
    # not a firm's second word, nor a rank that is a word of business ("PRIVATE BOND PLACEMENT")
    assert candidates("BAKER HUGHES SAYS PROFIT ROSE") == []
    assert candidates("CNW <CNW> MAKES PRIVATE BOND PLACEMENT") == []
    evidence = Evidence({"James Baker": {1987: 219}, "Howard Baker": {1987: 29}})
    article = Article(id="a", source="s", title="TREASURY'S BAKER SAYS U.S. REMAINS PREPARED", body="",
                      published=datetime(1987, 3, 1, tzinfo=UTC), candidates=("Baker",))
    assert confirmed(article, evidence, {})[0].persons == ("James Baker",)
