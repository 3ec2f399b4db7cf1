"""Article ids in URLs: every id the archive can hold goes out in a link and comes back intact.

Ids are relative file paths, perhaps with a record key (``reuters/reut2-000.sgm#17``,
``feeds/news.jsonl#<whatever the file's id field says>``), so they may hold any character: tabs
and newlines from file names, ``?``, ``#``, ``%``, spaces, and slashes that a browser would
rewrite (``a/../b``, ``a//b``, a trailing ``/``). The ``article_id`` converter percent-encodes
everything but plain path characters, keeps ``/`` readable unless the id has such a segment (then
it is sent as ``%2F``, which browsers leave alone and the server decodes back), and matches any
character, newlines included, on the way in.

An id from a request is only ever looked up in the index (a term lookup); nothing opens a file
by it.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from werkzeug.routing import PathConverter

_REWRITTEN = re.compile(r"(^|/)\.{0,2}(/|$)")  # empty, "." or ".." segments: browsers rewrite them
_SAFE = "!$&'()*+,:;=@"  # as werkzeug's own converters, "/" aside


class ArticleIdConverter(PathConverter):
    regex = r"[^/][\s\S]*?"  # as PathConverter, but "." does not stop at a newline

    def to_url(self, value: str) -> str:
        safe = _SAFE if _REWRITTEN.search(value) else _SAFE + "/"
        return quote(value, safe=safe, errors="surrogateescape")


class PersonNameConverter(ArticleIdConverter):
    """A person's name in a URL (``/person/James%20Baker``): as an article id, any character goes
    out percent-encoded and comes back intact. A name is only ever looked up in the index's
    columns and lexicon, never used as a path."""
