"""The records insights are computed from: what the chat and the claims must store.

Times are epoch seconds (float). The chat writes a ConversationRecord's fields on the
conversation item as they happen (open, accept, first answer, escalate, close, rate); the
claims flow writes a ClaimRecord's fields on the claim item.
"""

from __future__ import annotations

from dataclasses import dataclass

AUTO = "auto"
AGENT = "agent"


@dataclass(frozen=True)
class ConversationRecord:
    """One help request, from `help.open` to its rating."""

    conversation_id: str
    opened_at: float
    topic: str
    lang: str
    # help.accept succeeded (a Helper, or an agent after escalation); None while waiting.
    assigned_at: float | None = None
    helper_role: str | None = None
    # First message of whoever answers (the assignee or staff), not of the member.
    first_response_at: float | None = None
    closed_at: float | None = None
    rating: int | None = None
    escalated: bool = False
    escalated_at: float | None = None
    # Never offered to Helpers: a sensitive topic, or nobody online (sent to agents at once).
    straight_to_professionals: bool = False

    @property
    def pickup_seconds(self) -> float | None:
        """Open to assigned."""
        return None if self.assigned_at is None else self.assigned_at - self.opened_at

    @property
    def first_response_seconds(self) -> float | None:
        """Open to the first answer: what "answered within 30 s" measures."""
        if self.first_response_at is None:
            return None
        return self.first_response_at - self.opened_at

    @property
    def duration_seconds(self) -> float | None:
        """Assigned to closed: how long a Helper's slot was taken (the planner's input)."""
        if self.assigned_at is None or self.closed_at is None:
            return None
        return self.closed_at - self.assigned_at


@dataclass(frozen=True)
class ClaimRecord:
    """One claim, from filing to its settlement."""

    claim_id: str
    filed_at: float
    problem: str
    # "auto" (counterpart confirmed, silence or timing rule), "agent", "withdrawn"; None: open.
    settled_by: str | None = None
    settled_at: float | None = None
    escalated: bool = False


# The claims domain records how a settlement was reached as its `basis`.
_AUTO_BASES = frozenset({"confirmed", "rule", "silence"})
_AGENT_BASES = frozenset({"agent", "supervisor"})


def settled_by(basis: str | None) -> str | None:
    """Map a claim's decision basis to "auto" or "agent" (None while undecided)."""
    if basis in _AUTO_BASES:
        return AUTO
    if basis in _AGENT_BASES:
        return AGENT
    return None
