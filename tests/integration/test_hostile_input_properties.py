"""Hostile input, property-based (docs/reliability.md, "Hostile input"): every registered REST
route and every WebSocket action, called by someone allowed on it, gets malformed, huge, deeply
nested, wrongly typed, non-finite and Unicode-hostile bodies, query strings, path ids and
frames. The answer is always a clean 4xx `{code, message}` (or an `error` frame, after which
the socket still answers), never a 5xx nor an exception, and a refused write stores nothing.

Routes and actions are read from the app (`app.app.routes`, `api/chat.py` `ACTIONS`) and the
field names to aim at from the string literals of the module that declares each one, so a new
route or action is covered without touching this file. The world is the authorization matrix's
(tests/integration/test_authorization_matrix.py): the demo data, a conversation and a claim of
Alice's, a published article.

Hypothesis runs derandomized (the same examples on every run), without its example database,
with EXAMPLES generated cases per route or action on top of the fixed corpus below.
"""

from __future__ import annotations

import ast
import importlib
import json
import re
import sys
import tempfile
import urllib.parse
from collections.abc import Callable
from pathlib import Path
from typing import Any

import boto3
import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

import tests.integration.test_authorization_matrix as authorization

# Nothing is written to the repository: no example database, and Hypothesis's caches
# (Unicode tables, constants it collects from the source) go to the temporary directory.
set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "entraide-hypothesis")
EXAMPLES = 15
SETTINGS = settings(
    max_examples=EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    phases=[Phase.explicit, Phase.generate, Phase.shrink],
    suppress_health_check=list(HealthCheck),
)
# Codes the edge answers before a view runs: a route that only ever got these was not fuzzed.
EDGE_CODES = {"bad_path_parameter", "bad_query_parameter", "unauthenticated", "forbidden",
              "member_suspended"}
# Tables a refused request may legitimately write to: attempt counters (rate limits, code
# misses), the audit trail of reads, sessions. Every other table must be left as it was.
BOOKKEEPING = {"TABLE_COUNTERS", "TABLE_AUDIT", "TABLE_CONNECTIONS", "TABLE_TICKETS",
               "TABLE_PRESENCE"}
PATH_PARAMETER = re.compile(r"\{(\w+)\}")

# --- what is hostile ------------------------------------------------------------------------

NASTY_TEXT = [
    "", " ", "\x00", "a\x00b", "\u202eevil\u202c", "\u200b", "\ufeff", "e" + "\u0301" * 300,
    "\ud800", "x\udfffy", "\udc80", "🙂" * 50, "%00", "%ff%fe", "../../etc/passwd", "{{7*7}}",
    "' OR '1'='1", "\r\n\r\n", "null", "[]", "{}", "NaN", "-Infinity", "1e999", "9" * 400,
    "a" * 129, "a" * 513, "é" * 2001, "x" * 40_000, "\u0000" * 64, "\x7f\x1b[31m",
]
NASTY_NUMBERS = [float("nan"), float("inf"), float("-inf"), 1e308, -1e308, 5e-324, -0.0,
                 2**53, 2**53 + 1, 2**63, -(2**63) - 1, 10**38, 10**300, -1, 0, 1.5]


def deep(depth: int, opener: str = "[", closer: str = "]", leaf: str = "") -> str:
    return opener * depth + leaf + closer * depth


RAW_BODIES = [
    b"", b"   ", b"null", b"[]", b'"text"', b"42", b"true", b"{oops", b"\xff\xfe\xfd",
    b'{"a": "\xc3\x28"}', b'{"text": "\xed\xa0\x80"}', b"\x00" * 16,
    deep(20_000).encode(), deep(16_000, '{"a":', "}", "1").encode(),
    b'{"gesture_eur": Infinity, "charge_eur": NaN, "score": -Infinity}',
    b'{"gesture_eur": 1e999, "expected_version": 1' + b"0" * 400 + b"}",
    b'{"text": "\\ud800", "lang": "\\udfff"}', b'{"a": 1, "a": 2}',
    b"[" + b"1," * 40_000 + b"1]", b'{"x": "' + b"a" * 70_000 + b'"}',
]


