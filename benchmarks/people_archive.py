"""The person facet over whole archives, as a rebuild makes it (``archive.rebuild.read_articles``:
extraction, then the archive's own evidence — lone names, middle initials, firms):

    python -m benchmarks.people_archive              # HuffPost Trump figures, top 50 of both corpora
    python -m benchmarks.people_archive --read 20    # also 20 seeded random articles of each to read

"Refers to Donald Trump" is a transparent scan, not the extractor: the headline or the text has the
word "Trump" at least once where the word before it is not another Trump's first name (Ivanka,
Melania, Eric, Don, Donald Jr., Lara, Tiffany, Barron, Fred, Mary, Ivana, Marla, Vanessa, Kai,
Maryanne) and no "Jr." follows it.
"""

from __future__ import annotations

import random
import re
import sys
import time
from collections import Counter
from pathlib import Path

from archive.extract.names import lexicon
from archive.rebuild import read_articles

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "corpora"
HUFFPOST = SHARED / "huffpost_news_category" / "News_Category_Dataset_v3.head9999.jsonl.gz"
REUTERS = SHARED / "reuters21578"
OTHER_TRUMPS = ("Ivanka", "Melania", "Eric", "Don", "Lara", "Tiffany", "Barron", "Fred", "Mary", "Ivana",
                "Marla", "Vanessa", "Kai", "Maryanne")
_TRUMP = re.compile(r"(?:(\w+)(?:\.|\s+Jr\.?)?\s+)?\bTrump\b(?!\s+Jr\b)")
SEED = 40


def refers_to_trump(text: str) -> bool:
    """At least one "Trump" that is not another Trump ("Ivanka Trump", "Donald Trump Jr.")."""
    for match in _TRUMP.finditer(text):
        before = match.group(1)
        if before in OTHER_TRUMPS or (before == "Donald" and re.match(r"\s*Jr", match.group(0)[6:] or "")):
            continue
        if re.search(r"Donald\s+Jr", match.group(0)):
            continue
        return True
    return False


def trump_figures(articles) -> None:
    refer = [a for a in articles if refers_to_trump(f"{a.title}\n{a.body}")]
    counted = [a for a in refer if "Donald Trump" in a.persons]
    facet = sum("Donald Trump" in a.persons for a in articles)
    print(f"  records that refer to Donald Trump (scan): {len(refer)}")
    share = len(counted) / max(1, len(refer))
    print(f"  of those, with Donald Trump in the facet: {len(counted)} = {share:.1%}"
          f"   (facet total: {facet})")
    names = Counter(p for a in articles for p in a.persons if "Trump" in p)
    print(f"  names with 'Trump': {dict(names.most_common())}")
    lex = lexicon()
    compounds = [n for n in names if "Trump-" in n or any(
        lex.is_common(word) for word in n.partition("Trump ")[2].split()[:1])]
    print(f"  'Donald Trump-…' / '… Trump <Noun>' names: {compounds or 'none'}")


def top(articles, count: int = 50) -> None:
    counts = Counter(p for a in articles for p in a.persons)
    for rank, (name, n) in enumerate(counts.most_common(count), start=1):
        print(f"  {rank:>2}. {name} ({n})")


def sample(articles, count: int, seed: int = SEED) -> None:
    rng = random.Random(seed)  # drawn from the articles in id order: the same ones whatever the code
    for article in rng.sample(sorted(articles, key=lambda a: a.id), count):
        body = " ".join(article.body.split())[:600]
        print(f"\n  [{article.id}] {article.title}\n    {body}\n    persons: {list(article.persons)}")


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    read = int(args[args.index("--read") + 1]) if "--read" in args else 0
    for label, source in (("HuffPost 9,999", HUFFPOST), ("Reuters-21578", REUTERS)):
        if not source.exists():
            print(f"{label}: skipped, {source} not found")
            continue
        began = time.perf_counter()
        articles = list(read_articles([source]))
        print(f"{label}: {len(articles)} articles read and extracted in {time.perf_counter() - began:.1f} s")
        if source == HUFFPOST:
            trump_figures(articles)
            ivanka = sum("Ivanka Trump" in a.persons for a in articles)
            print(f"  Ivanka Trump: {ivanka} records")
        print("  top 50 of the person facet:")
        top(articles)
        if read:
            print(f"  {read} random articles (seed {SEED}):")
            sample(articles, read)


if __name__ == "__main__":
    main()
