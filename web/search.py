"""``/``: the search page — query box, ranked hits, person, date, topic, author and outlet
facets, pagination — ``/search.csv``, every hit of the same search as a spreadsheet, and
``/search.atom``, its newest matches as a feed."""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime

from flask import Blueprint, Response, current_app, render_template, request
from markupsafe import Markup

from archive import SearchResult
from archive.export import csv_text

from . import facets, feeds
from .meta import external
from .params import SearchParams
from .people import suggestions
from .store import get_archive

bp = Blueprint("search", __name__)
SORTS = (("relevance", "Relevance"), ("newest", "Newest"), ("oldest", "Oldest"))
MAX_PAGE = 1000  # as archive.library.MAX_PAGE
PAGE_WINDOW = 2


@dataclass(frozen=True)
class PageLink:
    number: int | None  # None: a gap ("…")
    url: str = ""
    current: bool = False


@bp.get("/")
def index():
    params = SearchParams.from_args(request.args)
    archive = get_archive()
    result = params.run(archive)
    bars, undated = facets.timeline(result, params)
    return render_template(
        "search.html", params=params, result=result, people=facets.people(result, params),
        unknown_people=suggestions(archive, params, result.people_like) if result.total == 0 else {},
        did_you_mean=params.but(q=result.did_you_mean).url() if result.did_you_mean else None,
        titles={hit.id: Markup(archive.highlight(hit.title, params.q)) for hit in result.hits if params.q},
        bars=bars, undated=undated, chips=facets.chips(params), pages=page_links(result, params),
        keyword_facets=facets.keyword_facets(result, params), feed_url=feed_url(params),
        standouts=facets.standouts(result, params), compare_url=facets.trends_url(result, params),
        sorts=[(value, label, params.but(sort=value).url()) for value, label in SORTS],
        unit="article" if params.all_copies else "story",
    )


@bp.get("/search.csv")
def csv():
    """Every hit of the search (the parameters of ``/``; page and per_page do not apply), streamed."""
    params = SearchParams.from_args(request.args)
    rows = params.export(get_archive())  # parameters checked here: a bad one is a 400 page
    disposition = f'attachment; filename="{csv_filename(params.q)}"'
    return Response(csv_text(rows), content_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": disposition})


@bp.get("/search.atom")
def atom():
    """The newest ``feeds.FEED_SIZE`` matches of the search (the parameters of ``/``; sort, page
    and per_page do not apply) as an Atom feed."""
    params = followed(SearchParams.from_args(request.args))
    archive = get_archive()
    newest = dataclasses.replace(params, sort="newest", per_page=feeds.FEED_SIZE)
    result = newest.run(archive, significant=False)
    built = datetime.fromisoformat(archive.stats()["built"])
    return feeds.atom(feed_title(params), external("search.atom", **params.args()),
                      external("search.index", **params.args()), result.hits, built)


def followed(params: SearchParams) -> SearchParams:
    """The search a feed follows: the same query and filters, without sort and paging."""
    return dataclasses.replace(params, sort="relevance", page=1,
                               per_page=current_app.config["PER_PAGE"])


def feed_url(params: SearchParams) -> str:
    """``/search.atom`` for this search."""
    return followed(params).url("search.atom")


def feed_title(params: SearchParams) -> str:
    """"News archive: oil (topic crude)"."""
    parts = [f"“{params.q}”"] if params.q else []
    for kind in ("person", "topic", "author", "outlet"):
        parts += [f"{kind} {value}" for value in params.selected(kind)]
    if params.since or params.until:
        parts.append(facets.date_range_label(params.since, params.until))
    if params.undated:
        parts.append("undated")
    return f"{current_app.config['SITE_NAME']}: {', '.join(parts) or 'all articles'}, newest first"


def csv_filename(q: str) -> str:
    """"search-baby-loss.csv": the query's letters and digits, as ASCII ("search.csv" if none)."""
    plain = unicodedata.normalize("NFKD", q).encode("ascii", "ignore").decode().lower()
    slug = "-".join(re.findall(r"[a-z0-9]+", plain))[:60].strip("-")
    return f"search-{slug}.csv" if slug else "search.csv"


def page_links(result: SearchResult, params: SearchParams) -> list[PageLink]:
    """First, last, and the pages around the current one, with gaps between."""
    last = min(result.pages, MAX_PAGE)
    if last <= 1:
        return []
    wanted = {1, last, *range(params.page - PAGE_WINDOW, params.page + PAGE_WINDOW + 1)}
    links: list[PageLink] = []
    for number in sorted(n for n in wanted if 1 <= n <= last):
        if links and links[-1].number is not None and number > links[-1].number + 1:
            links.append(PageLink(None))
        links.append(PageLink(number, params.but(page=number).url(), number == params.page))
    return links
