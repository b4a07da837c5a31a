"""Tables created straight from the PynamoDB models (tests and benchmarks), with their TTL."""

from __future__ import annotations

import boto3

from chalicelib.adapters.dynamodb.models import ALL_MODELS, bind_models
from chalicelib.settings import Settings


def create_tables(settings: Settings) -> None:
    """Create every table from its model, with TTL, as the template declares them."""
    client = boto3.client("dynamodb")
    bind_models(settings)
    for model in ALL_MODELS:
        model.create_table(billing_mode="PAY_PER_REQUEST", wait=False)
        ttl = [n for n, a in model.get_attributes().items() if getattr(a, "ttl", False)]
        if ttl:
            client.update_time_to_live(
                TableName=model.Meta.table_name,
                TimeToLiveSpecification={"AttributeName": ttl[0], "Enabled": True},
            )
