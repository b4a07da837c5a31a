"""Transcript access: staff grant an active Helper the reading of any conversation's transcript
(each read audit-logged by the chat), and withdraw it. The grant lives on the members mirror
(`profile.helper.transcript_access`), where `Member.may_read_transcripts` reads it on every
request: a withdrawal, like a suspension, holds from the Helper's very next read."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from chalicelib.domain.clock import Clock, SystemClock
from chalicelib.domain.errors import NotFound, RuleRefused
from chalicelib.domain.identity import STAFF_ROLES, Principal
from chalicelib.domain.ports import MemberDirectory
from chalicelib.domain.programme.service import refuse_own_case, require_self_or_staff

GRANTED = "programme.transcript_access.grant"
WITHDRAWN = "programme.transcript_access.withdraw"


class TranscriptAccessStore(Protocol):
    """Sets `profile.helper.transcript_access` of a member who has a programme part on the
    mirror, leaving everything else of the member as it is (`NotFound` otherwise)."""

    def set_transcript_access(self, member_id: str, granted: bool) -> None: ...


class AuditTrail(Protocol):
    """The append-only audit log (the chat's `AuditLog` satisfies it)."""

    def record(
        self, actor: str, roles: list[str], action: str, subject: str, at: float
    ) -> None: ...


@dataclass(frozen=True)
class TranscriptAccess:
    """Whether staff granted the member transcript access, and whether it holds now (only an
    active Helper reads transcripts: a suspended one keeps the grant but reads nothing)."""

    member_id: str
    granted: bool
    in_effect: bool

    def to_json(self) -> dict[str, object]:
        """Wire form."""
        return {"member_id": self.member_id, "transcript_access": self.granted,
                "in_effect": self.in_effect}


class TranscriptAccessService:
    """Staff grant and withdraw transcript access; every change is audited."""

    def __init__(self, members: MemberDirectory, store: TranscriptAccessStore,
                 audit: AuditTrail, *, clock: Clock | None = None) -> None:
        self._members = members
        self._store = store
        self._audit = audit
        self._clock = clock or SystemClock()

    def of(self, principal: Principal, member_id: str) -> TranscriptAccess:
        """The member's transcript access, for the member themself and staff."""
        require_self_or_staff(principal, member_id)
        member = self._members.get(member_id)
        granted = bool(member and member.helper and member.helper.transcript_access)
        return TranscriptAccess(member_id, granted, bool(member and member.may_read_transcripts))

    def set(self, principal: Principal, member_id: str, granted: bool) -> TranscriptAccess:
        """Grant (to an active Helper only) or withdraw (always) transcript access.

        Staff never grant or withdraw their own (conflict of interest): another staff
        member does."""
        principal.require(*STAFF_ROLES)
        refuse_own_case(principal, member_id)
        member = self._members.get(member_id)
        if member is None or member.helper is None:
            raise NotFound("no programme record for this member", code="not_in_programme")
        if granted and not member.is_active_helper:
            raise RuleRefused("transcript access is granted to active Helpers only",
                              code="not_a_helper")
        self._store.set_transcript_access(member_id, granted)
        self._audit.record(principal.member_id, sorted(principal.roles),
                           GRANTED if granted else WITHDRAWN, member_id, self._clock.time())
        return TranscriptAccess(member_id, granted, granted and member.is_active_helper)
