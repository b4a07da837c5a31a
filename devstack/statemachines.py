"""moto creates a template's state machines in its non-executing store, which the API no longer
sees once executions are enabled: re-create each one by name in the executing store (same name,
same ARN) from the template's own definition, resolved against the stack's resources, so the
real definition runs locally."""

from __future__ import annotations

import re
from typing import Any

import boto3

from infra.stack import load_template

PLACEHOLDER = re.compile(r"\$\{([A-Za-z0-9_]+)\}")


def _resolve(value: Any, physical: dict[str, str], iam: Any) -> str:
    # Only the intrinsics a state machine's properties use here: Ref, Fn::GetAtt [X, Arn], Fn::Sub.
    if isinstance(value, str):
        return value
    if "Ref" in value:
        return physical[value["Ref"]]
    if "Fn::GetAtt" in value:
        logical, attribute = value["Fn::GetAtt"]
        if attribute != "Arn":
            raise ValueError(f"unsupported attribute {attribute}")
        return iam.get_role(RoleName=physical[logical])["Role"]["Arn"]
    if "Fn::Sub" in value:
        text, variables = value["Fn::Sub"]
        resolved = {k: _resolve(v, physical, iam) for k, v in variables.items()}
        return PLACEHOLDER.sub(lambda m: resolved[m.group(1)], text)
    raise ValueError(f"unsupported intrinsic {sorted(value)}")


def activate_state_machines(
    cfn: Any, stack_name: str, sfn: Any = None, iam: Any = None
) -> list[str]:
    """Re-create every state machine of the stack so that executions really run."""
    sfn = sfn or boto3.client("stepfunctions")
    iam = iam or boto3.client("iam")
    template = load_template()["Resources"]
    resources = cfn.describe_stack_resources(StackName=stack_name)["StackResources"]
    known = [r for r in resources if "LogicalResourceId" in r]
    physical = {r["LogicalResourceId"]: r["PhysicalResourceId"] for r in known}
    activated = []
    for r in known:
        if r.get("ResourceType") != "AWS::StepFunctions::StateMachine":
            continue
        arn = r["PhysicalResourceId"]
        props = template[r["LogicalResourceId"]]["Properties"]
        try:
            sfn.delete_state_machine(stateMachineArn=arn)
        except sfn.exceptions.ClientError:
            pass
        sfn.create_state_machine(
            name=arn.rsplit(":", 1)[-1],
            definition=_resolve(props["DefinitionString"], physical, iam),
            roleArn=_resolve(props["RoleArn"], physical, iam),
            type=props.get("StateMachineType", "STANDARD"),
        )
        activated.append(arn)
    return activated
