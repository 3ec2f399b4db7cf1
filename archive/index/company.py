"""The company a person keeps: the people most often mentioned in the same articles, over a set
of their articles and per period (quarter, month or year) side by side.

Counted from the per-document person columns with numpy, as the person facet is: the entries
(document, person) of the chosen documents are picked with one gather over a boolean mask, and one
``bincount`` (or one ``unique`` of period × person keys) counts every person at once. No stored
article is read.
"""

from __future__ import annotations

import numpy as np

from ..results import CompanyPeriod, FacetValue
from .columns import Columns, mask_of
from .facets import top_values
from .schema import UNDATED
from .trends import period_numbers

TOP = 20  # co-mentioned people listed for a selection
PERIOD_TOP = 5  # co-mentioned people listed per period
COMPANY_UNITS = ("quarter", "month", "year")
MAX_COMPANY_PERIODS = 200  # periods one comparison lists (50 years by quarter)


def entries_of(columns: Columns, ids: np.ndarray) -> np.ndarray:
    """The positions in ``columns.entry_doc`` of the (document, person) entries of ``ids``."""
    return np.flatnonzero(mask_of(len(columns.day), ids)[columns.entry_doc])


def co_mentions(columns: Columns, ids: np.ndarray, pid: int, top: int = TOP) -> list[FacetValue]:
    """The ``top`` people most often named in the articles ``ids`` beside person ``pid`` (-1:
    nobody left out), most first, then by name."""
    people = columns.entry_person[entries_of(columns, ids)]
    counts = np.bincount(people, minlength=len(columns.person_names))
    if pid >= 0:
        counts[pid] = 0
    return _top(columns, counts, top)


def _top(columns: Columns, counts: np.ndarray, top: int) -> list[FacetValue]:
    names = columns.person_names
    return [FacetValue(names[p], int(counts[p])) for p in top_values(counts, names, top)]


def company_periods(columns: Columns, ids: np.ndarray, pid: int, unit: str,
                    top: int = PERIOD_TOP) -> list[CompanyPeriod]:
    """For each ``unit`` period holding any of the articles ``ids``, oldest first: how many of
    them it holds and the ``top`` people most often named with person ``pid`` in it. An article
    dated only to a longer period than ``unit`` is in none."""
    days, units = columns.day[ids], columns.unit[ids]
    finest = {"month": 1, "quarter": 1, "year": 2}[unit]
    placed = ids[(days != UNDATED) & (units <= finest)]
    if not len(placed):
        return []
    number = _period(columns.day[placed], unit)
    periods, per_doc = np.unique(number, return_inverse=True)
    if len(periods) > MAX_COMPANY_PERIODS:
        from ..errors import BadQuery

        raise BadQuery(f"These articles span {len(periods):,} {unit}s; a comparison lists at most "
                       f"{MAX_COMPANY_PERIODS}.", hint="Compare by a longer period, or narrow the dates.")
    articles = np.bincount(per_doc, minlength=len(periods))
    doc_period = np.full(len(columns.day), -1, dtype=np.int64)
    doc_period[placed] = per_doc
    entries = entries_of(columns, placed)
    people = columns.entry_person[entries].astype(np.int64)
    keep = people != pid
    size = len(columns.person_names)
    keys, counts = np.unique(doc_period[columns.entry_doc[entries[keep]]] * size + people[keep],
                             return_counts=True)
    out, previous = [], None
    for index, period in enumerate(periods.tolist()):
        lo, hi = np.searchsorted(keys, [index * size, (index + 1) * size])
        ranked = sorted(zip((keys[lo:hi] - index * size).tolist(), counts[lo:hi].tolist(), strict=True),
                        key=lambda pair: (-pair[1], columns.person_names[pair[0]]))[:top]
        listed = [FacetValue(columns.person_names[p], int(n)) for p, n in ranked]
        since, until = _bounds(period, unit)
        out.append(CompanyPeriod(_label(period, unit), since, until, int(articles[index]), listed,
                                 _new(listed, previous)))
        previous = listed
    return out


def _new(listed: list[FacetValue], previous: list[FacetValue] | None) -> tuple[str, ...]:
    """The names of ``listed`` that the previous period's list did not have (none for the first)."""
    if previous is None:
        return ()
    before = {v.value for v in previous}
    return tuple(v.value for v in listed if v.value not in before)


def _period(days: np.ndarray, unit: str) -> np.ndarray:
    if unit == "quarter":
        return period_numbers(days, "month") // 3
    return period_numbers(days, unit)


def _label(number: int, unit: str) -> str:
    if unit == "quarter":
        return f"{1970 + number // 4}-Q{number % 4 + 1}"
    return str(np.datetime64(number, {"month": "M", "year": "Y"}[unit]))


def _bounds(number: int, unit: str) -> tuple[str, str]:
    """The period as since/until parameters ("1987-01", "1987-03" for 1987-Q1)."""
    if unit == "quarter":
        first = np.datetime64(number * 3, "M")
        return str(first), str(first + 2)
    label = _label(number, unit)
    return label, label
