"""The person gold of ``../shared/corpora/people_gold`` (382 documents, 16 genres) and its fixed
development/test split, scored by that corpus's README rules (strict and lenient).

The split (``benchmarks/splits/people.json``) was made once by :func:`make_split` — by document,
stratified by genre, seeded — and is committed: tune and train on ``dev`` only, report both. The 43
``in_wikinews_gum`` documents are the texts of ``../shared/corpora/wikinews_gum``, so each is on the
same side in both sets (wikinews_gum is scored per side with its own gold, never added to these).

    python -m benchmarks.people_gold --make-split   # only if the file is missing: it is fixed
"""

from __future__ import annotations

import json
import random
import sys
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
GOLD = SHARED / "corpora" / "people_gold"
SPLIT_FILE = Path(__file__).resolve().parent / "splits" / "people.json"
SEED = 12
TEST_FRACTION = 0.4
# The genres whose licence lets what is learned from them ship with an MIT project (CC BY, CC BY-SA,
# public domain: the ``licence`` field of each document); the others are for evaluation only.
NON_COMMERCIAL = ("essay", "fiction", "letter", "podcast", "whow")
# The genres the headline figure pools (news-like text); the others are reported one by one.
POOLED = ("news", "interview", "bio", "wikipedia")


@dataclass(frozen=True)
class GoldDoc:
    doc_id: str
    file: str
    genre: str
    licence: str
    title_on_line_1: bool
    in_wikinews_gum: bool
    persons: tuple[str, ...]
    mentions: dict = field(hash=False, compare=False)
    excluded: tuple[str, ...] = ()
    spans: tuple = ()
    excluded_spans: tuple = ()

    def text(self) -> str:
        return (GOLD / self.file).read_text(encoding="utf-8")

    def title_body(self) -> tuple[str, str]:
        """The headline (line 1 where the corpus marks one) and the rest, as a reader would give them."""
        text = self.text()
        if not self.title_on_line_1:
            return "", text
        title, _, body = text.partition("\n")
        return title, body

    @property
    def shippable(self) -> bool:
        return "NC" not in self.licence


