"""Every word findable (issue 11): the analyzer, exact phrases, proximity, accents, did you mean
and the schema version — on real indexes of text cut from the shared corpora."""

from __future__ import annotations

import gzip
import json
import re
import shutil
from html import escape
from pathlib import Path

import pytest
from click.testing import CliRunner
from whoosh import highlight
from whoosh import index as whoosh_index

from archive import Archive
from archive.cli import cli
from archive.errors import ArchiveError
from archive.index import snippets
from archive.index.analysis import RememberingAnalyzer, news_analyzer, phrase_terms
from archive.index.schema import SCHEMA_VERSION, TEXT, schema_version
from tests.conftest import built, shared_path
from web import create_app


def words(text: str) -> list[str]:
    return [t.text for t in news_analyzer()(text)]


# -- the analyzer -----------------------------------------------------------------------------
def test_acronyms_with_or_without_dots_are_one_term():
    assert words("U.S.") == words("US") == words("U.S") == words("us") == ["us"]
    assert words("U.K. UK") == ["uk", "uk"]
    assert words("U.N. E.U.") == ["un", "eu"]
    assert words("J.R.R. Tolkien") == ["jrr", "tolkien"]


def test_names_hyphens_and_possessives():
    assert words("O'Brien") == words("O’Brien") == ["o'brien"]
    assert words("Reagan's plan") == ["reagan", "plan"]
    assert words("COVID-19") == ["covid", "19"]
    assert words("US-based") == ["us", "base"]


def test_no_stop_words_no_minimum_size_and_stemming_of_longer_words():
    assert words("it may be a will") == ["it", "may", "be", "a", "will"]
    assert words("one us has prices") == ["one", "us", "has", "price"]


def test_accents_fold_at_index_and_query_time():
    assert words("José Gómez") == words("jose gomez") == ["jose", "gomez"]
    assert words("São Paulo Zoë Müller") == ["sao", "paulo", "zoe", "muller"]


def test_common_word_pairs_are_indexed_beside_the_words():
    tokens = [(t.text, t.pos) for t in news_analyzer()("Bank of England", positions=True, mode="index")]
    assert ("bank", 0) in tokens and ("\x1fbank of", 0) in tokens and ("\x1fof england", 1) in tokens
    assert phrase_terms(["one", "of", "the"]) == ["\x1fone of", "\x1fof the"]
    assert phrase_terms(["oil", "price"]) == ["oil", "price"]


