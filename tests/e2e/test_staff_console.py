"""The staff console in Debian's Chromium against its own local stack: staff approve a Helper
application and publish an article captured from a transcript; the insights screen shows the
API's figures, formatted and translated; the capacity planner, the audit log; every screen at
desktop and phone width (screenshots in docs/screenshots/)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from devstack.process import start_devstack, stop_devstack
from tests.e2e.test_web_clients import DESKTOP, PHONE_WIDTH, WAIT_MS, browser  # noqa: F401
from tests.support.client import dev_token, rest

pytestmark = [pytest.mark.e2e, pytest.mark.browser]

SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
WIDE = {"width": 1280, "height": 900}
STAFF = ["agent", "supervisor"]
SCREENS = ["oversight", "insights", "programme", "knowledge", "audit"]
# A closed demo conversation of the last 24 hours (devstack/programme_seed.py: booking, 25–34).
DEMO_CONVERSATION = "cv-demo-030"


@pytest.fixture(scope="module")
def stack() -> Iterator[dict[str, str]]:
    """A stack of this module's own: it approves the demo application other tests expect."""
    proc, urls = start_devstack()
    yield urls
    stop_devstack(proc)


def staff_page(browser: Browser, stack: dict[str, str], viewport: dict[str, int], screen: str):  # noqa: F811
    context = browser.new_context(viewport=viewport, locale="en-GB")
    page = context.new_page()
    page.goto(f"{stack['web']}/staff.html?lang=en#{screen}")
    page.select_option("#signin-as", "s-1")
    expect(page.locator("#conn")).to_have_attribute("data-state", "online", timeout=WAIT_MS)
    return context, page


def go(page: Page, screen: str) -> None:
    """Reach a screen with the keyboard: focus its link in the screens menu, press Enter."""
    page.locator(f'#screens a[data-screen="{screen}"]').focus()
    page.keyboard.press("Enter")
    expect(page.locator(f'.screen[data-screen="{screen}"]')).to_be_visible()


def test_staff_approve_an_application_and_publish_an_article_from_a_transcript(
    browser: Browser, stack: dict[str, str]  # noqa: F811
) -> None:
    base = stack["rest"]
    token = dev_token(base, "s-1", STAFF)
    context, page = staff_page(browser, stack, WIDE, "programme")
    try:
        # The Helper programme: m-chloe's application, approved with a note.
        row = page.locator('#prog-list tr[data-member="m-chloe"]')
        expect(row).to_contain_text("pending", timeout=WAIT_MS)
        row.get_by_role("button", name="Open m-chloe").click()
        expect(page.locator("#prog-record")).to_contain_text("m-chloe")
        expect(page.locator('#prog-actions [data-action="suspend"]')).to_be_hidden()
        page.locator("#prog-reason").fill("Excellent reviews, French speaker")
        page.locator('#prog-actions [data-action="approve"]').click()
        expect(page.locator("#prog-notice")).to_have_text("m-chloe is now a Helper.")
        status = page.locator("#prog-record [data-status]")
        expect(status).to_have_attribute("data-status", "approved")
        expect(page.locator("#prog-record .history")).to_contain_text("Excellent reviews")
        record = rest(base, "GET", "/programme/helpers/m-chloe", token=token)
        assert record["status"] == "approved" and record["helper_since"]
        assert record["history"][-1]["reason"] == "Excellent reviews, French speaker"
        assert rest(base, "GET", "/members/m-chloe/badge")["helper"] is True
        assert record["transcript_access"] is False

        # Transcript access: granted to the new Helper with the keyboard, audited, withdrawn.
        access, toggle = page.locator("#prog-transcripts"), page.locator("#prog-transcripts-toggle")
        expect(access).to_have_attribute("data-state", "off")
        expect(toggle).to_have_text("Grant transcript access")
        toggle.focus()
        page.keyboard.press("Enter")
        expect(page.locator("#prog-notice")).to_have_text("m-chloe may now read transcripts.")
        expect(access).to_have_attribute("data-state", "on")
        expect(toggle).to_have_text("Withdraw transcript access")
        expect(toggle).to_be_focused()
        assert rest(base, "GET", "/programme/helpers/m-chloe", token=token)["transcript_access"]
        page.screenshot(path=SHOTS / "staff-programme-desktop.png", full_page=True)
        toggle.click()
        expect(access).to_have_attribute("data-state", "off")
        assert not rest(base, "GET", "/programme/helpers/m-chloe", token=token)["transcript_access"]
        changes = [(e["actor"], e["action"], e["subject"]) for e in rest(
            base, "GET", "/audit?limit=20", token=token)["entries"]
            if e["action"].startswith("programme.transcript_access")]
        assert changes == [("s-1", "programme.transcript_access.withdraw", "m-chloe"),
                           ("s-1", "programme.transcript_access.grant", "m-chloe")]

        # A transcript read (audited), captured as a draft article, edited, published.
        go(page, "oversight")
        conversation = page.locator(
            f'#conversation-list tr[data-conversation="{DEMO_CONVERSATION}"]')
        conversation.get_by_role("button", name="Open").click()
        expect(page.locator("#transcript-meta")).to_contain_text(DEMO_CONVERSATION, timeout=WAIT_MS)
        page.screenshot(path=SHOTS / "staff-oversight-desktop.png", full_page=True)
        page.locator("#capture").click()
        expect(page.locator("#kb-notice")).to_contain_text(
            f"Draft captured from {DEMO_CONVERSATION}")
        editor = page.locator("#kb-editor")
        expect(editor).to_have_attribute("data-status", "draft")
        article_id = editor.get_attribute("data-article")
        page.locator("#kb-question").fill("Comment annuler une réservation pour samedi ?")
        page.locator("#kb-save").click()
        expect(page.locator("#kb-notice")).to_have_text("Saved.")
        page.locator("#kb-publish").click()
        expect(page.locator("#kb-notice")).to_contain_text("Published")
        expect(editor).to_have_attribute("data-status", "published")
        article = rest(base, "GET", f"/kb/articles/{article_id}", token=token)
        assert article["status"] == "published"
        assert article["source_conversation_id"] == DEMO_CONVERSATION
        assert article["question"] == "Comment annuler une réservation pour samedi ?"
        page.screenshot(path=SHOTS / "staff-knowledge-desktop.png", full_page=True)

        # The audit log holds the transcript read, found with the server-side filter.
        go(page, "audit")
        page.locator("#audit-action").fill("conversation.transcript")
        page.locator("#audit-form").get_by_role("button", name="Refresh").click()
        entry = page.locator('#audit-list tr[data-action="conversation.transcript"]')
        expect(entry.first).to_contain_text(DEMO_CONVERSATION, timeout=WAIT_MS)
        page.screenshot(path=SHOTS / "staff-audit-desktop.png", full_page=True)
    finally:
        context.close()


