"""The load tool itself, small and fast (`make load` runs it for minutes with hundreds of
sockets): 20 sockets through a stack of its own, no error, nothing lost, figures consistent."""

from __future__ import annotations

import pytest

from bench.load import Plan, check_plan, measure, report

pytestmark = [pytest.mark.e2e, pytest.mark.long]


@pytest.mark.timeout(180)
def test_twenty_sockets_for_five_seconds_lose_nothing():
    plan = Plan(sockets=20, duration=5, rate=6)
    figures = measure(plan)
    assert figures["errors"] == {}
    assert figures["lost"] == {}
    assert figures["sockets"] == 20 and figures["conversations"] == 10
    # 20 sockets at 6 messages/s in all for 5 s: about 30 sends, each delivered once.
    assert 20 <= figures["acked"] == figures["delivered"] <= 40
    assert 0 < figures["p50"] <= figures["p95"] <= figures["p99"] <= figures["max"]
    assert figures["stack_cpu_seconds"] > 0
    assert "| none | none |" in report(plan, figures, "python -m bench.load")


def test_a_pace_near_the_message_limit_is_refused():
    # 10 sockets at 5 messages/s in all is 30 a minute per member: MESSAGES_PER_MINUTE.
    with pytest.raises(SystemExit, match="MESSAGES_PER_MINUTE"):
        check_plan(Plan(sockets=10, duration=5, rate=5))
    with pytest.raises(SystemExit, match="even"):
        check_plan(Plan(sockets=21, duration=5, rate=1))
