"""Flooding is decided from counts the caller keeps; the fingerprint identifies a text."""

from __future__ import annotations

from chalicelib.domain.moderation import FloodPolicy, fingerprint


def test_fingerprint_ignores_case_accents_spacing_and_punctuation():
    assert fingerprint("Hello!!  Ça va ?") == fingerprint("hello ca va")
    assert fingerprint("ＨＥＬＬＯ") == fingerprint("hello")


def test_fingerprint_is_a_stable_hex_digest():
    assert fingerprint("bonjour") == fingerprint("bonjour")
    assert fingerprint("bonjour") != fingerprint("bonsoir")
    assert len(fingerprint("bonjour")) == 32
    # Pinned: the platform keys stored counters by it, so it must not drift between releases.
    assert fingerprint("Bonjour !") == "a0b47a505fd1b0d65c0dbfa128398ed6"


def test_messages_under_the_limits_pass():
    assert FloodPolicy().check(sent_in_window=3, same_text_recently=0) is None


def test_too_many_messages_in_the_window_are_blocked():
    reason = FloodPolicy(max_messages=5).check(sent_in_window=5, same_text_recently=0)
    assert (reason.category, reason.rule, reason.action) == ("flood", "flood.rate", "block")
    assert reason.start is None


def test_the_same_text_repeated_too_often_is_blocked():
    reason = FloodPolicy(max_repeats=2).check(sent_in_window=0, same_text_recently=2)
    assert reason.rule == "flood.repeat"


def test_windows_number_time_buckets_for_counter_keys():
    policy = FloodPolicy(window_seconds=60)
    assert policy.window(120.0) == policy.window(179.9) == 2
    assert policy.window(180.0) == 3
