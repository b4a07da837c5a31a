"""The contract with infra/statemachines/settle_claim.asl.json: its input and its messages."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from chalicelib.domain.claims.catalogue import ProblemType
from chalicelib.domain.claims.model import Booking, Claim
from chalicelib.domain.claims.outcomes import SettlementContext, hold_event
from chalicelib.domain.clock import wire_time
from chalicelib.domain.errors import BadInput

SCHEMA = 1
# Field of every callback message that carries the task token (stored server-side only).
TOKEN_FIELD = "task_token"  # noqa: S105 - a field name, not a secret
# Kinds of the messages the state machine sends to the claim-tasks queue.
COUNTERPART_REQUESTED = "claim.counterpart_requested"
AGENT_REVIEW = "claim.agent_review"
APPROVAL_REQUESTED = "claim.approval_requested"
WORKFLOW_FAILED = "claim.workflow_failed"
TASK_KINDS = (COUNTERPART_REQUESTED, AGENT_REVIEW, APPROVAL_REQUESTED, WORKFLOW_FAILED)
# Kind of the messages it sends to the notify queue.
NOTIFY = "claim.notify"


@dataclass(frozen=True)
class WorkflowTimings:
    """Every wait of the state machine, in seconds; tests pass 1-2 s through the same input."""

    counterpart_seconds: int | None = None  # None: the problem type's counterpart window
    agent_sla_seconds: int = 24 * 3600
    urgent_agent_sla_seconds: int = 3600
    agent_reminder_seconds: int = 4 * 3600
    approval_sla_seconds: int = 24 * 3600

    def counterpart_for(self, problem: ProblemType) -> int:
        """How long the counterpart has to answer for this problem type."""
        if self.counterpart_seconds is not None:
            return self.counterpart_seconds
        return problem.counterpart_window_hours * 3600

    def agent_sla_for(self, problem: ProblemType) -> int:
        """How long agents have to decide (shorter for urgent types such as safety)."""
        return self.urgent_agent_sla_seconds if problem.urgent else self.agent_sla_seconds


def execution_input(
    claim: Claim, problem: ProblemType, booking: Booking, timings: WorkflowTimings
) -> dict[str, Any]:
    """The execution input; deterministic, so a restart with the same name is a no-op."""
    ctx = SettlementContext(claim.claim_id, claim.problem, booking, claim.claimant_side,
                            wire_time(claim.filed_at), claim.hold_requested)
    return {
        "schema": SCHEMA,
        "claim_id": claim.claim_id,
        "booking_id": claim.booking_id,
        "problem": claim.problem,
        "claimant_id": claim.claimant_id,
        "counterpart_id": claim.counterpart_id,
        "parties": [claim.claimant_id, claim.counterpart_id],
        "route": "counterpart" if claim.plan.asks_counterpart else "direct",
        "hold": {
            "requested": claim.hold_requested,
            "event": hold_event(ctx).to_json() if claim.hold_requested else {},
        },
        "counterpart_expires_at": wire_time(claim.counterpart_expires_at)
        if claim.counterpart_expires_at else "",
        "timeouts": {
            "counterpart_seconds": timings.counterpart_for(problem),
            "agent_sla_seconds": timings.agent_sla_for(problem),
            "agent_reminder_seconds": timings.agent_reminder_seconds,
            "approval_sla_seconds": timings.approval_sla_seconds,
        },
        "outcomes": {k: d.to_json() for k, d in claim.plan.decisions.items()},
    }


def counterpart_answer(*, confirmed: bool, via: str, comment: str) -> dict[str, Any]:
    """The output sent with SendTaskSuccess when the counterpart answers."""
    return {"confirmed": confirmed, "via": via, "comment": comment}


@dataclass(frozen=True)
class TaskMessage:
    """A message from the state machine to the claim-tasks queue consumer."""

    kind: str
    claim_id: str
    token: str = ""
    reason: str = ""
    sla_seconds: int = 0
    reminder: bool = False
    expires_at: str = ""
    proposal: Mapping[str, Any] = field(default_factory=dict)
    error: str = ""

    @classmethod
    def from_json(cls, raw: Any) -> TaskMessage:
        """Read and check a message body; BadInput for anything malformed."""
        if not isinstance(raw, dict) or raw.get("kind") not in TASK_KINDS:
            raise BadInput("not a claim task message", code="bad_task_message")
        if raw.get("version") != SCHEMA or not isinstance(raw.get("claim_id"), str):
            raise BadInput("unsupported claim task message", code="bad_task_message")
        token = raw.get(TOKEN_FIELD, "")
        if raw["kind"] != WORKFLOW_FAILED and not (isinstance(token, str) and token):
            raise BadInput("claim task message without a task token", code="bad_task_message")
        proposal = raw.get("proposal") or {}
        return cls(
            kind=raw["kind"],
            claim_id=raw["claim_id"],
            token=token,
            reason=str(raw.get("reason", "")),
            sla_seconds=int(raw.get("sla_seconds") or 0),
            reminder=bool(raw.get("reminder", False)),
            expires_at=str(raw.get("expires_at", "")),
            proposal=proposal if isinstance(proposal, dict) else {},
            error=str(raw.get("error", "")),
        )


@dataclass(frozen=True)
class NotifyMessage:
    """A message from the state machine to the notify queue consumer."""

    claim_id: str
    template: str
    status: str
    audience: str = "parties"
    resolution: str = ""
    reason: str = ""

    @classmethod
    def from_json(cls, raw: Any) -> NotifyMessage:
        """Read and check a message body; BadInput for anything malformed."""
        if not isinstance(raw, dict) or raw.get("kind") != NOTIFY or raw.get("version") != SCHEMA:
            raise BadInput("not a claim notify message", code="bad_notify_message")
        try:
            return cls(
                claim_id=str(raw["claim_id"]),
                template=str(raw["template"]),
                status=str(raw["status"]),
                audience=str(raw.get("audience", "parties")),
                resolution=str(raw.get("resolution", "")),
                reason=str(raw.get("reason", "")),
            )
        except KeyError as e:
            raise BadInput(f"notify message lacks {e}", code="bad_notify_message") from e
