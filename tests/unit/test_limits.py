"""The limits on in-memory counters: events per fixed window, wrong guesses of a secret, and
the one wire form of a refusal (`rate_limited` with `retry_after`)."""

from __future__ import annotations

import pytest

from chalicelib.domain.clock import FixedClock
from chalicelib.domain.errors import RateLimited
from chalicelib.domain.frames import FrameDispatcher
from chalicelib.domain.identity import Principal
from chalicelib.domain.limits import FixedWindow, MissLimit, RateLimit
from chalicelib.domain.ports import Connection
from tests.support.fakes import InMemoryCounters

START = 1_800_000_000.0  # a whole hour: 1_800_000_000 = 500_000 * 3600


def per_minute(limit: int = 3) -> tuple[RateLimit, FixedClock]:
    clock = FixedClock(START)
    return RateLimit("t", limit, 60, InMemoryCounters(), clock, "slow down"), clock


def misses(max_misses: int = 5, lock: int = 900) -> tuple[MissLimit, FixedClock]:
    clock = FixedClock(START)
    return MissLimit("code", max_misses, lock, InMemoryCounters(), clock, "locked"), clock


def test_retry_after_is_whole_seconds_and_at_least_one_on_both_wires():
    assert RateLimited("x", retry_after=12.2).to_json() == {
        "code": "rate_limited", "message": "x", "retry_after": 13}
    assert RateLimited("x", retry_after=0.0).retry_after == 1
    assert "retry_after" not in RateLimited("x", code="too_many_open_claims").to_json()

    def refuse(connection, frame):
        raise RateLimited("slow down", retry_after=42)

    dispatcher = FrameDispatcher()
    dispatcher.register("go", refuse)
    connection = Connection("c1", Principal("m-a", frozenset({"member"})), START)
    assert dispatcher.dispatch(connection, '{"action": "go", "request_id": "r1"}') == {
        "type": "error", "request_id": "r1", "code": "rate_limited", "message": "slow down",
        "retry_after": 42}


def test_fixed_windows_are_aligned_on_the_clock():
    window = FixedWindow(3600)
    assert window.key("open", "m-a", START + 3599) == window.key("open", "m-a", START)
    assert window.key("open", "m-a", START + 3600) != window.key("open", "m-a", START)
    assert window.ends_at(START + 10) == START + 3600


def test_a_rate_limit_refuses_the_event_over_the_limit_until_the_window_ends():
    limit, clock = per_minute(3)
    clock.advance(15)
    for _ in range(3):
        limit.take("m-a")
    with pytest.raises(RateLimited) as refused:
        limit.take("m-a")
    assert (refused.value.status, refused.value.code) == (429, "rate_limited")
    assert refused.value.retry_after == 45
    clock.advance(44)
    with pytest.raises(RateLimited):
        limit.take("m-a")
    clock.advance(1)
    limit.take("m-a")


def test_a_rate_limit_counts_each_subject_apart():
    limit, _ = per_minute(1)
    limit.take("m-a")
    limit.take_for(Principal("m-b", frozenset({"member"})))
    with pytest.raises(RateLimited):
        limit.take_for(Principal("m-a", frozenset({"member"})))


def test_misses_lock_after_the_limit_and_the_lock_refuses_every_try():
    limit, clock = misses(5, 900)
    for i in range(5):
        clock.advance(10)
        attempt = limit.attempt("cl-1")
        assert attempt.wrong() is (i == 4)  # the fifth miss is the one that locks
    with pytest.raises(RateLimited) as refused:
        limit.attempt("cl-1")
    assert refused.value.retry_after == 900
    clock.advance(899)
    with pytest.raises(RateLimited) as refused:
        limit.attempt("cl-1")
    assert refused.value.retry_after == 1
    clock.advance(1)
    assert limit.attempt("cl-1").misses == 1  # the lock is over, misses start again


def test_a_right_try_is_not_a_miss():
    limit, _ = misses(2)
    limit.attempt("cl-1").wrong()
    for _ in range(10):
        limit.attempt("cl-1").right()
    assert limit.attempt("cl-1").wrong() is True
    with pytest.raises(RateLimited):
        limit.attempt("cl-1")


def test_tries_in_flight_count_before_they_are_compared():
    # Guesses sent at once: each is counted before its comparison, so no more than the
    # limit can ever be compared, whatever their order of completion.
    limit, _ = misses(5)
    in_flight = [limit.attempt("cl-1") for _ in range(5)]
    with pytest.raises(RateLimited):
        limit.attempt("cl-1")
    assert [a.misses for a in in_flight] == [1, 2, 3, 4, 5]


def test_misses_are_forgotten_after_the_lock_time_without_a_try():
    limit, clock = misses(3, 900)
    limit.attempt("cl-1").wrong()
    limit.attempt("cl-1").wrong()
    clock.advance(900)
    assert limit.attempt("cl-1").misses == 1


def test_the_lock_notice_is_given_once_per_subject_until_its_end():
    limit, clock = misses()
    assert limit.first_notice("cl-1", int(START) + 3600) is True
    assert limit.first_notice("cl-1", int(START) + 3600) is False
    assert limit.first_notice("cl-2", int(START) + 3600) is True
    clock.advance(3600)
    assert limit.first_notice("cl-1", int(START) + 7200) is True
