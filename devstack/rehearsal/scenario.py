"""The Lambda rehearsal: the package `chalice package` builds, run the way Lambda runs it,
against the emulator with the infrastructure template deployed, driving real work through
every packaged function (docs/deploy.md, "Rehearsals").

`python -m devstack.rehearsal [--stage prod] [--json report.json]` prints what happened and
exits non-zero when anything failed; tests/infra/test_lambda_rehearsal.py runs it.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
import zipfile
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import boto3

from devstack.rehearsal import iam
from devstack.rehearsal.host import (
    ACCOUNT,
    API_ID,
    REGION,
    LambdaHost,
    emulator_env,
)
from devstack.rehearsal.host import STAGE as API_STAGE
from devstack.rehearsal.package import (
    ROOT,
    Package,
    build_package,
    copy_project,
    runtime_libraries,
)

# An account's default concurrency and the share AWS keeps unreserved (LOCAL_STACK_NOTES.md).
ACCOUNT_CONCURRENCY = 1000
UNRESERVED_MINIMUM = 100
NO_SHOW = {"at_meeting_point": True, "contacted_driver": True, "driver_warned": False}
PHONE_BOB = "+33612345678"


class RehearsalFailed(AssertionError):
    """A step of the journey did not do what the product promises."""


@dataclass
class Emulator:
    """A patched moto server in its own process (devstack.emulator_gaps)."""

    url: str
    process: subprocess.Popen[str]

    def client(self, service: str) -> Any:
        """A boto3 client of the emulator."""
        return boto3.client(service, endpoint_url=self.url, region_name=REGION,
                            aws_access_key_id="testing", aws_secret_access_key="testing")  # noqa: S106

    def data(self) -> dict[str, Any]:
        """moto's model data (SMS sent, and so on)."""
        with urllib.request.urlopen(f"{self.url}/moto-api/data.json", timeout=30) as reply:  # noqa: S310
            return json.loads(reply.read())

    def stop(self) -> None:
        """End the server."""
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def start_emulator(log: Path) -> Emulator:
    """Start the patched moto server on a free port (executions enabled, account quota on)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "MOTO_PORT": str(port),
           "MOTO_LAMBDA_CONCURRENCY_QUOTA": str(ACCOUNT_CONCURRENCY), "TZ": "UTC"}
    process = subprocess.Popen(  # noqa: S603 - our own module
        [sys.executable, "-m", "devstack.emulator_gaps", "--port", str(port)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=log.open("a"), text=True,
    )
    assert process.stdout is not None
    url = process.stdout.readline().strip()
    if not url.startswith("http"):
        raise RehearsalFailed(f"the emulator did not start: {log.read_text()[-2000:]}")
    return Emulator(url, process)


def deploy_infrastructure(emulator: Emulator, stage: str) -> dict[str, str]:
    """The template deployed as `make deploy` deploys it; returns the stack's outputs."""
    from devstack.statemachines import activate_state_machines
    from infra.stack import deploy, ttl_attributes

    stack = f"entraide-{stage}"
    cfn = emulator.client("cloudformation")
    outputs = deploy(cfn, stack, {"Stage": stage}, wait=0.05)
    physical = {r["LogicalResourceId"]: r["PhysicalResourceId"]
                for r in cfn.describe_stack_resources(StackName=stack)["StackResources"]}
    dynamodb = emulator.client("dynamodb")
    for logical, attribute in ttl_attributes().items():
        dynamodb.update_time_to_live(
            TableName=physical[logical],
            TimeToLiveSpecification={"AttributeName": attribute, "Enabled": True})
    activate_state_machines(cfn, stack, emulator.client("stepfunctions"), emulator.client("iam"))
    return outputs


