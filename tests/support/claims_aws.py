"""Claims pieces of the emulated AWS: the settle_claim state machine from the template's own
definition, its two queues, a pump delivering them to the app's handlers, an events reader."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

import boto3
import pytest

from devstack.lambda_runtime import LocalContext, sqs_event
from infra.stack import INFRA, load_template

REGION = "eu-west-3"

# Test timings: nothing times out during a test unless the test shortens a wait itself.
CLAIM_TEST_ENV = {
    "CLAIM_COUNTERPART_SECONDS": "60",
    "CLAIM_AGENT_SLA_SECONDS": "60",
    "CLAIM_URGENT_SLA_SECONDS": "60",
    "CLAIM_REMINDER_SECONDS": "60",
    "CLAIM_APPROVAL_SLA_SECONDS": "60",
    "CLAIM_LINK_BASE": "https://etr.test/c",
    "BOOKINGS_INGEST_SECRET": "test-bookings-hmac-key",
}
NO_SHOW = {"at_meeting_point": True, "contacted_driver": True, "driver_warned": False}


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
    """Queues and the executing state machine; returns the settings' environment variables
    (with the claims test settings, under which nothing times out unless a test says so)."""
    sqs = boto3.client("sqs")
    out: dict[str, str] = dict(CLAIM_TEST_ENV)
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
            (env["QUEUE_CLAIM_TASKS_URL"], app_module.claim_tasks),
            (env["QUEUE_NOTIFY_URL"], app_module.claim_notices),
        ]
        self.delivered: list[dict[str, Any]] = []

    def deliver(self) -> int:
        """One pass over both queues; how many messages were handled."""
        handled = 0
        for url, handler in self._sources:
            messages = self._sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10,
                                                 WaitTimeSeconds=0).get("Messages", [])
            for message in messages:
                arn = f"arn:aws:sqs:{REGION}:123456789012:{url.rsplit('/', 1)[-1]}"
                handler(sqs_event([message], arn, REGION), LocalContext("claims"))
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
        raise AssertionError(f"not done after {timeout} s; delivered {self.delivered}")


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


class ClaimsWorld:
    """The app over moto with the demo members and bookings, and handles to drive claims."""

    def __init__(self, env: dict[str, str], services: Any, app_module: Any, http: Any) -> None:
        from devstack.seed import seed_bookings, seed_members

        self.env = env
        self.services = services
        self.http = http
        self.pump = ClaimPump(app_module, env)
        self.events = TopicReader(env["TOPIC_MARKETPLACE_ARN"], f"events-{id(self)}")
        self.sfn = boto3.client("stepfunctions")
        self._tokens: dict[str, str] = {}
        seed_members(services)
        seed_bookings(services)

    def token(self, member_id: str) -> str:
        """A bearer token of a demo person with their demo roles and tier."""
        if member_id not in self._tokens:
            from devstack.demo_data import MEMBERS

            roles, tier = next((m[4], m[5]) for m in MEMBERS if m[0] == member_id)
            body: dict[str, Any] = {"member_id": member_id, "roles": roles}
            if tier:
                body["tier"] = tier
            self._tokens[member_id] = self.services.sessions.dev_token(body)["token"]
        return self._tokens[member_id]

    def call(self, method: str, path: str, who: str | None = None, body: Any = None,
             headers: dict[str, str] | None = None) -> tuple[int, Any]:
        """One REST call through Chalice's test client: (status, JSON body)."""
        h = {"Content-Type": "application/json", **(headers or {})}
        if who:
            h["Authorization"] = f"Bearer {self.token(who)}"
        reply = getattr(self.http, method.lower())(
            path, headers=h, body=json.dumps(body).encode() if body is not None else b"")
        return reply.status_code, json.loads(reply.body) if reply.body else None

    def file(self, who: str = "m-alice", *, booking_id: str = "bk-1",
             problem: str = "driver_no_show", answers: dict[str, Any] | None = None,
             key: str | None = None, hold: bool = False) -> str:
        """File a claim (201 expected); returns its id."""
        status, body = self.call("POST", "/claims", who, {
            "booking_id": booking_id, "problem": problem,
            "answers": NO_SHOW if answers is None else answers, "hold_payment": hold,
        }, {"Idempotency-Key": key or f"{who}-{problem}-{time.monotonic_ns()}"})
        assert status == 201, body
        return body["claim_id"]

    def claim(self, claim_id: str, who: str = "s-1") -> dict[str, Any]:
        """The claim as a person sees it."""
        status, body = self.call("GET", f"/claims/{claim_id}", who)
        assert status == 200, body
        return body

    def waiting_for(self, claim_id: str, kind: str) -> None:
        """Pump until the claim waits for `kind` (counterpart, agent, approval)."""
        self.pump.until(lambda: self.claim(claim_id).get("waiting_for") == kind)

    def execution(self, claim_id: str) -> dict[str, Any]:
        """describe_execution of the claim's execution."""
        arn = self.env["STATE_MACHINE_SETTLE_CLAIM_ARN"].replace(":stateMachine:", ":execution:")
        return self.sfn.describe_execution(executionArn=f"{arn}:{claim_id}")

    def finished(self, claim_id: str, timeout: float = 20.0) -> dict[str, Any]:
        """Pump until the execution ends; returns the claim as staff see it."""
        self.pump.until(lambda: self.execution(claim_id)["status"] != "RUNNING", timeout)
        self.pump.deliver()  # the last notices
        return self.claim(claim_id)

    def events_of(self, claim_id: str) -> list[str]:
        """Types of the events published for the claim, in order."""
        return [e["type"] for e in self.events.for_claim(claim_id)]


def timeline_events(claim: dict[str, Any]) -> list[str]:
    """The event names of a claim's timeline."""
    return [e["event"] for e in claim["timeline"]]


def sms_sent(region: str = REGION) -> list[tuple[str, str]]:
    """(phone, text) of every SMS published through the in-process emulator."""
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.sns.models import sns_backends

    return list(sns_backends[DEFAULT_ACCOUNT_ID][region].sms_messages.values())


@pytest.fixture
def world(aws: dict[str, str], services: Any, app_module: Any, http: Any) -> ClaimsWorld:
    """Demo members and bookings over moto, with handles to drive claims."""
    return ClaimsWorld(aws, services, app_module, http)
