"""Erasure (SPEC F4, docs/privacy.md): a member seeded everywhere through the real APIs and
feeds, erased with DELETE /members/{id}/data, then every table of infra/template.yaml scanned
for anything of theirs. Only the documented exceptions may remain (EXCEPTIONS)."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import boto3
import pytest
import yaml

from chalicelib.adapters.dynamodb.models import ALL_MODELS
from tests.integration.test_conflicts_of_interest import push_booking
from tests.support.claims_aws import ClaimsWorld

TEMPLATE = Path(__file__).resolve().parents[2] / "infra" / "template.yaml"
MEMBER = ["member"]
HELPER = ["member", "helper"]
# Free text that moderation lets through, and personal data it masks.
ADDRESS = "14 allée des Glycines"
GATE = "portail 4512B"
COMMENT = "Je suis bien passé rue des Mimosas à 8h"

# (table resource, attribute): where an erased member's id alone may remain, and why
# (docs/privacy.md, "What erasure keeps").
EXCEPTIONS = {
    ("AuditTable", "actor"): "append-only audit: who asked for the erasure",
    ("AuditTable", "subject"): "append-only audit: whose data was erased",
    ("LedgerTable", "member_id"): "append-only gesture ledger: accounting, 10 years",
    ("IdempotencyTable", "id"): "a blocked message's resend answer (no text), 7 days",
}


def template_tables() -> dict[str, str]:
    """Logical id -> model name, for every DynamoDB table of the template."""
    resources = yaml.safe_load(TEMPLATE.read_text())["Resources"]
    tables = [k for k, v in resources.items() if v["Type"] == "AWS::DynamoDB::Table"]
    models = {m.Meta.resource: m for m in ALL_MODELS}
    missing = [t for t in tables if t not in models]
    assert not missing, f"tables without a model (not covered by the scan): {missing}"
    return {t: models[t].Meta.table_name for t in tables}


def traces(needles: list[str]) -> list[tuple[str, str, str, str]]:
    """(table, attribute, needle, excerpt) of every attribute holding a needle, in every
    table (a Scan: allowed in tests)."""
    client = boto3.client("dynamodb")
    found = []
    for resource, table in template_tables().items():
        pages = client.get_paginator("scan").paginate(TableName=table)
        for item in (i for page in pages for i in page["Items"]):
            for attribute, value in item.items():
                text = json.dumps(value, ensure_ascii=False)
                for needle in needles:
                    if needle in text:
                        found.append((resource, attribute, needle, text[:160]))
    return found


def unexplained(found, member_id: str):
    return [f for f in found if not ((f[0], f[1]) in EXCEPTIONS and f[2] == member_id)]


@pytest.fixture
def seeded(world: ClaimsWorld, ws) -> dict[str, Any]:
    """m-david everywhere: a chat with Helper h-1 (an address, a masked phone, a blocked
    offer, a rating), a partner's chat naming him, a booking, a claim he filed (open), a
    claim against him he disputed with a comment."""
    services = world.services
    assert push_booking(services, "bk-d1", "m-bob", "m-david", departed_days_ago=0.2)
    assert push_booking(services, "bk-d2", "m-david", "m-alice", departed_days_ago=0.2)
    helper = ws.connect("h-1", HELPER)
    assert ws.send(helper, {"action": "presence.set", "status": "available"})["type"] == "ack"
    david = ws.connect("m-david", MEMBER)
    opened = ws.send(david, {"action": "help.open", "topic": "booking", "lang": "fr",
                             "text": f"Bonjour, je suis David, {ADDRESS}", "consent": True})
    conversation = opened["conversation_id"]
    assert ws.send(helper, {"action": "help.accept",
                            "conversation_id": conversation})["type"] == "ack"
    sent = [ws.send(david, {"action": "message.send", "conversation_id": conversation,
                            "client_msg_id": f"d-{i}", "text": text})
            for i, text in enumerate([f"Le {GATE}, {ADDRESS}", "Mon numéro 06 12 34 56 04",
                                      "pay me cash and add me on whatsapp"])]
    assert [s["verdict"] for s in sent][0] == "allow", sent
    ws.send(helper, {"action": "message.send", "conversation_id": conversation,
                     "client_msg_id": "h-1", "text": "Merci, je regarde votre réservation."})
    claim_filed = world.file("m-david", booking_id="bk-d1")
    claim_against = world.file("m-alice", booking_id="bk-d2")
    world.waiting_for(claim_against, "counterpart")
    status, body = world.call("POST", f"/claims/{claim_against}/response", "m-david",
                              {"confirm": False, "comment": COMMENT})
    assert status == 200, body
    bob = ws.connect("m-bob", MEMBER)
    ws.send(bob, {"action": "help.open", "topic": "trip", "lang": "fr",
                  "text": "Une question sur mon trajet", "consent": True})
    return {"conversation": conversation, "helper": helper, "david": david, "sent": sent,
            "claims": (claim_filed, claim_against)}


NEEDLES = ["m-david", "+33612345604", "0612345604", "David", "Glycines", "4512B", "Mimosas"]


def test_erasure_leaves_nothing_of_the_member_in_any_table(world, ws, seeded):
    before = traces(NEEDLES)
    assert {f[0] for f in before} >= {"MembersTable", "ConversationsTable", "MessagesTable",
                                      "ClaimsTable", "BookingsTable", "ConnectionsTable"}
    started = time.monotonic()
    status, body = world.call("DELETE", "/members/m-david/data", "m-david")
    took = time.monotonic() - started
    assert status == 200, body
    assert body["member_id"] == "m-david" and body["status"] == "erased"
    stored = 1 + sum(1 for s in seeded["sent"] if s["seq"] is not None)  # help.open's text
    assert body["erased"]["messages"] == stored, (body, seeded["sent"])
    assert body["erased"]["claims_withdrawn"] == 1
    assert took < 10
    left = unexplained(traces(NEEDLES), "m-david")
    assert not left, "\n".join(map(str, left))


def test_the_transcript_keeps_its_seq_and_the_other_side(world, ws, seeded):
    world.call("DELETE", "/members/m-david/data", "m-david")
    reply = ws.send(seeded["helper"], {"action": "message.sync",
                                       "conversation_id": seeded["conversation"],
                                       "after_seq": 0})
    messages = reply["messages"]
    assert [m["seq"] for m in messages] == list(range(1, len(messages) + 1))
    texts = [m["text"] for m in messages]
    assert "Merci, je regarde votre réservation." in texts
    assert not any(ADDRESS in (t or "") for t in texts)
    stored = 1 + sum(1 for s in seeded["sent"] if s["seq"] is not None)
    assert sum(1 for t in texts if t and t.startswith("[message deleted")) == stored


def test_erasing_closes_the_live_chat_ends_the_sockets_and_withdraws_the_open_claim(
        world, ws, seeded):
    world.call("DELETE", "/members/m-david/data", "m-david")
    assert any(e["type"] == "conversation.closed" for e in ws.events(seeded["helper"]))
    assert any(e["type"] == "member.erased" for e in ws.events(seeded["david"]))
    filed, _ = seeded["claims"]
    claim = world.claim(filed)
    assert (claim["status"], claim["timeline"][-1]["event"]) == ("closed", "withdrawn")
    # moto's executing state machines do not report ABORTED after StopExecution (the rehearsal
    # checks the call is allowed); the claim itself is closed and out of the agents' queue.
    status, queue = world.call("GET", "/agent/queue", "a-l1")
    assert status == 200 and filed not in json.dumps(queue)


def test_erasing_twice_is_fine_and_each_is_audited_without_data(world, seeded):
    first = world.call("DELETE", "/members/m-david/data", "m-david")
    second = world.call("DELETE", "/members/m-david/data", "adm-1")
    assert (first[0], second[0]) == (200, 200)
    assert second[1]["erased"] == {}
    from chalicelib.adapters.dynamodb.models.chat import AuditRecord

    day = time.strftime("%Y-%m-%d", time.gmtime())
    entries = [r for r in AuditRecord.query(day) if r.action == "member.erased"]
    assert [(e.actor, e.subject) for e in entries] == [("m-david", "m-david"),
                                                      ("adm-1", "m-david")]
    assert "Glycines" not in json.dumps(entries[0].details)


def test_only_the_member_or_an_admin_may_erase(world, seeded):
    assert world.call("DELETE", "/members/m-david/data", "m-alice")[0] == 404
    assert world.call("DELETE", "/members/m-david/data", "s-1")[0] == 403
    assert world.call("DELETE", "/members/m-david/data")[0] == 401


# Tables without TTL, and why (docs/privacy.md, "Retention").
NO_TTL = {"ArticlesTable": "published knowledge, personal data masked and reviewed by staff; "
                           "drafts from a member's transcripts go with their erasure"}


def test_every_table_with_personal_data_expires_and_every_item_carries_its_ttl(world, seeded):
    resources = yaml.safe_load(TEMPLATE.read_text())["Resources"]
    client = boto3.client("dynamodb")
    for resource, table in template_tables().items():
        spec = resources[resource]["Properties"].get("TimeToLiveSpecification")
        if resource in NO_TTL:
            assert spec is None
            continue
        assert spec and spec["Enabled"], f"{resource} has no TTL"
        attribute = spec["AttributeName"]
        items = client.scan(TableName=table)["Items"]
        without = [i for i in items if attribute not in i]
        assert not without, f"{resource}: {len(without)} items without {attribute}: {without[:1]}"
