"""Files about the site rather than the articles: the OpenSearch description, the icon."""

from __future__ import annotations

from flask import Blueprint, current_app, redirect, render_template, url_for

bp = Blueprint("meta", __name__)


@bp.get("/opensearch.xml")
def opensearch():
    xml = render_template("opensearch.xml", name=current_app.config["SITE_NAME"])
    return xml, 200, {"Content-Type": "application/opensearchdescription+xml; charset=utf-8"}


@bp.get("/favicon.ico")
def favicon():
    return redirect(url_for("static", filename="icon.svg"), code=301)
