"""Every registered route and WebSocket action declares who may call it, and the edge refuses
the others before any view or service runs (chalicelib/api/edge.py)."""

from __future__ import annotations

import importlib
import pkgutil
import re
from typing import Any

import pytest

import chalicelib.api
from chalicelib.api.chat import ACTIONS
from chalicelib.api.edge import Access
from chalicelib.domain.errors import Unauthenticated
from chalicelib.domain.identity import Principal

# Adding a public route is a decision: it must be listed here too.
PUBLIC = {
    ("/health", "GET"),
    ("/config", "GET"),
    ("/members/{member_id}/badge", "GET"),
    ("/claims/{claim_id}/response", "POST"),
    ("/claims/{claim_id}/question", "GET"),
    ("/ingest/bookings", "POST"),
    ("/ingest/members", "POST"),
}
MEMBER_TOKEN = "Bearer member-token"


class Untouchable:
    """The composition root as the edge may see it before a view runs: only `sessions`."""

    def __init__(self) -> None:
        self.reached: list[str] = []
        self.sessions = Sessions()

    def __getattr__(self, name: str) -> Any:
        self.reached.append(name)
        raise AssertionError(f"a view reached services().{name}")


class Sessions:
    def authenticate(self, authorization: str | None) -> Principal:
        if authorization == MEMBER_TOKEN:
            return Principal("m-1", frozenset({"member"}))
        raise Unauthenticated("invalid token", code="invalid_token")

    def effective(self, principal: Principal) -> Principal:
        return principal


@pytest.fixture
def root(monkeypatch) -> Untouchable:
    stub = Untouchable()
    for module in pkgutil.iter_modules(chalicelib.api.__path__):
        loaded = importlib.import_module(f"chalicelib.api.{module.name}")
        if hasattr(loaded, "services"):
            monkeypatch.setattr(loaded, "services", lambda: stub)
    return stub


def routes() -> list[tuple[str, str, Any]]:
    """The shipped routes (not the local stack's POST /dev/token, added at its start and by
    the integration fixtures; tests/unit/test_dev_tokens.py keeps it out of the package)."""
    import app

    return [(path, method, entry) for path, methods in app.app.routes.items()
            for method, entry in methods.items()
            if method != "OPTIONS" and not entry.view_function.__module__.startswith("devstack")]


def concrete(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "x1", path)


def test_every_route_declares_its_access_at_the_edge():
    found = routes()
    assert len(found) >= 40
    for path, method, entry in found:
        access = getattr(entry.view_function, "access", None)
        assert isinstance(access, Access), f"{method} {path} bypasses the edge"
        assert (path, method) in PUBLIC if access.is_public else entry.authorizer is not None
    assert {(p, m) for p, m, e in found if e.view_function.access.is_public} == PUBLIC


@pytest.mark.parametrize("path,method", sorted(
    (p, m) for p, m, _ in routes() if (p, m) not in PUBLIC))
def test_no_protected_route_is_reachable_without_a_valid_token(root, path, method):
    from chalice.test import Client

    import app

    with Client(app.app) as client:
        call = getattr(client.http, method.lower())
        anonymous = call(concrete(path), headers={"Content-Type": "application/json"}, body=b"{}")
        forged = call(concrete(path), body=b"{}", headers={
            "Content-Type": "application/json", "Authorization": "Bearer forged"})
    assert anonymous.status_code == 401
    assert forged.status_code == 401, forged.body
    assert forged.json_body["code"] == "invalid_token"
    assert root.reached == []


@pytest.mark.parametrize("path,method", sorted(
    (p, m) for p, m, e in routes()
    if not e.view_function.access.is_public and "member" not in e.view_function.access.roles))
def test_a_member_is_refused_staff_routes_before_the_view_runs(root, path, method):
    from chalice.test import Client

    import app

    with Client(app.app) as client:
        reply = getattr(client.http, method.lower())(concrete(path), body=b"{}", headers={
            "Content-Type": "application/json", "Authorization": MEMBER_TOKEN})
    assert reply.status_code == 403, reply.body
    assert reply.json_body["code"] == "forbidden"
    assert root.reached == []


def test_every_websocket_action_declares_who_may_send_it():
    names = [a.name for a in ACTIONS]
    assert len(names) == len(set(names)) == 10
    for action in ACTIONS:
        assert isinstance(action.access, Access) and not action.access.is_public
        assert action.access.roles, action.name


def test_a_route_without_declared_access_cannot_be_registered():
    from chalicelib.api.edge import ContextBlueprint

    with pytest.raises(TypeError, match="access="):
        ContextBlueprint(__name__).route("/open", methods=["GET"])


@pytest.mark.parametrize("web_url,origin", [
    ("https://help.example/app/", "https://help.example"),
    ("", None),
])
def test_cors_answers_only_the_web_clients_origin(web_url, origin):
    # Never `*`: browsers may call the API only from where the web clients are served.
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    probe = ("import app, json; print(json.dumps(sorted({(e.cors.allow_origin if e.cors else None)"
             " for m in app.app.routes.values() for e in m.values()}, key=str)))")
    env = {**os.environ, "WEB_URL": web_url}
    found = subprocess.run([sys.executable, "-c", probe], cwd=Path(__file__).parents[2], env=env,
                           capture_output=True, text=True, timeout=60, check=True)
    assert json.loads(found.stdout) == [origin]
