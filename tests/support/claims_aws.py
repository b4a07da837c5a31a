"""Claims test support: the emulated claims resources with the test settings, and a world of demo
members and bookings with handles to drive claims through the app."""

from __future__ import annotations

import json
import time
from typing import Any

import boto3
import pytest

from devstack import claims_local
from devstack.claims_local import REGION, ClaimPump, TopicReader
from devstack.dev_tokens import mint

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


def create_claim_resources(env: dict[str, str], suffix: str) -> dict[str, str]:
    """The claims queues and state machine, and the claims test settings."""
    return {**CLAIM_TEST_ENV, **claims_local.create_claim_resources(env, suffix)}


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
            self._tokens[member_id] = mint(self.services, body)
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
