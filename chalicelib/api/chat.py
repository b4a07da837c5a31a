"""The chat's edge: WebSocket entry points and actions, oversight routes, the routing queue and
its safety sweep (docs/protocol.md)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from chalice import Rate

from chalicelib.api.batches import each_message
from chalicelib.api.edge import SIGNED_IN, STAFF, Access, ContextBlueprint, roles
from chalicelib.api.parsing import query_day, query_integer, query_text
from chalicelib.domain.chat.listing import LIST_PAGE_MAX
from chalicelib.domain.chat.model import Outcome
from chalicelib.domain.chat.oversight import AUDIT_FILTERS, AUDIT_PAGE
from chalicelib.domain.frames import Frame, FrameDispatcher, Reply
from chalicelib.domain.identity import ADMIN, AGENT, HELPER, MEMBER, SUPERVISOR, Principal
from chalicelib.domain.ports import Connection
from chalicelib.observability import logger
from chalicelib.runtime import services
from chalicelib.settings import event_source_name

if TYPE_CHECKING:
    from chalicelib.composition import Services

chat = ContextBlueprint(__name__)


# --- WebSocket: entry points (registered on the app: Chalice blueprints cannot carry them) ---


def ws_connect(event: Any) -> dict[str, Any]:
    """$connect: a single-use ticket admits the connection, or the handshake is refused."""
    return services().websocket.connect(event.to_dict())


def ws_message(event: Any) -> dict[str, Any]:
    """$default: one frame, exactly one reply, then the fan-out."""
    return services().websocket.message(event.to_dict())


def ws_disconnect(event: Any) -> dict[str, Any]:
    """$disconnect (best effort)."""
    return services().websocket.disconnect(event.to_dict())


# --- WebSocket actions: who may send each, and what it calls ---------------------------------

ActionHandler = Callable[["Services", Connection, Frame], Any]


@dataclass(frozen=True)
class Action:
    """A WebSocket action of PROTOCOL.md with the roles that may send it."""

    name: str
    access: Access
    handler: ActionHandler


def _reply(root: Services, outcome: Outcome) -> Reply:
    return Reply(outcome.result, [lambda: root.delivery(outcome)])


def _conversation(f: Frame) -> str:
    return f.text("conversation_id", max_len=64) or ""


def _ping(root: Services, c: Connection, f: Frame) -> dict[str, Any]:
    root.chat.requests.heartbeat(c.principal)
    return {}


def _presence(root: Services, c: Connection, f: Frame) -> Reply:
    return _reply(root, root.chat.requests.set_presence(
        c.principal, f.text("status", max_len=20), f.strings("topics"), f.strings("languages"),
        f.integer("capacity", low=0, high=100, optional=True)))


def _open(root: Services, c: Connection, f: Frame) -> Reply:
    return _reply(root, root.chat.requests.open_request(
        c.principal, f.body.get("topic"), f.body.get("lang"), f.text("text", max_len=2000),
        f.body.get("consent") is True, f.request_id))


def _accept(root: Services, c: Connection, f: Frame) -> Reply:
    return _reply(root, root.chat.requests.accept(c.principal, _conversation(f)))


def _send(root: Services, c: Connection, f: Frame) -> Reply:
    return _reply(root, root.chat.messages.send(
        c.principal, c.connection_id, _conversation(f), f.text("client_msg_id", max_len=64),
        f.text("text", max_len=2000)))


def _sync(root: Services, c: Connection, f: Frame) -> dict[str, Any]:
    return root.chat.messages.sync(c.principal, _conversation(f),
                                   f.integer("after_seq", low=0, high=10**9) or 0)


def _escalate(root: Services, c: Connection, f: Frame) -> Reply:
    return _reply(root, root.chat.oversight.escalate(c.principal, _conversation(f),
                                                     f.text("reason", max_len=500) or ""))


def _join(root: Services, c: Connection, f: Frame) -> Reply:
    return _reply(root, root.chat.oversight.join(c.principal, _conversation(f)))


def _close(root: Services, c: Connection, f: Frame) -> Reply:
    return _reply(root, root.chat.oversight.close(c.principal, _conversation(f)))


def _rate(root: Services, c: Connection, f: Frame) -> Reply:
    return _reply(root, root.chat.oversight.rate(
        c.principal, _conversation(f), f.integer("score", low=1, high=5),
        f.text("comment", max_len=1000, optional=True)))


ANSWERERS = roles(HELPER, AGENT)
ACTIONS = (
    Action("ping", SIGNED_IN, _ping),
    Action("presence.set", ANSWERERS, _presence),
    Action("help.open", roles(MEMBER), _open),
    Action("help.accept", ANSWERERS, _accept),
    # Participants (or staff who joined): the chat service checks which conversation.
    Action("message.send", SIGNED_IN, _send),
    Action("message.sync", SIGNED_IN, _sync),
    Action("conversation.escalate", SIGNED_IN, _escalate),
    Action("conversation.join", roles(AGENT, SUPERVISOR, ADMIN), _join),
    Action("conversation.close", SIGNED_IN, _close),
    Action("conversation.rate", roles(MEMBER), _rate),
)


def register_actions(dispatcher: FrameDispatcher, root: Services) -> None:
    """Every chat action with its declared roles (the dispatcher refuses the others)."""
    for action in ACTIONS:
        handler = action.handler
        dispatcher.register(
            action.name,
            lambda c, f, handler=handler: handler(root, c, f),  # type: ignore[misc]
            action.access.roles,
        )


# --- Oversight and the professional queue ----------------------------------------------------


@chat.route("/conversations", methods=["GET"], access=SIGNED_IN)
def list_conversations(who: Principal) -> dict[str, Any]:
    if not who.is_staff:
        return services().chat.oversight.my_conversations(who)
    q = chat.query
    return services().chat.oversight.list_conversations(
        who, query_day(q), query_text(q, "status"), (query_day(q, "from"), query_day(q, "to")),
        query_integer(q, "limit", LIST_PAGE_MAX), query_text(q, "cursor"))


@chat.route("/conversations/{conversation_id}", methods=["GET"], access=SIGNED_IN)
def get_conversation(who: Principal, conversation_id: str) -> dict[str, Any]:
    return services().chat.oversight.transcript(
        who, conversation_id, query_text(chat.query, "cursor"))


@chat.route("/agent/queue", methods=["GET"], access=STAFF)
def agent_queue(who: Principal) -> dict[str, Any]:
    return services().chat.oversight.agent_queue(who)


@chat.route("/audit", methods=["GET"], access=roles(SUPERVISOR, ADMIN))
def audit_log(who: Principal) -> dict[str, Any]:
    query = chat.query
    match = {name: query_text(query, name) or "" for name in AUDIT_FILTERS}
    return services().chat.oversight.audit_log(
        who, query_day(query), query_integer(query, "limit", AUDIT_PAGE),
        query_text(query, "cursor"), match)


# --- Routing: wave timeouts and the safety sweep ---------------------------------------------


# maximum_concurrency caps the pollers of a queue (not reserved concurrency, which would
# throttle the mapping and send messages to the DLQ): docs/deploy.md, "Concurrency".
@chat.on_sqs_message(
    queue=event_source_name("QUEUE_ROUTING_NAME", "entraide-routing"),
    batch_size=10,
    maximum_concurrency=10,
)
def routing_events(event: Any) -> dict[str, Any]:
    return each_message(event, _routing_event, source="routing_events")


def _routing_event(raw: str) -> None:
    """One routing message; raising leaves it for redelivery (and the DLQ in the end)."""
    body = json.loads(raw)
    if body.get("kind") == "wave_timeout":
        root = services()
        root.delivery(root.chat.requests.on_wave_timeout(body["conversation_id"],
                                                         int(body["wave"])))
    else:
        logger.warning("unknown routing event", kind=body.get("kind"))


@chat.schedule(Rate(1, unit=Rate.MINUTES))
def routing_sweep(event: Any) -> None:
    services().delivery(services().chat.requests.sweep())
    # Conversations left behind: idle ones closed, a gone Helper's ones offered again.
    services().delivery(services().chat.abandonment.sweep())
