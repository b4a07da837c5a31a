"""Reading DynamoDB's refusals, the same way in every adapter.

A cancelled TransactWriteItems carries one reason per item, in the order the items were
written; a conditional single-item write fails with `ConditionalCheckFailedException`.
"""

from __future__ import annotations

from pynamodb.exceptions import PynamoDBException, TransactWriteError

CHECK_FAILED = "ConditionalCheckFailed"
CONDITIONAL_CHECK_FAILED = "ConditionalCheckFailedException"
TRANSACTION_CANCELLED = "TransactionCanceledException"


def cancellation_reasons(error: TransactWriteError) -> list[str]:
    """The code of each item's outcome, in write order ("" where the item was fine)."""
    return [(r.code if r else "") for r in (error.cancellation_reasons or [])]


def check_failed(error: TransactWriteError, index: int) -> bool:
    """Whether the condition of the `index`-th item of the transaction failed."""
    reasons = cancellation_reasons(error)
    return index < len(reasons) and reasons[index] == CHECK_FAILED


def was_cancelled(error: TransactWriteError) -> bool:
    """Whether DynamoDB cancelled the transaction (rather than failing to run it)."""
    return error.cause_response_code == TRANSACTION_CANCELLED


def condition_failed(error: PynamoDBException) -> bool:
    """Whether a single-item conditional write was refused by its condition."""
    return error.cause_response_code == CONDITIONAL_CHECK_FAILED
