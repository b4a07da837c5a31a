"""What the notification service needs from the platform (typing.Protocol ports)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol


@dataclass(frozen=True)
class Contact:
    """How to reach a member outside the app; the phone number is never logged."""

    phone: str | None = None
    lang: str = "fr"
    marketing_consent: bool = False


class ContactBook(Protocol):
    """Members' phone numbers, languages and consents (the members mirror)."""

    def contact(self, member_id: str) -> Contact:
        """The member's contact details (an empty Contact when unknown)."""
        ...


class Presence(Protocol):
    """Whether a member has a live app connection right now."""

    def is_online(self, member_id: str) -> bool:
        """True when at least one live connection exists."""
        ...


class InAppSender(Protocol):
    """Pushes an event to every live connection of a member."""

    def push(self, member_id: str, event: Mapping[str, Any]) -> int:
        """Send the event; the number of connections that took it (0 when none did)."""
        ...


class SmsSender(Protocol):
    """Transactional SMS (Amazon SNS in AWS)."""

    def is_opted_out(self, phone: str) -> bool:
        """Whether the number replied STOP (CheckIfPhoneNumberIsOptedOut)."""
        ...

    def send(self, phone: str, text: str) -> None:
        """Send one transactional SMS."""
        ...
