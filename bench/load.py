"""Load: hundreds of concurrent sockets through the local stack, every message accounted for.

`python -m bench.load [--sockets 300] [--duration 180] [--rate 30]` (what `make load` runs).
Starts the local stack on loopback (or uses one given with `--rest`/`--ws` on 127.0.0.1),
makes half the sockets Helpers the way production does (marketplace push, application,
approval), pairs each with a member through the real protocol (`POST /ws/ticket`, the
WebSocket handshake, `help.open`, `help.accept`), then has every socket send `message.send` at a
steady pace for `--duration` seconds. Reports the messages per second sustained, the delivery
latency (send → `message.new` at the other side, both sides in this process), the errors and
the lost messages: every acknowledged message must reach the other side exactly once and in
seq order, and `message.sync` from both sides must return each conversation whole.

No limit is raised: each member sends one `help.open`, one ticket and one connection, and
`--rate` is refused when a socket's pace would come near `MESSAGES_PER_MINUTE` (30). Only the
routing waves are widened on the stack this tool starts (`WAVE_SIZE`, `WAVE_TIMEOUT_SECONDS`,
`MAX_WAVES`), so that pairing hundreds of people takes seconds. Exit status 1 when any error
or loss was seen.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import time
import uuid
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from websockets.exceptions import ConnectionClosed, InvalidHandshake

from bench.report import machine, write_section
from devstack.process import start_devstack, stop_devstack
from tests.support.client import HttpError, Peer, dev_token, make_helper

# A socket's pace stays well under MESSAGES_PER_MINUTE (30 per member per clock minute): a
# minute boundary can hold a little more than the average pace.
MAX_PER_SOCKET_PER_MINUTE = 24
STACK_ENV = {"WAVE_SIZE": "10", "WAVE_TIMEOUT_SECONDS": "2", "MAX_WAVES": "10"}
ACK_TIMEOUT = 30.0
DRAIN_SECONDS = 20.0
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


@dataclass
class Side:
    """One socket: a member or a Helper in one conversation."""

    member_id: str
    roles: list[str]
    peer: Peer | None = None
    conversation_id: str = ""
    acked: list[tuple[int, str, str]] = field(default_factory=list)  # (seq, client id, text)
    received: list[dict[str, Any]] = field(default_factory=list)  # message.new from the other


@dataclass
class Tally:
    """What the run saw."""

    errors: Counter[str] = field(default_factory=Counter)
    sent_at: dict[str, float] = field(default_factory=dict)
    # Sends that got no answer (timeout, socket closed): errors already; whether they were
    # stored is unknown, so finding them delivered or in a sync is no loss.
    unanswered: set[str] = field(default_factory=set)
    latencies: list[float] = field(default_factory=list)
    late_sends: int = 0
    first_send: float = 0.0
    last_delivery: float = 0.0
    heartbeats: list[asyncio.Task[None]] = field(default_factory=list)

    def error(self, kind: str) -> None:
        self.errors[kind] += 1


def make_helpers(rest_url: str, key: str, helpers: list[str]) -> None:
    """The marketplace pushes each Helper's reputation, they apply, staff approve."""
    staff = dev_token(rest_url, "s-1", ["agent", "supervisor"])
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda helper: make_helper(rest_url, key, helper, staff), helpers))


async def open_socket(urls: dict[str, str], side: Side, gate: asyncio.Semaphore) -> None:
    """Token, ticket and handshake through the public protocol."""
    async with gate:
        side.peer = await Peer.open(urls, side.member_id, side.roles)


