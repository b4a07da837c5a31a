"""Builds the Helper programme, knowledge base, insights and capacity services from the settings
and the composition root, and connects them to the chat's events (see `Services.programme`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from chalicelib.adapters.insights_sources import DynamoConversationRecordSource
from chalicelib.adapters.knowledge_store import (
    ChatTranscriptSource,
    DynamoArticleRepository,
    ModeratorMasker,
)
from chalicelib.adapters.programme_store import (
    DynamoHelperRepository,
    DynamoPointsStore,
    DynamoRewardGrantRepository,
    MembersReputationSource,
)
from chalicelib.domain.capacity.offers import WavePolicy
from chalicelib.domain.capacity.planner import CapacityPlanner
from chalicelib.domain.capacity.service import CapacityService
from chalicelib.domain.insights.service import InsightsService
from chalicelib.domain.knowledge.service import KnowledgeService
from chalicelib.domain.programme.eligibility import EligibilityPolicy
from chalicelib.domain.programme.events import roles_changed
from chalicelib.domain.programme.membership import HelperLifecycle, Transition
from chalicelib.domain.programme.ports import HelperRepository
from chalicelib.domain.programme.quality import DAY, QualityPolicy
from chalicelib.domain.programme.service import ProgrammeService, RecognitionService
from chalicelib.observability import logger
from chalicelib.settings import Settings


class AnnounceRoleChanges:
    """The Helper repository, telling the marketplace when the programme changed a member's
    roles: `member.roles_changed` on the marketplace topic, once the change is stored, so that
    the identity provider can update the roles it puts in its tokens (docs/events.md).

    The stored change is what this backend enforces (the REST edge and the chat read the
    members mirror, never the token, for `helper`), so a publication that fails is logged and
    never undoes nor fails the decision.
    """

    def __init__(
        self, helpers: HelperRepository, publish: Callable[[Mapping[str, Any]], None]
    ) -> None:
        self._helpers = helpers
        self._publish = publish

    def __getattr__(self, name: str) -> Any:
        return getattr(self._helpers, name)

    def save(self, transition: Transition) -> None:
        """Store, then announce a granted or revoked role."""
        self._helpers.save(transition)
        event = roles_changed(transition)
        if event is None:
            return
        try:
            self._publish(event.to_json())
        except Exception as e:  # noqa: BLE001 - the decision is stored; the event is advisory
            logger.error(
                "role change not announced", event_id=event.event_id, error=type(e).__name__
            )


class OfflineWhenRevoked:
    """The Helper repository, taking a Helper out of the routing pools when the role goes.

    A suspended Helper's open presence would otherwise keep receiving offers until it expires.
    """

    def __init__(self, helpers: HelperRepository, chat: Callable[[], Any]) -> None:
        self._helpers = helpers
        self._chat = chat  # built on first need: most programme requests never touch the chat

    def __getattr__(self, name: str) -> Any:
        return getattr(self._helpers, name)

    def save(self, transition: Transition) -> None:
        """Store, then stop offering requests to a Helper whose role was revoked."""
        self._helpers.save(transition)
        change = transition.role_change
        if change is not None and not change.grant:
            self._chat().went_offline(change.member_id, still_connected=False)


def build_helper_records(root: Any) -> OfflineWhenRevoked:
    """Programme records written with the role in the members mirror; a role change is then
    announced to the marketplace and a revoked Helper leaves the routing pools."""
    announced = AnnounceRoleChanges(
        DynamoHelperRepository(), lambda event: root.marketplace_events.publish(event)
    )
    return OfflineWhenRevoked(announced, lambda: root.chat.requests)


def build_recognition(root: Any) -> RecognitionService:
    """Points, levels, leaderboards and rewards."""
    return RecognitionService(
        root.helper_records, DynamoPointsStore(), DynamoRewardGrantRepository(), clock=root.clock
    )


def build_programme(root: Any) -> ProgrammeService:
    """Eligibility, applications, staff decisions, quality review, badge."""
    s: Settings = root.settings
    return ProgrammeService(
        root.helper_records,
        MembersReputationSource(root.members),
        root.quality_signals,
        recognition=root.recognition,
        eligibility=EligibilityPolicy(
            s.helper_min_rating, s.helper_min_reviews, s.helper_min_positive_share
        ),
        lifecycle=HelperLifecycle(reapply_after_seconds=s.helper_reapply_days * DAY),
        quality=QualityPolicy(
            window_seconds=s.quality_window_days * DAY,
            min_ratings=s.quality_min_ratings,
            flag_mean_below=s.quality_flag_mean_below,
            clear_mean_at_least=s.quality_clear_mean_at_least,
            flag_strikes_at_least=s.quality_flag_strikes,
            clear_strikes_at_most=s.quality_clear_strikes,
        ),
        clock=root.clock,
    )


def build_knowledge(root: Any) -> KnowledgeService:
    """Articles from closed conversations; suggestions from a per-container index."""
    return KnowledgeService(
        DynamoArticleRepository(),
        ChatTranscriptSource(root.chat.oversight),
        ModeratorMasker(root.moderator),
        on_adopted=root.recognition.on_article_adopted,
        clock=root.clock,
        refresh_seconds=root.settings.kb_refresh_seconds,
    )


def build_insights(root: Any) -> InsightsService:
    """The staff's metrics summary over conversations and claims."""
    return InsightsService(DynamoConversationRecordSource(), root.claim_records, clock=root.clock)


def build_capacity(root: Any) -> CapacityService:
    """The capacity planner with the deployed wave policy."""
    s: Settings = root.settings
    waves = WavePolicy(s.wave_size, s.wave_growth, float(s.wave_timeout_seconds), s.max_waves)
    return CapacityService(CapacityPlanner(waves=waves), s.helper_capacity_default)
