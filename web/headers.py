"""Security headers on every response (pages, JSON, static files, errors).

The pages load only their own stylesheet, script and icon (no inline script or style: the
timeline's bar heights are classes, not ``style`` attributes), so the policy can forbid
everything else: another site cannot frame the archive, inject a script through a page, or
make a browser sniff a JSON or text response into HTML; links to other sites carry no
referrer, so the searches people make do not leak to the sites of the articles they open.
"""

from __future__ import annotations

from flask import Flask, Response

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
])
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",  # frame-ancestors for browsers that predate it
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def register(app: Flask) -> None:
    app.after_request(add_headers)


def add_headers(response: Response) -> Response:
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    return response