async def pair(urls: dict[str, str], members: list[Side], helpers: list[Side],
               tally: Tally) -> None:
    """Helpers go available (one conversation each); members open requests a few at a time;
    each Helper accepts offers until one is theirs. Pairing may take a while on a loaded
    machine (requests open a few at a time): every wait is bounded by one deadline that grows
    with the number of pairs."""
    gate = asyncio.Semaphore(8)
    patience = max(120.0, 2.0 * len(members))
    await asyncio.gather(*(open_socket(urls, h, gate) for h in helpers))
    for h in helpers:
        ack = await h.peer.call("presence.set", status="available", capacity=1)
        if ack["type"] != "ack":
            raise RuntimeError(f"presence.set refused: {ack}")
    # Like the web client, every Helper pings while online: presence expires without it.
    beats = [asyncio.create_task(heartbeat(h, tally)) for h in helpers]
    acceptors = [asyncio.create_task(accept_one(h, tally, patience)) for h in helpers]
    await asyncio.gather(*(open_socket(urls, m, gate) for m in members))
    await asyncio.gather(*(open_request(m, gate, patience) for m in members))
    await asyncio.wait_for(asyncio.gather(*acceptors), patience)
    tally.heartbeats = beats
    taken = Counter(h.conversation_id for h in helpers)
    if set(taken) != {m.conversation_id for m in members} or max(taken.values()) != 1:
        raise RuntimeError("pairing failed: not one Helper per conversation")


async def heartbeat(side: Side, tally: Tally, every: float = 25.0) -> None:
    """`ping` every 25 s, as `web/js/protocol.js` does."""
    while True:
        await asyncio.sleep(every)
        try:
            reply = await side.peer.call("ping", timeout=ACK_TIMEOUT)
        except (TimeoutError, ConnectionError, ConnectionClosed) as e:
            tally.error(f"ping {type(e).__name__}")
            return
        if reply["type"] != "ack":
            tally.error(f"ping {reply.get('code')}")


async def accept_one(helper: Side, tally: Tally, patience: float) -> None:
    """Accept offers until one conversation is this Helper's."""
    while not helper.conversation_id:
        offer = await helper.peer.next_event("help.offer", timeout=patience)
        reply = await helper.peer.call("help.accept", conversation_id=offer["conversation_id"])
        if reply["type"] == "ack":
            helper.conversation_id = offer["conversation_id"]
        elif reply.get("code") != "already_taken":
            tally.error(f"help.accept {reply.get('code')}")


async def open_request(member: Side, gate: asyncio.Semaphore, patience: float) -> None:
    """`help.open`, then wait for the Helper."""
    async with gate:
        ack = await member.peer.call("help.open", topic="booking", lang="fr",
                                     text=f"question de {member.member_id}", consent=True)
        if ack["type"] != "ack":
            raise RuntimeError(f"help.open refused: {ack}")
        member.conversation_id = ack["conversation_id"]
        await member.peer.next_event("help.assigned", timeout=patience,
                                     conversation_id=member.conversation_id)


async def listen(side: Side, tally: Tally) -> None:
    """Collect `message.new` from the other side, timing each delivery on arrival."""
    while True:
        frame = await side.peer.events.get()
        if frame.get("type") != "message.new":
            continue
        now = time.perf_counter()
        side.received.append(frame)
        sent = tally.sent_at.get(frame.get("client_msg_id") or "")
        if sent is not None and frame["sender"]["id"] != side.member_id:
            tally.latencies.append(now - sent)
            tally.last_delivery = now


async def talk(side: Side, interval: float, start: float, end: float, tally: Tally,
               rng: random.Random) -> None:
    """Send at a steady pace (a random phase per socket); the next send waits for the ack,
    so a socket's own messages cannot overtake each other."""
    loop = asyncio.get_running_loop()
    due = start + rng.uniform(0, interval)
    number = 0
    while due < end:
        delay = due - loop.time()
        if delay > 0:
            await asyncio.sleep(delay)
        elif delay < -interval:
            tally.late_sends += 1
        if not await send_one(side, number, tally):
            return
        number += 1
        due += interval


async def send_one(side: Side, number: int, tally: Tally) -> bool:
    """One `message.send` and its answer; False once the socket cannot go on."""
    client_id = f"{side.member_id}-{number}"
    # No id in the text: the digits of an id could read as a phone number and be masked.
    text = f"message {number} du test de charge"
    tally.sent_at[client_id] = time.perf_counter()
    try:
        reply = await side.peer.call("message.send", timeout=ACK_TIMEOUT,
                                     conversation_id=side.conversation_id,
                                     client_msg_id=client_id, text=text)
    except (TimeoutError, ConnectionError, ConnectionClosed) as e:
        tally.error(f"message.send {type(e).__name__}")
        tally.unanswered.add(client_id)
        return False
    if reply["type"] != "ack":
        tally.error(f"message.send {reply.get('code')}")
        return True
    if reply["text"] != text or reply["verdict"] != "allow":
        tally.error(f"message.send {reply['verdict']} by moderation")
    if reply["seq"] is not None:
        side.acked.append((reply["seq"], client_id, reply["text"]))
    return True


