"""Every state machine definition is walked: targets exist, Tasks retry and catch, waits time out.

moto accepts a dangling Next or StartAt and cfn-lint does not look inside a DefinitionString, so
this walker is the only thing that reads the definitions as a graph.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEFINITIONS = sorted((ROOT / "infra" / "statemachines").glob("*.asl.json"))
PLACEHOLDER = re.compile(r"\$\{([A-Za-z0-9_]+)\}")
TERMINAL = {"Choice", "Succeed", "Fail"}
TIMEOUT = "States.Timeout"
ALL = "States.ALL"
# The settle_claim contract with infra/template.yaml, documented in docs/claims.md.
SETTLE_CLAIM_PLACEHOLDERS = {"ClaimsTableName", "ClaimTasksQueueUrl", "NotifyQueueUrl",
                             "MarketplaceTopicArn"}


def render(text: str) -> dict[str, Any]:
    """The definition as CloudFormation's Fn::Sub would leave it, with dummy values."""
    quoted = re.sub(r'"\$\{([A-Za-z0-9_]+)\}"', r'"\1"', text)
    return json.loads(PLACEHOLDER.sub(lambda m: m.group(1), quoted))


def scopes(definition: dict[str, Any], where: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """The top-level machine and every nested one (Map processors, Parallel branches)."""
    yield where or "(top)", definition
    for name, state in definition.get("States", {}).items():
        nested = state.get("ItemProcessor") or state.get("Iterator")
        if nested:
            yield from scopes(nested, f"{where}{name}/")
        for i, branch in enumerate(state.get("Branches", [])):
            yield from scopes(branch, f"{where}{name}[{i}]/")


def targets(state: dict[str, Any]) -> Iterator[str]:
    """Every state name a state can move to."""
    if "Next" in state:
        yield state["Next"]
    if "Default" in state:
        yield state["Default"]
    for choice in state.get("Choices", []):
        yield choice["Next"]
    for catcher in state.get("Catch", []):
        yield catcher["Next"]


def is_callback(state: dict[str, Any]) -> bool:
    return state.get("Type") == "Task" and str(state.get("Resource", "")).endswith(
        ".waitForTaskToken")


def waits(state: dict[str, Any]) -> bool:
    """A Task that can time out: a callback, or one with a timeout or heartbeat."""
    return is_callback(state) or any(k in state for k in (
        "TimeoutSeconds", "TimeoutSecondsPath", "HeartbeatSeconds", "HeartbeatSecondsPath"))


def problems(definition: dict[str, Any]) -> list[str]:
    """Everything wrong with a definition's graph and error handling."""
    found: list[str] = []
    for where, machine in scopes(definition):
        states = machine.get("States", {})
        start = machine.get("StartAt")
        if start not in states:
            found.append(f"{where}: StartAt {start!r} is not a state")
        for name, state in states.items():
            here = f"{where}{name}"
            kind = state.get("Type")
            for target in targets(state):
                if target not in states:
                    found.append(f"{here}: goes to {target!r}, which is not a state here")
            if kind not in TERMINAL and not state.get("End") and "Next" not in state:
                found.append(f"{here}: has neither Next nor End")
            if state.get("End") and "Next" in state:
                found.append(f"{here}: has both Next and End")
            for field in ("Retry", "Catch"):
                for i, rule in enumerate(state.get(field, [])):
                    errors = rule.get("ErrorEquals") or []
                    if not errors:
                        found.append(f"{here}: {field}[{i}] has no ErrorEquals")
                    if ALL in errors and (len(errors) > 1 or i != len(state[field]) - 1):
                        found.append(f"{here}: {field}[{i}] States.ALL must be alone and last")
            if kind == "Task":
                if not state.get("Retry"):
                    found.append(f"{here}: Task without an explicit Retry")
                if not state.get("Catch"):
                    found.append(f"{here}: Task without an explicit Catch")
            if waits(state):
                found += _wait_problems(here, state)
        found += _unreachable(where, machine)
    return found


def _wait_problems(here: str, state: dict[str, Any]) -> list[str]:
    found = []
    if is_callback(state) and not any(
        k in state for k in ("TimeoutSeconds", "TimeoutSecondsPath")
    ):
        found.append(f"{here}: a callback wait without TimeoutSeconds(Path) waits forever")
    catchers = [c.get("ErrorEquals", []) for c in state.get("Catch", [])]
    timeout_at = next((i for i, e in enumerate(catchers) if TIMEOUT in e), None)
    all_at = next((i for i, e in enumerate(catchers) if ALL in e), len(catchers))
    # States.TaskFailed does not match a timeout and States.ALL would hide what it means.
    if timeout_at is None or timeout_at > all_at:
        found.append(f"{here}: a wait must catch States.Timeout explicitly, before States.ALL")
    if is_callback(state):
        for rule in state.get("Retry", []):
            if {ALL, "States.TaskFailed"} & set(rule.get("ErrorEquals", [])):
                found.append(f"{here}: retrying a callback on task failure re-sends the request")
    return found


def _unreachable(where: str, machine: dict[str, Any]) -> list[str]:
    states = machine.get("States", {})
    seen, todo = set(), [machine.get("StartAt")]
    while todo:
        name = todo.pop()
        if name in seen or name not in states:
            continue
        seen.add(name)
        todo.extend(targets(states[name]))
    return [f"{where}{name}: unreachable from StartAt" for name in states if name not in seen]


def test_there_are_definitions_to_check():
    assert DEFINITIONS


@pytest.mark.parametrize("path", DEFINITIONS, ids=lambda p: p.name)
def test_every_definition_is_a_sound_graph_with_error_handling(path):
    assert problems(render(path.read_text())) == []


@pytest.mark.parametrize("path", DEFINITIONS, ids=lambda p: p.name)
def test_placeholders_are_only_ever_strings(path):
    # Numbers cannot be placeholders: DefinitionSubstitutions only substitutes strings, and an
    # unquoted ${X} makes the file invalid JSON. Timeouts come from the input instead.
    text = path.read_text()
    assert len(PLACEHOLDER.findall(text)) == len(re.findall(r'"\$\{[A-Za-z0-9_]+\}"', text))
    json.loads(text)


def test_settle_claim_placeholders_are_the_documented_ones():
    text = (ROOT / "infra" / "statemachines" / "settle_claim.asl.json").read_text()
    assert set(PLACEHOLDER.findall(text)) == SETTLE_CLAIM_PLACEHOLDERS
    docs = (ROOT / "docs" / "claims.md").read_text()
    for name in SETTLE_CLAIM_PLACEHOLDERS:
        assert f"${{{name}}}" in docs, name


def test_settle_claim_is_a_standard_workflow_without_lambda():
    text = (ROOT / "infra" / "statemachines" / "settle_claim.asl.json").read_text()
    definition = render(text)
    resources = {s["Resource"] for _, m in scopes(definition)
                 for s in m["States"].values() if s["Type"] == "Task"}
    assert all(r.startswith("arn:aws:states:::") for r in resources)
    assert not any("lambda" in r for r in resources)
    assert definition.get("QueryLanguage", "JSONPath") == "JSONPath"


# The walker itself is tested on broken definitions, so a green run means something.

BROKEN = {
    "StartAt": "Ask",
    "States": {
        "Ask": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                "Retry": [{"ErrorEquals": ["States.ALL"]}],
                "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Done"},
                          {"ErrorEquals": ["States.Timeout"], "Next": "Gone"}],
                "Next": "Route"},
        "Route": {"Type": "Choice", "Choices": [{"Variable": "$.x", "BooleanEquals": True,
                                                 "Next": "Nowhere"}], "Default": "Done"},
        "Save": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:updateItem",
                 "Next": "Done"},
        "Publish": {"Type": "Map", "ItemProcessor": {"StartAt": "Missing", "States": {
            "One": {"Type": "Pass", "End": True}}}, "Next": "Done"},
        "Done": {"Type": "Succeed"},
    },
}


