"""AWS Secrets Manager adapters: keys read once per container."""
