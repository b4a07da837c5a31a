"""Helpers shared by the rules tests."""

from __future__ import annotations

from chalicelib.domain.moderation.verdict import Verdict


def rule_names(found: Verdict) -> list[str]:
    """The rules behind a verdict, in its order ("pii.phone", "off_platform.channel.move"…)."""
    return [reason.rule for reason in found.reasons]
