"""Dates, bylines and body text from real saved news pages (``../shared/corpora/news_html``).

``python -m benchmarks.extraction_html`` prints:

- **date**: on the pages whose manifest row has ``readability_expected_metadata.publishedTime``
  (human-checked upstream), is the publication *day* right? When the expected time carries an
  offset, our instant is converted to that offset before taking the day; a naive expected time is
  compared with the day the page itself states.
- **byline**: on the pages whose expected ``byline`` names someone, are the authors right?
  Both sides are reduced to a set of name words: first line only, cut at the first digit (the
  expected values sometimes run on into a date: "by Lucas Nolan22 Dec 2016651"), casefolded,
  accents removed, "by"/"par"/"and"/"et"/"avec"/"&" and degrees ("MA", "PhD") dropped. The sets
  must be equal: a missing co-author, an extra name or a role left in fails. An expected byline
  that is really a date (seattletimes-1) names nobody and is left out (and listed).
- **body**: token F1 (casefolded word tokens, multiset overlap) against ``gold_text/``. Twelve of
  the 105 upstream "gold" files are not article text but notes about newspaper's own failures
  ("MISSED LAST PARAGRAPH", "MISSED ENTIRE ARTICLE BECAUSE IT'S LOADED DYNAMICALLY BY JAVASCRIPT"):
  a file without a lowercase letter is such a note; it is listed and left out of the mean, and the
  mean over all 105 (notes scoring what they score) is printed beside it.
  Four further gold files are not the page's main text (checked by hand against the pages; see
  ``NOT_MAIN_TEXT``). They stay in the mean; the mean without them is printed beside it, labelled.
  The headline figure is the mean of the per-page F1 (each page counts once); the F1 of all
  pages' tokens pooled together (long pages count more) is printed beside it, labelled.
- **speed**: pages per second through ``archive.sources.html.parse`` over all pages.
- the same figures for trafilatura and readability-lxml when they are installed (comparison only;
  they are not dependencies of the archive);
- then the publication-day table of :mod:`benchmarks.dates_html`: the dates_html test and
  development splits and these 18 pages, archive and htmldate side by side, and the refused pages.

``--pages`` adds, for every page with gold text scoring below 0.95, its token F1, precision and
recall and the token counts on both sides (diagnostics; the figures above do not change).
"""

from __future__ import annotations

import gzip
import json
import re
import statistics
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from archive.article import Article
from archive.errors import BadDocument
from archive.sources import html
from benchmarks import dates_html

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "news_html"
_STOP = {"by", "par", "por", "von", "and", "et", "avec", "und", "ma", "md", "phd", "mph", "rn"}
# Gold files that are not the page's main text, checked by hand against the saved pages. They are
# scored like the others (the headline mean includes them); the mean without them is only reported.
NOT_MAIN_TEXT = {
    "newspaper--elle.com1": "the newsletter sign-up box (the page is a 39-image runway slideshow, no text)",
    "newspaper--cricket.com.au2": "the blurb of another clip in the 'Latest Videos' rail, not this video's",
    "newspaper--cntraveler.com1": "only the last of the gallery article's 9 headed sections (no intro)",
    "newspaper--cntraveler.com2": "only the 3rd of the gallery article's 9 headed sections (no intro)",
}
_MONTH_START = re.compile(r"^\s*(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d", re.I)


@dataclass
class Page:
    id: str
    raw: bytes
    row: dict
    gold_text: str | None = None

    @property
    def gold_is_note(self) -> bool:
        """An upstream note about a failure ("MISSED LAST PARAGRAPH"), not article text."""
        return self.gold_text is not None and not any(c.islower() for c in self.gold_text)

    @property
    def expected(self) -> dict:
        return self.row.get("readability_expected_metadata") or {}


@dataclass
class Scores:
    dates: list[tuple[str, bool, str]] = field(default_factory=list)
    bylines: list[tuple[str, bool, str]] = field(default_factory=list)
    f1: dict[str, float] = field(default_factory=dict)
    f1_notes: dict[str, float] = field(default_factory=dict)
    pooled: Counter = field(default_factory=Counter)  # tokens in common, ours, gold (text gold only)

    def rate(self, which: str) -> float:
        rows = getattr(self, which)
        return sum(ok for _, ok, _ in rows) / len(rows) if rows else 0.0


