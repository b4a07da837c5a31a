"""The state machine's queue messages: a task goes to the counterpart step or the agents'
queue; a notice tells the parties (in the app or by SMS) or alerts staff."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from chalicelib.domain.claims.agents import AgentDesk
from chalicelib.domain.claims.counterpart import CounterpartStep
from chalicelib.domain.claims.ports import MemberProfiles, Notifier
from chalicelib.domain.claims.shared import ClaimsShared
from chalicelib.domain.claims.workflow import (
    AGENT_REVIEW,
    APPROVAL_REQUESTED,
    COUNTERPART_REQUESTED,
    NotifyMessage,
    TaskMessage,
)
from chalicelib.domain.notifications.channel import Notification
from chalicelib.domain.notifications.templates import TEMPLATES, format_moment

# Which parties get an SMS for each status template when they are offline.
SMS_AUDIENCE = {"claim_settled": ("claimant", "counterpart"), "claim_escalated": ("claimant",)}


class WorkflowMessages:
    """Handles the claim-tasks and notify queue messages (the queue consumers call these)."""

    def __init__(
        self,
        shared: ClaimsShared,
        *,
        counterpart: CounterpartStep,
        agents: AgentDesk,
        members: MemberProfiles,
        notifier: Notifier,
    ) -> None:
        self._shared = shared
        self._counterpart = counterpart
        self._agents = agents
        self._members = members
        self._notifier = notifier

    def handle_task_message(self, body: Any) -> None:
        """Handle one claim-tasks queue message: store the token, then notify or enqueue."""
        msg = TaskMessage.from_json(body)
        claim = self._shared.get(msg.claim_id)
        now = self._shared.now()
        if msg.kind == COUNTERPART_REQUESTED:
            self._counterpart.ask(claim, msg, now)
        elif msg.kind in (AGENT_REVIEW, APPROVAL_REQUESTED):
            self._agents.enqueue_review(claim, msg, now)
        else:
            self._agents.alert(claim, reason="workflow_failed", audience="agent", now=now)

    def handle_notify_message(self, body: Any) -> None:
        """Handle one notify-queue message: tell the parties (in-app or SMS) or alert staff."""
        msg = NotifyMessage.from_json(body)
        claim = self._shared.get(msg.claim_id)
        now = self._shared.now()
        if msg.audience == "staff":
            self._agents.alert(claim, reason=msg.template, audience="supervisor", now=now)
            return
        catalogue = self._shared.catalogue
        ptype = catalogue.problem(claim.problem)
        sms_to = SMS_AUDIENCE.get(msg.template, ())
        for role, member_id in (("claimant", claim.claimant_id),
                                ("counterpart", claim.counterpart_id)):
            lang = self._members.profile(member_id).lang
            resolution = catalogue.resolutions.get(msg.resolution)
            due = now + timedelta(seconds=self._shared.timings.agent_sla_for(ptype))
            values = {
                "ref": claim.ref,
                "problem": ptype.short_label.get(lang),
                "resolution": resolution.short_label.get(lang) if resolution else "",
                "due": format_moment(due, lang),
            }
            self._notifier.notify(Notification(
                member_id=member_id,
                event={"type": "claim.updated", "claim_id": claim.claim_id,
                       "status": msg.status},
                sms_template=msg.template if role in sms_to and msg.template in TEMPLATES
                else None,
                sms_values=values,
            ))