def text() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(NASTY_TEXT),
        st.text(max_size=40),
        st.text(st.characters(categories=["Cs", "Cc", "Cf", "Mn", "Zl", "Zp", "Co"]),
                min_size=1, max_size=12),
        st.binary(max_size=24).map(lambda b: b.decode("utf-8", "surrogateescape")),
    )


def json_values(keys: list[str]) -> st.SearchStrategy[Any]:
    leaves = st.one_of(st.none(), st.booleans(), st.sampled_from(NASTY_NUMBERS),
                       st.floats(), st.integers(), text())
    key = st.one_of(st.sampled_from(keys), text()) if keys else text()
    return st.recursive(leaves, lambda kids: st.one_of(
        st.lists(kids, max_size=4), st.dictionaries(key, kids, max_size=4)), max_leaves=8)


def encode(value: Any, ascii_only: bool) -> bytes:
    """JSON as a hostile client sends it: NaN and Infinity literals, lone surrogates either
    escaped (`\\ud800`) or as the invalid UTF-8 a broken encoder writes."""
    return json.dumps(value, allow_nan=True, ensure_ascii=ascii_only).encode(
        "utf-8", "surrogatepass")


def bodies(keys: list[str], valid: dict[str, Any]) -> st.SearchStrategy[bytes]:
    """A body aimed at the route's fields (sometimes valid values for the others), any JSON
    value, or raw bytes."""
    fields = st.dictionaries(st.sampled_from(keys), json_values(keys), min_size=1, max_size=5)
    aimed = st.builds(lambda base, hostile: {**base, **hostile},
                      st.sampled_from([{}, valid]), fields) if keys else json_values(keys)
    return st.one_of(
        st.builds(encode, aimed, st.booleans()),
        st.builds(encode, json_values(keys), st.booleans()),
        st.sampled_from(RAW_BODIES),
        st.binary(max_size=64),
    )


def queries(keys: list[str]) -> st.SearchStrategy[str]:
    def build(params: dict[str, str]) -> str:
        return "&".join(f"{quote(k)}={quote(v)}" for k, v in params.items())

    names = st.one_of(st.sampled_from(keys), text()) if keys else text()
    return st.one_of(
        st.just(""),
        st.dictionaries(names, text(), max_size=4).map(build),
        st.sampled_from(["&&&", "=", "a=1&a=2&a=3", "%ff%fe=%c3%28", "day=" + "9" * 3000,
                         "limit=1e999", "limit=-1", "limit=NaN", "since=0001-01-01"]),
    )


def quote(value: str) -> str:
    return urllib.parse.quote(value.encode("utf-8", "surrogatepass"), safe="")


def path_text() -> st.SearchStrategy[str]:
    # As a client can put them in a URL path (a segment without / ? # or the characters
    # urllib drops): raw, or percent-encoded.
    raw = text().map(lambda s: re.sub(r"[/?#\t\r\n]", "", s)).filter(bool)
    return st.one_of(raw, text().filter(bool).map(quote))


# --- what is registered ---------------------------------------------------------------------


def literals(module_name: str) -> list[str]:
    """Identifier-like string literals of a module: the field and parameter names its views
    and actions read."""
    source = importlib.import_module(module_name).__file__ or ""
    tree = ast.parse(open(source, encoding="utf-8").read())
    found = {n.value for n in ast.walk(tree) if isinstance(n, ast.Constant)
             and isinstance(n.value, str) and re.fullmatch(r"[a-z][a-z_]{1,30}", n.value)}
    return sorted(found)


def registered_routes() -> list[tuple[str, str, Any]]:
    import app

    return sorted((method, path, entry.view_function)
                  for path, methods in app.app.routes.items() for method, entry in methods.items()
                  if method != "OPTIONS" and not entry.view_function.__module__.startswith(
                      "devstack"))


def allowed(access: Any) -> list[str]:
    """The matrix's people who may call a route or send an action (None: anyone)."""
    from devstack.demo_data import MEMBERS

    if access.is_public:
        return ["anon", "member"]
    roles = {m[0]: set(m[4]) for m in MEMBERS}
    return [p for p, who in authorization.PEOPLE.items()
            if who and p not in ("suspended", "sanctioned") and roles[who] & access.roles]


