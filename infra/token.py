"""`python -m infra.token --stage dev --member m-alice --roles member [--tier L1]`.

Mints a member token for a deployed stage that has no identity provider yet, with the stage's
own HS256 key read from Secrets Manager — so it needs the operator's AWS credentials, not a
public route (no stage in AWS has `POST /dev/token`). Prints the token.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import boto3

from chalicelib.adapters.jwt.token_codec import JwtTokenCodec
from chalicelib.domain.identity import ROLES, Principal
from infra.chalice_cli import read_generated

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> None:
    """Mint and print one token."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--stage", required=True, choices=["dev", "prod"])
    parser.add_argument("--member", required=True)
    parser.add_argument("--roles", nargs="+", default=["member"], choices=sorted(ROLES))
    parser.add_argument("--tier", help="agent tier (L1, L2, supervisor)")
    parser.add_argument("--hours", type=float, default=12.0)
    parser.add_argument("--project-dir", type=Path, default=ROOT)
    args = parser.parse_args(argv)
    env = read_generated(args.project_dir)["stages"][args.stage]["environment_variables"]
    secret = boto3.client("secretsmanager").get_secret_value(SecretId=env["JWT_SECRET_ARN"])
    codec = JwtTokenCodec(lambda: secret["SecretString"], env.get("JWT_AUDIENCE", "entraide"))
    principal = Principal(args.member, frozenset(args.roles), args.tier)
    print(codec.issue(principal, int(args.hours * 3600)))


if __name__ == "__main__":
    main()
