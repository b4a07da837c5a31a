"""The state machine's counterpart task: ask the other party in the app or by SMS with a
single-use code, show the SMS link's question, and take the answer (late ones are refused)."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from datetime import datetime
from typing import Any

from chalicelib.domain.claims.model import (
    AWAITING_COUNTERPART,
    Claim,
    PendingTask,
    ResponseCode,
)
from chalicelib.domain.claims.ports import (
    BookingDirectory,
    MemberProfiles,
    Moderator,
    Notifier,
    TaskGone,
    Workflow,
)
from chalicelib.domain.claims.shared import ClaimsShared
from chalicelib.domain.claims.workflow import TaskMessage, counterpart_answer
from chalicelib.domain.clock import parse_iso, wire_time
from chalicelib.domain.errors import BadInput, Conflict, DomainError, Forbidden
from chalicelib.domain.identity import Principal
from chalicelib.domain.limits import MissLimit
from chalicelib.domain.notifications.channel import Notification
from chalicelib.domain.notifications.templates import format_date, format_moment

# Crockford's base 32 without look-alikes: easy to read from an SMS, 32^8 possible codes.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 8
COMMENT_MAX = 500
ANSWERED = ("counterpart_confirmed", "counterpart_disputed")


def new_code() -> str:
    """A fresh single-use code for the counterpart's SMS link."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def code_hash(claim_id: str, code: str) -> str:
    """The stored form of a code: salted with the claim id, never the code itself."""
    return hashlib.sha256(f"{claim_id}:{code.strip().upper()}".encode()).hexdigest()


