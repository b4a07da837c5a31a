"""Knowledge base: articles drawn from good conversations, and suggestions as members type."""
