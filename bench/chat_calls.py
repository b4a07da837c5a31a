"""AWS calls per chat operation, counted (not timed), and what they cost.

`python -m bench.chat_calls`. Runs the real handlers (WebSocket edge, chat service, DynamoDB
and SQS adapters, the real @connections sender) in-process on moto, counting every botocore
call by service and operation, with 10 and with 10,000 unrelated connections stored, to show
that nothing grows with the size of the tables. Then prices 1,000 conversations of 20 messages.
"""

from __future__ import annotations

import json
import os
import uuid
from collections import Counter
from contextlib import contextmanager
from typing import Any

os.environ.update(
    {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "eu-west-3",
        "AWS_REGION": "eu-west-3",
        "STAGE": "local",
        "JWT_SECRET": "bench-secret-bench-secret-bench-secret",
        "WS_MANAGEMENT_ENDPOINT": "https://bench.execute-api.eu-west-3.amazonaws.com/api",
        "POWERTOOLS_LOG_LEVEL": "ERROR",
    }
)
os.environ.pop("AWS_ENDPOINT_URL", None)

import boto3  # noqa: E402
import botocore.client  # noqa: E402
from moto import mock_aws  # noqa: E402

from bench.report import lambda_memory_gb, machine, write_section  # noqa: E402

# List prices, us-east-1, as published by AWS (checked 2026-11-22; re-check before quoting):
PRICES = {
    "dynamodb_write_unit": 0.625 / 1e6,  # on-demand, per write request unit (since Nov 2024)
    "dynamodb_read_unit": 0.125 / 1e6,  # on-demand, per read request unit
    "apigw_ws_message": 1.00 / 1e6,  # WebSocket messages (per 32 KB), first billion
    "apigw_ws_connection_minute": 0.25 / 1e6,
    "sqs_request": 0.40 / 1e6,  # standard queue, per request
    "lambda_request": 0.20 / 1e6,
    "lambda_gb_second": 0.0000166667,
}

_calls: Counter[str] = Counter()
_units: Counter[str] = Counter()


def _count(original):
    def counted(self, operation_name, api_params):
        service = self.meta.service_model.service_name
        _calls[f"{service}.{operation_name}"] += 1
        if service == "dynamodb":
            _units.update(_request_units(operation_name, api_params))
        return original(self, operation_name, api_params)

    return counted


def _request_units(operation: str, params: dict[str, Any]) -> dict[str, float]:
    """Request units of one call, assuming items under 1 KB (writes) and 4 KB (reads)."""
    if operation == "TransactWriteItems":
        return {"write": 2.0 * len(params["TransactItems"])}
    if operation in ("PutItem", "UpdateItem", "DeleteItem"):
        return {"write": 1.0}
    if operation == "GetItem":
        return {"read": 1.0 if params.get("ConsistentRead") else 0.5}
    if operation == "BatchGetItem":
        keys = sum(len(t["Keys"]) for t in params["RequestItems"].values())
        return {"read": 0.5 * keys}
    if operation == "Query":
        return {"read": 1.0 if params.get("ConsistentRead") else 0.5}
    return {}


@contextmanager
def counting():
    """Count the calls made inside the block."""
    _calls.clear()
    _units.clear()
    yield _calls


def event(route: str, connection_id: str, body: Any = None, query: dict | None = None):
    """An API Gateway WebSocket event."""
    from devstack.lambda_runtime import websocket_event

    raw = None if body is None else json.dumps(body)
    return websocket_event(route, connection_id, "bench.execute-api", raw, query)


class World:
    """Members, Helpers and staff connected through the real $connect handler."""

    def __init__(self, root: Any) -> None:
        self.root = root

    def connect(self, member_id: str, roles: list[str], tier: str | None = None) -> str:
        from chalicelib.domain.identity import Principal

        ticket = self.root.sessions.issue_ticket(Principal(member_id, frozenset(roles), tier))
        cid = f"{member_id}-{uuid.uuid4().hex[:6]}"
        query = {"ticket": ticket["ticket"]}
        reply = self.root.websocket.connect(event("$connect", cid, query=query))
        assert reply["statusCode"] == 200
        return cid

    def send(self, cid: str, frame: dict[str, Any]) -> None:
        self.root.websocket.message(event("$default", cid, frame))


