"""``python -m benchmarks.stories`` — how well near-duplicate articles are grouped into stories.

Real stories from the shared corpora (Reuters-21578, dated; BBC News, undated), each copied the
way outlets change copy: the headline rewritten, the first or the last paragraph dropped, a
paragraph added, a few words changed, the byline, outlet and date changed (always; one or two of
the other changes per copy). The originals are chosen so that many are on one subject: Reuters
stories about oil from the same weeks, BBC business stories. Grouping is scored over pairs of
articles: precision, the share of pairs put in one story that are copies of one original;
recall, the share of such pairs put in one story.

Two sets: **folder** — 100 originals with 5 copies each, written as a folder of JSON Lines and
indexed by a real rebuild (tests/test_stories.py builds the same folder); **synthetic** — 400
originals with 5 copies each (2,000 copies), grouped directly (``stories.group``) with its time.
Then the grouping of Reuters-21578 as the archive indexes it (its 257 repeats of one text), with
the time and memory of sketching and grouping.
"""

from __future__ import annotations

import json
import os
import random
import resource
import tempfile
import time
from dataclasses import replace
from datetime import timedelta
from itertools import combinations
from pathlib import Path

import numpy as np

from archive import Archive
from archive.article import Article
from archive.changes import paragraphs
from archive.index import stories
from archive.rebuild import read_articles

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpora"
# March 1987: oil stories week after week
REUTERS_FILES = ("reut2-004.sgm.gz", "reut2-005.sgm.gz", "reut2-006.sgm.gz")
BBC_FOLDERS = ("business", "politics")
OUTLETS = ("The Daily Courier", "Evening Herald", "Metro Wire", "The Observer-Times", "Coast Gazette",
           "Valley News", "Northern Echo", "City Ledger")
BYLINES = ("Staff reporter", "Ann Lee", "Rahul Mehta", "Joanne Park", "Wire services")
SWAPS = {"said": "says", "says": "said", "would": "will", "will": "would", "percent": "pct", "pct": "percent",
         "government": "administration", "officials": "sources", "told": "informed", "rise": "increase",
         "fell": "dropped", "rose": "climbed", "Monday": "Tuesday", "company": "firm", "big": "large"}
ADDED = ("The story is developing and will be updated.",
         "Analysts contacted on the day declined to comment further on the figures, citing the market "
         "holiday and the lack of official data from the ministry.",
         "Additional reporting by our correspondents; editing by the news desk, who checked the quotes "
         "against the original statements.")


def originals(count: int, seed: int = 1) -> list[Article]:
    """``count`` real stories with at least five paragraphs, half Reuters (oil stories of the
    same weeks first), half BBC; no two of one text."""
    reuters = [a for a in read_articles([SHARED / "reuters21578" / name for name in REUTERS_FILES])
               if _long(a)]
    bbc = [a for a in read_articles([SHARED / "bbc_news" / folder for folder in BBC_FOLDERS]) if _long(a)]
    rng = random.Random(seed)
    oil = [a for a in reuters if "OIL" in a.title or "OPEC" in a.title or "CRUDE" in a.title]
    rest = [a for a in reuters if a not in oil]
    rng.shuffle(rest)
    rng.shuffle(bbc)
    half = count // 2
    return distinct(oil + rest, half) + distinct(bbc, count - half)


def distinct(articles: list[Article], count: int, most: float = 0.25) -> list[Article]:
    """The first ``count`` of ``articles`` whose words (as a set) overlap no earlier one's by
    more than ``most`` (Jaccard): the corpora hold copies of their own (a Reuters story sent
    again, the BBC's "Tory backing for ID cards" and "Conservative backing for ID cards"), which
    would make two "originals" one story. Exact word sets, not the archive's sketches."""
    kept: list[tuple[Article, set[str]]] = []
    for article in articles:
        words = set(article.body.casefold().split())
        if all(len(words & other) / len(words | other) <= most for _, other in kept):
            kept.append((article, words))
            if len(kept) == count:
                break
    return [article for article, _ in kept]


def _long(article: Article) -> bool:
    return len(paragraphs(article.body)) >= 5 and len(article.body.split()) >= 150


CHANGES = ("headline", "first", "last", "added", "words")


def variants(article: Article, n: int, rng: random.Random) -> list[Article]:
    """``n`` copies of ``article`` as outlets write them: each with another outlet, byline and
    date (hours to two days later) and one or two of CHANGES."""
    copies: list[Article] = []
    texts = {article.content_hash}
    for k in range(n):
        kinds = [CHANGES[k % len(CHANGES)]]
        if rng.random() < 0.4:
            kinds.append(rng.choice([c for c in CHANGES if c not in kinds]))
        copy = copy_of(article, kinds, rng, f"{article.id}~{k}")
        while copy.content_hash in texts:  # the same text twice is a duplicate, not a copy
            copy = copy_of(article, [*kinds, "dropped"], rng, copy.id)
        texts.add(copy.content_hash)
        copies.append(copy)
    return copies