def expected_count(sides: list[Side]) -> int:
    return sum(len(s.acked) for s in sides)


def undelivered(pairs: list[tuple[Side, Side]]) -> int:
    """Acknowledged messages the other side has not received yet."""
    missing = 0
    for a, b in pairs:
        for sender, receiver in ((a, b), (b, a)):
            got = {f["client_msg_id"] for f in receiver.received}
            missing += sum(1 for _, client_id, _ in sender.acked if client_id not in got)
    return missing


async def drain(pairs: list[tuple[Side, Side]]) -> None:
    """Wait until every acknowledged message has reached the other side (or give up)."""
    deadline = time.monotonic() + DRAIN_SECONDS
    while time.monotonic() < deadline and undelivered(pairs):
        await asyncio.sleep(0.2)


def check_deliveries(pairs: list[tuple[Side, Side]], unanswered: set[str]) -> Counter[str]:
    """Every message acknowledged to one side reached the other exactly once, in seq order."""
    lost: Counter[str] = Counter()
    for a, b in pairs:
        for sender, receiver in ((a, b), (b, a)):
            got = [f for f in receiver.received if f["sender"]["id"] == sender.member_id]
            ids = Counter(f["client_msg_id"] for f in got)
            for _, client_id, _ in sender.acked:
                if ids[client_id] == 0:
                    lost["never delivered"] += 1
                elif ids[client_id] > 1:
                    lost["delivered twice"] += ids[client_id] - 1
            seqs = [f["seq"] for f in got]
            if seqs != sorted(seqs):
                lost["delivered out of order"] += 1
            acked_ids = {c for _, c, _ in sender.acked}
            lost["delivered but never sent"] += sum(
                1 for i in ids if i not in acked_ids and i not in unanswered)
    return +lost


async def sync_all(side: Side) -> list[dict[str, Any]]:
    """The conversation from the start through `message.sync`, page after page."""
    messages: list[dict[str, Any]] = []
    while True:
        after = messages[-1]["seq"] if messages else 0
        reply = await side.peer.call("message.sync", timeout=ACK_TIMEOUT,
                                     conversation_id=side.conversation_id, after_seq=after)
        if reply["type"] != "ack":
            raise RuntimeError(f"message.sync refused: {reply}")
        messages += reply["messages"]
        if not reply.get("more"):
            return messages


async def check_sync(pairs: list[tuple[Side, Side]], unanswered: set[str]) -> Counter[str]:
    """Both sides sync from zero: seq 1 (the question) then every acknowledged message, each
    once, under its acknowledged seq and text, with no gap."""
    lost: Counter[str] = Counter()
    for a, b in pairs:
        acked = {seq: text for s in (a, b) for seq, _, text in s.acked}
        for side in (a, b):
            messages = await sync_all(side)
            seqs = [m["seq"] for m in messages]
            if seqs != list(range(1, len(seqs) + 1)):
                lost["sync: gap, duplicate or disorder"] += 1
            texts = {m["seq"]: m["text"] for m in messages}
            lost["sync: acknowledged message missing"] += sum(
                1 for seq, text in acked.items() if texts.get(seq) != text)
            extra = [m for m in messages[1:] if m["seq"] not in acked]
            lost["sync: message nobody sent"] += sum(
                1 for m in extra if m.get("client_msg_id") not in unanswered)
    return +lost


def quantile(values: list[float], q: float) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[round(q * 100) - 1]


@dataclass
class Plan:
    """What to run."""

    sockets: int
    duration: float
    rate: float
    seed: int = 1


