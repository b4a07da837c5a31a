"""moto creates a template's state machines in its non-executing store: re-create them by name
in the executing one (same name, same ARN) so the real definition runs locally."""

from __future__ import annotations

from typing import Any

import boto3


def activate_state_machines(cfn: Any, stack_name: str) -> list[str]:
    """Re-create every state machine of the stack so that executions really run."""
    sfn = boto3.client("stepfunctions")
    resources = cfn.describe_stack_resources(StackName=stack_name)["StackResources"]
    activated = []
    for r in resources:
        if r.get("ResourceType") != "AWS::StepFunctions::StateMachine":
            continue
        arn = r["PhysicalResourceId"]
        described = sfn.describe_state_machine(stateMachineArn=arn)
        try:
            sfn.delete_state_machine(stateMachineArn=arn)
        except sfn.exceptions.ClientError:
            pass
        sfn.create_state_machine(
            name=described["name"],
            definition=described["definition"],
            roleArn=described["roleArn"],
            type=described.get("type", "STANDARD"),
        )
        activated.append(arn)
    return activated
