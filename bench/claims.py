"""State transitions, AWS calls and SMS per claim, for each outcome family, and what they cost.

`python -m bench.claims`. Runs the real thing in-process on moto: the claims service and its
adapters, the real settle_claim definition executed by moto's Step Functions, the SQS consumers
fed like Lambda's event source, the WebSocket sender. Counts (never times):

- state transitions: the `...StateEntered` events of the execution's history (what Step
  Functions Standard bills, Map iterations included);
- the backend's AWS calls (botocore calls made on the main thread, where the handlers run), and
  the state machine's own service-integration calls (made on moto's executor threads);
- SMS: SNS Publish calls to a phone number, and their segments.

Each family runs twice: both parties online (in-app notices, no SMS) and both offline (SMS, the
counterpart answers with the code link). Harness calls (polling, setup) are not counted.
"""

from __future__ import annotations

import json
import math
import os
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any

os.environ.update(
    {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "eu-west-3",
        "AWS_REGION": "eu-west-3",
        "TZ": "UTC",
        "STAGE": "local",
        "JWT_SECRET": "bench-secret-bench-secret-bench-secret",
        "WS_MANAGEMENT_ENDPOINT": "https://bench.execute-api.eu-west-3.amazonaws.com/api",
        "POWERTOOLS_LOG_LEVEL": "ERROR",
        "CLAIM_LINK_BASE": "https://entraide.example/c",
        "CLAIM_COUNTERPART_SECONDS": "60",
        "CLAIM_AGENT_SLA_SECONDS": "60",
        "CLAIM_URGENT_SLA_SECONDS": "60",
        "CLAIM_APPROVAL_SLA_SECONDS": "60",
        "CLAIM_REMINDER_SECONDS": "60",
    }
)
os.environ.pop("AWS_ENDPOINT_URL", None)
time.tzset()

import boto3  # noqa: E402
import botocore.client  # noqa: E402
from moto import mock_aws  # noqa: E402

from bench.report import lambda_memory_gb, machine, write_section  # noqa: E402

# List prices in USD, us-east-1, as published by AWS; the date they were read is PRICES_DATE.
PRICES_DATE = "2026-11-22"
PRICES = {
    "sfn_transition": 0.025 / 1000,  # Step Functions Standard, per state transition
    "dynamodb_write_unit": 0.625 / 1e6,  # on-demand, per write request unit
    "dynamodb_read_unit": 0.125 / 1e6,  # on-demand, per read request unit
    "sqs_request": 0.40 / 1e6,  # standard queue, per request (64 KB chunk)
    "sns_publish": 0.50 / 1e6,  # per publish request (deliveries to SQS are free)
    "lambda_request": 0.20 / 1e6,
    "lambda_gb_second": 0.0000166667,
    "apigw_ws_message": 1.00 / 1e6,  # WebSocket messages, per 32 KB
}
# SMS to France, per message part, transactional. AWS End User Messaging publishes it per
# country and changes it often; this is an assumption to re-check before quoting (pass another
# with ENTRAIDE_SMS_PRICE_FR): it dominates everything else by two orders of magnitude.
SMS_PRICE_FR = float(os.environ.get("ENTRAIDE_SMS_PRICE_FR", "0.0760"))

_calls: list[tuple[str, str, str, dict[str, Any]]] = []  # (who, service, operation, params)
_quiet = threading.local()


def _count(original: Callable[..., Any]) -> Callable[..., Any]:
    def counted(self: Any, operation_name: str, api_params: dict[str, Any]) -> Any:
        if not getattr(_quiet, "on", False):
            who = "app" if threading.current_thread() is threading.main_thread() else "sfn"
            service = self.meta.service_model.service_name
            _calls.append((who, service, operation_name, dict(api_params)))
        return original(self, operation_name, api_params)

    return counted


@contextmanager
def harness() -> Iterator[None]:
    """Calls made inside are the benchmark's own (polling, setup), not the product's."""
    _quiet.on = True
    try:
        yield
    finally:
        _quiet.on = False


