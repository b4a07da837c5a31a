"""Stopping a claim's execution (the erasure withdraws the member's open claims)."""

from __future__ import annotations

from typing import Any

from botocore.exceptions import ClientError

from chalicelib.domain.errors import Unavailable


class StepFunctionsExecutions:
    """`ClaimExecutions`: the execution named after the claim, stopped."""

    def __init__(self, sfn: Any, state_machine_arn: str) -> None:
        self._sfn = sfn
        self._arn = state_machine_arn

    def stop(self, claim_id: str) -> None:
        """Stop it; an execution that never started or is over is fine."""
        arn = self._arn.replace(":stateMachine:", ":execution:") + f":{claim_id}"
        try:
            self._sfn.stop_execution(executionArn=arn, error="claim.withdrawn",
                                     cause="the claimant's data was erased")
        except ClientError as e:
            if e.response.get("Error", {}).get("Code") in ("ExecutionDoesNotExist",
                                                             "ValidationException"):
                return
            raise Unavailable("could not stop the claim workflow; retry") from e
