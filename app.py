"""Entraide: Chalice wiring only. Each handler parses, calls one service, shapes the reply."""

from __future__ import annotations

import json

from chalice import AuthResponse, Chalice, CORSConfig, Rate, Response

from chalicelib import claims_edge, moderation_edge
from chalicelib.domain.claims.ingest import SIGNATURE_HEADER, TIMESTAMP_HEADER
from chalicelib.domain.errors import Unauthenticated
from chalicelib.edges import (
    JSON_HEADERS,
    current_principal,
    json_object,
    query_param,
    translate_errors,
)
from chalicelib.observability import emit_metrics, logger
from chalicelib.programme_edge import (
    body_strings,
    body_text,
    body_version,
    created,
    leaderboard_lines,
    query_flag,
    query_integer,
    query_number,
)
from chalicelib.runtime import services
from chalicelib.settings import event_source_name

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
    """The verified caller of the current request, with `helper` only if the members mirror
    says so now (one GetItem; not in the authorizer, whose answer is cached per token)."""
    return services().sessions.effective(current_principal(app))


# --- Platform -------------------------------------------------------------------------------


@app.route("/health", methods=["GET"])
def health():
    return {"status": "ok"}


@app.route("/config", methods=["GET"])
def config():
    s = services().settings
    return {"ws_url": s.ws_public_url, "stage": s.stage}


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


