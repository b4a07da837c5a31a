"""How the chat reacts when Member Relations answers a member who is not connected: the
conversation is marked unread for them (shown on their return, in the conversation list and in
`message.sync`) and they are told by SMS when they accept SMS (notifications context)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from chalicelib.domain.chat.events import ChatEvent
from chalicelib.domain.chat.model import Conversation
from chalicelib.domain.notifications.channel import Notification
from chalicelib.domain.notifications.ports import Presence
from chalicelib.observability import logger


class Notifier(Protocol):
    """The notifications service as this policy uses it."""

    def notify(self, note: Notification, known_offline: bool = False) -> object: ...


class UnreadMarker(Protocol):
    """Where the chat keeps the member's unread marker (the chat store)."""

    def update(self, conversation_id: str, **fields: object) -> None: ...


class TellOfflineMembers:
    """A chat listener: on ChatEvent.STAFF_REPLIED to an offline member, mark the conversation
    unread from that message and, the first time only, notify them (SMS if they accept SMS
    and have not opted out, else in-app on return). Never raises into the chat."""

    def __init__(self, presence: Callable[[], Presence], marker: UnreadMarker,
                 notifier: Callable[[], Notifier]) -> None:
        # Providers: building the chat builds neither the sessions nor the SMS sender.
        self._presence = presence
        self._marker = marker
        self._notifier = notifier

    def __call__(self, event: ChatEvent, conversation: Conversation) -> None:
        if event is not ChatEvent.STAFF_REPLIED:
            return
        try:
            self._staff_replied(conversation)
        except Exception as e:  # noqa: BLE001 - listeners never break the chat
            logger.exception("telling an offline member failed",
                             conversation_id=conversation.conversation_id,
                             error=type(e).__name__)

    def _staff_replied(self, conversation: Conversation) -> None:
        member_id = conversation.member_id
        if conversation.member_unread_seq is not None or self._presence().is_online(member_id):
            return  # told already for this streak of answers, or will see it live
        seq = conversation.last_seq
        self._marker.update(conversation.conversation_id, member_unread_seq=seq)
        delivery = self._notifier().notify(Notification(
            member_id,
            {"type": "conversation.answered", "conversation_id": conversation.conversation_id,
             "seq": seq},
            sms_template="chat_answered",
        ), known_offline=True)  # just asked above: not asked again
        logger.info("offline member told of an answer",
                    conversation_id=conversation.conversation_id,
                    channel=getattr(delivery, "channel", None))
