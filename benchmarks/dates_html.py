"""Publication days of saved pages: the archive against htmldate, on pages tuned on and not.

``python -m benchmarks.dates_html`` (also printed by ``python -m benchmarks.extraction_html``)
prints, for three sets, how often the publication **day** is right, how often no day is given
and how often a wrong day is given — for the archive (``archive.sources.html.parse``) and for
htmldate (``find_date(original_date=True)``, with ``extensive_search`` on and off) side by side:

- ``dates_html`` **test** and **development** splits (``benchmarks/splits/dates_html.json``, fixed
  once: by page, ``random.Random(13)``, half of each ``eval_set``; the archive's rules were tuned
  on the development part only). The gold is one day per page; the 4 pages whose gold is null
  have no publication date: no day is right there, any day is wrong;
- ``news_html``: the 18 pages with a human-checked ``publishedTime`` (readability's expected
  metadata; see :mod:`benchmarks.extraction_html` for how an offset is handled).

A date known only to the month or year (``published_precision``) gives no day. Neither side is
given the page's true URL: the archive reads files, so both see only what the page says of its
own address (``og:url``, canonical link). Pages the archive refuses are listed with the reason.

``--rules`` adds, on both splits, each of the archive's own date rules left out in turn
(``archive.sources.htmldates.RULES``) and htmldate alone under the archive's constraints.
``--misses`` lists the development split's misses (never the test split's: tune on dev only).
"""

from __future__ import annotations

import gzip
import json
import os
import sys
import time
import warnings
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from archive.errors import BadDocument
from archive.sources import html, htmldates, htmlmeta

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "dates_html"
SPLIT = ROOT / "benchmarks" / "splits" / "dates_html.json"


@dataclass
class Page:
    id: str
    raw: bytes
    gold: str | None  # the publication day, YYYY-MM-DD (None: the page has none)
    part: str  # "dev", "test" or "news_html"
    expected: str | None = None  # news_html: the expected publishedTime, offset and all


@dataclass
class Tally:
    right: int = 0
    none: int = 0
    wrong: int = 0

    def add(self, gold: str | None, day: str | None) -> str:
        kind = "right" if day == gold else "none" if day is None else "wrong"
        setattr(self, kind, getattr(self, kind) + 1)
        return kind

    def line(self) -> str:
        n = self.right + self.none + self.wrong
        return (f"{self.right:4d} {self.right / n:6.1%}  {self.none:4d} {self.none / n:6.1%}  "
                f"{self.wrong:4d} {self.wrong / n:6.1%}")


