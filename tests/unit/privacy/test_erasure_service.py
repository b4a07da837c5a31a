"""PrivacyService on fakes: who may erase, the order that keeps the system consistent, the
audit entry without data, idempotence."""

from __future__ import annotations

import pytest

from chalicelib.domain.errors import NotFound
from chalicelib.domain.identity import Principal
from chalicelib.domain.privacy.ports import ClaimsHeld, ConversationRef
from chalicelib.domain.privacy.service import PrivacyService


class Clock:
    def time(self) -> float:
        return 1000.0


class World:
    """Every port at once, recording the calls in order."""

    def __init__(self) -> None:
        self.calls: list[tuple] = []
        self.convs = [ConversationRef("cv-1", "member", True), ConversationRef("cv-2", "helper",
                                                                                False)]
        self.open = ["cl-1"]
        self.audit: list[tuple] = []
        self.erased = False

    def end(self, member_id):
        self.calls.append(("end", member_id))
        return 0 if self.erased else 2

    def conversations(self, member_id):
        return [] if self.erased else self.convs

    def close(self, member_id, conversation_id):
        self.calls.append(("close", conversation_id))

    def held(self, member_id):
        return ClaimsHeld(open_claims=() if self.erased else tuple(self.open), claims=(),
                          bookings=(), partners=("m-bob",))

    def stop(self, claim_id):
        self.calls.append(("stop", claim_id))

    def withdraw(self, claim_id, at):
        self.calls.append(("withdraw", claim_id))

    def erase(self, member_id, pseudonym, *rest):
        self.calls.append(("erase", pseudonym, len(rest)))
        if self.erased:
            return {}
        return {"messages": 3} if len(rest) == 2 else {"claims": 1, "bookings": 0}

    def record(self, actor, roles, member_id, counts, at):
        self.audit.append((actor, member_id, dict(counts)))


def service(world: World) -> PrivacyService:
    return PrivacyService(sessions=world, chat=world, live_chats=world, claims=world,
                          executions=world, log=world, clock=Clock(),
                          pseudonyms=lambda: "erased-x", records=[world])


def test_another_member_is_told_nothing_exists_and_nothing_is_touched():
    world = World()
    with pytest.raises(NotFound) as refused:
        service(world).erase(Principal("m-alice", frozenset({"member"})), "m-david")
    assert refused.value.code == "member_not_found"
    assert world.calls == [] and world.audit == []


def test_sockets_end_then_live_chats_close_then_claims_stop_before_withdrawal():
    world = World()
    report = service(world).erase(Principal("m-david", frozenset({"member"})), "m-david")
    order = [c[0] for c in world.calls]
    assert order[:4] == ["end", "close", "stop", "withdraw"]
    assert ("close", "cv-2") not in world.calls  # already closed
    assert report.counts == {"connections": 2, "conversations_closed": 1,
                             "claims_withdrawn": 1, "messages": 3, "claims": 2}
    assert all(c[1] == "erased-x" for c in world.calls if c[0] == "erase")


def test_an_admin_erases_and_the_audit_has_counts_only_and_a_second_run_finds_nothing():
    world = World()
    admin = Principal("adm-1", frozenset({"admin"}))
    first = service(world).erase(admin, "m-david")
    world.erased = True
    second = service(world).erase(admin, "m-david")
    assert first.to_json()["status"] == second.to_json()["status"] == "erased"
    assert second.counts == {}
    assert world.audit[0] == ("adm-1", "m-david", first.counts)
    assert "bookings" not in first.counts  # zero counts are left out
