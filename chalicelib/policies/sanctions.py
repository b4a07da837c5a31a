"""Moderation's decisions reaching the other contexts: warnings and suspensions on the members
mirror, the programme and live sessions; confirmed Helper messages as quality strikes; no new
WebSocket for a suspended member."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from chalicelib.domain.errors import Forbidden, NotFound, RuleRefused
from chalicelib.domain.identity import HELPER, Principal
from chalicelib.domain.members import is_active_helper
from chalicelib.domain.moderation.review import RESTORE, ReviewItem
from chalicelib.domain.ports import MemberDirectory
from chalicelib.observability import logger


class SanctionsLedger(Protocol):
    """Moderation's warnings and suspensions kept on the members mirror."""

    def warn(self, member_id: str, item_id: str, by: str, at: float) -> int: ...

    def suspend(self, member_id: str, item_id: str, by: str, at: float) -> None: ...


class Sessions(Protocol):
    """What sanctions do to live connections."""

    def push_to_members(self, member_ids: list[str], payload: dict[str, Any]) -> int: ...

    def end_member_sessions(self, member_id: str, payload: dict[str, Any]) -> int: ...


class HelperSuspension(Protocol):
    """The programme's suspension of a Helper."""

    def suspend(self, principal: Principal, member_id: str, reason: str) -> Any: ...


class StrikeRecorder(Protocol):
    """The programme's quality signals: moderation strikes against a Helper."""

    def record_strike(self, member_id: str, ref: str, at: float) -> None: ...


class QualityReview(Protocol):
    """The programme's review of a Helper's quality."""

    def review_quality(self, member_id: str) -> Any: ...


class MemberSanctions:
    """Warn: one more warning on the members mirror, and a notice to the author's devices.

    Suspend: an active Helper is first suspended by the programme (role, badge, routing), then
    the mirror marks the member suspended and drops `member`/`helper` from their roles, and
    their live connections are told and forgotten, so that their next frames are refused and
    no new ticket is issued to them (`RefuseSuspendedMembers`).
    """

    def __init__(self, members: MemberDirectory, ledger: SanctionsLedger, sessions: Sessions,
                 programme: Callable[[], HelperSuspension]) -> None:
        self._members = members
        self._ledger = ledger
        self._sessions = sessions
        self._programme = programme  # built only when a Helper is suspended

    def warn(self, item: ReviewItem, by: Principal, at: float) -> None:
        """Record the warning and tell the author."""
        count = self._ledger.warn(item.author_id, item.item_id, by.member_id, at)
        self._sessions.push_to_members([item.author_id], {
            "type": "moderation.warning",
            "item_id": item.item_id,
            "conversation_id": item.conversation_id,
            "seq": item.seq,
            "warnings": count,
        })

    def suspend(self, item: ReviewItem, by: Principal, at: float, note: str) -> None:
        """Suspend the author everywhere this backend knows them."""
        if is_active_helper(self._members.get(item.author_id)):
            try:
                self._programme().suspend(by, item.author_id, note or f"moderation {item.item_id}")
            except (NotFound, RuleRefused):
                pass  # no programme record: the mirror's roles below are all there is
        self._ledger.suspend(item.author_id, item.item_id, by.member_id, at)
        self._sessions.end_member_sessions(
            item.author_id, {"type": "moderation.suspended", "item_id": item.item_id})


class HelperStrikes:
    """A decision listener: a Helper's message confirmed as breaking the rules is a strike for
    the programme's quality review (advisory: a failure is logged, the decision stands)."""

    def __init__(self, signals: Callable[[], StrikeRecorder],
                 review: Callable[[], QualityReview]) -> None:
        self._signals = signals
        self._review = review

    def __call__(self, item: ReviewItem) -> None:
        if item.decision == RESTORE or item.author_role != HELPER:
            return
        try:
            self._signals().record_strike(item.author_id, item.item_id, item.decided_at or 0.0)
            self._review().review_quality(item.author_id)
        except Exception as e:  # noqa: BLE001 - the decision is stored; a strike is advisory
            logger.exception("moderation strike failed", item_id=item.item_id,
                             error=type(e).__name__)


class RefuseSuspendedMembers:
    """A ticket guard: a member suspended by moderation opens no new WebSocket (one GetItem
    per ticket, none per message). Staff are not judged here."""

    def __init__(self, members: MemberDirectory) -> None:
        self._members = members

    def __call__(self, who: Principal) -> None:
        if who.is_staff:
            return
        member = self._members.get(who.member_id)
        if member is not None and member.suspended:
            raise Forbidden("this account is suspended", code="member_suspended")
