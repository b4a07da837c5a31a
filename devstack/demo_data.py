"""The fixed demo data of PROTOCOL.md: ids any client or test can rely on."""

from __future__ import annotations

MEMBERS = [
    # member_id, display name, language, phone, roles, tier, reputation
    ("m-alice", "Alice", "fr", "+33612345601", ["member"], None, (4.9, 42, 0.98)),
    ("m-bob", "Bob", "fr", "+33612345602", ["member"], None, (4.6, 15, 0.93)),
    ("m-chloe", "Chloé", "fr", "+33612345603", ["member"], None, (4.8, 25, 0.96)),
    ("m-david", "David", "en", "+33612345604", ["member"], None, (4.2, 8, 0.88)),
    ("h-1", "Hélène", "fr", "+33612345611", ["member", "helper"], None, (4.95, 120, 0.99)),
    ("h-2", "Hugo", "fr", "+33612345612", ["member", "helper"], None, (4.9, 85, 0.98)),
    ("h-3", "Harriet", "en", "+33612345613", ["member", "helper"], None, (4.85, 60, 0.97)),
    ("h-4", "Hakim", "fr", "+33612345614", ["member", "helper"], None, (4.8, 44, 0.97)),
    ("h-5", "Hannah", "en", "+33612345615", ["member", "helper"], None, (4.9, 70, 0.99)),
    ("a-l1", "Agent Léa", "fr", None, ["agent"], "L1", None),
    ("a-l2", "Agent Louis", "fr", None, ["agent"], "L2", None),
    ("s-1", "Sophie (supervisor)", "fr", None, ["agent", "supervisor"], "supervisor", None),
    ("adm-1", "Admin", "en", None, ["admin"], None, None),
]

# Helper id -> (languages, topics) of their approved profile.
HELPERS = {
    "h-1": (["fr"], ["booking", "payment", "account", "trip"]),
    "h-2": (["fr", "en"], ["booking", "trip"]),
    "h-3": (["en"], ["booking", "payment", "account"]),
    "h-4": (["fr"], ["account", "trip", "payment"]),
    "h-5": (["en", "fr"], ["booking", "payment", "account", "trip"]),
}

# Helpers allowed to read any transcript (SPEC A7: "authorised Helpers").
TRANSCRIPT_READERS = {"h-1"}

# Agents take every topic and language; tier drives their delegation ceiling.
AGENTS = {"a-l1": ["fr", "en"], "a-l2": ["fr", "en"], "s-1": ["fr", "en"]}

# Bookings of PROTOCOL.md: id, driver, passenger, contribution and service fee (cents), hours
# from the stack's start to departure. bk-1 left 18 h ago, so no-show claims (reportable within
# 24 h of departure) can be filed for the first 6 hours of a `make dev` session.
BOOKINGS = [
    ("bk-1", "m-bob", "m-alice", 2500, 300, -18),
    ("bk-2", "m-alice", "m-chloe", 1800, 250, 24),
]
