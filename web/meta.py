"""Files about the site rather than the articles: the OpenSearch description, the icon.

The OpenSearch description needs absolute URLs. They start with ``BASE_URL`` when it is set
(``ARCHIVE_BASE_URL=https://news.example.org/archive``: the address readers use, e.g. behind a
proxy), else with the name and port the server itself listens on (``SERVER_NAME`` and
``SERVER_PORT``, which ``archive serve`` sets) — never with the request's ``Host`` header, which
the client chooses (a forged one would otherwise be written into the description a browser
keeps, or into a cache).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, current_app, redirect, render_template, request, url_for

from archive import ArchiveError

bp = Blueprint("meta", __name__)
DEFAULT_PORTS = {"http": "80", "https": "443"}


@bp.get("/opensearch.xml")
def opensearch():
    xml = render_template("opensearch.xml", name=current_app.config["SITE_NAME"], external=external)
    return xml, 200, {"Content-Type": "application/opensearchdescription+xml; charset=utf-8"}


@bp.get("/favicon.ico")
def favicon():
    return redirect(url_for("static", filename="icon.svg"), code=301)


def external(endpoint: str, **values) -> str:
    """The absolute URL of ``endpoint`` (see the module's docstring for where its host comes
    from); the template escapes it."""
    path = url_for(endpoint, **values)[len(request.script_root):]
    return base_url().rstrip("/") + path


def base_url() -> str:
    configured = current_app.config["BASE_URL"]
    if configured:
        return configured
    environ = request.environ
    scheme = environ.get("wsgi.url_scheme", "http")
    name, port = environ.get("SERVER_NAME", "localhost"), str(environ.get("SERVER_PORT", ""))
    host = f"[{name}]" if ":" in name else name
    if port and port != DEFAULT_PORTS.get(scheme):
        host += f":{port}"
    return f"{scheme}://{host}{request.script_root}"


def check_base_url(value: str) -> None:
    """ArchiveError unless ``value`` is empty or an http(s) URL with a host."""
    if not value:
        return
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        raise ArchiveError(f"BASE_URL={value!r} is not the web address of the archive.",
                           hint="Use e.g. ARCHIVE_BASE_URL=https://news.example.org/archive")
