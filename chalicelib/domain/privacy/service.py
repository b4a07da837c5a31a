"""The erasure of a member's data: every context, in an order that leaves the system
consistent, then one audit entry without the data. Idempotent: a second erasure finds nothing
under the member's id and answers zero counts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from chalicelib.domain.clock import Clock
from chalicelib.domain.errors import NotFound
from chalicelib.domain.identity import ADMIN, Principal
from chalicelib.domain.privacy.ports import (
    ChatData,
    ClaimExecutions,
    ClaimsData,
    ClaimsHeld,
    ConversationRef,
    ErasureLog,
    LiveChats,
    LiveSessions,
    PersonalRecords,
)

ERASED = "erased"


@dataclass(frozen=True)
class ErasureReport:
    """What one erasure did: counts per kind, and how long it took."""

    member_id: str
    counts: dict[str, int]
    seconds: float
    status: str = ERASED

    def to_json(self) -> dict[str, Any]:
        """Wire form (PROTOCOL: `{"member_id", "status"}` plus the counts)."""
        return {"member_id": self.member_id, "status": self.status,
                "erased": dict(sorted(self.counts.items())), "seconds": round(self.seconds, 3)}


@dataclass
class PrivacyService:
    """`erase`: the member themself or an admin; anyone else is told nothing exists."""

    sessions: LiveSessions
    chat: ChatData
    live_chats: LiveChats
    claims: ClaimsData
    executions: ClaimExecutions
    log: ErasureLog
    clock: Clock
    pseudonyms: Callable[[], str]
    records: Sequence[PersonalRecords] = field(default_factory=list)

    def erase(self, who: Principal, member_id: str) -> ErasureReport:
        """Erase or pseudonymise everything of the member's, then audit it (counts only)."""
        if who.member_id != member_id and not who.has(ADMIN):
            raise NotFound("no such member", code="member_not_found")
        started = self.clock.time()
        pseudonym = self.pseudonyms()
        counts: Counter[str] = Counter()
        counts["connections"] += self.sessions.end(member_id)
        conversations = self.chat.conversations(member_id)
        held = self.claims.held(member_id)
        self._stop_what_is_live(member_id, conversations, held, counts)
        counts.update(self.chat.erase(member_id, pseudonym, conversations, held.partners))
        counts.update(self.claims.erase(member_id, pseudonym, held))
        for part in self.records:
            counts.update(part.erase(member_id, pseudonym))
        done = {kind: n for kind, n in counts.items() if n}
        now = self.clock.time()
        self.log.record(who.member_id, sorted(who.roles), member_id, done, now)
        return ErasureReport(member_id, done, now - started)

    def _stop_what_is_live(self, member_id: str, conversations: Sequence[ConversationRef],
                           held: ClaimsHeld, counts: Counter[str]) -> None:
        """Open conversations closed as the member would (the others are told), open claims
        the member filed withdrawn (their execution stopped first)."""
        for ref in conversations:
            if ref.open:
                self.live_chats.close(member_id, ref.conversation_id)
                counts["conversations_closed"] += 1
        for claim_id in held.open_claims:
            self.executions.stop(claim_id)
            self.claims.withdraw(claim_id, self.clock.time())
            counts["claims_withdrawn"] += 1

