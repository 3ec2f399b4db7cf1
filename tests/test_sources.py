"""Each reader on real files (fixtures cut from the seeds and the shared corpora)."""

from __future__ import annotations

import gzip
import json
import random
from datetime import UTC, datetime
from pathlib import Path

import pytest

from archive import Article, BadDocument, Skipped, read, scan
from archive.sources import limits
from tests.conftest import FIXTURES, shared_path


def only(path, root=None):
    articles = list(read(path, root))
    assert len(articles) == 1
    return articles[0]


def test_seed_with_date_line_and_author_line():
    article = only(FIXTURES / "000_22084bbc24ccd4f7.txt")
    assert article.title == "Kate Beckinsale has been named as an ambassador for a baby loss charity"
    assert article.published == datetime(2021, 6, 17, 12, 1, tzinfo=UTC)
    assert article.authors == ("BANG Showbiz",)
    assert "View this post on Instagram" not in article.body
    assert "Subscribe to our Free Daily All4Women Newsletter" not in article.body
    assert "A post shared by" not in article.body
    assert "Author:" not in article.body
    assert article.body.startswith("The 47-year-old actress recently revealed")
    assert article.id == "000_22084bbc24ccd4f7.txt"


def test_seed_with_repeated_headline_and_no_date():
    article = only(FIXTURES / "001_e5559c25d7e2ccce.txt")
    assert article.title == "Kate Beckinsale discusses her miscarriage as she offers Chrissy Teigen support"
    assert article.title not in article.body
    assert article.published is None
    assert article.body.startswith("Kate Beckinsale has said she has previously suffered")


def test_wikinews_date_line():
    article = only(FIXTURES / "wikinews-iodine.txt")
    assert article.title == "Australian children suffering from iodine deficiency"
    assert article.published == datetime(2006, 2, 23, tzinfo=UTC)
    assert article.body.startswith("Almost half of all Australian primary school children")


@pytest.mark.parametrize(("headline", "title", "day"), [
    # wikinews_gum/GUM_interview_ants (and 10 more interviews): the date line glued to the headline
    ("Biologist Nick Bos tells Wikinews about 'self-medicating' ants Tuesday, September 1, 2015",
     "Biologist Nick Bos tells Wikinews about 'self-medicating' ants", "2015-09-01"),
    # a date the headline talks about has no weekday: it stays in the headline
    ("Election moved to March 3, 2020", "Election moved to March 3, 2020", None),
])
def test_date_glued_to_the_headline(tmp_path, headline, title, day):
    path = tmp_path / "story.txt"
    path.write_text(f"{headline}\n\nThe story starts here and goes on for a while.\n", encoding="utf-8")
    article = only(path)
    assert article.title == title
    assert (article.published.date().isoformat() if article.published else None) == day


def test_reuters_sgml_many_stories_with_dates():
    articles = list(read(FIXTURES / "reuters-sample.sgm"))
    assert len(articles) == 7
    first = articles[0]
    assert first.id == "reuters-sample.sgm#1"
    assert first.title == "BAHIA COCOA REVIEW"
    assert first.published == datetime(1987, 2, 26, 15, 1, 1, tzinfo=UTC)
    assert first.body.startswith("Showers continued throughout the week in the Bahia cocoa zone")
    assert not first.body.endswith("Reuter")
    bylined = [a for a in articles if a.authors]
    assert bylined and bylined[0].authors == ("Janie Gabbett",)
    assert bylined[0].outlet == "Reuters"


def test_jsonl_records():
    articles = list(read(FIXTURES / "huffpost-sample.jsonl"))
    assert len(articles) == 5
    first = articles[0]
    assert first.title.startswith("Over 4 Million Americans Roll Up Sleeves")
    assert first.published == datetime(2022, 9, 23, tzinfo=UTC)
    assert first.authors == ("Carla K. Johnson",)
    assert first.outlet == "AP"
    assert first.url.startswith("https://www.huffpost.com/entry/covid-boosters")
    assert first.id == "huffpost-sample.jsonl#1"