def check_reserved_concurrency(package: Package) -> int:
    """Reserve each function's concurrency in an empty account with the default quota, as
    CloudFormation would; moto then enforces AWS's rule (100 must stay unreserved). Runs in
    an account of its own, in process: moto cannot describe functions without Docker."""
    from moto import mock_aws

    os.environ["MOTO_LAMBDA_CONCURRENCY_QUOTA"] = str(ACCOUNT_CONCURRENCY)
    tiny = io.BytesIO()
    with zipfile.ZipFile(tiny, "w") as z:
        z.writestr("app.py", "def handler(event, context):\n    return None\n")
    total = 0
    with mock_aws():
        credentials = {"aws_access_key_id": "x", "aws_secret_access_key": "y"}
        lam = boto3.client("lambda", region_name=REGION, **credentials)
        role = boto3.client("iam", region_name=REGION, **credentials).create_role(
            RoleName="concurrency", AssumeRolePolicyDocument="{}")["Role"]["Arn"]
        for logical_id, props in package.functions().items():
            lam.create_function(FunctionName=logical_id, Runtime="python3.11", Role=role,
                                Handler="app.handler", Code={"ZipFile": tiny.getvalue()})
            reserved = props.get("ReservedConcurrentExecutions")
            if reserved is None:
                continue
            try:
                lam.put_function_concurrency(FunctionName=logical_id,
                                             ReservedConcurrentExecutions=reserved)
            except lam.exceptions.InvalidParameterValueException as e:
                raise RehearsalFailed(
                    f"{logical_id} cannot reserve {reserved} (total so far {total}) in an "
                    f"account of {ACCOUNT_CONCURRENCY}: {e}") from e
            total += int(reserved)
    return total


def sign(secret: str, body: bytes) -> dict[str, str]:
    """The marketplace's signature headers for a push."""
    timestamp = str(int(time.time()))
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return {"X-Entraide-Signature": "sha256=" + mac.hexdigest(),
            "X-Entraide-Timestamp": timestamp}


