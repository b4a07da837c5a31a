"""Moderation's sanctions and the Helpers' presence across contexts (chalicelib/policies/), on
fakes: what each policy does to the other contexts, and what it leaves alone."""

from __future__ import annotations

from typing import Any

import pytest

from chalicelib.domain.chat.model import Event, Outcome
from chalicelib.domain.errors import Forbidden, NotFound, RuleRefused
from chalicelib.domain.identity import Principal
from chalicelib.domain.moderation.review import ReviewItem
from chalicelib.domain.ports import Connection
from chalicelib.domain.programme.membership import RoleChange, Transition
from chalicelib.policies import sanctions
from chalicelib.policies.delivery import OutcomeDelivery
from chalicelib.policies.helper_presence import (
    OfflineOnLastDisconnect,
    OfflineWhenRevoked,
    RefuseInactiveHelpers,
)
from chalicelib.policies.sanctions import (
    HelperStrikes,
    MemberSanctions,
    RefuseSuspendedMembers,
)
from tests.support.fakes import InMemoryMemberDirectory

STAFF = Principal("s-1", frozenset({"agent", "supervisor"}))
ACTIVE_HELPER = {"member_id": "h-1", "roles": ["member", "helper"],
                 "profile": {"helper": {"status": "approved"}}}
SUSPENDED_HELPER = {"member_id": "h-2", "roles": ["member", "helper"],
                    "profile": {"helper": {"status": "suspended"}}}
MEMBER = {"member_id": "m-1", "roles": ["member"]}
BANNED = {"member_id": "m-9", "roles": [], "profile": {"moderation": {"suspended": True}}}


class Calls:
    """Records every call made on it as (name, args)."""

    def __init__(self, answer: Any = None, fail: Exception | None = None) -> None:
        self.calls: list[tuple[str, tuple[Any, ...]]] = []
        self._answer, self._fail = answer, fail

    def __getattr__(self, name: str) -> Any:
        def call(*args: Any, **kwargs: Any) -> Any:
            self.calls.append((name, args + tuple(kwargs.values())))
            if self._fail is not None:
                raise self._fail
            return self._answer

        return call


def item(author: str, role: str = "member", decision: str | None = "suspend") -> ReviewItem:
    return ReviewItem(item_id="mi-1", conversation_id="cv-1", seq=4, author_id=author,
                      author_role=role, reasons=(), text="[masked]", lang="fr",
                      created_at=1.0, decision=decision, decided_at=2.0)


def sanctioner(programme: Calls | None = None) -> tuple[MemberSanctions, Calls, Calls, Calls]:
    ledger, sessions = Calls(answer=2), Calls(answer=1)
    programme = programme or Calls()
    members = InMemoryMemberDirectory([ACTIVE_HELPER, SUSPENDED_HELPER, MEMBER])
    return MemberSanctions(members, ledger, sessions, lambda: programme), ledger, sessions, \
        programme


def test_a_warning_is_counted_on_the_mirror_and_told_to_the_author():
    policy, ledger, sessions, programme = sanctioner()
    policy.warn(item("m-1"), STAFF, 3.0)
    assert ledger.calls == [("warn", ("m-1", "mi-1", "s-1", 3.0))]
    (name, (recipients, payload)), = sessions.calls
    assert name == "push_to_members" and recipients == ["m-1"]
    assert payload == {"type": "moderation.warning", "item_id": "mi-1", "conversation_id": "cv-1",
                       "seq": 4, "warnings": 2}
    assert programme.calls == []


def test_suspending_an_active_helper_goes_through_the_programme_first():
    policy, ledger, sessions, programme = sanctioner()
    policy.suspend(item("h-1", "helper"), STAFF, 3.0, "")
    assert programme.calls == [("suspend", (STAFF, "h-1", "moderation mi-1"))]
    assert ledger.calls == [("suspend", ("h-1", "mi-1", "s-1", 3.0))]
    assert sessions.calls == [("end_member_sessions",
                               ("h-1", {"type": "moderation.suspended", "item_id": "mi-1"}))]


@pytest.mark.parametrize("author", ["m-1", "h-2", "m-unknown"])
def test_members_and_inactive_helpers_are_suspended_without_the_programme(author):
    policy, ledger, sessions, programme = sanctioner()
    policy.suspend(item(author), STAFF, 3.0, "abuse")
    assert programme.calls == []
    assert [c[0] for c in ledger.calls] == ["suspend"]
    assert [c[0] for c in sessions.calls] == ["end_member_sessions"]


