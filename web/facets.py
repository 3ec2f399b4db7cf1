"""Facets as small objects the templates render directly: value, count, selected and the URL
that toggles it (as datasette's facet results)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask import url_for

from archive import FacetValue, SearchResult

from .params import SearchParams

UNDATED = "undated"
MAX_BARS = 400
MAX_ROWS = 12  # rows of the timeline at most (runs of periods beyond that)


@dataclass(frozen=True)
class Item:
    """One clickable facet value (a person, the undated bucket)."""

    value: str
    label: str
    count: int
    selected: bool
    url: str


@dataclass(frozen=True)
class Row:
    """One row of the timeline: a period (or a run of them), its count, a bar as wide as the
    count is against the largest, and the URL that narrows the search to it ("" for none)."""

    label: str  # "March 1987", "1–5 March 1987", "1988 – 2005"
    count: int
    selected: bool
    url: str
    width: int  # bar length, percent of the largest count
    since: str = ""
    until: str = ""


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


# the facets of the sources' own metadata, in the order shown: (kind, heading, noun counted)
KEYWORD_FACETS = (("topic", "Topics", "article"), ("author", "Authors", "article"),
                  ("outlet", "Outlets", "article"))
CHIP_LABELS = {"topic": "Topic", "author": "By", "outlet": "Outlet"}


@dataclass(frozen=True)
class Facet:
    """A keyword facet as the page shows it: its kind, heading and values (selected first)."""

    kind: str
    heading: str
    noun: str
    items: list[Item]

    @property
    def several_selected(self) -> bool:
        return sum(item.selected for item in self.items) > 1


def keyword_facets(result: SearchResult, params: SearchParams) -> list[Facet]:
    """The topic, author and outlet facets that have values among the matches (or selected)."""
    found = []
    for kind, heading, noun in KEYWORD_FACETS:
        values = sorted(result.facets.get(kind, []), key=lambda v: not v.selected)
        if values:
            items = [Item(v.value, v.value, v.count, v.selected, params.toggling(kind, v.value).url())
                     for v in values]
            found.append(Facet(kind, heading, noun, items))
    return found


def timeline(result: SearchResult, params: SearchParams) -> tuple[list[Row], Item | None]:
    """The timeline's rows, oldest first, and the undated bucket. Buckets of the date facet
    become rows; a run of empty ones is one "no matches" row; more than ``MAX_ROWS`` rows are
    merged into runs of equal length, so the timeline stays short enough to read at a glance.
    A selected row clears the dates again."""
    values = result.facets.get("date", [])
    dated = fill_gaps([v for v in values if v.value != UNDATED], result.date_granularity)
    runs = _runs(dated)
    tallest = max((sum(v.count for v in run) for run in runs), default=1) or 1
    rows = []
    for run in runs:
        count = sum(v.count for v in run)
        since, until = run[0].value, run[-1].value
        selected = (params.since, params.until) == (since, until) or (len(run) == 1 and run[0].selected)
        target = params.with_dates() if selected else params.with_dates(since, until)
        rows.append(Row(range_label(since, until), count, selected, target.url() if count else "",
                        round(100 * count / tallest), since, until))
    undated = next((v for v in values if v.value == UNDATED), None)
    if undated is None and params.undated:
        undated_item = Item(UNDATED, "Undated", 0, True, params.only_undated(False).url())
    elif undated is None:
        undated_item = None
    else:
        undated_item = Item(UNDATED, "Undated", undated.count, params.undated,
                            params.only_undated(not params.undated).url())
    return rows, undated_item


def _runs(values: list[FacetValue]) -> list[list[FacetValue]]:
    """Consecutive buckets grouped into rows: each run of empty buckets is one row; then, while
    there are more than ``MAX_ROWS``, neighbours are merged into runs of equal length."""
    runs: list[list[FacetValue]] = []
    for value in values:
        if runs and not value.count and not runs[-1][-1].count:
            runs[-1].append(value)
        else:
            runs.append([value])
    if len(runs) <= MAX_ROWS:
        return runs
    size = -(-len(values) // MAX_ROWS)
    return [values[i : i + size] for i in range(0, len(values), size)]


def range_label(first: str, last: str) -> str:
    """"Mar 1987"; "1–5 Mar 1987", "Mar – May 1987", "1987 – 1989" for a run."""
    if first == last:
        return short_label(first, True)
    a, b = first.split("-"), last.split("-")
    if len(a) == 3 and a[:2] == b[:2]:
        return f"{int(a[2])}–{short_label(last, True)}"
    if len(a) == 2 and a[0] == b[0]:
        return f"{short_label(first, False)} – {short_label(last, True)}"
    return f"{short_label(first, True)} – {short_label(last, True)}"


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def short_label(label: str, with_year: bool) -> str:
    """An x-axis label: "1987", "Mar 1987" / "Mar", "15 Mar 1987" / "15 Mar"."""
    parts = label.split("-")
    if len(parts) == 1:
        return label
    month = MONTHS[int(parts[1]) - 1]
    if len(parts) == 2:
        return f"{month} {parts[0]}" if with_year else month
    return f"{int(parts[2])} {month} {parts[0]}" if with_year else f"{int(parts[2])} {month}"




STANDOUT_HEADINGS = {"person": "People", "word": "Words"}


def standouts(result: SearchResult, params: SearchParams) -> list[tuple[str, str, list]]:
    """(kind, heading, items) of what stands out among the matches; each item links to the
    search narrowed by it (the person as a filter, the word added to the query)."""
    found = result.significant.kinds if result.significant else {}
    panel = []
    for kind, items in found.items():
        if not items:
            continue
        links = [Standing(s.value, s.count, s.background, _narrowed(params, kind, s).url()) for s in items]
        panel.append((kind, STANDOUT_HEADINGS.get(kind, kind.capitalize()), links))
    return panel


@dataclass(frozen=True)
class Standing:
    value: str
    count: int
    background: int
    url: str


def _narrowed(params: SearchParams, kind: str, standout) -> SearchParams:
    if kind == "person":
        return params.with_person(standout.term)
    return params.but(q=f"{params.q} {standout.value}".strip())


def trends_url(result: SearchResult, params: SearchParams) -> str:
    """"Compare over time": the trends page for this search, per the timeline's period; by day,
    over the days of the matches (a day-by-day chart of the whole archive would be too long)."""
    unit = result.date_granularity
    since, until = params.since, params.until
    days = [v.value for v in result.facets.get("date", []) if v.value != UNDATED]
    if unit == "day" and days:
        since, until = since or days[0], until or days[-1]
    return url_for("trends.index", q=params.q or None, person=list(params.persons) or None,
                   **{kind: list(params.selected(kind)) or None for kind, _, _ in KEYWORD_FACETS},
                   by=unit if unit != "month" else None, since=since or None, until=until or None)


def chips(params: SearchParams) -> list[Chip]:
    found = [Chip("person", name, params.without_person(name).url()) for name in params.persons]
    found += [Chip(kind, f"{CHIP_LABELS[kind]}: {value}", params.removing(kind, value).url())
              for kind, _, _ in KEYWORD_FACETS for value in params.selected(kind)]
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


def date_range_label(since: str, until: str) -> str:
    if since and since == until:
        return long_label(since)
    if since and until:
        return f"{long_label(since)} – {long_label(until)}"
    return f"From {long_label(since)}" if since else f"Until {long_label(until)}"
