"""Records that are only the member's own, deleted at their erasure (docs/privacy.md): the
members mirror item, their presence items, their programme partition (record, points, scores,
grants, signals), the moderation items they wrote (author-index), their live rate counters;
and the erasure's own audit entry (append-only, counts only)."""

from __future__ import annotations

import time
import uuid
from collections.abc import Sequence

from pynamodb.exceptions import DoesNotExist

from chalicelib.adapters.dynamodb.models.chat import AuditRecord, PresenceRecord
from chalicelib.adapters.dynamodb.models.members import MemberRecord
from chalicelib.adapters.dynamodb.models.moderation import ModerationItemRecord
from chalicelib.adapters.dynamodb.models.programme import ProgrammeRecord
from chalicelib.adapters.dynamodb.models.sessions import CounterRecord
from chalicelib.adapters.dynamodb.programme_store import helper_pk
from chalicelib.domain.privacy.ports import Counts

ERASED_ACTION = "member.erased"


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
        for r in found:
            r.delete()
        return {"presence": len(found)}


class DynamoProgrammeRecords:
    """The programme's partition `HELPER#<id>`: record, awards, scores (the leaderboard is a
    sparse index of them), reward grants, quality signals."""

    def erase(self, member_id: str, pseudonym: str) -> Counts:
        found = list(ProgrammeRecord.query(helper_pk(member_id), consistent_read=True))
        for r in found:
            r.delete()
        return {"programme_items": len(found)}


class DynamoModerationRecords:
    """The moderation items they wrote (their masked text and the reasons), open or decided."""

    def erase(self, member_id: str, pseudonym: str) -> Counts:
        keys = list(ModerationItemRecord.by_author.query(member_id))
        for key in keys:
            ModerationItemRecord(key.item_id).delete()
        return {"moderation_items": len(keys)}


class DynamoCounterRecords:
    """Their live rate counters (`<name>#<member>#<window>`): the current and previous window
    of each (name, seconds) limit; older ones have expired."""

    def __init__(self, windows: Sequence[tuple[str, int]]) -> None:
        self._windows = list(windows)

    def erase(self, member_id: str, pseudonym: str) -> Counts:
        now = time.time()
        deleted = 0
        for name, seconds in self._windows:
            index = int(now // seconds)
            for i in (index, index - 1):
                try:
                    CounterRecord.get(f"{name}#{member_id}#{i}").delete()
                    deleted += 1
                except DoesNotExist:
                    continue
        return {"counters": deleted}


class DynamoErasureLog:
    """`ErasureLog` on the audit table: who asked, when, the kinds and counts; never data."""

    def record(self, actor: str, roles: list[str], member_id: str, counts: Counts,
               at: float) -> None:
        day = time.strftime("%Y-%m-%d", time.gmtime(at))
        AuditRecord(day, f"{at:.6f}#{uuid.uuid4().hex[:8]}", actor=actor, actor_roles=roles,
                    action=ERASED_ACTION, subject=member_id, at=at,
                    details={"erased": dict(counts)}).save(AuditRecord.at_id.does_not_exist())
