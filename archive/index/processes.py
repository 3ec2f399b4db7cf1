"""The processes of a write: workers that end with the writer, and signals that stop it cleanly.

A rebuild forks workers (the reading pool, Whoosh's sub-writers). While :func:`bound` is in
effect, every process forked from the writer asks the kernel to kill it when the writer dies
(Linux ``prctl(PR_SET_PDEATHSIG, SIGKILL)``; it exits at once if the writer is already gone), and
ignores SIGINT, SIGTERM and SIGHUP: those reach the whole process group (Ctrl-C, ``timeout``, a
closed terminal), and a worker that died of one on its own would print a traceback, or die
holding a lock the writer then waits for; the writer, stopping on them, kills its workers with
SIGKILL. ``kill -9`` of the writer or the OOM killer thus leave no worker behind to block on a
pipe. Elsewhere than on Linux the workers are only killed by the writer on its way out.

:func:`stopping_on_signals` turns SIGTERM and SIGHUP (what ``timeout``, ``kill`` and a closed
terminal send) and SIGINT into :class:`~archive.errors.Interrupted` in the writer, so that the
write is abandoned the way an error abandons it: the new generation removed, the workers
stopped, the lock released, the live index as it was.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from ..errors import Interrupted

_PR_SET_PDEATHSIG = 1
STOPPING = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
_writer: list[int] = []  # the pid of the writer while bound; its forked children die with it


def _prctl():
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None


_PRCTL = _prctl()


def _in_forked_child() -> None:
    if not _writer:
        return
    parent = _writer[0]
    if _PRCTL is not None:
        _PRCTL(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the writer died before the kernel was asked
        os._exit(1)
    for signum in STOPPING:  # the writer stops on these, and kills its workers then
        signal.signal(signum, signal.SIG_IGN)
    _writer[:] = [os.getpid()]  # a worker's own children die with it in turn


os.register_at_fork(after_in_child=_in_forked_child)


@contextmanager
def bound() -> Iterator[None]:
    """Processes forked from this one while the block runs end when this one ends."""
    previous = list(_writer)
    _writer[:] = [os.getpid()]
    try:
        yield
    finally:
        _writer[:] = previous


@contextmanager
def stopping_on_signals() -> Iterator[None]:
    """SIGINT, SIGTERM and SIGHUP raise Interrupted while the block runs (in the main thread,
    for signals whose handler is the default one; others keep theirs)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {}
    for signum in STOPPING:
        current = signal.getsignal(signum)
        if current in (signal.SIG_DFL, signal.default_int_handler):
            previous[signum] = signal.signal(signum, _raise_interrupted)
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _raise_interrupted(signum, _frame) -> None:
    raise Interrupted(signum)
