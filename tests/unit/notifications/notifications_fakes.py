"""In-memory fakes of the notifications ports."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from chalicelib.domain.notifications.ports import Contact


class InMemoryContactBook:
    def __init__(self, contacts: Mapping[str, Contact] | None = None) -> None:
        self.items = dict(contacts or {})

    def contact(self, member_id: str) -> Contact:
        return self.items.get(member_id, Contact())


class InMemoryPresence:
    def __init__(self, *online: str) -> None:
        self.online = set(online)

    def is_online(self, member_id: str) -> bool:
        return member_id in self.online


class InMemoryInAppSender:
    def __init__(self, presence: InMemoryPresence, stale: set[str] | None = None) -> None:
        self.presence = presence
        self.stale = stale or set()
        self.pushed: list[tuple[str, Mapping[str, Any]]] = []

    def push(self, member_id: str, event: Mapping[str, Any]) -> int:
        self.pushed.append((member_id, event))
        reachable = member_id in self.presence.online and member_id not in self.stale
        return 1 if reachable else 0


class InMemorySmsSender:
    def __init__(self, opted_out: set[str] | None = None) -> None:
        self.opted_out = opted_out or set()
        self.sent: list[tuple[str, str]] = []
        self.opt_out_checks = 0

    def is_opted_out(self, phone: str) -> bool:
        self.opt_out_checks += 1
        return phone in self.opted_out

    def send(self, phone: str, text: str) -> None:
        self.sent.append((phone, text))