# --- the world and its checks ---------------------------------------------------------------


class Hostile:
    """The authorization matrix's world, and the checks made after every hostile call."""

    def __init__(self, matrix: Any) -> None:
        self.matrix = matrix
        self.tables = [v for k, v in matrix.world.env.items()
                       if k.startswith("TABLE_") and k not in BOOKKEEPING]
        from moto.core import DEFAULT_ACCOUNT_ID
        from moto.dynamodb.models import dynamodb_backends

        self.backend = dynamodb_backends[DEFAULT_ACCOUNT_ID][boto3.session.Session().region_name]
        self.calls = 0
        self.seen: dict[str, set[str]] = {}

    def counts(self) -> dict[str, int]:
        """Items per business table (a refused write must not add any), read from the
        emulator's own store (a Scan per table and per call would double the suite's time)."""
        return {t: len(self.backend.tables[t]) for t in self.tables}

    def rest(self, method: str, path: str, view: Callable[..., Any], who: str,
             request: tuple[dict[str, str], str, bytes, dict[str, str]]) -> None:
        values, query, body, headers = request
        url = PATH_PARAMETER.sub(lambda m: values[m.group(1)], path) + (f"?{query}" if query
                                                                          else "")
        writes = method in ("POST", "PUT", "PATCH", "DELETE")
        before = self.counts() if writes else None
        h = {"Content-Type": "application/json", **headers}
        if authorization.PEOPLE[who]:
            h["Authorization"] = f"Bearer {self.matrix.world.token(authorization.PEOPLE[who])}"
        reply = getattr(self.matrix.world.http, method.lower())(url, headers=h, body=body)
        self.calls += 1
        status = reply.status_code
        assert status < 500, (method, url[:300], body[:300], reply.body[:500])
        if status >= 400:
            answer = json.loads(reply.body)
            assert isinstance(answer.get("code"), str) and answer["code"], answer
            assert isinstance(answer.get("message"), str) and answer["message"], answer
            self.seen.setdefault(f"{method} {path}", set()).add(answer["code"])
            if before is not None:
                assert self.counts() == before, (method, url[:300], body[:300], answer)
        else:
            self.seen.setdefault(f"{method} {path}", set()).add(str(status))

    def frame(self, action: str, who: str, raw: str) -> None:
        cid = self.matrix.socket(who)
        assert cid, who
        before = self.counts()
        reply = self.matrix.ws.send(cid, raw)  # asserts exactly one reply
        self.calls += 1
        assert reply["type"] in ("ack", "error"), reply
        if reply["type"] == "error":
            assert reply["code"] != "internal", (action, raw[:300], reply)
            assert isinstance(reply["code"], str) and isinstance(reply["message"], str), reply
            assert self.counts() == before, (action, raw[:300], reply)
            alive = self.matrix.ws.send(cid, json.dumps({"action": "ping", "request_id": "p"}))
            assert alive["type"] == "ack", alive
        self.seen.setdefault(action, set()).add(reply.get("code", "ack"))


@pytest.fixture
def hostile(matrix: Any) -> Hostile:
    return Hostile(matrix)


matrix = authorization.matrix  # the fixture, shared with the authorization matrix


def requests(path: str, keys: list[str], real: dict[str, str], valid: dict[str, Any]
             ) -> st.SearchStrategy[tuple[dict[str, str], str, bytes, dict[str, str]]]:
    names = PATH_PARAMETER.findall(path)
    # Real ids and no query string most of the time, so that most examples reach the view.
    values = st.fixed_dictionaries({n: st.one_of(st.just(real[n]), st.just(real[n]),
                                                 path_text()) for n in names})
    headers = st.fixed_dictionaries({}, optional={
        "Idempotency-Key": st.one_of(st.uuids().map(str), st.uuids().map(str),
                                     text().filter(str.isprintable)),
        "Authorization": st.sampled_from(["Bearer ", "Bearer x.y.z", "Basic \x00"]),
    })
    query = st.one_of(st.just(""), st.just(""), queries(keys))
    return st.tuples(values, query, bodies(keys, valid), headers)


