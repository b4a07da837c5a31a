"""Flooding: a pure rate and repetition policy over counts that the caller keeps.

The platform stores the counters (DynamoDB items with a TTL, so that limits hold across
Lambda instances); this module only decides. Keys: `window(now)` numbers the current rate
window and `fingerprint(text)` identifies a message whatever its case, accents, spacing or
punctuation, so that "Hello!!" and "hello" count as the same text.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from chalicelib.domain.moderation.normalise import fold
from chalicelib.domain.moderation.verdict import BLOCK, Reason

FLOOD = "flood"
_WORDS_RE = re.compile(r"[a-z0-9]+")


def fingerprint(text: str) -> str:
    """A stable 32-hex-digit digest of the normalised text (same across processes)."""
    normal = " ".join(_WORDS_RE.findall(fold(text)))
    return hashlib.blake2b(normal.encode("utf-8"), digest_size=16).hexdigest()


@dataclass(frozen=True, slots=True)
class FloodPolicy:
    """Per-member limits: messages per window, and the same text repeated recently."""

    max_messages: int = 20
    window_seconds: int = 60
    max_repeats: int = 3
    repeat_window_seconds: int = 600

    def window(self, now: float) -> int:
        """The number of the rate window `now` (epoch seconds) falls in."""
        return int(now // self.window_seconds)

    def check(self, *, sent_in_window: int, same_text_recently: int) -> Reason | None:
        """A blocking reason when this message would exceed a limit, else None.

        `sent_in_window`: messages this member already sent in the current window;
        `same_text_recently`: how many of the member's messages in the repeat window had
        this message's fingerprint. Both count earlier messages, not this one.
        """
        if sent_in_window >= self.max_messages:
            return Reason(FLOOD, "flood.rate", BLOCK)
        if same_text_recently >= self.max_repeats:
            return Reason(FLOOD, "flood.repeat", BLOCK)
        return None
