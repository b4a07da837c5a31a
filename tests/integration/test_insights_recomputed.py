"""Every figure the staff console draws, recomputed here from the raw stored records.

Conversations go through the real chat (open, accept, answer, close) under a controlled clock;
the test then reads the stored items and messages back (conversation by conversation, as staff
would audit them) and works the figures out on its own: first response from the first message
not written by the member, duration from assignment to close, pickups, the histogram, the
volumes per hour, escalation and auto-settlement rates. `GET /metrics/summary` must agree.
"""

from __future__ import annotations

import math

import pytest

from chalicelib.adapters.dynamodb.models.chat import ConversationRecord, MessageRecord
from chalicelib.domain.identity import Principal
from devstack.programme_seed import seed_programme
from devstack.seed import seed_members
from tests.integration.test_programme_api import HELPER, Api

H1 = Principal("h-1", frozenset(HELPER))
MEMBERS = ["m-alice", "m-bob", "m-david"]
# (pickup s or None for never picked up, first answer after pickup s, minutes open, escalate)
PLAN = [
    (3.0, 5.0, 6, False),
    (7.5, 12.0, 9, False),
    (12.0, 4.0, 4, True),
    (26.0, 30.0, 12, False),
    (41.0, 9.0, 7, False),
    (4.0, 2.0, 3, False),
    (None, None, 0, False),
]


@pytest.fixture
def api(services, http):
    seed_members(services)
    seed_programme(services)
    return Api(http, services)


class Clock:
    """The services' clock, moved by the test."""

    def __init__(self, services, monkeypatch, start: float) -> None:
        import datetime as dt

        self.t = start
        monkeypatch.setattr(services.clock, "time", lambda: self.t)
        monkeypatch.setattr(
            services.clock, "now", lambda: dt.datetime.fromtimestamp(self.t, dt.UTC)
        )

    def advance(self, seconds: float) -> None:
        self.t += seconds


def run_plan(services, clock: Clock) -> list[str]:
    chat = services.chat
    chat.requests.set_presence(H1, "available", None, ["fr"], None)
    ids = []
    for i, (pickup, answer, minutes, escalate) in enumerate(PLAN):
        member = Principal(MEMBERS[i % len(MEMBERS)], frozenset({"member"}))
        chat.requests.heartbeat(H1)
        opened = chat.requests.open_request(member, "payment", "fr", f"Question {i} ?", True)
        cid = opened.result["conversation_id"]
        ids.append(cid)
        if pickup is None:
            clock.advance(600)
            continue
        clock.advance(pickup)
        chat.requests.accept(H1, cid)
        clock.advance(answer)
        chat.messages.send(H1, "c-h1", cid, f"a{i}", "Voici la réponse.")
        clock.advance(20)
        chat.messages.send(member, "c-m", cid, f"m{i}", "Merci !")
        if escalate:
            chat.oversight.escalate(H1, cid, "remboursement")
        clock.advance(minutes * 60 - 20)
        chat.oversight.close(member, cid)
        clock.advance(300)
    return ids


def nearest_rank(values: list[float], q: float) -> float | None:
    ordered = sorted(values)
    return ordered[math.ceil(q * len(ordered)) - 1] if ordered else None


def raw_figures(ids: list[str]) -> dict[str, list[float]]:
    """The figures as a person would work them out from the stored items and messages."""
    pickups, first, durations = [], [], []
    for cid in ids:
        item = ConversationRecord.get(cid)
        messages = sorted(MessageRecord.query(cid), key=lambda m: m.seq)
        answers = [m.ts for m in messages if m.sender_id != item.member_id]
        if item.assigned_at is not None:
            pickups.append(item.assigned_at - item.opened_at)
        if answers:
            first.append(answers[0] - item.opened_at)
        if item.assigned_at is not None and item.closed_at is not None:
            durations.append(item.closed_at - item.assigned_at)
    return {"pickup": pickups, "first_response": first, "duration": durations}


def test_the_summary_agrees_with_figures_recomputed_from_the_raw_records(
    api, services, monkeypatch
):
    import time

    clock = Clock(services, monkeypatch, time.time() - 3 * 3600)
    ids = run_plan(services, clock)
    clock.t = time.time()
    status, summary = api.staff("GET", "/metrics/summary?window=24h")
    assert status == 200
    raw = raw_figures(ids)
    assert summary["requests"] == len(PLAN) and summary["offered_to_helpers"] == len(PLAN)
    for name, values in raw.items():
        figure = summary[name]
        assert figure["count"] == len(values), name
        assert figure["mean"] == pytest.approx(sum(values) / len(values), abs=1e-3), name
        assert figure["p50"] == pytest.approx(nearest_rank(values, 0.5), abs=1e-3), name
        assert figure["p95"] == pytest.approx(nearest_rank(values, 0.95), abs=1e-3), name
    # The plan, by hand: answers 8, 19.5, 16, 56, 50, 6 s after opening; a slot is taken from
    # the pickup to the close: the answer's delay plus the minutes open (5 + 360 = 365 ...).
    assert sorted(raw["first_response"]) == pytest.approx([6, 8, 16, 19.5, 50, 56])
    assert sorted(raw["duration"]) == pytest.approx([182, 244, 365, 429, 552, 750], abs=0.01)
    pickups = raw["pickup"]
    decided = len(PLAN)  # the one never picked up is long past 30 s: a miss
    assert summary["pickup"]["share_under_10s"] == pytest.approx(
        sum(p <= 10 for p in pickups) / decided)
    assert summary["pickup"]["share_under_30s"] == pytest.approx(
        sum(p <= 30 for p in pickups) / decided)
    assert summary["first_response"]["share_under_30s"] == pytest.approx(
        sum(f <= 30 for f in raw["first_response"]) / decided)
    assert summary["pickup"]["never_picked_up"] == 1
    bars = summary["pickup"]["histogram"]
    assert sum(b["count"] for b in bars) == len(pickups)
    for bar in bars:
        high = math.inf if bar["to"] is None else bar["to"]
        assert bar["count"] == sum(bar["from"] <= p < high for p in pickups), bar
    volumes = summary["volumes"]
    assert volumes["period_seconds"] == 3600
    assert sum(v["requests"] for v in volumes["buckets"]) == len(PLAN)
    for bucket in volumes["buckets"]:
        opened = [ConversationRecord.get(c).opened_at for c in ids]
        inside = sum(bucket["start"] <= o < bucket["start"] + 3600 for o in opened)
        assert bucket["requests"] == inside
    assert summary["escalation_rate"] == pytest.approx(1 / len(PLAN))
    assert sum(v["escalated"] for v in volumes["buckets"]) == 1