@cache
def load_gold() -> tuple[GoldDoc, ...]:
    docs = []
    for line in (GOLD / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        docs.append(GoldDoc(
            doc_id=d["doc_id"], file=d["file"], genre=d["genre"], licence=d["licence"],
            title_on_line_1=d["title_on_line_1"], in_wikinews_gum=d["in_wikinews_gum"],
            persons=tuple(d["persons"]), mentions=d["mentions"], excluded=tuple(d["excluded"]),
            spans=tuple(map(tuple, d["spans"])), excluded_spans=tuple(map(tuple, d["excluded_spans"])),
        ))
    return tuple(docs)


def make_split(docs: Iterable[GoldDoc], seed: int = SEED, test_fraction: float = TEST_FRACTION) -> dict:
    """Per genre, the documents in a seeded random order; the first ``test_fraction`` are the test part."""
    by_genre: dict[str, list[str]] = {}
    for doc in docs:
        by_genre.setdefault(doc.genre, []).append(doc.doc_id)
    rng = random.Random(seed)
    dev, test = [], []
    for genre in sorted(by_genre):
        ids = sorted(by_genre[genre])
        rng.shuffle(ids)
        cut = round(len(ids) * test_fraction)
        test += sorted(ids[:cut])
        dev += sorted(ids[cut:])
    return {"seed": seed, "test_fraction": test_fraction, "stratified_by": "genre",
            "dev": sorted(dev), "test": sorted(test)}


@cache
def split() -> dict[str, str]:
    """doc_id → "dev" or "test" (GUM ids; a wikinews_gum document goes by its GUM id)."""
    data = json.loads(SPLIT_FILE.read_text(encoding="utf-8"))
    return {doc_id: side for side in ("dev", "test") for doc_id in data[side]}


def side_docs(side: str) -> list[GoldDoc]:
    sides = split()
    return [doc for doc in load_gold() if sides[doc.doc_id] == side]


# --- scoring, as the people_gold README says -------------------------------------------------

@cache
def _word_lists() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    lists = json.loads((GOLD / "word_lists.json").read_text(encoding="utf-8"))
    return (frozenset(lists["titles"]), frozenset(lists["title_phrase_modifiers"]),
            frozenset(lists["name_suffixes_kept"]))


def _title_cut(words: list[str]) -> int:
    titles, modifiers, suffixes = _word_lists()
    cut = 0
    for index, word in enumerate(words):
        low = word.lower().rstrip(".")
        if low in titles:
            if not [w for w in words[index + 1 :] if w.lower().rstrip(".") not in suffixes]:
                break
            cut = index + 1
        elif not (low in modifiers or (word.isupper() and len(word) >= 2 and word.isalpha())):
            break
    return cut


def norm(name: str) -> str:
    name = unicodedata.normalize("NFKC", name).replace("’", "'").casefold()
    if name.endswith("'s"):
        name = name[:-2]
    elif name.endswith("'"):
        name = name[:-1]
    words = name.split()
    return " ".join(words[_title_cut(words) :])


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    docs: int = 0

    def add(self, other: Score) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn
        self.docs += other.docs

    @property
    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def line(self, label: str) -> str:
        p, r, f = self.prf
        counts = f"(tp {self.tp} fp {self.fp} fn {self.fn})"
        return f"{label:<12} docs {self.docs:>3}  P {p:.3f} R {r:.3f} F1 {f:.3f}  {counts}"


def score_doc(predicted: Iterable[str], doc: GoldDoc, lenient: bool = False) -> tuple[Score, list, list]:
    """The document's score, its false positives and its missed gold persons."""
    forms = [{norm(person), *(norm(form) for form in doc.mentions.get(person, ()))} for person in doc.persons]
    excluded = {norm(name) for name in doc.excluded}
    left = list(range(len(doc.persons)))
    result, extra = Score(docs=1), []
    for name in dict.fromkeys(predicted):
        key = norm(name)
        hit = next((i for i in left if key in forms[i]), None)
        if hit is not None:
            left.remove(hit)
            result.tp += 1
        elif not (lenient and key in excluded):
            result.fp += 1
            extra.append(name)
    result.fn = len(left)
    return result, extra, [doc.persons[i] for i in left]


Extractor = Callable[[str, str], list[str]]


def evaluate(extract: Extractor, side: str, lenient: bool = False,
             errors: list | None = None) -> dict[str, Score]:
    """Scores of one side of the split: per genre, and pooled over :data:`POOLED`."""
    groups: dict[str, Score] = {}
    for doc in side_docs(side):
        result, extra, missed = score_doc(extract(*doc.title_body()), doc, lenient)
        if errors is not None and (extra or missed):
            errors.append((doc.doc_id, extra, missed))
        groups.setdefault(doc.genre, Score()).add(result)
        if doc.genre in POOLED:
            groups.setdefault("pooled", Score()).add(result)
    return groups


def report(extract: Extractor, show_errors: bool = False) -> None:
    print("People — people_gold (GUM + WikiGold), dev and test split (benchmarks/splits/people.json)")
    if not GOLD.exists():
        print(f"  skipped: {GOLD} not found")
        return
    for lenient in (False, True):
        print("  lenient (excluded names ignored)" if lenient else "  strict")
        errors: list = []
        dev = evaluate(extract, "dev", lenient, errors if show_errors and not lenient else None)
        test = evaluate(extract, "test", lenient)
        order = ["pooled", *POOLED, *sorted(set(dev) - {"pooled", *POOLED})]
        for genre in order:
            label = "pooled" if genre == "pooled" else genre + (" (NC)" if genre in NON_COMMERCIAL else "")
            print(f"    {dev[genre].line(label)}   |   test {_short(test[genre])}")
        for doc_id, extra, missed in errors:
            print(f"      {doc_id}: extra {extra}  missed {missed}")


def _short(score: Score) -> str:
    p, r, f = score.prf
    return f"docs {score.docs:>3}  P {p:.3f} R {r:.3f} F1 {f:.3f}"


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if "--make-split" in args:
        if SPLIT_FILE.exists():
            sys.exit(f"{SPLIT_FILE} exists: the split is fixed once; delete it only to start afresh.")
        SPLIT_FILE.write_text(json.dumps(make_split(load_gold()), indent=1) + "\n", encoding="utf-8")
        print(f"wrote {SPLIT_FILE}")
        return
    from archive.extract import extract_persons

    report(extract_persons, show_errors="--errors" in args)


if __name__ == "__main__":
    main()
