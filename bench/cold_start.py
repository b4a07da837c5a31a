"""Cold start: import time of `app.py` next to a bare `import boto3`, in the same run.

`python -m bench.cold_start [--runs 15]`. Each sample is a fresh interpreter (as a new Lambda
instance is); the two commands alternate so that machine noise hits both alike.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.report import machine, write_section

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = {
    "bare `import boto3`": "import boto3",
    "`import app` (whole backend)": "import app",
}
LAMBDA_ENV = {
    "AWS_LAMBDA_FUNCTION_NAME": "entraide-dev-api_handler",
    "AWS_DEFAULT_REGION": "eu-west-3",
    "AWS_ACCESS_KEY_ID": "x",
    "AWS_SECRET_ACCESS_KEY": "x",
}


def sample(code: str, env: dict[str, str]) -> float:
    """Seconds for a fresh interpreter to run `code` (interpreter start included)."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True)
    return time.perf_counter() - started


def main() -> None:
    """Measure, print and record."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    rows = []
    for label, env_extra in (("Lambda-like (tracing on)", LAMBDA_ENV), ("local", {})):
        env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_LAMBDA")}
        env.update(env_extra)
        baseline = sample("pass", env)
        times: dict[str, list[float]] = {name: [] for name in COMMANDS}
        for _ in range(args.runs):
            for name, code in COMMANDS.items():
                times[name].append(sample(code, env))
        medians = {name: statistics.median(v) for name, v in times.items()}
        boto, whole = medians.values()
        rows.append((label, baseline, boto, whole, whole / boto))
    lines = [
        "## Cold start (import of `app.py`)",
        "",
        f"`python -m bench.cold_start --runs {args.runs}` — {machine()}. Medians of fresh "
        "interpreters, alternating; interpreter start-up included in both columns.",
        "",
        "| environment | empty interpreter | `import boto3` | `import app` | app / boto3 |",
        "|---|---|---|---|---|",
    ]
    for label, base, boto, whole, ratio in rows:
        lines.append(
            f"| {label} | {base * 1000:.0f} ms | {boto * 1000:.0f} ms | {whole * 1000:.0f} ms "
            f"| {ratio:.2f}× |"
        )
    lines += [
        "",
        "Nothing heavy runs at import: no AWS client, no settings read, no table bound "
        "(`tests/unit/test_import_is_light.py` fails if a client is built during import). "
        "Clients and the one shared DynamoDB client are built on the first request.",
    ]
    report = "\n".join(lines)
    print(report)
    write_section("cold-start", report)


if __name__ == "__main__":
    main()
