"""The roles the programme grants: the effective principal follows the programme's record at once,
whatever the token says, and every grant or revocation is announced as `member.roles_changed`."""

from __future__ import annotations

import pytest
from programme_fakes import STAFF, T0

from chalicelib.domain.identity import Principal
from chalicelib.domain.ports import Standing
from chalicelib.domain.programme.events import roles_changed
from chalicelib.domain.programme.service import ProgrammeService
from chalicelib.domain.sessions import SessionService
from chalicelib.policies.role_announcements import AnnounceRoleChanges
from tests.support.fakes import InMemoryMemberDirectory

TOKEN_MEMBER = Principal("m-alice", frozenset({"member"}))
TOKEN_HELPER = Principal("m-alice", frozenset({"member", "helper"}))


class ProgrammeRoleAuthority:
    """The members mirror as the programme's fake repository keeps it: `helper` iff the role was
    granted and the record is approved."""

    def __init__(self, helpers) -> None:
        self.helpers = helpers
        self.reads = 0

    def standing(self, member_id: str) -> Standing:
        self.reads += 1
        record = self.helpers.get(member_id)
        held = "helper" in self.helpers.roles.get(member_id, set())
        active = held and record is not None and record.is_active
        return Standing(frozenset({"helper"}) if active else frozenset())


@pytest.fixture
def published(world):
    events: list[dict] = []
    announced = AnnounceRoleChanges(world.helpers, events.append)
    world.programme = ProgrammeService(
        announced, world.reputations, world.signals, recognition=world.recognition,
        clock=world.clock,
    )
    return events


@pytest.fixture
def sessions(world) -> SessionService:
    return SessionService(
        tokens=None, tickets=None, connections=None, pusher=None,
        members=InMemoryMemberDirectory(), clock=world.clock,
        role_authority=ProgrammeRoleAuthority(world.helpers),
    )


def test_the_record_not_the_token_decides_helper_from_one_request_to_the_next(world, sessions):
    assert sessions.effective(TOKEN_HELPER).roles == {"member"}  # no record: fail closed
    world.programme.apply(TOKEN_MEMBER, ["fr"], ["booking"])
    assert sessions.effective(TOKEN_HELPER).roles == {"member"}  # pending is no Helper yet
    world.programme.approve(STAFF, "m-alice")
    assert sessions.effective(TOKEN_MEMBER).roles == {"member", "helper"}
    world.programme.suspend(STAFF, "m-alice", "abuse")
    assert sessions.effective(TOKEN_HELPER).roles == {"member"}
    world.programme.reinstate(STAFF, "m-alice", "appeal")
    assert sessions.effective(TOKEN_MEMBER).roles == {"member", "helper"}
    world.programme.leave(TOKEN_MEMBER)
    assert sessions.effective(TOKEN_HELPER).roles == {"member"}
    assert sessions.role_authority.reads == 6  # asked at every request, nothing cached


def test_staff_roles_and_tier_still_come_from_the_token(sessions):
    agent = Principal("a-l2", frozenset({"agent", "helper"}), "L2")
    assert sessions.effective(agent) == Principal("a-l2", frozenset({"agent"}), "L2")


def test_without_a_role_authority_nobody_is_a_helper(world):
    bare = SessionService(tokens=None, tickets=None, connections=None, pusher=None,
                          members=InMemoryMemberDirectory(), clock=world.clock)
    assert bare.effective(TOKEN_HELPER).roles == {"member"}


def test_every_grant_and_revocation_is_announced_once_with_a_stable_id(world, published):
    world.clock.t = T0
    world.programme.apply(TOKEN_MEMBER, ["fr"], ["booking"])
    world.programme.approve(STAFF, "m-alice")
    world.programme.suspend(STAFF, "m-alice", "abuse")
    world.programme.reinstate(STAFF, "m-alice", "appeal")
    world.programme.leave(TOKEN_MEMBER)
    assert [(e["reason"], e["added"], e["removed"]) for e in published] == [
        ("approved", ["helper"], []),
        ("suspended", [], ["helper"]),
        ("reinstated", ["helper"], []),
        ("left", [], ["helper"]),
    ]
    assert [e["event_id"] for e in published] == [
        "m-alice.roles.2", "m-alice.roles.3", "m-alice.roles.4", "m-alice.roles.5"
    ]
    assert published[0] == {
        "type": "member.roles_changed", "version": 1, "event_id": "m-alice.roles.2",
        "member_id": "m-alice", "added": ["helper"], "removed": [], "reason": "approved",
        "sequence": 2, "at": "2026-05-28T20:26:40.000Z",
    }


def test_transitions_that_change_no_role_announce_nothing(world, published):
    world.programme.apply(TOKEN_MEMBER, ["fr"], ["booking"])
    world.programme.refuse(STAFF, "m-alice", "not now")
    helper = world.make_helper("m-bob")
    published.clear()
    transition = world.programme.lifecycle.flag(helper, ["low_rating"], T0)
    assert roles_changed(transition) is None
    assert published == []


def test_a_pending_applicant_who_leaves_had_no_role_to_lose(world, published):
    world.programme.apply(TOKEN_MEMBER, ["fr"], ["booking"])
    world.programme.leave(TOKEN_MEMBER)
    assert published == []


def test_a_failed_publication_never_undoes_the_decision(world):
    def broken(event):
        raise RuntimeError("SNS is down")

    world.programme = ProgrammeService(
        AnnounceRoleChanges(world.helpers, broken), world.reputations, world.signals,
        clock=world.clock,
    )
    world.programme.apply(TOKEN_MEMBER, ["fr"], ["booking"])
    assert world.programme.approve(STAFF, "m-alice").is_active
    assert "helper" in world.helpers.roles["m-alice"]
