"""One moderator for the whole package: building it compiles the lexicons."""

from __future__ import annotations

import pytest

from chalicelib.domain.moderation import Moderator, default_moderator


@pytest.fixture(scope="session")
def moderator() -> Moderator:
    return default_moderator()
