"""Shared fixtures. Fake credentials and UTC are set before anything imports boto3."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

os.environ.update(
    {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_SESSION_TOKEN": "testing",
        "AWS_DEFAULT_REGION": "eu-west-3",
        "AWS_REGION": "eu-west-3",
        "TZ": "UTC",
    }
)
os.environ.pop("AWS_ENDPOINT_URL", None)
os.environ.pop("AWS_PROFILE", None)
import time  # noqa: E402

time.tzset()


def _one_botocore_loader_per_process() -> None:
    """Every test's boto3 sessions share one botocore data loader, as one Lambda container's
    session does: each `mock_aws` starts a new default session (and the app, PynamoDB and the
    fixtures make their own), and a new loader parsed endpoints.json and the service models
    again, a quarter of an integration test's time. The loader caches what it parsed and
    hands the same objects out; sharing it changes nothing a test can see."""
    import functools

    import botocore.session

    botocore.session.create_loader = functools.cache(botocore.session.create_loader)


_one_botocore_loader_per_process()

pytest_plugins = ["tests.support.claims_aws", "tests.support.aws_fixtures"]


def pytest_collection_modifyitems(items: list) -> None:
    """The tests marked `long` first, the rest in their usual order: xdist hands tests out in
    this order, so a long test found last would keep one worker busy while the other idles."""
    items.sort(key=lambda item: item.get_closest_marker("long") is None)
