"""Where indexes live on disk: generations under the index folder, swapped in atomically.

``<index>/CURRENT`` names the live generation (``gen-…``). A rebuild writes a new generation
folder, then replaces CURRENT in one ``os.replace``: searches that started before keep their
open generation, later ones see the new one, and a rebuild that fails or is interrupted never
touches CURRENT. The previous generation is kept (an open searcher may still read it); older
ones are removed at the next swap.

One writer at a time: a rebuild or update holds an exclusive ``flock`` on ``<index>/.writing``
for its whole run (the file says who holds it, for the message of a second writer, which fails
at once). The lock belongs to the open file, so it goes away with the process however that
ends. Searches never take it.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from whoosh import index as whoosh_index

from ..errors import IndexBusy, IndexMissing

POINTER = "CURRENT"
WRITER_LOCK = ".writing"  # in the index folder, beside the generations (never in one)
NOT_COPIED = ("sources.json", "MAIN_WRITELOCK", ".")
_GENERATION = re.compile(r"^gen-[0-9a-z_-]+$")


def live_generation(index_dir: Path) -> Path:
    """The folder of the live index, or IndexMissing with the command that builds one."""
    pointer = index_dir / POINTER
    try:
        name = pointer.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        raise IndexMissing(
            f"No archive index in {index_dir}/.",
            hint=f"Build one with: archive rebuild [SOURCE…] --index {index_dir}",
        ) from None
    path = index_dir / name
    if not _GENERATION.match(name) or not whoosh_index.exists_in(path):
        raise IndexMissing(
            f"The index in {index_dir}/ is damaged: {POINTER} names {name!r}, which is not a "
            "complete index.",
            hint=f"Rebuild it with: archive rebuild [SOURCE…] --index {index_dir}",
        )
    return path


def pointer_stamp(index_dir: Path) -> tuple[int, int] | None:
    """A cheap token that changes whenever a new generation is swapped in."""
    try:
        stat = (index_dir / POINTER).stat()
    except FileNotFoundError:
        return None
    return stat.st_mtime_ns, stat.st_ino


@contextmanager
def writing(index_dir: Path, command: str) -> Iterator[None]:
    """Hold the index's writer lock while the block runs (``command``: "rebuild" or "update",
    named to a second writer); IndexBusy at once if another process holds it."""
    index_dir.mkdir(parents=True, exist_ok=True)
    fd = os.open(index_dir / WRITER_LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise IndexBusy(_busy_message(index_dir, os.pread(fd, 4096, 0))) from None
        holder = {"pid": os.getpid(), "command": command, "started": datetime.now().isoformat()}
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(holder).encode(), 0)
        try:
            yield
        finally:
            os.ftruncate(fd, 0)  # a later writer must not name a finished one
            fcntl.flock(fd, fcntl.LOCK_UN)  # now, even if a forked worker still has the file open
    finally:
        os.close(fd)


def _busy_message(index_dir: Path, holder: bytes) -> str:
    """Who writes the index, from the lock file (empty in the instant after it was taken)."""
    try:
        info = json.loads(holder)
        started = datetime.fromisoformat(info["started"])
        when = started.strftime("%H:%M" if started.date() == datetime.now().date() else "%Y-%m-%d %H:%M")
        who = f"archive {info['command']} (pid {info['pid']}, started at {when})"
    except (ValueError, KeyError, TypeError):
        who = "archive rebuild or update"
    return f"The index in {index_dir}/ is being written by another {who}."


def new_generation(index_dir: Path) -> Path:
    index_dir.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    return Path(tempfile.mkdtemp(prefix=f".building-{stamp}-", dir=index_dir))


def swap_in(index_dir: Path, generation: Path) -> Path:
    """Make ``generation`` the live index in one atomic step, then tidy old generations."""
    previous = _current_name(index_dir)
    live = generation.with_name("gen-" + generation.name.removeprefix(".building-"))
    generation.rename(live)
    generation = live
    tmp = index_dir / f".{POINTER}.{os.getpid()}"
    tmp.write_text(generation.name + "\n", encoding="utf-8")
    os.replace(tmp, index_dir / POINTER)
    keep = {generation.name, previous}
    for child in index_dir.iterdir():
        if child.is_dir() and _GENERATION.match(child.name) and child.name not in keep:
            shutil.rmtree(child, ignore_errors=True)
    return generation


def link_copy(live: Path, target: Path, *, derived: bool = False) -> None:
    """Fill ``target`` with the index files of ``live`` as hard links (copies where links are
    not possible). Whoosh never rewrites a segment file, and a commit in ``target`` writes new
    files and removes only its own links, so the live generation is never modified. The
    manifest is not carried over, nor the derived columns unless ``derived`` (the copy will
    not be changed)."""
    skip = NOT_COPIED if derived else (*NOT_COPIED, "derived-")
    for child in live.iterdir():
        if not child.is_file() or child.name.startswith(skip):
            continue
        try:
            os.link(child, target / child.name)
        except OSError:
            shutil.copy2(child, target / child.name)


def discard(generation: Path) -> None:
    shutil.rmtree(generation, ignore_errors=True)


def _current_name(index_dir: Path) -> str | None:
    try:
        return (index_dir / POINTER).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
