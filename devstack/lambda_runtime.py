"""Calls the Chalice handlers the way Lambda would: same event shapes, a Lambda-like context."""

from __future__ import annotations

import importlib
import time
import uuid
from typing import Any

API_ID = "local"
STAGE = "api"


class LocalContext:
    """The parts of a Lambda context the handlers and Powertools read."""

    def __init__(self, function_name: str, timeout_s: float = 30.0) -> None:
        self.function_name = function_name
        self.function_version = "$LATEST"
        self.memory_limit_in_mb = 512
        self.invoked_function_arn = f"arn:aws:lambda:local:000000000000:function:{function_name}"
        self.aws_request_id = uuid.uuid4().hex
        self.log_group_name = f"/aws/lambda/{function_name}"
        self.log_stream_name = "local"
        self._deadline = time.monotonic() + timeout_s

    def get_remaining_time_in_millis(self) -> int:
        """Milliseconds left before this invocation's deadline."""
        return max(0, int((self._deadline - time.monotonic()) * 1000))


def websocket_event(
    route_key: str,
    connection_id: str,
    domain: str,
    body: str | None = None,
    query: dict[str, str] | None = None,
    headers: dict[str, str] | None = None,
) -> dict[str, Any]:
    """An API Gateway WebSocket event for $connect, $default or $disconnect."""
    event_type = {"$connect": "CONNECT", "$disconnect": "DISCONNECT"}.get(route_key, "MESSAGE")
    now = time.time()
    event: dict[str, Any] = {
        "requestContext": {
            "routeKey": route_key,
            "eventType": event_type,
            "extendedRequestId": uuid.uuid4().hex,
            "requestTimeEpoch": int(now * 1000),
            "messageDirection": "IN",
            "stage": STAGE,
            "connectedAt": int(now * 1000),
            "requestId": uuid.uuid4().hex,
            "domainName": domain,
            "connectionId": connection_id,
            "apiId": API_ID,
        },
        "isBase64Encoded": False,
    }
    if body is not None:
        event["body"] = body
    if route_key == "$connect":
        event["queryStringParameters"] = query or {}
        event["headers"] = headers or {}
    return event


def sqs_event(messages: list[dict[str, Any]], queue_arn: str, region: str) -> dict[str, Any]:
    """An SQS event-source batch built from ReceiveMessage results."""
    return {
        "Records": [
            {
                "messageId": m["MessageId"],
                "receiptHandle": m["ReceiptHandle"],
                "body": m["Body"],
                "attributes": m.get("Attributes", {}),
                "messageAttributes": m.get("MessageAttributes", {}),
                "md5OfBody": m.get("MD5OfBody", ""),
                "eventSource": "aws:sqs",
                "eventSourceARN": queue_arn,
                "awsRegion": region,
            }
            for m in messages
        ]
    }


def failed_messages(result: Any, messages: list[dict[str, Any]]) -> set[str]:
    """The message ids Lambda leaves in the queue after a handler returned `result`, with the
    mapping's `ReportBatchItemFailures` on: those in `batchItemFailures`; every one when an
    identifier is empty or not in the batch (Lambda then fails the whole batch); none when the
    answer has no failures (or is not a partial batch response)."""
    ids = {m["MessageId"] for m in messages}
    if not isinstance(result, dict) or not result.get("batchItemFailures"):
        return set()
    failures = result["batchItemFailures"]
    named = {f.get("itemIdentifier") if isinstance(f, dict) else None for f in failures}
    if not named <= ids:
        return ids
    return {i for i in named if isinstance(i, str)}


def scheduled_event(rule_name: str, region: str) -> dict[str, Any]:
    """A CloudWatch Events scheduled event."""
    return {
        "version": "0",
        "id": uuid.uuid4().hex,
        "detail-type": "Scheduled Event",
        "source": "aws.events",
        "account": "000000000000",
        "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "region": region,
        "resources": [f"arn:aws:events:{region}:000000000000:rule/{rule_name}"],
        "detail": {},
    }


def lambda_handler(app: Any, name: str) -> Any:
    """The function Lambda would call for the app's event source or schedule `name`
    (its `handler_string` is `module.function`, as in the deployed template)."""
    for source in app.event_sources:
        if source.name == name:
            module, _, attribute = source.handler_string.rpartition(".")
            return getattr(importlib.import_module(module), attribute)
    raise KeyError(name)
