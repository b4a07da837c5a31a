"""Who may do what: every registered REST route and WebSocket action, called by each kind of
person, over moto with the demo data, with the exact answer expected of each (docs/security.md).

The matrix is written out below, one row per route or action and one column per person; a route
or action the app registers that is missing here fails the test, as does a row for one it does
not register. Each cell is the answer: `200`, `404 not_found`, `403 forbidden`... for a route,
`ack` or `error <code>` for an action. Rows run in the order written (a few change state: the
answer then depends on the rows before, always the same way).

The people, from the demo data (devstack/demo_data.py):
  anon        no token at all
  member      m-alice, who owns the conversation and the claim the rows name
  other       m-david, another member with nothing to do with them
  helper      h-2, an active Helper (no transcript access)
  suspended   h-4, a Helper the programme suspended (still a member)
  sanctioned  m-chloe, a member moderation suspended (nothing but public routes)
  agent_l1    a-l1, agent tier L1
  agent_l2    a-l2, agent tier L2
  supervisor  s-1
  admin       adm-1
"""

from __future__ import annotations

import json
import re
import time
from typing import Any

import pytest

from devstack.programme_seed import seed_programme
from tests.integration.test_chat import open_request

PEOPLE = {
    "anon": None, "member": "m-alice", "other": "m-david", "helper": "h-2",
    "suspended": "h-4", "sanctioned": "m-chloe", "agent_l1": "a-l1", "agent_l2": "a-l2",
    "supervisor": "s-1", "admin": "adm-1",
}
COLUMNS = list(PEOPLE)

