"""Builder of the erasure (docs/privacy.md)."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from chalicelib.adapters.dynamodb.chat_store import DynamoProQueue
from chalicelib.adapters.dynamodb.erasure_chat import DynamoChatData
from chalicelib.adapters.dynamodb.erasure_claims import DynamoClaimsData
from chalicelib.adapters.dynamodb.erasure_records import (
    DynamoCounterRecords,
    DynamoErasureLog,
    DynamoMemberRecords,
    DynamoModerationRecords,
    DynamoPresenceRecords,
    DynamoProgrammeRecords,
)
from chalicelib.composition.platform import ticket_limit
from chalicelib.domain.chat.messages import RATE_COUNTER, RATE_WINDOW
from chalicelib.domain.privacy.service import PrivacyService
from chalicelib.policies.erasure import CloseChatsOnErasure, EndSessionsOnErasure
from chalicelib.policies.pro_queue import ProQueueAgentQueue

if TYPE_CHECKING:
    from chalicelib.composition.root import Services


def member_counters(root: Services) -> list[tuple[str, int]]:
    """The rate limits keyed by member, as (name, window seconds): messages per minute
    (domain/chat/messages.py), WebSocket tickets (platform.py), help requests (chat.py)."""
    limits = [ticket_limit(root), root.chat.open_limit]
    return [(RATE_COUNTER, RATE_WINDOW.seconds),
            *((limit.name, limit.seconds) for limit in limits if limit is not None)]


def pseudonym() -> str:
    """A fresh pseudonym for one erasure (random: it derives from nothing of the member)."""
    return f"erased-{uuid.uuid4().hex[:12]}"


def privacy(root: Services) -> PrivacyService:
    return PrivacyService(
        sessions=EndSessionsOnErasure(root.sessions),
        chat=DynamoChatData(),
        live_chats=CloseChatsOnErasure(lambda: root.chat, root.delivery),
        claims=DynamoClaimsData(ProQueueAgentQueue(DynamoProQueue(), root.clock.now)),
        executions=root.claim_workflow,
        log=DynamoErasureLog(),
        clock=root.clock,
        pseudonyms=pseudonym,
        records=[
            DynamoModerationRecords(),
            DynamoProgrammeRecords(),
            DynamoPresenceRecords(),
            DynamoCounterRecords(member_counters(root)),
            DynamoMemberRecords(),
        ],
    )
