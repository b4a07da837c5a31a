"""The agent console (web/agent.html) in Chromium against the local stack: an L1 agent decides
a disputed claim within their delegation after the API refused a gesture above it; an agent
proposes a gesture above it and a supervisor approves it; the supervisor reads the gesture
audit (chart, CSV). Each step is checked on the screen and then through the API.

Both claims are "driver did not show up" on bk-1 (one open claim per booking and problem):
each is closed before the next is filed, in one test, so the module shares the worker's stack
with tests/e2e/test_claims_e2e.py (same xdist group) in any order."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.e2e.test_web_clients import (
    DESKTOP,
    PHONE_WIDTH,
    WAIT_MS,
    browser,
    contexts,
    open_client,
)
from tests.support.claims_aws import NO_SHOW
from tests.support.client import HttpError, dev_token, rest

pytestmark = [pytest.mark.e2e, pytest.mark.browser, pytest.mark.xdist_group("claims-e2e")]
__all__ = ["browser", "contexts"]  # the module's one Chromium, its contexts (test_web_clients)

SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
DESKTOP_WIDE = {**DESKTOP, "width": 1280}


def wait_for(check: Callable[[], Any], what: str, timeout: float = 45.0) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}")


def disputed_claim(base: str, comment: str) -> str:
    """Alice files "driver did not show up" on bk-1; Bob, the driver, disputes it."""
    alice, bob = (dev_token(base, m, ["member"]) for m in ("m-alice", "m-bob"))
    claim_id = rest(base, "POST", "/claims", {
        "booking_id": "bk-1", "problem": "driver_no_show", "answers": NO_SHOW,
    }, alice, {"Idempotency-Key": uuid.uuid4().hex})["claim_id"]

    def dispute() -> bool:
        try:
            rest(base, "POST", f"/claims/{claim_id}/response",
                 {"confirm": False, "comment": comment}, bob)
        except HttpError as e:  # the counterpart step has not started yet
            if e.status != 409:
                raise
            return False
        return True

    wait_for(dispute, "the counterpart step")
    return claim_id


def review(base: str, who: str, roles: list[str], claim_id: str) -> dict[str, Any]:
    return rest(base, "GET", f"/claims/{claim_id}/review", None, dev_token(base, who, roles))


def shoot(page: Page, name: str, selector: str) -> None:
    """The screen at 1280 px, then at 390 px (back to 1280 after)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width, viewport in (("desktop", DESKTOP_WIDE), ("phone", PHONE_WIDTH)):
        page.set_viewport_size(viewport)
        target = page.locator(selector)
        target.scroll_into_view_if_needed()
        target.screenshot(path=str(SHOTS / f"agent-{name}-{width}.png"))
        if width == "phone":  # nothing wider than the phone's screen
            # Tables scroll inside their own wrapper; the page itself never scrolls sideways.
            assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.set_viewport_size(DESKTOP_WIDE)


def open_claim(page: Page, claim_id: str) -> None:
    row = page.locator(f'#queue tr[data-claim="{claim_id}"]')
    if not row.count():
        page.locator("#queue-refresh").click()
    expect(row).to_be_visible(timeout=WAIT_MS)
    expect(row.locator(".pill")).to_have_text("On time")
    row.get_by_role("button", name="Open").click()
    expect(page.locator("#item-title")).to_be_focused()


