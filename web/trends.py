"""``/trends``: how often up to five searches match per year, month or day, as the share of all
the archive's articles of each period or as counts, on one server-rendered chart with a data
table beside it; ``/api/trends`` (JSON) and ``/trends.csv`` (one row per period and query)."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, Response, current_app, jsonify, render_template, request
from werkzeug.datastructures import MultiDict

from archive import Archive, BadQuery, TrendsResult
from archive.export import csv_text

from . import chart
from .facets import long_label
from .params import KINDS, MAX_PERSONS, SearchParams, values
from .search import csv_filename
from .store import get_archive

bp = Blueprint("trends", __name__)
BY = ("year", "month", "day")
MEASURES = (("share", "Share of all articles"), ("count", "Number of articles"))
MAX_QUERIES = 5  # as archive.library.MAX_TRENDS
KEYWORD_KINDS = ("topic", "author", "outlet")  # filters of every search, as on the search page


@dataclass(frozen=True)
class TrendParams:
    queries: tuple[str, ...] = ()
    by: str = "month"
    persons: tuple[str, ...] = ()
    since: str = ""
    until: str = ""
    measure: str = "share"
    topics: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()

    @classmethod
    def from_args(cls, args: MultiDict) -> TrendParams:
        limit = current_app.config["MAX_QUERY_CHARS"]
        queries = tuple(dict.fromkeys(" ".join(q.split()) for q in args.getlist("q") if q.strip()))
        if any(len(q) > limit for q in queries):
            raise BadQuery("A search is longer than the limit.", hint=f"Use at most {limit} characters.")
        persons = tuple(dict.fromkeys(" ".join(p.split()) for p in args.getlist("person") if p.strip()))
        if len(persons) > MAX_PERSONS:
            raise BadQuery(f"{len(persons)} people selected.", hint=f"Select at most {MAX_PERSONS}.")
        measure = args.get("measure", "").strip() or "share"
        if measure not in dict(MEASURES):
            raise BadQuery(f"Unknown measure {measure[:40]!r}.", hint="Use measure=share or measure=count.")
        return cls(queries=queries, by=args.get("by", "").strip() or "month", persons=persons,
                   since=args.get("since", "").strip(), until=args.get("until", "").strip(),
                   measure=measure, **{KINDS[kind]: values(args, kind) for kind in KEYWORD_KINDS})

    def keywords(self) -> dict[str, tuple[str, ...]]:
        """The topic, author and outlet filters, as ``Archive.trends`` keywords."""
        return {KINDS[kind]: getattr(self, KINDS[kind]) for kind in KEYWORD_KINDS}

    def run(self, archive: Archive) -> TrendsResult:
        return archive.trends(self.queries, by=self.by, persons=self.persons,
                              since=self.since or None, until=self.until or None, **self.keywords())

    def args(self, **changes) -> dict:
        values = {"q": list(self.queries), "by": self.by, "person": list(self.persons),
                  "since": self.since, "until": self.until, "measure": self.measure,
                  **{kind: list(getattr(self, KINDS[kind])) for kind in KEYWORD_KINDS}, **changes}
        defaults = {"by": "month", "measure": "share"}
        return {k: v for k, v in values.items() if v and defaults.get(k) != v}

    def search_url(self, query: str, since: str = "", until: str = "") -> str:
        """The search page for one series, within one period (or the trend's own dates)."""
        return SearchParams(q=query, persons=self.persons, since=since or self.since,
                            until=until or self.until, **self.keywords()).url()


@bp.get("/trends")
def index():
    params = TrendParams.from_args(request.args)
    result = params.run(get_archive()) if params.queries else None
    charts, table = {}, []
    if result is not None and result.periods:
        urls = [[params.search_url(t.query, *p.search_dates()) for p in result.periods]
                for t in result.trends]
        labels = [long_label(p.label) for p in result.periods]
        charts = {m: chart.build(result, m, urls, labels) for m, _ in MEASURES}
        table = [(labels[n], p, [(t.counts[n], result.share(t, n), urls[s][n])
                                 for s, t in enumerate(result.trends)])
                 for n, p in enumerate(result.periods)]
    fields = [*params.queries, *[""] * (MAX_QUERIES - len(params.queries))][:MAX_QUERIES]
    return render_template("trends.html", params=params, result=result, charts=charts, table=table,
                           fields=fields, units=BY, measures=MEASURES,
                           summary=summary(result) if charts else [])


@bp.get("/api/trends")
def api():
    params = TrendParams.from_args(request.args)
    return jsonify(params.run(get_archive()).to_dict())


@bp.get("/trends.csv")
def csv():
    params = TrendParams.from_args(request.args)
    result = params.run(get_archive())
    name = csv_filename(" ".join(params.queries)).replace("search", "trends", 1)
    return Response(csv_text(result.rows(), result.COLUMNS), content_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


def summary(result: TrendsResult) -> list[str]:
    """A sentence per search: where it peaks, by count and by share (the chart in words)."""
    lines = []
    for trend in result.trends:
        shares = [(result.share(trend, n), n) for n in range(len(result.periods))]
        shares = [(s, n) for s, n in shares if s is not None]
        if not trend.total or not shares:
            lines.append(f"“{trend.query}”: no matches in these {result.by}s.")
            continue
        most = max(range(len(trend.counts)), key=lambda n: (trend.counts[n], -n))
        share, top = max(shares, key=lambda pair: (pair[0], -pair[1]))
        lines.append(f"“{trend.query}”: most articles {long_label(result.periods[most].label)} "
                     f"({trend.counts[most]:,}), the highest share "
                     f"{long_label(result.periods[top].label)} ({share:.1%}).")
    return lines
