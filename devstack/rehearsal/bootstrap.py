"""The Lambda runtime's part, for one function, in a clean interpreter (standard library only).

Started as `python -I -S -B bootstrap.py <task_root> <runtime_dir> <handler>` with the
function's environment: the path is the package, then the runtime's libraries, then the
standard library — nothing from any virtualenv. Like Lambda it imports the handler's module
once (the init phase), then serves invocations: one JSON line in on stdin
(`{"event", "context", "trace_id"}`), one JSON line out on the original stdout. Whatever the
function prints or logs goes to stderr, which the host keeps as the function's log.

Timings reported: `import_ms` (the init phase), and for each invocation `duration_ms` and
`network_ms`, the time spent waiting for AWS answers (measured around
`http.client.HTTPConnection.getresponse`, which both urllib3 1.26 and 2.x call), so that
`duration_ms - network_ms` is the function's own work.

With `REHEARSAL_CALLS` set to a file, every AWS call the function makes through botocore
(boto3 and PynamoDB alike) is appended there as one JSON line — service, operation, endpoint and
the parameters that name a resource, never an item's content — for devstack.rehearsal.iam to
check against the function's execution role.
"""

from __future__ import annotations

import http.client
import importlib
import json
import os
import sys
import time
import traceback
import uuid

_network = [0.0]
_getresponse = http.client.HTTPConnection.getresponse


def _timed_getresponse(self, *args, **kwargs):  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    try:
        return _getresponse(self, *args, **kwargs)
    finally:
        _network[0] += time.perf_counter() - started


class Context:
    """The attributes of Lambda's context object that handlers and Powertools read."""

    def __init__(self, spec: dict) -> None:
        self.function_name = os.environ["AWS_LAMBDA_FUNCTION_NAME"]
        self.function_version = os.environ.get("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST")
        self.memory_limit_in_mb = int(os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128"))
        region = os.environ.get("AWS_REGION", "eu-west-3")
        self.invoked_function_arn = (
            f"arn:aws:lambda:{region}:123456789012:function:{self.function_name}"
        )
        self.aws_request_id = spec.get("request_id") or str(uuid.uuid4())
        self.log_group_name = f"/aws/lambda/{self.function_name}"
        self.log_stream_name = "rehearsal"
        self._deadline = time.monotonic() + float(spec.get("timeout_s", 60))

    def get_remaining_time_in_millis(self) -> int:
        """Milliseconds left before the invocation's deadline."""
        return max(0, int((self._deadline - time.monotonic()) * 1000))


def _jsonable(value):  # type: ignore[no-untyped-def]
    try:
        json.dumps(value)
        return value
    except TypeError:
        return repr(value)


# The parameters that name what a call touches (devstack.rehearsal.iam reads them).
_NAMING = ("TableName", "IndexName", "QueueUrl", "TopicArn", "TargetArn", "stateMachineArn",
           "executionArn", "SecretId", "ConnectionId")


def _resources(params: dict) -> dict:
    named = {k: params[k] for k in _NAMING if isinstance(params.get(k), str)}
    if "PhoneNumber" in params:
        named["PhoneNumber"] = True  # a text to a phone; the number itself is personal data
    if "TransactItems" in params:
        named["TransactItems"] = [
            [kind, item.get("TableName", "")]
            for entry in params["TransactItems"] for kind, item in entry.items()]
    if isinstance(params.get("RequestItems"), dict):
        named["RequestItems"] = sorted(params["RequestItems"])
    return named


def _record_calls(path: str) -> None:
    import botocore.client

    make_api_call = botocore.client.BaseClient._make_api_call

    def recorded(self, operation_name, api_params):  # type: ignore[no-untyped-def]
        with open(path, "a") as out:
            out.write(json.dumps({
                "service": self.meta.service_model.signing_name,
                "operation": operation_name,
                "endpoint": self.meta.endpoint_url,
                "params": _resources(api_params),
            }) + "\n")
        return make_api_call(self, operation_name, api_params)

    botocore.client.BaseClient._make_api_call = recorded


def _name(handler: str) -> str:
    return handler.replace(".", "_") + ".pstats"


def main() -> None:
    task_root, runtime_dir, handler = sys.argv[1], sys.argv[2], sys.argv[3]
    # Lambda's order: the function's code first, then the runtime's own libraries.
    sys.path[:0] = [task_root, runtime_dir]
    protocol = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)  # the function's own output is its log, never the protocol
    http.client.HTTPConnection.getresponse = _timed_getresponse  # type: ignore[method-assign]
    module_name, _, attribute = handler.rpartition(".")
    if os.environ.get("REHEARSAL_CALLS"):
        _record_calls(os.environ["REHEARSAL_CALLS"])
    started = time.perf_counter()
    try:
        function = getattr(importlib.import_module(module_name), attribute)
    except BaseException as e:  # noqa: BLE001 - Lambda reports an init error the same way
        protocol.write(json.dumps({"ready": False, "error": type(e).__name__, "message": str(e),
                                   "traceback": traceback.format_exc()}) + "\n")
        return
    import_ms = (time.perf_counter() - started) * 1000
    protocol.write(json.dumps({"ready": True, "import_ms": import_ms,
                               "modules": sorted(sys.modules)}) + "\n")
    for line in sys.stdin:
        request = json.loads(line)
        os.environ["_X_AMZN_TRACE_ID"] = request.get("trace_id", "")
        _network[0] = 0.0
        started = time.perf_counter()
        profile_dir = os.environ.get("REHEARSAL_PROFILE_DIR")
        profiler = None
        if profile_dir and not os.path.exists(os.path.join(profile_dir, _name(handler))):
            import cProfile

            profiler = cProfile.Profile()
            profiler.enable()
        try:
            result = function(request["event"], Context(request.get("context") or {}))
            reply = {"ok": True, "result": _jsonable(result)}
        except BaseException as e:  # noqa: BLE001 - the invocation fails, the process lives
            reply = {"ok": False, "error": type(e).__name__, "message": str(e),
                     "traceback": traceback.format_exc()}
        if profiler is not None:  # the first invocation's profile, for bench.cold_start
            profiler.disable()
            profiler.dump_stats(os.path.join(profile_dir, _name(handler)))
        reply["duration_ms"] = (time.perf_counter() - started) * 1000
        reply["network_ms"] = _network[0] * 1000
        reply["xray"] = "aws_xray_sdk.core" in sys.modules
        sys.stdout.flush()
        sys.stderr.flush()
        protocol.write(json.dumps(reply) + "\n")


if __name__ == "__main__":
    main()
