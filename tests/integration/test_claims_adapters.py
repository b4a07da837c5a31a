"""The claims adapters over moto: the lock item, single-use codes, the append-only ledger, the
bookings mirror's versions, the Step Functions gateway and the SNS SMS sender."""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from chalicelib.adapters.dynamodb.claim_store import (
    DynamoBookingDirectory,
    DynamoBookingStore,
    DynamoClaimRepository,
    DynamoGestureLedger,
    lock_key,
)
from chalicelib.adapters.dynamodb.models.claims import ClaimRecord
from chalicelib.adapters.sns.sms_sender import SnsSmsSender
from chalicelib.adapters.stepfunctions.workflow import StepFunctionsWorkflow
from chalicelib.domain.claims.gestures import LedgerEntry
from chalicelib.domain.claims.model import Claim, PendingTask, ResponseCode, TimelineEntry
from chalicelib.domain.claims.ports import TaskGone
from chalicelib.domain.errors import Conflict
from tests.unit.claims.claims_fakes import ALICE, booking, world

NOW = datetime(2025, 3, 12, 9, 0, tzinfo=UTC)


@pytest.fixture
def claim(services):
    """A claim as the service builds it (filed with the in-memory fakes), to store for real."""
    w = world()
    return w.service.filing.file(ALICE, booking_id="bk-1", problem="driver_no_show",
                                 answers={"at_meeting_point": True, "contacted_driver": True,
                                          "driver_warned": False}, idempotency_key="k")


def add(repo: DynamoClaimRepository, claim: Claim) -> bool:
    """`add` as filing calls it: with the claimant's filings just read."""
    return repo.add(claim, repo.filings(claim.claimant_id, NOW - timedelta(days=1)))


def test_a_claim_round_trips_and_a_second_add_is_an_idempotent_retry(claim):
    repo = DynamoClaimRepository()
    assert add(repo, claim) is True
    assert add(repo, claim) is False
    stored = repo.get(claim.claim_id)
    assert stored == claim
    assert repo.get(lock_key("bk-1", "driver_no_show")) is None
    assert [c.claim_id for c in repo.filings("m-alice", NOW - timedelta(days=1)).claims] == [
        claim.claim_id]


def test_the_lock_passes_to_a_new_claim_only_once_the_open_one_is_over(claim):
    repo = DynamoClaimRepository()
    add(repo, claim)
    second = replace(claim, claim_id="cl-second")
    with pytest.raises(Conflict) as refused:
        add(repo, second)
    assert refused.value.code == "claim_already_open"
    ClaimRecord(claim.claim_id).update(actions=[ClaimRecord.status.set("closed")])
    assert add(repo, second) is True
    assert ClaimRecord.get(lock_key("bk-1", "driver_no_show")).open_claim_id == "cl-second"
    with pytest.raises(Conflict):
        add(repo, replace(claim, claim_id="cl-third"))


def test_pending_tasks_and_single_use_codes(claim):
    repo = DynamoClaimRepository()
    add(repo, claim)
    repo.set_pending(claim.claim_id, PendingTask("counterpart", "tok-1", NOW, NOW))
    assert repo.clear_pending(claim.claim_id, "tok-2") is False
    assert repo.clear_pending(claim.claim_id, "tok-1") is True
    assert repo.get(claim.claim_id).pending is None
    repo.set_response_code(claim.claim_id, ResponseCode("h1", NOW + timedelta(hours=1)))
    assert repo.use_response_code(claim.claim_id, "wrong", NOW) is False
    assert repo.use_response_code(claim.claim_id, "h1", NOW + timedelta(hours=2)) is False
    assert repo.use_response_code(claim.claim_id, "h1", NOW) is True
    assert repo.use_response_code(claim.claim_id, "h1", NOW) is False
    repo.append_timeline(claim.claim_id, TimelineEntry("2025-03-12T09:01:00Z", "noted",
                                                       {"by": "test"}))
    assert repo.get(claim.claim_id).timeline[-1].details == {"by": "test"}


