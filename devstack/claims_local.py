"""The claims pieces of the emulated AWS, for tests and benchmarks: the settle_claim state machine
rendered from the template's own definition, its two queues, a pump delivering them to the app's
SQS handlers as Lambda would, and a queue subscribed to the marketplace topic."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

import boto3

from devstack.lambda_runtime import LocalContext, failed_messages, lambda_handler, sqs_event
from infra.stack import INFRA, load_template

REGION = "eu-west-3"


def settle_claim_definition(values: dict[str, str]) -> str:
    """The definition as CloudFormation renders it: the template's Fn::Sub of the .asl.json."""
    resource = load_template()["Resources"]["SettleClaimStateMachine"]["Properties"]
    text, _ = resource["DefinitionString"]["Fn::Sub"]
    assert text == (INFRA / "statemachines" / "settle_claim.asl.json").read_text()
    for name, value in values.items():
        text = text.replace("${" + name + "}", value)
    assert "${" not in text, "a placeholder was left unsubstituted"
    return text


def create_claim_resources(env: dict[str, str], suffix: str) -> dict[str, str]:
    """Queues and the executing state machine; returns the settings' environment variables."""
    sqs = boto3.client("sqs")
    out: dict[str, str] = {}
    for setting, name in (("CLAIM_TASKS", "claim-tasks"), ("NOTIFY", "notify")):
        queue = f"{name}-{suffix}"
        out[f"QUEUE_{setting}_URL"] = sqs.create_queue(QueueName=queue)["QueueUrl"]
        out[f"QUEUE_{setting}_NAME"] = queue
    definition = settle_claim_definition({
        "ClaimsTableName": env["TABLE_CLAIMS"],
        "ClaimTasksQueueUrl": out["QUEUE_CLAIM_TASKS_URL"],
        "NotifyQueueUrl": out["QUEUE_NOTIFY_URL"],
        "MarketplaceTopicArn": env["TOPIC_MARKETPLACE_ARN"],
    })
    out["STATE_MACHINE_SETTLE_CLAIM_ARN"] = boto3.client("stepfunctions").create_state_machine(
        name=f"settle-claim-{suffix}", definition=definition, type="STANDARD",
        roleArn="arn:aws:iam::123456789012:role/settle-claim",
    )["stateMachineArn"]
    return out


def stop_running_executions() -> None:
    """Stop every running execution: a worker outliving its mock would call localhost:5000."""
    sfn = boto3.client("stepfunctions")
    for machine in sfn.list_state_machines()["stateMachines"]:
        for execution in sfn.list_executions(stateMachineArn=machine["stateMachineArn"],
                                             statusFilter="RUNNING")["executions"]:
            for _ in range(50):
                try:
                    sfn.stop_execution(executionArn=execution["executionArn"])
                    break
                except Exception:  # noqa: BLE001 - moto cannot stop a worker still starting
                    time.sleep(0.05)


class ClaimPump:
    """Delivers the claim-tasks and notify queues to the app's SQS handlers, like Lambda."""

    def __init__(self, app_module: Any, env: dict[str, str]) -> None:
        self._sqs = boto3.client("sqs")
        self._sources = [
            (env["QUEUE_CLAIM_TASKS_URL"], lambda_handler(app_module.app, "claim_tasks")),
            (env["QUEUE_NOTIFY_URL"], lambda_handler(app_module.app, "claim_notices")),
        ]
        self.delivered: list[dict[str, Any]] = []
        self.failed: list[dict[str, Any]] = []

    def deliver(self) -> int:
        """One pass over both queues; how many messages were handled."""
        handled = 0
        for url, handler in self._sources:
            messages = self._sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10,
                                                 WaitTimeSeconds=0).get("Messages", [])
            for message in messages:
                arn = f"arn:aws:sqs:{REGION}:123456789012:{url.rsplit('/', 1)[-1]}"
                result = handler(sqs_event([message], arn, REGION), LocalContext("claims"))
                if failed_messages(result, [message]):
                    self.failed.append(json.loads(message["Body"]))
                    continue  # left in the queue, as Lambda leaves a reported failure
                self._sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
                self.delivered.append(json.loads(message["Body"]))
                handled += 1
        return handled

    def until(self, done: Callable[[], Any], timeout: float = 20.0) -> Any:
        """Pump until `done()` is truthy; returns its value."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.deliver()
            value = done()
            if value:
                return value
            time.sleep(0.05)
        raise AssertionError(f"not done after {timeout} s; delivered {self.delivered}, "
                             f"failed {self.failed}")


class TopicReader:
    """An SQS queue subscribed to the marketplace topic, as the marketplace would subscribe."""

    def __init__(self, topic_arn: str, name: str, *, sqs: Any = None, sns: Any = None) -> None:
        self._sqs = sqs or boto3.client("sqs")
        sns = sns or boto3.client("sns")
        self.url = self._sqs.create_queue(QueueName=name)["QueueUrl"]
        arn = self._sqs.get_queue_attributes(QueueUrl=self.url, AttributeNames=["QueueArn"])[
            "Attributes"]["QueueArn"]
        sns.subscribe(TopicArn=topic_arn, Protocol="sqs", Endpoint=arn,
                      Attributes={"RawMessageDelivery": "true"})
        self.events: list[dict[str, Any]] = []

    def read(self) -> list[dict[str, Any]]:
        """Every event published so far (accumulated)."""
        while True:
            messages = self._sqs.receive_message(QueueUrl=self.url, MaxNumberOfMessages=10,
                                                 WaitTimeSeconds=0).get("Messages", [])
            if not messages:
                return self.events
            for m in messages:
                self.events.append(json.loads(m["Body"]))
                self._sqs.delete_message(QueueUrl=self.url, ReceiptHandle=m["ReceiptHandle"])

    def for_claim(self, claim_id: str) -> list[dict[str, Any]]:
        """The events of one claim, in publishing order."""
        return [e for e in self.read() if e.get("claim_id") == claim_id]