def test_agent_decides_within_delegation_and_supervisor_approves_above_it(
    browser, contexts: list[BrowserContext], devstack: dict[str, str]
) -> None:
    base, web = devstack["rest"], devstack["web"]

    # 1. An L1 agent (50 EUR alone) decides a disputed claim with a 30 EUR gesture.
    first = disputed_claim(base, "J'ai attendu 20 minutes au point de rendez-vous.")
    wait_for(lambda: review(base, "a-l1", ["agent"], first)["can_decide"], "the agents' turn")
    agent = open_client(browser, contexts, web, "agent", "a-l1", DESKTOP_WIDE)
    open_claim(agent, first)
    expect(agent.locator("#claim-problem")).not_to_have_text("driver_no_show")  # a label
    expect(agent.locator("#claim-status")).to_have_text("with an agent")
    expect(agent.locator("#claimant-statement dd")).not_to_have_count(0)
    said = agent.locator("#counterpart-statement")
    expect(said).to_have_attribute("data-answer", "disputed")
    expect(said).to_contain_text("J'ai attendu 20 minutes")
    expect(agent.locator("#claim-timeline li[data-event=counterpart_disputed]")).to_be_visible()
    expect(agent.locator("#decide-ceiling")).to_contain_text("€50.00")
    shoot(agent, "queue", "#queue-card")
    agent.select_option("#decide-outcome", "refund_full")
    agent.locator("#decide-gesture").fill("80")
    expect(agent.locator("#decide-hint")).to_contain_text("Above your delegation")
    expect(agent.locator("#decide-propose")).to_be_visible()
    agent.locator("#decide-submit").click()  # the API refuses it: shown, translated
    expect(agent.locator("#decide-error")).to_have_text(
        "Refused: above your delegation ceiling of €50.00. Propose it for approval.")
    agent.locator("#decide-gesture").fill("30")
    expect(agent.locator("#decide-propose")).to_be_hidden()
    shoot(agent, "claim", "#item-card")
    agent.locator("#decide-gesture").press("Enter")  # the keyboard submits the form
    expect(agent.locator("#decide-done")).to_have_text(
        "Decided: Full refund, service fee included, gesture €30.00.")
    settled = wait_for(lambda: (c := review(base, "s-1", ["agent", "supervisor"], first))
                       ["status"] == "closed" and c, "the first claim to close")
    assert (settled["resolution"], settled["decided_by"]) == ("refund_full", "a-l1")
    assert [(g["amount_cents"], g["granted_by"]) for g in settled["gestures"]["this_claim"]] == [
        (3_000, "a-l1")]

    # 2. The agent proposes 120 EUR (above 50 EUR); a supervisor approves it.
    second = disputed_claim(base, "Je suis venu, c'est faux.")
    wait_for(lambda: review(base, "a-l1", ["agent"], second)["can_decide"], "the agents' turn")
    open_claim(agent, second)
    agent.select_option("#decide-outcome", "refund_full")
    agent.locator("#decide-gesture").fill("120")
    agent.locator("#decide-propose").click()
    expect(agent.locator("#decide-done")).to_have_text(
        "Proposed for approval: Full refund, service fee included, gesture €120.00.")
    wait_for(lambda: review(base, "s-1", ["agent", "supervisor"], second)["can_approve"],
             "the supervisors' turn")
    agent.locator("#queue-refresh").click()
    agent.locator(f'#queue tr[data-claim="{second}"]').get_by_role("button", name="Open").click()
    expect(agent.locator("#approve-blocked")).to_have_text(
        "Only a supervisor can approve a proposal.")
    expect(agent.locator("#approve")).to_be_disabled()

    boss = open_client(browser, contexts, web, "agent", "s-1", DESKTOP_WIDE)
    open_claim(boss, second)
    expect(boss.locator("#proposal-gesture")).to_have_text("€120.00")
    expect(boss.locator("#proposal-by")).to_have_text("a-l1")
    expect(boss.locator("#approve")).to_be_enabled()
    shoot(boss, "approval", "#item-card")
    boss.locator("#approve").focus()
    boss.keyboard.press("Enter")
    expect(boss.locator("#approval-done")).to_have_text(
        "Approved: Full refund, service fee included, gesture €120.00.")
    closed = wait_for(lambda: (c := review(base, "s-1", ["agent", "supervisor"], second))
                      ["status"] == "closed" and c, "the second claim to close")
    assert closed["resolution"] == "refund_full"
    assert [(g["amount_cents"], g["granted_by"], g["approved_by"])
            for g in closed["gestures"]["this_claim"]] == [(12_000, "a-l1", "s-1")]

    # 3. The gesture audit: both gestures under a-l1, in the chart and in the CSV.
    boss.locator("#audit-form button[type=submit]").click()
    expect(boss.locator("#audit-by-agent tr[data-key=a-l1]")).to_be_visible(timeout=WAIT_MS)
    audit = rest(base, "GET", "/gestures/audit", None,
                 dev_token(base, "s-1", ["agent", "supervisor"]))
    by_l1 = audit["by_agent"]["a-l1"]
    assert by_l1["amount_cents"] >= 15_000
    expect(boss.locator("#audit-by-agent tr[data-key=a-l1]")).to_contain_text(
        str(by_l1["count"]))
    expect(boss.locator("#chart-agent rect[data-key=a-l1]")).to_have_count(1)
    shoot(boss, "audit", "#audit-card")
    with boss.expect_download() as download:
        boss.locator("#audit-csv").click()
    csv = Path(download.value.path()).read_text()
    assert f"agent,a-l1,{by_l1['count']},{by_l1['amount_cents'] / 100:.2f}," in csv
    boss.get_by_role("button", name="FR", exact=True).click()
    expect(boss.locator("h1")).to_have_text("Console agents")
    expect(boss.locator("#audit-title")).to_have_text("Audit des gestes")
