"""The composition root: `services()` builds every service once, on first use, from the
settings. It holds no behaviour: how one context reacts to another is a policy
(chalicelib/policies/); each context's builders are in this package, one module per context.
"""

from chalicelib.composition.root import Services, reset, services

__all__ = ["Services", "reset", "services"]
