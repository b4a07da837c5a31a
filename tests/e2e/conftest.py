"""The local stack as a subprocess (`python -m devstack`), one per test worker."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from devstack.process import start_devstack, stop_devstack


@pytest.fixture(scope="session")
def devstack() -> Iterator[dict[str, str]]:
    """URLs of a running local stack shared by this worker's e2e tests."""
    proc, urls = start_devstack()
    yield urls
    stop_devstack(proc)
