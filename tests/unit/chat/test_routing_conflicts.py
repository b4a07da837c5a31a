"""Conflicts of interest in routing, on fakes: a member's request is never offered to the other
party of a recent booking or of an open claim, in any wave, by the sweep, or when that Helper
becomes available; the counterparties are looked up once, when the request opens."""

from __future__ import annotations

import pytest

from chalicelib.domain.chat.conflicts import DAY_SECONDS, ConflictRule, ConflictsOfInterest
from chalicelib.domain.chat.routing import WavePolicy
from chalicelib.domain.errors import Forbidden
from tests.support.fakes import InMemoryCounterparties
from tests.unit.chat.conftest import ChatWorld, build, helper, offered_to


def drove_alice(world: ChatWorld, helper_id: str, days_ago: float = 10) -> None:
    """`helper_id` drove Alice (a booking that departed `days_ago` days ago)."""
    world.counterparties.dealt(helper_id, "m-alice", world.clock.time() - days_ago * DAY_SECONDS)


def test_a_request_is_never_offered_to_the_driver_of_a_recent_booking(world: ChatWorld) -> None:
    drove_alice(world, "h-1")
    world.available("h-1")
    world.available("h-2")
    opened = world.open()
    assert offered_to(opened, opened.result["conversation_id"]) == {"h-2"}


def test_a_booking_older_than_the_window_is_no_conflict(world: ChatWorld) -> None:
    drove_alice(world, "h-1", days_ago=91)
    world.available("h-1")
    opened = world.open()
    assert offered_to(opened, opened.result["conversation_id"]) == {"h-1"}


def test_the_lookup_asks_for_the_window_and_the_limit_once_at_opening(world: ChatWorld) -> None:
    world.available("h-1")
    world.open()
    assert world.counterparties.lookups == [("m-alice", world.clock.time() - 90 * DAY_SECONDS, 100)]


def test_later_waves_never_offer_to_a_counterparty_and_do_not_look_up_again() -> None:
    w = build(policy=WavePolicy(first=1, growth=1, max_waves=4))
    drove_alice(w, "h-1")
    for h in ("h-1", "h-2", "h-3"):
        w.available(h)
    opened = w.open()
    cid = opened.result["conversation_id"]
    offered = offered_to(opened, cid)
    for wave in (1, 2, 3):
        offered |= offered_to(w.chat.requests.on_wave_timeout(cid, wave), cid)
    assert offered == {"h-2", "h-3"}
    assert len(w.counterparties.lookups) == 1


def test_the_sweep_never_offers_to_a_counterparty_and_does_not_look_up_again() -> None:
    w = build(policy=WavePolicy(first=1, growth=1, max_waves=4))
    drove_alice(w, "h-1")
    w.available("h-1")
    w.available("h-2")
    opened = w.open()
    cid = opened.result["conversation_id"]
    assert offered_to(opened, cid) == {"h-2"}
    w.clock.advance(3600)
    swept = w.chat.requests.sweep()
    assert "h-1" not in offered_to(swept, cid)
    assert w.store.get(cid).wave == 2 and "h-1" not in w.store.get(cid).offered
    assert len(w.counterparties.lookups) == 1


def test_a_helper_who_becomes_available_is_not_offered_their_counterpartys_request(
    world: ChatWorld,
) -> None:
    drove_alice(world, "h-1")
    opened = world.open()  # nobody online: professionals, still open to Helpers
    cid = opened.result["conversation_id"]
    assert offered_to(world.available("h-1"), cid) == set()
    assert offered_to(world.available("h-2"), cid) == {"h-2"}
    assert len(world.counterparties.lookups) == 1


def test_the_other_party_of_an_open_claim_is_excluded_whatever_the_booking_date(
    world: ChatWorld,
) -> None:
    # The fake answers with whatever the claims port says: a claim filed yesterday.
    world.counterparties.dealt("m-alice", "h-2", world.clock.time() - DAY_SECONDS)
    world.available("h-2")
    world.available("h-3")
    opened = world.open()
    assert offered_to(opened, opened.result["conversation_id"]) == {"h-3"}


def test_a_counterparty_cannot_accept_the_request_even_knowing_its_id(world: ChatWorld) -> None:
    drove_alice(world, "h-1")
    world.available("h-1")
    world.available("h-2")
    cid = world.open().result["conversation_id"]
    with pytest.raises(Forbidden) as refused:
        world.chat.requests.accept(helper("h-1"), cid)
    assert refused.value.code == "conflict_of_interest"
    assert world.store.get(cid).helper_id is None
    world.chat.requests.accept(helper("h-2"), cid)
    assert world.store.get(cid).helper_id == "h-2"


def test_only_the_members_own_counterparties_are_excluded(world: ChatWorld) -> None:
    drove_alice(world, "h-1")
    world.available("h-1")
    opened = world.open(who=helper("m-bob"))
    assert offered_to(opened, opened.result["conversation_id"]) == {"h-1"}


def test_the_member_is_never_their_own_counterparty_and_the_list_is_sorted() -> None:
    source = InMemoryCounterparties()
    for other in ("h-3", "h-1", "m-alice"):
        source.dealt("m-alice", other, 1_000.0)
    conflicts = ConflictsOfInterest(source, ConflictRule(booking_days=1, lookup_limit=5))
    assert conflicts.of("m-alice", 1_000.0 + DAY_SECONDS) == ["h-1", "h-3"]
    assert conflicts.of("m-alice", 1_000.0 + DAY_SECONDS + 1) == []


@pytest.mark.parametrize(("days", "limit"), [(-1, 10), (90, 0)])
def test_a_rule_without_a_window_or_a_limit_is_refused(days: int, limit: int) -> None:
    with pytest.raises(ValueError):
        ConflictRule(booking_days=days, lookup_limit=limit)
