"""The Helper lifecycle: apply, approve or refuse, suspend, reinstate, leave, quality flag.

Every transition is a pure function from one record to the next; it also states the role
decision (grant or revoke `helper`) so that an adapter can store both in one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import TypedDict, Unpack

from chalicelib.domain.errors import BadInput, Conflict, NotFound, RuleRefused
from chalicelib.domain.identity import HELPER
from chalicelib.domain.programme.eligibility import Eligibility

MAX_REASON_CHARS = 500
# Who the history names for automatic decisions (the quality review).
SYSTEM = "system"


class HelperStatus(StrEnum):
    """Where a member stands in the programme."""

    PENDING = "pending"
    APPROVED = "approved"
    REFUSED = "refused"
    SUSPENDED = "suspended"
    LEFT = "left"


@dataclass(frozen=True)
class StatusChange:
    """One entry of a record's history: who moved it where, when and why."""

    at: float
    status: HelperStatus
    by: str
    reason: str = ""

    def to_json(self) -> dict[str, object]:
        """Wire form for staff."""
        return {"at": self.at, "status": str(self.status), "by": self.by, "reason": self.reason}


@dataclass(frozen=True)
class HelperRecord:
    """A member's standing in the programme, with its approved profile and history."""

    member_id: str
    status: HelperStatus
    applied_at: float
    languages: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    history: tuple[StatusChange, ...] = ()
    helper_since: float | None = None
    flagged_at: float | None = None
    flag_reasons: tuple[str, ...] = ()
    reviewed_at: float | None = None
    version: int = 0

    @property
    def is_active(self) -> bool:
        """An approved, not suspended Helper: holds the role and takes requests."""
        return self.status is HelperStatus.APPROVED

    @property
    def is_flagged(self) -> bool:
        """Whether the quality review has flagged this Helper."""
        return self.flagged_at is not None

    @property
    def last_change(self) -> StatusChange | None:
        """The most recent status change, if any."""
        return self.history[-1] if self.history else None

    def to_json(self) -> dict[str, object]:
        """Wire form for the member themself and for staff."""
        return {
            "member_id": self.member_id,
            "status": str(self.status),
            "applied_at": self.applied_at,
            "languages": list(self.languages),
            "topics": list(self.topics),
            "helper_since": self.helper_since,
            "flagged": self.is_flagged,
            "flag_reasons": list(self.flag_reasons),
            "history": [c.to_json() for c in self.history],
            "version": self.version,
        }


@dataclass(frozen=True)
class RoleChange:
    """A decision to grant or revoke a role, applied with the record that caused it."""

    member_id: str
    grant: bool
    role: str = HELPER


@dataclass(frozen=True)
class Transition:
    """The next record, the role decision it implies and the event name to publish."""

    record: HelperRecord
    event: str
    role_change: RoleChange | None = None
    previous_version: int | None = None


class _RecordChanges(TypedDict, total=False):
    """The fields a transition may set besides the status, history and version."""

    helper_since: float | None
    flagged_at: float | None
    flag_reasons: tuple[str, ...]
    reviewed_at: float | None


def clean_reason(reason: str | None, *, required: bool) -> str:
    """Trim a staff reason and check it is present when the rule needs one."""
    text = (reason or "").strip()
    if required and not text:
        raise BadInput("a reason is required", code="reason_required")
    if len(text) > MAX_REASON_CHARS:
        raise BadInput(f"the reason is longer than {MAX_REASON_CHARS} characters")
    return text


