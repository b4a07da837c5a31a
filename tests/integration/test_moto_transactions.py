"""moto's transactions with the local stack's per-item rollback (devstack/atomic_dynamodb.py)
keep DynamoDB's all-or-nothing promise: random transactions, some failing a condition or
naming an item twice, leave the table exactly as a model of DynamoDB says, stream included."""

from __future__ import annotations

import random

import boto3
import pytest
from moto import mock_aws

from devstack.atomic_dynamodb import install

KEYS = [(h, r) for h in ("a", "b") for r in ("1", "2", "3")]


@pytest.fixture
def table():
    install()
    with mock_aws():
        client = boto3.client("dynamodb", region_name="eu-west-1")
        client.create_table(
            TableName="t",
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"},
                       {"AttributeName": "sk", "KeyType": "RANGE"}],
            AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                                  {"AttributeName": "sk", "AttributeType": "S"}],
            BillingMode="PAY_PER_REQUEST",
            StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"},
        )
        yield client


def _stream_length() -> int:
    """Records in the table's stream, read from moto's model (its DescribeStream answers
    "not yet implemented" in this version)."""
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.dynamodb.models import dynamodb_backends

    table = dynamodb_backends[DEFAULT_ACCOUNT_ID]["eu-west-1"].get_table("t")
    return len(table.stream_shard.items)


def _contents(client) -> dict[tuple[str, str], int]:
    items = client.scan(TableName="t", ConsistentRead=True)["Items"]  # a test, not a request path
    return {(i["pk"]["S"], i["sk"]["S"]): int(i["v"]["N"]) for i in items}


def _operation(rng: random.Random, model: dict, key: tuple[str, str]) -> tuple[dict, bool]:
    """One random write and whether its condition holds in the model."""
    dynamo_key = {"pk": {"S": key[0]}, "sk": {"S": key[1]}}
    kind = rng.choice(["put_new", "update_if", "delete", "check"])
    if kind == "put_new":
        op = {"Put": {"TableName": "t", "Item": {**dynamo_key, "v": {"N": "1"}},
                      "ConditionExpression": "attribute_not_exists(pk)"}}
        return op, key not in model
    if kind == "update_if":
        expected = rng.choice([model.get(key, 0), rng.randint(0, 3)])
        op = {"Update": {"TableName": "t", "Key": dynamo_key,
                         "UpdateExpression": "SET v = v + :one",
                         "ConditionExpression": "v = :expected",
                         "ExpressionAttributeValues": {":one": {"N": "1"},
                                                       ":expected": {"N": str(expected)}}}}
        return op, key in model and model[key] == expected
    if kind == "delete":
        return {"Delete": {"TableName": "t", "Key": dynamo_key}}, True
    op = {"ConditionCheck": {"TableName": "t", "Key": dynamo_key,
                             "ConditionExpression": "attribute_exists(pk)"}}
    return op, key in model


def _apply(model: dict, op: dict, key: tuple[str, str]) -> None:
    if "Put" in op:
        model[key] = 1
    elif "Update" in op:
        model[key] += 1
    elif "Delete" in op:
        model.pop(key, None)


def test_random_transactions_are_all_or_nothing_stream_included(table):
    rng = random.Random(20261203)
    model: dict[tuple[str, str], int] = {}
    outcomes = {"applied": 0, "cancelled": 0, "rejected": 0}
    for _ in range(300):
        keys = [rng.choice(KEYS) for _ in range(rng.randint(1, 4))]
        ops = [_operation(rng, model, key) for key in keys]
        stream_before = _stream_length()
        try:
            table.transact_write_items(TransactItems=[op for op, _ in ops])
        except table.exceptions.TransactionCanceledException:
            assert not all(holds for _, holds in ops)
            outcomes["cancelled"] += 1
        except table.exceptions.ClientError as error:  # the same item named twice
            assert error.response["Error"]["Code"] == "ValidationException"
            assert len(set(keys)) < len(keys)
            outcomes["rejected"] += 1
        else:
            assert len(set(keys)) == len(keys) and all(holds for _, holds in ops)
            for (op, _), key in zip(ops, keys, strict=True):
                _apply(model, op, key)
            outcomes["applied"] += 1
            assert _contents(table) == model
            continue
        assert _contents(table) == model, "a failed transaction left a trace"
        assert _stream_length() == stream_before, "a failed transaction left a stream record"
    # Every path was taken many times.
    assert min(outcomes.values()) >= 30, outcomes
