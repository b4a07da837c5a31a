"""`python -m bench` (what `make bench` runs): every benchmark, one after another, each
rewriting its own section of docs/benchmarks.md."""

from __future__ import annotations

import subprocess
import sys

BENCHMARKS = [
    ["bench.cold_start"],
    ["bench.chat_calls"],
    ["bench.send_cpu"],
    ["bench.chat_pickup"],
    ["bench.moderation"],
    ["bench.claims"],
    ["bench.kb_suggest"],
    ["bench.capacity", "--scenarios"],
]


def main() -> int:
    """Run them all; the exit code says whether every one finished."""
    failed = []
    for command in BENCHMARKS:
        print(f"== python -m {' '.join(command)}", flush=True)
        if subprocess.run([sys.executable, "-m", *command]).returncode != 0:
            failed.append(command[0])
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
