"""The moderation filters as the text ports of the chat, the claims and the knowledge base."""

from __future__ import annotations

from chalicelib.domain.chat.ports import TextVerdict
from chalicelib.domain.errors import RuleRefused
from chalicelib.domain.moderation import Moderator, default_moderator


class FilterModerator:
    """The chat's text moderator port over the moderation filters (reasons as plain dicts).

    Pure and in-process: moderating an allowed message costs no AWS call.
    """

    def __init__(self, filters: Moderator | None = None,
                 thresholds: tuple[float, float, float, float] | None = None) -> None:
        """`thresholds`: the learned stage's (review, block, veto, strong) probabilities, from
        the settings."""
        self._filters = filters
        self._thresholds = thresholds

    @property
    def filters(self) -> Moderator:
        """The filters, built by the first text that needs them (~50 ms of a cold start that
        a `ping` or `presence.set` need not pay)."""
        if self._filters is None:
            self._filters = default_moderator(*(self._thresholds or ()))
        return self._filters

    def check(self, text: str, lang: str | None = None) -> TextVerdict:
        """The verdict, the text as it may be stored and relayed, and why."""
        verdict = self.filters.check(text, lang)
        return TextVerdict(verdict.verdict, verdict.text, [r.to_json() for r in verdict.reasons])


class VerdictModerator:
    """The claims' Moderator port: blocked is None, else the text as it may be stored."""

    def __init__(self, moderator: FilterModerator) -> None:
        self._moderator = moderator

    def clean(self, text: str, lang: str) -> str | None:
        """The storable text, or None when blocked."""
        verdict = self._moderator.check(text, lang)
        return None if verdict.verdict == "block" else verdict.text


class ModeratorMasker:
    """The knowledge base's Masker port: personal data masked, blocked text refused."""

    def __init__(self, moderator: FilterModerator) -> None:
        self._moderator = moderator

    def mask(self, text: str, lang: str) -> str:
        """The text as it may be stored; refused when moderation blocks it outright."""
        verdict = self._moderator.check(text, lang)
        if verdict.verdict == "block" or verdict.text is None:
            raise RuleRefused("this text breaks the community rules", code="text_blocked")
        return verdict.text
