"""``python -m benchmarks.analyzers [N]``: what the analysis costs at index time — the first N
Reuters-21578 stories (4,000 by default) indexed by one plain Whoosh writer (titles and bodies,
stored), CPU seconds of this process and the size on disk, with:

- ``old``: Whoosh's StemmingAnalyzer (stop list, minsize 2: the analysis before issue 11);
- ``words``: the archive's analysis without the common-word pairs;
- ``archive``: the archive's analysis as used (with CommonGrams pairs).
"""

from __future__ import annotations

import shutil
import sys
import time

from whoosh import fields
from whoosh import index as whoosh_index
from whoosh.analysis import StemmingAnalyzer

from archive.index.analysis import _words_analyzer, news_analyzer

from .corpus import WORK, articles


def _size(path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def main(count: int) -> None:
    stories = articles(1)[:count]
    print(f"# {len(stories):,} Reuters-21578 stories, one Whoosh writer, titles and bodies")
    for name, analyzer in (("old", StemmingAnalyzer()), ("words", _words_analyzer()),
                           ("archive", news_analyzer())):
        folder = WORK / f"analyzers-{name}"
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        schema = fields.Schema(title=fields.TEXT(stored=True, analyzer=analyzer),
                               body=fields.TEXT(stored=True, analyzer=analyzer))
        ix = whoosh_index.create_in(folder, schema)
        started = time.process_time()
        writer = ix.writer(limitmb=256)
        for article in stories:
            writer.add_document(title=article.title, body=article.body)
        writer.commit()
        cpu = time.process_time() - started
        print(f"{name:8} CPU {cpu:6.1f} s   size {_size(folder) / 1e6:6.1f} MB", flush=True)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 4000)