@dataclass
class Run:
    """What one claim cost."""

    family: str
    presence: str
    transitions: int = 0
    calls: Counter[str] = field(default_factory=Counter)
    sfn_calls: Counter[str] = field(default_factory=Counter)
    sms: int = 0
    sms_segments: int = 0
    write_units: float = 0.0
    read_units: float = 0.0
    claim_item_bytes: int = 0
    sqs_messages: int = 0
    lambda_invocations: int = 0

    @property
    def app_total(self) -> int:
        return sum(self.calls.values())

    @property
    def sfn_total(self) -> int:
        return sum(self.sfn_calls.values())


def item_bytes(item: dict[str, Any]) -> int:
    """DynamoDB's item size, approximately: attribute names plus the JSON of their values."""
    return sum(len(k) + len(json.dumps(v, separators=(",", ":"))) for k, v in item.items())


def units(service: str, op: str, params: dict[str, Any], claims_table: str,
          claim_kb: int) -> tuple[float, float]:
    """(write, read) request units of one call; claim items weigh their measured size."""
    if service != "dynamodb":
        return 0.0, 0.0

    def kb(table: str) -> int:
        return claim_kb if table == claims_table else 1

    if op == "TransactWriteItems":
        total = 0.0
        for item in params["TransactItems"]:
            (kind, body), = item.items()
            total += 2.0 * (1 if kind == "ConditionCheck" else kb(body["TableName"]))
        return total, 0.0
    if op in ("PutItem", "UpdateItem", "DeleteItem"):
        return float(kb(params["TableName"])), 0.0
    if op == "GetItem":
        size = math.ceil(kb(params["TableName"]) / 4)
        return 0.0, size * (1.0 if params.get("ConsistentRead") else 0.5)
    if op == "BatchGetItem":
        return 0.0, 0.5 * sum(len(t["Keys"]) for t in params["RequestItems"].values())
    if op == "Query":
        # A member's recent claims: assume a handful of claim items per query.
        size = math.ceil(kb(params["TableName"]) / 4) if params["TableName"] == claims_table else 1
        return 0.0, size * (1.0 if params.get("ConsistentRead") else 0.5)
    return 0.0, 0.0


