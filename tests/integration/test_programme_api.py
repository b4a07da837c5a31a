"""Helper programme routes over moto: applications, staff decisions, the role in the members
mirror, the public badge, the presence guard, leaderboards without Scan, rewards."""

from __future__ import annotations

import json

import pytest

from chalicelib.domain.clock import FixedClock
from chalicelib.domain.identity import Principal
from devstack.dev_tokens import mint
from devstack.lambda_runtime import lambda_handler, scheduled_event
from devstack.programme_seed import seed_programme
from devstack.seed import seed_members
from tests.support.aws_fixtures import stored_member

STAFF = ["agent", "supervisor"]
HELPER = ["member", "helper"]


class Api:
    """REST calls as a given member, answering (status, decoded body)."""

    def __init__(self, http, services) -> None:
        self.http = http
        self.services = services

    def call(self, method, path, member=None, roles=("member",), body=None):
        headers = {"Content-Type": "application/json"}
        if member:
            token = mint(self.services, {"member_id": member, "roles": list(roles)})
            headers["Authorization"] = f"Bearer {token}"
        data = json.dumps(body).encode() if body is not None else b""
        reply = getattr(self.http, method.lower())(path, headers=headers, body=data)
        return reply.status_code, json.loads(reply.body) if reply.body else None

    def staff(self, method, path, body=None):
        return self.call(method, path, "s-1", STAFF, body)


@pytest.fixture
def api(services, http):
    seed_members(services)
    return Api(http, services)


def mirror(services, member_id):
    member = stored_member(member_id)
    return member["roles"], member["profile"].get("helper", {})


def test_approval_grants_the_role_in_the_mirror_and_the_public_badge(api, services):
    assert api.call("GET", "/programme/eligibility", "m-chloe") == (
        200,
        {"eligible": True, "reasons": []},
    )
    status, record = api.call(
        "POST", "/programme/applications", "m-chloe", body={"languages": ["fr"], "topics": ["trip"]}
    )
    assert (status, record["status"], record["version"]) == (201, "pending", 1)
    assert mirror(services, "m-chloe") == (
        ["member"],
        {"status": "pending", "languages": ["fr"], "topics": ["trip"], "flagged": False},
    )
    status, queue = api.staff("GET", "/programme/applications?status=pending")
    assert [r["member_id"] for r in queue["helpers"]] == ["m-chloe"]
    # A member cannot decide; staff approve.
    assert api.call("POST", "/programme/helpers/m-chloe/approve", "m-alice")[0] == 403
    status, approved = api.staff("POST", "/programme/helpers/m-chloe/approve", {"note": "welcome"})
    assert (status, approved["status"], approved["history"][-1]["by"]) == (200, "approved", "s-1")
    assert mirror(services, "m-chloe")[0] == ["helper", "member"]
    # The badge is public: no token at all.
    status, badge = api.call("GET", "/members/m-chloe/badge?lang=fr")
    assert (status, badge["helper"], badge["level"]["label"]) == (200, True, "Nouveau Helper")
    # Two staff approving at once: the second finds the record moved on.
    assert api.staff("POST", "/programme/helpers/m-chloe/approve")[1]["code"] == "wrong_status"


def test_suspension_revokes_the_role_hides_the_badge_and_refuses_presence(api, services, ws):
    api.call(
        "POST", "/programme/applications", "m-chloe", body={"languages": ["fr"], "topics": ["trip"]}
    )
    api.staff("POST", "/programme/helpers/m-chloe/approve")
    cid = ws.connect("m-chloe", HELPER)
    assert ws.send(cid, {"action": "presence.set", "status": "available"})["type"] == "ack"

    assert api.staff("POST", "/programme/helpers/m-chloe/suspend", {})[1]["code"] == (
        "reason_required"
    )
    status, record = api.staff(
        "POST", "/programme/helpers/m-chloe/suspend", {"reason": "abusive messages"}
    )
    assert (status, record["status"]) == (200, "suspended")
    assert mirror(services, "m-chloe") == (
        ["member"],
        {"status": "suspended", "languages": ["fr"], "topics": ["trip"], "flagged": False},
    )
    assert api.call("GET", "/members/m-chloe/badge")[1] == {"member_id": "m-chloe", "helper": False}
    # The token still says helper; the mirror is the authority, and the pools were left. The
    # Helper's live connections were told and ended: nothing more is sent on the old role.
    assert services.chat.presence.get("m-chloe").status == "offline"
    assert [e["role"] for e in ws.events(cid, "programme.role_revoked")] == ["helper"]
    refused = ws.send(cid, {"action": "presence.set", "status": "available"})
    assert (refused["type"], refused["code"]) == ("error", "unauthenticated")

    api.staff("POST", "/programme/helpers/m-chloe/reinstate", {"reason": "appeal accepted"})
    assert mirror(services, "m-chloe")[0] == ["helper", "member"]
    again = ws.connect("m-chloe", HELPER)
    assert ws.send(again, {"action": "presence.set", "status": "available"})["type"] == "ack"


