"""Load, render and deploy the infrastructure template; map its outputs to settings.

Used by `make deploy` (real AWS) and by the local stack (moto), so both deploy the same thing.
"""

from __future__ import annotations

import copy
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


def render(template: dict[str, Any] | None = None) -> str:
    """A template (the deployable one by default) as the JSON text sent to CloudFormation."""
    return json.dumps(load_template() if template is None else template, indent=1)


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
    """Create or update the stack, wait for it, and return its outputs.

    An update that would add more than one global secondary index to a table is applied in
    steps, one new index per table each (CloudFormation refuses more in one update)."""
    target = load_template()
    params = [{"ParameterKey": k, "ParameterValue": v} for k, v in parameters.items()]
    kwargs = {
        "StackName": stack_name,
        "Parameters": params,
        "Capabilities": ["CAPABILITY_NAMED_IAM", "CAPABILITY_IAM"],
    }
    deployed = _deployed_template(cfn, stack_name)
    if deployed is None:
        cfn.create_stack(TemplateBody=render(target), **kwargs)
        return _wait(cfn, stack_name, wait)
    outputs: dict = {}
    for step in index_steps(deployed, target):
        try:
            cfn.update_stack(TemplateBody=render(step), **kwargs)
        except cfn.exceptions.ClientError as e:
            if "No updates are to be performed" not in str(e):
                raise
        outputs = _wait(cfn, stack_name, wait)
    return outputs


def _deployed_template(cfn: Any, stack_name: str) -> dict | None:
    try:
        cfn.describe_stacks(StackName=stack_name)
    except cfn.exceptions.ClientError:
        return None
    body = cfn.get_template(StackName=stack_name)["TemplateBody"]
    return body if isinstance(body, dict) else yaml.safe_load(body)


def _wait(cfn: Any, stack_name: str, wait: float) -> dict:
    while True:
        stack = cfn.describe_stacks(StackName=stack_name)["Stacks"][0]
        status = stack["StackStatus"]
        if status.endswith("_COMPLETE") and "ROLLBACK" not in status:
            break
        if status.endswith("_FAILED") or "ROLLBACK" in status:
            raise RuntimeError(f"stack {stack_name} ended in {status}")
        time.sleep(wait)
    return {o["OutputKey"]: o["OutputValue"] for o in stack.get("Outputs", [])}


def _index_names(resource: dict | None) -> list[str]:
    props = (resource or {}).get("Properties", {})
    return [g["IndexName"] for g in props.get("GlobalSecondaryIndexes", [])]


def index_steps(deployed: dict, target: dict) -> list[dict]:
    """The templates to apply in order to go from `deployed` to `target` adding at most one
    global secondary index per table per update; the last one is `target` itself.
    (Removing indexes is not staged: remove one per deployment.)"""
    old = deployed.get("Resources", {})
    new_indexes = {
        name: [i for i in _index_names(r) if i not in _index_names(old.get(name))]
        for name, r in target["Resources"].items()
        if r["Type"] == "AWS::DynamoDB::Table" and name in old
    }
    count = max((len(v) for v in new_indexes.values()), default=0)
    steps = []
    for k in range(1, count):
        step = copy.deepcopy(target)
        for name, added in new_indexes.items():
            keep = set(_index_names(old.get(name))) | set(added[:k])
            _keep_indexes(step["Resources"][name]["Properties"], keep)
        steps.append(step)
    return steps + [target]


def _keep_indexes(props: dict, keep: set[str]) -> None:
    props["GlobalSecondaryIndexes"] = [
        g for g in props.get("GlobalSecondaryIndexes", []) if g["IndexName"] in keep]
    if not props["GlobalSecondaryIndexes"]:
        del props["GlobalSecondaryIndexes"]
    schemas = [props["KeySchema"]] + [g["KeySchema"] for g in
                                      props.get("GlobalSecondaryIndexes", [])]
    used = {k["AttributeName"] for schema in schemas for k in schema}
    props["AttributeDefinitions"] = [
        a for a in props["AttributeDefinitions"] if a["AttributeName"] in used]


def ttl_attributes() -> dict[str, str]:
    """Logical table id -> its TTL attribute, as declared in the template."""
    resources = load_template()["Resources"]
    return {
        name: r["Properties"]["TimeToLiveSpecification"]["AttributeName"]
        for name, r in resources.items()
        if r["Type"] == "AWS::DynamoDB::Table" and "TimeToLiveSpecification" in r["Properties"]
    }
