"""Helper programme routes (docs/programme.md): the public badge, applications and staff
decisions, recognition (points, levels, leaderboards, rewards), the daily quality review."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from chalice import Rate

from chalicelib.api.edge import SIGNED_IN, STAFF, ContextBlueprint, public
from chalicelib.api.parsing import (
    body_flag,
    body_strings,
    body_text,
    created,
    query_flag,
    query_integer,
    query_text,
)
from chalicelib.domain.identity import Principal
from chalicelib.observability import logger
from chalicelib.runtime import services

programme = ContextBlueprint(__name__)


def leaderboard_lines(entries: Sequence[Any], members: Any, lang: str) -> list[dict[str, Any]]:
    """Leaderboard lines with the Helpers' display names (one BatchGetItem)."""
    names = members.many([e.member_id for e in entries])
    return [
        {**e.to_json(lang), "display_name": _name(names.get(e.member_id))}
        for e in entries
    ]


def _name(member: Any) -> str | None:
    return member.display_name or None if member is not None else None


def _lang() -> str:
    return query_text(programme.query, "lang", "en") or "en"


def _text(field: str) -> str:
    return body_text(programme.body(required=False), field) or ""


@programme.route("/members/{member_id}/badge", methods=["GET"],
                 access=public("members' profiles show the Helper badge to anyone"))
def helper_badge(member_id: str) -> dict[str, Any]:
    return services().programme.badge(member_id).to_json(_lang())


@programme.route("/programme/eligibility", methods=["GET"], access=SIGNED_IN)
def programme_eligibility(who: Principal) -> dict[str, Any]:
    target = query_text(programme.query, "member_id")
    return services().programme.eligibility(who, target).to_json()


@programme.route("/programme/applications", methods=["POST"], access=SIGNED_IN)
def programme_apply(who: Principal) -> Any:
    body = programme.body()
    record = services().programme.apply(
        who, body_strings(body, "languages"), body_strings(body, "topics"))
    return created(record.to_json())


@programme.route("/programme/applications", methods=["GET"], access=STAFF)
def programme_queue(who: Principal) -> dict[str, Any]:
    q = programme.query
    records = services().programme.queue(
        who, query_text(q, "status", "pending"), query_flag(q, "flagged"),
        query_integer(q, "limit", 50))
    return {"helpers": [r.to_json() for r in records]}


@programme.route("/programme/leave", methods=["POST"], access=SIGNED_IN)
def programme_leave(who: Principal) -> dict[str, Any]:
    return services().programme.leave(who).to_json()


@programme.route("/programme/helpers/{member_id}", methods=["GET"], access=SIGNED_IN)
def programme_record(who: Principal, member_id: str) -> dict[str, Any]:
    root = services()
    record = root.programme.view(who, member_id).to_json()
    access = root.transcript_access.of(who, member_id)
    return {**record, "transcript_access": access.granted}


@programme.route("/programme/helpers/{member_id}/transcript-access", methods=["POST"],
                 access=STAFF)
def programme_transcript_access(who: Principal, member_id: str) -> dict[str, Any]:
    granted = body_flag(programme.body(), "granted")
    return services().transcript_access.set(who, member_id, granted).to_json()


@programme.route("/programme/helpers/{member_id}/approve", methods=["POST"], access=STAFF)
def programme_approve(who: Principal, member_id: str) -> dict[str, Any]:
    return services().programme.approve(who, member_id, _text("note")).to_json()


@programme.route("/programme/helpers/{member_id}/refuse", methods=["POST"], access=STAFF)
def programme_refuse(who: Principal, member_id: str) -> dict[str, Any]:
    return services().programme.refuse(who, member_id, _text("reason")).to_json()


@programme.route("/programme/helpers/{member_id}/suspend", methods=["POST"], access=STAFF)
def programme_suspend(who: Principal, member_id: str) -> dict[str, Any]:
    return services().programme.suspend(who, member_id, _text("reason")).to_json()


@programme.route("/programme/helpers/{member_id}/reinstate", methods=["POST"], access=STAFF)
def programme_reinstate(who: Principal, member_id: str) -> dict[str, Any]:
    return services().programme.reinstate(who, member_id, _text("reason")).to_json()


@programme.route("/programme/helpers/{member_id}/clear-flag", methods=["POST"], access=STAFF)
def programme_clear_flag(who: Principal, member_id: str) -> dict[str, Any]:
    return services().programme.clear_flag(who, member_id).to_json()


@programme.route("/programme/standing/{member_id}", methods=["GET"], access=SIGNED_IN)
def programme_standing(who: Principal, member_id: str) -> dict[str, Any]:
    return services().recognition.standing(member_id).to_json(_lang())


@programme.route("/programme/leaderboard", methods=["GET"], access=SIGNED_IN)
def programme_leaderboard(who: Principal) -> dict[str, Any]:
    root = services()
    entries = root.recognition.leaderboard(
        query_text(programme.query, "period"), query_integer(programme.query, "limit", 10))
    return {"entries": leaderboard_lines(entries, root.members, _lang())}


@programme.route("/programme/rewards", methods=["GET"], access=SIGNED_IN)
def programme_rewards(who: Principal) -> dict[str, Any]:
    return {"rewards": [r.to_json(_lang()) for r in services().recognition.catalogue()]}


@programme.route("/programme/helpers/{member_id}/rewards", methods=["POST"], access=STAFF)
def programme_grant_reward(who: Principal, member_id: str) -> Any:
    body = programme.body()
    grant = services().recognition.grant_reward(
        who, member_id, body_text(body, "reward_id", max_len=64) or "",
        body_text(body, "note") or "")
    return created(grant.to_json())


@programme.route("/programme/helpers/{member_id}/rewards", methods=["GET"], access=SIGNED_IN)
def programme_rewards_of(who: Principal, member_id: str) -> dict[str, Any]:
    grants = services().recognition.rewards_of(who, member_id)
    return {"grants": [g.to_json() for g in grants]}


@programme.schedule(Rate(1, unit=Rate.DAYS))
def helper_quality_review(event: Any) -> None:
    changed = services().programme.review_flagged()
    logger.info("flagged Helpers reviewed", changed=len(changed))