@dataclass
class Journey:
    """Real work through the packaged functions, checked step by step."""

    host: LambdaHost
    emulator: Emulator
    outputs: dict[str, str]
    checks: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        secrets = self.emulator.client("secretsmanager")
        self.jwt_key = secrets.get_secret_value(
            SecretId=self.outputs["JwtSecretArn"])["SecretString"]
        self.ingest_key = secrets.get_secret_value(
            SecretId=self.outputs["BookingsIngestSecretArn"])["SecretString"]

    def check(self, what: str, ok: bool, detail: Any = "") -> None:
        """Record a check (once); stop the rehearsal when it fails."""
        if not ok:
            raise RehearsalFailed(f"{what}: {detail}")
        if what not in self.checks:
            self.checks.append(what)

    def token(self, member_id: str, roles: list[str], tier: str | None = None) -> str:
        """A member token as the identity provider signs it (HS256 with the stage's key)."""
        from chalicelib.adapters.jwt.token_codec import JwtTokenCodec
        from chalicelib.domain.identity import Principal

        codec = JwtTokenCodec(lambda: self.jwt_key, "entraide")
        return codec.issue(Principal(member_id, frozenset(roles), tier), 3600)

    def rest(self, method: str, path: str, body: Any = None, token: str | None = None,
             headers: dict[str, str] | None = None, expect: int = 200) -> Any:
        """A REST call through the packaged authorizer and API handler; checks the status."""
        status, payload = self.host.rest(method, path, body, token, headers)
        self.check(f"{method} {path.split('?')[0]} answers {expect}", status == expect,
                   f"{status} {payload}")
        return payload

    def push(self, path: str, document: dict[str, Any]) -> Any:
        """A signed push from the marketplace."""
        body = json.dumps(document).encode()
        return self.rest("POST", path, body.decode(), headers=sign(self.ingest_key, body))

    def connect(self, member_id: str, roles: list[str]) -> str:
        """A ticket over REST, then `$connect` through the packaged handler."""
        ticket = self.rest("POST", "/ws/ticket", token=self.token(member_id, roles))["ticket"]
        connection_id = f"{member_id}-{uuid.uuid4().hex[:8]}="
        self.host.connections.open.add(connection_id)
        reply = self.ws("WebsocketConnect", "$connect", connection_id,
                        query={"ticket": ticket})
        self.check(f"$connect admits {member_id}", reply.get("statusCode") == 200, reply)
        return connection_id

    def ws(self, logical_id: str, route: str, connection_id: str, body: Any = None,
           query: dict[str, str] | None = None) -> Any:
        """A WebSocket event as API Gateway sends it."""
        from devstack.lambda_runtime import websocket_event

        text = None if body is None else json.dumps(body)
        event = websocket_event(route, connection_id,
                                f"rehearsal.execute-api.{REGION}.amazonaws.com", text, query)
        return self.host.functions[logical_id].invoke(event)

    def frame(self, connection_id: str, action: dict[str, Any]) -> dict[str, Any]:
        """Send a frame to `$default`; return its ack (an error frame fails the rehearsal)."""
        request_id = uuid.uuid4().hex
        self.ws("WebsocketMessage", "$default", connection_id,
                {**action, "request_id": request_id})
        reply = next(
            (f for f in self.host.connections.frames.get(connection_id, [])
             if f.get("request_id") == request_id), None)
        self.check(f"{action['action']} is acknowledged",
                   reply is not None and reply.get("type") == "ack", reply)
        assert reply is not None
        return reply

    def drain(self, queue_url: str, logical_id: str, until: Callable[[], bool],
              timeout: float = 30.0) -> int:
        """Deliver a queue's messages to its packaged consumer (as the event source mapping
        does) until `until()` holds; returns how many were delivered."""
        from devstack.lambda_runtime import sqs_event

        sqs = self.emulator.client("sqs")
        arn = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])[
            "Attributes"]["QueueArn"]
        batch = int(self.host.functions[logical_id].props["Events"][
            f"{logical_id}SqsEventSource"]["Properties"]["BatchSize"])
        delivered = 0
        deadline = time.monotonic() + timeout
        while not until():
            if time.monotonic() > deadline:
                raise RehearsalFailed(f"{logical_id}: condition not reached after {delivered}")
            got = sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=batch,
                                      WaitTimeSeconds=1, AttributeNames=["All"])
            messages = got.get("Messages", [])
            if not messages:
                continue
            self.host.functions[logical_id].invoke(sqs_event(messages, arn, REGION))
            for m in messages:  # the mapping deletes a batch its function handled
                sqs.delete_message(QueueUrl=queue_url, ReceiptHandle=m["ReceiptHandle"])
            delivered += len(messages)
        return delivered

    def run(self) -> None:
        """Every packaged function, doing its real job once at least."""
        self.platform()
        self.programme()
        conversation = self.chat()
        self.claim()
        self.events(conversation)
        self.erasure()

    def platform(self) -> None:
        """A ticket (what a client asks first), health, configuration, no back door."""
        ticket = self.rest("POST", "/ws/ticket", token=self.token("m-alice", ["member"]))
        self.check("a member gets a WebSocket ticket", len(ticket.get("ticket", "")) >= 32)
        self.check("GET /health", self.rest("GET", "/health") == {"status": "ok"})
        config = self.rest("GET", "/config", token=self.token("m-alice", ["member"]))
        self.check("GET /config answers the deployed WebSocket URL",
                   config.get("ws_url") == self.outputs["WS_PUBLIC_URL"], config)
        status, _ = self.host.rest("POST", "/dev/token", {"member_id": "x"})
        self.check("POST /dev/token is absent from the deployed API", status == 403, status)
        self.rest("GET", "/claims/catalog", expect=401)

    def programme(self) -> None:
        """Members fed by the marketplace; h-r1 applies and is approved by staff."""
        members = [
            ("m-alice", "Alice", "+33611111111", (4.8, 40, 0.97)),
            ("m-bob", "Bob", PHONE_BOB, (4.6, 12, 0.9)),
            ("h-r1", "Hélène", "+33622222222", (4.95, 210, 0.99)),
        ]
        for member_id, name, phone, (rating, reviews, positive) in members:
            stored = self.push("/ingest/members", {
                "member_id": member_id, "version": 1, "display_name": name, "lang": "fr",
                "phone": phone, "standing": "good", "sms_consent": True,
                "marketing_opt_in": False,
                "reputation": {"rating": rating, "reviews": reviews,
                               "positive_share": positive},
            })
            self.check(f"members feed stores {member_id}", stored.get("stored") is True, stored)
        helper = self.token("h-r1", ["member"])
        self.rest("POST", "/programme/applications",
                  {"languages": ["fr"], "topics": ["booking", "payment"]}, helper, expect=201)
        decided = self.rest("POST", "/programme/helpers/h-r1/approve", {"note": "rehearsal"},
                            self.token("adm-1", ["admin"]))
        self.check("staff approve the Helper", decided.get("status") == "approved", decided)

    def chat(self) -> str:
        """A help request offered, accepted, and a message relayed (masked)."""
        helper = self.connect("h-r1", ["member", "helper"])
        presence = self.frame(helper, {"action": "presence.set", "status": "available"})
        self.check("the Helper is available", presence.get("status") == "available", presence)
        member = self.connect("m-alice", ["member"])
        opened = self.frame(member, {"action": "help.open", "topic": "booking", "lang": "fr",
                                     "text": "Bonjour, mon conducteur ne répond pas",
                                     "consent": True})
        conversation = opened["conversation_id"]
        self.host.connections.wait_for(helper, "help.offer", conversation_id=conversation)
        self.frame(helper, {"action": "help.accept", "conversation_id": conversation})
        self.host.connections.wait_for(member, "help.assigned", conversation_id=conversation)
        sent = self.frame(member, {"action": "message.send", "conversation_id": conversation,
                                   "client_msg_id": uuid.uuid4().hex,
                                   "text": "Mon numéro est le 06 12 34 56 78"})
        self.check("personal data is masked", sent.get("verdict") == "mask"
                   and "06 12" not in sent.get("text", ""), sent)
        relayed = self.host.connections.wait_for(helper, "message.new",
                                                  conversation_id=conversation)
        self.check("the message reaches the Helper masked", relayed["text"] == sent["text"],
                   relayed)
        self.member_connection, self.helper_connection = member, helper
        return conversation

    def claim(self) -> None:
        """A claim filed, its counterpart task consumed, answered by SMS code, settled."""
        departure = (datetime.now(UTC) - timedelta(hours=20)).strftime("%Y-%m-%dT%H:%M:%SZ")
        self.push("/ingest/bookings", {
            "booking_id": "bk-r1", "version": 1, "status": "confirmed",
            "driver": {"member_id": "m-bob", "phone": PHONE_BOB},
            "passenger": {"member_id": "m-alice", "phone": "+33611111111"},
            "contribution_cents": 2500, "service_fee_cents": 300, "departure_at": departure,
        })
        alice = self.token("m-alice", ["member"])
        filed = self.rest("POST", "/claims", {"booking_id": "bk-r1", "problem": "driver_no_show",
                                              "answers": NO_SHOW},
                          alice, {"Idempotency-Key": uuid.uuid4().hex}, expect=201)
        claim_id = filed["claim_id"]

        def status() -> str:
            code, claim = self.host.rest("GET", f"/claims/{claim_id}", token=alice)
            self.check("a party reads the claim", code == 200, claim)
            return claim["status"]

        def sms() -> list[str]:
            texts = self.emulator.data().get("sns", {}).get("SMS", [])
            return [m["message"] for m in texts
                    if m.get("phone_number") == PHONE_BOB and claim_id in m["message"]]

        self.drain(self.outputs["QUEUE_CLAIM_TASKS_URL"], "ClaimTasks", lambda: bool(sms()))
        link = sms()[0].rsplit(" ", 1)[-1]
        web = self.outputs["WEB_URL"]
        self.check("the SMS link opens the deployed answer page",
                   web.startswith("https://")
                   and link.startswith(f"{web}/answer.html#/{claim_id}?code="), link)
        code = link.rsplit("code=", 1)[-1]
        self.check("the counterpart is asked", status() == "awaiting_counterpart")
        self.rest("GET", f"/claims/{claim_id}/question?code={code}")
        self.rest("POST", f"/claims/{claim_id}/response?code={code}", {"confirm": True})
        # Settled, then closed by the state machine once the notice is queued.
        self.drain(self.outputs["QUEUE_NOTIFY_URL"], "ClaimNotices",
                   lambda: status() == "closed", timeout=40)
        self.host.connections.wait_for(self.member_connection, "claim.updated",
                                       claim_id=claim_id, status="settled")

    def events(self, conversation: str) -> None:
        """The wave timeout delivered to its consumer, the schedules, the disconnects."""
        from devstack.lambda_runtime import scheduled_event

        delivered = self.drain(self.outputs["QUEUE_ROUTING_URL"], "RoutingEvents",
                               lambda: self._routed > 0, timeout=20)
        self.check("the routing queue's wave timeout is consumed", delivered >= 1, delivered)
        for logical_id in ("RoutingSweep", "HelperQualityReview", "InsightsMetrics"):
            self.host.functions[logical_id].invoke(scheduled_event(logical_id, REGION))
            self.checks.append(f"{logical_id} runs on its schedule")
        self.frame(self.member_connection, {"action": "conversation.close",
                                            "conversation_id": conversation})
        for connection in (self.member_connection, self.helper_connection):
            self.ws("WebsocketDisconnect", "$disconnect", connection)
            self.host.connections.open.discard(connection)
        self.checks.append("$disconnect forgets both connections")

    def erasure(self) -> None:
        """Alice erases her data (docs/privacy.md) with a claim still open: its execution is
        stopped and every table of hers is erased by the REST function's own role."""
        departure = (datetime.now(UTC) - timedelta(hours=20)).strftime("%Y-%m-%dT%H:%M:%SZ")
        self.push("/ingest/bookings", {
            "booking_id": "bk-r2", "version": 1, "status": "confirmed",
            "driver": {"member_id": "m-bob", "phone": PHONE_BOB},
            "passenger": {"member_id": "m-alice", "phone": "+33611111111"},
            "contribution_cents": 2500, "service_fee_cents": 300, "departure_at": departure,
        })
        alice = self.token("m-alice", ["member"])
        self.rest("POST", "/claims", {"booking_id": "bk-r2", "problem": "driver_no_show",
                                      "answers": NO_SHOW},
                  alice, {"Idempotency-Key": uuid.uuid4().hex}, expect=201)
        erased = self.rest("DELETE", "/members/m-alice/data", token=alice)
        counts = erased.get("erased", {})
        self.check("a member erases their data, open claim withdrawn",
                   erased.get("status") == "erased" and counts.get("claims_withdrawn") == 1
                   and counts.get("messages", 0) >= 2, erased)

    @property
    def _routed(self) -> int:
        return len(self.host.functions["RoutingEvents"].invocations)


