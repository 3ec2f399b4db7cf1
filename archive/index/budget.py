"""A search's time budget: a deadline its steps check between units of work.

Python cannot stop a thread from outside, so a search stops itself: the matcher checks before
each query node and every few hundred terms or documents, snippets before each hit. Whatever
the search holds (a borrowed Whoosh searcher, cache entries) is released as the exception
unwinds, so a stopped search leaves nothing behind.
"""

from __future__ import annotations

import time

from ..errors import SearchTimeout

CHECK_EVERY = 32  # terms or documents between two looks at the deadline (a look costs ~0.1 µs)


class Deadline:
    """The end of a budget of ``seconds`` from now (None: no limit)."""

    __slots__ = ("seconds", "_ends")

    def __init__(self, seconds: float | None = None) -> None:
        self.seconds = seconds
        self._ends = None if seconds is None else time.monotonic() + seconds

    def check(self) -> None:
        """SearchTimeout if the budget is spent."""
        if self._ends is not None and time.monotonic() > self._ends:
            raise SearchTimeout(f"The search was stopped after {self.seconds:g} s, its time limit.")
