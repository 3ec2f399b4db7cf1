"""``/story/<id>``: a story's copies — the near-duplicate articles grouped at index time (see
archive/index/stories.py) — earliest first, where each appeared, and what each changed from the
first. Any copy's id will do. JSON twin: ``/api/story/<id>``."""

from __future__ import annotations

from flask import Blueprint, render_template, request

from archive import Archive, BadQuery

from .article import check_id
from .params import SearchParams
from .store import get_archive

bp = Blueprint("story", __name__)
COMPARED = 50  # copies whose changes from the first are worked out on one page


def story_of(archive: Archive, article_id: str) -> dict:
    """The story, its copies (the first first) and, per copy after the first, its changes."""
    story = archive.story(article_id)
    first = archive.get(story.first.id)
    changes = {copy.id: archive.changes(copy.id, against=first.id) for copy in story.others[:COMPARED]}
    return {"story": story, "members": [story.first, *story.others], "changes": changes}


def story_json(archive: Archive, article_id: str) -> dict:
    found = story_of(archive, article_id)
    story, changes = found["story"], found["changes"]
    members = []
    for copy in found["members"]:
        data = copy.to_dict()
        data["changes"] = changes[copy.id].summary() if copy.id in changes else None
        members.append(data)
    return {"id": story.id, "copies": story.copies, "first": story.first.to_dict(), "members": members}


@bp.get("/story/<article_id:article_id>", merge_slashes=False)
def show(article_id: str):
    check_id(article_id)
    try:
        params = SearchParams.from_args(request.args)
    except BadQuery:  # a mangled link back to the results still shows the story
        params = SearchParams()
    return render_template("story.html", params=params, **story_of(get_archive(), article_id))