def measure_bare(runtime_dir: Path, work: Path) -> dict[str, float]:
    """A function doing nothing but `import boto3` and creating one client, in the same
    interpreter setup: the yardstick of the cold start figures."""
    from devstack.rehearsal.host import BOOTSTRAP

    task = work / "bare"
    task.mkdir(parents=True, exist_ok=True)
    (task / "bare.py").write_text(
        "import boto3\n\ndef handler(event, context):\n"
        "    boto3.client('dynamodb', region_name='eu-west-3')\n    return {}\n")
    env = {"PATH": "/usr/bin:/bin", "AWS_REGION": REGION, "AWS_LAMBDA_FUNCTION_NAME": "bare",
           "AWS_ACCESS_KEY_ID": "x", "AWS_SECRET_ACCESS_KEY": "y"}
    process = subprocess.run(  # noqa: S603
        [sys.executable, "-I", "-S", "-B", str(BOOTSTRAP), str(task), str(runtime_dir),
         "bare.handler"],
        input=json.dumps({"event": {}, "trace_id": ""}) + "\n", env=env, text=True,
        capture_output=True, timeout=60, check=True)
    ready, reply = (json.loads(line) for line in process.stdout.splitlines()[:2])
    return {"import_ms": ready["import_ms"], "client_ms": reply["duration_ms"]}


