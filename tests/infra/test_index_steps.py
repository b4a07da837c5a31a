"""CloudFormation adds at most one global secondary index per table per update: a deployment
that brings several is applied in steps (infra/stack.py `index_steps`)."""

import copy
import json

import boto3
from moto import mock_aws

from infra.stack import _index_names, deploy, index_steps, load_template


def _tables(template):
    return {n: r for n, r in template["Resources"].items() if r["Type"] == "AWS::DynamoDB::Table"}


def _without(template, indexes):
    """The template as it was before `indexes` ({table: [index names]}) existed."""
    old = copy.deepcopy(template)
    for table, names in indexes.items():
        props = old["Resources"][table]["Properties"]
        props["GlobalSecondaryIndexes"] = [
            g for g in props["GlobalSecondaryIndexes"] if g["IndexName"] not in names]
    return old


def _two_on_one_table(template):
    for name, table in _tables(template).items():
        names = _index_names(table)
        if len(names) >= 3:
            return {name: names[-2:]}
    raise AssertionError("the template has no table with three indexes to stage")


def test_two_new_indexes_on_one_table_are_added_one_per_update():
    target = load_template()
    added = _two_on_one_table(target)
    (table, names), = added.items()
    deployed = _without(target, added)

    steps = index_steps(deployed, target)

    assert len(steps) == 2 and steps[-1] == target
    first = steps[0]["Resources"][table]["Properties"]
    assert _index_names(steps[0]["Resources"][table]) == [
        i for i in _index_names(target["Resources"][table]) if i != names[1]]
    used = {k["AttributeName"] for s in [first["KeySchema"]] + [
        g["KeySchema"] for g in first["GlobalSecondaryIndexes"]] for k in s}
    assert {a["AttributeName"] for a in first["AttributeDefinitions"]} == used
    for name, resource in _tables(steps[0]).items():
        before = set(_index_names(deployed["Resources"][name]))
        assert len(set(_index_names(resource)) - before) <= 1, name


def test_nothing_or_one_new_index_is_a_single_update():
    target = load_template()
    assert index_steps(target, target) == [target]
    (table, names), = _two_on_one_table(target).items()
    assert index_steps(_without(target, {table: names[-1:]}), target) == [target]


class _Recording:
    def __init__(self, cfn):
        self._cfn, self.templates = cfn, []

    def update_stack(self, **kwargs):
        self.templates.append(json.loads(kwargs["TemplateBody"]))
        return self._cfn.update_stack(**kwargs)

    def __getattr__(self, name):
        return getattr(self._cfn, name)


@mock_aws
def test_deploy_applies_the_steps_then_the_template(monkeypatch):
    monkeypatch.setenv("AWS_DEFAULT_REGION", "eu-west-3")
    target = load_template()
    added = _two_on_one_table(target)
    cfn = _Recording(boto3.client("cloudformation", region_name="eu-west-3"))
    cfn.create_stack(StackName="s", TemplateBody=json.dumps(_without(target, added)),
                     Parameters=[{"ParameterKey": "Stage", "ParameterValue": "local"}],
                     Capabilities=["CAPABILITY_NAMED_IAM"])

    deploy(cfn, "s", {"Stage": "local"}, wait=0.01)

    assert len(cfn.templates) == 2 and cfn.templates[-1] == target
    assert cfn.templates[0] == index_steps(_without(target, added), target)[0]
