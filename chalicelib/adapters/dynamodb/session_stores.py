"""DynamoDB stores of the sessions: WebSocket connections and single-use tickets (the members
mirror they read: member_mirror.py)."""

from __future__ import annotations

import time
from collections.abc import Iterable

from pynamodb.exceptions import DeleteError

from chalicelib.adapters.dynamodb.items import Item, listed, num, text
from chalicelib.adapters.dynamodb.models.sessions import ConnectionRecord, TicketRecord
from chalicelib.domain.errors import Unavailable
from chalicelib.domain.identity import Principal
from chalicelib.domain.ports import Connection, Ticket


def _principal(member_id: str, roles: Iterable[str], tier: str | None) -> Principal:
    return Principal(member_id, frozenset(roles), tier)


def _live_connection(item: Item, now: float) -> Connection | None:
    """A connection from its stored item (DynamoDB's JSON, as `ConnectionRecord` writes it),
    or None once expired.

    Every frame reads its connection and every fan-out its recipients' ones: decoding these
    few attributes here (items.py), rather than building a PynamoDB model per item, is most
    of what PynamoDB costs on the `message.send` path (bench/send_cpu.py).
    """
    expires = num(item, "expires_at", 0)
    if expires and expires < now:
        return None
    roles = [r["S"] for r in listed(item, "roles")]
    principal = _principal(item["member_id"]["S"], roles, text(item, "tier"))
    endpoint = text(item, "endpoint") or ""
    return Connection(item["connection_id"]["S"], principal, num(item, "connected_at"), endpoint)


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
        item = ConnectionRecord._get_connection().get_item(connection_id).get("Item")
        return _live_connection(item, time.time()) if item else None

    def delete(self, connection_id: str) -> None:
        """Forget a connection (idempotent)."""
        try:
            ConnectionRecord(connection_id).delete()
        except DeleteError as e:
            raise Unavailable("could not delete the connection") from e

    def for_member(self, member_id: str) -> list[Connection]:
        """Every live connection of a member (a Query on the member-index, page by page)."""
        table = ConnectionRecord._get_connection()
        index = ConnectionRecord.by_member.Meta.index_name
        now = time.time()
        found: list[Connection] = []
        start = None
        while True:
            page = table.query(member_id, index_name=index, exclusive_start_key=start)
            for item in page.get("Items", ()):
                connection = _live_connection(item, now)
                if connection is not None:
                    found.append(connection)
            start = page.get("LastEvaluatedKey")
            if not start:
                return found

    def count_for_member(self, member_id: str) -> int:
        """Live connections of a member: a Query with Select=COUNT on the member-index (no
        item comes back); expired ones are filtered out until DynamoDB's TTL deletes them."""
        C = ConnectionRecord
        live = C.expires_at.does_not_exist() | (C.expires_at >= time.time())
        return C.by_member.count(member_id, filter_condition=live)


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
