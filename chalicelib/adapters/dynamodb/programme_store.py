"""DynamoDB adapters of the Helper programme: records with their role decision, points and
leaderboards, reward grants, quality signals (the reputation read from the members mirror:
policies/members_mirror.py).

Storage design: docs/programme.md, "Leaderboards without Scan". Every item of a Helper lives
under `pk = HELPER#<member_id>` in the programme table.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pynamodb.exceptions import DoesNotExist, PutError, TransactWriteError
from pynamodb.expressions.operand import Value
from pynamodb.transactions import TransactWrite

from chalicelib.adapters.dynamodb.models.members import MemberRecord
from chalicelib.adapters.dynamodb.models.programme import ProgrammeRecord
from chalicelib.adapters.dynamodb.transactions import check_failed, was_cancelled
from chalicelib.domain.errors import Conflict, NotFound, Unavailable
from chalicelib.domain.programme.leaderboard import ALL_TIME_KEY, Score, needs_more
from chalicelib.domain.programme.membership import (
    HelperRecord,
    HelperStatus,
    StatusChange,
    Transition,
)
from chalicelib.domain.programme.quality import QualitySignal, SignalKind
from chalicelib.domain.programme.recognition import PointsAward, RewardGrant

RECORD = "RECORD"
# Week and month scores are history after a year; the ledger and all-time scores stay.
SCORE_TTL_SECONDS = 400 * 86_400
SIGNAL_TTL_SECONDS = 400 * 86_400
_MIRROR_RETRIES = 3


def helper_pk(member_id: str) -> str:
    """Partition of every item of a member in the programme table."""
    return f"HELPER#{member_id}"



def _queue_pk(status: HelperStatus, flagged: bool) -> str:
    return f"STATUS#{status}" + ("#flagged" if flagged else "")


def _signal_sk(at: float, ref: str) -> str:
    # Zero-padded so that the string order of sort keys is the time order.
    return f"SIGNAL#{at:017.3f}#{ref}"


# --- Programme records and the role in the members mirror --------------------------------------


def _to_record(r: ProgrammeRecord) -> HelperRecord:
    return HelperRecord(
        member_id=r.member_id or r.pk.removeprefix("HELPER#"),
        status=HelperStatus(r.status),
        applied_at=float(r.applied_at or 0),
        languages=tuple(r.languages or ()),
        topics=tuple(r.topics or ()),
        history=tuple(
            StatusChange(h["at"], HelperStatus(h["status"]), h["by"], h.get("reason", ""))
            for h in (r.history or [])
        ),
        helper_since=r.helper_since,
        flagged_at=r.flagged_at,
        flag_reasons=tuple(r.flag_reasons or ()),
        reviewed_at=r.reviewed_at,
        version=int(r.version or 0),
    )


def _to_item(record: HelperRecord) -> ProgrammeRecord:
    return ProgrammeRecord(
        helper_pk(record.member_id),
        RECORD,
        member_id=record.member_id,
        status=str(record.status),
        applied_at=record.applied_at,
        languages=list(record.languages),
        topics=list(record.topics),
        history=[c.to_json() for c in record.history],
        helper_since=record.helper_since,
        flagged_at=record.flagged_at,
        flag_reasons=list(record.flag_reasons),
        reviewed_at=record.reviewed_at,
        version=record.version,
        queue_pk=_queue_pk(record.status, record.is_flagged),
        queue_sk=record.applied_at,
    )


def mirror_profile(profile: Mapping[str, Any] | None, record: HelperRecord) -> dict[str, Any]:
    """The member's profile with its `helper` part following the programme record.

    What the chat reads (`status`, approved `languages` and `topics`) follows the record; what
    staff set elsewhere (`transcript_access`) is kept.
    """
    updated = dict(profile or {})
    helper = dict(updated.get("helper") or {})
    helper.update(
        status=str(record.status),
        languages=list(record.languages),
        topics=list(record.topics),
        flagged=record.is_flagged,
    )
    updated["helper"] = helper
    return updated


def mirror_roles(roles: Sequence[str], transition: Transition) -> list[str]:
    """The member's roles after the transition's role decision."""
    change = transition.role_change
    kept = [r for r in roles if change is None or r != change.role]
    if change is not None and change.grant:
        kept.append(change.role)
    return sorted(set(kept))


class DynamoHelperRepository:
    """Programme records; each save writes the record and the members mirror in one transaction.

    The record is written only if its stored version is the one the transition started from;
    the member's `roles` and `profile.helper` are rewritten on the condition that they did not
    change since read (the mirror has no version of its own), else they are read again.
    """

    def get(self, member_id: str) -> HelperRecord | None:
        """The record (strongly consistent: a staff decision follows the read)."""
        try:
            record = ProgrammeRecord.get(helper_pk(member_id), RECORD, consistent_read=True)
            return _to_record(record)
        except DoesNotExist:
            return None

    def save(self, transition: Transition) -> None:
        """Store the record and apply its role decision to the mirror, atomically."""
        for _ in range(_MIRROR_RETRIES):
            raw = (
                MemberRecord._get_connection()
                .get_item(transition.record.member_id, consistent_read=True)
                .get("Item")
            )
            if raw is None:
                raise NotFound("no such member", code="unknown_member")
            try:
                self._write(transition, raw)
                return
            except TransactWriteError as e:
                if check_failed(e, 0):
                    raise Conflict(
                        "the programme record changed meanwhile", code="version_conflict"
                    ) from e
                if check_failed(e, 1):
                    continue  # the mirror changed between read and write: read it again
                if was_cancelled(e):
                    continue
                raise Unavailable("could not store the programme record") from e
        raise Unavailable("the member changed repeatedly; retry")

    @staticmethod
    def _write(transition: Transition, raw: dict[str, Any]) -> None:
        P, M = ProgrammeRecord, MemberRecord
        record = transition.record
        if transition.previous_version is None:
            condition = P.pk.does_not_exist()
        else:
            condition = P.version == transition.previous_version
        member = M.from_raw_data(raw)
        profile = mirror_profile(member.profile, record)
        roles = mirror_roles(member.roles or [], transition)
        # Compared as stored, whatever wrote them (the mirror ingest may format JSON its way).
        unchanged = M.member_id.exists()
        for attribute in (M.profile, M.roles):
            stored = raw.get(attribute.attr_name)
            unchanged &= (
                attribute == Value(stored) if stored is not None else attribute.does_not_exist()
            )
        with TransactWrite(connection=P._get_connection().connection) as tx:
            # PynamoDB sends puts before updates: cancellation reasons are [record, member].
            tx.save(_to_item(record), condition=condition)
            tx.update(
                M(record.member_id),
                actions=[M.profile.set(profile), M.roles.set(roles)],
                condition=unchanged,
            )

    def by_status(
        self, status: HelperStatus, limit: int, flagged_only: bool = False
    ) -> list[HelperRecord]:
        """Records of a status, oldest application first (Query on the sparse queue index)."""
        partitions = [_queue_pk(status, True)]
        if not flagged_only:
            partitions.insert(0, _queue_pk(status, False))
        found: list[HelperRecord] = []
        for partition in partitions:
            found += [_to_record(r) for r in ProgrammeRecord.by_queue.query(partition, limit=limit)]
        return sorted(found, key=lambda r: (r.applied_at, r.member_id))[:limit]


# --- Points and leaderboards ----------------------------------------------------------------


def _score(r: ProgrammeRecord, period_key: str) -> Score:
    return Score(r.member_id or "", period_key, int(r.points or 0), float(r.reached_at or 0))


class DynamoPointsStore:
    """The points ledger and per-period score items (sparse GSI `leaderboard`)."""

    def award(self, award: PointsAward, period_keys: Sequence[str]) -> bool:
        """Ledger item and every period score in one transaction; False if already awarded."""
        P = ProgrammeRecord
        pk = helper_pk(award.member_id)
        try:
            with TransactWrite(connection=P._get_connection().connection) as tx:
                tx.save(
                    P(
                        pk,
                        f"AWARD#{award.key}",
                        member_id=award.member_id,
                        reason=str(award.reason),
                        points=award.points,
                        at=award.at,
                    ),
                    condition=P.pk.does_not_exist(),
                )
                for key in period_keys:
                    actions = [
                        P.points.add(award.points),
                        P.lb_period.set(key),
                        P.reached_at.set(award.at),
                        P.member_id.set(award.member_id),
                    ]
                    if key != ALL_TIME_KEY:
                        actions.append(P.expires_at.set(int(award.at) + SCORE_TTL_SECONDS))
                    tx.update(P(pk, f"SCORE#{key}"), actions=actions)
        except TransactWriteError as e:
            if check_failed(e, 0):
                return False
            raise Unavailable("could not award the points") from e
        return True

    def score(self, member_id: str, period_key: str) -> Score | None:
        """A member's score in one period."""
        try:
            record = ProgrammeRecord.get(helper_pk(member_id), f"SCORE#{period_key}")
        except DoesNotExist:
            return None
        return _score(record, period_key)

    def top(self, period_key: str, limit: int) -> list[Score]:
        """The best scores of a period, reading on while the last one ties the limit-th."""
        fetched: list[Score] = []
        for r in ProgrammeRecord.leaderboard.query(
            period_key, scan_index_forward=False, page_size=limit
        ):
            fetched.append(_score(r, period_key))
            if len(fetched) >= limit and not needs_more(fetched, limit):
                break
        return fetched


