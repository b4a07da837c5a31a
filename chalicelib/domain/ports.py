"""Ports of the platform core: what the domain needs from the outside world."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from chalicelib.domain.identity import Principal
from chalicelib.domain.members import Member


@dataclass(frozen=True)
class Connection:
    """A live WebSocket connection of a member (one per device)."""

    connection_id: str
    principal: Principal
    connected_at: float
    endpoint: str = ""


class ConnectionRepository(Protocol):
    """Live connections, reachable by id and by member (Query, never Scan)."""

    def put(self, connection: Connection, expires_at: int) -> None: ...

    def get(self, connection_id: str) -> Connection | None: ...

    def delete(self, connection_id: str) -> None: ...

    def for_member(self, member_id: str) -> list[Connection]: ...

    def count_for_member(self, member_id: str) -> int:
        """How many live connections the member has (a counting Query, no items read)."""
        ...


@dataclass(frozen=True)
class Ticket:
    """A single-use WebSocket ticket as stored (the secret itself is never stored)."""

    principal: Principal
    expires_at: float


class TicketStore(Protocol):
    """Single-use secrets: stored by digest, consumed atomically."""

    def put(self, digest: str, ticket: Ticket) -> None: ...

    def consume(self, digest: str) -> Ticket | None: ...


class Pusher(Protocol):
    """Posts a JSON payload to one connection; False when the connection is gone."""

    def push(self, connection_id: str, payload: Mapping[str, Any], endpoint: str = "") -> bool: ...


class TokenCodec(Protocol):
    """Signs and verifies member bearer tokens."""

    def issue(self, principal: Principal, ttl_seconds: int) -> str: ...

    def verify(self, token: str) -> Principal: ...


class MemberDirectory(Protocol):
    """Read access to the members mirror."""

    def get(self, member_id: str) -> Member | None: ...

    def many(self, member_ids: Iterable[str]) -> dict[str, Member]: ...


@dataclass(frozen=True)
class Standing:
    """What this backend decided about a member, as it stands now: the roles it grants
    (`identity.GRANTED_ROLES`) and whether moderation suspended them."""

    granted_roles: frozenset[str] = frozenset()
    suspended: bool = False


class RoleAuthority(Protocol):
    """This backend's decisions about a member, read fresh (never from a token)."""

    def standing(self, member_id: str) -> Standing: ...
