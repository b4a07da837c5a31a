"""The series the staff console draws: the pickup histogram and the volumes per period."""

from chalicelib.domain.insights.records import ClaimRecord, ConversationRecord
from chalicelib.domain.insights.series import histogram, period_seconds, volumes

HOUR = 3600.0
START = 1_780_000_000.0  # 2026-05-28T20:26:40Z: not on an hour


def test_the_histogram_puts_each_pickup_in_its_bucket_and_the_targets_on_edges():
    bars = histogram([0, 4.9, 5, 9.99, 10, 29.9, 30, 119, 120, 900])
    counts = {(b.low, b.high): b.count for b in bars}
    assert counts[(0, 5)] == 2 and counts[(5, 10)] == 2 and counts[(10, 15)] == 1
    assert counts[(20, 30)] == 1 and counts[(30, 45)] == 1 and counts[(60, 120)] == 1
    assert counts[(120, None)] == 2
    assert sum(b.count for b in bars) == 10
    assert [b.to_json() for b in bars][-1] == {"from": 120, "to": None, "count": 2}


def test_volumes_by_utc_hour_for_a_day_and_by_day_for_a_week():
    chats = [
        ConversationRecord("a", START + 10, "booking", "fr"),
        ConversationRecord("b", START + 20, "payment", "fr", escalated=True),
        ConversationRecord("c", START + 5 * HOUR, "booking", "fr"),
    ]
    claims = [ClaimRecord("k", START + 5 * HOUR + 1, "driver_no_show")]
    day = volumes(chats, claims, START, START + 24 * HOUR)
    assert period_seconds(START, START + 24 * HOUR) == 3600
    assert day[0].start == START - (START % HOUR) and len(day) == 25
    assert (day[0].requests, day[0].escalated, day[0].claims) == (2, 1, 0)
    assert (day[5].requests, day[5].claims) == (1, 1)
    assert sum(v.requests for v in day) == 3
    week = volumes(chats, claims, START, START + 7 * 86_400)
    assert period_seconds(START, START + 7 * 86_400) == 86_400
    # 20:26 and 01:26 the next day: two UTC days.
    assert len(week) == 8 and (week[0].requests, week[1].requests) == (2, 1)