def check_roles(host: LambdaHost, emulator: Emulator) -> dict[str, Any]:
    """Each function's recorded AWS calls against its execution role (devstack.rehearsal.iam)."""
    where = iam.Where(REGION, ACCOUNT, API_ID, API_STAGE)
    client = emulator.client("iam")
    checked: dict[str, Any] = {}
    for logical_id, function in host.functions.items():
        assert function.calls_path is not None
        calls = iam.read_calls(function.calls_path)
        documents = iam.role_documents(client, function.props["Role"])
        checked[logical_id] = {
            "role": function.props["Role"].rsplit("/", 1)[-1],
            "calls": len(calls),
            "actions": sorted({a for c in calls for a, _ in iam.required(c, where)}),
            "denied": iam.denied(calls, documents, where),
            "calls_made": calls,
            "documents": documents,
        }
    return checked


def rehearse(stage: str, work: Path, runtime_cache: Path | None = None,
             check_iam: bool = False) -> dict[str, Any]:
    """Build, deploy the infrastructure, run the journey; returns the report. With `check_iam`
    every AWS call is recorded and checked against the calling function's role."""
    work.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    report: dict[str, Any] = {"stage": stage}
    with ExitStack() as stack:
        emulator = start_emulator(work / "emulator.log")
        stack.callback(emulator.stop)
        outputs = deploy_infrastructure(emulator, stage)
        from infra.chalice_cli import write_generated
        from infra.deploy import stage_values, url_values

        project = copy_project(work / "project")
        urls = {"websocket_api_url": f"wss://rehearsal.execute-api.{REGION}.amazonaws.com/api"}
        values = stage_values(outputs)
        values["environment_variables"].update(url_values(urls))
        write_generated(project, stage, values)
        package = build_package(project, stage, work / "package")
        stack.callback(make_writable, package.task_root)
        report["package_bytes"] = package.zip_path.stat().st_size
        report["reserved_concurrency"] = check_reserved_concurrency(package)
        runtime = runtime_libraries(runtime_cache)
        host = LambdaHost(package, runtime, emulator_env(emulator.url), work / "logs",
                          record_calls=check_iam)
        stack.callback(host.stop)
        env_outputs = {**values["environment_variables"], **outputs}
        journey = Journey(host, emulator, env_outputs)
        try:
            journey.run()
        except AssertionError as e:  # a failed check or a function that raised
            report["error"] = f"{type(e).__name__}: {e}"
        finally:
            report["checks"] = journey.checks
            report["functions"] = {
                logical_id: {
                    "handler": f.handler,
                    "import_ms": f.import_ms,
                    "invocations": f.invocations,
                    "tracing": any(i["xray"] for i in f.invocations),
                    "modules": len(f.modules),
                    "foreign_modules": sorted({m.split(".")[0] for m in f.modules}
                                              & {"moto", "pytest", "chalice.cli", "devstack"}),
                }
                for logical_id, f in host.functions.items()
            }
        if check_iam:
            report["iam"] = check_roles(host, emulator)
        report["bare"] = measure_bare(runtime, work)
    report["seconds"] = round(time.monotonic() - started, 1)
    return report


