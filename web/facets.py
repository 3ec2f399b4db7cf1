"""Facets as small objects the templates render directly: value, count, selected and the URL
that toggles it (as datasette's facet results)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from archive import FacetValue, SearchResult

from .params import SearchParams

UNDATED = "undated"
MAX_BARS = 400
BAR_STEP = 5  # bar heights are classes tl-h5 … tl-h100 of style.css (no inline style: see headers.py)


@dataclass(frozen=True)
class Item:
    """One clickable facet value (a person, a date bar, the undated bucket)."""

    value: str
    label: str
    count: int
    selected: bool
    url: str
    short: str = ""  # axis label of a date bar ("" when the axis skips it)
    height: int = 0  # bar height in percent of the tallest bar, a multiple of BAR_STEP


@dataclass(frozen=True)
class Chip:
    """A filter in force, with the URL that removes it."""

    kind: str
    label: str
    url: str


def people(result: SearchResult, params: SearchParams) -> list[Item]:
    """The person facet: selected people first (so their chips and boxes stay in view)."""
    values = sorted(result.facets.get("person", []), key=lambda v: not v.selected)
    return [Item(v.value, v.value, v.count, v.selected, params.toggle_person(v.value).url())
            for v in values]


def timeline(result: SearchResult, params: SearchParams) -> tuple[list[Item], Item | None]:
    """Date bars oldest first (a selected bar clears the dates again) and the undated bucket."""
    values = result.facets.get("date", [])
    dated = fill_gaps([v for v in values if v.value != UNDATED], result.date_granularity)
    tallest = max((v.count for v in dated), default=1)
    unit = result.date_granularity
    bars = []
    for number, v in enumerate(dated):
        if not v.count:
            bars.append(Item(v.value, long_label(v.value), 0, False, "",
                             short=axis_label(v.value, unit, number, dated)))
            continue
        target = params.with_dates() if v.selected else params.with_dates(v.value, v.value)
        bars.append(Item(v.value, long_label(v.value), v.count, v.selected, target.url(),
                         short=axis_label(v.value, unit, number, dated),
                         height=bar_height(v.count, tallest)))
    undated = next((v for v in values if v.value == UNDATED), None)
    if undated is None and params.undated:
        undated_item = Item(UNDATED, "Undated", 0, True, params.only_undated(False).url())
    elif undated is None:
        undated_item = None
    else:
        undated_item = Item(UNDATED, "Undated", undated.count, params.undated,
                            params.only_undated(not params.undated).url())
    return bars, undated_item


def bar_height(count: int, tallest: int) -> int:
    """The height of a bar of ``count`` in percent of the tallest, in steps of BAR_STEP (a bar
    with any count gets the first step)."""
    return BAR_STEP * max(1, round(count * (100 // BAR_STEP) / tallest))


def chips(params: SearchParams) -> list[Chip]:
    found = [Chip("person", name, params.without_person(name).url()) for name in params.persons]
    if params.since or params.until:
        found.append(Chip("date", date_range_label(params.since, params.until),
                          params.with_dates().url()))
    if params.undated:
        found.append(Chip("date", "Undated only", params.only_undated(False).url()))
    return found


def fill_gaps(values: list[FacetValue], unit: str) -> list[FacetValue]:
    """The dated buckets with empty ones between them, so the bars read as a timeline."""
    if len(values) < 2:
        return values
    have = {v.value: v for v in values}
    labels = list(_labels(values[0].value, values[-1].value, unit))
    if len(labels) > MAX_BARS:
        return values
    return [have.get(label) or FacetValue(label, 0) for label in labels]


def _labels(first: str, last: str, unit: str):
    if unit == "year":
        yield from (str(year) for year in range(int(first[:4]), int(last[:4]) + 1))
    elif unit == "month":
        year, month = int(first[:4]), int(first[5:7])
        while (label := f"{year:04d}-{month:02d}") <= last:
            yield label
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    else:
        start, end = date.fromisoformat(first), date.fromisoformat(last)
        yield from (date.fromordinal(n).isoformat() for n in range(start.toordinal(), end.toordinal() + 1))


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def long_label(value: str) -> str:
    """"2021" → "2021", "2021-06" → "June 2021", "2021-06-17" → "17 June 2021"."""
    parts = value.split("-")
    try:
        if len(parts) == 2:
            return date(int(parts[0]), int(parts[1]), 1).strftime("%B %Y")
        if len(parts) == 3:
            day = date(*(int(p) for p in parts))
            return f"{day.day} {day.strftime('%B %Y')}"
    except ValueError:
        pass
    return value


def axis_label(value: str, unit: str, number: int, bars: list) -> str:
    """A short label under some bars (about four fit under the timeline); a month shows its year
    on the first bar and in January."""
    step = -(-len(bars) // 4)
    if number % step:
        return ""
    parts = value.split("-")
    if unit == "year" or len(parts) == 1:
        return value
    month = MONTHS[int(parts[1]) - 1]
    if len(parts) == 2:
        return f"{month} {parts[0]}" if number == 0 or parts[1] == "01" else month
    return f"{int(parts[2])} {month}" if number == 0 or parts[2] == "01" else str(int(parts[2]))


def date_range_label(since: str, until: str) -> str:
    if since and since == until:
        return long_label(since)
    if since and until:
        return f"{long_label(since)} – {long_label(until)}"
    return f"From {long_label(since)}" if since else f"Until {long_label(until)}"
