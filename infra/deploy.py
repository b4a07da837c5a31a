"""`make deploy STAGE=dev`: from an empty AWS account (or an existing stage) to a working stage.

1. Create or update the infrastructure stack from `infra/template.yaml` (tables, queues,
   topics, secrets, the state machine, the functions' role, and, unless the marketplace
   serves them itself (`WEB_ORIGIN`), the web clients' bucket behind CloudFront); read its
   outputs.
2. Write them, with the role ARN, into `.chalice/generated.json` (account-specific, ignored
   by git; `infra.chalice_cli` merges it over the tracked `.chalice/config.json`).
3. `chalice deploy` the functions and both APIs (through `infra.chalice_cli`).
4. Read the deployed WebSocket URL from Chalice's deployed state into the generated file as
   `WS_PUBLIC_URL`; when it changed (a first deployment), deploy once more so the functions
   carry it: `GET /config` answers the real WebSocket URL.
5. Turn on `ReportBatchItemFailures` on the queue mappings (Chalice cannot declare it).
6. Publish the web clients (web/) to the stack's bucket with a `config.json` naming the
   deployed REST and WebSocket URLs, and invalidate CloudFront's copy.

Every AWS call goes where the `AWS_*` variables say (profile, region, and `AWS_ENDPOINT_URL`
for the emulator rehearsal in tests/infra/test_deploy_rehearsal.py).
"""

from __future__ import annotations

import argparse
import json
import mimetypes
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import boto3

from infra.chalice_cli import read_generated, write_generated
from infra.stack import deploy, outputs_as_env

ROOT = Path(__file__).resolve().parent.parent
STAGES = ("dev", "prod")


# Each function runs with the role of its group (infra/template.yaml, "least privilege").
FUNCTION_ROLES = {
    "bearer": "AuthorizerRoleArn",
    "websocket_connect": "ChatRoleArn",
    "websocket_message": "ChatRoleArn",
    "websocket_disconnect": "ChatRoleArn",
    "routing_events": "ChatRoleArn",
    "routing_sweep": "ChatRoleArn",
    "claim_tasks": "ClaimsWorkerRoleArn",
    "claim_notices": "ClaimsWorkerRoleArn",
    "helper_quality_review": "ScheduleRoleArn",
    "insights_metrics": "ScheduleRoleArn",
}


def stage_values(outputs: dict[str, str], web_origin: str = "") -> dict[str, Any]:
    """The generated stage configuration for a stack's outputs: the functions' environment,
    the REST function's role for the stage and every other function's role."""
    env = outputs_as_env(outputs)
    if web_origin:
        env["WEB_URL"] = web_origin.rstrip("/")
    return {
        "environment_variables": env,
        "iam_role_arn": outputs["ApiHandlerRoleArn"],
        "manage_iam_role": False,
        "lambda_functions": {
            name: {"iam_role_arn": outputs[output]} for name, output in FUNCTION_ROLES.items()
        },
    }


def deployed_resources(project_dir: Path, stage: str) -> list[dict[str, Any]]:
    """The resources Chalice recorded for the stage (`.chalice/deployed/<stage>.json`), none
    before its first deployment."""
    path = project_dir / ".chalice" / "deployed" / f"{stage}.json"
    if not path.exists():
        return []
    resources: list[dict[str, Any]] = json.loads(path.read_text()).get("resources", [])
    return resources


def deployed_urls(project_dir: Path, stage: str) -> dict[str, str]:
    """The REST and WebSocket APIs (URLs and ids) Chalice recorded for the stage."""
    urls = {}
    for resource in deployed_resources(project_dir, stage):
        for key in ("rest_api_url", "websocket_api_url", "rest_api_id", "websocket_api_id"):
            if key in resource:
                urls[key] = resource[key].rstrip("/")
    return urls


