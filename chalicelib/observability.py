"""One place for the logger, tracer and metrics (Powertools)."""

from __future__ import annotations

import os

from aws_lambda_powertools import Logger, Metrics, Tracer

SERVICE = "entraide"

logger = Logger(service=SERVICE)
# Outside Lambda the X-Ray SDK would build botocore clients at import: keep tracing off there.
tracer = Tracer(service=SERVICE, disabled="AWS_LAMBDA_FUNCTION_NAME" not in os.environ)
metrics = Metrics(namespace="Entraide", service=SERVICE)
