"""Claims routes (docs/claims.md), the bookings feed, and the state machine's two queues.

The SMS link's two routes are public: its single-use code proves the counterpart, and a
bearer token is verified by the view when one is sent anyway.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, Protocol

from chalicelib.api.batches import each_message
from chalicelib.api.edge import SIGNED_IN, ContextBlueprint, public, roles
from chalicelib.api.parsing import created, json_object, query_integer, query_text
from chalicelib.domain.claims.model import cents_from_eur
from chalicelib.domain.claims.workflow import TOKEN_FIELD
from chalicelib.domain.clock import parse_iso
from chalicelib.domain.errors import BadInput, DomainError
from chalicelib.domain.identity import ADMIN, AGENT, MEMBER, SUPERVISOR, Principal
from chalicelib.observability import logger
from chalicelib.runtime import services
from chalicelib.settings import event_source_name

if TYPE_CHECKING:
    from chalicelib.domain.claims.service import ClaimsService

claims = ContextBlueprint(__name__)

IDEMPOTENCY_HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 128
DEFAULT_REPORT_DAYS = 30
MAX_REPORT_DAYS = 366  # a leap year: at most 13 monthly Queries
REPORT_YEARS = range(2000, 3000)
SMS_LINK = public("the SMS link's single-use code proves the counterpart, no sign-in needed")


def idempotency_key(headers: Mapping[str, str]) -> str:
    """The Idempotency-Key header, required on POST /claims."""
    key = (headers.get(IDEMPOTENCY_HEADER) or headers.get(IDEMPOTENCY_HEADER.lower()) or "")
    key = key.strip()
    if not key:
        raise BadInput("the Idempotency-Key header is required", code="missing_idempotency_key")
    if len(key) > MAX_KEY_LENGTH or not key.isprintable():
        raise BadInput("the Idempotency-Key header is too long or not printable",
                       code="bad_idempotency_key")
    return key


def filing(body: Mapping[str, Any]) -> dict[str, Any]:
    """Keyword arguments of ClaimFiling.file from the POST /claims body."""
    return {
        "booking_id": body.get("booking_id"),
        "problem": body.get("problem"),
        "answers": body.get("answers", {}),
        "hold_payment": body.get("hold_payment", False),
    }


def _cents(body: Mapping[str, Any], name: str) -> int:
    value = body.get(name)
    return 0 if value is None else cents_from_eur(value, field_name=name)


def decision(body: Mapping[str, Any]) -> dict[str, Any]:
    """Keyword arguments of AgentDesk.decide: `gesture_eur` and `charge_eur` to cents."""
    request_approval = body.get("request_approval", False)
    if not isinstance(request_approval, bool):
        raise BadInput("request_approval must be true or false", code="bad_request_approval")
    return {
        "outcome": body.get("outcome"),
        "gesture_cents": _cents(body, "gesture_eur"),
        "charge_cents": _cents(body, "charge_eur"),
        "mark": body.get("mark"),
        "request_approval": request_approval,
    }


def approval(body: Mapping[str, Any]) -> dict[str, Any]:
    """Keyword arguments of AgentDesk.approve."""
    approve = body.get("approve", True)
    if not isinstance(approve, bool):
        raise BadInput("approve must be true or false", code="bad_approve")
    gesture = body.get("gesture_eur")
    return {
        "approve": approve,
        "outcome": body.get("outcome"),
        "gesture_cents": None if gesture is None else cents_from_eur(gesture,
                                                                     field_name="gesture_eur"),
    }


def period(since: str | None, until: str | None) -> tuple[datetime, datetime]:
    """The audit period from `since`/`until` (ISO dates or times); the last 30 days by default.

    The ledger is read with one Query per month of the period, so the period is bounded:
    at most MAX_REPORT_DAYS (400 `period_too_long`), within the years REPORT_YEARS (400
    `bad_period`; beyond them date arithmetic overflows)."""
    try:
        end = parse_iso(until) if until else datetime.now(UTC)
        start = parse_iso(since) if since else end - timedelta(days=DEFAULT_REPORT_DAYS)
    except (ValueError, OverflowError) as e:
        raise BadInput("since and until must be ISO-8601 dates or times",
                       code="bad_period") from e
    if not (start.year in REPORT_YEARS and end.year in REPORT_YEARS):
        raise BadInput(f"since and until must fall in the years {REPORT_YEARS.start} to "
                       f"{REPORT_YEARS.stop - 1}", code="bad_period")
    if end - start > timedelta(days=MAX_REPORT_DAYS):
        raise BadInput(f"the report period is limited to {MAX_REPORT_DAYS} days",
                       code="period_too_long")
    return start, end


def optional_caller(authorization: str | None) -> Principal | None:
    """The signed-in caller when an Authorization header is sent (401 if it is invalid), with
    the roles this backend grants as the members mirror says (like every REST caller)."""
    if not authorization:
        return None
    sessions = services().sessions
    return sessions.effective(sessions.authenticate(authorization))


@claims.route("/claims/catalog", methods=["GET"], access=SIGNED_IN)
def claims_catalog(who: Principal) -> dict[str, Any]:
    return services().claims.filing.catalog(query_text(claims.query, "lang", "fr"))


@claims.route("/claims", methods=["POST"], access=roles(MEMBER))
def file_claim(who: Principal) -> Any:
    claim = services().claims.filing.file(
        who,
        idempotency_key=idempotency_key(claims.current_request.headers),
        **filing(claims.body()),
    )
    return created({"claim_id": claim.claim_id, "status": claim.status})


@claims.route("/claims", methods=["GET"], access=SIGNED_IN)
def my_claims(who: Principal) -> dict[str, Any]:
    page = services().member_claims.page(
        who, query_text(claims.query, "cursor"), query_integer(claims.query, "limit", None))
    return page.to_json()


@claims.route("/bookings/recent", methods=["GET"], access=SIGNED_IN)
def my_recent_bookings(who: Principal) -> dict[str, Any]:
    found = services().member_claims.recent_bookings(who)
    return {"bookings": [b.to_json() for b in found]}


@claims.route("/claims/{claim_id}", methods=["GET"], access=SIGNED_IN)
def get_claim(who: Principal, claim_id: str) -> dict[str, Any]:
    return services().claims.filing.view(claim_id, who).to_json()


@claims.route("/claims/{claim_id}/review", methods=["GET"],
              access=roles(AGENT, SUPERVISOR, ADMIN))
def review_claim(who: Principal, claim_id: str) -> dict[str, Any]:
    return services().claims.agents.review(claim_id, who).to_json()


@claims.route("/claims/{claim_id}/response", methods=["POST"], access=SMS_LINK)
def answer_claim(claim_id: str) -> dict[str, Any]:
    body = json_object(claims.current_request.raw_body)
    caller = optional_caller(claims.current_request.headers.get("authorization"))
    claim = services().claims.counterpart.respond(
        claim_id,
        confirm=body.get("confirm"),
        comment=body.get("comment"),
        principal=caller,
        code=query_text(claims.query, "code"),
    )
    return claim.to_json(viewer_id=claim.counterpart_id)


@claims.route("/claims/{claim_id}/question", methods=["GET"], access=SMS_LINK)
def claim_question(claim_id: str) -> dict[str, Any]:
    # What the SMS link's page shows: the code is checked, never used here.
    return services().claims.counterpart.question(claim_id, query_text(claims.query, "code"))


@claims.route("/claims/{claim_id}/decision", methods=["POST"], access=roles(AGENT, SUPERVISOR))
def decide_claim(who: Principal, claim_id: str) -> dict[str, Any]:
    claim = services().claims.agents.decide(claim_id, who, **decision(claims.body()))
    return claim.to_json(staff=True)


@claims.route("/claims/{claim_id}/approval", methods=["POST"], access=roles(SUPERVISOR))
def approve_claim(who: Principal, claim_id: str) -> dict[str, Any]:
    claim = services().claims.agents.approve(claim_id, who, **approval(claims.body()))
    return claim.to_json(staff=True)


@claims.route("/gestures/audit", methods=["GET"], access=roles(SUPERVISOR, ADMIN))
def gestures_audit(who: Principal) -> dict[str, Any]:
    since, until = period(query_text(claims.query, "since"), query_text(claims.query, "until"))
    return services().claims.agents.audit_report(who, since=since, until=until).to_json()


@claims.route("/ingest/bookings", methods=["POST"],
              access=public("the marketplace signs each push with the shared HMAC key"))
def ingest_booking() -> Any:
    return claims.signed_push(services().bookings_ingest)


@claims.on_sqs_message(
    queue=event_source_name("QUEUE_CLAIM_TASKS_NAME", "entraide-claim-tasks"),
    batch_size=10,
    maximum_concurrency=5,
)
def claim_tasks(event: Any) -> dict[str, Any]:
    return each_message(event, services().claim_messages.task, source="claim_tasks")


# One notice per invocation: a retried batch would send its SMS again. Two pollers at most:
# SMS leave at about SNS's default account rate (20 per second).
@claims.on_sqs_message(
    queue=event_source_name("QUEUE_NOTIFY_NAME", "entraide-notify"),
    batch_size=1,
    maximum_concurrency=2,
)
def claim_notices(event: Any) -> dict[str, Any]:
    return each_message(event, services().claim_messages.notice, source="claim_notices")


class TaskFailer(Protocol):
    """Fails a waiting task of the state machine (its Catch then takes over)."""

    def fail(self, token: str, error: str, cause: str) -> None: ...


class ClaimMessages:
    """Consumes the claim-tasks and notify queues.

    A message the service refuses for good (a 4xx domain error: malformed, unknown claim) is
    dropped, and if it carries a task token the waiting task is failed so the workflow records
    the failure and puts the claim in the agents' queue at once instead of waiting for its
    timeout. Anything else (AWS unavailable...) raises: the consumer reports that message alone
    as failed (`batchItemFailures`), SQS delivers it again (the handlers are idempotent per
    token) and eventually moves it to the dead-letter queue.
    """

    def __init__(self, claims: ClaimsService, workflow: TaskFailer) -> None:
        self._claims = claims
        self._workflow = workflow

    def task(self, raw: str) -> None:
        """One message of the claim-tasks queue."""
        self._consume(raw, self._claims.messages.handle_task_message, fail_tokens=True)

    def notice(self, raw: str) -> None:
        """One message of the notify queue."""
        self._consume(raw, self._claims.messages.handle_notify_message, fail_tokens=False)

    def _consume(self, raw: str, handle: Any, *, fail_tokens: bool) -> None:
        try:
            body = json.loads(raw)
        except ValueError:
            logger.warning("claim message is not JSON; dropped")
            return
        if not isinstance(body, dict):
            logger.warning("claim message is not a JSON object; dropped")
            return
        kind, claim_id = body.get("kind"), body.get("claim_id")
        try:
            handle(body)
        except DomainError as e:
            if e.status >= 500:
                raise
            logger.warning("claim message refused; dropped", kind=kind, claim_id=claim_id,
                           error=e.code)
            token = body.get(TOKEN_FIELD)
            if fail_tokens and isinstance(token, str) and token:
                self._workflow.fail(token, "ClaimTaskRefused", e.code)
