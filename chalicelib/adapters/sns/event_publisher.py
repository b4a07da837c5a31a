"""Outbound events on the marketplace topic, published from the functions (the claims' outcomes
are published by the settle_claim state machine on the same topic, in the same shape)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

from chalicelib.domain.errors import Unavailable
from chalicelib.observability import logger


class SnsEventPublisher:
    """One SNS message per event: the event's JSON as the body, its `type` as the message
    attribute `event_type` for subscription filter policies (docs/events.md, Transport)."""

    def __init__(self, sns: Any, topic_arn: str) -> None:
        self._sns = sns
        self._topic_arn = topic_arn

    def publish(self, event: Mapping[str, Any]) -> None:
        """Publish one event; Unavailable if SNS refused it."""
        event_type = str(event["type"])
        try:
            self._sns.publish(
                TopicArn=self._topic_arn,
                Message=json.dumps(event, separators=(",", ":"), sort_keys=True),
                MessageAttributes={
                    "event_type": {"DataType": "String", "StringValue": event_type}
                },
            )
        except ClientError as e:
            code = e.response.get("Error", {}).get("Code", "")
            raise Unavailable(f"could not publish the {event_type} event ({code})") from e
        except BotoCoreError as e:  # no topic configured, endpoint unreachable...
            raise Unavailable(f"could not publish the {event_type} event") from e
        logger.info("event published", event_type=event_type, event_id=event.get("event_id"))
