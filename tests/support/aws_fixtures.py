"""moto-backed fixtures: tables from the PynamoDB models, queues, topic, wired services."""

from __future__ import annotations

import functools
import json
import re
import uuid
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from moto import mock_aws

from chalicelib.settings import Settings
from devstack.atomic_dynamodb import install as serialise_moto_dynamodb
from devstack.claims_local import stop_running_executions
from devstack.dev_tokens import mint
from devstack.tables import create_tables
from tests.support.claims_aws import create_claim_resources
from tests.support.fakes import RecordingPusher

TEST_ENV = {
    "STAGE": "local",
    "JWT_SECRET": "test-secret-key-for-hs256-tokens-0123456789",
    "WS_MANAGEMENT_ENDPOINT": "https://ws.test/api",
    "WS_PUBLIC_URL": "wss://ws.test/api",
    "WEB_URL": "https://help.test",
}



_SUFFIX = re.compile(r"-[0-9a-f]{6}\b")


@functools.cache  # once per process
def _validate_each_definition_once() -> None:
    """moto parses a state machine's whole definition (ANTLR, pure Python) to validate it at
    creation: a third of an integration test's time, since every test creates the claims
    state machine again. The definitions differ only by the test's resource suffix, inside
    names, which no parse reads: one validation per definition with the suffix blanked is the
    same verdict. Executions still parse the definition they run."""
    from moto.stepfunctions.parser.models import StepFunctionsParserBackend

    validate = StepFunctionsParserBackend._validate_definition
    valid: set[str] = set()

    def validate_once(definition: str) -> None:
        key = _SUFFIX.sub("-suffix", definition)
        if key not in valid:
            validate(definition)
            valid.add(key)

    StepFunctionsParserBackend._validate_definition = staticmethod(validate_once)  # type: ignore[method-assign]


@pytest.fixture
def aws(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, str]]:
    """A fresh emulated AWS with every table, queue and topic; returns the environment."""
    serialise_moto_dynamodb()
    _validate_each_definition_once()
    with mock_aws(config={"stepfunctions": {"execute_state_machine": True}}):
        suffix = uuid.uuid4().hex[:6]
        env = dict(TEST_ENV)
        for name, default, _ in Settings.documented():
            if name.startswith("TABLE_"):
                env[name] = f"{default}-{suffix}"
        sqs = boto3.client("sqs")
        env["QUEUE_ROUTING_URL"] = sqs.create_queue(QueueName=f"routing-{suffix}")["QueueUrl"]
        env["QUEUE_ROUTING_NAME"] = f"routing-{suffix}"
        env["TOPIC_MARKETPLACE_ARN"] = boto3.client("sns").create_topic(Name=f"mk-{suffix}")[
            "TopicArn"
        ]
        env.update(create_claim_resources(env, suffix))
        for key, value in env.items():
            monkeypatch.setenv(key, value)
        from chalicelib import composition

        composition.reset()
        create_tables(Settings.from_env())
        yield env
        stop_running_executions()
        composition.reset()


@pytest.fixture
def services(aws: dict[str, str]) -> Any:
    """The real composition root over moto, with a recording WebSocket pusher."""
    from chalicelib.composition import services as root

    s = root()
    s.__dict__["pusher"] = RecordingPusher()
    return s


@pytest.fixture
def pusher(services: Any) -> RecordingPusher:
    """The frames the backend pushed, per connection."""
    return services.pusher


@pytest.fixture
def app_module(services: Any) -> Any:
    """The Chalice app module, with the local stack's POST /dev/token."""
    import app
    from chalicelib.runtime import services as root
    from devstack.dev_tokens import register

    register(app.app, root)
    return app


@pytest.fixture
def http(app_module: Any) -> Iterator[Any]:
    """Chalice's HTTP test client on the local stage."""
    from chalice.test import Client

    from devstack import gateway_responses

    gateway_responses.install()  # API Gateway's own refusals in the contract's shape
    with Client(app_module.app, stage_name="local") as client:
        yield client.http


class WsHarness:
    """Drives the WebSocket handlers with API Gateway events, as the gateway would."""

    def __init__(self, module: Any, services: Any, pusher: RecordingPusher) -> None:
        self.module = module
        self.services = services
        self.pusher = pusher
        self.counter = 0

    def token(self, member_id: str, roles: list[str], tier: str | None = None) -> str:
        body: dict[str, Any] = {"member_id": member_id, "roles": roles}
        if tier:
            body["tier"] = tier
        return mint(self.services, body)

    def event(self, route: str, cid: str, body: str | None = None, query: dict | None = None):
        from devstack.lambda_runtime import websocket_event

        return websocket_event(route, cid, "ws.test", body, query)

    def connect(self, member_id: str, roles: list[str], tier: str | None = None) -> str:
        """Open a connection for a member; returns its connection id."""
        principal = self.services.sessions.authenticate(
            "Bearer " + self.token(member_id, roles, tier)
        )
        ticket = self.services.sessions.issue_ticket(principal)["ticket"]
        self.counter += 1
        cid = f"c{self.counter}-{member_id}"
        reply = self.module.ws_connect(self.event("$connect", cid, query={"ticket": ticket}), None)
        assert reply["statusCode"] == 200, reply
        return cid

    def send(self, cid: str, frame: dict[str, Any] | str) -> dict[str, Any]:
        """Send one frame; return the reply addressed to it (other frames stay queued)."""
        raw = frame if isinstance(frame, str) else json.dumps(frame)
        before = len(self.pusher.frames.get(cid, []))
        self.module.ws_message(self.event("$default", cid, raw), None)
        replies = [
            f for f in self.pusher.frames.get(cid, [])[before:] if f["type"] in ("ack", "error")
        ]
        assert len(replies) == 1, f"expected exactly one reply, got {replies}"
        self.pusher.frames[cid].remove(replies[0])
        return replies[0]

    def events(self, cid: str, type_: str | None = None) -> list[dict[str, Any]]:
        """Pushed events received by a connection (and forget them)."""
        frames = self.pusher.take(cid)
        return [f for f in frames if type_ is None or f["type"] == type_]

    def disconnect(self, cid: str) -> None:
        self.module.ws_disconnect(self.event("$disconnect", cid), None)


@pytest.fixture
def ws(app_module: Any, services: Any, pusher: RecordingPusher) -> WsHarness:
    """A WebSocket harness over the real handlers."""
    return WsHarness(app_module, services, pusher)


def stored_member(member_id: str) -> dict[str, Any] | None:
    """A member as the mirror stores it (its plain shape), for tests of what was written."""
    from pynamodb.exceptions import DoesNotExist

    from chalicelib.adapters.dynamodb.member_mirror import mirror_mapping
    from chalicelib.adapters.dynamodb.models.members import MemberRecord

    try:
        return mirror_mapping(MemberRecord.get(member_id))
    except DoesNotExist:
        return None
