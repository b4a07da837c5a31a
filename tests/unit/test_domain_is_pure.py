"""The domain stays pure: no AWS SDK, PynamoDB, Chalice, Powertools or JWT library in it."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = ROOT / "chalicelib" / "domain"
# Beyond the standard library and the domain itself, only these pure libraries are allowed.
ALLOWED = {"snowballstemmer"}
FORBIDDEN = ("boto3", "botocore", "chalice", "pynamodb", "aws_lambda_powertools", "jwt", "moto")


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, nested imports included."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
    return found


def test_domain_imports_only_the_standard_library_and_itself():
    offenders = []
    for path in sorted(DOMAIN.rglob("*.py")):
        for module in imported_modules(path):
            top = module.split(".")[0]
            if module.startswith("chalicelib.domain") or top == "__future__":
                continue
            if top in sys.stdlib_module_names or top in ALLOWED:
                continue
            offenders.append(f"{path.relative_to(ROOT)}: {module}")
    assert offenders == []


def test_importing_the_whole_domain_loads_no_aws_or_chalice_code():
    modules = sorted(
        ".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for p in DOMAIN.rglob("*.py")
    )
    probe = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        f"print(sorted({{n.split('.')[0] for n in sys.modules}} & set({FORBIDDEN!r})))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
