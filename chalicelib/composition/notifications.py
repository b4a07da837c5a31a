"""Builder of the notifications (the claims and the chat tell members through them)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from chalicelib.adapters.sns.sms_sender import SnsSmsSender
from chalicelib.domain.notifications.service import NotificationService
from chalicelib.policies.live_sessions import SessionInAppSender, SessionPresence
from chalicelib.policies.members_mirror import MirrorContactBook

if TYPE_CHECKING:
    from chalicelib.composition.root import Services


def notifications(root: Services) -> NotificationService:
    """In-app when online, else SMS within consent and opt-out."""
    return NotificationService(
        contacts=MirrorContactBook(root.members),
        presence=SessionPresence(root.sessions),
        in_app=SessionInAppSender(root.sessions),
        sms=SnsSmsSender(root.aws.client("sns"), root.settings.sms_sender_id),
    )
