"""Run each function of a built package in its own clean interpreter, as Lambda would, and play
the parts of API Gateway the functions talk to (the REST authorizer step, the WebSocket
`@connections` management API)."""

from __future__ import annotations

import json
import os
import re
import secrets
import subprocess
import sys
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from devstack.rehearsal.package import Package

BOOTSTRAP = Path(__file__).with_name("bootstrap.py")
REGION = "eu-west-3"
ACCOUNT = "123456789012"
API_ID = "rehearsal"
STAGE = "api"
MAX_POST_BYTES = 128 * 1024  # API Gateway's limit on one post_to_connection


class InvocationFailed(AssertionError):
    """A packaged function raised, or could not start."""


def trace_header() -> str:
    """An X-Ray trace header as Lambda sets it in `_X_AMZN_TRACE_ID` for each invocation."""
    root = f"1-{int(time.time()):08x}-{secrets.token_hex(12)}"
    return f"Root={root};Parent={secrets.token_hex(8)};Sampled=1"


class LambdaFunction:
    """One function of the package, started on its first invocation (a cold start)."""

    def __init__(self, logical_id: str, props: dict[str, Any], package: Package,
                 runtime_dir: Path, extra_env: dict[str, str], log_dir: Path,
                 record_calls: bool = False) -> None:
        self.logical_id = logical_id
        self.props = props
        self.handler = props["Handler"]
        self._package = package
        self._runtime_dir = runtime_dir
        self._extra_env = extra_env
        self.log_path = log_dir / f"{logical_id}.log"
        # Where bootstrap.py records the function's AWS calls (devstack.rehearsal.iam).
        self.calls_path = log_dir / f"{logical_id}.calls.jsonl" if record_calls else None
        self._process: subprocess.Popen[str] | None = None
        self._lock = threading.Lock()
        self.import_ms: float | None = None
        self.modules: list[str] = []
        self.invocations: list[dict[str, Any]] = []

    def environment(self) -> dict[str, str]:
        """The template's variables for this function, plus what Lambda itself sets."""
        declared = self.props.get("Environment", {}).get("Variables", {})
        name = f"entraide-{self.logical_id}"
        env = {
            "PATH": "/usr/local/bin:/usr/bin:/bin",
            "LANG": "en_US.UTF-8",
            "TZ": ":UTC",
            "AWS_REGION": REGION,
            "AWS_DEFAULT_REGION": REGION,
            "AWS_EXECUTION_ENV": "AWS_Lambda_python3.11",
            "AWS_LAMBDA_FUNCTION_NAME": name,
            "AWS_LAMBDA_FUNCTION_VERSION": "$LATEST",
            "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": str(self.props.get("MemorySize", 128)),
            "AWS_LAMBDA_INITIALIZATION_TYPE": "on-demand",
            "AWS_LAMBDA_LOG_GROUP_NAME": f"/aws/lambda/{name}",
            "AWS_LAMBDA_LOG_STREAM_NAME": "rehearsal",
            "LAMBDA_TASK_ROOT": str(self._package.task_root),
            "LAMBDA_RUNTIME_DIR": str(self._runtime_dir),
            "_HANDLER": self.handler,
            # The execution role's credentials (the emulator accepts any).
            "AWS_ACCESS_KEY_ID": "ASIAREHEARSAL",
            "AWS_SECRET_ACCESS_KEY": "rehearsal",  # noqa: S105 - not a secret
            "AWS_SESSION_TOKEN": "rehearsal",
            **{k: str(v) for k, v in declared.items()},
        }
        if self.props.get("Tracing") == "Active":
            # Lambda points the X-Ray SDK at its daemon; segments go over UDP, nobody listens.
            env.update({"AWS_XRAY_DAEMON_ADDRESS": "127.0.0.1:2000",
                        "_AWS_XRAY_DAEMON_ADDRESS": "127.0.0.1",
                        "_AWS_XRAY_DAEMON_PORT": "2000",
                        "AWS_XRAY_CONTEXT_MISSING": "LOG_ERROR"})
        env.update(self._extra_env)
        if self.calls_path is not None:
            env["REHEARSAL_CALLS"] = str(self.calls_path)
        return env

    def _start(self) -> None:
        log = self.log_path.open("a")
        command = [sys.executable, "-I", "-S", "-B", str(BOOTSTRAP),
                   str(self._package.task_root), str(self._runtime_dir), self.handler]
        self._process = subprocess.Popen(  # noqa: S603 - our own interpreter and script
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log,
            env=self.environment(), text=True, cwd=self._package.task_root,
        )
        ready = json.loads(self._readline())
        if not ready.get("ready"):
            raise InvocationFailed(
                f"{self.logical_id} failed at init: {ready.get('error')}: {ready.get('message')}"
                f"\n{ready.get('traceback', '')}\n{self.log_tail()}"
            )
        self.import_ms = ready["import_ms"]
        self.modules = ready["modules"]

    def _readline(self) -> str:
        assert self._process is not None and self._process.stdout is not None
        line = self._process.stdout.readline()
        if not line:
            raise InvocationFailed(f"{self.logical_id} exited\n{self.log_tail()}")
        return line

    def invoke(self, event: dict[str, Any]) -> Any:
        """Invoke with an event; the handler's result, or InvocationFailed."""
        with self._lock:
            if self._process is None:
                self._start()
            assert self._process is not None and self._process.stdin is not None
            request = {"event": event, "trace_id": trace_header(),
                       "context": {"request_id": str(uuid.uuid4())}}
            self._process.stdin.write(json.dumps(request) + "\n")
            self._process.stdin.flush()
            reply = json.loads(self._readline())
        self.invocations.append(
            {k: reply[k] for k in ("ok", "duration_ms", "network_ms", "xray")})
        if not reply["ok"]:
            raise InvocationFailed(
                f"{self.logical_id} raised {reply['error']}: {reply['message']}\n"
                f"{reply.get('traceback', '')}\n{self.log_tail()}"
            )
        return reply["result"]

    def log_tail(self, lines: int = 40) -> str:
        """The end of what the function wrote."""
        if not self.log_path.exists():
            return ""
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def stop(self) -> None:
        """End the process (the container goes away)."""
        if self._process is not None:
            if self._process.stdin:
                self._process.stdin.close()
            try:
                self._process.wait(5)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait(5)


