"""The chat's wave timeouts as delayed messages on the SQS routing queue."""

from __future__ import annotations

import json
from typing import Any


class SqsWaveScheduler:
    """Wave timeouts as delayed SQS messages on the routing queue."""

    def __init__(self, sqs: Any, queue_url: str) -> None:
        self._sqs = sqs
        self._url = queue_url

    def schedule(self, conversation_id: str, wave: int, delay_seconds: int) -> None:
        """Deliver `wave_timeout` for this wave after the delay (SQS caps it at 900 s)."""
        body = {"kind": "wave_timeout", "conversation_id": conversation_id, "wave": wave}
        self._sqs.send_message(
            QueueUrl=self._url,
            MessageBody=json.dumps(body),
            DelaySeconds=max(0, min(900, delay_seconds)),
        )
