"""Capacity planning: how many Helpers must be online, by queueing theory and by simulation."""
