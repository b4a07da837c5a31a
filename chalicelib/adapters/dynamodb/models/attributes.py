"""PynamoDB attributes shared by the models of several contexts."""

from __future__ import annotations

from pynamodb.attributes import NumberAttribute


class EpochTTL(NumberAttribute):
    """A DynamoDB TTL attribute as plain epoch seconds (what DynamoDB itself expects)."""

    ttl = True

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("null", True)
        super().__init__(**kwargs)
