"""Programme role changes told to the marketplace, whose identity provider issues the tokens."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from chalicelib.domain.programme.events import roles_changed
from chalicelib.domain.programme.membership import Transition
from chalicelib.domain.programme.ports import HelperRepository
from chalicelib.observability import logger


class AnnounceRoleChanges:
    """The Helper repository, telling the marketplace when the programme changed a member's
    roles: `member.roles_changed` on the marketplace topic, once the change is stored, so that
    the identity provider can update the roles it puts in its tokens (docs/events.md).

    The stored change is what this backend enforces (the REST edge and the chat read the
    members mirror, never the token, for `helper`), so a publication that fails is logged and
    never undoes nor fails the decision.
    """

    def __init__(
        self, helpers: HelperRepository, publish: Callable[[Mapping[str, Any]], None]
    ) -> None:
        self._helpers = helpers
        self._publish = publish

    def __getattr__(self, name: str) -> Any:
        return getattr(self._helpers, name)

    def save(self, transition: Transition) -> None:
        """Store, then announce a granted or revoked role."""
        self._helpers.save(transition)
        event = roles_changed(transition)
        if event is None:
            return
        try:
            self._publish(event.to_json())
        except Exception as e:  # noqa: BLE001 - the decision is stored; the event is advisory
            logger.error(
                "role change not announced", event_id=event.event_id, error=type(e).__name__
            )