def test_the_walker_finds_every_kind_of_mistake():
    found = "\n".join(problems(BROKEN))
    for expected in (
        "Route: goes to 'Nowhere'",
        "Ask: goes to 'Gone'",
        "Ask: Catch[0] States.ALL must be alone and last",
        "Ask: a callback wait without TimeoutSeconds(Path)",
        "Ask: a wait must catch States.Timeout explicitly",
        "Ask: retrying a callback on task failure",
        "Save: Task without an explicit Retry",
        "Save: Task without an explicit Catch",
        "Save: unreachable",
        "Publish/: StartAt 'Missing' is not a state",
        "Publish/One: unreachable",
    ):
        assert expected in found, expected


# The settle_claim contract: the definition reads only what the domain writes into the input
# and the task results, and sends queue messages the domain's consumers accept.

RESULTS = ("chosen", "decision", "approval")
INTRINSIC_PATH = re.compile(r"\(\s*(\$[^,)]*)\)")


def resolve(doc: Any, path: str) -> Any:
    """A dotted JSONPath ($, $.a.b) in a document; KeyError when absent."""
    node = doc
    for part in [p for p in path[2:].split(".") if p] if path != "$" else []:
        node = node[part]
    return node


def evaluate(template: Any, doc: Any) -> Any:
    """Parameters as Step Functions would fill them (paths and $$.Task.Token only)."""
    if isinstance(template, list):
        return [evaluate(v, doc) for v in template]
    if not isinstance(template, dict):
        return template
    out = {}
    for key, value in template.items():
        if not key.endswith(".$"):
            out[key] = evaluate(value, doc)
        elif value == "$$.Task.Token":
            out[key[:-2]] = "token-1"
        elif value.startswith("$$."):
            out[key[:-2]] = "2025-03-12T09:00:00Z"
        elif value.startswith("States."):
            out[key[:-2]] = json.dumps(resolve(doc, INTRINSIC_PATH.search(value).group(1)))
        else:
            out[key[:-2]] = resolve(doc, value)
    return out


