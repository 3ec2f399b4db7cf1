"""A least-recently-used cache that many searching threads share.

The lock is held only to look an entry up or store one, never while a value is computed: two
threads that miss the same key both compute it (the results are equal) rather than one waiting
for the other, so a slow computation never holds up other searches.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable


class LRU:
    """At most ``capacity`` units of values (each entry weighs ``size``, 1 unless given); the
    least recently used entries go first, but the newest one always stays."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self._entries: OrderedDict[Hashable, tuple[object, int]] = OrderedDict()
        self._weight = 0
        self._lock = threading.Lock()

    def get(self, key: Hashable):
        """The value stored for ``key``, or None."""
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            self._entries.move_to_end(key)
            return entry[0]

    def put(self, key: Hashable, value, size: int = 1):
        """Store ``value`` for ``key`` (unless another thread stored one first) and return the
        stored value."""
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                return entry[0]
            self._entries[key] = (value, size)
            self._weight += size
            while self._weight > self.capacity and len(self._entries) > 1:
                _, (_, weight) = self._entries.popitem(last=False)
                self._weight -= weight
            return value

    def __len__(self) -> int:
        return len(self._entries)
