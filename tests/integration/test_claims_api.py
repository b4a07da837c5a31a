"""Claims REST routes over moto: authorisation, idempotency, the SMS code link, late answers,
opt-outs, the signed bookings push and the audit endpoint."""

from __future__ import annotations

import json
import re
import time
from dataclasses import replace

from chalicelib.domain.notifications.segments import count_segments
from chalicelib.domain.signed_push import SIGNATURE_HEADER, TIMESTAMP_HEADER, sign
from tests.support.aws_fixtures import stored_member
from tests.support.claims_aws import NO_SHOW, ClaimsWorld, sms_sent, timeline_events

BOB_PHONE = "+33612345602"
LINK = re.compile(r"https://etr\.test/c/(cl-[0-9a-f]+)\?code=([0-9A-Z]{8})")


def sms_for(phone: str) -> list[str]:
    return [text for number, text in sms_sent() if number == phone]


def code_from_sms(world: ClaimsWorld, claim_id: str) -> str:
    world.pump.until(lambda: any(claim_id in t for t in sms_for(BOB_PHONE)))
    [text] = [t for t in sms_for(BOB_PHONE) if claim_id in t]
    match = LINK.search(text)
    assert match and match.group(1) == claim_id, text
    return match.group(2)


def test_catalogue_is_served_to_signed_in_callers_in_both_languages(world):
    status, body = world.call("GET", "/claims/catalog")
    assert status == 401
    for lang in ("fr", "en"):
        status, body = world.call("GET", f"/claims/catalog?lang={lang}", "m-david")
        ids = {p["id"] for p in body["problems"]}
        assert status == 200 and body["lang"] == lang
        assert {"driver_no_show", "passenger_no_show", "driver_cancelled", "impediment",
                "safety"} <= ids


def test_filing_needs_an_idempotency_key(world):
    status, body = world.call("POST", "/claims", "m-alice", {
        "booking_id": "bk-1", "problem": "driver_no_show", "answers": NO_SHOW})
    assert (status, body["code"]) == (400, "missing_idempotency_key")


def test_a_retry_with_the_same_key_returns_the_same_claim(world):
    first = world.file("m-alice", key="retry-1")
    assert world.file("m-alice", key="retry-1") == first
    status, body = world.call("POST", "/claims", "m-alice", {
        "booking_id": "bk-1", "problem": "driver_no_show", "answers": NO_SHOW,
        "hold_payment": True}, {"Idempotency-Key": "retry-1"})
    assert (status, body["code"]) == (409, "idempotency_key_reused")
    executions = world.sfn.list_executions(
        stateMachineArn=world.env["STATE_MACHINE_SETTLE_CLAIM_ARN"])["executions"]
    assert [e["name"] for e in executions] == [first]


def test_one_open_claim_per_booking_and_problem_until_it_is_over(world):
    world.file("m-alice", key="a")
    status, body = world.call("POST", "/claims", "m-alice", {
        "booking_id": "bk-1", "problem": "driver_no_show", "answers": NO_SHOW},
        {"Idempotency-Key": "b"})
    assert (status, body["code"]) == (409, "claim_already_open")
    # A direct type settles at once: once closed, the lock passes to the next claim.
    first = world.file("m-alice", problem="comfort", answers=comfort())
    assert world.finished(first)["status"] == "closed"
    second = world.file("m-alice", problem="comfort", answers=comfort())
    assert second != first


def test_a_non_party_can_neither_file_nor_read(world):
    status, body = world.call("POST", "/claims", "m-chloe", {
        "booking_id": "bk-1", "problem": "driver_no_show", "answers": NO_SHOW},
        {"Idempotency-Key": "c"})
    assert (status, body["code"]) == (403, "not_a_party")
    claim_id = world.file("m-alice")
    status, body = world.call("GET", f"/claims/{claim_id}", "m-chloe")
    assert (status, body["code"]) == (403, "not_a_party")
    status, body = world.call("GET", f"/claims/{claim_id}", "m-bob")
    assert status == 200 and "answers" not in body and "plan" not in body
    status, body = world.call("GET", f"/claims/{claim_id}")
    assert status == 401


def test_the_claimant_cannot_confirm_their_own_claim(world):
    claim_id = world.file("m-alice")
    world.waiting_for(claim_id, "counterpart")
    status, body = world.call("POST", f"/claims/{claim_id}/response", "m-alice",
                              {"confirm": True})
    assert (status, body["code"]) == (403, "claimant_cannot_respond")
    code = code_from_sms(world, claim_id)
    status, body = world.call("POST", f"/claims/{claim_id}/response?code={code}", "m-alice",
                              {"confirm": True})
    assert (status, body["code"]) == (403, "claimant_cannot_respond")
    status, body = world.call("POST", f"/claims/{claim_id}/response", "m-chloe",
                              {"confirm": True})
    assert (status, body["code"]) == (403, "not_the_counterpart")


