"""The real settle_claim definition, rendered from the template, executed by moto for every
outcome family, driven end to end through the app: REST routes, the SQS consumers, the
WebSocket pushes and the marketplace topic. Waits that must time out get 1-2 s in the input."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from chalicelib.policies.pro_queue import ProQueueAgentQueue
from tests.support.claims_aws import ClaimsWorld, timeline_events


def pushed(world: ClaimsWorld, cid: str, type_: str) -> list[dict[str, Any]]:
    return [f for f in world.services.pusher.frames.get(cid, []) if f["type"] == type_]


def test_confirmed_no_show_is_settled_automatically_and_both_parties_are_told(world, ws):
    alice = ws.connect("m-alice", ["member"])
    bob = ws.connect("m-bob", ["member"])
    claim_id = world.file("m-alice", hold=True)
    world.waiting_for(claim_id, "counterpart")
    [asked] = pushed(world, bob, "claim.confirmation_requested")
    assert asked["claim_id"] == claim_id and asked["problem"] == "driver_no_show"
    assert "token" not in str(asked).lower()

    status, body = world.call("POST", f"/claims/{claim_id}/response", "m-bob",
                              {"confirm": True, "comment": "Sorry, I overslept"})
    assert status == 200, body
    claim = world.finished(claim_id)

    assert world.execution(claim_id)["status"] == "SUCCEEDED"
    assert claim["status"] == "closed" and claim["resolution"] == "refund_full"
    assert claim["decided_by"] == "auto"
    # The workflow marks the claim before it sends the request the consumer notifies from.
    assert timeline_events(claim) == [
        "filed", "workflow_started", "payment_held", "counterpart_asked", "counterpart_notified",
        "counterpart_confirmed", "settled", "closed",
    ]
    assert world.events_of(claim_id) == [
        "payment.hold", "refund", "no_penalty", "reliability.mark", "payment.release"]
    refund = world.events.for_claim(claim_id)[1]
    assert (refund["member_id"], refund["amount_cents"]) == ("m-alice", 2800)
    for cid in (alice, bob):
        assert {"type": "claim.updated", "claim_id": claim_id, "status": "settled"} in pushed(
            world, cid, "claim.updated")


def test_disputed_claim_goes_to_the_agents_who_decide(world):
    claim_id = world.file("m-alice")
    world.waiting_for(claim_id, "counterpart")
    status, _ = world.call("POST", f"/claims/{claim_id}/response", "m-bob",
                           {"confirm": False, "comment": "I was there"})
    assert status == 200
    world.waiting_for(claim_id, "agent")
    status, queue = world.call("GET", "/agent/queue", "a-l1")
    item = next(i for i in queue["items"] if i["ref_id"] == claim_id)
    assert (item["kind"], item["reason"], item["ticket_id"]) == (
        "claim", "disputed", ProQueueAgentQueue.ticket_id(claim_id))

    status, body = world.call("POST", f"/claims/{claim_id}/decision", "a-l1",
                              {"outcome": "refund_half", "gesture_eur": 10})
    assert status == 200, body
    claim = world.finished(claim_id)
    assert claim["status"] == "closed" and claim["resolution"] == "refund_half"
    assert claim["decided_by"] == "a-l1"
    assert {"counterpart_disputed", "escalated", "agent_decided", "settled"} <= set(
        timeline_events(claim))
    assert world.events_of(claim_id) == ["refund", "goodwill.credit", "payment.release"]
    status, queue = world.call("GET", "/agent/queue", "a-l1")
    assert claim_id not in [i["ref_id"] for i in queue["items"]]


def test_silence_applies_the_problem_types_silence_rule(world):
    # driver_no_show with the passenger at the meeting point and the driver contacted: on
    # silence, a low-value refund is granted to a member in good standing.
    world.services.claims.shared.timings = replace(
        world.services.claims.shared.timings, counterpart_seconds=2)
    claim_id = world.file("m-alice")
    claim = world.finished(claim_id, timeout=30)
    assert claim["status"] == "closed" and claim["resolution"] == "refund_full"
    assert "counterpart_silent" in timeline_events(claim)
    assert world.events.for_claim(claim_id)[0]["event_id"].endswith(".silence.1")


def test_silence_on_a_type_that_needs_review_escalates(world):
    # could_not_find_each_other: silence proves nothing, an agent decides.
    world.services.claims.shared.timings = replace(
        world.services.claims.shared.timings, counterpart_seconds=1)
    claim_id = world.file("m-alice", problem="could_not_find_each_other",
                          answers=answers(world, "could_not_find_each_other"))
    world.waiting_for(claim_id, "agent")
    claim = world.claim(claim_id)
    assert claim["status"] == "escalated"
    assert {"counterpart_silent", "escalated"} <= set(timeline_events(claim))


def test_never_automated_type_goes_to_the_agents_at_once(world, ws):
    bob = ws.connect("m-bob", ["member"])
    claim_id = world.file("m-alice", problem="safety", answers=answers(world, "safety"))
    world.waiting_for(claim_id, "agent")
    claim = world.claim(claim_id)
    assert claim["status"] == "escalated"
    assert "counterpart_asked" not in timeline_events(claim)
    assert pushed(world, bob, "claim.confirmation_requested") == []
    status, body = world.call("POST", f"/claims/{claim_id}/decision", "a-l2",
                              {"outcome": "rejected"})
    assert status == 200, body
    assert world.finished(claim_id)["resolution"] == "rejected"


def test_agent_above_delegation_needs_a_supervisors_approval(world):
    claim_id = world.file("m-alice")
    world.waiting_for(claim_id, "counterpart")
    world.call("POST", f"/claims/{claim_id}/response", "m-bob", {"confirm": False})
    world.waiting_for(claim_id, "agent")

    status, body = world.call("POST", f"/claims/{claim_id}/decision", "a-l1",
                              {"outcome": "refund_full", "gesture_eur": 120})
    assert (status, body["code"], body["ceiling_cents"]) == (403, "above_delegation", 5000)
    status, body = world.call("POST", f"/claims/{claim_id}/decision", "a-l1",
                              {"outcome": "refund_full", "gesture_eur": 120,
                               "request_approval": True})
    assert status == 200, body
    world.waiting_for(claim_id, "approval")
    assert world.claim(claim_id)["status"] == "awaiting_approval"
    status, body = world.call("POST", f"/claims/{claim_id}/approval", "a-l1", {"approve": True})
    assert status == 403

    status, body = world.call("POST", f"/claims/{claim_id}/approval", "s-1", {"approve": True})
    assert status == 200, body
    claim = world.finished(claim_id)
    assert claim["status"] == "closed" and claim["decided_by"] == "s-1"
    assert {"approval_requested", "approval_decided", "settled"} <= set(timeline_events(claim))
    credit = next(e for e in world.events.for_claim(claim_id) if e["type"] == "goodwill.credit")
    assert (credit["amount_cents"], credit["granted_by"], credit["approved_by"]) == (
        12000, "a-l1", "s-1")
    status, report = world.call("GET", "/gestures/audit", "s-1")
    assert status == 200 and report["total"]["amount_cents"] == 12000, report


def test_agent_sla_breach_sends_a_reminder_and_the_decision_still_lands(world):
    world.services.claims.shared.timings = replace(
        world.services.claims.shared.timings, agent_sla_seconds=1, urgent_agent_sla_seconds=1)
    claim_id = world.file("m-alice", problem="safety", answers=answers(world, "safety"))
    # The reminder is a new wait with a new token: decide once the consumer has stored it.
    world.pump.until(lambda: any(m.get("reminder") for m in world.pump.delivered))
    claim = world.claim(claim_id)
    assert "agent_sla_breached" in timeline_events(claim) and claim["waiting_for"] == "agent"
    status, queue = world.call("GET", "/agent/queue", "a-l1")
    item = next(i for i in queue["items"] if i["ref_id"] == claim_id)
    assert (item["reason"], item["topic"]) == ("agent_sla_breached", "supervisor")
    status, body = world.call("POST", f"/claims/{claim_id}/decision", "a-l1",
                              {"outcome": "rejected"})
    assert status == 200, body
    assert world.finished(claim_id)["status"] == "closed"


def answers(world: ClaimsWorld, problem: str) -> dict[str, Any]:
    """Valid answers to a problem type's questions (first option, False, minimum, a text)."""
    given: dict[str, Any] = {}
    for q in world.services.claims.shared.catalogue.problem(problem).questions:
        if not q.required or not q.asked(given):
            continue
        given[q.id] = {"choice": lambda q=q: q.options[0].id, "boolean": lambda: False,
                       "number": lambda q=q: q.min or 0, "text": lambda: "He drove too fast",
                       }[q.type]()
    return given
