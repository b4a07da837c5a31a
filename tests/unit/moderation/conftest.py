"""One moderator for the whole package (building it compiles the lexicons), and one with
the rules only."""

from __future__ import annotations

import pytest

from chalicelib.domain.moderation import Moderator, default_moderator


@pytest.fixture(scope="session")
def moderator() -> Moderator:
    return default_moderator()


@pytest.fixture(scope="session")
def rules() -> Moderator:
    """Rules only: what the writings tests check must not depend on the learned stage."""
    return Moderator(learned=False)
