"""Application services of the Helper programme: membership, quality review, recognition."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from chalicelib.domain.clock import Clock, SystemClock
from chalicelib.domain.errors import BadInput, Forbidden, NotFound, RuleRefused
from chalicelib.domain.identity import MEMBER, STAFF_ROLES, Principal
from chalicelib.domain.programme.eligibility import Eligibility, EligibilityPolicy
from chalicelib.domain.programme.leaderboard import Period, Score, period_key, period_keys, rank
from chalicelib.domain.programme.membership import (
    HelperLifecycle,
    HelperRecord,
    HelperStatus,
    Transition,
    clean_reason,
)
from chalicelib.domain.programme.ports import (
    HelperRepository,
    PointsStore,
    QualitySignalSource,
    ReputationSource,
    RewardGrantRepository,
)
from chalicelib.domain.programme.quality import QualityPolicy, QualitySnapshot
from chalicelib.domain.programme.recognition import (
    REWARD_CATALOGUE,
    Level,
    LevelScale,
    PointsAward,
    PointsScheme,
    Reward,
    RewardGrant,
)

MAX_LEADERBOARD = 100
# Suspended or departed Helpers keep their score items; read a little more than asked so
# that hiding them still fills the page.
_LEADERBOARD_SLACK = 10


def _clean_codes(
    values: Iterable[str], name: str, allowed: frozenset[str] | None
) -> tuple[str, ...]:
    codes = tuple(dict.fromkeys(str(v).strip().lower() for v in values if str(v).strip()))
    if not codes:
        raise BadInput(f"at least one of {name} is required", code=f"{name}_required")
    if any(len(c) > 40 for c in codes):
        raise BadInput(f"{name} values are at most 40 characters")
    if allowed is not None and not set(codes) <= allowed:
        raise BadInput(f"unknown {name}: {', '.join(sorted(set(codes) - allowed))}")
    return codes


def require_self_or_staff(principal: Principal, member_id: str) -> None:
    """Only the member themself and staff may see this."""
    if principal.member_id != member_id and not principal.is_staff:
        raise Forbidden("only the member and staff may see this")


def refuse_own_case(principal: Principal, member_id: str) -> None:
    """Conflict of interest: staff never decide on their own programme record or reward;
    another staff member does."""
    if principal.member_id == member_id:
        raise Forbidden("you cannot decide on your own case: another staff member must",
                        code="conflict_of_interest")


@dataclass(frozen=True)
class Badge:
    """The public Helper badge of a member (what `GET /members/{id}/badge` returns)."""

    member_id: str
    helper: bool
    since: float | None = None
    level: Level | None = None

    def to_json(self, lang: str = "en") -> dict[str, object]:
        """Wire form; a member who is no Helper gets `helper: false` and nothing else."""
        body: dict[str, object] = {"member_id": self.member_id, "helper": self.helper}
        if self.helper:
            body["since"] = self.since
            body["level"] = self.level.to_json(lang) if self.level else None
        return body


@dataclass(frozen=True)
class Standing:
    """A Helper's points this week, this month and in all, and the level they give."""

    member_id: str
    week: int
    month: int
    all_time: int
    level: Level

    def to_json(self, lang: str = "en") -> dict[str, object]:
        """Wire form."""
        return {
            "member_id": self.member_id,
            "points": {"week": self.week, "month": self.month, "all": self.all_time},
            "level": self.level.to_json(lang),
        }


@dataclass(frozen=True)
class LeaderboardEntry:
    """One line of a leaderboard."""

    rank: int
    member_id: str
    points: int
    level: Level

    def to_json(self, lang: str = "en") -> dict[str, object]:
        """Wire form (the route adds display names from the members mirror)."""
        return {
            "rank": self.rank,
            "member_id": self.member_id,
            "points": self.points,
            "level": self.level.to_json(lang),
        }


