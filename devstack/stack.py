"""The whole system on one machine: moto as a server, the infra template deployed into it, the
Chalice REST API, the WebSocket gateway, the event pump, the web clients and demo data."""

from __future__ import annotations

import importlib
import json
import logging
import os
import secrets
import socket
import sys
import threading
import time
from dataclasses import dataclass, field
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
STACK_NAME = "entraide-local"
REGION = "eu-west-3"
log = logging.getLogger("devstack")


def free_port(host: str) -> int:
    """A port nobody listens on right now."""
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


@dataclass
class Ports:
    """Where each part listens; 0 picks a free port."""

    rest: int = 8000
    ws: int = 8001
    web: int = 8002
    moto: int = 5000

    def resolve(self, host: str) -> Ports:
        """Replace every 0 by a free port."""
        return Ports(*(p or free_port(host) for p in (self.rest, self.ws, self.web, self.moto)))


@dataclass
class LocalStack:
    """Starts and stops every part; `urls` says where they are."""

    host: str = "127.0.0.1"
    ports: Ports = field(default_factory=Ports)
    seed: bool = True
    urls: dict[str, str] = field(default_factory=dict)
    _stoppers: list[Any] = field(default_factory=list)

    def start(self) -> dict[str, str]:
        """Bring everything up; returns the URLs."""
        started = time.monotonic()
        self.ports = self.ports.resolve(self.host)
        self._environment()
        self._start_moto()
        outputs = self._deploy_infra()
        os.environ.update(outputs)
        module = self._load_app()
        from chalicelib.composition import services

        if self.seed:
            from devstack.seed import seed_all

            seed_all(services())
        self._start_rest(module)
        self._start_gateway(module)
        self._start_pump(module)
        self.urls = {
            "rest": f"http://{self.host}:{self.ports.rest}",
            "ws": f"ws://{self.host}:{self.ports.ws}",
            "web": f"http://{self.host}:{self.ports.web}",
            "moto": f"http://{self.host}:{self.ports.moto}",
            "startup_seconds": f"{time.monotonic() - started:.2f}",
        }
        return self.urls

    def stop(self) -> None:
        """Stop every part, newest first."""
        while self._stoppers:
            stopper = self._stoppers.pop()
            started = time.monotonic()
            try:
                stopper()
                log.info(
                    "stopped %s in %.2f s",
                    getattr(stopper, "__qualname__", stopper),
                    time.monotonic() - started,
                )
            except Exception:  # noqa: BLE001 - stop the rest regardless
                log.exception("stopping a part failed")

    # --- parts ---------------------------------------------------------------------------

    def _environment(self) -> None:
        env = {
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",  # noqa: S105 - moto's fake credentials
            "AWS_SESSION_TOKEN": "testing",
            "AWS_DEFAULT_REGION": REGION,
            "AWS_REGION": REGION,
            "MOTO_PORT": str(self.ports.moto),
            "TZ": "UTC",
            "STAGE": "local",
            # moto's CloudFormation cannot create the Secrets Manager secret of the template,
            # so the local stack holds the HS256 key itself (a new one at every start).
            "JWT_SECRET": secrets.token_urlsafe(32),
            # The bookings push HMAC key, like the JWT key: the test may pass its own.
            "BOOKINGS_INGEST_SECRET": os.environ.get("BOOKINGS_INGEST_SECRET")
            or secrets.token_urlsafe(32),
            "WS_PUBLIC_URL": f"ws://{self.host}:{self.ports.ws}",
            "WEB_URL": f"http://{self.host}:{self.ports.web}",
            "WS_MANAGEMENT_ENDPOINT": f"http://{self.host}:{self.ports.web}",
            "POWERTOOLS_LOG_LEVEL": os.environ.get("POWERTOOLS_LOG_LEVEL", "WARNING"),
            "POWERTOOLS_METRICS_NAMESPACE": "Entraide",
        }
        os.environ.update(env)
        # In this process AWS is the emulator (in_process, _start_moto); an endpoint set in the
        # shell would send the stack's calls elsewhere.
        os.environ.pop("AWS_ENDPOINT_URL", None)
        time.tzset()

    def _start_moto(self) -> None:
        import warnings

        # Quiet the emulator's notes on resources it does not model (moto_server quiets its
        # request log).
        logging.getLogger("moto").setLevel(logging.ERROR)
        warnings.filterwarnings("ignore", message="Tried to parse AWS::")
        from moto import mock_aws
        from moto.core.config import default_user_config

        from devstack import moto_server
        from devstack.atomic_dynamodb import install
        from devstack.emulator_gaps import stop_executions_while_they_start

        install()
        stop_executions_while_they_start()
        # Executions must be enabled before any state machine exists (a different store).
        default_user_config.setdefault("stepfunctions", {})["execute_state_machine"] = True
        # The stack's own AWS calls reach the emulator inside this process: botocore builds,
        # signs and parses each call as usual, and moto answers it without a socket, a thread
        # and an HTTP parse per call (over a third of the stack's CPU). The server shares the
        # same emulated accounts with everything outside (tests, the aws CLI, boto3 scripts).
        in_process = mock_aws()
        in_process.start(reset=False)
        self._stoppers.append(in_process.stop)
        server = moto_server.start(self.host, self.ports.moto)
        self._stoppers.append(server.stop)

    def _deploy_infra(self) -> dict[str, str]:
        import boto3

        from infra.stack import deploy, outputs_as_env, ttl_attributes

        cfn = boto3.client("cloudformation")
        outputs = deploy(cfn, STACK_NAME, {"Stage": "local"}, wait=0.05)
        resources = {
            r["LogicalResourceId"]: r["PhysicalResourceId"]
            for r in cfn.describe_stack_resources(StackName=STACK_NAME)["StackResources"]
            if "LogicalResourceId" in r
        }
        # moto ignores TimeToLiveSpecification in templates; apply it as AWS would.
        dynamodb = boto3.client("dynamodb")
        for logical, attribute in ttl_attributes().items():
            dynamodb.update_time_to_live(
                TableName=resources[logical],
                TimeToLiveSpecification={"AttributeName": attribute, "Enabled": True},
            )
        from devstack.statemachines import activate_state_machines

        activate_state_machines(cfn, STACK_NAME)
        return outputs_as_env(outputs)

    def _load_app(self) -> Any:
        if str(ROOT) not in sys.path:
            sys.path.insert(0, str(ROOT))
        from chalicelib import composition
        from chalicelib.runtime import services
        from devstack.dev_tokens import register

        composition.reset()
        module = importlib.import_module("app")
        register(module.app, services)  # POST /dev/token exists in the local stack only
        return module

    def _start_rest(self, module: Any) -> None:
        from chalice.config import Config
        from chalice.local import create_local_server

        from devstack import gateway_responses

        gateway_responses.install()
        disk = json.loads((ROOT / ".chalice" / "config.json").read_text())
        config = Config(chalice_stage="local", config_from_disk=disk)
        server = create_local_server(module.app, config, self.host, self.ports.rest)
        server.server.daemon_threads = True
        thread = threading.Thread(target=server.server.serve_forever, name="rest", daemon=True)
        thread.start()
        self._stoppers.append(server.server.server_close)
        self._stoppers.append(server.shutdown)

    def _start_gateway(self, module: Any) -> None:
        from devstack.gateway import LocalWebSocketGateway, make_http_front

        handlers = {
            "$connect": module.ws_connect,
            "$default": module.ws_message,
            "$disconnect": module.ws_disconnect,
        }
        gateway = LocalWebSocketGateway(handlers, self.host, self.ports.ws)
        gateway.start()
        urls = {
            "rest": f"http://{self.host}:{self.ports.rest}",
            "ws": f"ws://{self.host}:{gateway.port}",
        }
        front: ThreadingHTTPServer = make_http_front(
            gateway, ROOT / "web", self.host, self.ports.web, client_config=lambda: urls
        )
        thread = threading.Thread(target=front.serve_forever, name="web", daemon=True)
        thread.start()
        self._stoppers.append(front.server_close)
        self._stoppers.append(front.shutdown)
        # Stopped before the front: handlers still running post their replies to the front's
        # @connections endpoint, and a closed endpoint turns each post into retries.
        self._stoppers.append(gateway.stop)
        self.gateway = gateway

    def _start_pump(self, module: Any) -> None:
        import boto3

        from devstack.pump import EventPump

        pump = EventPump(module, boto3.client("sqs"), REGION)
        pump.start()
        self._stoppers.append(pump.stop)
