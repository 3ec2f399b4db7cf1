"""The geometry of the trends chart: a server-rendered SVG line chart (no JavaScript needed).

One unit of the SVG is one CSS pixel: the chart is as wide as its periods need (at least
``STEP`` px each, so that each point's link is a 24 px target apart from the next) and scrolls
sideways in its frame when wider than the page. Periods without any article break the line
(a gap, not a zero).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from archive import TrendsResult

from .facets import short_label

STEP = 28  # px per period at least (a point's 24 px target, plus room)
MIN_WIDTH = 640
HEIGHT = 300
LEFT, RIGHT, TOP, BOTTOM = 64, 20, 16, 44
LABEL_GAP = 88  # px between x-axis labels at least ("15 Mar 1987" is ~70 px): they never overlap
POINT_R, TARGET_R = 4, 12
SERIES_STYLES = (  # colour (3:1 or more on the page's paper), dash pattern: not colour alone
    ("#12355b", ""), ("#b4461b", "6 3"), ("#2d6a2e", "2 3"), ("#7b2d8b", "10 3 2 3"), ("#5a5a5a", "1 2"),
)


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    url: str
    label: str  # "oil, March 1987: 827 articles, 7.2% of 11,544"


@dataclass(frozen=True)
class Line:
    query: str
    colour: str
    dash: str
    segments: list[str]  # SVG polyline "x,y x,y …" per unbroken run of periods
    points: list[Point]


@dataclass(frozen=True)
class Tick:
    position: float
    text: str


@dataclass(frozen=True)
class Chart:
    measure: str  # "share" | "count"
    width: int
    height: int
    lines: list[Line]
    y_ticks: list[Tick]
    x_ticks: list[Tick]
    gaps: list[tuple[float, float]]  # x ranges of periods without articles (shaded)
    plot: tuple[int, int, int, int]  # left, top, right, bottom of the plot area


def build(result: TrendsResult, measure: str, urls: list[list[str]], labels: list[str]) -> Chart:
    """The chart of ``result`` by ``measure``; ``urls[s][n]``: the search of series ``s`` in
    period ``n``; ``labels[n]``: the period's name as written out ("March 1987")."""
    count = len(result.periods)
    width = max(MIN_WIDTH, LEFT + RIGHT + STEP * count)
    right, bottom = width - RIGHT, HEIGHT - BOTTOM
    step = (right - LEFT) / max(count, 1)

    def value(trend, number):
        return result.share(trend, number) if measure == "share" else (
            trend.counts[number] if result.periods[number].total else None)

    values = [[value(t, n) for n in range(count)] for t in result.trends]
    top_value = max((v for row in values for v in row if v), default=0)
    ticks, scale_top = y_scale(top_value, measure)

    def x(number):
        return LEFT + step * (number + 0.5)

    def y(v):
        return bottom - (bottom - TOP) * (v / scale_top if scale_top else 0)

    lines = []
    for s, (trend, row) in enumerate(zip(result.trends, values, strict=True)):
        colour, dash = SERIES_STYLES[s % len(SERIES_STYLES)]
        points, segments, run = [], [], []
        for n, v in enumerate(row):
            if v is None:
                segments, run = _close(segments, run), []
                continue
            run.append(f"{x(n):.1f},{y(v):.1f}")
            points.append(Point(x(n), y(v), urls[s][n], _point_label(result, trend, n, labels[n])))
        lines.append(Line(trend.query, colour, dash, _close(segments, run), points))
    every = max(1, math.ceil(LABEL_GAP / step))
    x_ticks = [Tick(x(n), short_label(p.label, n == 0 or n % every == 0 and _new_year(p.label)))
               for n, p in enumerate(result.periods) if n % every == 0]
    gaps = [(LEFT + step * n, step) for n, p in enumerate(result.periods) if not p.total]
    return Chart(measure, width, HEIGHT, lines, [Tick(y(v), text) for v, text in ticks], x_ticks,
                 gaps, (LEFT, TOP, right, bottom))


def _close(segments: list[str], run: list[str]) -> list[str]:
    return [*segments, " ".join(run)] if len(run) > 1 else segments


def _point_label(result: TrendsResult, trend, number: int, period: str) -> str:
    count, total = trend.counts[number], result.periods[number].total
    return f"{trend.query}, {period}: {count:,} of {total:,} articles ({count / total:.1%})"


def y_scale(top: float, measure: str) -> tuple[list[tuple[float, str]], float]:
    """Four or five round ticks from 0 to at least ``top``, as text (percent for shares)."""
    if top <= 0:
        return [(0.0, "0%" if measure == "share" else "0")], 1.0
    raw = top / 4
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    if measure == "count":
        step = max(1, round(step))
    ticks = [step * i for i in range(math.ceil(top / step) + 1)]
    return [(t, tick_text(t, step, measure)) for t in ticks], ticks[-1]


def tick_text(value: float, step: float, measure: str) -> str:
    if measure == "count":
        return f"{int(value):,}"
    percent, step_percent = value * 100, step * 100
    decimals = max(0, -math.floor(math.log10(step_percent))) if step_percent < 1 else 0
    if step_percent >= 1 and step_percent != int(step_percent):
        decimals = 1
    return f"{percent:.{decimals}f}%"


def _new_year(label: str) -> bool:
    return label[5:] in ("01", "01-01")
