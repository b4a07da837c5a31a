"""`chalice package` builds the app for AWS, WebSocket handlers included, with no AWS account."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

from chalicelib.domain.moderation.learned import LABELS, LinearModel, SeverityModel

ROOT = Path(__file__).resolve().parents[2]
MODEL_TSV = "chalicelib/domain/moderation/data/model.tsv"
SEVERITY_TSV = "chalicelib/domain/moderation/data/severity.tsv"


def test_chalice_package_builds_rest_and_websocket_apis(tmp_path):
    env = {**os.environ, "AWS_DEFAULT_REGION": "eu-west-3"}
    chalice = Path(sys.executable).parent / "chalice"
    result = subprocess.run(
        [str(chalice), "package", "--stage", "dev", str(tmp_path / "out")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    sam = json.loads((tmp_path / "out" / "sam.json").read_text())
    resources = sam["Resources"]
    routes = {
        r["Properties"]["RouteKey"]
        for r in resources.values()
        if r["Type"] == "AWS::ApiGatewayV2::Route"
    }
    assert routes == {"$connect", "$default", "$disconnect"}
    functions = [r for r in resources.values() if r["Type"] == "AWS::Serverless::Function"]
    # The stage runs with the infra stack's least-privilege role, not a generated one.
    assert all(f["Properties"]["Role"].endswith("role/set-by-make-deploy") for f in functions)
    with zipfile.ZipFile(tmp_path / "out" / "deployment.zip") as z:
        names = z.namelist()
        # The moderator's learned stage reads its weights from the package at run time.
        weights = z.read(MODEL_TSV).decode("utf-8") if MODEL_TSV in names else ""
        severity = z.read(SEVERITY_TSV).decode("utf-8") if SEVERITY_TSV in names else ""
    assert "app.py" in names and "chalicelib/composition/root.py" in names
    assert not [n for n in names if n.startswith(("devstack/", "tests/", "bench/", "web/"))]
    assert weights == (ROOT / MODEL_TSV).read_text(encoding="utf-8")
    model = LinearModel.parse(weights)
    assert model.labels == LABELS and len(model.weights) > 1000
    assert severity == (ROOT / SEVERITY_TSV).read_text(encoding="utf-8")
    assert len(SeverityModel.parse(severity).weights) > 1000
