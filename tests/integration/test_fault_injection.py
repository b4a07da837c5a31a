"""Fault injection on the claims' write paths and event handlers, over moto through the real
routes, SQS consumers, adapters and state machine.

The faults are generated from the handlers: each scenario is run once cleanly while every AWS
call is recorded; then, for every (service, operation) it made and every error that service
answers under load (DynamoDB throttling and internal errors, SNS and Step Functions failures),
the scenario runs again on fresh data with that call failing once. Each case must complete or
fail cleanly (a JSON error with a code to the caller, or the message reported for redelivery),
and once retried (the same request, or the same message delivered again) the state must hold
exactly one of everything: nothing lost, nothing doubled. A Lambda retry of each event handler
(the same event twice, no fault) is one more case per handler.

The chat part (WebSocket $connect, $disconnect and actions, with the real @connections pusher on
moto) fails each distinct operation once with one representative code per error class
(throttling, transient 5xx, validation/4xx) rather than every code, each push target apart, and
makes each connection reached gone (410), to keep its runtime near a minute.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

import boto3
import botocore.client
import pytest
from botocore.exceptions import ClientError

from chalicelib.adapters.apigateway.pusher import ApiGatewayPusher
from chalicelib.adapters.dynamodb.claim_store import DynamoBookingStore, DynamoGestureLedger
from chalicelib.adapters.dynamodb.models.claims import ClaimRecord
from chalicelib.domain.claims.model import Booking
from chalicelib.domain.errors import RateLimited
from chalicelib.domain.identity import Principal
from devstack.lambda_runtime import LocalContext, lambda_handler, sqs_event
from tests.infra.test_settle_claim_runs import answers
from tests.support.claims_aws import NO_SHOW, sms_sent
from tests.support.fakes import RecordingPusher

# What each service answers when it is overloaded or failing (the codes botocore would retry
# and then give up on).
FAULTS = {
    "dynamodb": ["ProvisionedThroughputExceededException", "ThrottlingException",
                 "InternalServerError"],
    "sns": ["Throttling", "InternalError"],
    "stepfunctions": ["ThrottlingException", "ServiceUnavailable"],
    "sqs": ["ThrottlingException"],
}


class Recorder:
    """Every AWS call made through botocore, and one injected failure at a time."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []
        self.fault: tuple[str, str, str] | None = None
        self.injected = 0

    def __call__(self, original: Callable[..., Any]) -> Callable[..., Any]:
        def call(client: Any, operation: str, params: dict[str, Any]) -> Any:
            service = client.meta.service_model.service_name
            self.calls.append((service, operation))
            if self.fault and self.fault[:2] == (service, operation):
                code = self.fault[2]
                self.fault = None
                self.injected += 1
                raise ClientError({"Error": {"Code": code, "Message": "injected fault"},
                                   "ResponseMetadata": {"HTTPStatusCode": 500}}, operation)
            return original(client, operation, params)
        return call


@pytest.fixture
def recorder(monkeypatch: pytest.MonkeyPatch) -> Recorder:
    rec = Recorder()
    monkeypatch.setattr(botocore.client.BaseClient, "_make_api_call",
                        rec(botocore.client.BaseClient._make_api_call))
    return rec


@contextmanager
def recording(rec: Recorder, known: dict[str, list[str]] = FAULTS
              ) -> Iterator[list[tuple[str, str]]]:
    start = len(rec.calls)
    seen: list[tuple[str, str]] = []
    yield seen
    for call in rec.calls[start:]:
        if call not in seen and call[0] in known:
            seen.append(call)


def cases(operations: list[tuple[str, str]]) -> list[tuple[str, str, str]]:
    return [(service, op, code) for service, op in operations for code in FAULTS[service]]


@dataclass
class Result:
    case: str
    first: str
    outcome: str


def report(name: str, results: list[Result]) -> None:
    """Print the table (docs/reliability.md is built from it) and fail on any broken case."""
    print(f"\n{name}: {len(results)} cases")
    for r in results:
        print(f"  {r.case:70} first: {r.first:28} then: {r.outcome}")
    broken = [r for r in results if not r.outcome.startswith("ok")]
    assert broken == [], broken


# --- helpers over the claims world -------------------------------------------------------------


_counter = iter(range(10_000))


def fresh_booking() -> str:
    """A booking of Bob driving Alice that left 18 h ago (no-show claims may be filed)."""
    booking_id = f"bk-fault-{next(_counter)}"
    DynamoBookingStore().put(Booking(
        booking_id=booking_id, driver_id="m-bob", passenger_id="m-alice",
        contribution_cents=2_500, service_fee_cents=300,
        departure_at=datetime.now(UTC) - timedelta(hours=18)), 1)
    return booking_id


def claims_of_booking(booking_id: str) -> list[str]:
    return [r.claim_id for r in ClaimRecord.by_claimant.query("m-alice")
            if r.booking_id == booking_id]


def file_body(booking_id: str, problem: str = "driver_no_show",
              given: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"booking_id": booking_id, "problem": problem,
            "answers": NO_SHOW if given is None else given, "hold_payment": False}


def clean_error(status: int, body: Any) -> bool:
    return status >= 400 and isinstance(body, dict) and isinstance(body.get("code"), str)


def first_outcome(status: int, body: Any) -> str:
    if status < 300:
        return f"{status} completed"
    return f"{status} {body.get('code')}" if clean_error(status, body) else f"{status} UNCLEAN"


def next_task(world: Any, claim_id: str, timeout: float = 10.0) -> dict[str, Any]:
    """The claim-tasks queue message the claim's execution sent (left in the queue)."""
    sqs = boto3.client("sqs")
    url = world.env["QUEUE_CLAIM_TASKS_URL"]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for m in sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10,
                                     VisibilityTimeout=0).get("Messages", []):
            if json.loads(m["Body"]).get("claim_id") == claim_id:
                sqs.delete_message(QueueUrl=url, ReceiptHandle=m["ReceiptHandle"])
                return m
        time.sleep(0.05)
    raise AssertionError(f"no task for {claim_id}")


