"""Application, staff approval or refusal, suspension, reinstatement, leaving, the badge."""

import pytest
from programme_fakes import DAY, STAFF

from chalicelib.domain.errors import BadInput, Conflict, Forbidden, NotFound, RuleRefused
from chalicelib.domain.identity import Principal
from chalicelib.domain.programme.eligibility import Reputation
from chalicelib.domain.programme.membership import HelperStatus

ALICE = Principal("m-alice", frozenset({"member"}))
BOB = Principal("m-bob", frozenset({"member"}))


def test_an_eligible_member_applies_and_waits_for_staff(world):
    record = world.programme.apply(ALICE, ["fr", "EN", "fr"], ["booking", "payment"])
    assert record.status is HelperStatus.PENDING
    assert record.languages == ("fr", "en")
    assert world.helpers.roles == {}
    assert world.programme.badge("m-alice").to_json() == {"member_id": "m-alice", "helper": False}


def test_an_ineligible_member_is_refused_with_the_reasons(world):
    world.reputations.by_member["m-bob"] = Reputation("m-bob", 4.9, 12, 1.0)
    with pytest.raises(RuleRefused) as caught:
        world.programme.apply(BOB, ["fr"], ["booking"])
    assert caught.value.code == "not_eligible"
    assert caught.value.details["reasons"] == ["too_few_reviews"]


def test_applying_twice_conflicts(world):
    world.programme.apply(ALICE, ["fr"], ["booking"])
    with pytest.raises(Conflict) as caught:
        world.programme.apply(ALICE, ["fr"], ["booking"])
    assert caught.value.code == "already_applied"


@pytest.mark.parametrize(
    ("languages", "topics"), [([], ["booking"]), (["de"], ["booking"]), (["fr"], [" "])]
)
def test_application_fields_are_checked(world, languages, topics):
    with pytest.raises(BadInput):
        world.programme.apply(ALICE, languages, topics)


def test_staff_approval_grants_the_role_and_the_badge(world):
    world.programme.apply(ALICE, ["fr"], ["booking"])
    record = world.programme.approve(STAFF, "m-alice", note="great reviews")
    assert record.status is HelperStatus.APPROVED
    assert record.helper_since == world.clock.time()
    assert world.helpers.roles["m-alice"] == {"member", "helper"}
    badge = world.programme.badge("m-alice").to_json("fr")
    assert badge["helper"] is True
    assert badge["level"]["code"] == "newcomer"
    assert badge["level"]["label"] == "Nouveau Helper"
    assert world.programme.is_active_helper("m-alice")


def test_only_staff_decide(world):
    world.programme.apply(ALICE, ["fr"], ["booking"])
    helper = Principal("h-1", frozenset({"member", "helper"}))
    for who in (ALICE, BOB, helper):
        with pytest.raises(Forbidden):
            world.programme.approve(who, "m-alice")
    assert world.helpers.get("m-alice").status is HelperStatus.PENDING


def test_refusal_needs_a_reason_and_grants_nothing(world):
    world.programme.apply(ALICE, ["fr"], ["booking"])
    with pytest.raises(BadInput) as caught:
        world.programme.refuse(STAFF, "m-alice", "   ")
    assert caught.value.code == "reason_required"
    record = world.programme.refuse(STAFF, "m-alice", "too recent on the platform")
    assert record.status is HelperStatus.REFUSED
    assert record.last_change.reason == "too recent on the platform"
    assert world.helpers.roles == {}


def test_a_refused_member_may_apply_again_only_after_the_wait(world):
    world.programme.apply(ALICE, ["fr"], ["booking"])
    world.programme.refuse(STAFF, "m-alice", "not now")
    world.clock.advance(89 * DAY)
    with pytest.raises(RuleRefused) as caught:
        world.programme.apply(ALICE, ["fr"], ["booking"])
    assert caught.value.code == "reapply_too_soon"
    world.clock.advance(1 * DAY)
    record = world.programme.apply(ALICE, ["fr"], ["trip"])
    assert record.status is HelperStatus.PENDING
    assert [c.status for c in record.history] == [
        HelperStatus.PENDING,
        HelperStatus.REFUSED,
        HelperStatus.PENDING,
    ]