class RecognitionService:
    """Points, levels, leaderboards and symbolic rewards."""

    def __init__(
        self,
        helpers: HelperRepository,
        points: PointsStore,
        grants: RewardGrantRepository,
        *,
        scheme: PointsScheme | None = None,
        levels: LevelScale | None = None,
        catalogue: Sequence[Reward] = REWARD_CATALOGUE,
        clock: Clock | None = None,
    ) -> None:
        self._helpers = helpers
        self._points = points
        self._grants = grants
        self.scheme = scheme or PointsScheme()
        self.levels = levels or LevelScale()
        self._catalogue = {r.reward_id: r for r in catalogue}
        self._clock = clock or SystemClock()

    # Awards come from chat and knowledge events; each is idempotent by its source id.
    def on_answered(self, helper_id: str, conversation_id: str, at: float) -> bool:
        """Points for a request the Helper answered; False if not awarded (again)."""
        return self._award(self.scheme.for_answer(helper_id, conversation_id, at))

    def on_rated(self, helper_id: str, conversation_id: str, score: int, at: float) -> bool:
        """Points for a good rating of the Helper's conversation."""
        award = self.scheme.for_rating(helper_id, conversation_id, score, at)
        return award is not None and self._award(award)

    def on_article_adopted(self, helper_id: str, article_id: str, at: float) -> bool:
        """Points for an answer of the Helper published as an article."""
        return self._award(self.scheme.for_article(helper_id, article_id, at))

    def _award(self, award: PointsAward) -> bool:
        # Agents and former Helpers answer too; only active Helpers collect points.
        record = self._helpers.get(award.member_id)
        if record is None or not record.is_active:
            return False
        return self._points.award(award, period_keys(award.at))

    def level_of(self, member_id: str) -> Level:
        """The level from all-time points."""
        return self.levels.level_for(self._points_in(member_id, Period.ALL, self._clock.time()))

    def _points_in(self, member_id: str, period: Period, at: float) -> int:
        score = self._points.score(member_id, period_key(period, at))
        return score.points if score else 0

    def standing(self, member_id: str) -> Standing:
        """Points per period and level of a member."""
        now = self._clock.time()
        week, month, total = (self._points_in(member_id, p, now) for p in Period)
        return Standing(member_id, week, month, total, self.levels.level_for(total))

    def leaderboard(self, period: str | Period | None, limit: int = 10) -> list[LeaderboardEntry]:
        """The best active Helpers of the current week, month or all time."""
        chosen = period if isinstance(period, Period) else Period.parse(period)
        if not 1 <= limit <= MAX_LEADERBOARD:
            raise BadInput(f"limit must be within 1..{MAX_LEADERBOARD}")
        key = period_key(chosen, self._clock.time())
        wanted = limit + _LEADERBOARD_SLACK
        candidates = rank(self._points.top(key, wanted), wanted)
        kept: list[Score] = []
        for score in candidates:
            record = self._helpers.get(score.member_id)
            if record is not None and record.is_active:
                kept.append(score)
            if len(kept) == limit:
                break
        # Levels follow all-time points: the all-time board has them already.
        return [
            LeaderboardEntry(
                i + 1,
                s.member_id,
                s.points,
                self.levels.level_for(s.points)
                if chosen is Period.ALL
                else self.level_of(s.member_id),
            )
            for i, s in enumerate(kept)
        ]

    def catalogue(self) -> list[Reward]:
        """Every reward staff may grant."""
        return list(self._catalogue.values())

    def grant_reward(
        self, principal: Principal, member_id: str, reward_id: str, note: str = ""
    ) -> RewardGrant:
        """Staff grant a reward to an active Helper who has reached its level."""
        if not principal.is_staff:
            raise Forbidden("only staff grant rewards")
        refuse_own_case(principal, member_id)
        reward = self._catalogue.get(reward_id)
        if reward is None:
            raise NotFound("no such reward", code="unknown_reward")
        record = self._helpers.get(member_id)
        if record is None or not record.is_active:
            raise RuleRefused("rewards go to active Helpers", code="not_a_helper")
        level = self.level_of(member_id)
        if level.rank < reward.min_level:
            raise RuleRefused(
                "the Helper has not reached the level of this reward",
                code="level_too_low",
                level=level.rank,
                min_level=reward.min_level,
            )
        granted = {g.reward_id for g in self._grants.for_member(member_id)}
        if reward.once and reward_id in granted:
            raise RuleRefused("this reward is given once", code="already_granted")
        grant = RewardGrant(
            member_id,
            reward_id,
            principal.member_id,
            self._clock.time(),
            clean_reason(note, required=False),
        )
        self._grants.add(grant)
        return grant

    def rewards_of(self, principal: Principal, member_id: str) -> list[RewardGrant]:
        """Rewards granted to a member, for the member and staff."""
        require_self_or_staff(principal, member_id)
        return sorted(self._grants.for_member(member_id), key=lambda g: g.at)


