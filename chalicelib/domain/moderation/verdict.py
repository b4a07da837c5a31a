"""Verdicts and reasons: one verdict per text, with machine-readable reasons."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

ALLOW, MASK, REVIEW, BLOCK = "allow", "mask", "review", "block"
# Precedence when several reasons apply: block > review > mask > allow.
RANK = {ALLOW: 0, MASK: 1, REVIEW: 2, BLOCK: 3}
SEVERITY = {ALLOW: "none", MASK: "low", REVIEW: "medium", BLOCK: "high"}


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a verdict was given: category, rule, the action it asks for, where in the text.

    `start`/`end` are code-point offsets in the original text (None for reasons about the
    sender, such as flooding). A reason never carries the matched text itself, so reasons
    can be stored and logged without repeating personal data or abuse.
    """

    category: str
    rule: str
    action: str
    start: int | None = None
    end: int | None = None

    @property
    def severity(self) -> str:
        """`low` (mask), `medium` (review) or `high` (block)."""
        return SEVERITY[self.action]

    def to_json(self) -> dict[str, Any]:
        """The wire form of one reason."""
        return {
            "category": self.category,
            "rule": self.rule,
            "action": self.action,
            "severity": self.severity,
            "start": self.start,
            "end": self.end,
        }


def strongest(actions: list[str] | tuple[str, ...]) -> str:
    """The verdict that wins among actions (allow when there are none)."""
    return max(actions, key=RANK.__getitem__, default=ALLOW)


@dataclass(frozen=True, slots=True)
class Verdict:
    """The outcome for one text: `text` is what may be stored and relayed.

    `text` is the original for allow, the text with placeholders such as `[phone]` for mask
    and review (a review item is stored masked until staff decide), and None for block:
    blocked content is never stored or relayed in clear.
    """

    verdict: str
    text: str | None
    reasons: tuple[Reason, ...] = ()

    @property
    def allowed(self) -> bool:
        """Whether the text may be relayed as written."""
        return self.verdict == ALLOW

    @property
    def categories(self) -> frozenset[str]:
        """The categories its reasons found (`pii`, `insult`, `off_platform`, `spam`...)."""
        return frozenset(reason.category for reason in self.reasons)

    def with_reasons(self, *extra: Reason) -> Verdict:
        """This verdict with more reasons (e.g. flooding), precedence applied again."""
        if not extra:
            return self
        reasons = self.reasons + extra
        verdict = strongest([r.action for r in reasons])
        return Verdict(verdict, None if verdict == BLOCK else self.text, reasons)

    def to_json(self) -> dict[str, Any]:
        """`{"verdict", "text", "reasons": [...]}` as `POST /moderation/check` returns it."""
        return {
            "verdict": self.verdict,
            "text": self.text,
            "reasons": [reason.to_json() for reason in self.reasons],
        }
