"""Amazon SQS adapters."""
