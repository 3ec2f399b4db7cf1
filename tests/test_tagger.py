"""The learned person tagger (archive.extract.tagger): tokens, windows, the shipped weights, and a
training run that gives the same weights twice."""

from __future__ import annotations

import pytest
from conftest import shared_path

from archive.extract import learned, tagger

pycrfsuite = pytest.importorskip("pycrfsuite", reason="python-crfsuite (the 'model' extra) is not installed")


def test_tokens_keep_initials_titles_and_possessives_apart():
    words = [t.text for t in tagger.tokens("Mr. George H.W. Bush's aide, O'Brien, met Zoe Clark-Coates.")]
    assert words == ["Mr.", "George", "H.W.", "Bush", "'s", "aide", ",", "O'Brien", ",", "met", "Zoe",
                     "Clark-Coates", "."]


def test_only_stretches_near_capitals_are_tagged():
    toks = tagger.tokens("the talks went on and on for a long time until Kate Beckinsale said no")
    (first, end), = tagger.windows(toks)
    assert [t.text for t in toks[first:end]] == ["time", "until", "Kate", "Beckinsale", "said", "no"]


def test_the_shipped_model_finds_a_person_and_leaves_a_place():
    # seeds/001: "Kate Beckinsale has said she has previously suffered a miscarriage."
    text = "Kate Beckinsale has said she has previously suffered a miscarriage in London."
    spans = tagger.person_spans(text)
    assert [text[start:end] for start, end in spans] == ["Kate Beckinsale"]
    assert learned.people("", text, learned.MODEL)[0] == ["Kate Beckinsale"]


def test_a_title_before_a_name_is_not_part_of_it():
    assert learned._tidy(["Colonel", "Clay", "Tice", "Jr."], learned.lexicon()) == ["Clay", "Tice", "Jr."]


@pytest.mark.corpus
def test_training_is_reproducible(tmp_path):
    shared_path("corpora", "people_gold")
    from benchmarks import train_people

    docs = train_people.training_docs()[:6]
    one, two = tmp_path / "one.crfsuite", tmp_path / "two.crfsuite"
    train_people.train(one, {"max_iterations": 20}, docs)
    train_people.train(two, {"max_iterations": 20}, docs)
    assert one.read_bytes() == two.read_bytes()
    assert all(doc.shippable and "NC" not in doc.licence for doc in train_people.training_docs())
