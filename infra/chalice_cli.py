"""`python -m infra.chalice_cli <chalice command>`: Chalice's own CLI, with two additions.

1. **Account-specific values stay out of the tracked configuration.** `infra.deploy` writes
   the infrastructure stack's outputs (table names, queue URLs, the role ARN, the deployed
   URLs) into `.chalice/generated.json` (ignored by git); this CLI reads
   `.chalice/config.json` with that file merged over it, so `chalice deploy` and
   `chalice package` see one configuration and nobody commits an account id.
2. **The package ships compiled bytecode.** Lambda runs from a read-only `/var/task`, so
   Python cannot cache bytecode there and compiles every module of the package (botocore
   included) at each cold start: ~1.1 s against ~0.3 s with bytecode (docs/benchmarks.md,
   "Cold start from the package"). Every `.py` written into the deployment zip gets its
   `__pycache__/<name>.cpython-311.pyc` beside it, hash-based and unchecked (PEP 552): the
   zip's timestamps are all 1980 (Chalice makes zips deterministic), so timestamp-based
   bytecode would never match, and the package cannot change once deployed.

Both hook into Chalice where it reads its configuration (`CLIFactory.load_project_config`)
and where it writes zips (`OSUtils.open_zip`); everything else is Chalice unchanged.
"""

from __future__ import annotations

import importlib.util
import json
import marshal
import sys
import zipfile
from pathlib import Path, PurePosixPath
from typing import Any

from chalice import cli as chalice_cli
from chalice import utils as chalice_utils
from chalice.cli.factory import CLIFactory
from chalice.deploy import packager as chalice_packager

GENERATED = PurePosixPath(".chalice") / "generated.json"
# The tag of the interpreter Lambda runs: bytecode is only valid for the same minor version.
LAMBDA_PYTHON = (3, 11)


def merge_stage_values(config: dict[str, Any], generated: dict[str, Any]) -> dict[str, Any]:
    """The tracked configuration with the generated per-stage values merged over it.

    `environment_variables` are merged key by key (generated values win); any other key of a
    generated stage replaces the tracked one (e.g. `iam_role_arn`).
    """
    merged = json.loads(json.dumps(config))
    for stage, values in (generated.get("stages") or {}).items():
        _merge_stage(merged.setdefault("stages", {}).setdefault(stage, {}), values)
    return merged


def _merge_stage(target: dict[str, Any], values: dict[str, Any]) -> None:
    for key, value in values.items():
        if key == "environment_variables":
            target.setdefault(key, {}).update(value)
        elif key == "lambda_functions":
            functions = target.setdefault(key, {})
            for name, settings in value.items():
                _merge_stage(functions.setdefault(name, {}), settings)
        else:
            target[key] = value


def read_generated(project_dir: Path) -> dict[str, Any]:
    """The generated stage values of a project, or nothing."""
    path = project_dir / GENERATED
    return json.loads(path.read_text()) if path.exists() else {}


def write_generated(project_dir: Path, stage: str, values: dict[str, Any]) -> Path:
    """Merge one stage's generated values into `.chalice/generated.json`."""
    generated = read_generated(project_dir)
    _merge_stage(generated.setdefault("stages", {}).setdefault(stage, {}), values)
    path = project_dir / GENERATED
    path.write_text(json.dumps(generated, indent=2, sort_keys=True) + "\n")
    return path


class StageConfigFactory(CLIFactory):
    """Chalice's CLI factory reading the tracked configuration plus the generated values."""

    def load_project_config(self) -> dict[str, Any]:
        """`.chalice/config.json` with `.chalice/generated.json` merged over it."""
        config = super().load_project_config()
        return merge_stage_values(config, read_generated(Path(self.project_dir)))


def pyc_bytes(source: bytes, filename: str) -> bytes | None:
    """Unchecked hash-based bytecode of a module (PEP 552), or None if it does not compile."""
    try:
        code = compile(source, filename, "exec", dont_inherit=True)
    except (SyntaxError, ValueError):
        return None  # a file Python 3.11 cannot import anyway (py2-only test data, say)
    flags = (0b01).to_bytes(4, "little")  # hash-based, source never checked
    return importlib.util.MAGIC_NUMBER + flags + importlib.util.source_hash(source) + (
        marshal.dumps(code)
    )


class PrecompilingZipFile(chalice_utils.ChaliceZipFile):
    """Chalice's deterministic zip, plus compiled bytecode beside every Python module."""

    def writestr(self, zinfo_or_arcname: Any, data: Any, *args: Any, **kwargs: Any) -> None:
        """Write the entry; for a `.py` module, also its `__pycache__` bytecode."""
        name = getattr(zinfo_or_arcname, "filename", zinfo_or_arcname)
        if name.endswith(".pyc") and name in self.NameToInfo:
            return  # bytecode copied from an older package after we wrote a fresh one
        super().writestr(zinfo_or_arcname, data, *args, **kwargs)
        if not name.endswith(".py") or self.mode == "r":
            return
        raw = data.encode() if isinstance(data, str) else bytes(data)
        compiled = pyc_bytes(raw, name)
        if compiled is None:
            return
        cached = importlib.util.cache_from_source(name)
        info = zipfile.ZipInfo(cached, self._default_time_time)
        info.external_attr = 0o644 << 16
        info.compress_type = self.compression
        super().writestr(info, compiled)


def open_zip(
    self: chalice_utils.OSUtils, filename: str, mode: str, compression: int = zipfile.ZIP_DEFLATED
) -> zipfile.ZipFile:
    """`OSUtils.open_zip` for Chalice: a precompiling zip for writing, its own for reading."""
    cls = chalice_utils.ChaliceZipFile if mode == "r" else PrecompilingZipFile
    return cls(filename, mode, compression=compression, osutils=self)


def precompiled_package_filename(
    self: chalice_packager.LambdaDeploymentPackager, project_dir: str, python_version: str
) -> str:
    """Chalice's cached package name, prefixed so a package built without bytecode (by a
    plain `chalice` command) is never reused."""
    return self._deployment_package_filename(project_dir, python_version, prefix="pyc-")


def install() -> None:
    """Point Chalice's CLI at the merged configuration and the precompiling zips."""
    if sys.version_info[:2] != LAMBDA_PYTHON:
        raise SystemExit(
            f"packages must be built with Python {'.'.join(map(str, LAMBDA_PYTHON))}: "
            "its bytecode is what Lambda's python3.11 runtime loads"
        )
    chalice_cli.CLIFactory = StageConfigFactory
    chalice_utils.OSUtils.open_zip = open_zip  # type: ignore[method-assign]
    chalice_packager.LambdaDeploymentPackager.deployment_package_filename = (  # type: ignore
        precompiled_package_filename
    )


def main() -> int:
    """Run Chalice's CLI with the additions installed."""
    install()
    return chalice_cli.main()


if __name__ == "__main__":
    sys.exit(main())
