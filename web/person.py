"""``/person/<name>``: one person — how often the archive mentions them per month, who is named
with them (over the chosen articles, over all of them, and per quarter side by side), their
articles, what they wrote and the name variants merged into them. JSON twin:
``/api/person/<name>``; feed: ``/person/<name>.atom`` (web/feeds.py).

Every person link of the interface (hits, article pages, /people, bylines) comes here through
:func:`person_url`; a name nobody has is a 404 page with the closest names."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime

from flask import Blueprint, Flask, current_app, jsonify, render_template, request, url_for
from werkzeug.datastructures import MultiDict

from archive import Archive, BadQuery, PersonNotFound, PersonResult
from archive.index.company import COMPANY_UNITS

from . import chart, feeds
from .errors import respond
from .facets import long_label
from .params import MAX_PERSONS, SearchParams, whole
from .store import get_archive

bp = Blueprint("person", __name__)
MAX_NAME_CHARS = 200
FEED_ENTRIES = 20


@dataclass(frozen=True)
class PersonParams:
    """The choices of a person page, read from and written back to GET parameters."""

    q: str = ""
    persons: tuple[str, ...] = ()  # others the chosen articles must mention too
    since: str = ""
    until: str = ""
    by: str = "month"  # the timeline's period
    compare: str = "quarter"
    sort: str = "newest"
    page: int = 1
    wrote_page: int = 1

    @classmethod
    def from_args(cls, args: MultiDict) -> PersonParams:
        q = " ".join(args.get("q", "").split())
        if len(q) > current_app.config["MAX_QUERY_CHARS"]:
            raise BadQuery(f"The query is {len(q):,} characters long.",
                           hint=f"Use at most {current_app.config['MAX_QUERY_CHARS']} characters.")
        persons = tuple(dict.fromkeys(" ".join(p.split()) for p in args.getlist("person") if p.strip()))
        if len(persons) > MAX_PERSONS:
            raise BadQuery(f"{len(persons)} people selected.", hint=f"Select at most {MAX_PERSONS}.")
        return cls(q=q, persons=persons, since=args.get("since", "").strip(),
                   until=args.get("until", "").strip(), by=args.get("by", "").strip() or "month",
                   compare=args.get("compare", "").strip() or "quarter",
                   sort=args.get("sort", "").strip() or "newest", page=whole(args, "page", 1),
                   wrote_page=whole(args, "wrote_page", 1))

    def run(self, archive: Archive, name: str) -> PersonResult:
        return archive.person(name, q=self.q, persons=self.persons, since=self.since or None,
                              until=self.until or None, by=self.by, company_by=self.compare, sort=self.sort,
                              page=self.page, per_page=current_app.config["PER_PAGE"],
                              authored_page=self.wrote_page)

    def but(self, **changes) -> PersonParams:
        changes.setdefault("page", 1)
        changes.setdefault("wrote_page", 1)
        return dataclasses.replace(self, **changes)

    def args(self) -> dict:
        defaults = PersonParams()
        values = {"q": self.q, "person": list(self.persons), "since": self.since, "until": self.until,
                  "by": self.by, "compare": self.compare, "sort": self.sort, "page": self.page,
                  "wrote_page": self.wrote_page}
        names = {"person": "persons"}
        return {k: v for k, v in values.items() if v and v != getattr(defaults, names.get(k, k))}

    def url(self, name: str, endpoint: str = "person.show") -> str:
        return url_for(endpoint, name=name, **self.args())

    def search(self, name: str) -> SearchParams:
        """The search page for these articles (the person as a filter)."""
        return SearchParams(q=self.q, persons=(name, *self.persons), since=self.since, until=self.until,
                            sort=self.sort, per_page=current_app.config["PER_PAGE"])


def person_url(name: str, **args) -> str:
    """The person page of ``name`` (the one link every person name in the interface takes)."""
    return url_for("person.show", name=name, **args)


def register(app: Flask) -> None:
    app.jinja_env.globals["person_url"] = person_url


def checked(name: str) -> str:
    name = " ".join(name.split())
    if not name or len(name) > MAX_NAME_CHARS:
        raise BadQuery(f"A name of {len(name):,} characters is no person's name.",
                       hint=f"Give a name of 1 to {MAX_NAME_CHARS} characters.")
    return name


@bp.get("/person/<person:name>")
def show(name: str):
    name = checked(name)
    params = PersonParams.from_args(request.args)
    try:
        result = params.run(get_archive(), name)
    except PersonNotFound as error:
        return not_found(name, error)
    urls = [[params.but(since=p.search_dates()[0], until=p.search_dates()[1]).url(result.name)
             for p in result.mentions.periods]]
    labels = [long_label(p.label) for p in result.mentions.periods]
    mentions = chart.build(result.mentions, "count", urls, labels) if result.mentions.periods else None
    return render_template("person.html", result=result, params=params, chart=mentions,
                           rows=list(zip(labels, result.mentions.periods, result.mentions.trends[0].counts,
                                         urls[0], strict=True)) if result.mentions.trends else [],
                           units=COMPANY_UNITS, chosen=chosen_text(result, params),
                           search=params.search(result.name), change=change(result),
                           feed_url=url_for("person.feed", name=result.name), span=span(result))


@bp.get("/api/person/<person:name>")
def api(name: str):
    params = PersonParams.from_args(request.args)
    return jsonify(params.run(get_archive(), checked(name)).to_dict())


@bp.get("/person/<person:name>.atom")
def feed(name: str):
    name = checked(name)
    result = get_archive().person(name, per_page=FEED_ENTRIES)
    built = datetime.fromisoformat(get_archive().stats()["built"])
    return feeds.person_feed(result, current_app.config["SITE_NAME"], built)


def not_found(name: str, error: PersonNotFound):
    """A 404 page naming the closest people (or, under /api/, the JSON error)."""
    if request.path.startswith("/api/"):
        return respond(404, "PersonNotFound", error.message, error.hint)
    return render_template("person_missing.html", name=name, message=error.message,
                           close=list(error.close)), 404


def chosen_text(result: PersonResult, params: PersonParams) -> str:
    """The chosen articles in words: "in March 1987", "matching “oil” in 1987"."""
    parts = []
    if params.q:
        parts.append(f"matching “{params.q}”")
    if params.persons:
        parts.append("with " + ", ".join(params.persons))
    if params.since or params.until:
        parts.append(period_text(params.since, params.until))
    return " ".join(parts)


def period_text(since: str, until: str) -> str:
    if since and since == until:
        return "in " + long_label(since)
    if since and until:
        return f"from {long_label(since)} to {long_label(until)}"
    return f"since {long_label(since)}" if since else f"until {long_label(until)}"


def span(result: PersonResult) -> str:
    """When the archive mentions them, first to last period ("February – October 1987")."""
    trend = result.mentions.trends[0] if result.mentions.trends else None
    if trend is None or not trend.total:
        return ""
    named = [p.label for p, n in zip(result.mentions.periods, trend.counts, strict=True) if n]
    first, last = long_label(named[0]), long_label(named[-1])
    return first if first == last else f"{first} – {last}"


def change(result: PersonResult) -> dict:
    """How the chosen articles' company differs from that of all the person's articles."""
    chosen = [v.value for v in result.co_mentions]
    every = [v.value for v in result.co_mentions_all]
    return {"new": [n for n in chosen if n not in every], "gone": [n for n in every if n not in chosen],
            "reordered": chosen != every and set(chosen) == set(every)}


__all__ = ["bp", "person_url", "register", "not_found", "SearchParams"]
