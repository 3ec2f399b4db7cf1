"""The benchmark corpora: Reuters-21578 as shipped, and the same stories replicated ×N.

A replica ``k`` (k ≥ 1) is a copy of every file under ``copy-k/`` with each NEWID raised by
``k × 100000`` (ids stay unique) and each date moved ``k`` years later (facets widen).
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

from archive.article import Article
from archive.rebuild import read_articles

ROOT = Path(__file__).resolve().parent
WORK = ROOT / "work"
REUTERS = ROOT.parents[1] / "shared" / "corpora" / "reuters21578"
_NEWID = re.compile(rb'NEWID="(\d+)"')
_YEAR = re.compile(rb"(<DATE>\s*\d{1,2}-[A-Za-z]{3}-)(\d{4})")


def corpus(scale: int) -> Path:
    """The folder of Reuters-21578 replicated ``scale`` times (built on first use)."""
    if not REUTERS.exists():
        raise SystemExit(f"The benchmarks need {REUTERS} (the shared corpora).")
    if scale == 1:
        return REUTERS
    folder = WORK / f"reuters-x{scale}"
    done = folder / ".complete"
    if done.exists():
        return folder
    sources = sorted(REUTERS.glob("*.sgm.gz"))
    for k in range(scale):
        target = folder / f"copy-{k:02d}"
        target.mkdir(parents=True, exist_ok=True)
        for path in sources:
            raw = gzip.decompress(path.read_bytes())
            (target / path.name).write_bytes(gzip.compress(replicate(raw, k), compresslevel=1))
    done.write_text("ok\n")
    return folder


def replicate(raw: bytes, k: int) -> bytes:
    if k == 0:
        return raw
    raw = _NEWID.sub(lambda m: b'NEWID="%d"' % (int(m.group(1)) + k * 100_000), raw)
    return _YEAR.sub(lambda m: m.group(1) + b"%d" % (int(m.group(2)) + k), raw)


def articles(scale: int) -> list[Article]:
    """Every article the archive would index from the corpus, deduplicated as a rebuild does."""
    return list(read_articles([corpus(scale)]))
