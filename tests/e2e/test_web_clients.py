"""The web clients (web/) in Debian's Chromium against the local stack: a member and a Helper
chat end to end, staff read the transcript, the UI switches language, and the member widget
recovers what it missed while its socket was down."""

from __future__ import annotations

import json
import os
import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright

pytestmark = [pytest.mark.e2e, pytest.mark.browser]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE_WIDTH = {"width": 390, "height": 844}
DESKTOP = {"width": 1200, "height": 900}
WAIT_MS = 10_000


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is missing: `make browser` (or apt-get install chromium)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    """Where screenshots go: $WEB_SCREENSHOTS when set (to look at them), else a tmp dir."""
    folder = Path(os.environ.get("WEB_SCREENSHOTS") or tmp_path / "shots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def contexts(browser: Browser) -> Iterator[list[BrowserContext]]:
    opened: list[BrowserContext] = []
    yield opened
    for context in opened:
        context.close()


def route_exists(
    devstack: dict[str, str],
    path: str,
    member_id: str,
    roles: tuple[str, ...] = ("member",),
    body: dict | None = None,
) -> bool:
    """Whether an optional route is deployed (other parts of the backend come and go)."""
    rest = devstack["rest"]
    headers = {"Content-Type": "application/json"}
    asked = json.dumps({"member_id": member_id, "roles": list(roles)}).encode()
    request = urllib.request.Request(f"{rest}/dev/token", asked, headers)
    token = json.load(urllib.request.urlopen(request, timeout=5))["token"]
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(
        rest + path, data, {**headers, "Authorization": f"Bearer {token}"}
    )
    try:
        urllib.request.urlopen(request, timeout=5).read()
    except urllib.error.HTTPError as e:
        answer = json.loads(e.read() or b"{}")
        return e.code != 404 and "code" in answer
    return True


def open_client(
    browser: Browser,
    contexts: list[BrowserContext],
    web: str,
    page_name: str,
    who: str | None,
    viewport: dict[str, int] = DESKTOP,
) -> Page:
    """A fresh browser context on one client page, signed in as a demo id, socket online."""
    context = browser.new_context(viewport=viewport, locale="en-GB")
    contexts.append(context)
    page = context.new_page()
    page.goto(f"{web}/{page_name}.html?lang=en")
    if who:
        page.select_option("#signin-as", who)
        expect(page.locator("#conn")).to_have_attribute("data-state", "online", timeout=WAIT_MS)
    return page


def helper_and_member(
    browser: Browser,
    contexts: list[BrowserContext],
    web: str,
    helper_id: str,
    member_id: str,
    member_viewport: dict[str, int] = DESKTOP,
) -> tuple[Page, Page]:
    """A Helper's console, set available, and a member's widget, both online."""
    helper = open_client(browser, contexts, web, "helper", helper_id)
    helper.locator("input[name=status][value=available]").check()
    expect(helper.locator("#presence-now")).to_have_attribute(
        "data-status", "available", timeout=WAIT_MS
    )
    return helper, open_client(browser, contexts, web, "member", member_id, member_viewport)


def open_request(member: Page, text: str, topic: str = "booking", lang: str = "fr") -> str:
    """Fill the widget, consent, open; returns the conversation's id."""
    member.select_option("#topic", topic)
    member.select_option("#conv-lang", lang)
    member.locator("#question").fill(text)
    expect(member.locator("#open-request")).to_be_disabled()  # no consent, no request
    member.locator("#consent").check()
    expect(member.locator("#open-request")).to_be_enabled()
    member.locator("#open-request").click()
    expect(member.locator("#conversation")).to_be_visible(timeout=WAIT_MS)
    return member.locator("#conversation").get_attribute("data-conversation")


def accept_offer(helper: Page, conversation_id: str) -> str:
    """The Helper accepts the offer of that conversation; returns its pane's selector."""
    offer = helper.locator(f'#offers li.offer[data-conversation="{conversation_id}"]')
    expect(offer).to_be_visible(timeout=WAIT_MS)
    offer.get_by_role("button", name="Accept").click()
    pane = f'article[data-conversation="{conversation_id}"]'
    expect(helper.locator(pane)).to_be_visible()
    return pane


def send(page: Page, scope: str, text: str) -> None:
    box = page.locator(f"{scope} .composer textarea")
    box.fill(text)
    box.press("Enter")


def message(page: Page, scope: str, text: str):
    return page.locator(f"{scope} li.msg", has_text=text)


def test_member_and_helper_chat_then_staff_read_the_transcript(
    browser: Browser, contexts: list[BrowserContext], devstack: dict[str, str], shots: Path
) -> None:
    web = devstack["web"]
    helper, member = helper_and_member(browser, contexts, web, "h-1", "m-alice", PHONE_WIDTH)

    # Knowledge-base suggestions show while the member types (the demo articles are seeded).
    member.select_option("#conv-lang", "fr")
    member.locator("#question").fill("Comment annuler ma réservation ?")
    assert route_exists(devstack, "/kb/suggest?q=annuler&lang=fr", "m-alice")
    expect(member.locator("#suggestions li").first).to_be_visible(timeout=WAIT_MS)
    member.screenshot(path=shots / "member-ask.png", full_page=True)
    conversation_id = open_request(member, "Comment annuler ma réservation de demain ?")
    expect(member.locator("#banner")).to_have_attribute(
        "data-state", re.compile("queued|assigned"), timeout=WAIT_MS
    )

    pane = accept_offer(helper, conversation_id)
    expect(message(helper, pane, "Comment annuler ma réservation de demain")).to_be_visible()
    expect(member.locator("#banner")).to_have_attribute("data-state", "assigned", timeout=WAIT_MS)
    expect(member.locator("#banner-text")).to_contain_text("Hélène")
    expect(member.locator("#banner-badge")).to_have_text("Helper")

    send(helper, pane, "Bonjour Alice, je regarde votre réservation.")
    expect(message(member, "#chat-slot", "je regarde votre réservation")).to_be_visible(
        timeout=WAIT_MS
    )
    send(member, "#chat-slot", "Merci ! Vous pouvez m'appeler au 06 12 34 56 78")
    own = member.locator("#chat-slot li.msg.own[data-seq]", has_text="Merci")
    expect(own).to_be_visible(timeout=WAIT_MS)
    relayed = helper.locator(f"{pane} li.msg[data-seq]", has_text="Merci")
    expect(relayed).to_be_visible(timeout=WAIT_MS)
    # What the member sees after the ack is what was stored and relayed: the number masked.
    expect(own).to_have_attribute("data-verdict", "mask")
    expect(relayed).to_have_attribute("data-verdict", "mask")
    masked = "Merci ! Vous pouvez m'appeler au [phone]"
    expect(own.locator(".text")).to_have_text(masked)
    expect(relayed.locator(".text")).to_have_text(masked)
    expect(own.locator(".verdict")).to_have_text("Personal data was masked")
    member.screenshot(path=shots / "member-chat.png", full_page=True)
    helper.screenshot(path=shots / "helper-chat.png", full_page=True)

    member.locator('#chat-slot [data-action="close"]').click()
    expect(member.locator("#rate-form")).to_be_visible(timeout=WAIT_MS)
    expect(helper.locator(pane).locator(".event-note", has_text="closed")).to_be_visible(
        timeout=WAIT_MS
    )
    member.locator("#rate-form label", has_text="5").click()
    member.locator("#rate-comment").fill("Très claire, merci")
    member.locator("#rate-form button[type=submit]").click()
    expect(member.locator("#rate-thanks")).to_have_text("Thank you for your feedback!")
    member.screenshot(path=shots / "member-rated.png", full_page=True)

    staff = open_client(browser, contexts, web, "staff", "s-1")
    row = staff.locator(f'#conversation-list tr[data-conversation="{conversation_id}"]')
    expect(row).to_be_visible(timeout=WAIT_MS)
    expect(row).to_contain_text("Closed")
    row.get_by_role("button", name="Open").click()
    expect(staff.locator("#transcript-meta")).to_contain_text(conversation_id)
    expect(staff.locator("#transcript-people")).to_contain_text("m-alice")
    expect(staff.locator("#transcript-people")).to_contain_text("h-1")
    expect(message(staff, "#transcript-chat", "je regarde votre réservation")).to_be_visible()
    expect(staff.locator("#transcript-chat li.msg[data-seq]")).to_have_count(3)
    expect(staff.locator("#join")).to_be_hidden()  # closed: nobody joins any more
    staff.screenshot(path=shots / "staff-transcript.png", full_page=True)


def test_language_switch_changes_the_ui_strings(
    browser: Browser, contexts: list[BrowserContext], devstack: dict[str, str], shots: Path
) -> None:
    member = open_client(browser, contexts, devstack["web"], "member", "m-chloe")
    title = member.locator("h1")
    expect(title).to_have_text("Need help? Our Helpers answer live")
    member.get_by_role("button", name="FR", exact=True).click()
    expect(title).to_have_text("Besoin d'aide ? Nos Helpers répondent en direct")
    expect(member.locator("html")).to_have_attribute("lang", "fr")
    expect(member.locator("#open-request")).to_have_text("Demander à un Helper")
    expect(member.locator("#disclaimer")).to_contain_text("membres bénévoles")
    expect(member.locator("#conn")).to_have_text("Connecté")
    expect(member.locator("#topic option[value=account]")).to_have_text("Mon compte")
    member.screenshot(path=shots / "member-fr.png", full_page=True)
    member.get_by_role("button", name="EN", exact=True).click()
    expect(title).to_have_text("Need help? Our Helpers answer live")
    expect(member.locator("#disclaimer")).to_contain_text("volunteer members")

    staff = open_client(browser, contexts, devstack["web"], "staff", "a-l1")
    staff.get_by_role("button", name="FR", exact=True).click()
    expect(staff.locator("h1")).to_have_text("Console équipe")
    expect(staff.locator("#queue-refresh")).to_have_text("Actualiser")


def test_member_widget_recovers_messages_missed_while_offline(
    browser: Browser, contexts: list[BrowserContext], devstack: dict[str, str], shots: Path
) -> None:
    web = devstack["web"]
    helper, member = helper_and_member(browser, contexts, web, "h-2", "m-bob")
    conversation_id = open_request(member, "Where is my refund?", topic="trip", lang="en")
    pane = accept_offer(helper, conversation_id)
    send(helper, pane, "Hello Bob, let me check.")
    expect(message(member, "#chat-slot", "let me check")).to_be_visible(timeout=WAIT_MS)

    # The network goes: the socket drops and new tickets cannot be had for a while.
    member.route("**/ws/ticket", lambda route: route.abort())
    member.evaluate("window.entraide.socket.ws.close()")
    expect(member.locator("#conn")).not_to_have_attribute("data-state", "online")
    send(helper, pane, "Missed one: refunds take 5 days.")
    send(helper, pane, "Missed two: you will get an e-mail.")
    expect(message(helper, pane, "Missed two")).to_have_attribute("data-seq", re.compile(r"\d+"))
    send(member, "#chat-slot", "Written while offline")
    expect(message(member, "#chat-slot", "Written while offline")).to_have_class(
        re.compile("pending")
    )

    # The network is back (the browser says so): a new ticket, message.sync after the last seq,
    # then the message written offline goes out with its client_msg_id.
    member.unroute("**/ws/ticket")
    member.evaluate("window.dispatchEvent(new Event('online'))")
    expect(member.locator("#conn")).to_have_attribute("data-state", "online", timeout=WAIT_MS)
    expect(message(member, "#chat-slot", "Missed one")).to_be_visible(timeout=WAIT_MS)
    expect(message(member, "#chat-slot", "Missed two")).to_be_visible()
    expect(member.locator("#chat-slot .event-note", has_text="recovered")).to_be_visible()
    expect(message(helper, pane, "Written while offline")).to_be_visible(timeout=WAIT_MS)
    seqs = [
        int(s)
        for s in member.locator("#chat-slot li.msg[data-seq]").evaluate_all(
            "items => items.map(li => li.dataset.seq)"
        )
    ]
    assert seqs == sorted(seqs) == list(range(1, len(seqs) + 1)) and len(seqs) == 5
    member.screenshot(path=shots / "member-resynced.png", full_page=True)


def test_staff_take_a_sensitive_request_from_the_queue_and_answer_as_the_company(
    browser: Browser, contexts: list[BrowserContext], devstack: dict[str, str], shots: Path
) -> None:
    web = devstack["web"]
    member = open_client(browser, contexts, web, "member", "m-david")
    conversation_id = open_request(
        member, "Someone was aggressive during my trip", topic="safety", lang="en"
    )
    # A sensitive topic goes straight to Member Relations, with a due time the member sees.
    expect(member.locator("#banner")).to_have_attribute("data-state", "escalated", timeout=WAIT_MS)
    expect(member.locator("#banner-text")).to_contain_text("Member Relations")

    staff = open_client(browser, contexts, web, "staff", "a-l2")
    queued = staff.locator(f'#queue tr[data-conversation="{conversation_id}"]')
    expect(queued).to_contain_text("Safety", timeout=WAIT_MS)
    queued.get_by_role("button", name="Open").click()
    expect(message(staff, "#transcript-chat", "aggressive")).to_be_visible(timeout=WAIT_MS)
    staff.locator("#join").click()
    expect(staff.locator("#transcript-notice")).to_contain_text("You joined")
    # Joined, the agent has the copilot: suggested articles and canned answers in English.
    copilot = staff.locator("#transcript-chat .copilot")
    expect(copilot).to_be_visible()
    expect(copilot.locator(".canned button")).to_have_count(4)
    copilot.get_by_role("button", name="Greeting").click()
    expect(staff.locator("#transcript-chat .composer textarea")).to_have_value(
        re.compile("Could you give me your booking reference")
    )
    send(staff, "#transcript-chat", "Hello David, this is Member Relations. Are you safe now?")
    expect(member.locator("#chat-slot .event-note", has_text="Entraide team")).to_be_visible(
        timeout=WAIT_MS
    )
    answer = message(member, "#chat-slot", "Are you safe now?")
    expect(answer).to_be_visible(timeout=WAIT_MS)
    expect(answer).to_have_class(re.compile("staff"))
    expect(answer.locator(".meta")).to_contain_text("Entraide team")
    staff.screenshot(path=shots / "staff-joined.png", full_page=True)
    member.screenshot(path=shots / "member-escalated.png", full_page=True)


def answer_every_question(page: Page) -> None:
    """Answer the claim form's visible questions: the first option, yes, 15, a short text."""
    for _ in range(3):  # answers reveal conditional questions
        for field in page.locator("#claim-fields select:visible").all():
            if not field.input_value():
                field.select_option(index=1)
        for field in page.locator("#claim-fields input:visible").all():
            if not field.input_value():
                field.fill("15")
        for field in page.locator("#claim-fields textarea:visible").all():
            if not field.input_value():
                field.fill("Nobody came.")


def test_claims_panel_files_a_claim_and_the_other_party_answers_in_app(
    browser: Browser, contexts: list[BrowserContext], devstack: dict[str, str], shots: Path
) -> None:
    assert route_exists(devstack, "/claims/catalog?lang=en", "m-bob")
    web = devstack["web"]
    alice = open_client(browser, contexts, web, "member", "m-alice")  # passenger of bk-1
    bob = open_client(browser, contexts, web, "member", "m-bob")  # its driver
    expect(bob.locator("#claim-form")).to_be_visible(timeout=WAIT_MS)
    bob.locator("#claim-booking").fill("bk-1")
    bob.select_option("#claim-problem", "passenger_no_show")
    answer_every_question(bob)
    # Bob's list may already hold claims about him (the stack is shared by the session: another
    # test has m-alice file on bk-1 too), so his claim is the one the filing answered with.
    with bob.expect_response(
        lambda r: r.request.method == "POST" and r.url.split("?")[0].endswith("/claims")
    ) as filing:
        bob.locator("#claim-form button[type=submit]").click()
    assert filing.value.ok, filing.value.text()
    claim_id = filing.value.json()["claim_id"]
    claim = bob.locator(f'#my-claims li[data-claim="{claim_id}"]')
    expect(claim).to_contain_text("waiting for the other party", timeout=WAIT_MS)

    # The question box (the member's own list of claims carries data-claim too).
    asked = alice.locator(f'#claims .disclaimer[data-claim="{claim_id}"]')
    expect(asked).to_be_visible(timeout=WAIT_MS)
    alice.screenshot(path=shots / "member-claim-asked.png", full_page=True)
    asked.get_by_role("button", name="I confirm").click()
    expect(asked).to_contain_text("your answer was recorded", timeout=WAIT_MS)
    expect(claim).not_to_contain_text("waiting for the other party", timeout=WAIT_MS)
    bob.screenshot(path=shots / "member-claim-settled.png", full_page=True)


def test_staff_moderation_dry_run_and_review_queue_against_the_real_routes(
    browser: Browser, contexts: list[BrowserContext], devstack: dict[str, str], shots: Path
) -> None:
    web = devstack["web"]
    # A question proposing to move to WhatsApp is sent, and queued for the moderators.
    member = open_client(browser, contexts, web, "member", "m-chloe")
    conversation_id = open_request(member, "Ajoute-moi sur WhatsApp, ce sera plus simple")
    expect(member.locator("#chat-slot li.msg[data-seq='1']")).to_have_attribute(
        "data-verdict", "review", timeout=WAIT_MS
    )

    staff = open_client(browser, contexts, web, "staff", "s-1")
    expect(staff.locator("#moderation")).to_be_visible(timeout=WAIT_MS)
    staff.locator("#mod-text").fill("Call me on 06 12 34 56 78")
    staff.select_option("#mod-lang", "en")
    staff.get_by_role("button", name="Check", exact=True).click()
    verdict = staff.locator("#mod-result [data-verdict]")
    expect(verdict).to_have_attribute("data-verdict", "mask", timeout=WAIT_MS)
    expect(staff.locator("#mod-result")).to_contain_text("Call me on [phone]")
    expect(staff.locator("#mod-result")).to_contain_text("pii / pii.phone")
    expect(staff.locator("#mod-result")).not_to_contain_text("06 12 34 56 78")

    item = staff.locator(f'#mod-queue li[data-item="mq-{conversation_id}-1"]')
    expect(item).to_contain_text("m-chloe (member)", timeout=WAIT_MS)
    expect(item).to_contain_text("off_platform")
    staff.screenshot(path=shots / "staff-moderation.png", full_page=True)
    item.get_by_role("button", name="Restore", exact=True).click()
    expect(item).to_have_count(0, timeout=WAIT_MS)
    expect(staff.locator("#mod-queue-error")).to_be_empty()
    # The audit log has its own screen of the console since the rewrite (docs/web.md).
    staff.locator("#screens").get_by_role("link", name="Audit").click()
    entry = staff.locator(
        '#audit-list tr[data-action="moderation.restore"]', has_text=f"mq-{conversation_id}-1"
    )
    expect(entry).to_contain_text("s-1", timeout=WAIT_MS)