def scenario(stored_connections: int) -> dict[str, dict[str, int]]:
    """Counts per operation with that many unrelated connections stored."""
    from chalicelib import composition
    from chalicelib.adapters.dynamodb.models.chat import ConversationRecord
    from chalicelib.adapters.dynamodb.models.sessions import ConnectionRecord
    from devstack.seed import seed_members
    from devstack.tables import create_tables

    results: dict[str, dict[str, int]] = {}
    with mock_aws():
        suffix = uuid.uuid4().hex[:6]
        os.environ["QUEUE_ROUTING_URL"] = boto3.client("sqs").create_queue(
            QueueName=f"routing-{suffix}"
        )["QueueUrl"]
        composition.reset()
        root = composition.services()
        create_tables(root.settings)
        seed_members(root)
        with ConnectionRecord.batch_write() as batch:
            for i in range(stored_connections):
                batch.save(ConnectionRecord(f"other-{i}", member_id=f"m-other-{i % 997}",
                                            roles=["member"], connected_at=0.0,
                                            endpoint="", expires_at=4_000_000_000))
        world = World(root)
        helpers = {h: world.connect(h, ["member", "helper"]) for h in ("h-1", "h-2", "h-5")}
        for cid in helpers.values():
            world.send(cid, {"action": "presence.set", "status": "available"})
        member = world.connect("m-alice", ["member"])
        second_device = world.connect("m-alice", ["member"])
        with counting() as calls:
            world.send(member, {"action": "help.open", "topic": "booking", "lang": "fr",
                                "text": "Bonjour", "consent": True})
        results["help.open (offer to 3 Helpers)"] = dict(calls), dict(_units)
        conversation = next(iter(ConversationRecord.by_member.query("m-alice")))
        conversation_id = conversation.conversation_id
        with counting() as calls:
            world.send(helpers["h-1"], {"action": "help.accept",
                                        "conversation_id": conversation_id})
        results["help.accept (2 losers told)"] = dict(calls), dict(_units)
        with counting() as calls:
            world.send(member, {"action": "message.send", "conversation_id": conversation_id,
                                "client_msg_id": "b1", "text": "Mon trajet de demain"})
        results["message.send to 2 recipients"] = dict(calls), dict(_units)
        world.connect("h-1", ["member", "helper"])
        for staff, roles in (("a-l1", ["agent"]), ("s-1", ["agent", "supervisor"])):
            cid = world.connect(staff, roles)
            world.send(cid, {"action": "conversation.join", "conversation_id": conversation_id})
        with counting() as calls:
            world.send(member, {"action": "message.send", "conversation_id": conversation_id,
                                "client_msg_id": "b2", "text": "Vous êtes là ?"})
        results["message.send to 5 recipients"] = dict(calls), dict(_units)
        with counting() as calls:
            world.send(second_device, {"action": "message.sync",
                                       "conversation_id": conversation_id, "after_seq": 0})
        results["message.sync"] = dict(calls), dict(_units)
        with counting() as calls:
            world.send(member, {"action": "conversation.close",
                                "conversation_id": conversation_id})
        results["conversation.close"] = dict(calls), dict(_units)
        composition.reset()
    return results


def describe(calls: dict[str, int]) -> str:
    return ", ".join(f"{op.split('.', 1)[1]} ×{n}" for op, n in sorted(calls.items()))


