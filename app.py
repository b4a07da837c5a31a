"""Entraide: Chalice wiring only. Each handler parses, calls one service, shapes the reply."""

from __future__ import annotations

import json

from chalice import AuthResponse, Chalice, CORSConfig, Rate, Response

from chalicelib import claims_edge
from chalicelib.domain.claims.ingest import SIGNATURE_HEADER, TIMESTAMP_HEADER
from chalicelib.domain.errors import Unauthenticated
from chalicelib.edges import (
    JSON_HEADERS,
    current_principal,
    json_object,
    query_param,
    translate_errors,
)
from chalicelib.observability import logger
from chalicelib.settings import event_source_name
from chalicelib.wiring import services

app = Chalice(app_name="entraide", configure_logs=False)
app.experimental_feature_flags.update(["WEBSOCKETS"])
app.api.cors = CORSConfig(allow_origin="*", allow_headers=["Idempotency-Key"], max_age=600)


@app.authorizer(ttl_seconds=60)
def bearer(auth_request):
    """Verify the bearer JWT; views refuse a request whose context carries `auth_error`."""
    try:
        principal = services().sessions.authenticate(auth_request.token)
    except Unauthenticated as e:
        return AuthResponse(routes=["*"], principal_id="anonymous", context={"auth_error": e.code})
    return AuthResponse(
        routes=["*"],
        principal_id=principal.member_id,
        context={
            "member_id": principal.member_id,
            "roles": ",".join(sorted(principal.roles)),
            "tier": principal.tier or "",
        },
    )


def me():
    """The verified caller of the current request."""
    return current_principal(app)


# --- Platform -------------------------------------------------------------------------------


@app.route("/health", methods=["GET"])
def health():
    return {"status": "ok"}


@app.route("/config", methods=["GET"])
def config():
    s = services().settings
    return {"ws_url": s.ws_public_url, "stage": s.stage}


@app.route("/dev/token", methods=["POST"])
@translate_errors
def dev_token():
    return services().sessions.dev_token(json_object(app))


@app.route("/ws/ticket", methods=["POST"], authorizer=bearer)
@translate_errors
def ws_ticket():
    return services().sessions.issue_ticket(me())


# --- Chat: oversight and the professional queue ---------------------------------------------


@app.route("/conversations", methods=["GET"], authorizer=bearer)
@translate_errors
def list_conversations():
    who = me()
    if not who.is_staff:
        return services().chat.my_conversations(who)
    return services().chat.list_conversations(
        who, query_param(app, "day"), query_param(app, "status")
    )


@app.route("/conversations/{conversation_id}", methods=["GET"], authorizer=bearer)
@translate_errors
def get_conversation(conversation_id):
    return services().chat.transcript(me(), conversation_id)


@app.route("/agent/queue", methods=["GET"], authorizer=bearer)
@translate_errors
def agent_queue():
    return services().chat.agent_queue(me())


@app.route("/audit", methods=["GET"], authorizer=bearer)
@translate_errors
def audit_log():
    return services().chat.audit_log(me(), query_param(app, "day"))


@app.on_sqs_message(
    queue=event_source_name("QUEUE_ROUTING_NAME", "entraide-routing"), batch_size=10
)
def routing_events(event):
    root = services()
    for record in event:
        body = json.loads(record.body)
        if body.get("kind") == "wave_timeout":
            root.deliver(root.chat.on_wave_timeout(body["conversation_id"], int(body["wave"])))
        else:
            logger.warning("unknown routing event", kind=body.get("kind"))


@app.schedule(Rate(1, unit=Rate.MINUTES))
def routing_sweep(event):
    services().deliver(services().chat.sweep())


# --- Claims -----------------------------------------------------------------------------------
# Routes of docs/claims.md. POST /claims/{id}/response has no authorizer on purpose: the SMS
# link's `?code=` must work without a token, so the view verifies an Authorization header itself
# when one is sent. The state machine's queues are consumed by claim_tasks and claim_notices.


@app.route("/claims/catalog", methods=["GET"], authorizer=bearer)
@translate_errors
def claims_catalog():
    me()
    return services().claims.catalog(query_param(app, "lang", "fr"))


@app.route("/claims", methods=["POST"], authorizer=bearer)
@translate_errors
def file_claim():
    claim = services().claims.file(
        me(),
        idempotency_key=claims_edge.idempotency_key(app.current_request.headers),
        **claims_edge.filing(json_object(app)),
    )
    return Response(
        body={"claim_id": claim.claim_id, "status": claim.status},
        status_code=201,
        headers=JSON_HEADERS,
    )


@app.route("/claims/{claim_id}", methods=["GET"], authorizer=bearer)
@translate_errors
def get_claim(claim_id):
    return services().claims.view(claim_id, me()).to_json()


@app.route("/claims/{claim_id}/response", methods=["POST"])
@translate_errors
def answer_claim(claim_id):
    body = json_object(app)
    caller = claims_edge.optional_caller(
        app.current_request.headers.get("authorization"), services().sessions
    )
    claim = services().claims.respond(
        claim_id,
        confirm=body.get("confirm"),
        comment=body.get("comment"),
        principal=caller,
        code=query_param(app, "code"),
    )
    return claim.to_json(viewer_id=claim.counterpart_id)


@app.route("/claims/{claim_id}/decision", methods=["POST"], authorizer=bearer)
@translate_errors
def decide_claim(claim_id):
    claim = services().claims.decide(claim_id, me(), **claims_edge.decision(json_object(app)))
    return claim.to_json(staff=True)


@app.route("/claims/{claim_id}/approval", methods=["POST"], authorizer=bearer)
@translate_errors
def approve_claim(claim_id):
    claim = services().claims.approve(claim_id, me(), **claims_edge.approval(json_object(app)))
    return claim.to_json(staff=True)


@app.route("/gestures/audit", methods=["GET"], authorizer=bearer)
@translate_errors
def gestures_audit():
    since, until = claims_edge.period(query_param(app, "since"), query_param(app, "until"))
    return services().claims.audit_report(me(), since=since, until=until).to_json()


@app.route("/ingest/bookings", methods=["POST"])
@translate_errors
def ingest_booking():
    request = app.current_request
    return services().bookings_ingest.ingest(
        request.raw_body or b"",
        request.headers.get(SIGNATURE_HEADER),
        request.headers.get(TIMESTAMP_HEADER),
    )


@app.on_sqs_message(
    queue=event_source_name("QUEUE_CLAIM_TASKS_NAME", "entraide-claim-tasks"), batch_size=10
)
def claim_tasks(event):
    services().claim_messages.tasks(record.body for record in event)


# One notice per invocation: a retried batch would send its SMS again.
@app.on_sqs_message(queue=event_source_name("QUEUE_NOTIFY_NAME", "entraide-notify"), batch_size=1)
def claim_notices(event):
    services().claim_messages.notices(record.body for record in event)


# --- WebSocket --------------------------------------------------------------------------------


@app.on_ws_connect()
def ws_connect(event):
    return services().websocket.connect(event.to_dict())


@app.on_ws_message()
def ws_message(event):
    return services().websocket.message(event.to_dict())


@app.on_ws_disconnect()
def ws_disconnect(event):
    return services().websocket.disconnect(event.to_dict())
