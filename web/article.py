"""``/article/<id>``: one article, the search's terms highlighted, a way back; its full text as
plain text at ``/article/<id>.txt``.

A page shows at most ``ARTICLE_CHARS`` characters of the body (a 20 MB text would make a page
no browser wants), cut at a paragraph or word boundary, with a link to the whole text.
"""

from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, render_template, request, url_for
from markupsafe import Markup, escape

from archive import Article, ArticleNotFound, BadQuery, SearchTimeout
from archive.changes import paragraphs

from .params import SearchParams
from .store import get_archive

bp = Blueprint("article", __name__)
MAX_ID_CHARS = 1000
SIMILAR_SHOWN = 5
TITLE_CHARS = 1000
TEXT_SUFFIX = ".txt"


@bp.get("/article/<article_id:article_id>", merge_slashes=False)
def show(article_id: str):
    check_id(article_id)
    archive = get_archive()
    try:
        article = archive.get(article_id)
    except ArticleNotFound:
        if not article_id.endswith(TEXT_SUFFIX) or article_id == TEXT_SUFFIX:
            raise
        return full_text(archive.get(article_id[: -len(TEXT_SUFFIX)]))
    try:
        params = SearchParams.from_args(request.args)
    except BadQuery:  # a mangled link back to the results still shows the article
        params = SearchParams()
    shown = opening(article.body, current_app.config["ARTICLE_CHARS"])
    title = article.title[:TITLE_CHARS]
    if params.q:
        title, body = archive.highlight(title, params.q), archive.highlight(shown, params.q)
    else:
        title, body = str(escape(title)), str(escape(shown))
    body = body.replace("<mark>", '<mark id="first-mark">', 1)
    try:
        similar = archive.similar(article.id, limit=SIMILAR_SHOWN)
    except SearchTimeout:  # the article is what was asked for: show it without the list
        similar = []
    story = archive.story(article.id)
    changes = archive.changes(article.id, against=story.first.id) \
        if story.copies > 1 and story.first.id != article.id else None
    return render_template(
        "article.html", article=article, params=params, title=Markup(title), similar=similar,
        paragraphs=[Markup(p) for p in paragraphs(body)],
        from_search=bool(request.args), marks=body.count("<mark"),
        shown_chars=len(shown), cut=len(shown) < len(article.body), text_url=text_url(article.id),
        search_url=lambda name: SearchParams(persons=(name,)).url(),
        topic_url=lambda topic: SearchParams(topics=(topic,)).url(),
        story=story, changes=changes,
        copies=[c for c in (story.first, *story.others) if c.id != article.id],
    )


def full_text(article: Article) -> Response:
    """The article as plain text: headline, blank line, body."""
    return Response(f"{article.title}\n\n{article.body}\n", mimetype="text/plain")


def text_url(article_id: str) -> str:
    return url_for("article.show", article_id=article_id + TEXT_SUFFIX)


def check_id(article_id: str) -> None:
    """Refuse ids no article can have before looking anything up. (Ids are only looked up in
    the index, never opened as files; see ids.py.)"""
    if len(article_id) > MAX_ID_CHARS:
        abort(404, f"Article {article_id[:80]!r}… does not exist in this archive.")


def opening(text: str, limit: int) -> str:
    """``text`` if it has at most ``limit`` characters, else its start up to the last paragraph
    break (or, failing that, space) before the limit."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    for breaker in ("\n\n", "\n", " "):
        cut = head.rfind(breaker)
        if cut > limit // 2:
            return head[:cut]
    return head


