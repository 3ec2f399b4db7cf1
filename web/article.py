"""``/article/<id>``: one article in full, the search's terms highlighted, a way back."""

from __future__ import annotations

import re

from flask import Blueprint, abort, render_template, request
from markupsafe import Markup, escape

from archive import BadQuery

from .params import SearchParams
from .store import get_archive

bp = Blueprint("article", __name__)
MAX_ID_CHARS = 1000
SIMILAR_SHOWN = 5
_UNSAFE_ID = re.compile(r"[\x00-\x1f\x7f]|(^|/)\.\.?(/|$)|^/")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_INDENTED_LINE = re.compile(r"\n(?=[ \t]{2,}\S)")  # wire copy: hard-wrapped, paragraphs indented


@bp.get("/article/<path:article_id>")
def show(article_id: str):
    check_id(article_id)
    try:
        params = SearchParams.from_args(request.args)
    except BadQuery:  # a mangled link back to the results still shows the article
        params = SearchParams()
    archive = get_archive()
    article = archive.get(article_id)
    if params.q:
        title, body = archive.highlight(article.title, params.q), archive.highlight(article.body, params.q)
    else:
        title, body = str(escape(article.title)), str(escape(article.body))
    body = body.replace("<mark>", '<mark id="first-mark">', 1)
    return render_template(
        "article.html", article=article, params=params, title=Markup(title),
        similar=archive.similar(article.id, limit=SIMILAR_SHOWN),
        paragraphs=[Markup(p) for p in paragraphs(body)],
        from_search=bool(request.args), marks=body.count("<mark"),
        person_url=lambda name: SearchParams(persons=(name,)).url(),
    )


def check_id(article_id: str) -> None:
    """Refuse ids no article can have (``../../etc/passwd``) before looking anything up."""
    if len(article_id) > MAX_ID_CHARS or _UNSAFE_ID.search(article_id):
        abort(404, f"Article {article_id[:80]!r} does not exist in this archive.")


def paragraphs(text: str) -> list[str]:
    """Paragraphs of an article body (blank-line separated, or indented wire copy)."""
    splitter = _BLANK_LINE if _BLANK_LINE.search(text) else _INDENTED_LINE
    return [" ".join(part.split()) if splitter is _INDENTED_LINE else part.strip()
            for part in splitter.split(text) if part.strip()]
