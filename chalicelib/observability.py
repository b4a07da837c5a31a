"""One place for the logger, tracer and metrics (Powertools)."""

from __future__ import annotations

import os
from functools import lru_cache

from aws_lambda_powertools import Logger, Metrics

SERVICE = "entraide"

logger = Logger(service=SERVICE)
metrics = Metrics(namespace="Entraide", service=SERVICE)


@lru_cache(maxsize=1)
def tracer():
    """The X-Ray tracer, built on first use and only inside Lambda.

    Importing the X-Ray SDK builds botocore clients (~200 ms): that must never happen at
    import, nor at all outside Lambda, where tracing is off.
    """
    from aws_lambda_powertools import Tracer

    in_lambda = "AWS_LAMBDA_FUNCTION_NAME" in os.environ
    return Tracer(service=SERVICE, disabled=not in_lambda, auto_patch=in_lambda)
