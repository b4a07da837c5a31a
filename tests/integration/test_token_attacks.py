"""Forged, altered and replayed credentials against the real edge over moto (docs/security.md):
every bearer token below is refused with 401 `invalid_token` (`token_expired` when only
its time is up) before any view runs, and a
WebSocket ticket serves once, for the member it was issued to, and not after it expires."""

from __future__ import annotations

import base64
import json
import time

import jwt
import pytest

from tests.support.aws_fixtures import TEST_ENV

SECRET = TEST_ENV["JWT_SECRET"]


def claims(**overrides):
    now = int(time.time())
    body = {"sub": "m-david", "roles": ["member"], "aud": "entraide", "iss": "entraide",
            "iat": now, "exp": now + 600}
    body.update(overrides)
    return {k: v for k, v in body.items() if v is not None}


def b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def signed(**overrides) -> str:
    return jwt.encode(claims(**overrides), SECRET, algorithm="HS256")


def tampered() -> str:
    """A valid member token whose payload is rewritten to staff, the signature kept."""
    header, _, signature = signed().split(".")
    return ".".join([header, b64(claims(roles=["agent", "supervisor", "admin"])), signature])


def unsigned() -> str:
    """`alg: none`: a payload with no signature at all."""
    return f"{b64({'alg': 'none', 'typ': 'JWT'})}.{b64(claims(roles=['admin']))}."


ATTACKS = {
    "alg none": unsigned,
    "HS512 with the right key (algorithm not pinned)":
        lambda: jwt.encode(claims(), SECRET, algorithm="HS512"),
    "signed with another key": lambda: jwt.encode(claims(), "x" * 48, algorithm="HS256"),
    "wrong audience": lambda: signed(aud="another-app"),
    "wrong issuer": lambda: signed(iss="https://evil.example"),
    "no issuer": lambda: signed(iss=None),
    "expired": lambda: signed(exp=int(time.time()) - 5),
    "no expiry": lambda: signed(exp=None),
    "no subject": lambda: signed(sub=None),
    "payload altered after signing": tampered,
    "unknown tier": lambda: signed(roles=["agent"], tier="god"),
    "not a JWT": lambda: "definitely-not-a-token",
}


@pytest.mark.filterwarnings("ignore::jwt.warnings.InsecureKeyLengthWarning")
def test_a_forged_or_altered_token_is_refused_at_the_edge(services, http):
    answers = {}
    for attack, forge in sorted(ATTACKS.items()):
        token = forge()
        for method, path in (("GET", "/conversations"), ("GET", "/audit"),
                             ("POST", "/ws/ticket")):
            reply = getattr(http, method.lower())(path, body=b"{}", headers={
                "Content-Type": "application/json", "Authorization": f"Bearer {token}"})
            answers[(attack, path)] = (reply.status_code, reply.json_body.get("code"))
    # An expired token says so, for the client to sign in again; the others say nothing more.
    assert answers == {
        (attack, path): (401, "token_expired" if attack == "expired" else "invalid_token")
        for attack, path in answers}
    assert len(answers) == 3 * len(ATTACKS)


def test_the_genuine_token_of_the_same_shape_is_accepted(services, http):
    # The control for the attacks above: only what was changed makes them fail.
    reply = http.get("/conversations", headers={"Authorization": f"Bearer {signed()}"})
    assert reply.status_code == 200, reply.body


def ticket_for(http, token: str) -> str:
    reply = http.post("/ws/ticket", body=b"{}", headers={
        "Content-Type": "application/json", "Authorization": f"Bearer {token}"})
    assert reply.status_code == 200, reply.body
    return reply.json_body["ticket"]


def connect(ws, cid: str, ticket: str) -> int:
    return ws.module.ws_connect(ws.event("$connect", cid, query={"ticket": ticket}), None)[
        "statusCode"]


def test_a_ticket_serves_once_and_only_as_the_member_it_was_issued_to(services, http, ws):
    alice = ticket_for(http, signed(sub="m-alice"))
    # The ticket route takes the identity from the token, never from the body.
    reply = http.post("/ws/ticket", body=json.dumps({"member_id": "m-alice"}).encode(), headers={
        "Content-Type": "application/json", "Authorization": f"Bearer {signed()}"})
    assert connect(ws, "david-1", reply.json_body["ticket"]) == 200
    assert connect(ws, "alice-1", alice) == 200
    # Replayed by Alice or by anyone who copied it (a shared screen, a log): refused.
    assert connect(ws, "alice-2", alice) == 401
    assert connect(ws, "david-2", alice) == 401

    def connected(member):
        return [c.connection_id for c in services.sessions.connections.for_member(member)]

    assert (connected("m-alice"), connected("m-david")) == (["alice-1"], ["david-1"])


def test_a_stolen_ticket_is_useless_once_it_expires(services, http, ws, monkeypatch):
    ticket = ticket_for(http, signed(sub="m-alice"))
    later = time.time() + services.sessions.ticket_ttl + 1
    monkeypatch.setattr(services.sessions.clock, "time", lambda: later)
    assert connect(ws, "thief-1", ticket) == 401
