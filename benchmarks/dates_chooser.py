"""Could a learned chooser abstain on the archive's wrong days? Measured on the development split.

``python -m benchmarks.dates_chooser`` gathers, for every page of the dates_html **development**
split the archive gives a day, the evidence around that day: which of the page's stamps (JSON-LD
``datePublished``, a published ``<meta>``, ``itemprop="datePublished"``, the first ``<time>``),
its labelled lines and its URL agree with it and how many other days they give, whether htmldate
gives the same day for the latest date (``original_date=False``), without extensive search and
without the URL, whether the day is written in the page's visible text (in its first 3,000
characters), whether it carries a time, and whether the page has a later "updated" date. A
logistic regression (numpy, Newton steps, L2) learns from these whether the day is wrong; 10-fold
cross-validation over the development pages gives each page a score from a model that never saw
it. For each threshold the table prints how many wrong days abstaining (no day) would remove and
how many right days it would lose.

The test split is never read here: a method is tried on it only once it wins on development.
"""

from __future__ import annotations

import sys
import warnings

import numpy as np

from archive.errors import BadDocument
from archive.sources import html, htmldates, htmlmeta
from benchmarks import dates_html

NAMES = ["bias", "stamps agreeing", "other days", "URL agrees", "JSON-LD agrees", "<meta> agrees",
         "htmldate latest agrees", "htmldate fast agrees", "htmldate without URL agrees",
         "visible", "visible in the head", "has a time", "later update"]


def _day(dated) -> str | None:
    if dated is None or dated.precision not in ("time", "day"):
        return None
    return dated.value.date().isoformat()


def features(page: dates_html.Page) -> tuple[list[float], str] | None:
    """The evidence around the archive's day for ``page`` and that day, or None (no day given)."""
    try:
        article = next(html.parse(page.raw, page.id))
    except BadDocument:
        return None
    got = dates_html.day_of(article.published, article.published_precision, page)
    if got is None:
        return None
    from htmldate import find_date

    tree = html._tree(page.raw)
    meta, ld = htmlmeta.meta_tags(tree), htmlmeta.json_ld(tree)
    url = htmlmeta.page_url(tree, meta)
    seen = htmlmeta.visible_text(tree)
    stamps = [_day(s) for s in htmldates._structured(tree, meta, ld)]
    line_published, _ = htmldates.labelled(seen)
    url_day = htmldates._url_day(url)
    evidence = stamps + [_day(line_published), url_day.isoformat() if url_day else None]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        latest = find_date(page.raw, original_date=False, extensive_search=True, url=url)
        fast = find_date(page.raw, original_date=True, extensive_search=False, url=url)
        blind = find_date(page.raw, original_date=True, extensive_search=True, url="")
    forms = htmldates._day_forms(article.published)
    row = [1.0, min(sum(e == got for e in evidence), 3) / 3,
           min(len({e for e in evidence if e and e != got}), 2) / 2,
           float(evidence[-1] == got), float(stamps[0] == got), float(stamps[1] == got),
           float(latest == got), float(fast == got), float(blind == got),
           float(forms.search(seen) is not None), float(forms.search(seen[:3000]) is not None),
           float(article.published_precision == "time"), float(article.updated is not None)]
    return row, got


def fit(x: np.ndarray, y: np.ndarray, l2: float) -> np.ndarray:
    w = np.zeros(x.shape[1])
    penalty = l2 * np.eye(x.shape[1])
    penalty[0, 0] = 1e-6
    for _ in range(50):
        p = 1 / (1 + np.exp(-x @ w))
        hessian = x.T @ (x * (p * (1 - p))[:, None]) + penalty
        w -= np.linalg.solve(hessian, x.T @ (p - y) + penalty @ w)
    return w


def main(argv: list[str] | None = None) -> None:
    print("# a learned abstainer for the archive's days, dates_html development split only")
    if not (dates_html.CORPUS / "ground-truth.jsonl").exists():
        print(f"skipped: {dates_html.CORPUS} is missing")
        return
    rows, wrong = [], []
    for page in dates_html.load():
        if page.part != "dev" or (found := features(page)) is None:
            continue
        rows.append(found[0])
        wrong.append(float(found[1] != page.gold))
    x, y = np.array(rows), np.array(wrong)
    print(f"{len(y)} pages given a day, {int(y.sum())} of them wrong\n")
    folds = np.random.default_rng(13).integers(0, 10, len(y))
    print(f"{'L2':>5s} {'threshold':>9s} {'abstained':>9s} {'wrong removed':>13s} {'right lost':>10s}")
    for l2 in (0.3, 1.0, 5.0):
        score = np.zeros(len(y))
        for fold in range(10):
            w = fit(x[folds != fold], y[folds != fold], l2)
            score[folds == fold] = 1 / (1 + np.exp(-x[folds == fold] @ w))
        for threshold in (0.1, 0.15, 0.2, 0.3, 0.5):
            out = score > threshold
            print(f"{l2:5.1f} {threshold:9.2f} {int(out.sum()):9d} {int(y[out].sum()):13d} "
                  f"{int((1 - y[out]).sum()):10d}")
    weights = fit(x, y, 1.0)
    print("\nweights (all development pages, L2 1.0; positive: more likely wrong):")
    for name, value in zip(NAMES, weights, strict=True):
        print(f"  {name:28s} {value:+.2f}")


if __name__ == "__main__":
    main(sys.argv[1:])