def load(corpus: Path = CORPUS) -> list[Page]:
    """The dates_html pages of both splits, development first."""
    split = json.loads(SPLIT.read_text(encoding="utf-8"))
    part = {name: which for which in ("dev", "test") for name in split[which]}
    pages = []
    for line in (corpus / "ground-truth.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        raw = gzip.decompress((corpus / "pages" / f"{row['file']}.gz").read_bytes())
        pages.append(Page(row["file"], raw, row["date"], part[row["file"]]))
    return sorted(pages, key=lambda p: p.part)


def news_html_pages() -> list[Page]:
    from benchmarks.extraction_html import CORPUS as NEWS
    from benchmarks.extraction_html import load_pages

    if not (NEWS / "manifest.jsonl").exists():
        return []
    pages = []
    for page in load_pages():
        if when := page.expected.get("publishedTime"):
            pages.append(Page(page.id, page.raw, None, "news_html", expected=when))
    return pages


def day_of(value: datetime | None, precision: str | None, page: Page) -> str | None:
    """The day given, in the zone of a news_html expectation that has one; None below a day."""
    if value is None or precision not in ("time", "day"):
        return None
    if page.expected is not None:
        gold = datetime.fromisoformat(page.expected.strip())
        if gold.tzinfo is not None and precision == "time":
            value = value.astimezone(gold.tzinfo)
    return value.date().isoformat()


def gold_of(page: Page) -> str | None:
    return datetime.fromisoformat(page.expected.strip()).date().isoformat() if page.expected else page.gold


def archive_days(pages: list[Page]) -> tuple[dict[str, str | None], dict[str, str | None],
                                             dict[str, str], float]:
    """Each page through the archive's HTML reader: its day and its updated day, the refused
    pages' reasons, seconds."""
    days, updated, refused = {}, {}, {}
    started = time.perf_counter()
    for page in pages:
        try:
            article = next(html.parse(page.raw, page.id))
            days[page.id] = day_of(article.published, article.published_precision, page)
            updated[page.id] = day_of(article.updated, "time", page)
        except BadDocument as exc:
            days[page.id], updated[page.id], refused[page.id] = None, None, str(exc)
    return days, updated, refused, time.perf_counter() - started


def wrong_kinds(pages: list[Page], days: dict[str, str | None], updated: dict[str, str | None]) -> None:
    """What the archive's wrong days are, per split: the gold is the page's own updated day (kept
    apart on purpose), the gold is one day off (a zone), or another date of the page."""
    print("\narchive's wrong days by kind (gold = the page's updated day / one day off / other):")
    for part in ("test", "dev"):
        kinds: Counter = Counter()
        for page in pages:
            got, gold = days[page.id], page.gold
            if page.part != part or got is None or got == gold:
                continue
            if gold is not None and updated[page.id] == gold:
                kinds["updated"] += 1
            elif gold is not None and abs((date.fromisoformat(got) - date.fromisoformat(gold)).days) == 1:
                kinds["one day off"] += 1
            else:
                kinds["other"] += 1
        print(f"  {part:5s} {kinds['updated']:3d} / {kinds['one day off']:3d} / {kinds['other']:3d}")


def htmldate_days(pages: list[Page], *, extensive: bool) -> tuple[dict[str, str | None], float]:
    from htmldate import find_date

    days = {}
    started = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for page in pages:
            found = find_date(page.raw, original_date=True, extensive_search=extensive)
            days[page.id] = found or None
    return days, time.perf_counter() - started


def tally(pages: list[Page], days: dict[str, str | None], part: str) -> Tally:
    out = Tally()
    for page in pages:
        if page.part == part:
            out.add(gold_of(page), days[page.id])
    return out


def table(pages: list[Page], columns: dict[str, dict[str, str | None]]) -> None:
    parts = [p for p in ("test", "dev", "news_html") if any(page.part == p for page in pages)]
    print(f"{'set':10s} {'pages':>5s}  {'extractor':34s} {'day right':>12s}  {'no day':>11s}  "
          f"{'wrong day':>11s}")
    for part in parts:
        n = sum(page.part == part for page in pages)
        for name, days in columns.items():
            print(f"{part:10s} {n:5d}  {name:34s} {tally(pages, days, part).line()}")


def rules_table(pages: list[Page]) -> None:
    """Each archive rule left out in turn, and htmldate under the archive's constraints alone."""
    variants: dict[str, frozenset[str]] = {"all rules": htmldates.RULES}
    variants |= {f"without {rule}": htmldates.RULES - {rule} for rule in sorted(htmldates.RULES)}
    variants["htmldate alone (no rule of ours)"] = frozenset()
    results: dict[str, dict[str, str | None]] = {name: {} for name in variants}
    for page in pages:
        if page.part == "news_html":
            continue
        tree = html._tree(page.raw)
        meta, ld = htmlmeta.meta_tags(tree), htmlmeta.json_ld(tree)
        url = htmlmeta.page_url(tree, meta)
        for name, rules in variants.items():
            found = htmldates.page_dates(page.raw, tree, meta, ld, url, rules=rules).published
            results[name][page.id] = day_of(found.value, found.precision, page) if found else None
    print("\n## the archive's date rules, each left out in turn (dates only, refusals aside)")
    table([p for p in pages if p.part != "news_html"], results)


def misses(pages: list[Page], days: dict[str, str | None]) -> None:
    print("\n## development-split misses (gold, archive)")
    for page in pages:
        if page.part == "dev" and days[page.id] != page.gold:
            print(f"  {page.id}: want {page.gold}, got {days[page.id]}")


def _load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    print(f"# dates_html — publication days, archive and htmldate "
          f"({time.strftime('%Y-%m-%d %H:%M')}, load average {_load_average()})")
    if not (CORPUS / "ground-truth.jsonl").exists():
        print(f"skipped: {CORPUS} is missing (the shared corpora are not beside this checkout)")
        return
    pages = load() + news_html_pages()
    ours, updated, refused, seconds = archive_days(pages)
    columns: dict[str, dict[str, str | None]] = {"archive": ours}
    speed = {"archive (whole reader)": seconds}
    for name, extensive in (("htmldate (extensive_search on)", True),
                            ("htmldate (extensive_search off)", False)):
        try:
            columns[name], speed[name] = htmldate_days(pages, extensive=extensive)
        except ImportError:
            print(f"({name}: skipped, htmldate is not installed)")
    table(pages, columns)
    wrong_kinds(pages, ours, updated)
    print(f"\nrefused: {len(refused)} of {len(pages)} pages")
    for page_id, reason in refused.items():
        print(f"  {page_id}: {reason}")
    sizes = Counter(page.part != "news_html" for page in pages)
    print(f"\nspeed over {sizes[True]} dates_html + {sizes[False]} news_html pages "
          f"(load average {_load_average()}):")
    for name, spent in speed.items():
        print(f"  {name:34s} {len(pages) / spent:6.1f} pages/s ({spent:.1f} s)")
    if "--misses" in args:
        misses(pages, ours)
    if "--rules" in args:
        rules_table(pages)

if __name__ == "__main__":
    main()
