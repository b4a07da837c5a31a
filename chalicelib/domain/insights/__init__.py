"""Insights: pickup, response, duration, ratings, escalations, claims and rising topics."""
