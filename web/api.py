"""``/api/…``: JSON twins of the pages, in exactly the shapes of ``archive search --json`` and
``archive show --json``; errors as ``{"error": {...}}`` (see errors.py)."""

from __future__ import annotations

from flask import Blueprint, jsonify, request

from .article import check_id
from .params import SearchParams
from .people import lookup
from .store import get_archive

bp = Blueprint("api", __name__, url_prefix="/api")


@bp.get("/search")
def search():
    params = SearchParams.from_args(request.args)
    return jsonify(params.run(get_archive()).to_dict())


@bp.get("/article/<path:article_id>")
def article(article_id: str):
    check_id(article_id)
    return jsonify(get_archive().get(article_id).to_dict())


@bp.get("/people")
def people():
    return jsonify(lookup(request.args).to_dict())


@bp.get("/stats")
def stats():
    return jsonify(get_archive().stats())
