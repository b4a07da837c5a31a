"""Fixtures of the programme tests (the fakes live in programme_fakes)."""

from programme_fakes import world  # noqa: F401
