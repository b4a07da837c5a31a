"""The composition root: builds each service once, on first use, from the settings."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cached_property, lru_cache

from chalicelib.adapters.aws import AwsClients
from chalicelib.adapters.chat_store import (
    DynamoAuditLog,
    DynamoChatStore,
    DynamoPresenceStore,
    DynamoProQueue,
    SqsWaveScheduler,
)
from chalicelib.adapters.member_mirror import MirrorRoleAuthority
from chalicelib.adapters.models import bind_models
from chalicelib.adapters.session_stores import (
    DynamoConnectionRepository,
    DynamoMemberDirectory,
    DynamoTicketStore,
)
from chalicelib.adapters.tokens import JwtTokenCodec
from chalicelib.adapters.websocket_pusher import ApiGatewayPusher
from chalicelib.domain.chat.model import Outcome
from chalicelib.domain.chat.routing import WavePolicy
from chalicelib.domain.chat.service import ChatLimits, ChatService
from chalicelib.domain.clock import SystemClock
from chalicelib.domain.frames import FrameDispatcher
from chalicelib.domain.moderation.flood import FloodPolicy
from chalicelib.domain.sessions import SessionService
from chalicelib.moderation_wiring import refuse_suspended_members
from chalicelib.observability import logger, tracer
from chalicelib.programme_events import ChatEvents, refuse_inactive_helpers
from chalicelib.settings import Settings, settings
from chalicelib.websocket_edge import WebSocketEdge


def in_lambda() -> bool:
    """Whether this process is a Lambda function."""
    return "AWS_LAMBDA_FUNCTION_NAME" in os.environ


@dataclass
class Services:
    """Every service of the backend, wired to its adapters."""

    settings: Settings

    def __post_init__(self) -> None:
        if in_lambda() and self.settings.trace_aws_calls:
            tracer()  # patches botocore: every AWS call becomes a traced subsegment
        bind_models(self.settings)

    @cached_property
    def aws(self) -> AwsClients:
        """boto3 clients, created lazily."""
        return AwsClients(self.settings.region)

    @cached_property
    def clock(self) -> SystemClock:
        """The wall clock."""
        return SystemClock()

    @cached_property
    def members(self) -> DynamoMemberDirectory:
        """The members mirror."""
        return DynamoMemberDirectory()

    @cached_property
    def pusher(self) -> ApiGatewayPusher:
        """Posts frames to WebSocket connections."""
        return ApiGatewayPusher(
            lambda endpoint: self.aws.client("apigatewaymanagementapi", endpoint),
            self.settings.ws_management_endpoint,
        )

    def _jwt_key(self) -> str:
        if self.settings.jwt_secret:
            return self.settings.jwt_secret
        if not self.settings.jwt_secret_arn:
            return ""
        client = self.aws.client("secretsmanager")
        return client.get_secret_value(SecretId=self.settings.jwt_secret_arn)["SecretString"]

    @cached_property
    def sessions(self) -> SessionService:
        """Tokens, tickets, connections and fan-out; `effective` roles from the members mirror."""
        s = self.settings
        return SessionService(
            tokens=JwtTokenCodec(self._jwt_key, s.jwt_audience, s.jwks_url),
            tickets=DynamoTicketStore(),
            connections=DynamoConnectionRepository(),
            pusher=self.pusher,
            members=self.members,
            clock=self.clock,
            ticket_ttl=s.ticket_ttl_seconds,
            connection_ttl=s.connection_ttl_seconds,
            ticket_guards=[refuse_suspended_members(self.members)],
            role_authority=MirrorRoleAuthority(),
        )

    @cached_property
    def frames(self) -> FrameDispatcher:
        """The WebSocket action dispatcher with every action registered."""
        dispatcher = FrameDispatcher(
            max_bytes=self.settings.max_frame_bytes,
            on_unexpected=lambda action, exc: logger.exception(
                "frame handler failed", action=action, error=type(exc).__name__
            ),
        )
        from chalicelib.api.chat import register_actions

        register_actions(dispatcher, self)
        return dispatcher

    @cached_property
    def websocket(self) -> WebSocketEdge:
        """The WebSocket edge used by the $connect, $default and $disconnect handlers."""
        edge = WebSocketEdge(self.sessions, self.frames)
        edge.on_disconnect.append(self._helper_left)
        return edge

    def _helper_left(self, connection) -> None:
        principal = connection.principal
        if principal.has_any(("helper", "agent")):
            member = principal.member_id
            self.chat.requests.went_offline(member, still_connected=self.sessions.is_online(member))

    @cached_property
    def chat(self) -> ChatService:
        """The live chat."""
        s = self.settings
        return ChatService(
            store=DynamoChatStore(),
            presence=DynamoPresenceStore(),
            queue=DynamoProQueue(),
            audit=DynamoAuditLog(),
            waves=SqsWaveScheduler(self.aws.client("sqs"), s.queue_routing_url),
            members=self.members,
            clock=self.clock,
            moderator=self.moderator,
            policy=WavePolicy(
                first=s.wave_size,
                growth=s.wave_growth,
                timeout_seconds=s.wave_timeout_seconds,
                max_waves=s.max_waves,
                heartbeat_ttl=s.heartbeat_ttl_seconds,
                sensitive_topics=s.sensitive_topic_set,
            ),
            limits=ChatLimits(
                capacity_default=s.helper_capacity_default,
                capacity_max=s.helper_capacity_max,
                escalation_due_hours=s.escalation_due_hours,
                retention_days=s.retention_days,
                messages_per_minute=s.messages_per_minute,
                keep_escalated_open_to_helpers=bool(s.escalated_open_to_helpers),
            ),
            listeners=[ChatEvents(self)],
            presence_guards=[refuse_inactive_helpers(self.members)],
            flood=FloodPolicy(
                max_repeats=s.message_max_repeats,
                repeat_window_seconds=s.message_repeat_window_seconds,
            ),
        )

    # --- Moderation (built in chalicelib/moderation_wiring.py) -------------------------------

    @cached_property
    def moderator(self):
        """The text moderation filters used on every message, claim answer and article."""
        from chalicelib.moderation_wiring import FilterModerator

        return FilterModerator()

    @cached_property
    def image_moderator(self):
        """Image moderation: Rekognition, or the deterministic fake (`IMAGE_MODERATION`)."""
        from chalicelib.moderation_wiring import build_image_moderator

        return build_image_moderator(self.settings)

    @cached_property
    def moderation(self):
        """Staff dry runs of the filters, the review queue and its decisions."""
        from chalicelib.moderation_wiring import build_moderation

        return build_moderation(self)

    # --- Claims (built in chalicelib/claims_wiring.py) ---------------------------------------

    @cached_property
    def claim_workflow(self):
        """The settle_claim state machine gateway."""
        from chalicelib.claims_wiring import build_workflow

        return build_workflow(self)

    @cached_property
    def claims(self):
        """Claims: catalogue, filing, answers, agent decisions, approvals, gestures audit."""
        from chalicelib.claims_wiring import build_claims

        return build_claims(self)

    @cached_property
    def claim_messages(self):
        """Consumer of the state machine's claim-tasks and notify queues."""
        from chalicelib.claims_wiring import ClaimMessages

        return ClaimMessages(self.claims, self.claim_workflow)

    @cached_property
    def bookings_ingest(self):
        """The HMAC-signed bookings push from the marketplace."""
        from chalicelib.claims_wiring import build_ingest

        return build_ingest(self)

    # --- Marketplace feeds and events (built in chalicelib/marketplace_wiring.py) -----------

    @cached_property
    def marketplace_push(self):
        """The HMAC check of the marketplace's signed pushes (one key for every feed)."""
        from chalicelib.marketplace_wiring import build_push_verifier

        return build_push_verifier(self)

    @cached_property
    def members_ingest(self):
        """The HMAC-signed members feed: profile, consents, reputation and standing."""
        from chalicelib.marketplace_wiring import build_member_ingest

        return build_member_ingest(self)

    @cached_property
    def marketplace_events(self):
        """Publishes outbound events (`member.roles_changed`) on the marketplace topic."""
        from chalicelib.marketplace_wiring import build_marketplace_events

        return build_marketplace_events(self)

    # --- Helper programme, knowledge base, insights (built in programme_wiring.py) -----------

    @cached_property
    def helper_records(self):
        """Programme records, written with the role in the members mirror (and announced)."""
        from chalicelib.programme_wiring import build_helper_records

        return build_helper_records(self)

    @cached_property
    def quality_signals(self):
        """Ratings received and moderation strikes of Helpers (`record_strike` for moderation)."""
        from chalicelib.adapters.programme_store import DynamoQualitySignals

        return DynamoQualitySignals()

    @cached_property
    def recognition(self):
        """Points, levels, leaderboards, rewards."""
        from chalicelib.programme_wiring import build_recognition

        return build_recognition(self)

    @cached_property
    def programme(self):
        """Eligibility, applications, staff decisions, quality review, public badge."""
        from chalicelib.programme_wiring import build_programme

        return build_programme(self)

    @cached_property
    def knowledge(self):
        """Knowledge-base articles and suggestions (the index is cached per container)."""
        from chalicelib.programme_wiring import build_knowledge

        return build_knowledge(self)

    @cached_property
    def claim_records(self):
        """Claims as insights read them (day-index of the claims table)."""
        from chalicelib.adapters.claim_records import DynamoClaimRecordSource

        return DynamoClaimRecordSource()

    @cached_property
    def insights(self):
        """The staff's metrics summary."""
        from chalicelib.programme_wiring import build_insights

        return build_insights(self)

    @cached_property
    def capacity(self):
        """The capacity planner."""
        from chalicelib.programme_wiring import build_capacity

        return build_capacity(self)

    def deliver(self, outcome: Outcome) -> None:
        """Push an outcome's events to the live connections of their recipients."""
        for event in outcome.events:
            self.sessions.push_to_members(event.recipients, event.payload, event.skip_connection)


@lru_cache(maxsize=1)
def services() -> Services:
    """The process-wide composition root."""
    return Services(settings())


def reset() -> None:
    """Forget settings and services (tests, or a local stack that re-reads its environment)."""
    settings.cache_clear()
    services.cache_clear()
