"""Every AWS call a packaged function made in the rehearsal, checked against its execution role.

moto does not enforce resource-scoped IAM (its access control compares every statement with the
resource `*`), so the rehearsal records each call (bootstrap.py, `REHEARSAL_CALLS`), turns it
into what IAM authorizes — the actions and resource ARNs AWS documents for it — and evaluates
them with moto's own policy evaluator against the role's inline policies, read back from the
emulator's IAM after CloudFormation created them. A call the role does not allow is a call that
would answer AccessDenied in AWS.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlparse

# IAM's prefix where it differs from the signing name.
_PREFIX = {"monitoring": "cloudwatch"}
# What each item of a DynamoDB transaction is authorized as.
_TRANSACT = {"Put": "PutItem", "Update": "UpdateItem", "Delete": "DeleteItem",
             "ConditionCheck": "ConditionCheckItem", "Get": "GetItem"}
# The HTTP method a @connections operation is, in its execute-api resource ARN.
_CONNECTIONS = {"PostToConnection": "POST", "DeleteConnection": "DELETE",
                "GetConnection": "GET"}


class Where:
    """The account, region and WebSocket API the ARNs are built in."""

    def __init__(self, region: str, account: str, api_id: str, stage: str) -> None:
        self.region, self.account, self.api_id, self.stage = region, account, api_id, stage

    def arn(self, service: str, resource: str) -> str:
        """An ARN of this account and region."""
        return f"arn:aws:{service}:{self.region}:{self.account}:{resource}"


def _dynamodb(operation: str, params: dict[str, Any], where: Where) -> list[tuple[str, str]]:
    def table(name: str, index: str | None = None) -> str:
        return where.arn("dynamodb", f"table/{name}" + (f"/index/{index}" if index else ""))

    if "TransactItems" in params:
        return [(f"dynamodb:{_TRANSACT[kind]}", table(name))
                for kind, name in params["TransactItems"]]
    if "RequestItems" in params:
        return [(f"dynamodb:{operation}", table(name)) for name in params["RequestItems"]]
    return [(f"dynamodb:{operation}", table(params["TableName"], params.get("IndexName")))]


def _execute_api(operation: str, params: dict[str, Any], endpoint: str,
                 where: Where) -> list[tuple[str, str]]:
    host = urlparse(endpoint).hostname or ""
    found = re.match(r"([a-z0-9]+)\.execute-api\.", host)
    api_id = found.group(1) if found else where.api_id
    path = urlparse(endpoint).path.strip("/") or where.stage
    method = _CONNECTIONS[operation]
    resource = f"{api_id}/{path}/{method}/@connections/{params['ConnectionId']}"
    return [("execute-api:ManageConnections", where.arn("execute-api", resource))]


def required(call: dict[str, Any], where: Where) -> list[tuple[str, str]]:
    """The (action, resource ARN) pairs IAM checks for one recorded call."""
    service, operation, params = call["service"], call["operation"], call["params"]
    if service == "dynamodb":
        return _dynamodb(operation, params, where)
    if service == "execute-api":
        return _execute_api(operation, params, call["endpoint"], where)
    action = f"{_PREFIX.get(service, service)}:{operation}"
    if service == "sqs":
        return [(action, where.arn("sqs", params["QueueUrl"].rstrip("/").rsplit("/", 1)[-1]))]
    named = (params.get("TopicArn") or params.get("TargetArn") or params.get("stateMachineArn")
             or params.get("executionArn"))
    if service == "secretsmanager":
        secret = params["SecretId"]
        named = secret if secret.startswith("arn:") else where.arn("secretsmanager",
                                                                   f"secret:{secret}")
    # SMS to a phone number, Rekognition, task tokens: no resource-level permission.
    return [(action, named or "*")]


def denied(calls: Iterable[dict[str, Any]], documents: list[dict[str, Any]],
           where: Where) -> list[dict[str, str]]:
    """The (action, resource) pairs of these calls that no statement allows, or one denies."""
    from moto.iam.access_control import IAMPolicy, PermissionResult

    policies = [IAMPolicy(json.dumps(d)) for d in documents]
    refused: dict[tuple[str, str], dict[str, str]] = {}
    for call in calls:
        for action, resource in required(call, where):
            results = [p.is_action_permitted(action, resource) for p in policies]
            if PermissionResult.DENIED in results or PermissionResult.PERMITTED not in results:
                refused[(action, resource)] = {"action": action, "resource": resource,
                                               "operation": call["operation"]}
    return list(refused.values())


def role_documents(iam: Any, role_arn: str) -> list[dict[str, Any]]:
    """The inline policy documents of a role, as the emulator's IAM holds them."""
    name = role_arn.rsplit("/", 1)[-1]
    documents = []
    for policy in iam.list_role_policies(RoleName=name)["PolicyNames"]:
        document = iam.get_role_policy(RoleName=name, PolicyName=policy)["PolicyDocument"]
        documents.append(json.loads(document) if isinstance(document, str) else document)
    attached = iam.list_attached_role_policies(RoleName=name)["AttachedPolicies"]
    if attached:
        raise ValueError(f"{name} has managed policies the rehearsal does not evaluate")
    return documents


def read_calls(path: Any) -> list[dict[str, Any]]:
    """The calls a function recorded (none if it made none)."""
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line]
