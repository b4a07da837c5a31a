"""One moderator for the whole package (building it compiles the lexicons), and one with
the rules only."""

from __future__ import annotations

import pytest

from chalicelib.domain.moderation import Moderator, default_moderator
from chalicelib.domain.moderation.learned import LinearModel


@pytest.fixture(scope="session")
def moderator() -> Moderator:
    return default_moderator()


@pytest.fixture(scope="session")
def rules() -> Moderator:
    """Rules only: what the writings tests check must not depend on the learned stage."""
    return Moderator(learned=False)


@pytest.fixture(scope="session")
def sceptic() -> Moderator:
    """A model scoring every label at p ~ 0.0001: it vetoes every ordinary review finding, not
    those of the phrase rules marked `firm`."""
    return Moderator(learned=LinearModel([-9.0, -9.0, -9.0], {}), veto_threshold=0.05)
