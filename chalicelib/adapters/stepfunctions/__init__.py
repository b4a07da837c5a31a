"""AWS Step Functions adapters: the settle_claim state machine."""
