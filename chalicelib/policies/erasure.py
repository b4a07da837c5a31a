"""The erasure's reactions on the live chat and sessions: open conversations closed as the
member would close them (the others are told, the Helper's slot freed), then the member's
sockets told and ended."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from chalicelib.domain.chat.model import Outcome
from chalicelib.domain.identity import HELPER, MEMBER, Principal

ERASED_EVENT = {"type": "member.erased",
                "message": "your data was erased at your request; this session is closed"}


class CloseChatsOnErasure:
    """`LiveChats` over the chat's oversight (`close` as a participant) and the delivery."""

    def __init__(self, chat: Callable[[], Any], deliver: Callable[[Outcome], None]) -> None:
        self._chat = chat
        self._deliver = deliver

    def close(self, member_id: str, conversation_id: str) -> None:
        participant = Principal(member_id, frozenset({MEMBER, HELPER}))
        self._deliver(self._chat().oversight.close(participant, conversation_id))


class EndSessionsOnErasure:
    """`LiveSessions` over the session service."""

    def __init__(self, sessions: Any) -> None:
        self._sessions = sessions

    def end(self, member_id: str) -> int:
        return int(self._sessions.end_member_sessions(member_id, ERASED_EVENT))