def make_writable(path: Path) -> None:
    """Undo the package's read-only modes so the work directory can be removed."""
    if not path.exists():
        return
    for p in [path, *path.rglob("*")]:
        p.chmod(0o755 if p.is_dir() else 0o644)


def main(argv: list[str] | None = None) -> int:
    """Run the rehearsal from the command line."""
    import argparse
    import tempfile

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--stage", default="prod", choices=["dev", "prod"])
    parser.add_argument("--json", type=Path, help="write the report there")
    parser.add_argument("--work", type=Path, help="keep logs and the package there")
    parser.add_argument("--check-iam", action="store_true",
                        help="check every AWS call against the calling function's role")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="rehearsal-"))
    try:
        report = rehearse(args.stage, work, check_iam=args.check_iam)
    except Exception as e:  # noqa: BLE001 - reported, then the exit status says it failed
        report = {"stage": args.stage, "error": f"{type(e).__name__}: {e}"}
    if args.json:
        args.json.write_text(json.dumps(report, indent=1))
    summary = {k: v for k, v in report.items() if k != "functions"}
    print(json.dumps(summary, indent=1))
    if not args.work:
        make_writable(work)
        shutil.rmtree(work, ignore_errors=True)
    if "error" in report:
        print(f"rehearsal failed: {report['error']}", file=sys.stderr)
        return 1
    return 0
