"""What the chat tells other contexts once a change of a conversation is stored."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import TypeAlias

from chalicelib.domain.chat.model import Conversation


class ChatEvent(StrEnum):
    """A step of a conversation that other contexts react to (metrics, points, quality)."""

    ACCEPTED = "accepted"
    FIRST_RESPONSE = "first_response"
    CLOSED = "closed"
    RATED = "rated"
    # Member Relations (an agent, supervisor or admin) wrote to the member: the conversation
    # given carries the message's seq as `last_seq`.
    STAFF_REPLIED = "staff_replied"


# Called as listener(event, conversation) after the change is stored. The change is done
# whatever a listener does, so a listener must not raise.
ChatListener: TypeAlias = Callable[[ChatEvent, Conversation], None]
