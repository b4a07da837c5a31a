"""Outbound events for the marketplace: typed, versioned, and the only way money is asked to move.

Each event travels as one SNS message on the marketplace topic: the JSON of `OutboundEvent.to_json`
with the message attribute `event_type`. `docs/events.md` documents every field.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from chalicelib.domain.errors import BadInput

CURRENCY = "EUR"


@dataclass(frozen=True)
class Alternative:
    """A similar ride the marketplace proposes after a cancellation."""

    ride_id: str
    departure_at: str
    seats_left: int = 1


@dataclass(frozen=True)
class PaymentHold:
    """Freeze the driver's payout for the booking until a release follows."""

    TYPE: ClassVar[str] = "payment.hold"
    VERSION: ClassVar[int] = 1
    driver_id: str
    reason: str


@dataclass(frozen=True)
class PaymentRelease:
    """The claim no longer blocks the booking money; pay the driver `payout_cents`."""

    TYPE: ClassVar[str] = "payment.release"
    VERSION: ClassVar[int] = 1
    driver_id: str
    payout_cents: int
    currency: str = CURRENCY


@dataclass(frozen=True)
class Refund:
    """Refund the passenger from the booking's payment (contribution part plus fee part)."""

    TYPE: ClassVar[str] = "refund"
    VERSION: ClassVar[int] = 1
    member_id: str
    amount_cents: int
    contribution_cents: int
    fee_cents: int
    resolution: str
    currency: str = CURRENCY


@dataclass(frozen=True)
class NoPenalty:
    """Do not count this cancellation or absence against the member."""

    TYPE: ClassVar[str] = "no_penalty"
    VERSION: ClassVar[int] = 1
    member_id: str
    side: str
    reason: str


@dataclass(frozen=True)
class GoodwillCredit:
    """Credit the member's account with a commercial gesture paid by the company."""

    TYPE: ClassVar[str] = "goodwill.credit"
    VERSION: ClassVar[int] = 1
    member_id: str
    amount_cents: int
    reason: str
    granted_by: str
    approved_by: str = ""
    currency: str = CURRENCY


@dataclass(frozen=True)
class CancellationNotice:
    """Tell the passenger the ride is cancelled and offer the booking's similar rides."""

    TYPE: ClassVar[str] = "cancellation.notice"
    VERSION: ClassVar[int] = 1
    member_id: str
    cancelled_by: str
    alternatives: tuple[Alternative, ...] = ()


@dataclass(frozen=True)
class Charge:
    """Ask the marketplace to collect an accepted amount from one member for another."""

    TYPE: ClassVar[str] = "charge"
    VERSION: ClassVar[int] = 1
    payer_id: str
    payee_id: str
    amount_cents: int
    reason: str
    currency: str = CURRENCY


@dataclass(frozen=True)
class ReliabilityMark:
    """Count an absence or late cancellation, confirmed by the member, toward their reliability."""

    TYPE: ClassVar[str] = "reliability.mark"
    VERSION: ClassVar[int] = 1
    member_id: str
    kind: str


Payload = (
    PaymentHold | PaymentRelease | Refund | NoPenalty | GoodwillCredit | CancellationNotice
    | Charge | ReliabilityMark
)
EVENT_TYPES: Mapping[str, type[Any]] = {
    cls.TYPE: cls
    for cls in (PaymentHold, PaymentRelease, Refund, NoPenalty, GoodwillCredit,
                CancellationNotice, Charge, ReliabilityMark)
}
_ENVELOPE = ("type", "version", "event_id", "claim_id", "booking_id", "decided_at")


@dataclass(frozen=True)
class OutboundEvent:
    """One event with its envelope: a stable id for de-duplication, the claim and booking."""

    event_id: str
    claim_id: str
    booking_id: str
    decided_at: str
    payload: Payload

    @property
    def type(self) -> str:
        """The event type, e.g. `refund`."""
        return self.payload.TYPE

    def to_json(self) -> dict[str, Any]:
        """The message body published on the topic."""
        return {
            "type": self.payload.TYPE,
            "version": self.payload.VERSION,
            "event_id": self.event_id,
            "claim_id": self.claim_id,
            "booking_id": self.booking_id,
            "decided_at": self.decided_at,
            **{k: list(v) if isinstance(v, tuple) else v
               for k, v in dataclasses.asdict(self.payload).items()},
        }

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> OutboundEvent:
        """Read an event back (e.g. from a proposal that went through the workflow)."""
        kind = EVENT_TYPES.get(str(raw.get("type")))
        if kind is None or raw.get("version") != kind.VERSION:
            raise BadInput("unknown event type or version", code="bad_event")
        data = {f.name: raw[f.name] for f in dataclasses.fields(kind) if f.name in raw}
        if "alternatives" in data:
            data["alternatives"] = tuple(Alternative(**a) for a in data["alternatives"])
        try:
            payload = kind(**data)
        except TypeError as e:
            raise BadInput(f"malformed {kind.TYPE} event", code="bad_event") from e
        return cls(
            event_id=str(raw["event_id"]),
            claim_id=str(raw["claim_id"]),
            booking_id=str(raw["booking_id"]),
            decided_at=str(raw["decided_at"]),
            payload=payload,
        )


def schema() -> dict[str, dict[str, Any]]:
    """Every event type with its version and payload fields (name: Python type), for the docs."""
    out: dict[str, dict[str, Any]] = {}
    for name, kind in EVENT_TYPES.items():
        fields = {f.name: str(f.type) for f in dataclasses.fields(kind)}
        out[name] = {"version": kind.VERSION, "envelope": list(_ENVELOPE), "fields": fields}
    return out
