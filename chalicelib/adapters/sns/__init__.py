"""Amazon SNS adapters: transactional SMS and the marketplace events topic."""
