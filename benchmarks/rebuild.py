"""Rebuild and update cost: the archive's full rebuild (extraction included) in a child process,
against one plain Whoosh writer indexing the same text, and an incremental update."""

from __future__ import annotations

import gzip
import json
import re
import shutil
from pathlib import Path

from . import measure
from .corpus import REUTERS, WORK, corpus


def rebuild(scale: int) -> dict:
    source = corpus(scale)
    index = WORK / f"index-x{scale}"
    ours = measure.run(["-m", "archive", "rebuild", str(source), "--index", str(index), "--json"])
    report = json.loads(ours.stdout) if ours.returncode == 0 else {}
    bare = measure.run(["-m", "benchmarks.bare", str(scale), str(WORK / f"bare-x{scale}")])
    bare_seconds, bare_docs = bare.stdout.split()
    bare_seconds = float(bare_seconds)
    print(f"\n== rebuild, Reuters-21578 ×{scale} ==")
    print(f"archive rebuild (read + extract + index + swap): {ours.seconds:7.1f} s wall, "
          f"{report.get('indexed', '?')} articles, {len(report.get('skipped', []))} skipped; "
          f"peak memory {ours.peak_tree_mb:.0f} MB (process tree), "
          f"{ours.peak_process_mb:.0f} MB (largest process)")
    print(f"bare single-writer Whoosh (indexing only, {bare_docs} docs): {bare_seconds:7.1f} s; "
          f"peak memory {bare.peak_tree_mb:.0f} MB")
    print(f"ratio archive rebuild / bare Whoosh: {ours.seconds / bare_seconds:.2f}")
    return {"ours": ours.seconds, "bare": bare_seconds, "peak_mb": ours.peak_tree_mb}


def update() -> dict:
    """Copy Reuters, index it, edit 5 stories in each of 10 files and delete one file, update."""
    folder = WORK / "update-corpus"
    index = WORK / "update-index"
    shutil.rmtree(folder, ignore_errors=True)
    shutil.rmtree(index, ignore_errors=True)
    shutil.copytree(REUTERS, folder)
    (folder / "README.md").unlink(missing_ok=True)
    full = measure.run(["-m", "archive", "rebuild", str(folder), "--index", str(index), "--json"])
    noop = _update(folder, index)
    files = sorted(folder.glob("*.sgm.gz"))
    for path in files[:10]:
        path.write_bytes(gzip.compress(_edit(gzip.decompress(path.read_bytes())), compresslevel=1))
    files[-1].unlink()
    changed = _update(folder, index)
    print("\n== incremental update, Reuters-21578 ==")
    print(f"full rebuild of the copy: {full.seconds:.1f} s")
    for name, (m, report) in {"update, nothing changed": noop,
                              "update, 10 files edited (5 stories each) + 1 file deleted": changed}.items():
        detail = {k: report.get(k) for k in ("indexed", "added", "changed", "removed", "files")}
        print(f"{name}: {m.seconds:.2f} s wall, peak {m.peak_tree_mb:.0f} MB; {detail}")
    return {"update": changed[0].seconds}


def _update(folder: Path, index: Path):
    m = measure.run(["-m", "archive", "update", str(folder), "--index", str(index), "--json"])
    return m, (json.loads(m.stdout) if m.returncode == 0 else {"error": m.returncode})


def _edit(raw: bytes, stories: int = 5) -> bytes:
    """Append a correction line to the body of the first ``stories`` stories."""
    count = [0]

    def fix(match: re.Match) -> bytes:
        count[0] += 1
        return match.group(0) if count[0] > stories else b" Corrected.</BODY>"

    return re.sub(rb"</BODY>", fix, raw)
