"""Rebuild the person tagger's weights, ``archive/extract/data/people.crfsuite``, from the shared gold.

    python -m benchmarks.train_people            # writes the model (a few seconds)

Trained on the development part of ``../shared/corpora/people_gold`` only (``benchmarks/splits/
people.json``), and of that only on documents whose ``licence`` lets what is learned ship with an
MIT project (CC BY, CC BY-SA, public domain; the non-commercial genres are for evaluation only).
Each token is labelled from the gold ``spans`` (B-PER, I-PER, else O: the mentions of ``excluded``
names — groups, deities, eponyms — are negatives). The same text preparation, windows and features
as the archive uses when it tags an article (:mod:`archive.extract.tagger`). CRFsuite's L-BFGS with
fixed settings and a fixed document order: the same gold gives the same file.
"""

from __future__ import annotations

import sys
import time
from collections import Counter

from archive.extract import tagger
from archive.extract.people import extract_persons, prepared_text

from .people_gold import GoldDoc, side_docs

# CRFsuite settings, chosen on the development part by cross-validation (see README "Extraction quality").
PARAMS = {"c1": 0.05, "c2": 0.01, "max_iterations": 150, "feature.possible_transitions": True}


def training_docs() -> list[GoldDoc]:
    return [doc for doc in side_docs("dev") if doc.shippable]


def labelled(doc: GoldDoc) -> list[tuple[list[list[str]], list[str]]]:
    """The document's tagged windows: (features, labels) per window."""
    title, body = doc.title_body()
    text, title_end, body_start = prepared_text(title, body)
    raw_body = len(title) + 1 if title else 0
    spans = []
    for start, end, _name in doc.spans:
        if start >= raw_body:
            spans.append((start - raw_body + body_start, end - raw_body + body_start))
        elif title_end == len(title):
            spans.append((start, end))  # a headline span, where the headline kept its length
    ruled = tagger.rule_words(extract_persons(title, body))
    return list(windows_with_labels(text, title_end, spans, ruled))


def windows_with_labels(text: str, title_end: int, spans: list[tuple[int, int]], ruled: dict):
    toks = tagger.tokens(text)
    facts = tagger.doc_facts(toks, title_end, ruled)
    labels = ["O"] * len(toks)
    starts = {start: end for start, end in spans}
    open_end = -1
    for index, tok in enumerate(toks):
        if tok.start in starts:
            labels[index], open_end = "B-PER", starts[tok.start]
        elif tok.end <= open_end:
            labels[index] = "I-PER"
        else:
            open_end = -1
    for first, end in tagger.windows(toks):
        yield tagger.sequence(toks, first, end, text, facts), labels[first:end]


def train(path=tagger.MODEL, params: dict | None = None, docs: list[GoldDoc] | None = None) -> dict:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    trainer.set_params({**PARAMS, **(params or {})})
    counts: Counter = Counter()
    for doc in docs if docs is not None else training_docs():
        counts[doc.genre] += 1
        for xseq, yseq in labelled(doc):
            trainer.append(xseq, yseq)
    trainer.train(str(path))
    return dict(counts)


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    began = time.perf_counter()
    counts = train()
    size = tagger.MODEL.stat().st_size
    print(f"trained on {sum(counts.values())} documents {dict(sorted(counts.items()))}")
    print(f"wrote {tagger.MODEL} ({size:,} bytes) in {time.perf_counter() - began:.1f} s")
    if "--quiet" not in args:
        print("now: python -m benchmarks.extraction --people-only")


if __name__ == "__main__":
    main()
