"""How far a rebuild or update has got: a :class:`Step` for each thing it does, told to a
``progress`` callback as it goes.

Phases, in order: ``listing`` (walking the sources; ``done`` entries found), ``reading``
(``done`` of ``total`` files read; a rebuild indexes the articles as they come, counted in
``indexed``), ``merging names`` (a rebuild: the articles held back to merge lone-word names,
written last), ``indexing`` (an update: ``done`` of ``total`` articles added), ``finishing
segments``, ``writing columns``, ``dropping firm names``, ``confirming names`` (the archive's
evidence for lone names and candidates, after writing), ``swapping``. ``articles`` counts the
articles read so far in every phase. :class:`ProgressLine` shows them on a terminal.
"""

from __future__ import annotations

import shutil
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from typing import TextIO


@dataclass
class Step:
    phase: str
    done: int = 0
    total: int | None = None
    articles: int = 0
    indexed: int = 0


Progress = Callable[[Step], None]


class Tracker:
    """Counts what a rebuild does and tells ``progress`` (if any) after each step."""

    def __init__(self, progress: Progress | None) -> None:
        self.progress = progress
        self.step = Step("listing")

    def tell(self) -> None:
        if self.progress is not None:
            self.progress(replace(self.step))

    def phase(self, name: str, total: int | None = None) -> None:
        self.step.phase, self.step.done, self.step.total = name, 0, total
        self.tell()

    def listing(self, entries: Iterable) -> Iterator:
        self.phase("listing")
        for entry in entries:
            self.step.done += 1
            if self.step.done % 64 == 0:
                self.tell()
            yield entry
        self.tell()

    def reading(self, results: Iterable, total: int) -> Iterator:
        """``results`` of reading files, counted; a rebuild's held articles follow (merging names)."""
        from .article import Article

        self.phase("reading", total)
        for source, (items, firms) in results:
            self.step.done += 1
            self.step.articles += sum(isinstance(item, Article) for item in items)
            self.tell()
            yield source, (items, firms)
        self.phase("merging names")

    def indexing(self, articles: Iterable, total: int | None = None) -> Iterator:
        """``articles`` as they are written; with a ``total`` (an update) a phase of its own."""
        if total is not None:
            self.phase("indexing", total)
        for article in articles:
            yield article
            self.step.indexed += 1
            if self.step.phase in ("indexing", "merging names"):
                self.step.done += 1
            self.tell()


class ProgressLine:
    """A terminal display of the steps: one self-rewriting line per phase on ``stream`` (what is
    being done, its counts, rate, time and an ETA that settles), kept when the phase ends. It is
    redrawn every half second, so that a long step without counts (the final commit) shows its
    time passing rather than looking hung."""

    def __init__(self, stream: TextIO | None = None, interval: float = 0.5) -> None:
        self.stream = stream or sys.stderr
        self.step: Step | None = None
        self.phase_started = self.last = time.monotonic()
        self.eta: float | None = None
        self.lock = threading.Lock()
        self.stopped = threading.Event()
        self.ticker = threading.Thread(target=self._tick, args=(interval,), daemon=True)
        self.ticker.start()

    def __call__(self, step: Step) -> None:
        now = time.monotonic()
        with self.lock:
            new = self.step is None or step.phase != self.step.phase
            if new and self.step is not None:
                self._draw(now, end=True)
            if new:
                self.phase_started, self.eta = now, None
            self.step = step
            if new or now - self.last >= 0.2:
                self._draw(now)

    def finish(self) -> None:
        """End the display (the last phase's line kept); safe to call twice."""
        self.stopped.set()
        if self.ticker.is_alive() and self.ticker is not threading.current_thread():
            self.ticker.join()
        with self.lock:
            if self.step is not None:
                self._draw(time.monotonic(), end=True)
                self.step = None

    def _tick(self, interval: float) -> None:
        while not self.stopped.wait(interval):
            with self.lock:
                if self.step is not None:
                    self._draw(time.monotonic())

    def _draw(self, now: float, end: bool = False) -> None:
        self.last = now
        width = shutil.get_terminal_size((100, 20)).columns - 1
        self.stream.write("\r" + self.line(now, end)[:width] + "\x1b[K" + ("\n" if end else ""))
        self.stream.flush()

    def line(self, now: float, end: bool = False) -> str:
        step, elapsed = self.step, now - self.phase_started
        parts = [f"  {step.phase}"]
        if step.phase == "listing":
            parts.append(_counted(step.done, "entry", "entries"))
        elif step.phase == "reading":
            indexed = f" ({step.indexed:,} indexed)" if step.indexed and not end else ""
            files = f"files {step.done:,}/{step.total or 0:,}"
            parts += [files, _counted(step.articles, "article") + indexed]
            if elapsed >= 1 and step.articles:
                parts.append(f"{step.articles / elapsed:,.0f} articles/s")
        elif step.total is not None:
            parts.append(f"{step.done:,}/{step.total:,} articles")
        elif step.done:
            parts.append(_counted(step.done, "article"))
        parts.append(f"{elapsed:.1f} s" if end else f"{elapsed:.0f} s")
        if not end and step.total and step.done:
            parts.append(self._eta(step, elapsed))
        return " · ".join(parts)

    def _eta(self, step: Step, elapsed: float) -> str:
        if elapsed < 3 or step.done >= step.total:
            return "ETA …"
        estimate = (step.total - step.done) * elapsed / step.done
        self.eta = estimate if self.eta is None else self.eta + 0.3 * (estimate - self.eta)
        return f"ETA {_duration(self.eta)}"


def _counted(number: int, noun: str, plural: str = "") -> str:
    return f"{number:,} {noun if number == 1 else plural or noun + 's'}"


def _duration(seconds: float) -> str:
    if seconds < 60:
        return f"{seconds:.0f} s"
    if seconds < 3600:
        minutes, rest = divmod(round(seconds / 10) * 10, 60)
        return f"{minutes:.0f} min {rest:.0f} s" if rest else f"{minutes:.0f} min"
    hours, rest = divmod(seconds, 3600)
    return f"{hours:.0f} h {rest / 60:.0f} min"
