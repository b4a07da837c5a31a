"""The prod package, run the way Lambda runs it (devstack/rehearsal): every function in a clean
Python 3.11 interpreter holding only the package and the runtime's own libraries, with the
template's environment, fed real event shapes against the emulator with the stack deployed."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from devstack.rehearsal import iam
from devstack.rehearsal.host import ACCOUNT, API_ID, REGION, STAGE
from devstack.rehearsal.package import ROOT

pytestmark = [pytest.mark.xdist_group("chalice-package"), pytest.mark.long]

# What the journey must have done, through the packaged handlers (scenario.Journey).
JOURNEY = [
    "POST /dev/token is absent from the deployed API",
    "GET /config answers the deployed WebSocket URL",
    "members feed stores h-r1",
    "staff approve the Helper",
    "$connect admits h-r1",
    "the Helper is available",
    "help.open is acknowledged",
    "help.accept is acknowledged",
    "personal data is masked",
    "the message reaches the Helper masked",
    "POST /claims answers 201",
    "the SMS link opens the deployed answer page",
    "the counterpart is asked",
    "the routing queue's wave timeout is consumed",
    "RoutingSweep runs on its schedule",
    "HelperQualityReview runs on its schedule",
    "InsightsMetrics runs on its schedule",
    "$disconnect forgets both connections",
]


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    work = tmp_path_factory.mktemp("rehearsal")
    result = subprocess.run(
        [sys.executable, "-m", "devstack.rehearsal", "--stage", "prod",
         "--work", str(work), "--json", str(work / "report.json"), "--check-iam"],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    report = json.loads((work / "report.json").read_text())
    logs = "\n".join(f"--- {p.name}\n{p.read_text()[-1500:]}"
                     for p in sorted((work / "logs").glob("*.log")) if p.stat().st_size)
    assert result.returncode == 0, f"{report.get('error')}\n{result.stderr[-3000:]}\n{logs}"
    return report


def test_every_packaged_function_serves_its_real_work(report):
    functions = report["functions"]
    assert len(functions) == 11
    for logical_id, function in functions.items():
        assert function["invocations"], f"{logical_id} was never invoked"
        assert all(i["ok"] for i in function["invocations"]), logical_id
        assert function["foreign_modules"] == [], logical_id
    for step in JOURNEY:
        assert step in report["checks"], step


def test_tracing_runs_where_it_is_configured_and_only_there(report):
    config = json.loads((ROOT / ".chalice" / "config.json").read_text())
    traced = {
        name for name, f in config["stages"]["prod"]["lambda_functions"].items()
        if f.get("environment_variables", {}).get("TRACE_AWS_CALLS") == "1"
    }
    by_handler = {f["handler"]: f for f in report["functions"].values()}
    for handler, function in by_handler.items():
        name = handler.rsplit(".", 1)[-1]
        assert function["tracing"] == (name in traced), handler
    assert traced  # the queue consumers and schedules trace their AWS calls


def test_the_prod_stage_reserves_what_an_account_can_hold(report):
    # The rehearsal reserved each function's concurrency in an account of 1,000 where moto
    # enforces AWS's rule (100 stay unreserved); it would have failed above 900.
    assert 0 < report["reserved_concurrency"] <= 900


def test_every_aws_call_is_allowed_by_the_calling_functions_own_role(report):
    # Each call recorded in the packaged function, as IAM authorizes it, evaluated against the
    # inline policies CloudFormation gave the function's role (devstack/rehearsal/iam.py).
    checked = report["iam"]
    assert len(checked) == 11
    assert len({f["role"] for f in checked.values()}) == 5
    for logical_id, function in checked.items():
        assert function["calls"], f"{logical_id} made no AWS call"
        assert function["denied"] == [], logical_id
    # The evaluation discriminates: the authorizer's role refuses what the chat does.
    where = iam.Where(REGION, ACCOUNT, API_ID, STAGE)
    chat_calls = checked["WebsocketMessage"]["calls_made"]
    refused = iam.denied(chat_calls, checked["Bearer"]["documents"], where)
    assert {r["action"] for r in refused} >= {"dynamodb:PutItem", "sqs:SendMessage",
                                              "execute-api:ManageConnections"}
