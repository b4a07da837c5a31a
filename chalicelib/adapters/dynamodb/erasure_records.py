"""Records that are only the member's own, deleted at their erasure (docs/privacy.md): the
members mirror item, their presence items, their programme partition (record, points, scores,
grants, signals), the moderation items they wrote (author-index), their live rate counters;
and the erasure's own audit entry (append-only, counts only)."""

from __future__ import annotations

import time
from collections.abc import Sequence

from pynamodb.exceptions import DoesNotExist
from pynamodb.models import Model

from chalicelib.adapters.dynamodb.chat_store import audit_record
from chalicelib.adapters.dynamodb.models.chat import AuditRecord, PresenceRecord
from chalicelib.adapters.dynamodb.models.members import MemberRecord
from chalicelib.adapters.dynamodb.models.moderation import ModerationItemRecord
from chalicelib.adapters.dynamodb.models.programme import ProgrammeRecord
from chalicelib.adapters.dynamodb.models.sessions import CounterRecord
from chalicelib.adapters.dynamodb.programme_store import helper_pk
from chalicelib.domain.limits import FixedWindow
from chalicelib.domain.privacy.ports import Counts

ERASED_ACTION = "member.erased"


def delete_all(model: type[Model], items: Sequence[Model]) -> None:
    """Delete the items in BatchWriteItem calls (25 a call; PynamoDB retries what is left)."""
    with model.batch_write() as batch:
        for item in items:
            batch.delete(item)


class DynamoMemberRecords:
    """The members mirror item: profile, phone, consents, roles, sanctions, Helper standing."""

    def erase(self, member_id: str, pseudonym: str) -> Counts:
        try:
            MemberRecord.get(member_id, consistent_read=True).delete()
        except DoesNotExist:
            return {}
        return {"member_profile": 1}


class DynamoPresenceRecords:
    """The routing profile and pool items (one partition per member)."""

    def erase(self, member_id: str, pseudonym: str) -> Counts:
        found = list(PresenceRecord.query(member_id, consistent_read=True))
        delete_all(PresenceRecord, found)
        return {"presence": len(found)}


class DynamoProgrammeRecords:
    """The programme's partition `HELPER#<id>`: record, awards, scores (the leaderboard is a
    sparse index of them), reward grants, quality signals."""

    def erase(self, member_id: str, pseudonym: str) -> Counts:
        found = list(ProgrammeRecord.query(helper_pk(member_id), consistent_read=True))
        delete_all(ProgrammeRecord, found)
        return {"programme_items": len(found)}


class DynamoModerationRecords:
    """The moderation items they wrote (their masked text and the reasons), open or decided."""

    def erase(self, member_id: str, pseudonym: str) -> Counts:
        keys = list(ModerationItemRecord.by_author.query(member_id))
        delete_all(ModerationItemRecord, [ModerationItemRecord(key.item_id) for key in keys])
        return {"moderation_items": len(keys)}


class DynamoCounterRecords:
    """Their live rate counters (`<name>#<member>#<window>`): the current and previous window
    of each (name, seconds) limit; older ones have expired."""

    def __init__(self, windows: Sequence[tuple[str, int]]) -> None:
        self._windows = list(windows)

    def erase(self, member_id: str, pseudonym: str) -> Counts:
        now = time.time()
        keys = [FixedWindow(seconds).key(name, member_id, at)
                for name, seconds in self._windows for at in (now, now - seconds)]
        found = list(CounterRecord.batch_get(list(dict.fromkeys(keys))))
        delete_all(CounterRecord, found)
        return {"counters": len(found)}


class DynamoErasureLog:
    """`ErasureLog` on the audit table: who asked, when, the kinds and counts; never data."""

    def record(self, actor: str, roles: list[str], member_id: str, counts: Counts,
               at: float) -> None:
        audit_record(actor, roles, ERASED_ACTION, member_id, at,
                     details={"erased": dict(counts)}).save(AuditRecord.at_id.does_not_exist())
