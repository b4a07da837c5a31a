"""`make deploy STAGE=dev`: from an empty AWS account (or an existing stage) to a working stage.

1. Create or update the infrastructure stack from `infra/template.yaml` (tables, queues,
   topics, secrets, the state machine, the functions' role) and read its outputs.
2. Write them, with the role ARN, into `.chalice/generated.json` (account-specific, ignored
   by git; `infra.chalice_cli` merges it over the tracked `.chalice/config.json`).
3. `chalice deploy` the functions and both APIs (through `infra.chalice_cli`).
4. Read the deployed REST and WebSocket URLs from Chalice's deployed state and write the
   values derived from them (`WS_PUBLIC_URL`, the web origin and the SMS link base) into the
   generated file; when they changed (a first deployment), deploy once more so the functions
   carry them. `GET /config` then answers the real WebSocket URL.

Every command runs against whatever `AWS_*` variables say (profile, region, and
`AWS_ENDPOINT_URL` for the emulator rehearsal in tests/infra/test_deploy_rehearsal.py).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import boto3

from infra.chalice_cli import read_generated, write_generated
from infra.stack import deploy, outputs_as_env

ROOT = Path(__file__).resolve().parent.parent
STAGES = ("dev", "prod")


def stage_values(outputs: dict[str, str]) -> dict[str, Any]:
    """The generated stage configuration for a stack's outputs."""
    return {
        "environment_variables": outputs_as_env(outputs),
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
                urls[key] = resource[key]
    return urls


def url_values(urls: dict[str, str], web_url: str = "") -> dict[str, str]:
    """Settings derived from the deployed URLs (and the web clients' origin, when known)."""
    values: dict[str, str] = {}
    if "websocket_api_url" in urls:
        values["WS_PUBLIC_URL"] = urls["websocket_api_url"].rstrip("/")
    if web_url:
        values["WEB_URL"] = web_url.rstrip("/")
    return values


def chalice(project_dir: Path, *args: str) -> None:
    """Run a Chalice command through infra.chalice_cli; stop on failure."""
    command = [sys.executable, "-m", "infra.chalice_cli", "--project-dir", str(project_dir)]
    subprocess.run([*command, *args], cwd=ROOT, check=True)


def main(argv: list[str] | None = None) -> None:
    """Deploy the stack, then the Chalice stage with the stack's outputs."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--stage", required=True, choices=STAGES)
    parser.add_argument("--stack", help="stack name (default entraide-<stage>)")
    parser.add_argument("--project-dir", type=Path, default=ROOT)
    args = parser.parse_args(argv)
    stack = args.stack or f"entraide-{args.stage}"
    project = args.project_dir.resolve()

    outputs = deploy(boto3.client("cloudformation"), stack, {"Stage": args.stage}, wait=5)
    path = write_generated(project, args.stage, stage_values(outputs))
    print(f"stack {stack} deployed; {len(outputs)} outputs written to {path}", flush=True)

    chalice(project, "deploy", "--stage", args.stage)
    derived = url_values(deployed_urls(project, args.stage), outputs.get("WebUrl", ""))
    current = read_generated(project)["stages"][args.stage]["environment_variables"]
    if any(current.get(k) != v for k, v in derived.items()):
        write_generated(project, args.stage, {"environment_variables": derived})
        print("deployed URLs written; deploying the configuration that carries them", flush=True)
        chalice(project, "deploy", "--stage", args.stage)
    for key, value in sorted(derived.items()):
        print(f"{key}={value}")


if __name__ == "__main__":
    main()
