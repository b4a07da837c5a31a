"""No Scan anywhere in the shipped code: every read is a GetItem, a BatchGetItem or a Query."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def shipped_sources() -> list[Path]:
    return [ROOT / "app.py", *sorted((ROOT / "chalicelib").rglob("*.py"))]


def test_no_code_path_calls_scan():
    offenders = []
    for path in shipped_sources():
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            # PynamoDB's Model.scan / Index.scan, boto3's table.scan and client.scan.
            if isinstance(node, ast.Attribute) and node.attr in ("scan", "parallel_scan"):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
            # The low-level operation name, e.g. client._make_api_call("Scan", ...).
            if isinstance(node, ast.Constant) and node.value == "Scan":
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []


def test_the_check_sees_a_scan_when_there_is_one(tmp_path):
    sample = "from x import Model\nModel.scan()\n"
    tree = ast.parse(sample)
    assert [n for n in ast.walk(tree) if isinstance(n, ast.Attribute) and n.attr == "scan"]
