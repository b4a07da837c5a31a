"""What moto 5.2 lacks that AWS has, filled in for the rehearsals (and only there).

`make deploy` and the packaged functions run unchanged against the emulator; where moto does
not do what AWS does, it is patched here, each gap named with what AWS does instead:

1. CloudFormation cannot create `AWS::SecretsManager::Secret` (it warns and skips it, so the
   stack's `Ref` to the JWT and ingest keys is empty). AWS creates the secret with a random
   `GenerateSecretString` value and `Ref` returns its ARN: a small resource model does that.
2. `ImportRestApi`/`PutRestApi` accept only OpenAPI 3; Chalice sends Swagger 2.0, which AWS
   accepts. moto's importer only reads `paths`, methods, responses and the
   `x-amazon-apigateway-integration` blocks, which the two versions share, so the document is
   passed on as it is, without moto's OpenAPI 3 validation.
3. `ImportRestApi` requires `info.description`; in AWS it is optional (Chalice sends none).
4. A `mock` integration (Chalice's CORS preflight) has no `uri` nor `httpMethod`; moto's
   importer passes `None` for both and its integration model fails on them. AWS accepts it.
5. `apigatewayv2` has no `CreateDeployment` (Chalice deploys the WebSocket API's stage with
   it) nor `UpdateStage` (make deploy sets the stage's throttling): here they answer as AWS
   does, the stage keeping the settings it was given.
6. CloudFormation cannot create `AWS::CloudFront::Distribution`,
   `AWS::CloudFront::OriginAccessControl` nor `AWS::S3::BucketPolicy` (the web clients'
   hosting): small models create them through moto's own CloudFront and S3 backends, with
   the attributes the template reads (`DomainName`, `Id`).
7. An `AWS::IAM::Role`'s inline `Policies` are stored as the text of a Python dict (AWS
   stores the JSON document) and a stack update leaves them as they were (AWS replaces them):
   the role model stores JSON and puts the template's policies again on update.
8. A stack update with a changed parameter updates only the resources that `Ref` it; AWS
   also updates those naming it in an `Fn::Sub` string (`${WebSocketApiId}` in the roles).
9. CloudFormation cannot create `AWS::CloudWatch::Alarm` (it warns and skips it). AWS
   creates the metric alarm (`Ref` is its name) with its actions: a small model puts it
   through moto's own CloudWatch `PutMetricAlarm`, so `DescribeAlarms` shows what AWS would.
10. `StopExecution` fails with an internal error while a new execution is still parsing its
   definition (its worker has no environment yet: a second or more on a busy machine); AWS
   stops an execution at any time. Here the stop waits for the worker to be ready (at most
   10 s). The erasure stops the claim workflow of a claim filed a moment before: the
   rehearsal hit this. The local stack applies this patch too.

`install()` applies them in this process; `serve()` runs a patched moto server.
"""

from __future__ import annotations

import functools
import json
import secrets
import string
import threading
from typing import Any
from urllib.parse import unquote

_installed = threading.Lock()
_done = False


def install() -> None:
    """Apply every patch once in this process (before the moto server handles requests)."""
    global _done
    with _installed:
        if _done:
            return
        _secrets_in_cloudformation()
        _web_hosting_in_cloudformation()
        _rest_api_import()
        _websocket_deployments()
        _role_policies_in_cloudformation()
        _parameters_in_substitutions()
        _alarms_in_cloudformation()
        stop_executions_while_they_start()
        _done = True


@functools.cache  # once per process
def stop_executions_while_they_start() -> None:  # gap 10
    """StopExecution waits (at most 10 s) for a starting execution's worker to be ready."""
    import time

    from moto.stepfunctions.parser.backend.execution_worker import ExecutionWorker

    stop = ExecutionWorker.stop

    def stop_once_started(self, stop_date, error, cause):  # type: ignore[no-untyped-def]
        deadline = time.monotonic() + 10
        while self.env is None and time.monotonic() < deadline:
            time.sleep(0.01)
        return stop(self, stop_date=stop_date, error=error, cause=cause)

    ExecutionWorker.stop = stop_once_started  # type: ignore[method-assign]


def _secrets_in_cloudformation() -> None:
    from moto.secretsmanager.models import secretsmanager_backends

    def secret(props: dict[str, Any], account: str, region: str) -> Any:
        value = props.get("SecretString")
        if value is None:
            spec = props.get("GenerateSecretString") or {}
            alphabet = string.ascii_letters + string.digits
            if not spec.get("ExcludePunctuation"):
                alphabet += "!#$%&()*+,-./:;<=>?@[]^_{|}~"
            length = int(spec.get("PasswordLength", 32))
            value = "".join(secrets.choice(alphabet) for _ in range(length))
        created = secretsmanager_backends[account][region].create_secret(
            name=props["Name"], secret_string=value, secret_binary=None,
            description=props.get("Description"), tags=props.get("Tags"), kms_key_id=None,
            client_request_token=None, replica_regions=[], force_overwrite=False,
        )
        return json.loads(created)["ARN"], {}  # Ref is the secret's ARN, as in AWS

    _cfn_model("AWS::SecretsManager::Secret", "secretsmanager", secret, {})


