"""The connections store over moto: it decodes stored items itself (the `message.send` hot
path, bench/send_cpu.py), so what it returns must be what the PynamoDB model reads."""

from __future__ import annotations

import time

import pytest

from chalicelib.adapters.dynamodb.models.sessions import ConnectionRecord
from chalicelib.adapters.dynamodb.session_stores import DynamoConnectionRepository
from chalicelib.domain.identity import Principal
from chalicelib.domain.ports import Connection


@pytest.fixture
def store(aws) -> DynamoConnectionRepository:
    return DynamoConnectionRepository()


def connection(cid: str, member: str, roles=("member",), tier=None, at=1_800_000_000.25):
    return Connection(cid, Principal(member, frozenset(roles), tier), at, f"https://x/{cid}")


def as_the_model_reads_it(cid: str) -> Connection:
    r = ConnectionRecord.get(cid)
    return Connection(r.connection_id, Principal(r.member_id, frozenset(r.roles), r.tier),
                      r.connected_at, r.endpoint)


def test_a_stored_connection_reads_back_as_the_model_reads_it(store):
    later = int(time.time()) + 3600
    agent = connection("c-agent", "a-l2", ("agent", "supervisor"), "L2")
    helper = connection("c-helper", "h-1", ("member", "helper"), at=1_800_000_000)
    store.put(agent, later)
    store.put(helper, later)
    for stored in (agent, helper):
        read = store.get(stored.connection_id)
        assert read == stored == as_the_model_reads_it(stored.connection_id)
    assert store.get("c-helper").principal.tier is None
    assert type(store.get("c-helper").connected_at) is int  # as NumberAttribute decodes "…0"
    assert store.get("c-unknown") is None


def test_expired_connections_are_not_returned_until_ttl_deletes_them(store):
    store.put(connection("c-old", "m-alice"), int(time.time()) - 1)
    store.put(connection("c-live", "m-alice"), int(time.time()) + 3600)
    store.put(connection("c-no-expiry", "m-alice"), 0)  # 0: no expiry, as before
    assert store.get("c-old") is None
    assert store.get("c-no-expiry") is not None
    assert {c.connection_id for c in store.for_member("m-alice")} == {"c-live", "c-no-expiry"}


def test_every_connection_of_a_member_is_found_across_query_pages(store, monkeypatch):
    later = int(time.time()) + 3600
    for i in range(5):
        store.put(connection(f"c-{i}", "m-bob"), later)
    store.put(connection("c-other", "m-chloe"), later)
    table = ConnectionRecord._get_connection()
    query = table.query
    pages = []

    def one_item_per_page(*args, **kwargs):
        pages.append(kwargs.get("exclusive_start_key"))
        return query(*args, limit=1, **kwargs)

    monkeypatch.setattr(table, "query", one_item_per_page)
    found = store.for_member("m-bob")
    assert sorted(c.connection_id for c in found) == [f"c-{i}" for i in range(5)]
    assert len(pages) >= 5 and pages[0] is None
    assert all(c == as_the_model_reads_it(c.connection_id) for c in found)
