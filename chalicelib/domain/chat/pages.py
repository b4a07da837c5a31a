"""Pages of messages bounded by their encoded size: a `message.sync` reply fits in one
`@connections` post (128 KB) and a transcript page stays far below Lambda's 6 MB response."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from chalicelib.domain.chat.model import Message
from chalicelib.domain.clock import wire_time

# API Gateway refuses a `post_to_connection` body over 128 KB (PayloadTooLargeException).
POST_LIMIT_BYTES = 128 * 1024
# The messages of one sync reply; the rest of the frame (type, request_id of at most 128
# characters, conversation_id, more, last_seq) takes well under 2 KB, so 32 KB stay spare.
SYNC_BUDGET_BYTES = 96 * 1024
SYNC_LIMIT = 500
# Messages of one transcript page: 1 MB, a sixth of Lambda's 6 MB response limit.
TRANSCRIPT_BUDGET_BYTES = 1_000_000
TRANSCRIPT_LIMIT = 1_000


def encode_frame(payload: Mapping[str, Any]) -> bytes:
    """A frame as it goes on the wire: compact JSON in UTF-8 (the pusher sends these bytes)."""
    return json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode()


@dataclass(frozen=True)
class Page:
    """Messages in wire form, and whether more follow the last one."""

    messages: list[dict[str, Any]]
    more: bool

    @property
    def last_seq(self) -> int | None:
        """The seq of the last message given (None for an empty page)."""
        return int(self.messages[-1]["seq"]) if self.messages else None


def page_of(messages: Sequence[Message], budget_bytes: int, limit: int) -> Page:
    """The first messages, in order, whose encoded size stays within `budget_bytes` (at least
    one, however large) and whose number stays within `limit`; `more` when any is left out.
    `messages` may hold one beyond `limit`: its presence alone says that more follow."""
    page: list[dict[str, Any]] = []
    used = 0
    for message in messages[:limit]:
        wire = message.to_json() | {"ts": wire_time(message.ts)}
        size = len(encode_frame(wire)) + 1  # and the comma that separates it from the next
        if page and used + size > budget_bytes:
            return Page(page, True)
        page.append(wire)
        used += size
    return Page(page, len(messages) > limit)
