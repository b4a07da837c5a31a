"""The programme's outbound event for the marketplace: a member's roles changed here, so that the
identity provider can update the roles it puts in its tokens. Documented in docs/events.md."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from chalicelib.domain.clock import wire_time
from chalicelib.domain.programme.membership import Transition

# The programme's transitions that grant or revoke a role, and the reason the event gives.
REASONS = {
    "helper.approved": "approved",
    "helper.suspended": "suspended",
    "helper.reinstated": "reinstated",
    "helper.left": "left",
}


@dataclass(frozen=True)
class RolesChanged:
    """Roles this backend granted or revoked, with a stable id and the record's sequence."""

    TYPE: ClassVar[str] = "member.roles_changed"
    VERSION: ClassVar[int] = 1
    event_id: str
    member_id: str
    added: tuple[str, ...]
    removed: tuple[str, ...]
    reason: str
    sequence: int
    at: str

    def to_json(self) -> dict[str, Any]:
        """The message body published on the marketplace topic."""
        return {
            "type": self.TYPE,
            "version": self.VERSION,
            "event_id": self.event_id,
            "member_id": self.member_id,
            "added": list(self.added),
            "removed": list(self.removed),
            "reason": self.reason,
            "sequence": self.sequence,
            "at": self.at,
        }


def roles_changed(transition: Transition) -> RolesChanged | None:
    """The event of a transition that grants or revokes a role; None for any other.

    The programme record's version after the transition numbers the member's changes: it makes
    the event id stable across retries (`<member_id>.roles.<sequence>`) and lets consumers drop
    an event older than one they already applied (SNS does not keep order).
    """
    change = transition.role_change
    if change is None:
        return None
    record = transition.record
    moment = record.last_change.at if record.last_change else record.applied_at
    return RolesChanged(
        event_id=f"{record.member_id}.roles.{record.version}",
        member_id=change.member_id,
        added=(change.role,) if change.grant else (),
        removed=() if change.grant else (change.role,),
        reason=REASONS.get(transition.event, transition.event.removeprefix("helper.")),
        sequence=record.version,
        at=wire_time(moment),
    )
