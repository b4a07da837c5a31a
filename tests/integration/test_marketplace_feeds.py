"""The members feed over moto, through `POST /ingest/members`: signed with the bookings feed's key,
versioned, one conditional UpdateItem that never touches what this backend owns, and read by
the programme's eligibility and the notifications' contact book."""

from __future__ import annotations

import json
import time

import pytest

from chalicelib.adapters.dynamodb.models.members import MemberRecord
from chalicelib.domain.signed_push import SIGNATURE_HEADER, TIMESTAMP_HEADER, sign
from chalicelib.policies.members_mirror import MirrorContactBook, MirrorMemberProfiles
from devstack.dev_tokens import mint
from devstack.seed import seed_members
from tests.support.aws_fixtures import stored_member
from tests.support.claims_aws import CLAIM_TEST_ENV

KEY = CLAIM_TEST_ENV["BOOKINGS_INGEST_SECRET"]  # one key for both feeds


def member(**overrides) -> dict:
    return {
        "member_id": "m-zoe", "version": 5, "display_name": "Zoé Martin", "lang": "fr",
        "phone": "+33612345670", "sms_consent": True, "marketing_opt_in": False,
        "standing": "good",
        "reputation": {"rating": 4.8, "reviews": 31, "positive_share": 0.97},
        **overrides,
    }


class Feed:
    def __init__(self, http, services) -> None:
        self.http = http
        self.services = services

    def push(self, body: dict | bytes, *, key: str = KEY, at: float | None = None,
             path: str = "/ingest/members", signed: bool = True):
        raw = body if isinstance(body, bytes) else json.dumps(body).encode()
        ts = str(int(time.time() if at is None else at))
        headers = {"Content-Type": "application/json"}
        if signed:
            headers |= {SIGNATURE_HEADER: sign(key, ts, raw), TIMESTAMP_HEADER: ts}
        reply = self.http.post(path, body=raw, headers=headers)
        return reply.status_code, json.loads(reply.body)

    def get(self, member_id: str) -> dict:
        return stored_member(member_id)

    def as_member(self, method: str, path: str, member_id: str):
        token = mint(self.services, {"member_id": member_id, "roles": ["member"]})
        reply = getattr(self.http, method.lower())(
            path, headers={"Authorization": f"Bearer {token}"})
        return reply.status_code, json.loads(reply.body)


@pytest.fixture
def feed(services, http) -> Feed:
    return Feed(http, services)


def test_a_signed_push_creates_the_member_and_an_older_or_equal_one_changes_nothing(feed):
    assert feed.push(member()) == (200, {"member_id": "m-zoe", "stored": True})
    stored = feed.get("m-zoe")
    assert {k: stored[k] for k in ("display_name", "lang", "phone", "roles", "sms_consent",
                                   "marketing_opt_in", "standing", "reputation",
                                   "marketplace_version")} == {
        "display_name": "Zoé Martin", "lang": "fr", "phone": "+33612345670",
        "roles": ["member"], "sms_consent": True, "marketing_opt_in": False,
        "standing": "good",
        "reputation": {"rating": 4.8, "reviews": 31, "positive_share": 0.97},
        "marketplace_version": 5,
    }
    # Redelivered (same version) or late (older version): nothing changes.
    assert feed.push(member()) == (200, {"member_id": "m-zoe", "stored": False})
    assert feed.push(member(version=4, lang="en")) == (200, {"member_id": "m-zoe",
                                                             "stored": False})
    assert feed.get("m-zoe")["lang"] == "fr"
    assert feed.push(member(version=6, lang="en"))[1]["stored"] is True
    assert feed.get("m-zoe")["lang"] == "en"


def test_signatures_sizes_and_fields_are_checked_before_anything_is_written(feed):
    assert feed.push(member(), signed=False) == (
        401, {"code": "bad_signature", "message": "a valid signature is required"})
    assert feed.push(member(), key="not-the-key")[1]["code"] == "bad_signature"
    assert feed.push(member(), at=time.time() - 3600)[1]["code"] == "stale_signature"
    assert feed.push(b"x" * (64 * 1024 + 1))[0] == 413
    assert feed.push(b"{oops")[1]["code"] == "invalid_json"
    status, error = feed.push(member(lang="de"))
    assert (status, error["code"], error["field"]) == (400, "bad_member", "lang")
    status, error = feed.push(member(phone="06 12 34 56 70"))
    assert (status, error["field"]) == (400, "phone")
    assert stored_member("m-zoe") is None