def copy_of(article: Article, kinds: list[str], rng: random.Random, new_id: str) -> Article:
    parts = paragraphs(article.body)
    title = article.title
    if "headline" in kinds:
        title = _rewritten(article)
    if "first" in kinds:
        parts = parts[1:]
    if "last" in kinds:
        parts = parts[:-1]
    if "added" in kinds:
        parts.insert(rng.randrange(1, len(parts) + 1), rng.choice(ADDED))
    if "words" in kinds:
        parts = _reworded(parts, rng)
    if "dropped" in kinds:  # a few words left out, at random places
        parts = _reworded(parts, rng, swap=False)
    published = article.published + timedelta(hours=rng.randint(1, 48)) if article.published else None
    return replace(article, id=new_id, title=title, body="\n\n".join(parts), published=published,
                   authors=(rng.choice(BYLINES),), outlet=rng.choice(OUTLETS), content_hash="",
                   url=None, source=f"variants/{rng.choice(OUTLETS)}")


def _rewritten(article: Article) -> str:
    """A new headline: the lead sentence's first words, as a sub-editor shortens it."""
    lead = paragraphs(article.body)[0].split()
    return " ".join(lead[: min(9, len(lead))]).rstrip(",.;:") + " - report"


def _reworded(parts: list[str], rng: random.Random, changes: int = 5, swap: bool = True) -> list[str]:
    """A few words changed: up to ``changes`` swapped for others (SWAPS), else (or without
    ``swap``) dropped."""
    words = [p.split() for p in parts]
    spots = [(i, j) for i, p in enumerate(words) for j, w in enumerate(p)]
    swappable = [(i, j) for i, j in spots if words[i][j] in SWAPS] if swap else []
    rng.shuffle(swappable)
    picked = swappable[:changes] or rng.sample(spots, min(changes, len(spots)))
    for i, j in picked:
        words[i][j] = SWAPS.get(words[i][j], "")
    return [" ".join(w for w in p if w) for p in words]


def test_set(count: int, copies: int, seed: int = 1) -> tuple[list[Article], dict[str, str]]:
    """The originals and their copies, and each article's original (its true story)."""
    rng = random.Random(seed)
    articles, truth = [], {}
    for original in originals(count, seed):
        articles.append(original)
        truth[original.id] = original.id
        for copy in variants(original, copies, rng):
            articles.append(copy)
            truth[copy.id] = original.id
    return articles, truth