def _alarms_in_cloudformation() -> None:  # gap 9
    from moto.cloudwatch.models import cloudwatch_backends

    def alarm(props: dict[str, Any], account: str, region: str) -> Any:
        created = cloudwatch_backends[account][region].put_metric_alarm(
            name=props["AlarmName"], namespace=props.get("Namespace", ""),
            metric_name=props.get("MetricName", ""),
            comparison_operator=props["ComparisonOperator"],
            evaluation_periods=int(props["EvaluationPeriods"]),
            period=int(props.get("Period", 60)), threshold=float(props["Threshold"]),
            statistic=props.get("Statistic", ""), description=props.get("AlarmDescription", ""),
            dimensions=list(props.get("Dimensions", [])),
            alarm_actions=list(props.get("AlarmActions", [])),
            ok_actions=list(props.get("OKActions", [])),
            treat_missing_data=props.get("TreatMissingData"),
        )
        return created.name, {"Arn": created.alarm_arn}

    _cfn_model("AWS::CloudWatch::Alarm", "cloudwatch", alarm, {"Arn": "Arn"})


def _cfn_model(resource_type: str, service: str, create: Any, attributes: dict[str, str]) -> None:
    """Register a CloudFormation model: `create(props, account, region)` returns
    (physical id, attribute values); `attributes` maps GetAtt names to those values' keys."""
    from moto.cloudformation import parsing
    from moto.core.common_models import CloudFormationModel

    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id,
                                        region_name, **kwargs):  # type: ignore[no-untyped-def]
        physical_id, values = create(cloudformation_json.get("Properties", {}), account_id,
                                     region_name)
        resource = cls()
        resource.physical_resource_id = physical_id
        resource.values = values
        return resource

    def get_cfn_attribute(self, attribute_name):  # type: ignore[no-untyped-def]
        return self.values[attributes[attribute_name]]

    namespace = {
        "__module__": f"moto.{service}.models",
        "cloudformation_name_type": staticmethod(lambda: ""),
        "cloudformation_type": staticmethod(lambda: resource_type),
        "has_cfn_attr": classmethod(lambda cls, attr: attr in attributes),
        "create_from_cloudformation_json": classmethod(create_from_cloudformation_json),
        "update_from_cloudformation_json": classmethod(
            lambda cls, original, *args, **kwargs: original),
        "delete_from_cloudformation_json": classmethod(lambda cls, *args, **kwargs: None),
        "is_created": lambda self: True,
        "get_cfn_attribute": get_cfn_attribute,
    }
    type(resource_type.replace(":", ""), (CloudFormationModel,), namespace)
    for cached in (parsing.get_model_list, parsing.get_model_map, parsing.get_name_type_map):
        cached.cache_clear()


def _web_hosting_in_cloudformation() -> None:
    from moto.cloudfront.models import cloudfront_backends
    from moto.s3.models import s3_backends

    def origin_access_control(props: dict[str, Any], account: str, region: str) -> Any:
        backend = cloudfront_backends[account]["global"]
        control = backend.create_origin_access_control(
            dict(props["OriginAccessControlConfig"]))
        return control.id, {"id": control.id}

    def distribution(props: dict[str, Any], account: str, region: str) -> Any:
        config = json.loads(json.dumps(props["DistributionConfig"]))
        origins = config["Origins"]
        config["Origins"] = {"Quantity": len(origins), "Items": origins}
        config["CallerReference"] = secrets.token_hex(8)
        config.setdefault("Comment", "")
        backend = cloudfront_backends[account]["global"]
        created, _, _ = backend.create_distribution(config, tags=[])
        return created.distribution_id, {"domain": created.domain_name,
                                         "id": created.distribution_id}

    def bucket_policy(props: dict[str, Any], account: str, region: str) -> Any:
        document = json.dumps(props["PolicyDocument"]).encode()
        s3_backends[account]["aws"].put_bucket_policy(props["Bucket"], document)
        return props["Bucket"], {}

    _cfn_model("AWS::CloudFront::OriginAccessControl", "cloudfront", origin_access_control,
               {"Id": "id"})
    _cfn_model("AWS::CloudFront::Distribution", "cloudfront", distribution,
               {"DomainName": "domain", "Id": "id"})
    _cfn_model("AWS::S3::BucketPolicy", "s3", bucket_policy, {})


