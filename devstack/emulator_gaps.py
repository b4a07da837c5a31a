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
   it); here it answers a deployment id, as AWS does.

`install()` applies them in this process; `serve()` runs a patched moto server.
"""

from __future__ import annotations

import json
import secrets
import string
import threading
from typing import Any

_installed = threading.Lock()
_done = False


def install() -> None:
    """Apply every patch once in this process (before the moto server handles requests)."""
    global _done
    with _installed:
        if _done:
            return
        _secrets_in_cloudformation()
        _rest_api_import()
        _websocket_deployments()
        _done = True


def _secrets_in_cloudformation() -> None:
    from moto.cloudformation import parsing
    from moto.core.common_models import CloudFormationModel
    from moto.secretsmanager.models import secretsmanager_backends

    class CfnSecret(CloudFormationModel):
        """AWS::SecretsManager::Secret with a generated string (gap 1)."""

        # moto files models by the service named in their module path.
        __module__ = "moto.secretsmanager.models"

        def __init__(self, arn: str, name: str) -> None:
            self.physical_resource_id = arn
            self.name = name

        @staticmethod
        def cloudformation_name_type() -> str:
            return "Name"

        @staticmethod
        def cloudformation_type() -> str:
            return "AWS::SecretsManager::Secret"

        @classmethod
        def has_cfn_attr(cls, attr: str) -> bool:
            return attr in ("Id",)

        @classmethod
        def create_from_cloudformation_json(  # type: ignore[misc]
            cls,
            resource_name: str,
            cloudformation_json: dict[str, Any],
            account_id: str,
            region_name: str,
            **kwargs: Any,
        ) -> CfnSecret:
            props = cloudformation_json.get("Properties", {})
            name = props.get("Name") or resource_name
            value = props.get("SecretString")
            if value is None:
                spec = props.get("GenerateSecretString") or {}
                alphabet = string.ascii_letters + string.digits
                if not spec.get("ExcludePunctuation"):
                    alphabet += "!#$%&()*+,-./:;<=>?@[]^_{|}~"
                length = int(spec.get("PasswordLength", 32))
                value = "".join(secrets.choice(alphabet) for _ in range(length))
            backend = secretsmanager_backends[account_id][region_name]
            created = backend.create_secret(
                name=name,
                secret_string=value,
                secret_binary=None,
                description=props.get("Description"),
                tags=props.get("Tags"),
                kms_key_id=None,
                client_request_token=None,
                replica_regions=[],
                force_overwrite=False,
            )
            return cls(json.loads(created)["ARN"], name)

        @classmethod
        def update_from_cloudformation_json(  # type: ignore[misc]
            cls,
            original_resource: Any,
            new_resource_name: str,
            cloudformation_json: dict[str, Any],
            account_id: str,
            region_name: str,
        ) -> Any:
            return original_resource  # the generated value is kept, as AWS does

        @classmethod
        def delete_from_cloudformation_json(  # type: ignore[misc]
            cls,
            resource_name: str,
            cloudformation_json: dict[str, Any],
            account_id: str,
            region_name: str,
        ) -> None:
            return None

        def is_created(self) -> bool:
            return True

    for cached in (parsing.get_model_list, parsing.get_model_map, parsing.get_name_type_map):
        cached.cache_clear()


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

    responses.ApiGatewayV2Response.create_deployment = create_deployment  # type: ignore
    urls.url_paths.setdefault(
        "{0}/v2/apis/(?P<api_id>[^/]+)/deployments$",
        responses.ApiGatewayV2Response.dispatch,
    )


def serve(host: str = "127.0.0.1", port: int = 0) -> Any:
    """Start a patched moto server in this process; returns it (`.stop()`, `.port`)."""
    import logging

    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    install()
    server = ThreadedMotoServer(ip_address=host, port=port, verbose=False)
    server.start()
    return server


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
