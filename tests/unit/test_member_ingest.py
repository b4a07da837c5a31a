"""The members feed on fakes: the shared signed-push check, field validation, versions."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from chalicelib.domain.clock import FixedClock
from chalicelib.domain.errors import BadInput, PayloadTooLarge, Unauthenticated
from chalicelib.domain.member_ingest import (
    MarketplaceMember,
    MarketplaceReputation,
    MemberIngest,
    parse_member,
)
from chalicelib.domain.signed_push import SignedPushVerifier, sign

KEY = "unit-test-marketplace-key"
NOW = datetime(2026, 5, 28, 12, 0, tzinfo=UTC)


class InMemoryMemberFeed:
    """Stores a push only when its version is newer than the stored one, like the adapter."""

    def __init__(self) -> None:
        self.members: dict[str, MarketplaceMember] = {}

    def apply(self, member: MarketplaceMember) -> bool:
        stored = self.members.get(member.member_id)
        if stored is not None and stored.version >= member.version:
            return False
        self.members[member.member_id] = member
        return True


def push(**overrides) -> dict:
    return {
        "member_id": "m-zoe", "version": 3, "display_name": "Zoé", "lang": "fr",
        "phone": "+33612345678", "sms_consent": True, "marketing_opt_in": False,
        "standing": "good",
        "reputation": {"rating": 4.8, "reviews": 31, "positive_share": 0.97},
        **overrides,
    }


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW.timestamp())


@pytest.fixture
def feed() -> InMemoryMemberFeed:
    return InMemoryMemberFeed()


@pytest.fixture
def ingest(clock, feed) -> MemberIngest:
    verifier = SignedPushVerifier(secret=lambda: KEY, clock=clock, max_skew_seconds=300)
    return MemberIngest(push=verifier, store=feed)


def signed(body: dict | bytes, at: datetime = NOW, key: str = KEY) -> tuple[bytes, str, str]:
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    ts = str(int(at.timestamp()))
    return raw, sign(key, ts, raw), ts


def test_a_signed_push_is_stored_and_replays_change_nothing(ingest, feed):
    assert ingest.ingest(*signed(push())) == {"member_id": "m-zoe", "stored": True}
    assert ingest.ingest(*signed(push())) == {"member_id": "m-zoe", "stored": False}
    assert ingest.ingest(*signed(push(version=2, lang="en"))) == {
        "member_id": "m-zoe", "stored": False}
    assert feed.members["m-zoe"] == MarketplaceMember(
        member_id="m-zoe", version=3, display_name="Zoé", lang="fr", standing="good",
        sms_consent=True, marketing_opt_in=False,
        reputation=MarketplaceReputation(4.8, 31, 0.97), phone="+33612345678", phone_sent=True,
    )
    assert ingest.ingest(*signed(push(version=4, lang="en")))["stored"] is True
    assert feed.members["m-zoe"].lang == "en"


@pytest.mark.parametrize(
    ("mutate", "code"),
    [
        (lambda body, sig, ts: (body, None, ts), "bad_signature"),
        (lambda body, sig, ts: (body, sig, None), "bad_signature"),
        (lambda body, sig, ts: (body, sig, "yesterday"), "bad_signature"),
        (lambda body, sig, ts: (body + b" ", sig, ts), "bad_signature"),
        (lambda body, sig, ts: (body, sig.replace("sha256=", "sha1="), ts), "bad_signature"),
        (lambda body, sig, ts: (body, "sha256=é", ts), "bad_signature"),
        (lambda body, sig, ts: (body, sig, str(int(ts) + 1)), "bad_signature"),
    ],
)
def test_anything_not_signed_with_the_shared_key_is_refused(ingest, feed, mutate, code):
    with pytest.raises(Unauthenticated) as refused:
        ingest.ingest(*mutate(*signed(push())))
    assert refused.value.code == code
    assert feed.members == {}


def test_a_wrong_key_and_a_stale_push_are_refused(ingest, clock):
    with pytest.raises(Unauthenticated) as wrong:
        ingest.ingest(*signed(push(), key="another-key"))
    assert wrong.value.code == "bad_signature"
    with pytest.raises(Unauthenticated) as stale:
        ingest.ingest(*signed(push(), at=NOW - timedelta(seconds=301)))
    assert stale.value.code == "stale_signature"
    # From the future too: a clock ahead by more than the window is refused.
    with pytest.raises(Unauthenticated):
        ingest.ingest(*signed(push(), at=NOW + timedelta(seconds=301)))
    assert ingest.ingest(*signed(push(), at=NOW - timedelta(seconds=299)))["stored"]


def test_without_a_configured_key_nothing_is_accepted(clock, feed):
    verifier = SignedPushVerifier(secret=lambda: "", clock=clock)
    with pytest.raises(Unauthenticated):
        MemberIngest(push=verifier, store=feed).ingest(*signed(push(), key=""))


def test_too_large_is_refused_before_the_signature_and_bad_json_after(ingest):
    with pytest.raises(PayloadTooLarge):
        ingest.ingest(b"x" * (64 * 1024 + 1), None, None)
    with pytest.raises(BadInput) as caught:
        ingest.ingest(*signed(b"{not json"))
    assert caught.value.code == "invalid_json"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"member_id": ""}, "member_id"),
        ({"member_id": "m zoe"}, "member_id"),
        ({"version": None}, "version"),
        ({"version": -1}, "version"),
        ({"version": 1.5}, "version"),
        ({"version": True}, "version"),
        ({"display_name": " "}, "display_name"),
        ({"display_name": "x" * 81}, "display_name"),
        ({"display_name": "Zoé\n"}, "display_name"),
        ({"lang": "de"}, "lang"),
        ({"phone": "06 12 34 56 78"}, "phone"),
        ({"phone": 33612345678}, "phone"),
        ({"sms_consent": "yes"}, "sms_consent"),
        ({"marketing_opt_in": None}, "marketing_opt_in"),
        ({"standing": "excellent"}, "standing"),
        ({"reputation": [4.8, 31, 0.97]}, "reputation"),
        ({"reputation": {"rating": 5.1, "reviews": 3, "positive_share": 1}}, "reputation.rating"),
        ({"reputation": {"rating": 4, "reviews": -1, "positive_share": 1}}, "reputation.reviews"),
        ({"reputation": {"rating": 4, "reviews": 3, "positive_share": 95}},
         "reputation.positive_share"),
        ({"reputation": {"rating": "4", "reviews": 3, "positive_share": 1}}, "reputation.rating"),
    ],
)
def test_each_bad_field_is_named_in_a_400(ingest, overrides, field):
    with pytest.raises(BadInput) as caught:
        ingest.ingest(*signed(push(**overrides)))
    assert (caught.value.status, caught.value.code) == (400, "bad_member")
    assert caught.value.to_json()["field"] == field


def test_required_fields_are_required():
    for name in ("member_id", "version", "display_name", "lang", "sms_consent",
                 "marketing_opt_in", "standing", "reputation"):
        body = push()
        del body[name]
        with pytest.raises(BadInput) as caught:
            parse_member(body)
        assert caught.value.details["field"] == name
    with pytest.raises(BadInput):
        parse_member(["m-zoe"])


def test_phone_absent_is_kept_null_removes_it_and_reputation_may_be_unknown():
    kept = push()
    del kept["phone"]
    assert (parse_member(kept).phone, parse_member(kept).phone_sent) == (None, False)
    removed = parse_member(push(phone=None))
    assert (removed.phone, removed.phone_sent) == (None, True)
    assert parse_member(push(reputation=None)).reputation is None
    # Unknown fields are ignored, so the marketplace may send more than is read here.
    assert parse_member(push(karma=12)).member_id == "m-zoe"
