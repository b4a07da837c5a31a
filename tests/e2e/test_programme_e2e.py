"""Insights, suggestions and the programme in the local stack, against its demo data, through
real HTTP with demo tokens. Other e2e tests share the stack, so counts are lower bounds."""

from __future__ import annotations

import time
import urllib.parse

import pytest

from tests.support.client import HttpError, dev_token, rest

pytestmark = pytest.mark.e2e

STAFF = ["agent", "supervisor"]


def suggest(base, token, query, lang):
    path = "/kb/suggest?" + urllib.parse.urlencode({"q": query, "lang": lang})
    return [s["article_id"] for s in rest(base, "GET", path, token=token)["suggestions"]]


def test_suggestions_as_a_member_types_in_french_and_english(devstack):
    base = devstack["rest"]
    token = dev_token(base, "m-alice", ["member"])
    assert suggest(base, token, "mon conducteur a annulé, je suis remboursé ?", "fr")[0] == (
        "kb-driver_cancelled-fr"
    )
    assert suggest(base, token, "prélevé deux fois", "fr")[0] == "kb-double_charge-fr"
    assert suggest(base, token, "charged twice", "en")[0] == "kb-double_charge-en"
    # Every keystroke of a question is one call; the index is cached in the container.
    typed = "le conducteur n'est pas venu"
    started = time.perf_counter()
    for end in range(3, len(typed) + 1):
        found = suggest(base, token, typed[:end], "fr")
    per_call = (time.perf_counter() - started) / (len(typed) - 2)
    assert "kb-driver_no_show-fr" in found[:3]
    assert per_call < 0.25, per_call


def test_staff_read_the_insights_of_the_demo_history(devstack):
    base = devstack["rest"]
    staff = dev_token(base, "s-1", STAFF)
    summary = rest(base, "GET", "/metrics/summary?window=24h", token=staff)
    assert summary["requests"] >= 37 and summary["claims"]["filed"] >= 14
    assert 0 < summary["pickup"]["share_under_10s"] <= summary["pickup"]["share_under_30s"]
    assert summary["pickup"]["p50"] is not None and summary["ratings"]["count"] > 0
    assert summary["claims"]["auto_settlement_rate"] is not None
    assert {"payment", "driver_no_show"} <= {t["topic"] for t in summary["rising_topics"]}
    with pytest.raises(HttpError) as refused:
        rest(
            base, "GET", "/metrics/summary?window=24h", token=dev_token(base, "m-alice", ["member"])
        )
    assert refused.value.status == 403
    plan = rest(base, "GET", "/metrics/capacity?arrivals_per_hour=130", token=staff)
    assert plan["helpers_needed"] == 12


def test_badges_and_leaderboard_of_the_demo_helpers(devstack):
    base = devstack["rest"]
    badge = rest(base, "GET", "/members/h-1/badge")
    assert badge["helper"] is True and badge["level"]["code"]
    assert rest(base, "GET", "/members/m-alice/badge") == {"member_id": "m-alice", "helper": False}
    board = rest(
        base,
        "GET",
        "/programme/leaderboard?period=week",
        token=dev_token(base, "h-1", ["member", "helper"]),
    )
    assert len(board["entries"]) == 5
    points = [e["points"] for e in board["entries"]]
    assert points == sorted(points, reverse=True) and points[-1] > 0
    queue = rest(base, "GET", "/programme/applications", token=dev_token(base, "s-1", STAFF))
    assert [r["member_id"] for r in queue["helpers"]] == ["m-chloe"]
