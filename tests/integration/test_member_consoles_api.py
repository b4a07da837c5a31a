"""What the member's and the Helper's consoles read, over moto: the caller's own claims
(`GET /claims`, both sides, newest first, paged), their recent bookings (`GET
/bookings/recent`), and the answering Helper named in the transcript after a reload."""

from __future__ import annotations

import json

from tests.integration.test_chat import MEMBER, assigned_pair
from tests.support.claims_aws import ClaimsWorld


def test_each_party_lists_the_claim_from_their_side_and_nobody_else_sees_it(
    world: ClaimsWorld,
) -> None:
    claim_id = world.file("m-alice")

    status, alice = world.call("GET", "/claims", "m-alice")
    assert status == 200, alice
    [line] = alice["claims"]
    assert line["claim_id"] == claim_id and line["role"] == "claimant"
    assert line["booking_id"] == "bk-1" and line["problem"] == "driver_no_show"
    assert line["status"] and line["updated_at"] and alice["next_cursor"] is None

    status, bob = world.call("GET", "/claims", "m-bob")
    assert status == 200
    assert [(c["claim_id"], c["role"]) for c in bob["claims"]] == [(claim_id, "counterpart")]
    assert bob["claims"][0]["booking_id"] == "bk-1"

    assert world.call("GET", "/claims", "m-david")[1]["claims"] == []


def test_claims_of_both_sides_come_newest_first_a_page_at_a_time(world: ClaimsWorld) -> None:
    first = world.file("m-alice", problem="driver_no_show")
    second = world.file("m-bob", problem="passenger_no_show", answers={
        "at_meeting_point": True, "waited_minutes": 20, "contacted": True})
    status, page = world.call("GET", "/claims?limit=1", "m-bob")
    assert status == 200, page
    assert [(c["claim_id"], c["role"]) for c in page["claims"]] == [(second, "claimant")]
    cursor = page["next_cursor"]
    status, rest = world.call("GET", f"/claims?limit=1&cursor={cursor}", "m-bob")
    assert [(c["claim_id"], c["role"]) for c in rest["claims"]] == [(first, "counterpart")]
    assert rest["next_cursor"] is None
    status, bad = world.call("GET", "/claims?cursor=forged", "m-bob")
    assert (status, bad["code"]) == (400, "bad_cursor")


def test_recent_bookings_are_the_callers_own_with_their_side(world: ClaimsWorld) -> None:
    status, alice = world.call("GET", "/bookings/recent", "m-alice")
    assert status == 200, alice
    sides = {b["booking_id"]: b["side"] for b in alice["bookings"]}
    assert sides == {"bk-1": "passenger", "bk-2": "driver"}
    departures = [b["departure_at"] for b in alice["bookings"]]
    assert departures == sorted(departures, reverse=True)
    assert world.call("GET", "/bookings/recent", "m-david")[1]["bookings"] == []


def test_the_transcript_names_the_answering_helper_for_a_reloaded_page(
    services, ws, http,
) -> None:
    from devstack.seed import seed_members

    seed_members(services)
    _, _, conversation_id = assigned_pair(ws)
    token = ws.token("m-alice", MEMBER)
    reply = http.get(f"/conversations/{conversation_id}",
                     headers={"Authorization": f"Bearer {token}"})
    helper = json.loads(reply.body)["helper"]
    assert helper["id"] == "h-1" and helper["badge"] == "helper"
    assert helper["display_name"] and helper["display_name"] != "h-1"
