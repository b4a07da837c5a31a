"""Claims in the chat's professional queue: the claims' AgentQueue port over the chat's
ProQueue (one queue for escalated chats and claims, kind `claim`, one item per claim)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from chalicelib.domain.chat.model import QueueItem
from chalicelib.domain.chat.ports import ProQueue


class ProQueueAgentQueue:
    """Claims in the agents' queue shared with escalated chats (kind `claim`, one item each)."""

    def __init__(self, queue: ProQueue, clock_now: Callable[[], datetime]) -> None:
        self._queue = queue
        self._now = clock_now  # `Clock.now`: the chat's queue items keep epoch seconds

    @staticmethod
    def ticket_id(claim_id: str) -> str:
        """The queue item of a claim: one per claim, refreshed in place."""
        return f"claim#{claim_id}"

    def put_claim(self, claim_id: str, *, due_at: datetime, reason: str, audience: str,
                  urgent: bool) -> None:
        """Add or refresh the claim's item; `topic` carries the audience (agent, supervisor).

        Urgency is in the due time: urgent types get a short SLA and a breached SLA is due now,
        so they sort first in the queue (oldest due first).
        """
        self._queue.put(QueueItem(
            ticket_id=self.ticket_id(claim_id), kind="claim", ref_id=claim_id,
            due_at=due_at.timestamp(), created_at=self._now().timestamp(), reason=reason,
            topic=audience,
        ))

    def remove_claim(self, claim_id: str) -> None:
        """Take the claim off the queue."""
        self._queue.done(self.ticket_id(claim_id))
