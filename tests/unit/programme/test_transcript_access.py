"""Transcript access on fakes: staff grant it to an active Helper and withdraw it, each change
audited; never to or for themselves (conflict of interest); never to a member who is not an
active Helper; and the grant is what `Member.may_read_transcripts` reads on the next request."""

from __future__ import annotations

from typing import Any

import pytest

from chalicelib.domain.errors import Forbidden, NotFound, RuleRefused
from chalicelib.domain.identity import Principal
from chalicelib.domain.programme.transcript_access import (
    GRANTED,
    WITHDRAWN,
    TranscriptAccessService,
)
from tests.support.fakes import InMemoryAuditLog, InMemoryMemberDirectory

SUPERVISOR = Principal("s-1", frozenset({"agent", "supervisor"}))
# A supervisor who is also an active Helper of the programme.
SUPERVISOR_HELPER = Principal("s-2", frozenset({"member", "helper", "agent", "supervisor"}))
HELPER = Principal("h-1", frozenset({"member", "helper"}))


def helper(member_id: str, status: str = "approved", access: bool = False) -> dict[str, Any]:
    roles = ["member", "helper"] if status == "approved" else ["member"]
    return {"member_id": member_id, "roles": roles,
            "profile": {"helper": {"status": status, "languages": ["fr"],
                                   "transcript_access": access}}}


class MirrorStore:
    """The TranscriptAccessStore over the fake mirror (only the flag changes)."""

    def __init__(self, members: InMemoryMemberDirectory) -> None:
        self.members = members

    def set_transcript_access(self, member_id: str, granted: bool) -> None:
        item = self.members.items.get(member_id)
        if item is None or "helper" not in (item.get("profile") or {}):
            raise NotFound("no programme record", code="not_in_programme")
        item["profile"]["helper"]["transcript_access"] = granted


class Clock:
    def time(self) -> float:
        return 1_800_000_000.0


@pytest.fixture
def world() -> Any:
    members = InMemoryMemberDirectory([
        helper("h-1"), helper("h-4", status="suspended", access=True),
        helper("s-2"), {"member_id": "m-alice", "roles": ["member"]},
    ])
    audit = InMemoryAuditLog()
    service = TranscriptAccessService(members, MirrorStore(members), audit, clock=Clock())
    return type("World", (), {"members": members, "audit": audit, "service": service})


def test_staff_grant_then_withdraw_and_the_helper_reads_accordingly(world):
    assert not world.members.get("h-1").may_read_transcripts
    granted = world.service.set(SUPERVISOR, "h-1", True)
    assert granted.to_json() == {"member_id": "h-1", "transcript_access": True, "in_effect": True}
    assert world.members.get("h-1").may_read_transcripts
    assert world.service.of(HELPER, "h-1").granted  # the Helper sees their own
    world.service.set(SUPERVISOR, "h-1", False)
    assert not world.members.get("h-1").may_read_transcripts
    assert [(e["actor"], e["action"], e["subject"]) for e in world.audit.entries] == [
        ("s-1", GRANTED, "h-1"), ("s-1", WITHDRAWN, "h-1")]
    assert world.audit.entries[0]["roles"] == ["agent", "supervisor"]


def test_staff_never_grant_or_withdraw_their_own_access(world):
    for granted in (True, False):
        with pytest.raises(Forbidden) as caught:
            world.service.set(SUPERVISOR_HELPER, "s-2", granted)
        assert caught.value.code == "conflict_of_interest"
    assert not world.members.get("s-2").may_read_transcripts
    assert world.audit.entries == []
    world.service.set(SUPERVISOR, "s-2", True)  # another staff member may
    assert world.members.get("s-2").may_read_transcripts


def test_only_staff_change_it_and_only_the_member_and_staff_see_it(world):
    with pytest.raises(Forbidden):
        world.service.set(HELPER, "h-4", True)
    with pytest.raises(Forbidden):
        world.service.of(Principal("m-alice", frozenset({"member"})), "h-1")
    assert world.audit.entries == []


def test_granted_to_active_helpers_only_but_always_withdrawable(world):
    with pytest.raises(RuleRefused) as caught:
        world.service.set(SUPERVISOR, "h-4", True)  # suspended
    assert caught.value.code == "not_a_helper"
    with pytest.raises(NotFound) as missing:
        world.service.set(SUPERVISOR, "m-alice", True)  # never in the programme
    assert missing.value.code == "not_in_programme"
    # A suspended Helper keeps the grant but reads nothing; staff may still withdraw it.
    kept = world.service.of(SUPERVISOR, "h-4")
    assert (kept.granted, kept.in_effect) == (True, False)
    assert world.service.set(SUPERVISOR, "h-4", False).granted is False
    assert world.service.of(SUPERVISOR, "h-4").granted is False
    assert [e["action"] for e in world.audit.entries] == [WITHDRAWN]
