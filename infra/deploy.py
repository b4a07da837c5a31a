"""`python -m infra.deploy --stage dev`: deploy the stack, then write its outputs into the
stage's environment variables in `.chalice/config.json` (run by `make deploy` before
`chalice deploy`)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import boto3

from infra.stack import deploy, outputs_as_env

CONFIG = Path(__file__).resolve().parent.parent / ".chalice" / "config.json"


def main() -> None:
    """Deploy and update the Chalice stage configuration."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--stage", required=True, choices=["dev", "prod"])
    parser.add_argument("--stack", help="stack name (default entraide-<stage>)")
    args = parser.parse_args()
    stack = args.stack or f"entraide-{args.stage}"
    outputs = deploy(boto3.client("cloudformation"), stack, {"Stage": args.stage}, wait=5)
    config = json.loads(CONFIG.read_text())
    stage = config["stages"][args.stage]
    stage.setdefault("environment_variables", {}).update(outputs_as_env(outputs))
    stage["iam_role_arn"] = outputs["ApiHandlerRoleArn"]
    stage["manage_iam_role"] = False
    CONFIG.write_text(json.dumps(config, indent=2) + "\n")
    print(f"stack {stack} deployed; {len(outputs)} outputs written to {CONFIG}")


if __name__ == "__main__":
    main()
