"""Builds moderation from the settings and the composition root: the filters behind the chat's
text moderator port, the review queue and its decisions, image moderation, and the guard that
keeps suspended members from opening new sockets (see `Services.moderation`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from chalicelib.adapters.moderation_store import (
    DynamoModerationStore,
    MirrorSanctions,
    is_suspended,
)
from chalicelib.adapters.programme_store import helper_is_active
from chalicelib.domain.chat.ports import TextVerdict
from chalicelib.domain.errors import Forbidden, NotFound, RuleRefused
from chalicelib.domain.identity import HELPER, Principal
from chalicelib.domain.moderation import InMemoryImageModerator, Moderator, default_moderator
from chalicelib.domain.moderation.images import ImageModerator
from chalicelib.domain.moderation.review import RESTORE, ModerationService, ReviewItem
from chalicelib.observability import logger
from chalicelib.settings import Settings


class FilterModerator:
    """The chat's text moderator port over the moderation filters (reasons as plain dicts).

    Pure and in-process: moderating an allowed message costs no AWS call.
    """

    def __init__(self, filters: Moderator | None = None) -> None:
        self._filters = filters

    @property
    def filters(self) -> Moderator:
        """The filters, built by the first text that needs them (~50 ms of a cold start that
        a `ping` or `presence.set` need not pay)."""
        if self._filters is None:
            self._filters = default_moderator()
        return self._filters

    def check(self, text: str, lang: str | None = None) -> TextVerdict:
        """The verdict, the text as it may be stored and relayed, and why."""
        verdict = self.filters.check(text, lang)
        return TextVerdict(verdict.verdict, verdict.text, [r.to_json() for r in verdict.reasons])


class MemberSanctions:
    """Warn: one more warning on the members mirror, and a notice to the author's devices.

    Suspend: an active Helper is first suspended by the programme (role, badge, routing), then
    the mirror marks the member suspended and drops `member`/`helper` from their roles, and
    their live connections are told and forgotten, so that their next frames are refused and
    no new ticket is issued to them (`refuse_suspended_members`).
    """

    def __init__(self, root: Any, mirror: MirrorSanctions | None = None) -> None:
        self._root = root
        self._mirror = mirror or MirrorSanctions()

    def warn(self, item: ReviewItem, by: Principal, at: float) -> None:
        """Record the warning and tell the author."""
        count = self._mirror.warn(item.author_id, item.item_id, by.member_id, at)
        self._root.sessions.push_to_members(
            [item.author_id],
            {
                "type": "moderation.warning",
                "item_id": item.item_id,
                "conversation_id": item.conversation_id,
                "seq": item.seq,
                "warnings": count,
            },
        )

    def suspend(self, item: ReviewItem, by: Principal, at: float, note: str) -> None:
        """Suspend the author everywhere this backend knows them."""
        member = self._root.members.get(item.author_id)
        if member is not None and HELPER in (member.get("roles") or []):
            if helper_is_active(member):
                try:
                    self._root.programme.suspend(
                        by, item.author_id, note or f"moderation {item.item_id}"
                    )
                except (NotFound, RuleRefused):
                    pass  # no programme record: the mirror's roles below are all there is
        self._mirror.suspend(item.author_id, item.item_id, by.member_id, at)
        self._root.sessions.end_member_sessions(
            item.author_id, {"type": "moderation.suspended", "item_id": item.item_id}
        )


def strikes_against_helpers(root: Any) -> Callable[[ReviewItem], None]:
    """A decision listener: a Helper's message confirmed as breaking the rules is a strike
    for the programme's quality review."""

    def listener(item: ReviewItem) -> None:
        if item.decision == RESTORE or item.author_role != HELPER:
            return
        try:
            root.quality_signals.record_strike(item.author_id, item.item_id, item.decided_at)
            root.programme.review_quality(item.author_id)
        except Exception as e:  # noqa: BLE001 - the decision is stored; a strike is advisory
            logger.exception(
                "moderation strike failed", item_id=item.item_id, error=type(e).__name__
            )

    return listener


def refuse_suspended_members(members: Any) -> Callable[[Principal], None]:
    """A ticket guard: a member suspended by moderation opens no new WebSocket (one GetItem
    per ticket, none per message). Staff are not judged here."""

    def guard(who: Principal) -> None:
        if who.is_staff:
            return
        if is_suspended(members.get(who.member_id)):
            raise Forbidden("this account is suspended", code="member_suspended")

    return guard


def build_image_moderator(settings: Settings) -> ImageModerator:
    """Rekognition, or the deterministic fake (`IMAGE_MODERATION`; the local stage's default)."""
    if settings.image_moderation_backend == "fake":
        return InMemoryImageModerator(settings.image_moderation_min_confidence)
    if settings.image_moderation_backend != "rekognition":
        raise ValueError("IMAGE_MODERATION must be rekognition, fake or auto")
    from chalicelib.adapters.rekognition_images import RekognitionImageModerator

    return RekognitionImageModerator.from_settings(settings)


def build_moderation(root: Any) -> ModerationService:
    """The staff's dry runs, the review queue and its decisions."""
    return ModerationService(
        filters=root.moderator.filters,
        store=DynamoModerationStore(root.chat.store),
        sanctions=MemberSanctions(root),
        images=root.image_moderator,
        clock=root.clock,
        push=lambda ids, payload: root.sessions.push_to_members(ids, payload),
        listeners=[strikes_against_helpers(root)],
    )
