"""Privacy: a member's data erased on request (GDPR art. 17), see docs/privacy.md."""