def test_csv_records():
    articles = list(read(FIXTURES / "huffpost-sample.csv"))
    assert [a.title for a in articles][:1] == [
        "Over 4 Million Americans Roll Up Sleeves For Omicron-Targeted COVID Boosters"]
    assert articles[1].authors == ("Mary Papenfuss",)


def test_html_page_from_news_html():
    path = shared_path("corpora", "news_html", "pages", "readability--aclu.html.gz")
    article = only(path)
    assert article.title == "Facebook Is Tracking Me Even Though I’m Not on Facebook"
    assert "I don't use Facebook" in article.body
    assert article.url.startswith("https://www.aclu.org/")


def test_html_page_with_control_characters_is_read(tmp_path):
    # A saved page with a stray NUL and form feed (found by mutating news_html pages): lxml cannot
    # hold them and used to raise ValueError out of the reader, stopping a rebuild.
    page = (
        "<html><head><title>Council votes on the library</title></head><body><article>"
        "<h1>Council votes on the library</h1><p>The council voted\x00 seven to two on Tuesday to fund"
        " the new library.</p>\x0c<p>Work starts in May, the mayor said.</p></article></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("utf-8"))
    article = only(path)
    assert article.body == (
        "The council voted seven to two on Tuesday to fund the new library.\n\n"
        "Work starts in May, the mayor said."
    )


def test_a_reader_that_fails_names_the_file_and_stops_nothing(tmp_path, monkeypatch):
    # Fault injection: a reader bug on one file becomes a Skipped record with the reason.
    from archive import sources

    def broken(raw, rel):
        raise ValueError("unexpected markup")
        yield

    monkeypatch.setitem(sources.READERS, ".html", broken)
    (tmp_path / "page.html").write_text("<html><body><p>x</p></body></html>")
    items = list(scan(tmp_path / "page.html", tmp_path))
    assert len(items) == 1 and isinstance(items[0], Skipped)
    assert items[0].reason.startswith("the html reader failed on this file (ValueError: unexpected markup)")


def test_gzipped_input(tmp_path):
    target = tmp_path / "story.txt.gz"
    target.write_bytes(gzip.compress((FIXTURES / "wikinews-iodine.txt").read_bytes()))
    assert only(target).title == "Australian children suffering from iodine deficiency"


def test_a_compression_bomb_is_refused_without_filling_memory(tmp_path, monkeypatch):
    """A multi-record file is read whole, so its decompressed size is bounded: a gzip member of
    zeros repeated decompresses far past the bound, and reading stops there with a reason."""
    monkeypatch.setattr(limits, "MAX_FILE_SIZE", 8 * 2**20)  # the real bound is 2 GB
    member = gzip.compress(b"\0" * 2**22)  # 4 MB of zeros in ~4 KB
    bomb = tmp_path / "export.jsonl.gz"
    bomb.write_bytes(member * 64)  # 256 MB once decompressed, in ~260 KB
    good = tmp_path / "fine.jsonl.gz"
    good.write_bytes(gzip.compress(b'{"headline": "Good", "text": "Body text of a record."}\n'))
    [item] = scan(bomb, tmp_path)
    assert isinstance(item, Skipped) and item.source == "export.jsonl.gz"
    assert item.reason.startswith("too large to read: more than 8 MB once decompressed")
    assert "compression bomb" in item.reason
    assert [a.title for a in scan(good, tmp_path)] == ["Good"]


def test_a_multi_record_file_over_the_bound_is_refused_before_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_FILE_SIZE", 1000)
    path = tmp_path / "big.jsonl"
    path.write_text('{"headline": "Good", "text": "Body text of a record."}\n' * 100)
    [item] = scan(path, tmp_path)
    assert isinstance(item, Skipped)
    assert item.reason.startswith("too large to read: 5.4 KB, more than 1000 bytes")
    assert "split" in item.reason


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\n ", "empty file"),
        ("random.txt", bytes(range(256)) * 4, "cannot be decoded"),
        ("one-line.txt", b"Just a headline\n", "not an article"),
        ("notes.md", b"# notes", "not a supported article format"),
        ("bad.json", b"{nope", "not valid JSON"),
        ("random.jsonl", bytes(range(256)) * 4, "cannot be decoded"),
        ("random.csv", bytes(range(1, 256)) * 4, "cannot be decoded"),
        ("page.html", b"<html><body><nav>menu</nav></body></html>", "not an article"),
        ("plain.sgm", b"hello", "no <REUTERS> stories"),
        ("broken.txt.gz", b"not gzip at all", "unreadable"),
    ],
)
def test_bad_files_yield_a_reason(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    items = list(scan(path, tmp_path))
    assert len(items) == 1 and isinstance(items[0], Skipped)
    assert items[0].source == name
    assert reason in items[0].reason
    with pytest.raises(BadDocument, match=name):
        list(read(path))


def test_bad_records_are_reported_and_good_ones_kept(tmp_path):
    path = tmp_path / "export.jsonl"
    path.write_text('{"headline": "Good", "text": "Body text."}\nnot json\n{"category": "x"}\n[1]\n')
    items = list(scan(path, tmp_path))
    assert [type(i).__name__ for i in items] == ["Article", "Skipped", "Skipped", "Skipped"]
    assert items[1].source == "export.jsonl#2" and "not valid JSON" in items[1].reason
    assert "no headline/title" in items[2].reason
    assert "not a JSON object" in items[3].reason


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("short.jsonl", '{"title":"A","body":"B x","date":"2020-01-01"}\n'
                        '{"title":"Oil 12%","body":"1,2,3: 4.5%","url":"http://x.y/1"}\n'),
        ("short.csv", "title,body,date\nA,B,2020-01-01\nQ2,+3.5%,2020-01-02\n"),
        ("short.json", '[{"title":"Q1","body":"$12.5m (+3 pct)","date":"2020-01-03"}]'),
    ],
)
def test_short_records_are_data_not_binary(tmp_path, name, content):
    # Structured exports are mostly quotes, commas and digits when records are short; that is
    # not binary data (the letters-ratio check is for prose files only).
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    items = list(scan(path, tmp_path))
    assert items and all(type(item).__name__ == "Article" for item in items)
    assert items[0].title in {"A", "Q1"}


