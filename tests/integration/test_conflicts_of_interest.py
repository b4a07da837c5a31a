"""Conflicts of interest over moto: the bookings' party index and the claims' indexes read by
party, the routing exclusion through the real WebSocket handlers, and the 403s of the claims
and programme routes."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from chalicelib.domain.clock import wire_time
from chalicelib.domain.errors import BadInput
from devstack.dev_tokens import mint
from devstack.seed import seed_members
from tests.support.claims_aws import ClaimsWorld

HELPER = ["member", "helper"]
MEMBER = ["member"]
SAFETY = {"safe_now": True, "kind": "dangerous_driving"}


def push_booking(services, booking_id: str, driver: str, passenger: str, *,
                 departed_days_ago: float = 2, version: int = 1) -> bool:
    """A booking as the marketplace pushes it (the real ingest path); whether it was stored."""
    departure = datetime.now(UTC) - timedelta(days=departed_days_ago)
    return services.bookings_ingest.store({
        "booking_id": booking_id, "version": version, "contribution_cents": 1500,
        "service_fee_cents": 200, "departure_at": departure.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "driver": {"member_id": driver}, "passenger": {"member_id": passenger},
    })["stored"]


def store_claim(claim_id: str, claimant: str, counterpart: str, status: str,
                filed_days_ago: float = 1) -> None:
    """A claim item as the claims service and the workflow leave it."""
    from chalicelib.adapters.dynamodb.models.claims import ClaimRecord

    filed = wire_time(datetime.now(UTC) - timedelta(days=filed_days_ago))
    ClaimRecord(claim_id, booking_id="bk-old", problem="driver_no_show", claimant_id=claimant,
                counterpart_id=counterpart, claimant_side="passenger", filed_at=filed,
                filed_day=filed[:10], status=status).save()


def since(days: float) -> datetime:
    return datetime.now(UTC) - timedelta(days=days)


# --- the indexes read by party ------------------------------------------------------------------


def test_a_booking_is_found_from_either_party_within_the_window(services):
    from chalicelib.adapters.dynamodb.counterparties import DynamoBookingPartners

    assert push_booking(services, "bk-70", "m-david", "m-chloe", departed_days_ago=10)
    partners = DynamoBookingPartners()
    assert partners.booking_partners("m-david", since(90), 100) == {"m-chloe"}
    assert partners.booking_partners("m-chloe", since(90), 100) == {"m-david"}
    assert partners.booking_partners("m-chloe", since(5), 100) == set()


def test_the_latest_bookings_are_read_first_up_to_the_limit(services):
    from chalicelib.adapters.dynamodb.counterparties import DynamoBookingPartners

    for n, driver in enumerate(("m-old", "m-mid", "m-new")):
        push_booking(services, f"bk-8{n}", driver, "m-chloe", departed_days_ago=30 - 10 * n)
    assert DynamoBookingPartners().booking_partners("m-chloe", since(90), 2) == {"m-new", "m-mid"}


def test_party_items_follow_the_newest_version_of_the_booking_only(services):
    from chalicelib.adapters.dynamodb.counterparties import DynamoBookingPartners

    partners = DynamoBookingPartners()
    assert push_booking(services, "bk-71", "m-david", "m-chloe", version=2)
    # An older push changes nothing, party items included.
    assert not push_booking(services, "bk-71", "m-erik", "m-chloe", version=1)
    assert partners.booking_partners("m-chloe", since(90), 100) == {"m-david"}
    # A newer push with another driver moves the driver's party item to them.
    assert push_booking(services, "bk-71", "m-erik", "m-chloe", version=3)
    assert partners.booking_partners("m-chloe", since(90), 100) == {"m-erik"}
    assert partners.booking_partners("m-david", since(90), 100) == set()


def test_party_items_are_never_read_as_bookings_and_their_keys_are_refused(services):
    from chalicelib.adapters.dynamodb.claim_store import DynamoBookingDirectory, party_key

    push_booking(services, "bk-72", "m-david", "m-chloe")
    directory = DynamoBookingDirectory()
    assert directory.get("bk-72").driver_id == "m-david"
    assert directory.get(party_key("driver", "bk-72")) is None
    with pytest.raises(BadInput):
        push_booking(services, party_key("driver", "bk-73"), "m-david", "m-chloe")


def test_claims_are_found_from_either_party_and_lock_items_never(services):
    from chalicelib.adapters.dynamodb.counterparties import DynamoClaimPartners
    from chalicelib.adapters.dynamodb.models.claims import ClaimRecord

    store_claim("cl-a", "m-alice", "m-bob", "escalated")
    store_claim("cl-b", "h-2", "m-alice", "settled")
    store_claim("cl-c", "m-alice", "h-3", "awaiting_counterpart", filed_days_ago=120)
    ClaimRecord("lock#bk-old#driver_no_show", open_claim_id="cl-a", booking_id="bk-old",
                problem="driver_no_show").save()
    found = DynamoClaimPartners().claims_involving("m-alice", since(90), 100)
    assert sorted((c.claimant_id, c.counterpart_id, c.status) for c in found) == [
        ("h-2", "m-alice", "settled"), ("m-alice", "m-bob", "escalated")]


# --- routing through the real WebSocket handlers -------------------------------------------------


@pytest.fixture
def chat(services, ws):
    seed_members(services)
    return ws


def available(ws, helper):
    cid = ws.connect(helper, HELPER)
    assert ws.send(cid, {"action": "presence.set", "status": "available"})["type"] == "ack"
    return cid


def open_request(ws, member):
    cid = ws.connect(member, MEMBER)
    reply = ws.send(cid, {"action": "help.open", "topic": "booking", "lang": "fr",
                          "text": "Mon conducteur n'est pas venu", "consent": True})
    assert reply["type"] == "ack", reply
    return reply["conversation_id"]


def offers(ws, cid):
    return [e["conversation_id"] for e in ws.events(cid, "help.offer")]


def test_a_driver_helper_is_not_offered_his_passengers_request_and_another_helper_is(
    chat, services
):
    push_booking(services, "bk-90", "h-1", "m-alice")  # h-1 drove Alice two days ago
    driver, other = available(chat, "h-1"), available(chat, "h-2")
    conversation_id = open_request(chat, "m-alice")
    assert offers(chat, driver) == [] and offers(chat, other) == [conversation_id]
    refused = chat.send(driver, {"action": "help.accept", "conversation_id": conversation_id})
    assert refused["code"] == "conflict_of_interest"
    accepted = chat.send(other, {"action": "help.accept", "conversation_id": conversation_id})
    assert accepted["type"] == "ack"


def test_the_counterparties_are_kept_on_the_conversation_for_later_offers(chat, services):
    from chalicelib.adapters.dynamodb.models.chat import ConversationRecord

    push_booking(services, "bk-91", "m-alice", "h-1", departed_days_ago=-1)  # Alice drives h-1
    conversation_id = open_request(chat, "m-alice")  # nobody online yet
    assert ConversationRecord.get(conversation_id).counterparties == ["h-1"]
    driver_later = available(chat, "h-1")
    other_later = available(chat, "h-2")
    assert offers(chat, driver_later) == [] and offers(chat, other_later) == [conversation_id]


def test_the_other_party_of_an_open_claim_is_not_offered_the_request(chat, services):
    push_booking(services, "bk-92", "h-2", "m-bob", departed_days_ago=200)  # out of the window
    store_claim("cl-open", "m-bob", "h-2", "escalated", filed_days_ago=20)
    counterpart, other = available(chat, "h-2"), available(chat, "h-1")
    conversation_id = open_request(chat, "m-bob")
    assert offers(chat, counterpart) == [] and offers(chat, other) == [conversation_id]


def test_a_booking_out_of_the_window_and_a_settled_claim_make_no_conflict(chat, services):
    push_booking(services, "bk-93", "h-2", "m-bob", departed_days_ago=200)
    store_claim("cl-settled", "m-bob", "h-2", "settled", filed_days_ago=20)
    helper = available(chat, "h-2")
    conversation_id = open_request(chat, "m-bob")
    assert offers(chat, helper) == [conversation_id]


# --- the claims and programme routes -------------------------------------------------------------


def test_staff_who_are_a_party_of_the_booking_neither_decide_nor_approve_the_claim(
    world: ClaimsWorld,
):
    # The supervisor s-1 drove Alice, who reports dangerous driving: straight to the agents.
    push_booking(world.services, "bk-95", "s-1", "m-alice", departed_days_ago=0.05)
    claim_id = world.file("m-alice", booking_id="bk-95", problem="safety", answers=SAFETY)
    world.waiting_for(claim_id, "agent")
    status, body = world.call("POST", f"/claims/{claim_id}/decision", "s-1",
                              {"outcome": "rejected"})
    assert (status, body["code"]) == (403, "conflict_of_interest")
    status, body = world.call("POST", f"/claims/{claim_id}/decision", "a-l1",
                              {"outcome": "refund_full", "gesture_eur": 120,
                               "request_approval": True})
    assert status == 200, body
    world.waiting_for(claim_id, "approval")
    status, body = world.call("POST", f"/claims/{claim_id}/approval", "s-1", {"approve": True})
    assert (status, body["code"]) == (403, "conflict_of_interest")
    assert world.claim(claim_id, "a-l2")["status"] == "awaiting_approval"


def programme_call(services, http, method, path, member, roles, body=None):
    token = mint(services, {"member_id": member, "roles": roles})
    reply = getattr(http, method.lower())(
        path, headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
        body=json.dumps(body).encode() if body is not None else b"")
    return reply.status_code, json.loads(reply.body) if reply.body else None


def test_staff_never_decide_on_their_own_programme_record_or_reward(services, http):
    seed_members(services)
    chloe_staff = ["member", "agent"]  # Chloé also works in support
    call = lambda *a, **kw: programme_call(services, http, *a, **kw)  # noqa: E731
    status, _ = call("POST", "/programme/applications", "m-chloe", ["member"],
                     {"languages": ["fr"], "topics": ["trip"]})
    assert status == 201
    status, body = call("POST", "/programme/helpers/m-chloe/approve", "m-chloe", chloe_staff)
    assert (status, body["code"]) == (403, "conflict_of_interest")
    status, body = call("POST", "/programme/helpers/m-chloe/approve", "s-1", ["agent"])
    assert (status, body["status"]) == (200, "approved")
    for path, body in (("suspend", {"reason": "a break"}), ("clear-flag", None),
                       ("rewards", {"reward_id": "thank_you_note"})):
        status, answer = call("POST", f"/programme/helpers/m-chloe/{path}", "m-chloe",
                              chloe_staff, body)
        assert (status, answer["code"]) == (403, "conflict_of_interest"), path
    status, record = call("GET", "/programme/helpers/m-chloe", "s-1", ["agent"])
    assert record["status"] == "approved"
