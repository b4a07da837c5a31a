"""Staff lists over moto: conversations over a period of days, page after page, by Query on the
day index (a chat opened yesterday is still listed); the audit log filtered by action and actor."""

from __future__ import annotations

import datetime as dt

import pytest

from chalicelib.domain.identity import Principal
from devstack.seed import seed_members
from tests.integration.test_insights_recomputed import Clock
from tests.integration.test_programme_api import Api

MEMBERS = ["m-alice", "m-bob", "m-david"]


@pytest.fixture
def api(services, http):
    seed_members(services)
    return Api(http, services)


def open_over_two_days(services, monkeypatch) -> tuple[list[str], str, str]:
    """Five requests: three yesterday (UTC) before midnight, two today."""
    today = dt.datetime.now(dt.UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    clock = Clock(services, monkeypatch, today.timestamp() - 3 * 3600)
    ids = []
    for i in range(5):
        if i == 3:
            clock.t = today.timestamp() + 60
        member = Principal(MEMBERS[i % 3], frozenset({"member"}))
        opened = services.chat.requests.open_request(member, "booking", "fr", f"Q{i} ?", True)
        ids.append(opened.result["conversation_id"])
        clock.advance(61)
    yesterday = (today - dt.timedelta(days=1)).date().isoformat()
    return ids, yesterday, today.date().isoformat()


def test_conversations_over_a_period_page_by_page_newest_first(api, services, monkeypatch):
    ids, yesterday, today = open_over_two_days(services, monkeypatch)
    seen, cursor, pages = [], None, 0
    while True:
        path = f"/conversations?from={yesterday}&to={today}&limit=2"
        status, page = api.staff("GET", path + (f"&cursor={cursor}" if cursor else ""))
        assert status == 200 and len(page["conversations"]) <= 2
        seen += [c["conversation_id"] for c in page["conversations"]]
        pages += 1
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == list(reversed(ids)) and pages >= 3
    # The former form still answers one day, with its `day`.
    status, one_day = api.staff("GET", f"/conversations?day={yesterday}")
    assert status == 200 and one_day["day"] == yesterday
    assert [c["conversation_id"] for c in one_day["conversations"]] == list(reversed(ids[:3]))
    assert api.staff("GET", f"/conversations?from={today}&to={yesterday}")[1]["code"] == (
        "bad_range")
    assert api.staff("GET", "/conversations?from=2026-01-01&to=2026-03-01")[1]["code"] == (
        "bad_range")
    assert api.staff("GET", f"/conversations?from={today}&cursor=nope")[1]["code"] == "bad_cursor"
    assert api.call("GET", f"/conversations?from={yesterday}", "m-alice")[0] == 200


def test_the_audit_log_filters_by_action_and_actor_on_the_server(api, services):
    opened = services.chat.requests.open_request(
        Principal("m-alice", frozenset({"member"})), "booking", "fr", "Bonjour ?", True)
    cid = opened.result["conversation_id"]
    for staff in ("a-l1", "a-l2", "a-l1"):
        assert api.call("GET", f"/conversations/{cid}", staff, ("agent",))[0] == 200
    services.chat.oversight.join(Principal("s-1", frozenset({"agent", "supervisor"})), cid)
    status, everything = api.staff("GET", "/audit")
    assert status == 200 and len(everything["entries"]) == 4
    status, reads = api.staff("GET", "/audit?action=conversation.transcript&limit=1")
    assert [e["action"] for e in reads["entries"]] == ["conversation.transcript"]
    after = reads["next_cursor"]
    more = api.staff("GET", f"/audit?action=conversation.transcript&limit=1&cursor={after}")
    assert [e["action"] for e in more[1]["entries"]] == ["conversation.transcript"]
    by_l1 = api.staff("GET", "/audit?actor=a-l1")[1]["entries"]
    assert [e["actor"] for e in by_l1] == ["a-l1", "a-l1"]
    both = api.staff("GET", "/audit?actor=a-l2&action=conversation.join")[1]["entries"]
    assert both == []
    joins = api.staff("GET", "/audit?action=conversation.join")[1]["entries"]
    assert [(e["actor"], e["subject"]) for e in joins] == [("s-1", cid)]