def deliver(app_module: Any, name: str, message: dict[str, Any]) -> dict[str, Any]:
    """One Lambda invocation of the consumer `name` with this message."""
    event = sqs_event([message], f"arn:aws:sqs:eu-west-3:123456789012:{name}", "eu-west-3")
    return lambda_handler(app_module.app, name)(event, LocalContext(name))


@pytest.fixture
def faults_world(world: Any) -> Any:
    # Every case files a claim for Alice: lift the member caps, which are not under test here.
    filing = world.services.claims.filing
    filing.abuse = replace(filing.abuse, max_open_claims=10_000, max_claims_in_window=10_000)
    return world


# --- POST /claims -----------------------------------------------------------------------------


def _file(world: Any, booking_id: str, key: str) -> tuple[int, Any]:
    return world.call("POST", "/claims", "m-alice", file_body(booking_id),
                      {"Idempotency-Key": key})


def test_filing_a_claim_under_every_fault_completes_once_on_retry(faults_world, recorder):
    world = faults_world
    with recording(recorder) as operations:
        assert _file(world, fresh_booking(), "clean")[0] == 201
    assert ("dynamodb", "TransactWriteItems") in operations
    assert ("stepfunctions", "StartExecution") in operations
    results = []
    for service, op, code in cases(operations):
        booking_id, key = fresh_booking(), f"{op}-{code}"
        recorder.fault = (service, op, code)
        first = _file(world, booking_id, key)
        recorder.fault = None
        retry = _file(world, booking_id, key)  # the client retries with the same key
        claims = claims_of_booking(booking_id)
        outcome = "ok: one claim, its execution running"
        if first[0] >= 300 and (not clean_error(*first) or first[0] != 503):
            # A refusal of AWS is temporary: 503 `unavailable`, which clients retry.
            outcome = f"unclean first answer {first}"
        elif retry[0] not in (200, 201) or len(claims) != 1:
            outcome = f"BROKEN retry {retry[0]} claims {claims}"
        elif world.execution(claims[0])["status"] not in ("RUNNING", "SUCCEEDED"):
            outcome = "BROKEN no execution"
        results.append(Result(f"POST /claims x {service}.{op} {code}",
                              first_outcome(*first), outcome))
    report("POST /claims", results)


# --- claim_tasks: the counterpart asked by SMS --------------------------------------------------


def _counterpart_sms(claim_id: str) -> int:
    return sum(1 for _, text in sms_sent() if claim_id in text)


def test_the_counterpart_task_under_every_fault_asks_exactly_once(faults_world, recorder,
                                                                   app_module):
    world = faults_world

    def filed_task() -> tuple[str, dict[str, Any]]:
        status, body = _file(world, fresh_booking(), f"k-{next(_counter)}")
        assert status == 201, body
        return body["claim_id"], next_task(world, body["claim_id"])

    claim_id, message = filed_task()
    with recording(recorder) as operations:
        assert deliver(app_module, "claim_tasks", message) == {"batchItemFailures": []}
    assert ("sns", "Publish") in operations
    results = [Result("claim_tasks x Lambda retry (same event twice)", "completed",
                      _twice_asks_once(app_module, message, claim_id))]
    for service, op, code in cases(operations):
        claim_id, message = filed_task()
        recorder.fault = (service, op, code)
        first = deliver(app_module, "claim_tasks", message)
        left = bool(first["batchItemFailures"])
        for _ in range(3):  # SQS delivers a reported message again
            if not deliver(app_module, "claim_tasks", message)["batchItemFailures"]:
                break
        sent = _counterpart_sms(claim_id)
        pending = world.services.claims.shared.get(claim_id).pending
        outcome = "ok: asked once" if sent == 1 and pending and pending.asked else (
            f"BROKEN {sent} SMS, pending {pending}")
        results.append(Result(f"claim_tasks x {service}.{op} {code}",
                              "left for redelivery" if left else "completed", outcome))
    report("claim_tasks (counterpart)", results)


def _twice_asks_once(app_module: Any, message: dict[str, Any], claim_id: str) -> str:
    deliver(app_module, "claim_tasks", message)
    sent = _counterpart_sms(claim_id)
    return "ok: asked once" if sent == 1 else f"BROKEN {sent} SMS"


# --- POST /claims/{id}/decision ---------------------------------------------------------------


def test_an_agent_decision_under_every_fault_pays_and_audits_once(faults_world, recorder,
                                                                 app_module):
    world = faults_world
    given = answers(world, "safety")

    def escalated() -> str:
        status, body = world.call("POST", "/claims", "m-alice",
                                  file_body(fresh_booking(), "safety", given),
                                  {"Idempotency-Key": f"s-{next(_counter)}"})
        assert status == 201, body
        claim_id = body["claim_id"]
        assert deliver(app_module, "claim_tasks", next_task(world, claim_id)) == {
            "batchItemFailures": []}
        return claim_id

    def decide(claim_id: str) -> tuple[int, Any]:
        return world.call("POST", f"/claims/{claim_id}/decision", "a-l2",
                          {"outcome": "rejected", "gesture_eur": 10})

    claim_id = escalated()
    with recording(recorder) as operations:
        assert decide(claim_id)[0] == 200
    assert ("stepfunctions", "SendTaskSuccess") in operations
    results = []
    for service, op, code in cases(operations):
        claim_id = escalated()
        recorder.fault = (service, op, code)
        first = decide(claim_id)
        recorder.fault = None
        retry = decide(claim_id) if first[0] >= 300 else first
        standing = _standing_gestures(claim_id)
        ok = retry[0] == 200 and standing == [1000]
        outcome = "ok: decided once, audited once" if ok else (
            f"BROKEN retry {retry[0]} {retry[1].get('code')}, ledger {standing}")
        if first[0] >= 300 and not clean_error(*first):
            outcome = f"unclean first answer {first}"
        results.append(Result(f"POST decision x {service}.{op} {code}",
                              first_outcome(*first), outcome))
    report("POST /claims/{id}/decision", results)