# API Gateway's own answers (no token, unknown route, throttled...) in the contract's shape.
GATEWAY_ERRORS = {
    "UNAUTHORIZED": ("401", "unauthenticated"),
    "ACCESS_DENIED": ("403", "forbidden"),
    "MISSING_AUTHENTICATION_TOKEN": ("404", "not_found"),
    "THROTTLED": ("429", "rate_limited"),
    "REQUEST_TOO_LARGE": ("413", "payload_too_large"),
    "DEFAULT_4XX": ("", "bad_request"),
    "DEFAULT_5XX": ("", "unavailable"),
}
# Requests per second (steady, burst) of every REST route, of the WebSocket API's routes, and
# of the public routes, which are throttled apart so that flooding them cannot use up what
# members and staff need.
THROTTLING = {
    "dev": {"rest": (50, 100), "websocket": (100, 200), "public": (10, 20)},
    "prod": {"rest": (500, 1000), "websocket": (1000, 2000), "public": (50, 100)},
}
PUBLIC_ROUTES = [
    ("/claims/{claim_id}/response", "POST"),
    ("/claims/{claim_id}/question", "GET"),
    ("/ingest/bookings", "POST"),
    ("/ingest/members", "POST"),
    ("/members/{member_id}/badge", "GET"),
    ("/config", "GET"),
]


def _escaped(path: str) -> str:
    return path.replace("~", "~0").replace("/", "~1")


def protect_apis(apigateway: Any, apigatewayv2: Any, stage: str, urls: dict[str, str]) -> None:
    """Gateway answers in the contract's shape, stage and public-route throttling, then a
    deployment of the REST API so they take effect."""
    api = urls["rest_api_id"]
    for kind, (status, code) in GATEWAY_ERRORS.items():
        # The message is a mapping template variable, unquoted: API Gateway quotes it.
        template = f'{{"code": "{code}", "message": $context.error.messageString}}'
        kwargs: dict[str, Any] = {
            "restApiId": api, "responseType": kind,
            "responseTemplates": {"application/json": template},
        }
        if status:
            kwargs["statusCode"] = status
        apigateway.put_gateway_response(**kwargs)
    limits = THROTTLING[stage]
    operations = []
    for path, (rate, burst) in [("/*/*", limits["rest"])] + [
        (f"/{_escaped(route)}/{method}", limits["public"]) for route, method in PUBLIC_ROUTES
    ]:
        operations += [
            {"op": "replace", "path": f"{path}/throttling/rateLimit", "value": str(rate)},
            {"op": "replace", "path": f"{path}/throttling/burstLimit", "value": str(burst)},
        ]
    apigateway.create_deployment(restApiId=api, stageName="api",
                                 description="gateway responses and throttling")
    apigateway.update_stage(restApiId=api, stageName="api", patchOperations=operations)
    rate, burst = limits["websocket"]
    apigatewayv2.update_stage(
        ApiId=urls["websocket_api_id"], StageName="api",
        DefaultRouteSettings={"ThrottlingRateLimit": rate, "ThrottlingBurstLimit": burst},
    )


def sqs_mappings(project_dir: Path, stage: str) -> list[str]:
    """The UUIDs of the stage's SQS event source mappings, as Chalice recorded them."""
    return [r["event_uuid"] for r in deployed_resources(project_dir, stage)
            if r.get("resource_type") == "sqs_event" and r.get("event_uuid")]


def report_batch_failures(lam: Any, uuids: list[str]) -> int:
    """Turn on `ReportBatchItemFailures` on each SQS mapping, which Chalice cannot declare:
    the consumers answer `batchItemFailures` so that one bad message is retried alone, and
    without this setting Lambda ignores that answer and deletes the whole batch."""
    changed = 0
    for uuid in uuids:
        current = lam.get_event_source_mapping(UUID=uuid).get("FunctionResponseTypes") or []
        if "ReportBatchItemFailures" not in current:
            lam.update_event_source_mapping(UUID=uuid,
                                            FunctionResponseTypes=["ReportBatchItemFailures"])
            changed += 1
    return changed


def url_values(urls: dict[str, str]) -> dict[str, str]:
    """Settings derived from the deployed URLs."""
    if "websocket_api_url" not in urls:
        return {}
    return {"WS_PUBLIC_URL": urls["websocket_api_url"]}


def chalice(project_dir: Path, *args: str) -> None:
    """Run a Chalice command through infra.chalice_cli; stop on failure."""
    command = [sys.executable, "-m", "infra.chalice_cli", "--project-dir", str(project_dir)]
    subprocess.run([*command, *args], cwd=ROOT, check=True)  # noqa: S603 - our own interpreter and modules


