"""Extraction figures anyone can rerun: ``python -m benchmarks.extraction`` from the repo root.

People: document-level precision/recall/F1 against the hand-annotated ``persons_individual``
lists of ``../shared/corpora/wikinews_gum`` (micro: over all name pairs; macro: mean of the
per-document figures), on the two seed articles, and throughput in words per second on one core.
Strict (the issue's rule): names are compared case-insensitively after dropping titles and dots; a
one-word name on one side matches a full name on the other that ends (or starts) with it ("Ličen" ~
"Simon Ličen"), since surname-only mentions are merged into the full name. Lenient, printed beside
it: the gold lists use Wikipedia's spelling, so accents and hyphens are also folded ("Hernan Dario
Gomez" ~ "Hernán Darío Gómez", "Al-Maeena" ~ "Al Maeena"), and a name matches one with the same
surname whose first name starts the same way, middle names and initials aside ("Rob Siegel" ~
"Robert Siegel", "Bonnie Dunbar" ~ "Bonnie J. Dunbar") — the same person in one document.
Then the HTML date/byline/body figures (``benchmarks.extraction_html``), when that module exists
(``--people-only`` stops before them; ``--errors`` lists each document's predicted and gold names).
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import re
import sys
import time
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from archive import read
from archive.extract import learned, make_article, people, tagger
from archive.extract.people import extract_persons

from . import people_gold

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
WIKINEWS = SHARED / "corpora" / "wikinews_gum"
SEEDS = SHARED / "seeds"
BBC = SHARED / "corpora" / "bbc_news"
_COUPLE = ("Kate Beckinsale", "Chrissy Teigen", "John Legend")
SEED_GOLD = {  # file: (exactly these people, people who may also appear)
    "000_22084bbc24ccd4f7.txt": ({*_COUPLE, "Zoe Clark-Coates"}, ()),
    "001_e5559c25d7e2ccce.txt": (set(_COUPLE), ("Luna", "Miles", "Jack")),
}
_TITLES = re.compile(r"^(?:(?:mr|mrs|ms|dr|prof|professor|sir|dame|president|major general)\.?\s+)+", re.I)


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Score) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    @property
    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def normalise(name: str, lenient: bool = False) -> str:
    name = _TITLES.sub("", name.strip())
    if lenient:
        name = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
        name = name.replace("-", " ")
    return " ".join(name.replace(".", " ").casefold().split())


def _same(a: str, b: str, lenient: bool = False) -> bool:
    if a == b:
        return True
    short, long = (a, b) if len(a.split()) < len(b.split()) else (b, a)
    words = long.split()
    if len(short.split()) == 1:
        return short in (words[0], words[-1])
    s = short.split()
    return lenient and s[-1] == words[-1] and (s[0].startswith(words[0]) or words[0].startswith(s[0]))


def score(
    predicted: Iterable[str], gold: Iterable[str], optional: Iterable[str] = (), lenient: bool = False
) -> Score:
    """Match each gold name to at most one predicted name; optional names count neither way."""
    pred = list(dict.fromkeys(normalise(name, lenient) for name in predicted))
    left = list(dict.fromkeys(normalise(name, lenient) for name in gold))
    extra = {normalise(name, lenient) for name in optional}
    result = Score()
    for name in pred:
        hit = next((g for g in left if _same(name, g, lenient)), None)
        if hit is not None:
            left.remove(hit)
            result.tp += 1
        elif name not in extra:
            result.fp += 1
    result.fn = len(left)
    return result


def persons_of(path: Path) -> tuple[str, ...]:
    return tuple(name for article in read(path) for name in article.persons)


def wikinews(show_errors: bool = False, lenient: bool = False) -> dict[str, tuple[Score, list[Score]]]:
    """Scores per side of the people_gold split and genre ("dev all", "test news", …): the micro
    sum and the per-document list. Each document is on the side of its GUM id in the split."""
    sides = people_gold.split()
    groups: dict[str, tuple[Score, list[Score]]] = {}
    for line in (WIKINEWS / "metadata.jsonl").read_text(encoding="utf-8").splitlines():
        meta = json.loads(line)
        predicted = persons_of(WIKINEWS / meta["file"])
        doc = score(predicted, meta["persons_individual"], lenient=lenient)
        side = sides[meta["id"]]
        if show_errors and side == "dev" and (doc.fp or doc.fn):  # never the test side: tune on dev
            print(f"  {meta['id']}: predicted {list(predicted)}\n    gold {meta['persons_individual']}")
        for group in (f"{side} all", f"{side} {meta['genre']}"):
            groups.setdefault(group, (Score(), []))
            groups[group][0].add(doc)
            groups[group][1].append(doc)
    return dict(sorted(groups.items()))


def _line(label: str, micro: Score, docs: list[Score]) -> str:
    p, r, f = micro.prf
    macro = [sum(d.prf[i] for d in docs) / len(docs) for i in range(3)] if docs else [0.0] * 3
    return (f"  {label:<15} docs {len(docs):>3}  micro P {p:.3f} R {r:.3f} F1 {f:.3f}"
            f"   macro P {macro[0]:.3f} R {macro[1]:.3f} F1 {macro[2]:.3f}")


def report_wikinews(show_errors: bool) -> None:
    print("People — wikinews_gum (gold: persons_individual)")
    if not WIKINEWS.exists():
        print(f"  skipped: {WIKINEWS} not found")
        return
    for lenient in (False, True):
        print("  lenient (accents, hyphens, short first names, middle names)" if lenient else "  strict")
        for label, (micro, docs) in wikinews(show_errors and not lenient, lenient).items():
            print(_line(label, micro, docs))
    print("  (the same 43 texts are people_gold's news and interview documents, scored above with that gold;")
    print("   not added to those figures)")


def report_seeds() -> None:
    print("People — seeds")
    if not SEEDS.exists():
        print(f"  skipped: {SEEDS} not found")
        return
    total, docs = Score(), []
    for name, (gold, optional) in SEED_GOLD.items():
        predicted = persons_of(SEEDS / name)
        doc = score(predicted, gold, optional)
        total.add(doc)
        docs.append(doc)
        print(f"  {name}: {', '.join(predicted)}")
    print(_line("seeds", total, docs))


def _texts() -> list[tuple[str, str]]:
    paths = sorted((WIKINEWS / "txt").glob("*.txt")) + sorted(BBC.rglob("*.txt"))
    texts = []
    for path in paths:
        title, _, body = path.read_text(encoding="utf-8", errors="replace").partition("\n")
        texts.append((title, body))
    return texts


def report_throughput() -> None:
    print("People — throughput (one core, CPU time, best of 3): the whole extraction of an article")
    print("  (make_article: byline, date, people by the chosen method, candidates), and people alone")
    if not WIKINEWS.exists() or not BBC.exists():
        print(f"  skipped: {WIKINEWS} or {BBC} not found")
        return
    texts = _texts()
    words = sum(len(title.split()) + len(body.split()) for title, body in texts)
    whole = _best_of_3(texts, lambda t, b: make_article(id="x", source="x", title=t, body=b))
    alone = _best_of_3(texts, lambda t, b: learned.people(t, b, learned.METHOD))
    rules = _best_of_3(texts, extract_persons)
    for label, seconds in (("make_article", whole), (f"people ({learned.METHOD})", alone),
                           ("rules alone", rules)):
        rate = f"{words / seconds:,.0f} words/s"
        print(f"  {label:<22} {len(texts)} texts, {words:,} words in {seconds:.2f} s: {rate}")


def _best_of_3(texts, extract) -> float:
    extract("Warm up", "Kate Beckinsale said.")
    best = float("inf")
    for _ in range(3):
        people._read.cache_clear()  # each pass reads every text afresh
        tagger.word_features.cache_clear()
        began = time.process_time()
        for title, body in texts:
            extract(title, body)
        best = min(best, time.process_time() - began)
    return best


def archive_persons(title: str, body: str) -> list[str]:
    """The people the archive gives an article (the chosen method; the archive's evidence aside)."""
    return learned.people(title, body, learned.METHOD)[0]


def report_methods() -> None:
    """Rules alone, the tagger alone, both: the figures the method was chosen on."""
    print("People — method comparison, people_gold pooled (news, interview, bio, wikipedia) and all genres")
    for method in (learned.RULES, learned.MODEL, learned.RULES_AND_MODEL):
        for side in ("dev", "test"):
            scores = people_gold.evaluate(lambda t, b, m=method: learned.people(t, b, m)[0], side)
            total = people_gold.Score()
            for genre, value in scores.items():
                if genre != "pooled":
                    total.add(value)
            chosen = " (used)" if method == learned.METHOD else ""
            pooled = scores["pooled"].line("pooled")
            print(f"  {method + chosen:<19} {side:<4} {pooled}   {total.line('all genres')}")


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    print(f"People: method {learned.METHOD!r} (archive.extract.learned.METHOD)")
    people_gold.report(archive_persons, show_errors="--errors" in args)
    if "--methods" in args:
        report_methods()
    report_wikinews(show_errors="--errors" in args)
    report_seeds()
    report_throughput()
    if "--people-only" in args:
        return
    if importlib.util.find_spec("benchmarks.extraction_html") is not None:
        print()
        importlib.import_module("benchmarks.extraction_html").main()
    else:
        print("HTML date/byline/body figures: benchmarks/extraction_html.py is not there yet")


if __name__ == "__main__":
    main()