# --- the matrix ---------------------------------------------------------------------------
# Each row: the route (placeholders filled from the world below) or action, then one answer per
# column in COLUMNS order, separated by " | "; "X ×n" is the same answer for n columns in a row.
# Shorthands for the answers that fill most of it:
LEGEND = {
    "U": "401 unauthenticated",  # no token (API Gateway's own answer in AWS)
    "F": "403 forbidden",  # the route's declared roles exclude the caller
    "S": "403 member_suspended",  # moderation suspended the caller: refused on every request
    "C": "connect 401",  # a WebSocket without ticket is refused at $connect
    "N": "no connection",  # POST /ws/ticket refused, so no WebSocket to send on
    "f": "error forbidden",  # the action's declared roles exclude the caller
    "np": "error not_participant",
}
ACTION_ROWS: dict[str, str] = {
    "ping": "C | ack ×4 | N | ack ×4",
    "presence.set": "C | f ×2 | ack | f | N | ack ×3 | f",
    "help.open": "C | ack ×4 | N | f ×4",
    "help.accept": "C | f ×2 | ack | f | N | error already_taken ×3 | f",
    "message.send": "C | ack | np | ack | np | N | np ×4",
    "message.sync":
        "C | ack | error conversation_not_found | ack | error conversation_not_found | N | ack ×4",
    "conversation.escalate": "C | ack | np | ack | np | N | np ×4",
    "conversation.join": "C | f ×4 | N | ack ×4",
    "conversation.close": "C | ack | np | ack | np | N | ack ×4",
    "conversation.rate": "C | ack | error not_the_member ×3 | N | f ×4",
}
ROUTE_ROWS: dict[str, str] = {
    "GET /agent/queue": "U | F ×4 | S | 200 ×4",
    "GET /audit": "U | F ×4 | S | F ×2 | 200 ×2",
    "GET /bookings/recent": "U | 200 ×4 | S | 200 ×4",
    "GET /claims": "U | 200 ×4 | S | 200 ×4",
    "GET /claims/catalog": "U | 200 ×4 | S | 200 ×4",
    "GET /claims/{claim_id}": "U | 200 | 403 not_a_party ×3 | S | 200 ×4",
    "GET /claims/{claim_id}/question": "403 invalid_code ×10",
    "GET /claims/{claim_id}/review": "U | F ×4 | S | 200 ×4",
    "GET /config": "200 ×10",
    "GET /conversations": "U | 200 ×4 | S | 200 ×4",
    "GET /conversations/{conversation_id}":
        "U | 200 | 404 conversation_not_found | 200 | 404 conversation_not_found | S | 200 ×4",
    "GET /gestures/audit": "U | F ×4 | S | F ×2 | 200 ×2",
    "GET /health": "200 ×10",
    "GET /kb/articles": "U | F ×4 | S | 200 ×4",
    "GET /kb/articles/{article_id}": "U | 200 ×4 | S | 200 ×4",
    "GET /kb/suggest": "U | 200 ×4 | S | 200 ×4",
    "GET /members/{member_id}/badge": "200 ×10",
    # Erasure (docs/privacy.md): the member themself or an admin; the admin cell erases h-5.
    "DELETE /members/{member_id}/data": "U | 404 member_not_found ×4 | S | F ×3 | 200",
    "GET /metrics/capacity": "U | F ×4 | S | 400 arrivals_required ×4",
    "GET /metrics/summary": "U | F ×4 | S | 200 ×4",
    "GET /moderation/queue": "U | F ×4 | S | 200 ×4",
    "GET /programme/applications": "U | F ×4 | S | 200 ×4",
    "GET /programme/eligibility": "U | 200 ×4 | S | 200 ×4",
    "GET /programme/helpers/{member_id}": "U | F ×4 | S | 200 ×4",
    "GET /programme/helpers/{member_id}/rewards": "U | F ×4 | S | 200 ×4",
    "GET /programme/leaderboard": "U | 200 ×4 | S | 200 ×4",
    "GET /programme/rewards": "U | 200 ×4 | S | 200 ×4",
    "GET /programme/standing/{member_id}": "U | 200 ×4 | S | 200 ×4",
    "PATCH /kb/articles/{article_id}": "U | F ×4 | S | 400 bad_input ×4",
    "POST /claims": "U | 400 missing_idempotency_key ×4 | S | F ×4",
    "POST /claims/{claim_id}/approval": "U | F ×4 | S | F ×2 | 409 not_awaiting_approval | F",
    "POST /claims/{claim_id}/decision": "U | F ×4 | S | 409 not_awaiting_decision ×3 | F",
    "POST /claims/{claim_id}/response": "400 bad_confirm ×5 | S | 400 bad_confirm ×4",
    "POST /ingest/bookings": "401 bad_signature ×10",
    "POST /ingest/members": "401 bad_signature ×10",
    "POST /kb/articles": "U | F ×4 | S | 400 bad_lang ×4",
    "POST /kb/articles/from-conversation/{conversation_id}":
        "U | F ×4 | S | 201 | 409 already_captured ×3",
    "POST /kb/articles/{article_id}/archive": "U | F ×4 | S | 200 ×4",
    "POST /kb/articles/{article_id}/publish": "U | F ×4 | S | 200 ×4",
    "POST /moderation/check": "U | F ×4 | S | 400 bad_input ×4",
    "POST /moderation/images/check": "U | F ×4 | S | 400 bad_input ×4",
    "POST /moderation/items/{item_id}/decision": "U | F ×4 | S | 400 bad_input ×4",
    "POST /programme/applications": "U | 400 bad_input ×4 | S | 400 bad_input ×4",
    "POST /programme/helpers/{member_id}/approve": "U | F ×4 | S | 409 wrong_status ×4",
    "POST /programme/helpers/{member_id}/clear-flag": "U | F ×4 | S | 422 not_flagged ×4",
    "POST /programme/helpers/{member_id}/refuse": "U | F ×4 | S | 409 wrong_status ×4",
    "POST /programme/helpers/{member_id}/reinstate": "U | F ×4 | S | 409 wrong_status ×4",
    "POST /programme/helpers/{member_id}/rewards": "U | F ×4 | S | 404 unknown_reward ×4",
    "POST /programme/helpers/{member_id}/suspend": "U | F ×4 | S | 400 reason_required ×4",
    "POST /programme/helpers/{member_id}/transcript-access": "U | F ×4 | S | 400 bad_input ×4",
    "POST /ws/ticket": "U | 200 ×4 | S | 200 ×4",
    "POST /programme/leave":
        "U | 404 not_in_programme ×2 | 200 | 409 wrong_status | S | 404 not_in_programme ×4",
}


def _parse(rows: dict[str, str]) -> dict[str, dict[str, str]]:
    parsed = {}
    for key, line in rows.items():
        cells = []
        for cell in (c.strip() for c in line.split("|")):
            answer, _, times = cell.partition(" ×")
            cells += [LEGEND.get(answer, answer)] * int(times or 1)
        assert len(cells) == len(COLUMNS), f"{key}: {len(cells)} cells"
        parsed[key] = dict(zip(COLUMNS, cells, strict=True))
    return parsed


# --- the world ----------------------------------------------------------------------------


