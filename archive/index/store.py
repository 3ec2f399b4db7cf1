"""Where indexes live on disk: generations under the index folder, swapped in atomically.

``<index>/CURRENT`` names the live generation (``gen-…``). A rebuild writes a new generation
folder, then replaces CURRENT in one ``os.replace``: searches that started before keep their
open generation, later ones see the new one, and a rebuild that fails or is interrupted never
touches CURRENT. The previous generation is kept (an open searcher may still read it); older
ones are removed at the next swap.

One writer at a time: a rebuild or update holds an exclusive POSIX record lock (``fcntl``) on
``<index>/.writing`` for its whole run; a second writer fails at once with IndexBusy naming the
holder — the process the kernel reports as holding the lock, so never one that is gone. A record
lock belongs to the process, not to the open file (as a ``flock`` does): the workers a rebuild
forks, which inherit the open file, do not hold it, and it goes with the writer however that
ends (``kill -9``, the OOM killer), even if a worker lingers. Within one process a second writer
of the same index is refused the same way. Searches never take the lock.

While it is held the file says who holds it; a writer that finishes empties it. A writer that
finds it filled in knows that the last one was killed: it says so (:attr:`Lock.took_over`) and
removes what that one left (``.building-*`` generations, ``.CURRENT.<pid>`` pointer files).
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import re
import shutil
import struct
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from whoosh import index as whoosh_index

from ..errors import IndexBusy, IndexMissing, WriteFailed

POINTER = "CURRENT"
WRITER_LOCK = ".writing"  # in the index folder, beside the generations (never in one)
NOT_COPIED = ("sources.json", "MAIN_WRITELOCK", ".")
_GENERATION = re.compile(r"^gen-[0-9a-z_-]+$")
_LEFTOVER = re.compile(rf"^(?:\.building-.*|\.{POINTER}\.\d+)$")
_FLOCK = "hhqqi4x"  # struct flock on Linux (l_type, l_whence, l_start, l_len, l_pid)
_HELD: set[str] = set()  # index folders this process is writing
_HELD_LOCK = threading.Lock()


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


@dataclass
class Lock:
    """The writer lock, held. ``took_over``: what was said of an earlier writer that was killed
    while holding it (None if the last one finished)."""

    took_over: str | None = None


@contextmanager
def writing(index_dir: Path, command: str) -> Iterator[Lock]:
    """Hold the index's writer lock while the block runs (``command``: "rebuild" or "update",
    named to a second writer); IndexBusy at once if another writer holds it. Leftovers of a
    killed writer are removed first."""
    key = os.path.realpath(index_dir)
    with _HELD_LOCK:
        if key in _HELD:
            raise IndexBusy(f"The index in {index_dir}/ is being written by another archive rebuild or "
                            f"update in this process (pid {os.getpid()}).")
        _HELD.add(key)
    try:
        fd = _open_lock_file(index_dir)
        try:
            yield from _locked(fd, index_dir, command)
        finally:
            os.close(fd)
    finally:
        with _HELD_LOCK:
            _HELD.discard(key)


def _open_lock_file(index_dir: Path) -> int:
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
        return os.open(index_dir / WRITER_LOCK, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError as exc:
        raise WriteFailed(f"Cannot write in the index folder {index_dir}/: {exc.strerror or exc}.",
                          hint="Give --index a folder you can write, then run this again.") from None


def _locked(fd: int, index_dir: Path, command: str) -> Iterator[Lock]:
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        if exc.errno not in (errno.EACCES, errno.EAGAIN):
            raise
        raise IndexBusy(_busy_message(index_dir, os.pread(fd, 4096, 0), _holder(fd))) from None
    lock = Lock(_took_over(index_dir, os.pread(fd, 4096, 0)))
    holder = {"pid": os.getpid(), "command": command, "started": datetime.now().isoformat()}
    os.ftruncate(fd, 0)
    os.pwrite(fd, json.dumps(holder).encode(), 0)
    try:
        yield lock
    finally:
        os.ftruncate(fd, 0)  # a later writer must not name a finished one
        fcntl.lockf(fd, fcntl.LOCK_UN)


def _holder(fd: int) -> int | None:
    """The pid of the process holding the lock on ``fd``'s file, as the kernel reports it."""
    try:
        probe = struct.pack(_FLOCK, fcntl.F_WRLCK, os.SEEK_SET, 0, 0, 0)
        kind, _whence, _start, _length, pid = struct.unpack(_FLOCK, fcntl.fcntl(fd, fcntl.F_GETLK, probe))
    except (OSError, struct.error):
        return None
    return pid if kind != fcntl.F_UNLCK and pid > 0 else None


def _who(holder: bytes, pid: int | None) -> str:
    """"archive rebuild (pid 4242, started at 14:05)" from the lock file, if it is ``pid``'s."""
    try:
        info = json.loads(holder)
        if pid is not None and info["pid"] != pid:
            raise ValueError("the file is not the holder's yet")
        started = datetime.fromisoformat(info["started"])
        when = started.strftime("%H:%M" if started.date() == datetime.now().date() else "%Y-%m-%d %H:%M")
        return f"archive {info['command']} (pid {info['pid']}, started at {when})"
    except (ValueError, KeyError, TypeError):
        return "archive rebuild or update" + (f" (pid {pid})" if pid else "")


def _busy_message(index_dir: Path, holder: bytes, pid: int | None) -> str:
    """Who writes the index: the lock's holder as the kernel names it, with what its file says
    (if the kernel cannot say, the file's pid only while that process lives)."""
    if pid is None:
        try:
            named = int(json.loads(holder)["pid"])
            os.kill(named, 0)
            pid = named
        except (ValueError, KeyError, TypeError, OverflowError, ProcessLookupError, PermissionError):
            return f"The index in {index_dir}/ is being written by another archive rebuild or update."
    return f"The index in {index_dir}/ is being written by another {_who(holder, pid)}."


def _took_over(index_dir: Path, holder: bytes) -> str | None:
    """Remove what interrupted writers left; if there was some, or the lock file still names a
    writer (one that was killed), what to say of it."""
    freed = remove_leftovers(index_dir)
    left = f" and removed what it left ({_megabytes(freed)})" if freed else ""
    if holder.strip():
        return (f"An earlier {_who(holder, None)} was interrupted before it finished: took over its "
                f"lock{left}; the live index is as that one left it.")
    return f"Removed what interrupted rebuilds or updates left ({_megabytes(freed)})." if freed else None


def remove_leftovers(index_dir: Path) -> int:
    """Remove unfinished generations and pointer files of interrupted writers (call it holding
    the lock: no one else is writing); return the bytes freed."""
    freed = 0
    for child in index_dir.iterdir():
        if not _LEFTOVER.match(child.name):
            continue
        freed += _size(child)
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child, ignore_errors=True)
        else:
            child.unlink(missing_ok=True)
    return freed


def _size(path: Path) -> int:
    if path.is_symlink() or not path.is_dir():
        return path.lstat().st_size
    return sum(p.lstat().st_size for p in path.rglob("*"))


def _megabytes(size: int) -> str:
    return f"{size / 2**20:.1f} MB" if size >= 2**20 else f"{size / 1024:.0f} KB"


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