def settle_claim_documents() -> list[dict[str, Any]]:
    """State documents as they are at the steps that read them, for each route."""
    from chalicelib.domain.claims.workflow import counterpart_answer
    from tests.unit.claims.claims_fakes import ALICE, world

    w = world()
    asks = w.service.filing.file(ALICE, booking_id="bk-1", problem="driver_no_show",
                                 hold_payment=True,
                                 answers={"at_meeting_point": True, "contacted_driver": True,
                                          "driver_warned": False})
    direct = w.service.filing.file(ALICE, booking_id="bk-1", problem="safety",
                                   answers={"safe_now": True, "kind": "accident"})
    docs = []
    for claim in (asks, direct):
        doc = w.execution(claim.claim_id)
        settled = next(d for d in doc["outcomes"].values() if d["route"] == "settle") if (
            claim is asks) else doc["outcomes"]["direct"]
        docs.append({**doc, **{r: settled for r in RESULTS},
                     "response": counterpart_answer(confirmed=True, via="app", comment=""),
                     "error": {"Error": "States.TaskFailed", "Cause": "x"}})
    return docs


def paths_read(state: dict[str, Any]) -> Iterator[str]:
    for key in ("InputPath", "ItemsPath", "TimeoutSecondsPath", "HeartbeatSecondsPath"):
        if key in state:
            yield state[key]
    for choice in state.get("Choices", []):
        yield choice["Variable"]
    stack = [state.get("Parameters", {})]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                if key.endswith(".$") and value.startswith("$."):
                    yield value
                elif key.endswith(".$") and value.startswith("States."):
                    yield INTRINSIC_PATH.search(value).group(1)
                else:
                    stack.append(value)
        elif isinstance(node, list):
            stack.extend(node)


def settle_claim() -> dict[str, Any]:
    return render((ROOT / "infra" / "statemachines" / "settle_claim.asl.json").read_text())


def test_settle_claim_reads_only_what_the_domain_provides():
    states = settle_claim()["States"]
    counterpart_doc, direct_doc = settle_claim_documents()
    for name, state in states.items():
        for path in paths_read(state):
            doc = direct_doc if "outcomes.direct" in path else counterpart_doc
            try:
                resolve(doc, path)
            except (KeyError, TypeError):
                pytest.fail(f"{name} reads {path}, which the domain never writes")
    events = counterpart_doc["chosen"]["events"]
    processor = states["PublishOutcomeEvents"]["ItemProcessor"]["States"]["PublishEvent"]
    for event in events:
        assert evaluate(processor["Parameters"], event)["Message"] == event


def test_settle_claim_messages_are_accepted_by_the_domain_consumers():
    from chalicelib.domain.claims.workflow import NotifyMessage, TaskMessage

    doc = settle_claim_documents()[0]
    kinds = set()
    for name, state in settle_claim()["States"].items():
        if "sqs:sendMessage" not in state.get("Resource", ""):
            continue
        body = evaluate(state["Parameters"]["MessageBody"], doc)
        if state["Parameters"]["QueueUrl"] == "NotifyQueueUrl":
            msg = NotifyMessage.from_json(body)
            assert msg.claim_id == doc["claim_id"], name
        else:
            assert state["Parameters"]["QueueUrl"] == "ClaimTasksQueueUrl", name
            msg = TaskMessage.from_json(body)
            kinds.add(msg.kind)
            assert msg.claim_id == doc["claim_id"], name
    assert kinds == {"claim.counterpart_requested", "claim.agent_review",
                     "claim.approval_requested", "claim.workflow_failed"}
