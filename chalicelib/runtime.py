"""The composition root, reached lazily from the handlers.

Importing app.py is Lambda's init phase: it must stay light (no adapter, boto3, PynamoDB or
JWT library imported), so the root's module is imported by the first request that needs it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from chalicelib.composition import Services


def services() -> Services:
    """The process-wide composition root, built on first use."""
    from chalicelib.composition import services as root

    return root()