@dataclass(frozen=True)
class HelperLifecycle:
    """The transition rules; `reapply_after_seconds` is the wait after a refusal."""

    reapply_after_seconds: float = 90 * 24 * 3600

    def apply(
        self,
        existing: HelperRecord | None,
        member_id: str,
        eligibility: Eligibility,
        languages: Sequence[str],
        topics: Sequence[str],
        now: float,
    ) -> Transition:
        """A member applies; only eligible members, once at a time, not while suspended."""
        if existing is not None:
            self._check_may_reapply(existing, now)
        if not eligibility.eligible:
            raise RuleRefused(
                "the reputation does not meet the programme's thresholds",
                code="not_eligible",
                reasons=list(eligibility.reasons),
            )
        record = HelperRecord(
            member_id=member_id,
            status=HelperStatus.PENDING,
            applied_at=now,
            languages=tuple(languages),
            topics=tuple(topics),
            history=(existing.history if existing else ())
            + (StatusChange(now, HelperStatus.PENDING, member_id),),
            helper_since=None,
            version=(existing.version if existing else 0) + 1,
        )
        return Transition(record, "helper.applied", None, existing.version if existing else None)

    def _check_may_reapply(self, existing: HelperRecord, now: float) -> None:
        status = existing.status
        if status is HelperStatus.PENDING:
            raise Conflict("an application is already waiting for review", code="already_applied")
        if status is HelperStatus.APPROVED:
            raise Conflict("this member is already a Helper", code="already_helper")
        if status is HelperStatus.SUSPENDED:
            raise RuleRefused("a suspended Helper cannot apply again", code="suspended")
        if status is HelperStatus.REFUSED:
            decided = existing.last_change.at if existing.last_change else existing.applied_at
            retry_at = decided + self.reapply_after_seconds
            if now < retry_at:
                raise RuleRefused(
                    "a new application is possible later",
                    code="reapply_too_soon",
                    retry_at=retry_at,
                )

    def approve(self, record: HelperRecord, by: str, now: float, note: str = "") -> Transition:
        """Staff approve a pending application: the member gets the role and the badge."""
        self._require(record, HelperStatus.PENDING, "only a pending application can be approved")
        nxt = self._move(
            record,
            HelperStatus.APPROVED,
            by,
            clean_reason(note, required=False),
            now,
            helper_since=now,
        )
        return Transition(nxt, "helper.approved", self._role(record, True), record.version)

    def refuse(self, record: HelperRecord, by: str, now: float, reason: str) -> Transition:
        """Staff refuse a pending application, always with a reason the member can read."""
        self._require(record, HelperStatus.PENDING, "only a pending application can be refused")
        nxt = self._move(record, HelperStatus.REFUSED, by, clean_reason(reason, required=True), now)
        return Transition(nxt, "helper.refused", None, record.version)

    def suspend(self, record: HelperRecord, by: str, now: float, reason: str) -> Transition:
        """Staff suspend an active Helper: the role and the badge go at once."""
        self._require(record, HelperStatus.APPROVED, "only an active Helper can be suspended")
        nxt = self._move(
            record, HelperStatus.SUSPENDED, by, clean_reason(reason, required=True), now
        )
        return Transition(nxt, "helper.suspended", self._role(record, False), record.version)

    def reinstate(self, record: HelperRecord, by: str, now: float, reason: str) -> Transition:
        """Staff lift a suspension; the quality review starts afresh from now."""
        self._require(record, HelperStatus.SUSPENDED, "only a suspended Helper can be reinstated")
        nxt = self._move(
            record,
            HelperStatus.APPROVED,
            by,
            clean_reason(reason, required=True),
            now,
            flagged_at=None,
            flag_reasons=(),
            reviewed_at=now,
        )
        return Transition(nxt, "helper.reinstated", self._role(record, True), record.version)

    def leave(self, record: HelperRecord, now: float) -> Transition:
        """A Helper or applicant leaves the programme of their own accord."""
        if record.status is HelperStatus.SUSPENDED:
            # A suspension is settled by staff (reinstate), not walked away from.
            raise Conflict("a suspended Helper stays in the programme until staff decide",
                           code="wrong_status", status=str(record.status))
        if record.status not in (HelperStatus.PENDING, HelperStatus.APPROVED):
            raise NotFound("there is nothing to leave", code="not_in_programme")
        revoke = self._role(record, False) if record.is_active else None
        nxt = self._move(record, HelperStatus.LEFT, record.member_id, "", now)
        return Transition(nxt, "helper.left", revoke, record.version)

    def flag(self, record: HelperRecord, reasons: Sequence[str], now: float) -> Transition:
        """The quality review flags an active Helper (the role stays; staff decide)."""
        nxt = self._move(
            record,
            record.status,
            SYSTEM,
            "quality flag: " + ", ".join(reasons),
            now,
            flagged_at=now,
            flag_reasons=tuple(reasons),
        )
        return Transition(nxt, "helper.flagged", None, record.version)

    def unflag(self, record: HelperRecord, now: float, *, by: str = SYSTEM) -> Transition:
        """Lift a flag: on recovery (by the system) or after a staff review (window restarts)."""
        reviewed = by != SYSTEM
        nxt = self._move(
            record,
            record.status,
            by,
            "quality flag cleared after review" if reviewed else "quality recovered",
            now,
            flagged_at=None,
            flag_reasons=(),
            reviewed_at=now if reviewed else record.reviewed_at,
        )
        return Transition(nxt, "helper.unflagged", None, record.version)

    @staticmethod
    def _role(record: HelperRecord, grant: bool) -> RoleChange:
        return RoleChange(record.member_id, grant)

    @staticmethod
    def _require(record: HelperRecord, status: HelperStatus, message: str) -> None:
        if record.status is not status:
            raise Conflict(message, code="wrong_status", status=str(record.status))

    @staticmethod
    def _move(
        record: HelperRecord,
        status: HelperStatus,
        by: str,
        reason: str,
        now: float,
        **changes: Unpack[_RecordChanges],
    ) -> HelperRecord:
        return replace(
            record,
            status=status,
            history=record.history + (StatusChange(now, status, by, reason),),
            version=record.version + 1,
            **changes,
        )
