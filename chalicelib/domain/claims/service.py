"""ClaimsService: the claims use cases built from their ports, one part per responsibility."""

from __future__ import annotations

from collections.abc import Callable

from chalicelib.domain.claims.agents import AgentDesk
from chalicelib.domain.claims.catalogue import Catalogue, load_catalogue
from chalicelib.domain.claims.counterpart import CounterpartStep, new_code
from chalicelib.domain.claims.filing import ClaimFiling
from chalicelib.domain.claims.gestures import DelegationPolicy, GesturePolicy
from chalicelib.domain.claims.messages import WorkflowMessages
from chalicelib.domain.claims.policy import AbusePolicy
from chalicelib.domain.claims.ports import (
    AgentQueue,
    BookingDirectory,
    ClaimRepository,
    GestureLedger,
    MemberProfiles,
    Moderator,
    Notifier,
    Workflow,
)
from chalicelib.domain.claims.shared import ClaimsShared
from chalicelib.domain.claims.workflow import WorkflowTimings
from chalicelib.domain.clock import Clock
from chalicelib.domain.limits import MissLimit


class ClaimsService:
    """The claims use cases: `filing`, `counterpart`, `agents` and the workflow's queue
    `messages`, over what they share (`shared`: claim lookup, the clock, catalogue, timings)."""

    def __init__(
        self,
        *,
        claims: ClaimRepository,
        bookings: BookingDirectory,
        members: MemberProfiles,
        ledger: GestureLedger,
        workflow: Workflow,
        queue: AgentQueue,
        notifier: Notifier,
        clock: Clock,
        link_base: str,
        catalogue: Catalogue | None = None,
        abuse: AbusePolicy | None = None,
        gestures: GesturePolicy | None = None,
        delegation: DelegationPolicy | None = None,
        timings: WorkflowTimings | None = None,
        moderator: Moderator | None = None,
        codes: Callable[[], str] = new_code,
        code_misses: MissLimit | None = None,
    ) -> None:
        self.shared = ClaimsShared(repository=claims, clock=clock,
                                   catalogue=catalogue or load_catalogue(),
                                   timings=timings or WorkflowTimings())
        self.filing = ClaimFiling(
            self.shared, bookings=bookings, members=members, ledger=ledger, workflow=workflow,
            abuse=abuse or AbusePolicy(), gestures=gestures or GesturePolicy(),
            moderator=moderator,
        )
        self.counterpart = CounterpartStep(
            self.shared, bookings=bookings, members=members, workflow=workflow,
            notifier=notifier, link_base=link_base, moderator=moderator, codes=codes,
            code_misses=code_misses,
        )
        self.agents = AgentDesk(self.shared, bookings=bookings, ledger=ledger, workflow=workflow,
                                queue=queue, delegation=delegation or DelegationPolicy())
        self.messages = WorkflowMessages(self.shared, counterpart=self.counterpart,
                                         agents=self.agents, members=members, notifier=notifier)
