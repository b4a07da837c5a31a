"""The infrastructure template: lint-clean, deployable, and in agreement with the code."""

from __future__ import annotations

import boto3
import pytest
from moto import mock_aws

from chalicelib.adapters.dynamodb.models import ALL_MODELS
from chalicelib.settings import Settings
from infra.stack import DEPLOYMENT_OUTPUTS, env_name, load_template, outputs_as_env, render

TEMPLATE = load_template()
RESOURCES = TEMPLATE["Resources"]


def test_template_is_cfn_lint_clean(tmp_path):
    from cfnlint.api import ManualArgs, lint

    path = tmp_path / "template.json"
    path.write_text(render())
    # Errors and warnings, as the cfn-lint CLI reports them (informational rules off), in
    # regions of the standard partition: the web hosting uses CloudFront origin access
    # control, which the China regions do not offer.
    regions = ["eu-west-3", "eu-west-1", "eu-central-1", "us-east-1", "us-west-2"]
    found = lint(path.read_text(), config=ManualArgs(regions=regions))
    matches = [m for m in found if m.rule.id[0] in "EW"]
    assert [str(m) for m in matches] == []


def _key_schema(keys):
    return {k["KeyType"]: k["AttributeName"] for k in keys}


@pytest.mark.parametrize("model", ALL_MODELS, ids=lambda m: m.__name__)
def test_model_and_table_agree_on_keys_indexes_and_ttl(model):
    table = RESOURCES[model.Meta.resource]["Properties"]
    schema = model._get_schema()
    assert _key_schema(table["KeySchema"]) == _key_schema(schema["key_schema"])
    declared = {a["AttributeName"]: a["AttributeType"] for a in table["AttributeDefinitions"]}
    modelled = {a["AttributeName"]: a["AttributeType"] for a in schema["attribute_definitions"]}
    assert declared == modelled
    template_indexes = {
        i["IndexName"]: (_key_schema(i["KeySchema"]), i["Projection"]["ProjectionType"])
        for i in table.get("GlobalSecondaryIndexes", [])
    }
    model_indexes = {
        i["index_name"]: (_key_schema(i["key_schema"]), i["projection"]["ProjectionType"])
        for i in schema.get("global_secondary_indexes", [])
    }
    assert template_indexes == model_indexes
    ttl = [n for n, a in model.get_attributes().items() if getattr(a, "ttl", False)]
    spec = table.get("TimeToLiveSpecification")
    assert (spec["AttributeName"] if spec else None) == (ttl[0] if ttl else None)
    assert table["BillingMode"] == "PAY_PER_REQUEST"


def test_every_table_in_the_template_has_a_model():
    tables = {n for n, r in RESOURCES.items() if r["Type"] == "AWS::DynamoDB::Table"}
    assert tables == {m.Meta.resource for m in ALL_MODELS}


def test_every_output_feeds_a_setting():
    known = {name for name, _, _ in Settings.documented()}
    outputs = [k for k in TEMPLATE["Outputs"] if k not in DEPLOYMENT_OUTPUTS]
    assert {env_name(k) for k in outputs} <= known
    # Every table setting is fed by an output, so a deployed stage can never miss one.
    table_settings = {n for n in known if n.startswith("TABLE_")}
    assert table_settings <= {env_name(k) for k in outputs}


def test_every_queue_has_a_dead_letter_queue():
    queues = {n: r for n, r in RESOURCES.items() if r["Type"] == "AWS::SQS::Queue"}
    for name, queue in queues.items():
        if name.endswith("DeadLetterQueue"):
            continue
        assert "RedrivePolicy" in queue["Properties"], name


def _alarms():
    return {n: r["Properties"] for n, r in RESOURCES.items()
            if r["Type"] == "AWS::CloudWatch::Alarm"}


def _actions(alarm):
    return [a.get("Ref") for a in alarm["AlarmActions"]]


