"""Seeds the demo data through the app's own services (so the data is what the app expects)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from devstack.demo_data import BOOKINGS, HELPERS, MEMBERS, TRANSCRIPT_READERS
from devstack.programme_seed import PROGRAMME_SEEDERS

# Other parts of the product add their own seeders (presence, bookings, articles...).
SEEDERS: list[Callable[[Any], None]] = [*PROGRAMME_SEEDERS]


def seed_members(services: Any) -> None:
    """Members, Helpers, agents, supervisor and admin of PROTOCOL.md.

    What the marketplace owns (name, language, phone, consents, reputation, standing) goes
    through the members feed's own parse-and-store path, as the marketplace pushes it; what
    this backend owns (roles, tier, the demo Helpers' approved profile) is written first.
    """
    for member_id, name, lang, phone, roles, tier, reputation in MEMBERS:
        profile = {}
        if member_id in HELPERS:
            languages, topics = HELPERS[member_id]
            profile["helper"] = {
                "status": "approved",
                "languages": languages,
                "topics": topics,
                "transcript_access": member_id in TRANSCRIPT_READERS,
            }
        services.members.put(member_id, roles=roles, tier=tier, profile=profile)
        services.members_ingest.store(member_push(member_id, name, lang, phone, reputation))


def member_push(member_id: str, name: str, lang: str, phone: str | None,
                reputation: tuple[float, int, float] | None, version: int = 1) -> dict[str, Any]:
    """A members-feed push of a demo member (docs/marketplace_feeds.md)."""
    push: dict[str, Any] = {
        "member_id": member_id,
        "version": version,
        "display_name": name,
        "lang": lang,
        "phone": phone,
        "sms_consent": True,
        "marketing_opt_in": False,
        "standing": "good",
        "reputation": None,
    }
    if reputation:
        rating, reviews, positive = reputation
        push["reputation"] = {"rating": rating, "reviews": reviews, "positive_share": positive}
    return push


def seed_bookings(services: Any) -> None:
    """Bookings bk-1 and bk-2, with the parties' phone numbers, as the marketplace pushes them."""
    import datetime as dt

    phones = {m[0]: m[3] for m in MEMBERS}
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    for booking_id, driver, passenger, contribution, fee, hours in BOOKINGS:
        departure = now + dt.timedelta(hours=hours)
        services.bookings_ingest.store({
            "booking_id": booking_id,
            "driver": {"member_id": driver, "phone": phones[driver]},
            "passenger": {"member_id": passenger, "phone": phones[passenger]},
            "contribution_cents": contribution,
            "service_fee_cents": fee,
            "departure_at": departure.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "status": "confirmed",
            "alternatives": [{
                "ride_id": f"ride-{booking_id}-alt",
                "departure_at": (departure + dt.timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M:%SZ"),
                "seats_left": 2,
            }],
        })


SEEDERS.append(seed_bookings)


def seed_all(services: Any) -> list[str]:
    """Run every seeder; returns their names."""
    done = []
    for seeder in [seed_members, *SEEDERS]:
        seeder(services)
        done.append(seeder.__name__)
    return done