def test_deciding_twice_conflicts(world):
    world.programme.apply(ALICE, ["fr"], ["booking"])
    world.programme.approve(STAFF, "m-alice")
    with pytest.raises(Conflict):
        world.programme.approve(STAFF, "m-alice")
    with pytest.raises(Conflict):
        world.programme.refuse(STAFF, "m-alice", "changed my mind")


def test_a_stale_write_conflicts_instead_of_overwriting(world):
    world.programme.apply(ALICE, ["fr"], ["booking"])
    stale = world.helpers.get("m-alice")
    world.programme.approve(STAFF, "m-alice")
    transition = world.programme.lifecycle.refuse(stale, "s-2", world.clock.time(), "late")
    with pytest.raises(Conflict):
        world.helpers.save(transition)
    assert world.helpers.get("m-alice").status is HelperStatus.APPROVED


def test_suspension_revokes_the_role_and_reinstatement_grants_it_back(world):
    world.make_helper("m-alice")
    with pytest.raises(BadInput):
        world.programme.suspend(STAFF, "m-alice", "")
    record = world.programme.suspend(STAFF, "m-alice", "rude to a member")
    assert record.status is HelperStatus.SUSPENDED
    assert "helper" not in world.helpers.roles["m-alice"]
    assert world.programme.badge("m-alice").helper is False
    assert not world.programme.is_active_helper("m-alice")
    with pytest.raises(RuleRefused) as caught:
        world.programme.apply(ALICE, ["fr"], ["booking"])
    assert caught.value.code == "suspended"
    record = world.programme.reinstate(STAFF, "m-alice", "apologised, one more chance")
    assert record.status is HelperStatus.APPROVED
    assert "helper" in world.helpers.roles["m-alice"]
    assert world.helpers.events == [
        "helper.applied",
        "helper.approved",
        "helper.suspended",
        "helper.reinstated",
    ]


def test_only_a_suspended_helper_can_be_reinstated(world):
    world.make_helper("m-alice")
    with pytest.raises(Conflict):
        world.programme.reinstate(STAFF, "m-alice", "why not")


def test_a_helper_who_leaves_loses_the_role(world):
    world.make_helper("m-alice")
    record = world.programme.leave(ALICE)
    assert record.status is HelperStatus.LEFT
    assert "helper" not in world.helpers.roles["m-alice"]
    with pytest.raises(NotFound) as twice:
        world.programme.leave(ALICE)
    assert twice.value.code == "not_in_programme"
    assert world.programme.apply(ALICE, ["fr"], ["booking"]).status is HelperStatus.PENDING


def test_a_suspended_helper_cannot_walk_away_from_the_suspension(world):
    world.make_helper("m-alice")
    world.programme.suspend(STAFF, "m-alice", "abusive messages")
    with pytest.raises(Conflict) as refused:
        world.programme.leave(ALICE)
    assert (refused.value.code, refused.value.details["status"]) == ("wrong_status", "suspended")


def test_records_are_private_to_the_member_and_staff(world):
    world.programme.apply(ALICE, ["fr"], ["booking"])
    assert world.programme.view(ALICE, "m-alice").member_id == "m-alice"
    assert world.programme.view(STAFF, "m-alice").to_json()["status"] == "pending"
    with pytest.raises(Forbidden):
        world.programme.view(BOB, "m-alice")
    with pytest.raises(NotFound):
        world.programme.view(STAFF, "m-nobody")
    with pytest.raises(Forbidden):
        world.programme.eligibility(BOB, "m-alice")
    assert world.programme.eligibility(ALICE).eligible


def test_staff_work_list_of_pending_applications(world):
    world.programme.apply(ALICE, ["fr"], ["booking"])
    assert [r.member_id for r in world.programme.queue(STAFF)] == ["m-alice"]
    with pytest.raises(Forbidden):
        world.programme.queue(ALICE)
    with pytest.raises(BadInput):
        world.programme.queue(STAFF, status="nonsense")
