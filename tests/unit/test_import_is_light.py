"""Importing the app builds no AWS client, reads no settings and loads no SDK (cold start)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import botocore.session
def refuse(*a, **k):
    raise SystemExit("an AWS client was created at import")
botocore.session.Session.create_client = refuse
import sys
import app
# (botocore itself is loaded above by this probe.)
heavy = sorted({"boto3", "pynamodb", "jwt", "cryptography"} & set(sys.modules))
assert not heavy, f"app.py's import (Lambda's init phase) loaded {heavy}"
from chalicelib import composition, settings
assert settings.settings.cache_info().currsize == 0, "settings were read at import"
assert composition.services.cache_info().currsize == 0, "services were built at import"
print("light")
"""


def test_importing_the_app_creates_no_client_and_reads_no_settings():
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert result.stdout.strip() == "light"
