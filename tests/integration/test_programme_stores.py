"""The programme, knowledge and insights adapters against moto: conditions, transactions, the
sparse leaderboard index and the day-bucket reads."""

from __future__ import annotations

from dataclasses import replace

import pytest

from chalicelib.adapters.dynamodb.claim_records import DynamoClaimRecordSource
from chalicelib.adapters.dynamodb.insights_sources import DynamoConversationRecordSource
from chalicelib.adapters.dynamodb.knowledge_store import DynamoArticleRepository
from chalicelib.adapters.dynamodb.models.chat import ConversationRecord
from chalicelib.adapters.dynamodb.models.claims import ClaimRecord
from chalicelib.adapters.dynamodb.programme_store import (
    DynamoHelperRepository,
    DynamoPointsStore,
    DynamoQualitySignals,
)
from chalicelib.domain.clock import wire_time
from chalicelib.domain.errors import Conflict
from chalicelib.domain.knowledge.model import Article, ArticleStatus
from chalicelib.domain.programme.eligibility import Eligibility
from chalicelib.domain.programme.leaderboard import rank
from chalicelib.domain.programme.membership import HelperLifecycle
from chalicelib.domain.programme.recognition import AwardReason, PointsAward
from tests.support.aws_fixtures import stored_member

T0 = 1_780_000_000.0  # 2026-05-28 20:26:40 UTC
DAY = 86_400.0


def test_a_decision_from_a_stale_record_conflicts_and_the_mirror_keeps_other_fields(services):
    services.members.put(
        "m-zoe",
        display_name="Zoé",
        roles=["member"],
        profile={"rating": 4.9, "reviews": 30, "helper": {"transcript_access": True}},
    )
    repository, rules = DynamoHelperRepository(), HelperLifecycle()
    applied = rules.apply(None, "m-zoe", Eligibility(True), ["fr"], ["trip"], T0)
    repository.save(applied)
    approve = rules.approve(applied.record, "s-1", T0 + 1)
    refuse = rules.refuse(applied.record, "s-2", T0 + 2, "no")
    repository.save(approve)
    with pytest.raises(Conflict) as lost:
        repository.save(refuse)
    assert lost.value.code == "version_conflict"
    member = stored_member("m-zoe")
    assert member["roles"] == ["helper", "member"]
    assert member["profile"]["rating"] == 4.9
    assert member["profile"]["helper"]["transcript_access"] is True
    assert repository.get("m-zoe").status == "approved"


def test_points_are_awarded_once_and_the_top_reads_past_ties(services):
    points = DynamoPointsStore()
    award = PointsAward("h-1", AwardReason.ANSWERED, 10, T0, "cv-1")
    assert points.award(award, ["W#2026-W22", "ALL"])
    assert not points.award(award, ["W#2026-W22", "ALL"])
    for n, helper in enumerate(["h-2", "h-3", "h-4", "h-5"]):
        points.award(PointsAward(helper, AwardReason.ANSWERED, 10, T0 + n, "cv-x"), ["ALL"])
    points.award(PointsAward("h-6", AwardReason.ARTICLE_ADOPTED, 25, T0, "kb-1"), ["ALL"])
    # Asked for 2, the store reads on through every score equal to the 2nd.
    top = points.top("ALL", 2)
    assert len(top) == 6
    assert [s.member_id for s in rank(top, 3)] == ["h-6", "h-1", "h-2"]
    assert points.score("h-1", "W#2026-W22").points == 10
    assert points.score("h-2", "W#2026-W22") is None


def test_quality_signals_are_read_by_time_window(services):
    signals = DynamoQualitySignals()
    signals.record_rating("h-1", "cv-old", 2, T0 - 40 * DAY)
    signals.record_rating("h-1", "cv-new", 5, T0 - DAY)
    signals.record_strike("h-1", "msg-9", T0)
    signals.record_rating("h-2", "cv-other", 1, T0 - DAY)
    found = signals.signals("h-1", T0 - 30 * DAY, T0)
    assert [(s.kind, s.score) for s in found] == [("rating", 5)]
    assert len(signals.signals("h-1", T0 - 30 * DAY, T0 + 1)) == 2


def article(article_id, status=ArticleStatus.DRAFT, **fields):
    return Article(
        article_id, "fr", "Question ?", "Réponse.", ("trip",), status, "s-1", T0, T0, **fields
    )


def test_the_revision_moves_only_when_the_published_set_may_change(services):
    articles = DynamoArticleRepository()
    assert articles.published_revision() == 0
    draft = article("kb-1", source_conversation_id="cv-1")
    articles.save(draft, None)
    assert articles.published_revision() == 0
    with pytest.raises(Conflict):
        articles.save(draft, None)
    published = replace(draft, status=ArticleStatus.PUBLISHED, version=2, published_at=T0)
    articles.save(published, 1)
    articles.save(replace(published, status=ArticleStatus.ARCHIVED, version=3), 2)
    assert articles.published_revision() == 2
    articles.save(article("kb-2", ArticleStatus.DRAFT), None)
    assert articles.published_revision() == 2
    assert articles.by_source("cv-1").article_id == "kb-1"
    assert articles.by_source("cv-2") is None
    assert [a.article_id for a in articles.by_status(ArticleStatus.DRAFT, "fr", 10)] == ["kb-2"]
    assert articles.by_status(ArticleStatus.DRAFT, "en", 10) == []
    assert articles.published() == []
    assert articles.get("#revision") is None


def test_conversations_are_read_day_by_day_within_the_window(services):
    # Items as the chat stores them (only the fields insights read).
    opened = [T0 - 2 * DAY, T0 - DAY - 60, T0 - 3600, T0 - 1, T0, T0 + 60]
    for n, at in enumerate(opened):
        ConversationRecord(
            f"cv-{n}",
            member_id="m-x",
            topic="trip",
            lang="fr",
            status="closed",
            opened_day=wire_time(at)[:10],
            opened_at=at,
            assigned_at=at + 5,
            rating=4,
        ).save()
    found = list(DynamoConversationRecordSource().opened_between(T0 - DAY - 120, T0))
    assert sorted(r.conversation_id for r in found) == ["cv-1", "cv-2", "cv-3"]
    assert {r.pickup_seconds for r in found} == {5.0}


def test_claims_map_their_decision_basis_to_how_they_were_settled(services):
    def claim(claim_id, filed, basis=None, events=()):
        text = wire_time(filed)
        timeline = [{"at": text, "event": e, "basis": basis or ""} for e in events]
        ClaimRecord(
            claim_id,
            problem="driver_no_show",
            filed_at=text,
            filed_day=text[:10],
            status="settled" if "settled" in events else "escalated",
            basis=basis,
            timeline=timeline,
        ).save()

    claim("cl-auto", T0 - 3600, "silence", ["filed", "settled"])
    claim("cl-agent", T0 - 1800, "agent", ["filed", "escalated", "settled"])
    claim("cl-open", T0 - 60, None, ["filed", "escalated"])
    claim("cl-old", T0 - 3 * DAY, "confirmed", ["filed", "settled"])
    ClaimRecord("lock#bk-1#driver_no_show", open_claim_id="cl-open").save()
    found = {c.claim_id: c for c in DynamoClaimRecordSource().filed_between(T0 - DAY, T0)}
    assert {k: (c.settled_by, c.escalated) for k, c in found.items()} == {
        "cl-auto": ("auto", False),
        "cl-agent": ("agent", True),
        "cl-open": (None, True),
    }
