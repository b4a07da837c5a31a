"""DynamoDB stores of the sessions: WebSocket connections and single-use tickets (the members
mirror they read: member_mirror.py)."""

from __future__ import annotations

import time
from collections.abc import Iterable

from pynamodb.exceptions import DeleteError, DoesNotExist

from chalicelib.adapters.dynamodb.models.sessions import ConnectionRecord, TicketRecord
from chalicelib.domain.errors import Unavailable
from chalicelib.domain.identity import Principal
from chalicelib.domain.ports import Connection, Ticket


def _principal(member_id: str, roles: Iterable[str], tier: str | None) -> Principal:
    return Principal(member_id, frozenset(roles), tier)


class DynamoConnectionRepository:
    """Connections by id, and by member through the sparse-free member-index (Query)."""

    def put(self, connection: Connection, expires_at: int) -> None:
        """Store a connection."""
        p = connection.principal
        ConnectionRecord(
            connection.connection_id,
            member_id=p.member_id,
            roles=sorted(p.roles),
            tier=p.tier,
            connected_at=connection.connected_at,
            endpoint=connection.endpoint,
            expires_at=expires_at,
        ).save()

    def get(self, connection_id: str) -> Connection | None:
        """The connection, or None once gone or expired."""
        try:
            r = ConnectionRecord.get(connection_id)
        except DoesNotExist:
            return None
        if r.expires_at and r.expires_at < time.time():
            return None
        return self._to_domain(r)

    def delete(self, connection_id: str) -> None:
        """Forget a connection (idempotent)."""
        try:
            ConnectionRecord(connection_id).delete()
        except DeleteError as e:
            raise Unavailable("could not delete the connection") from e

    def for_member(self, member_id: str) -> list[Connection]:
        """Every live connection of a member."""
        now = time.time()
        return [
            self._to_domain(r)
            for r in ConnectionRecord.by_member.query(member_id)
            if not r.expires_at or r.expires_at >= now
        ]

    def count_for_member(self, member_id: str) -> int:
        """Live connections of a member: a Query with Select=COUNT on the member-index (no
        item comes back); expired ones are filtered out until DynamoDB's TTL deletes them."""
        C = ConnectionRecord
        live = C.expires_at.does_not_exist() | (C.expires_at >= time.time())
        return C.by_member.count(member_id, filter_condition=live)

    @staticmethod
    def _to_domain(r: ConnectionRecord) -> Connection:
        return Connection(
            r.connection_id, _principal(r.member_id, r.roles, r.tier), r.connected_at, r.endpoint
        )


class DynamoTicketStore:
    """Single-use tickets: a conditional delete returning the old item consumes atomically."""

    def put(self, digest: str, ticket: Ticket) -> None:
        """Store a ticket under its digest; DynamoDB's TTL sweeps it later."""
        p = ticket.principal
        TicketRecord(
            digest,
            kind="ws",
            member_id=p.member_id,
            roles=sorted(p.roles),
            tier=p.tier,
            valid_until=ticket.expires_at,
            expires_at=int(ticket.expires_at) + 60,
        ).save()

    def consume(self, digest: str) -> Ticket | None:
        """Delete the ticket and return it; None if it never existed or was already used."""
        connection = TicketRecord._get_connection()
        try:
            reply = connection.delete_item(
                digest,
                condition=TicketRecord.digest.exists() & (TicketRecord.kind == "ws"),
                return_values="ALL_OLD",
            )
        except DeleteError as e:
            if e.cause_response_code == "ConditionalCheckFailedException":
                return None
            raise Unavailable("ticket store unavailable") from e
        record = TicketRecord.from_raw_data(reply["Attributes"])
        principal = _principal(record.member_id or "", record.roles, record.tier)
        return Ticket(principal, record.valid_until)
