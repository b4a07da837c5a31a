"""OutcomeDelivery: one failed push never starves the next events' recipients."""

from __future__ import annotations

from typing import Any

import pytest

from chalicelib.domain.chat.model import Outcome
from chalicelib.domain.errors import Unavailable
from chalicelib.policies.delivery import OutcomeDelivery


class Sessions:
    """Pushes recorded; the member in `failing` cannot be reached."""

    def __init__(self, failing: str) -> None:
        self.failing = failing
        self.pushed: list[tuple[str, str]] = []

    def push_to_members(self, recipients: list[str], payload: dict[str, Any],
                        skip: str | None = None) -> int:
        for member in recipients:
            if member == self.failing:
                raise Unavailable("could not post to the connection")
            self.pushed.append((member, payload["type"]))
        return len(recipients)


def test_every_event_is_pushed_then_the_first_failure_raised() -> None:
    outcome = Outcome({})
    outcome.push(["m-alice"], {"type": "participant.left"})
    outcome.push(["h-2"], {"type": "help.offer"})
    sessions = Sessions(failing="m-alice")
    with pytest.raises(Unavailable):
        OutcomeDelivery(sessions)(outcome)  # type: ignore[arg-type]
    assert sessions.pushed == [("h-2", "help.offer")]
