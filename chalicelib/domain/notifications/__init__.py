"""Notifications: channel choice (in-app or SMS), SMS templates and segment arithmetic."""