async def run(urls: dict[str, str], key: str, plan: Plan,
              cpu: Callable[[], float] | None = None) -> dict[str, Any]:
    """Pair, talk, drain, check; returns the figures (`cpu`: the stack's CPU seconds so far,
    read around the messaging phase)."""
    rng = random.Random(plan.seed)
    prefix = f"ld{uuid.uuid4().hex[:6]}"
    n = plan.sockets // 2
    members = [Side(f"{prefix}-m{i:03d}", ["member"]) for i in range(n)]
    helpers = [Side(f"{prefix}-h{i:03d}", ["member", "helper"]) for i in range(n)]
    tally = Tally()
    started = time.monotonic()
    await asyncio.to_thread(make_helpers, urls["rest"], key, [h.member_id for h in helpers])
    await pair(urls, members, helpers, tally)
    setup_seconds = time.monotonic() - started
    by_conversation = {h.conversation_id: h for h in helpers}
    pairs = [(m, by_conversation[m.conversation_id]) for m in members]
    sides = members + helpers
    listeners = [asyncio.create_task(listen(s, tally)) for s in sides]
    loop = asyncio.get_running_loop()
    interval = len(sides) / plan.rate
    start = loop.time() + 0.5
    tally.first_send = time.perf_counter() + 0.5
    cpu_before = cpu() if cpu else 0.0
    await asyncio.gather(*(talk(s, interval, start, start + plan.duration, tally,
                                random.Random(rng.random())) for s in sides))
    await drain(pairs)
    stack_cpu = cpu() - cpu_before if cpu else None
    lost = (check_deliveries(pairs, tally.unanswered)
            + await check_sync(pairs, tally.unanswered))
    for task in listeners:
        task.cancel()
    for beat in tally.heartbeats:
        beat.cancel()
    await asyncio.gather(*(s.peer.close() for s in sides), return_exceptions=True)
    delivered = len(tally.latencies)
    window = max(tally.last_delivery - tally.first_send, 1e-9)
    return {
        "setup_seconds": setup_seconds, "conversations": len(pairs), "sockets": len(sides),
        "acked": expected_count(sides), "delivered": delivered,
        "per_second": delivered / window, "window": window,
        "p50": quantile(tally.latencies, 0.50), "p95": quantile(tally.latencies, 0.95),
        "p99": quantile(tally.latencies, 0.99), "max": max(tally.latencies, default=0.0),
        "errors": dict(tally.errors), "lost": dict(lost), "late_sends": tally.late_sends,
        "stack_cpu_seconds": stack_cpu,
    }


def process_cpu_seconds(pid: int) -> float:
    """User + system CPU of a process so far (Linux /proc)."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def loopback_urls(rest_url: str, ws_url: str) -> dict[str, str]:
    """A stack given by URL must be on this machine's loopback."""
    for url in (rest_url, ws_url):
        if urlsplit(url).hostname not in LOOPBACK:
            raise SystemExit(f"{url}: the load tool only drives a stack on 127.0.0.1")
    return {"rest": rest_url.rstrip("/"), "ws": ws_url.rstrip("/")}


def measure(plan: Plan, rest_url: str | None = None, ws_url: str | None = None,
            key: str | None = None) -> dict[str, Any]:
    """Run the load against a stack of its own (started and stopped here) or a given one."""
    if rest_url and ws_url:
        if not key:
            raise SystemExit("BOOKINGS_INGEST_SECRET (the stack's key) is needed to make Helpers")
        return asyncio.run(run(loopback_urls(rest_url, ws_url), key, plan))
    key = uuid.uuid4().hex
    proc, urls = start_devstack({**STACK_ENV, "BOOKINGS_INGEST_SECRET": key})
    try:
        return asyncio.run(run(urls, key, plan, lambda: process_cpu_seconds(proc.pid)))
    finally:
        stop_devstack(proc)


def check_plan(plan: Plan) -> None:
    """Refuse a pace that would run into the per-member message limit."""
    per_socket_minute = 60 * plan.rate / plan.sockets
    if plan.sockets < 2 or plan.sockets % 2:
        raise SystemExit("--sockets must be an even number (members and Helpers in pairs)")
    if per_socket_minute > MAX_PER_SOCKET_PER_MINUTE:
        raise SystemExit(
            f"--rate {plan.rate:g} over {plan.sockets} sockets is {per_socket_minute:.0f} "
            f"messages a minute per member; keep it under {MAX_PER_SOCKET_PER_MINUTE} "
            "(MESSAGES_PER_MINUTE is 30): more sockets, or a lower rate")


