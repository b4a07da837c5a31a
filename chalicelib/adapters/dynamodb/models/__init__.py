"""PynamoDB models: persistence detail of the repositories, one module per context. Table
names come from settings (`Meta.setting`); `Meta.resource` names the table in infra/."""

from __future__ import annotations

from pynamodb.models import Model

from chalicelib.adapters.dynamodb.models.chat import (
    AuditRecord,
    ConversationRecord,
    MessageRecord,
    PresenceRecord,
    QueueRecord,
)
from chalicelib.adapters.dynamodb.models.claims import BookingRecord, ClaimRecord, LedgerRecord
from chalicelib.adapters.dynamodb.models.knowledge import ArticleRecord
from chalicelib.adapters.dynamodb.models.members import MemberRecord
from chalicelib.adapters.dynamodb.models.moderation import ModerationItemRecord
from chalicelib.adapters.dynamodb.models.programme import ProgrammeRecord
from chalicelib.adapters.dynamodb.models.sessions import (
    ConnectionRecord,
    CounterRecord,
    IdempotencyRecord,
    TicketRecord,
)
from chalicelib.settings import Settings

__all__ = ["ALL_MODELS", "bind_models"]

ALL_MODELS: list[type[Model]] = [
    ConnectionRecord,
    TicketRecord,
    IdempotencyRecord,
    CounterRecord,
    MemberRecord,
    PresenceRecord,
    ConversationRecord,
    MessageRecord,
    QueueRecord,
    AuditRecord,
    ModerationItemRecord,
    ProgrammeRecord,
    ArticleRecord,
    ClaimRecord,
    LedgerRecord,
    BookingRecord,
]


def bind_models(settings: Settings, models: list[type[Model]] | None = None) -> None:
    """Point every model at its table and region, all sharing one DynamoDB client.

    PynamoDB builds a botocore session and client per model, each loading the DynamoDB
    service description (~100 ms apiece): one shared client keeps the cold start flat as
    tables are added. The client is created here, on first use of the services, not at import.
    """
    shared = None
    for model in models or ALL_MODELS:
        model.Meta.table_name = getattr(settings, model.Meta.setting)
        model.Meta.region = settings.region
        if hasattr(model.Meta, "retention"):
            model.Meta.retention_days = getattr(settings, model.Meta.retention)
        # Local stack and Lambda alike: enough pooled connections for concurrent handlers.
        model.Meta.max_pool_connections = 50
        model._connection = None
        connection = model._get_connection().connection
        if shared is None:
            shared = connection.client
        else:
            connection._client = shared
