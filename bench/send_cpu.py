"""CPU per `message.send`: our code next to the floor, the same AWS calls made through bare
botocore, measured side by side in one process.

`python -m bench.send_cpu [--sends 400] [--rounds 10]`. One `message.send` (a member to
their Helper: connection lookup, moderation, the message's transaction, the ack, the fan-out)
is first run for real on moto in-process, recording every HTTP answer. moto is then switched
off and both sides replay those recorded answers at the HTTP layer (`Endpoint._send`), so
each call is still serialised, signed, answered, checksummed and parsed by botocore but no
server CPU and no socket is counted:

- *ours*: the Lambda entry point `app.ws_message(event, context)` (Chalice, the WebSocket
  edge, the chat service, moderation, PynamoDB, botocore);
- *floor*: a bare handler that decodes the frame and makes the same calls, with the very
  parameters ours sent, through plain boto3 clients, and nothing else.

The two run interleaved in batches (order alternating) and `time.process_time()` of this
process is summed for each. The replay (instead of a moto server in another process) keeps
the measure deterministic and identical for both sides; the socket work it leaves out is the
same per call on both sides, so it only makes the ratio stricter.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import time
from collections import Counter
from dataclasses import dataclass
from typing import Any

import boto3
import botocore.client
import botocore.endpoint
from botocore.awsrequest import AWSResponse, HeadersDict
from moto import mock_aws

import bench.chat_calls  # noqa: F401 - sets the bench environment before boto3 loads
from bench.chat_calls import World, event
from bench.report import machine, write_section

TEXT = "Mon trajet de demain est annulé, que dois-je faire ?"
TARGET = 1.5


@dataclass
class Recorded:
    """One AWS call of the recorded send: what was asked and what came back."""

    service: str
    operation: str
    params: dict[str, Any]
    endpoint_url: str
    config: Any = None
    status: int = 0
    headers: dict[str, str] | None = None
    body: bytes = b""


class _Raw:
    def __init__(self, body: bytes) -> None:
        self._body = body

    def stream(self, **_: Any) -> list[bytes]:
        return [self._body]


class Tape:
    """Records the calls of one send, then answers the same calls again, in the same order."""

    def __init__(self) -> None:
        self.calls: list[Recorded] = []
        self.position = 0
        self._make_api_call = botocore.client.BaseClient._make_api_call
        self._do_get_response = botocore.endpoint.Endpoint._do_get_response
        self._send = botocore.endpoint.Endpoint._send

    def record(self) -> None:
        """From now on, every call and its HTTP answer is kept."""
        tape, make, get = self, self._make_api_call, self._do_get_response

        def recording_call(client: Any, operation: str, params: dict[str, Any]) -> Any:
            service = client.meta.service_model.service_name
            tape.calls.append(Recorded(service, operation, json_copy(params),
                                       client.meta.endpoint_url, client.meta.config))
            return make(client, operation, params)

        def recording_response(endpoint: Any, request: Any, model: Any, context: Any) -> Any:
            result = get(endpoint, request, model, context)
            (http, _), _ = result
            call = tape.calls[-1]
            call.status, call.headers = http.status_code, dict(http.headers)
            call.body = http.content
            return result

        botocore.client.BaseClient._make_api_call = recording_call
        botocore.endpoint.Endpoint._do_get_response = recording_response

    def replay(self) -> None:
        """Stop recording; every HTTP request is answered from the tape, in order."""
        botocore.client.BaseClient._make_api_call = self._make_api_call
        botocore.endpoint.Endpoint._do_get_response = self._do_get_response
        tape = self

        def answer(endpoint: Any, request: Any) -> AWSResponse:
            call = tape.calls[tape.position % len(tape.calls)]
            tape.position += 1
            target = request.headers.get("X-Amz-Target", b"")
            target = target.decode() if isinstance(target, bytes) else target
            if not (target.endswith("." + call.operation) or "@connections" in request.url):
                raise AssertionError(f"call {tape.position} is not {call.operation}")
            return AWSResponse(request.url, call.status, HeadersDict(call.headers), _Raw(call.body))

        botocore.endpoint.Endpoint._send = answer

    def restore(self) -> None:
        botocore.endpoint.Endpoint._send = self._send


def json_copy(params: dict[str, Any]) -> dict[str, Any]:
    """A deep copy of call parameters (bytes kept as they are)."""
    return {k: v if isinstance(v, bytes) else json.loads(json.dumps(v)) for k, v in params.items()}


class Floor:
    """The bare handler: decode the frame, make the recorded calls through boto3 clients
    configured as ours are (PynamoDB turns botocore's parameter validation off, for one)."""

    def __init__(self, calls: list[Recorded]) -> None:
        clients: dict[tuple[str, str], Any] = {}
        self.plan = []
        for call in calls:
            key = (call.service, call.endpoint_url)
            if key not in clients:
                clients[key] = boto3.client(call.service, endpoint_url=call.endpoint_url,
                                            config=call.config)
            method = getattr(clients[key], botocore.xform_name(call.operation))
            self.plan.append((method, call.params))

    def __call__(self, event: dict[str, Any], _context: Any) -> dict[str, Any]:
        json.loads(event["body"])
        for method, params in self.plan:
            method(**params)
        return {"statusCode": 200}


def prepare(sends: int) -> tuple[Any, Tape, list[dict[str, Any]]]:
    """A member and a Helper in one conversation on moto; one send recorded."""
    import importlib

    from chalicelib import composition
    from chalicelib.adapters.dynamodb.models.chat import ConversationRecord
    from devstack.seed import seed_members
    from devstack.tables import create_tables

    mock = mock_aws()
    mock.start()
    import os

    os.environ["QUEUE_ROUTING_URL"] = boto3.client("sqs").create_queue(
        QueueName="routing-cpu")["QueueUrl"]
    composition.reset()
    root = composition.services()
    create_tables(root.settings)
    seed_members(root)
    app = importlib.import_module("app")
    world = World(root)
    helper = world.connect("h-1", ["member", "helper"])
    world.send(helper, {"action": "presence.set", "status": "available"})
    member = world.connect("m-alice", ["member"])
    world.send(member, {"action": "help.open", "topic": "booking", "lang": "fr",
                        "text": "Bonjour", "consent": True})
    conversation_id = next(iter(ConversationRecord.by_member.query("m-alice"))).conversation_id
    world.send(helper, {"action": "help.accept", "conversation_id": conversation_id})

    def frame(n: int, text: str = TEXT) -> dict[str, Any]:
        return event("$default", member, {"action": "message.send", "request_id": f"r{n}",
                                          "conversation_id": conversation_id,
                                          "client_msg_id": f"cpu-{n}", "text": text})

    # Warm moderation's lexicons, the service models and the caches with other texts: the
    # same text four times would be blocked as a repeat (FloodPolicy).
    for n in range(3):
        app.ws_message(frame(-1 - n, f"Premier message numéro {n}"), None)
    tape = Tape()
    tape.record()
    app.ws_message(frame(0), None)
    mock.stop()
    tape.replay()
    operations = [c.operation for c in tape.calls]
    if "TransactWriteItems" not in operations:
        raise AssertionError(f"the recorded send was not stored: {operations}")
    return app, tape, [frame(n) for n in range(1, sends + 1)]


def batch(ours: Any, floor: Any, events: list[dict[str, Any]]) -> tuple[float, float]:
    """CPU seconds of ours and of the floor over the same events, one send of each in turn
    (which goes first alternating), so that both see the same moments of a noisy machine."""
    gc.collect()
    clock = time.process_time
    spent = [0.0, 0.0]
    for i, e in enumerate(events):
        for side in ((0, 1) if i % 2 else (1, 0)):
            handler = ours if side == 0 else floor
            started = clock()
            handler(e, None)
            spent[side] += clock() - started
    return spent[0], spent[1]


def measure(sends: int, rounds: int) -> dict[str, Any]:
    """Interleaved batches of ours and the floor; CPU seconds of each."""
    app, tape, events = prepare(sends)
    floor = Floor(tape.calls)
    calls = len(tape.calls)
    batch(app.ws_message, floor, events[:40])  # warm both on the replay
    per_round = max(sends // rounds, 1)
    ours_t: list[float] = []
    floor_t: list[float] = []
    try:
        for r in range(rounds):
            chunk = events[r * per_round:(r + 1) * per_round]
            ours, bare = batch(app.ws_message, floor, chunk)
            ours_t.append(ours)
            floor_t.append(bare)
            if tape.position % calls:
                raise AssertionError("a send did not make the recorded calls")
    finally:
        tape.restore()
    ratios = [o / f for o, f in zip(ours_t, floor_t, strict=True)]
    n = per_round * rounds
    return {
        "validation": {c.service: c.config.parameter_validation for c in tape.calls},
        "calls": Counter(f"{c.service}.{c.operation}" for c in tape.calls), "per_send": calls,
        "ours_us": sum(ours_t) / n * 1e6, "floor_us": sum(floor_t) / n * 1e6,
        "ratio": sum(ours_t) / sum(floor_t), "ratio_median": statistics.median(ratios),
        "ratio_range": (min(ratios), max(ratios)), "sends": n, "rounds": rounds,
    }


def report(figures: dict[str, Any], command: str) -> str:
    calls = ", ".join(f"{op.split('.', 1)[1]} ×{k}" for op, k in sorted(figures["calls"].items()))
    per = figures["per_send"]
    low, high = figures["ratio_range"]
    verdict = "within" if figures["ratio"] <= TARGET else "**over**"
    return "\n".join([
        "## Chat: CPU per `message.send`, our code vs the botocore floor",
        "",
        f"`{command}` — {machine()}. A member's `message.send` to their Helper through the "
        "Lambda entry point (`app.ws_message`: Chalice, the WebSocket edge, the chat service, "
        "moderation, PynamoDB, botocore) next to the *floor*: a bare handler that decodes the "
        "frame and makes the same calls with the same parameters through plain boto3 clients. "
        "Both replay, at the HTTP layer, the answers recorded from one real send on moto, so "
        "botocore still serialises, signs, checksums and parses every call but no emulator "
        "CPU and no socket is counted; `time.process_time()` of the one process, "
        f"{figures['sends']} sends of each, one of ours and one of the floor in turn (which "
        f"goes first alternating), in {figures['rounds']} batches.",
        "",
        f"Calls per send ({per}): {calls}.",
        "",
        "| | CPU per send | per AWS call |",
        "|---|---|---|",
        f"| our code (everything) | {figures['ours_us']:.0f} µs "
        f"| {figures['ours_us'] / per:.0f} µs |",
        f"| floor (botocore alone) | {figures['floor_us']:.0f} µs "
        f"| {figures['floor_us'] / per:.0f} µs |",
        f"| **ratio** | **{figures['ratio']:.2f}×** (batches: median "
        f"{figures['ratio_median']:.2f}×, {low:.2f}–{high:.2f}×) | |",
        "",
        f"Target ≤ {TARGET}× the floor: {verdict}.",
    ])


def main() -> None:
    """Measure, print, record."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sends", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    figures = measure(args.sends, args.rounds)
    text = report(figures, f"python -m bench.send_cpu --sends {args.sends} --rounds {args.rounds}")
    print(text)
    write_section("send-cpu", text)


if __name__ == "__main__":
    main()