def test_every_dead_letter_queue_has_an_alarm_on_its_depth():
    dlqs = {n for n, r in RESOURCES.items()
            if r["Type"] == "AWS::SQS::Queue" and n.endswith("DeadLetterQueue")}
    watched = {a["Dimensions"][0]["Value"]["Fn::GetAtt"][0] for a in _alarms().values()
               if a["Namespace"] == "AWS/SQS"}
    assert dlqs and watched == dlqs
    # Every queue's redrive target is one of those watched dead-letter queues.
    targets = {r["Properties"]["RedrivePolicy"]["deadLetterTargetArn"]["Fn::GetAtt"][0]
               for r in RESOURCES.values()
               if r["Type"] == "AWS::SQS::Queue" and "RedrivePolicy" in r["Properties"]}
    assert targets == dlqs
    for alarm in _alarms().values():
        if alarm["Namespace"] == "AWS/SQS":
            assert (alarm["MetricName"], alarm["Threshold"], alarm["ComparisonOperator"]) == (
                "ApproximateNumberOfMessagesVisible", 1, "GreaterThanOrEqualToThreshold")


def test_lambda_errors_and_failed_claim_executions_raise_alarms():
    by_metric = {(a["Namespace"], a["MetricName"]): a for a in _alarms().values()}
    assert "Dimensions" not in by_metric[("AWS/Lambda", "Errors")]  # every function
    for metric in ("ExecutionsFailed", "ExecutionsTimedOut"):
        alarm = by_metric[("AWS/States", metric)]
        assert alarm["Dimensions"] == [{"Name": "StateMachineArn",
                                        "Value": {"Ref": "SettleClaimStateMachine"}}]
        assert alarm["Threshold"] == 1


def test_every_alarm_notifies_the_alarms_topic_with_an_optional_email():
    assert _alarms() and all(_actions(a) == ["AlarmTopic"] for a in _alarms().values())
    topic = RESOURCES["AlarmTopic"]
    assert topic["Type"] == "AWS::SNS::Topic"
    assert "KmsMasterKeyId" not in topic["Properties"]  # CloudWatch could not publish
    condition, with_email, without = topic["Properties"]["Subscription"]["Fn::If"]
    assert condition == "HasAlarmEmail" and without == []
    assert with_email == [{"Endpoint": {"Ref": "AlarmEmail"}, "Protocol": "email"}]
    assert TEMPLATE["Parameters"]["AlarmEmail"]["Default"] == ""


def test_the_alarms_exist_once_the_stack_is_deployed_into_the_emulator():
    from devstack import emulator_gaps

    emulator_gaps.install()
    with mock_aws():
        from infra.stack import deploy

        deploy(boto3.client("cloudformation"), "entraide-a",
               {"Stage": "local", "AlarmEmail": "oncall@example.org"}, 0.01)
        alarms = boto3.client("cloudwatch").describe_alarms()["MetricAlarms"]
        topic = next(t["TopicArn"] for t in boto3.client("sns").list_topics()["Topics"]
                     if t["TopicArn"].endswith(":entraide-a-alarms"))
        subscriptions = boto3.client("sns").list_subscriptions_by_topic(TopicArn=topic)
    assert len(alarms) == len(_alarms()) == 6
    assert all(a["AlarmActions"] == [topic] for a in alarms)
    dlq = next(a for a in alarms if a["AlarmName"] == "entraide-a-notify-dlq-not-empty")
    assert dlq["Dimensions"] == [{"Name": "QueueName", "Value": "entraide-a-notify-dlq"}]
    assert [s["Endpoint"] for s in subscriptions["Subscriptions"]] == ["oncall@example.org"]


def test_the_stack_deploys_into_the_emulator():
    with mock_aws():
        from infra.stack import deploy

        outputs = deploy(boto3.client("cloudformation"), "entraide-t", {"Stage": "local"}, 0.01)
        env = outputs_as_env(outputs)
        assert env["TABLE_CONNECTIONS"] == "entraide-t-connections"
        names = set(boto3.client("dynamodb").list_tables()["TableNames"])
        expected = {
            RESOURCES[m.Meta.resource]["Properties"]["TableName"]["Fn::Sub"].replace(
                "${AWS::StackName}", "entraide-t"
            )
            for m in ALL_MODELS
        }
        assert expected <= names
