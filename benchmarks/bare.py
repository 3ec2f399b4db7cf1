"""The reference for rebuild time: the same articles indexed by one plain Whoosh writer with
the archive's schema (extraction done beforehand and not timed). Run as a child process:
``python -m benchmarks.bare SCALE OUTDIR``; prints the indexing seconds."""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

from whoosh import index as whoosh_index

from archive.index.schema import make_schema, to_document

from .corpus import articles


def main(scale: int, out: Path) -> None:
    docs = [to_document(a) for a in articles(scale)]
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    started = time.perf_counter()
    ix = whoosh_index.create_in(out, make_schema())
    writer = ix.writer(limitmb=256)
    for doc in docs:
        writer.add_document(**doc)
    writer.commit()
    print(f"{time.perf_counter() - started:.3f} {len(docs)}")
    shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main(int(sys.argv[1]), Path(sys.argv[2]))