@pytest.mark.parametrize("refusal", [NotFound("no record"), RuleRefused("already")])
def test_a_helper_without_a_programme_record_is_still_suspended_on_the_mirror(refusal):
    policy, ledger, sessions, _ = sanctioner(Calls(fail=refusal))
    policy.suspend(item("h-1", "helper"), STAFF, 3.0, "abuse")
    assert [c[0] for c in ledger.calls] == ["suspend"]
    assert [c[0] for c in sessions.calls] == ["end_member_sessions"]


def test_a_confirmed_helper_message_is_a_strike_and_a_quality_review():
    signals, review = Calls(), Calls()
    HelperStrikes(lambda: signals, lambda: review)(item("h-1", "helper", "confirm"))
    assert signals.calls == [("record_strike", ("h-1", "mi-1", 2.0))]
    assert review.calls == [("review_quality", ("h-1",))]


@pytest.mark.parametrize("decided", [item("h-1", "helper", "restore"), item("m-1", "member")])
def test_restored_messages_and_members_messages_are_no_strike(decided):
    signals, review = Calls(), Calls()
    HelperStrikes(lambda: signals, lambda: review)(decided)
    assert signals.calls == review.calls == []


def test_a_failing_strike_is_logged_and_the_decision_stands(monkeypatch):
    logged: list[str] = []
    monkeypatch.setattr(sanctions, "logger", type("L", (), {
        "exception": staticmethod(lambda message, **fields: logged.append(message))})())
    HelperStrikes(lambda: Calls(fail=RuntimeError("down")), lambda: Calls())(
        item("h-1", "helper", "confirm"))
    assert logged == ["moderation strike failed"]


def test_a_suspended_member_gets_no_ticket_but_staff_and_others_do():
    guard = RefuseSuspendedMembers(InMemoryMemberDirectory([BANNED, MEMBER]))
    with pytest.raises(Forbidden) as refused:
        guard(Principal("m-9", frozenset({"member"})))
    assert refused.value.code == "member_suspended"
    guard(Principal("m-1", frozenset({"member"})))
    guard(Principal("m-9", frozenset({"agent"})))  # staff are not judged here


def test_only_an_active_helper_may_go_available():
    guard = RefuseInactiveHelpers(InMemoryMemberDirectory([ACTIVE_HELPER, SUSPENDED_HELPER]))
    guard(Principal("h-1", frozenset({"helper"})))
    guard(Principal("a-1", frozenset({"agent"})))
    for who in ("h-2", "h-unknown"):
        with pytest.raises(RuleRefused) as refused:
            guard(Principal(who, frozenset({"helper"})))
        assert refused.value.code == "helper_not_active"


def test_a_revoked_helper_leaves_the_routing_pools_once_the_record_is_stored():
    helpers, presence, sessions = Calls(), Calls(), Calls()
    records = OfflineWhenRevoked(helpers, lambda: presence, lambda: sessions)
    revoked = Transition(record=object(), event="suspended",  # type: ignore[arg-type]
                         role_change=RoleChange("h-1", grant=False))
    granted = Transition(record=object(), event="approved",  # type: ignore[arg-type]
                         role_change=RoleChange("h-3", grant=True))
    records.save(revoked)
    records.save(granted)
    assert [c[0] for c in helpers.calls] == ["save", "save"]
    assert presence.calls == [("went_offline", ("h-1", False))]
    assert sessions.calls == [("end_member_sessions",
                               ("h-1", {"type": "programme.role_revoked", "role": "helper"}))]


def test_the_last_connection_of_a_helper_or_agent_takes_them_offline():
    presence = Calls()
    online = {"h-1": True}
    # Asked about the member's other connections: the closing one is still stored.
    listener = OfflineOnLastDisconnect(
        lambda: presence, lambda m, besides: besides == f"c-{m}" and online.get(m, False))
    for member, roles in (("h-1", {"helper"}), ("a-1", {"agent"}), ("m-1", {"member"})):
        listener(Connection(f"c-{member}", Principal(member, frozenset(roles)), 0.0, ""))
    assert presence.calls == [("went_offline", ("h-1", True)), ("went_offline", ("a-1", False))]


def test_an_outcome_is_pushed_to_each_recipient_but_the_skipped_connection():
    sessions = Calls()
    OutcomeDelivery(sessions)(Outcome({}, [
        Event(("m-1", "h-1"), {"type": "message.new"}, skip_connection="c-1"),
        Event(("h-2",), {"type": "help.offer"}),
    ]))
    assert sessions.calls == [
        ("push_to_members", (("m-1", "h-1"), {"type": "message.new"}, "c-1")),
        ("push_to_members", (("h-2",), {"type": "help.offer"}, None)),
    ]
