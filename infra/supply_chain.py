"""The supply chain: every requirement pinned exactly, and no known vulnerability in what is
installed from them (docs/security.md, "Supply chain").

`python -m infra.supply_chain [--strict]` checks the pins of `requirements.txt` (what ships to
Lambda) and `requirements-dev.txt`, then runs pip-audit over the environment they installed
(the runtime packages and every transitive dependency, the tools too) against PyPI's
vulnerability data (the OSV database). A known vulnerability fails. When the vulnerability data
cannot be reached (no network, a registry mirror without PyPI's JSON API), the audit is not
performed and the report says so in capitals; `--strict` (`make audit`) fails then too.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

# packaging comes with pip-audit (requirements-dev.txt); this is a development tool.
from packaging.requirements import InvalidRequirement, Requirement

ROOT = Path(__file__).resolve().parent.parent
REQUIREMENTS = ("requirements.txt", "requirements-dev.txt")


def pinned(line: str) -> bool:
    """Whether a requirement is `name==version` (extras allowed): one exact version."""
    try:
        requirement = Requirement(line)
    except InvalidRequirement:
        return False
    specifiers = list(requirement.specifier)
    return (requirement.url is None and len(specifiers) == 1
            and specifiers[0].operator == "==" and "*" not in specifiers[0].version)


def loose_pins(path: Path) -> list[str]:
    """The requirement lines of a file that are not pinned to one exact version
    (`-r other.txt` includes, comments and blank lines aside)."""
    loose = []
    for raw in path.read_text().splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line or line.startswith("-r "):
            continue
        if not pinned(line):
            loose.append(line)
    return loose


@dataclass
class Audit:
    """What pip-audit found in the environment."""

    vulnerable: list[str] = field(default_factory=list)  # "name version: ID (fixed in ...)"
    audited: int = 0
    skipped: list[str] = field(default_factory=list)

    @property
    def performed(self) -> bool:
        """Whether the vulnerability data answered for anything at all."""
        return self.audited > 0


def parse(report: dict) -> Audit:
    """pip-audit's JSON report (`-f json`) as an Audit."""
    audit = Audit()
    for dep in report.get("dependencies", []):
        if "skip_reason" in dep:
            audit.skipped.append(f"{dep['name']}: {dep['skip_reason']}")
            continue
        audit.audited += 1
        for vuln in dep.get("vulns", []):
            fixed = ", ".join(vuln.get("fix_versions") or []) or "no fix yet"
            audit.vulnerable.append(
                f"{dep['name']} {dep['version']}: {vuln['id']} (fixed in {fixed})")
    return audit


Runner = Callable[..., "subprocess.CompletedProcess[str]"]


def run_pip_audit(python: str = sys.executable, run: Runner = subprocess.run) -> Audit:
    """pip-audit over the environment of `python` (the project's virtualenv), its JSON report
    written to a temporary file. pip-audit exits non-zero both when it finds a vulnerability
    (the report is written) and when it cannot run at all, e.g. PyPI unreachable (no report):
    then the audit is not performed, and says why."""
    with tempfile.TemporaryDirectory() as folder:
        output = Path(folder) / "pip-audit.json"
        done = run(  # noqa: S603 - our interpreter, a fixed command
            [python, "-m", "pip_audit", "-f", "json", "-o", str(output),
             "--progress-spinner", "off", "--skip-editable"],
            capture_output=True, text=True, timeout=600, check=False)
        report = output.read_text() if output.exists() else ""
    if report.strip():
        return parse(json.loads(report))
    reason = (done.stderr or "").strip()[-2000:] or f"pip-audit exited {done.returncode}"
    return Audit(skipped=[f"pip-audit wrote no report: {reason}"])


def verdict(loose: dict[str, list[str]], audit: Audit, strict: bool) -> tuple[int, list[str]]:
    """The exit status and the report's lines."""
    lines, status = [], 0
    for name, lines_loose in loose.items():
        for line in lines_loose:
            lines.append(f"{name}: not pinned to one version: {line}")
            status = 1
    lines += [f"VULNERABLE {v}" for v in audit.vulnerable]
    if audit.vulnerable:
        status = 1
    if audit.performed:
        lines.append(f"{audit.audited} packages audited, {len(audit.vulnerable)} known "
                     f"vulnerabilities, {len(audit.skipped)} not audited")
    else:
        lines.append(f"AUDIT NOT PERFORMED: the vulnerability data answered for none of the "
                     f"{len(audit.skipped)} packages (first: {audit.skipped[:1]})")
        status = status or (1 if strict else 0)
    return status, lines


def main(argv: list[str] | None = None) -> int:
    """Check the pins, audit the environment, print the report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--strict", action="store_true",
                        help="fail when the vulnerability data cannot be reached")
    args = parser.parse_args(argv)
    loose = {name: loose_pins(ROOT / name) for name in REQUIREMENTS}
    status, lines = verdict(loose, run_pip_audit(), args.strict)
    print("\n".join(lines))
    return status


if __name__ == "__main__":
    sys.exit(main())