def test_an_ineligible_member_sees_every_unmet_condition(api):
    status, error = api.call(
        "POST",
        "/programme/applications",
        "m-david",
        body={"languages": ["en"], "topics": ["booking"]},
    )
    assert (status, error["code"]) == (422, "not_eligible")
    assert api.call("GET", "/programme/eligibility", "m-david")[1]["reasons"] == [
        "too_few_reviews",
        "rating_too_low",
        "positive_share_too_low",
    ]
    # Another member's eligibility is for staff only.
    assert api.call("GET", "/programme/eligibility?member_id=m-alice", "m-david")[0] == 403
    assert api.staff("GET", "/programme/eligibility?member_id=m-alice")[1]["eligible"] is True
    # Anyone may read a badge; a member who is no Helper gets nothing more than that.
    assert api.call("GET", "/members/m-david/badge") == (
        200,
        {"member_id": "m-david", "helper": False},
    )


def test_refusal_needs_a_reason_the_member_can_read(api):
    api.call(
        "POST",
        "/programme/applications",
        "m-alice",
        body={"languages": ["fr"], "topics": ["booking"]},
    )
    assert api.staff("POST", "/programme/helpers/m-alice/refuse")[0] == 400
    api.staff("POST", "/programme/helpers/m-alice/refuse", {"reason": "not now"})
    status, record = api.call("GET", "/programme/helpers/m-alice", "m-alice")
    assert (status, record["status"], record["history"][-1]["reason"]) == (
        200,
        "refused",
        "not now",
    )
    again = api.call(
        "POST",
        "/programme/applications",
        "m-alice",
        body={"languages": ["fr"], "topics": ["booking"]},
    )
    assert (again[0], again[1]["code"]) == (422, "reapply_too_soon")


def record_dynamodb_operations(services):
    from chalicelib.adapters.dynamodb.models.programme import ProgrammeRecord

    client = ProgrammeRecord._get_connection().connection.client
    seen: list[str] = []
    client.meta.events.register("before-call.dynamodb", lambda model, **_: seen.append(model.name))
    return seen


def test_leaderboards_rank_active_helpers_without_scan(api, services):
    seed_programme(services)
    recognition = services.recognition
    now = services.clock.time()
    # h-2 and h-3 tie on 20 points; h-3 got there first.
    for i, (helper, conversations) in enumerate((("h-1", 1), ("h-3", 2), ("h-2", 2), ("h-4", 3))):
        for n in range(conversations):
            assert recognition.on_answered(helper, f"cv-{helper}-{n}", now + 10 * i + n)
    assert not recognition.on_answered("h-4", "cv-h-4-0", now)  # redelivered: no double points
    api.staff("POST", "/programme/helpers/h-1/suspend", {"reason": "test"})

    seen = record_dynamodb_operations(services)
    for period in ("week", "month", "all"):
        status, board = api.call("GET", f"/programme/leaderboard?period={period}", "m-alice")
        assert status == 200
        assert [(e["member_id"], e["points"], e["rank"]) for e in board["entries"]] == [
            ("h-4", 30, 1),
            ("h-3", 20, 2),
            ("h-2", 20, 3),
        ]
    assert board["entries"][0]["display_name"] == "Hakim"
    assert "Scan" not in seen and "Query" in seen
    status, standing = api.call("GET", "/programme/standing/h-4", "h-4", HELPER)
    assert standing["points"] == {"week": 30, "month": 30, "all": 30}
    assert api.call("GET", "/programme/leaderboard?period=year", "m-alice")[1]["code"] == (
        "bad_period"
    )