def valid_body(matrix: Any) -> dict[str, Any]:
    """Plausible values for the common fields, so that a hostile one is not the only thing
    wrong with the body and the view reads further."""
    return {"booking_id": "bk-1", "problem": "driver_no_show", "answers": {}, "lang": "fr",
            "text": "Bonjour", "confirm": True, "outcome": "refund_half", "topic": "booking",
            "expected_version": 1, "conversation_id": matrix.conversation,
            "client_msg_id": "hostile-1", "status": "available", "consent": True,
            "score": 3, "after_seq": 0, "reason": "help"}


def fuzz_route(hostile: Hostile, method: str, path: str, view: Callable[..., Any]) -> None:
    m = hostile.matrix
    keys = literals(view.__module__)
    real = {"claim_id": m.claim, "conversation_id": m.conversation, "article_id": m.article,
            "member_id": "h-5", "item_id": "mod-unknown"}
    strategy = requests(path, keys, real, valid_body(m))
    names = PATH_PARAMETER.findall(path)

    @SETTINGS
    @given(who=st.sampled_from(allowed(view.access)), request=strategy)
    @example(who=allowed(view.access)[0],
             request=({n: real[n] for n in names}, "", deep(20_000).encode(), {}))
    @example(who=allowed(view.access)[0],
             request=({n: real[n] for n in names}, "", b'{"gesture_eur": Infinity}', {}))
    @example(who=allowed(view.access)[0],
             request=({n: "x" * 3000 for n in names}, "day=" + "9" * 3000, b"{}", {}))
    def check(who: str, request: Any) -> None:
        hostile.rest(method, path, view, who, request)

    check()


def fuzz_action(hostile: Hostile, name: str, access: Any, keys: list[str]) -> None:
    m = hostile.matrix
    valid = valid_body(m)
    fields = st.dictionaries(st.sampled_from(keys), json_values(keys), min_size=1, max_size=5)
    aimed = st.builds(lambda base, bad: {**base, **bad, "action": name},
                      st.sampled_from([{}, valid]), fields)
    frames = st.one_of(
        st.builds(lambda v, a: encode(v, a).decode("utf-8", "surrogateescape"), aimed,
                  st.booleans()),
        st.sampled_from([b.decode("utf-8", "surrogateescape") for b in RAW_BODIES]),
        st.builds(lambda v: json.dumps(v, allow_nan=True), json_values(keys)),
        st.sampled_from([
            f'{{"action": "{name}", "x": {deep(16_000)}}}',
            f'{{"action": "{name}", "score": NaN, "after_seq": Infinity}}',
            f'{{"action": "{name}", "request_id": "\\ud800"}}',
            f'{{"action": "{name}\\u0000"}}', f'{{"action": ["{name}"]}}',
            '{{"action": "{}", "text": "{}"}}'.format(name, "a" * 33_000),
        ]),
    )

    @SETTINGS
    @given(who=st.sampled_from(allowed(access)), raw=frames)
    def check(who: str, raw: str) -> None:
        hostile.frame(name, who, raw)

    check()


# --- the properties -------------------------------------------------------------------------


ROUTES = registered_routes()


@pytest.mark.parametrize("half", [0, 1])
def test_no_hostile_request_gets_a_5xx_on_any_route(hostile, half):
    assert len(ROUTES) >= 40
    for method, path, view in ROUTES[half::2]:
        fuzz_route(hostile, method, path, view)
    past_the_edge = {k for k, codes in hostile.seen.items() if codes - EDGE_CODES}
    assert past_the_edge == {f"{m} {p}" for m, p, _ in ROUTES[half::2]}
    print(f"\nhostile REST calls: {hostile.calls}", file=sys.stderr)


def test_no_hostile_frame_gets_an_internal_error_or_drops_the_socket(hostile):
    from chalicelib.api.chat import ACTIONS

    keys = literals("chalicelib.api.chat")
    for action in ACTIONS:
        fuzz_action(hostile, action.name, action.access, keys)
    assert set(hostile.seen) == {a.name for a in ACTIONS}
    print(f"\nhostile frames: {hostile.calls}", file=sys.stderr)
