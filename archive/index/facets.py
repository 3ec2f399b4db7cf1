"""Facet counts over the matching documents, computed on the columns with array operations."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import numpy as np

from ..results import FacetValue
from .columns import Columns, Keyword
from .schema import EPOCH_ORDINAL, UNDATED

if TYPE_CHECKING:
    from .stories import StoryValues

UNDATED_VALUE = "undated"
PERSON_TOP = 20
ByStory = tuple["StoryValues", np.ndarray]  # a column arranged by story; the listed documents


def person_facet(
    columns: Columns, mask: np.ndarray, selected: list[int], top: int = PERSON_TOP,
    story: ByStory | None = None,
) -> list[FacetValue]:
    """The ``top`` most mentioned people among the matches, then any selected ones not in it."""
    return keyword_facet(columns.persons, mask, selected, top, story)


def keyword_facet(
    keyword: Keyword, mask: np.ndarray, selected: list[int], top: int = PERSON_TOP,
    story: ByStory | None = None,
) -> list[FacetValue]:
    """The ``top`` values of a keyword column (people, topics, authors, outlets) most frequent
    among the matches (``mask``), counted over all of them; then any selected ones not in it.
    With ``story`` (the column by story, :meth:`Stories.values`, and a mask of the documents
    listed, one per story) a value counts stories, not articles: the stories among the matches
    with a copy that has it, as many as selecting it would list."""
    if not keyword.names:
        return []
    counts = _counts(keyword, mask, story)
    names = keyword.names
    order = top_values(counts, names, top)
    chosen = set(selected)
    values = [FacetValue(names[vid], int(counts[vid]), vid in chosen) for vid in order]
    shown = set(order)
    values += [FacetValue(names[vid], int(counts[vid]), True) for vid in selected if vid not in shown]
    return values


def top_values(counts: np.ndarray, names: list[str], top: int) -> list[int]:
    """The ids of the ``top`` values with the largest nonzero ``counts``, most first, then by
    name."""
    nonzero = np.flatnonzero(counts)
    if len(nonzero) > top:
        nonzero = nonzero[np.argpartition(-counts[nonzero], top)[:top]]
    return sorted(nonzero.tolist(), key=lambda vid: (-counts[vid], names[vid]))


def _counts(keyword: Keyword, mask: np.ndarray, story: ByStory | None) -> np.ndarray:
    """Per value, the matching articles that have it, or with ``story`` the matching stories."""
    if story is None:
        return np.bincount(keyword.entry_value[mask[keyword.entry_doc]], minlength=len(keyword.names))
    values, listed = story
    return values.count(mask, listed)


def granularity(days: np.ndarray) -> str:
    """Bucket size that suits the span of the dated matches: years, months or days."""
    if len(days) == 0:
        return "month"
    span = int(days.max()) - int(days.min())
    if span > 3 * 366:
        return "year"
    if span > 62:
        return "month"
    return "day"


def date_facet(
    columns: Columns, ids: np.ndarray, since: date | None, until: date | None,
    undated_only: bool = False,
) -> tuple[list[FacetValue], str]:
    """Counts per year/month/day over the matches, oldest first, and the bucket size used.

    A bucket is ``selected`` when the date filter is exactly that bucket (a clicked bar).

    Undated matches are counted in a last ``undated`` bucket so that they are never lost. An
    article dated only to a month or a year is counted in that month or year (a coarser bucket
    among finer ones) rather than on a made-up first day.
    """
    days = columns.day[ids]
    known = days != UNDATED
    dated = days[known]
    unit = granularity(dated)
    values: list[FacetValue] = []
    # a date known only to the month (or year) is counted in its month (or year), never a day
    levels = np.maximum(columns.unit[ids][known], _LEVELS.index(unit))
    for level in np.unique(levels).tolist():
        values += _buckets(dated[levels == level], _LEVELS[level], since, until)
    values.sort(key=lambda v: (bucket_range(v.value)[0], len(v.value)))
    undated = len(days) - len(dated)
    if undated:
        values.append(FacetValue(UNDATED_VALUE, int(undated), undated_only))
    return values, unit


def _buckets(dated: np.ndarray, unit: str, since: date | None, until: date | None) -> list[FacetValue]:
    """Counts of the day ordinals ``dated`` per ``unit`` bucket: per day first (a bincount), then
    the distinct days folded into buckets."""
    low = int(dated.min())
    per_day = np.bincount(dated.astype(np.int64) - low)
    present = np.flatnonzero(per_day)
    stamps = (present + (low - EPOCH_ORDINAL)).astype("datetime64[D]")
    buckets, which = np.unique(stamps.astype(_NUMPY_UNIT[unit]), return_inverse=True)
    counts = np.bincount(which, weights=per_day[present], minlength=len(buckets))
    return [FacetValue(str(bucket), int(count), bucket_range(str(bucket)) == (since, until))
            for bucket, count in zip(buckets, counts, strict=True)]


_LEVELS = ("day", "month", "year")  # index = the ``day_unit`` column's value
_NUMPY_UNIT = {"year": "datetime64[Y]", "month": "datetime64[M]", "day": "datetime64[D]"}


def bucket_range(label: str) -> tuple[date, date]:
    """First and last day of a bucket label: "2021", "2021-06" or "2021-06-17" (ValueError if
    it is none of these)."""
    parts = [int(p) for p in label.split("-")]
    if len(parts) == 3:
        day = date(*parts)
        return day, day
    if len(parts) == 2:
        year, month = parts
        start = date(year, month, 1)
        end = date(year + month // 12, month % 12 + 1, 1)
        return start, date.fromordinal(end.toordinal() - 1)
    return date(parts[0], 1, 1), date(parts[0], 12, 31)
