"""PynamoDB attributes shared by the models of several contexts."""

from __future__ import annotations

import time
from typing import Any

from pynamodb.attributes import NumberAttribute


class EpochTTL(NumberAttribute):
    """A DynamoDB TTL attribute as plain epoch seconds (what DynamoDB itself expects)."""

    ttl = True

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("null", True)
        super().__init__(**kwargs)


def retention_days(model: type) -> int:
    """The model's retention in days: its `Meta.retention` setting, as bound from the settings
    by `bind_models`, else that setting's default."""
    bound = getattr(model.Meta, "retention_days", None)
    if bound is not None:
        return int(bound)
    from chalicelib.settings import Settings

    return int(Settings.__dataclass_fields__[model.Meta.retention].default)


class Retained:
    """Mixin of a model whose every item expires (docs/privacy.md): each write carries
    `expires_at`, now + the model's retention. A put (save, in a transaction or a batch) sets it
    when unset; an update sets it when the item has none, or, with `Meta.retention_refresh`,
    again from now (the members mirror and presence: retention from the last activity). The
    stores need not think of it, so no writer can forget it."""

    def _expiry(self) -> int:
        return int(time.time()) + retention_days(type(self)) * 86400

    def _with_ttl(self, actions: list[Any]) -> list[Any]:
        ttl = type(self).expires_at  # type: ignore[attr-defined]
        if any(getattr(a.values[0], "path", None) == [ttl.attr_name] for a in actions):
            return actions
        refresh = getattr(type(self).Meta, "retention_refresh", False)  # type: ignore[attr-defined]
        value = self._expiry()
        return [*actions, ttl.set(value if refresh else ttl | value)]

    def serialize(self, null_check: bool = True) -> dict[str, Any]:
        if getattr(self, "expires_at", None) is None:
            self.expires_at = self._expiry()
        return super().serialize(null_check)  # type: ignore[misc]

    def update(self, actions: list[Any], condition: Any = None, **kwargs: Any) -> Any:
        return super().update(self._with_ttl(actions), condition, **kwargs)  # type: ignore[misc]

    def get_update_kwargs_from_instance(self, actions: list[Any], *args: Any,
                                        **kwargs: Any) -> Any:
        return super().get_update_kwargs_from_instance(  # type: ignore[misc]
            self._with_ttl(actions), *args, **kwargs)