def write_folder(articles: list[Article], folder: Path) -> Path:
    """The articles as a folder of JSON Lines, one file per outlet (as an archive receives them)."""
    folder.mkdir(parents=True, exist_ok=True)
    files: dict[str, list[str]] = {}
    for article in articles:
        record = {"id": article.id, "title": article.title, "body": article.body,
                  "published": article.published.isoformat() if article.published else None,
                  "authors": list(article.authors), "outlet": article.outlet}
        files.setdefault(article.outlet or "original", []).append(json.dumps(record, ensure_ascii=False))
    for outlet, lines in files.items():
        name = "".join(c if c.isalnum() else "-" for c in outlet).strip("-").lower() or "original"
        (folder / f"{name}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def scores(predicted: dict[str, str], truth: dict[str, str]) -> tuple[float, float, int, int]:
    """Pairwise precision and recall of ``predicted`` (article -> story) against ``truth``;
    with the pairs wrongly joined and wrongly apart."""
    ids = sorted(truth)
    same_true = same_pred = both = 0
    for a, b in combinations(ids, 2):
        t, p = truth[a] == truth[b], predicted[a] == predicted[b]
        same_true += t
        same_pred += p
        both += t and p
    precision = both / same_pred if same_pred else 1.0
    recall = both / same_true if same_true else 1.0
    return precision, recall, same_pred - both, same_true - both


def grouped(articles: list[Article]) -> dict[str, str]:
    """Each article's story (its label) by the archive's grouping, without an index."""
    table = stories.Sketcher().table(articles)
    ts = np.array([int(a.published.timestamp()) if a.published else 0 for a in articles], np.int64)
    dated = np.array([a.published is not None for a in articles])
    labels = stories.group(table, [a.content_hash for a in articles], ts, dated)
    return {a.id: str(labels[n]) for n, a in enumerate(articles)}


def folder_run(count: int = 100, copies: int = 5) -> None:
    articles, truth = test_set(count, copies)
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_folder(articles, Path(tmp) / "variants")
        arc = Archive(Path(tmp) / "index")
        report = arc.rebuild([folder])
        # the archive's ids are "<file>#<record id>": back to the record ids
        predicted = {row["id"].split("#", 1)[1]: row["story_id"] for row in arc.export("", all_copies=True)}
        arc.close()
    precision, recall, joined, apart = scores(predicted, truth)
    print(f"folder: {count} originals × {copies} copies = {len(articles)} articles, rebuilt: "
          f"{report.stories_line()}")
    print(f"  precision {precision:.4f}, recall {recall:.4f} ({joined} pairs wrongly joined, "
          f"{apart} wrongly apart)")


def synthetic_run(count: int = 400, copies: int = 5) -> None:
    articles, truth = test_set(count, copies, seed=2)
    started = time.process_time()
    predicted = grouped(articles)
    seconds = time.process_time() - started
    precision, recall, joined, apart = scores(predicted, truth)
    print(f"synthetic: {len(truth) - len(set(truth.values()))} copies of {len(set(truth.values()))} "
          f"originals ({len(articles)} articles), sketched and grouped in {seconds:.2f} s CPU")
    print(f"  precision {precision:.4f}, recall {recall:.4f} ({joined} pairs wrongly joined, "
          f"{apart} wrongly apart)")


def replicated(articles: list[Article], scale: int) -> list[Article]:
    """The articles ``scale`` times, as ``benchmarks/corpus.py`` replicates the corpus: copy k
    with other ids and its dates k years later (the same texts)."""
    out = list(articles)
    for k in range(1, scale):
        out += [replace(a, id=f"{a.id}~x{k}", published=a.published.replace(year=a.published.year + k)
                        if a.published else None) for a in articles]
    return out


def reuters_run(scale: int = 1) -> None:
    """Reuters-21578 as a rebuild reads it (``scale`` times: each story there ``scale`` times,
    dates shifted): stories, multi-copy stories, the repeats grouped, the time and memory of
    sketching (a batch at a time, as a rebuild does) and of grouping."""
    articles = replicated(list(read_articles([SHARED / "reuters21578"])), scale)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.process_time()
    recorder = stories.Recorder()
    for _ in recorder.recorded(articles):
        pass
    table = recorder.sketches().table  # rows in the order of the articles (their ids are unique)
    sketched = time.process_time()
    ts = np.array([int(a.published.timestamp()) if a.published else 0 for a in articles], np.int64)
    dated = np.array([a.published is not None for a in articles])
    hashes = [a.content_hash for a in articles]
    labels = stories.group(table, hashes, ts, dated)
    done = time.process_time()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    by_text: dict[str, set[int]] = {}
    for n, text in enumerate(hashes):
        by_text.setdefault(text, set()).add(int(labels[n]))
    repeats = sum(len(v) - 1 for v in _members(hashes).values())
    split = sum(len(v) > 1 for v in by_text.values())
    sizes = np.bincount(labels)
    print(f"reuters-21578 ×{scale}: {len(articles):,} articles -> {np.count_nonzero(sizes):,} stories, "
          f"{np.count_nonzero(sizes > 1):,} of more than one copy; {repeats} repeats of one text, "
          f"{split} of their texts split across stories")
    print(f"  sketching {sketched - started:.2f} s CPU, grouping {done - sketched:.2f} s CPU; "
          f"peak memory +{(peak - before) / 1024:.0f} MB over the {before / 1024:.0f} MB of the "
          f"articles read (ru_maxrss)")


def _members(hashes: list[str]) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for n, text in enumerate(hashes):
        found.setdefault(text, []).append(n)
    return found


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m benchmarks.stories", description=__doc__)
    parser.add_argument("--scale", type=int, default=0,
                        help="also group Reuters-21578 replicated N times (as benchmarks/corpus.py)")
    args = parser.parse_args()
    load = os.getloadavg()
    print(f"# benchmarks.stories — {time.strftime('%Y-%m-%d %H:%M:%S')}, load average "
          f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; thresholds: Jaccard {stories.MIN_JACCARD} "
          f"or {stories.CONTAINED} contained (short texts {stories.SHORT_JACCARD} and headline "
          f"{stories.SHORT_TITLE}), numbers "
          f"{stories.NUMBERS_CONTAINED} contained, window {stories.WINDOW // 86400} days", flush=True)
    folder_run()
    synthetic_run()
    reuters_run()
    if args.scale > 1:
        reuters_run(args.scale)
    load = os.getloadavg()
    print(f"# done {time.strftime('%H:%M:%S')}, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")


if __name__ == "__main__":
    main()
