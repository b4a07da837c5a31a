"""Builders of claims: the state machine gateway, the claims service, its queue consumer, the
bookings feed, and claims as insights read them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from chalicelib.adapters.dynamodb.chat_store import DynamoProQueue
from chalicelib.adapters.dynamodb.claim_records import DynamoClaimRecordSource
from chalicelib.adapters.dynamodb.claim_store import (
    DynamoBookingDirectory,
    DynamoBookingStore,
    DynamoClaimRepository,
    DynamoGestureLedger,
)
from chalicelib.adapters.dynamodb.counters import DynamoCounters
from chalicelib.adapters.dynamodb.member_claims import DynamoBookingsByParty, DynamoClaimsByParty
from chalicelib.adapters.dynamodb.member_mirror import DynamoPhoneBook
from chalicelib.adapters.stepfunctions.workflow import StepFunctionsWorkflow
from chalicelib.api.claims import ClaimMessages
from chalicelib.domain.claims.gestures import DelegationPolicy, GesturePolicy
from chalicelib.domain.claims.ingest import BookingIngest
from chalicelib.domain.claims.mine import MemberClaims
from chalicelib.domain.claims.policy import AbusePolicy
from chalicelib.domain.claims.service import ClaimsService
from chalicelib.domain.claims.workflow import WorkflowTimings
from chalicelib.domain.identity import SUPERVISOR
from chalicelib.domain.limits import MissLimit
from chalicelib.policies.members_mirror import MirrorMemberProfiles
from chalicelib.policies.pro_queue import ProQueueAgentQueue
from chalicelib.policies.text_moderation import VerdictModerator
from chalicelib.settings import Settings

if TYPE_CHECKING:
    from chalicelib.composition.root import Services

EUR = 100


def workflow(root: Services) -> StepFunctionsWorkflow:
    return StepFunctionsWorkflow(root.aws.client("stepfunctions"),
                                 root.settings.state_machine_settle_claim_arn)


def timings(s: Settings) -> WorkflowTimings:
    return WorkflowTimings(
        counterpart_seconds=s.claim_counterpart_seconds or None,
        agent_sla_seconds=s.claim_agent_sla_seconds,
        urgent_agent_sla_seconds=s.claim_urgent_sla_seconds,
        agent_reminder_seconds=s.claim_reminder_seconds,
        approval_sla_seconds=s.claim_approval_sla_seconds,
    )


def abuse(s: Settings) -> AbusePolicy:
    return AbusePolicy(
        window_days=s.claim_window_days,
        max_open_claims=s.claim_max_open,
        max_auto_grants=s.claim_max_auto_grants,
        auto_max_cents=s.claim_auto_max_eur * EUR,
        silence_max_cents=s.claim_silence_max_eur * EUR,
    )


def gestures(s: Settings) -> GesturePolicy:
    return GesturePolicy(
        auto_amount_cents=s.gesture_auto_eur * EUR,
        window_days=s.claim_window_days,
        max_auto_per_member=s.gesture_auto_max_per_member,
        max_auto_cents_per_member=s.gesture_auto_max_eur_per_member * EUR,
    )


def delegation(s: Settings) -> DelegationPolicy:
    return DelegationPolicy({
        "L1": s.gesture_ceiling_l1_eur * EUR,
        "L2": s.gesture_ceiling_l2_eur * EUR,
        SUPERVISOR: s.gesture_ceiling_supervisor_eur * EUR,
    })


def code_misses(root: Services) -> MissLimit:
    """Wrong SMS codes per claim before the code is locked, and for how long."""
    s = root.settings
    return MissLimit(
        "claim-code",
        s.claim_code_max_misses,
        s.claim_code_lock_seconds,
        DynamoCounters(),
        root.clock,
        "too many wrong codes: this link is locked; sign in to the app to answer (no code "
        "needed), or contact support",
    )


def claims(root: Services) -> ClaimsService:
    s = root.settings
    return ClaimsService(
        claims=DynamoClaimRepository(),
        bookings=DynamoBookingDirectory(),
        members=MirrorMemberProfiles(root.members),
        ledger=DynamoGestureLedger(),
        workflow=root.claim_workflow,
        queue=ProQueueAgentQueue(DynamoProQueue(), root.clock.now),
        notifier=root.notifications,
        clock=root.clock,
        link_base=s.sms_link_base,
        moderator=VerdictModerator(root.moderator),
        timings=timings(s),
        abuse=abuse(s),
        gestures=gestures(s),
        delegation=delegation(s),
        code_misses=code_misses(root),
    )


def member_claims(root: Services) -> MemberClaims:
    return MemberClaims(DynamoClaimsByParty(), DynamoBookingsByParty(), root.clock)


def claim_messages(root: Services) -> ClaimMessages:
    return ClaimMessages(root.claims, root.claim_workflow)


def bookings_ingest(root: Services) -> BookingIngest:
    return BookingIngest(push=root.marketplace_push, store=DynamoBookingStore(),
                         phones=DynamoPhoneBook())


def claim_records(root: Services) -> DynamoClaimRecordSource:
    return DynamoClaimRecordSource()
