"""The web interface: a Flask app over one :class:`archive.Archive`.

    from web import create_app
    app = create_app({"INDEX": "index"})

Settings, lowest precedence first: the defaults below, ``ARCHIVE_*`` environment variables
(``ARCHIVE_INDEX=/srv/index``), then the ``config`` mapping given to :func:`create_app`.
"""

from __future__ import annotations

from collections.abc import Mapping

from flask import Flask

from . import api, article, display, errors, headers, meta, people, person, search, story, trends
from .ids import ArticleIdConverter, PersonNameConverter
from .store import ArchiveHolder

DEFAULTS = {
    "INDEX": "index",  # folder of the Whoosh index (as for `archive --index`)
    "SITE_NAME": "News archive",
    "PER_PAGE": 10,  # hits per page unless ?per_page= says otherwise
    "PEOPLE_SHOWN": 10,  # people listed before "More people"
    "PEOPLE_LISTED": 200,  # people on /people unless ?limit= says otherwise (at most 1000)
    "MAX_QUERY_CHARS": 500,
    "TIME_BUDGET": 3.0,  # seconds a search may take before it stops with a 503 (None: no limit)
    "ARTICLE_CHARS": 100_000,  # characters of a body an article page shows (the rest: /article/<id>.txt)
    "BASE_URL": "",  # the archive's address for absolute links (OpenSearch), e.g. https://news.example.org
}


def create_app(config: Mapping | None = None) -> Flask:
    """A Flask app serving the archive at ``config["INDEX"]`` (one warm Archive per app)."""
    app = Flask(__name__)
    app.config.from_mapping(DEFAULTS)
    app.config.from_prefixed_env("ARCHIVE")
    if config:
        app.config.from_mapping(config)
    app.json.sort_keys = False  # keep the key order of archive's to_dict() shapes
    app.json.ensure_ascii = False
    meta.check_base_url(app.config["BASE_URL"])
    app.url_map.converters["article_id"] = ArticleIdConverter
    app.url_map.converters["person"] = PersonNameConverter
    app.extensions["archive"] = ArchiveHolder(app.config["INDEX"], time_budget=app.config["TIME_BUDGET"])
    for blueprint in (search.bp, article.bp, people.bp, person.bp, api.bp, meta.bp, trends.bp, story.bp):
        app.register_blueprint(blueprint)
    errors.register(app)
    person.register(app)
    display.register(app)
    headers.register(app)
    return app
