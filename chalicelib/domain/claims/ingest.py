"""Bookings pushed by the marketplace: HMAC-signed, checked, stored in the bookings mirror."""

from __future__ import annotations

from typing import Any, Protocol

from chalicelib.domain.claims.events import Alternative
from chalicelib.domain.claims.model import Booking
from chalicelib.domain.clock import parse_iso
from chalicelib.domain.errors import BadInput

# The ids and phone numbers of every marketplace feed follow one format, and its pushes one
# signature scheme (`signed_push`).
from chalicelib.domain.member_ingest import E164, MEMBER_ID
from chalicelib.domain.signed_push import SignedPushVerifier

BOOKING_STATUSES = ("confirmed", "cancelled_by_driver", "cancelled_by_passenger", "completed")


class BookingStore(Protocol):
    """The bookings mirror's write side."""

    def put(self, booking: Booking, version: int) -> bool:
        """Store unless a newer version is stored; whether it was stored."""
        ...


class PhoneBook(Protocol):
    """The members mirror's phone numbers (SMS go to the number the marketplace last pushed)."""

    def set_phone(self, member_id: str, phone: str) -> None:
        """Record the member's mobile number."""
        ...


class BookingIngest:
    """Verifies a push, then stores the booking and its parties' phone numbers."""

    def __init__(self, *, push: SignedPushVerifier, store: BookingStore,
                 phones: PhoneBook) -> None:
        self._push = push
        self._store = store
        self._phones = phones

    def ingest(self, body: bytes, signature: str | None, timestamp: str | None) -> dict[str, Any]:
        """Handle one signed push; 401 for a bad or stale signature, 400 for a bad booking."""
        return self.store(self._push.read(body, signature, timestamp))

    def store(self, data: Any) -> dict[str, Any]:
        """Check and store a booking push that is already trusted (verified, or demo data)."""
        booking, version, phones = parse_booking(data)
        stored = self._store.put(booking, version)
        if stored:
            for member_id, phone in phones.items():
                self._phones.set_phone(member_id, phone)
        return {"booking_id": booking.booking_id, "stored": stored}


def parse_booking(data: Any) -> tuple[Booking, int, dict[str, str]]:
    """The booking, its version and the parties' phone numbers from a push; BadInput if wrong."""
    if not isinstance(data, dict):
        raise BadInput("the body must be a JSON object", code="bad_booking")
    booking_id = _text(data, "booking_id")
    parties, phones = _parties(data)
    contribution = _cents(data, "contribution_cents")
    fee = _cents(data, "service_fee_cents", default=0)
    status = data.get("status", "confirmed")
    if status not in BOOKING_STATUSES:
        raise BadInput(f"status must be one of {', '.join(BOOKING_STATUSES)}", code="bad_booking")
    if data.get("currency", "EUR") != "EUR":
        raise BadInput("only EUR bookings are handled", code="bad_booking")
    try:
        departure = parse_iso(_text(data, "departure_at"))
    except ValueError as e:
        raise BadInput("departure_at must be an ISO-8601 time", code="bad_booking") from e
    version = data.get("version", 0)
    if isinstance(version, bool) or not isinstance(version, int) or version < 0:
        raise BadInput("version must be a whole number", code="bad_booking")
    alternatives = _alternatives(data)
    booking = Booking(
        booking_id=booking_id, driver_id=parties["driver"], passenger_id=parties["passenger"],
        contribution_cents=contribution, service_fee_cents=fee, departure_at=departure,
        status=status, alternatives=alternatives,
    )
    return booking, version, phones


def _parties(data: dict[str, Any]) -> tuple[dict[str, str], dict[str, str]]:
    """The member id on each side, and the phone number of each party that has one."""
    parties: dict[str, str] = {}
    phones: dict[str, str] = {}
    for side in ("driver", "passenger"):
        party = data.get(side)
        if not isinstance(party, dict):
            raise BadInput(f"{side} must be an object with member_id", code="bad_booking")
        member_id = _text(party, "member_id")
        if not MEMBER_ID.match(member_id):
            raise BadInput(f"{side}.member_id is not valid", code="bad_booking")
        parties[side] = member_id
        phone = party.get("phone")
        if phone is not None:
            if not isinstance(phone, str) or not E164.match(phone):
                raise BadInput(f"{side}.phone must be an E.164 number", code="bad_booking")
            phones[member_id] = phone
    if parties["driver"] == parties["passenger"]:
        raise BadInput("driver and passenger must differ", code="bad_booking")
    return parties, phones


def _alternatives(data: dict[str, Any]) -> tuple[Alternative, ...]:
    """The other rides offered to the passenger if the driver cancels (at most 10)."""
    raw_alternatives = data.get("alternatives", [])
    if not isinstance(raw_alternatives, list) or len(raw_alternatives) > 10:
        raise BadInput("alternatives must be a list of at most 10 rides", code="bad_booking")
    alternatives = []
    for a in raw_alternatives:
        if not isinstance(a, dict):
            raise BadInput("each alternative is an object", code="bad_booking")
        seats = a.get("seats_left", 1)
        if isinstance(seats, bool) or not isinstance(seats, int):
            raise BadInput("seats_left must be a whole number", code="bad_booking")
        alternatives.append(Alternative(_text(a, "ride_id"), _text(a, "departure_at"), seats))
    return tuple(alternatives)


def _text(data: dict[str, Any], name: str) -> str:
    value = data.get(name)
    if not isinstance(value, str) or not value.strip() or len(value) > 128:
        raise BadInput(f"{name} is required", code="bad_booking")
    return value.strip()


def _cents(data: dict[str, Any], name: str, default: int | None = None) -> int:
    value = data.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10_000_000:
        raise BadInput(f"{name} must be a whole number of cents", code="bad_booking")
    return value
