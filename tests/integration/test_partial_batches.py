"""One bad SQS message never fails its neighbours: the consumers answer Lambda's partial batch
response (`batchItemFailures`), and the local stack's poller honours it as Lambda does (only
the reported messages are redelivered, and they reach the dead-letter queue after
maxReceiveCount)."""

from __future__ import annotations

import json
import time
import types

import boto3
import pytest
from chalice import Chalice

from chalicelib.domain.errors import Unavailable
from devstack.lambda_runtime import LocalContext, failed_messages, lambda_handler, sqs_event
from devstack.pump import EventPump

QUEUE = "partial-batches-test"
poller_app = Chalice(app_name="partial-batches", configure_logs=False)
handled: list[str] = []


@poller_app.on_sqs_message(queue=QUEUE, batch_size=10)
def consume(event):
    failures = []
    for record in event:
        handled.append(record.body)
        if record.body.startswith("poison"):
            failures.append({"itemIdentifier": record.to_dict()["messageId"]})
    return {"batchItemFailures": failures}


def _event(*bodies: str) -> tuple[dict, list[dict]]:
    messages = [{"MessageId": f"id-{i}", "ReceiptHandle": f"rh-{i}", "Body": body}
                for i, body in enumerate(bodies)]
    return sqs_event(messages, "arn:aws:sqs:eu-west-3:123456789012:q", "eu-west-3"), messages


@pytest.mark.parametrize(("result", "failed"), [
    ({"batchItemFailures": [{"itemIdentifier": "id-1"}]}, {"id-1"}),
    ({"batchItemFailures": []}, set()),
    (None, set()),
    ({"batchItemFailures": [{"itemIdentifier": ""}]}, {"id-0", "id-1", "id-2"}),
    ({"batchItemFailures": [{"itemIdentifier": "not-in-batch"}]}, {"id-0", "id-1", "id-2"}),
])
def test_the_local_runtime_reads_a_partial_batch_response_as_lambda_does(result, failed):
    _, messages = _event("a", "b", "c")
    assert failed_messages(result, messages) == failed


def test_the_local_poller_redelivers_only_failed_messages_then_dead_letters_them(aws,
                                                                               monkeypatch):
    # The test app is not the `app` module Chalice names handlers after: hand its handler over.
    monkeypatch.setattr("devstack.pump.lambda_handler", lambda app, name: consume)
    sqs = boto3.client("sqs")
    dlq = sqs.create_queue(QueueName=f"{QUEUE}-dlq")["QueueUrl"]
    dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq, AttributeNames=["QueueArn"])[
        "Attributes"]["QueueArn"]
    url = sqs.create_queue(QueueName=QUEUE, Attributes={
        "VisibilityTimeout": "0",
        "RedrivePolicy": json.dumps({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": "3"}),
    })["QueueUrl"]
    handled.clear()
    for body in ("good-1", "poison-1", "good-2"):
        sqs.send_message(QueueUrl=url, MessageBody=body)
    pump = EventPump(types.SimpleNamespace(app=poller_app), sqs, "eu-west-3")
    pump.start()
    try:
        deadline = time.monotonic() + 15
        dead: list[str] = []
        while time.monotonic() < deadline and not dead:
            dead = [m["Body"] for m in sqs.receive_message(
                QueueUrl=dlq, MaxNumberOfMessages=10).get("Messages", [])]
            time.sleep(0.1)
    finally:
        pump.stop()
    assert dead == ["poison-1"]
    assert handled.count("good-1") == 1 and handled.count("good-2") == 1
    assert handled.count("poison-1") == 3  # maxReceiveCount deliveries, then the DLQ
    assert sqs.receive_message(QueueUrl=url).get("Messages", []) == []


def test_a_failing_claim_task_is_reported_alone_and_its_neighbours_are_handled(
        services, app_module, monkeypatch):
    seen: list[str] = []

    def handle(body):
        seen.append(body["claim_id"])
        if body["claim_id"] == "cl-poison":
            raise Unavailable("DynamoDB is throttling; retry")
        if body["claim_id"] == "cl-crash":
            raise RuntimeError("a bug")

    monkeypatch.setattr(services.claims.messages, "handle_task_message", handle)
    bodies = [json.dumps({"kind": "claim.agent_review", "version": 1, "claim_id": c,
                          "task_token": "t"}) for c in ("cl-1", "cl-poison", "cl-2", "cl-crash")]
    event, _ = _event(*bodies)
    result = lambda_handler(app_module.app, "claim_tasks")(event, LocalContext("claim_tasks"))
    assert result == {"batchItemFailures": [{"itemIdentifier": "id-1"},
                                            {"itemIdentifier": "id-3"}]}
    assert seen == ["cl-1", "cl-poison", "cl-2", "cl-crash"]


def test_a_refused_claim_notice_is_dropped_not_retried(services, app_module):
    event, _ = _event(json.dumps({"kind": "nonsense"}), "not json")
    result = lambda_handler(app_module.app, "claim_notices")(event, LocalContext("claim_notices"))
    assert result == {"batchItemFailures": []}


def test_a_poison_routing_message_fails_alone(services, app_module, monkeypatch):
    calls: list[tuple[str, int]] = []

    def on_wave_timeout(conversation_id, wave):
        calls.append((conversation_id, wave))
        from chalicelib.domain.chat.model import Outcome
        return Outcome({})

    monkeypatch.setattr(services.chat.requests, "on_wave_timeout", on_wave_timeout)
    event, _ = _event("{not json", json.dumps({"kind": "wave_timeout",
                                               "conversation_id": "c-1", "wave": 1}),
                      json.dumps({"kind": "wave_timeout"}))
    result = lambda_handler(app_module.app, "routing_events")(event,
                                                              LocalContext("routing_events"))
    assert result == {"batchItemFailures": [{"itemIdentifier": "id-0"},
                                            {"itemIdentifier": "id-2"}]}
    assert calls == [("c-1", 1)]