def _standing_gestures(claim_id: str) -> list[int]:
    from chalicelib.domain.claims.gestures import effective

    now = datetime.now(UTC)
    entries = DynamoGestureLedger().between(now - timedelta(days=1), now + timedelta(days=1))
    return [e.amount_cents for e in effective(entries) if e.claim_id == claim_id]


# --- per-member caps against parallel filings ---------------------------------------------------


def test_claim_caps_hold_while_the_claimant_index_lags_behind(faults_world, monkeypatch):
    """Parallel filings each read the member's claims before the others' are in the claimant
    index (a GSI is eventually consistent): the caps must hold all the same."""
    world = faults_world
    filing = world.services.claims.filing
    filing.abuse = replace(filing.abuse, max_open_claims=2)
    # The index has not caught up with any of them yet.
    monkeypatch.setattr(ClaimRecord.by_claimant, "query", lambda *a, **k: iter([]))
    statuses = [_file(world, fresh_booking(), f"cap-{i}") for i in range(3)]
    assert [s for s, _ in statuses] == [201, 201, 429]
    assert statuses[2][1]["code"] == "too_many_open_claims"


def test_parallel_filings_of_one_member_never_exceed_the_cap(faults_world):
    import threading

    world = faults_world
    filing = world.services.claims.filing
    filing.abuse = replace(filing.abuse, max_open_claims=2)
    repository = world.services.claims.shared.repository
    real = repository.filings
    barrier = threading.Barrier(4, timeout=10)
    first_read = threading.local()

    def filings(member_id, since):
        found = real(member_id, since)
        if not getattr(first_read, "done", False):
            first_read.done = True
            barrier.wait()  # all four read before any of them writes
        return found

    repository.filings = filings
    bookings = [fresh_booking() for _ in range(4)]
    answers_: list[str] = []
    alice = Principal("m-alice", frozenset({"member"}))

    def file(i: int) -> None:
        # The service itself in each thread (Chalice's test client is not thread-safe).
        try:
            filing.file(alice, booking_id=bookings[i], problem="driver_no_show",
                        answers=NO_SHOW, idempotency_key=f"par-{i}")
            answers_.append("filed")
        except RateLimited as e:
            answers_.append(e.code)

    threads = [threading.Thread(target=file, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(answers_) == ["filed", "filed", "too_many_open_claims",
                                "too_many_open_claims"]
    assert len({r.claim_id for r in ClaimRecord.by_claimant.query("m-alice")}) == 2


# === The chat: WebSocket handlers, the routing consumer and sweep, the fan-out ===================
#
# Same machinery on the chat, with the real `ApiGatewayPusher` over moto's @connections API (so
# `PostToConnection` is recorded and failed like any other call). To keep the file's runtime
# reasonable, every distinct operation fails once with one representative code per error
# class (throttling, transient 5xx, validation/4xx) rather than with every code; a push to a
# connection is failed once per connection it reached (the sender's reply and each fan-out
# target apart); and every connection that received a push is made gone (410 GoneException)
# in one more case.

CHAT_FAULTS = {
    "dynamodb": ["ProvisionedThroughputExceededException", "InternalServerError",
                 "ValidationException"],
    "sqs": ["RequestThrottled", "ServiceUnavailable", "InvalidParameterValue"],
    "sns": ["Throttling", "InternalError", "InvalidParameter"],
    "apigatewaymanagementapi": ["LimitExceededException", "InternalServerErrorException",
                                "ForbiddenException"],
}
WS_ENDPOINT = "https://faults.execute-api.eu-west-3.amazonaws.com/api"
POST = ("apigatewaymanagementapi", "PostToConnection")
# What the chat cases lift: limits that are not under test and that a hundred cases would hit.
LIFTED = {"HELPER_CAPACITY_DEFAULT": "1000", "HELPER_CAPACITY_MAX": "1000",
          "TICKETS_PER_MINUTE": "100000", "MAX_CONNECTIONS_PER_MEMBER": "100000",
          "HELP_OPEN_PER_HOUR": "100000", "MESSAGES_PER_MINUTE": "100000",
          # One Helper per wave: the wave timeout and the sweep each offer exactly one more.
          "WAVE_SIZE": "1", "WAVE_GROWTH": "1"}
HELPER_ROLES, MEMBER_ROLES = ["member", "helper"], ["member"]
ADMIN = Principal("adm-1", frozenset({"admin"}))


class ChatRecorder(Recorder):
    """The Recorder, plus a fault aimed at one connection and connections that are gone."""

    def __init__(self) -> None:
        super().__init__()
        self.target: str | None = None  # the ConnectionId the PostToConnection fault is for
        self.gone: set[str] = set()
        self.posts: list[str] = []
        self.injected_at: str | None = None  # the connection whose push is failed
        self.sent: list[dict[str, Any]] = []  # the SQS messages sent (wave timers)

    def __call__(self, original: Callable[..., Any]) -> Callable[..., Any]:
        inner = super().__call__(original)

        def call(client: Any, operation: str, params: dict[str, Any]) -> Any:
            if operation == "PostToConnection":
                connection_id = params.get("ConnectionId", "")
                self.posts.append(connection_id)
                if connection_id in self.gone:
                    raise ClientError({"Error": {"Code": "GoneException", "Message": "gone"},
                                       "ResponseMetadata": {"HTTPStatusCode": 410}}, operation)
                if self.fault and self.fault[:2] == POST and self.target not in (
                        None, connection_id):
                    return original(client, operation, params)
            answer = inner(client, operation, params)
            if operation == "SendMessage":
                self.sent.append(json.loads(params["MessageBody"]))
            return answer
        return call


class MotoPusher(RecordingPusher):
    """The real ApiGatewayPusher over moto; what reached a connection is recorded."""

    def __init__(self) -> None:
        super().__init__()
        client = boto3.client("apigatewaymanagementapi", endpoint_url=WS_ENDPOINT)
        self.real = ApiGatewayPusher(lambda _endpoint: client, WS_ENDPOINT)

    def push(self, connection_id: str, payload: Any, endpoint: str = "") -> bool:
        self.calls += 1
        if not self.real.push(connection_id, payload, endpoint):
            return False
        self.frames[connection_id].append(dict(payload))
        return True


@dataclass
class Answer:
    """What one invocation answered: `ack`/`error` (the reply frame), `none` (no reply),
    `status` ($connect), `left` / `done` (SQS), or `raised`."""

    kind: str
    frame: dict[str, Any]

    def __str__(self) -> str:
        if self.kind == "error":
            return f"error {self.frame.get('code')}"
        return f"{self.kind} {self.frame.get('detail', '')}".strip()


class ChatWorld:
    """The chat handlers over moto, driven as API Gateway and Lambda would."""

    def __init__(self, ws: Any, services: Any, module: Any, rec: ChatRecorder) -> None:
        self.ws, self.services, self.module, self.rec = ws, services, module, rec
        self.pusher: MotoPusher = services.pusher

    def connect(self, member_id: str, roles: list[str], tier: str | None = None) -> str:
        return str(self.ws.connect(member_id, roles, tier))

    def available(self, helper: str) -> str:
        cid = self.connect(helper, HELPER_ROLES)
        assert self.frame(cid, {"action": "presence.set", "status": "available"}).kind == "ack"
        return cid

    def frame(self, cid: str, frame: dict[str, Any]) -> Answer:
        """One $default invocation; its reply taken out of the connection's frames."""
        before = len(self.pusher.frames.get(cid, []))
        try:
            self.module.ws_message(self.ws.event("$default", cid, json.dumps(frame)), None)
        except Exception as e:  # noqa: BLE001 - a Lambda error is what the case reports
            return Answer("raised", {"detail": type(e).__name__})
        replies = [f for f in self.pusher.frames.get(cid, [])[before:]
                   if f["type"] in ("ack", "error")]
        for reply in replies:
            self.pusher.frames[cid].remove(reply)
        if len(replies) != 1:
            return Answer("none" if not replies else "UNCLEAN", {"detail": f"{len(replies)}"})
        return Answer(str(replies[0]["type"]), dict(replies[0]))

    def open(self, member_cid: str, topic: str = "booking") -> str:
        answer = self.frame(member_cid, {"action": "help.open", "topic": topic, "lang": "fr",
                                         "text": "Bonjour, aide svp", "consent": True})
        assert answer.kind == "ack", answer
        return str(answer.frame["conversation_id"])

    def events(self, cid: str, type_: str, conversation_id: str | None = None) -> int:
        """How many `type_` events the connection received (for the conversation)."""
        return sum(1 for f in self.pusher.frames.get(cid, []) if f["type"] == type_
                   and conversation_id in (None, f.get("conversation_id")))

    def deliver(self, name: str, body: dict[str, Any]) -> Answer:
        """One Lambda invocation of an SQS consumer with this message."""
        n = next(_counter)
        message = {"MessageId": f"m-{n}", "ReceiptHandle": f"rh-{n}", "Body": json.dumps(body)}
        try:
            answer = deliver(self.module, name, message)
        except Exception as e:  # noqa: BLE001
            return Answer("raised", {"detail": type(e).__name__})
        return Answer("left" if answer["batchItemFailures"] else "done", {})

    def redeliver(self, name: str, body: dict[str, Any]) -> Answer:
        """SQS delivering a reported message again (until it is handled, 3 times at most)."""
        answer = Answer("left", {})
        for _ in range(3):
            answer = self.deliver(name, body)
            if answer.kind != "left":
                break
        return answer


@dataclass
class ChatScenario:
    """One handler's case: fresh data, the invocation (done again as the retry), the check."""

    name: str
    setup: Callable[[ChatWorld], dict[str, Any]]
    act: Callable[[ChatWorld, dict[str, Any]], Answer]
    check: Callable[[ChatWorld, dict[str, Any], Answer], str]
    retry: Callable[[ChatWorld, dict[str, Any]], Answer] | None = None
    # Lambda errors the caller copes with ($disconnect is best effort, a schedule runs again).
    may_raise: bool = False


@pytest.fixture
def chat_world(aws: Any, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> Any:
    for key, value in LIFTED.items():
        monkeypatch.setenv(key, value)
    rec = ChatRecorder()
    monkeypatch.setattr(botocore.client.BaseClient, "_make_api_call",
                        rec(botocore.client.BaseClient._make_api_call))
    services = request.getfixturevalue("services")
    assert "sessions" not in services.__dict__
    services.__dict__["pusher"] = MotoPusher()
    module = request.getfixturevalue("app_module")
    from devstack.seed import seed_members
    from tests.support.aws_fixtures import WsHarness

    seed_members(services)
    return ChatWorld(WsHarness(module, services, services.pusher), services, module, rec)


def _clean_first(world: ChatWorld, scenario: ChatScenario, answer: Answer, actor: str) -> bool:
    """A clean first answer: done, a clean error, left for redelivery, or no reply only when
    the reply itself could not be posted."""
    if answer.kind == "raised":
        return scenario.may_raise
    if answer.kind == "error":
        return answer.frame.get("code") == "unavailable" and bool(answer.frame.get("message"))
    if answer.kind == "none":
        return world.rec.injected_at == actor
    return answer.kind in ("ack", "done", "left", "status")


def _retry(world: ChatWorld, scenario: ChatScenario, ctx: dict[str, Any], first: Answer
           ) -> Answer:
    return (scenario.retry or scenario.act)(world, ctx)


def _cleanup(world: ChatWorld, ctx: dict[str, Any]) -> None:
    world.rec.fault, world.rec.gone = None, set()
    for cid in ctx.get("conns", {}).values():
        world.ws.disconnect(cid)
    for conversation in [ctx.get("conversation"), *ctx.get("extra", [])]:
        if conversation:
            world.services.delivery(world.services.chat.oversight.close(ADMIN, conversation))
    world.pusher.frames.clear()


def _chat_cases(world: ChatWorld, scenario: ChatScenario) -> list[tuple[Any, ...]]:
    """The cases of a scenario, from its clean run: each operation x each code (a push: per
    connection reached), and each connection reached gone."""
    ctx = scenario.setup(world)
    start = len(world.rec.posts)
    with recording(world.rec, CHAT_FAULTS) as operations:
        answer = scenario.act(world, ctx)
    assert answer.kind in ("ack", "done", "status"), (scenario.name, answer)
    clean = scenario.check(world, ctx, _retry(world, scenario, ctx, answer))
    assert clean.startswith("ok"), (scenario.name, clean)
    roles = {cid: role for role, cid in ctx.get("conns", {}).items()}
    reached = list(dict.fromkeys(roles[c] for c in world.rec.posts[start:] if c in roles))
    _cleanup(world, ctx)
    cases: list[tuple[Any, ...]] = []
    for service, op in operations:
        for target in (reached if (service, op) == POST else [None]):
            cases += [("fault", service, op, code, target) for code in CHAT_FAULTS[service]]
    cases += [("gone", role) for role in reached if role != ctx.get("actor")]
    return cases


def run_chat_matrix(world: ChatWorld, scenario: ChatScenario) -> list[Result]:
    results = []
    for case in _chat_cases(world, scenario):
        ctx = scenario.setup(world)
        conns = ctx.get("conns", {})
        world.rec.injected_at = None
        if case[0] == "gone":
            world.rec.gone = {conns[case[1]]}
            label = f"{scenario.name} x {case[1]} connection gone (410)"
        else:
            _, service, op, code, target = case
            world.rec.fault, world.rec.target = (service, op, code), conns.get(target)
            world.rec.injected_at = conns.get(target) if target else None
            label = f"{scenario.name} x {service}.{op}{f' to {target}' if target else ''} {code}"
        first = scenario.act(world, ctx)
        world.rec.fault = None
        ctx["gone"], ctx["first"] = world.rec.gone, first
        clean = _clean_first(world, scenario, first, conns.get(ctx.get("actor", ""), "?"))
        retry = _retry(world, scenario, ctx, first)
        outcome = scenario.check(world, ctx, retry) if clean else f"unclean first answer {first}"
        results.append(Result(label, str(first), outcome))
        _cleanup(world, ctx)
    report(scenario.name, results)
    return results


# --- the scenarios --------------------------------------------------------------------------


def _ticket(world: ChatWorld, member_id: str) -> str:
    sessions = world.services.sessions
    principal = sessions.authenticate("Bearer " + world.ws.token(member_id, MEMBER_ROLES))
    return str(sessions.issue_ticket(principal)["ticket"])


def _connect_setup(world: ChatWorld) -> dict[str, Any]:
    n = next(_counter)
    return {"cid": f"cf{n}", "ticket": _ticket(world, "m-david"),
            "retry_cid": f"cr{n}", "retry_ticket": _ticket(world, "m-david")}


def _connect(cid: str, ticket: str) -> Callable[[ChatWorld, dict[str, Any]], Answer]:
    def act(world: ChatWorld, ctx: dict[str, Any]) -> Answer:
        event = world.ws.event("$connect", ctx[cid], query={"ticket": ctx[ticket]})
        try:
            reply = world.module.ws_connect(event, None)
        except Exception as e:  # noqa: BLE001
            return Answer("raised", {"detail": type(e).__name__})
        ctx.setdefault("conns", {})[cid] = ctx[cid]
        return Answer("status", {"detail": reply["statusCode"]})
    return act


def _connect_check(world: ChatWorld, ctx: dict[str, Any], retry: Answer) -> str:
    connections = world.services.sessions.connections
    kept = [c for c in (ctx["cid"], ctx["retry_cid"]) if connections.get(c) is not None]
    if retry.frame["detail"] != 200 or ctx["retry_cid"] not in kept:
        return f"BROKEN the retry answered {retry}"
    if ctx.get("first_status", 200) != 200 and ctx["cid"] in kept:
        return "BROKEN a refused handshake left its connection stored"
    return "ok: admitted on retry, refused handshakes stored nothing"


def _connect_first(world: ChatWorld, ctx: dict[str, Any]) -> Answer:
    answer = _connect("cid", "ticket")(world, ctx)
    if answer.kind == "status":
        ctx["first_status"] = answer.frame["detail"]
        if answer.frame["detail"] not in (200, 503):
            return Answer("UNCLEAN", answer.frame)  # a fault must not read as a bad ticket
    return answer


def _disconnect_setup(world: ChatWorld) -> dict[str, Any]:
    helper = world.available("h-3")
    return {"conns": {"helper": helper}, "actor": "helper", "helper": helper}


def _disconnect(world: ChatWorld, ctx: dict[str, Any]) -> Answer:
    try:
        world.module.ws_disconnect(world.ws.event("$disconnect", ctx["helper"]), None)
    except Exception as e:  # noqa: BLE001
        return Answer("raised", {"detail": type(e).__name__})
    return Answer("done", {})


def _disconnect_check(world: ChatWorld, ctx: dict[str, Any], retry: Answer) -> str:
    gone = world.services.sessions.connections.get(ctx["helper"]) is None
    status = world.services.chat.presence.get("h-3").status
    if retry.kind != "done" or not gone or status != "offline":
        return f"BROKEN retry {retry}, connection forgotten {gone}, presence {status}"
    return "ok: connection forgotten, Helper offline"


def _pair(world: ChatWorld, helper: str = "h-1", laptop: bool = True) -> dict[str, Any]:
    """An answered conversation: the member on two devices (phone, laptop) and the Helper."""
    helper_cid = world.available(helper)
    conns = {"phone": world.connect("m-alice", MEMBER_ROLES)}
    if laptop:
        conns["laptop"] = world.connect("m-alice", MEMBER_ROLES)
    conversation = world.open(conns["phone"])
    assert world.frame(helper_cid, {"action": "help.accept",
                                    "conversation_id": conversation}).kind == "ack"
    world.pusher.frames.clear()
    return {"conns": {**conns, "helper": helper_cid}, "conversation": conversation}


def _told(world: ChatWorld, ctx: dict[str, Any], role: str, type_: str) -> str | None:
    """None if the connection got the event once, as promised; a push that failed after the
    action was acknowledged (its own fault, or the recipient's lookup) is not retried: the
    recipient catches up with message.sync / the next event ("lost push"); a gone connection
    is forgotten. Otherwise what went wrong."""
    cid = ctx["conns"][role]
    pushed = world.events(cid, type_, ctx.get("conversation"))
    if cid in ctx.get("gone", ()):
        stored = world.services.sessions.connections.get(cid) is not None
        return f"the gone {role} connection is still stored" if stored else None
    if pushed == 1:
        return None
    if pushed == 0 and ctx["first"].kind == "ack" and world.rec.injected:
        ctx["lost"] = ctx.get("lost", []) + [role]
        return None
    return f"{role} got {type_} {pushed} times"


def _lost(ctx: dict[str, Any]) -> str:
    return f" (lost push to {', '.join(ctx['lost'])})" if ctx.get("lost") else ""


def _send_setup(world: ChatWorld) -> dict[str, Any]:
    ctx = _pair(world)
    ctx.update(actor="phone", msg_id=f"c-{next(_counter)}")
    return ctx


def _send(world: ChatWorld, ctx: dict[str, Any]) -> Answer:
    return world.frame(ctx["conns"]["phone"], {
        "action": "message.send", "conversation_id": ctx["conversation"],
        "client_msg_id": ctx["msg_id"], "text": "Le conducteur n'est pas venu"})


def _send_check(world: ChatWorld, ctx: dict[str, Any], retry: Answer) -> str:
    reader = Principal("m-alice", frozenset(MEMBER_ROLES))
    stored = world.services.chat.messages.sync(reader, ctx["conversation"], 1)["messages"]
    if retry.kind != "ack" or [m["seq"] for m in stored] != [2] or retry.frame["seq"] != 2:
        return f"BROKEN retry {retry}, stored {[m['seq'] for m in stored]}"
    for role in ("laptop", "helper"):
        wrong = _told(world, ctx, role, "message.new")
        if wrong:
            return f"BROKEN {wrong}"
    return "ok: stored once, pushed once" + _lost(ctx)


def _opened_this_hour(world: ChatWorld) -> int:
    """Chloé's HELP_OPEN_PER_HOUR counter."""
    from chalicelib.adapters.dynamodb.models.sessions import CounterRecord

    hour = int(world.services.chat.clock.time() // 3600)
    try:
        return int(CounterRecord.get(f"open#m-chloe#{hour}", consistent_read=True).count)
    except CounterRecord.DoesNotExist:
        return 0


def _open_setup(world: ChatWorld) -> dict[str, Any]:
    helper, member = world.available("h-1"), world.connect("m-chloe", MEMBER_ROLES)
    return {"conns": {"member": member, "helper": helper}, "actor": "member",
            "request_id": f"r{next(_counter)}-open", "counted": _opened_this_hour(world)}


def _open(world: ChatWorld, ctx: dict[str, Any]) -> Answer:
    """help.open; the retry is the client's resend with the same request_id."""
    answer = world.frame(ctx["conns"]["member"], {
        "action": "help.open", "request_id": ctx["request_id"], "topic": "booking",
        "lang": "fr", "text": "Bonjour, aide svp", "consent": True})
    if answer.kind == "ack":
        ctx.setdefault("conversation", answer.frame["conversation_id"])
        ctx.setdefault("acks", []).append(answer.frame["conversation_id"])
    return answer


def _open_check(world: ChatWorld, ctx: dict[str, Any], retry: Answer) -> str:
    chloe = Principal("m-chloe", frozenset(MEMBER_ROLES))
    live = [c["conversation_id"] for c in
            world.services.chat.oversight.my_conversations(chloe)["conversations"]
            if c["status"] != "closed"]
    ctx["extra"] = [c for c in live if c != ctx.get("conversation")]
    if retry.kind != "ack" or live != [ctx["conversation"]] or set(ctx["acks"]) != set(live):
        return f"BROKEN retry {retry}, open requests {live}, acks {ctx.get('acks')}"
    counted = _opened_this_hour(world) - ctx["counted"]
    if counted != 1:
        return f"BROKEN counted {counted} times against HELP_OPEN_PER_HOUR"
    helper = ctx["conns"]["helper"]
    if world.rec.injected_at == helper:
        return "ok: one request; the offer push lost, the next wave widens it" if (
            world.events(helper, "help.offer", live[0]) == 0) else "BROKEN offered again"
    if helper not in ctx.get("gone", ()) and not world.events(helper, "help.offer", live[0]):
        # Offering failed after the request was stored: the next sweep offers it.
        later = world.services.clock.time() + 60
        world.services.chat.presence.heartbeat("h-1", later)
        _sweep_at(world, later)
        if world.events(helper, "help.offer", live[0]) != 1:
            return "BROKEN the request was never offered"
        return "ok: one request, offered by the next sweep"
    wrong = _told(world, ctx, "helper", "help.offer")
    if wrong:
        return f"BROKEN {wrong}"
    return "ok: one request, offered once" + _lost(ctx)


def _sweep_at(world: ChatWorld, at: float) -> Answer:
    """The scheduled sweep (routing and abandonment) as if it ran at `at`."""
    from chalicelib.api import chat as chat_api
    from devstack.lambda_runtime import scheduled_event

    clock = world.services.chat.clock
    clock.time = lambda: at
    try:
        chat_api.routing_sweep(scheduled_event("routing_sweep", "eu-west-3"),
                                   LocalContext("routing_sweep"))
    except Exception as e:  # noqa: BLE001 - a schedule that fails runs again next minute
        return Answer("raised", {"detail": type(e).__name__})
    finally:
        del clock.time
    return Answer("done", {})


def _accept_setup(world: ChatWorld) -> dict[str, Any]:
    helper, member = world.available("h-2"), world.connect("m-bob", MEMBER_ROLES)
    conversation = world.open(member)
    world.pusher.frames.clear()
    return {"conns": {"member": member, "helper": helper}, "actor": "helper",
            "conversation": conversation,
            "open_before": world.services.chat.presence.get("h-2").open_count}


def _accept(world: ChatWorld, ctx: dict[str, Any]) -> Answer:
    return world.frame(ctx["conns"]["helper"], {"action": "help.accept",
                                                "conversation_id": ctx["conversation"]})


def _accept_check(world: ChatWorld, ctx: dict[str, Any], retry: Answer) -> str:
    stored = world.services.chat.store.get(ctx["conversation"])
    slots = world.services.chat.presence.get("h-2").open_count - ctx["open_before"]
    if retry.kind != "ack" or stored.helper_id != "h-2" or slots != 1:
        return f"BROKEN retry {retry}, helper {stored.helper_id}, slots taken {slots}"
    wrong = _told(world, ctx, "member", "help.assigned")
    if wrong:
        return f"BROKEN {wrong}"
    return "ok: taken once, the member told once" + _lost(ctx)


def _presence_setup(world: ChatWorld) -> dict[str, Any]:
    member = world.connect("m-alice", MEMBER_ROLES)
    conversation = world.open(member)  # nobody available: still open to Helpers
    helper = world.connect("h-1", HELPER_ROLES)
    world.pusher.frames.clear()
    return {"conns": {"member": member, "helper": helper}, "actor": "helper",
            "conversation": conversation}


def _presence(world: ChatWorld, ctx: dict[str, Any]) -> Answer:
    return world.frame(ctx["conns"]["helper"], {"action": "presence.set",
                                                "status": "available"})


def _presence_check(world: ChatWorld, ctx: dict[str, Any], retry: Answer) -> str:
    status = world.services.chat.presence.get("h-1").status
    if retry.kind != "ack" or status != "available":
        return f"BROKEN retry {retry}, presence {status}"
    wrong = _told(world, ctx, "helper", "help.offer")
    if wrong:
        return f"BROKEN {wrong}"
    return "ok: available, the waiting request offered once" + _lost(ctx)


def _sync_setup(world: ChatWorld) -> dict[str, Any]:
    ctx = _pair(world, "h-5")
    ctx["actor"] = "laptop"
    answer = _send(world, {**ctx, "msg_id": "s1"})
    assert answer.kind == "ack", answer
    return ctx


def _sync(world: ChatWorld, ctx: dict[str, Any]) -> Answer:
    return world.frame(ctx["conns"]["laptop"], {"action": "message.sync",
                                                "conversation_id": ctx["conversation"],
                                                "after_seq": 0})


def _sync_check(world: ChatWorld, ctx: dict[str, Any], retry: Answer) -> str:
    seqs = [m["seq"] for m in retry.frame.get("messages", [])]
    return "ok: both messages" if retry.kind == "ack" and seqs == [1, 2] else (
        f"BROKEN retry {retry} {seqs}")


def _close_setup(world: ChatWorld) -> dict[str, Any]:
    ctx = _pair(world, "h-1")
    ctx.update(actor="phone", open_before=world.services.chat.presence.get("h-1").open_count)
    return ctx


def _close(world: ChatWorld, ctx: dict[str, Any]) -> Answer:
    return world.frame(ctx["conns"]["phone"], {"action": "conversation.close",
                                               "conversation_id": ctx["conversation"]})


def _close_check(world: ChatWorld, ctx: dict[str, Any], retry: Answer) -> str:
    stored = world.services.chat.store.get(ctx["conversation"])
    freed = ctx["open_before"] - world.services.chat.presence.get("h-1").open_count
    if retry.kind != "ack" or stored.status != "closed" or freed != 1:
        return f"BROKEN retry {retry}, status {stored.status}, slots freed {freed}"
    wrong = _told(world, ctx, "helper", "conversation.closed")
    if wrong:
        return f"BROKEN {wrong}"
    return "ok: closed once, the slot freed once" + _lost(ctx)


# --- routing: the wave-timeout consumer and the one-minute sweep (routing and abandonment) --


def _timers(world: ChatWorld, conversation: str, wave: int) -> int:
    """Wave timers of the conversation's `wave` sent to the routing queue."""
    return sum(1 for body in world.rec.sent
               if (body.get("conversation_id"), body.get("wave")) == (conversation, wave))


def _waiting_setup(world: ChatWorld) -> dict[str, Any]:
    """A request offered to one of two available Helpers (wave 1, one Helper per wave)."""
    first, second = world.available("h-1"), world.available("h-2")
    member = world.connect("m-chloe", MEMBER_ROLES)
    conversation = world.open(member)
    offered = world.services.chat.store.get(conversation).offered
    assert len(offered) == 1, offered
    world.pusher.frames.clear()
    conns = {"member": member, "h-1": first, "h-2": second}
    other = "h-2" if offered == ["h-1"] else "h-1"
    return {"conns": conns, "conversation": conversation, "next": other,
            "timers_before": _timers(world, conversation, 2)}


def _wave_timeout(world: ChatWorld, ctx: dict[str, Any]) -> Answer:
    body = {"kind": "wave_timeout", "conversation_id": ctx["conversation"], "wave": 1}
    return world.deliver("routing_events", body)


def _wave_check(world: ChatWorld, ctx: dict[str, Any], retry: Answer) -> str:
    """Wave 2 stored once, its timer sent, the next Helper offered once (or its push lost)."""
    stored = world.services.chat.store.get(ctx["conversation"])
    timers = _timers(world, ctx["conversation"], 2) - ctx["timers_before"]
    if retry.kind != "done" or stored.wave != 2 or len(stored.offered) != 2 or timers < 1:
        return f"BROKEN retry {retry}, wave {stored.wave}, offered {stored.offered}, " \
               f"wave-2 timers {timers}"
    role = ctx["next"]
    pushed = world.events(ctx["conns"][role], "help.offer", ctx["conversation"])
    if ctx["conns"][role] in ctx.get("gone", ()):
        pushed = 1
    if pushed == 0 and world.rec.injected_at == ctx["conns"][role]:
        ctx["lost"] = [role]
    elif pushed != 1:
        return f"BROKEN {role} offered {pushed} times"
    extra = f", {timers} wave-2 timers (one stale)" if timers > 1 else ""
    return "ok: wave 2 once, its timer sent, the next Helper offered once" + extra + _lost(ctx)


def _assigned_setup(world: ChatWorld) -> dict[str, Any]:
    ctx = _pair(world, "h-1", laptop=False)  # one device: the sweeps push as every action does
    ctx["open_before"] = world.services.chat.presence.get("h-1").open_count
    ctx["at"] = world.services.chat.clock.time() + 121 * 60  # idle past 120 minutes
    world.services.chat.presence.heartbeat("h-1", ctx["at"])
    return ctx


def _idle_sweep(world: ChatWorld, ctx: dict[str, Any]) -> Answer:
    """The sweep once the conversation has been silent past CONVERSATION_IDLE_CLOSE_MINUTES."""
    return _sweep_at(world, ctx["at"])


def _swept_told(world: ChatWorld, ctx: dict[str, Any], role: str, type_: str) -> str | None:
    """None if the connection got the event once, or is gone, or its own push was the one
    failed (a lost push); a sweep's other faults must not lose anyone's event."""
    cid = ctx["conns"][role]
    pushed = world.events(cid, type_, ctx.get("conversation"))
    if pushed == 1 or cid in ctx.get("gone", ()):
        return None
    if pushed == 0 and world.rec.injected_at == cid:
        ctx["lost"] = ctx.get("lost", []) + [role]
        return None
    return f"{role} got {type_} {pushed} times"


def _idle_check(world: ChatWorld, ctx: dict[str, Any], retry: Answer) -> str:
    stored = world.services.chat.store.get(ctx["conversation"])
    freed = ctx["open_before"] - world.services.chat.presence.get("h-1").open_count
    if retry.kind != "done" or stored.status != "closed" or freed != 1:
        return f"BROKEN retry {retry}, status {stored.status}, slots freed {freed}"
    for role in ("phone", "helper"):
        wrong = _swept_told(world, ctx, role, "conversation.closed")
        if wrong:
            return f"BROKEN {wrong}"
    return "ok: closed once, the slot freed once, each told once" + _lost(ctx)


def _gone_setup(world: ChatWorld) -> dict[str, Any]:
    ctx = _assigned_setup(world)
    ctx["conns"]["other"] = world.available("h-2")
    now = world.services.chat.clock.time()
    ctx["at"] = now + 200  # past HELPER_GONE_GRACE_SECONDS for h-1, not for h-2
    # Gone = no heartbeat and no live connection: h-1's socket is gone without a word.
    world.services.sessions.connections.delete(ctx["conns"].pop("helper"))
    world.services.chat.presence.heartbeat("h-1", now)
    world.services.chat.presence.heartbeat("h-2", ctx["at"])
    world.pusher.frames.clear()
    return ctx


def _gone_sweep(world: ChatWorld, ctx: dict[str, Any]) -> Answer:
    """The sweep once h-1 has sent no heartbeat for HELPER_GONE_GRACE_SECONDS (h-2 has)."""
    return _sweep_at(world, ctx["at"])


def _gone_check(world: ChatWorld, ctx: dict[str, Any], retry: Answer) -> str:
    stored = world.services.chat.store.get(ctx["conversation"])
    freed = ctx["open_before"] - world.services.chat.presence.get("h-1").open_count
    # Offered afresh to h-2, or (routing failed) by the routing sweep's next wave.
    if retry.kind != "done" or stored.helper_id is not None or freed != 1 or (
            stored.offered not in (["h-2"], ["h-1", "h-2"])):
        return f"BROKEN retry {retry}, helper {stored.helper_id}, slots freed {freed}, " \
               f"offered {stored.offered}"
    for role, type_ in (("phone", "participant.left"), ("other", "help.offer")):
        wrong = _swept_told(world, ctx, role, type_)
        if wrong:
            return f"BROKEN {wrong}"
    return "ok: taken back once, the slot freed once, offered to h-2 once" + _lost(ctx)


ROUTING = [
    ChatScenario("routing_events wave timeout", _waiting_setup, _wave_timeout, _wave_check),
    ChatScenario("routing_sweep idle close", _assigned_setup, _idle_sweep, _idle_check,
                 may_raise=True),
    ChatScenario("routing_sweep Helper gone", _gone_setup, _gone_sweep, _gone_check,
                 may_raise=True),
]


CONNECT = ChatScenario("$connect", _connect_setup, _connect_first, _connect_check,
                       retry=_connect("retry_cid", "retry_ticket"))
DISCONNECT = ChatScenario("$disconnect", _disconnect_setup, _disconnect, _disconnect_check,
                          may_raise=True)
WS_ACTIONS = [
    ChatScenario("message.send", _send_setup, _send, _send_check),
    ChatScenario("help.open", _open_setup, _open, _open_check),
    ChatScenario("help.accept", _accept_setup, _accept, _accept_check),
    ChatScenario("presence.set", _presence_setup, _presence, _presence_check),
    ChatScenario("message.sync", _sync_setup, _sync, _sync_check),
    ChatScenario("conversation.close", _close_setup, _close, _close_check),
]


@pytest.mark.parametrize("scenario", [CONNECT, DISCONNECT, *WS_ACTIONS, *ROUTING],
                         ids=lambda s: s.name)
def test_a_websocket_event_under_every_fault_completes_once_on_retry(chat_world, scenario):
    run_chat_matrix(chat_world, scenario)
