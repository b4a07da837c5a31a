"""Conversations left behind: closed after a long silence, or given to someone else when their
Helper is gone for good. Run by the scheduled sweep over the open conversations' index."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from chalicelib.domain.chat.core import ChatCore
from chalicelib.domain.chat.help_requests import HelpRequests
from chalicelib.domain.chat.model import Conversation, Outcome
from chalicelib.domain.chat.oversight import Oversight
from chalicelib.domain.identity import HELPER

# Open conversations looked at per sweep (least recently active first); the rest next minute.
SWEEP_LIMIT = 1_000
SYSTEM = "system"


@dataclass
class Abandonment:
    """Idle conversations closed (CONVERSATION_IDLE_CLOSE_MINUTES) and a gone Helper's ones
    offered again (HELPER_GONE_GRACE_SECONDS without a heartbeat and no live connection)."""

    core: ChatCore
    routing: HelpRequests
    oversight: Oversight
    is_online: Callable[[str], bool]

    def sweep(self) -> Outcome:
        """One pass over the open conversations; the events to push are in the outcome."""
        outcome = Outcome({})
        now = self.core.clock.time()
        conversations = self.core.store.open_conversations(SWEEP_LIMIT)
        gone = self._gone_helpers(conversations, now)
        idle_after = self.core.limits.idle_close_minutes * 60
        for conversation in conversations:
            if conversation.helper_id in gone and conversation.helper_role == HELPER:
                self._reoffer(conversation, outcome)
            elif idle_after and self._idle(conversation, now, idle_after):
                self.oversight.finish(conversation, SYSTEM, outcome, reason="idle")
        return outcome

    def _gone_helpers(self, conversations: list[Conversation], now: float) -> set[str]:
        """The Helpers of these conversations not heard from within the grace period and
        without a live connection."""
        ids = sorted(
            {c.helper_id for c in conversations if c.helper_id and c.helper_role == HELPER}
        )
        if not ids:
            return set()
        profiles = self.core.presence.many(ids)
        grace = self.core.limits.helper_gone_grace_seconds
        stale = [i for i in ids if i not in profiles or not profiles[i].fresh(now, grace)]
        return {i for i in stale if not self.is_online(i)}

    @staticmethod
    def _idle(conversation: Conversation, now: float, idle_after: float) -> bool:
        """Answered, not with the agents, and silent for too long."""
        return (
            conversation.helper_id is not None
            and not conversation.escalated
            and now - conversation.activity_at >= idle_after
        )

    def _reoffer(self, conversation: Conversation, outcome: Outcome) -> None:
        """Take the conversation back from its gone Helper (their slot freed), tell the member
        and staff, and route it again: other Helpers first, agents if nobody can."""
        helper_id = conversation.helper_id
        if helper_id is None:
            return
        # Offered afresh by the store: those offered before may take it now (the gone Helper's
        # stale heartbeat keeps it from them), and a new agents' ticket is due.
        taken_back = self.core.store.unassign(conversation, helper_id)
        if taken_back is None:
            return
        self.core.presence.release(helper_id, conversation.lang)
        told = conversation.participant_ids()
        cid = conversation.conversation_id
        outcome.push(told, {
            "type": "participant.left",
            "conversation_id": cid,
            "participant": {"id": helper_id, "role": HELPER},
            "reason": "gone",
        })
        outcome.push([conversation.member_id], {"type": "help.queued", "conversation_id": cid})
        try:
            self.routing.reoffer(taken_back, outcome)
        except Exception:  # noqa: BLE001 - taken back: the member is told all the same, and
            # the routing sweep offers the waiting request (its wave timer is missing).
            return