def test_the_sms_code_link_works_once_and_a_wrong_code_is_refused(world, capsys, caplog):
    claim_id = world.file("m-alice")
    world.waiting_for(claim_id, "counterpart")
    code = code_from_sms(world, claim_id)
    [text] = [t for t in sms_for(BOB_PHONE) if claim_id in t]
    assert count_segments(text).segments <= 2
    claim = world.claim(claim_id)
    assert {"event": "counterpart_notified", "channel": "sms"}.items() <= next(
        e for e in claim["timeline"] if e["event"] == "counterpart_notified").items()

    wrong = "ZZZZ9999" if code != "ZZZZ9999" else "YYYY9999"
    status, body = world.call("POST", f"/claims/{claim_id}/response?code={wrong}", None,
                              {"confirm": True})
    assert (status, body["code"]) == (403, "invalid_code")
    status, body = world.call("POST", f"/claims/{claim_id}/response?code={code}", None,
                              {"confirm": True})
    assert status == 200, body
    assert body["claim_id"] == claim_id and "answers" not in body
    status, body = world.call("POST", f"/claims/{claim_id}/response?code={code}", None,
                              {"confirm": False})
    assert (status, body["code"]) == (403, "invalid_code")
    settled = world.finished(claim_id)
    assert settled["resolution"] == "refund_full"
    assert next(e for e in settled["timeline"] if e["event"] == "counterpart_confirmed")[
        "via"] == "code"
    # Phone numbers and codes never reach the logs; tokens never reach a reader.
    logs = capsys.readouterr().out + caplog.text
    assert BOB_PHONE not in logs and code not in logs
    assert "task_token" not in json.dumps(world.claim(claim_id))


def test_an_answer_after_the_deadline_is_too_late(world):
    world.services.claims.shared.timings = replace(
        world.services.claims.shared.timings, counterpart_seconds=1)
    claim_id = world.file("m-alice", problem="could_not_find_each_other",
                          answers={"at_meeting_point": True, "tried_contact": True})
    world.pump.until(lambda: "counterpart_silent" in timeline_events(world.claim(claim_id)))
    status, body = world.call("POST", f"/claims/{claim_id}/response", "m-bob",
                              {"confirm": True})
    assert (status, body["code"]) == (409, "too_late")


def test_an_opted_out_number_gets_no_sms(world):
    # moto treats numbers ending in 99 as opted out (CheckIfPhoneNumberIsOptedOut).
    world.services.members.put("m-bob", display_name="Bob", lang="fr", phone="+33612345699",
                               roles=["member"])
    claim_id = world.file("m-alice")
    world.pump.until(lambda: "counterpart_notified" in timeline_events(world.claim(claim_id)))
    assert sms_for("+33612345699") == []
    notified = next(e for e in world.claim(claim_id)["timeline"]
                    if e["event"] == "counterpart_notified")
    assert notified["channel"] != "sms"


def test_agents_see_the_plan_and_members_cannot_decide(world):
    claim_id = world.file("m-alice")
    status, body = world.call("GET", f"/claims/{claim_id}", "a-l1")
    assert status == 200 and body["plan"]["branches"]["confirm"]["resolution"] == "refund_full"
    status, body = world.call("POST", f"/claims/{claim_id}/decision", "m-bob",
                              {"outcome": "rejected"})
    assert status == 403
    status, body = world.call("POST", f"/claims/{claim_id}/decision", "a-l1",
                              {"outcome": "refund_half", "gesture_eur": "ten"})
    assert (status, body["code"]) == (400, "bad_gesture_eur")
    status, body = world.call("GET", "/gestures/audit", "a-l1")
    assert status == 403
    status, body = world.call("GET", "/gestures/audit?since=2025-01-01&until=2025-02-01", "adm-1")
    assert status == 200 and body["total"] == {"count": 0, "amount_cents": 0}


def push(world: ClaimsWorld, booking: dict, *, secret: str = "test-bookings-hmac-key",
         timestamp: int | None = None):
    body = json.dumps(booking).encode()
    ts = str(int(time.time()) if timestamp is None else timestamp)
    reply = world.http.post("/ingest/bookings", body=body, headers={
        "Content-Type": "application/json", SIGNATURE_HEADER: sign(secret, ts, body),
        TIMESTAMP_HEADER: ts})
    return reply.status_code, json.loads(reply.body)


def booking(**overrides) -> dict:
    departure = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 3600))
    return {"booking_id": "bk-77", "version": 2, "contribution_cents": 1200,
            "service_fee_cents": 150, "departure_at": departure,
            "driver": {"member_id": "m-david", "phone": "+33699887766"},
            "passenger": {"member_id": "m-chloe"}, **overrides}


def test_bookings_push_is_verified_and_stored(world):
    assert push(world, booking(), secret="wrong")[0] == 401
    status, body = push(world, booking(), timestamp=int(time.time()) - 3600)
    assert (status, body["code"]) == (401, "stale_signature")
    reply = world.http.post("/ingest/bookings", body=json.dumps(booking()).encode(),
                            headers={"Content-Type": "application/json"})
    assert reply.status_code == 401 and json.loads(reply.body)["code"] == "bad_signature"

    assert push(world, booking()) == (200, {"booking_id": "bk-77", "stored": True})
    assert push(world, booking(version=1, contribution_cents=1))[1]["stored"] is False
    assert stored_member("m-david")["phone"] == "+33699887766"
    status, body = push(world, booking(driver={"member_id": "m-david", "phone": "06 99"}))
    assert (status, body["code"]) == (400, "bad_booking")
    # The pushed booking is one its passenger can file a claim on.
    claim_id = world.file("m-chloe", booking_id="bk-77")
    assert world.claim(claim_id, "m-chloe")["counterpart_id"] == "m-david"


def comfort() -> dict:
    return {"what": "smoking"}
