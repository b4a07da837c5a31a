"""moto's DynamoDB transactions as DynamoDB runs them: one request at a time, and a failed
transaction undone item by item.

1. Atomicity. moto applies a transaction (or a conditional update) item by item without a
   lock, so concurrent threads could interleave inside it; the local stack and the
   concurrency tests rely on real DynamoDB semantics, so they serialise moto's DynamoDB
   handler.
2. Rollback cost. Before every `TransactWriteItems`, moto deep-copies each whole table the
   transaction names, once per item, so that it can put the copy back if the transaction
   fails: a cost that grows with the table (a third of the local stack's CPU once a chat
   had a few hundred messages). Here a transaction saves only the items it names (and the
   length of the table's stream) and puts exactly those back when it fails; the tables
   themselves are no longer copied. The outcome is the same: after a failed transaction
   every table holds what it held before (tests/unit/test_atomic_dynamodb.py).
"""

from __future__ import annotations

import copy
import functools
import threading
from typing import Any

_LOCK = threading.RLock()
_installed = False


def install() -> None:
    """Serialise moto's DynamoDB requests and make its rollback per item (idempotent)."""
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
    _roll_back_only_the_items_written()
    _installed = True


class _TablesUncopied:
    """moto's `copy` module as its DynamoDB backend sees it: `deepcopy` of a table returns
    the table itself (the rollback below restores items instead); anything else is copied."""

    def __getattr__(self, name: str) -> Any:
        return getattr(copy, name)

    @staticmethod
    def deepcopy(value: Any, memo: dict[int, Any] | None = None) -> Any:
        from moto.dynamodb.models.table import Table

        return value if isinstance(value, Table) else copy.deepcopy(value, memo)


def _roll_back_only_the_items_written() -> None:
    from moto.dynamodb import models

    original = models.DynamoDBBackend.transact_write_items

    @functools.wraps(original)
    def transact_write_items(self, transact_items: list[dict[str, Any]]) -> None:  # type: ignore[no-untyped-def]
        saved = _save(self, transact_items)
        try:
            original(self, transact_items)
        except Exception:
            _restore(saved)
            raise

    models.copy = _TablesUncopied()  # type: ignore[attr-defined]
    models.DynamoDBBackend.transact_write_items = transact_write_items  # type: ignore[method-assign]


Saved = tuple[list[tuple[Any, Any, Any, Any]], list[tuple[Any, int]]]


def _save(backend: Any, transact_items: list[dict[str, Any]]) -> Saved:
    """Each named item as it is now (a deep copy, or None if absent), and each stream's length."""
    from moto.dynamodb.exceptions import MockValidationException

    items: list[tuple[Any, Any, Any, Any]] = []
    streams: dict[int, tuple[Any, int]] = {}
    for entry in transact_items:
        op = next(iter(entry.values()), None)
        table = backend.tables.get(op.get("TableName")) if isinstance(op, dict) else None
        if table is None:
            continue  # moto rejects it before writing anything
        try:
            key = op["Key"] if "Key" in op else op["Item"]
            hash_key, range_key = backend.get_keys_value(table, key)
        except (KeyError, TypeError, MockValidationException):
            continue  # a malformed key: moto refuses it without writing that item
        current = table.get_item(hash_key, range_key)
        items.append((table, hash_key, range_key, copy.deepcopy(current)))
        if table.stream_shard is not None:
            streams.setdefault(id(table), (table.stream_shard, len(table.stream_shard.items)))
    return items, list(streams.values())


def _restore(saved: Saved) -> None:
    """Put every saved item back as it was (last saved first) and drop the stream records
    the failed transaction added."""
    items, streams = saved
    for table, hash_key, range_key, before in reversed(items):
        if range_key is None:
            if before is None:
                table.items.pop(hash_key, None)
            else:
                table.items[hash_key] = before
            continue
        bucket = table.items[hash_key]
        if before is None:
            bucket.pop(range_key, None)
            if not bucket:
                del table.items[hash_key]
        else:
            bucket[range_key] = before
    for shard, length in streams:
        del shard.items[length:]
