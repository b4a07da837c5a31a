"""SQS batches as Lambda's partial batch responses: one message that fails is reported alone
(`batchItemFailures`), so SQS delivers it again (then to the dead-letter queue after
maxReceiveCount) while the rest of its batch is deleted.

Chalice returns what an `on_sqs_message` handler returns, but cannot set the mapping's
`FunctionResponseTypes`; `infra/deploy.py` sets `ReportBatchItemFailures` on every SQS mapping
after `chalice deploy` (without it Lambda ignores the answer and deletes the whole batch).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from chalicelib.observability import logger


def each_message(event: Any, handle: Callable[[str], None], *, source: str) -> dict[str, Any]:
    """Call `handle(body)` for each record; the ids of those that raised, as Lambda reads them."""
    failures: list[dict[str, str]] = []
    for record in event:
        message_id = str(record.to_dict().get("messageId", ""))
        try:
            handle(record.body)
        except Exception as e:  # noqa: BLE001 - reported for redelivery, the batch goes on
            logger.exception("queue message failed; left for redelivery", source=source,
                             message_id=message_id, error=type(e).__name__)
            failures.append({"itemIdentifier": message_id})
    return {"batchItemFailures": failures}