# --- Reward grants and quality signals --------------------------------------------------------


class DynamoRewardGrantRepository:
    """Rewards granted, under the Helper's partition."""

    def add(self, grant: RewardGrant) -> None:
        """Store a grant."""
        try:
            ProgrammeRecord(
                helper_pk(grant.member_id),
                f"GRANT#{grant.at:017.3f}#{grant.reward_id}",
                member_id=grant.member_id,
                reward_id=grant.reward_id,
                granted_by=grant.granted_by,
                at=grant.at,
                note=grant.note,
            ).save(condition=ProgrammeRecord.pk.does_not_exist())
        except PutError as e:
            raise Conflict("this reward was just granted", code="already_granted") from e

    def for_member(self, member_id: str) -> list[RewardGrant]:
        """Every grant of a member, oldest first."""
        P = ProgrammeRecord
        return [
            RewardGrant(member_id, r.reward_id, r.granted_by, float(r.at), r.note or "")
            for r in P.query(helper_pk(member_id), P.sk.startswith("GRANT#"))
        ]


class DynamoQualitySignals:
    """Ratings a Helper received and moderation strikes against them, by time (one Query)."""

    def record_rating(self, helper_id: str, conversation_id: str, score: int, at: float) -> None:
        """A member rated a conversation the Helper answered (idempotent per conversation)."""
        self._put(helper_id, SignalKind.RATING, at, f"rating#{conversation_id}", score)

    def record_strike(self, member_id: str, ref: str, at: float) -> None:
        """Moderation struck one of the member's messages (`ref`: the message or case)."""
        self._put(member_id, SignalKind.STRIKE, at, f"strike#{ref}", None)

    @staticmethod
    def _put(member_id: str, kind: SignalKind, at: float, ref: str, score: int | None) -> None:
        ProgrammeRecord(
            helper_pk(member_id),
            _signal_sk(at, ref),
            member_id=member_id,
            kind=str(kind),
            at=at,
            score=score,
            ref=ref,
            expires_at=int(at) + SIGNAL_TTL_SECONDS,
        ).save()

    def signals(self, member_id: str, since: float, until: float) -> list[QualitySignal]:
        """Signals with `since <= at < until`."""
        P = ProgrammeRecord
        found = P.query(
            helper_pk(member_id), P.sk.between(_signal_sk(since, ""), _signal_sk(until, ""))
        )
        return [
            QualitySignal(
                SignalKind(r.kind), float(r.at), None if r.score is None else int(r.score), r.ref
            )
            for r in found
            if since <= float(r.at) < until
        ]
