"""The chat's outcomes delivered: each event pushed to its recipients' live connections."""

from __future__ import annotations

from chalicelib.domain.chat.model import Outcome
from chalicelib.domain.sessions import SessionService, try_each


class OutcomeDelivery:
    """Pushes an outcome's events, after the action that produced them was acknowledged."""

    def __init__(self, sessions: SessionService) -> None:
        self._sessions = sessions

    def __call__(self, outcome: Outcome) -> None:
        """Every event is tried (one failed connection never starves the next events'
        recipients), then the first failure is raised."""
        try_each(outcome.events, lambda event: self._sessions.push_to_members(
            event.recipients, event.payload, event.skip_connection))
