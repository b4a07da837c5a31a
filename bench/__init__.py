"""Benchmarks: each runs with `python -m bench.<name>` and rewrites its section of
docs/benchmarks.md."""
