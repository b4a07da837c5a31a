"""Metrics from a hand-built set of conversations and claims whose answers are known."""

import pytest

from chalicelib.domain.clock import FixedClock
from chalicelib.domain.errors import BadInput, Forbidden
from chalicelib.domain.identity import Principal
from chalicelib.domain.insights import metrics
from chalicelib.domain.insights.records import ClaimRecord, ConversationRecord, settled_by
from chalicelib.domain.insights.service import InsightsService
from chalicelib.domain.insights.stats import Distribution, percentile
from chalicelib.domain.insights.summary import parse_window, rising_topics, summarise

DAY = 86_400.0
START = 1_780_000_000.0
END = START + DAY

PICKUPS = [2, 4, 6, 8, 10, 12, 20, 30, 31, 100]
FIRST_RESPONSES = [5, 8, 12, 15, 20, 25, 35, 40, 45, 130]
DURATIONS = [300, 360, 420, 480, 540, 600, 660, 720, 780, 840]
RATINGS = [5, 5, 4, 4, 3, 5, 2, None, None, 1]
TOPICS = ["payment"] * 7 + ["booking"] * 3


def conversation(cid, opened_at, topic="booking", **fields):
    return ConversationRecord(cid, opened_at, topic, "fr", **fields)


def picked_up(i):
    opened = START + 1000 * i
    return conversation(
        f"c-{i}",
        opened,
        TOPICS[i],
        assigned_at=opened + PICKUPS[i],
        helper_role="helper",
        first_response_at=opened + FIRST_RESPONSES[i],
        closed_at=opened + PICKUPS[i] + DURATIONS[i],
        rating=RATINGS[i],
        escalated=i == 9,
    )


CONVERSATIONS = (
    [picked_up(i) for i in range(10)]
    + [
        # Never picked up: the waves ran out and it went to the agents' queue.
        conversation("c-lost", START + 5000.5, escalated=True, escalated_at=START + 5016.5),
        # Opened 5 s and 20 s before the end, still waiting: not known yet for 10 s / 30 s.
        conversation("c-fresh", END - 5),
        conversation("c-waiting", END - 20),
        # Sensitive: sent to professionals at once, never offered to Helpers.
        conversation(
            "c-safe-1", START + 100, "safety", escalated=True, straight_to_professionals=True
        ),
        conversation(
            "c-safe-2", START + 200, "safety", escalated=True, straight_to_professionals=True
        ),
    ]
    # The window before: mostly booking, one payment.
    + [conversation(f"p-{i}", START - DAY + 600 * i) for i in range(8)]
    + [conversation("p-pay", START - 10, "payment")]
    # Older than both windows: ignored.
    + [conversation("ancient", START - 3 * DAY, "payment", assigned_at=START - 3 * DAY + 1)]
)

CLAIMS = [
    ClaimRecord("k-1", START + 10, "driver_no_show", "auto", START + 3600),
    ClaimRecord("k-2", START + 20, "driver_no_show", "auto", START + 7200),
    ClaimRecord("k-3", START + 30, "driver_no_show", "auto", START + 7300),
    ClaimRecord("k-4", START + 40, "driver_no_show", "agent", START + 9000, escalated=True),
    ClaimRecord("k-5", START + 50, "driver_no_show", None, None, escalated=True),
    ClaimRecord("k-6", START + 60, "lost_item", "withdrawn", START + 70),
    ClaimRecord("p-1", START - 500, "lost_item", "auto", START - 400),
    ClaimRecord("p-2", START - 600, "lost_item", "auto", START - 400),
    ClaimRecord("p-3", START - 700, "lost_item", "agent", START - 400),
]


@pytest.fixture(scope="module")
def summary():
    return summarise(CONVERSATIONS, CLAIMS, START, END)


def test_request_counts(summary):
    assert summary.requests == 15
    assert summary.offered_to_helpers == 13


def test_pickup_shares_count_only_requests_already_decided(summary):
    # Under 10 s: 5 hits (2..10) among the 10 picked up, c-lost and c-waiting (20 s old).
    assert summary.pickup_share[10] == pytest.approx(5 / 12)
    # Under 30 s: 8 hits among the 10 picked up and c-lost; c-waiting may still make it.
    assert summary.pickup_share[30] == pytest.approx(8 / 11)
    assert summary.never_picked_up == 1


def test_pickup_percentiles_are_nearest_rank(summary):
    assert summary.pickup == Distribution(10, 22.3, 10, 100)


def test_first_response_and_duration(summary):
    assert summary.first_response_share == pytest.approx(6 / 11)
    assert summary.first_response == Distribution(10, 33.5, 20, 130)
    assert summary.duration == Distribution(10, 570, 540, 840)


def test_ratings_and_escalations(summary):
    assert summary.ratings.count == 8
    assert summary.ratings.mean == pytest.approx(29 / 8)
    assert summary.ratings.good_share == pytest.approx(5 / 8)
    assert summary.ratings.histogram == {5: 3, 4: 2, 3: 1, 2: 1, 1: 1}
    assert summary.escalation_rate == pytest.approx(4 / 15)


