"""One error handler: an ArchiveError (or an HTTP error) becomes a friendly page, or a JSON error
under /api/. Never a traceback."""

from __future__ import annotations

from flask import Flask, current_app, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from archive import ArchiveError, ArticleNotFound, BadQuery, IndexMissing, PersonNotFound, SearchTimeout

from .params import SearchParams

STATUS = {BadQuery: 400, ArticleNotFound: 404, PersonNotFound: 404, IndexMissing: 503, SearchTimeout: 503}
RETRY_AFTER = "5"  # seconds, on a search stopped by its time budget


def register(app: Flask) -> None:
    app.register_error_handler(ArchiveError, archive_error)
    app.register_error_handler(HTTPException, http_error)
    app.register_error_handler(Exception, unexpected_error)


def archive_error(error: ArchiveError):
    status = next((code for kind, code in STATUS.items() if isinstance(error, kind)), 400)
    response, status = respond(status, type(error).__name__, error.message, error.hint)
    headers = {"Retry-After": RETRY_AFTER} if isinstance(error, SearchTimeout) else {}
    return response, status, headers


def http_error(error: HTTPException):
    status = error.code or 500
    message = error.description or error.name
    if status == 404 and not message.startswith(("Article", "There is no")):
        message = "There is no page at this address."
    return respond(status, error.name.replace(" ", ""), message, "")


def unexpected_error(error: Exception):
    # Logged with its traceback for the operator; the reader sees a plain apology.
    current_app.logger.error("Unexpected error on %s", request.path, exc_info=error)
    return respond(500, "InternalServerError", "Something went wrong on our side.",
                   "Try again; if it keeps happening, tell whoever runs this archive.")


def respond(status: int, kind: str, message: str, hint: str):
    if request.path.startswith("/api/"):
        body = {"error": {"status": status, "type": kind, "message": message, "hint": hint}}
        return jsonify(body), status
    q = request.args.get("q", "")[:500]
    blank = SearchParams(q=q, per_page=current_app.config["PER_PAGE"])  # the search box's state
    page = render_template("error.html", status=status, kind=kind, message=message, hint=hint,
                           q=q, blank=blank)
    return page, status
