"""Identity at the edges: dev tokens, WebSocket tickets, connections and live fan-out."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from chalicelib.domain.clock import Clock
from chalicelib.domain.errors import Forbidden, RateLimited, Unauthenticated
from chalicelib.domain.identity import Principal
from chalicelib.domain.ports import (
    Connection,
    ConnectionRepository,
    MemberDirectory,
    Pusher,
    RoleAuthority,
    Standing,
    Ticket,
    TicketStore,
    TokenCodec,
)

# A member at the connection cap waits for one of their connections to close, which nothing
# here can foresee: a minute is a hint for the client's back-off, not a promise.
CONNECTION_RETRY_AFTER = 60

T = TypeVar("T")
R = TypeVar("R")


def try_each(items: Iterable[T], act: Callable[[T], R]) -> list[R]:
    """`act` on every item, in order, even once one failed (a failed push never starves the
    next recipients); then the first failure is raised, else the results are returned."""
    results: list[R] = []
    failure: Exception | None = None
    for item in items:
        try:
            results.append(act(item))
        except Exception as e:  # noqa: BLE001 - raised once every item was tried
            failure = failure or e
    if failure is not None:
        raise failure
    return results


def ticket_digest(ticket: str) -> str:
    """The key a ticket is stored under: a leaked table row is not a usable ticket."""
    return hashlib.sha256(ticket.encode()).hexdigest()


@dataclass
class SessionService:
    """Mints dev tokens and tickets, admits WebSocket connections, pushes events to members."""

    tokens: TokenCodec
    tickets: TicketStore
    connections: ConnectionRepository
    pusher: Pusher
    members: MemberDirectory
    clock: Clock
    ticket_ttl: int = 60
    connection_ttl: int = 7200
    # Checks of the caller before a ticket is issued (e.g. a member suspended by moderation);
    # they raise to refuse.
    ticket_guards: list[Callable[[Principal], None]] = field(default_factory=list)
    # Who holds the roles this backend grants (`helper`); None: nobody (fail closed).
    role_authority: RoleAuthority | None = None
    # MAX_CONNECTIONS_PER_MEMBER: a $connect beyond it is refused (None: no cap).
    max_connections: int | None = None

    def authenticate(self, authorization: str | None) -> Principal:
        """Verify an `Authorization: Bearer <JWT>` header value."""
        if not authorization:
            raise Unauthenticated("missing bearer token")
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise Unauthenticated("expected 'Authorization: Bearer <token>'")
        return self.tokens.verify(token.strip())

    def effective(self, principal: Principal) -> Principal:
        """The verified caller as this backend sees them now: the token's roles and tier, except
        the roles this backend grants (`helper`), held only if the role authority says so.

        Called once per authenticated request at the edge, after the authorizer: its answer is
        cached per token, so a Helper approved or suspended a moment ago would otherwise keep
        the token's word until the cache or the token expires.
        """
        authority = self.role_authority
        standing = authority.standing(principal.member_id) if authority else Standing()
        if standing.suspended and not principal.is_staff:
            # A suspension applies to the next request, not when the token expires.
            raise Forbidden("this account is suspended", code="member_suspended")
        return principal.with_granted_roles(standing.granted_roles)

    def issue_ticket(self, principal: Principal) -> dict[str, Any]:
        """A single-use WebSocket ticket that expires after `ticket_ttl` seconds."""
        for guard in self.ticket_guards:
            guard(principal)
        ticket = secrets.token_urlsafe(32)
        expires_at = self.clock.time() + self.ticket_ttl
        self.tickets.put(ticket_digest(ticket), Ticket(principal, expires_at))
        return {"ticket": ticket, "expires_in": self.ticket_ttl}

    def connect(self, connection_id: str, ticket: str | None, endpoint: str = "") -> Connection:
        """Admit a connection presenting a valid, unused, unexpired ticket; else refuse."""
        if not ticket or len(ticket) > 128:
            raise Unauthenticated("a valid ticket is required")
        stored = self.tickets.consume(ticket_digest(ticket))
        now = self.clock.time()
        if stored is None or stored.expires_at < now:
            raise Unauthenticated("unknown, used or expired ticket")
        member_id = stored.principal.member_id
        if (
            self.max_connections is not None
            and self.connections.count_for_member(member_id) >= self.max_connections
        ):
            # Refused at the handshake (HTTP 429); the ticket is spent like any other.
            raise RateLimited(
                "too many open connections; close one on another device first",
                retry_after=CONNECTION_RETRY_AFTER,
            )
        connection = Connection(connection_id, stored.principal, now, endpoint)
        self.connections.put(connection, int(now) + self.connection_ttl)
        return connection

    def disconnect(
        self, connection_id: str, listeners: Iterable[Callable[[Connection], None]] = ()
    ) -> Connection | None:
        """Let the listeners react, then forget a connection; returns what it was, if known.
        Forgotten last: a listener that fails leaves it known, so that the same $disconnect
        retried reacts again (listeners ask `is_online(member, besides=connection_id)`)."""
        connection = self.connections.get(connection_id)
        if connection is not None:
            for listener in listeners:
                listener(connection)
        self.connections.delete(connection_id)
        return connection

    def connection(self, connection_id: str) -> Connection:
        """The principal behind a live connection."""
        connection = self.connections.get(connection_id)
        if connection is None:
            raise Unauthenticated("unknown connection")
        return connection

    def reply(self, connection: Connection, payload: Mapping[str, Any]) -> None:
        """Send a reply frame to the connection that asked."""
        if not self.pusher.push(connection.connection_id, payload, connection.endpoint):
            self.connections.delete(connection.connection_id)

    def push_to_members(
        self, member_ids: Iterable[str], payload: Mapping[str, Any], skip: str | None = None
    ) -> int:
        """Push an event to every live connection of each member (but `skip`); drop gone ones.
        A connection (or a member's lookup) that fails does not starve the others: every one
        is tried, then the first failure is raised."""

        def to_member(member_id: str) -> int:
            live = [c for c in self.connections.for_member(member_id) if c.connection_id != skip]
            return sum(try_each(live, lambda connection: self._push(connection, payload)))

        return sum(try_each(dict.fromkeys(member_ids), to_member))

    def _push(self, connection: Connection, payload: Mapping[str, Any]) -> int:
        if self.pusher.push(connection.connection_id, payload, connection.endpoint):
            return 1
        self.connections.delete(connection.connection_id)
        return 0

    def end_member_sessions(self, member_id: str, payload: Mapping[str, Any]) -> int:
        """Tell every live connection of a member why, then forget it: its next frames are
        refused as `unauthenticated`. Returns how many there were."""
        ended = 0
        for connection in self.connections.for_member(member_id):
            self.pusher.push(connection.connection_id, payload, connection.endpoint)
            self.connections.delete(connection.connection_id)
            ended += 1
        return ended

    def is_online(self, member_id: str, besides: str | None = None) -> bool:
        """Whether the member has at least one live connection (other than `besides`)."""
        return any(c.connection_id != besides for c in self.connections.for_member(member_id))
