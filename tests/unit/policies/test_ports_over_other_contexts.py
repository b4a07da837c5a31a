"""One context's port over another context's service (chalicelib/policies/), on fakes: the
members mirror as profiles, contacts and reputation; the live sessions as presence and in-app
sender; claims in the chat's professional queue."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from chalicelib.domain.notifications.ports import Contact
from chalicelib.domain.programme.eligibility import Reputation
from chalicelib.policies.live_sessions import SessionInAppSender, SessionPresence
from chalicelib.policies.members_mirror import (
    MirrorContactBook,
    MirrorMemberProfiles,
    MirrorReputationSource,
)
from chalicelib.policies.pro_queue import ProQueueAgentQueue
from tests.support.fakes import InMemoryMemberDirectory, InMemoryProQueue

ZOE = {"member_id": "m-zoe", "display_name": "Zoé", "lang": "en", "phone": "+33612345670",
       "standing": "watch", "sms_consent": True, "marketing_opt_in": True,
       "reputation": {"rating": 4.8, "reviews": 31, "positive_share": 0.97}}
NO_SMS = {"member_id": "m-max", "phone": "+33612345671", "sms_consent": False,
          "marketing_opt_in": True, "standing": "banned-by-typo"}
NEVER_PUSHED = {"member_id": "m-old", "phone": "+33612345672"}
MEMBERS = InMemoryMemberDirectory([ZOE, NO_SMS, NEVER_PUSHED])


def test_profiles_read_standing_language_and_name_and_default_to_good_standing():
    profiles = MirrorMemberProfiles(MEMBERS)
    zoe = profiles.profile("m-zoe")
    assert (zoe.standing, zoe.lang, zoe.display_name) == ("watch", "en", "Zoé")
    assert profiles.profile("m-max").standing == "good"  # an unknown standing is not trusted
    unknown = profiles.profile("m-nobody")
    assert (unknown.member_id, unknown.standing, unknown.lang) == ("m-nobody", "good", "fr")


def test_a_member_who_refused_sms_has_no_number_whatever_the_purpose():
    contacts = MirrorContactBook(MEMBERS)
    assert contacts.contact("m-zoe") == Contact("+33612345670", "en", marketing_consent=True)
    assert contacts.contact("m-max") == Contact(None, "fr", marketing_consent=True)
    # Never pushed by the members feed: the number pushed with a booking, no marketing.
    assert contacts.contact("m-old") == Contact("+33612345672", "fr", marketing_consent=False)
    assert contacts.contact("m-nobody") == Contact()


def test_reputation_comes_from_the_pushed_reviews_and_standing():
    reputations = MirrorReputationSource(MEMBERS)
    assert reputations.reputation("m-zoe") == Reputation(
        "m-zoe", rating=4.8, reviews=31, positive_share=0.97, in_good_standing=False)
    assert reputations.reputation("m-old") is None  # no reviews pushed yet
    assert reputations.reputation("m-nobody") is None


class Sessions:
    """The session service's presence and fan-out, recorded."""

    def __init__(self) -> None:
        self.pushed: list[tuple[list[str], dict[str, Any]]] = []

    def is_online(self, member_id: str) -> bool:
        return member_id == "m-zoe"

    def push_to_members(self, member_ids: Iterable[str], payload: Mapping[str, Any],
                        skip: str | None = None) -> int:
        self.pushed.append((list(member_ids), dict(payload)))
        return 2


def test_presence_and_in_app_pushes_go_through_the_live_sessions():
    sessions = Sessions()
    assert SessionPresence(sessions).is_online("m-zoe") is True
    assert SessionPresence(sessions).is_online("m-max") is False
    assert SessionInAppSender(sessions).push("m-zoe", {"type": "claim.updated"}) == 2
    assert sessions.pushed == [(["m-zoe"], {"type": "claim.updated"})]


def test_a_claim_has_one_item_in_the_agents_queue_refreshed_in_place_then_done():
    queue = InMemoryProQueue()
    now = datetime(2026, 3, 1, 9, tzinfo=UTC)
    claims = ProQueueAgentQueue(queue, lambda: now)
    due = datetime(2026, 3, 1, 13, tzinfo=UTC)
    claims.put_claim("cl-1", due_at=due, reason="disputed", audience="agent", urgent=False)
    claims.put_claim("cl-1", due_at=now, reason="sla_breached", audience="supervisor",
                     urgent=True)
    (item,) = queue.open_items(10)
    assert (item.ticket_id, item.kind, item.ref_id) == ("claim#cl-1", "claim", "cl-1")
    assert (item.due_at, item.created_at) == (now.timestamp(), now.timestamp())
    assert (item.reason, item.topic) == ("sla_breached", "supervisor")
    claims.remove_claim("cl-1")
    assert queue.open_items(10) == []