class ProgrammeService:
    """Eligibility, applications, staff decisions, quality review and the public badge."""

    def __init__(
        self,
        helpers: HelperRepository,
        reputations: ReputationSource,
        signals: QualitySignalSource,
        *,
        recognition: RecognitionService | None = None,
        eligibility: EligibilityPolicy | None = None,
        lifecycle: HelperLifecycle | None = None,
        quality: QualityPolicy | None = None,
        languages: Iterable[str] = ("fr", "en"),
        topics: Iterable[str] | None = None,
        hide_badge_while_flagged: bool = True,
        staff_roles: Iterable[str] = STAFF_ROLES,
        clock: Clock | None = None,
    ) -> None:
        self._helpers = helpers
        self._reputations = reputations
        self._signals = signals
        self._recognition = recognition
        self.eligibility_policy = eligibility or EligibilityPolicy()
        self.lifecycle = lifecycle or HelperLifecycle()
        self.quality = quality or QualityPolicy()
        self._languages = frozenset(languages)
        self._topics = frozenset(topics) if topics is not None else None
        self._hide_flagged = hide_badge_while_flagged
        self._staff_roles = tuple(staff_roles)
        self._clock = clock or SystemClock()

    def eligibility(self, principal: Principal, member_id: str | None = None) -> Eligibility:
        """Whether a member may apply (asked by the member or by staff)."""
        target = member_id or principal.member_id
        require_self_or_staff(principal, target)
        return self.eligibility_policy.assess(self._reputations.reputation(target))

    def apply(
        self, principal: Principal, languages: Sequence[str], topics: Sequence[str]
    ) -> HelperRecord:
        """The calling member applies, offering the languages and topics they would help in."""
        principal.require(MEMBER)
        langs = _clean_codes(languages, "languages", self._languages)
        chosen = _clean_codes(topics, "topics", self._topics)
        eligibility = self.eligibility_policy.assess(
            self._reputations.reputation(principal.member_id)
        )
        existing = self._helpers.get(principal.member_id)
        transition = self.lifecycle.apply(
            existing, principal.member_id, eligibility, langs, chosen, self._clock.time()
        )
        return self._save(transition)

    def view(self, principal: Principal, member_id: str) -> HelperRecord:
        """The full programme record, for the member and staff."""
        require_self_or_staff(principal, member_id)
        return self._get(member_id)

    def approve(self, principal: Principal, member_id: str, note: str = "") -> HelperRecord:
        """Staff approve an application: role `helper` granted, badge shown."""
        return self._decide(principal, member_id, self.lifecycle.approve, note)

    def refuse(self, principal: Principal, member_id: str, reason: str) -> HelperRecord:
        """Staff refuse an application with a reason."""
        return self._decide(principal, member_id, self.lifecycle.refuse, reason)

    def suspend(self, principal: Principal, member_id: str, reason: str) -> HelperRecord:
        """Staff suspend a Helper: role revoked, badge hidden."""
        return self._decide(principal, member_id, self.lifecycle.suspend, reason)

    def reinstate(self, principal: Principal, member_id: str, reason: str) -> HelperRecord:
        """Staff lift a suspension: role granted again."""
        return self._decide(principal, member_id, self.lifecycle.reinstate, reason)

    def _decide(
        self,
        principal: Principal,
        member_id: str,
        step: Callable[[HelperRecord, str, float, str], Transition],
        reason: str,
    ) -> HelperRecord:
        self._require_staff(principal)
        refuse_own_case(principal, member_id)
        record = self._get(member_id)
        return self._save(step(record, principal.member_id, self._clock.time(), reason))

    def leave(self, principal: Principal) -> HelperRecord:
        """The calling member withdraws an application or leaves the programme."""
        record = self._get(principal.member_id)
        return self._save(self.lifecycle.leave(record, self._clock.time()))

    def review_quality(self, member_id: str) -> HelperRecord | None:
        """Re-evaluate an active Helper's window; flags or clears with hysteresis.

        Called after each rating or moderation strike of the Helper and by a daily schedule
        (so that old signals leaving the window can clear a flag). Returns the record when it
        changed, None otherwise.
        """
        record = self._helpers.get(member_id)
        if record is None or not record.is_active:
            return None
        now = self._clock.time()
        since = self.quality.window_start(now, record.reviewed_at)
        snapshot = QualitySnapshot.of(self._signals.signals(member_id, since, now), since, now)
        verdict = self.quality.evaluate(snapshot, record.is_flagged)
        if verdict.flagged and not record.is_flagged:
            return self._save(self.lifecycle.flag(record, verdict.reasons, now))
        if not verdict.flagged and record.is_flagged:
            return self._save(self.lifecycle.unflag(record, now))
        return None

    def review_flagged(self, limit: int = 200) -> list[HelperRecord]:
        """The daily schedule: review every flagged Helper, so that a flag can clear as old
        signals leave the window; returns the records that changed."""
        flagged = self._helpers.by_status(HelperStatus.APPROVED, limit, flagged_only=True)
        changed = (self.review_quality(record.member_id) for record in flagged)
        return [record for record in changed if record is not None]

    def clear_flag(self, principal: Principal, member_id: str) -> HelperRecord:
        """Staff reviewed a flagged Helper and keep them: the window restarts from now."""
        self._require_staff(principal)
        refuse_own_case(principal, member_id)
        record = self._get(member_id)
        if not record.is_flagged:
            raise RuleRefused("this Helper is not flagged", code="not_flagged")
        return self._save(self.lifecycle.unflag(record, self._clock.time(), by=principal.member_id))

    def queue(
        self,
        principal: Principal,
        status: str = HelperStatus.PENDING,
        flagged_only: bool = False,
        limit: int = 50,
    ) -> list[HelperRecord]:
        """Staff work lists: pending applications, or flagged Helpers (`approved` + flagged)."""
        self._require_staff(principal)
        try:
            wanted = HelperStatus(status)
        except ValueError:
            raise BadInput("unknown status", code="bad_status") from None
        if not 1 <= limit <= 200:
            raise BadInput("limit must be within 1..200")
        return self._helpers.by_status(wanted, limit, flagged_only)

    def badge(self, member_id: str) -> Badge:
        """The public badge; a flagged Helper's badge is withheld until the flag clears."""
        record = self._helpers.get(member_id)
        if record is None or not record.is_active or (record.is_flagged and self._hide_flagged):
            return Badge(member_id, False)
        level = self._recognition.level_of(member_id) if self._recognition else None
        return Badge(member_id, True, record.helper_since, level)

    def is_active_helper(self, member_id: str) -> bool:
        """For the chat: whether this member may set presence and accept requests now."""
        record = self._helpers.get(member_id)
        return record is not None and record.is_active

    def _get(self, member_id: str) -> HelperRecord:
        record = self._helpers.get(member_id)
        if record is None:
            raise NotFound("no programme record for this member", code="not_in_programme")
        return record

    def _require_staff(self, principal: Principal) -> None:
        principal.require(*self._staff_roles)

    def _save(self, transition: Transition) -> HelperRecord:
        self._helpers.save(transition)
        return transition.record
