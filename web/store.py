"""One Archive per app, shared by every request: it keeps a warm searcher and reopens it by
itself when a rebuild swaps in a new index."""

from __future__ import annotations

import os
import threading

from flask import current_app

from archive import Archive


class ArchiveHolder:
    """Opens the archive on first use (so an app can start before its index exists)."""

    def __init__(self, index_dir: str | os.PathLike, *, time_budget: float | None = None) -> None:
        self.archive = Archive(index_dir, time_budget=time_budget)
        self._lock = threading.Lock()
        self._warm = False

    def get(self) -> Archive:
        if not self._warm:
            with self._lock:
                if not self._warm:
                    self.archive.engine  # noqa: B018 - opens the index, or raises IndexMissing
                    self._warm = True
        return self.archive

    def close(self) -> None:
        with self._lock:
            self.archive.close()
            self._warm = False


def get_archive() -> Archive:
    """The current app's archive (raises IndexMissing when there is no index yet)."""
    return current_app.extensions["archive"].get()