def test_claim_bases_map_to_auto_or_agent():
    assert [settled_by(b) for b in ("confirmed", "rule", "silence")] == ["auto"] * 3
    assert [settled_by(b) for b in ("agent", "supervisor")] == ["agent"] * 2
    assert settled_by("") is None and settled_by(None) is None


def test_claims_auto_settlement_rate(summary):
    assert summary.claims.filed == 6
    assert summary.claims.settled == 4  # withdrawn and open ones are not settlements
    assert summary.claims.auto_settlement_rate == pytest.approx(0.75)
    assert summary.claims.escalated == 2


def test_rising_topics(summary):
    rising = [(t.source, t.topic, t.current, t.previous) for t in summary.rising_topics]
    # driver_no_show: 5 vs 0, z = 5/√5 ≈ 2.24; payment: 7 vs 1, z = 6/√8 ≈ 2.12.
    assert rising == [("claim", "driver_no_show", 5, 0), ("chat", "payment", 7, 1)]


def test_the_wire_form(summary):
    body = summary.to_json()
    assert body["pickup"]["share_under_10s"] == pytest.approx(5 / 12)
    assert body["pickup"]["p95"] == 100
    assert body["first_response"]["share_under_30s"] == pytest.approx(6 / 11)
    assert body["ratings"]["histogram"] == {"1": 1, "2": 1, "3": 1, "4": 2, "5": 3}
    assert body["rising_topics"][0]["topic"] == "driver_no_show"


def test_an_empty_window_gives_nones_not_errors():
    empty = summarise([], [], START, END)
    assert empty.pickup_share == {10: None, 30: None}
    assert empty.pickup == Distribution(0, None, None, None)
    assert empty.escalation_rate is None and empty.claims.auto_settlement_rate is None
    assert empty.to_json()["requests"] == 0


def test_rising_needs_enough_cases_a_lift_and_significance():
    from chalicelib.domain.insights.summary import MetricsPolicy

    policy = MetricsPolicy()
    assert rising_topics(["a"] * 4, [], "chat", policy) == []  # too few
    assert rising_topics(["a"] * 30, ["a"] * 25, "chat", policy) == []  # no real lift
    assert [t.topic for t in rising_topics(["a"] * 12, ["a"] * 4, "chat", policy)] == ["a"]


def test_percentile_nearest_rank():
    assert percentile([1, 2, 3, 4], 0.5) == 2
    assert percentile([1, 2, 3, 4], 0.75) == 3
    assert percentile(list(range(1, 101)), 0.95) == 95
    assert percentile([7], 0.95) == 7
    assert percentile([], 0.5) is None
    with pytest.raises(ValueError):
        percentile([1], 0)


@pytest.mark.parametrize(
    ("text", "seconds"),
    [(None, 86_400), ("24h", 86_400), ("15m", 900), ("7d", 604_800), (" 2W ", 1_209_600)],
)
def test_windows(text, seconds):
    assert parse_window(text) == seconds


@pytest.mark.parametrize("text", ["0h", "91d", "abc", "24", "30s", "-1h"])
def test_bad_windows(text):
    with pytest.raises(BadInput):
        parse_window(text)


class Source:
    def __init__(self, records):
        self.records = records
        self.asked = []

    def opened_between(self, start, end):
        self.asked.append((start, end))
        return [r for r in self.records if start <= r.opened_at < end]

    def filed_between(self, start, end):
        self.asked.append((start, end))
        return [r for r in self.records if start <= r.filed_at < end]


def test_the_service_reads_both_windows_for_staff_only():
    chats, claims = Source(CONVERSATIONS), Source(CLAIMS)
    service = InsightsService(chats, claims, clock=FixedClock(END))
    staff = Principal("s-1", frozenset({"supervisor"}))
    summary = service.summary(staff, "24h")
    assert chats.asked == [(START - DAY, END)] and claims.asked == [(START - DAY, END)]
    assert summary.requests == 15
    with pytest.raises(Forbidden):
        service.summary(Principal("h-1", frozenset({"member", "helper"})), "24h")


def test_metrics_for_cloudwatch(summary):
    record = picked_up(6)  # 20 s pickup
    assert metrics.on_assigned(record) == [
        metrics.Metric("PickupSeconds", "Seconds", 20),
        metrics.Metric("PickedUpUnder10s", "Count", 0.0),
        metrics.Metric("PickedUpUnder30s", "Count", 1.0),
    ]
    assert metrics.on_first_response(record) == [
        metrics.Metric("FirstResponseSeconds", "Seconds", 35)
    ]
    assert metrics.on_closed(record)[1].value == 660
    assert metrics.on_rated(4)[0].value == 4.0
    assert metrics.on_assigned(CONVERSATIONS[11]) == []
    names = {m.name for m in metrics.from_summary(summary)}
    assert {"PickupShareUnder10s", "PickupP95Seconds", "ClaimsAutoSettlementRate"} <= names


def test_a_schedule_publishes_the_summary_figures_without_a_caller():
    service = InsightsService(Source(CONVERSATIONS), Source(CLAIMS), clock=FixedClock(END))
    published = {m.name: m.value for m in service.published_metrics("24h")}
    assert published["Requests"] == 15.0 and "EscalationRate" in published