def test_the_bookings_key_signs_both_feeds(feed):
    departure = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + 3600))
    booking = {"booking_id": "bk-90", "version": 1, "contribution_cents": 900,
               "departure_at": departure, "driver": {"member_id": "m-zoe"},
               "passenger": {"member_id": "m-yann"}}
    assert feed.push(booking, path="/ingest/bookings") == (
        200, {"booking_id": "bk-90", "stored": True})
    assert feed.push(member())[1]["stored"] is True


def test_what_this_backend_owns_is_never_overwritten(feed, services):
    seed_members(services)
    helper = stored_member("h-1")
    profile = {**helper["profile"], "moderation": {"warnings": 2}}
    services.members.put("h-1", roles=["member", "helper"], tier="gold", profile=profile)
    assert feed.push(member(member_id="h-1", display_name="Hélène B.", phone=None,
                            standing="watch"))[1]["stored"] is True
    stored = feed.get("h-1")
    assert (stored["roles"], stored["tier"], stored["profile"]) == (
        ["member", "helper"], "gold", profile)
    assert (stored["display_name"], stored["phone"], stored["standing"]) == (
        "Hélène B.", None, "watch")


def test_the_write_is_one_conditional_update_without_a_read(feed, services):
    client = MemberRecord._get_connection().connection.client
    seen: list[str] = []
    client.meta.events.register("before-call.dynamodb", lambda model, **_: seen.append(model.name))
    feed.push(member())
    feed.push(member())
    assert seen == ["UpdateItem", "UpdateItem"]


def test_phone_absent_keeps_the_number_and_null_removes_it(feed):
    feed.push(member(version=1))
    kept = member(version=2)
    del kept["phone"]
    feed.push(kept)
    assert feed.get("m-zoe")["phone"] == "+33612345670"
    feed.push(member(version=3, phone=None))
    assert feed.get("m-zoe")["phone"] is None


def test_eligibility_reads_the_pushed_reputation_and_standing(feed):
    assert feed.as_member("GET", "/programme/eligibility", "m-zoe")[1]["reasons"] == [
        "no_reputation"]
    feed.push(member(version=1))
    assert feed.as_member("GET", "/programme/eligibility", "m-zoe")[1] == {
        "eligible": True, "reasons": []}
    feed.push(member(version=2, standing="restricted",
                     reputation={"rating": 4.6, "reviews": 31, "positive_share": 0.97}))
    assert feed.as_member("GET", "/programme/eligibility", "m-zoe")[1]["reasons"] == [
        "account_not_in_good_standing", "rating_too_low"]
    feed.push(member(version=3, reputation=None))
    assert feed.as_member("GET", "/programme/eligibility", "m-zoe")[1]["reasons"] == [
        "no_reputation"]


def test_consents_and_standing_reach_claims_and_notifications(feed, services):
    contacts, profiles = MirrorContactBook(services.members), MirrorMemberProfiles(services.members)
    feed.push(member(version=1, standing="watch", marketing_opt_in=True))
    contact = contacts.contact("m-zoe")
    assert (contact.phone, contact.marketing_consent) == ("+33612345670", True)
    assert profiles.profile("m-zoe").standing == "watch"
    # No SMS consent: no number to text, whatever the purpose.
    feed.push(member(version=2, sms_consent=False))
    assert contacts.contact("m-zoe").phone is None
    assert contacts.contact("m-zoe").marketing_consent is False


def test_the_demo_members_come_through_the_feed_unchanged(feed, services):
    seed_members(services)
    alice, agent = feed.get("m-alice"), feed.get("a-l1")
    assert (alice["display_name"], alice["lang"], alice["phone"], alice["roles"]) == (
        "Alice", "fr", "+33612345601", ["member"])
    assert alice["reputation"] == {"rating": 4.9, "reviews": 42, "positive_share": 0.98}
    assert (alice["marketplace_version"], alice["standing"]) == (1, "good")
    assert (agent["display_name"], agent["tier"], agent["phone"], agent["reputation"]) == (
        "Agent Léa", "L1", None, None)
    assert feed.get("h-1")["profile"]["helper"]["transcript_access"] is True


def test_names_and_phone_numbers_stay_out_of_the_logs(feed, capsys, caplog):
    import logging

    from chalicelib.observability import logger

    caplog.set_level(logging.DEBUG)
    logger.setLevel("DEBUG")
    try:
        feed.push(member(display_name="Zoé Confidentielle", phone="+33698765432"))
        feed.push(member(version=6, display_name="Zoé Confidentielle", phone="+3369876543x"))
        feed.push(member(version=7, display_name="Zoé Confidentielle\n", phone="+33698765432"))
    finally:
        logger.setLevel("INFO")
    captured = capsys.readouterr()
    logged = captured.out + captured.err + caplog.text
    assert logged, "the scenario logged nothing: the check would be empty"
    for secret in ("Confidentielle", "98765432", "9876543x"):
        assert secret not in logged
