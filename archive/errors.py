"""One exception base for the archive, with messages written for the people who read them."""

import signal


class ArchiveError(Exception):
    """Base class: every error the archive raises on purpose is one of these."""

    hint: str = ""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        if hint is not None:
            self.hint = hint

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else ""


class IndexMissing(ArchiveError):
    """There is no index at the given location (or it is not a Whoosh index)."""


class IndexBusy(ArchiveError):
    """Another rebuild or update is writing this index (one writer at a time per index)."""

    hint = "Wait for it to finish, then run this again. Searches keep working meanwhile."


class BadQuery(ArchiveError):
    """A query, filter or search parameter cannot be understood."""


class SearchTimeout(ArchiveError):
    """A search ran past its time budget and was stopped (``Archive(..., time_budget=…)``)."""

    hint = ("Narrow the search (fewer words joined with OR, longer prefixes than co*), or try "
            "again in a moment if the archive is busy.")


class BadDocument(ArchiveError):
    """An input file is not an article the archive can read (empty, undecodable, not news)."""


class ArticleNotFound(ArchiveError):
    """No stored article has the requested id."""

    hint = "Article ids are shown with each search hit (archive search …, or the id: line)."


class PersonNotFound(ArchiveError):
    """No article mentions the requested name, and none is by it; ``close``: the people whose
    names are nearest to it, most mentioned first."""

    def __init__(self, message: str, *, close: list[str] | tuple[str, ...] = (), hint: str | None = None):
        if hint is None:
            hint = (f"Did you mean {', '.join(close)}?" if close else
                    "See the people the archive mentions: archive people, or /people.")
        super().__init__(message, hint=hint)
        self.close = tuple(close)


class WriteFailed(ArchiveError):
    """A rebuild or update could not write the new index (disk full, permissions, …); the live
    index is as it was."""


class Interrupted(KeyboardInterrupt):
    """A rebuild or update stopped by a signal (SIGINT, SIGTERM or SIGHUP) and abandoned: the live
    index is as it was (unless ``swapped``: the signal came after the new index was swapped in).
    ``signum`` is the signal; a command exits with 128 + ``signum``."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum
        self.swapped = False  # the new index was swapped in before the signal came
    @property
    def name(self) -> str:
        return signal.Signals(self.signum).name
