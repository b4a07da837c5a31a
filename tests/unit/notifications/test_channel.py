"""In-app when online, SMS otherwise; never to an opted-out number; no marketing without consent."""

from __future__ import annotations

import pytest

from chalicelib.domain.notifications.channel import (
    IN_APP,
    MARKETING,
    NONE,
    SMS,
    Notification,
    choose_channel,
)
from chalicelib.domain.notifications.ports import Contact
from chalicelib.domain.notifications.service import NotificationService
from tests.unit.notifications.notifications_fakes import (
    InMemoryContactBook,
    InMemoryInAppSender,
    InMemoryPresence,
    InMemorySmsSender,
)

BASE = {"online": False, "has_phone": True, "sms_template": True, "opted_out": False}


@pytest.mark.parametrize(
    ("changes", "channel", "reason"),
    [
        ({}, SMS, "offline"),
        ({"online": True}, IN_APP, "online"),
        ({"opted_out": True}, IN_APP, "opted_out"),
        ({"has_phone": False}, IN_APP, "no_phone"),
        ({"sms_template": False}, IN_APP, "no_sms_for_this"),
        ({"purpose": MARKETING}, NONE, "no_marketing_consent"),
        ({"purpose": MARKETING, "online": True}, NONE, "no_marketing_consent"),
        ({"purpose": MARKETING, "marketing_consent": True}, SMS, "offline"),
        ({"purpose": MARKETING, "marketing_consent": True, "opted_out": True}, IN_APP,
         "opted_out"),
    ],
)
def test_channel_rule(changes, channel, reason):
    choice = choose_channel(**{**BASE, **changes})
    assert (choice.channel, choice.reason) == (channel, reason)


PHONE = "+33612345678"
VALUES = {"name": "Alice", "problem": "conducteur absent", "date": "11/03",
          "deadline": "15/03 à 10h00", "link": "https://etr.example/c/cl-1?code=ABCD2345"}
NOTE = Notification(member_id="m-bob", event={"type": "claim.confirmation_requested"},
                    sms_template="counterpart_request", sms_values=VALUES)


def service(*, online=(), stale=(), opted_out=(), contact=Contact(PHONE, "fr")):
    presence = InMemoryPresence(*online)
    in_app = InMemoryInAppSender(presence, set(stale))
    sms = InMemorySmsSender(set(opted_out))
    svc = NotificationService(contacts=InMemoryContactBook({"m-bob": contact}),
                              presence=presence, in_app=in_app, sms=sms)
    return svc, in_app, sms


def test_an_online_member_gets_the_in_app_event_and_no_sms():
    svc, in_app, sms = service(online={"m-bob"})
    delivery = svc.notify(NOTE)
    assert (delivery.channel, delivery.reason) == (IN_APP, "online")
    assert in_app.pushed == [("m-bob", NOTE.event)]
    assert sms.sent == [] and sms.opt_out_checks == 0


def test_an_offline_member_gets_a_short_sms_in_their_language():
    svc, _, sms = service()
    delivery = svc.notify(NOTE)
    assert (delivery.channel, delivery.segments) == (SMS, 1)
    [(phone, text)] = sms.sent
    assert phone == PHONE and text.startswith("Entraide: Alice signale")


def test_a_stale_connection_counts_as_offline():
    svc, _, sms = service(online={"m-bob"}, stale={"m-bob"})
    assert svc.notify(NOTE).channel == SMS
    assert len(sms.sent) == 1


def test_an_opted_out_number_never_gets_an_sms():
    svc, in_app, sms = service(opted_out={PHONE})
    delivery = svc.notify(NOTE)
    assert (delivery.channel, delivery.reason) == (IN_APP, "opted_out")
    assert sms.sent == [] and sms.opt_out_checks == 1
    assert in_app.pushed  # still waits in the app


def test_no_phone_no_sms_and_no_opt_out_lookup():
    svc, _, sms = service(contact=Contact(None, "en"))
    assert svc.notify(NOTE).reason == "no_phone"
    assert sms.opt_out_checks == 0


def test_marketing_needs_consent_on_every_channel():
    note = Notification("m-bob", {"type": "promo"}, "claim_settled", {}, purpose=MARKETING)
    svc, in_app, sms = service(online={"m-bob"})
    assert svc.notify(note).channel == NONE
    assert in_app.pushed == [] and sms.sent == []
