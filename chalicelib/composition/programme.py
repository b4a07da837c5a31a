"""Builders of the Helper programme, the knowledge base, insights and capacity planning."""

from __future__ import annotations

from typing import TYPE_CHECKING

from chalicelib.adapters.dynamodb.chat_store import DynamoAuditLog
from chalicelib.adapters.dynamodb.insights_sources import DynamoConversationRecordSource
from chalicelib.adapters.dynamodb.knowledge_store import DynamoArticleRepository
from chalicelib.adapters.dynamodb.programme_store import (
    DynamoHelperRepository,
    DynamoPointsStore,
    DynamoQualitySignals,
    DynamoRewardGrantRepository,
)
from chalicelib.adapters.dynamodb.transcript_access import DynamoTranscriptAccess
from chalicelib.composition.chat import wave_policy
from chalicelib.domain.capacity.planner import CapacityPlanner
from chalicelib.domain.capacity.service import CapacityService
from chalicelib.domain.insights.service import InsightsService
from chalicelib.domain.knowledge.service import KnowledgeService
from chalicelib.domain.programme.eligibility import EligibilityPolicy
from chalicelib.domain.programme.membership import HelperLifecycle
from chalicelib.domain.programme.quality import DAY, QualityPolicy
from chalicelib.domain.programme.service import ProgrammeService, RecognitionService
from chalicelib.domain.programme.transcript_access import TranscriptAccessService
from chalicelib.policies.helper_presence import OfflineWhenRevoked
from chalicelib.policies.members_mirror import MirrorReputationSource
from chalicelib.policies.role_announcements import AnnounceRoleChanges
from chalicelib.policies.text_moderation import ModeratorMasker
from chalicelib.policies.transcripts import ChatTranscriptSource

if TYPE_CHECKING:
    from chalicelib.composition.root import Services


def helper_records(root: Services) -> OfflineWhenRevoked:
    """Programme records written with the role on the members mirror; a role change is then
    announced to the marketplace, and a revoked Helper leaves the routing pools."""
    announced = AnnounceRoleChanges(
        DynamoHelperRepository(), lambda event: root.marketplace_events.publish(event))
    return OfflineWhenRevoked(announced, lambda: root.chat.requests, lambda: root.sessions)


def quality_signals(root: Services) -> DynamoQualitySignals:
    return DynamoQualitySignals()


def recognition(root: Services) -> RecognitionService:
    return RecognitionService(
        root.helper_records, DynamoPointsStore(), DynamoRewardGrantRepository(), clock=root.clock)


def programme(root: Services) -> ProgrammeService:
    s = root.settings
    return ProgrammeService(
        root.helper_records,
        MirrorReputationSource(root.members),
        root.quality_signals,
        recognition=root.recognition,
        eligibility=EligibilityPolicy(
            s.helper_min_rating, s.helper_min_reviews, s.helper_min_positive_share),
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


def transcript_access(root: Services) -> TranscriptAccessService:
    return TranscriptAccessService(
        root.members, DynamoTranscriptAccess(), DynamoAuditLog(), clock=root.clock)


def knowledge(root: Services) -> KnowledgeService:
    return KnowledgeService(
        DynamoArticleRepository(),
        ChatTranscriptSource(root.chat.oversight),
        ModeratorMasker(root.moderator),
        on_adopted=root.recognition.on_article_adopted,
        clock=root.clock,
        refresh_seconds=root.settings.kb_refresh_seconds,
    )


def insights(root: Services) -> InsightsService:
    return InsightsService(DynamoConversationRecordSource(), root.claim_records, clock=root.clock)


def capacity(root: Services) -> CapacityService:
    return CapacityService(CapacityPlanner(waves=wave_policy(root.settings)),
                           root.settings.helper_capacity_default)
