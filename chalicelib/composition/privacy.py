"""Builder of the erasure (docs/privacy.md)."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

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
from chalicelib.adapters.stepfunctions.executions import StepFunctionsExecutions
from chalicelib.domain.privacy.service import PrivacyService
from chalicelib.policies.erasure import CloseChatsOnErasure, EndSessionsOnErasure

if TYPE_CHECKING:
    from chalicelib.composition.root import Services

# The rate limits keyed by member (name, window seconds): composition/chat.py, platform.py.
MEMBER_COUNTERS = (("rate", 60), ("ticket", 60), ("open", 3600))


def pseudonym() -> str:
    """A fresh pseudonym for one erasure (random: it derives from nothing of the member)."""
    return f"erased-{uuid.uuid4().hex[:12]}"


def privacy(root: Services) -> PrivacyService:
    return PrivacyService(
        sessions=EndSessionsOnErasure(root.sessions),
        chat=DynamoChatData(),
        live_chats=CloseChatsOnErasure(lambda: root.chat, root.delivery),
        claims=DynamoClaimsData(),
        executions=StepFunctionsExecutions(root.aws.client("stepfunctions"),
                                           root.settings.state_machine_settle_claim_arn),
        log=DynamoErasureLog(),
        clock=root.clock,
        pseudonyms=pseudonym,
        records=[
            DynamoModerationRecords(),
            DynamoProgrammeRecords(),
            DynamoPresenceRecords(),
            DynamoCounterRecords(MEMBER_COUNTERS),
            DynamoMemberRecords(),
        ],
    )
