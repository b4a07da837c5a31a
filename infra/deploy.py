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
5. Publish the web clients (web/) to the stack's bucket with a `config.json` naming the
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


def stage_values(outputs: dict[str, str], web_origin: str = "") -> dict[str, Any]:
    """The generated stage configuration for a stack's outputs."""
    env = outputs_as_env(outputs)
    if web_origin:
        env["WEB_URL"] = web_origin.rstrip("/")
    return {
        "environment_variables": env,
        "iam_role_arn": outputs["ApiHandlerRoleArn"],
        "manage_iam_role": False,
    }


def deployed_urls(project_dir: Path, stage: str) -> dict[str, str]:
    """The REST and WebSocket URLs Chalice recorded for the stage, if deployed."""
    path = project_dir / ".chalice" / "deployed" / f"{stage}.json"
    if not path.exists():
        return {}
    urls = {}
    for resource in json.loads(path.read_text()).get("resources", []):
        for key in ("rest_api_url", "websocket_api_url"):
            if key in resource:
                urls[key] = resource[key].rstrip("/")
    return urls


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

    parameters = {"Stage": args.stage, "WebOrigin": args.web_origin}
    outputs = deploy(boto3.client("cloudformation"), stack, parameters, wait=5)
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
    if "WebBucketName" in outputs:
        count = publish_web(boto3.client("s3"), boto3.client("cloudfront"), outputs, urls,
                            project / "web")
        print(f"{count} web files published to {outputs['WebBucketName']}", flush=True)
    summary = {**urls, "web_url": values["environment_variables"]["WEB_URL"]}
    for key, value in sorted(summary.items()):
        print(f"{key}: {value}")


if __name__ == "__main__":
    main()
