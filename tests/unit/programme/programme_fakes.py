"""In-memory fakes of the programme ports, and a world of services wired on them."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from chalicelib.domain.clock import FixedClock
from chalicelib.domain.errors import Conflict
from chalicelib.domain.identity import Principal
from chalicelib.domain.programme.eligibility import Reputation
from chalicelib.domain.programme.leaderboard import Score, needs_more
from chalicelib.domain.programme.membership import HelperRecord, Transition
from chalicelib.domain.programme.quality import QualitySignal, SignalKind
from chalicelib.domain.programme.recognition import PointsAward, RewardGrant
from chalicelib.domain.programme.service import ProgrammeService, RecognitionService

T0 = 1_780_000_000.0  # 2026-05-28, a Thursday
DAY = 86_400.0


@dataclass
class InMemoryHelperRepository:
    records: dict[str, HelperRecord] = field(default_factory=dict)
    roles: dict[str, set[str]] = field(default_factory=dict)
    events: list[str] = field(default_factory=list)

    def get(self, member_id):
        return self.records.get(member_id)

    def save(self, transition: Transition) -> None:
        record = transition.record
        stored = self.records.get(record.member_id)
        stored_version = stored.version if stored else None
        if stored_version != transition.previous_version:
            raise Conflict("the record changed meanwhile", code="version_conflict")
        self.records[record.member_id] = record
        change = transition.role_change
        if change is not None:
            roles = self.roles.setdefault(change.member_id, {"member"})
            (roles.add if change.grant else roles.discard)(change.role)
        self.events.append(transition.event)

    def by_status(self, status, limit, flagged_only=False):
        found = [
            r
            for r in self.records.values()
            if r.status is status and (r.is_flagged or not flagged_only)
        ]
        return sorted(found, key=lambda r: r.applied_at)[:limit]


@dataclass
class InMemoryReputationSource:
    by_member: dict[str, Reputation] = field(default_factory=dict)

    def reputation(self, member_id):
        return self.by_member.get(member_id)


@dataclass
class InMemoryQualitySignals:
    by_member: dict[str, list[QualitySignal]] = field(default_factory=dict)

    def add_rating(self, member_id, score, at):
        self.by_member.setdefault(member_id, []).append(QualitySignal(SignalKind.RATING, at, score))

    def add_strike(self, member_id, at):
        self.by_member.setdefault(member_id, []).append(QualitySignal(SignalKind.STRIKE, at))

    def signals(self, member_id, since, until):
        return [s for s in self.by_member.get(member_id, []) if since <= s.at < until]


@dataclass
class InMemoryPointsStore:
    """Behaves like the DynamoDB design: equal points come back in no particular order."""

    keys: set[str] = field(default_factory=set)
    scores: dict[tuple[str, str], Score] = field(default_factory=dict)
    reads: int = 0

    def award(self, award: PointsAward, period_keys) -> bool:
        ledger_key = f"{award.member_id}#{award.key}"
        if ledger_key in self.keys:
            return False
        self.keys.add(ledger_key)
        for key in period_keys:
            current = self.scores.get((award.member_id, key), Score(award.member_id, key, 0, 0))
            self.scores[(award.member_id, key)] = current.plus(award.points, award.at)
        return True

    def score(self, member_id, period_key):
        return self.scores.get((member_id, period_key))

    def top(self, period_key, limit):
        # Descending points; ties deliberately in reverse id order, as an index may return.
        ordered = sorted(
            (s for (_, k), s in self.scores.items() if k == period_key),
            key=lambda s: (s.points, s.member_id),
            reverse=True,
        )
        fetched: list[Score] = []
        page = 2
        while ordered:
            fetched.extend(ordered[:page])
            ordered = ordered[page:]
            self.reads += 1
            if len(fetched) >= limit and not needs_more(fetched, limit):
                break
        return fetched


@dataclass
class InMemoryRewardGrants:
    grants: list[RewardGrant] = field(default_factory=list)

    def add(self, grant):
        self.grants.append(grant)

    def for_member(self, member_id):
        return [g for g in self.grants if g.member_id == member_id]


STAFF = Principal("s-1", frozenset({"agent", "supervisor"}))
GOOD = Reputation("m-alice", rating=4.9, reviews=40, positive_share=0.98)


@dataclass
class World:
    clock: FixedClock
    helpers: InMemoryHelperRepository
    reputations: InMemoryReputationSource
    signals: InMemoryQualitySignals
    points: InMemoryPointsStore
    grants: InMemoryRewardGrants
    recognition: RecognitionService
    programme: ProgrammeService

    def make_helper(self, member_id: str) -> HelperRecord:
        """An approved Helper, through the real flow."""
        self.reputations.by_member[member_id] = Reputation(member_id, 4.9, 40, 0.98)
        self.programme.apply(Principal(member_id, frozenset({"member"})), ["fr"], ["booking"])
        return self.programme.approve(STAFF, member_id)


@pytest.fixture
def world() -> World:
    clock = FixedClock(T0)
    helpers = InMemoryHelperRepository()
    reputations = InMemoryReputationSource({"m-alice": GOOD})
    signals = InMemoryQualitySignals()
    points = InMemoryPointsStore()
    grants = InMemoryRewardGrants()
    recognition = RecognitionService(helpers, points, grants, clock=clock)
    programme = ProgrammeService(
        helpers, reputations, signals, recognition=recognition, clock=clock
    )
    return World(clock, helpers, reputations, signals, points, grants, recognition, programme)
