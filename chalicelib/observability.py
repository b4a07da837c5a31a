"""One place for the logger, tracer and metrics (Powertools)."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from aws_lambda_powertools import Logger, Metrics

SERVICE = "entraide"

logger = Logger(service=SERVICE)

# At DEBUG, PynamoDB and botocore log whole requests, items included (phone numbers from the
# members mirror, message texts): keep them at WARNING whatever the root level is.
for _library in ("pynamodb", "botocore", "boto3", "urllib3", "s3transfer"):
    logging.getLogger(_library).setLevel(logging.WARNING)
metrics = Metrics(namespace="Entraide", service=SERVICE)
# Powertools keeps the metric set on the class: one emission at a time per process.
_emitting = threading.Lock()


def emit_metrics(points: Iterable[Any]) -> None:
    """Write data points (`name`, `unit`, `value`) as one EMF blob now.

    Chalice handlers are not wrapped in `log_metrics`, so each emission flushes itself.
    """
    points = list(points)
    if not points:
        return
    with _emitting:
        for point in points:
            metrics.add_metric(name=point.name, unit=point.unit, value=point.value)
        metrics.flush_metrics()


@lru_cache(maxsize=1)
def tracer():
    """The X-Ray tracer, patching botocore only: each AWS call becomes a subsegment.

    Built only by functions that trace their AWS calls (`TRACE_AWS_CALLS`, set per function
    in .chalice/config.json) and only inside Lambda: creating it imports the X-Ray SDK, whose
    recorder builds a botocore client (~200 ms of cold start). Every function has Lambda's
    own active tracing (`xray: true`) whatever this says.
    """
    from aws_lambda_powertools import Tracer

    in_lambda = "AWS_LAMBDA_FUNCTION_NAME" in os.environ
    return Tracer(service=SERVICE, disabled=not in_lambda, auto_patch=in_lambda,
                  patch_modules=("botocore",))