def test_html_in_export_fields_becomes_plain_paragraphs(tmp_path):
    # The shape of a WordPress/RSS export: the body is an HTML fragment.
    record = {
        "title": "Council approves &amp; funds <em>new</em> library",
        "content": "<p>The council voted 7&ndash;2 on Tuesday.</p><script>track()</script>"
                   "<p>Work starts<br>in <a href='/x'>May</a>.</p><div class='ad'>Advert</div>",
        "date": "2024-03-05T10:00:00+01:00",
    }
    path = tmp_path / "export.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    article = only(path)
    assert article.title == "Council approves & funds new library"
    assert article.body == "The council voted 7–2 on Tuesday.\n\nWork starts in May.\n\nAdvert"
    assert str(article.published) == "2024-03-05 10:00:00+01:00"


def test_plain_export_fields_are_left_alone(tmp_path):
    path = tmp_path / "export.jsonl"
    path.write_text(json.dumps({"title": "Rates: 5 < 6", "text": "Prices rose 3% > forecast."}) + "\n")
    article = only(path)
    assert (article.title, article.body) == ("Rates: 5 < 6", "Prices rose 3% > forecast.")


def _mutated(raw: bytes, rng) -> bytes:
    data = bytearray(raw)
    kind = rng.choice(["cut", "flip", "insert", "nul"])
    if kind == "cut":
        return bytes(data[: rng.randrange(len(data))])
    if kind == "flip":
        for _ in range(rng.randint(1, 40)):
            data[rng.randrange(len(data))] = rng.randrange(256)
    elif kind == "insert":
        piece = rng.choice([b"<", b'"', b"\xff\xfe", b"<script>", b"\n\n", b",,,", b"{", b"<REUTERS>",
                            b"</BODY>", b"&#0;", b"&#99999999;", b"\r", b"\x0c"])
        at = rng.randrange(len(data) + 1)
        data[at:at] = piece * rng.randint(1, 20)
    else:
        data[rng.randrange(len(data))] = 0
    return bytes(data)


