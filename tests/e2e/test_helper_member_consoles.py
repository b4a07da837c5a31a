"""The Helper console and the member widget in Debian's Chromium against the local stack: a
Helper sees their points rise after a rated conversation (and reads a transcript, narrows their
presence, gets article suggestions); a member finds their claim on another device (a second
browser context), picks a booking instead of typing it, sees their programme eligibility, the
Helper's name after a reload and a French conversation by default in the French UI. Each screen
is shot at 1280 and 390 px into docs/screenshots/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.e2e.test_web_clients import (  # noqa: F401  (fixtures: one browser for the module)
    WAIT_MS,
    accept_offer,
    answer_every_question,
    browser,
    contexts,
    message,
    open_client,
    open_request,
    send,
)

pytestmark = [pytest.mark.e2e, pytest.mark.browser]

SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def shoot(page: Page, name: str) -> None:
    """The page at desktop then phone width (full page), back to where it was."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    for label, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(viewport)
        fits = page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        assert fits, f"{name} scrolls sideways at {viewport['width']} px"
        page.screenshot(path=SHOTS / f"{name}-{label}.png", full_page=True)
    if size:
        page.set_viewport_size(size)


def all_time_points(helper: Page) -> int:
    figure = helper.locator('#standing [data-figure="all"] strong')
    expect(figure).to_be_visible(timeout=WAIT_MS)
    return int(figure.inner_text())


def test_a_helper_sees_their_points_rise_after_a_rated_conversation(
    browser: Browser, contexts: list[BrowserContext], devstack: dict[str, str]  # noqa: F811
) -> None:
    web = devstack["web"]
    helper = open_client(browser, contexts, web, "helper", "h-1", DESKTOP)
    before = all_time_points(helper)
    expect(helper.locator("#leaderboard li").first).to_be_visible()
    # Topics and languages narrow presence within the approved profile (h-1: French only).
    expect(helper.locator("#presence-topics")).to_be_visible()
    helper.locator("input[name=status][value=available]").check()
    expect(helper.locator("#presence-now")).to_have_attribute("data-status", "available",
                                                              timeout=WAIT_MS)

    member = open_client(browser, contexts, web, "member", "m-alice", PHONE)
    conversation_id = open_request(member, "Comment annuler ma réservation ?")
    pane = accept_offer(helper, conversation_id)
    send(member, "#conversation", "Je veux annuler ma réservation et être remboursé")
    expect(helper.locator(f"{pane} .copilot")).to_be_visible()
    send(helper, pane, "Bonjour, je regarde cela tout de suite.")
    expect(message(member, "#conversation", "je regarde")).to_be_visible(timeout=WAIT_MS)

    # The member reloads: the Helper's name and badge are still there.
    member.reload()
    expect(member.locator("#banner-text")).to_contain_text("Hélène", timeout=WAIT_MS)
    expect(member.locator("#banner-badge")).to_be_visible()
    shoot(member, "member-chat")
    shoot(helper, "helper-console")

    member.locator('#conversation [data-action="close"]').click()
    expect(member.locator("#rate-form")).to_be_visible(timeout=WAIT_MS)
    member.locator("#rate-form label", has_text="5").click()
    member.locator("#rate-form button[type=submit]").click()
    expect(member.locator("#rate-thanks")).not_to_be_empty(timeout=WAIT_MS)

    # Points are awarded by the programme's policies: refresh until they show (bounded).
    refresh = helper.locator("#standing-refresh")
    points = before
    for _ in range(20):
        refresh.click()
        helper.wait_for_load_state("networkidle")
        points = all_time_points(helper)
        if points > before:
            break
    assert points > before

    # Authorised transcript reading, with the keyboard only.
    helper.locator("#transcript-id").focus()
    helper.keyboard.type(conversation_id)
    helper.keyboard.press("Enter")
    expect(helper.locator(f'#transcript ol[data-conversation="{conversation_id}"] li')
           .first).to_be_visible(timeout=WAIT_MS)
    shoot(helper, "helper-transcript")


def test_a_member_finds_their_claim_on_another_device(
    browser: Browser, contexts: list[BrowserContext], devstack: dict[str, str]  # noqa: F811
) -> None:
    web = devstack["web"]
    phone = open_client(browser, contexts, web, "member", "m-alice", PHONE)
    expect(phone.locator("#claim-form")).to_be_visible(timeout=WAIT_MS)
    # A recent booking is picked, not typed.
    picker = phone.locator("#claim-booking-pick")
    expect(picker.locator('option[value="bk-1"]')).to_have_count(1)
    picker.select_option("bk-1")
    expect(phone.locator("#claim-booking")).to_have_value("bk-1")
    phone.select_option("#claim-problem", "driver_late")
    answer_every_question(phone)
    phone.locator("#claim-form button[type=submit]").click()
    filed = phone.locator("#my-claims li[data-claim]").first
    expect(filed).to_be_visible(timeout=WAIT_MS)
    claim_id = filed.get_attribute("data-claim")
    shoot(phone, "member-claims")

    # Another device: a fresh browser context, nothing in its storage.
    desk = open_client(browser, contexts, web, "member", "m-alice", DESKTOP)
    mine = desk.locator(f'#my-claims li[data-claim="{claim_id}"]')
    expect(mine).to_be_visible(timeout=WAIT_MS)
    expect(mine.locator(".role")).to_contain_text("Filed by you")
    mine.locator("summary").click()
    expect(mine.locator(".timeline li").first).to_be_visible(timeout=WAIT_MS)
    # Timeline events in words, not their codes.
    expect(mine.locator('.timeline li[data-event="filed"]')).to_have_text(re.compile(r" — Filed$"))
    expect(mine.locator(".timeline")).not_to_contain_text("_")

    # The programme card shows the eligibility (or the record) of this member.
    expect(desk.locator("#programme")).to_have_attribute("data-status", re.compile(r"^[a-z_]+$"),
                                                          timeout=WAIT_MS)
    expect(desk.locator("#apply-status")).not_to_be_empty(timeout=WAIT_MS)
    shoot(desk, "member-programme")


def test_french_ui_defaults_the_conversation_to_french_and_every_screen_is_french(
    browser: Browser, contexts: list[BrowserContext], devstack: dict[str, str]  # noqa: F811
) -> None:
    web = devstack["web"]
    context = browser.new_context(viewport=PHONE, locale="en-GB")
    contexts.append(context)
    page = context.new_page()
    page.goto(f"{web}/member.html?lang=fr")
    page.select_option("#signin-as", "m-david")
    expect(page.locator("#conn")).to_have_attribute("data-state", "online", timeout=WAIT_MS)
    expect(page.locator("#conv-lang")).to_have_value("fr")
    expect(page.locator("#apply-title")).to_have_text("Devenir Helper", timeout=WAIT_MS)
    expect(page.locator("#apply-status")).not_to_be_empty(timeout=WAIT_MS)

    helper = context.new_page()
    helper.goto(f"{web}/helper.html?lang=fr")
    helper.select_option("#signin-as", "h-2")
    expect(helper.locator("#recognition-title")).to_have_text("Mes points et récompenses",
                                                              timeout=WAIT_MS)
    expect(helper.locator("#transcripts-title")).to_have_text("Lire une conversation")
    fits = helper.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert fits, "the Helper console scrolls sideways at 390 px"