def publish_web(s3: Any, cloudfront: Any, outputs: dict[str, str], urls: dict[str, str],
                web_dir: Path) -> int:
    """Upload the web clients and their `config.json`; returns how many files."""
    bucket = outputs["WebBucketName"]
    files = [p for p in sorted(web_dir.rglob("*")) if p.is_file() and p.name != "config.json"]
    for path in files:
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if path.suffix == ".js":
            kind = "text/javascript"  # ES modules must be served as JavaScript
        # Revalidated on every load: a deployment is seen at once, unchanged files cost a 304.
        s3.put_object(Bucket=bucket, Key=path.relative_to(web_dir).as_posix(),
                      Body=path.read_bytes(), ContentType=kind, CacheControl="no-cache")
    config = {"rest": urls.get("rest_api_url", ""), "ws": urls.get("websocket_api_url", ""),
              "host_origins": []}
    s3.put_object(Bucket=bucket, Key="config.json", Body=json.dumps(config).encode(),
                  ContentType="application/json", CacheControl="no-cache")
    cloudfront.create_invalidation(
        DistributionId=outputs["WebDistributionId"],
        InvalidationBatch={"Paths": {"Quantity": 1, "Items": ["/*"]},
                           "CallerReference": f"deploy-{time.time_ns()}"},
    )
    return len(files) + 1


def main(argv: list[str] | None = None) -> None:
    """Deploy the stack, then the Chalice stage with the stack's outputs, then the web."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--stage", required=True, choices=STAGES)
    parser.add_argument("--stack", help="stack name (default entraide-<stage>)")
    parser.add_argument("--project-dir", type=Path, default=ROOT)
    parser.add_argument(
        "--web-origin", default=os.environ.get("WEB_ORIGIN", ""),
        help="origin where the marketplace serves web/ itself (default: the stack hosts it)")
    args = parser.parse_args(argv)
    stack = args.stack or f"entraide-{args.stage}"
    project = args.project_dir.resolve()

    cfn = boto3.client("cloudformation")
    parameters = {"Stage": args.stage, "WebOrigin": args.web_origin}
    api_id = deployed_urls(project, args.stage).get("websocket_api_id")
    if api_id:
        parameters["WebSocketApiId"] = api_id
    outputs = deploy(cfn, stack, parameters, wait=5)
    values = stage_values(outputs, args.web_origin)
    if not values["environment_variables"].get("WEB_URL"):
        raise SystemExit("no web origin: the stack hosts none and WEB_ORIGIN is not set")
    path = write_generated(project, args.stage, values)
    print(f"stack {stack} deployed; {len(outputs)} outputs written to {path}", flush=True)

    chalice(project, "deploy", "--stage", args.stage)
    urls = deployed_urls(project, args.stage)
    derived = url_values(urls)
    current = read_generated(project)["stages"][args.stage]["environment_variables"]
    if any(current.get(k) != v for k, v in derived.items()):
        write_generated(project, args.stage, {"environment_variables": derived})
        print("deployed URLs written; deploying the configuration that carries them", flush=True)
        chalice(project, "deploy", "--stage", args.stage)
    ws_api = urls.get("websocket_api_id")
    if ws_api and parameters.get("WebSocketApiId") != ws_api:
        # A first deployment: the functions may now manage only this API's connections.
        parameters["WebSocketApiId"] = ws_api
        deploy(cfn, stack, parameters, wait=5)
        print("stack narrowed to the deployed WebSocket API", flush=True)
    protect_apis(boto3.client("apigateway"), boto3.client("apigatewayv2"), args.stage, urls)
    mappings = sqs_mappings(project, args.stage)
    changed = report_batch_failures(boto3.client("lambda"), mappings)
    print(f"{len(mappings)} queue mappings report batch item failures ({changed} changed)",
          flush=True)
    if "WebBucketName" in outputs:
        count = publish_web(boto3.client("s3"), boto3.client("cloudfront"), outputs, urls,
                            project / "web")
        print(f"{count} web files published to {outputs['WebBucketName']}", flush=True)
    summary = {k: v for k, v in urls.items() if k.endswith("_url")}
    summary["web_url"] = values["environment_variables"]["WEB_URL"]
    for key, value in sorted(summary.items()):
        print(f"{key}: {value}")


if __name__ == "__main__":
    main()