def test_damaged_files_of_every_format_are_indexed_or_named(tmp_path):
    """Each file, however damaged, gives articles or skipped records with a reason; no exception."""
    rng = random.Random(1)
    page = (b"<html><head><title>Council votes</title></head><body><nav>Home</nav><article><h1>Council "
            b"votes</h1><p>The council voted seven to two on Tuesday to fund the new library.</p><p>Work "
            b"starts in May, the mayor said.</p></article></body></html>")
    names = ("000_22084bbc24ccd4f7.txt", "huffpost-sample.jsonl", "huffpost-sample.csv", "reuters-sample.sgm")
    sources = [(name, (FIXTURES / name).read_bytes()) for name in names]
    sources.append(("page.html", page))
    for number in range(300):
        name, raw = sources[number % len(sources)]
        path = tmp_path / f"{number}{Path(name).suffix}"
        path.write_bytes(_mutated(raw, rng))
        items = list(scan(path, tmp_path))
        assert items, path
        assert all(isinstance(item, Article) or item.reason for item in items)


# -- hostile inputs (issue 14): each reader and the walk, on small real texts -----------------------

IODINE = (FIXTURES / "wikinews-iodine.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(("name", "raw"), [
    ("utf8-bom.txt", b"\xef\xbb\xbf" + IODINE.encode()),
    ("utf16le-bom.txt", "\ufeff".encode("utf-16-le") + IODINE.encode("utf-16-le")),
    ("utf16be-bom.txt", "\ufeff".encode("utf-16-be") + IODINE.encode("utf-16-be")),
    ("utf32le-bom.txt", "\ufeff".encode("utf-32-le") + IODINE.encode("utf-32-le")),
    ("utf32be-bom.txt", "\ufeff".encode("utf-32-be") + IODINE.encode("utf-32-be")),
    ("utf16le.txt", IODINE.encode("utf-16-le")),
    ("one-nul.txt", IODINE.encode()[:300] + b"\x00" + IODINE.encode()[300:]),
    ("one-0x81.txt", IODINE.encode()[:300] + b"\x81" + IODINE.encode()[300:]),
    ("cp1252-0x81.txt", IODINE.replace("half", "half café").encode("cp1252")[:300] + b"\x81"
     + IODINE.replace("half", "half café").encode("cp1252")[300:]),
])
def test_encodings_and_stray_bytes_are_text(tmp_path, name, raw):
    path = tmp_path / name
    path.write_bytes(raw)
    article = only(path)
    assert article.title == "Australian children suffering from iodine deficiency"
    assert article.body.startswith("Almost half")
    assert "\x00" not in article.body and "\ufffd" not in article.body
    assert "café" in article.body or name != "cp1252-0x81.txt"


def test_a_table_of_figures_is_text():
    article = only(FIXTURES / "reuters-table.txt")
    assert article.title == "HUNGARIAN EXCHANGE RATES"
    assert "YEN (100) 32.6030/6690 (32.5340/6000)" in article.body


