"""Supply chain (infra/supply_chain.py): exact pins, and pip-audit over the installed
environment inside `make test`; `make audit` is the strict form."""

from __future__ import annotations

import json
import subprocess
import warnings

from infra import supply_chain
from infra.supply_chain import REQUIREMENTS, ROOT, Audit, loose_pins, parse, verdict


def test_every_requirement_is_pinned_to_one_version():
    assert {name: loose_pins(ROOT / name) for name in REQUIREMENTS} == {
        name: [] for name in REQUIREMENTS}


def test_a_range_a_bare_name_or_a_url_is_a_loose_pin(tmp_path):
    path = tmp_path / "requirements.txt"
    path.write_text("# pins\n-r base.txt\nboto3==1.44.5\nmoto[server,iam]==5.2.5  # extras\n"
                    "pynamodb>=6\nrequests\ngit+https://example.invalid/x.git\nPyJWT~=2.1\n")
    assert loose_pins(path) == ["pynamodb>=6", "requests", "git+https://example.invalid/x.git",
                                "PyJWT~=2.1"]


REPORT = {"dependencies": [
    {"name": "jinja2", "version": "2.10", "vulns": [
        {"id": "GHSA-462w-v97r-4m45", "fix_versions": ["2.10.1"]}]},
    {"name": "boto3", "version": "1.44.5", "vulns": []},
    {"name": "local-thing", "skip_reason": "Dependency not found on PyPI"},
]}


def test_a_known_vulnerability_fails_the_audit_and_names_the_fix():
    status, lines = verdict({}, parse(REPORT), strict=False)
    assert status == 1
    assert "VULNERABLE jinja2 2.10: GHSA-462w-v97r-4m45 (fixed in 2.10.1)" in lines
    assert lines[-1] == "2 packages audited, 1 known vulnerabilities, 1 not audited"


def test_a_loose_pin_fails_and_an_unreachable_database_fails_only_when_strict():
    unreachable = parse({"dependencies": [{"name": "boto3", "skip_reason": "not found"}]})
    assert verdict({}, unreachable, strict=False)[0] == 0
    assert verdict({}, unreachable, strict=True)[0] == 1
    assert verdict({}, unreachable, strict=False)[1][-1].startswith("AUDIT NOT PERFORMED")
    assert verdict({"requirements.txt": ["requests"]}, Audit(audited=3), strict=False)[0] == 1


def test_nothing_installed_has_a_known_vulnerability():
    audit = supply_chain.run_pip_audit()
    assert audit.vulnerable == []
    if not audit.performed:
        # Not a pass of the audit: said where everyone reads it (docs/security.md).
        warnings.warn(f"pip-audit could not reach the vulnerability data: {audit.skipped[:1]}",
                      stacklevel=1)


def _fake_pip_audit(returncode, report=None, stderr=""):
    """A stand-in for subprocess.run: writes `report` where `-o` says, exits `returncode`."""
    def run(command, **_kwargs):
        if report is not None:
            with open(command[command.index("-o") + 1], "w") as out:
                json.dump(report, out)
        return subprocess.CompletedProcess(command, returncode, stdout="", stderr=stderr)
    return run


def test_pip_audit_without_a_report_is_an_audit_not_performed():
    run = _fake_pip_audit(1, stderr="Traceback ...\nConnectionError: pypi.org unreachable")
    audit = supply_chain.run_pip_audit(run=run)
    assert not audit.performed
    assert audit.vulnerable == []
    assert audit.skipped == [
        "pip-audit wrote no report: Traceback ...\nConnectionError: pypi.org unreachable"]
    assert verdict({}, audit, strict=False)[0] == 0
    assert verdict({}, audit, strict=True)[0] == 1


def test_pip_audit_finding_a_vulnerability_exits_non_zero_and_its_report_is_read():
    audit = supply_chain.run_pip_audit(run=_fake_pip_audit(1, REPORT))
    assert audit.vulnerable == ["jinja2 2.10: GHSA-462w-v97r-4m45 (fixed in 2.10.1)"]
    assert audit.audited == 2
