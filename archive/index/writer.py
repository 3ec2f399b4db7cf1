"""Writing an index generation from a stream of articles."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from whoosh import index as whoosh_index

from ..article import Article
from .schema import make_schema, to_document

WRITER_MEMORY_MB = 256


def write_generation(generation: Path, articles: Iterable[Article]) -> int:
    """Index every article into a new Whoosh index in ``generation``; return how many.

    Any exception cancels the writer and propagates: the caller discards the generation.
    """
    ix = whoosh_index.create_in(generation, make_schema())
    writer = ix.writer(limitmb=WRITER_MEMORY_MB)
    count = 0
    try:
        for article in articles:
            writer.add_document(**to_document(article))
            count += 1
    except BaseException:
        writer.cancel()
        ix.close()
        raise
    writer.commit()
    ix.close()
    return count