# maximum_concurrency caps the pollers of a queue (not reserved concurrency, which would
# throttle the mapping and send messages to the DLQ): docs/deploy.md, "Concurrency".
@app.on_sqs_message(
    queue=event_source_name("QUEUE_ROUTING_NAME", "entraide-routing"),
    batch_size=10,
    maximum_concurrency=10,
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


# --- Moderation -------------------------------------------------------------------------------
# Routes of docs/moderation.md ("Integration"); staff only. The dry runs store nothing.


@app.route("/moderation/check", methods=["POST"], authorizer=bearer)
@translate_errors
def moderation_check():
    who = me()
    body = json_object(app)
    return services().moderation.check(who, body.get("text"), body.get("lang"))


@app.route("/moderation/images/check", methods=["POST"], authorizer=bearer)
@translate_errors
def moderation_image_check():
    who = me()
    image, content_type = moderation_edge.image_upload(app)
    return services().moderation.check_image(who, image, content_type)


@app.route("/moderation/queue", methods=["GET"], authorizer=bearer)
@translate_errors
def moderation_queue():
    who = me()
    return services().moderation.queue(who, query_integer(params(), "limit", 100))


@app.route("/moderation/items/{item_id}/decision", methods=["POST"], authorizer=bearer)
@translate_errors
def moderation_decision(item_id):
    who = me()
    body = json_object(app)
    return services().moderation.decide(who, item_id, body.get("decision"), body.get("note"))


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


@app.route("/claims/{claim_id}/question", methods=["GET"])
@translate_errors
def claim_question(claim_id):
    # The SMS link's page: no token, the single-use code proves who is asking (not used here).
    return services().claims.question(claim_id, query_param(app, "code"))


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


def signed_push(feed):
    """Hand a marketplace push (body and signature headers, unparsed) to its feed."""
    request = app.current_request
    return feed.ingest(
        request.raw_body or b"",
        request.headers.get(SIGNATURE_HEADER),
        request.headers.get(TIMESTAMP_HEADER),
    )


@app.route("/ingest/bookings", methods=["POST"])
@translate_errors
def ingest_booking():
    return signed_push(services().bookings_ingest)


@app.route("/ingest/members", methods=["POST"])
@translate_errors
def ingest_member():
    return signed_push(services().members_ingest)


@app.on_sqs_message(
    queue=event_source_name("QUEUE_CLAIM_TASKS_NAME", "entraide-claim-tasks"),
    batch_size=10,
    maximum_concurrency=5,
)
def claim_tasks(event):
    services().claim_messages.tasks(record.body for record in event)


# One notice per invocation: a retried batch would send its SMS again.
# Two pollers at most: SMS leave at about SNS's default account rate (20 per second).
@app.on_sqs_message(
    queue=event_source_name("QUEUE_NOTIFY_NAME", "entraide-notify"),
    batch_size=1,
    maximum_concurrency=2,
)
def claim_notices(event):
    services().claim_messages.notices(record.body for record in event)


# --- Programme, knowledge, insights -----------------------------------------------------------
# Routes of docs/programme.md and docs/insights.md. The badge has no authorizer on purpose:
# profiles show it to anyone. Staff-only rules are the services', not the handlers'.


def params():
    """The query string of the current request."""
    return app.current_request.query_params or {}


@app.route("/members/{member_id}/badge", methods=["GET"])
@translate_errors
def helper_badge(member_id):
    return services().programme.badge(member_id).to_json(query_param(app, "lang", "en"))


@app.route("/programme/eligibility", methods=["GET"], authorizer=bearer)
@translate_errors
def programme_eligibility():
    return services().programme.eligibility(me(), query_param(app, "member_id")).to_json()


@app.route("/programme/applications", methods=["POST"], authorizer=bearer)
@translate_errors
def programme_apply():
    body = json_object(app)
    record = services().programme.apply(
        me(), body_strings(body, "languages"), body_strings(body, "topics")
    )
    return created(record.to_json())


@app.route("/programme/applications", methods=["GET"], authorizer=bearer)
@translate_errors
def programme_queue():
    records = services().programme.queue(
        me(),
        query_param(app, "status", "pending"),
        query_flag(params(), "flagged"),
        query_integer(params(), "limit", 50),
    )
    return {"helpers": [r.to_json() for r in records]}


@app.route("/programme/leave", methods=["POST"], authorizer=bearer)
@translate_errors
def programme_leave():
    return services().programme.leave(me()).to_json()


@app.route("/programme/helpers/{member_id}", methods=["GET"], authorizer=bearer)
@translate_errors
def programme_record(member_id):
    return services().programme.view(me(), member_id).to_json()


def decide(member_id, decision, text_field):
    """A staff decision on a member's programme record, with its note or reason."""
    text = body_text(json_object(app, required=False), text_field) or ""
    return getattr(services().programme, decision)(me(), member_id, text).to_json()


@app.route("/programme/helpers/{member_id}/approve", methods=["POST"], authorizer=bearer)
@translate_errors
def programme_approve(member_id):
    return decide(member_id, "approve", "note")


@app.route("/programme/helpers/{member_id}/refuse", methods=["POST"], authorizer=bearer)
@translate_errors
def programme_refuse(member_id):
    return decide(member_id, "refuse", "reason")


@app.route("/programme/helpers/{member_id}/suspend", methods=["POST"], authorizer=bearer)
@translate_errors
def programme_suspend(member_id):
    return decide(member_id, "suspend", "reason")


@app.route("/programme/helpers/{member_id}/reinstate", methods=["POST"], authorizer=bearer)
@translate_errors
def programme_reinstate(member_id):
    return decide(member_id, "reinstate", "reason")


@app.route("/programme/helpers/{member_id}/clear-flag", methods=["POST"], authorizer=bearer)
@translate_errors
def programme_clear_flag(member_id):
    return services().programme.clear_flag(me(), member_id).to_json()


@app.route("/programme/standing/{member_id}", methods=["GET"], authorizer=bearer)
@translate_errors
def programme_standing(member_id):
    me()
    standing = services().recognition.standing(member_id)
    return standing.to_json(query_param(app, "lang", "en"))


@app.route("/programme/leaderboard", methods=["GET"], authorizer=bearer)
@translate_errors
def programme_leaderboard():
    me()
    root = services()
    entries = root.recognition.leaderboard(
        query_param(app, "period"), query_integer(params(), "limit", 10)
    )
    lang = query_param(app, "lang", "en")
    return {"entries": leaderboard_lines(entries, root.members, lang)}


@app.route("/programme/rewards", methods=["GET"], authorizer=bearer)
@translate_errors
def programme_rewards():
    me()
    lang = query_param(app, "lang", "en")
    return {"rewards": [r.to_json(lang) for r in services().recognition.catalogue()]}


@app.route("/programme/helpers/{member_id}/rewards", methods=["POST"], authorizer=bearer)
@translate_errors
def programme_grant_reward(member_id):
    body = json_object(app)
    grant = services().recognition.grant_reward(
        me(),
        member_id,
        body_text(body, "reward_id", max_len=64) or "",
        body_text(body, "note") or "",
    )
    return created(grant.to_json())


@app.route("/programme/helpers/{member_id}/rewards", methods=["GET"], authorizer=bearer)
@translate_errors
def programme_rewards_of(member_id):
    grants = services().recognition.rewards_of(me(), member_id)
    return {"grants": [g.to_json() for g in grants]}


@app.route("/kb/suggest", methods=["GET"], authorizer=bearer)
@translate_errors
def kb_suggest():
    me()
    found = services().knowledge.suggest(
        query_param(app, "q"),
        query_param(app, "lang", "fr"),
        query_integer(params(), "limit", 5),
    )
    return {"suggestions": [s.to_json() for s in found]}


@app.route("/kb/articles", methods=["GET"], authorizer=bearer)
@translate_errors
def kb_list():
    articles = services().knowledge.list(
        me(),
        query_param(app, "status", "draft"),
        query_param(app, "lang"),
        query_integer(params(), "limit", 50),
    )
    return {"articles": [a.to_json(staff=True) for a in articles]}


@app.route("/kb/articles", methods=["POST"], authorizer=bearer)
@translate_errors
def kb_create():
    body = json_object(app)
    article = services().knowledge.create(
        me(),
        body_text(body, "lang", max_len=8),
        body_text(body, "question"),
        body_text(body, "answer"),
        body_strings(body, "tags", required=False) or (),
        body_text(body, "topic", max_len=40),
    )
    return created(article.to_json(staff=True))


@app.route("/kb/articles/from-conversation/{conversation_id}", methods=["POST"], authorizer=bearer)
@translate_errors
def kb_capture(conversation_id):
    return created(services().knowledge.capture(me(), conversation_id).to_json(staff=True))


@app.route("/kb/articles/{article_id}", methods=["GET"], authorizer=bearer)
@translate_errors
def kb_view(article_id):
    who = me()
    return services().knowledge.view(who, article_id).to_json(staff=who.is_staff)


@app.route("/kb/articles/{article_id}", methods=["PATCH"], authorizer=bearer)
@translate_errors
def kb_edit(article_id):
    body = json_object(app)
    article = services().knowledge.edit(
        me(),
        article_id,
        body_version(body, required=True),
        lang=body_text(body, "lang", max_len=8),
        question=body_text(body, "question"),
        answer=body_text(body, "answer"),
        tags=body_strings(body, "tags", required=False),
    )
    return article.to_json(staff=True)


@app.route("/kb/articles/{article_id}/publish", methods=["POST"], authorizer=bearer)
@translate_errors
def kb_publish(article_id):
    expected = body_version(json_object(app, required=False), required=False)
    return services().knowledge.publish(me(), article_id, expected).to_json(staff=True)


@app.route("/kb/articles/{article_id}/archive", methods=["POST"], authorizer=bearer)
@translate_errors
def kb_archive(article_id):
    expected = body_version(json_object(app, required=False), required=False)
    return services().knowledge.archive(me(), article_id, expected).to_json(staff=True)


@app.route("/metrics/summary", methods=["GET"], authorizer=bearer)
@translate_errors
def metrics_summary():
    return services().insights.summary(me(), query_param(app, "window", "24h")).to_json()


@app.route("/metrics/capacity", methods=["GET"], authorizer=bearer)
@translate_errors
def metrics_capacity():
    q = params()
    plan = services().capacity.plan(
        me(),
        query_number(q, "arrivals_per_hour"),
        query_number(q, "mean_minutes"),
        query_integer(q, "capacity", None),
        query_number(q, "target_seconds"),
        query_number(q, "target_share"),
    )
    return plan.to_json()


@app.schedule(Rate(1, unit=Rate.DAYS))
def helper_quality_review(event):
    changed = services().programme.review_flagged()
    logger.info("flagged Helpers reviewed", changed=len(changed))


@app.schedule(Rate(1, unit=Rate.HOURS))
def insights_metrics(event):
    emit_metrics(services().insights.published_metrics("1h"))


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