def test_the_ledger_is_append_only_and_read_by_member_and_by_month(services):
    ledger = DynamoGestureLedger()
    entries = [
        LedgerEntry(f"e{i}", NOW + timedelta(days=20 * i), "cl-1", "m-alice", 500, "comfort",
                    "goodwill_small", "auto")
        for i in range(3)
    ]
    for e in entries:
        assert ledger.append(e) is True
    assert ledger.append(entries[0]) is False
    assert [e.entry_id for e in ledger.for_member("m-alice", NOW + timedelta(days=1))] == [
        "e1", "e2"]
    # Three months touched, one Query per month; the bounds are [since, until).
    assert [e.entry_id for e in ledger.between(NOW, NOW + timedelta(days=40))] == ["e0", "e1"]


def test_an_older_booking_push_never_overwrites_a_newer_one(services):
    store = DynamoBookingStore()
    assert store.put(booking(contribution=2_500), version=2) is True
    assert store.put(booking(contribution=1), version=1) is False
    stored = DynamoBookingDirectory().get("bk-1")
    assert stored.contribution_cents == 2_500 and stored.alternatives == booking().alternatives


def test_the_workflow_gateway_starts_once_and_reports_gone_tokens(services, aws):
    import boto3

    sfn = boto3.client("stepfunctions")
    gateway = StepFunctionsWorkflow(sfn, aws["STATE_MACHINE_SETTLE_CLAIM_ARN"])
    gateway.start("cl-x", {"claim_id": "cl-x", "b": 1, "a": 2})
    gateway.start("cl-x", {"a": 2, "claim_id": "cl-x", "b": 1})
    executions = sfn.list_executions(stateMachineArn=aws["STATE_MACHINE_SETTLE_CLAIM_ARN"])
    assert [e["name"] for e in executions["executions"]] == ["cl-x"]
    # No claim item: the execution records its failure and ends (moto cannot route a token to
    # an execution whose worker is still starting, so wait for it to end first).
    arn = executions["executions"][0]["executionArn"]
    for _ in range(200):
        if sfn.describe_execution(executionArn=arn)["status"] != "RUNNING":
            break
        time.sleep(0.05)
    with pytest.raises(TaskGone) as gone:
        gateway.succeed("not-a-token", {"confirmed": True})
    assert gone.value.code == "too_late" and gone.value.status == 409
    gateway.fail("not-a-token", "ClaimTaskRefused")  # a task already gone is fine


class RecordingSns:
    def __init__(self, opted_out: bool = False) -> None:
        self.published: list[dict] = []
        self.opted_out = opted_out

    def check_if_phone_number_is_opted_out(self, phoneNumber: str) -> dict:
        return {"isOptedOut": self.opted_out}

    def publish(self, **kwargs) -> dict:
        self.published.append(kwargs)
        return {"MessageId": "m-1"}


def test_sms_are_transactional_with_the_sender_id_and_numbers_stay_out_of_logs(capsys, caplog):
    sns = RecordingSns()
    sender = SnsSmsSender(sns, sender_id="Entraide")
    assert sender.is_opted_out("+33612345602") is False
    sender.send("+33612345602", "Bonjour")
    [call] = sns.published
    assert call["PhoneNumber"] == "+33612345602" and call["Message"] == "Bonjour"
    attributes = call["MessageAttributes"]
    assert attributes["AWS.SNS.SMS.SMSType"]["StringValue"] == "Transactional"
    assert attributes["AWS.SNS.SMS.SenderID"]["StringValue"] == "Entraide"
    assert "+33612345602" not in capsys.readouterr().out + caplog.text


def test_moto_reports_numbers_ending_in_99_as_opted_out(services):
    import boto3

    sender = SnsSmsSender(boto3.client("sns"))
    assert sender.is_opted_out("+33612345699") is True
    assert sender.is_opted_out("+33612345601") is False
