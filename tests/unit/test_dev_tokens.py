"""The local stack's demo tokens (devstack/dev_tokens.py), and that nothing shipped has them."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from chalicelib.adapters.jwt.token_codec import JwtTokenCodec
from chalicelib.domain.errors import BadInput
from chalicelib.domain.identity import Principal
from devstack.dev_tokens import DevTokens
from tests.support.fakes import InMemoryMemberDirectory

ROOT = Path(__file__).resolve().parents[2]
SECRET = "unit-test-secret-0123456789abcdef0123456789"


@pytest.fixture
def codec() -> JwtTokenCodec:
    return JwtTokenCodec(lambda: SECRET, "entraide")


@pytest.fixture
def tokens(codec) -> DevTokens:
    return DevTokens(codec, InMemoryMemberDirectory([{"member_id": "a-l1", "tier": "L1"}]))


def test_a_dev_token_round_trips_member_and_roles(tokens, codec):
    token = tokens.mint({"member_id": "m-alice", "roles": ["member"]})["token"]
    assert codec.verify(token) == Principal("m-alice", frozenset({"member"}))


def test_a_dev_token_takes_the_tier_from_the_members_mirror(tokens, codec):
    token = tokens.mint({"member_id": "a-l1", "roles": ["agent"]})["token"]
    assert codec.verify(token).tier == "L1"


@pytest.mark.parametrize(
    "body",
    [
        None,
        [],
        {"roles": ["member"]},
        {"member_id": "", "roles": ["member"]},
        {"member_id": "m x", "roles": ["member"]},
        {"member_id": "m-a", "roles": []},
        {"member_id": "m-a", "roles": ["god"]},
        {"member_id": "m-a", "roles": "member"},
        {"member_id": "m-a", "roles": ["member"], "tier": 3},
    ],
)
def test_a_dev_token_refuses_bad_input(tokens, body):
    with pytest.raises(BadInput):
        tokens.mint(body)


def test_no_shipped_code_can_mint_demo_tokens():
    # What Lambda runs is app.py and chalicelib/: none of it may route /dev/ or import the
    # local stack (the rehearsal also checks the packaged API has no /dev/token).
    shipped = [ROOT / "app.py", *sorted((ROOT / "chalicelib").rglob("*.py"))]
    for path in shipped:
        text = path.read_text()
        assert "/dev/" not in text, path
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert not node.module.startswith("devstack"), path
            if isinstance(node, ast.Import):
                assert not any(a.name.startswith("devstack") for a in node.names), path
