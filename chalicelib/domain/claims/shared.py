"""What every part of the claims service shares: claim lookup, who may see what, the clock,
timeline entries, and the catalogue and timings they all follow."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from chalicelib.domain.claims.catalogue import Catalogue
from chalicelib.domain.claims.model import Claim, TimelineEntry
from chalicelib.domain.claims.ports import ClaimRepository
from chalicelib.domain.claims.workflow import WorkflowTimings
from chalicelib.domain.clock import Clock, wire_time
from chalicelib.domain.errors import Forbidden, NotFound
from chalicelib.domain.identity import Principal


@dataclass(frozen=True)
class ClaimView:
    """A claim as one viewer may see it."""

    claim: Claim
    staff: bool
    viewer_id: str

    def to_json(self) -> dict[str, Any]:
        """Wire form for this viewer."""
        return self.claim.to_json(staff=self.staff, viewer_id=self.viewer_id)


class ClaimsShared:
    """The claims store, the clock and the knobs that filing, the counterpart step, the agents
    and the workflow messages all read, so that none of them keeps its own copy."""

    def __init__(self, *, repository: ClaimRepository, clock: Clock, catalogue: Catalogue,
                 timings: WorkflowTimings) -> None:
        self.repository = repository
        self.catalogue = catalogue
        # One value for every part: a test or a benchmark that shortens the waits here changes
        # both the execution input and the deadlines the notices announce.
        self.timings = timings
        self._clock = clock

    def now(self) -> datetime:
        """The current time, from the one clock of the claims service."""
        return self._clock.now()

    def get(self, claim_id: Any) -> Claim:
        """The claim, or NotFound (`unknown_claim`)."""
        claim = self.repository.get(claim_id) if isinstance(claim_id, str) else None
        if claim is None:
            raise NotFound("unknown claim", code="unknown_claim")
        return claim

    def view_for(self, claim: Claim, viewer: Principal) -> ClaimView:
        """The claim as this viewer may see it: staff see all, a party their side, others
        nothing."""
        if viewer.is_staff:
            return ClaimView(claim, staff=True, viewer_id=viewer.member_id)
        if not claim.is_party(viewer.member_id):
            raise Forbidden("only the parties and agents may read this claim", code="not_a_party")
        return ClaimView(claim, staff=False, viewer_id=viewer.member_id)

    @staticmethod
    def entry(event: str, details: Mapping[str, str], *, at: datetime) -> TimelineEntry:
        """A timeline entry in the one time format of the timeline."""
        return TimelineEntry(wire_time(at), event, details)

    def note(self, claim_id: str, event: str, details: Mapping[str, str], *,
             at: datetime) -> None:
        """Append an entry to the claim's timeline."""
        self.repository.append_timeline(claim_id, self.entry(event, details, at=at))