# -- real text cut from the shared corpora ----------------------------------------------------
def _sentence(path: Path, pattern: str) -> str:
    """The sentence of ``path`` (text, or gzipped HTML) that ``pattern`` finds."""
    raw = path.read_bytes()
    text = (gzip.decompress(raw) if path.suffix == ".gz" else raw).decode("utf-8")
    text = " ".join(re.sub(r"<[^>]+>", " ", text).split())
    match = re.search(r"[^.]*" + pattern + r"[^.]*\.?", text)
    assert match, f"{pattern!r} is no longer in {path}"
    return match.group(0).strip()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """One Reuters-21578 file (1,000 stories), the BBC entertainment stories, and articles made
    of sentences of the shared corpora that write São Paulo, Gómez, Zoë and Müller."""
    reuters = shared_path("corpora", "reuters21578", "reut2-000.sgm.gz")
    bbc = shared_path("corpora", "bbc_news", "entertainment")
    corpora = reuters.parents[1]
    folder = tmp_path_factory.mktemp("words")
    shutil.copy(reuters, folder / reuters.name)
    shutil.copytree(bbc, folder / "bbc")
    slate = corpora / "news_html/gold_text/newspaper--slate.com2.txt"
    gum = corpora / "people_gold/txt/gum_academic_enjambment.txt"
    tmz = corpora / "news_html/pages/readability--tmz-1.html.gz"
    beast = corpora / "news_html/gold_text/newspaper--thedailybeast.com1.txt"
    soccer = corpora / "wikinews_gum/txt/GUM_news_soccer.txt"
    pieces = {
        "sao-paulo.txt": ("World Cup strikes", _sentence(slate, "begins Thursday in São Paulo")),
        "gomez.txt": ("Enjambment in classical poetry", _sentence(gum, "Flores Gómez")),
        "zoe-muller.txt": ("Zoë and the prefect",
                           _sentence(tmz, "Zoë Kravitz") + " " + _sentence(beast, "Gerhard Müller")),
        "gomez-plain.txt": ("Panama coach speaks", _sentence(soccer, "Hernan Dario Gomez")),
    }
    for name, (title, body) in pieces.items():
        (folder / name).write_text(f"{title}\n\n{body}\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def arc(corpus, tmp_path_factory) -> Archive:
    with built(tmp_path_factory, "words-index", [corpus]) as (archive, _):
        yield archive


def _titles(result) -> list[str]:
    return [hit.title for hit in result.hits]


@pytest.mark.parametrize(("query", "title", "marked"), [
    ("gomez", "Enjambment in classical poetry", "<mark>Gómez</mark>"),
    ("Gómez", "Panama coach speaks", "<mark>Gomez</mark>"),
    ("Sao Paulo", "World Cup strikes", "<mark>São</mark> <mark>Paulo</mark>"),
    ("zoe muller", "Zoë and the prefect", "<mark>Müller</mark>"),
])
def test_accents_fold_both_ways_and_the_accented_word_is_marked(arc, query, title, marked):
    result = arc.search(query)
    assert title in _titles(result)
    hit = next(h for h in result.hits if h.title == title)
    assert marked in hit.snippet
    assert marked in arc.highlight(arc.get(hit.id).body, query)


def test_stored_text_keeps_its_spelling(arc):
    hit = arc.search("zoe").hits[0]
    assert "Zoë Kravitz" in arc.get(hit.id).body


def _scan(arc, pattern: str, flags=re.I) -> set[str]:
    """The ids of the stories whose title or body the regular expression finds."""
    found = set()
    for article, *_ in _articles(arc, ""):
        if re.search(pattern, f"{article.title}\n{article.body}", flags):
            found.add(article.id)
    return found


def _found(arc, query: str) -> set[str]:
    return {article.id for article, *_ in _articles(arc, query)}


def _articles(arc, query: str):
    # every article (copies of one story too): the counts are against a scan of every text
    return arc.engine.export(query, persons=[], since=None, until=None, sort="relevance", all_copies=True)


@pytest.mark.parametrize(("query", "pattern", "flags"), [
    ("US", r"\bU\.?S\b(?!\.?A\b)", 0),  # "U.S.A." is the word usa
    ("U.K.", r"\bU\.?K\b", 0),
    ("may", r"\bmay\b", re.I),
    ("will", r"\bwill\b", re.I),
    ("it", r"\bit\b", re.I),
])
def test_short_and_common_words_find_the_stories_that_write_them(arc, query, pattern, flags):
    expected = _scan(arc, pattern, flags)
    assert len(expected) > 20
    assert expected <= _found(arc, query)


@pytest.mark.parametrize(("query", "pattern"), [
    ('"one of the"', r"\bone\W+of\W+the\b"),
    ('"Bank of England"', r"\bbank\W+of\W+england\b"),
    ('"the who"', r"\bthe\W+who\b"),
])
def test_exact_phrases_match_those_words_in_that_order_only(arc, query, pattern):
    expected = _scan(arc, pattern)
    assert expected and _found(arc, query) == expected


def test_a_phrase_marks_its_words(arc):
    hit = arc.search('"the who"').hits[0]
    assert re.search(r"<mark>the</mark> <mark>Who</mark>", hit.snippet, re.I)


def test_proximity_finds_words_within_n_positions_in_order(arc):
    exact = _found(arc, '"oil prices"')
    near = _found(arc, '"oil prices"~5')
    assert exact < near <= _found(arc, "oil prices")
    within = _scan(arc, r"\boil\W+(?:\w+\W+){0,4}prices?\b")
    assert within <= near


def test_a_hyphenated_word_is_found_as_written_and_by_its_parts(arc):
    expected = _scan(arc, r"\bU\.?S\.?-made\b")
    assert expected and expected == _found(arc, "US-made") == _found(arc, "U.S.-made")
    assert _found(arc, "US-made") <= _found(arc, "US") & _found(arc, "made")


# -- did you mean -----------------------------------------------------------------------------
def test_a_misspelled_word_gets_did_you_mean(arc):
    result = arc.search("volker")
    assert result.did_you_mean == "volcker"
    assert result.to_dict()["did_you_mean"] == "volcker"
    assert arc.search("volcker").did_you_mean is None
    assert arc.search("volker dollar").did_you_mean == "volcker dollar"


def test_did_you_mean_in_cli_text_and_json(arc):
    index = str(arc.index_dir)
    shown = CliRunner().invoke(cli, ["search", "volker", "--index", index])
    assert shown.exit_code == 0, shown.output
    assert "Did you mean: volcker?" in shown.output
    shown = CliRunner().invoke(cli, ["search", "volker", "--index", index, "--json"])
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.output)["did_you_mean"] == "volcker"
    shown = CliRunner().invoke(cli, ["search", "volcker", "--index", index, "--json"])
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.output)["did_you_mean"] is None


def test_did_you_mean_in_the_page_and_the_api(arc):
    client = create_app({"INDEX": str(arc.index_dir), "TESTING": True}).test_client()
    page = client.get("/?q=volker").get_data(as_text=True)
    assert re.search(r'Did you mean <a href="/\?q=volcker">volcker</a>\?', page)
    assert client.get("/api/search?q=volker").get_json()["did_you_mean"] == "volcker"
    assert "Did you mean" not in client.get("/?q=volcker").get_data(as_text=True)


