"""`make deploy STAGE=dev` into an emulated empty account, and what it created checked against
what the template and the package declare.

The emulator is moto with the gaps listed in devstack/emulator_gaps.py filled in (Secrets
Manager in CloudFormation, Swagger 2.0 import, optional info.description, mock integrations,
WebSocket deployments), in its own process; the account enforces AWS's concurrency rule.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from devstack.rehearsal.package import ROOT, build_package, chalice_env, copy_project
from devstack.rehearsal.scenario import start_emulator
from infra.deploy import FUNCTION_ROLES, GATEWAY_ERRORS, PUBLIC_ROUTES, THROTTLING
from infra.stack import load_template, outputs_as_env

pytestmark = [pytest.mark.xdist_group("chalice-package"), pytest.mark.long]
STACK = "entraide-dev"


def run_deploy(project: Path, endpoint: str) -> subprocess.CompletedProcess[str]:
    """`make deploy STAGE=dev` in the project copy, against the emulator."""
    env = chalice_env({
        "AWS_ENDPOINT_URL": endpoint,
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
    })
    venv = Path(sys.executable).parent.parent
    return subprocess.run(
        ["make", "-C", str(project), "deploy", "STAGE=dev", f"VENV={venv}"],
        env=env, capture_output=True, text=True, timeout=600,
    )


@pytest.fixture(scope="module")
def deployed(tmp_path_factory):
    """Two `make deploy` runs (a first deployment, then an update) into one empty account."""
    work = tmp_path_factory.mktemp("deploy")
    project = copy_project(work / "project")
    tracked = (project / ".chalice" / "config.json").read_bytes()
    emulator = start_emulator(work / "emulator.log")
    try:
        first = run_deploy(project, emulator.url)
        assert first.returncode == 0, first.stdout[-3000:] + first.stderr[-3000:]
        client = emulator.client
        functions_after_first = sorted(
            f["FunctionName"] for f in client("lambda").list_functions()["Functions"])
        second = run_deploy(project, emulator.url)
        assert second.returncode == 0, second.stdout[-3000:] + second.stderr[-3000:]
        package = build_package(project, "dev", work / "package")
        yield {
            "project": project,
            "tracked": tracked,
            "client": client,
            "package": package,
            "first": first.stdout,
            "second": second.stdout,
            "functions_after_first": functions_after_first,
        }
    finally:
        emulator.stop()


def outputs(client) -> dict[str, str]:
    stack = client("cloudformation").describe_stacks(StackName=STACK)["Stacks"][0]
    return {o["OutputKey"]: o["OutputValue"] for o in stack["Outputs"]}


def test_the_stack_holds_every_resource_of_the_template(deployed):
    client = deployed["client"]
    resources = client("cloudformation").describe_stack_resources(StackName=STACK)
    created = {r["LogicalResourceId"]: r for r in resources["StackResources"]}
    declared = set(load_template()["Resources"])
    assert declared <= set(created), declared - set(created)
    assert all(r["ResourceStatus"].endswith("COMPLETE") for r in created.values())
    # The two secrets exist and hold generated keys (the functions read them at run time).
    secrets = client("secretsmanager")
    for key in ("JwtSecretArn", "BookingsIngestSecretArn"):
        value = secrets.get_secret_value(SecretId=outputs(client)[key])["SecretString"]
        assert len(value) == 48


def test_every_function_of_the_package_is_deployed_with_the_stack_outputs(deployed):
    client, package = deployed["client"], deployed["package"]
    stack_outputs = outputs(client)
    lam = client("lambda")
    live = {f["FunctionName"]: f for f in lam.list_functions()["Functions"]}
    declared = package.functions()
    assert len(live) == len(declared) == 11
    # A second deployment updates in place: no function added or renamed.
    assert sorted(live) == deployed["functions_after_first"]
    by_handler = {f["Handler"]: f for f in live.values()}
    assert set(by_handler) == {p["Handler"] for p in declared.values()}
    deployed_state = json.loads(
        (deployed["project"] / ".chalice" / "deployed" / "dev.json").read_text())
    ws_url = next(r["websocket_api_url"] for r in deployed_state["resources"]
                  if "websocket_api_url" in r)
    for props in declared.values():
        function = by_handler[props["Handler"]]
        # Chalice names functions "<app>-<stage>-<function>"; the REST handler is "<app>-<stage>".
        name = function["FunctionName"].removeprefix("entraide-dev").lstrip("-") or "api_handler"
        role = FUNCTION_ROLES.get(name, "ApiHandlerRoleArn")
        assert function["Role"] == stack_outputs[role], name
        assert function["Runtime"] == "python3.11"
        assert function["MemorySize"] == props["MemorySize"] == 512
        assert function.get("TracingConfig", {}).get("Mode") == "Active"
        env = function["Environment"]["Variables"]
        for name, value in outputs_as_env(stack_outputs).items():
            assert env[name] == value, (props["Handler"], name)
        assert env["STAGE"] == "dev"
        # The second pass wrote the deployed WebSocket URL for GET /config.
        assert env["WS_PUBLIC_URL"] == ws_url.rstrip("/")
        concurrency = lam.get_function_concurrency(FunctionName=function["FunctionName"])
        assert concurrency.get("ReservedConcurrentExecutions") == props.get(
            "ReservedConcurrentExecutions")


def test_queues_and_schedules_feed_the_functions_that_declare_them(deployed):
    client, package = deployed["client"], deployed["package"]
    stack_outputs = outputs(client)
    lam = client("lambda")
    functions = {f["FunctionArn"]: f["Handler"] for f in lam.list_functions()["Functions"]}
    sqs = client("sqs")
    queue_arns = {
        sqs.get_queue_attributes(QueueUrl=stack_outputs[key], AttributeNames=["QueueArn"])[
            "Attributes"]["QueueArn"]: key
        for key in ("QueueRoutingUrl", "QueueClaimTasksUrl", "QueueNotifyUrl")
    }
    mappings = lam.list_event_source_mappings()["EventSourceMappings"]
    expected = {}
    for props in package.functions().values():
        for event in props.get("Events", {}).values():
            if event["Type"] == "SQS":
                expected[props["Handler"]] = event["Properties"]
    assert len(mappings) == len(expected) == 3
    for mapping in mappings:
        handler = functions[mapping["FunctionArn"]]
        assert mapping["EventSourceArn"] in queue_arns
        assert mapping["BatchSize"] == expected[handler]["BatchSize"]
        declared_cap = expected[handler].get("ScalingConfig", {}).get("MaximumConcurrency")
        assert mapping.get("ScalingConfig", {}).get("MaximumConcurrency") == declared_cap
        # Set by infra/deploy.py (Chalice cannot): the consumers' batchItemFailures count.
        assert mapping.get("FunctionResponseTypes") == ["ReportBatchItemFailures"]
    rules = client("events").list_rules()["Rules"]
    schedules = {
        props["Handler"]: event["Properties"]["Schedule"]
        for props in package.functions().values()
        for event in props.get("Events", {}).values() if event["Type"] == "Schedule"
    }
    assert sorted(r["ScheduleExpression"] for r in rules) == sorted(schedules.values())
    assert len(rules) == 3
    for rule in rules:
        targets = client("events").list_targets_by_rule(Rule=rule["Name"])["Targets"]
        assert [functions[t["Arn"]] for t in targets] == [
            h for h, s in schedules.items() if s == rule["ScheduleExpression"]]


def test_both_apis_serve_what_the_package_declares(deployed):
    client, package = deployed["client"], deployed["package"]
    apigw = client("apigateway")
    (api,) = apigw.get_rest_apis()["items"]
    resources = apigw.get_resources(restApiId=api["id"], limit=500)["items"]
    paths = {r["path"]: sorted(m for m in r.get("resourceMethods", {}) if m != "OPTIONS")
             for r in resources if r.get("resourceMethods")}
    declared = {p: m for p, m in package.rest_paths().items() if m != ["OPTIONS"]}
    assert {p: [m for m in ms if m != "OPTIONS"] for p, ms in declared.items()} == paths
    assert "/dev/token" not in paths
    assert [s["stageName"] for s in apigw.get_stages(restApiId=api["id"])["item"]] == ["api"]
    v2 = client("apigatewayv2")
    (ws,) = v2.get_apis()["Items"]
    assert ws["ProtocolType"] == "WEBSOCKET"
    routes = sorted(r["RouteKey"] for r in v2.get_routes(ApiId=ws["ApiId"])["Items"])
    assert routes == ["$connect", "$default", "$disconnect"]


def test_account_values_stay_out_of_the_tracked_configuration(deployed):
    project = deployed["project"]
    assert (project / ".chalice" / "config.json").read_bytes() == deployed["tracked"]
    generated = json.loads((project / ".chalice" / "generated.json").read_text())
    dev = generated["stages"]["dev"]
    assert dev["iam_role_arn"] == outputs(deployed["client"])["ApiHandlerRoleArn"]
    assert "WS_PUBLIC_URL" in dev["environment_variables"]
    ignored = subprocess.run(
        ["git", "check-ignore", ".chalice/generated.json", ".chalice/deployed/dev.json"],
        cwd=ROOT, capture_output=True, text=True)
    assert ignored.stdout.split() == [".chalice/generated.json", ".chalice/deployed/dev.json"]
    # The first deployment needed a second pass to carry the URLs; the update did not.
    assert "deploying the configuration that carries them" in deployed["first"]
    assert "deploying the configuration that carries them" not in deployed["second"]



def test_the_web_clients_are_published_where_sms_links_point(deployed):
    client = deployed["client"]
    stack_outputs = outputs(client)
    web_url = stack_outputs["WebUrl"]
    assert web_url.startswith("https://") and web_url.endswith(".cloudfront.net")
    s3, bucket = client("s3"), stack_outputs["WebBucketName"]
    keys = {o["Key"] for o in s3.list_objects_v2(Bucket=bucket)["Contents"]}
    shipped = {p.relative_to(ROOT / "web").as_posix()
               for p in (ROOT / "web").rglob("*") if p.is_file()}
    assert shipped <= keys and "answer.html" in keys
    page = s3.get_object(Bucket=bucket, Key="js/answer.js")
    assert page["ContentType"] == "text/javascript"
    config = json.loads(s3.get_object(Bucket=bucket, Key="config.json")["Body"].read())
    state = json.loads((deployed["project"] / ".chalice" / "deployed" / "dev.json").read_text())
    urls = {k: r[k].rstrip("/") for r in state["resources"]
            for k in ("rest_api_url", "websocket_api_url") if k in r}
    assert config["rest"] == urls["rest_api_url"] and config["ws"] == urls["websocket_api_url"]
    # Only CloudFront, for this distribution, reads the private bucket.
    policy = json.loads(s3.get_bucket_policy(Bucket=bucket)["Policy"])
    (statement,) = policy["Statement"]
    assert statement["Principal"] == {"Service": "cloudfront.amazonaws.com"}
    assert statement["Condition"]["StringEquals"]["AWS:SourceArn"].endswith(
        f"distribution/{stack_outputs['WebDistributionId']}")
    invalidations = client("cloudfront").list_invalidations(
        DistributionId=stack_outputs["WebDistributionId"])["InvalidationList"]
    assert invalidations["Quantity"] == 2  # one per deployment


def test_operators_mint_tokens_for_a_deployed_stage_with_its_own_key(deployed):
    import jwt

    client, project = deployed["client"], deployed["project"]
    endpoint = client("sts").meta.endpoint_url
    env = chalice_env({"AWS_ENDPOINT_URL": endpoint, "AWS_ACCESS_KEY_ID": "testing",
                       "AWS_SECRET_ACCESS_KEY": "testing"})
    minted = subprocess.run(
        [sys.executable, "-m", "infra.token", "--stage", "dev", "--member", "a-7",
         "--roles", "agent", "--tier", "L2", "--project-dir", str(project)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert minted.returncode == 0, minted.stderr
    key = client("secretsmanager").get_secret_value(
        SecretId=outputs(client)["JwtSecretArn"])["SecretString"]
    claims = jwt.decode(minted.stdout.strip(), key, algorithms=["HS256"], audience="entraide")
    assert (claims["sub"], claims["roles"], claims["tier"]) == ("a-7", ["agent"], "L2")


def test_each_group_of_functions_has_its_own_least_privilege_role(deployed):
    client = deployed["client"]
    stack_outputs = outputs(client)
    iam = client("iam")
    state = json.loads((deployed["project"] / ".chalice" / "deployed" / "dev.json").read_text())
    ws_api = next(r["websocket_api_id"] for r in state["resources"] if "websocket_api_id" in r)

    def statements(output: str) -> list[dict]:
        name = stack_outputs[output].rsplit("/", 1)[-1]
        (policy,) = iam.list_role_policies(RoleName=name)["PolicyNames"]
        document = iam.get_role_policy(RoleName=name, PolicyName=policy)["PolicyDocument"]
        return document["Statement"]

    roles = {output: statements(output) for output in set(FUNCTION_ROLES.values())
             | {"ApiHandlerRoleArn"}}
    assert len({stack_outputs[o] for o in roles}) == 5
    authorizer = {s["Sid"] for s in roles["AuthorizerRoleArn"]}
    assert authorizer == {"OwnLogs", "Tracing", "JwtKey"}
    for output, found in roles.items():
        for statement in found:
            resources = statement.get("Resource", [])
            resources = resources if isinstance(resources, list) else [resources]
            actions = statement["Action"] if isinstance(statement["Action"], list) else [
                statement["Action"]]
            # Audit and ledger: appended to, never updated nor deleted.
            if any(r.endswith(("-audit", "-ledger")) for r in resources):
                assert statement["Sid"] == "AppendOnlyAuditAndLedger"
                assert not {"dynamodb:UpdateItem", "dynamodb:DeleteItem"} & set(actions)
            # Connections of this stage's WebSocket API only, once it exists.
            if "execute-api:ManageConnections" in actions:
                assert resources == [f"arn:aws:execute-api:eu-west-3:123456789012:{ws_api}"
                                     "/api/*/@connections/*"], output
            if any(a.startswith("logs:") for a in actions):
                assert resources == ["arn:aws:logs:eu-west-3:123456789012:log-group:"
                                     "/aws/lambda/entraide-dev*"]


def test_gateway_answers_and_throttling_are_set_on_both_apis(deployed):
    client = deployed["client"]
    apigw = client("apigateway")
    (api,) = apigw.get_rest_apis()["items"]
    answers = {r["responseType"]: r for r in apigw.get_gateway_responses(
        restApiId=api["id"])["items"]}
    for kind, (status, code) in GATEWAY_ERRORS.items():
        template = answers[kind]["responseTemplates"]["application/json"]
        assert json.loads(template.replace("$context.error.messageString", '"x"')) == {
            "code": code, "message": "x"}
        if status:
            assert answers[kind]["statusCode"] == status
    settings = apigw.get_stage(restApiId=api["id"], stageName="api")["methodSettings"]
    rate, burst = THROTTLING["dev"]["rest"]
    assert (settings["*/*"]["throttlingRateLimit"], settings["*/*"]["throttlingBurstLimit"]) == (
        rate, burst)
    public_rate, _ = THROTTLING["dev"]["public"]
    for route, method in PUBLIC_ROUTES:
        # Keyed as in the patch path: the resource path with "/" escaped as "~1".
        key = f"{route.replace('/', '~1')}/{method}"
        assert settings[key]["throttlingRateLimit"] == public_rate
    (ws,) = client("apigatewayv2").get_apis()["Items"]
    stage = client("apigatewayv2").get_stage(ApiId=ws["ApiId"], StageName="api")
    assert stage["DefaultRouteSettings"]["ThrottlingRateLimit"] == THROTTLING["dev"]["websocket"][0]
