"""The domain type-checks under mypy --strict, with the configuration in pyproject.toml."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_domain_type_checks_strictly():
    # A subprocess keeps mypy's own modules out of the test process; its incremental cache in
    # .mypy_cache makes a run after a small change take a second or two.
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", "pyproject.toml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert result.returncode == 0, result.stdout + result.stderr
