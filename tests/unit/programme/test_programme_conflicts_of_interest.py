"""Conflicts of interest in the programme, on fakes: staff never approve, refuse, suspend,
reinstate, clear the flag of, or grant a reward to themselves; another staff member does."""

import pytest
from programme_fakes import STAFF

from chalicelib.domain.errors import Forbidden
from chalicelib.domain.identity import Principal
from chalicelib.domain.programme.eligibility import Reputation
from chalicelib.domain.programme.membership import HelperStatus

# An agent who is also a member of the marketplace, and applies as a Helper.
AGENT_MEMBER = Principal("a-7", frozenset({"member", "agent"}), tier="L1")


def applied(world) -> None:
    world.reputations.by_member["a-7"] = Reputation("a-7", 4.9, 40, 0.98)
    world.programme.apply(AGENT_MEMBER, ["fr"], ["booking"])


def refused_as_own_case(call, *args) -> None:
    with pytest.raises(Forbidden) as caught:
        call(AGENT_MEMBER, "a-7", *args)
    assert caught.value.code == "conflict_of_interest"


def test_staff_cannot_approve_their_own_application_and_another_staff_member_can(world):
    applied(world)
    refused_as_own_case(world.programme.approve)
    assert world.helpers.get("a-7").status is HelperStatus.PENDING
    assert "a-7" not in world.helpers.roles
    assert world.programme.approve(STAFF, "a-7").status is HelperStatus.APPROVED


def test_staff_cannot_refuse_their_own_application(world):
    applied(world)
    refused_as_own_case(world.programme.refuse, "changed my mind")
    assert world.helpers.get("a-7").status is HelperStatus.PENDING


def test_staff_cannot_suspend_or_reinstate_themselves(world):
    applied(world)
    world.programme.approve(STAFF, "a-7")
    refused_as_own_case(world.programme.suspend, "a break")
    assert world.helpers.get("a-7").status is HelperStatus.APPROVED
    world.programme.suspend(STAFF, "a-7", "complaints")
    refused_as_own_case(world.programme.reinstate, "I am better now")
    assert world.helpers.get("a-7").status is HelperStatus.SUSPENDED
    assert "helper" not in world.helpers.roles["a-7"]


def test_staff_cannot_clear_their_own_quality_flag(world):
    applied(world)
    world.programme.approve(STAFF, "a-7")
    now = world.clock.time()
    for i in range(3):
        world.signals.add_strike("a-7", now + i)
    world.clock.advance(10)
    assert world.programme.review_quality("a-7").is_flagged
    refused_as_own_case(world.programme.clear_flag)
    assert world.helpers.get("a-7").is_flagged
    assert not world.programme.clear_flag(STAFF, "a-7").is_flagged


def test_staff_cannot_grant_themselves_a_reward(world):
    applied(world)
    world.programme.approve(STAFF, "a-7")
    refused_as_own_case(world.recognition.grant_reward, "thank_you_note")
    assert world.grants.for_member("a-7") == []
    assert world.recognition.grant_reward(STAFF, "a-7", "thank_you_note").granted_by == "s-1"