def report(plan: Plan, figures: dict[str, Any], command: str) -> str:
    """The docs/benchmarks.md section."""
    ms = {k: figures[k] * 1000 for k in ("p50", "p95", "p99", "max")}
    errors = ", ".join(f"{k} ×{v}" for k, v in figures["errors"].items()) or "none"
    lost = ", ".join(f"{k} ×{v}" for k, v in figures["lost"].items()) or "none"
    cpu = figures.get("stack_cpu_seconds")
    cpu_line = (f" The stack process (handlers, gateway and moto together) used {cpu:.1f} s of "
                f"CPU during the messaging phase: {cpu / max(figures['acked'], 1) * 1000:.0f} ms "
                f"per message, {cpu / figures['window']:.2f} cores."
                if cpu is not None else "")
    lines = [
        "## Load: concurrent sockets through the local stack",
        "",
        f"`{command}` — {machine()}. {figures['sockets']} sockets on 127.0.0.1 "
        f"({figures['conversations']} members each paired with a Helper through `POST "
        "/ws/ticket`, the handshake, `help.open` and `help.accept`), then every socket sends "
        f"`message.send` at a steady pace (offered {plan.rate:g} messages/s in all, "
        f"{60 * plan.rate / plan.sockets:.1f} a minute per member, under the limit of 30) for "
        f"{plan.duration:g} s. Limits as deployed; only the routing waves are widened "
        f"(`WAVE_SIZE=10`, `WAVE_TIMEOUT_SECONDS=2`, `MAX_WAVES=10`). Setup took "
        f"{figures['setup_seconds']:.1f} s.{cpu_line}",
        "",
        "| messages acknowledged | delivered to the other side | sustained | p50 | p95 | p99 "
        "| max | errors | lost |",
        "|---|---|---|---|---|---|---|---|---|",
        f"| {figures['acked']} | {figures['delivered']} | {figures['per_second']:.1f} /s "
        f"| {ms['p50']:.0f} ms | {ms['p95']:.0f} ms | {ms['p99']:.0f} ms | {ms['max']:.0f} ms "
        f"| {errors} | {lost} |",
        "",
        "Latency is `message.send` leaving the sender's socket → `message.new` read at the "
        "other side's socket (both in the load process). *Lost* counts every acknowledged "
        "message not delivered exactly once and in seq order, and every gap or difference "
        "when both sides `message.sync` from 0 at the end. Sends that fell a whole interval "
        f"behind their schedule (the stack not keeping up): {figures['late_sends']}. The "
        "stack runs every handler against moto in one Python process on a shared machine: "
        "read the latency as this machine's, the zero losses as the property.",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Parse, run, print, record; 1 when errors or losses were seen."""
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sockets", type=int, default=300, help="even; half members")
    parser.add_argument("--duration", type=float, default=180, help="seconds of messaging")
    parser.add_argument("--rate", type=float, default=5, help="messages per second in all")
    parser.add_argument("--rest", help="REST base URL of a running stack (127.0.0.1)")
    parser.add_argument("--ws", help="WebSocket URL of that stack")
    parser.add_argument("--no-record", action="store_true", help="do not write the docs")
    args = parser.parse_args(argv)
    plan = Plan(args.sockets, args.duration, args.rate)
    check_plan(plan)
    try:
        figures = measure(plan, args.rest, args.ws, os.environ.get("BOOKINGS_INGEST_SECRET"))
    except (RuntimeError, HttpError, InvalidHandshake, OSError, TimeoutError) as e:
        print(f"load: setup failed: {type(e).__name__}: {e}", file=sys.stderr)
        return 1
    command = (f"python -m bench.load --sockets {args.sockets} --duration {args.duration:g} "
               f"--rate {args.rate:g}")
    text = report(plan, figures, command)
    print(text)
    if not args.no_record:
        write_section("load", text)
    return 1 if figures["errors"] or figures["lost"] else 0


if __name__ == "__main__":
    sys.exit(main())
