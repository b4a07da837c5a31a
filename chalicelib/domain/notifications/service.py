"""Delivers a notification on the right channel: in-app when online, else a short SMS."""

from __future__ import annotations

from dataclasses import dataclass

from chalicelib.domain.notifications.channel import (
    IN_APP,
    MARKETING,
    NONE,
    SMS,
    Notification,
    choose_channel,
)
from chalicelib.domain.notifications.ports import ContactBook, InAppSender, Presence, SmsSender
from chalicelib.domain.notifications.segments import count_segments
from chalicelib.domain.notifications.templates import render_sms


@dataclass(frozen=True)
class Delivery:
    """What was done with one notification (safe to log: no phone number, no text)."""

    channel: str
    reason: str
    segments: int = 0


class NotificationService:
    """Chooses the channel per member and sends; the claims service depends on its `notify`."""

    def __init__(self, *, contacts: ContactBook, presence: Presence, in_app: InAppSender,
                 sms: SmsSender) -> None:
        self._contacts = contacts
        self._presence = presence
        self._in_app = in_app
        self._sms = sms

    def notify(self, note: Notification, known_offline: bool = False) -> Delivery:
        """Deliver one notification and say how; `known_offline`: the caller has just found
        the member offline, presence is not asked again."""
        contact = self._contacts.contact(note.member_id)
        if note.purpose == MARKETING and not contact.marketing_consent:
            return Delivery(NONE, "no_marketing_consent")
        # Presence can be stale: a push that reaches no connection counts as being offline.
        online = not known_offline and self._presence.is_online(note.member_id) and (
            self._in_app.push(note.member_id, note.event) > 0
        )
        wants_sms = not online and note.sms_template is not None and bool(contact.phone)
        # The opt-out lookup is an AWS call: make it only when an SMS is really on the table.
        opted_out = wants_sms and self._sms.is_opted_out(contact.phone or "")
        choice = choose_channel(
            online=online,
            has_phone=bool(contact.phone),
            sms_template=note.sms_template is not None,
            opted_out=opted_out,
            purpose=note.purpose,
            marketing_consent=contact.marketing_consent,
        )
        if choice.channel == SMS and contact.phone and note.sms_template:
            text = render_sms(note.sms_template, contact.lang, note.sms_values)
            self._sms.send(contact.phone, text)
            return Delivery(SMS, choice.reason, count_segments(text).segments)
        if choice.channel == IN_APP and not online:
            # Offline without SMS: push anyway so a connection opening meanwhile gets it.
            self._in_app.push(note.member_id, note.event)
        return Delivery(choice.channel, choice.reason)