def cost_per_thousand(per_op: dict[str, tuple[dict, dict]]) -> tuple[list[str], float]:
    """Price 1,000 conversations of 20 messages (1 open, 1 accept, 19 sends, close)."""
    mix = {
        "help.open (offer to 3 Helpers)": 1,
        "help.accept (2 losers told)": 1,
        "message.send to 2 recipients": 19,
        "conversation.close": 1,
    }
    totals: Counter[str] = Counter()
    for name, times in mix.items():
        calls, units = per_op[name]
        totals["write_units"] += units.get("write", 0) * times
        totals["read_units"] += units.get("read", 0) * times
        totals["ws_messages"] += calls.get("apigatewaymanagementapi.PostToConnection", 0) * times
        totals["ws_messages"] += times  # the frame the client sent in
        totals["sqs"] += sum(n for op, n in calls.items() if op.startswith("sqs.")) * times
        totals["lambda"] += times
    # A 7-minute conversation holds 2 connections (member, Helper): connection minutes.
    totals["connection_minutes"] = 2 * 7
    # The deployed memory size, ~60 ms per frame (measured locally as an order of magnitude).
    gb_seconds = totals["lambda"] * lambda_memory_gb() * 0.060
    cost = {
        "DynamoDB writes": totals["write_units"] * PRICES["dynamodb_write_unit"],
        "DynamoDB reads": totals["read_units"] * PRICES["dynamodb_read_unit"],
        "WebSocket messages": totals["ws_messages"] * PRICES["apigw_ws_message"],
        "WebSocket connection minutes": totals["connection_minutes"]
        * PRICES["apigw_ws_connection_minute"],
        "SQS": totals["sqs"] * PRICES["sqs_request"],
        "Lambda requests": totals["lambda"] * PRICES["lambda_request"],
        "Lambda compute": gb_seconds * PRICES["lambda_gb_second"],
    }
    lines = [f"| {k} | {v * 1000:.4f} $ |" for k, v in cost.items()]
    return lines, sum(cost.values()) * 1000


def main() -> None:
    """Count, print, record."""
    botocore.client.BaseClient._make_api_call = _count(botocore.client.BaseClient._make_api_call)
    small, large = scenario(10), scenario(10_000)
    lines = [
        "## Chat: AWS calls per operation",
        "",
        f"`python -m bench.chat_calls` — {machine()}. Every botocore call made while the real "
        "WebSocket edge handles one frame (connection lookup, the action, the reply, the "
        "fan-out), on moto. Request units assume items under 1 KB; transactional writes cost 2.",
        "",
        "| operation | calls with 10 stored connections | with 10,000 | write / read units |",
        "|---|---|---|---|",
    ]
    for name in small:
        calls_small, units = small[name]
        calls_large, _ = large[name]
        same = "same" if calls_small == calls_large else describe(calls_large)
        lines.append(f"| {name} | {describe(calls_small)} | {same} | "
                     f"{units.get('write', 0):g} / {units.get('read', 0):g} |")
        assert calls_small == calls_large, f"{name} grows with the table size"
    rows, total = cost_per_thousand(small)
    lines += [
        "",
        "Nothing depends on how many connections are stored: fan-out is a Query per recipient "
        "member, never a Scan.",
        "",
        "Three of `help.open`'s Queries find the member's counterparties (conflicts of "
        "interest, docs/security.md): the bookings' `party-index`, the claims' "
        "`claimant-index` and `counterpart-index`, each bounded by `CONFLICT_BOOKING_DAYS` and "
        "`CONFLICT_LOOKUP_LIMIT`; the ids found are stored on the conversation, so later waves, "
        "the sweep and the other operations read none of them again.",
        "",
        "### Cost per 1,000 conversations of 20 messages",
        "",
        "Mix per conversation: `help.open`, `help.accept`, 19 `message.send` to 2 recipients, "
        "`conversation.close`; two connections held for 7 minutes; Lambda at the deployed "
        f"{lambda_memory_gb() * 1024:.0f} MB and ~60 ms a frame. List prices, us-east-1, "
        "checked 2026-11-22: DynamoDB on-demand $0.625 per "
        "million write units and $0.125 per million read units; API Gateway WebSocket $1.00 per "
        "million messages and $0.25 per million connection minutes; SQS $0.40 per million "
        "requests; Lambda $0.20 per million requests and $0.0000166667 per GB-second.",
        "",
        "| item | per 1,000 conversations |",
        "|---|---|",
        *rows,
        f"| **total** | **{total:.3f} $** |",
    ]
    report = "\n".join(lines)
    print(report)
    write_section("chat-calls", report)


if __name__ == "__main__":
    main()
