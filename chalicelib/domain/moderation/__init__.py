"""Moderation filters (SPEC B): personal data, off-platform deals, abuse, spam, flooding.

Pure: standard library only. `default_moderator().check(text, lang)` is the entry point;
see docs/moderation.md for the policy, the pipeline and how to extend the lexicons.
"""

from chalicelib.domain.moderation.flood import FloodPolicy, fingerprint
from chalicelib.domain.moderation.images import (
    ImageLabel,
    ImageModerator,
    ImageVerdict,
    InMemoryImageModerator,
    require_supported,
)
from chalicelib.domain.moderation.links import default_allowed_links
from chalicelib.domain.moderation.moderator import CATEGORIES, Moderator, default_moderator
from chalicelib.domain.moderation.verdict import ALLOW, BLOCK, MASK, REVIEW, Reason, Verdict

__all__ = [
    "ALLOW", "BLOCK", "CATEGORIES", "FloodPolicy", "ImageLabel",
    "ImageModerator", "ImageVerdict", "InMemoryImageModerator", "MASK", "Moderator", "REVIEW",
    "Reason", "Verdict", "default_allowed_links", "default_moderator", "fingerprint",
    "require_supported",
]
