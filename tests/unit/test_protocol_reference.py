"""docs/protocol.md is the full reference of the wire protocol: every REST route the app
registers, every WebSocket action of `chalicelib/api/chat.py` and every event type the server
pushes is documented there, and nothing documented there is gone from the code."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "docs" / "protocol.md"
METHODS = "GET|POST|PUT|PATCH|DELETE"
# `GET /a/{id}`, `GET\|PATCH /kb/articles/{id}`, `POST /x/{id}/approve\|refuse`, with a query.
ROUTE = re.compile(rf"`((?:{METHODS})(?:\\?\|(?:{METHODS}))*) (/[^`\s]*)`")
# Served by the local stack only, never by the app (docs/protocol.md, "Identity").
SERVED_ELSEWHERE = {"POST /dev/token"}
# Replies to an action, not events.
REPLIES = {"ack", "error", "pong"}


def normalise(path: str) -> str:
    """A path with its query dropped and every placeholder written `{}`."""
    return re.sub(r"\{[^}]*\}", "{}", path.split("?", 1)[0].rstrip("/") or "/")


def documented_routes() -> set[str]:
    """`METHOD /path` for every route the reference names, alternatives expanded."""
    found = set()
    for methods, path in ROUTE.findall(REFERENCE.read_text()):
        path = path.split("?", 1)[0]
        head, _, last = path.rpartition("/")
        for method in re.split(r"\\?\|", methods):
            for leaf in re.split(r"\\?\|", last):
                found.add(f"{method} {normalise(f'{head}/{leaf}')}")
    return found


def registered_routes() -> set[str]:
    import app

    return {f"{method} {normalise(path)}"
            for path, by_method in app.app.routes.items() for method in by_method}


def table_names(heading: str) -> set[str]:
    """The backticked first cell of every row of the table under `heading`."""
    text = REFERENCE.read_text()
    start = text.index(heading)
    following = re.search(r"^#{1,3} ", text[start + len(heading):], flags=re.MULTILINE)
    section = text[start:start + len(heading) + following.start()] if following else text[start:]
    return set(re.findall(r"^\| `([a-z_.$]+)`", section, flags=re.MULTILINE))


def emitted_event_types() -> set[str]:
    """Every `{"type": "<name>", ...}` literal of chalicelib: the frames the server pushes."""
    found = set()
    for source in (ROOT / "chalicelib").rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_text())):
            if not isinstance(node, ast.Dict):
                continue
            for key, value in zip(node.keys, node.values, strict=True):
                if (isinstance(key, ast.Constant) and key.value == "type"
                        and isinstance(value, ast.Constant) and isinstance(value.value, str)
                        and "." in value.value):
                    found.add(value.value)
    return found - REPLIES


def test_every_registered_route_is_documented() -> None:
    missing = registered_routes() - documented_routes()
    assert not missing, f"routes missing from docs/protocol.md: {sorted(missing)}"


def test_every_documented_route_is_registered() -> None:
    stale = documented_routes() - registered_routes() - SERVED_ELSEWHERE
    assert not stale, f"docs/protocol.md documents routes the app lacks: {sorted(stale)}"


def test_the_actions_table_is_exactly_the_registered_actions() -> None:
    from chalicelib.api.chat import ACTIONS

    assert table_names("### Actions") == {a.name for a in ACTIONS}


def test_the_events_table_is_exactly_what_the_server_pushes() -> None:
    emitted = emitted_event_types()
    assert {"message.new", "help.assigned", "claim.updated"} <= emitted  # the scan works
    assert table_names("### Events") == emitted


def test_the_reference_parser_reads_alternatives_and_queries() -> None:
    routes = documented_routes()
    assert {"GET /kb/articles/{}", "PATCH /kb/articles/{}",
            "POST /programme/helpers/{}/clear-flag", "GET /programme/leaderboard"} <= routes
