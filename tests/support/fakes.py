"""In-memory fakes of the platform ports, for unit tests."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from chalicelib.domain.ports import Connection, Ticket


class InMemoryConnectionRepository:
    """Connections in a dict."""

    def __init__(self) -> None:
        self.items: dict[str, tuple[Connection, int]] = {}

    def put(self, connection: Connection, expires_at: int) -> None:
        self.items[connection.connection_id] = (connection, expires_at)

    def get(self, connection_id: str) -> Connection | None:
        item = self.items.get(connection_id)
        return item[0] if item else None

    def delete(self, connection_id: str) -> None:
        self.items.pop(connection_id, None)

    def for_member(self, member_id: str) -> list[Connection]:
        return [c for c, _ in self.items.values() if c.principal.member_id == member_id]


class InMemoryTicketStore:
    """Tickets in a dict; consume pops."""

    def __init__(self) -> None:
        self.items: dict[str, Ticket] = {}

    def put(self, digest: str, ticket: Ticket) -> None:
        self.items[digest] = ticket

    def consume(self, digest: str) -> Ticket | None:
        return self.items.pop(digest, None)


class RecordingPusher:
    """Records frames per connection; connections listed in `gone` answer Gone."""

    def __init__(self) -> None:
        self.frames: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
        self.gone: set[str] = set()
        self.calls = 0

    def push(self, connection_id: str, payload: Mapping[str, Any], endpoint: str = "") -> bool:
        self.calls += 1
        if connection_id in self.gone:
            return False
        self.frames[connection_id].append(dict(payload))
        return True

    def take(self, connection_id: str) -> list[Mapping[str, Any]]:
        """Frames received by a connection since the last take."""
        frames = self.frames.pop(connection_id, [])
        return frames


class InMemoryMemberDirectory:
    """Members in a dict."""

    def __init__(self, members: Iterable[Mapping[str, Any]] = ()) -> None:
        self.items = {m["member_id"]: dict(m) for m in members}

    def get(self, member_id: str) -> Mapping[str, Any] | None:
        return self.items.get(member_id)

    def many(self, member_ids: Iterable[str]) -> dict[str, Mapping[str, Any]]:
        return {m: self.items[m] for m in member_ids if m in self.items}

    def put(self, member_id: str, **fields: Any) -> None:
        self.items[member_id] = {"member_id": member_id, **fields}
