"""The limits' shared counters on the counters table: one item per counter, every change a
conditional UpdateItem, each item deleted by DynamoDB's TTL after it expired.

DynamoDB deletes expired items late (within days), so an item whose `expires_at` has passed is
read as absent by the conditions themselves, never by a read before the write.
"""

from __future__ import annotations

from typing import Any

from pynamodb.exceptions import GetError, UpdateError

from chalicelib.adapters.dynamodb.models.sessions import CounterRecord
from chalicelib.adapters.dynamodb.transactions import condition_failed
from chalicelib.domain.errors import Unavailable
from chalicelib.domain.limits import Count

# A counter that expires between two conditional writes makes both fail; a few rounds settle it.
ROUNDS = 3


class DynamoCounters:
    """`Counters` on the counters table (`CounterRecord`: id, count, expires_at)."""

    def add(self, key: str, limit: int, until: int, now: float) -> Count:
        """Start again at 1 if absent or expired, else add one below `limit`, else refuse."""
        R = CounterRecord
        for _ in range(ROUNDS):
            # The first of a window (or after a lock) is the common case: try it first.
            if self._update(
                R(key),
                [R.count.set(1), R.expires_at.set(until)],
                R.id.does_not_exist() | R.expires_at.does_not_exist() | (R.expires_at <= now),
            ):
                return Count(True, 1, until)
            record = R(key)
            if self._update(
                record,
                [R.count.add(1), R.expires_at.set(until)],
                (R.expires_at > now) & (R.count < limit),
            ):
                return Count(True, int(record.count), until)
            refused = self._refusal(key, limit, now)
            if refused is not None:
                return refused
        raise Unavailable("the limit could not be checked; retry")

    def take_back(self, key: str) -> None:
        """One less, never below zero."""
        R = CounterRecord
        self._update(R(key), [R.count.add(-1)], R.count > 0)

    @staticmethod
    def _update(record: CounterRecord, actions: list[Any], condition: Any) -> bool:
        """One conditional UpdateItem; False when its condition refused it."""
        try:
            record.update(actions=actions, condition=condition)
        except UpdateError as e:
            if condition_failed(e):
                return False
            raise Unavailable("the counters table is unavailable") from e
        return True

    @staticmethod
    def _refusal(key: str, limit: int, now: float) -> Count | None:
        """The refusal a live counter at its limit means; None if it changed meanwhile."""
        try:
            record = CounterRecord.get(key, consistent_read=True)
        except CounterRecord.DoesNotExist:
            return None
        except GetError as e:
            raise Unavailable("the counters table is unavailable") from e
        until = float(record.expires_at or 0)
        count = int(record.count or 0)
        if until <= now or count < limit:
            return None
        return Count(False, count, until)
