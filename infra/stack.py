"""Load, render and deploy the infrastructure template; map its outputs to settings.

Used by `make deploy` (real AWS) and by the local stack (moto), so both deploy the same thing.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any

import yaml

INFRA = Path(__file__).resolve().parent
TEMPLATE = INFRA / "template.yaml"
FILE_REF = "@file:"


def load_template() -> dict[str, Any]:
    """The template as a dict, with every `@file:` string replaced by that file's text."""
    template = yaml.safe_load(TEMPLATE.read_text())
    return _inline_files(template)


def _inline_files(node: Any) -> Any:
    # State machine definitions live in their own .asl.json files; the template points at
    # them as "@file:statemachines/x.asl.json" inside an Fn::Sub, which this resolves.
    if isinstance(node, dict):
        return {k: _inline_files(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_inline_files(v) for v in node]
    if isinstance(node, str) and node.startswith(FILE_REF):
        return (INFRA / node[len(FILE_REF) :]).read_text()
    return node


def render() -> str:
    """The deployable template as JSON text."""
    return json.dumps(load_template(), indent=1)


def env_name(output_key: str) -> str:
    """`TableConnections` -> `TABLE_CONNECTIONS`: stack outputs are named after settings."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", output_key).upper()


# Outputs used by the deployment itself, not by the functions' settings.
DEPLOYMENT_OUTPUTS = frozenset({
    "ApiHandlerRoleArn", "AuthorizerRoleArn", "ChatRoleArn", "ClaimsWorkerRoleArn",
    "ScheduleRoleArn", "WebBucketName", "WebDistributionId",
})


def outputs_as_env(outputs: dict[str, str]) -> dict[str, str]:
    """Stack outputs as the environment variables the settings read."""
    return {env_name(k): v for k, v in outputs.items() if k not in DEPLOYMENT_OUTPUTS}


def deploy(cfn: Any, stack_name: str, parameters: dict[str, str], wait: float = 0.5) -> dict:
    """Create or update the stack, wait for it, and return its outputs."""
    body = render()
    params = [{"ParameterKey": k, "ParameterValue": v} for k, v in parameters.items()]
    kwargs = {
        "StackName": stack_name,
        "TemplateBody": body,
        "Parameters": params,
        "Capabilities": ["CAPABILITY_NAMED_IAM", "CAPABILITY_IAM"],
    }
    try:
        cfn.describe_stacks(StackName=stack_name)
        exists = True
    except cfn.exceptions.ClientError:
        exists = False
    if exists:
        try:
            cfn.update_stack(**kwargs)
        except cfn.exceptions.ClientError as e:
            if "No updates are to be performed" not in str(e):
                raise
    else:
        cfn.create_stack(**kwargs)
    while True:
        stack = cfn.describe_stacks(StackName=stack_name)["Stacks"][0]
        status = stack["StackStatus"]
        if status.endswith("_COMPLETE") and "ROLLBACK" not in status:
            break
        if status.endswith("_FAILED") or "ROLLBACK" in status:
            raise RuntimeError(f"stack {stack_name} ended in {status}")
        time.sleep(wait)
    return {o["OutputKey"]: o["OutputValue"] for o in stack.get("Outputs", [])}


def ttl_attributes() -> dict[str, str]:
    """Logical table id -> its TTL attribute, as declared in the template."""
    resources = load_template()["Resources"]
    return {
        name: r["Properties"]["TimeToLiveSpecification"]["AttributeName"]
        for name, r in resources.items()
        if r["Type"] == "AWS::DynamoDB::Table" and "TimeToLiveSpecification" in r["Properties"]
    }
