"""Builds the claims services from the settings and the composition root, and consumes the
state machine's SQS messages (see `Services.claims`, `Services.claim_messages`)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from chalicelib.adapters.chat_store import DynamoProQueue
from chalicelib.adapters.claim_store import (
    DynamoBookingMirror,
    DynamoClaimRepository,
    DynamoGestureLedger,
    ProQueueClaims,
)
from chalicelib.adapters.member_contacts import MirrorPhoneBook, MirrorProfiles, SessionChannels
from chalicelib.adapters.sns_sms import SnsSmsSender
from chalicelib.adapters.step_functions import StepFunctionsWorkflow
from chalicelib.domain.claims.gestures import DelegationPolicy, GesturePolicy
from chalicelib.domain.claims.ingest import BookingIngest
from chalicelib.domain.claims.policy import AbusePolicy
from chalicelib.domain.claims.service import ClaimsService
from chalicelib.domain.claims.workflow import TOKEN_FIELD, WorkflowTimings
from chalicelib.domain.errors import DomainError
from chalicelib.domain.identity import SUPERVISOR
from chalicelib.domain.notifications.service import NotificationService
from chalicelib.observability import logger
from chalicelib.settings import Settings

EUR = 100


class UtcClock:
    """Wall-clock time as an aware UTC datetime (what the claims domain reads)."""

    def now(self) -> datetime:
        """Now."""
        return datetime.now(UTC)


class VerdictModerator:
    """The claims' Moderator port over the chat's text moderator: blocked is None, else the
    text as it may be stored (masked)."""

    def __init__(self, moderator: Any) -> None:
        self._moderator = moderator

    def clean(self, text: str, lang: str) -> str | None:
        """The storable text, or None when blocked."""
        verdict = self._moderator.check(text, lang)
        return None if verdict.verdict == "block" else verdict.text


def policies(s: Settings) -> dict[str, Any]:
    """The claims service's knobs from the settings."""
    return {
        "timings": WorkflowTimings(
            counterpart_seconds=s.claim_counterpart_seconds or None,
            agent_sla_seconds=s.claim_agent_sla_seconds,
            urgent_agent_sla_seconds=s.claim_urgent_sla_seconds,
            agent_reminder_seconds=s.claim_reminder_seconds,
            approval_sla_seconds=s.claim_approval_sla_seconds,
        ),
        "abuse": AbusePolicy(
            window_days=s.claim_window_days,
            max_open_claims=s.claim_max_open,
            max_auto_grants=s.claim_max_auto_grants,
            auto_max_cents=s.claim_auto_max_eur * EUR,
            silence_max_cents=s.claim_silence_max_eur * EUR,
        ),
        "gestures": GesturePolicy(
            auto_amount_cents=s.gesture_auto_eur * EUR,
            window_days=s.claim_window_days,
            max_auto_per_member=s.gesture_auto_max_per_member,
            max_auto_cents_per_member=s.gesture_auto_max_eur_per_member * EUR,
        ),
        "delegation": DelegationPolicy({
            "L1": s.gesture_ceiling_l1_eur * EUR,
            "L2": s.gesture_ceiling_l2_eur * EUR,
            SUPERVISOR: s.gesture_ceiling_supervisor_eur * EUR,
        }),
    }


def build_workflow(root: Any) -> StepFunctionsWorkflow:
    """The settle_claim gateway."""
    return StepFunctionsWorkflow(root.aws.client("stepfunctions"),
                                 root.settings.state_machine_settle_claim_arn)


def build_claims(root: Any) -> ClaimsService:
    """The claims service over DynamoDB, Step Functions, SNS and the WebSocket sessions."""
    s = root.settings
    profiles = MirrorProfiles(root.members)
    channels = SessionChannels(root.sessions)
    notifier = NotificationService(
        contacts=profiles, presence=channels, in_app=channels,
        sms=SnsSmsSender(root.aws.client("sns"), s.sms_sender_id),
    )
    return ClaimsService(
        claims=DynamoClaimRepository(),
        bookings=DynamoBookingMirror(),
        members=profiles,
        ledger=DynamoGestureLedger(),
        workflow=root.claim_workflow,
        queue=ProQueueClaims(DynamoProQueue(), root.clock.now),
        notifier=notifier,
        clock=UtcClock(),
        link_base=s.sms_link_base,
        moderator=VerdictModerator(root.moderator),
        **policies(s),
    )


def build_ingest(root: Any) -> BookingIngest:
    """The signed bookings push (its key and check are shared with the members feed)."""
    return BookingIngest(push=root.marketplace_push, store=DynamoBookingMirror(),
                         phones=MirrorPhoneBook())


class ClaimMessages:
    """Consumes the claim-tasks and notify queues.

    A message the service refuses for good (a 4xx domain error: malformed, unknown claim) is
    dropped, and if it carries a task token the waiting task is failed so the workflow records
    the failure and puts the claim in the agents' queue at once instead of waiting for its
    timeout. Anything else (AWS unavailable...) fails the batch, which SQS delivers again (the
    handlers are idempotent per token) and eventually moves to the dead-letter queue.
    """

    def __init__(self, claims: ClaimsService, workflow: StepFunctionsWorkflow) -> None:
        self._claims = claims
        self._workflow = workflow

    def tasks(self, bodies: Iterable[str]) -> None:
        """One batch of the claim-tasks queue."""
        self._consume(bodies, self._claims.messages.handle_task_message, fail_tokens=True)

    def notices(self, bodies: Iterable[str]) -> None:
        """One batch of the notify queue."""
        self._consume(bodies, self._claims.messages.handle_notify_message, fail_tokens=False)

    def _consume(self, bodies: Iterable[str], handle: Any, *, fail_tokens: bool) -> None:
        retry = 0
        for raw in bodies:
            try:
                body = json.loads(raw)
            except ValueError:
                logger.warning("claim message is not JSON; dropped")
                continue
            kind = body.get("kind") if isinstance(body, dict) else None
            claim_id = body.get("claim_id") if isinstance(body, dict) else None
            try:
                handle(body)
            except DomainError as e:
                if e.status >= 500:
                    logger.warning("claim message failed; will retry", kind=kind,
                                   claim_id=claim_id, error=e.code)
                    retry += 1
                    continue
                logger.warning("claim message refused; dropped", kind=kind, claim_id=claim_id,
                               error=e.code)
                token = body.get(TOKEN_FIELD) if isinstance(body, dict) else None
                if fail_tokens and isinstance(token, str) and token:
                    self._workflow.fail(token, "ClaimTaskRefused", e.code)
            except Exception as e:  # noqa: BLE001 - counted, then the batch is retried
                logger.exception("claim message failed; will retry", kind=kind,
                                 claim_id=claim_id, error=type(e).__name__)
                retry += 1
        if retry:
            raise RuntimeError(f"{retry} claim message(s) failed; the batch will be retried")
