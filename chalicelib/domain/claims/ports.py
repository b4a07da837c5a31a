"""What the claims service needs from the platform (typing.Protocol ports; fakes in tests)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from chalicelib.domain.claims.gestures import LedgerEntry
from chalicelib.domain.claims.model import (
    Booking,
    Claim,
    MemberProfile,
    PendingTask,
    ResponseCode,
    TimelineEntry,
)
from chalicelib.domain.errors import Conflict
from chalicelib.domain.notifications.channel import Notification
from chalicelib.domain.notifications.service import Delivery


class TaskGone(Conflict):
    """The workflow no longer waits for this answer (timed out, already answered, invalid)."""

    code = "too_late"


class FilingsChanged(Conflict):
    """Another claim of the same member was filed since their filings were read: read again."""

    code = "claims_filed_meanwhile"


@dataclass(frozen=True)
class Filings:
    """A member's recent claims, read consistently, and the version a new filing must find."""

    claims: list[Claim]
    version: int
    # The member's filings record as stored (claim id -> filed_at, wire time), which `add`
    # rewrites with the new claim: no second read.
    recorded: Mapping[str, str] = field(default_factory=dict)


class ClaimRepository(Protocol):
    """Claims table (partition key `claim_id`); the workflow updates the same items."""

    def get(self, claim_id: str) -> Claim | None:
        """The claim, or None."""
        ...

    def add(self, claim: Claim, filings: Filings) -> bool:
        """Store a new claim; False when this claim id exists already (an idempotent retry).

        The claimant's filings version is incremented in the same transaction, on condition it
        is still `filings.version` (FilingsChanged otherwise), so caps computed from `filings`
        (as `filings()` read them) hold against parallel filings.

        Raises Conflict(code="claim_already_open") when another open claim exists for the same
        booking and problem; the adapter enforces it atomically (e.g. a lock item keyed
        `booking_id#problem` written in the same transaction), never by read-then-write.
        """
        ...

    def filings(self, member_id: str, since: datetime) -> Filings:
        """The member's claims filed since `since`, strongly consistent (never an index alone,
        which lags behind parallel filings), with the version `add` must find."""
        ...

    def append_timeline(self, claim_id: str, entry: TimelineEntry) -> None:
        """Append one entry to the claim's timeline (list_append, like the workflow does)."""
        ...

    def set_pending(self, claim_id: str, task: PendingTask) -> None:
        """Remember the task the workflow waits on (replaces any earlier one)."""
        ...

    def clear_pending(self, claim_id: str, token: str) -> bool:
        """Forget the pending task if it is still this token; whether it was."""
        ...

    def mark_asked(self, claim_id: str, token: str) -> bool:
        """Record that the counterpart was told about this task (only while it is pending)."""
        ...

    def take_task(self, claim_id: str, token: str, taker: str, now: datetime,
                  stale_before: datetime) -> bool:
        """Reserve the pending task for one request (atomically): True when it was free, taken
        before `stale_before` (a request that died), or already this taker's."""
        ...

    def release_task(self, claim_id: str, token: str, taker: str) -> None:
        """Free the task reserved by this taker (its request failed before completing it)."""
        ...

    def set_response_code(self, claim_id: str, code: ResponseCode) -> None:
        """Store the hash of the counterpart's single-use SMS code."""
        ...

    def use_response_code(self, claim_id: str, code_hash: str, now: datetime) -> bool:
        """Mark the code used if it matches, is unused and unexpired (atomically); whether so."""
        ...


class BookingDirectory(Protocol):
    """The bookings mirror pushed by the marketplace."""

    def get(self, booking_id: str) -> Booking | None:
        """The booking, or None."""
        ...


class MemberProfiles(Protocol):
    """The members mirror: standing, language and display name."""

    def profile(self, member_id: str) -> MemberProfile:
        """The member's profile (a default good-standing profile when unknown)."""
        ...


class GestureLedger(Protocol):
    """Append-only ledger of commercial gestures."""

    def append(self, entry: LedgerEntry) -> bool:
        """Write the entry once; False when an entry with this id exists (retries are safe)."""
        ...

    def for_member(self, member_id: str, since: datetime) -> list[LedgerEntry]:
        """Gestures granted to the member since `since`."""
        ...

    def between(self, since: datetime, until: datetime) -> list[LedgerEntry]:
        """Every gesture in [since, until), for the audit report."""
        ...


class Workflow(Protocol):
    """The settle_claim state machine."""

    def start(self, name: str, execution_input: Mapping[str, Any]) -> None:
        """Start an execution named `name`; starting it again with the same input is a no-op."""
        ...

    def succeed(self, token: str, output: Mapping[str, Any]) -> None:
        """Resume the waiting task; raises TaskGone when it no longer waits."""
        ...


class AgentQueue(Protocol):
    """The professional queue (shared with escalated chats), oldest due first."""

    def put_claim(self, claim_id: str, *, due_at: datetime, reason: str, audience: str,
                  urgent: bool) -> None:
        """Add or refresh the claim's item; `audience` is `agent` or `supervisor`."""
        ...

    def remove_claim(self, claim_id: str) -> None:
        """Take the claim off the queue (decided)."""
        ...


class Notifier(Protocol):
    """Sends a notification on the right channel (NotificationService implements it)."""

    def notify(self, note: Notification) -> Delivery:
        """Deliver and say how."""
        ...


class Moderator(Protocol):
    """The moderation filters applied to free text (counterpart comments)."""

    def clean(self, text: str, lang: str) -> str | None:
        """The text as it may be stored (masked), or None when it is blocked."""
        ...
