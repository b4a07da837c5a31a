"""A bounded cache of computed values, read from C: the moderator's per-word caches."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

Value = TypeVar("Value")
# Entries kept before a cache is emptied: words repeat across messages, but a long-lived
# process (a warm Lambda) must not grow without bound.
CACHE_LIMIT = 1 << 16


class ComputedCache(dict[str, Value], Generic[Value]):
    """The value of each key, computed on first use; emptied when it holds `CACHE_LIMIT`.

    A dict subclass read through `__getitem__` (with `map`) costs no Python call for a key
    already seen, where a `get` then a fallback cost one each (about half an `lru_cache` call).
    """

    def __init__(self, compute: Callable[[str], Value]) -> None:
        super().__init__()
        self._compute = compute

    def __missing__(self, key: str) -> Value:
        if len(self) >= CACHE_LIMIT:
            self.clear()
        value = self[key] = self._compute(key)
        return value