def _rest_api_import() -> None:
    from moto.apigateway import models

    backend = models.APIGatewayBackend
    original_put = backend.put_rest_api
    original_import = backend.import_rest_api
    original_integration = backend.put_integration

    def put_rest_api(self: Any, function_id: str, api_doc: dict[str, Any], fail_on_warnings: bool,
                     mode: str = "merge") -> Any:
        if api_doc.get("swagger"):  # gap 2: read Swagger 2.0 like OpenAPI 3
            api_doc = {k: v for k, v in api_doc.items() if k != "swagger"}
            api_doc["openapi"] = "3.0.1"
            fail_on_warnings = False
        return original_put(self, function_id, api_doc, fail_on_warnings, mode)

    def import_rest_api(self: Any, api_doc: dict[str, Any], fail_on_warnings: bool) -> Any:
        info = dict(api_doc.get("info") or {})
        info.setdefault("description", "")  # gap 3
        return original_import(self, {**api_doc, "info": info}, fail_on_warnings)

    def put_integration(self: Any, function_id: str, resource_id: str, method_type: str,
                        integration_type: str, uri: str | None = None,
                        integration_method: str | None = None, **kwargs: Any) -> Any:
        if integration_type and integration_type.lower() == "mock":  # gap 4
            uri = uri or ""
            integration_method = integration_method or method_type
        return original_integration(self, function_id, resource_id, method_type,
                                    integration_type, uri, integration_method, **kwargs)

    backend.put_rest_api = put_rest_api  # type: ignore[method-assign]
    backend.import_rest_api = import_rest_api  # type: ignore[method-assign]
    backend.put_integration = put_integration  # type: ignore[method-assign]


def _websocket_deployments() -> None:
    from moto.apigatewayv2 import responses, urls

    def create_deployment(self: Any) -> tuple[int, dict[str, str], str]:  # gap 5
        deployment = {"deploymentId": secrets.token_hex(3), "deploymentStatus": "DEPLOYED"}
        return 201, {}, json.dumps(deployment)

    def update_stage(self: Any) -> tuple[int, dict[str, str], str]:  # gap 5
        api_id = self.path.split("/")[-3]
        stage = self.apigatewayv2_backend.get_stage(api_id, unquote(self.path.split("/")[-1]))
        changes = json.loads(self.body or "{}")
        stage.default_route_settings = {**stage.default_route_settings,
                                        **changes.get("defaultRouteSettings", {})}
        stage.route_settings = {**stage.route_settings, **changes.get("routeSettings", {})}
        return 200, {}, json.dumps(stage.to_json())

    responses.ApiGatewayV2Response.create_deployment = create_deployment  # type: ignore
    responses.ApiGatewayV2Response.update_stage = update_stage  # type: ignore
    urls.url_paths.setdefault(
        "{0}/v2/apis/(?P<api_id>[^/]+)/deployments$",
        responses.ApiGatewayV2Response.dispatch,
    )


def _role_policies_in_cloudformation() -> None:  # gap 7
    from moto.iam.models import Role

    def put_policies(role: Any, props: dict[str, Any]) -> Any:
        for name in list(role.policies):
            role.delete_policy(name)
        for policy in props.get("Policies", []):
            role.put_policy(policy["PolicyName"], json.dumps(policy["PolicyDocument"]))
        return role

    create, update = Role.create_from_cloudformation_json, Role.update_from_cloudformation_json

    def create_role(cls, resource_name, cloudformation_json, account_id, region_name,
                    **kwargs):  # type: ignore[no-untyped-def]
        role = create.__func__(cls, resource_name, cloudformation_json, account_id,
                               region_name, **kwargs)
        return put_policies(role, cloudformation_json["Properties"])

    def update_role(cls, original_resource, new_resource_name, cloudformation_json, account_id,
                    region_name):  # type: ignore[no-untyped-def]
        role = update.__func__(cls, original_resource, new_resource_name, cloudformation_json,
                               account_id, region_name)
        return put_policies(role, cloudformation_json["Properties"])

    Role.create_from_cloudformation_json = classmethod(create_role)  # type: ignore[method-assign]
    Role.update_from_cloudformation_json = classmethod(update_role)  # type: ignore[method-assign]


def _parameters_in_substitutions() -> None:  # gap 8
    import re

    from moto.cloudformation import parsing

    references = parsing.get_references_from_template

    def substituted(node: Any) -> list[str]:
        if isinstance(node, dict):
            text = node.get("Fn::Sub")
            text = text[0] if isinstance(text, list) else text
            names = re.findall(r"\$\{([A-Za-z0-9]+)\}", text) if isinstance(text, str) else []
            return names + [n for value in node.values() for n in substituted(value)]
        if isinstance(node, list):
            return [n for item in node for n in substituted(item)]
        return []

    def with_substitutions(template: Any) -> list[str]:
        return references(template) + substituted(template)

    parsing.get_references_from_template = with_substitutions


def serve(host: str = "127.0.0.1", port: int = 0) -> Any:
    """Start a patched moto server in this process; returns it (`.stop()`, `.port`)."""
    from devstack import moto_server

    install()
    return moto_server.start(host, port)


def main() -> None:
    """`python -m devstack.emulator_gaps [--port N]`: a patched moto server until killed."""
    import argparse
    import time

    from moto.core.config import default_user_config

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    from devstack.atomic_dynamodb import install as serialise_dynamodb

    # As in the local stack: DynamoDB's per-request atomicity, and real executions.
    serialise_dynamodb()
    default_user_config.setdefault("stepfunctions", {})["execute_state_machine"] = True
    server = serve(port=args.port)
    host, port = server.get_host_and_port()
    print(f"http://{host}:{port}", flush=True)
    while True:
        time.sleep(3600)


if __name__ == "__main__":
    main()
