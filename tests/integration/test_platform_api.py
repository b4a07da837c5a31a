"""REST platform routes through Chalice's test client (authorizer included) over moto."""

from __future__ import annotations

import json

import pytest


def post(http, path, body=None, token=None, raw=None):
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    data = raw if raw is not None else json.dumps(body if body is not None else {}).encode()
    return http.post(path, headers=headers, body=data)


def token_for(http, member_id="m-alice", roles=("member",)):
    reply = post(http, "/dev/token", {"member_id": member_id, "roles": list(roles)})
    assert reply.status_code == 200, reply.body
    return json.loads(reply.body)["token"]


def test_health_needs_no_token(http):
    reply = http.get("/health")
    assert reply.status_code == 200 and json.loads(reply.body) == {"status": "ok"}


def test_config_tells_the_websocket_url_and_stage(http, aws):
    assert json.loads(http.get("/config").body) == {
        "ws_url": aws["WS_PUBLIC_URL"],
        "stage": "local",
    }


def test_ticket_needs_a_valid_bearer_token(http):
    token = token_for(http)
    reply = post(http, "/ws/ticket", token=token)
    assert reply.status_code == 200
    body = json.loads(reply.body)
    assert body["expires_in"] == 60 and len(body["ticket"]) >= 40


@pytest.mark.parametrize(
    ("token", "code"), [("garbage", "invalid_token"), ("a.b.c", "invalid_token")]
)
def test_ticket_with_a_bad_token_is_a_json_401(http, token, code):
    reply = post(http, "/ws/ticket", token=token)
    assert reply.status_code == 401
    assert json.loads(reply.body)["code"] == code


def test_ticket_without_any_token_is_401(http):
    reply = http.post("/ws/ticket", headers={"Content-Type": "application/json"}, body=b"{}")
    assert reply.status_code == 401


@pytest.mark.parametrize(
    "raw",
    [
        b"{not json",
        b"[]",
        b'{"member_id": 3, "roles": ["member"]}',
        b'{"member_id": "x", "roles": ["boss"]}',
    ],
)
def test_dev_token_bad_input_is_a_json_400(http, raw):
    reply = post(http, "/dev/token", raw=raw)
    assert reply.status_code == 400
    assert set(json.loads(reply.body)) >= {"code", "message"}


def test_the_shipped_app_has_no_dev_token_route():
    # Imported as Lambda imports it (no local stack): the route is not there at all.
    import subprocess
    import sys
    from pathlib import Path

    probe = "import app; print(sorted(p for p in app.app.routes if p.startswith('/dev')))"
    found = subprocess.run([sys.executable, "-c", probe], cwd=Path(__file__).parents[2],
                           capture_output=True, text=True, timeout=60, check=True)
    assert found.stdout.strip() == "[]"
