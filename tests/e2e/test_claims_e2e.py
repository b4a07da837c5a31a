"""Claims through the local stack, with real sockets: the passenger files "driver did not show
up" on bk-1; the driver confirms in the app (online) or with the SMS code link (offline); the
state machine runs in the emulator; the refund event reaches a queue subscribed to the topic.

Both tests file on bk-1 (one open claim per booking and problem), so they run in one worker,
in order, and each leaves its claim closed."""

from __future__ import annotations

import asyncio
import json
import re
import time
import urllib.request
import uuid
from typing import Any

import boto3
import pytest

from devstack.claims_local import TopicReader
from tests.support.claims_aws import NO_SHOW
from tests.support.client import HttpError, Peer, dev_token, rest

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("claims-e2e")]

BOB_PHONE = "+33612345602"
CODE = re.compile(r"\?code=([0-9A-Z]{8})")
LINK = re.compile(r"https?://\S+\?code=[0-9A-Z]{8}")


def confirm_in_browser(link: str) -> None:
    """Open the SMS link in Chromium, confirm, and check that the link then stops working."""
    from playwright.sync_api import expect, sync_playwright

    from tests.e2e.test_web_clients import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_context(locale="fr-FR").new_page()
            page.goto(link)
            expect(page.locator("#question")).to_contain_text("Alice", timeout=20_000)
            page.locator("#comment").fill("Désolé, panne de réveil.")
            page.locator("#confirm").click()
            expect(page.locator("#result")).to_contain_text("réponse est enregistrée",
                                                            timeout=20_000)
            page.goto("about:blank")
            page.goto(link)
            expect(page.locator("#result")).to_contain_text("plus valable", timeout=20_000)
        finally:
            browser.close()


def emulator(urls: dict[str, str], service: str) -> Any:
    """A boto3 client of the stack's moto server."""
    return boto3.client(service, endpoint_url=urls["moto"], region_name="eu-west-3")


def topic_reader(urls: dict[str, str]) -> TopicReader:
    """A queue subscribed to the stack's marketplace topic, as the marketplace would."""
    stack = emulator(urls, "cloudformation").describe_stacks(StackName="entraide-local")
    outputs = {o["OutputKey"]: o["OutputValue"] for o in stack["Stacks"][0]["Outputs"]}
    return TopicReader(outputs["TopicMarketplaceArn"], f"e2e-events-{uuid.uuid4().hex[:8]}",
                       sqs=emulator(urls, "sqs"), sns=emulator(urls, "sns"))


def sms_to(urls: dict[str, str], phone: str) -> list[str]:
    """Texts of the SMS the emulator's SNS sent to a number (moto's model data endpoint)."""
    with urllib.request.urlopen(f"{urls['moto']}/moto-api/data.json", timeout=30) as reply:
        data = json.loads(reply.read())
    return [m["message"] for m in data.get("sns", {}).get("SMS", [])
            if m.get("phone_number") == phone]


def wait_for(check: Any, timeout: float = 30.0, what: str = "") -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def file_no_show(urls: dict[str, str], token: str) -> str:
    try:
        body = rest(urls["rest"], "POST", "/claims", {
            "booking_id": "bk-1", "problem": "driver_no_show", "answers": NO_SHOW,
        }, token, {"Idempotency-Key": uuid.uuid4().hex})
    except HttpError as e:
        raise AssertionError(f"filing on bk-1 failed (an earlier claim still open?): {e}") from e
    assert body["status"] == "awaiting_counterpart"
    return body["claim_id"]


def closed(urls: dict[str, str], token: str, claim_id: str) -> dict[str, Any]:
    return wait_for(lambda: (c := rest(urls["rest"], "GET", f"/claims/{claim_id}", None, token))
                    ["status"] == "closed" and c, what="the claim to close")


def test_driver_online_confirms_in_the_app_and_the_refund_is_published(devstack):
    events = topic_reader(devstack)

    async def scenario() -> str:
        alice = await Peer.open(devstack, "m-alice", ["member"])
        bob = await Peer.open(devstack, "m-bob", ["member"])
        try:
            claim_id = await asyncio.to_thread(file_no_show, devstack, alice.token)
            asked = await bob.next_event("claim.confirmation_requested", timeout=30,
                                         claim_id=claim_id)
            assert asked["problem"] == "driver_no_show" and asked["expires_at"]
            answer = await asyncio.to_thread(
                rest, devstack["rest"], "POST", f"/claims/{claim_id}/response",
                {"confirm": True}, bob.token)
            assert answer["claim_id"] == claim_id
            for peer in (alice, bob):
                await peer.next_event("claim.updated", timeout=30, claim_id=claim_id,
                                      status="settled")
            return claim_id
        finally:
            await alice.close()
            await bob.close()

    claim_id = asyncio.run(scenario())
    refund = wait_for(lambda: next((e for e in events.for_claim(claim_id)
                                    if e["type"] == "refund"), None), what="the refund event")
    assert (refund["member_id"], refund["amount_cents"]) == ("m-alice", 2800)
    token = dev_token(devstack["rest"], "m-alice", ["member"])
    claim = closed(devstack, token, claim_id)
    assert claim["resolution"] == "refund_full"
    # Online at every step: the driver got no SMS about this claim (in-app first).
    assert not [t for t in sms_to(devstack, BOB_PHONE)
                if claim_id in t or claim_id[-6:].upper() in t]


def test_driver_offline_gets_an_sms_whose_code_link_works_once(devstack):
    events = topic_reader(devstack)
    alice_token = dev_token(devstack["rest"], "m-alice", ["member"])
    claim_id = file_no_show(devstack, alice_token)

    text = wait_for(lambda: next((t for t in sms_to(devstack, BOB_PHONE) if claim_id in t),
                                 None), what="the SMS to the driver")
    code = CODE.search(text).group(1)
    link = LINK.search(text).group(0)
    assert link.endswith(f"{claim_id}?code={code}")
    # The driver opens the SMS link in a browser: the page shows the question, no sign-in.
    confirm_in_browser(link)
    path = f"/claims/{claim_id}/response?code={code}"
    with pytest.raises(HttpError) as again:
        rest(devstack["rest"], "POST", path, {"confirm": True})
    assert (again.value.status, again.value.body["code"]) == (403, "invalid_code")

    refund = wait_for(lambda: next((e for e in events.for_claim(claim_id)
                                    if e["type"] == "refund"), None), what="the refund event")
    assert refund["amount_cents"] == 2800
    claim = closed(devstack, alice_token, claim_id)
    confirmed = next(e for e in claim["timeline"] if e["event"] == "counterpart_confirmed")
    assert confirmed["via"] == "code"
    # Both parties were offline at settlement: each gets the short settlement SMS.
    wait_for(lambda: len([t for t in sms_to(devstack, BOB_PHONE) if claim_id[-6:].upper() in t]),
             what="the settlement SMS")