class Matrix:
    """The demo world with one conversation and one claim of Alice's, and each person's
    token and (where they may have one) WebSocket connection."""

    def __init__(self, world: Any, ws: Any) -> None:
        self.world, self.ws = world, ws
        seed_programme(world.services)
        self.cid_alice, self.conversation = open_request(ws, "m-alice")
        self.claim = world.file("m-alice")
        status, article = world.call("POST", "/kb/articles", "s-1", {
            "lang": "fr", "question": "Comment annuler ?", "answer": "Depuis Mes trajets.",
            "tags": ["booking"], "topic": "booking"})
        assert status == 201, article
        self.article = article["article_id"]
        published = world.call("POST", f"/kb/articles/{self.article}/publish", "s-1",
                               {"expected_version": article["version"]})
        assert published[0] == 200, published
        suspended = world.call("POST", "/programme/helpers/h-4/suspend", "s-1",
                               {"reason": "matrix"})
        assert suspended[0] == 200, suspended
        from chalicelib.adapters.dynamodb.moderation_store import DynamoSanctionsLedger

        DynamoSanctionsLedger().suspend("m-chloe", "matrix", "s-1", time.time())
        self.sockets: dict[str, str | None] = {}
        self.sent = 0

    def fill(self, path: str) -> str:
        values = {"claim_id": self.claim, "conversation_id": self.conversation,
                  "article_id": self.article, "member_id": "h-5", "item_id": "mod-unknown"}
        return re.sub(r"\{(\w+)\}", lambda m: values[m.group(1)], path)

    def rest(self, method: str, path: str, person: str, body: Any) -> str:
        status, answer = self.world.call(method, self.fill(path), PEOPLE[person], body)
        if status >= 400:
            assert set(answer) >= {"code", "message"}, (method, path, person, answer)
            return f"{status} {answer['code']}"
        return str(status)

    def socket(self, person: str) -> str | None:
        """The person's connection, opened once with a ticket from POST /ws/ticket, as a
        client does (None when no ticket is issued)."""
        if person not in self.sockets:
            status, ticket = self.world.call("POST", "/ws/ticket", PEOPLE[person])
            self.sockets[person] = None
            if status == 200:
                cid = f"matrix-{person}"
                event = self.ws.event("$connect", cid, query={"ticket": ticket["ticket"]})
                assert self.ws.module.ws_connect(event, None)["statusCode"] == 200
                self.sockets[person] = cid
        return self.sockets[person]

    def action(self, name: str, person: str) -> str:
        if person == "anon":
            reply = self.ws.module.ws_connect(self.ws.event("$connect", "anon-1"), None)
            return f"connect {reply['statusCode']}"
        cid = self.socket(person)
        if cid is None:
            return "no connection"
        self.sent += 1
        frame = {"action": name, "conversation_id": self.conversation, "status": "available",
                 "topic": "booking", "lang": "fr", "text": "Bonjour", "consent": True,
                 "client_msg_id": f"matrix-{self.sent}", "reason": "help", "score": 5,
                 "after_seq": 0}
        reply = self.ws.send(cid, frame)
        return "ack" if reply["type"] == "ack" else f"error {reply['code']}"


@pytest.fixture
def matrix(world, ws) -> Matrix:
    return Matrix(world, ws)


def registered_routes() -> set[str]:
    import app

    return {f"{method} {path}" for path, methods in app.app.routes.items()
            for method, entry in methods.items()
            if method != "OPTIONS" and not entry.view_function.__module__.startswith("devstack")}


def test_every_route_and_action_answers_each_person_as_the_matrix_says(matrix):
    from chalicelib.api.chat import ACTIONS

    assert set(ACTION_ROWS) == {a.name for a in ACTIONS}
    assert set(ROUTE_ROWS) == registered_routes()
    observed: dict[str, dict[str, str]] = {}
    for name in ACTION_ROWS:
        observed[name] = {p: matrix.action(name, p) for p in COLUMNS}
    # Erasures last: the admin's cell erases h-5, whom other rows read.
    for key in sorted(ROUTE_ROWS, key=lambda k: k.startswith("DELETE ")):
        method, path = key.split(" ", 1)
        # An empty body: enough to see who gets past authorization without changing much.
        observed[key] = {p: matrix.rest(method, path, p, {}) for p in COLUMNS}
    expected = {**_parse(ACTION_ROWS), **_parse(ROUTE_ROWS)}
    mismatches = {k: " | ".join(observed[k].values()) for k in expected
                  if observed[k] != expected[k]}
    assert not mismatches, json.dumps(mismatches, indent=1, ensure_ascii=False)
