"""`Services`: every service of the backend, typed, each built on first use by its context's
builder (`chalicelib.composition.<context>`)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING

from chalicelib.adapters.dynamodb.models import bind_models
from chalicelib.observability import tracer
from chalicelib.settings import Settings, settings

if TYPE_CHECKING:
    from chalicelib.adapters.apigateway.pusher import ApiGatewayPusher
    from chalicelib.adapters.aws import AwsClients
    from chalicelib.adapters.dynamodb.claim_records import DynamoClaimRecordSource
    from chalicelib.adapters.dynamodb.member_mirror import DynamoMemberDirectory
    from chalicelib.adapters.dynamodb.programme_store import DynamoQualitySignals
    from chalicelib.adapters.sns.event_publisher import SnsEventPublisher
    from chalicelib.adapters.stepfunctions.workflow import StepFunctionsWorkflow
    from chalicelib.api.claims import ClaimMessages
    from chalicelib.api.websocket import WebSocketEdge
    from chalicelib.domain.capacity.service import CapacityService
    from chalicelib.domain.chat.service import ChatService
    from chalicelib.domain.claims.ingest import BookingIngest
    from chalicelib.domain.claims.mine import MemberClaims
    from chalicelib.domain.claims.service import ClaimsService
    from chalicelib.domain.clock import SystemClock
    from chalicelib.domain.frames import FrameDispatcher
    from chalicelib.domain.insights.service import InsightsService
    from chalicelib.domain.knowledge.service import KnowledgeService
    from chalicelib.domain.member_ingest import MemberIngest
    from chalicelib.domain.moderation.images import ImageModerator
    from chalicelib.domain.moderation.review import ModerationService
    from chalicelib.domain.notifications.service import NotificationService
    from chalicelib.domain.privacy.service import PrivacyService
    from chalicelib.domain.programme.service import ProgrammeService, RecognitionService
    from chalicelib.domain.programme.transcript_access import TranscriptAccessService
    from chalicelib.domain.sessions import SessionService
    from chalicelib.domain.signed_push import SignedPushVerifier
    from chalicelib.policies.delivery import OutcomeDelivery
    from chalicelib.policies.helper_presence import OfflineWhenRevoked
    from chalicelib.policies.text_moderation import FilterModerator


def in_lambda() -> bool:
    """Whether this process is a Lambda function."""
    return "AWS_LAMBDA_FUNCTION_NAME" in os.environ


@dataclass
class Services:
    """Every service of the backend, wired to its adapters (each import is deferred to the
    first request that needs it: a cold start pays only for what it uses)."""

    settings: Settings

    def __post_init__(self) -> None:
        if in_lambda() and self.settings.trace_aws_calls:
            tracer()  # patches botocore: every AWS call becomes a traced subsegment
        bind_models(self.settings)

    # --- Platform: clients, identity, the WebSocket edge (composition/platform.py) ---------

    @cached_property
    def aws(self) -> AwsClients:
        """boto3 clients, each created on first use."""
        from chalicelib.composition import platform

        return platform.aws(self)

    @cached_property
    def clock(self) -> SystemClock:
        """The one clock of every context."""
        from chalicelib.composition import platform

        return platform.clock(self)

    @cached_property
    def members(self) -> DynamoMemberDirectory:
        """The members mirror."""
        from chalicelib.composition import platform

        return platform.members(self)

    @cached_property
    def pusher(self) -> ApiGatewayPusher:
        """Posts frames to WebSocket connections (@connections)."""
        from chalicelib.composition import platform

        return platform.pusher(self)

    @cached_property
    def sessions(self) -> SessionService:
        """Tokens, tickets, connections and fan-out; `effective` roles from the mirror."""
        from chalicelib.composition import platform

        return platform.sessions(self)

    @cached_property
    def frames(self) -> FrameDispatcher:
        """The WebSocket actions with their declared roles."""
        from chalicelib.composition import platform

        return platform.frames(self)

    @cached_property
    def websocket(self) -> WebSocketEdge:
        """The $connect, $default and $disconnect handlers' edge."""
        from chalicelib.composition import platform

        return platform.websocket(self)

    # --- Chat (composition/chat.py) ---------------------------------------------------------

    @cached_property
    def chat(self) -> ChatService:
        """The live chat: help requests, message relay, oversight."""
        from chalicelib.composition import chat

        return chat.chat(self)

    @cached_property
    def delivery(self) -> OutcomeDelivery:
        """Pushes the chat's outcome events to live connections."""
        from chalicelib.composition import chat

        return chat.delivery(self)

    # --- Notifications (composition/notifications.py) --------------------------------------

    @cached_property
    def notifications(self) -> NotificationService:
        """In-app when online, else SMS within consent and opt-out (claims and chat)."""
        from chalicelib.composition import notifications

        return notifications.notifications(self)

    # --- Moderation (composition/moderation.py) --------------------------------------------

    @cached_property
    def moderator(self) -> FilterModerator:
        """The text filters on every message, claim answer and article."""
        from chalicelib.composition import moderation

        return moderation.moderator(self)

    @cached_property
    def image_moderator(self) -> ImageModerator:
        """Rekognition, or the deterministic fake (`IMAGE_MODERATION`)."""
        from chalicelib.composition import moderation

        return moderation.image_moderator(self)

    @cached_property
    def moderation(self) -> ModerationService:
        """Staff dry runs, the review queue and its decisions."""
        from chalicelib.composition import moderation

        return moderation.moderation(self)

    # --- Claims (composition/claims.py) -----------------------------------------------------

    @cached_property
    def claim_workflow(self) -> StepFunctionsWorkflow:
        """The settle_claim state machine."""
        from chalicelib.composition import claims

        return claims.workflow(self)

    @cached_property
    def claims(self) -> ClaimsService:
        """Filing, the counterpart step, the agents' desk, the workflow's messages."""
        from chalicelib.composition import claims

        return claims.claims(self)

    @cached_property
    def member_claims(self) -> MemberClaims:
        """A member's own claims and recent bookings (GET /claims, GET /bookings/recent)."""
        from chalicelib.composition import claims

        return claims.member_claims(self)

    @cached_property
    def claim_messages(self) -> ClaimMessages:
        """The consumer of the state machine's claim-tasks and notify queues."""
        from chalicelib.composition import claims

        return claims.claim_messages(self)

    @cached_property
    def bookings_ingest(self) -> BookingIngest:
        """The signed bookings feed."""
        from chalicelib.composition import claims

        return claims.bookings_ingest(self)

    @cached_property
    def claim_records(self) -> DynamoClaimRecordSource:
        """Claims as insights read them."""
        from chalicelib.composition import claims

        return claims.claim_records(self)

    # --- Marketplace feeds and events (composition/marketplace.py) -------------------------

    @cached_property
    def marketplace_push(self) -> SignedPushVerifier:
        """The HMAC check of the marketplace's signed pushes (one key for both feeds)."""
        from chalicelib.composition import marketplace

        return marketplace.push_verifier(self)

    @cached_property
    def members_ingest(self) -> MemberIngest:
        """The signed members feed."""
        from chalicelib.composition import marketplace

        return marketplace.members_ingest(self)

    @cached_property
    def marketplace_events(self) -> SnsEventPublisher:
        """Outbound events on the marketplace topic (`member.roles_changed`)."""
        from chalicelib.composition import marketplace

        return marketplace.events(self)

    # --- Helper programme, knowledge, insights (composition/programme.py) -----------------

    @cached_property
    def helper_records(self) -> OfflineWhenRevoked:
        """Programme records with the role on the mirror, announced, revoked ones offline."""
        from chalicelib.composition import programme

        return programme.helper_records(self)

    @cached_property
    def quality_signals(self) -> DynamoQualitySignals:
        """Helpers' ratings received and moderation strikes."""
        from chalicelib.composition import programme

        return programme.quality_signals(self)

    @cached_property
    def recognition(self) -> RecognitionService:
        """Points, levels, leaderboards, rewards."""
        from chalicelib.composition import programme

        return programme.recognition(self)

    @cached_property
    def programme(self) -> ProgrammeService:
        """Eligibility, applications, staff decisions, quality review, badge."""
        from chalicelib.composition import programme

        return programme.programme(self)

    @cached_property
    def transcript_access(self) -> TranscriptAccessService:
        """Staff grant and withdraw Helpers' transcript access, audited."""
        from chalicelib.composition import programme

        return programme.transcript_access(self)

    @cached_property
    def knowledge(self) -> KnowledgeService:
        """Articles and suggestions."""
        from chalicelib.composition import programme

        return programme.knowledge(self)

    @cached_property
    def insights(self) -> InsightsService:
        """The staff's metrics summary."""
        from chalicelib.composition import programme

        return programme.insights(self)

    @cached_property
    def capacity(self) -> CapacityService:
        """The capacity planner."""
        from chalicelib.composition import programme

        return programme.capacity(self)

    # --- Privacy (composition/privacy.py) ---------------------------------------------------

    @cached_property
    def privacy(self) -> PrivacyService:
        """A member's data erased on request (GDPR)."""
        from chalicelib.composition import privacy

        return privacy.privacy(self)


@lru_cache(maxsize=1)
def services() -> Services:
    """The process-wide composition root."""
    return Services(settings())


def reset() -> None:
    """Forget settings and services (tests, or a local stack that re-reads its environment)."""
    settings.cache_clear()
    services.cache_clear()