def test_a_person_nobody_matches_gets_the_names_spelled_like_it(arc):
    names = {p.value for p in arc.people("baker", limit=50).people}
    assert "James Baker" in names
    result = arc.search("", persons=["Jim Bakker"])
    assert result.total == 0
    assert "James Baker" in result.people_like["Jim Bakker"]
    client = create_app({"INDEX": str(arc.index_dir), "TESTING": True}).test_client()
    page = client.get("/?person=Jim+Bakker").get_data(as_text=True)
    assert "No one called <q>Jim Bakker</q>" in page and ">James Baker</a>" in page
    like = client.get("/api/search?person=Jim+Bakker").get_json()["people_like"]
    assert "James Baker" in like["Jim Bakker"]


def test_a_person_filter_folds_accents(arc):
    names = [p.value for p in arc.people("müller", limit=5).people]
    if not names:
        pytest.skip("the people extractor found no Müller in the snippet")
    plain = names[0].replace("ü", "u").lower()
    assert arc.search("", persons=[plain]).total == arc.search("", persons=[names[0]]).total > 0


# -- the schema version -----------------------------------------------------------------------
def test_an_index_of_the_old_analyzer_must_be_rebuilt(corpus, tmp_path):
    folder = tmp_path / "src"
    folder.mkdir()
    shutil.copy(corpus / "gomez.txt", folder / "gomez.txt")
    archive = Archive(tmp_path / "index")
    archive.rebuild([folder])
    live = archive.engine.generation
    archive.close()
    ix = whoosh_index.open_dir(live)
    assert schema_version(ix.schema) == SCHEMA_VERSION
    writer = ix.writer()  # what an index written before versions were recorded holds
    del writer.schema["body"].archive_version
    writer.commit()
    assert schema_version(whoosh_index.open_dir(live).schema) == 1
    with pytest.raises(ArchiveError, match="older analyzer") as raised:
        Archive(tmp_path / "index").update([folder])
    assert "archive rebuild" in raised.value.hint
    shown = CliRunner().invoke(cli, ["update", str(folder), "--index", str(tmp_path / "index")])
    assert shown.exit_code != 0 and "rebuilt" in shown.output


def test_the_query_as_read_shows_a_phrase_as_typed(arc):
    index = str(arc.index_dir)
    shown = CliRunner().invoke(cli, ["search", '"Bank of England"', "--explain", "--index", index])
    assert shown.exit_code == 0, shown.output
    assert 'body:"bank of england"' in shown.output and "\x1f" not in shown.output


def test_people_are_listed_accents_aside(arc):
    found = [p.value for p in arc.people("muller", limit=10).people]
    assert found == [p.value for p in arc.people("Müller", limit=10).people]
    assert any("Müller" in name for name in found)


def test_similar_articles_are_found_by_words_not_by_word_pairs(arc):
    hit = arc.search("volcker").hits[0]
    similar = arc.similar(hit.id)
    assert similar and all("\x1f" not in s.snippet for s in similar)
    assert sum("volcker" in (s.title + s.snippet).lower() for s in similar) >= len(similar) // 2


HIGHLIGHTED = [
    "U.S. and U.K. officials said O'Brien’s café in Zoë Müller's town — COVID-19 aid of "
    "1,000.5 mln dlrs — was J.R.R. Tolkien's favourite; the naïve 's and ''' stay out.",
]


def _sample_texts() -> list[str]:
    sample = Path(__file__).resolve().parents[1] / "data"
    return HIGHLIGHTED + [p.read_text(encoding="utf-8", errors="replace")
                          for p in sorted(sample.rglob("*")) if p.is_file()][:40]


def test_the_remembering_highlight_analyzer_gives_the_news_analyzers_tokens():
    plain = news_analyzer()
    remembering = RememberingAnalyzer(news_analyzer())
    for text in _sample_texts() * 2:  # the second time from what it remembers
        expected = [(t.text, t.startchar, t.endchar)
                    for t in plain(text, chars=True, mode="query", removestops=False)]
        assert [(t.text, t.startchar, t.endchar) for t in remembering(text)] == expected


def test_snippets_and_marked_pages_are_whooshs_highlights():
    texts = _sample_texts()
    vocabulary = sorted({t.text for text in texts for t in TEXT(text, mode="query")})
    for n, text in enumerate(texts):
        terms = frozenset(vocabulary[(n * 37 + k * 101) % len(vocabulary)] for k in range(3))
        terms |= {next(iter(TEXT(text, mode="query"))).text} if text.strip() else frozenset()
        whole = highlight.highlight(text, terms, TEXT, highlight.WholeFragmenter(charlimit=None),
                                    snippets._FORMATTER, top=1)
        best = highlight.highlight(text, terms, TEXT, snippets._FRAGMENTER, snippets._FORMATTER,
                                   top=snippets.FRAGMENTS)
        assert snippets.mark_all(text, terms) == (whole or escape(text, quote=False))
        assert snippets.snippet(text, terms) == " ".join(best.split())
