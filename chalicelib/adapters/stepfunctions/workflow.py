"""The settle_claim state machine through the Step Functions API (the workflow gateway)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from botocore.exceptions import ClientError

from chalicelib.domain.claims.ports import TaskGone
from chalicelib.domain.errors import Unavailable
from chalicelib.observability import logger

# A task that no longer waits: answered already, timed out, or its execution is over.
GONE = frozenset({"TaskTimedOut", "TaskDoesNotExist", "InvalidToken"})


def _code(error: ClientError) -> str:
    return error.response.get("Error", {}).get("Code", "")


class StepFunctionsWorkflow:
    """Starts one execution per claim and resumes its waiting tasks; tokens stay server-side."""

    def __init__(self, sfn: Any, state_machine_arn: str) -> None:
        self._sfn = sfn
        self._arn = state_machine_arn

    def start(self, name: str, execution_input: Mapping[str, Any]) -> None:
        """Start the execution `name`; again with the same name is a no-op.

        The input is serialised with sorted keys so a retry sends byte-identical input, which
        Step Functions treats as the same request while the execution runs. Once it has ended
        (or on any other name clash) it answers ExecutionAlreadyExists: the claim id is derived
        from the member and the Idempotency-Key and the service compared the request bodies
        before calling, so the existing execution is this claim's.
        """
        try:
            self._sfn.start_execution(
                stateMachineArn=self._arn,
                name=name,
                input=json.dumps(execution_input, sort_keys=True, separators=(",", ":")),
            )
        except ClientError as e:
            if _code(e) == "ExecutionAlreadyExists":
                logger.info("claim execution already started", claim_id=name)
                return
            raise Unavailable("could not start the claim workflow; retry") from e

    def succeed(self, token: str, output: Mapping[str, Any]) -> None:
        """Resume the waiting task with its result; TaskGone when it no longer waits."""
        try:
            self._sfn.send_task_success(
                taskToken=token, output=json.dumps(output, sort_keys=True, separators=(",", ":"))
            )
        except ClientError as e:
            if _code(e) in GONE:
                raise TaskGone("the time to answer this is over") from e
            raise Unavailable("could not resume the claim workflow; retry") from e

    def fail(self, token: str, error: str, cause: str = "") -> None:
        """Fail the waiting task (a request its consumer can never handle); gone is fine."""
        try:
            self._sfn.send_task_failure(taskToken=token, error=error[:256], cause=cause[:32768])
        except ClientError as e:
            if _code(e) in GONE:
                return
            raise Unavailable("could not fail the claim workflow task; retry") from e

    def stop(self, name: str) -> None:
        """Stop the execution `name` (the erasure withdraws a claim); one that never started
        or is over is fine."""
        arn = self._arn.replace(":stateMachine:", ":execution:") + f":{name}"
        try:
            self._sfn.stop_execution(executionArn=arn, error="claim.withdrawn",
                                     cause="the claimant's data was erased")
        except ClientError as e:
            if _code(e) in ("ExecutionDoesNotExist", "ValidationException"):
                return
            raise Unavailable("could not stop the claim workflow; retry") from e
