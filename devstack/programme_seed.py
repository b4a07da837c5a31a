"""Demo data of the Helper programme, the knowledge base and insights: programme records of the
demo Helpers and one pending application, published articles (French and English), and two
days of past conversations and claims, so that `GET /metrics/summary` and `GET /kb/suggest`
show real figures in the local stack.

The history is generated from a fixed seed relative to the stack's start: the last 24 hours
hold more conversations than the 24 before, with payment questions and driver no-show claims
clearly rising. Past requesters and claimants are `m-demo-*` members, so that the demo members
of PROTOCOL.md start with no history of their own.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from itertools import cycle
from typing import Any

from chalicelib.adapters.dynamodb.knowledge_store import DynamoArticleRepository
from chalicelib.adapters.dynamodb.models.chat import ConversationRecord, MessageRecord
from chalicelib.adapters.dynamodb.programme_store import DynamoPointsStore
from chalicelib.domain.chat.model import CLOSED
from chalicelib.domain.clock import wire_time
from chalicelib.domain.identity import Principal
from chalicelib.domain.programme.leaderboard import period_keys
from chalicelib.domain.programme.recognition import AwardReason, PointsAward
from devstack.demo_data import HELPERS

HOUR = 3600.0
STAFF = Principal("s-1", frozenset({"agent", "supervisor"}))
# m-chloe is eligible and waits for a staff decision.
PENDING_APPLICATION = ("m-chloe", ["fr"], ["booking", "trip"])
SEED = 20260522

# (topic, French question, French answer, English question, English answer)
EXCHANGES = {
    "booking": (
        "Bonjour, comment annuler ma réservation pour samedi ?",
        "Dans Mes trajets, ouvrez la réservation puis Annuler ; plus de 24 h avant, la "
        "contribution est remboursée.",
        "Hi, how do I cancel my booking for Saturday?",
        "In Your rides, open the booking and tap Cancel; more than 24 hours before, the "
        "contribution is refunded.",
    ),
    "payment": (
        "J'ai été prélevé deux fois pour le même trajet, c'est normal ?",
        "Le double prélèvement est annulé automatiquement ; le montant revient sous 10 jours.",
        "I was charged twice for the same ride, is that normal?",
        "The duplicate charge is cancelled automatically; the amount comes back within 10 days.",
    ),
    "account": (
        "Comment changer mon numéro de téléphone ?",
        "Dans Profil, modifiez le numéro puis confirmez-le avec le code reçu par SMS.",
        "How do I change my phone number?",
        "In Profile, edit the number and confirm it with the code sent by text message.",
    ),
    "trip": (
        "Le conducteur est en retard de 20 minutes, que faire ?",
        "Écrivez-lui depuis la messagerie du trajet ; au-delà de 30 minutes sans nouvelles, "
        "signalez-le.",
        "The driver is 20 minutes late, what should I do?",
        "Message the driver from the ride; after 30 minutes without news, report it.",
    ),
}
# Requests per topic in the window before (24–48 h ago) and the last 24 hours.
BEFORE = {"booking": 9, "payment": 2, "account": 6, "trip": 6, "safety": 1}
RECENT = {"booking": 10, "payment": 12, "account": 6, "trip": 7, "safety": 2}
CLAIMS_BEFORE = {"driver_no_show": 1, "passenger_no_show": 3, "driver_cancelled": 3}
CLAIMS_RECENT = {"driver_no_show": 8, "passenger_no_show": 3, "driver_cancelled": 3}


def seed_programme(services: Any) -> None:
    """Programme records of h-1…h-5 (approved through the real flow) and one application."""
    programme = services.programme
    for helper_id, (languages, topics) in HELPERS.items():
        if services.helper_records.get(helper_id) is None:
            programme.apply(Principal(helper_id, frozenset({"member"})), languages, topics)
            programme.approve(STAFF, helper_id, "demo Helper")
    member_id, languages, topics = PENDING_APPLICATION
    if services.helper_records.get(member_id) is None:
        programme.apply(Principal(member_id, frozenset({"member"})), languages, topics)


def seed_articles(services: Any) -> None:
    """The knowledge base: every topic of the suggestion benchmark, published, fr and en."""
    from bench.kb_suggest import corpus

    repository = DynamoArticleRepository()
    now = services.clock.time()
    for article in corpus(1):
        article_id = f"kb-{article.topic}-{article.lang}"
        if repository.get(article_id) is None:
            repository.save(
                replace(
                    article,
                    article_id=article_id,
                    created_at=now,
                    updated_at=now,
                    published_at=now,
                ),
                None,
            )


def seed_history(services: Any) -> None:
    """Two days of closed conversations and claims, and the points the Helpers earned.

    Written in batches rather than action by action, to keep the stack's start fast: the items
    are what the chat and the claims workflow store (see chat_store.py and docs/claims.md).
    """
    from chalicelib.adapters.dynamodb.models.claims import ClaimRecord

    rng = random.Random(SEED)
    now = services.clock.time()
    ttl_at = int(now) + services.settings.retention_days * 86_400
    rotation = {
        lang: cycle([h for h, (langs, _) in HELPERS.items() if lang in langs])
        for lang in ("fr", "en")
    }
    earned: Counter[str] = Counter()
    with ConversationRecord.batch_write() as conversations, MessageRecord.batch_write() as msgs:
        number = 0
        for counts, start in ((BEFORE, now - 48 * HOUR), (RECENT, now - 24 * HOUR)):
            for topic, count in counts.items():
                for _ in range(count):
                    number += 1
                    lang = "en" if number % 4 == 0 else "fr"
                    opened = start + rng.uniform(0.5 * HOUR, 23.5 * HOUR)
                    items = _conversation(rng, number, topic, lang, opened, rotation[lang], ttl_at)
                    conversations.save(items[0])
                    for message in items[1:]:
                        msgs.save(message)
                    record = items[0]
                    if record.helper_role == "helper":
                        earned[record.helper_id] += services.recognition.scheme.answered
                        rating_points = services.recognition.scheme.rating_points
                        earned[record.helper_id] += rating_points.get(record.rating or 0, 0)
    with ClaimRecord.batch_write() as claims:
        number = 0
        for counts, start in ((CLAIMS_BEFORE, now - 48 * HOUR), (CLAIMS_RECENT, now - 24 * HOUR)):
            for problem, count in counts.items():
                for _ in range(count):
                    number += 1
                    filed = start + rng.uniform(0.5 * HOUR, 23.5 * HOUR)
                    claims.save(_claim(rng, number, problem, filed))
    # One award per Helper for the whole history (the real flow awards per conversation).
    points = DynamoPointsStore()
    for helper_id, total in sorted(earned.items()):
        award = PointsAward(helper_id, AwardReason.ANSWERED, total, now - HOUR, "demo-history")
        points.award(award, period_keys(award.at))


def _conversation(
    rng: random.Random,
    number: int,
    topic: str,
    lang: str,
    opened: float,
    helpers: Iterator[str],
    ttl_at: int,
) -> list[Any]:
    """A closed conversation's item and its two messages."""
    conversation_id = f"cv-demo-{number:03d}"
    member_id = f"m-demo-{number % 12 + 1:02d}"
    fr_q, fr_a, en_q, en_a = EXCHANGES.get(topic, EXCHANGES["trip"])
    question, answer = (fr_q, fr_a) if lang == "fr" else (en_q, en_a)
    sensitive = topic == "safety"
    # Most requests are picked up within 10 s, some take longer; sensitive ones go to agents.
    pickup = rng.choice([3, 4, 5, 6, 7, 8, 9, 9, 12, 18, 26, 41]) + rng.random()
    answerer = "a-l1" if sensitive else next(helpers)
    role = "agent" if sensitive else "helper"
    assigned = opened + pickup
    responded = assigned + rng.uniform(4, 25)
    closed = responded + rng.uniform(3 * 60, 14 * 60)
    rating = rng.choice([5, 5, 5, 4, 4, 4, 3]) if number % 5 else None
    escalated = sensitive or number % 9 == 0
    record = ConversationRecord(
        conversation_id,
        member_id=member_id,
        topic=topic,
        lang=lang,
        status=CLOSED,
        preview=question[:200],
        helper_id=answerer,
        helper_role=role,
        opened_day=dt.datetime.fromtimestamp(opened, dt.UTC).strftime("%Y-%m-%d"),
        opened_at=opened,
        assigned_at=assigned,
        first_response_at=responded,
        closed_at=closed,
        closed_by=member_id,
        rating=rating,
        escalated=escalated,
        escalated_at=opened + 60 if escalated else None,
        straight_to_professionals=sensitive,
        last_seq=2,
        expires_at=ttl_at,
    )
    messages = [
        MessageRecord(
            conversation_id,
            seq,
            sender_id=sender,
            sender_role=sender_role,
            text=text,
            verdict="allow",
            ts=ts,
            client_msg_id=f"demo-{seq}",
            expires_at=ttl_at,
        )
        for seq, sender, sender_role, text, ts in (
            (1, member_id, "member", question, opened),
            (2, answerer, role, answer, responded),
        )
    ]
    return [record, *messages]