class CounterpartStep:
    """Asks the counterpart, and takes their answer (signed in, or with the SMS code), never
    the claimant's."""

    def __init__(
        self,
        shared: ClaimsShared,
        *,
        bookings: BookingDirectory,
        members: MemberProfiles,
        workflow: Workflow,
        notifier: Notifier,
        link_base: str,
        moderator: Moderator | None,
        codes: Callable[[], str],
        code_misses: MissLimit | None = None,
    ) -> None:
        if not link_base:
            # Fail closed: an SMS whose link opens nothing would let silence decide the claim.
            raise ValueError("claims need the SMS link base: set WEB_URL (or CLAIM_LINK_BASE)")
        self._shared = shared
        self._bookings = bookings
        self._members = members
        self._workflow = workflow
        self._notifier = notifier
        self._link_base = link_base.rstrip("/")
        self._moderator = moderator
        self._codes = codes
        # Wrong codes per claim (CLAIM_CODE_MAX_MISSES, CLAIM_CODE_LOCK_SECONDS); None: unlimited.
        self.code_misses = code_misses

    def ask(self, claim: Claim, msg: TaskMessage, now: datetime) -> None:
        """Store the workflow's token and a fresh code, then ask the counterpart in the app or
        by SMS. Idempotent and complete: a redelivered message asks again until one attempt
        has told the counterpart (`asked`, recorded only after the notification went out), and
        never after, so a failed SMS is retried instead of letting silence decide."""
        pending = claim.pending
        if pending is not None and pending.token == msg.token and pending.asked:
            return  # SQS delivered the message again: the counterpart was already asked.
        if any(e.event in ANSWERED for e in claim.timeline):
            return  # answered in the app meanwhile: nothing left to ask
        repository = self._shared.repository
        expires = parse_iso(msg.expires_at) if msg.expires_at else claim.counterpart_expires_at
        if pending is None or pending.token != msg.token:
            repository.set_pending(claim.claim_id,
                                   PendingTask("counterpart", msg.token, now, expires))
        code = self._codes()
        repository.set_response_code(
            claim.claim_id, ResponseCode(code_hash(claim.claim_id, code), expires or now))
        channel = self._tell(claim, code, expires, now)
        repository.mark_asked(claim.claim_id, msg.token)
        self._shared.note(claim.claim_id, "counterpart_notified", {"channel": channel}, at=now)

    def _tell(self, claim: Claim, code: str, expires: datetime | None, now: datetime) -> str:
        """Send the question in the app or by SMS; the channel used (raises if it failed)."""
        ptype = self._shared.catalogue.problem(claim.problem)
        booking = self._bookings.get(claim.booking_id)
        claimant = self._members.profile(claim.claimant_id)
        lang = self._members.profile(claim.counterpart_id).lang
        name = claimant.display_name
        event = {
            "type": "claim.confirmation_requested",
            "claim_id": claim.claim_id,
            "problem": claim.problem,
            "question": question_text(lang, name, ptype.label.get(lang)),
            "expires_at": wire_time(expires),
        }
        values = {
            "name": name,
            "problem": ptype.short_label.get(lang),
            "date": format_date(booking.departure_at if booking else now, lang),
            "deadline": format_moment(expires or now, lang),
            "link": f"{self._link_base}/{claim.claim_id}?code={code}",
        }
        delivery = self._notifier.notify(Notification(
            member_id=claim.counterpart_id, event=event,
            sms_template="counterpart_request", sms_values=values,
        ))
        return delivery.channel

    def question(self, claim_id: str, code: Any) -> dict[str, Any]:
        """What the SMS link page shows before the answer: checks the code, never uses it."""
        if not isinstance(code, str) or not code:
            raise Forbidden("this code is not valid", code="invalid_code")
        claim = self._shared.get(claim_id)
        self._authorise(claim, None, code, self._shared.now())
        ptype = self._shared.catalogue.problem(claim.problem)
        lang = self._members.profile(claim.counterpart_id).lang
        name = self._members.profile(claim.claimant_id).display_name
        expires = claim.counterpart_expires_at
        return {
            "claim_id": claim.claim_id,
            "problem": claim.problem,
            "label": ptype.label.get(lang),
            "question": question_text(lang, name, ptype.label.get(lang)),
            "lang": lang,
            "status": claim.status,
            "expires_at": wire_time(expires),
        }

    def respond(
        self,
        claim_id: str,
        *,
        confirm: Any,
        comment: Any = None,
        principal: Principal | None = None,
        code: str | None = None,
    ) -> Claim:
        """Record the counterpart's answer, signed in or with the SMS code; never the claimant's."""
        if not isinstance(confirm, bool):
            raise BadInput("confirm must be true or false", code="bad_confirm")
        claim = self._shared.get(claim_id)
        now = self._shared.now()
        via = self._authorise(claim, principal, code, now)
        pending = claim.pending
        if claim.status != AWAITING_COUNTERPART or pending is None or (
            pending.kind != "counterpart"
        ):
            answered = any(e.event in ANSWERED for e in claim.timeline)
            if answered:
                raise Conflict("the claim was already answered", code="already_answered")
            if claim.status == AWAITING_COUNTERPART:
                raise Conflict("the claim is not ready for an answer yet; retry shortly",
                               code="not_ready")
            raise TaskGone("the time to answer this claim is over")
        if claim.counterpart_expires_at is not None and now >= claim.counterpart_expires_at:
            raise TaskGone("the time to answer this claim is over")
        text = self._clean_comment(comment, claim.lang)
        self._workflow.succeed(pending.token,
                               counterpart_answer(confirmed=confirm, via=via, comment=text))
        self._shared.repository.clear_pending(claim_id, pending.token)
        if code is not None:
            self._shared.repository.use_response_code(claim_id, code_hash(claim_id, code), now)
        return self._shared.get(claim_id)

    def _authorise(self, claim: Claim, principal: Principal | None, code: str | None,
                   now: datetime) -> str:
        if principal is not None and principal.member_id == claim.claimant_id:
            raise Forbidden("the claimant cannot answer for the other party",
                            code="claimant_cannot_respond")
        if code is not None:
            self._check_code(claim, str(code), now)
            return "code"
        if principal is None:
            raise Forbidden("sign in or use the link from the SMS", code="invalid_code")
        if principal.member_id != claim.counterpart_id:
            raise Forbidden("only the other party may answer", code="not_the_counterpart")
        return "app"

    def _check_code(self, claim: Claim, code: str, now: datetime) -> None:
        """The SMS code opens this claim, or `invalid_code`. Every try is counted before the
        comparison and taken back when right; once the misses reach the limit every try, right
        or wrong, is `rate_limited` until the lock ends, and the counterpart is told once."""
        attempt = self.code_misses.attempt(claim.claim_id) if self.code_misses else None
        stored = claim.response_code
        if (stored is not None and not stored.used and now < stored.expires_at
                and secrets.compare_digest(stored.code_hash, code_hash(claim.claim_id, code))):
            if attempt is not None:
                attempt.right()
            return
        if attempt is not None and attempt.wrong():
            self._tell_code_locked(claim, now)
        raise Forbidden("this code is not valid", code="invalid_code")

    def _tell_code_locked(self, claim: Claim, now: datetime) -> None:
        """Tell the counterpart, once per claim, how to answer without the locked link: in the
        app when online, else by SMS. No new code is sent: that would let anyone who knows the
        claim id make us send texts and guess afresh, while signing in needs no code."""
        deadline = claim.counterpart_expires_at
        waiting = claim.pending is not None and claim.pending.kind == "counterpart"
        if (self.code_misses is None or claim.status != AWAITING_COUNTERPART or not waiting
                or deadline is None or now >= deadline):
            return  # nothing left to answer: nobody needs to be told how
        if not self.code_misses.first_notice(claim.claim_id, int(deadline.timestamp())):
            return
        lang = self._members.profile(claim.counterpart_id).lang
        note = Notification(
            member_id=claim.counterpart_id,
            event={"type": "claim.code_locked", "claim_id": claim.claim_id,
                   "message": code_locked_text(lang), "expires_at": wire_time(deadline)},
            sms_template="counterpart_code_locked",
            sms_values={"ref": claim.ref, "deadline": format_moment(deadline, lang)},
        )
        try:
            channel = self._notifier.notify(note).channel
        except DomainError:
            channel = "failed"  # the lock holds regardless; agents see it on the timeline
        self._shared.note(claim.claim_id, "code_locked", {"channel": channel}, at=now)

    def _clean_comment(self, comment: Any, lang: str) -> str:
        if comment is None:
            return ""
        if not isinstance(comment, str):
            raise BadInput("comment must be a text", code="bad_comment")
        text = comment.strip()[:COMMENT_MAX]
        if text and self._moderator is not None:
            text = self._moderator.clean(text, lang) or ""
        return text


def code_locked_text(lang: str) -> str:
    """The in-app notice of a locked SMS code, in the counterpart's language."""
    if lang == "en":
        return ("Too many wrong codes were entered: the link sent by SMS is locked. Answer here "
                "in the app (no code needed), or contact support.")
    return ("Trop de codes faux ont été saisis : le lien reçu par SMS est bloqué. Répondez ici, "
            "dans l'application (aucun code n'est nécessaire), ou contactez l'assistance.")


def question_text(lang: str, name: str, label: str) -> str:
    """The question put to the counterpart, in their language."""
    who = name or ("Un membre" if lang != "en" else "A member")
    if lang == "en":
        return f"{who} reports: {label}. Do you confirm?"
    return f"{who} signale : {label}. Confirmez-vous ?"
