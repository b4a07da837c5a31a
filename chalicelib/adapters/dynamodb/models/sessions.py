"""PynamoDB models of the sessions: WebSocket connections, single-use tickets, idempotency
records and windowed counters (rate limits)."""

from __future__ import annotations

from pynamodb.attributes import (
    JSONAttribute,
    ListAttribute,
    NumberAttribute,
    UnicodeAttribute,
)
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex
from pynamodb.models import Model

from chalicelib.adapters.dynamodb.models.attributes import EpochTTL


class ConnectionMemberIndex(GlobalSecondaryIndex):
    """All connections of a member (fan-out to every device)."""

    class Meta:
        index_name = "member-index"
        projection = AllProjection()

    member_id = UnicodeAttribute(hash_key=True)
    connection_id = UnicodeAttribute(range_key=True)


class ConnectionRecord(Model):
    """A live WebSocket connection."""

    class Meta:
        table_name = "connections"
        setting = "table_connections"
        resource = "ConnectionsTable"

    connection_id = UnicodeAttribute(hash_key=True)
    member_id = UnicodeAttribute()
    roles = ListAttribute(of=UnicodeAttribute, default=list)
    tier = UnicodeAttribute(null=True)
    connected_at = NumberAttribute()
    endpoint = UnicodeAttribute(default="")
    expires_at = EpochTTL()
    by_member = ConnectionMemberIndex()


class TicketRecord(Model):
    """A single-use secret (WebSocket ticket, SMS code), keyed by its digest."""

    class Meta:
        table_name = "tickets"
        setting = "table_tickets"
        resource = "TicketsTable"

    digest = UnicodeAttribute(hash_key=True)
    kind = UnicodeAttribute(default="ws")
    member_id = UnicodeAttribute(null=True)
    roles = ListAttribute(of=UnicodeAttribute, default=list)
    tier = UnicodeAttribute(null=True)
    payload = JSONAttribute(null=True)
    valid_until = NumberAttribute()
    expires_at = EpochTTL()


class IdempotencyRecord(Model):
    """An idempotency record; same shape as Powertools' DynamoDB persistence layer."""

    class Meta:
        table_name = "idempotency"
        setting = "table_idempotency"
        resource = "IdempotencyTable"

    id = UnicodeAttribute(hash_key=True)
    data = UnicodeAttribute(null=True)
    status = UnicodeAttribute(null=True)
    expiration = EpochTTL()


class CounterRecord(Model):
    """A windowed counter (rate limits), expiring with its window."""

    class Meta:
        table_name = "counters"
        setting = "table_counters"
        resource = "CountersTable"

    id = UnicodeAttribute(hash_key=True)
    count = NumberAttribute(default=0)
    fingerprint = UnicodeAttribute(null=True)
    expires_at = EpochTTL()
