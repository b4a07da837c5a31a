"""Gap 10 of devstack/emulator_gaps.py: moto fails StopExecution while a new execution is
still parsing its definition; AWS stops an execution at any time, and so does the patched
emulator (the erasure withdraws the claim workflow of a claim filed a moment before)."""

from __future__ import annotations

import json
import time

import boto3
import pytest
from moto import mock_aws
from moto.stepfunctions.parser.backend.execution_worker import ExecutionWorker

from devstack.emulator_gaps import stop_executions_while_they_start

DEFINITION = {
    "StartAt": "Wait",
    "States": {"Wait": {"Type": "Wait", "Seconds": 30, "Next": "Done"},
               "Done": {"Type": "Succeed"}},
}


@pytest.fixture
def slow_parse(monkeypatch):
    """A busy machine: each new execution takes half a second to parse its definition."""
    parse = ExecutionWorker._get_evaluation_entrypoint

    def slowly(self):  # type: ignore[no-untyped-def]
        time.sleep(0.5)
        return parse(self)

    monkeypatch.setattr(ExecutionWorker, "_get_evaluation_entrypoint", slowly)


def test_an_execution_stopped_right_after_it_starts_is_aborted(slow_parse):
    stop_executions_while_they_start()
    with mock_aws(config={"stepfunctions": {"execute_state_machine": True}}):
        sfn = boto3.client("stepfunctions")
        machine = sfn.create_state_machine(
            name="m", definition=json.dumps(DEFINITION), type="STANDARD",
            roleArn="arn:aws:iam::123456789012:role/m")["stateMachineArn"]
        arns = [sfn.start_execution(stateMachineArn=machine, name=f"e{i}")["executionArn"]
                for i in range(5)]
        for arn in arns:  # at once: the first ones are still parsing their definition
            sfn.stop_execution(executionArn=arn, error="claim.withdrawn", cause="erased")
        deadline = time.monotonic() + 10
        statuses = []
        while time.monotonic() < deadline:
            statuses = [sfn.describe_execution(executionArn=a)["status"] for a in arns]
            if set(statuses) == {"ABORTED"}:
                break
            time.sleep(0.05)
        assert statuses == ["ABORTED"] * 5