class Bench:
    """The composition root on moto, with the demo data, driving one claim at a time."""

    def __init__(self) -> None:
        from chalicelib import composition
        from devstack.claims_local import ClaimPump, create_claim_resources
        from devstack.seed import seed_bookings, seed_members
        from devstack.tables import create_tables

        suffix = uuid.uuid4().hex[:6]
        env = {"TOPIC_MARKETPLACE_ARN": boto3.client("sns").create_topic(Name=f"mk-{suffix}")[
            "TopicArn"], "TABLE_CLAIMS": f"entraide-claims-{suffix}"}
        env["QUEUE_ROUTING_URL"] = boto3.client("sqs").create_queue(
            QueueName=f"routing-{suffix}")["QueueUrl"]
        env.update(create_claim_resources(env, suffix))
        os.environ.update(env)
        composition.reset()
        self.root = composition.services()
        create_tables(self.root.settings)
        seed_members(self.root)
        seed_bookings(self.root)
        import app

        self.app = app
        self.env = env
        self.pump = ClaimPump(app, env)
        self.sfn = boto3.client("stepfunctions")
        self.ddb = boto3.client("dynamodb")
        self.connections: list[str] = []

    # Harness helpers.

    def connect(self, member_id: str) -> None:
        from chalicelib.domain.identity import Principal
        from devstack.lambda_runtime import websocket_event

        with harness():
            ticket = self.root.sessions.issue_ticket(Principal(member_id, frozenset({"member"})))
            cid = f"{member_id}-{uuid.uuid4().hex[:6]}"
            event = websocket_event("$connect", cid, "bench.execute-api", None,
                                    {"ticket": ticket["ticket"]})
            assert self.root.websocket.connect(event)["statusCode"] == 200
            self.connections.append(cid)

    def disconnect_all(self) -> None:
        from devstack.lambda_runtime import websocket_event

        with harness():
            for cid in self.connections:
                self.root.websocket.disconnect(websocket_event("$disconnect", cid, "bench"))
            self.connections.clear()

    def pump_until(self, done: Callable[[], bool], timeout: float = 30.0) -> None:
        """Deliver queue messages (counted: the consumers are the product) until `done`."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with harness():
                received = self._receive()
            for handler, message in received:
                handler(message)
            with harness():
                if done():
                    return
            time.sleep(0.02)
        raise RuntimeError("the claim did not get there in time")

    def _receive(self) -> list[tuple[Callable[[dict[str, Any]], None], dict[str, Any]]]:
        from devstack.lambda_runtime import LocalContext, sqs_event

        out = []
        sqs = self.pump._sqs
        for url, handler in self.pump._sources:
            for m in sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10,
                                         WaitTimeSeconds=0).get("Messages", []):
                sqs.delete_message(QueueUrl=url, ReceiptHandle=m["ReceiptHandle"])
                arn = f"arn:aws:sqs:eu-west-3:123456789012:{url.rsplit('/', 1)[-1]}"
                out.append((lambda msg, h=handler, a=arn: h(sqs_event([msg], a, "eu-west-3"),
                                                            LocalContext("bench")), m))
        self.delivered += len(out)
        return out

    def waiting_for(self, claim_id: str, kind: str) -> Callable[[], bool]:
        from chalicelib.domain.identity import Principal

        staff = Principal("s-1", frozenset({"agent", "supervisor"}), "supervisor")

        def check() -> bool:
            return self.root.claims.filing.view(claim_id, staff).to_json()["waiting_for"] == kind
        return check

    def finished(self, claim_id: str) -> Callable[[], bool]:
        arn = self.env["STATE_MACHINE_SETTLE_CLAIM_ARN"].replace(":stateMachine:", ":execution:")

        def check() -> bool:
            status = self.sfn.describe_execution(executionArn=f"{arn}:{claim_id}")["status"]
            return status != "RUNNING"
        return check

    # One claim.

    def run(self, family: str, online: bool) -> Run:
        from chalicelib.domain.identity import Principal
        from devstack.demo_data import MEMBERS

        alice = Principal("m-alice", frozenset({"member"}))
        bob = Principal("m-bob", frozenset({"member"}))
        l1 = Principal("a-l1", frozenset({"agent"}), "L1")
        l2 = Principal("a-l2", frozenset({"agent"}), "L2")
        supervisor = Principal("s-1", frozenset({"agent", "supervisor"}), "supervisor")
        claims = self.root.claims
        base = claims.shared.timings
        if online:
            self.connect("m-alice")
            self.connect("m-bob")
        self.delivered = 0
        _calls.clear()
        problem, answers = "driver_no_show", {"at_meeting_point": True, "contacted_driver": True,
                                              "driver_warned": False}
        if family == "never automated (safety)":
            problem, answers = "safety", self._answers("safety")
        if family == "silent (silence rule)":
            claims.shared.timings = replace(base, counterpart_seconds=1)
        try:
            claim = claims.filing.file(alice, booking_id="bk-1", problem=problem, answers=answers,
                                idempotency_key=uuid.uuid4().hex)
        finally:
            claims.shared.timings = base
        cid = claim.claim_id

        def answer(confirm: bool) -> None:
            self.pump_until(self.waiting_for(cid, "counterpart"))
            if online:
                claims.counterpart.respond(cid, confirm=confirm, principal=bob)
            else:
                with harness():
                    code = self._code_for(cid, dict((m[0], m[3]) for m in MEMBERS)["m-bob"])
                claims.counterpart.respond(cid, confirm=confirm, code=code)

        if family == "confirmed (auto-settled)":
            answer(True)
        elif family == "disputed (agent decides)":
            answer(False)
            self.pump_until(self.waiting_for(cid, "agent"))
            claims.agents.decide(cid, l1, outcome="refund_half", gesture_cents=1_000)
        elif family == "never automated (safety)":
            self.pump_until(self.waiting_for(cid, "agent"))
            claims.agents.decide(cid, l2, outcome="rejected")
        elif family == "above delegation (approval)":
            answer(False)
            self.pump_until(self.waiting_for(cid, "agent"))
            claims.agents.decide(cid, l1, outcome="refund_full", gesture_cents=12_000,
                          request_approval=True)
            self.pump_until(self.waiting_for(cid, "approval"))
            claims.agents.approve(cid, supervisor, approve=True)
        self.pump_until(self.finished(cid))
        with harness():
            time.sleep(0.3)
        self.pump_until(lambda: True)  # the last notices
        with harness():
            result = self._measure(family, "online" if online else "offline", cid)
        self.disconnect_all()
        return result

    def _answers(self, problem: str) -> dict[str, Any]:
        given: dict[str, Any] = {}
        for q in self.root.claims.shared.catalogue.problem(problem).questions:
            if q.required and q.asked(given):
                given[q.id] = {"choice": q.options[0].id if q.options else "", "boolean": False,
                               "number": q.min or 0, "text": "He drove too fast"}[q.type]
        return given

    def _code_for(self, claim_id: str, phone: str) -> str:
        import re

        from moto.core import DEFAULT_ACCOUNT_ID
        from moto.sns.models import sns_backends

        sent = sns_backends[DEFAULT_ACCOUNT_ID]["eu-west-3"].sms_messages.values()
        text = next(t for p, t in sent if p == phone and claim_id in t)
        return re.search(r"code=([0-9A-Z]{8})", text).group(1)

    def _measure(self, family: str, presence: str, cid: str) -> Run:
        from chalicelib.domain.notifications.segments import count_segments

        arn = self.env["STATE_MACHINE_SETTLE_CLAIM_ARN"].replace(":stateMachine:", ":execution:")
        history = self.sfn.get_execution_history(executionArn=f"{arn}:{cid}",
                                                 maxResults=1000)["events"]
        status = self.sfn.describe_execution(executionArn=f"{arn}:{cid}")["status"]
        assert status == "SUCCEEDED", (family, presence, status)
        item = self.ddb.get_item(TableName=self.root.settings.table_claims,
                                 Key={"claim_id": {"S": cid}})["Item"]
        size = item_bytes(item)
        run = Run(family, presence, claim_item_bytes=size)
        run.transitions = sum(1 for e in history if e["type"].endswith("StateEntered"))
        claim_kb = math.ceil(size / 1024)
        for who, service, op, params in _calls:
            (run.calls if who == "app" else run.sfn_calls)[f"{service}.{op}"] += 1
            w, r = units(service, op, params, self.root.settings.table_claims, claim_kb)
            run.write_units += w
            run.read_units += r
            if service == "sns" and op == "Publish" and "PhoneNumber" in params:
                run.sms += 1
                run.sms_segments += count_segments(params["Message"]).segments
            if who == "sfn" and service == "sqs" and op == "SendMessage":
                run.sqs_messages += 1
        run.lambda_invocations = self.delivered + self._requests(family)
        return run

    @staticmethod
    def _requests(family: str) -> int:
        """REST requests of the flow (file, answer, decide, approve): one Lambda each."""
        return {"confirmed (auto-settled)": 2, "disputed (agent decides)": 3,
                "silent (silence rule)": 1, "never automated (safety)": 2,
                "above delegation (approval)": 4}[family]


FAMILIES = ["confirmed (auto-settled)", "disputed (agent decides)", "silent (silence rule)",
            "never automated (safety)", "above delegation (approval)"]


def cost(run: Run) -> dict[str, float]:
    """USD for one claim."""
    sqs_requests = run.sqs_messages * 3  # send (state machine) + receive and delete (poller)
    # The deployed memory size, ~150 ms a handler.
    gb_seconds = run.lambda_invocations * lambda_memory_gb() * 0.150
    sns_publishes = run.sfn_calls.get("sns.Publish", 0)
    ws = run.calls.get("apigatewaymanagementapi.PostToConnection", 0)
    return {
        "Step Functions": run.transitions * PRICES["sfn_transition"],
        "DynamoDB": run.write_units * PRICES["dynamodb_write_unit"]
        + run.read_units * PRICES["dynamodb_read_unit"],
        "SQS": sqs_requests * PRICES["sqs_request"],
        "SNS events": sns_publishes * PRICES["sns_publish"],
        "Lambda": run.lambda_invocations * PRICES["lambda_request"]
        + gb_seconds * PRICES["lambda_gb_second"],
        "WebSocket": ws * PRICES["apigw_ws_message"],
        "SMS": run.sms_segments * SMS_PRICE_FR,
    }


def describe(calls: Counter[str]) -> str:
    return ", ".join(f"{op} ×{n}" for op, n in sorted(calls.items()))


def main() -> None:
    """Run every family online and offline, print, record."""
    botocore.client.BaseClient._make_api_call = _count(botocore.client.BaseClient._make_api_call)
    runs: list[Run] = []
    with mock_aws(config={"stepfunctions": {"execute_state_machine": True}}):
        with harness():
            bench = Bench()
        for family in FAMILIES:
            for online in (True, False):
                runs.append(bench.run(family, online))
        from devstack.claims_local import stop_running_executions

        with harness():
            stop_running_executions()
    report = render(runs)
    print(report)
    write_section("claims", report)


def render(runs: list[Run]) -> str:
    lines = [
        "## Claims: state transitions, AWS calls and SMS per claim",
        "",
        f"`python -m bench.claims` — {machine()}. One claim of each outcome family, run "
        "in-process on moto through the real claims service, adapters, SQS consumers and the "
        "real `settle_claim` definition executed by moto's Step Functions, with both parties "
        "online (in-app notices) and both offline (SMS; the driver answers with the code "
        "link). Counted, not timed: transitions are the `…StateEntered` events of the "
        "execution history; *backend calls* are the botocore calls of the handlers; *workflow "
        "calls* are the state machine's own service integrations. bk-1: 25 € contribution.",
        "",
        "| family | parties | transitions | backend AWS calls | workflow calls | SMS (segments) "
        "| DynamoDB write / read units | claim item |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in runs:
        lines.append(
            f"| {r.family} | {r.presence} | {r.transitions} | {r.app_total} | {r.sfn_total} "
            f"| {r.sms} ({r.sms_segments}) | {r.write_units:g} / {r.read_units:g} "
            f"| {r.claim_item_bytes / 1024:.1f} KB |")
    lines += ["", "Calls by operation, offline runs (online, the SMS calls give way to "
              "`PostToConnection` and the connection Queries of the in-app pushes; the counts "
              "do not change from run to run, the write units move by a few when the claim item "
              "crosses a kilobyte):", ""]
    for r in runs:
        if r.presence == "offline":
            lines.append(f"- **{r.family}** — backend: {describe(r.calls)}; workflow: "
                         f"{describe(r.sfn_calls)}.")
    lines += [
        "",
        "### Cost per 1,000 claims",
        "",
        f"List prices in USD, us-east-1, read {PRICES_DATE}: Step Functions Standard $0.025 per "
        "1,000 state transitions; DynamoDB on-demand $0.625 per million write request units and "
        "$0.125 per million read request units (claim-item writes weigh the final item size, "
        "an upper bound; other items < 1 KB); SQS $0.40 per million requests (send, receive "
        "and delete per message); SNS $0.50 per million publishes (delivery to SQS free); "
        "Lambda $0.20 per million requests and $0.0000166667 per GB-second (the deployed "
        f"{lambda_memory_gb() * 1024:.0f} MB, ~150 ms assumed); API Gateway WebSocket $1.00 "
        "per million messages. **SMS to France: "
        f"${SMS_PRICE_FR:.4f} per message part, an assumption** — AWS End User Messaging "
        "prices SMS per country and changes them; re-check "
        "https://aws.amazon.com/end-user-messaging/pricing/ (or run with "
        "`ENTRAIDE_SMS_PRICE_FR=<price>`).",
        "",
        "| family | parties | Step Functions | DynamoDB | SQS | SNS events | Lambda | WebSocket "
        "| SMS | **total per 1,000** |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in runs:
        c = cost(r)
        cells = " | ".join(f"{v * 1000:.3f} $" for v in c.values())
        total = sum(c.values()) * 1000
        lines.append(f"| {r.family} | {r.presence} | {cells} | **{total:.2f} $** |")
    online = [sum(cost(r).values()) for r in runs if r.presence == "online"]
    offline = [sum(cost(r).values()) for r in runs if r.presence == "offline"]
    lines += [
        "",
        f"Without SMS a claim costs {min(online) * 1000:.2f}–{max(online) * 1000:.2f} $ per "
        f"1,000; with both parties offline, {min(offline) * 1000:.2f}–"
        f"{max(offline) * 1000:.2f} $ per 1,000, almost all of it SMS. The in-app-first rule "
        "(SMS only to offline members, never to opted-out numbers, at most two segments) is "
        "the cost lever; Step Functions transitions are a rounding error next to one SMS.",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
