"""Build the deployment package exactly as `make package` / `make deploy` do, in a copy of the
project (so generated, account-specific files never land in the working tree), and install
what the Lambda Python 3.11 runtime provides beside it."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
# What a deployment needs from the working tree (tests, web, benches never ship).
PROJECT_FILES = ("app.py", "requirements.txt", "requirements-dev.txt", "Makefile")
PROJECT_DIRS = ("chalicelib", "infra", "web")
# The libraries the python3.11 runtime puts on the path after the package, and nothing else
# (LOCAL_STACK_NOTES.md). The SDK pinned is older than what Lambda ships today, so code that
# works here works with the runtime's (newer) SDK: AWS_ENDPOINT_URL needs botocore >= 1.31.
RUNTIME_LIBRARIES = (
    "boto3==1.34.145",
    "botocore==1.34.145",
    "s3transfer==0.10.2",
    "jmespath==1.0.1",
    "python-dateutil==2.9.0",
    "urllib3==1.26.19",
    "six==1.16.0",
)


def copy_project(target: Path) -> Path:
    """A copy of the deployable project, sharing Chalice's dependency cache with ROOT."""
    target.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in PROJECT_FILES:
        shutil.copy2(ROOT / name, target / name)
    for name in PROJECT_DIRS:
        shutil.copytree(ROOT / name, target / name, ignore=ignore, dirs_exist_ok=True)
    chalice = target / ".chalice"
    chalice.mkdir(exist_ok=True)
    shutil.copy2(ROOT / ".chalice" / "config.json", chalice / "config.json")
    cache = ROOT / ".chalice" / "deployments"
    cache.mkdir(parents=True, exist_ok=True)
    link = chalice / "deployments"
    if not link.exists():
        link.symlink_to(cache, target_is_directory=True)
    return target


def chalice_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for a Chalice command that must not reach any AWS account."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update({"AWS_DEFAULT_REGION": "eu-west-3", "AWS_REGION": "eu-west-3"})
    env.update(extra or {})
    return env


@dataclass(frozen=True)
class Package:
    """A built package: its directory, the zip, the generated template and where it unzipped."""

    out: Path
    zip_path: Path
    template: dict[str, Any]
    task_root: Path

    def functions(self) -> dict[str, dict[str, Any]]:
        """Logical id -> properties of every Lambda function the template declares."""
        return {
            name: r["Properties"]
            for name, r in self.template["Resources"].items()
            if r["Type"] == "AWS::Serverless::Function"
        }

    def rest_paths(self) -> dict[str, list[str]]:
        """Path template -> methods of the REST API (from the Swagger document Chalice made)."""
        api = self.template["Resources"]["RestAPI"]["Properties"]["DefinitionBody"]
        return {
            path: sorted(m.upper() for m in methods if m != "x-amazon-apigateway-any-method")
            for path, methods in api["paths"].items()
        }


def build_package(project: Path, stage: str, out: Path) -> Package:
    """`python -m infra.chalice_cli package --stage <stage>` in `project`, then unzip it."""
    command = [sys.executable, "-m", "infra.chalice_cli", "--project-dir", str(project),
               "package", "--stage", stage, str(out)]
    result = subprocess.run(command, cwd=ROOT, env=chalice_env(), capture_output=True,  # noqa: S603 - our own interpreter and modules
                            text=True, timeout=600)
    if result.returncode != 0:
        raise RuntimeError(f"chalice package failed:\n{result.stdout}\n{result.stderr}")
    zip_path = out / "deployment.zip"
    task_root = out / "task"
    with zipfile.ZipFile(zip_path) as z:
        z.extractall(task_root)
    # /var/task is read-only in Lambda: nothing may be written beside the code.
    for path in task_root.rglob("*"):
        path.chmod(0o555 if path.is_dir() else 0o444)
    task_root.chmod(0o555)
    template = json.loads((out / "sam.json").read_text())
    return Package(out, zip_path, template, task_root)


def runtime_libraries(cache: Path | None = None) -> Path:
    """A directory holding only what the python3.11 runtime ships, compiled as it ships."""
    key = hashlib.sha256("\n".join(RUNTIME_LIBRARIES).encode()).hexdigest()[:12]
    target = (cache or ROOT / "build") / f"lambda-runtime-{key}"
    done = target / ".complete"
    if done.exists():
        return target
    staging = target.with_suffix(".tmp")
    shutil.rmtree(staging, ignore_errors=True)
    subprocess.run(  # noqa: S603 - our own interpreter and modules
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target",
         str(staging), *RUNTIME_LIBRARIES],
        check=True, timeout=600, env={**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"},
    )
    # The runtime's libraries come with their bytecode: compile as the image does.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(staging)], check=True,  # noqa: S603 - our own interpreter and modules
                   capture_output=True, env={**os.environ, "PYTHONDONTWRITEBYTECODE": ""})
    shutil.rmtree(target, ignore_errors=True)
    staging.rename(target)
    done.touch()
    return target
