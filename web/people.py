"""``/people``: everyone the archive mentions, most mentioned first, narrowed by part of a name —
the way to reach people beyond the search page's top list. JSON twin: ``/api/people``."""

from __future__ import annotations

from flask import Blueprint, current_app, render_template, request

from archive import Archive, FacetValue, PeopleResult

from .params import SearchParams, whole
from .store import get_archive

bp = Blueprint("people", __name__)
SUGGESTIONS = 5


def lookup(args) -> PeopleResult:
    """The people matching ``?q=`` (part of a name), at most ``?limit=`` of them."""
    contains = " ".join(args.get("q", "").split())[: current_app.config["MAX_QUERY_CHARS"]]
    return get_archive().people(contains, limit=whole(args, "limit", current_app.config["PEOPLE_LISTED"]))


@bp.get("/people")
def index():
    found = lookup(request.args)
    return render_template("people.html", found=found,
                           search_url=lambda name: SearchParams(persons=(name,)).url())


def suggestions(archive: Archive, params: SearchParams,
                like: dict[str, list[str]] | None = None) -> dict[str, list[tuple[FacetValue, str]]]:
    """For each selected name that is nobody in the archive ("teig"), the people whose names
    contain it, or else those whose names are spelled most like it (``like``, from the search
    result: "Jim Bakker" → James Baker), each with the URL that selects them instead."""
    found = {}
    for name in params.persons:
        people = archive.people(name, limit=SUGGESTIONS).people
        if not people and (like or {}).get(name):
            people = [p for alike in like[name] for p in archive.people(alike, limit=SUGGESTIONS).people
                      if p.value == alike]
        if not any(p.value.casefold() == name.casefold() for p in people):
            swap = params.without_person(name)
            found[name] = [(p, swap.with_person(p.value).url()) for p in people]
    return found