def test_staff_grant_rewards_within_the_helpers_level(api, services):
    seed_programme(services)
    status, catalogue = api.call("GET", "/programme/rewards?lang=fr", "h-1", HELPER)
    assert "Dîner avec l'équipe" in [r["label"] for r in catalogue["rewards"]]
    refused = api.staff("POST", "/programme/helpers/h-1/rewards", {"reward_id": "team_dinner"})
    assert (refused[0], refused[1]["code"]) == (422, "level_too_low")
    assert (
        api.call(
            "POST", "/programme/helpers/h-1/rewards", "h-2", HELPER, {"reward_id": "thank_you_note"}
        )[0]
        == 403
    )
    status, grant = api.staff(
        "POST", "/programme/helpers/h-1/rewards", {"reward_id": "thank_you_note", "note": "merci"}
    )
    assert (status, grant["reward_id"], grant["granted_by"]) == (201, "thank_you_note", "s-1")
    grants = api.call("GET", "/programme/helpers/h-1/rewards", "h-1", HELPER)[1]["grants"]
    assert [(g["reward_id"], g["note"]) for g in grants] == [("thank_you_note", "merci")]


def test_daily_review_flags_low_ratings_and_clears_once_they_leave_the_window(
    api, services, app_module
):
    services.__dict__["clock"] = clock = FixedClock(services.clock.time())
    seed_programme(services)
    for n in range(5):
        services.quality_signals.record_rating("h-2", f"cv-{n}", 2, clock.time() - 3600 + n)
    assert services.programme.review_quality("h-2").is_flagged
    status, flagged = api.staff("GET", "/programme/applications?status=approved&flagged=1")
    assert [r["member_id"] for r in flagged["helpers"]] == ["h-2"]
    assert api.call("GET", "/members/h-2/badge")[1]["helper"] is False

    clock.advance(31 * 86_400)
    review = lambda_handler(app_module.app, "helper_quality_review")
    review(scheduled_event("helper_quality_review", "eu-west-3"), None)
    assert not services.helper_records.get("h-2").is_flagged
    assert api.call("GET", "/members/h-2/badge")[1]["helper"] is True
    assert services.programme.view(Principal("h-2", frozenset(HELPER)), "h-2").history[-1].by == (
        "system"
    )


def test_staff_grant_and_withdraw_transcript_access_audited_and_in_force_at_once(
    api, services, ws
):
    from tests.integration.test_chat import open_request

    seed_programme(services)
    _, conversation_id = open_request(ws, "m-bob")
    transcript = f"/conversations/{conversation_id}"
    assert api.call("GET", transcript, "h-2", HELPER)[0] == 404  # not authorised yet
    assert api.staff("GET", "/programme/helpers/h-2")[1]["transcript_access"] is False
    # Only staff grant it, never to themselves, and only to an active Helper.
    status, refused = api.call("POST", "/programme/helpers/h-2/transcript-access", "h-1",
                               HELPER, {"granted": True})
    assert (status, refused["code"]) == (403, "forbidden")
    status, own = api.staff("POST", "/programme/helpers/s-1/transcript-access", {"granted": True})
    assert (status, own["code"]) == (403, "conflict_of_interest")
    status, body = api.staff("POST", "/programme/helpers/h-2/transcript-access", {"granted": True})
    assert (status, body) == (200, {"member_id": "h-2", "transcript_access": True,
                                    "in_effect": True})
    assert mirror(services, "h-2")[1]["transcript_access"] is True
    assert api.call("GET", transcript, "h-2", HELPER)[0] == 200
    assert api.staff("GET", "/programme/helpers/h-2")[1]["transcript_access"] is True
    withdrawn = api.staff("POST", "/programme/helpers/h-2/transcript-access", {"granted": False})
    assert withdrawn[0] == 200
    assert api.call("GET", transcript, "h-2", HELPER)[0] == 404  # withdrawn: the next read
    assert mirror(services, "h-2")[1]["status"] == "approved"  # nothing else changed
    status, audit = api.call("GET", "/audit", "adm-1", ["admin"])
    changes = [(e["actor"], e["action"], e["subject"]) for e in audit["entries"]
               if e["action"].startswith("programme.")]
    assert changes == [("s-1", "programme.transcript_access.withdraw", "h-2"),
                       ("s-1", "programme.transcript_access.grant", "h-2")]
    status, body = api.staff("POST", "/programme/helpers/m-alice/transcript-access",
                             {"granted": True})
    assert (status, body["code"]) == (404, "not_in_programme")