def load_pages(corpus: Path = CORPUS) -> list[Page]:
    pages = []
    for line in (corpus / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        gold = row.get("gold_text_file")
        pages.append(
            Page(
                id=row["id"],
                raw=gzip.decompress((corpus / row["file"]).read_bytes()),
                row=row,
                gold_text=(corpus / gold).read_text(encoding="utf-8") if gold else None,
            )
        )
    return pages


def run_ours(pages: list[Page]) -> tuple[dict[str, Article | None], float]:
    """Every page through the archive's HTML reader; seconds spent in total."""
    found: dict[str, Article | None] = {}
    started = time.perf_counter()
    for page in pages:
        try:
            found[page.id] = next(html.parse(page.raw, page.id), None)
        except BadDocument:
            found[page.id] = None
    return found, time.perf_counter() - started


# --- comparing ------------------------------------------------------------------------------------


def day_matches(expected: str, ours: datetime | None) -> bool:
    """Same publication day as the human-checked ``publishedTime``."""
    if ours is None:
        return False
    gold = datetime.fromisoformat(expected.strip())
    if gold.tzinfo is not None and ours.tzinfo is not None:  # a bare day (htmldate's) is a day
        ours = ours.astimezone(gold.tzinfo)
    return ours.date() == gold.date()


def name_words(text: str | None) -> frozenset[str]:
    """A byline reduced to its set of name words (see the module docstring)."""
    if not text:
        return frozenset()
    text = text.strip().splitlines()[0]
    text = re.split(r"\d", text, maxsplit=1)[0]
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return frozenset(w for w in re.findall(r"\w+", text.casefold()) if w not in _STOP)


def expected_names(byline: str | None) -> frozenset[str] | None:
    """Name words of an expected byline, or None when it names nobody (empty, or a date)."""
    if not byline or _MONTH_START.match(byline):
        return None
    return name_words(byline) or None


def tokens(text: str) -> Counter:
    return Counter(re.findall(r"\w+", text.casefold()))


def token_f1(ours: str, gold: str) -> float:
    return token_prf(ours, gold)[2]


def token_prf(ours: str, gold: str) -> tuple[float, float, float]:
    """Token precision, recall and F1 (multiset overlap of casefolded word tokens)."""
    mine, want = tokens(ours), tokens(gold)
    common = sum((mine & want).values())
    if not common:
        return 0.0, 0.0, 0.0
    precision, recall = common / sum(mine.values()), common / sum(want.values())
    return precision, recall, 2 * precision * recall / (precision + recall)


def score(pages: list[Page], date_of: Callable, authors_of: Callable, body_of: Callable) -> Scores:
    """Scores of one extractor given as three functions of a page (each may return None)."""
    out = Scores()
    for page in pages:
        if when := page.expected.get("publishedTime"):
            got = date_of(page)
            out.dates.append((page.id, day_matches(when, got), f"want {when}, got {got}"))
        if (want := expected_names(page.expected.get("byline"))) is not None:
            got = authors_of(page)
            out.bylines.append(
                (
                    page.id,
                    name_words(got) == want,
                    f"want {page.expected['byline'].splitlines()[0]!r}, got {got!r}",
                )
            )
        if page.gold_text is not None:
            f1 = out.f1_notes if page.gold_is_note else out.f1
            mine, want = tokens(body_of(page) or ""), tokens(page.gold_text)
            f1[page.id] = token_f1(body_of(page) or "", page.gold_text)
            if not page.gold_is_note:
                out.pooled.update(common=sum((mine & want).values()), ours=mine.total(), gold=want.total())
    return out


def score_ours(pages: list[Page], found: dict[str, Article | None]) -> Scores:
    def date_of(page):
        return found[page.id].published if found[page.id] else None

    def authors_of(page):
        article = found[page.id]
        return ", ".join(article.authors) if article else None

    def body_of(page):
        return found[page.id].body if found[page.id] else None

    return score(pages, date_of, authors_of, body_of)


# --- reporting ------------------------------------------------------------------------------------


def report(name: str, scores: Scores, *, misses: bool = False) -> None:
    f1 = list(scores.f1.values())
    print(f"\n## {name}")
    if scores.dates:
        right = sum(ok for _, ok, _ in scores.dates)
        print(f"date (day right)   {right}/{len(scores.dates)} = {scores.rate('dates'):.1%}")
    if scores.bylines:
        right = sum(ok for _, ok, _ in scores.bylines)
        print(f"byline (names)     {right}/{len(scores.bylines)} = {scores.rate('bylines'):.1%}")
    if f1:
        print(
            f"body token F1      mean {statistics.fmean(f1):.3f}, median {statistics.median(f1):.3f} "
            f"over {len(f1)} pages with gold text; ≥0.95: {sum(x >= 0.95 for x in f1)}, ≥0.90: "
            f"{sum(x >= 0.90 for x in f1)}, <0.80: {sum(x < 0.80 for x in f1)}"
        )
        every = f1 + list(scores.f1_notes.values())
        print(
            f"                   (mean over all {len(every)} gold files, the "
            f"{len(scores.f1_notes)} notes included: {statistics.fmean(every):.3f})"
        )
        pooled = scores.pooled
        p, r = pooled["common"] / max(pooled["ours"], 1), pooled["common"] / max(pooled["gold"], 1)
        print(
            f"                   (pooled over the {len(f1)} pages' tokens rather than averaged per "
            f"page: P {p:.3f} R {r:.3f} F1 {2 * p * r / (p + r) if p + r else 0:.3f})"
        )
        main_text = [value for page_id, value in scores.f1.items() if page_id not in NOT_MAIN_TEXT]
        if len(main_text) < len(f1):
            print(
                f"                   (mean over the {len(main_text)} whose gold is the page's main text, the "
                f"{len(f1) - len(main_text)} in NOT_MAIN_TEXT left out: {statistics.fmean(main_text):.3f})"
            )
    if misses:
        for kind, rows in (("date", scores.dates), ("byline", scores.bylines)):
            for page_id, ok, detail in rows:
                if not ok:
                    print(f"  {kind} miss  {page_id}: {detail}")
        for page_id, value in sorted(scores.f1.items(), key=lambda kv: kv[1])[:8]:
            if value < 0.95:
                print(f"  body  low   {page_id}: F1 {value:.3f}")


@dataclass
class Found:
    published: datetime | None
    authors: str | None
    body: str | None


def _trafilatura() -> Callable[[bytes], Found]:
    import trafilatura

    def run(raw: bytes) -> Found:
        doc = trafilatura.bare_extraction(raw, with_metadata=True)
        if doc is None:
            return Found(None, None, None)
        return Found(_iso(doc.date), doc.author, doc.text)

    return run


def _readability() -> Callable[[bytes], Found]:
    import lxml.html
    from readability import Document

    def run(raw: bytes) -> Found:
        summary = lxml.html.fromstring(Document(raw).summary(html_partial=True))
        blocks = summary.xpath("//p|//li|//h2|//h3|//blockquote|//pre")
        body = "\n\n".join(b.text_content().strip() for b in blocks) or summary.text_content()
        return Found(None, None, body)

    return run


def _htmldate() -> Callable[[bytes], Found]:
    from htmldate import find_date

    def run(raw: bytes) -> Found:
        return Found(_iso(find_date(raw, original_date=True, outputformat="%Y-%m-%d")), None, None)

    return run


def _iso(text: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(text) if text else None
    except ValueError:
        return None


OTHERS = {
    "trafilatura (bare_extraction, metadata on)": _trafilatura,
    "readability-lxml (Document.summary; body only)": _readability,
    "htmldate (find_date, original_date; dates only)": _htmldate,
}


def compare(pages: list[Page]) -> None:
    """trafilatura, readability-lxml and htmldate on the same pages, if they are importable."""
    for name, make in OTHERS.items():
        try:
            extractor = make()
        except ImportError as exc:
            print(f"\n## {name}: skipped ({exc.name or exc} is not installed; pip install it to compare)")
            continue
        started = time.perf_counter()
        results = {page.id: extractor(page.raw) for page in pages}
        seconds = time.perf_counter() - started
        scores = score(
            pages,
            lambda p, r=results: r[p.id].published,
            lambda p, r=results: r[p.id].authors,
            lambda p, r=results: r[p.id].body,
        )
        if name.startswith("readability"):
            scores.dates, scores.bylines = [], []
        if name.startswith("htmldate"):
            scores.bylines, scores.f1 = [], {}
        report(name, scores)
        print(f"speed              {len(pages) / seconds:.1f} pages/s ({len(pages)} pages, {seconds:.1f} s)")


def page_details(pages: list[Page], found: dict[str, Article | None], below: float = 0.95) -> None:
    """Per page with gold text (notes left out) scoring under ``below``: F1, precision, recall."""
    print(f"\n## pages below {below} (F1, precision, recall; tokens ours / gold)")
    rows = []
    for page in pages:
        if page.gold_text is None or page.gold_is_note:
            continue
        body = found[page.id].body if found[page.id] else ""
        precision, recall, f1 = token_prf(body, page.gold_text)
        if f1 < below:
            rows.append(
                (
                    f1,
                    precision,
                    recall,
                    page.id,
                    sum(tokens(body).values()),
                    sum(tokens(page.gold_text).values()),
                )
            )
    for f1, precision, recall, page_id, mine, want in sorted(rows):
        print(f"  {page_id:45s} F1 {f1:.3f}  P {precision:.3f}  R {recall:.3f}  ({mine} / {want})")


def main(argv: list[str] | None = None) -> None:
    print("# extraction_html — dates, bylines and body text on ../shared/corpora/news_html")
    if not (CORPUS / "manifest.jsonl").exists():
        print(f"skipped: {CORPUS} is missing (the shared corpora are not beside this checkout)")
        return
    pages = load_pages()
    found, seconds = run_ours(pages)
    unread = [page_id for page_id, article in found.items() if article is None]
    print(f"{len(pages)} pages; read as articles: {len(pages) - len(unread)}; not read: {unread}")
    report("archive (archive.sources.html)", score_ours(pages, found), misses=True)
    print(
        f"speed              {len(pages) / seconds:.1f} pages/s ({len(pages)} pages, "
        f"{sum(len(p.raw) for p in pages) / 2**20:.0f} MB, {seconds:.1f} s)"
    )
    left_out = [
        p.id for p in pages if p.expected.get("byline") and expected_names(p.expected["byline"]) is None
    ]
    print(f"(bylines left out, they name nobody: {left_out})")
    print(f"(gold_text files that are notes, not text: {sorted(p.id for p in pages if p.gold_is_note)})")
    for page_id, why in NOT_MAIN_TEXT.items():
        print(f"(gold_text not the main text: {page_id}: {why})")
    args = sys.argv[1:] if argv is None else argv
    if "--pages" in args:
        page_details(pages, found)
    compare(pages)
    print()
    dates_html.main([a for a in args if a != "--pages"])


if __name__ == "__main__":
    main()
