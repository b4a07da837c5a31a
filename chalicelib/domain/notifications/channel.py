"""Which channel carries a notification: in-app when online, SMS otherwise, within consent."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

IN_APP = "in_app"
SMS = "sms"
NONE = "none"
TRANSACTIONAL = "transactional"
MARKETING = "marketing"


@dataclass(frozen=True)
class Notification:
    """Something to tell one member: the in-app event, and the SMS template used when offline."""

    member_id: str
    event: Mapping[str, Any]
    sms_template: str | None = None
    sms_values: Mapping[str, str] = field(default_factory=dict)
    purpose: str = TRANSACTIONAL


@dataclass(frozen=True)
class ChannelChoice:
    """The chosen channel and why (the reason is safe to log: it holds no personal data)."""

    channel: str
    reason: str


def choose_channel(
    *,
    online: bool,
    has_phone: bool,
    sms_template: bool,
    opted_out: bool,
    purpose: str = TRANSACTIONAL,
    marketing_consent: bool = False,
) -> ChannelChoice:
    """Pick the channel: SMS is the expensive one, so it is used only when in-app cannot reach.

    `in_app` while offline means the event waits in the app (the claim and its timeline are
    there on the next visit); `none` means nothing may be sent at all.
    """
    if purpose == MARKETING and not marketing_consent:
        return ChannelChoice(NONE, "no_marketing_consent")
    if online:
        return ChannelChoice(IN_APP, "online")
    if not sms_template:
        return ChannelChoice(IN_APP, "no_sms_for_this")
    if not has_phone:
        return ChannelChoice(IN_APP, "no_phone")
    if opted_out:
        return ChannelChoice(IN_APP, "opted_out")
    return ChannelChoice(SMS, "offline")
