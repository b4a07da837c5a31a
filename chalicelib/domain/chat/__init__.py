"""Live peer-help chat: presence, routing in waves, relay, escalation, oversight."""