def _claim(rng: random.Random, number: int, problem: str, filed: float) -> Any:
    """A claim as the service files it and the state machine settles it."""
    from chalicelib.adapters.dynamodb.models.claims import ClaimRecord

    claim_id = f"cl-demo-{number:03d}"
    settled_at = filed + rng.uniform(HOUR, 6 * HOUR)
    # Counterparts confirm or stay silent in most cases; agents decide the disputed ones.
    basis = rng.choice(["confirmed", "confirmed", "silence", "rule", "agent", None])
    by = "auto" if basis != "agent" else "a-l2"
    timeline = [{"at": wire_time(filed), "event": "filed", "by": "claimant"}]
    if basis == "agent":
        timeline.append({"at": wire_time(filed + 600), "event": "escalated", "reason": "disputed"})
    if basis is not None:
        timeline.append(
            {
                "at": wire_time(settled_at),
                "event": "settled",
                "by": by,
                "basis": basis,
                "resolution": "refund",
            }
        )
    return ClaimRecord(
        claim_id,
        booking_id=f"bk-demo-{number:03d}",
        problem=problem,
        claimant_id=f"m-demo-{number % 12 + 1:02d}",
        counterpart_id=f"m-demo-{(number + 5) % 12 + 1:02d}",
        claimant_side="passenger" if problem.startswith("driver") else "driver",
        filed_at=wire_time(filed),
        filed_day=wire_time(filed)[:10],
        lang="fr",
        status="settled" if basis else "awaiting_counterpart",
        timeline=timeline,
        resolution="refund" if basis else None,
        decided_by=by if basis else None,
        basis=basis,
    )


PROGRAMME_SEEDERS = [seed_programme, seed_articles, seed_history]
