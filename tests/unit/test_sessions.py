"""Tokens, single-use tickets, connections and fan-out, over in-memory fakes."""

from __future__ import annotations

import time

import jwt
import pytest

from chalicelib.adapters.jwt.token_codec import JwtTokenCodec
from chalicelib.domain.clock import FixedClock
from chalicelib.domain.errors import Unauthenticated
from chalicelib.domain.identity import Principal
from chalicelib.domain.sessions import SessionService
from tests.support.fakes import (
    InMemoryConnectionRepository,
    InMemoryMemberDirectory,
    InMemoryTicketStore,
    RecordingPusher,
)

SECRET = "unit-test-secret-0123456789-abcdefghij"


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(time.time())


@pytest.fixture
def sessions(clock) -> SessionService:
    return SessionService(
        tokens=JwtTokenCodec(lambda: SECRET, "entraide"),
        tickets=InMemoryTicketStore(),
        connections=InMemoryConnectionRepository(),
        pusher=RecordingPusher(),
        members=InMemoryMemberDirectory([{"member_id": "a-l1", "tier": "L1"}]),
        clock=clock,
    )


def bearer(sessions: SessionService, member_id: str, roles: list[str]) -> str:
    return "Bearer " + sessions.tokens.issue(Principal(member_id, frozenset(roles)), 3600)


@pytest.mark.parametrize("header", [None, "", "Basic abc", "Bearer ", "Bearer not-a-jwt"])
def test_authenticate_refuses_missing_or_malformed_tokens(sessions, header):
    with pytest.raises(Unauthenticated):
        sessions.authenticate(header)


def test_authenticate_refuses_expired_forged_and_wrong_audience(sessions):
    now = int(time.time())
    base = {"sub": "m-a", "roles": ["member"], "aud": "entraide", "iss": "entraide",
            "exp": now + 60}
    expired = jwt.encode({**base, "exp": now - 1}, SECRET, algorithm="HS256")
    forged = jwt.encode(base, "another-secret-another-secret-xx", algorithm="HS256")
    wrong_aud = jwt.encode({**base, "aud": "other"}, SECRET, algorithm="HS256")
    none_alg = jwt.encode(base, None, algorithm="none")
    with pytest.raises(Unauthenticated) as e:
        sessions.authenticate("Bearer " + expired)
    assert e.value.code == "token_expired"
    for token in (forged, wrong_aud, none_alg):
        with pytest.raises(Unauthenticated):
            sessions.authenticate("Bearer " + token)


def test_unknown_roles_in_a_token_are_dropped(sessions):
    token = jwt.encode(
        {"sub": "m-a", "roles": ["member", "root"], "aud": "entraide", "iss": "entraide",
         "exp": time.time() + 60},
        SECRET,
        algorithm="HS256",
    )
    assert sessions.authenticate("Bearer " + token).roles == frozenset({"member"})


def test_ticket_works_once(sessions):
    ticket = sessions.issue_ticket(Principal("m-a", frozenset({"member"})))
    assert ticket["expires_in"] == 60
    connection = sessions.connect("c1", ticket["ticket"])
    assert connection.principal.member_id == "m-a"
    with pytest.raises(Unauthenticated):
        sessions.connect("c2", ticket["ticket"])


def test_expired_ticket_is_refused(sessions, clock):
    ticket = sessions.issue_ticket(Principal("m-a", frozenset({"member"})))["ticket"]
    clock.advance(61)
    with pytest.raises(Unauthenticated):
        sessions.connect("c1", ticket)


@pytest.mark.parametrize("ticket", [None, "", "forged", "x" * 500])
def test_missing_or_forged_ticket_is_refused(sessions, ticket):
    with pytest.raises(Unauthenticated):
        sessions.connect("c1", ticket)


def test_tickets_are_stored_by_digest_not_in_clear(sessions):
    ticket = sessions.issue_ticket(Principal("m-a", frozenset({"member"})))["ticket"]
    assert ticket not in sessions.tickets.items


def connect(sessions: SessionService, cid: str, member: str) -> None:
    ticket = sessions.issue_ticket(Principal(member, frozenset({"member"})))["ticket"]
    sessions.connect(cid, ticket)


def test_push_reaches_every_device_and_drops_only_the_gone_one(sessions):
    connect(sessions, "phone", "m-a")
    connect(sessions, "laptop", "m-a")
    connect(sessions, "bob", "m-b")
    sessions.pusher.gone.add("laptop")
    sent = sessions.push_to_members(["m-a", "m-b", "m-a"], {"type": "x"})
    assert sent == 2
    assert sessions.connections.get("laptop") is None
    assert sessions.connections.get("phone") is not None
    assert sessions.connections.get("bob") is not None
    assert sessions.pusher.frames["phone"] == [{"type": "x"}]


def test_reply_to_a_gone_sender_forgets_that_connection(sessions):
    connect(sessions, "c1", "m-a")
    sessions.pusher.gone.add("c1")
    sessions.reply(sessions.connection("c1"), {"type": "ack"})
    assert sessions.connections.get("c1") is None


def test_is_online_follows_connections(sessions):
    assert not sessions.is_online("m-a")
    connect(sessions, "c1", "m-a")
    assert sessions.is_online("m-a")
    sessions.disconnect("c1")
    assert not sessions.is_online("m-a")