class ConnectionsRecorder:
    """API Gateway's `@connections` management API for the rehearsal: records what the
    functions post, answers 410 GoneException for connections that are not open, and 413
    PayloadTooLargeException above 128 KB, as AWS does."""

    def __init__(self) -> None:
        self.open: set[str] = set()
        self.frames: dict[str, list[dict[str, Any]]] = {}
        self._lock = threading.Condition()
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def _reply(self, status: int, error: str = "") -> None:
                body = json.dumps({"message": error} if error else {}).encode()
                self.send_response(status)
                if error:
                    self.send_header("x-amzn-ErrorType", error)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                match = re.search(r"/@connections/([^/?]+)$", self.path)
                data = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if not match:
                    return self._reply(404, "NotFoundException")
                connection_id = unquote(match.group(1))
                if len(data) > MAX_POST_BYTES:
                    return self._reply(413, "PayloadTooLargeException")
                with recorder._lock:
                    if connection_id not in recorder.open:
                        return self._reply(410, "GoneException")
                    recorder.frames.setdefault(connection_id, []).append(json.loads(data))
                    recorder._lock.notify_all()
                return self._reply(200)

            def do_DELETE(self) -> None:  # noqa: N802
                match = re.search(r"/@connections/([^/?]+)$", self.path)
                with recorder._lock:
                    recorder.open.discard(unquote(match.group(1)) if match else "")
                self._reply(204)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def wait_for(self, connection_id: str, frame_type: str, timeout: float = 20.0,
                 **fields: Any) -> dict[str, Any]:
        """The first frame of a type (and fields) posted to a connection; waits for it."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while True:
                for frame in self.frames.get(connection_id, []):
                    if frame.get("type") == frame_type and all(
                        frame.get(k) == v for k, v in fields.items()
                    ):
                        return frame
                left = deadline - time.monotonic()
                if left <= 0:
                    seen = [f.get("type") for f in self.frames.get(connection_id, [])]
                    raise AssertionError(f"no {frame_type} {fields} for {connection_id}: {seen}")
                self._lock.wait(left)

    def stop(self) -> None:
        """Stop serving."""
        self._server.shutdown()
        self._server.server_close()


class LambdaHost:
    """Every function of the package, by logical id, and the API Gateway parts around them."""

    def __init__(self, package: Package, runtime_dir: Path, extra_env: dict[str, str],
                 log_dir: Path, record_calls: bool = False) -> None:
        self.package = package
        self.connections = ConnectionsRecorder()
        log_dir.mkdir(parents=True, exist_ok=True)
        env = {"WS_MANAGEMENT_ENDPOINT": self.connections.url, **extra_env}
        self.functions = {
            logical_id: LambdaFunction(logical_id, props, package, runtime_dir, env, log_dir,
                                       record_calls)
            for logical_id, props in package.functions().items()
        }
        self._routes = self._compile_routes(package.rest_paths())

    @staticmethod
    def _compile_routes(paths: dict[str, list[str]]) -> list[tuple[re.Pattern[str], str]]:
        # API Gateway prefers literal path parts over parameters (/claims/catalog before
        # /claims/{claim_id}): try templates with fewer parameters first.
        ordered = sorted(paths, key=lambda p: (p.count("{"), -len(p)))
        compiled = []
        for template in ordered:
            pattern = re.sub(r"\\\{([^}]+)\\\}", r"(?P<\1>[^/]+)", re.escape(template))
            compiled.append((re.compile(f"^{pattern}$"), template))
        return compiled

    def rest(self, method: str, path: str, body: Any = None, token: str | None = None,
             headers: dict[str, str] | None = None) -> tuple[int, Any]:
        """A REST request as API Gateway delivers it: authorizer first, then the proxy event."""
        raw_path, _, query_string = path.partition("?")
        query = dict(p.split("=", 1) for p in query_string.split("&") if "=" in p)
        api = self.package.template["Resources"]["RestAPI"]["Properties"]["DefinitionBody"]
        try:
            template, params = self._match(raw_path)
            operation = api["paths"][template].get(method.lower())
        except KeyError:
            operation = None
        if operation is None:
            # API Gateway's own answer for a path or method the API does not have.
            return 403, {"message": "Missing Authentication Token"}
        all_headers = {"Content-Type": "application/json", **(headers or {})}
        if token:
            all_headers["Authorization"] = f"Bearer {token}"
        authorizer: dict[str, Any] = {}
        if operation.get("security"):
            if "Authorization" not in all_headers:
                return 401, {"message": "Unauthorized"}  # API Gateway, without our function
            policy = self.functions["Bearer"].invoke({
                "type": "TOKEN",
                "authorizationToken": all_headers["Authorization"],
                "methodArn": f"arn:aws:execute-api:{REGION}:{ACCOUNT}:{API_ID}/{STAGE}/"
                             f"{method.upper()}{raw_path}",
            })
            statement = policy["policyDocument"]["Statement"][0]
            if statement["Effect"] != "Allow":
                return 403, {"message": "User is not authorized to access this resource"}
            authorizer = {**policy.get("context", {}), "principalId": policy["principalId"]}
        text = body if isinstance(body, str) or body is None else json.dumps(body)
        event = {
            "resource": template,
            "path": raw_path,
            "httpMethod": method.upper(),
            "headers": all_headers,
            "multiValueHeaders": {k: [v] for k, v in all_headers.items()},
            "queryStringParameters": query or None,
            "multiValueQueryStringParameters": {k: [v] for k, v in query.items()} or None,
            "pathParameters": params or None,
            "stageVariables": None,
            "requestContext": {
                "resourcePath": template,
                "httpMethod": method.upper(),
                "path": f"/{STAGE}{raw_path}",
                "stage": STAGE,
                "accountId": ACCOUNT,
                "apiId": API_ID,
                "requestId": str(uuid.uuid4()),
                "requestTimeEpoch": int(time.time() * 1000),
                "protocol": "HTTP/1.1",
                "domainName": f"{API_ID}.execute-api.{REGION}.amazonaws.com",
                "identity": {"sourceIp": "127.0.0.1", "userAgent": "rehearsal"},
                "authorizer": authorizer or None,
            },
            "body": text,
            "isBase64Encoded": False,
        }
        reply = self.functions["APIHandler"].invoke(event)
        payload = reply.get("body")
        try:
            payload = json.loads(payload) if payload else None
        except ValueError:
            pass
        return reply["statusCode"], payload

    def _match(self, path: str) -> tuple[str, dict[str, str]]:
        for pattern, template in self._routes:
            found = pattern.match(path)
            if found:
                return template, found.groupdict()
        raise KeyError(f"no REST route for {path}")

    def stop(self) -> None:
        """Stop every function and the recorder."""
        for function in self.functions.values():
            function.stop()
        self.connections.stop()


def emulator_env(endpoint: str) -> dict[str, str]:
    """What the rehearsal adds to a function's environment: the emulator's endpoint (and
    where to write first-invocation profiles, when asked for)."""
    env = {"AWS_ENDPOINT_URL": endpoint}
    if os.environ.get("REHEARSAL_PROFILE_DIR"):
        env["REHEARSAL_PROFILE_DIR"] = os.environ["REHEARSAL_PROFILE_DIR"]
    return env


def python_executable() -> str:
    """The interpreter the functions run in (Python 3.11, without its site-packages)."""
    return os.path.realpath(sys.executable)
