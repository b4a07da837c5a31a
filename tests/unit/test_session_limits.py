"""Tickets per member per minute and live connections per member, over in-memory fakes."""

from __future__ import annotations

import pytest

from chalicelib.adapters.jwt.token_codec import JwtTokenCodec
from chalicelib.api.websocket import WebSocketEdge
from chalicelib.domain.clock import FixedClock
from chalicelib.domain.errors import RateLimited
from chalicelib.domain.frames import FrameDispatcher
from chalicelib.domain.identity import Principal
from chalicelib.domain.limits import RateLimit
from chalicelib.domain.sessions import SessionService
from tests.support.fakes import (
    InMemoryConnectionRepository,
    InMemoryCounters,
    InMemoryMemberDirectory,
    InMemoryTicketStore,
    RecordingPusher,
)

ALICE = Principal("m-alice", frozenset({"member"}))
BOB = Principal("m-bob", frozenset({"member"}))
MINUTE_START = 1_800_000_000.0  # a whole minute


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(MINUTE_START)


@pytest.fixture
def sessions(clock: FixedClock) -> SessionService:
    tickets = RateLimit("ticket", 10, 60, InMemoryCounters(), clock, "too many tickets")
    return SessionService(
        tokens=JwtTokenCodec(lambda: "unit-test-secret-0123456789-abcdefghij", "entraide"),
        tickets=InMemoryTicketStore(),
        connections=InMemoryConnectionRepository(),
        pusher=RecordingPusher(),
        members=InMemoryMemberDirectory([]),
        clock=clock,
        ticket_guards=[tickets.take_for],
        max_connections=5,
    )


def connect(sessions: SessionService, cid: str, who: Principal = ALICE) -> None:
    sessions.connect(cid, sessions.issue_ticket(who)["ticket"])


def test_a_member_gets_at_most_ten_tickets_a_minute(sessions, clock):
    clock.advance(12)
    for _ in range(10):
        sessions.issue_ticket(ALICE)
    with pytest.raises(RateLimited) as refused:
        sessions.issue_ticket(ALICE)
    assert refused.value.to_json() == {
        "code": "rate_limited", "message": "too many tickets", "retry_after": 48}
    sessions.issue_ticket(BOB)
    clock.advance(48)
    sessions.issue_ticket(ALICE)


def test_a_sixth_live_connection_is_refused_until_one_closes(sessions, clock):
    for i in range(5):
        connect(sessions, f"c{i}")
    ticket = sessions.issue_ticket(ALICE)["ticket"]
    with pytest.raises(RateLimited) as refused:
        sessions.connect("c5", ticket)
    assert refused.value.status == 429 and refused.value.retry_after == 60
    assert sessions.connections.get("c5") is None
    connect(sessions, "b0", BOB)  # the cap is per member
    sessions.disconnect("c0")
    connect(sessions, "c6")
    assert sessions.connections.count_for_member("m-alice") == 5


def test_the_edge_refuses_the_handshake_over_the_cap_with_429(sessions):
    edge = WebSocketEdge(sessions, FrameDispatcher())

    def event(cid: str) -> dict:
        ticket = sessions.issue_ticket(ALICE)["ticket"]
        return {"requestContext": {"connectionId": cid, "domainName": "ws.test",
                                   "stage": "api"},
                "queryStringParameters": {"ticket": ticket}}

    for i in range(5):
        assert edge.connect(event(f"c{i}")) == {"statusCode": 200}
    refused = edge.connect(event("c5"))
    assert refused["statusCode"] == 429
    assert '"code": "rate_limited"' in refused["body"] and '"retry_after": 60' in refused["body"]
    assert edge.connect({"requestContext": {"connectionId": "x", "domainName": "d",
                                            "stage": "s"}})["statusCode"] == 401
