"""Roles that staff grant take effect on the next request: over moto, through the REST routes and
the WebSocket handlers, the members mirror (not the token) decides who is a Helper, and every
change is published as `member.roles_changed` on the marketplace topic."""

from __future__ import annotations

import json
import uuid

import pytest

from devstack.claims_local import TopicReader
from devstack.programme_seed import seed_programme
from devstack.seed import seed_members
from tests.integration.test_chat import open_request

MEMBER = ["member"]
HELPER = ["member", "helper"]
STAFF = ["agent", "supervisor"]


class Edge:
    """REST calls and REST-minted WebSocket tickets, as a client would use them."""

    def __init__(self, http, ws) -> None:
        self.http = http
        self.ws = ws
        self.sockets = 0

    def call(self, method, path, member, roles, body=None):
        headers = {"Content-Type": "application/json",
                   "Authorization": f"Bearer {self.ws.token(member, list(roles))}"}
        data = json.dumps(body).encode() if body is not None else b""
        reply = getattr(self.http, method.lower())(path, headers=headers, body=data)
        return reply.status_code, json.loads(reply.body) if reply.body else None

    def staff(self, path, body=None):
        status, answer = self.call("POST", path, "s-1", STAFF, body or {})
        assert status == 200, answer
        return answer

    def presence(self, member, roles):
        """A ticket from POST /ws/ticket, a socket opened with it, then `presence.set`."""
        status, ticket = self.call("POST", "/ws/ticket", member, roles)
        assert status == 200, ticket
        self.sockets += 1
        cid = f"rest-{self.sockets}-{member}"
        event = self.ws.event("$connect", cid, query={"ticket": ticket["ticket"]})
        assert self.ws.module.ws_connect(event, None)["statusCode"] == 200
        return self.ws.send(cid, {"action": "presence.set", "status": "available"})


@pytest.fixture
def edge(services, http, ws):
    seed_members(services)
    return Edge(http, ws)


@pytest.fixture
def roles_events(aws):
    return TopicReader(aws["TOPIC_MARKETPLACE_ARN"], f"roles-{uuid.uuid4().hex[:8]}")


def roles_changes(reader, member_id):
    return [e for e in reader.read()
            if e["type"] == "member.roles_changed" and e["member_id"] == member_id]


def test_a_helper_approved_by_staff_is_one_at_once_and_stops_being_one_at_once(edge, roles_events):
    assert edge.presence("m-chloe", HELPER)["code"] == "forbidden"  # the token's word is not enough
    status, _ = edge.call("POST", "/programme/applications", "m-chloe", MEMBER,
                          {"languages": ["fr"], "topics": ["trip"]})
    assert status == 201
    edge.staff("/programme/helpers/m-chloe/approve")
    # The token still says only "member": the ticket minted from it carries `helper`.
    assert edge.presence("m-chloe", MEMBER)["type"] == "ack"

    edge.staff("/programme/helpers/m-chloe/suspend", {"reason": "abusive messages"})
    refused = edge.presence("m-chloe", HELPER)
    assert (refused["type"], refused["code"]) == ("error", "forbidden")

    edge.staff("/programme/helpers/m-chloe/reinstate", {"reason": "appeal accepted"})
    assert edge.presence("m-chloe", MEMBER)["type"] == "ack"
    status, _ = edge.call("POST", "/programme/leave", "m-chloe", HELPER)
    assert status == 200
    assert edge.presence("m-chloe", HELPER)["code"] == "forbidden"

    changes = roles_changes(roles_events, "m-chloe")
    assert [(e["reason"], e["added"], e["removed"]) for e in changes] == [
        ("approved", ["helper"], []),
        ("suspended", [], ["helper"]),
        ("reinstated", ["helper"], []),
        ("left", [], ["helper"]),
    ]
    assert [e["sequence"] for e in changes] == [2, 3, 4, 5]
    assert len({e["event_id"] for e in changes}) == 4
    assert all(e["version"] == 1 and e["at"].endswith("Z") for e in changes)


def test_an_authorised_helper_reads_transcripts_only_while_active(edge, services, ws):
    seed_programme(services)
    _, conversation_id = open_request(ws, "m-bob")
    path = f"/conversations/{conversation_id}"
    # h-1 reads other members' transcripts (authorised Helper), even with a member-only token.
    assert edge.call("GET", path, "h-1", MEMBER)[0] == 200
    edge.staff("/programme/helpers/h-1/suspend", {"reason": "under review"})
    status, error = edge.call("GET", path, "h-1", HELPER)
    assert (status, error["code"]) == (404, "conversation_not_found")
    edge.staff("/programme/helpers/h-1/reinstate", {"reason": "cleared"})
    assert edge.call("GET", path, "h-1", HELPER)[0] == 200


def test_a_helper_token_without_a_mirror_record_holds_no_helper_role(edge):
    assert edge.presence("h-nobody", HELPER)["code"] == "forbidden"
    # Staff keep their own roles from the token.
    assert edge.presence("a-l1", ["agent"])["type"] == "ack"


def test_the_change_is_announced_with_the_event_type_attribute(edge, aws, services):
    import boto3

    sqs, sns = boto3.client("sqs"), boto3.client("sns")
    url = sqs.create_queue(QueueName=f"roles-raw-{uuid.uuid4().hex[:8]}")["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"][
        "QueueArn"]
    sns.subscribe(TopicArn=aws["TOPIC_MARKETPLACE_ARN"], Protocol="sqs", Endpoint=arn)
    edge.call("POST", "/programme/applications", "m-chloe", MEMBER,
              {"languages": ["fr"], "topics": ["trip"]})
    edge.staff("/programme/helpers/m-chloe/approve")
    [message] = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)["Messages"]
    envelope = json.loads(message["Body"])
    assert envelope["MessageAttributes"]["event_type"] == {
        "Type": "String", "Value": "member.roles_changed"}
    assert json.loads(envelope["Message"])["event_id"] == "m-chloe.roles.2"
