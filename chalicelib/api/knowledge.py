"""Knowledge base routes (docs/programme.md, "Knowledge"): suggestions for everyone signed in,
curation by staff."""

from __future__ import annotations

from typing import Any

from chalicelib.api.edge import SIGNED_IN, STAFF, ContextBlueprint
from chalicelib.api.parsing import (
    body_strings,
    body_text,
    body_version,
    created,
    query_integer,
    query_text,
)
from chalicelib.domain.identity import Principal
from chalicelib.runtime import services

knowledge = ContextBlueprint(__name__)


@knowledge.route("/kb/suggest", methods=["GET"], access=SIGNED_IN)
def kb_suggest(who: Principal) -> dict[str, Any]:
    q = knowledge.query
    found = services().knowledge.suggest(
        query_text(q, "q"), query_text(q, "lang", "fr"), query_integer(q, "limit", 5))
    return {"suggestions": [s.to_json() for s in found]}


@knowledge.route("/kb/articles", methods=["GET"], access=STAFF)
def kb_list(who: Principal) -> dict[str, Any]:
    q = knowledge.query
    articles = services().knowledge.list(
        who, query_text(q, "status", "draft"), query_text(q, "lang"),
        query_integer(q, "limit", 50))
    return {"articles": [a.to_json(staff=True) for a in articles]}


@knowledge.route("/kb/articles", methods=["POST"], access=STAFF)
def kb_create(who: Principal) -> Any:
    body = knowledge.body()
    article = services().knowledge.create(
        who,
        body_text(body, "lang", max_len=8),
        body_text(body, "question"),
        body_text(body, "answer"),
        body_strings(body, "tags", required=False) or (),
        body_text(body, "topic", max_len=40),
    )
    return created(article.to_json(staff=True))


@knowledge.route("/kb/articles/from-conversation/{conversation_id}", methods=["POST"],
                 access=STAFF)
def kb_capture(who: Principal, conversation_id: str) -> Any:
    return created(services().knowledge.capture(who, conversation_id).to_json(staff=True))


@knowledge.route("/kb/articles/{article_id}", methods=["GET"], access=SIGNED_IN)
def kb_view(who: Principal, article_id: str) -> dict[str, Any]:
    return services().knowledge.view(who, article_id).to_json(staff=who.is_staff)


@knowledge.route("/kb/articles/{article_id}", methods=["PATCH"], access=STAFF)
def kb_edit(who: Principal, article_id: str) -> dict[str, Any]:
    body = knowledge.body()
    article = services().knowledge.edit(
        who,
        article_id,
        body_version(body, required=True),
        lang=body_text(body, "lang", max_len=8),
        question=body_text(body, "question"),
        answer=body_text(body, "answer"),
        tags=body_strings(body, "tags", required=False),
    )
    return article.to_json(staff=True)


@knowledge.route("/kb/articles/{article_id}/publish", methods=["POST"], access=STAFF)
def kb_publish(who: Principal, article_id: str) -> dict[str, Any]:
    expected = body_version(knowledge.body(required=False), required=False)
    return services().knowledge.publish(who, article_id, expected).to_json(staff=True)


@knowledge.route("/kb/articles/{article_id}/archive", methods=["POST"], access=STAFF)
def kb_archive(who: Principal, article_id: str) -> dict[str, Any]:
    expected = body_version(knowledge.body(required=False), required=False)
    return services().knowledge.archive(who, article_id, expected).to_json(staff=True)
