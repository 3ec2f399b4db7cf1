"""``/api/…``: JSON twins of the pages, in exactly the shapes of ``archive search --json`` and
``archive show --json``; errors as ``{"error": {...}}`` (see errors.py)."""

from __future__ import annotations

from flask import Blueprint, jsonify, request

from .article import check_id
from .params import SearchParams, whole
from .people import lookup
from .store import get_archive
from .story import story_json

bp = Blueprint("api", __name__, url_prefix="/api")


@bp.get("/search")
def search():
    params = SearchParams.from_args(request.args)
    return jsonify(params.run(get_archive()).to_dict())


@bp.get("/article/<article_id:article_id>", merge_slashes=False)
def article(article_id: str):
    check_id(article_id)
    return jsonify(get_archive().get(article_id).to_dict())


@bp.get("/similar/<article_id:article_id>", merge_slashes=False)
def similar(article_id: str):
    """The articles most like this one (``?limit=`` 1–100, default 5), as search hits."""
    check_id(article_id)
    hits = get_archive().similar(article_id, limit=whole(request.args, "limit", 5))
    return jsonify({"id": article_id, "similar": [hit.to_dict() for hit in hits]})


@bp.get("/story/<article_id:article_id>", merge_slashes=False)
def story(article_id: str):
    """The story this article is a copy of: its origin and every copy, earliest first, each with
    what it changed from the first."""
    check_id(article_id)
    return jsonify(story_json(get_archive(), article_id))


@bp.get("/people")
def people():
    return jsonify(lookup(request.args).to_dict())


@bp.get("/stats")
def stats():
    return jsonify(get_archive().stats())
