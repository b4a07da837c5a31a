"""Writes one benchmark's section of docs/benchmarks.md between its markers."""

from __future__ import annotations

import json
import platform
import re
import time
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"
HEADER = (
    "# Benchmarks\n\nEvery section below is rewritten by its benchmark; the command that "
    "reproduces it is given in the section. Machines are shared and noisy: prefer the counts "
    "and the side-by-side ratios to absolute times.\n"
)


def machine() -> str:
    """A one-line description of where the figures were measured."""
    return (
        f"{time.strftime('%Y-%m-%d')}, Python {platform.python_version()}, "
        f"{platform.machine()}, {platform.system()}"
    )


def write_section(name: str, markdown: str) -> None:
    """Replace (or append) the section `name` of docs/benchmarks.md."""
    start, end = f"<!-- bench:{name}:start -->", f"<!-- bench:{name}:end -->"
    text = BENCHMARKS.read_text() if BENCHMARKS.exists() else HEADER
    block = f"{start}\n{markdown.strip()}\n{end}"
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.S)
    text = pattern.sub(lambda _: block, text) if pattern.search(text) else f"{text}\n{block}\n"
    BENCHMARKS.parent.mkdir(exist_ok=True)
    BENCHMARKS.write_text(text)


def lambda_memory_gb() -> float:
    """The functions' memory as deployed (`lambda_memory_size` in .chalice/config.json), in GB."""
    config = json.loads((BENCHMARKS.parent.parent / ".chalice" / "config.json").read_text())
    return config.get("lambda_memory_size", 128) / 1024