def test_insights_show_the_api_figures_formatted_and_translated_and_plan_capacity(
    browser: Browser, stack: dict[str, str]  # noqa: F811
) -> None:
    base = stack["rest"]
    token = dev_token(base, "s-1", STAFF)
    context, page = staff_page(browser, stack, WIDE, "insights")
    try:
        bars = page.locator("#chart-pickup g.bar")
        expect(bars.first).to_be_visible(timeout=WAIT_MS)
        summary = rest(base, "GET", "/metrics/summary?window=24h", token=token)
        histogram = summary["pickup"]["histogram"]
        expect(bars).to_have_count(len(histogram))
        for bar, bucket in zip(bars.all(), histogram, strict=True):
            assert int(bar.get_attribute("data-value")) == bucket["count"]
        expect(page.locator("#chart-pickup g.target")).to_have_count(2)
        volumes = [b["requests"] for b in summary["volumes"]["buckets"]]
        shown = [int(v) for v in page.locator("#chart-volumes g.bar").evaluate_all(
            "els => els.map(e => e.dataset.value)")]
        assert shown == volumes
        share = summary["pickup"]["share_under_10s"]
        figure = page.locator('[data-figure="pickup_10s"] strong')
        expect(figure).to_have_text(f"{share * 100:.1f}%".replace(".0%", "%"))
        expect(page.locator("#rising tr[data-topic=payment]")).to_be_visible()
        # Rising claim problems carry the catalogue's label, not their code.
        labels = {p["id"]: p["label"] for p in rest(
            base, "GET", "/claims/catalog?lang=en", token=token)["problems"]}
        claims = [r for r in summary["rising_topics"] if r["source"] != "chat"]
        assert claims, "the demo data has rising claim problems"
        for r in claims:
            row = page.locator(
                f'#rising tr[data-topic="{r["topic"]}"][data-source="{r["source"]}"]')
            expect(row.locator("td").first).to_have_text(labels[r["topic"]])
        page.screenshot(path=SHOTS / "staff-insights-desktop.png", full_page=True)

        # French: labels translated, numbers in the French way (comma, narrow space, %).
        page.get_by_role("button", name="FR", exact=True).click()
        expect(page.locator('[data-figure="pickup_10s"] span')).to_have_text(
            "Prises en charge en 10 s")
        expect(figure).to_have_text(re.compile(r"^\d+(,\d)?[\u00a0\u202f]%$"))
        expect(page.locator("#insights-window")).to_contain_text("Du ")

        # The capacity planner answers what the API answers.
        page.locator("#cap-arrivals").fill("130")
        page.locator("#cap-minutes").fill("7")
        page.locator("#capacity-form").get_by_role("button", name="Calculer").click()
        plan = rest(base, "GET", "/metrics/capacity?arrivals_per_hour=130&mean_minutes=7&capacity=1"
                    "&target_seconds=10&target_share=0.95", token=token)
        answer = page.locator("#capacity-result .capacity-answer")
        expect(answer).to_have_attribute("data-helpers", str(plan["helpers_needed"]))
        expect(answer).to_contain_text(f"{plan['helpers_needed']} Helpers en ligne")
    finally:
        context.close()


def test_every_staff_screen_fits_a_phone(browser: Browser, stack: dict[str, str]) -> None:  # noqa: F811
    context, page = staff_page(browser, stack, PHONE_WIDTH, "oversight")
    try:
        for screen in SCREENS:
            go(page, screen)
            if screen == "insights":
                expect(page.locator("#chart-pickup g.bar").first).to_be_visible(timeout=WAIT_MS)
            if screen == "programme":
                expect(page.locator("#prog-list table, #prog-list p").first).to_be_visible()
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= PHONE_WIDTH["width"], (screen, width)
            page.screenshot(path=SHOTS / f"staff-{screen}-phone.png", full_page=True)
    finally:
        context.close()
