"""Makes moto's DynamoDB answer one request at a time, as DynamoDB's per-request atomicity
promises. moto applies a transaction (or a conditional update) item by item without a lock,
so concurrent threads could interleave inside it; the local stack and the concurrency tests
rely on real DynamoDB semantics, so they serialise moto's DynamoDB handler."""

from __future__ import annotations

import functools
import threading

_LOCK = threading.RLock()
_installed = False


def install() -> None:
    """Wrap moto's DynamoDB request handler in a process-wide lock (idempotent)."""
    global _installed
    if _installed:
        return
    from moto.dynamodb.responses import DynamoHandler

    original = DynamoHandler.call_action

    @functools.wraps(original)
    def call_action(self):  # type: ignore[no-untyped-def]
        with _LOCK:
            return original(self)

    DynamoHandler.call_action = call_action  # type: ignore[method-assign]
    _installed = True