@pytest.mark.parametrize("depth", [254, 5000])
def test_deeply_nested_html_is_flattened_and_read(tmp_path, depth):
    title, _, body = IODINE.partition("\n")
    lines = [p for p in body.split("\n") if p.strip() and not p.startswith("Thursday")]
    paragraphs = "".join(f"<p>{p}</p>" for p in lines)
    page = (f"<html><head><title>{title}</title></head><body>" + "<div>" * depth
            + f"<article><h1>{title}</h1>{paragraphs}</article>" + "</div>" * depth + "</body></html>")
    path = tmp_path / "deep.html"
    path.write_text(page, encoding="utf-8")
    article = only(path)
    assert article.title == title and article.body.startswith("Almost half of all Australian")


def test_csv_fields_of_any_size(tmp_path):
    big = " ".join([IODINE.replace("\n", " ")] * 80)  # ~150 KB, past the csv module's 128 KB limit
    rows = ["title,body"] + [f"Story {n},{(big if n == 50 else IODINE.splitlines()[2]).replace(',', ';')} {n}"
                            for n in range(1, 101)]
    path = tmp_path / "export.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    articles = list(read(path))
    assert len(articles) == 100 and len(articles[49].body) > 131072
    assert articles[-1].title == "Story 100"


def test_a_file_of_records_without_bodies_is_not_articles(tmp_path):
    records = [{"id": f"GUM_news_{n}", "file": f"txt/{n}.txt", "title": f"Story {n}", "n_words": 500}
               for n in range(43)]
    path = tmp_path / "metadata.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    items = list(scan(path, tmp_path))
    assert len(items) == 1 and isinstance(items[0], Skipped)
    assert items[0].source == "metadata.jsonl"
    assert items[0].reason.startswith("not articles: none of its 43 records has a body or text field")


def test_an_article_past_the_size_limit_is_cut_and_noted(tmp_path):
    from archive.sources import Note

    path = tmp_path / "long.txt"
    path.write_text(IODINE + "\n\n".join([IODINE.split("\n", 4)[4]] * 400), encoding="utf-8")
    items = list(scan(path, tmp_path, limit=100_000))
    article = next(i for i in items if isinstance(i, Article))
    note = next(i for i in items if isinstance(i, Note))
    assert len(article.body) < 100_000 and article.body.startswith("Almost half")
    assert note.source == "long.txt"
    assert note.note.startswith("cut at the maximum article size: only the first 97.7 KB of its ")
    records = tmp_path / "long.jsonl"
    records.write_text(json.dumps({"title": "Long", "body": "word " * 50_000}) + "\n", encoding="utf-8")
    article, = (i for i in scan(records, tmp_path, limit=1000) if isinstance(i, Article))
    assert len(article.body) <= 1000


def test_ids_of_names_that_are_not_utf8_are_printable_and_reversible(tmp_path):
    import os
    from urllib.parse import unquote_to_bytes

    from archive.sources import iter_files

    names = [b"caf\xe9.txt", b"50%.txt", b"tab\there.txt"]
    for name in names:
        (tmp_path / os.fsdecode(name)).write_text(IODINE.replace("Almost", name.decode("latin-1")))
    files = list(iter_files([tmp_path]))
    assert sorted(f.id for f in files) == ["50%25.txt", "caf%E9.txt", "tab%09here.txt"]
    assert sorted(unquote_to_bytes(f.id) for f in files) == sorted(names)
    assert all(isinstance(a, Article) for f in files for a in scan(f.path, id=f.id))


def test_two_sources_with_the_same_file_names_give_two_articles(tmp_path):
    from archive.sources import iter_files

    for folder, seed in (("a/news", SEED_A), ("b/news", SEED_B)):
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "story.txt").write_bytes((FIXTURES / seed).read_bytes())
    assert [f.id for f in iter_files([tmp_path / "a/news", tmp_path / "b/news"])] == [
        "a/news/story.txt", "b/news/story.txt"]
    assert [f.id for f in iter_files([tmp_path / "a/news"])] == ["story.txt"]


SEED_A, SEED_B = "000_22084bbc24ccd4f7.txt", "001_e5559c25d7e2ccce.txt"
