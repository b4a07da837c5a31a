"""The live WebSocket sessions as the notifications' Presence and InAppSender ports."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Protocol


class Sessions(Protocol):
    """What the notifications need from the session service."""

    def is_online(self, member_id: str) -> bool: ...

    def push_to_members(self, member_ids: Iterable[str], payload: Mapping[str, Any],
                        skip: str | None = None) -> int: ...


class SessionPresence:
    """The notifications' Presence port over the live connections."""

    def __init__(self, sessions: Sessions) -> None:
        self._sessions = sessions

    def is_online(self, member_id: str) -> bool:
        """Whether the member has a live connection."""
        return self._sessions.is_online(member_id)


class SessionInAppSender:
    """The notifications' InAppSender port over the live connections."""

    def __init__(self, sessions: Sessions) -> None:
        self._sessions = sessions

    def push(self, member_id: str, event: Mapping[str, Any]) -> int:
        """Push to every live connection of the member; how many took it."""
        return self._sessions.push_to_members([member_id], dict(event))
