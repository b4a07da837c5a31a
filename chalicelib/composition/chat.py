"""Builders of the live chat."""

from __future__ import annotations

from typing import TYPE_CHECKING

from chalicelib.adapters.dynamodb.chat_store import (
    DynamoAuditLog,
    DynamoChatStore,
    DynamoPresenceStore,
    DynamoProQueue,
)
from chalicelib.adapters.dynamodb.counters import DynamoCounters
from chalicelib.adapters.sqs.wave_scheduler import SqsWaveScheduler
from chalicelib.domain.chat.conflicts import ConflictRule
from chalicelib.domain.chat.routing import WavePolicy
from chalicelib.domain.chat.service import ChatLimits, ChatService
from chalicelib.domain.limits import RateLimit
from chalicelib.domain.moderation.flood import FloodPolicy
from chalicelib.policies.chat_reactions import ChatReactions
from chalicelib.policies.counterparties import MarketplaceCounterparties
from chalicelib.policies.delivery import OutcomeDelivery
from chalicelib.policies.helper_presence import RefuseInactiveHelpers
from chalicelib.policies.live_sessions import SessionPresence
from chalicelib.policies.offline_replies import TellOfflineMembers
from chalicelib.settings import Settings

if TYPE_CHECKING:
    from chalicelib.adapters.dynamodb.counterparties import (
        DynamoBookingPartners,
        DynamoClaimPartners,
    )
    from chalicelib.composition.root import Services


def wave_policy(s: Settings) -> WavePolicy:
    """The routing waves as deployed (the chat routes with them, capacity plans with them)."""
    return WavePolicy(
        first=s.wave_size,
        growth=s.wave_growth,
        timeout_seconds=s.wave_timeout_seconds,
        max_waves=s.max_waves,
        heartbeat_ttl=s.heartbeat_ttl_seconds,
        sensitive_topics=s.sensitive_topic_set,
    )


def booking_partners() -> DynamoBookingPartners:
    """Imported on the first help.open (the claims' models are on no other chat path)."""
    from chalicelib.adapters.dynamodb.counterparties import DynamoBookingPartners

    return DynamoBookingPartners()


def claim_partners() -> DynamoClaimPartners:
    """Imported on the first help.open, as `booking_partners`."""
    from chalicelib.adapters.dynamodb.counterparties import DynamoClaimPartners

    return DynamoClaimPartners()


def chat(root: Services) -> ChatService:
    s = root.settings
    store = DynamoChatStore()
    return ChatService(
        store=store,
        presence=DynamoPresenceStore(),
        queue=DynamoProQueue(),
        audit=DynamoAuditLog(),
        waves=SqsWaveScheduler(root.aws.client("sqs"), s.queue_routing_url),
        members=root.members,
        clock=root.clock,
        counterparties=MarketplaceCounterparties(booking_partners, claim_partners),
        moderator=root.moderator,
        policy=wave_policy(s),
        conflict_rule=ConflictRule(s.conflict_booking_days, s.conflict_lookup_limit),
        limits=ChatLimits(
            capacity_default=s.helper_capacity_default,
            capacity_max=s.helper_capacity_max,
            escalation_due_hours=s.escalation_due_hours,
            retention_days=s.retention_days,
            messages_per_minute=s.messages_per_minute,
            keep_escalated_open_to_helpers=bool(s.escalated_open_to_helpers),
            idle_close_minutes=s.conversation_idle_close_minutes,
            helper_gone_grace_seconds=s.helper_gone_grace_seconds,
        ),
        is_online=lambda member_id: root.sessions.is_online(member_id),
        listeners=[ChatReactions(lambda: root.recognition, lambda: root.quality_signals,
                                 lambda: root.programme, root.clock),
                   TellOfflineMembers(lambda: SessionPresence(root.sessions), store,
                                      lambda: root.notifications)],
        presence_guards=[RefuseInactiveHelpers(root.members)],
        open_limit=RateLimit(
            "open",
            s.help_open_per_hour,
            3600,
            DynamoCounters(),
            root.clock,
            "too many help requests this hour; continue in an open conversation or retry later",
        ),
        flood=FloodPolicy(
            max_repeats=s.message_max_repeats,
            repeat_window_seconds=s.message_repeat_window_seconds,
        ),
    )


def delivery(root: Services) -> OutcomeDelivery:
    return OutcomeDelivery(root.sessions)
